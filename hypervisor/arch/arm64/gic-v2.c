// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv2 back end (GIC architecture spec IHI 0048).  EL2 uses the physical
 * CPU interface (GICC) and the virtual interface control (GICH) through MMIO;
 * each cell sees the virtual CPU interface (GICV) at the GICC address in its
 * stage 2 (IHI 0048 5.1).
 */
#include <asm/gic.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>
#include <hyp/setup.h>

/* GICC (4.4) */
#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR 0x1000
#define GICC_CTLR_EN 0x1u
#define GICC_CTLR_EOIMODENS 0x200u
#define GICC_SIZE 0x2000

/* GICH (5.3) */
#define GICH_HCR 0x0000
#define GICH_VTR 0x0004
#define GICH_VMCR 0x0008
#define GICH_ELRSR0 0x0030
#define GICH_ELRSR1 0x0034
#define GICH_APR 0x00f0
#define GICH_LR0 0x0100
#define GICH_HCR_EN 0x1u
#define GICH_HCR_UIE 0x2u

/* GICH_VMCR (5.3.4) */
#define VMCR_GRP0EN 0x1u
#define VMCR_VEM 0x200u
#define VMCR_BP_SHIFT 21
#define VMCR_PMR_SHIFT 27

/* GICH_LR<n> (5.3.9) */
#define LR_VINTID_MASK 0x3ffu
#define LR_PINTID_SHIFT 10
#define LR_CPUID_SHIFT 10
#define LR_PRIO_SHIFT 23
#define LR_PENDING (1u << 28)
#define LR_STATE_MASK (3u << 28)
#define LR_HW (1u << 31)

static void *gicc, *gich;
static paddr_t gicc_phys, gicv_phys;
static unsigned int v2_lr_count;

static int v2_init(const struct warden_platform *p)
{
	gicc_phys = p->gicc_base;
	gicv_phys = p->gicv_base;
	gicc = (void *)(uintptr_t)p->gicc_base;
	gich = (void *)(uintptr_t)p->gich_base;
	return 0;
}

static int v2_cpu_init(struct per_cpu *pc, bool fresh)
{
	u32 ctlr, vmcr;
	unsigned int n;

	v2_lr_count = gic_usable_lrs((mmio_read32(gich, GICH_VTR) & 0x3f) + 1);
	if (v2_lr_count < 2)
		return -ENODEV;
	/* GICD_ISACTIVER0 is banked: this CPU's SGIs and PPIs */
	if (!fresh && gic_banked_active(mmio_read32(gicd_base, GICD_ISACTIVER)))
		return -EBUSY;
	if (fresh) {
		mmio_write32(gicc, GICC_PMR, 0xf0);
		mmio_write32(gicc, GICC_CTLR,
			     GICC_CTLR_EN | GICC_CTLR_EOIMODENS);
	}
	/* GICD_ITARGETSR0..7 are banked and read as this CPU's own mask */
	pc->arch.gic_cpumask = mmio_read32(gicd_base, GICD_ITARGETSR) & 0xff;
	ctlr = mmio_read32(gicc, GICC_CTLR);
	pc->arch.icc_ctlr = ctlr;
	vmcr = (mmio_read32(gicc, GICC_PMR) >> 3) << VMCR_PMR_SHIFT;
	vmcr |= (mmio_read32(gicc, GICC_BPR) & 7) << VMCR_BP_SHIFT;
	if (ctlr & GICC_CTLR_EN)
		vmcr |= VMCR_GRP0EN;
	if (ctlr & GICC_CTLR_EOIMODENS)
		vmcr |= VMCR_VEM;
	mmio_write32(gicc, GICC_CTLR, ctlr | GICC_CTLR_EOIMODENS);

	for (n = 0; n < v2_lr_count; n++)
		mmio_write32(gich, GICH_LR0 + n * 4, 0);
	mmio_write32(gich, GICH_APR, 0);
	mmio_write32(gich, GICH_VMCR, vmcr);
	mmio_write32(gich, GICH_HCR, GICH_HCR_EN);
	/* the maintenance PPI and the hypervisor's SGI: banked enables */
	mmio_write32(gicd_base, GICD_ISENABLER,
		     1u << gic_maintenance_irq | 1u << GIC_SGI_HYP);
	return 0;
}

