// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root's GICv3 ITS (hypervisor/arch/arm64/its.c, with the LPI paths of
 * gic-v3.c, gic.c and irqchip.c) on the simulated GIC of arm-fixture.c.
 * Linux has set the ITS up before enable (preset()): its command queue,
 * an indirect device table with one second-level page, a collection
 * table, each redistributor's LPI tables, all in 2 MiB of the root's RAM
 * at MEM that is host memory here; the ITS's registers are host memory
 * at AFX_ITS.  The ITS answers at once: a case sets GITS_CREADR to where
 * the queue is to end before the root writes GITS_CWRITER.
 */
#include <limits.h>
#include <string.h>

#include <asm/its.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>
#include <hyp/setup.h>

#include "arm-fixture.h"
#include "unit.h"

#define MEM 0x50000000UL
#define MEM_SIZE (2UL << 20)
#define QUEUE MEM /* two pages */
#define QUEUE_SIZE 0x2000UL
#define DEVICES (MEM + 0x10000) /* one page of first-level entries */
#define L2_PAGE (MEM + 0x20000) /* entry 0's */
#define NEW_L2 (MEM + 0x21000)
#define COLLECTIONS (MEM + 0x30000)
#define PROPS (MEM + 0x40000) /* 16 INTID bits: 56 KiB */
#define PENDING(cpu) (MEM + 0x50000 + (cpu)*0x10000UL) /* 8 KiB */
#define ITT (MEM + 0x100000)

#define GITS_CTLR 0x00u
#define GITS_TYPER 0x08u
#define GITS_CBASER 0x80u
#define GITS_CWRITER 0x88u
#define GITS_CREADR 0x90u
#define GITS_BASER(n) (0x100u + (n)*8u)
#define ITS(reg) (AFX_ITS + (reg))
#define RD(cpu) (AFX_GICR + (cpu)*AFX_GICR_STRIDE)

/* Physical, Virtual, 8-byte ITT entries, 16 event ID and device ID bits */
#define TYPER (1u | 2u | 7u << 4 | 15u << 8 | 15u << 13)
#define VALID BIT(63)
#define CBASER (VALID | QUEUE | 1u)
/* devices: indirect, 8-byte entries, 4 KiB pages, one page */
#define BASER0 (VALID | BIT(62) | 1ULL << 56 | 7ULL << 48 | DEVICES)
/* collections: flat, 8-byte entries, one page */
#define BASER1 (VALID | 4ULL << 56 | 7ULL << 48 | COLLECTIONS)

/* What the next enable finds (each case starts in a new process). */
static struct {
	bool off; /* Linux left the ITS off */
	u64 cbaser, baser1;
} set = { false, CBASER, BASER1 };

static u8 *mem;

static void preset(void)
{
	unsigned int cpu, i;

	fx_sys.sys.platform.gic_its_base = AFX_ITS;
	if (!mem) {
		mem = aligned_alloc(PAGE_SIZE, MEM_SIZE);
		if (!mem)
			abort();
		memset(mem, 0, MEM_SIZE);
		/* first-level entry 0: a second-level page Linux made */
		*(u64 *)(void *)(mem + (DEVICES - MEM)) = VALID | L2_PAGE;
	}
	for (i = 0; i < hh.nphys && hh.phys[i].pa != MEM; i++)
		;
	if (i == hh.nphys)
		host_phys_add(MEM, mem, MEM_SIZE);
	/* GICD_TYPER.IDbits 15: 16-bit INTIDs */
	*afx_reg(AFX_GIC_BASE + GICD_TYPER) |= 15u << 19;
	*afx_reg(ITS(GITS_CTLR)) = set.off ? 0 : 1;
	*afx_reg64(ITS(GITS_TYPER)) = TYPER;
	*afx_reg64(ITS(GITS_CBASER)) = set.cbaser;
	*afx_reg64(ITS(GITS_BASER(0))) = BASER0;
	*afx_reg64(ITS(GITS_BASER(1))) = set.baser1;
	for (cpu = 0; cpu < FX_CPUS; cpu++) {
		/* Affinity, Processor_Number and PLPIS */
		*afx_reg64(RD(cpu) + 8) = (u64)cpu << 32 | cpu << 8 | 1u;
		*afx_reg(RD(cpu)) = set.off ? 0 : 1; /* EnableLPIs */
		*afx_reg64(RD(cpu) + GICR_PROPBASER) = PROPS | 15u;
		*afx_reg64(RD(cpu) + GICR_PENDBASER) = PENDING(cpu);
	}
}

