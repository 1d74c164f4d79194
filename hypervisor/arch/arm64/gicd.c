// SPDX-License-Identifier: GPL-2.0-only
/*
 * Distributor emulation.  Every cell, the root included, reaches the GICD
 * only through this filter: a cell sees and changes the bits of the
 * interrupts it owns, reads zero for all others and its writes to them are
 * ignored (documented choice: the access completes, nothing changes).
 * Registers with one field per interrupt are masked field by field; the
 * read-modify-write ones are done under a lock, because other cells share
 * the same words.
 */
#include <asm/gic.h>
#include <asm/spinlock.h>
#include <hyp/cell.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>

static spinlock_t dist_lock;

struct field_reg {
	u32 base;
	u32 bits; /* bits per interrupt */
	bool rmw; /* read-modify-write, else write-1-to-set/clear */
};

static const struct field_reg field_regs[] = {
	{ GICD_IGROUPR, 1, true },    { GICD_ISENABLER, 1, false },
	{ GICD_ICENABLER, 1, false }, { GICD_ISPENDR, 1, false },
	{ GICD_ICPENDR, 1, false },   { GICD_ISACTIVER, 1, false },
	{ GICD_ICACTIVER, 1, false }, { GICD_IPRIORITYR, 8, true },
	{ GICD_ITARGETSR, 8, true },  { GICD_ICFGR, 2, true },
	{ GICD_IGRPMODR, 1, true },   { GICD_NSACR, 2, true },
};

/*
 * The field register of each 128-byte block of the distributor, as an
 * index + 1 into field_regs[] (0: none).  Each register spans 1024
 * interrupts' worth of fields: 128 bytes at one bit per interrupt.
 */
static const u8 field_reg_of_block[GICD_NSACR / 0x80 + 2] = {
	[GICD_IGROUPR / 0x80] = 1,
	[GICD_ISENABLER / 0x80] = 2,
	[GICD_ICENABLER / 0x80] = 3,
	[GICD_ISPENDR / 0x80] = 4,
	[GICD_ICPENDR / 0x80] = 5,
	[GICD_ISACTIVER / 0x80] = 6,
	[GICD_ICACTIVER / 0x80] = 7,
	[GICD_IPRIORITYR / 0x80 ... GICD_IPRIORITYR / 0x80 + 7] = 8,
	[GICD_ITARGETSR / 0x80 ... GICD_ITARGETSR / 0x80 + 7] = 9,
	[GICD_ICFGR / 0x80 ... GICD_ICFGR / 0x80 + 1] = 10,
	[GICD_IGRPMODR / 0x80] = 11,
	[GICD_NSACR / 0x80 ... GICD_NSACR / 0x80 + 1] = 12,
};
_Static_assert(ARRAY_SIZE(field_regs) == 12, "field_reg_of_block indexes");

static const struct field_reg *find_field_reg(u32 reg)
{
	u32 block = reg / 0x80;

	if (block >= ARRAY_SIZE(field_reg_of_block) ||
	    !field_reg_of_block[block])
		return NULL;
	return &field_regs[field_reg_of_block[block] - 1];
}

/*
 * Which of the n interrupts from first may the cell touch (bit i for
 * first + i)?  n is at most 32 and first a multiple of n, so they share one
 * 32-interrupt word of the cell's bitmap.  INTIDs 0-31 are the accessing
 * CPU's own: a redistributor's SGI page holds only them, and GICv2 banks
 * them in the distributor; with GICv3 affinity routing the distributor's
 * copies are RAZ/WI (IHI 0069 12.9).  The maintenance interrupt is the
 * hypervisor's and no cell's, and so is its own SGI (GIC_SGI_HYP).
 */
static u32 owned_bits(const struct cell *cell, u32 first, u32 n, bool redist)
{
	u32 word = first / 32, bits;

	if (word == 0)
		bits = (redist || gic == &gicv2_ops) ? ~(1u << GIC_SGI_HYP) : 0;
	else if (redist || first >= gic_num_irqs)
		bits = 0;
	else
		bits = (u32)(cell->irq_bitmap[word / 2] >> (32 * (word % 2)));
	if (gic_maintenance_irq / 32 == word)
		bits &= ~(1u << (gic_maintenance_irq % 32));
	bits >>= first % 32;
	return n < 32 ? bits & ((1u << n) - 1) : bits;
}

