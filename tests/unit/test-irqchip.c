// SPDX-License-Identifier: GPL-2.0-only
/*
 * List-register overflow bookkeeping: the real core/irqchip.c against list
 * registers simulated in host memory (host-arch.c).
 */
#include <string.h>

#include "host-arch.h"
#include "unit.h"
#include <hyp/irqchip.h>

static struct irq_pending p;

static void setup(unsigned int lrs)
{
	memset(&host, 0, sizeof(host));
	memset(&p, 0, sizeof(p));
	host.num_lrs = lrs;
}

/* The cell takes and completes the interrupt in list register n. */
static void guest_completes(unsigned int n)
{
	host.lr[n].state = LR_EMPTY;
}

static int listed(u32 intid)
{
	unsigned int i;

	for (i = 0; i < host.num_lrs; i++)
		if (host.lr[i].state != LR_EMPTY && host.lr[i].intid == intid)
			return (int)i;
	return -1;
}

static void fits_in_free_lr(void)
{
	setup(4);
	irqchip_inject(&p, 33, true, 0);
	CHECK(listed(33) == 0);
	CHECK(host.lr[0].hw);
	CHECK(p.count == 0);
	CHECK(!host.underflow);
}

static void overflow_is_kept_and_arms_underflow(void)
{
	unsigned int i;

	setup(4);
	for (i = 0; i < 6; i++)
		irqchip_inject(&p, 40 + i, true, 0);
	CHECK(p.count == 2);
	CHECK(p.overflows == 2);
	CHECK(host.underflow);
	CHECK(listed(44) == -1 && listed(45) == -1);
}

static void refill_delivers_everything_in_order(void)
{
	unsigned int i;

	setup(2);
	for (i = 0; i < 5; i++)
		irqchip_inject(&p, 50 + i, true, 0);
	CHECK(listed(50) >= 0 && listed(51) >= 0);
	guest_completes((unsigned int)listed(50));
	irqchip_refill(&p);
	CHECK(listed(52) >= 0);
	CHECK(listed(53) == -1);
	CHECK(host.underflow);
	guest_completes((unsigned int)listed(51));
	guest_completes((unsigned int)listed(52));
	irqchip_refill(&p);
	CHECK(listed(53) >= 0 && listed(54) >= 0);
	CHECK(p.count == 0);
	CHECK(!host.underflow);
	CHECK(host.writes == 5);
}

/*
 * A hardware interrupt cannot arrive again before the cell completes it, so
 * model exactly that: each INTID is either idle or outstanding, and every
 * injected one must be delivered exactly once, however full the LRs are.
 */
static unsigned int complete_all(bool *outstanding)
{
	unsigned int i, n = 0;

	for (i = 0; i < host.num_lrs; i++) {
		if (host.lr[i].state == LR_EMPTY)
			continue;
		if (outstanding[host.lr[i].intid])
			n++;
		outstanding[host.lr[i].intid] = false;
		guest_completes(i);
	}
	irqchip_refill(&p);
	return n;
}

static void none_lost_under_storm(void)
{
	static bool outstanding[IRQCHIP_MAX_IRQS];
	unsigned int round, i, injected = 0, delivered = 0, guard = 0;

	setup(4);
	memset(outstanding, 0, sizeof(outstanding));
	for (round = 0; round < 500; round++) {
		for (i = 0; i < 9; i++) {
			u32 irq = 32 + (round * 37 + i * 11) % 250;

			if (outstanding[irq])
				continue;
			outstanding[irq] = true;
			injected++;
			irqchip_inject(&p, irq, true, 0);
		}
		if (round % 3 == 0)
			delivered += complete_all(outstanding);
	}
	while ((p.count || arch_gic_empty_lrs() != 0xf) && guard++ < 1000)
		delivered += complete_all(outstanding);
	CHECK(injected > 300);
	printf("  storm: %u injected, %llu waited for a list register\n",
	       injected, (unsigned long long)p.overflows);
	CHECK(delivered == injected);
	CHECK(p.overflows > 0);
	CHECK(!host.underflow);
}

static void pending_sgi_merges(void)
{
	setup(4);
	irqchip_inject(&p, 1, false, 0);
	irqchip_inject(&p, 1, false, 0);
	CHECK(host.writes == 1);
	CHECK(p.count == 0);
}

static void active_sgi_gets_pending_again(void)
{
	int n;

	setup(4);
	irqchip_inject(&p, 2, false, 0);
	n = listed(2);
	CHECK(n >= 0);
	host.lr[n].state = LR_ACTIVE; /* the cell acknowledged it */
	irqchip_inject(&p, 2, false, 0);
	CHECK(host.lr[n].state == (LR_ACTIVE | LR_PENDING));
	CHECK(host.writes == 1);
}

static void queued_sgi_keeps_each_source(void)
{
	unsigned int i;

	setup(1);
	irqchip_inject(&p, 40, true, 0);
	irqchip_inject(&p, 3, false, 1);
	irqchip_inject(&p, 3, false, 2);
	CHECK(p.count == 1);
	CHECK(p.sgi_sources[3] == 0x6);
	guest_completes(0);
	irqchip_refill(&p);
	CHECK(listed(3) == 0 && host.lr[0].source == 1);
	for (i = 0; i < 2; i++) {
		guest_completes(0);
		irqchip_refill(&p);
	}
	CHECK(host.writes == 3);
	CHECK(p.count == 0);
	CHECK(!host.underflow);
}

static void newcomer_waits_behind_queue(void)
{
	setup(1);
	irqchip_inject(&p, 60, true, 0);
	irqchip_inject(&p, 61, true, 0);
	guest_completes(0);
	/* an LR is free now, but 61 has been waiting longer than 35 */
	irqchip_inject(&p, 35, true, 0);
	CHECK(listed(35) == 0);
	CHECK(p.count == 1);
	guest_completes(0);
	irqchip_refill(&p);
	CHECK(listed(61) == 0);
	CHECK(p.count == 0);
}

static void out_of_range_ignored(void)
{
	setup(4);
	irqchip_inject(&p, IRQCHIP_MAX_IRQS, true, 0);
	irqchip_inject(&p, 0xffffffffu, true, 0);
	CHECK(host.writes == 0);
	CHECK(p.count == 0);
}

int main(void)
{
	RUN(fits_in_free_lr);
	RUN(overflow_is_kept_and_arms_underflow);
	RUN(refill_delivers_everything_in_order);
	RUN(none_lost_under_storm);
	RUN(pending_sgi_merges);
	RUN(active_sgi_gets_pending_again);
	RUN(queued_sgi_keeps_each_source);
	RUN(newcomer_waits_behind_queue);
	RUN(out_of_range_ignored);
	UNIT_DONE();
}
