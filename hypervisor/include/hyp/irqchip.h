/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual interrupt delivery.  Physical interrupts are taken at EL2 and put
 * into the list registers of the CPU that received them.  When all list
 * registers are busy the interrupt is remembered in a per-CPU pending set and
 * delivered from the underflow maintenance interrupt, so none is lost.
 */
#ifndef HYP_IRQCHIP_H
#define HYP_IRQCHIP_H

#include <hyp/types.h>

#define IRQCHIP_MAX_IRQS 1024
#define IRQCHIP_NUM_SGIS 16
#define IRQCHIP_SPURIOUS 1020
#define IRQCHIP_FIRST_LPI 8192u /* IHI 0069 1.2.1 */
/*
 * LPIs waiting for a list register, the root's only.  An LPI has no active
 * state to hold it in the GIC, and Linux's MSIs come a few at a time: a
 * short list, and an LPI that finds it full is counted as lost.
 */
#define IRQCHIP_MAX_LPIS 32u

struct irq_pending {
	u64 bits[IRQCHIP_MAX_IRQS / 64];
	u64 hw[IRQCHIP_MAX_IRQS / 64]; /* pending entry is a physical one */
	u8 sgi_sources[IRQCHIP_NUM_SGIS]; /* GICv2: bitmap of source CPUs */
	u32 lpis[IRQCHIP_MAX_LPIS]; /* oldest first */
	u32 num_lpis;
	u32 count; /* waiting: bits set plus num_lpis */
	u64 overflows; /* statistics: interrupts that waited for an LR */
	u64 lpis_lost; /* LPIs that found lpis[] full */
};

/* Queue intid for the calling CPU's cell, into a list register if one is free. */
void irqchip_inject(struct irq_pending *p, u32 intid, bool hw, u32 source);
/* Move pending interrupts into free list registers (maintenance handler). */
void irqchip_refill(struct irq_pending *p);

#endif /* HYP_IRQCHIP_H */
