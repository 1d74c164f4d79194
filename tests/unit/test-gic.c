// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GIC emulation of hypervisor/arch/arm64/ (gicd.c, gic-v2.c, gic-v3.c,
 * gic.c) on the simulated GIC of arm-fixture.c: a cell sees and changes only
 * its own SPIs' fields and its CPUs' SGIs and PPIs, routes and targets only
 * its own CPUs, and sends SGIs only to them; and interrupts reach the list
 * registers.  The root cell on CPUs 0, 1, 4-7 keeps every other SPI; the
 * cell "cell" has CPUs 2-3 and SPI 33.
 */
#include <stdio.h>
#include <string.h>

#include <hyp/errno.h>
#include <hyp/percpu.h>
#include <hyp/setup.h>

#include "arm-fixture.h"
#include "unit.h"

#define D(reg) (AFX_GIC_BASE + (reg))
#define SGI_PAGE(cpu) (AFX_GICR + (cpu)*AFX_GICR_STRIDE + AFX_SGI_PAGE)
#define ALL32 0xffffffffULL
/* Word 0 of a cell's SGI/PPI view: all but the hypervisor's SGI 15 and
 * the maintenance PPI 25. */
#define OWN_PRIVATE (0xffffffffu & ~(1u << 15) & ~(1u << 25))

static struct cell *cell_of(long id)
{
	(void)id;
	return fx_cell_on(2);
}

/* One-bit registers: SPI 33 is the cell's, the rest of the word the root's. */
static void one_bit(u32 version)
{
	static const u32 regs[] = { GICD_IGROUPR,   GICD_ISENABLER,
				    GICD_ICENABLER, GICD_ISPENDR,
				    GICD_ICPENDR,   GICD_ISACTIVER,
				    GICD_ICACTIVER, GICD_IGRPMODR };
	struct cell *c;
	unsigned int i;
	long id;

	CHECK(afx_enable(version) == 0);
	id = afx_cell();
	CHECK(id > 0);
	c = cell_of(id);
	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		u32 *w = afx_reg(D(regs[i] + 4));

		*w = 0xffffffff;
		CHECK(afx_read(c, D(regs[i] + 4), 4) == 1u << 1);
		CHECK(afx_read(&root_cell, D(regs[i] + 4), 4) == ~(1u << 1));
		/* a word beyond the cell's SPIs: all zero */
		*afx_reg(D(regs[i] + 8)) = 0xffffffff;
		CHECK(afx_read(c, D(regs[i] + 8), 4) == 0);
		*w = 0;
		afx_write(c, D(regs[i] + 4), 4, ALL32);
		CHECK(*w == 1u << 1);
		*w = 0;
		afx_write(&root_cell, D(regs[i] + 4), 4, ALL32);
		CHECK(*w == ~(1u << 1));
		/* INTIDs past GICD_TYPER's: nobody's */
		*afx_reg(D(regs[i] + AFX_NUM_IRQS / 8)) = 0xffffffff;
		CHECK(afx_read(&root_cell, D(regs[i] + AFX_NUM_IRQS / 8), 4) ==
		      0);
	}
}

static void one_bit_v3(void)
{
	one_bit(WARDEN_GIC_V3);
}

static void one_bit_v2(void)
{
	one_bit(WARDEN_GIC_V2);
}

