// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI functions of inmate cells (warden_pci_device, config.h): their
 * configuration space, as the cell and the root see it.
 *
 * Every access to the ECAM (PCIe base spec 7.2.2: 4 KiB of configuration
 * space per function) that could change whose a function is goes through
 * here:
 *   - a cell sees the whole ECAM window trapped: its own functions' space
 *     is read from the device, and written to it except as filtered below;
 *     every other function reads as absent (all ones) and its writes are
 *     ignored;
 *   - the root keeps its own mapping of the ECAM, but the page of each
 *     function a cell owns is unmapped from its stage 2 while the cell
 *     exists: the root's reads of it are answered, its writes ignored.
 * A cell's writes are filtered so that its function decodes only inside
 * the cell's own memory: memory decoding (COMMAND bit 1) goes on only while
 * every memory BAR lies inside one of the cell's IO regions mapped at IPA =
 * PA, a BAR is moved while decoding is on only to such a place, I/O
 * decoding and the expansion ROM stay off.  Its DMA is the SMMU's business
 * (smmu.c): the function's stream translates through the cell's DMA view.
 * MSI and MSI-X stay off: cells get no LPIs, and their DMA views map no MSI
 * doorbell; the function interrupts through INTx.
 */
#include <warden/config.h>
#include <warden/hypercall.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/pci.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>
#include <hyp/setup.h>

#define ECAM_FN_SIZE 0x1000u
#define PCI_VENDOR_ID 0x00u
#define PCI_COMMAND 0x04u
#define PCI_COMMAND_IO 0x1u
#define PCI_COMMAND_MEM 0x2u
#define PCI_COMMAND_MASTER 0x4u
#define PCI_HEADER_TYPE 0x0eu
#define PCI_BAR0 0x10u
#define PCI_BAR_END 0x28u
#define PCI_ROM 0x30u
#define PCI_INTERRUPT_PIN 0x3du
#define PCI_BAR_IO 0x1u
#define PCI_BAR_64 0x4u /* memory BAR type 0b10 */
#define PCI_STATUS 0x06u
#define PCI_STATUS_CAPS 0x10u
#define PCI_CAPS 0x34u
#define PCI_CAP_MSI 0x05u
#define PCI_CAP_MSIX 0x11u
#define PCI_MAX_CAPS 48u /* 192 bytes of capabilities, 4 each at least */

static const struct warden_platform *plat(void)
{
	return &hyp.config->platform;
}

static u64 ecam_size(void)
{
	const struct warden_platform *p = plat();

	return ((u64)p->pci_bus_last + 1u - p->pci_bus_first) << 20;
}

/* The function's 4 KiB of configuration space (bdf on the host's buses). */
static paddr_t fn_space(u16 bdf)
{
	const struct warden_platform *p = plat();

	return p->pci_ecam_base +
	       ((u64)(bdf - ((u32)p->pci_bus_first << 8)) << 12);
}

static u32 cfg_read(u16 bdf, u32 reg, unsigned int size)
{
	const volatile u8 *a =
		(const volatile u8 *)(uintptr_t)(fn_space(bdf) + reg);

	if (size == 1u)
		return *a;
	if (size == 2u)
		return *(const volatile u16 *)a;
	return *(const volatile u32 *)a;
}

static void cfg_write(u16 bdf, u32 reg, unsigned int size, u32 v)
{
	volatile u8 *a = (volatile u8 *)(uintptr_t)(fn_space(bdf) + reg);

	if (size == 1u)
		*a = (u8)v;
	else if (size == 2u)
		*(volatile u16 *)a = (u16)v;
	else
		*(volatile u32 *)a = v;
}

static const struct warden_pci_device *fn_of(const struct cell *cell, u16 bdf,
					     unsigned int *index)
{
	const struct warden_pci_device *d = warden_cell_pci(cell->desc);
	unsigned int i;

	for (i = 0; i < cell->desc->num_pci_devices; i++)
		if (d[i].bdf == bdf) {
			if (index)
				*index = i;
			return &d[i];
		}
	return NULL;
}

/* The inmate cell that owns function bdf, or NULL (the root's). */
struct cell *pci_owner(u16 bdf)
{
	unsigned int id;
	struct cell *c;

	for (id = 1; id < WARDEN_MAX_CELLS; id++) {
		c = cellctl_cell(id);
		if (c && fn_of(c, bdf, NULL))
			return c;
	}
	return NULL;
}

