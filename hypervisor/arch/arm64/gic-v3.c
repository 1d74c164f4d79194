// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3 back end (GIC architecture spec IHI 0069).  The physical CPU
 * interface is used through ICC_* system registers at EL2, the virtual one
 * through ICH_* (chapter 12.5).  The distributor and the redistributors
 * trap for every cell, the root included, and are filtered (gicd.c,
 * rd_frame(), gicr_access()).
 */
#include <asm/gic.h>
#include <asm/its.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>
#include <hyp/setup.h>

#define ICC_CTLR_EOIMODE BIT(1)
#define ICC_CTLR_CBPR BIT(0)
#define ICC_SRE_ALL 0xfUL /* SRE, DFB, DIB, Enable (12.7.12) */

#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1)

/* ICH_VMCR_EL2 (12.5.26) */
#define VMCR_VENG1 BIT(1)
#define VMCR_VCBPR BIT(4)
#define VMCR_VEOIM BIT(9)
#define VMCR_VBPR1_SHIFT 18
#define VMCR_VPMR_SHIFT 24

/* ICH_LR<n>_EL2 (12.5.20) */
#define LR_STATE_SHIFT 62
#define LR_PENDING (1UL << 62)
#define LR_HW BIT(61)
#define LR_GROUP1 BIT(60)
#define LR_PRIO_SHIFT 48
#define LR_PINTID_SHIFT 32
#define LR_VINTID_MASK 0xffffffffUL

/* ICC_SGI1R_EL1 (12.7.15) */
#define SGIR_TARGETS(v) ((v)&0xffff)
#define SGIR_AFF1(v) (((v) >> 16) & 0xff)
#define SGIR_INTID(v) (((v) >> 24) & 0xf)
#define SGIR_AFF2(v) (((v) >> 32) & 0xff)
#define SGIR_IRM BIT(40)
#define SGIR_RS(v) (((v) >> 44) & 0xf)
#define SGIR_AFF3(v) (((v) >> 48) & 0xff)

/* Redistributor frames (12.10, 12.11): RD_base, then SGI_base */
#define GICR_SGI_OFFSET 0x10000
#define GICR_RD_SIZE 0x10000
#define GICR_SGI_PAGE 0x1000 /* the SGI_base registers Warden filters */
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0 0x0200
#define GICR_IGROUPR0 0x0080
#define GICR_ICPENDR0 0x0280
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR0 0x0400
#define GICR_IGRPMODR0 0x0d00
#define GICD_CTLR_DS BIT(6) /* security disabled (IHI 0069 12.9.4) */
#define GICR_CTLR 0x0000
#define GICR_CTLR_ENABLE_LPIS 0x1u
#define GICR_IIDR 0x0004
#define GICR_STATUSR 0x0010
#define GICR_WAKER 0x0014
/* GICR_TYPER's PLPIS, VLPIS and DirectLPI (IHI 0069 12.11.35) */
#define GICR_TYPER_LPIS (BIT(0) | BIT(1) | BIT(3))
#define GICR_TYPER_PLPIS BIT(0)
#define GICR_TYPER_LAST BIT(4)
#define GICR_TYPER_PROCNUM(t) ((u16)((t) >> 8))
#define GICR_TYPER 0x0008
#define GICR_ID_START 0xffd0 /* PIDR/CIDR identification registers */

static unsigned int v3_lr_count;
static u64 gicr_base, gicr_stride;
static unsigned int gicr_count;
/* platform CPU index of each redistributor frame, -1 if none */
static int gicr_cpu[WARDEN_MAX_CPUS];
/* each CPU's frame (physical address), or 0 if it has none */
static u64 cpu_gicr[WARDEN_MAX_CPUS];
/* and its GICR_TYPER.Processor_Number, an ITS's name for it (PTA 0) */
static u16 cpu_procnum[WARDEN_MAX_CPUS];
/* virtual INTIDs the list registers take: ICH_VTR_EL2.IDbits (12.5.28) */
static u32 v3_vintid_limit;

static u32 gicr_affinity(u64 mpidr)
{
	return (u32)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));
}

/*
 * Pair each redistributor frame with its CPU by GICR_TYPER.Affinity, once:
 * a CPU then finds its own frame in one step, however many there are.
 */