/* Byte-wide fields (IPRIORITYR, and ITARGETSR on GICv2), by word or byte. */
static void priority(u32 version)
{
	u32 *w = afx_reg(D(GICD_IPRIORITYR + 32));
	struct cell *c;

	CHECK(afx_enable(version) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*w = 0xaaaaaaaa;
	CHECK(afx_read(c, D(GICD_IPRIORITYR + 32), 4) == 0xaa00);
	afx_write(c, D(GICD_IPRIORITYR + 32), 4, 0x11223344);
	CHECK(*w == 0xaaaa33aa);
	CHECK(afx_read(c, D(GICD_IPRIORITYR + 33), 1) == 0x33);
	CHECK(afx_read(c, D(GICD_IPRIORITYR + 34), 1) == 0);
	afx_write(c, D(GICD_IPRIORITYR + 33), 1, 0x80);
	afx_write(c, D(GICD_IPRIORITYR + 34), 1, 0x80);
	CHECK(*w == 0xaaaa80aa);
	afx_write(&root_cell, D(GICD_IPRIORITYR + 32), 4, 0x11223344);
	CHECK(*w == 0x11228044);
	/* ICFGR: two bits per INTID, INTIDs 32-47 in the word at 0xc08 */
	w = afx_reg(D(GICD_ICFGR + 8));
	*w = 0;
	afx_write(c, D(GICD_ICFGR + 8), 4, ALL32);
	CHECK(*w == 0xcu);
	/* 16-bit accesses are not allowed on the distributor */
	{
		u64 v = 0;

		CHECK(afx_mmio(c, D(GICD_ISENABLER + 4), 2, false, &v) ==
		      MMIO_ERROR);
	}
	/* 64-bit accesses to a field register: RAZ/WI */
	CHECK(afx_read(c, D(GICD_ISENABLER + 8), 8) == 0);
}

static void priority_v3(void)
{
	priority(WARDEN_GIC_V3);
}

static void priority_v2(void)
{
	priority(WARDEN_GIC_V2);
}

/* SGIs and PPIs in the distributor: banked on GICv2... */
static void private_v2(void)
{
	u32 *w = afx_reg(D(GICD_ISENABLER));
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*w = 0xffffffff;
	CHECK(afx_read(c, D(GICD_ISENABLER), 4) == OWN_PRIVATE);
	*w = 0;
	afx_write(c, D(GICD_ISENABLER), 4, ALL32);
	CHECK(*w == OWN_PRIVATE);
}

/* ...RAZ/WI on GICv3 with affinity routing (IHI 0069 12.9). */
static void private_v3(void)
{
	u32 *w = afx_reg(D(GICD_ISENABLER));
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*w = 0xffffffff;
	CHECK(afx_read(c, D(GICD_ISENABLER), 4) == 0);
	CHECK(afx_read(&root_cell, D(GICD_ISENABLER), 4) == 0);
	*w = 0;
	afx_write(&root_cell, D(GICD_ISENABLER), 4, ALL32);
	CHECK(*w == 0);
}

/* GICv2 GICD_ITARGETSR: only the cell's own CPU interfaces (2 and 3). */
static void targets_v2(void)
{
	u32 *w = afx_reg(D(GICD_ITARGETSR + 32));
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	CHECK(gicv2_cell_cpumask(c) == 0x0c);
	CHECK(gicv2_cell_cpumask(&root_cell) == 0xf3);
	*w = 0;
	afx_write(c, D(GICD_ITARGETSR + 32), 4, ALL32);
	CHECK(*w == 0x0c00);
	afx_write(c, D(GICD_ITARGETSR + 33), 1, 0x01);
	CHECK(*w == 0);
	afx_write(&root_cell, D(GICD_ITARGETSR + 32), 4, ALL32);
	CHECK(*w == 0xf3f300f3);
}

/*
 * At create, every SPI is routed to its owner: the cell's SPI 33 to its
 * first CPU, the root's away from the cell's CPUs (2 and 3); a route
 * already inside its owner stays as it is.
 */
static void route_v3(void)
{
	u64 *r = afx_reg64(D(GICD_IROUTER));

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	r[33] = 0; /* CPU 0: the root's, but SPI 33 goes to the cell */
	r[34] = 3; /* the root's, on a CPU the cell takes */
	r[35] = BIT(31); /* the root's, to any CPU */
	r[36] = 1; /* the root's, on its own CPU 1 */
	r[37] = 1UL << 32; /* Aff3 1: no such CPU */
	CHECK(afx_cell() > 0);
	CHECK(r[33] == 2 && r[34] == 0 && r[35] == 0 && r[36] == 1 &&
	      r[37] == 0);
}

/* The same with GICv2's target bytes (IHI 0048 4.3.12). */
static void route_v2(void)
{
	u32 *w = afx_reg(D(GICD_ITARGETSR + 32));

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	w[0] = 0x0c050001; /* 32: none, 33: CPU 0, 34: 0 and 2, 35: 2-3 */
	w[1] = 0x00000002; /* 36: CPU 1, 37-39: none */
	CHECK(afx_cell() > 0);
	/* 33 is the cell's: its first CPU; the root's: CPU 0 unless inside */
	CHECK(w[0] == 0x01010401 && w[1] == 0x01010102);
}

static void typer_lpis(void)
{
	/* MBIS, LPIS and DVIS, as a GICv4 with an ITS and MBIs has them */
	*afx_reg(D(GICD_TYPER)) |= 0x7u << 16;
}

/*
 * GICD_TYPER: LPIS and DVIS are the root's alone (inmate cells get no
 * LPIs); MBIS is nobody's (no MBI registers).
 */
static void typer(void)
{
	const u32 lines = AFX_NUM_IRQS / 32 - 1;

	afx_gic_preset = typer_lpis;
	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	afx_gic_preset = NULL;
	CHECK(afx_cell() > 0);
	CHECK(afx_read(&root_cell, D(GICD_TYPER), 4) == (lines | 0x6u << 16));
	CHECK(afx_read(cell_of(1), D(GICD_TYPER), 4) == lines);
}

/* CTLR is the root's; TYPER and IIDR read-only; the rest RAZ/WI. */
static void control(void)
{
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*afx_reg(D(GICD_CTLR)) = 0x12;
	CHECK(afx_read(c, D(GICD_CTLR), 4) == 0x12);
	CHECK(afx_read(c, D(GICD_TYPER), 4) == AFX_NUM_IRQS / 32 - 1);
	CHECK(afx_read(c, D(GICD_IIDR), 4) == 0x43b);
	*afx_reg(D(0x40)) = 5;
	CHECK(afx_read(c, D(0x40), 4) == 0);
	CHECK(afx_read(c, D(GICD_CTLR), 1) == 0);
	afx_write(c, D(GICD_CTLR), 4, 0);
	CHECK(*afx_reg(D(GICD_CTLR)) == 0x12);
	afx_write(&root_cell, D(GICD_CTLR), 4, 0x13);
	CHECK(*afx_reg(D(GICD_CTLR)) == 0x13);
	/* identification registers: readable, by word */
	*afx_reg(D(0xffe8)) = 0x3b;
	CHECK(afx_read(c, D(0xffe8), 4) == 0x3b);
	CHECK(afx_read(c, D(0xffe8), 1) == 0);
	afx_write(c, D(0xffe8), 4, 0);
	CHECK(*afx_reg(D(0xffe8)) == 0x3b);
}

/* GICD_IROUTER<n>: the cell's SPIs, to its own CPUs only. */
static void irouter(void)
{
	u64 *r33 = afx_reg64(D(GICD_IROUTER + 33 * 8));
	u64 *r34 = afx_reg64(D(GICD_IROUTER + 34 * 8));
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*r33 = 2;
	*r34 = 1;
	CHECK(afx_read(c, D(GICD_IROUTER + 33 * 8), 8) == 2);
	CHECK(afx_read(c, D(GICD_IROUTER + 33 * 8), 4) == 2);
	CHECK(afx_read(c, D(GICD_IROUTER + 34 * 8), 8) == 0);
	afx_write(c, D(GICD_IROUTER + 33 * 8), 8, 3);
	CHECK(*r33 == 3);
	afx_write(c, D(GICD_IROUTER + 33 * 8), 8, 0); /* CPU 0: the root's */
	CHECK(*r33 == 3);
	afx_write(c, D(GICD_IROUTER + 33 * 8), 8, BIT(31)); /* any CPU */
	CHECK(*r33 == 3);
	afx_write(c, D(GICD_IROUTER + 33 * 8), 4, 2);
	CHECK(*r33 == 2);
	afx_write(c, D(GICD_IROUTER + 33 * 8 + 4), 4, 1); /* Aff3 1 */
	CHECK(*r33 == 2);
	afx_write(c, D(GICD_IROUTER + 33 * 8 + 4), 4, 0);
	CHECK(*r33 == 2);
	afx_write(c, D(GICD_IROUTER + 34 * 8), 8, 2);
	CHECK(*r34 == 1);
	afx_write(&root_cell, D(GICD_IROUTER + 34 * 8), 8, 2);
	CHECK(*r34 == 1); /* the root may not route to a cell's CPU */
	afx_write(&root_cell, D(GICD_IROUTER + 34 * 8), 8, 4);
	CHECK(*r34 == 4);
	/* INTIDs below 32 and byte accesses: RAZ/WI */
	*afx_reg64(D(GICD_IROUTER + 8)) = 7;
	CHECK(afx_read(&root_cell, D(GICD_IROUTER + 8), 8) == 0);
	CHECK(afx_read(c, D(GICD_IROUTER + 33 * 8), 1) == 0);
	/* other registers GICv3 does not have */
	CHECK(afx_read(c, D(GICD_SGIR), 4) == 0);
}

/* GICv2 GICD_SGIR: SGIs reach only the cell's CPUs (interfaces 2, 3). */
static void sgir_v2(void)
{
	u32 *sgir = afx_reg(D(GICD_SGIR));
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	per_cpu_of(2)->cell = c; /* the access comes from CPU 2 */
	hh.cpu = 2;
	*sgir = 0;
	afx_write(c, D(GICD_SGIR), 4, 0xff0001); /* list: every interface */
	CHECK(*sgir == 0x0c0001);
	*sgir = 0;
	afx_write(c, D(GICD_SGIR), 4, 0x030001); /* list: the root's only */
	CHECK(*sgir == 0);
	afx_write(c, D(GICD_SGIR), 4, 0x1000002); /* all but self */
	CHECK(*sgir == 0x080002);
	afx_write(c, D(GICD_SGIR), 4, 0x2000003); /* self */
	CHECK(*sgir == 0x040003);
	*sgir = 0;
	afx_write(c, D(GICD_SGIR), 4, 0x3000003); /* reserved filter */
	CHECK(*sgir == 0);
	afx_write(c, D(GICD_SGIR), 4, 0xff000f); /* the hypervisor's SGI */
	CHECK(*sgir == 0);
	afx_write(c, D(GICD_SGIR), 1, 0xff0001);
	CHECK(*sgir == 0);
	*afx_reg(D(GICD_CPENDSGIR)) = 1;
	CHECK(afx_read(c, D(GICD_CPENDSGIR), 4) == 0);
	hh.cpu = 0;
}

/* GICv3 redistributors: own SGI pages filtered, others identification. */
static void redistributor(void)
{
	struct cell *c;
	u64 v = 0;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*afx_reg(SGI_PAGE(2) + GICD_ISENABLER) = 0xffffffff;
	CHECK(afx_read(c, SGI_PAGE(2) + GICD_ISENABLER, 4) == OWN_PRIVATE);
	*afx_reg(SGI_PAGE(2) + GICD_ISENABLER) = 0;
	afx_write(c, SGI_PAGE(2) + GICD_ISENABLER, 4, ALL32);
	CHECK(*afx_reg(SGI_PAGE(2) + GICD_ISENABLER) == OWN_PRIVATE);
	*afx_reg(SGI_PAGE(2) + GICD_IPRIORITYR + 12) = 0x01020304;
	CHECK(afx_read(c, SGI_PAGE(2) + GICD_IPRIORITYR + 12, 4) ==
	      0x00020304); /* INTID 15 hidden */
	/* SPI words in an SGI page are nobody's */
	*afx_reg(SGI_PAGE(2) + GICD_ISENABLER + 4) = 0xffffffff;
	CHECK(afx_read(c, SGI_PAGE(2) + GICD_ISENABLER + 4, 4) == 0);
	/* other registers of the page: RAZ/WI */
	*afx_reg(SGI_PAGE(2) + 0x20) = 9;
	CHECK(afx_read(c, SGI_PAGE(2) + 0x20, 4) == 0);
	afx_write(c, SGI_PAGE(2) + 0x20, 4, 1);
	CHECK(*afx_reg(SGI_PAGE(2) + 0x20) == 9);
	/* no RD_base frame is mapped: all trap */
	CHECK(fx_cell_flags(c, AFX_GICR + 2 * AFX_GICR_STRIDE, NULL) == 0);
	CHECK(fx_cell_flags(c, AFX_GICR, NULL) == 0);
	CHECK(afx_mmio(c, AFX_GICR + 2 * AFX_GICR_STRIDE, 4, false, &v) ==
	      MMIO_HANDLED);
	CHECK(afx_mmio(c, SGI_PAGE(2) + 0x1000, 4, false, &v) ==
	      MMIO_UNHANDLED);
	CHECK(afx_mmio(c, SGI_PAGE(2), 1, false, &v) == MMIO_UNHANDLED);
	/* CPU 0's frame: identification only */
	CHECK(afx_read(c, AFX_GICR + 8, 8) == 0);
	*afx_reg64(AFX_GICR + 8) = 0x100000010ULL;
	*afx_reg(AFX_GICR + 4) = 0x43b;
	*afx_reg(AFX_GICR + 0xffe8) = 0x3b;
	*afx_reg(SGI_PAGE(0) + GICD_ISENABLER) = 0xffffffff;
	CHECK(afx_read(c, AFX_GICR + 8, 8) == 0x100000010ULL);
	CHECK(afx_read(c, AFX_GICR + 12, 4) == 1);
	CHECK(afx_read(c, AFX_GICR + 4, 4) == 0x43b);
	CHECK(afx_read(c, AFX_GICR + 0xffe8, 4) == 0x3b);
	CHECK(afx_read(c, AFX_GICR + 0x10, 4) == 0);
	CHECK(afx_read(c, SGI_PAGE(0) + GICD_ISENABLER, 4) == 0);
	afx_write(c, SGI_PAGE(0) + GICD_ISENABLER, 4, 0);
	CHECK(*afx_reg(SGI_PAGE(0) + GICD_ISENABLER) == 0xffffffff);
	/* its run of frames (CPUs 2-3) ends at CPU 3's: GICR_TYPER.Last */
	*afx_reg64(AFX_GICR + 2 * AFX_GICR_STRIDE + 8) = 2ULL << 32;
	*afx_reg64(AFX_GICR + 3 * AFX_GICR_STRIDE + 8) = 3ULL << 32;
	CHECK(afx_read(c, AFX_GICR + 2 * AFX_GICR_STRIDE + 8, 8) == 2ULL << 32);
	CHECK(afx_read(c, AFX_GICR + 3 * AFX_GICR_STRIDE + 8, 8) ==
	      (3ULL << 32 | 0x10));
	CHECK(afx_read(c, AFX_GICR + 3 * AFX_GICR_STRIDE + 8, 4) == 0x10);
	CHECK(afx_read(c, AFX_GICR + 3 * AFX_GICR_STRIDE + 12, 4) == 3);
	/* the comm region names the cell's CPUs and their frames */
	{
		struct warden_comm_region comm;

		memset(&comm, 0, sizeof(comm));
		arch_comm_fill(c, &comm);
		CHECK(comm.num_cpus == 2 && comm.cpus[0].mpidr == 2);
		CHECK(comm.cpus[1].gicr_base == AFX_GICR + 3 * AFX_GICR_STRIDE);
		CHECK(comm.gicd_base == AFX_GIC_BASE);
	}
}

static void on_sgi1r(void *arg)
{
	gicv3_handle_sgi1r(this_cpu(), *(u64 *)arg);
}

/* ICC_SGI1R_EL1 of a cell: its own CPUs only, never SGI 15. */
static void sgi1r(void)
{
	u64 log[8], v;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	hh.nsysreg_writes = 0;
	v = (3ULL << 24) | 0xffff; /* SGI 3 to Aff0 0-15 of Aff1.2.3 = 0 */
	host_on_cpu(2, on_sgi1r, &v);
	CHECK(host_sysreg_log("icc_sgi1r_el1", log, 8) == 2);
	CHECK(log[0] == ((3ULL << 24) | BIT(2)));
	CHECK(log[1] == ((3ULL << 24) | BIT(3)));
	hh.nsysreg_writes = 0;
	v = (3ULL << 24) | BIT(40); /* everyone else: CPU 3 only */
	host_on_cpu(2, on_sgi1r, &v);
	CHECK(host_sysreg_log("icc_sgi1r_el1", log, 8) == 1);
	CHECK(log[0] == ((3ULL << 24) | BIT(3)));
	hh.nsysreg_writes = 0;
	v = (3ULL << 24) | 1; /* CPU 0 */
	host_on_cpu(2, on_sgi1r, &v);
	v = (15ULL << 24) | 0xffff;
	host_on_cpu(2, on_sgi1r, &v);
	v = (3ULL << 24) | (1ULL << 16) | 0xffff; /* Aff1 1: nobody */
	host_on_cpu(2, on_sgi1r, &v);
	CHECK(host_sysreg_log("icc_sgi1r_el1", log, 8) == 0);
}

/* --- interrupt injection through the list registers --- */

#define V3_PENDING (1ULL << 62)
#define V3_ACTIVE (1ULL << 63)
#define V3_HW(i)                                                  \
	((i) | V3_PENDING | BIT(61) | BIT(60) | (0xa0ULL << 48) | \
	 ((u64)(i) << 32))
#define V3_SGI(i) ((i) | V3_PENDING | BIT(60) | (0xa0ULL << 48))

static void on_irq(void *arg)
{
	(void)arg;
	arch_handle_irq();
}

static void take_irq_v3(unsigned int cpu, u32 iar)
{
	host_sysreg_set("icc_iar1_el1", iar);
	host_on_cpu(cpu, on_irq, NULL);
}

static void lr_reg(unsigned int n, char *name, size_t len)
{
	snprintf(name, len, "ich_lr%u_el2", n);
}

static u64 lr_v3(unsigned int n)
{
	static char name[4][16];

	lr_reg(n, name[n % 4], sizeof(name[0]));
	return host_read_sysreg(name[n % 4]);
}

static void inject_v3(void)
{
	struct per_cpu *pc;
	u64 v;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	pc = per_cpu_of(2);
	/* a hardware interrupt: listed at once with the HW bit */
	take_irq_v3(2, 33);
	CHECK(lr_v3(0) == V3_HW(33));
	CHECK(host_sysreg_log("icc_eoir1_el1", &v, 1) == 1 && v == 33);
	CHECK(pc->stats[STAT_IRQ] == 1);
	/* spurious: nothing */
	take_irq_v3(2, 1023);
	CHECK(pc->stats[STAT_IRQ] == 1);
	/* an SGI: deactivated here, listed as a virtual one */
	take_irq_v3(2, 3);
	CHECK(host_sysreg_log("icc_dir_el1", &v, 1) == 1 && v == 3);
	CHECK(lr_v3(1) == V3_SGI(3));
	/* the same SGI while active only: made pending again */
	host_write_sysreg("ich_lr1_el2", (V3_SGI(3) & ~V3_PENDING) | V3_ACTIVE);
	take_irq_v3(2, 3);
	CHECK(lr_v3(1) == (V3_SGI(3) | V3_ACTIVE));
	/* list registers full: queued, underflow interrupt on */
	host_write_sysreg("ich_lr2_el2", V3_SGI(4));
	host_write_sysreg("ich_lr3_el2", V3_SGI(5));
	take_irq_v3(2, 33);
	CHECK(pc->pending.count == 1);
	CHECK(host_read_sysreg("ich_hcr_el2") & 2);
	take_irq_v3(2, 6); /* behind it, even an SGI */
	CHECK(pc->pending.count == 2);
	/* the maintenance interrupt refills a freed list register */
	host_write_sysreg("ich_lr2_el2", 0);
	take_irq_v3(2, 25);
	CHECK(lr_v3(2) == V3_SGI(6) || lr_v3(2) == V3_HW(33));
	CHECK(pc->stats[STAT_MAINTENANCE] == 1);
	/* the hypervisor's SGI: the CPU looks at its cell's state */
	take_irq_v3(2, GIC_SGI_HYP);
	CHECK(pc->stats[STAT_SGI] == 4 && pc->online);
	/* the cell goes: hardware interrupts deactivated, nothing resent */
	hh.nsysreg_writes = 0;
	gic_discard(pc);
	CHECK(host_sysreg_log("icc_dir_el1", NULL, 0) == 2);
	CHECK(host_sysreg_log("icc_sgi1r_el1", NULL, 0) == 0);
	CHECK(pc->pending.count == 0 && !(host_read_sysreg("ich_hcr_el2") & 2));
}

static void take_cpu(void *arg)
{
	*(int *)arg = gic->cpu_init(this_cpu(), false);
}

static void give_cpu(void *arg)
{
	(void)arg;
	gic->cpu_deinit(this_cpu());
}

/* All sixteen list registers, drained back to the GIC for the root. */
static void drain_v3(void)
{
	char name[16];
	unsigned int n;
	u64 v[20];
	int err = 1;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	host_sysreg_set("ich_vtr_el2", 15);
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == 0 && arch_gic_num_lrs() == 16);
	arch_gic_lr_write(0, 40, true, 0);
	CHECK(lr_v3(0) == V3_HW(40));
	CHECK(gic->lr_read(0, &(u32){ 0 }, &(bool){ 0 }, &(bool){ 0 }));
	host_write_sysreg("ich_lr0_el2", 0);
	CHECK(!gic->lr_read(0, &(u32){ 0 }, &(bool){ 0 }, &(bool){ 0 }));
	for (n = 0; n < 16; n++) {
		lr_reg(n, name, sizeof(name));
		host_write_sysreg(name, n < 8 ? V3_HW(32 + n) : V3_SGI(n - 8));
	}
	/* one active only: stays active, not resent */
	host_write_sysreg("ich_lr15_el2",
			  (V3_SGI(7) & ~V3_PENDING) | V3_ACTIVE);
	hh.nsysreg_writes = 0;
	gic_drain(per_cpu_of(1));
	CHECK(host_sysreg_log("icc_dir_el1", v, 20) == 8 && v[7] == 39);
	CHECK(*afx_reg(D(GICD_ISPENDR + 4)) == 1u << 7); /* the last one */
	CHECK(host_sysreg_log("icc_sgi1r_el1", v, 20) == 7);
	CHECK(v[6] == ((6ULL << 24) | BIT(1)));
	/* a private interrupt goes back to the calling CPU's (0) frame */
	gic->set_pending(27);
	CHECK(*afx_reg(SGI_PAGE(0) + GICD_ISPENDR) == 1u << 27);
	/* at disable, the interface goes back as Linux had it */
	host_sysreg_set("ich_vmcr_el2",
			(0xf0ULL << 24) | (2 << 18) | BIT(1) | BIT(9));
	host_on_cpu(1, give_cpu, NULL);
	CHECK(host_read_sysreg("icc_pmr_el1") == 0xf0);
	CHECK(host_read_sysreg("icc_bpr1_el1") == 2);
	CHECK(host_read_sysreg("icc_igrpen1_el1") == 1);
	CHECK(host_read_sysreg("icc_ctlr_el1") == 2);
	CHECK(host_read_sysreg("ich_hcr_el2") == 0);
	CHECK(*afx_reg(SGI_PAGE(1) + 0x180) == (1u << 25 | 1u << 15));
}