static void fn_name(u16 bdf, char *buf, unsigned int len)
{
	snprintf(buf, len, "%02x:%02x.%u", (unsigned int)bdf >> 8,
		 ((unsigned int)bdf >> 3) & 0x1fu, (unsigned int)bdf & 7u);
}

/* ---- BARs ---------------------------------------------------------------- */

/*
 * Size the memory BARs of a function whose decoding is off (pci_take):
 * all ones written, the size read back, the value put back (PCI local bus
 * spec 6.2.5.1).
 */
static void bars_size(struct pci_fn *f)
{
	u32 reg, lo, mask, hi;
	unsigned int n;

	for (n = 0; n < PCI_MAX_BARS; n++) {
		f->bar_size[n] = 0;
		f->bar_hi[n] = false;
	}
	for (n = 0, reg = PCI_BAR0; reg < PCI_BAR_END; n++, reg += 4u) {
		lo = cfg_read(f->bdf, reg, 4);
		if (lo & PCI_BAR_IO)
			continue;
		cfg_write(f->bdf, reg, 4, ~0u);
		mask = cfg_read(f->bdf, reg, 4) & ~0xfu;
		cfg_write(f->bdf, reg, 4, lo);
		if (!mask)
			continue;
		if ((lo & 6u) == PCI_BAR_64 && reg + 4u < PCI_BAR_END) {
			hi = cfg_read(f->bdf, reg + 4u, 4);
			cfg_write(f->bdf, reg + 4u, 4, ~0u);
			f->bar_size[n] =
				~(((u64)cfg_read(f->bdf, reg + 4u, 4) << 32) |
				  mask) +
				1u;
			cfg_write(f->bdf, reg + 4u, 4, hi);
			f->bar_hi[n + 1u] = true;
			n++;
			reg += 4u;
		} else {
			f->bar_size[n] = (u64)(~mask) + 1u;
		}
	}
}

/* BAR n's address, with the value `val` at register `reg` if it is one. */
static u64 bar_addr(const struct pci_fn *f, unsigned int n, u32 reg, u32 val)
{
	u32 r = PCI_BAR0 + n * 4u;
	u32 lo = (r == reg) ? val : cfg_read(f->bdf, r, 4);
	u64 a = lo;

	a &= ~(u64)0xfu;

	if (n + 1u < PCI_MAX_BARS && f->bar_hi[n + 1u]) {
		u32 hi32 = (r + 4u == reg) ? val : cfg_read(f->bdf, r + 4u, 4);
		u64 hi = hi32;

		a |= hi << 32;
	}
	return a;
}

/* Is [a, a + size) inside one of the cell's IO regions at IPA = PA? */
static bool in_windows(const struct cell *cell, u64 a, u64 size)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;

	for (i = 0; i < cell->desc->num_memory_regions; i++)
		if ((m[i].flags & WARDEN_MEM_IO) &&
		    m[i].phys_start == m[i].virt_start &&
		    a >= m[i].phys_start && size <= m[i].size &&
		    a - m[i].phys_start <= m[i].size - size)
			return true;
	return false;
}

/* The first memory BAR that would lie outside the cell's windows, or -1. */
static int bar_outside(const struct cell *cell, const struct pci_fn *f, u32 reg,
		       u32 val)
{
	unsigned int n;

	for (n = 0; n < PCI_MAX_BARS; n++)
		if (f->bar_size[n] &&
		    !in_windows(cell, bar_addr(f, n, reg, val), f->bar_size[n]))
			return (int)n;
	return -1;
}

/*
 * The capability of type id (PCI local bus spec 6.7): its offset, or 0.
 * The list is the device's, so the walk is bounded.
 */
static u32 find_cap(u16 bdf, u32 id)
{
	u32 pos, n;

	if (!(cfg_read(bdf, PCI_STATUS, 2) & PCI_STATUS_CAPS))
		return 0;
	pos = cfg_read(bdf, PCI_CAPS, 1) & ~3u;
	for (n = 0; n < PCI_MAX_CAPS && pos >= 0x40u; n++) {
		if (cfg_read(bdf, pos, 1) == id)
			return pos;
		pos = cfg_read(bdf, pos + 1u, 1) & ~3u;
	}
	return 0;
}

