// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root's GICv3 ITS (IHI 0069: chapter 5, commands 5.3, registers
 * 12.19).
 *
 * Linux sets the ITS up before enable: its command queue (GITS_CBASER),
 * its device and collection tables (GITS_BASER<n>) and each
 * redistributor's LPI tables lie in its RAM.  The ITS and the
 * redistributors read and write those tables themselves, past stage 2 and
 * (on most SoCs) past any SMMU, so a root left to program them could make
 * the GIC write anywhere: a cell's memory or the hypervisor's.  Hence:
 *
 * - the control frame traps (its_access()), and the tables stay where they
 *   were at enable: a write that moves GITS_CBASER or GITS_BASER<n> is
 *   refused;
 * - every command the root queues is checked before the ITS reads it
 *   (cmd_ok()): an ITT lies in the root's RAM, a collection targets a root
 *   CPU, no cell's PCI function is mapped, no GICv4 command.  While the
 *   ITS works through new commands the queue is read-only in the root's
 *   stage 2, so what ran is what was checked.  A refused command becomes
 *   a SYNC, and is reported;
 * - the ITS's own tables are read-only for the root (the ITS writes them,
 *   Linux only allocates them); a first-level device-table entry the root
 *   writes for a new second-level page traps and is checked (l1_access());
 * - GICR_PROPBASER and GICR_PENDBASER lie in the root's RAM (gic-v3.c);
 * - create refuses cell memory that holds any of these (its_cell_check()).
 *
 * "The root's RAM" is what its stage 2 maps writable, as normal memory,
 * at IPA = PA, now: never the hypervisor's, nor a cell's.  LPIs reach the
 * hypervisor like other physical interrupts and are listed for the root as
 * virtual LPIs (gic-v3.c).  Cells get none.  docs/isolation.md, "The
 * GICv3 ITS", says what this leaves to the root.
 */
#include <warden/config.h>
#include <asm/gic.h>
#include <asm/its.h>
#include <asm/spinlock.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/pci.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>
#include <hyp/setup.h>

#define GITS_CTLR 0x0000u
#define GITS_CTLR_ENABLED BIT(0)
#define GITS_TYPER 0x0008u
#define GITS_CBASER 0x0080u
#define GITS_CWRITER 0x0088u
#define GITS_CREADR 0x0090u
#define GITS_CREADR_STALLED BIT(0)
#define GITS_BASER 0x0100u
#define GITS_BASER_END 0x0140u
#define GITS_FRAME 0x10000u /* the control frame, then GITS_TRANSLATER's */

#define TYPER_VIRTUAL BIT(1)
#define TYPER_ITT_ESZ(t) ((((t) >> 4) & 0xfu) + 1u)
#define TYPER_ID_BITS(t) ((((t) >> 8) & 0x1fu) + 1u)
#define TYPER_DEV_BITS(t) ((((t) >> 13) & 0x1fu) + 1u)
#define TYPER_PTA BIT(19)

#define BASER_VALID BIT(63)
#define BASER_INDIRECT BIT(62)
#define BASER_TYPE(b) (((b) >> 56) & 7u)
#define BASER_TYPE_DEVICES 1u
#define L1_VALID BIT(63)
/* address and offset fields (IHI 0069 12.19, 5.3) */
#define ADDR_4K 0x000ffffffffff000UL /* [51:12] */
#define ADDR_64K 0x000fffffffff0000UL /* [51:16] */
#define ADDR_ITT 0x000fffffffffff00UL /* [51:8] */
#define BASER_ADDR 0x0000fffffffff000UL /* [47:12] */
#define QUEUE_OFFSET 0x00000000000fffe0UL /* [19:5] */

#define CMD_SIZE 32u
#define CMD_MOVI 0x01u
#define CMD_INT 0x03u
#define CMD_CLEAR 0x04u
#define CMD_SYNC 0x05u
#define CMD_MAPD 0x08u
#define CMD_MAPC 0x09u
#define CMD_MAPTI 0x0au
#define CMD_MAPI 0x0bu
#define CMD_INV 0x0cu
#define CMD_INVALL 0x0du
#define CMD_MOVALL 0x0eu
#define CMD_DISCARD 0x0fu
#define CMD_V BIT(63) /* MAPD, MAPC: map (1) or unmap (0) */
#define CMD_RDBASE ADDR_64K