/* CPU entry refused while an SGI/PPI is active; too few list registers. */
/*
 * A cell with direct interrupts (WARDEN_CELL_DIRECT_IRQ): refused while the
 * GIC's security is on (GICD_CTLR.DS = 0); its interrupts stay Group 1 and
 * in the lower priority half; its CPUs get the hypervisor's SGI as Group 0
 * at priority 0 and the physical interface in EOImode 0, and give both back.
 */
static void direct_v3(void)
{
	static struct fx_config cfg;
	u32 *grp = afx_reg(SGI_PAGE(2) + 0x0080);
	u8 *prio = (u8 *)afx_reg(SGI_PAGE(2) + GICD_IPRIORITYR);
	struct per_cpu *pc;
	struct cell *c;
	long id;
	int err = 0;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	pc = per_cpu_of(2);
	fx_config_init(&cfg, "direct", 0xc, FX_RAM_PA, 33);
	cfg.desc.flags |= WARDEN_CELL_DIRECT_IRQ;
	*afx_reg(D(GICD_CTLR)) = 0;
	CHECK(fx_create(&cfg) == -ENODEV);
	*afx_reg(D(GICD_CTLR)) = 1u << 6; /* DS */
	/* its SPI 33 as the root left it: Group 0, modifier set, priority 0x10 */
	*afx_reg(D(GICD_IGROUPR + 4)) = ALL32 & ~2u;
	*afx_reg(D(GICD_IGRPMODR + 4)) = ALL32;
	*afx_reg(D(GICD_IPRIORITYR + 32)) = 0x10101010;
	id = fx_create(&cfg);
	CHECK(id > 0 && fx_load_start(id) == 0);
	CHECK(*afx_reg(D(GICD_IGROUPR + 4)) == ALL32);
	CHECK(*afx_reg(D(GICD_IGRPMODR + 4)) == (ALL32 & ~2u));
	CHECK(*afx_reg(D(GICD_IPRIORITYR + 32)) == 0x10109010);
	c = fx_cell_on(2);
	CHECK(c && gic_cell_direct(c) && !gic_cell_direct(&root_cell));
	/* its interrupts stay Group 1, at priority 0x80 or lower */
	*grp = ALL32;
	afx_write(c, SGI_PAGE(2) + 0x0080, 4, 0);
	CHECK(*grp == ALL32);
	afx_write(c, SGI_PAGE(2) + GICD_IPRIORITYR + 24, 4, 0x00102030);
	CHECK(*afx_reg(SGI_PAGE(2) + GICD_IPRIORITYR + 24) ==
	      0x809000b0); /* 25: maintenance */
	afx_write(c, D(GICD_IGROUPR + 4), 4, 0);
	*afx_reg(D(GICD_IGROUPR + 4)) = 2;
	afx_write(c, D(GICD_IGROUPR + 4), 4, 0);
	CHECK(*afx_reg(D(GICD_IGROUPR + 4)) == 2);
	/* CPU 2 enters the cell */
	pc->cell = c;
	host_sysreg_set("icc_ctlr_el1", 2);
	host_on_cpu(2, take_cpu, &err);
	CHECK(err == 0);
	CHECK(*grp == ~(1u << 15));
	CHECK(prio[15] == 0);
	CHECK(host_read_sysreg("icc_igrpen0_el1") == 1);
	CHECK(host_read_sysreg("icc_igrpen1_el1") == 1);
	CHECK(host_read_sysreg("icc_pmr_el1") == 0xff);
	CHECK((host_read_sysreg("icc_ctlr_el1") & 2) == 0);
	CHECK(host_read_sysreg("ich_hcr_el2") == 0);
	/* the hypervisor's SGI goes out as Group 0 too */
	host_sysreg_set("icc_sgi0r_el1", 0);
	arch_cpu_kick(2);
	CHECK(host_read_sysreg("icc_sgi0r_el1") == (1u << 2 | 15u << 24));
	/* and leaves: nothing active, SGI 15 Group 1, EOImode 1 */
	host_sysreg_set("icc_ap1r0_el1", 1);
	*afx_reg(SGI_PAGE(2) + GICD_ICACTIVER) = 0;
	*afx_reg(SGI_PAGE(2) + GICD_ICPENDR) = 0;
	host_on_cpu(2, give_cpu, NULL);
	CHECK(*afx_reg(SGI_PAGE(2) + GICD_ICPENDR) == ~(1u << 15));
	CHECK(host_read_sysreg("icc_ap1r0_el1") == 0);
	CHECK(host_read_sysreg("icc_igrpen0_el1") == 0);
	CHECK(*afx_reg(SGI_PAGE(2) + GICD_ICACTIVER) == ~(1u << 15));
	CHECK(*grp == ALL32);
	CHECK(host_read_sysreg("icc_ctlr_el1") & 2);
	pc->cell = &root_cell;
}