/*
 * A write reaching a Message Control register (capability + 2): MSI's
 * enable is bit 0, MSI-X's bit 15 (PCI local bus spec 6.8.1.3, 6.8.2.3).
 * Returns v with the bit cleared where the write covers it.
 */
static u32 msi_off(u32 cap, u32 bit, u32 reg, unsigned int size, u32 v)
{
	u32 ctl = cap + 2u;

	if (!cap || ctl < reg || ctl >= reg + size)
		return v;
	return v & ~(bit << ((ctl - reg) * 8u));
}

static void refused(const struct cell *cell, u16 bdf, const char *what)
{
	static struct ratelimit pci_limit =
		RATELIMIT_INIT(4, "refused PCI configuration writes");
	char name[12];

	if (!ratelimit_allow(&pci_limit))
		return;
	fn_name(bdf, name, sizeof(name));
	printk("cell \"%s\": PCI %s: %s\n", cell->name, name, what);
}

/* ---- the cell's view -------------------------------------------------- */

static void own_write(const struct cell *cell, struct pci_fn *f, u32 reg,
		      const struct mmio_access *acc)
{
	u32 v = (u32)acc->value, cmd;
	u32 end = reg + acc->size;

	if (reg < PCI_COMMAND + 2u && end > PCI_COMMAND) {
		/* the COMMAND bits of this write, shifted to their place */
		cmd = (reg == PCI_COMMAND) ? v :
					     cfg_read(f->bdf, PCI_COMMAND, 2);
		if (cmd & PCI_COMMAND_IO) {
			refused(cell, f->bdf, "I/O space decoding stays off");
			v &= ~PCI_COMMAND_IO;
		}
		if ((cmd & PCI_COMMAND_MEM) &&
		    bar_outside(cell, f, 0, 0) >= 0) {
			refused(cell, f->bdf,
				"a BAR lies outside the cell's memory: memory "
				"decoding stays off");
			v &= ~PCI_COMMAND_MEM;
		}
	} else if (reg >= PCI_BAR0 && reg < PCI_BAR_END) {
		if (acc->size != 4u || (reg & 3u)) {
			refused(cell, f->bdf,
				"BARs are written 32 bits at a time");
			return;
		}
		if ((cfg_read(f->bdf, PCI_COMMAND, 2) & PCI_COMMAND_MEM) &&
		    bar_outside(cell, f, reg, v) >= 0) {
			refused(cell, f->bdf,
				"BAR moved outside the cell's memory: ignored");
			return;
		}
	} else if (reg >= PCI_ROM && reg < PCI_ROM + 4u) {
		return; /* the expansion ROM stays off */
	}
	if (msi_off(f->msi_cap, 1u, reg, acc->size, v) != v ||
	    msi_off(f->msix_cap, 0x8000u, reg, acc->size, v) != v) {
		refused(cell, f->bdf,
			"MSI stays off (cells get no LPIs): use INTx");
		v = msi_off(f->msi_cap, 1u, reg, acc->size, v);
		v = msi_off(f->msix_cap, 0x8000u, reg, acc->size, v);
	}
	cfg_write(f->bdf, reg, acc->size, v);
}

static enum mmio_result cell_ecam(struct cell *cell, void *arg,
				  struct mmio_access *acc)
{
	u64 off = acc->addr - plat()->pci_ecam_base;
	u16 bdf = (u16)((off >> 12) + ((u64)plat()->pci_bus_first << 8));
	u32 reg = (u32)(off & (ECAM_FN_SIZE - 1u));
	struct pci_fn *fns = arg;
	unsigned int i;

	if (acc->size > 4u || (reg & (acc->size - 1u)))
		return MMIO_ERROR;
	if (!fn_of(cell, bdf, &i)) {
		if (!acc->write)
			acc->value = (acc->size == 4u) ?
					     0xffffffffu :
					     (1u << (acc->size * 8u)) - 1u;
		return MMIO_HANDLED;
	}
	if (acc->write)
		own_write(cell, &fns[i], reg, acc);
	else
		acc->value = cfg_read(bdf, reg, acc->size);
	return MMIO_HANDLED;
}

/* ---- the root's view ---------------------------------------------------- */

static enum mmio_result root_ecam(struct cell *cell, void *arg,
				  struct mmio_access *acc)
{
	u64 off = acc->addr - plat()->pci_ecam_base;
	u16 bdf = (u16)((off >> 12) + ((u64)plat()->pci_bus_first << 8));
	u32 reg = (u32)(off & (ECAM_FN_SIZE - 1u));
	const struct cell *owner = pci_owner(bdf);

