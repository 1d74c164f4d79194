/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the instructions the hypervisor's C code issues
 * (hypervisor/arch/arm64/include/asm/insn.h).  System registers are a table
 * that the test fills and every write is logged (tests/unit/host-hyp.c); an
 * SMC goes to the simulated firmware (host_smc); WFE is where a CPU stops
 * for good (a panic, a parked CPU), so on the host it leaves the simulated
 * CPU.  Barriers and TLB or cache maintenance have nothing to do here, but
 * for DC ZVA, which writes memory.
 */
#ifndef ASM_INSN_H
#define ASM_INSN_H

#include <hyp/types.h>

u64 host_read_sysreg(const char *name);
void host_write_sysreg(const char *name, u64 v);
void host_wfe(void);
long host_smc(u64 fid, u64 a1, u64 a2, u64 a3);
/* DC ZVA: only a test that links hypervisor/arch/arm64/zero.c defines it */
void host_dc_zva(u64 addr);

#define read_sysreg(r) host_read_sysreg(#r)
#define write_sysreg(r, v) host_write_sysreg(#r, (u64)(v))

#define isb() ((void)0)
#define dsb(opt) ((void)0)
#define dmb(opt) ((void)0)
#define wfe() host_wfe()
#define sev() ((void)0)
#define yield() ((void)0)
#define tlbi(op) ((void)0)
#define tlbi_addr(op, xt) ((void)(xt))
#define ic(op) ((void)0)
#define dc_zva(addr) host_dc_zva((u64)(addr))

static inline long smc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	return host_smc(fid, a1, a2, a3);
}

#endif /* ASM_INSN_H */
