/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupts.  All of them are virtual, injected by the hypervisor; the GIC
 * version (2 or 3) comes from the comm region, and gic.c calls the
 * matching driver (gic-v2.c, gic-v3.c).  SGI 15 belongs to the hypervisor.
 */
#ifndef INMATE_GIC_H
#define INMATE_GIC_H

#include <stdint.h>

#define GIC_MAX_SGI 14 /* SGIs 0..14 are the cell's */
#define GIC_NUM_HANDLERS 256 /* handlers for INTIDs below this */
#define GIC_SPURIOUS 1020 /* INTIDs 1020..1023 */
#define GIC_IRQ_PRIORITY 0xa0

typedef void (*gic_handler_t)(uint32_t intid);

/* The driver of one GIC version. */
struct gic_ops {
	int (*init_cpu)(unsigned int cpu);
	void (*enable_irq)(unsigned int cpu, uint32_t intid);
	void (*disable_irq)(unsigned int cpu, uint32_t intid);
	void (*send_sgi)(unsigned int target, uint32_t sgi);
	/* what send_sgi writes: ICC_SGI1R_EL1, or GICD_SGIR (GICv2) */
	uint64_t (*sgi_word)(unsigned int target, uint32_t sgi);
	uint32_t (*ack)(void); /* raw IAR */
	void (*eoi)(uint32_t iar);
	uint32_t intid_mask; /* INTID bits of the IAR */
};

/* Set up the calling CPU's interface; every CPU calls it. 0 or -1. */
int gic_init(void);
void gic_set_handler(uint32_t intid, gic_handler_t handler);
/* Enable (priority GIC_IRQ_PRIORITY) or disable an interrupt; SGIs and
 * PPIs only for the calling CPU. */
void gic_enable_irq(uint32_t intid);
void gic_disable_irq(uint32_t intid);
/* Send SGI sgi (0..GIC_MAX_SGI) to cell CPU target. */
void gic_send_sgi(unsigned int target, uint32_t sgi);
/* The IRQ vector's dispatcher. */
void gic_handle_irq(void);

/*
 * For programs with an IRQ vector of their own (the benchmarks): the raw
 * acknowledge and end of interrupt, the INTID of an IAR value, and the
 * value that sends SGI sgi to cell CPU target (written to ICC_SGI1R_EL1 on
 * GICv3, to GICD_SGIR on GICv2).  gic_init() first.
 */
uint32_t gic_ack(void);
void gic_eoi(uint32_t iar);
uint32_t gic_intid(uint32_t iar);
uint64_t gic_sgi_word(unsigned int target, uint32_t sgi);

extern const struct gic_ops gicv2_ops;
extern const struct gic_ops gicv3_ops;

#endif /* INMATE_GIC_H */