static void cpu_init_refusals(void)
{
	int err = 0;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	*afx_reg(SGI_PAGE(1) + GICD_ISACTIVER) = 1u << 27;
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == -EBUSY);
	CHECK(fx_uart_has("CPU entry refused: INTID 27 is active"));
	host_sysreg_set("ich_vtr_el2", 0);
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == -ENODEV);
	/* max_lrs limits the list registers used, to 2 at least */
	hyp.header->max_lrs = 1;
	CHECK(gic_usable_lrs(4) == 2);
	hyp.header->max_lrs = 3;
	CHECK(gic_usable_lrs(4) == 3 && gic_usable_lrs(2) == 2);
}

/* SPIs back to reset for a new owner; a pending one set from anywhere. */
static void spi_reset(void)
{
	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	arch_irq_reset(40);
	CHECK(*afx_reg(D(GICD_ICENABLER + 4)) == 1u << 8);
	CHECK(*afx_reg(D(GICD_ICPENDR + 4)) == 1u << 8);
	CHECK(*afx_reg(D(GICD_ICACTIVER + 4)) == 1u << 8);
	arch_irq_reset(5);
	arch_irq_reset(AFX_NUM_IRQS);
	CHECK(*afx_reg(D(GICD_ICENABLER)) == 0);
	arch_irq_set_pending(70);
	CHECK(*afx_reg(D(GICD_ISPENDR + 8)) == 1u << 6);
	arch_irq_set_pending(7);
	arch_irq_set_pending(AFX_NUM_IRQS + 1);
	CHECK(*afx_reg(D(GICD_ISPENDR)) == 0);
	CHECK(gic_irq_in_cell(&root_cell, 7) &&
	      !gic_irq_in_cell(&root_cell, 400));
	/* GICD_TYPER.ITLinesNumber 31 would be 1024: INTIDs stop at 1019 */
	*afx_reg(D(GICD_TYPER)) = 31;
	CHECK(gic_setup(&hyp.config->platform) == 0 && gic_num_irqs == 1020);
}