static int v3_init(const struct warden_platform *p)
{
	unsigned int i, cpu;

	gicr_base = p->gicr_base;
	gicr_stride = p->gicr_stride;
	gicr_count = p->num_cpus;
	for (i = 0; i < gicr_count; i++) {
		u64 frame = gicr_base + i * gicr_stride;
		u64 typer = mmio_read64((void *)(uintptr_t)frame, GICR_TYPER);

		gicr_cpu[i] = -1;
		for (cpu = 0; cpu < p->num_cpus; cpu++)
			if (gicr_affinity(p->cpu_mpidr[cpu]) ==
			    (u32)(typer >> 32)) {
				gicr_cpu[i] = (int)cpu;
				cpu_gicr[cpu] = frame;
				cpu_procnum[cpu] = GICR_TYPER_PROCNUM(typer);
			}
	}
	return 0;
}

int gicv3_rd_cpu(u64 rdbase, bool pta)
{
	unsigned int cpu;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++)
		if (cpu_gicr[cpu] &&
		    (pta ? cpu_gicr[cpu] == rdbase :
			   (u64)cpu_procnum[cpu] << 16 == rdbase))
			return (int)cpu;
	return -1;
}

u64 gicv3_rd_field(unsigned int cpu, bool pta)
{
	return pta ? cpu_gicr[cpu] : (u64)cpu_procnum[cpu] << 16;
}

u64 gicv3_rd_read64(unsigned int cpu, u32 reg)
{
	return cpu_gicr[cpu] ?
		       mmio_read64((void *)(uintptr_t)cpu_gicr[cpu], reg) :
		       0;
}

bool gicv3_lpis_enabled(unsigned int cpu)
{
	return cpu_gicr[cpu] &&
	       (mmio_read32((void *)(uintptr_t)cpu_gicr[cpu], GICR_CTLR) &
		GICR_CTLR_ENABLE_LPIS);
}

/* GICD_TYPER.IDbits: the widest INTID, in bits, minus one (12.9.38). */
u32 gicv3_id_bits(void)
{
	return (mmio_read32(gicd_base, GICD_TYPER) >> 19) & 0x1fu;
}

/* Physical address of cpu's redistributor frame, or 0. */
static u64 gicr_of_cpu(unsigned int cpu)
{
	return cpu < WARDEN_MAX_CPUS ? cpu_gicr[cpu] : 0;
}

/* This CPU's redistributor, or NULL. */
static void *my_gicr(void)
{
	return (void *)(uintptr_t)gicr_of_cpu(this_cpu()->cpu);
}

/* This CPU's redistributor SGI frame, or NULL. */
static void *my_sgi_frame(void)
{
	u64 frame = gicr_of_cpu(this_cpu()->cpu);

	return frame ? (void *)(uintptr_t)(frame + GICR_SGI_OFFSET) : NULL;
}

/* GICR_ISACTIVER0 of this CPU: its active SGIs and PPIs. */
static u32 my_gicr_sgi_active(void)
{
	u8 *r = my_gicr();

	return r ? mmio_read32(r + GICR_SGI_OFFSET, GICD_ISACTIVER) : 0;
}

/*
 * The hypervisor's two private interrupts: the maintenance PPI and its own
 * SGI.  (Linux 6.1 enables only the SGIs it uses as IPIs.)
 */
static void maintenance_irq_enable(bool on)
{
	u8 *r = my_gicr();

	if (r)
		mmio_write32(r + GICR_SGI_OFFSET,
			     on ? GICR_ISENABLER0 : GICR_ICENABLER0,
			     1u << gic_maintenance_irq | 1u << GIC_SGI_HYP);
}

/*
 * GICR_CTLR.EnableLPIs as written (v): a cell's write keeps the
 * hardware's; the root (cpu >= 0) may turn LPIs on once both tables it
 * set are checked, as the redistributor reads them then (12.11.2).
 */
static u32 ctlr_lpis(u8 *frame, u32 v, int cpu)
{
	u32 hw = mmio_read32(frame, GICR_CTLR) & GICR_CTLR_ENABLE_LPIS;
	unsigned int c = (unsigned int)cpu;

	if (cpu < 0 || hw || !(v & GICR_CTLR_ENABLE_LPIS))
		return (v & ~GICR_CTLR_ENABLE_LPIS) | hw;
	if (its_lpi_table_ok(c, GICR_PROPBASER,
			     mmio_read64(frame, GICR_PROPBASER)) &&
	    its_lpi_table_ok(c, GICR_PENDBASER,
			     mmio_read64(frame, GICR_PENDBASER)))
		return v;
	return v & ~GICR_CTLR_ENABLE_LPIS;
}

/*
 * The root's GICR_PROPBASER or GICR_PENDBASER: read as it is; written
 * only while LPIs are off (a change with them on is UNPREDICTABLE,
 * 12.11.29) and only with a table in the root's RAM.
 */