static int enable(void)
{
	afx_gic_preset = preset;
	return afx_enable(WARDEN_GIC_V3);
}

static u64 root_flags(u64 pa, unsigned int *level)
{
	u32 flags;

	if (paging_lookup(&root_cell.stage2, pa, NULL, &flags, level))
		return 0;
	return flags;
}

/* --- enable --- */

static void takes_its(void)
{
	unsigned int level = 0;

	CHECK(enable() == 0);
	CHECK(fx_uart_has("ITS at 0x8080000: the root's, 20 tables"));
	CHECK(its_root_lpis());
	/* the queue: page by page, read-write, not executable */
	CHECK(root_flags(QUEUE, &level) == PAGING_RW && level == 3);
	CHECK(root_flags(QUEUE + 0x1000, &level) == PAGING_RW && level == 3);
	/* the ITS's own tables: read-only */
	CHECK((root_flags(DEVICES, NULL) & PAGING_RW) == PAGING_READ);
	CHECK((root_flags(L2_PAGE, NULL) & PAGING_RW) == PAGING_READ);
	CHECK((root_flags(COLLECTIONS, NULL) & PAGING_RW) == PAGING_READ);
	/* the rest of the root's RAM as it was; the doorbell frame mapped */
	CHECK(root_flags(NEW_L2, NULL) & PAGING_WRITE);
	CHECK(root_flags(PROPS, NULL) & PAGING_WRITE);
	CHECK(root_flags(AFX_ITS + 0x10040, NULL) ==
	      (PAGING_RW | PAGING_DEVICE));
	/* the control frame traps */
	CHECK(root_flags(AFX_ITS, NULL) == 0);
}

static void its_left_off(void)
{
	set.off = true;
	CHECK(enable() == 0);
	CHECK(fx_uart_has(
		"ITS at 0x8080000: off (Linux does not use it): it stays off"));
	CHECK(!its_root_lpis());
	CHECK(root_flags(QUEUE, NULL) & PAGING_EXEC);
	/* no commands, no turning it on, no LPIs for the root */
	*afx_reg64(ITS(GITS_CWRITER)) = 0;
	afx_write(&root_cell, ITS(GITS_CWRITER), 8, 0x20);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0);
	afx_write(&root_cell, ITS(GITS_CTLR), 4, 1);
	CHECK(*afx_reg(ITS(GITS_CTLR)) == 0);
	CHECK(afx_read(&root_cell, RD(0) + 8, 8) == 0);
	afx_write(&root_cell, RD(0), 4, 1);
	CHECK(*afx_reg(RD(0)) == 0);
}

static void table_outside(void)
{
	set.baser1 = VALID | 4ULL << 56 | 7ULL << 48 | 0x7fc00000;
	CHECK(enable() == -EINVAL);
	CHECK(fx_uart_has(
		"root: ITS collection table 1 at 0x7fc00000+0x1000 is not in the root's RAM"));
}

static void no_queue(void)
{
	set.cbaser = QUEUE; /* not Valid */
	CHECK(enable() == -EINVAL);
	CHECK(fx_uart_has("root: the ITS is on without a command queue"));
}

/* --- commands --- */

static u64 *cmd_at(u64 off)
{
	return (u64 *)(void *)(mem + (QUEUE - MEM) + off);
}

static void put_cmd(u64 off, u64 c0, u64 c1, u64 c2, u64 c3)
{
	u64 *c = cmd_at(off);

	c[0] = c0;
	c[1] = c1;
	c[2] = c2;
	c[3] = c3;
}