/*
 * A cell's own RD_base frame: it wakes its redistributor and reads what
 * identifies it, but gets no LPIs: PLPIS, VLPIS and DirectLPI hidden,
 * EnableLPIs kept as the hardware has it, the LPI tables' bases RAZ/WI.
 */
static void redistributor_no_lpis(void)
{
	const u64 rd = AFX_GICR + 2 * AFX_GICR_STRIDE;
	struct cell *c;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	*afx_reg64(rd + 8) = 0x20000001bULL; /* Last, DirectLPI, VLPIS, PLPIS */
	CHECK(afx_read(c, rd + 8, 8) == 0x200000010ULL);
	CHECK(afx_read(c, rd + 8, 4) == 0x10);
	*afx_reg(rd) = 0x8; /* GICR_CTLR.RWP */
	CHECK(afx_read(c, rd, 4) == 0x8);
	afx_write(c, rd, 4, 0x1); /* EnableLPIs */
	CHECK(*afx_reg(rd) == 0);
	*afx_reg(rd) = 0x1; /* enabled before: stays, but reads as 0 */
	afx_write(c, rd, 4, 0);
	CHECK(*afx_reg(rd) == 0x1 && afx_read(c, rd, 4) == 0);
	*afx_reg(rd + 0x78) = 0x1234;
	afx_write(c, rd + 0x78, 4, 0x7fc00000); /* GICR_PENDBASER */
	afx_write(c, rd + 0x70, 4, 0x7fc00000); /* GICR_PROPBASER */
	CHECK(*afx_reg(rd + 0x78) == 0x1234 && *afx_reg(rd + 0x70) == 0);
	CHECK(afx_read(c, rd + 0x78, 4) == 0);
	afx_write(c, rd + 0x14, 4, 0x2); /* GICR_WAKER: its own to use */
	CHECK(*afx_reg(rd + 0x14) == 0x2 && afx_read(c, rd + 0x14, 4) == 0x2);
	/* another CPU's frame: not even its wake-up */
	afx_write(c, AFX_GICR + 0x14, 4, 0x2);
	CHECK(*afx_reg(AFX_GICR + 0x14) == 0);
	CHECK(afx_read(c, AFX_GICR, 4) == 0);
}

