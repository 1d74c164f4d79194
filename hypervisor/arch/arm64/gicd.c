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

/* Each block spans 1024 interrupts' worth of fields. */
static const struct field_reg *find_field_reg(u32 reg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(field_regs); i++) {
		u32 len = 1024 * field_regs[i].bits / 8;

		if (reg >= field_regs[i].base && reg < field_regs[i].base + len)
			return &field_regs[i];
	}
	return NULL;
}

/* Mask of the bits of this access that belong to the cell's interrupts. */
static u64 owned_mask(const struct cell *cell, const struct field_reg *fr,
		      u32 reg, unsigned int size)
{
	u32 first = (reg - fr->base) * 8 / fr->bits;
	u32 n = size * 8 / fr->bits, i;
	u64 field = (1UL << fr->bits) - 1, mask = 0;

	for (i = 0; i < n; i++) {
		u32 irq = first + i;

		/* SGI/PPI fields are banked: with GICv3 they live in GICR */
		if (irq >= 32 && gic_irq_in_cell(cell, irq))
			mask |= field << (i * fr->bits);
		else if (irq < 32 && gic == &gicv2_ops)
			mask |= field << (i * fr->bits);
	}
	return mask;
}

static u64 raw_read(u32 reg, unsigned int size)
{
	volatile u8 *a = (volatile u8 *)gicd_base + reg;

	switch (size) {
	case 1:
		return *a;
	case 2:
		return *(volatile u16 *)a;
	case 8:
		return mmio_read64(gicd_base, reg);
	default:
		return mmio_read32(gicd_base, reg);
	}
}

static void raw_write(u32 reg, unsigned int size, u64 v)
{
	volatile u8 *a = (volatile u8 *)gicd_base + reg;

	switch (size) {
	case 1:
		asm volatile("dmb oshst" ::: "memory");
		*a = (u8)v;
		break;
	case 2:
		asm volatile("dmb oshst" ::: "memory");
		*(volatile u16 *)a = (u16)v;
		break;
	case 8:
		mmio_write64(gicd_base, reg, v);
		break;
	default:
		mmio_write32(gicd_base, reg, (u32)v);
	}
}

static enum mmio_result field_access(struct cell *cell,
				     const struct field_reg *fr, u32 reg,
				     struct mmio_access *acc)
{
	u64 mask = owned_mask(cell, fr, reg, acc->size);

	if (!acc->write) {
		acc->value = raw_read(reg, acc->size) & mask;
		return MMIO_HANDLED;
	}
	if (!mask)
		return MMIO_HANDLED;
	if (!fr->rmw) {
		raw_write(reg, acc->size, acc->value & mask);
		return MMIO_HANDLED;
	}
	spin_lock(&dist_lock);
	raw_write(reg, acc->size,
		  (raw_read(reg, acc->size) & ~mask) | (acc->value & mask));
	spin_unlock(&dist_lock);
	return MMIO_HANDLED;
}

enum mmio_result gicd_access(struct cell *cell, void *arg,
			     struct mmio_access *acc)
{
	u32 reg = (u32)(acc->addr - (u64)(uintptr_t)gicd_base);
	const struct field_reg *fr;

	(void)arg;
	if (acc->size != 4 && acc->size != 8 && acc->size != 1)
		return MMIO_ERROR;
	fr = find_field_reg(reg);
	if (fr && (fr->bits == 8 || acc->size == 4))
		return field_access(cell, fr, reg, acc);
	if (reg == GICD_CTLR && acc->size == 4) {
		/* machine-wide: only the root cell may change it */
		if (!acc->write)
			acc->value = mmio_read32(gicd_base, reg);
		else if (cell == &root_cell)
			mmio_write32(gicd_base, reg, (u32)acc->value);
		return MMIO_HANDLED;
	}
	if ((reg == GICD_TYPER || reg == GICD_IIDR || reg >= GICD_ID_START) &&
	    !acc->write && acc->size == 4) {
		acc->value = mmio_read32(gicd_base, reg);
		return MMIO_HANDLED;
	}
	return gic->dist_access(cell, acc, reg);
}