static bool is_sync(u64 off, unsigned int cpu)
{
	const u64 *c = cmd_at(off);

	return c[0] == 5 && c[1] == 0 && c[2] == (u64)cpu << 16 && c[3] == 0;
}

/* The root queues up to `to`; the ITS gets there at once. */
static void cwriter(u64 to)
{
	*afx_reg64(ITS(GITS_CREADR)) = to;
	afx_write(&root_cell, ITS(GITS_CWRITER), 8, to);
}

#define MAPD(dev, bits, itt, v) \
	(0x08 | (u64)(dev) << 32), (u64)(bits)-1, ((v) ? VALID : 0) | (itt), 0
#define MAPC(cpu, icid, v) \
	0x09, 0, ((v) ? VALID : 0) | (u64)(cpu) << 16 | (icid), 0

static void commands_pass(void)
{
	u64 words[4 * 5];

	CHECK(enable() == 0);
	CHECK(afx_cell() > 0);
	put_cmd(0x00, MAPD(0x10, 4, ITT, true));
	put_cmd(0x20, MAPC(1, 3, true));
	put_cmd(0x40, 0x01 | 0x10ULL << 32, 2, 3, 0); /* MOVI */
	put_cmd(0x60, 0x05, 0, 4ULL << 16, 0); /* SYNC */
	put_cmd(0x80, 0x0e, 0, 0, 1ULL << 16); /* MOVALL to CPU 1 */
	memcpy(words, cmd_at(0), sizeof(words));
	cwriter(0xa0);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0xa0);
	CHECK(!memcmp(words, cmd_at(0), sizeof(words)));
	CHECK(!strstr(host.uart, "refused"));
	CHECK(!strstr(host.uart, "stopped"));
	/* the queue is the root's to write again */
	CHECK(root_flags(QUEUE, NULL) == PAGING_RW);
	/* 32-bit, from where the ITS is */
	put_cmd(0xa0, MAPC(0, 0, false)); /* unmap: whatever the target */
	*afx_reg64(ITS(GITS_CREADR)) = 0xc0;
	afx_write(&root_cell, ITS(GITS_CWRITER), 4, 0xc0);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0xc0);
	CHECK(!strstr(host.uart, "refused"));
}

static void commands_refused(void)
{
	u64 off;

	CHECK(enable() == 0);
	CHECK(afx_cell() > 0);
	put_cmd(0x00, MAPC(2, 1, true)); /* a CPU of the cell */
	put_cmd(0x20, MAPD(0x11, 4, (u64)(uintptr_t)fx_image, true));
	put_cmd(0x40, MAPD(0x10000, 4, ITT, true)); /* Devbits 16 */
	put_cmd(0x60, 0x29, 0, 0, 0); /* VMAPP: GICv4 */
	put_cmd(0x80, 0x05, 0, 9ULL << 16, 0); /* SYNC to no redistributor */
	put_cmd(0xa0, 0x0e, 0, 0, 3ULL << 16); /* MOVALL to a cell's CPU */
	put_cmd(0xc0, MAPD(0x12, 17, ITT, true)); /* 17 event ID bits */
	put_cmd(0xe0, MAPD(0x13, 4, PENDING(1) + 0x100, true));
	cwriter(0x100);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0x100);
	for (off = 0; off < 0x100; off += 0x20)
		CHECK(is_sync(off, 0));
	CHECK(fx_uart_has(
		"root: ITS command 0x9 (device 0x0) at 0x50000000 refused: the collection's target is not a root CPU; it runs as a SYNC"));
	CHECK(fx_uart_has(
		"(device 0x11) at 0x50000020 refused: its ITT is not in the root's RAM"));
	CHECK(fx_uart_has(
		"(device 0x10000) at 0x50000040 refused: a device ID the ITS does not have"));
	CHECK(fx_uart_has(
		"command 0x29 (device 0x0) at 0x50000060 refused: not a GICv3 ITS command (no GICv4 for the root)"));
	CHECK(fx_uart_has("at 0x50000080 refused: no such redistributor"));
	CHECK(fx_uart_has(
		"at 0x500000a0 refused: the target is not a root CPU"));
	CHECK(fx_uart_has(
		"at 0x500000c0 refused: more event IDs than the ITS has"));
	CHECK(fx_uart_has(
		"at 0x500000e0 refused: its ITT overlaps another table of the GIC"));
	/* an ITT of its own, mapped again: the same place is no overlap */
	put_cmd(0x100, MAPD(0x14, 4, ITT, true));
	put_cmd(0x120, MAPD(0x14, 4, ITT, true));
	put_cmd(0x140, MAPD(0x15, 4, ITT + 0x40, true));
	cwriter(0x160);
	CHECK(cmd_at(0x100)[0] == (0x08 | 0x14ULL << 32));
	CHECK(cmd_at(0x120)[0] == (0x08 | 0x14ULL << 32));
	CHECK(is_sync(0x140, 0));
}