/* Mask of the bits of this access that belong to the cell's interrupts. */
static u64 owned_mask(const struct cell *cell, const struct field_reg *fr,
		      u32 reg, unsigned int size, bool redist)
{
	u32 first = (reg - fr->base) * 8 / fr->bits;
	u32 bits = owned_bits(cell, first, size * 8 / fr->bits, redist);
	u64 field = (1UL << fr->bits) - 1, mask = 0;

	if (fr->bits == 1)
		return bits;
	for (; bits; bits &= bits - 1)
		mask |= field << ((u32)__builtin_ctz(bits) * fr->bits);
	return mask;
}

static u64 raw_read(const void *base, u32 reg, unsigned int size)
{
	const volatile u8 *a = (const volatile u8 *)base + reg;

	switch (size) {
	case 1:
		return *a;
	case 8:
		return mmio_read64(base, reg);
	default:
		return mmio_read32(base, reg);
	}
}

static void raw_write(void *base, u32 reg, unsigned int size, u64 v)
{
	volatile u8 *a = (volatile u8 *)base + reg;

	switch (size) {
	case 1:
		dmb(oshst);
		*a = (u8)v;
		break;
	case 8:
		mmio_write64(base, reg, v);
		break;
	default:
		mmio_write32(base, reg, (u32)v);
		break;
	}
}

/*
 * A direct cell (gic-v3.c) takes its interrupts as Group 1 at EL1; Group 0
 * is the hypervisor's, at group priority 0.  So its interrupts stay Group 1
 * (IGROUPR and IGRPMODR writes are ignored), and their priorities stay in
 * the lower half (0x80-0xff), where none can block the hypervisor's SGI by
 * being active.  Returns true when the write is dropped.
 */
static bool direct_write_filter(const struct field_reg *fr,
				struct mmio_access *acc)
{
	if ((fr->base == (u32)GICD_IGROUPR) || (fr->base == (u32)GICD_IGRPMODR))
		return true;
	if (fr->base == (u32)GICD_IPRIORITYR)
		acc->value |= 0x8080808080808080UL;
	return false;
}

/*
 * A write to a read-modify-write register (IGROUPR, IPRIORITYR, ITARGETSR,
 * ICFGR, IGRPMODR, NSACR): rarer than the set/clear ones, and the only
 * writes that need the direct-cell and GICv2 target filters and the lock.
 * Kept out of line, so that the set/clear and read paths of field_access()
 * carry no call (and no registers saved around one).
 */
static __attribute__((noinline)) void
field_write_rmw(const struct cell *cell, const struct field_reg *fr, void *base,
		u32 reg, struct mmio_access *acc, u64 mask)
{
	if (gic_cell_direct(cell) && direct_write_filter(fr, acc))
		return;
	/* GICv2 SPI targets: only the cell's own CPU interfaces (4.3.12) */
	if (fr->base == GICD_ITARGETSR && gic == &gicv2_ops)
		acc->value &= 0x0101010101010101UL * gicv2_cell_cpumask(cell);
	spin_lock(&dist_lock);
	raw_write(base, reg, acc->size,
		  (raw_read(base, reg, acc->size) & ~mask) |
			  (acc->value & mask));
	spin_unlock(&dist_lock);
}

static void field_access(struct cell *cell, const struct field_reg *fr,
			 void *base, u32 reg, struct mmio_access *acc,
			 bool redist)
{
	u64 mask = owned_mask(cell, fr, reg, acc->size, redist);

	if (!acc->write) {
		acc->value = raw_read(base, reg, acc->size) & mask;
		return;
	}
	if (!mask)
		return;
	if (fr->rmw) {
		field_write_rmw(cell, fr, base, reg, acc, mask);
		return;
	}
	raw_write(base, reg, acc->size, acc->value & mask);
}

/*
 * The hypervisor's own read-modify-writes of shared distributor words take
 * the lock the cells' emulated writes take, so neither loses the other's.
 */
