// SPDX-License-Identifier: GPL-2.0-only
/*
 * List-register bookkeeping (GIC architecture spec, IHI 0069, 4.9 and 6.2;
 * IHI 0048 5.3 for GICv2).  The pending set holds what did not fit; it is
 * drained lowest INTID first, which on Linux's default priorities is as good
 * an order as any, and the underflow maintenance interrupt is armed exactly
 * while the set is non-empty.
 *
 * Two list registers must never hold the same vINTID (IHI 0069 4.9.5), so an
 * interrupt that is already listed is either merged (still pending) or, for
 * a software-generated one the cell has active, marked pending+active.
 * Physical (hw) interrupts cannot arrive again while listed: the GIC keeps
 * them active until the cell deactivates them.
 */
#include <hyp/arch.h>
#include <hyp/irqchip.h>

/* An LPI waits in order of arrival; one already waiting merges with it. */
static void lpi_add(struct irq_pending *p, u32 intid)
{
	u32 i;

	for (i = 0; i < p->num_lpis; i++)
		if (p->lpis[i] == intid)
			return;
	if (p->num_lpis >= IRQCHIP_MAX_LPIS) {
		p->lpis_lost++;
		return;
	}
	p->lpis[p->num_lpis++] = intid;
	p->count++;
	p->overflows++;
	arch_gic_underflow_irq(true);
}

static void pending_add(struct irq_pending *p, u32 intid, bool hw, u32 source)
{
	u64 mask = 1UL << (intid % 64);

	if (intid >= IRQCHIP_MAX_IRQS) {
		if (intid >= IRQCHIP_FIRST_LPI)
			lpi_add(p, intid);
		return;
	}

	if (intid < IRQCHIP_NUM_SGIS && source < 8)
		p->sgi_sources[intid] |= (u8)(1u << source);
	if (p->bits[intid / 64] & mask)
		return;
	p->bits[intid / 64] |= mask;
	if (hw)
		p->hw[intid / 64] |= mask;
	else
		p->hw[intid / 64] &= ~mask;
	p->count++;
	p->overflows++;
	arch_gic_underflow_irq(true);
}

static bool try_list(u32 intid, bool hw, u32 source)
{
	bool pending;
	int n;

	if (!hw) {
		n = arch_gic_lr_find(intid, &pending);
		if (n >= 0) {
			/*
			 * Still pending: the two merge into one delivery,
			 * as the GIC itself merges edges.  (On GICv2 this
			 * may merge SGIs of two sources; Linux's IPIs do not
			 * depend on the source.)
			 */
			if (pending)
				return true;
			arch_gic_lr_add_pending((unsigned int)n);
			return true;
		}
	}
	return arch_gic_lr_add(intid, hw, source);
}

void irqchip_inject(struct irq_pending *p, u32 intid, bool hw, u32 source)
{
	if (intid >= IRQCHIP_MAX_IRQS && (intid < IRQCHIP_FIRST_LPI || hw))
		return;
	/* keep order: while others wait, a newcomer waits behind them */
	if (p->count || !try_list(intid, hw, source))
		pending_add(p, intid, hw, source);
	if (p->count)
		irqchip_refill(p);
}

/* Take the lowest pending source of a GICv2 SGI, or the entry itself. */
static u32 pop_source(struct irq_pending *p, u32 intid, bool *last)
{
	u8 src = intid < IRQCHIP_NUM_SGIS ? p->sgi_sources[intid] : 0;
	u32 s = src ? (u32)__builtin_ctz(src) : 0;

	if (src)
		p->sgi_sources[intid] = (u8)(src & (src - 1));
	*last = !src || !(src & (src - 1));
	return s;
}

void irqchip_refill(struct irq_pending *p)
{
	unsigned int w;

	for (w = 0; w < IRQCHIP_MAX_IRQS / 64 && p->count; w++) {
		while (p->bits[w]) {
			u32 bit = (u32)__builtin_ctzl(p->bits[w]);
			u32 intid = w * 64 + bit;
			bool hw = p->hw[w] & (1UL << bit), last;
			u32 src;

			if (!arch_gic_empty_lrs())
				return;
			src = pop_source(p, intid, &last);
			if (!try_list(intid, hw, src)) {
				if (intid < IRQCHIP_NUM_SGIS)
					p->sgi_sources[intid] |=
						(u8)(1u << src);
				return;
			}
			if (!last)
				continue;
			p->bits[w] &= ~(1UL << bit);
			p->count--;
		}
	}
	while (p->num_lpis && arch_gic_empty_lrs() &&
	       try_list(p->lpis[0], false, 0)) {
		p->num_lpis--;
		p->count--;
		for (w = 0; w < p->num_lpis; w++)
			p->lpis[w] = p->lpis[w + 1];
	}
	if (!p->count)
		arch_gic_underflow_irq(false);
}