static void queue_end(void)
{
	CHECK(enable() == 0);
	/* past the queue: nothing queued */
	afx_write(&root_cell, ITS(GITS_CWRITER), 8, QUEUE_SIZE);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0);
	CHECK(fx_uart_has(
		"root: GITS_CWRITER 0x2000 is past its command queue"));
	/* around the end: the last slot, then the first */
	*afx_reg64(ITS(GITS_CWRITER)) = QUEUE_SIZE - 0x20;
	put_cmd(QUEUE_SIZE - 0x20, 0x29, 0, 0, 0);
	put_cmd(0, 0x2a, 0, 0, 0);
	put_cmd(0x20, 0x2b, 0, 0, 0); /* not queued */
	hh.cpu = 1;
	cwriter(0x20);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0x20);
	CHECK(is_sync(QUEUE_SIZE - 0x20, 1) && is_sync(0, 1));
	CHECK(cmd_at(0x20)[0] == 0x2b);
}

static void its_stops(void)
{
	CHECK(enable() == 0);
	put_cmd(0, 0x05, 0, 0, 0);
	*afx_reg64(ITS(GITS_CREADR)) = 0;
	afx_write(&root_cell, ITS(GITS_CWRITER), 8, 0x20);
	CHECK(*afx_reg64(ITS(GITS_CWRITER)) == 0x20);
	CHECK(hh.time_us >= 100000);
	CHECK(fx_uart_has(
		"root: the ITS stopped at 0x0 of its queue, not 0x20"));
	CHECK(!strstr(host.uart, "stalled"));
	/* stalled on a command error: no waiting for the time out */
	hh.time_us = 0;
	put_cmd(0x20, 0x05, 0, 0, 0);
	*afx_reg64(ITS(GITS_CREADR)) = 0x20 | 1u;
	afx_write(&root_cell, ITS(GITS_CWRITER), 8, 0x40);
	CHECK(hh.time_us < 100);
	CHECK(fx_uart_has(
		"root: the ITS stopped at 0x20 of its queue, not 0x40 (stalled on an error)"));
	CHECK(root_flags(QUEUE, NULL) == PAGING_RW);
}

/* --- cells --- */

static void cell_holds_itt(void)
{
	CHECK(enable() == 0);
	/* an ITT in the RAM the cell is to take */
	put_cmd(0, MAPD(0x20, 4, FX_RAM_PA + 0x1000, true));
	cwriter(0x20);
	CHECK(!strstr(host.uart, "refused"));
	CHECK(afx_cell() < 0);
	CHECK(fx_err_has(
		"cell \"cell\": memory region 0 (0x70000000+0x100000) holds the root's ITT at 0x70001000+0x80, which the GIC writes"));
	/* unmapped (MAPD V=0): the create goes on */
	put_cmd(0x20, MAPD(0x20, 1, 0, false));
	cwriter(0x40);
	CHECK(!strstr(host.uart, "refused"));
	CHECK(afx_cell() > 0);
	/* now an ITT in the cell's memory: refused */
	put_cmd(0x40, MAPD(0x20, 4, FX_RAM_PA + 0x1000, true));
	cwriter(0x60);
	CHECK(is_sync(0x40, 0));
	CHECK(fx_uart_has(
		"(device 0x20) at 0x50000040 refused: its ITT is not in the root's RAM"));
}