static void v2_cpu_deinit(struct per_cpu *pc)
{
	u32 vmcr = mmio_read32(gich, GICH_VMCR);
	u32 ctlr = (u32)pc->arch.icc_ctlr &
		   ~(GICC_CTLR_EOIMODENS | GICC_CTLR_EN);
	unsigned int n;

	mmio_write32(gicd_base, GICD_ICENABLER,
		     1u << gic_maintenance_irq | 1u << GIC_SGI_HYP);
	mmio_write32(gich, GICH_HCR, 0);
	for (n = 0; n < v2_lr_count; n++)
		mmio_write32(gich, GICH_LR0 + n * 4, 0);
	mmio_write32(gicc, GICC_PMR, (vmcr >> VMCR_PMR_SHIFT) << 3);
	if (vmcr & VMCR_GRP0EN)
		ctlr |= GICC_CTLR_EN;
	if (vmcr & VMCR_VEM)
		ctlr |= GICC_CTLR_EOIMODENS;
	mmio_write32(gicc, GICC_CTLR, ctlr);
}

static void v2_deactivate(u32 raw)
{
	mmio_write32(gicc, GICC_DIR, raw);
}

static void v2_set_pending(u32 intid)
{
	mmio_write32(gicd_base, GICD_ISPENDR + (intid / 32) * 4,
		     1u << (intid % 32));
}

static void v2_send_sgi(struct per_cpu *pc, unsigned int cpu, u32 intid)
{
	(void)pc;
	mmio_write32(gicd_base, GICD_SGIR,
		     (per_cpu_of(cpu)->arch.gic_cpumask << 16) | (intid & 0xf));
}

static unsigned int v2_num_lrs(void)
{
	return v2_lr_count;
}

/*
 * Always inlined: it is on every interrupt's path (v2_lr_add from
 * v2_handle_irq), where a call with its stack frame cost 9 instructions
 * of the timer interrupt's latency.
 */
static inline __attribute__((always_inline)) u64 v2_empty_lrs(void)
{
	u64 e = mmio_read32(gich, GICH_ELRSR0);

	if (v2_lr_count > 32)
		e |= (u64)mmio_read32(gich, GICH_ELRSR1) << 32;
	return e & gic_lr_mask(v2_lr_count);
}

static bool v2_lr_read(unsigned int n, u32 *intid, bool *hw, bool *pending)
{
	u32 lr = mmio_read32(gich, GICH_LR0 + n * 4);

	if (!(lr & LR_STATE_MASK))
		return false;
	*intid = lr & LR_VINTID_MASK;
	*hw = lr & LR_HW;
	*pending = lr & LR_PENDING;
	return true;
}

static void v2_lr_add_pending(unsigned int n)
{
	u32 lr = mmio_read32(gich, GICH_LR0 + n * 4);

	mmio_write32(gich, GICH_LR0 + n * 4, lr | LR_PENDING);
}

/* Group 0 in the virtual interface: Linux enables it as GICV_CTLR bit 0. */
static void v2_lr_write(unsigned int n, u32 intid, bool hw, u32 source)
{
	u32 lr = intid | LR_PENDING | ((GIC_LR_PRIORITY >> 3) << LR_PRIO_SHIFT);

	if (hw)
		lr |= LR_HW | (intid << LR_PINTID_SHIFT);
	else if (intid < 16)
		lr |= (source & 7) << LR_CPUID_SHIFT;
	mmio_write32(gich, GICH_LR0 + n * 4, lr);
}

/* Always inlined, as v2_empty_lrs(): on every interrupt's path. */
static inline __attribute__((always_inline)) bool v2_lr_add(u32 intid, bool hw,
							    u32 source)
{
	u64 empty = v2_empty_lrs();

	if (!empty)
		return false;
	v2_lr_write((unsigned int)__builtin_ctzl(empty), intid, hw, source);
	return true;
}

static void v2_handle_irq(struct per_cpu *pc)
{
	u32 iar = mmio_read32(gicc, GICC_IAR);
	u32 intid = iar & 0x3ff;

	if (intid >= IRQCHIP_SPURIOUS)
		return;
	pc->stats[STAT_IRQ]++;
	/* priority drop only: GICC_CTLR.EOImodeNS = 1 (IHI 0048 4.4.1) */
	mmio_write32(gicc, GICC_EOIR, iar);
	if (gic_irq_is_hyp(intid) || pc->pending.count ||
	    !v2_lr_add(intid, true, 0))
		gic_irq_slow(pc, intid, iar, (iar >> 10) & 7);
}

static void v2_underflow(bool enable)
{
	u32 hcr = mmio_read32(gich, GICH_HCR);

	mmio_write32(gich, GICH_HCR,
		     enable ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE);
}

