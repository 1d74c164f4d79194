// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt handling at EL2, common to GICv2 and GICv3.
 *
 * One interrupt per exit: the common case has exactly one, and a second
 * one pending takes the exception again as soon as we return.  Each
 * version's handle_irq does the hot path, a hardware interrupt listed at
 * once, without a call (it is what bounds a cell's interrupt latency: see
 * docs/benchmarks.md); gic_irq_slow() below does the rest.
 *
 * HCR_EL2.IMO/FMO route physical interrupts to EL2.  Each one is
 * acknowledged, its priority dropped (EOImode 1: IHI 0069 4.1.1, IHI 0048
 * 3.2), and it is listed for the cell with the HW bit, so the cell's own
 * deactivation deactivates the physical interrupt.  SGIs are deactivated
 * here and listed as virtual ones.  The maintenance interrupt belongs to the
 * hypervisor: it refills the list registers from the pending set.
 */
#include <asm/gic.h>
#include <asm/smmu.h>
#include <asm/sysreg.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/irqchip.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>

const struct gic_ops *gic;
void *gicd_base;
u32 gic_num_irqs;
u32 gic_maintenance_irq;
u32 gic_hyp_irqs[1024 / 32];

int gic_setup(const struct warden_platform *p)
{
	gic = p->gic_version == WARDEN_GIC_V3 ? &gicv3_ops : &gicv2_ops;
	gicd_base = (void *)(uintptr_t)p->gicd_base;
	gic_maintenance_irq = p->maintenance_irq;
	memset(gic_hyp_irqs, 0, sizeof(gic_hyp_irqs));
	gic_hyp_irqs[0] = 0xffffu | 1u << (p->maintenance_irq % 32u);
	/* GICD_TYPER.ITLinesNumber: 32 * (N + 1) INTIDs, at most 1020 */
	gic_num_irqs = 32 * ((mmio_read32(gicd_base, GICD_TYPER) & 0x1f) + 1);
	if (gic_num_irqs > 1020)
		gic_num_irqs = 1020;
	gicd_setup();
	return gic->init(p);
}

/*
 * The underflow maintenance interrupt fires while at most one list register
 * is valid (IHI 0069 12.5.9, IHI 0048 5.3.1).  With a single list register
 * that is always true, and the CPU would never leave EL2; so a testing limit
 * (max_lrs) stops at 2.  A GIC with one list register is refused at enable.
 */
unsigned int gic_usable_lrs(unsigned int implemented)
{
	u32 max = hyp.header->max_lrs;

	if (max && max < 2)
		max = 2;
	return max && max < implemented ? max : implemented;
}

/*
 * A CPU must not be taken over while it handles an SGI or PPI: its driver
 * would deactivate it afterwards through the virtual CPU interface, and the
 * physical interrupt would stay active for good.  (The driver enters from a
 * task, never from an interrupt handler.)
 */
bool gic_banked_active(u32 active)
{
	if (!active)
		return false;
	printk("CPU entry refused: INTID %u is active (entered from an interrupt handler?)\n",
	       (unsigned int)__builtin_ctz(active));
	return true;
}

int gic_cell_init(struct cell *cell)
{
	int err = mmio_register(&cell->mmio, (u64)(uintptr_t)gicd_base,
				gicd_size(hyp.config->platform.gic_version),
				gicd_access, gicd_typer_view(cell));

	return err ? err : gic->cell_init(cell);
}

bool gic_cell_direct(const struct cell *cell)
{
	return (cell != &root_cell) && (cell->desc != NULL) &&
	       (gic == &gicv3_ops) &&
	       ((cell->desc->flags & WARDEN_CELL_DIRECT_IRQ) != 0u);
}

bool gic_irq_in_cell(const struct cell *cell, u32 intid)
{
	if (intid < 32)
		return true; /* banked per CPU: follows CPU ownership */
	return intid < gic_num_irqs && cell_owns_irq(cell, intid);
}

void gic_irq_slow(struct per_cpu *pc, u32 intid, u32 raw, u32 source)
{
	if (!gic_irq_is_hyp(intid)) {
		irqchip_inject(&pc->pending, intid, true, 0);
		return;
	}
	gic->deactivate(raw);
	if (intid == GIC_SGI_HYP) {
		pc->stats[STAT_SGI]++;
		cell_check_stop(pc);
	} else if (intid == gic_maintenance_irq) {
		pc->stats[STAT_MAINTENANCE]++;
		irqchip_refill(&pc->pending);
	} else if (intid >= 32u) {
		(void)smmu_irq(intid);
	} else {
		pc->stats[STAT_SGI]++;
		irqchip_inject(&pc->pending, intid, false, source);
	}
}

