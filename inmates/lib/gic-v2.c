// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv2 driver (IHI 0048B).  The CPU interface at gicc_base is the virtual
 * one (GICV) the hypervisor maps there; the distributor accesses are
 * trapped and filtered by the hypervisor.  Interrupts arrive as Group 0.
 */
#include <inmate/inmate.h>

/* CPU interface (IHI 0048B 4.4) */
#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_CTLR_ENABLE_GRP0 (1u << 0)
#define GICC_PMR_LOWEST 0xf0

/* Distributor (IHI 0048B 4.3) */
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_SGIR 0x0f00

/* IAR: INTID in 9:0, for SGIs the source CPU in 12:10 */
#define GICV2_INTID_MASK 0x3ffu

/* GIC CPU-interface bit of each cell CPU, from its banked ITARGETSR0. */
static volatile uint8_t gicv2_cpu_mask[INMATE_MAX_CPUS];

static uint64_t gicv2_gicd(uint32_t reg)
{
	return comm_region()->gicd_base + reg;
}

static uint64_t gicv2_gicc(uint32_t reg)
{
	return comm_region()->gicc_base + reg;
}

static int gicv2_init_cpu(unsigned int cpu)
{
	/*
	 * GICD_ITARGETSR0..7 are banked and read-only: each byte holds the
	 * reading CPU's own interface bit (IHI 0048B 4.3.12).
	 */
	uint8_t mask =
		(uint8_t)(mmio_read32(gicv2_gicd(GICD_ITARGETSR)) & 0xff);

	gicv2_cpu_mask[cpu] = mask;
	dsb(sy);
	mmio_write32(gicv2_gicc(GICC_PMR), GICC_PMR_LOWEST);
	mmio_write32(gicv2_gicc(GICC_BPR), 0);
	mmio_write32(gicv2_gicc(GICC_CTLR), GICC_CTLR_ENABLE_GRP0);
	/* A zero mask (uniprocessor GIC) only means no SGIs can reach us. */
	return 0;
}

/* Set one byte of a byte-per-interrupt register with a 32-bit access. */
static void gicv2_set_byte(uint32_t reg, uint32_t intid, uint8_t val)
{
	uint64_t addr = gicv2_gicd(reg + (intid & ~3u));
	unsigned int shift = (intid & 3) * 8;
	uint32_t word = mmio_read32(addr);

	word &= ~(0xffu << shift);
	word |= (uint32_t)val << shift;
	mmio_write32(addr, word);
}

static void gicv2_enable_irq(unsigned int cpu, uint32_t intid)
{
	gicv2_set_byte(GICD_IPRIORITYR, intid, GIC_IRQ_PRIORITY);
	if (intid >= 32)
		gicv2_set_byte(GICD_ITARGETSR, intid, gicv2_cpu_mask[cpu]);
	mmio_write32(gicv2_gicd(GICD_ISENABLER + (intid / 32) * 4),
		     1u << (intid % 32));
}

static void gicv2_disable_irq(unsigned int cpu, uint32_t intid)
{
	(void)cpu;
	mmio_write32(gicv2_gicd(GICD_ICENABLER + (intid / 32) * 4),
		     1u << (intid % 32));
}

static uint64_t gicv2_sgi_word(unsigned int target, uint32_t sgi)
{
	/* TargetListFilter 0: the CPUs in CPUTargetList (IHI 0048B 4.3.15) */
	return ((uint32_t)gicv2_cpu_mask[target] << 16) | (sgi & 0xf);
}

static void gicv2_send_sgi(unsigned int target, uint32_t sgi)
{
	uint32_t word = (uint32_t)gicv2_sgi_word(target, sgi);

	dsb(sy);
	mmio_write32(gicv2_gicd(GICD_SGIR), word);
}

static uint32_t gicv2_ack(void)
{
	return mmio_read32(gicv2_gicc(GICC_IAR));
}

static void gicv2_eoi(uint32_t iar)
{
	/* EOIR takes the whole IAR value, source CPU included. */
	mmio_write32(gicv2_gicc(GICC_EOIR), iar);
}

const struct gic_ops gicv2_ops = {
	.init_cpu = gicv2_init_cpu,
	.enable_irq = gicv2_enable_irq,
	.disable_irq = gicv2_disable_irq,
	.send_sgi = gicv2_send_sgi,
	.sgi_word = gicv2_sgi_word,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
	.intid_mask = GICV2_INTID_MASK,
};