/* --- registers --- */

static void table_registers(void)
{
	CHECK(enable() == 0);
	afx_write(&root_cell, ITS(GITS_CBASER), 8, CBASER);
	afx_write(&root_cell, ITS(GITS_BASER(1)), 8, BASER1);
	afx_write(&root_cell, ITS(GITS_BASER(0)), 4, (u32)BASER0);
	CHECK(!strstr(host.uart, "refused"));
	afx_write(&root_cell, ITS(GITS_CBASER), 8, VALID | 0x7fc00000);
	CHECK(fx_uart_has(
		"root: ITS register 0x80 write 0x800000007fc00000 refused: the ITS's tables stay where they were at enable"));
	afx_write(&root_cell, ITS(GITS_BASER(7)), 8, 0); /* as it is */
	CHECK(!strstr(host.uart, "0x138"));
	afx_write(&root_cell, ITS(GITS_BASER(7)), 4, 1);
	CHECK(fx_uart_has("root: ITS register 0x138 write 0x1 refused"));
	CHECK(*afx_reg64(ITS(GITS_BASER(7))) == 0);
	CHECK(*afx_reg64(ITS(GITS_CBASER)) == CBASER);
	/* no GICv4 */
	CHECK(afx_read(&root_cell, ITS(GITS_TYPER), 8) == (TYPER & ~2u));
	CHECK(afx_read(&root_cell, ITS(GITS_TYPER), 4) == (TYPER & ~2u));
	CHECK(afx_read(&root_cell, ITS(GITS_CBASER), 8) == CBASER);
	{
		u64 v = 0;

		CHECK(afx_mmio(&root_cell, ITS(GITS_CTLR), 2, false, &v) ==
		      MMIO_ERROR);
	}
	/* off and on again */
	afx_write(&root_cell, ITS(GITS_CTLR), 4, 0);
	CHECK(*afx_reg(ITS(GITS_CTLR)) == 0);
	afx_write(&root_cell, ITS(GITS_CTLR), 4, 1);
	CHECK(*afx_reg(ITS(GITS_CTLR)) == 1);
}

static u64 *l1(unsigned int n)
{
	return (u64 *)(void *)(mem + (DEVICES - MEM) + n * 8u);
}

static void device_table(void)
{
	u64 v = 0;

	CHECK(enable() == 0);
	/* a new second-level page: the ITS's from now on */
	CHECK(afx_mmio(&root_cell, DEVICES + 8, 8, true,
		       &(u64){ VALID | NEW_L2 }) == MMIO_HANDLED);
	CHECK(*l1(1) == (VALID | NEW_L2));
	CHECK((root_flags(NEW_L2, NULL) & PAGING_RW) == PAGING_READ);
	CHECK(!strstr(host.uart, "refused"));
	/* set once */
	afx_write(&root_cell, DEVICES + 8, 8, VALID | (MEM + 0x22000));
	CHECK(*l1(1) == (VALID | NEW_L2));
	CHECK(fx_uart_has(
		"root: ITS device table entry 0x50010008 := 0x8000000050022000 refused"));
	/* a page outside the root's RAM, or none */
	afx_write(&root_cell, DEVICES + 16, 8, VALID | 0x7fc00000);
	CHECK(*l1(2) == 0);
	CHECK(fx_uart_has(
		"root: ITS device table page 2 at 0x7fc00000+0x1000 is not in the root's RAM"));
	/* nor in another table of the GIC: the queue, a pending table */
	afx_write(&root_cell, DEVICES + 16, 8, VALID | (QUEUE + 0x1000));
	CHECK(*l1(2) == 0);
	CHECK(fx_uart_has(
		"root: ITS device table page 2 at 0x50001000+0x1000 is not in the root's RAM: it overlaps the ITS command queue"));
	CHECK(root_flags(QUEUE + 0x1000, NULL) == PAGING_RW);
	afx_write(&root_cell, DEVICES + 16, 8, VALID | PENDING(3));
	CHECK(*l1(2) == 0);
	CHECK(fx_uart_has("it overlaps the LPI pending table"));
	afx_write(&root_cell, DEVICES + 24, 8, 0);
	CHECK(fx_uart_has("entry 0x50010018 := 0x0 refused"));
	/* 8-byte writes only */
	CHECK(afx_mmio(&root_cell, DEVICES + 32, 4, true, &v) == MMIO_ERROR);
	CHECK(afx_mmio(&root_cell, DEVICES + 36, 8, true, &v) == MMIO_ERROR);
	CHECK(afx_mmio(&root_cell, DEVICES + 32, 8, false, &v) == MMIO_ERROR);
}