static void root_lpi_table(u8 *frame, u32 reg, struct mmio_access *acc,
			   unsigned int cpu)
{
	if (!acc->write) {
		acc->value = acc->size == 8 ? mmio_read64(frame, reg) :
					      mmio_read32(frame, reg);
		return;
	}
	if (acc->size == 8 &&
	    !(mmio_read32(frame, GICR_CTLR) & GICR_CTLR_ENABLE_LPIS) &&
	    its_lpi_table_ok(cpu, reg, acc->value))
		mmio_write64(frame, reg, acc->value);
}

/*
 * The RD_base frame of a redistributor, as cells and the root see it.
 * Another CPU's: its identification registers may be read (Linux finds its
 * own frame by reading GICR_TYPER of each in turn, IHI 0069 9.6), the rest
 * reads as zero and writes are ignored.  Its own (own): the same, and it
 * wakes the redistributor (GICR_WAKER) and reads GICR_CTLR's RWP.
 *
 * No cell gets LPIs: GICR_TYPER.PLPIS and DirectLPI read as 0, a write to
 * GICR_CTLR keeps the hardware's EnableLPIs, and the LPI registers
 * (PROPBASER, PENDBASER, SETLPIR...) read as zero.  A cell that could set
 * GICR_PENDBASER would point the redistributor's pending table at memory
 * that is not its own, which a GIC writes to (its cached pending bits go
 * back to the table, IHI 0069 5.1.1), and LPIs once enabled may not be
 * disabled again for the CPU's next owner (IMPLEMENTATION DEFINED, 12.11.2).
 * The root with an ITS it uses is the exception (lpis): PLPIS, EnableLPIs,
 * PROPBASER and PENDBASER are its, the tables checked (its.c).
 */
static void rd_frame(u8 *frame, u32 reg, struct mmio_access *acc, int cpu,
		     bool own)
{
	bool lpis = own && its_root_lpis() &&
		    cell_owns_cpu(&root_cell, (unsigned int)cpu);
	bool ident = reg == GICR_TYPER || reg == GICR_TYPER + 4 ||
		     reg == GICR_IIDR || reg >= GICR_ID_START;
	bool ctl = own && (reg == GICR_CTLR || reg == GICR_STATUSR ||
			   reg == GICR_WAKER);
	u64 hidden = lpis ? GICR_TYPER_LPIS & ~GICR_TYPER_PLPIS :
			    GICR_TYPER_LPIS;

	if (lpis && (reg == GICR_PROPBASER || reg == GICR_PENDBASER)) {
		root_lpi_table(frame, reg, acc, (unsigned int)cpu);
		return;
	}
	if (acc->write) {
		if (reg == GICR_CTLR)
			acc->value = ctlr_lpis(frame, (u32)acc->value,
					       lpis ? cpu : -1);
		if (ctl && acc->size == 4)
			mmio_write32(frame, reg, (u32)acc->value);
		return;
	}
	if (reg == GICR_TYPER && acc->size == 8) {
		acc->value = mmio_read64(frame, reg) & ~hidden;
		return;
	}
	acc->value = 0;
	if ((ident || ctl) && reg < GICR_RD_SIZE && acc->size == 4)
		acc->value = mmio_read32(frame, reg);
	if (reg == GICR_TYPER)
		acc->value &= ~hidden;
	if (reg == GICR_CTLR && !lpis)
		acc->value &= ~(u64)GICR_CTLR_ENABLE_LPIS;
}

/*
 * Does an inmate cell's run of frames end at frame?  Its tree describes
 * each run of its CPUs' frames as a redistributor region (linuxdt.c), and
 * Linux walks a region frame by frame until GICR_TYPER.Last (IHI 0069
 * 9.6, 12.11.35): a run that ends before the GIC's last frame must say so,
 * or Linux reads on past the end of what it mapped.  The root's regions
 * are the GIC's own, and it walks them whole.
 */
static bool rd_run_ends(const struct cell *cell, unsigned int frame)
{
	return cell != &root_cell &&
	       (frame + 1 >= gicr_count || gicr_cpu[frame + 1] < 0 ||
		!cell_owns_cpu(cell, (unsigned int)gicr_cpu[frame + 1]));
}

/*
 * A cell's accesses to the redistributors that trap: the SGI pages of its
 * own CPUs go through the same per-interrupt filter as the distributor,
 * minus the hypervisor's interrupts; other CPUs' frames are read-only
 * identification.  The rest of an SGI frame is reserved or for LPIs
 * (unused).
 */
static enum mmio_result gicr_access(struct cell *cell, void *arg,
				    struct mmio_access *acc)
{
	u64 off = acc->addr - gicr_base;
	unsigned int frame = (unsigned int)(off / gicr_stride);
	u32 reg = (u32)(off % gicr_stride);
	u8 *base = (u8 *)(uintptr_t)(gicr_base + frame * gicr_stride);
	bool own;