void gicd_update32(u32 reg, u32 clear, u32 set)
{
	spin_lock(&dist_lock);
	mmio_write32(gicd_base, reg,
		     (mmio_read32(gicd_base, reg) & ~clear) | set);
	spin_unlock(&dist_lock);
}

/*
 * Registers with one field per interrupt, at the same offsets in the
 * distributor and in a redistributor's SGI page.  Returns false when reg is
 * not one of them.
 */
bool gic_field_access(struct cell *cell, void *base, u32 reg,
		      struct mmio_access *acc, bool redist)
{
	const struct field_reg *fr = find_field_reg(reg);

	if (!fr || (fr->bits != 8 && acc->size != 4) || acc->size == 8)
		return false;
	field_access(cell, fr, base, reg, acc, redist);
	return true;
}

/*
 * GICD_TYPER (IHI 0069 12.9.38) as a cell sees it.  MBIS (bit 16) goes for
 * every cell: the message-based SPI registers are not offered.  LPIS and
 * DVIS (bits 17, 18) go for an inmate cell, which gets no LPIs (its
 * redistributors' PLPIS reads 0, gic-v3.c): the two then agree, and Linux
 * in a cell does not look for LPI support at all.  On GICv2 these bits are
 * reserved, RES0.  The register is read-only, so both views are made once
 * (gicd_setup()), and each cell's is the argument of its GICD handler
 * (gicd_typer_view()): a trapped read costs one load, as the plain one did.
 */
#define GICD_TYPER_MBIS 0x00010000u
#define GICD_TYPER_LPIS 0x00060000u

static u32 typer_seen[2]; /* [0]: the root's, [1]: an inmate cell's */

void gicd_setup(void)
{
	u32 typer = mmio_read32(gicd_base, GICD_TYPER) & ~GICD_TYPER_MBIS;

	typer_seen[0] = typer;
	typer_seen[1] = typer & ~GICD_TYPER_LPIS;
}

void *gicd_typer_view(const struct cell *cell)
{
	return &typer_seen[cell != &root_cell];
}

/*
 * The first 128 bytes: CTLR (machine-wide, so only the root cell may change
 * it), then read-only identification (TYPER, IIDR).  GICv3's message-based
 * SPI registers and the rest of the block are not offered: RAZ/WI.  A
 * 32-bit access here; 8- and 1-byte ones are RAZ/WI (gicd_access()).
 */
static enum mmio_result gicd_control(const struct cell *cell, u32 reg,
				     struct mmio_access *acc, const u32 *typer)
{
	if (acc->write) {
		if (reg == GICD_CTLR && cell == &root_cell)
			mmio_write32(gicd_base, reg, (u32)acc->value);
		return MMIO_HANDLED;
	}
	if (reg == GICD_TYPER)
		acc->value = *typer;
	else if (reg == GICD_CTLR || reg == GICD_IIDR)
		acc->value = mmio_read32(gicd_base, reg);
	else
		acc->value = 0;
	return MMIO_HANDLED;
}

/* Everything after the first 128 bytes (gicd_access()). */
static __attribute__((noinline)) enum mmio_result
gicd_other(struct cell *cell, u32 reg, struct mmio_access *acc)
{
	if (gic_field_access(cell, gicd_base, reg, acc, false))
		return MMIO_HANDLED;
	if (reg >= GICD_ID_START && !acc->write && acc->size == 4) {
		acc->value = mmio_read32(gicd_base, reg);
		return MMIO_HANDLED;
	}
	return gic->dist_access(cell, acc, reg);
}

/*
 * The control block is a leaf, and the rest a tail call: neither pays for
 * a stack frame that only the other needs.
 */
enum mmio_result gicd_access(struct cell *cell, void *arg,
			     struct mmio_access *acc)
{
	u32 reg = (u32)(acc->addr - (u64)(uintptr_t)gicd_base);

	if (reg < GICD_IGROUPR && acc->size == 4u)
		return gicd_control(cell, reg, acc, arg);
	if (acc->size != 4 && acc->size != 8 && acc->size != 1)
		return MMIO_ERROR;
	if (reg < GICD_IGROUPR) {
		acc->value = 0;
		return MMIO_HANDLED;
	}
	return gicd_other(cell, reg, acc);
}
