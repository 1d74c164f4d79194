// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for the CPU power hooks of hypervisor/arch/arm64/psci.c:
 * CPUs are powered on and off in the simulation of host-hyp.c, and each
 * call is recorded.
 */
#include <string.h>

#include <asm/percpu.h>
#include <hyp/setup.h>

#include "host-hyp.h"

bool arch_cpu_is_off(unsigned int cpu)
{
	return !(hh.powered & (1ULL << cpu));
}

/* A CPU powered on by PSCI enters the hypervisor here (entry.S). */
static void come_up(void *arg)
{
	setup_cpu_on(arg);
}

int arch_cpu_start(unsigned int cpu, u64 entry, u64 context)
{
	struct trap_frame frame;
	int err = host_failing(OP_CPU_START, cpu);

	host_rec(OP_CPU_START, cpu, entry);
	hh.context = context;
	if (err)
		return err;
	hh.powered |= 1ULL << cpu;
	memset(&frame, 0, sizeof(frame));
	host_on_cpu(cpu, come_up, &frame);
	return 0;
}

void arch_cpu_power_off(void)
{
	hh.powered &= ~(1ULL << hh.cpu);
	host_leave(OP_CPU_POWER_OFF);
}

void arch_cpu_park(struct per_cpu *pc)
{
	pc->online = 0;
	hh.powered &= ~(1ULL << pc->cpu);
	host_leave(OP_CPU_PARK);
}
