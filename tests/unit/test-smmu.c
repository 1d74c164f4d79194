// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMMUv3 driver (hypervisor/arch/arm64/smmu.c) on the real core, with
 * a simulated SMMU: its registers are host memory that a thread answers as
 * the hardware would (CR0ACK, IRQ_CTRLACK, the command queue's consumer),
 * logging the commands, and a simulated ECAM with a few functions.  Checks
 * the probe and its refusals, the stream table, the DMA views and their TLB
 * maintenance, events and global errors, and disable.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <asm/smmu.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/setup.h>

#include "host-hyp.h"
#include "hyp-fixture.h"
#include "unit.h"

#define EVTQ_IRQ 96u
#define GERROR_IRQ 97u
#define SMMU_SIZE 0x20000u
#define ECAM_SIZE 0x100000u /* bus 0 */

/* register offsets, as smmu.c's (IHI 0070 6.3) */
#define R_IDR0 0x00u
#define R_IDR1 0x04u
#define R_IDR5 0x14u
#define R_CR0 0x20u
#define R_CR0ACK 0x24u
#define R_GBPA 0x44u
#define R_IRQ_CTRL 0x50u
#define R_IRQ_CTRLACK 0x54u
#define R_GERROR 0x60u
#define R_GERRORN 0x64u
#define R_STRTAB_BASE 0x80u
#define R_CMDQ_BASE 0x90u
#define R_CMDQ_PROD 0x98u
#define R_CMDQ_CONS 0x9cu
#define R_EVENTQ_BASE 0xa0u
#define R_EVENTQ_PROD 0x100a8u
#define R_EVENTQ_CONS 0x100acu

static u8 *regs, *ecam;
static pthread_t sim;
static atomic_int sim_stop, sim_stall, sim_error;
static u8 cmd_log[1024];
static atomic_uint ncmds;

static volatile u32 *reg32(u32 off)
{
	return (volatile u32 *)(void *)(regs + off);
}

static volatile u64 *reg64(u32 off)
{
	return (volatile u64 *)(void *)(regs + off);
}

/* The simulated SMMU: acknowledge, and consume the command queue. */
static void *sim_run(void *arg)
{
	(void)arg;
	while (!atomic_load(&sim_stop)) {
		u32 prod = *reg32(R_CMDQ_PROD), cons = *reg32(R_CMDQ_CONS);
		u32 log2 = (u32)(*reg64(R_CMDQ_BASE) & 0x1fu);
		const u64 *q = (const u64 *)(uintptr_t)(*reg64(R_CMDQ_BASE) &
							0x000fffffffffffe0UL);

		*reg32(R_CR0ACK) = *reg32(R_CR0);
		*reg32(R_IRQ_CTRLACK) = *reg32(R_IRQ_CTRL);
		if (*reg32(R_GBPA) & 0x80000000u)
			*reg32(R_GBPA) &= ~0x80000000u;
		if (atomic_load(&sim_stall)) {
			/* time passes while commands wait: the driver gives up */
			if (prod != (cons & 0xffffffu))
				hh.time_us += 1000;
			continue;
		}
		if (!q || prod == (cons & 0xffffffu))
			continue;
		if (atomic_load(&sim_error)) {
			*reg32(R_CMDQ_CONS) = cons | 1u << 24; /* CERROR_ILL */
			continue;
		}
		while ((cons & ((2u << log2) - 1u)) != prod) {
			u32 n = cons & ((1u << log2) - 1u);
			unsigned int i = atomic_fetch_add(&ncmds, 1);

			if (i < sizeof(cmd_log))
				cmd_log[i] = (u8)q[n * 2u];
			cons = (cons + 1u) & ((2u << log2) - 1u);
		}
		*reg32(R_CMDQ_CONS) = cons;
	}
	return NULL;
}

static unsigned int cmds_of(u8 op)
{
	unsigned int i, n = 0, total = atomic_load(&ncmds);

	for (i = 0; i < total && i < sizeof(cmd_log); i++)
		n += cmd_log[i] == op;
	return n;
}

static void ecam_fn(unsigned int dev, unsigned int fn, u16 vendor, u8 hdr)
{
	u8 *cfg = ecam + (dev << 15) + (fn << 12);

	cfg[0] = (u8)vendor;
	cfg[1] = (u8)(vendor >> 8);
	cfg[0xe] = hdr;
}

static void mem_root(unsigned int i, u64 pa, u64 size)
{
	struct warden_memory *m = &fx_sys.mem[i];

	m->phys_start = pa;
	m->virt_start = pa;
	m->size = size;
	m->flags = FX_IO;
	fx_sys.sys.root_cell.num_memory_regions = i + 1;
}

/* The fixture's machine with an SMMU and one PCI bus. */
static void sys_with_smmu(void)
{
	struct warden_platform *p;

	fx_sys_init();
	p = &fx_sys.sys.platform;
	regs = aligned_alloc(0x10000, SMMU_SIZE);
	ecam = aligned_alloc(ECAM_SIZE, ECAM_SIZE);
	if (!regs || !ecam)
		abort();
	memset(regs, 0, SMMU_SIZE);
	memset(ecam, 0xff, ECAM_SIZE);
	ecam_fn(0, 0, 0x1b36, 0); /* host bridge */
	ecam_fn(2, 0, 0x1af4, 0); /* virtio */
	ecam_fn(3, 0, 0x8086, 0x80); /* multi-function */
	ecam_fn(3, 1, 0x8086, 0);
	/* S1P, TTF AArch64, COHACC, two-level stream table */
	*reg32(R_IDR0) = 1u << 1 | 2u << 2 | 1u << 4 | 1u << 27;
	*reg32(R_IDR1) = 16u | 8u << 21 | 7u << 16;
	*reg32(R_IDR5) = 1u << 4 | 5u; /* 4 KiB granule, 48-bit PAs */
	p->smmu_base = (u64)(uintptr_t)regs;
	p->smmu_evtq_irq = EVTQ_IRQ;
	p->smmu_gerror_irq = GERROR_IRQ;
	p->pci_ecam_base = (u64)(uintptr_t)ecam;
	/* the root keeps every SPI but the SMMU's two */
	fx_sys.irq[0].first = 32;
	fx_sys.irq[0].count = 64;
	fx_sys.irq[1].first = 98;
	fx_sys.irq[1].count = 190;
	/* the root maps the ECAM, as a root cell with a host bridge does */
	mem_root(5, (u64)(uintptr_t)ecam, ECAM_SIZE);
	host_time_step = 0;
	atomic_store(&sim_stop, 0);
	if (pthread_create(&sim, NULL, sim_run, NULL))
		abort();
}

static void sim_end(void)
{
	atomic_store(&sim_stop, 1);
	pthread_join(sim, NULL);
	free(regs);
	free(ecam);
}

/* The STE of stream sid, through the two levels the driver built. */
static const u64 *ste(u32 sid)
{
	const u64 *l1 = (const u64 *)(uintptr_t)(*reg64(R_STRTAB_BASE) &
						 0x000fffffffffffc0UL);
	u64 d = l1[sid >> 6];

	if (!d)
		return NULL;
	return (const u64 *)(uintptr_t)(d & 0x000fffffffffffc0UL) +
	       (sid & 63u) * 8u;
}

static bool ste_valid(u32 sid)
{
	const u64 *s = ste(sid);

	return s && (s[0] & 1u);
}

static bool dma_maps(struct cell *cell, u64 ipa)
{
	return paging_lookup(&cell->dma, ipa, NULL, NULL, NULL) == 0;
}

static void enable_takes_the_smmu(void)
{
	sys_with_smmu();
	CHECK(fx_enable() == 0);
	CHECK(*reg32(R_CR0) == (1u | 1u << 2 | 1u << 3));
	CHECK(*reg32(R_IRQ_CTRL) == (1u | 1u << 2));
	CHECK(*reg64(R_STRTAB_BASE) != 0 && *reg64(R_EVENTQ_BASE) != 0);
	CHECK(cmds_of(0x04) == 1 && cmds_of(0x30) == 1); /* CFGI_ALL, TLBI */
	/* the four functions present are the root's, nothing else */
	CHECK(ste_valid(0x00) && ste_valid(0x10) && ste_valid(0x18) &&
	      ste_valid(0x19));
	CHECK(!ste_valid(0x08) && !ste_valid(0x1a) && !ste(0x100));
	CHECK(cmds_of(0x03) == 4);
	CHECK(fx_uart_has("SMMU: 4 PCI functions on buses 00-00"));
	CHECK(fx_uart_has("65536 stream IDs"));
	CHECK(arch_irq_is_hyp(EVTQ_IRQ) && arch_irq_is_hyp(GERROR_IRQ));
	/* the root's DMA view: its RAM, not its devices, and not its CPUs' */
	CHECK(dma_maps(&root_cell, 0x40000000));
	CHECK(!dma_maps(&root_cell, 0x09000000));
	sim_end();
}

static void cells_move_memory_out_of_dma_views(void)
{
	struct fx_config c;
	struct cell *cell;
	unsigned int flushes;

	sys_with_smmu();
	CHECK(fx_enable() == 0);
	flushes = host.flushes;
	fx_config_init(&c, "demo", 0x4, FX_RAM_PA, 33);
	CHECK(fx_create(&c) == 1);
	cell = cellctl_cell(1);
	CHECK(cell != NULL);
	CHECK(!dma_maps(&root_cell, FX_RAM_PA));
	CHECK(host.flushes > flushes); /* break-before-make in a live view */
	smmu_flush_va(0, FX_RAM_PA);
	CHECK(cmds_of(0x12) == 1); /* TLBI_NH_VA */
	CHECK(dma_maps(cell, c.mem[0].virt_start));
	CHECK(c.mem[0].phys_start == FX_RAM_PA);
	/* a stream of the cell: its STE points at the cell's context */
	CHECK(arch_dma_stream_assign(0x10, cell) == 0);
	CHECK(ste_valid(0x10));
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(dma_maps(&root_cell, FX_RAM_PA));
	CHECK(ste_valid(0x10)); /* back to the root */
	CHECK(cmds_of(0x11) >= 1); /* the cell's ASID flushed */
	sim_end();
}

/* Queue one event record at the producer and raise the SPI. */
static void event_post(u32 type, u32 sid, u64 addr, bool read)
{
	u64 *q = (u64 *)(uintptr_t)(*reg64(R_EVENTQ_BASE) &
				    0x000fffffffffffe0UL);
	u32 prod = *reg32(R_EVENTQ_PROD), n = prod & 127u;

	q[n * 4u] = type | (u64)sid << 32;
	q[n * 4u + 1u] = read ? 1UL << 35 : 0;
	q[n * 4u + 2u] = addr;
	*reg32(R_EVENTQ_PROD) = (prod + 1u) & 255u;
}

static void events_are_reported(void)
{
	struct fx_config c;

	sys_with_smmu();
	CHECK(fx_enable() == 0);
	event_post(0x10, 0x10, 0x1234000, false);
	event_post(0x04, 0x08, 0, false);
	event_post(0x02, 0x20000, 0, true);
	CHECK(smmu_irq(EVTQ_IRQ));
	CHECK(fx_uart_has(
		"SMMU: stream 0x10 (PCI 00:02.0) of cell \"root\": write to 0x1234000 blocked: not mapped for its cell"));
	CHECK(fx_uart_has(
		"SMMU: stream 0x8 (PCI 00:01.0): event 0x4: no cell owns the stream; its DMA is aborted"));
	CHECK(fx_uart_has(
		"SMMU: stream 0x20000: event 0x2: stream ID beyond the stream table"));
	CHECK(*reg32(R_EVENTQ_CONS) == *reg32(R_EVENTQ_PROD));
	CHECK(!smmu_irq(33));
	/* an inmate cell's device fails its cell */
	fx_config_init(&c, "demo", 0x4, FX_RAM_PA, 33);
	CHECK(fx_create(&c) == 1);
	CHECK(fx_load_start(1) == 0);
	CHECK(arch_dma_stream_assign(0x18, cellctl_cell(1)) == 0);
	event_post(0x10, 0x18, 0x40000000, true);
	CHECK(smmu_irq(EVTQ_IRQ));
	CHECK(fx_state(1) == WARDEN_CELL_FAILED);
	CHECK(strstr(fx_status()->failure,
		     "DMA of stream 0x18 (PCI 00:03.0): read from 0x40000000 "
		     "blocked: not mapped for its cell") != NULL);
	/* an overflow is said */
	*reg32(R_EVENTQ_PROD) |= 0x80000000u;
	CHECK(smmu_irq(EVTQ_IRQ));
	CHECK(fx_uart_has("event queue overflowed"));
	CHECK((*reg32(R_EVENTQ_CONS) & 0x80000000u) != 0);
	sim_end();
}

static void global_errors_are_reported(void)
{
	sys_with_smmu();
	CHECK(fx_enable() == 0);
	*reg32(R_GERROR) = 1u | 1u << 2;
	CHECK(smmu_irq(GERROR_IRQ));
	CHECK(fx_uart_has("SMMU: global error: command queue error"));
	CHECK(fx_uart_has("SMMU: global error: event queue write abort"));
	CHECK(*reg32(R_GERRORN) == *reg32(R_GERROR));
	sim_end();
}

static void disable_gives_it_back(void)
{
	unsigned int cpu;

	sys_with_smmu();
	*reg32(R_GBPA) = 1u << 20; /* abort when off, as found */
	CHECK(fx_enable() == 0);
	*reg32(R_GBPA) = 0;
	for (cpu = 0; cpu < FX_CPUS; cpu++)
		CHECK(fx_hc_on(cpu, WARDEN_HC_DISABLE, 0, 0) == LONG_MIN &&
		      hh.left == OP_CPU_EXIT);
	CHECK(fx_uart_has("given back as it was"));
	CHECK(*reg32(R_CR0) == 0 && *reg32(R_IRQ_CTRL) == 0);
	CHECK(*reg64(R_STRTAB_BASE) == 0 && *reg64(R_CMDQ_BASE) == 0);
	CHECK(*reg32(R_GBPA) == 1u << 20);
	CHECK(!arch_irq_is_hyp(EVTQ_IRQ));
	sim_end();
}

static void refusals_say_why(void)
{
	sys_with_smmu();
	*reg32(R_CR0) = 1; /* Linux drives it */
	CHECK(fx_enable() != 0);
	CHECK(fx_uart_has("it is enabled: the root's Linux drives it"));
	CHECK(fx_uart_has("initcall_blacklist=arm_smmu_driver_init"));
	sim_end();

	sys_with_smmu();
	*reg32(R_IDR0) &= ~(1u << 1);
	CHECK(fx_enable() == -ENODEV);
	CHECK(fx_uart_has("it has no AArch64 stage 1"));
	sim_end();

	sys_with_smmu();
	*reg32(R_IDR0) &= ~(3u << 27);
	CHECK(fx_enable() == -ENODEV);
	CHECK(fx_uart_has("two-level stream table"));
	sim_end();

	sys_with_smmu();
	*reg32(R_IDR0) &= ~(1u << 4);
	CHECK(fx_enable() == -ENODEV);
	CHECK(fx_uart_has("not cache coherent"));
	sim_end();

	sys_with_smmu();
	*reg32(R_IDR5) &= ~(1u << 4);
	CHECK(fx_enable() == -ENODEV);
	CHECK(fx_uart_has("no 4 KiB translation granule"));
	sim_end();

	sys_with_smmu();
	*reg32(R_IDR1) = 16u;
	CHECK(fx_enable() == -ENODEV);
	CHECK(fx_uart_has("its queues are too small"));
	sim_end();
}

static void a_stuck_or_failing_queue_fails_enable(void)
{
	sys_with_smmu();
	atomic_store(&sim_error, 1);
	CHECK(fx_enable() == -EIO);
	CHECK(fx_uart_has("SMMU: command queue error 1"));
	CHECK(fx_uart_has("cannot take it (error -5)"));
	sim_end();

	sys_with_smmu();
	atomic_store(&sim_error, 0);
	atomic_store(&sim_stall, 1);
	CHECK(fx_enable() == -ETIMEDOUT);
	CHECK(fx_uart_has("SMMU: command queue stuck"));
	sim_end();
}

/* ---- PCI functions of cells (core/pci.c) ------------------------------ */

#define FN_EDU 0x10u /* 00:02.0 */
#define WINDOW 0x0a001000UL /* the cell's BAR window, in the root's IO */

static u32 *cfg32(u16 bdf, u32 reg)
{
	return (u32 *)(void *)(ecam + ((u32)bdf << 12) + reg);
}

/* A cell "pci" on CPU 2 with function bdf and the window at WINDOW. */
static long pci_cell_named(const char *name, u64 cpus, u64 ram, u16 bdf)
{
	struct fx_config c;

	fx_config_init(&c, name, cpus, ram, ram == FX_RAM_PA ? 33 : 34);
	if (ram == FX_RAM_PA)
		fx_add_mem(&c, WINDOW, WINDOW, 0x1000, FX_IO);
	c.pci[c.desc.num_pci_devices++].bdf = bdf;
	return fx_create(&c);
}

static long pci_cell(u16 bdf)
{
	return pci_cell_named("pci", 0x4, FX_RAM_PA, bdf);
}

static enum mmio_result cfg_access(struct cell *cell, u16 bdf, u32 reg,
				   unsigned int size, bool write, u64 *val)
{
	struct mmio_access acc = {
		.addr = (u64)(uintptr_t)ecam + ((u32)bdf << 12) + reg,
		.value = *val,
		.size = size,
		.write = write,
	};
	enum mmio_result r = mmio_dispatch(cell, &acc);

	*val = acc.value;
	return r;
}

static void pci_function_moves_to_the_cell(void)
{
	u64 page, v;
	struct cell *cell;

	sys_with_smmu();
	*cfg32(FN_EDU, 4) = 0x7; /* the root had it decoding */
	CHECK(fx_enable() == 0);
	page = (u64)(uintptr_t)cfg32(FN_EDU, 0);
	CHECK(fx_root_flags(page) != 0);
	CHECK(pci_cell(FN_EDU) == 1);
	cell = cellctl_cell(1);
	CHECK((*cfg32(FN_EDU, 4) & 7u) == 0); /* quiesced */
	CHECK(fx_root_flags(page) == 0); /* trapped for the root now */
	CHECK(ste_valid(FN_EDU));
	/* the cell sees its function, and nothing else */
	v = 0;
	CHECK(cfg_access(cell, FN_EDU, 0, 4, false, &v) == MMIO_HANDLED);
	CHECK(v == 0xffff1af4u);
	CHECK(cfg_access(cell, 0x00, 0, 4, false, &v) == MMIO_HANDLED &&
	      v == 0xffffffffu);
	CHECK(cfg_access(cell, 0x00, 0, 2, false, &v) == MMIO_HANDLED &&
	      v == 0xffffu);
	v = 0;
	CHECK(cfg_access(cell, 0x00, 4, 2, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(0x00, 4) == 0xffffffffu); /* not written */
	v = 0;
	CHECK(cfg_access(cell, FN_EDU, 2, 4, false, &v) == MMIO_ERROR);
	CHECK(cfg_access(cell, FN_EDU, 0, 8, false, &v) == MMIO_ERROR);
	/* the root reads it, and cannot write it */
	v = 0;
	CHECK(cfg_access(&root_cell, FN_EDU, 0, 4, false, &v) == MMIO_HANDLED &&
	      v == 0xffff1af4u);
	v = 0x7;
	CHECK(cfg_access(&root_cell, FN_EDU, 4, 2, true, &v) == MMIO_HANDLED);
	CHECK((*cfg32(FN_EDU, 4) & 7u) == 0);
	/* its own functions' writes still go through the trap */
	v = 0x5;
	CHECK(cfg_access(&root_cell, 0x18, 0x3c, 1, true, &v) == MMIO_HANDLED);
	CHECK((*cfg32(0x18, 0x3c) & 0xffu) == 5u);
	/* destroy: quiesced again, the root's once more */
	*cfg32(FN_EDU, 4) = 0x6;
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK((*cfg32(FN_EDU, 4) & 7u) == 0);
	CHECK(fx_root_flags(page) != 0);
	sim_end();
}

/* MSI and MSI-X stay off in a cell: cells get no LPIs (pci.c). */
static void pci_msi_stays_off(void)
{
	struct cell *cell;
	u8 *cfg;
	u64 v;

	sys_with_smmu();
	cfg = ecam + ((u32)FN_EDU << 12);
	cfg[0x06] = 0x10; /* capabilities: MSI at 0x40, MSI-X at 0x50 */
	cfg[0x34] = 0x40;
	cfg[0x40] = 0x05;
	cfg[0x41] = 0x50;
	cfg[0x42] = 0x01; /* the root left MSI enabled */
	cfg[0x50] = 0x11;
	cfg[0x51] = 0x00;
	CHECK(fx_enable() == 0);
	CHECK(pci_cell(FN_EDU) == 1);
	cell = cellctl_cell(1);
	CHECK((cfg[0x42] & 1u) == 0); /* off at create */
	CHECK(fx_uart_has(
		"cell \"pci\": PCI 00:02.0: MSI stays off in the cell (cells get no LPIs): the function interrupts through INTx"));
	/* enable through the control register, 16 and 32 bits wide */
	v = 0x1;
	CHECK(cfg_access(cell, FN_EDU, 0x42, 2, true, &v) == MMIO_HANDLED);
	CHECK((cfg[0x42] & 1u) == 0);
	v = 0x80000011u;
	CHECK(cfg_access(cell, FN_EDU, 0x50, 4, true, &v) == MMIO_HANDLED);
	CHECK((cfg[0x53] & 0x80u) == 0);
	CHECK(fx_uart_has("MSI stays off (cells get no LPIs): use INTx"));
	/* other writes to the capability pass */
	v = 0x12345678u;
	CHECK(cfg_access(cell, FN_EDU, 0x44, 4, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(FN_EDU, 0x44) == 0x12345678u);
	sim_end();
}

static void pci_writes_are_filtered(void)
{
	struct cell *cell;
	u64 v;

	sys_with_smmu();
	*cfg32(FN_EDU, 0x10) = 0; /* BAR 0: 32-bit memory */
	*cfg32(FN_EDU, 0x14) = 0x1; /* BAR 1: I/O */
	CHECK(fx_enable() == 0);
	CHECK(pci_cell(FN_EDU) == 1);
	cell = cellctl_cell(1);
	/* simulated ECAM memory: a BAR reads back what was written */
	v = 0x0a003000;
	CHECK(cfg_access(cell, FN_EDU, 0x10, 4, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(FN_EDU, 0x10) == 0x0a003000u); /* decoding off: free */
	v = 0x6;
	CHECK(cfg_access(cell, FN_EDU, 4, 2, true, &v) == MMIO_HANDLED);
	CHECK((*cfg32(FN_EDU, 4) & 0x2u) == 0); /* outside: not decoding */
	CHECK((*cfg32(FN_EDU, 4) & 0x4u) != 0); /* bus mastering is its */
	CHECK(fx_uart_has(
		"cell \"pci\": PCI 00:02.0: a BAR lies outside the cell's memory: memory decoding stays off"));
	v = WINDOW;
	CHECK(cfg_access(cell, FN_EDU, 0x10, 4, true, &v) == MMIO_HANDLED);
	v = 0x3;
	CHECK(cfg_access(cell, FN_EDU, 4, 2, true, &v) == MMIO_HANDLED);
	CHECK((*cfg32(FN_EDU, 4) & 0x3u) == 0x2u); /* memory, not I/O */
	CHECK(fx_uart_has("I/O space decoding stays off"));
	/* decoding: a BAR moves only inside the window */
	v = 0x0a003000;
	CHECK(cfg_access(cell, FN_EDU, 0x10, 4, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(FN_EDU, 0x10) == WINDOW);
	v = 0;
	CHECK(cfg_access(cell, FN_EDU, 0x10, 2, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(FN_EDU, 0x10) == WINDOW);
	CHECK(fx_uart_has("BARs are written 32 bits at a time"));
	v = 0x1234;
	CHECK(cfg_access(cell, FN_EDU, 0x30, 4, true, &v) == MMIO_HANDLED);
	CHECK(*cfg32(FN_EDU, 0x30) == 0xffffffffu); /* ROM: ignored */
	v = 0x77;
	CHECK(cfg_access(cell, FN_EDU, 0x40, 1, true, &v) == MMIO_HANDLED);
	CHECK((*cfg32(FN_EDU, 0x40) & 0xffu) == 0x77u); /* the rest: its */
	/* a blocked DMA of the cell's device stops the device too */
	CHECK(fx_load_start(1) == 0);
	event_post(0x10, FN_EDU, 0x7e000000, false);
	CHECK(smmu_irq(EVTQ_IRQ));
	CHECK(fx_state(1) == WARDEN_CELL_FAILED);
	CHECK((*cfg32(FN_EDU, 4) & 0x7u) == 0);
	sim_end();
}

static void pci_refusals_say_why(void)
{
	sys_with_smmu();
	ecam_fn(4, 0, 0x8086, 0x01); /* a bridge */
	CHECK(fx_enable() == 0);
	CHECK(pci_cell(0x08) < 0);
	CHECK(fx_err_has("cell \"pci\": PCI 00:01.0: no such function"));
	CHECK(pci_cell(0x20) < 0);
	CHECK(fx_err_has(
		"PCI 00:04.0 is a bridge: only endpoints can be given to a cell"));
	CHECK(pci_cell(FN_EDU) == 1);
	CHECK(pci_cell_named("pci2", 0x8, FX_RAM_PA + 0x200000, FN_EDU) < 0);
	CHECK(fx_err_has("PCI 00:02.0 is in both"));
	sim_end();
}

/* pin (1-4) of function bdf, in its config space */
static void intx_pin(u16 bdf, u8 pin)
{
	ecam[((u32)bdf << 12) + 0x3d] = pin;
}

/* A cell with function bdf and the SPI spi. */
static long pci_cell_spi(u16 bdf, u32 spi)
{
	struct fx_config c;

	fx_config_init(&c, "pci", 0x4, FX_RAM_PA, spi);
	fx_add_mem(&c, WINDOW, WINDOW, 0x1000, FX_IO);
	c.pci[c.desc.num_pci_devices++].bdf = bdf;
	return fx_create(&c);
}

/* An INTx pin whose line the config does not say is refused. */
static void pci_intx_needs_its_line(void)
{
	sys_with_smmu();
	intx_pin(FN_EDU, 1); /* INTA of device 2 */
	CHECK(fx_enable() == 0);
	CHECK(pci_cell_spi(FN_EDU, 37) < 0);
	CHECK(fx_err_has(
		"cell \"pci\": PCI 00:02.0 raises INTx, but its line is unknown: the system config describes no INTx lines (pci_intx_irq)"));
	sim_end();
}

static void pci_intx_line_is_the_cells_alone(void)
{
	sys_with_smmu();
	intx_pin(FN_EDU, 1);
	fx_sys.sys.platform.pci_intx_irq = 35; /* device 2's INTA: 37 */
	CHECK(fx_enable() == 0);
	CHECK(pci_cell_spi(FN_EDU, 33) < 0);
	CHECK(fx_err_has(
		"cell \"pci\": PCI 00:02.0 raises INTx on IRQ 37, which the cell does not own: add it to the cell's IRQs"));
	intx_pin(0x18, 4); /* INTD of device 3: the same line */
	CHECK(pci_cell_spi(FN_EDU, 37) < 0);
	CHECK(fx_err_has(
		"cell \"pci\": PCI 00:02.0's INTx line, IRQ 37, is also PCI 00:03.0's in the root cell, which would lose its interrupts"));
	intx_pin(0x18, 1); /* INTA of device 3: line 38 */
	CHECK(pci_cell_spi(FN_EDU, 37) == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	sim_end();
}

int main(void)
{
	RUN_HYP(enable_takes_the_smmu);
	RUN_HYP(cells_move_memory_out_of_dma_views);
	RUN_HYP(events_are_reported);
	RUN_HYP(global_errors_are_reported);
	RUN_HYP(disable_gives_it_back);
	RUN_HYP(refusals_say_why);
	RUN_HYP(a_stuck_or_failing_queue_fails_enable);
	RUN_HYP(pci_function_moves_to_the_cell);
	RUN_HYP(pci_writes_are_filtered);
	RUN_HYP(pci_msi_stays_off);
	RUN_HYP(pci_refusals_say_why);
	RUN_HYP(pci_intx_needs_its_line);
	RUN_HYP(pci_intx_line_is_the_cells_alone);
	UNIT_DONE();
}
