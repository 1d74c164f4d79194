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

struct irq_pending {
	u64 bits[IRQCHIP_MAX_IRQS / 64];
	u64 hw[IRQCHIP_MAX_IRQS / 64]; /* pending entry is a physical one */
	u8 sgi_sources[IRQCHIP_NUM_SGIS]; /* GICv2: bitmap of source CPUs */
	u32 count;
	u64 overflows; /* statistics: interrupts that waited for an LR */
};

/* Queue intid for the calling CPU's cell, into a list register if one is free. */
void irqchip_inject(struct irq_pending *p, u32 intid, bool hw, u32 source);
/* Move pending interrupts into free list registers (maintenance handler). */
void irqchip_refill(struct irq_pending *p);

#endif /* HYP_IRQCHIP_H */
