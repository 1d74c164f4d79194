/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cell's CPUs.  A CPU's index is its position in the comm region's
 * cpus[] (0 is the boot CPU); start-up keeps it in TPIDR_EL1.
 */
#ifndef INMATE_CPU_H
#define INMATE_CPU_H

#include <stdint.h>

#include "sysreg.h"

typedef void (*cpu_entry_t)(unsigned int cpu);

/* Index of the calling CPU. */
static inline unsigned int cpu_current(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}

/* Unmask (or mask) IRQs on the calling CPU. */
static inline void cpu_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void cpu_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

/* Mask IRQs and return the previous DAIF, for cpu_irq_restore(). */
static inline uint64_t cpu_irq_save(void)
{
	uint64_t daif = read_sysreg(daif);

	cpu_irq_disable();
	return daif;
}

static inline void cpu_irq_restore(uint64_t daif)
{
	write_sysreg(daif, daif);
}

/* Number of CPUs of the cell, and the MPIDR affinity of one of them. */
unsigned int cpu_count(void);
uint64_t cpu_mpidr(unsigned int cpu);
/*
 * Start CPU cpu (1..cpu_count()-1) with PSCI CPU_ON: it runs fn(cpu) on its
 * own stack, then turns itself off when fn returns.  Returns the PSCI
 * status (0 on success).
 */
int cpu_start(unsigned int cpu, cpu_entry_t fn);
/* Called by the secondary entry in crt0.S. */
void cpu_secondary_main(uint64_t cpu);
/* Stop the calling CPU for good (masked IRQs, WFI loop). */
void cpu_halt(void) __attribute__((noreturn));

#endif /* INMATE_CPU_H */