/* The root's write to its read-only first-level table, through the trap. */
static void device_table_trap(void)
{
	struct trap_frame f;

	CHECK(enable() == 0);
	memset(&f, 0, sizeof(f));
	f.elr = 0x40001000;
	f.x[3] = VALID | NEW_L2;
	host_sysreg_set("far_el2", DEVICES + 8);
	host_sysreg_set("hpfar_el2", (DEVICES + 8) >> 8);
	/* EC 0x24, IL, ISV, SAS 3, Rt 3, WnR, permission fault level 3 */
	CHECK(afx_sync(0,
		       0x24ULL << 26 | BIT(25) | BIT(24) | 3u << 22 | 3u << 16 |
			       BIT(6) | 0xf,
		       &f) == OP_RETURNED);
	CHECK(*l1(1) == (VALID | NEW_L2) && f.elr == 0x40001004);
	CHECK(!strstr(host.uart, "data abort"));
}

/* --- redistributors --- */

static void redistributors(void)
{
	struct cell *c;

	CHECK(enable() == 0);
	CHECK(afx_cell() > 0);
	c = fx_cell_on(2);
	/* PLPIS for the root, not for the cell */
	CHECK(afx_read(&root_cell, RD(0) + 8, 8) == 1u);
	CHECK(afx_read(&root_cell, RD(1) + 8, 4) == (1u << 8 | 1u));
	CHECK(afx_read(c, RD(2) + 8, 8) == (2ULL << 32 | 2u << 8));
	CHECK(afx_read(&root_cell, RD(0), 4) == 1);
	CHECK(afx_read(c, RD(2), 4) == 0);
	CHECK(afx_read(&root_cell, RD(0) + GICR_PROPBASER, 8) == (PROPS | 15u));
	CHECK(afx_read(&root_cell, RD(0) + GICR_PENDBASER, 4) == PENDING(0));
	/* LPIs on: the tables stay */
	afx_write(&root_cell, RD(0) + GICR_PENDBASER, 8, PENDING(1));
	CHECK(*afx_reg64(RD(0) + GICR_PENDBASER) == PENDING(0));
	/* off: only tables in the root's RAM, with 8-byte writes */
	*afx_reg(RD(0)) = 0;
	afx_write(&root_cell, RD(0) + GICR_PENDBASER, 8, PENDING(7) + 0x10000);
	CHECK(*afx_reg64(RD(0) + GICR_PENDBASER) == PENDING(7) + 0x10000);
	afx_write(&root_cell, RD(0) + GICR_PENDBASER, 4, PENDING(1));
	CHECK(*afx_reg64(RD(0) + GICR_PENDBASER) == PENDING(7) + 0x10000);
	afx_write(&root_cell, RD(0) + GICR_PROPBASER, 8, 0x7fc00000 | 15u);
	CHECK(fx_uart_has(
		"root: LPI configuration table 0 at 0x7fc00000+0xe000 is not in the root's RAM"));
	/* a pending table over the queue, or another CPU's */
	afx_write(&root_cell, RD(0) + GICR_PENDBASER, 8, QUEUE);
	afx_write(&root_cell, RD(0) + GICR_PENDBASER, 8, PENDING(4));
	CHECK(*afx_reg64(RD(0) + GICR_PENDBASER) == PENDING(7) + 0x10000);
	CHECK(fx_uart_has(
		"root: LPI pending table 0 at 0x50000000+0x2000 is not in the root's RAM: it overlaps the ITS command queue"));
	/* the configuration table: one for all */
	afx_write(&root_cell, RD(0) + GICR_PROPBASER, 8, PROPS | 14u);
	CHECK(*afx_reg64(RD(0) + GICR_PROPBASER) == (PROPS | 14u));
	afx_write(&root_cell, RD(0) + GICR_PROPBASER, 8, PROPS | 12u);
	CHECK(*afx_reg64(RD(0) + GICR_PROPBASER) == (PROPS | 14u));
	/* EnableLPIs with checked tables */
	afx_write(&root_cell, RD(0), 4, 1);
	CHECK(*afx_reg(RD(0)) == 1);
	/* and not with a table the root could not have set */
	*afx_reg(RD(1)) = 0;
	*afx_reg64(RD(1) + GICR_PENDBASER) = 0x7fc00000;
	afx_write(&root_cell, RD(1), 4, 1);
	CHECK(*afx_reg(RD(1)) == 0);
	*afx_reg64(RD(1) + GICR_PENDBASER) = PENDING(1);
	*afx_reg64(RD(1) + GICR_PROPBASER) = 0x7fc00000 | 15u;
	afx_write(&root_cell, RD(1), 4, 1);
	CHECK(*afx_reg(RD(1)) == 0);
	/* a cell cannot turn LPIs on, nor set the tables */
	*afx_reg(RD(2)) = 0;
	afx_write(c, RD(2), 4, 1);
	CHECK(*afx_reg(RD(2)) == 0);
	afx_write(c, RD(2) + GICR_PROPBASER, 8, PROPS | 15u);
	CHECK(*afx_reg64(RD(2) + GICR_PROPBASER) == (PROPS | 15u));
	*afx_reg64(RD(2) + GICR_PROPBASER) = 0;
	afx_write(c, RD(2) + GICR_PROPBASER, 8, PROPS | 15u);
	CHECK(*afx_reg64(RD(2) + GICR_PROPBASER) == 0);
	/* the pending table went to the cell's memory? refused at create */
	CHECK(its_lpi_table_ok(0, GICR_PENDBASER, FX_RAM_PA) == false);
}