	(void)arg;
	if (frame >= gicr_count || acc->size < 4)
		return MMIO_UNHANDLED;
	own = gicr_cpu[frame] >= 0 &&
	      cell_owns_cpu(cell, (unsigned int)gicr_cpu[frame]);
	if (!own || reg < GICR_SGI_OFFSET) {
		rd_frame(base, reg, acc, gicr_cpu[frame], own);
		if (own && reg == GICR_TYPER && !acc->write &&
		    rd_run_ends(cell, frame))
			acc->value |= GICR_TYPER_LAST;
		return MMIO_HANDLED;
	}
	if (reg >= GICR_SGI_OFFSET + GICR_SGI_PAGE)
		return MMIO_UNHANDLED;
	if (gic_field_access(cell, base + GICR_SGI_OFFSET,
			     reg - GICR_SGI_OFFSET, acc, true))
		return MMIO_HANDLED;
	if (!acc->write)
		acc->value = 0;
	return MMIO_HANDLED;
}

/* Nothing of the redistributors is mapped: all of them trap (rd_frame). */
static int v3_cpu_map(struct cell *cell, unsigned int cpu, bool map)
{
	(void)cell;
	(void)cpu;
	(void)map;
	return 0;
}

/*
 * A direct cell acknowledges its SPIs at EL1 itself, so they must be
 * Group 1 (GICD_IGROUPR = 1, GICD_IGRPMODR = 0: IHI 0069 12.9.15) and
 * below the hypervisor's stop SGI (priority 0x80 or lower, as gicd.c keeps
 * them), whatever their last owner left there.
 */
static void direct_spis(const struct cell *cell)
{
	u32 irq;
	u32 bit;
	u32 byte;

	for (irq = 32u; irq < gic_num_irqs; irq++) {
		if (!cell_owns_irq(cell, irq))
			continue;
		bit = 1u << (irq % 32u);
		byte = (irq % 4u) * 8u;
		gicd_update32((u32)GICD_IGROUPR + ((irq / 32u) * 4u), 0, bit);
		gicd_update32((u32)GICD_IGRPMODR + ((irq / 32u) * 4u), bit, 0);
		gicd_update32((u32)GICD_IPRIORITYR + (irq & ~3u), 0u,
			      0x80u << byte);
	}
}

/* Every access of the cell to the redistributors traps to gicr_access(). */
static int v3_cell_init(struct cell *cell)
{
	int err;

	if (gic_cell_direct(cell) &&
	    !(mmio_read32(gicd_base, GICD_CTLR) & GICD_CTLR_DS)) {
		printk("cell \"%s\": direct interrupts need GICD_CTLR.DS = 1: "
		       "with security enabled, Group 0 belongs to EL3 and the "
		       "hypervisor could not stop the cell\n",
		       cell->name);
		return -ENODEV;
	}

	if (gic_cell_direct(cell))
		direct_spis(cell);
	err = mmio_register(&cell->mmio, gicr_base, gicr_count * gicr_stride,
			    gicr_access, NULL);
	return err || cell != &root_cell ? err : its_root_init(cell);
}

static void v3_comm_fill(const struct cell *cell,
			 struct warden_comm_region *comm)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++)
		if (cell_owns_cpu(cell, cpu))
			comm->cpus[n++].gicr_base = gicr_of_cpu(cpu);
}

/*
 * Direct interrupts (WARDEN_CELL_DIRECT_IRQ).  The cell's EL1 owns the
 * physical Group 1 CPU interface: it acknowledges with ICC_IAR1_EL1 and
 * ends each interrupt with ICC_EOIR1_EL1, so EOImode is 0 here (priority
 * drop and deactivation in one, IHI 0069 4.1.1).  With HCR_EL2.FMO set,
 * EL1's ICC_PMR_EL1, ICC_CTLR_EL1, ICC_RPR_EL1, ICC_DIR_EL1 and the Group 0
 * registers are the virtual ICV_* ones (IHI 0069 12.1.6): the physical
 * priority mask stays open (0xff) and Group 0 enabled, whatever the cell
 * does.  The hypervisor's SGI is Group 0 on this CPU's redistributor, at the
 * highest priority, so it arrives as an FIQ at EL2 even while the cell runs
 * with PSTATE.F set or inside a handler of its own (a Group 0 interrupt of
 * group priority 0 preempts any active Group 1 one: the cell's priorities
 * are kept at 0x80 or lower, gicd.c).  Non-secure EL2 may only own Group 0
 * if the GIC's security is disabled (GICD_CTLR.DS, checked at create).
 */