/* A CPU's redistributor frame follows the CPU between cells. */
static void cpu_frames(void)
{
	struct cell *c;
	u64 log;

	CHECK(afx_enable(WARDEN_GIC_V3) == 0);
	CHECK(afx_cell() > 0);
	c = cell_of(1);
	/* nothing to map: a frame traps for every cell, its owner's filter */
	CHECK(arch_cell_cpu_map(&root_cell, 2) == 0);
	CHECK(fx_root_flags(AFX_GICR + 2 * AFX_GICR_STRIDE) == 0);
	CHECK(arch_cell_cpu_unmap(c, 3) == 0);
	CHECK(fx_cell_flags(c, AFX_GICR + 3 * AFX_GICR_STRIDE, NULL) == 0);
	/* a CPU without a redistributor frame has nothing to map */
	CHECK(arch_cell_cpu_map(c, WARDEN_MAX_CPUS) == 0);
	/* a kick is the hypervisor's SGI to the CPU */
	hh.nsysreg_writes = 0;
	arch_cpu_kick(5);
	CHECK(host_sysreg_log("icc_sgi1r_el1", &log, 1) == 1);
	CHECK(log == ((15ULL << 24) | BIT(5)));
	CHECK(per_cpu_of(5)->stats[STAT_SGI] == 1);
}