static void cell_holds_pending(void)
{
	CHECK(enable() == 0);
	*afx_reg(RD(5)) = 0;
	afx_write(&root_cell, RD(5) + GICR_PENDBASER, 8, FX_RAM_PA + 0x10000);
	CHECK(afx_cell() < 0);
	CHECK(fx_err_has(
		"holds the root's LPI pending table at 0x70010000+0x2000"));
}

/* --- LPIs --- */

#define VLR_PENDING BIT(62)
#define VLR_HW BIT(61)
#define VLR_GROUP1 BIT(60)

static void on_irq(void *arg)
{
	(void)arg;
	arch_handle_irq();
}

static void take_irq(unsigned int cpu, u32 iar)
{
	host_sysreg_set("icc_iar1_el1", iar);
	host_on_cpu(cpu, on_irq, NULL);
}

static void lpis_root(void)
{
	struct per_cpu *pc;
	u64 lr, v;
	u32 i;

	CHECK(enable() == 0);
	pc = per_cpu_of(1);
	/* listed at once as a virtual LPI */
	take_irq(1, 8192);
	lr = host_read_sysreg("ich_lr0_el2");
	CHECK((u32)lr == 8192 && (lr & VLR_PENDING) && !(lr & VLR_HW));
	CHECK(host_sysreg_log("icc_eoir1_el1", &v, 1) == 1 && v == 8192);
	CHECK(pc->stats[STAT_IRQ] == 1);
	/* Linux has not taken it: no disable */
	CHECK(fx_hc_on(1, WARDEN_HC_DISABLE, 0, 0) == -EAGAIN);
	/* list registers full: it waits, and the maintenance IRQ lists it */
	host_write_sysreg("ich_lr1_el2", VLR_PENDING | VLR_GROUP1 | 4);
	host_write_sysreg("ich_lr2_el2", VLR_PENDING | VLR_GROUP1 | 5);
	host_write_sysreg("ich_lr3_el2", VLR_PENDING | VLR_GROUP1 | 6);
	take_irq(1, 8300);
	take_irq(1, 8300); /* merged */
	CHECK(pc->pending.num_lpis == 1 && pc->pending.count == 1);
	CHECK(host_read_sysreg("ich_hcr_el2") & 2);
	host_write_sysreg("ich_lr0_el2", 0);
	take_irq(1, 25);
	lr = host_read_sysreg("ich_lr0_el2");
	CHECK((u32)lr == 8300 && !(lr & VLR_HW));
	CHECK(pc->pending.num_lpis == 0 &&
	      !(host_read_sysreg("ich_hcr_el2") & 2));
	/* more than the list holds: counted */
	for (i = 0; i <= IRQCHIP_MAX_LPIS; i++)
		take_irq(1, 9000 + i);
	CHECK(pc->pending.num_lpis == IRQCHIP_MAX_LPIS);
	CHECK(pc->pending.lpis_lost == 1);
	CHECK(fx_hc_on(1, WARDEN_HC_DISABLE, 0, 0) == -EAGAIN);
	/* beyond the virtual INTIDs the list registers take: dropped */
	take_irq(1, 1u << 16);
	CHECK(fx_uart_has("LPI 65536 on CPU 1 of cell \"root\": dropped"));
	/* all taken by Linux: disable goes on */
	for (i = 0; i < 4; i++) {
		char name[16];

		snprintf(name, sizeof(name), "ich_lr%u_el2", i);
		host_write_sysreg(name, 0);
	}
	pc->pending.num_lpis = 0;
	pc->pending.count = 0;
	CHECK(fx_hc_on(1, WARDEN_HC_DISABLE, 0, 0) == LONG_MIN);
}