static void direct_enter(struct per_cpu *pc)
{
	void *sgi = my_sgi_frame();
	u32 prio;

	if (!sgi)
		return;
	write_sysreg(ich_hcr_el2, 0);
	maintenance_irq_enable(false);
	mmio_write32(sgi, GICR_IGROUPR0, ~(1u << GIC_SGI_HYP));
	mmio_write32(sgi, GICR_IGRPMODR0, 0);
	/* INTID 15's priority is the top byte of GICR_IPRIORITYR3 */
	prio = mmio_read32(sgi, GICR_IPRIORITYR0 + 12u);
	mmio_write32(sgi, GICR_IPRIORITYR0 + 12u, prio & 0x00ffffffu);
	mmio_write32(sgi, GICR_ISENABLER0, 1u << GIC_SGI_HYP);
	write_sysreg(icc_ctlr_el1, pc->arch.icc_ctlr & ~ICC_CTLR_EOIMODE);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr0_el1, 0);
	write_sysreg(icc_igrpen0_el1, 1);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

/*
 * Nothing the cell left active or pending may stay so: its active
 * priorities go (ICC_AP1R0_EL1; QEMU and common cores implement 5 priority
 * bits, one register), this CPU's banked interrupts are cleared and
 * deactivated, and its SPIs deactivated, so they can fire again for their
 * next owner (the SPIs' pending state goes at destroy, arch_irq_reset).  Then the
 * hypervisor's SGI is Group 1 again, as on every other CPU.
 */
static void direct_leave(struct per_cpu *pc)
{
	void *sgi = my_sgi_frame();
	u32 irq;

	write_sysreg(icc_igrpen0_el1, 0);
	write_sysreg(icc_ap1r0_el1, 0);
	isb();
	if (sgi) {
		/*
		 * The cell's own SGIs are physical here: one left pending
		 * would reach Linux as its IPI of that number (SGI 2 stops a
		 * CPU) when the CPU goes back to the root.
		 */
		mmio_write32(sgi, GICR_ICPENDR0, ~(1u << GIC_SGI_HYP));
		mmio_write32(sgi, GICR_ICACTIVER0, ~(1u << GIC_SGI_HYP));
		mmio_write32(sgi, GICR_IGROUPR0, ~0u);
	}
	for (irq = 32; irq < gic_num_irqs; irq++)
		if (cell_owns_irq(pc->cell, irq))
			mmio_write32(gicd_base, GICD_ICACTIVER + irq / 32u * 4u,
				     1u << (irq % 32u));
	write_sysreg(icc_ctlr_el1, pc->arch.icc_ctlr | ICC_CTLR_EOIMODE);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	isb();
}

/*
 * Take over the CPU interface.  The physical side keeps Linux's settings but
 * with EOImode 1 (priority drop only), and the virtual side starts as a copy
 * of what Linux had programmed, so Linux sees no change.  A CPU that was
 * just powered on (fresh) gets its physical interface enabled here, because
 * Linux will only ever program the virtual one.
 */
static int v3_cpu_init(struct per_cpu *pc, bool fresh)
{
	u64 ctlr, vmcr;
	unsigned int n;

	v3_lr_count = gic_usable_lrs(
		(unsigned int)(read_sysreg(ich_vtr_el2) & 0x1f) + 1);
	/* IDbits 0: 16 bits, 1: 24 bits */
	v3_vintid_limit = (read_sysreg(ich_vtr_el2) >> 23 & 7u) ? 1u << 24 :
								  1u << 16;
	if (v3_lr_count < 2)
		return -ENODEV;
	if (!fresh && gic_banked_active(my_gicr_sgi_active()))
		return -EBUSY;
	if (fresh) {
		write_sysreg(icc_sre_el2, ICC_SRE_ALL);
		isb();
		write_sysreg(icc_pmr_el1, 0xff);
		write_sysreg(icc_ctlr_el1, ICC_CTLR_EOIMODE);
		write_sysreg(icc_igrpen1_el1, 1);
		isb();
	}
	ctlr = read_sysreg(icc_ctlr_el1);
	pc->arch.icc_ctlr = ctlr;
	vmcr = (read_sysreg(icc_pmr_el1) & 0xff) << VMCR_VPMR_SHIFT;
	vmcr |= (read_sysreg(icc_bpr1_el1) & 7) << VMCR_VBPR1_SHIFT;
	if (read_sysreg(icc_igrpen1_el1) & 1)
		vmcr |= VMCR_VENG1;
	if (ctlr & ICC_CTLR_EOIMODE)
		vmcr |= VMCR_VEOIM;
	if (ctlr & ICC_CTLR_CBPR)
		vmcr |= VMCR_VCBPR;
	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);

	for (n = 0; n < v3_lr_count; n++)
		gicv3_lr_write(n, 0);
	write_sysreg(ich_ap1r0_el2, 0);
	write_sysreg(ich_vmcr_el2, vmcr);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	isb();
	maintenance_irq_enable(true);
	if (gic_cell_direct(pc->cell))
		direct_enter(pc);
	return 0;
}