/* How long the ITS may take over the root's new commands. */
#define ITS_WAIT_US 100000u
#define ITS_MAX_TABLES 128u

/* What the GIC reads or writes in the root's RAM, by kind. */
enum its_kind {
	ITS_QUEUE,
	ITS_DEVICES,
	ITS_L2,
	ITS_COLLECTIONS,
	ITS_ITT,
	ITS_PROPS,
	ITS_PENDING,
};

static const char *const kind_name[] = {
	"ITS command queue",
	"ITS device table",
	"ITS device table page",
	"ITS collection table",
	"ITT",
	"LPI configuration table",
	"LPI pending table",
};

struct its_table {
	u64 base, size;
	u32 kind, id; /* id: the device of an ITT, the CPU of a table */
};

static struct {
	u8 *regs; /* the control frame; NULL: no ITS */
	u64 typer;
	bool on; /* Linux turned it on before enable */
	u64 queue, queue_size;
	u64 l1, l1_size, l2_size; /* an indirect device table */
	spinlock_t lock; /* the queue and the table list */
	struct its_table t[ITS_MAX_TABLES];
	unsigned int n;
} its;

static struct ratelimit its_limit = RATELIMIT_INIT(8, "ITS refusals");

bool its_root_lpis(void)
{
	return its.regs && its.on;
}

/*
 * [pa, pa + size) is the root's RAM: mapped by its stage 2 at IPA = PA,
 * writable, as normal memory, now.  So not the hypervisor's (never
 * mapped), nor a cell's (taken out at create), nor a table of the ITS
 * itself (read-only), nor a device.
 */
static bool root_ram(u64 pa, u64 size)
{
	u64 p, end = pa + size;
	paddr_t out;
	u32 flags;

	if (!size || end < pa)
		return false;
	for (p = pa & ~(PAGE_SIZE - 1); p < end; p += PAGE_SIZE)
		if (paging_lookup(&root_cell.stage2, p, &out, &flags, NULL) ||
		    out != p || (flags & PAGING_DEVICE) ||
		    (flags & PAGING_RW) != PAGING_RW)
			return false;
	return true;
}

static bool overlaps(u64 a, u64 asize, u64 b, u64 bsize)
{
	return a < b + bsize && b < a + asize;
}

/* Forget the table of kind and id, if one is kept. */
static void untrack(u32 kind, u32 id)
{
	unsigned int i;

	for (i = 0; i < its.n; i++)
		if (its.t[i].kind == kind && its.t[i].id == id) {
			its.t[i] = its.t[--its.n];
			return;
		}
}

/* Keep [base, base + size) out of cells; replaces kind/id's earlier one. */
static int track(u32 kind, u32 id, u64 base, u64 size)
{
	untrack(kind, id);
	if (its.n >= ITS_MAX_TABLES)
		return -ENOSPC;
	its.t[its.n++] = (struct its_table){ base, size, kind, id };
	return 0;
}

/*
 * A kept table that [base, base + size) for kind/id would share, or NULL.
 * The GIC writes each table in its own format, so one written over
 * another would let the root shape what the GIC reads: a device-table
 * page in the queue (writable again after each command batch) or in a
 * pending table holds ITT addresses nobody checked.  Only kind/id's own
 * earlier table and the LPI configuration table (one for every
 * redistributor) may be shared.
 */
static const struct its_table *clash(u32 kind, u32 id, u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < its.n; i++)
		if (!(its.t[i].kind == kind &&
		      (its.t[i].id == id || kind == ITS_PROPS)) &&
		    overlaps(base, size, its.t[i].base, its.t[i].size))
			return &its.t[i];
	return NULL;
}

/* Take a table of the root's RAM for the GIC: checked, then kept. */
static int take(u32 kind, u32 id, u64 base, u64 size)
{
	const struct its_table *t = clash(kind, id, base, size);

	if (!root_ram(base, size) || t) {
		printk("root: %s %u at %#llx+%#llx is not in the root's RAM%s%s\n",
		       kind_name[kind], (unsigned int)id,
		       (unsigned long long)base, (unsigned long long)size,
		       t ? ": it overlaps the " : "",
		       t ? kind_name[t->kind] : "");
		return -EINVAL;
	}
	return track(kind, id, base, size);
}

