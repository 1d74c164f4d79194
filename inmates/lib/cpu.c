// SPDX-License-Identifier: BSD-2-Clause
/*
 * The cell's CPUs: their MPIDRs from the comm region, and PSCI CPU_ON with
 * the secondary entry of crt0.S.
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>

/* The secondary entry in crt0.S; x0 = context id = CPU index. */
void crt0_secondary(void);

static cpu_entry_t cpu_entries[INMATE_MAX_CPUS];

unsigned int cpu_count(void)
{
	unsigned int n = comm_region()->num_cpus;

	return n > INMATE_MAX_CPUS ? INMATE_MAX_CPUS : n;
}

uint64_t cpu_mpidr(unsigned int cpu)
{
	if (cpu >= cpu_count())
		return ~0ull;
	return comm_region()->cpus[cpu].mpidr;
}

int cpu_start(unsigned int cpu, cpu_entry_t fn)
{
	if (cpu == 0 || cpu >= cpu_count() || !fn)
		return PSCI_INVALID_PARAMETERS;
	WRITE_ONCE(cpu_entries[cpu], fn);
	/* The new CPU reads its entry with the MMU off: make it visible. */
	dsb(sy);
	return psci_cpu_on(cpu_mpidr(cpu), (uint64_t)(uintptr_t)crt0_secondary,
			   cpu);
}

void cpu_secondary_main(uint64_t cpu)
{
	cpu_entry_t fn = READ_ONCE(cpu_entries[cpu]);

	platform_cpu_init((unsigned int)cpu);
	timer_event_stream_enable();
	if (fn)
		fn((unsigned int)cpu);
	psci_cpu_off();
	cpu_halt();
}

void cpu_halt(void)
{
	cpu_irq_disable();
	for (;;)
		wfi();
}