#define GICC(reg) (AFX_GICC + (reg))
#define GICH_LR(n) (AFX_GICH + 0x100 + (n)*4)
#define V2_PENDING (1u << 28)
#define V2_HW(i) ((i) | V2_PENDING | (1u << 31) | (20u << 23) | ((i) << 10))
#define V2_SGI(i, src) ((i) | V2_PENDING | (20u << 23) | ((src) << 10))

static void take_irq_v2(unsigned int cpu, u32 iar)
{
	*afx_reg(GICC(0xc)) = iar;
	host_on_cpu(cpu, on_irq, NULL);
}

static void inject_v2(void)
{
	struct per_cpu *pc;

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	CHECK(afx_cell() > 0);
	pc = per_cpu_of(2);
	take_irq_v2(2, 33);
	CHECK(*afx_reg(GICH_LR(0)) == V2_HW(33));
	CHECK(*afx_reg(GICC(0x10)) == 33); /* GICC_EOIR: priority drop */
	take_irq_v2(2, 1023);
	*afx_reg(AFX_GICH + 0x30) = 0xe; /* GICH_ELRSR0: LR0 in use */
	take_irq_v2(2, 3 | (3 << 10)); /* SGI 3 from CPU interface 3 */
	CHECK(*afx_reg(GICC(0x1000)) == (3 | (3 << 10))); /* GICC_DIR */
	CHECK(*afx_reg(GICH_LR(1)) == V2_SGI(3u, 3u));
	/* active only: made pending again */
	*afx_reg(AFX_GICH + 0x30) = 0xc;
	*afx_reg(GICH_LR(1)) = (V2_SGI(3u, 3u) & ~V2_PENDING) | (2u << 28);
	take_irq_v2(2, 3 | (3 << 10));
	CHECK(*afx_reg(GICH_LR(1)) == (V2_SGI(3u, 3u) | (2u << 28)));
	/* full: queued, underflow on; refilled by the maintenance IRQ */
	*afx_reg(AFX_GICH + 0x30) = 0;
	take_irq_v2(2, 33);
	CHECK(pc->pending.count == 1 && (*afx_reg(AFX_GICH) & 2));
	*afx_reg(GICH_LR(3)) = 0;
	*afx_reg(AFX_GICH + 0x30) = 0x8;
	take_irq_v2(2, 25);
	CHECK(*afx_reg(GICH_LR(3)) == V2_HW(33));
	CHECK(pc->pending.count == 0 && !(*afx_reg(AFX_GICH) & 2));
	/* drained (as the root's would be): HW ones pending at the GICD */
	*afx_reg(AFX_GICH + 0x30) = 0x4;
	*afx_reg(GICH_LR(2)) = 0;
	gic_drain(pc);
	CHECK(*afx_reg(D(GICD_ISPENDR + 4)) == 1u << 1);
	CHECK(*afx_reg(D(GICD_SGIR)) == ((1u << 2) << 16 | 3));
	/* the comm region names the CPU interface */
	{
		struct warden_comm_region comm;

		memset(&comm, 0, sizeof(comm));
		arch_comm_fill(fx_cell_on(2), &comm);
		CHECK(comm.gicc_base == AFX_GICC && comm.num_cpus == 2);
		CHECK(comm.gic_version == WARDEN_GIC_V2);
	}
	/* the cell's GICC address shows the virtual interface */
	{
		u64 pa = 0;

		CHECK(fx_cell_flags(fx_cell_on(2), AFX_GICC, &pa) != 0);
		CHECK(pa == AFX_GICV);
	}
	/* at disable: the physical interface as the virtual one was left */
	*afx_reg(AFX_GICH + 0x8) = (0x1eu << 27) | (3u << 21) | 1u | 0x200u;
	host_on_cpu(2, give_cpu, NULL);
	CHECK(*afx_reg(GICC(0x4)) == 0xf0);
	CHECK(*afx_reg(GICC(0)) == 0x201);
	CHECK(*afx_reg(AFX_GICH) == 0);
	CHECK(*afx_reg(D(GICD_ICENABLER)) == (1u << 25 | 1u << 15));
}