/*
 * A table only the ITS writes: read-only for the root and for the root's
 * devices (its DMA view) from now on.  The pages are split out of their
 * block; on a live stage 2 another root CPU may fault in between, and
 * retries (traps.c).
 */
static int take_read_only(u32 kind, u32 id, u64 base, u64 size)
{
	int err = take(kind, id, base, size);

	if (!err)
		err = paging_map(&root_cell.stage2, base, base, size,
				 PAGING_READ);
	return err;
}

/* Size and address of a GITS_BASER<n> table (page size in bits [9:8]). */
static u64 baser_page(u64 b)
{
	static const u64 sizes[] = { 0x1000, 0x4000, 0x10000, 0x10000 };

	return sizes[(b >> 8) & 3u];
}

static u64 baser_addr(u64 b)
{
	u64 pa = b & BASER_ADDR;

	/* 64 KiB pages: bits [15:12] hold PA[51:48] (12.19.1) */
	if (baser_page(b) == 0x10000UL)
		pa = (pa & ADDR_64K) | ((pa & 0xf000UL) << 36);
	return pa;
}

/* Every second-level page an indirect table already has. */
static int take_l2_pages(u64 l1, u64 size, u64 page)
{
	u64 i, e;
	int err = 0;

	for (i = 0; (i < size / 8u) && (err == 0); i++) {
		err = arch_phys_copy_from(&e, l1 + (i * 8u), 8);
		if ((err == 0) && ((e & L1_VALID) != 0u))
			err = take_read_only(ITS_L2, (u32)i, e & ADDR_4K, page);
	}
	return err;
}

static int take_baser(unsigned int n)
{
	u64 b = mmio_read64(its.regs, GITS_BASER + n * 8u);
	u64 page = baser_page(b), addr = baser_addr(b);
	u64 size = ((b & 0xffu) + 1u) * page;
	u32 kind = BASER_TYPE(b) == BASER_TYPE_DEVICES ? ITS_DEVICES :
							 ITS_COLLECTIONS;
	int err;

	if (!(b & BASER_VALID))
		return 0;
	err = take_read_only(kind, n, addr, size);
	if (err || !(b & BASER_INDIRECT))
		return err;
	if (kind == ITS_DEVICES) {
		its.l1 = addr;
		its.l1_size = size;
		its.l2_size = page;
	}
	return take_l2_pages(addr, size, page);
}

/*
 * The queue is mapped page by page, read-write but never executable (so
 * it stays apart from Linux's RWX RAM around it): queue_lock() then
 * flips it read-only in place.  The root's devices never write it.
 */
static int take_queue(void)
{
	u64 cb = mmio_read64(its.regs, GITS_CBASER);
	int err;

	its.queue = cb & ADDR_4K;
	its.queue_size = ((cb & 0xffu) + 1u) * PAGE_SIZE;
	if (!(cb & BASER_VALID)) {
		printk("root: the ITS is on without a command queue\n");
		return -EINVAL;
	}
	err = take(ITS_QUEUE, 0, its.queue, its.queue_size);
	if (!err)
		err = paging_map(&root_cell.stage2, its.queue, its.queue,
				 its.queue_size, PAGING_RW);
	if (!err && root_cell.stage2.mirror)
		err = paging_map(root_cell.stage2.mirror, its.queue, its.queue,
				 its.queue_size, PAGING_READ);
	return err;
}

static void queue_lock(bool locked)
{
	if (paging_protect(&root_cell.stage2, its.queue, its.queue_size,
			   locked ? PAGING_READ : PAGING_RW))
		panic("ITS command queue: no longer mapped page by page\n");
}

/* The CPU whose redistributor a command's RDbase field names, or -1. */
static int rd_cpu(u64 field)
{
	return gicv3_rd_cpu(field & CMD_RDBASE, (its.typer & TYPER_PTA) != 0u);
}

static bool rd_is_root(u64 field)
{
	int cpu = rd_cpu(field);

	return cpu >= 0 && cell_owns_cpu(&root_cell, (unsigned int)cpu);
}

