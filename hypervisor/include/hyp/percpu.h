/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU state.  Each CPU's area holds this struct at its start and the
 * CPU's EL2 stack at its end; TPIDR_EL2 points to it.  An area is only ever
 * written by its own CPU, except for the CPU_ON hand-over, which is cleaned to
 * the point of coherency before the target starts with its MMU off.
 */
#ifndef HYP_PERCPU_H
#define HYP_PERCPU_H

#include <warden/cell.h>
#include <hyp/irqchip.h>
#include <hyp/types.h>
#include <asm/percpu.h>

/*
 * Per CPU: struct per_cpu at the bottom, the EL2 stack above it.  The
 * deepest stack use seen in the system tests is about 1.5 KiB (reported at
 * disable, checked by tests/system: stacks_ok).
 */
#define PERCPU_SIZE (8 * 1024UL)

/* Exit reasons, counted per CPU; the numbers are the ABI's (cell.h). */
enum cpu_stat {
	STAT_EXITS = WARDEN_STAT_EXITS,
	STAT_HVC = WARDEN_STAT_HVC,
	STAT_SMC = WARDEN_STAT_SMC,
	STAT_PSCI = WARDEN_STAT_PSCI,
	STAT_MMIO = WARDEN_STAT_MMIO,
	STAT_IRQ = WARDEN_STAT_IRQ,
	STAT_SGI = WARDEN_STAT_SGI,
	STAT_SYSREG = WARDEN_STAT_SYSREG,
	STAT_MAINTENANCE = WARDEN_STAT_MAINTENANCE,
	STAT_NUM = WARDEN_STAT_NUM
};

struct per_cpu {
	u32 cpu; /* index in platform.cpu_mpidr[] */
	u32 online; /* runs under the hypervisor (written by this CPU only) */
	u64 mpidr;
	/*
	 * The cell this CPU runs, or will run after a CPU_ON (set by whoever
	 * starts it, before it is powered on).
	 */
	struct cell *cell;
	struct irq_pending pending;
	u64 stats[STAT_NUM];
	struct arch_per_cpu arch;
};

_Static_assert(sizeof(struct per_cpu) <= PERCPU_SIZE / 2, "per-CPU area");

/* What the unused part of a CPU's stack holds from enable on. */
#define PERCPU_STACK_PAINT 0x57415244454e5354ULL /* "WARDENST" */

struct per_cpu *per_cpu_of(unsigned int cpu);
/* The most of its stack this CPU has used since enable, in bytes. */
unsigned long percpu_stack_used(const struct per_cpu *pc);

#endif /* HYP_PERCPU_H */