/* Give Linux back the physical interface as its virtual one was left. */
static void v3_cpu_deinit(struct per_cpu *pc)
{
	u64 vmcr = read_sysreg(ich_vmcr_el2), ctlr = pc->arch.icc_ctlr;
	unsigned int n;

	if (gic_cell_direct(pc->cell))
		direct_leave(pc);
	maintenance_irq_enable(false);
	write_sysreg(ich_hcr_el2, 0);
	for (n = 0; n < v3_lr_count; n++)
		gicv3_lr_write(n, 0);
	write_sysreg(icc_pmr_el1, (vmcr >> VMCR_VPMR_SHIFT) & 0xff);
	write_sysreg(icc_bpr1_el1, (vmcr >> VMCR_VBPR1_SHIFT) & 7);
	write_sysreg(icc_igrpen1_el1, (vmcr & VMCR_VENG1) ? 1 : 0);
	ctlr &= ~ICC_CTLR_EOIMODE;
	if (vmcr & VMCR_VEOIM)
		ctlr |= ICC_CTLR_EOIMODE;
	write_sysreg(icc_ctlr_el1, ctlr);
	isb();
}

static void v3_deactivate(u32 raw)
{
	write_sysreg(icc_dir_el1, raw);
	isb();
}

static void v3_set_pending(u32 intid)
{
	void *r;

	if (intid >= 32) {
		mmio_write32(gicd_base, GICD_ISPENDR + (intid / 32) * 4,
			     1u << (intid % 32));
		return;
	}
	r = my_gicr();
	if (r)
		mmio_write32((u8 *)r + GICR_SGI_OFFSET, GICR_ISPENDR0,
			     1u << intid);
}

static u64 sgi1r_for(u64 mpidr, u32 intid)
{
	u64 aff0 = mpidr & 0xff;

	return (1UL << (aff0 % 16)) | (((mpidr >> 8) & 0xff) << 16) |
	       ((u64)intid << 24) | (((mpidr >> 16) & 0xff) << 32) |
	       ((aff0 / 16) << 44) | (((mpidr >> 32) & 0xff) << 48);
}

/* A Group 1 SGI: every SGI but the hypervisor's is Group 1 on every CPU. */
static inline void v3_send_sgi1(unsigned int cpu, u32 intid)
{
	write_sysreg(icc_sgi1r_el1, sgi1r_for(platform_mpidr(cpu), intid));
	isb();
}

/*
 * The hypervisor's SGI is Group 1 on most CPUs and Group 0 on those of a
 * direct cell, and a CPU changes between the two on its own: so it goes out
 * both ways.  A target takes only the one of its group (IHI 0069 12.7.14,
 * 12.7.15: ICC_SGI0R_EL1 makes a Group 0 SGI, ICC_SGI1R_EL1 a Group 1 one).
 */
static void v3_send_sgi(struct per_cpu *pc, unsigned int cpu, u32 intid)
{
	u64 v = sgi1r_for(platform_mpidr(cpu), intid);

	(void)pc;
	write_sysreg(icc_sgi1r_el1, v);
	if (intid == (u32)GIC_SGI_HYP)
		write_sysreg(icc_sgi0r_el1, v);
	isb();
}

static unsigned int v3_num_lrs(void)
{
	return v3_lr_count;
}

static u64 v3_empty_lrs(void)
{
	return read_sysreg(ich_elrsr_el2) & ((1UL << v3_lr_count) - 1);
}

static bool v3_lr_read(unsigned int n, u32 *intid, bool *hw, bool *pending)
{
	u64 lr = gicv3_lr_read(n);

	if (!(lr >> LR_STATE_SHIFT))
		return false;
	*intid = (u32)(lr & LR_VINTID_MASK);
	*hw = lr & LR_HW;
	*pending = lr & LR_PENDING;
	return true;
}

static void v3_lr_add_pending(unsigned int n)
{
	gicv3_lr_write(n, gicv3_lr_read(n) | LR_PENDING);
}