/* MAPD: where the ITS will write the device's interrupt translations. */
static const char *mapd_refusal(const u64 *cmd)
{
	u32 dev = (u32)(cmd[0] >> 32), bits = (u32)(cmd[1] & 0x1fu) + 1u;
	u64 itt = cmd[2] & ADDR_ITT;

	if (TYPER_DEV_BITS(its.typer) < 32u && dev >> TYPER_DEV_BITS(its.typer))
		return "a device ID the ITS does not have";
	if (!(cmd[2] & CMD_V)) {
		untrack(ITS_ITT, dev);
		return NULL;
	}
	if (dev <= 0xffffu && pci_owner((u16)dev))
		return "the PCI function is an inmate cell's";
	if (bits > TYPER_ID_BITS(its.typer))
		return "more event IDs than the ITS has";
	if (!root_ram(itt, (u64)TYPER_ITT_ESZ(its.typer) << bits))
		return "its ITT is not in the root's RAM";
	if (clash(ITS_ITT, dev, itt, (u64)TYPER_ITT_ESZ(its.typer) << bits))
		return "its ITT overlaps another table of the GIC";
	if (track(ITS_ITT, dev, itt, (u64)TYPER_ITT_ESZ(its.typer) << bits))
		return "too many ITTs to keep track of";
	return NULL;
}

/* Why the ITS must not run cmd for the root, or NULL. */
static const char *cmd_refusal(const u64 *cmd)
{
	switch (cmd[0] & 0xffu) {
	case CMD_MAPD:
		return mapd_refusal(cmd);
	case CMD_MAPC:
		return !(cmd[2] & CMD_V) || rd_is_root(cmd[2]) ?
			       NULL :
			       "the collection's target is not a root CPU";
	case CMD_MOVALL:
		return rd_is_root(cmd[3]) ? NULL :
					    "the target is not a root CPU";
	case CMD_SYNC:
		return rd_cpu(cmd[2]) >= 0 ? NULL : "no such redistributor";
	case CMD_MOVI:
	case CMD_INT:
	case CMD_CLEAR:
	case CMD_MAPTI:
	case CMD_MAPI:
	case CMD_INV:
	case CMD_INVALL:
	case CMD_DISCARD:
		/* on mappings and collections checked when they were made */
		return NULL;
	default:
		return "not a GICv3 ITS command (no GICv4 for the root)";
	}
}

/* Check the command at pa; a refused one becomes a SYNC to this CPU. */
static void check_cmd(u64 pa)
{
	u64 cmd[CMD_SIZE / 8u] = { 0 };
	const char *why = "cannot be read";

	if (!arch_phys_copy_from(cmd, pa, CMD_SIZE))
		why = cmd_refusal(cmd);
	if (!why)
		return;
	if (ratelimit_allow(&its_limit))
		printk("root: ITS command %#llx (device %#llx) at %#llx refused: %s; it runs as a SYNC\n",
		       (unsigned long long)(cmd[0] & 0xffu),
		       (unsigned long long)(cmd[0] >> 32),
		       (unsigned long long)pa, why);
	cmd[0] = CMD_SYNC;
	cmd[1] = 0;
	cmd[2] = gicv3_rd_field(this_cpu()->cpu, (its.typer & TYPER_PTA) != 0u);
	cmd[3] = 0;
	(void)arch_phys_copy_to(pa, cmd, CMD_SIZE);
}

/* Let the ITS take what the root queued, up to its new GITS_CWRITER. */
static void queue_commands(u64 cwriter)
{
	u64 to = cwriter & QUEUE_OFFSET, from, start, r = 0;

	if (to >= its.queue_size) {
		if (ratelimit_allow(&its_limit))
			printk("root: GITS_CWRITER %#llx is past its command queue\n",
			       (unsigned long long)cwriter);
		return;
	}
	spin_lock(&its.lock);
	queue_lock(true);
	from = mmio_read64(its.regs, GITS_CWRITER) & QUEUE_OFFSET;
	for (; from != to; from = (from + CMD_SIZE) % its.queue_size)
		check_cmd(its.queue + from);
	mmio_write64(its.regs, GITS_CWRITER, to);
	start = arch_time_us();
	while (arch_time_us() - start < ITS_WAIT_US) {
		r = mmio_read64(its.regs, GITS_CREADR);
		if ((r & QUEUE_OFFSET) == to || (r & GITS_CREADR_STALLED))
			break;
	}
	if ((r & QUEUE_OFFSET) != to)
		printk("root: the ITS stopped at %#llx of its queue, not %#llx%s\n",
		       (unsigned long long)(r & QUEUE_OFFSET),
		       (unsigned long long)to,
		       (r & GITS_CREADR_STALLED) ? " (stalled on an error)" :
						   "");
	queue_lock(false);
	spin_unlock(&its.lock);
}

