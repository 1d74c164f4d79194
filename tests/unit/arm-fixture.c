// SPDX-License-Identifier: GPL-2.0-only
/* The fixture of the host tests of hypervisor/arch/arm64/ (arm-fixture.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <asm/its.h>
#include <hyp/percpu.h>

#include "arm-fixture.h"

void afx_map_gic(void)
{
	void *p =
		mmap((void *)AFX_GIC_BASE, AFX_GIC_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != (void *)AFX_GIC_BASE) {
		perror("arm-fixture: GIC frames");
		exit(2);
	}
}

u32 *afx_reg(u64 pa)
{
	return (u32 *)(uintptr_t)pa;
}

u64 *afx_reg64(u64 pa)
{
	return (u64 *)(uintptr_t)pa;
}

static void take_sgi(void *arg)
{
	gic_irq_slow(this_cpu(), GIC_SGI_HYP, GIC_SGI_HYP, 0);
	(void)arg;
}

/*
 * ICC_SGI1R_EL1: the hypervisor's SGI reaches its targets at once (every
 * MPIDR of the fixture has Aff1-3 zero: the target list is Aff0).
 */
static void sgi_sent(u64 v)
{
	unsigned int cpu;

	if (((v >> 24) & 0xf) != GIC_SGI_HYP || (v >> 16 & 0xff) || (v >> 32))
		return;
	for (cpu = 0; cpu < FX_CPUS; cpu++)
		if ((v & (1u << cpu)) && per_cpu_of(cpu)->online)
			host_on_cpu(cpu, take_sgi, NULL);
}

/* The hardware keeps ICH_ELRSR_EL2 in step with the list registers. */
static void sysreg_written(const char *name, u64 v)
{
	unsigned int n;
	u64 elrsr;

	if (!strcmp(name, "icc_sgi1r_el1"))
		sgi_sent(v);
	if (sscanf(name, "ich_lr%u_el2", &n) != 1)
		return;
	elrsr = host_read_sysreg("ich_elrsr_el2");
	if (v >> 62)
		elrsr &= ~(1UL << n);
	else
		elrsr |= 1UL << n;
	host_sysreg_set("ich_elrsr_el2", elrsr);
}

void (*afx_gic_preset)(void);

static int chain_setup(const struct warden_system *sys)
{
	/* the simulated memory of a preset is there from now on */
	if (afx_gic_preset)
		afx_gic_preset();
	return gic_setup(&sys->platform);
}

static int chain_cpu_init(struct per_cpu *pc, bool from_cpu_on)
{
	/* GICv2's banked GICD_ITARGETSR0 names the reading CPU's interface */
	*afx_reg(AFX_GIC_BASE + GICD_ITARGETSR) = 1u << pc->cpu;
	return gic->cpu_init(pc, from_cpu_on);
}

static void chain_cpu_deinit(struct per_cpu *pc)
{
	gic->cpu_deinit(pc);
}

static void gic_reset(u32 gic_version)
{
	unsigned int i;

	memset((void *)AFX_GIC_BASE, 0, AFX_GIC_SIZE);
	*afx_reg(AFX_GIC_BASE + GICD_TYPER) = AFX_NUM_IRQS / 32 - 1;
	*afx_reg(AFX_GIC_BASE + GICD_IIDR) = 0x43b;
	*afx_reg(AFX_GICH + 0x4) = 3; /* GICH_VTR: 4 list registers */
	*afx_reg(AFX_GICH + 0x30) = 0xf; /* GICH_ELRSR0: all empty */
	for (i = 0; i < FX_CPUS; i++) /* GICR_TYPER.Affinity: CPU i */
		*afx_reg64(AFX_GICR + i * AFX_GICR_STRIDE + 8) = (u64)i << 32;
	host_sysreg_set("ich_vtr_el2", 3);
	host_sysreg_set("ich_elrsr_el2", 0xffff);
	host_sysreg_set("ich_hcr_el2", 0);
	host_sysreg_set("ich_vmcr_el2", 0);
	host_sysreg_set("icc_ctlr_el1", 0);
	host_sysreg_set("icc_pmr_el1", 0xf0);
	host_sysreg_set("icc_bpr1_el1", 2);
	host_sysreg_set("icc_igrpen1_el1", 1);
	if (afx_gic_preset)
		afx_gic_preset();
	(void)gic_version;
}

static void cpu_take(void *arg)
{
	*(int *)arg = chain_cpu_init(this_cpu(), false);
}