static u64 v3_lr_value(u32 intid, bool hw)
{
	u64 lr = intid | LR_PENDING | LR_GROUP1 |
		 ((u64)GIC_LR_PRIORITY << LR_PRIO_SHIFT);

	if (hw)
		lr |= LR_HW | ((u64)intid << LR_PINTID_SHIFT);
	return lr;
}

static void v3_lr_write(unsigned int n, u32 intid, bool hw, u32 source)
{
	(void)source;
	gicv3_lr_write(n, v3_lr_value(intid, hw));
}

static bool v3_lr_add(u32 intid, bool hw, u32 source)
{
	u64 empty = v3_empty_lrs();
	u64 lr = v3_lr_value(intid, hw);

	(void)source;
	if (!empty)
		return false;
	/* usually a cell has one interrupt listed at a time: skip the switch */
	if (empty & 1)
		write_sysreg(ich_lr0_el2, lr);
	else
		gicv3_lr_write((unsigned int)__builtin_ctzl(empty), lr);
	return true;
}

/*
 * An LPI (the root's MSIs, through its ITS): listed for the root as a
 * virtual LPI with the HW bit clear, as an LPI has no active state to
 * link to (IHI 0069 4.1.1); its EOI ends it, whatever EOImode (ICV_EOIR1,
 * 12.3.20).  Anywhere else it is dropped: a cell's CPU gets one only if the
 * root's ITS still routes an LPI to a CPU it gave away.
 */
static __attribute__((cold, noinline)) void v3_lpi(struct per_cpu *pc, u32 iar)
{
	static struct ratelimit limit = RATELIMIT_INIT(4, "dropped LPIs");
	u32 intid = iar & 0xffffffu;

	pc->stats[STAT_IRQ]++;
	write_sysreg(icc_eoir1_el1, iar);
	isb();
	if (pc->cell == &root_cell && intid < v3_vintid_limit) {
		irqchip_inject(&pc->pending, intid, false, 0);
		return;
	}
	if (ratelimit_allow(&limit))
		printk("LPI %u on CPU %u of cell \"%s\": dropped (only the root has LPIs)\n",
		       intid, pc->cpu, pc->cell->name);
}

static void v3_handle_irq(struct per_cpu *pc)
{
	u32 iar = (u32)read_sysreg(icc_iar1_el1);
	u32 intid = iar & 0xffffff;

	/* the acknowledge completes before anything it guards (IHI 0069 4.1) */
	dsb(sy);
	if (intid >= IRQCHIP_SPURIOUS) {
		if (intid >= IRQCHIP_FIRST_LPI)
			v3_lpi(pc, iar);
		return;
	}
	pc->stats[STAT_IRQ]++;
	/* priority drop only: EOImode 1 (ICC_CTLR_EL1.EOImode, set at init) */
	write_sysreg(icc_eoir1_el1, iar);
	isb();
	if (gic_irq_is_hyp(intid) || pc->pending.count ||
	    !v3_lr_add(intid, true, 0))
		gic_irq_slow(pc, intid, iar, 0);
}

/*
 * An FIQ: a Group 0 interrupt, acknowledged and ended (EOImode 0 on a
 * direct CPU) through the Group 0 registers.  Only the hypervisor's SGI is
 * Group 0; anything else is dropped.
 */
static void v3_handle_fiq(struct per_cpu *pc)
{
	u32 iar = (u32)read_sysreg(icc_iar0_el1);
	u32 intid = iar & 0xffffffu;

	dsb(sy);
	if (intid >= (u32)IRQCHIP_SPURIOUS)
		return;
	write_sysreg(icc_eoir0_el1, iar);
	if (read_sysreg(icc_ctlr_el1) & ICC_CTLR_EOIMODE)
		write_sysreg(icc_dir_el1, iar);
	isb();
	if (intid != (u32)GIC_SGI_HYP)
		return;
	pc->stats[STAT_SGI]++;
	cell_check_stop(pc);
}

static void v3_underflow(bool enable)
{
	u64 hcr = read_sysreg(ich_hcr_el2);

	write_sysreg(ich_hcr_el2,
		     enable ? hcr | ICH_HCR_UIE : hcr & ~ICH_HCR_UIE);
}

/*
 * GICD_IROUTER<n>: the cell may route its own SPIs, and only to its own
 * CPUs (Interrupt_Routing_Mode 1, "any CPU", is not allowed: it could pick
 * a CPU of another cell).
 */
static bool route_ok(const struct cell *cell, u64 val)
{
	unsigned int cpu;

	if (val & BIT(31))
		return false;
	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++)
		if (cell_owns_cpu(cell, cpu) &&
		    platform_mpidr(cpu) == (val & MPIDR_AFF_MASK))
			return true;
	return false;
}