/*
 * CPU interfaces the cell may target.  An inmate cell: those of its own
 * CPUs.  The root: all but those of CPUs another cell owns, because a CPU's
 * interface number is only known once it has entered the hypervisor, and
 * the root's IPIs to CPUs the driver has not entered yet must arrive.
 */
u32 gicv2_cell_cpumask(const struct cell *cell)
{
	u32 own = 0, foreign = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		u32 mask = per_cpu_of(cpu)->arch.gic_cpumask;

		if (cell_owns_cpu(cell, cpu))
			own |= mask;
		else
			foreign |= mask;
	}
	if (cell != &root_cell)
		return own & ~foreign;
	return 0xff & ~foreign;
}

/*
 * GICD_ITARGETSR<n> holds one byte of CPU interface bits per SPI (IHI 0048
 * 4.3.12).  Targets outside the owner are dropped; if none is left, the
 * owner's first CPU that has entered the hypervisor gets the SPI.
 */
static void v2_route_spi(const struct cell *owner, u32 intid)
{
	u32 reg = (u32)GICD_ITARGETSR + (intid & ~3u);
	u32 shift = (intid % 4u) * 8u;
	u32 now = (mmio_read32(gicd_base, reg) >> shift) & 0xffu;
	u32 want = now & gicv2_cell_cpumask(owner);
	unsigned int cpu;

	for (cpu = 0; (want == 0u) && (cpu < hyp.config->platform.num_cpus);
	     cpu++)
		if (cell_owns_cpu(owner, cpu))
			want = per_cpu_of(cpu)->arch.gic_cpumask;
	if (want != now)
		gicd_update32(reg, 0xffu << shift, want << shift);
}

/* GICD_SGIR (4.3.15): targets are limited to the cell's CPUs. */
static void v2_sgir(struct cell *cell, u32 val)
{
	struct per_cpu *self = this_cpu();
	u32 targets, filter = (val >> 24) & 3;

	if ((val & 0xf) == GIC_SGI_HYP)
		return;
	if (filter == 0)
		targets = (val >> 16) & 0xff;
	else if (filter == 1)
		targets = 0xff & ~self->arch.gic_cpumask;
	else if (filter == 2)
		targets = self->arch.gic_cpumask;
	else
		return;
	targets &= gicv2_cell_cpumask(cell);
	if (targets)
		mmio_write32(gicd_base, GICD_SGIR,
			     (targets << 16) | (val & 0xf));
}

static enum mmio_result v2_dist_access(struct cell *cell,
				       struct mmio_access *acc, u32 reg)
{
	if (reg == GICD_SGIR && acc->write && acc->size == 4) {
		v2_sgir(cell, (u32)acc->value);
		return MMIO_HANDLED;
	}
	if (!acc->write)
		acc->value = 0;
	return MMIO_HANDLED;
}

/* The cell's view of the CPU interface is the virtual one (IHI 0048 5.1). */
static int v2_cell_init(struct cell *cell)
{
	return paging_map(&cell->stage2, gicc_phys, gicv_phys, GICC_SIZE,
			  PAGING_RW | PAGING_DEVICE);
}

/* GICV is banked per CPU: one mapping serves all of a cell's CPUs. */
static int v2_cpu_map(struct cell *cell, unsigned int cpu, bool map)
{
	(void)cell;
	(void)cpu;
	(void)map;
	return 0;
}

static void v2_comm_fill(const struct cell *cell,
			 struct warden_comm_region *comm)
{
	(void)cell;
	comm->gicc_base = gicc_phys;
}

const struct gic_ops gicv2_ops = {
	.init = v2_init,
	.cpu_init = v2_cpu_init,
	.cpu_deinit = v2_cpu_deinit,
	.handle_irq = v2_handle_irq,
	/* every interrupt is Group 1, signalled as IRQ: an FIQ is spurious */
	.handle_fiq = v2_handle_irq,
	.deactivate = v2_deactivate,
	.set_pending = v2_set_pending,
	.send_sgi = v2_send_sgi,
	.route_spi = v2_route_spi,
	.num_lrs = v2_num_lrs,
	.empty_lrs = v2_empty_lrs,
	.lr_read = v2_lr_read,
	.lr_add_pending = v2_lr_add_pending,
	.lr_write = v2_lr_write,
	.lr_add = v2_lr_add,
	.underflow = v2_underflow,
	.dist_access = v2_dist_access,
	.cell_init = v2_cell_init,
	.cpu_map = v2_cpu_map,
	.comm_fill = v2_comm_fill,
};