	(void)cell;
	(void)arg;
	if (acc->size > 4u || (reg & (acc->size - 1u)))
		return MMIO_ERROR;
	if (!acc->write)
		acc->value = cfg_read(bdf, reg, acc->size);
	else if (!owner)
		cfg_write(bdf, reg, acc->size, (u32)acc->value);
	return MMIO_HANDLED;
}

int pci_root_init(void)
{
	if (!plat()->pci_ecam_base || !plat()->smmu_base)
		return 0;
	return mmio_register(&root_cell.mmio, plat()->pci_ecam_base,
			     ecam_size(), root_ecam, NULL);
}

/* ---- a cell takes and gives back its functions ------------------------------ */

/*
 * The INTID that the function's INTx pin drives, or 0 if it has none: pin
 * P of device D on the host's first bus drives line (D + P - 1) mod 4
 * (the interrupt-map of the platform config, pci_intx_irq).  -1 for a pin
 * whose line Warden cannot tell: no lines described, or a function behind
 * a bridge, whose pin the bridges swizzle on the way.
 */
static int intx_irq(u16 bdf)
{
	u32 pin = cfg_read(bdf, PCI_INTERRUPT_PIN, 1) & 0xffu;
	u32 dev = ((u32)bdf >> 3) & 0x1fu;

	if (pin == 0u || pin > 4u)
		return 0;
	if (!plat()->pci_intx_irq || ((u32)bdf >> 8) != plat()->pci_bus_first)
		return -1;
	return (int)(plat()->pci_intx_irq + (dev + pin - 1u) % 4u);
}

/* A function of the root's on the first bus whose INTx line is irq. */
static int intx_sharer(int irq, u16 self)
{
	u32 fn;
	u16 bdf;

	for (fn = 0; fn < 256u; fn++) {
		bdf = (u16)(((u32)plat()->pci_bus_first << 8) | fn);
		if (bdf != self && !pci_owner(bdf) &&
		    (cfg_read(bdf, PCI_VENDOR_ID, 2) & 0xffffu) != 0xffffu &&
		    intx_irq(bdf) == irq)
			return bdf;
	}
	return -1;
}

/*
 * A function's INTx line goes with it: the cell must own it (its irqs),
 * and no function left in the root may share it, whose interrupts the
 * root would lose.  A line Warden cannot tell is refused, rather than left
 * to fire into the root.
 */
static int check_intx(const struct cell *cell, u16 bdf, const char *name)
{
	int irq = intx_irq(bdf), other;
	char other_name[12];

	if (irq < 0)
		return (int)cellctl_refuse(
			-EINVAL,
			"cell \"%s\": PCI %s raises INTx, but its line is unknown: %s",
			cell->name, name,
			plat()->pci_intx_irq ?
				"it is behind a bridge" :
				"the system config describes no INTx lines (pci_intx_irq)");
	if (irq == 0)
		return 0;
	if (!cell_owns_irq(cell, (u32)irq))
		return (int)cellctl_refuse(
			-EINVAL,
			"cell \"%s\": PCI %s raises INTx on IRQ %d, which the cell does not own: add it to the cell's IRQs",
			cell->name, name, irq);
	other = intx_sharer(irq, bdf);
	if (other >= 0) {
		fn_name((u16)other, other_name, sizeof(other_name));
		return (int)cellctl_refuse(
			-EBUSY,
			"cell \"%s\": PCI %s's INTx line, IRQ %d, is also PCI %s's in the root cell, which would lose its interrupts",
			cell->name, name, irq, other_name);
	}
	return 0;
}