/* GICv2 CPU entry: the physical interface's settings become virtual. */
static void cpu_init_v2(void)
{
	int err = 1;

	CHECK(afx_enable(WARDEN_GIC_V2) == 0);
	*afx_reg(GICC(0)) = 1; /* enabled, EOImode 0 */
	*afx_reg(AFX_GICH + 4) = 63; /* 64 list registers: two ELRSR words */
	*afx_reg(GICC(4)) = 0xf8;
	*afx_reg(GICC(8)) = 2;
	*afx_reg(D(GICD_ITARGETSR)) = 2; /* banked: CPU 1's interface */
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == 0);
	CHECK(*afx_reg(GICC(0)) == 0x201);
	CHECK(*afx_reg(AFX_GICH + 0x8) == ((0x1fu << 27) | (2u << 21) | 1u));
	CHECK(*afx_reg(AFX_GICH) == 1);
	CHECK(per_cpu_of(1)->arch.gic_cpumask == 2);
	*afx_reg(AFX_GICH + 0x34) = 0x80000000;
	CHECK(gic->num_lrs() == 64 && gic->empty_lrs() == (0xfULL | BIT(63)));
	CHECK(!gic->lr_read(5, &(u32){ 0 }, &(bool){ 0 }, &(bool){ 0 }));
	*afx_reg(D(GICD_ISACTIVER)) = 1u << 1;
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == -EBUSY);
	*afx_reg(D(GICD_ISACTIVER)) = 0;
	*afx_reg(AFX_GICH + 4) = 0;
	host_on_cpu(1, take_cpu, &err);
	CHECK(err == -ENODEV);
}

int main(void)
{
	afx_map_gic();
	RUN_HYP(one_bit_v3);
	RUN_HYP(one_bit_v2);
	RUN_HYP(priority_v3);
	RUN_HYP(priority_v2);
	RUN_HYP(private_v2);
	RUN_HYP(private_v3);
	RUN_HYP(targets_v2);
	RUN_HYP(control);
	RUN_HYP(typer);
	RUN_HYP(irouter);
	RUN_HYP(sgir_v2);
	RUN_HYP(redistributor);
	RUN_HYP(redistributor_no_lpis);
	RUN_HYP(sgi1r);
	RUN_HYP(inject_v3);
	RUN_HYP(drain_v3);
	RUN_HYP(direct_v3);
	RUN_HYP(route_v3);
	RUN_HYP(route_v2);
	RUN_HYP(cpu_init_refusals);
	RUN_HYP(spi_reset);
	RUN_HYP(cpu_frames);
	RUN_HYP(inject_v2);
	RUN_HYP(cpu_init_v2);
	UNIT_DONE();
}