/* A write to a GITS_BASER<n> or GITS_CBASER: only the value it has. */
static void table_write(u32 reg, const struct mmio_access *acc)
{
	u64 now = acc->size == 8u ? mmio_read64(its.regs, reg) :
				    mmio_read32(its.regs, reg);

	if (acc->value != now && ratelimit_allow(&its_limit))
		printk("root: ITS register %#x write %#llx refused: the ITS's tables stay where they were at enable\n",
		       (unsigned int)reg, (unsigned long long)acc->value);
}

static enum mmio_result its_access(struct cell *cell, void *arg,
				   struct mmio_access *acc)
{
	u32 reg = (u32)(acc->addr - hyp.config->platform.gic_its_base);

	(void)cell;
	(void)arg;
	if (acc->size != 4u && acc->size != 8u)
		return MMIO_ERROR;
	if (!acc->write) {
		acc->value = acc->size == 8u ? mmio_read64(its.regs, reg) :
					       mmio_read32(its.regs, reg);
		/* no GICv4: the root gets no virtual LPIs to give */
		if (reg == GITS_TYPER)
			acc->value &= ~(u64)TYPER_VIRTUAL;
		return MMIO_HANDLED;
	}
	if (reg == GITS_CWRITER && its.on)
		queue_commands(acc->value);
	else if (reg == GITS_CBASER ||
		 (reg >= GITS_BASER && reg < GITS_BASER_END))
		table_write(reg, acc);
	else if (reg == GITS_CTLR && its.on)
		/* off and on again: the tables it uses are the checked ones */
		mmio_write32(its.regs, reg, (u32)acc->value);
	return MMIO_HANDLED;
}

/*
 * The root writes a first-level entry of the device table (it faulted:
 * the table is read-only): a new second-level page, which must be the
 * root's RAM, and is the ITS's from now on.  An entry is set once.
 */
static enum mmio_result l1_access(struct cell *cell, void *arg,
				  struct mmio_access *acc)
{
	u64 old = 0, e = acc->value;
	int err = -EINVAL;

	(void)cell;
	(void)arg;
	if (!acc->write || acc->size != 8u || (acc->addr & 7u))
		return MMIO_ERROR;
	/* the root's stage 2 changes: not while a management call's does */
	cellctl_hold(true);
	spin_lock(&its.lock);
	if (!arch_phys_copy_from(&old, acc->addr, 8) && !(old & L1_VALID) &&
	    (e & L1_VALID))
		err = take_read_only(ITS_L2, (u32)((acc->addr - its.l1) / 8u),
				     e & ADDR_4K, its.l2_size);
	if (!err)
		err = arch_phys_copy_to(acc->addr, &e, 8);
	spin_unlock(&its.lock);
	cellctl_hold(false);
	if (err && ratelimit_allow(&its_limit))
		printk("root: ITS device table entry %#llx := %#llx refused\n",
		       (unsigned long long)acc->addr, (unsigned long long)e);
	return MMIO_HANDLED;
}

/* Every redistributor's LPI tables, as Linux set them up. */
static int take_lpi_tables(void)
{
	unsigned int cpu;
	int err = 0;
	u64 v;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus && !err; cpu++) {
		if (!gicv3_lpis_enabled(cpu))
			continue;
		v = gicv3_rd_read64(cpu, GICR_PROPBASER);
		err = its_lpi_table_ok(cpu, GICR_PROPBASER, v) ? 0 : -EINVAL;
		v = gicv3_rd_read64(cpu, GICR_PENDBASER);
		if (!err)
			err = its_lpi_table_ok(cpu, GICR_PENDBASER, v) ?
				      0 :
				      -EINVAL;
	}
	return err;
}

