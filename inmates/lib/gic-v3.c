// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 driver (IHI 0069): the CPU interface through the ICC_* system
 * registers (Group 1), SGI and PPI configuration in the calling CPU's
 * redistributor SGI frame, whose accesses the hypervisor traps and filters.
 */
#include <inmate/inmate.h>

/* ICC_SRE_EL1.SRE: use the system register interface (IHI 0069, ICC_SRE_EL1) */
#define ICC_SRE_SRE (1u << 0)
/* ICC_CTLR_EL1.EOImode: 0 = a write to EOIR also deactivates */
#define ICC_CTLR_EOIMODE (1u << 1)
#define ICC_PMR_LOWEST 0xff
#define ICC_IGRPEN_ENABLE (1u << 0)

/* ICC_SGI1R_EL1 fields (IHI 0069, ICC_SGI1R_EL1) */
#define SGI1R_AFF1_SHIFT 16
#define SGI1R_INTID_SHIFT 24
#define SGI1R_AFF2_SHIFT 32
#define SGI1R_RS_SHIFT 44
#define SGI1R_AFF3_SHIFT 48

/*
 * Redistributor: the SGI_base frame follows RD_base (64 KiB each).  Its
 * enable and priority registers sit at the same offsets as the
 * distributor's GICD_I[SC]ENABLER<n> and GICD_IPRIORITYR<n>, which hold the
 * SPIs.
 */
#define GICR_SGI_FRAME 0x10000
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_IPRIORITYR 0x0400
#define GICD_IROUTER 0x6000

/* IAR: INTID in 23:0 */
#define GICV3_INTID_MASK 0xffffffu

static int gicv3_init_cpu(unsigned int cpu)
{
	(void)cpu;
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	write_sysreg(icc_pmr_el1, ICC_PMR_LOWEST);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1,
		     read_sysreg(icc_ctlr_el1) & ~(uint64_t)ICC_CTLR_EOIMODE);
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN_ENABLE);
	isb();
	return 0;
}

/* The register of an SGI/PPI (calling CPU's SGI frame) or of an SPI. */
static uint64_t gicv3_reg(unsigned int cpu, uint32_t intid, uint32_t reg)
{
	volatile struct warden_comm_region *comm = comm_region();

	if (intid < 32)
		return comm->cpus[cpu].gicr_base + GICR_SGI_FRAME + reg;
	return comm->gicd_base + reg;
}

static void gicv3_set_priority(unsigned int cpu, uint32_t intid)
{
	uint64_t addr = gicv3_reg(cpu, intid, GICR_IPRIORITYR) + (intid & ~3u);
	unsigned int shift = (intid & 3) * 8;
	uint32_t word = mmio_read32(addr);

	word &= ~(0xffu << shift);
	word |= (uint32_t)GIC_IRQ_PRIORITY << shift;
	mmio_write32(addr, word);
}

static void gicv3_route_to(unsigned int cpu, uint32_t intid)
{
	uint64_t mpidr = cpu_mpidr(cpu);
	uint64_t addr = comm_region()->gicd_base + GICD_IROUTER + 8ull * intid;

	/* GICD_IROUTER<n>: Aff2..Aff0 in 23:0, Aff3 in 39:32, IRM = 0 */
	mmio_write32(addr, (uint32_t)(mpidr & 0xffffff));
	mmio_write32(addr + 4, (uint32_t)(mpidr >> 32) & 0xff);
}

static void gicv3_enable_irq(unsigned int cpu, uint32_t intid)
{
	gicv3_set_priority(cpu, intid);
	if (intid >= 32)
		gicv3_route_to(cpu, intid);
	mmio_write32(gicv3_reg(cpu, intid, GICR_ISENABLER0) + (intid / 32) * 4,
		     1u << (intid % 32));
}

static void gicv3_disable_irq(unsigned int cpu, uint32_t intid)
{
	mmio_write32(gicv3_reg(cpu, intid, GICR_ICENABLER0) + (intid / 32) * 4,
		     1u << (intid % 32));
}

static uint64_t gicv3_sgi_word(unsigned int target, uint32_t sgi)
{
	uint64_t mpidr = cpu_mpidr(target);
	uint64_t aff0 = mpidr & 0xff;

	/* Range selector RS = Aff0 / 16, target list bit Aff0 % 16 */
	return (1ull << (aff0 % 16)) | ((aff0 / 16) << SGI1R_RS_SHIFT) |
	       (((mpidr >> 8) & 0xff) << SGI1R_AFF1_SHIFT) |
	       (((mpidr >> 16) & 0xff) << SGI1R_AFF2_SHIFT) |
	       (((mpidr >> 32) & 0xff) << SGI1R_AFF3_SHIFT) |
	       ((uint64_t)(sgi & 0xf) << SGI1R_INTID_SHIFT);
}

static void gicv3_send_sgi(unsigned int target, uint32_t sgi)
{
	uint64_t val = gicv3_sgi_word(target, sgi);

	/* Shared variables written before the SGI must be visible first. */
	dsb(sy);
	write_sysreg(icc_sgi1r_el1, val);
	isb();
}

static uint32_t gicv3_ack(void)
{
	return (uint32_t)read_sysreg(icc_iar1_el1);
}

static void gicv3_eoi(uint32_t iar)
{
	write_sysreg(icc_eoir1_el1, iar);
	isb();
}

const struct gic_ops gicv3_ops = {
	.init_cpu = gicv3_init_cpu,
	.enable_irq = gicv3_enable_irq,
	.disable_irq = gicv3_disable_irq,
	.send_sgi = gicv3_send_sgi,
	.sgi_word = gicv3_sgi_word,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
	.intid_mask = GICV3_INTID_MASK,
};