/*
 * Call fn for every interrupt the CPU holds for its cell: those in the list
 * registers (pending or active) and those waiting for one; then forget the
 * waiting ones.  (The caller clears the list registers.)
 */
static void each_held(struct per_cpu *pc,
		      void (*fn)(struct per_cpu *pc, u32 intid, bool hw,
				 bool pending))
{
	unsigned int n, nr = gic->num_lrs();
	struct irq_pending *p = &pc->pending;
	u64 empty = gic->empty_lrs();
	u32 w;

	for (n = 0; n < nr; n++) {
		bool pending, hw;
		u32 intid;

		if (!(empty & (1UL << n)) &&
		    gic->lr_read(n, &intid, &hw, &pending))
			fn(pc, intid, hw, pending);
	}
	for (w = 0; w < IRQCHIP_MAX_IRQS / 64; w++) {
		while (p->bits[w]) {
			u32 bit = (u32)__builtin_ctzl(p->bits[w]);

			fn(pc, w * 64 + bit, p->hw[w] & (1UL << bit), true);
			p->bits[w] &= ~(1UL << bit);
		}
	}
	for (w = 0; w < p->num_lpis; w++)
		fn(pc, p->lpis[w], false, true);
	p->num_lpis = 0;
	p->count = 0;
	gic->underflow(false);
}

/*
 * Before a root CPU leaves EL2 (disable, CPU_OFF) everything still pending
 * for Linux goes back to the physical GIC: hardware interrupts are
 * deactivated and made pending again, SGIs are re-sent to this CPU.
 * Interrupts Linux has active stay active physically; its deactivation,
 * now direct, completes them.
 */
static void drain_one(struct per_cpu *pc, u32 intid, bool hw, bool pending)
{
	/*
	 * An LPI cannot be made pending again from here (no GICR_SETLPIR on
	 * QEMU's GIC): disable waits for Linux to take them (control.c);
	 * one left at CPU_OFF is lost, as a physical one would stay pending
	 * for the CPU that is gone.
	 */
	if (!pending || intid >= IRQCHIP_FIRST_LPI)
		return;
	if (hw) {
		gic->deactivate(intid);
		gic->set_pending(intid);
	} else {
		gic->send_sgi(pc, pc->cpu, intid);
	}
}

void gic_drain(struct per_cpu *pc)
{
	each_held(pc, drain_one);
}

bool arch_cpu_holds_lpis(struct per_cpu *pc)
{
	u64 used = ~gic->empty_lrs() & gic_lr_mask(gic->num_lrs());
	bool pending, hw;
	u32 id;

	if (pc->pending.num_lpis)
		return true;
	for (; used; used &= used - 1)
		if (gic->lr_read((unsigned int)__builtin_ctzl(used), &id, &hw,
				 &pending) &&
		    id >= IRQCHIP_FIRST_LPI)
			return true;
	return false;
}

/*
 * An inmate's interrupts go with it; hardware ones must be able to fire
 * again for their next owner, so they are deactivated.
 */
static void discard_one(struct per_cpu *pc, u32 intid, bool hw, bool pending)
{
	(void)pc;
	(void)pending;
	if (hw)
		gic->deactivate(intid);
}

void gic_discard(struct per_cpu *pc)
{
	each_held(pc, discard_one);
}

void arch_cpu_kick(unsigned int cpu)
{
	gic->send_sgi(NULL, cpu, GIC_SGI_HYP);
}

/* Same offsets for SPIs in both versions (IHI 0069 12.9, IHI 0048 4.3). */
void arch_irq_reset(u32 intid)
{
	u32 off = (intid / 32) * 4, bit = 1u << (intid % 32);

	if (intid < 32 || intid >= gic_num_irqs)
		return;
	mmio_write32(gicd_base, GICD_ICENABLER + off, bit);
	mmio_write32(gicd_base, GICD_ICPENDR + off, bit);
	mmio_write32(gicd_base, GICD_ICACTIVER + off, bit);
}

/*
 * Called whenever CPUs or SPIs change owner.  A route left pointing at a CPU
 * of another cell would hand it an interrupt it does not own: a normal
 * cell's CPU would list it for the wrong cell, and a direct cell's EL1
 * would acknowledge it itself (ICC_IAR1_EL1) and could keep it from its
 * owner for ever.  Linux moves its interrupts off a CPU it takes offline,
 * but not one that is disabled because its managed affinity held only that
 * CPU, and nothing obliges a root to; so the hypervisor checks every route.
 */
