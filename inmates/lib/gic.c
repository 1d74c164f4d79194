// SPDX-License-Identifier: BSD-2-Clause
/*
 * GIC common part: picks the driver from the comm region's gic_version and
 * dispatches interrupts to the handlers.
 */
#include <inmate/inmate.h>

static const struct gic_ops *gic_ops;
static gic_handler_t gic_handlers[GIC_NUM_HANDLERS];

int gic_init(void)
{
	const struct gic_ops *ops;

	switch (comm_region()->gic_version) {
	case WARDEN_GIC_V2:
		ops = &gicv2_ops;
		break;
	case WARDEN_GIC_V3:
		ops = &gicv3_ops;
		break;
	default:
		printf("gic: unknown GIC version %u in the comm region\n",
		       comm_region()->gic_version);
		return -1;
	}
	WRITE_ONCE(gic_ops, ops);
	return ops->init_cpu(cpu_current());
}

void gic_set_handler(uint32_t intid, gic_handler_t handler)
{
	if (intid < GIC_NUM_HANDLERS)
		WRITE_ONCE(gic_handlers[intid], handler);
}

void gic_enable_irq(uint32_t intid)
{
	if (gic_ops)
		gic_ops->enable_irq(cpu_current(), intid);
}

void gic_disable_irq(uint32_t intid)
{
	if (gic_ops)
		gic_ops->disable_irq(cpu_current(), intid);
}

void gic_send_sgi(unsigned int target, uint32_t sgi)
{
	if (gic_ops && sgi <= GIC_MAX_SGI && target < cpu_count())
		gic_ops->send_sgi(target, sgi);
}

void gic_handle_irq(void)
{
	const struct gic_ops *ops = gic_ops;
	gic_handler_t handler;
	uint32_t iar, intid;

	if (!ops)
		return;
	for (;;) {
		iar = ops->ack();
		intid = iar & ops->intid_mask;
		if (intid >= GIC_SPURIOUS && intid <= 1023)
			break;
		handler = intid < GIC_NUM_HANDLERS ? gic_handlers[intid] : NULL;
		if (handler)
			handler(intid);
		else
			printf("gic: unhandled interrupt %u\n", intid);
		ops->eoi(iar);
	}
}

uint32_t gic_ack(void)
{
	return gic_ops ? gic_ops->ack() : GIC_SPURIOUS + 3;
}

void gic_eoi(uint32_t iar)
{
	if (gic_ops)
		gic_ops->eoi(iar);
}

uint32_t gic_intid(uint32_t iar)
{
	return gic_ops ? iar & gic_ops->intid_mask : GIC_SPURIOUS + 3;
}

uint64_t gic_sgi_word(unsigned int target, uint32_t sgi)
{
	return gic_ops ? gic_ops->sgi_word(target, sgi) : 0;
}