static int check_fn(const struct cell *cell, u16 bdf)
{
	const struct warden_platform *p = plat();
	char name[12];
	const struct cell *other = pci_owner(bdf);
	u32 bus = (u32)bdf >> 8;

	fn_name(bdf, name, sizeof(name));
	if (!p->smmu_base || !p->pci_ecam_base)
		return (int)cellctl_refuse(
			-ENODEV, "cell \"%s\": PCI %s: the system has no %s",
			cell->name, name,
			p->pci_ecam_base ? "SMMU to confine its DMA" :
					   "PCI host bridge");
	if (bus < p->pci_bus_first || bus > p->pci_bus_last)
		return (int)cellctl_refuse(
			-ENODEV,
			"cell \"%s\": PCI %s: not on the host bridge's buses %02x-%02x",
			cell->name, name, p->pci_bus_first, p->pci_bus_last);
	if (other && other != cell)
		return (int)cellctl_refuse(
			-EBUSY, "cell \"%s\": PCI %s is cell \"%s\"'s",
			cell->name, name, other->name);
	if ((cfg_read(bdf, PCI_VENDOR_ID, 2) & 0xffffu) == 0xffffu)
		return (int)cellctl_refuse(
			-ENODEV, "cell \"%s\": PCI %s: no such function",
			cell->name, name);
	if ((cfg_read(bdf, PCI_HEADER_TYPE, 1) & 0x7fu) != 0u)
		return (int)cellctl_refuse(
			-EINVAL,
			"cell \"%s\": PCI %s is a bridge: only endpoints can be given to a cell",
			cell->name, name);
	return check_intx(cell, bdf, name);
}

/* Decoding and bus mastering off: the function does nothing until told. */
static void quiesce(u16 bdf)
{
	cfg_write(bdf, PCI_COMMAND, 2,
		  cfg_read(bdf, PCI_COMMAND, 2) &
			  ~(PCI_COMMAND_IO | PCI_COMMAND_MEM |
			    PCI_COMMAND_MASTER));
}

/* MSI and MSI-X off for the cell, whatever the root left (own_write()). */
static void msi_take(const struct cell *cell, struct pci_fn *f)
{
	f->msi_cap = find_cap(f->bdf, PCI_CAP_MSI);
	f->msix_cap = find_cap(f->bdf, PCI_CAP_MSIX);
	if (f->msi_cap)
		cfg_write(f->bdf, f->msi_cap + 2u, 2,
			  cfg_read(f->bdf, f->msi_cap + 2u, 2) & ~1u);
	if (f->msix_cap)
		cfg_write(f->bdf, f->msix_cap + 2u, 2,
			  cfg_read(f->bdf, f->msix_cap + 2u, 2) & ~0x8000u);
	if (f->msi_cap || f->msix_cap)
		refused(cell, f->bdf,
			"MSI stays off in the cell (cells get no LPIs): the "
			"function interrupts through INTx");
}

static int give(struct cell *cell, unsigned int i, bool to_cell)
{
	u16 bdf = warden_cell_pci(cell->desc)[i].bdf;
	paddr_t space = fn_space(bdf);
	u32 sid = plat()->pci_stream_base + bdf;
	int err;

	quiesce(bdf);
	if (!to_cell) {
		err = arch_dma_stream_assign(sid, &root_cell);
		if (!err)
			err = paging_map(&root_cell.stage2, space, space,
					 ECAM_FN_SIZE,
					 PAGING_RW | PAGING_DEVICE);
		return err;
	}
	cell->pci[i].bdf = bdf;
	bars_size(&cell->pci[i]);
	msi_take(cell, &cell->pci[i]);
	err = paging_unmap(&root_cell.stage2, space, ECAM_FN_SIZE);
	if (!err)
		err = arch_dma_stream_assign(sid, cell);
	return err;
}

int pci_cell_take(struct cell *cell)
{
	unsigned int i, j;
	int err = 0;

	for (i = 0; i < cell->desc->num_pci_devices && !err; i++)
		err = check_fn(cell, warden_cell_pci(cell->desc)[i].bdf);
	if (err || !cell->desc->num_pci_devices)
		return err;
	err = mmio_register(&cell->mmio, plat()->pci_ecam_base, ecam_size(),
			    cell_ecam, cell->pci);
	for (i = 0; i < cell->desc->num_pci_devices && !err; i++)
		err = give(cell, i, true);
	if (err) {
		for (j = 0; j < i; j++)
			(void)give(cell, j, false);
		return (int)cellctl_refuse(
			err,
			"cell \"%s\": cannot take its PCI functions (error %d)",
			cell->name, err);
	}
	return 0;
}

void pci_cell_quiesce(const struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < cell->desc->num_pci_devices; i++)
		quiesce(warden_cell_pci(cell->desc)[i].bdf);
}

void pci_cell_release(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < cell->desc->num_pci_devices; i++)
		if (give(cell, i, false))
			printk("cell \"%s\": PCI function %u not returned to the root\n",
			       cell->name, i);
}
