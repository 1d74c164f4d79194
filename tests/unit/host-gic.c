// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for the interrupt hooks of hypervisor/arch/arm64/gic.c: the
 * calls are recorded and a kick reaches the simulated CPU at once.  (The
 * list registers are host-lr.c's.)
 */
#include <hyp/cell.h>
#include <hyp/setup.h>

#include "host-hyp.h"

/* The kicked CPU takes the hypervisor's SGI. */
static void take_kick(void *arg)
{
	struct per_cpu *pc = arg;

	if (pc->online)
		cell_check_stop(pc);
}

void arch_cpu_kick(unsigned int cpu)
{
	host_rec(OP_CPU_KICK, cpu, 0);
	if (!(hh.stuck & (1ULL << cpu)))
		host_on_cpu(cpu, take_kick, per_cpu_of(cpu));
}

int arch_cell_cpu_map(struct cell *cell, unsigned int cpu)
{
	host_rec(OP_CPU_MAP, cell->id, cpu);
	return host_failing(OP_CPU_MAP, cell->id);
}

int arch_cell_cpu_unmap(struct cell *cell, unsigned int cpu)
{
	host_rec(OP_CPU_UNMAP, cell->id, cpu);
	return host_failing(OP_CPU_UNMAP, cell->id);
}

void arch_comm_fill(const struct cell *cell, struct warden_comm_region *comm)
{
	host_rec(OP_COMM_FILL, cell->id, 0);
	comm->gic_version = WARDEN_GIC_V3;
	comm->num_cpus = hyp.config->platform.num_cpus;
}

void arch_irq_reset(u32 intid)
{
	host_rec(OP_IRQ_RESET, intid, 0);
}

void arch_irq_route(const struct cell *owner, u32 intid)
{
	if (intid >= ARRAY_SIZE(hh.route_owner))
		return;
	hh.route_owner[intid] = (u8)(owner->id + 1);
	hh.route_count[intid]++;
}

void arch_irq_set_pending(u32 intid)
{
	host_rec(OP_IRQ_PENDING, intid, 0);
}

/* The SMMU's SPIs, as gic.c keeps them (smmu.c takes them at enable). */
static u32 host_hyp_irqs[1024 / 32];
void gic_hyp_irq_enable(u32 intid);
void gic_hyp_irq_disable(u32 intid);

bool arch_irq_is_hyp(u32 intid)
{
	return intid >= 32u && intid < 1024u &&
	       ((host_hyp_irqs[intid / 32u] >> (intid % 32u)) & 1u);
}

void gic_hyp_irq_enable(u32 intid)
{
	host_rec(OP_IRQ_HYP, intid, 1);
	host_hyp_irqs[intid / 32u] |= 1u << (intid % 32u);
}

void gic_hyp_irq_disable(u32 intid)
{
	host_rec(OP_IRQ_HYP, intid, 0);
	host_hyp_irqs[intid / 32u] &= ~(1u << (intid % 32u));
}

/* Virtual LPIs: the core's tests have none (the arm64 tests, gic.c's). */
bool host_holds_lpis;
bool arch_cpu_holds_lpis(struct per_cpu *pc)
{
	(void)pc;
	return host_holds_lpis;
}
