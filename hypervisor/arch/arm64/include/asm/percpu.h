/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/sysreg.h>
#include <hyp/types.h>

/*
 * EL2 state as the kernel's hyp stub left it, restored on disable so that
 * Linux finds its stub exactly as before (docs/architecture.md).
 */
struct arch_el2_state {
	u64 hcr, vtcr, vttbr, sctlr, tcr, mair, ttbr0, vbar;
	u64 cptr, mdcr, cnthctl, cntvoff, vpidr, vmpidr, sre;
};

struct arch_per_cpu {
	struct arch_el2_state stub;
	/* PSCI CPU_ON hand-over, written by the caller, cleaned to PoC */
	u64 on_entry;
	u64 on_context;
	u32 gic_cpumask; /* GICv2 CPU interface of this CPU */
	u64 icc_ctlr; /* physical CPU interface control as Linux had it */
};

/* Saved registers of the interrupted EL1 context (vectors.S). */
struct trap_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

struct per_cpu;

/* The calling CPU's area: TPIDR_EL2 points at it from entry on. */
static inline struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

#endif /* ASM_PERCPU_H */
