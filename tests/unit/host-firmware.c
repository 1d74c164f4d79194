// SPDX-License-Identifier: GPL-2.0-only
/*
 * The firmware under the hypervisor, for the tests of the real psci.c: every
 * SMC is recorded (OP_SMC) and answered as PSCI 1.1 firmware would, with the
 * CPUs of host-hyp.c's simulation.  A test makes a call fail with
 * host_fail(OP_SMC, fid, psci_error).
 */
#include <string.h>

#include <asm/percpu.h>
#include <asm/psci.h>
#include <hyp/setup.h>

#include "host-hyp.h"

/* Where a CPU powered on by the hypervisor enters it (entry.S). */
char hyp_cpu_on_entry[4];

static int cpu_of(u64 mpidr)
{
	unsigned int i;

	for (i = 0; i < hyp.config->platform.num_cpus; i++)
		if (platform_mpidr(i) == mpidr)
			return (int)i;
	return -1;
}

static void come_up(void *arg)
{
	setup_cpu_on(arg);
}

static long cpu_on(u64 mpidr, u64 entry, u64 context)
{
	struct trap_frame frame;
	int cpu = cpu_of(mpidr);

	if (cpu < 0 || entry != (u64)(uintptr_t)hyp_cpu_on_entry ||
	    context != (u64)(uintptr_t)per_cpu_of((unsigned int)cpu))
		return PSCI_INVALID_PARAMETERS;
	if (hh.powered & (1ULL << cpu))
		return PSCI_ALREADY_ON;
	hh.powered |= 1ULL << cpu;
	memset(&frame, 0, sizeof(frame));
	host_on_cpu((unsigned int)cpu, come_up, &frame);
	return PSCI_SUCCESS;
}

long host_smc(u64 fid, u64 a1, u64 a2, u64 a3)
{
	int err = host_failing(OP_SMC, fid);
	int cpu;

	host_rec(OP_SMC, fid, a1);
	if (err)
		return err;
	switch (fid) {
	case PSCI_VERSION:
		return 0x10001;
	case PSCI_MIGRATE_INFO_TYPE:
		return 2; /* no migration needed */
	case PSCI_CPU_ON | PSCI_64:
		return cpu_on(a1, a2, a3);
	case PSCI_CPU_OFF:
		hh.powered &= ~(1ULL << hh.cpu);
		host_leave(OP_CPU_POWER_OFF);
	case PSCI_AFFINITY_INFO | PSCI_64:
		cpu = cpu_of(a1);
		if (cpu < 0 || a2)
			return PSCI_INVALID_PARAMETERS;
		return (hh.powered & (1ULL << cpu)) ? 0 : 1;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_SYSTEM_RESET2:
	case PSCI_SYSTEM_RESET2 | PSCI_64:
		host_leave(OP_MACHINE_DOWN);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}