static void lpis_cell(void)
{
	CHECK(enable() == 0);
	CHECK(afx_cell() > 0);
	take_irq(2, 8200);
	CHECK(fx_uart_has(
		"LPI 8200 on CPU 2 of cell \"cell\": dropped (only the root has LPIs)"));
	CHECK(!(host_read_sysreg("ich_lr0_el2") & VLR_PENDING));
	CHECK(per_cpu_of(2)->pending.count == 0);
}

/* A virtual LPI left at CPU_OFF or a drain is not sent back. */
static void lpis_drained(void)
{
	struct per_cpu *pc;

	CHECK(enable() == 0);
	pc = per_cpu_of(1);
	host_write_sysreg("ich_lr0_el2", VLR_PENDING | VLR_GROUP1 | 7);
	host_write_sysreg("ich_lr1_el2", VLR_PENDING | VLR_GROUP1 | 8);
	host_write_sysreg("ich_lr2_el2", VLR_PENDING | VLR_GROUP1 | 9);
	host_write_sysreg("ich_lr3_el2", VLR_PENDING | VLR_GROUP1 | 10);
	take_irq(1, 8400);
	CHECK(pc->pending.num_lpis == 1);
	host_write_sysreg("ich_lr3_el2", VLR_PENDING | VLR_GROUP1 | 8500);
	hh.nsysreg_writes = 0;
	hh.cpu = 1;
	gic_drain(pc);
	CHECK(pc->pending.num_lpis == 0 && pc->pending.count == 0);
	/* the SGIs sent again, the LPIs not */
	CHECK(host_sysreg_log("icc_sgi1r_el1", NULL, 0) == 3);
}

int main(void)
{
	afx_map_gic();
	RUN_HYP(takes_its);
	RUN_HYP(its_left_off);
	RUN_HYP(table_outside);
	RUN_HYP(no_queue);
	RUN_HYP(commands_pass);
	RUN_HYP(commands_refused);
	RUN_HYP(queue_end);
	RUN_HYP(its_stops);
	RUN_HYP(cell_holds_itt);
	RUN_HYP(table_registers);
	RUN_HYP(device_table);
	RUN_HYP(device_table_trap);
	RUN_HYP(redistributors);
	RUN_HYP(cell_holds_pending);
	RUN_HYP(lpis_root);
	RUN_HYP(lpis_cell);
	RUN_HYP(lpis_drained);
	UNIT_DONE();
}