/*
 * GICR_PROPBASER: 2^IDbits - 8192 bytes of configuration (IDbits in
 * [4:0], minus one); GICR_PENDBASER: a bit per INTID, 64 KiB aligned
 * (12.11.29, 12.11.31).  The pending table's size comes from the ITS's
 * widest INTID, which no redistributor exceeds.
 */
bool its_lpi_table_ok(unsigned int cpu, u32 reg, u64 val)
{
	u32 bits = (u32)(val & 0x1fu) + 1u;
	bool ok;

	if (!its_root_lpis())
		return false;
	spin_lock(&its.lock);
	if (reg == GICR_PROPBASER)
		ok = bits > 13u && bits <= 32u &&
		     !take(ITS_PROPS, cpu, val & ADDR_4K,
			   (1ULL << bits) - ITS_FIRST_LPI);
	else
		ok = !take(ITS_PENDING, cpu, val & ADDR_64K,
			   (1ULL << (gicv3_id_bits() + 1u)) / 8u);
	spin_unlock(&its.lock);
	return ok;
}

int its_root_init(struct cell *root)
{
	u64 base = hyp.config->platform.gic_its_base;
	unsigned int n;
	int err;

	if (!base)
		return 0;
	its.regs = (u8 *)(uintptr_t)base;
	its.typer = mmio_read64(its.regs, GITS_TYPER);
	its.on = (mmio_read32(its.regs, GITS_CTLR) & GITS_CTLR_ENABLED) != 0;
	err = mmio_register(&root->mmio, base, GITS_FRAME, its_access, NULL);
	/* the doorbell devices write: the root's, for its CPUs and DMA */
	if (!err)
		err = paging_map(&root->stage2, base + GITS_FRAME,
				 base + GITS_FRAME, GITS_FRAME,
				 PAGING_RW | PAGING_DEVICE);
	if (!err && root->stage2.mirror)
		err = paging_map(root->stage2.mirror, base + GITS_FRAME,
				 base + GITS_FRAME, GITS_FRAME,
				 PAGING_RW | PAGING_DEVICE);
	if (err || !its.on) {
		if (!err)
			printk("ITS at %#llx: off (Linux does not use it): it stays off\n",
			       (unsigned long long)base);
		return err;
	}
	err = take_queue();
	for (n = 0; n < (GITS_BASER_END - GITS_BASER) / 8u && !err; n++)
		err = take_baser(n);
	if (!err && its.l1)
		err = mmio_register(&root->mmio, its.l1, its.l1_size, l1_access,
				    NULL);
	if (!err)
		err = take_lpi_tables();
	if (!err)
		printk("ITS at %#llx: the root's, %u tables in its RAM kept from cells\n",
		       (unsigned long long)base, its.n);
	return err;
}

/* The first kept table in cell's memory (region *region), or NULL. */
static const struct its_table *in_cell(const struct cell *cell, u32 *region)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	unsigned int j;
	u32 i;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		if (m[i].flags & WARDEN_MEM_COMM_REGION)
			continue;
		for (j = 0; j < its.n; j++)
			if (overlaps(m[i].phys_start, m[i].size, its.t[j].base,
				     its.t[j].size)) {
				*region = i;
				return &its.t[j];
			}
	}
	return NULL;
}

/*
 * Called with the cell's memory out of the root's stage 2 already: a MAPD
 * or GICR_PENDBASER that placed a table there before is in the list (the
 * check and the keeping are one step under its.lock), and a later one
 * finds no root RAM there.
 */
int its_cell_check(const struct cell *cell)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	struct its_table t = { 0 };
	const struct its_table *found;
	u32 i = 0;

	spin_lock(&its.lock);
	found = in_cell(cell, &i);
	if (found)
		t = *found;
	spin_unlock(&its.lock);
	if (!found)
		return 0;
	return (int)cellctl_refuse(
		-EBUSY,
		"cell \"%s\": memory region %u (%#llx+%#llx) holds the root's %s at %#llx+%#llx, which the GIC writes",
		cell->name, i, (unsigned long long)m[i].phys_start,
		(unsigned long long)m[i].size, kind_name[t.kind],
		(unsigned long long)t.base, (unsigned long long)t.size);
}