/*
 * GICD_IROUTER<n> is at 0x6000 + 8n for INTID n (IHI 0069 12.9.22), and
 * may be accessed as a whole or as two 32-bit halves.  A half is written
 * only if the route it makes, with the other half as it is, is allowed.
 */
static void v3_irouter_write(const struct cell *cell, u32 reg,
			     const struct mmio_access *acc)
{
	u32 base = reg & ~7u;
	u64 now = mmio_read64(gicd_base, base), want;

	if (acc->size == 8)
		want = acc->value;
	else if (reg & 4)
		want = (now & 0xffffffffUL) | (acc->value << 32);
	else
		want = (now & ~0xffffffffUL) | (acc->value & 0xffffffffUL);
	if (!route_ok(cell, want))
		return;
	if (acc->size == 8)
		mmio_write64(gicd_base, reg, want);
	else
		mmio_write32(gicd_base, reg, (u32)acc->value);
}

/* Interrupt_Routing_Mode 0, to the owner's first CPU (IHI 0069 12.9.22). */
static void v3_route_spi(const struct cell *owner, u32 intid)
{
	u32 reg = (u32)GICD_IROUTER + intid * 8u;
	unsigned int cpu;

	if (route_ok(owner, mmio_read64(gicd_base, reg)))
		return;
	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		if (cell_owns_cpu(owner, cpu)) {
			mmio_write64(gicd_base, reg,
				     platform_mpidr(cpu) & MPIDR_AFF_MASK);
			return;
		}
	}
}

static enum mmio_result v3_dist_access(struct cell *cell,
				       struct mmio_access *acc, u32 reg)
{
	u32 irq = (reg - GICD_IROUTER) / 8;

	if (reg < GICD_IROUTER || reg >= GICD_IROUTER_END || irq < 32 ||
	    !gic_irq_in_cell(cell, irq) || (acc->size != 4 && acc->size != 8))
		goto ignore;
	if (acc->write)
		v3_irouter_write(cell, reg, acc);
	else if (acc->size == 8)
		acc->value = mmio_read64(gicd_base, reg);
	else
		acc->value = mmio_read32(gicd_base, reg);
	return MMIO_HANDLED;
ignore:
	if (!acc->write)
		acc->value = 0;
	return MMIO_HANDLED;
}

/*
 * ICC_SGI1R_EL1 writes trap to EL2 while HCR_EL2.IMO is set (IHI 0069
 * 12.7.15).  Only the cell's own CPUs are reached; targets elsewhere are
 * dropped.
 */
void gicv3_handle_sgi1r(struct per_cpu *pc, u64 val)
{
	u32 intid = (u32)SGIR_INTID(val);
	unsigned int cpu;

	if (intid == GIC_SGI_HYP)
		return;
	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		u64 m;

		/*
		 * Every CPU of the cell, also one that is not (yet) under
		 * the hypervisor: while the driver enters CPUs one by one,
		 * Linux's IPIs to the later ones must still arrive.
		 */
		if (!cell_owns_cpu(pc->cell, cpu))
			continue;
		m = platform_mpidr(cpu);
		if (val & SGIR_IRM) {
			if (cpu == pc->cpu)
				continue;
		} else if (SGIR_AFF3(val) != ((m >> 32) & 0xff) ||
			   SGIR_AFF2(val) != ((m >> 16) & 0xff) ||
			   SGIR_AFF1(val) != ((m >> 8) & 0xff) ||
			   SGIR_RS(val) != (m & 0xff) / 16 ||
			   !(SGIR_TARGETS(val) & (1u << ((m & 0xff) % 16)))) {
			continue;
		}
		/* never the hypervisor's SGI (refused above): Group 1 only */
		v3_send_sgi1(cpu, intid);
	}
}

const struct gic_ops gicv3_ops = {
	.init = v3_init,
	.cpu_init = v3_cpu_init,
	.cpu_deinit = v3_cpu_deinit,
	.handle_irq = v3_handle_irq,
	.handle_fiq = v3_handle_fiq,
	.deactivate = v3_deactivate,
	.set_pending = v3_set_pending,
	.send_sgi = v3_send_sgi,
	.route_spi = v3_route_spi,
	.num_lrs = v3_num_lrs,
	.empty_lrs = v3_empty_lrs,
	.lr_read = v3_lr_read,
	.lr_add_pending = v3_lr_add_pending,
	.lr_write = v3_lr_write,
	.lr_add = v3_lr_add,
	.underflow = v3_underflow,
	.dist_access = v3_dist_access,
	.cell_init = v3_cell_init,
	.cpu_map = v3_cpu_map,
	.comm_fill = v3_comm_fill,
};
