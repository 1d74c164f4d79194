/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every instruction the hypervisor's C code issues by name: system register
 * moves, barriers, TLB and cache maintenance, the spin-wait
 * hint and the SMC to the firmware.  They are here, and nowhere else in a .c
 * file, so that the host unit tests can put a recording stand-in in their
 * place (tests/unit/host/asm/insn.h) and run the arm64 code on the build
 * machine.  (The spinlock's exclusives have their own header.)
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <hyp/types.h>

#define read_sysreg(r)                                      \
	({                                                  \
		u64 __rs_v;                                 \
		asm volatile("mrs %0, " #r : "=r"(__rs_v)); \
		__rs_v;                                     \
	})
#define write_sysreg(r, v)                                      \
	do {                                                    \
		u64 __ws_v = (u64)(v);                          \
		asm volatile("msr " #r ", %0" : : "r"(__ws_v)); \
	} while (0)

#define isb() asm volatile("isb" ::: "memory")
#define dsb(opt) asm volatile("dsb " #opt ::: "memory")
#define dmb(opt) asm volatile("dmb " #opt ::: "memory")
#define wfe() asm volatile("wfe" ::: "memory")
#define sev() asm volatile("sev" ::: "memory")
/* YIELD without a compiler barrier (cpu_relax() in asm/barrier.h has one) */
#define yield() asm volatile("yield")

/* TLB maintenance: TLBI <op>, and TLBI <op>, <Xt> with an address operand */
#define tlbi(op) asm volatile("tlbi " #op)
#define tlbi_addr(op, xt) asm volatile("tlbi " #op ", %0" : : "r"(xt))
/* Instruction cache maintenance: IC <op> */
#define ic(op) asm volatile("ic " #op)
/*
 * DC ZVA, <Xt>: zero the block of DCZID_EL0.BS bytes at addr, which must be
 * aligned to it, in Normal memory (ARM ARM C5.3, DC ZVA).
 */
#define dc_zva(addr) asm volatile("dc zva, %0" : : "r"(addr) : "memory")

/*
 * An SMC to the firmware with a function ID and three arguments (SMCCC,
 * ARM DEN 0028): the result is x0; x4-x17 may be clobbered.
 */
static inline long smc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fid;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return (long)x0;
}

#endif /* ASM_INSN_H */