int afx_enable(u32 gic_version)
{
	return afx_enable_flags(gic_version, 0);
}

int afx_enable_flags(u32 gic_version, u32 sys_flags)
{
	struct warden_platform *p = &fx_sys.sys.platform;
	unsigned int cpu;
	int err;

	fx_sys_init();
	fx_sys.sys.flags = sys_flags;
	p->gic_version = gic_version;
	p->gicr_base = AFX_GICR;
	if (gic_version == WARDEN_GIC_V2) {
		p->gicr_base = 0;
		p->gicr_stride = 0;
		p->gicc_base = AFX_GICC;
		p->gich_base = AFX_GICH;
		p->gicv_base = AFX_GICV;
	}
	host_chain = (struct host_chain){
		.setup_global = chain_setup,
		.cell_init = gic_cell_init,
		.cpu_init = chain_cpu_init,
		.cpu_deinit = chain_cpu_deinit,
		.cell_memory_check = its_cell_check,
		.sysreg_write = sysreg_written,
	};
	gic_reset(gic_version);
	err = fx_enable();
	if (err)
		return err;
	/* fx_enable() cleared the system registers */
	gic_reset(gic_version);
	for (cpu = 0; cpu < FX_CPUS; cpu++) {
		host_on_cpu(cpu, cpu_take, &err);
		if (err)
			return err;
	}
	/* each case starts from here: no calls, the GIC as at reset */
	hh.ncalls = 0;
	hh.nsysreg_writes = 0;
	gic_reset(gic_version);
	return 0;
}

long afx_cell(void)
{
	static struct fx_config c;
	long id;

	fx_config_init(&c, "cell", 0xc, FX_RAM_PA, 33);
	id = fx_create(&c);
	if (id < 0 || fx_load_start(id))
		return -1;
	return id;
}

enum mmio_result afx_mmio(struct cell *cell, u64 addr, unsigned int size,
			  bool write, u64 *value)
{
	struct mmio_access acc = {
		.addr = addr, .size = size, .write = write, .value = *value
	};
	enum mmio_result r = mmio_dispatch(cell, &acc);

	*value = acc.value;
	return r;
}

u64 afx_read(struct cell *cell, u64 addr, unsigned int size)
{
	u64 v = 0xdead;

	if (afx_mmio(cell, addr, size, false, &v) != MMIO_HANDLED)
		return 0xdead;
	return v;
}

void afx_write(struct cell *cell, u64 addr, unsigned int size, u64 v)
{
	afx_mmio(cell, addr, size, true, &v);
}

static struct trap_frame afx_frame;

static void do_psci(void *arg)
{
	long *ret = arg;

	*ret = psci_handle(&afx_frame, afx_frame.x[0]);
}

long afx_psci(unsigned int cpu, u64 fid, u64 x1, u64 x2, u64 x3)
{
	long ret = LONG_MIN;

	memset(&afx_frame, 0, sizeof(afx_frame));
	afx_frame.x[0] = fid;
	afx_frame.x[1] = x1;
	afx_frame.x[2] = x2;
	afx_frame.x[3] = x3;
	if (host_on_cpu(cpu, do_psci, &ret) != OP_RETURNED)
		return LONG_MIN;
	return ret;
}

static void do_sync(void *arg)
{
	arch_handle_sync(arg);
}

enum host_op afx_sync(unsigned int cpu, u64 esr, struct trap_frame *f)
{
	host_sysreg_set("esr_el2", esr);
	return host_on_cpu(cpu, do_sync, f);
}

const char *afx_failure(long id)
{
	if (fx_state(id) < 0 || !fx_status())
		return "";
	return fx_status()->failure;
}

/* gic-lr.S: the list registers by number, as named system registers */
static const char *const lr_names[16] = {
	"ich_lr0_el2",	"ich_lr1_el2",	"ich_lr2_el2",	"ich_lr3_el2",
	"ich_lr4_el2",	"ich_lr5_el2",	"ich_lr6_el2",	"ich_lr7_el2",
	"ich_lr8_el2",	"ich_lr9_el2",	"ich_lr10_el2", "ich_lr11_el2",
	"ich_lr12_el2", "ich_lr13_el2", "ich_lr14_el2", "ich_lr15_el2"
};

u64 gicv3_lr_read(unsigned int n)
{
	return host_read_sysreg(lr_names[n & 15u]);
}

void gicv3_lr_write(unsigned int n, u64 v)
{
	host_write_sysreg(lr_names[n & 15u], v);
}