void arch_irq_route(const struct cell *owner, u32 intid)
{
	if ((intid >= 32u) && (intid < gic_num_irqs))
		gic->route_spi(owner, intid);
}

bool arch_irq_is_hyp(u32 intid)
{
	return (intid >= 32u) && (intid < 1024u) && gic_irq_is_hyp(intid);
}

/*
 * The SMMU's interrupts are pulses (IHI 0070 7.5: wired interrupts are
 * edge-triggered), so the SPI is made edge-triggered, Group 1 like the
 * root's, at the priority Linux gives its own, and routed to the root,
 * which no cell's create takes it from (route_spis, cellctl.c).
 */
void gic_hyp_irq_enable(u32 intid)
{
	u32 bit = 1u << (intid % 32u);

	if ((intid < 32u) || (intid >= gic_num_irqs))
		return;
	gic_hyp_irqs[intid / 32u] |= bit;
	mmio_write32(gicd_base, GICD_ICENABLER + intid / 32u * 4u, bit);
	gicd_update32(GICD_ICFGR + intid / 16u * 4u, 0,
		      2u << (intid % 16u * 2u));
	gicd_update32(GICD_IPRIORITYR + (intid & ~3u),
		      0xffu << (intid % 4u * 8u),
		      GIC_LR_PRIORITY << (intid % 4u * 8u));
	/* GICv3: acknowledged through ICC_IAR1_EL1 (IHI 0069 4.6) */
	if (hyp.config->platform.gic_version == WARDEN_GIC_V3)
		gicd_update32(GICD_IGROUPR + intid / 32u * 4u, 0, bit);
	gic->route_spi(&root_cell, intid);
	mmio_write32(gicd_base, GICD_ICPENDR + intid / 32u * 4u, bit);
	mmio_write32(gicd_base, GICD_ISENABLER + intid / 32u * 4u, bit);
}

void gic_hyp_irq_disable(u32 intid)
{
	if ((intid < 32u) || (intid >= gic_num_irqs))
		return;
	arch_irq_reset(intid);
	gic_hyp_irqs[intid / 32u] &= ~(1u << (intid % 32u));
}

/*
 * GICD_ISPENDR sets the pending state without a read-modify-write (IHI 0069
 * 12.9.23, IHI 0048 4.3.7): safe from any CPU at any time.
 */
void arch_irq_set_pending(u32 intid)
{
	if (intid < 32 || intid >= gic_num_irqs)
		return;
	mmio_write32(gicd_base, GICD_ISPENDR + (intid / 32) * 4,
		     1u << (intid % 32));
}

int arch_cell_cpu_map(struct cell *cell, unsigned int cpu)
{
	return gic->cpu_map(cell, cpu, true);
}

int arch_cell_cpu_unmap(struct cell *cell, unsigned int cpu)
{
	return gic->cpu_map(cell, cpu, false);
}

void arch_comm_fill(const struct cell *cell, struct warden_comm_region *comm)
{
	unsigned int cpu, n = 0;

	comm->gic_version = hyp.config->platform.gic_version;
	comm->gicd_base = (u64)(uintptr_t)gicd_base;
	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++)
		if (cell_owns_cpu(cell, cpu))
			comm->cpus[n++].mpidr = platform_mpidr(cpu);
	comm->num_cpus = n;
	gic->comm_fill(cell, comm);
}

/* --- list-register hooks of the generic irqchip code --- */
unsigned int arch_gic_num_lrs(void)
{
	return gic->num_lrs();
}

u64 arch_gic_empty_lrs(void)
{
	return gic->empty_lrs();
}

int arch_gic_lr_find(u32 vintid, bool *pending)
{
	u64 used = ~gic->empty_lrs() & gic_lr_mask(gic->num_lrs());
	unsigned int n;
	bool hw;
	u32 id;

	/* only the entries in use: reading a list register is not free */
	for (; used; used &= used - 1) {
		n = (unsigned int)__builtin_ctzl(used);
		if (gic->lr_read(n, &id, &hw, pending) && id == vintid)
			return (int)n;
	}
	return -1;
}

void arch_gic_lr_add_pending(unsigned int n)
{
	gic->lr_add_pending(n);
}

void arch_gic_lr_write(unsigned int n, u32 intid, bool hw, u32 source)
{
	gic->lr_write(n, intid, hw, source);
}

bool arch_gic_lr_add(u32 intid, bool hw, u32 source)
{
	return gic->lr_add(intid, hw, source);
}

void arch_gic_underflow_irq(bool enable)
{
	gic->underflow(enable);
}
