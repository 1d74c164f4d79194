// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device tree of a Linux cell (linuxdt.h).  Bindings followed, by
 * their Linux Documentation/devicetree/bindings file: arm/cpus.yaml,
 * arm/psci.yaml, interrupt-controller/arm,gic.yaml and arm,gic-v3.yaml,
 * timer/arm,arch_timer.yaml, serial/pl011.yaml, clock/fixed-clock.yaml,
 * chosen (chosen.yaml of dt-schema); the rest is the Devicetree
 * Specification v0.4 ("DT spec").
 *
 * Every address in the tree is an IPA of the cell.  Cells are 2 + 2 at the
 * root, so that any IPA fits; devices copied from the root's tree are
 * flattened to children of the root, with their registers rewritten from
 * the physical address to the IPA of the cell's IO region that holds them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdtwrite.h"
#include "linuxdt.h"

#define LDT_PAGE 0x1000ull
#define LDT_GIC_PHANDLE 1u
#define LDT_MPIDR_AFF 0xff00ffffffull /* Aff3, Aff2..Aff0 */
#define LDT_GICD_V2_SIZE 0x1000ull /* GICv2 distributor: 4 KiB */
#define LDT_GICC_V2_SIZE 0x2000ull /* GICC, as GICV: to GICC_DIR */
#define LDT_GICD_V3_SIZE 0x10000ull /* GICv3: one 64 KiB frame */
#define LDT_MAX_REG (1 + WARDEN_MAX_CPUS / 2) /* GICD, GICR runs */
#define LDT_PL011_SIZE 0x1000ull
#define LDT_PL011_CLOCK 24000000u
/* PrimeCell ID of a PL011, revision 1 (16-byte FIFOs), as QEMU's */
#define LDT_PL011_PERIPHID 0x00141011u

/* The GIC's interrupt specifier (arm,gic.yaml): type, number, flags. */
#define LDT_IRQ_SPI 0u
#define LDT_IRQ_PPI 1u
#define LDT_IRQ_EDGE_RISING 1u
#define LDT_IRQ_LEVEL_HIGH 4u
#define LDT_IRQ_LEVEL_LOW 8u
#define LDT_IRQ_TRIGGER 0xfu
#define LDT_IRQ_PPI_MASK_SHIFT 8 /* GICv2: bits [15:8], the PPI's CPUs */

struct ldt {
	const struct warden_platform *p;
	const char *root_name; /* the root cell's, from the system config */
	const struct warden_cell_desc *cell;
	const struct warden_memory *mem;
	const struct fdt *f; /* the root's tree, or NULL */
	const struct linuxdt_opts *o;
	struct linuxdt_out *out;
	struct fdtwrite w;
	int gic; /* the root tree's GIC node, or -1 */
	uint32_t next_phandle;
	int dev[LINUXDT_MAX_DEVICES]; /* root tree nodes to copy */
	int num_dev;
	int clk[LINUXDT_MAX_CLOCKS]; /* fixed clocks they use */
	uint32_t clk_phandle[LINUXDT_MAX_CLOCKS];
	int num_clk;
	char stdout_path[64];
};

static void ldt_note(struct ldt *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int ldt_fail(struct ldt *l, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void ldt_note(struct ldt *l, const char *fmt, ...)
{
	struct linuxdt_out *out = l->out;
	va_list ap;

	if (out->num_notes == LINUXDT_MAX_NOTES) {
		out->lost_notes++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(out->notes[out->num_notes++], LINUXDT_NOTE_LEN, fmt, ap);
	va_end(ap);
}

static int ldt_fail(struct ldt *l, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->out->err, LINUXDT_NOTE_LEN, fmt, ap);
	va_end(ap);
	return err;
}

static uint32_t ldt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* ---- the cell's resources ---------------------------------------------- */

static int ldt_owns_irq(const struct ldt *l, uint32_t intid)
{
	const struct warden_irq_range *r = warden_cell_irqs(l->cell);
	uint32_t i;

	for (i = 0; i < l->cell->num_irq_ranges; i++)
		if (intid >= r[i].first && intid - r[i].first < r[i].count)
			return 1;
	return 0;
}

static int ldt_is_ram(const struct warden_memory *m)
{
	return !(m->flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM_REGION));
}

/* RAM that Linux may take as its own: not shared, and fully accessible. */
static int ldt_usable_ram(const struct warden_memory *m)
{
	uint32_t rwx = WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE;

	return ldt_is_ram(m) && !(m->flags & WARDEN_MEM_ROOTSHARED) &&
	       (m->flags & rwx) == rwx;
}

/* The cell's IO region that holds [addr, addr + size), or NULL. */
static const struct warden_memory *ldt_io_of(const struct ldt *l, uint64_t addr,
					     uint64_t size)
{
	uint32_t i;

	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];

		if ((m->flags & WARDEN_MEM_IO) && addr >= m->phys_start &&
		    addr - m->phys_start < m->size &&
		    size <= m->size - (addr - m->phys_start))
			return m;
	}
	return NULL;
}

/* Does [addr, addr + size) meet one of the cell's IO regions? */
static int ldt_meets_io(const struct ldt *l, uint64_t addr, uint64_t size)
{
	uint32_t i;

	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];

		if ((m->flags & WARDEN_MEM_IO) &&
		    addr < m->phys_start + m->size &&
		    m->phys_start < addr + size)
			return 1;
	}
	return 0;
}

/* ---- checks of the options --------------------------------------------- */

static int ldt_in_ram(const struct ldt *l, uint64_t ipa, uint64_t size)
{
	uint32_t i;

	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];

		if (ldt_usable_ram(m) && ipa >= m->virt_start &&
		    ipa - m->virt_start < m->size &&
		    size <= m->size - (ipa - m->virt_start))
			return 1;
	}
	return 0;
}

static int ldt_check_console(struct ldt *l, const struct linuxdt_console *c)
{
	uint32_t i;

	if (c->ipa % LDT_PAGE || c->ipa > UINT64_MAX - LDT_PAGE)
		return ldt_fail(l, -EINVAL,
				"console at IPA 0x%llx: not a page of its own",
				(unsigned long long)c->ipa);
	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];

		if (c->ipa < m->virt_start + m->size &&
		    m->virt_start < c->ipa + LDT_PAGE)
			return ldt_fail(l, -EINVAL,
					"console at IPA 0x%llx: overlaps "
					"memory region %u",
					(unsigned long long)c->ipa, i);
	}
	/* The cell sees the distributor filtered to its own SPIs. */
	if (c->intid < 32 || c->intid >= WARDEN_MAX_IRQS ||
	    !ldt_owns_irq(l, c->intid))
		return ldt_fail(l, -EINVAL,
				"console interrupt %u: not an SPI of the cell",
				c->intid);
	return 0;
}

static int ldt_check(struct ldt *l)
{
	const struct linuxdt_opts *o = l->o;
	uint32_t i;
	int ram = 0;

	for (i = 0; i < l->cell->num_memory_regions; i++)
		ram |= ldt_usable_ram(&l->mem[i]);
	if (!ram)
		return ldt_fail(l, -EINVAL,
				"no RAM that Linux can use (readable, "
				"writable, executable, not shared)");
	if (o->cmdline && strlen(o->cmdline) >= LINUXDT_CMDLINE_MAX)
		return ldt_fail(l, -E2BIG, "command line longer than %d bytes",
				LINUXDT_CMDLINE_MAX - 1);
	if (o->initrd_size && !ldt_in_ram(l, o->initrd_start, o->initrd_size))
		return ldt_fail(l, -EINVAL,
				"initrd 0x%llx+0x%llx is not in the cell's RAM",
				(unsigned long long)o->initrd_start,
				(unsigned long long)o->initrd_size);
	if (o->console)
		return ldt_check_console(l, o->console);
	return 0;
}

/* ---- the root's tree ----------------------------------------------------- */

/* The root tree's GIC: the interrupt controller at platform.gicd_base. */
static int ldt_find_gic(const struct ldt *l)
{
	uint64_t addr, size;
	int i;

	for (i = 1; l->f && i < l->f->num_nodes; i++)
		if (fdt_has_prop(l->f, i, "interrupt-controller") &&
		    !fdt_reg(l->f, i, 0, &addr, &size) &&
		    addr == l->p->gicd_base)
			return i;
	return -1;
}

/* The nearest interrupt-parent up the tree (DT spec 2.4.1), or -1. */
static int ldt_irq_parent(const struct fdt *f, int node)
{
	for (; node >= 0; node = f->nodes[node].parent) {
		uint32_t ph = fdt_prop_u32(f, node, "interrupt-parent", 0);

		if (ph)
			return fdt_by_phandle(f, ph);
	}
	return -1;
}

/*
 * Is one GIC specifier (3 cells) an interrupt the cell has: one of its
 * SPIs, or a PPI other than the hypervisor's maintenance interrupt?
 */
static int ldt_spec_ok(struct ldt *l, int node, const uint8_t *spec)
{
	uint32_t type = ldt_be32(spec), num = ldt_be32(spec + 4);
	char path[128];

	if (type == LDT_IRQ_SPI && num < WARDEN_MAX_IRQS - 32 &&
	    ldt_owns_irq(l, num + 32))
		return 1;
	if (type == LDT_IRQ_PPI && num < 16 &&
	    num + 16 != l->p->maintenance_irq)
		return 1;
	fdt_node_path(l->f, node, path, sizeof(path));
	if (type == LDT_IRQ_SPI)
		ldt_note(l, "%s: left out: SPI %u (INTID %u) is not the cell's",
			 path, num, num + 32);
	else
		ldt_note(l, "%s: left out: interrupt <%u %u> is not the cell's",
			 path, type, num);
	return 0;
}

/*
 * The node's interrupts (interrupts, or interrupts-extended, whose
 * entries start with the parent's phandle: DT spec 2.4.1.3) must all go to
 * the GIC, with 3 cells each, and be the cell's.
 */
static int ldt_irqs_ok(struct ldt *l, int node)
{
	const struct fdt *f = l->f;
	uint32_t len, off, ext = 0, entry;
	const uint8_t *p = fdt_prop(f, node, "interrupts-extended", &len);
	char path[128];

	if (p)
		ext = 1;
	else
		p = fdt_prop(f, node, "interrupts", &len);
	if (!p)
		return 1;
	entry = 4 * (3 + ext);
	fdt_node_path(f, node, path, sizeof(path));
	if (l->gic < 0 || fdt_prop_u32(f, l->gic, "#interrupt-cells", 0) != 3 ||
	    len % entry || (!ext && ldt_irq_parent(f, node) != l->gic)) {
		ldt_note(l,
			 "%s: left out: its interrupts are not the GIC's "
			 "three-cell ones",
			 path);
		return 0;
	}
	for (off = 0; off < len; off += entry) {
		if (ext && fdt_by_phandle(f, ldt_be32(p + off)) != l->gic) {
			ldt_note(l,
				 "%s: left out: an interrupt goes to "
				 "another controller",
				 path);
			return 0;
		}
		if (!ldt_spec_ok(l, node, p + off + (size_t)4 * ext))
			return 0;
	}
	return 1;
}

/* The phandle the cell's tree gives a fixed clock of the root's, or 0. */
static uint32_t ldt_clock_phandle(const struct ldt *l, int clk)
{
	int i;

	for (i = 0; i < l->num_clk; i++)
		if (l->clk[i] == clk)
			return l->clk_phandle[i];
	return 0;
}

/*
 * Each clock of the node (clocks: phandle and #clock-cells arguments) must
 * be a fixed clock, which is copied; any other clock is a clock controller
 * the cell cannot touch.
 */
static int ldt_clocks_ok(struct ldt *l, int node)
{
	const struct fdt *f = l->f;
	uint32_t len, off;
	const uint8_t *p = fdt_prop(f, node, "clocks", &len);
	char path[128];

	for (off = 0; p && off + 4 <= len; off += 4) {
		int clk = fdt_by_phandle(f, ldt_be32(p + off));

		if (clk < 0 || !fdt_compatible(f, clk, "fixed-clock") ||
		    fdt_prop_u32(f, clk, "#clock-cells", 1) != 0) {
			fdt_node_path(f, node, path, sizeof(path));
			ldt_note(l,
				 "%s: left out: a clock that is not a "
				 "fixed clock",
				 path);
			return 0;
		}
		if (ldt_clock_phandle(l, clk))
			continue;
		if (l->num_clk == LINUXDT_MAX_CLOCKS)
			return ldt_fail(l, -E2BIG, "more than %d fixed clocks",
					LINUXDT_MAX_CLOCKS);
		l->clk[l->num_clk] = clk;
		l->clk_phandle[l->num_clk++] = l->next_phandle++;
	}
	if (p && len % 4) {
		fdt_node_path(f, node, path, sizeof(path));
		ldt_note(l, "%s: left out: malformed clocks", path);
		return 0;
	}
	return 1;
}

/* ---- which devices ---------------------------------------------------- */

/* Does any reg entry of node meet the cell's IO regions?  -1: malformed. */
static int ldt_node_meets_io(const struct ldt *l, int node)
{
	int i, n = fdt_reg_count(l->f, node);
	uint64_t addr, size;

	for (i = 0; i < n; i++)
		if (!fdt_reg(l->f, node, i, &addr, &size) &&
		    ldt_meets_io(l, addr, size))
			return 1;
	return 0;
}

/* Are all reg entries of node inside the cell's IO regions? */
static int ldt_node_inside_io(const struct ldt *l, int node)
{
	int i, n = fdt_reg_count(l->f, node);
	uint64_t addr, size;

	for (i = 0; i < n; i++)
		if (fdt_reg(l->f, node, i, &addr, &size) ||
		    !ldt_io_of(l, addr, size))
			return 0;
	return n > 0;
}

/* A node of the root's tree that is not a device of its own to copy. */
static int ldt_not_device(const struct ldt *l, int node)
{
	const struct fdt *f = l->f;
	const char *type = fdt_prop_str(f, node, "device_type");
	int a;

	if (node == l->gic || !fdt_enabled(f, node) ||
	    !fdt_has_prop(f, node, "compatible") ||
	    (type && (!strcmp(type, "memory") || !strcmp(type, "cpu"))))
		return 1;
	/* a subnode of a device that meets the IO regions goes with it */
	for (a = f->nodes[node].parent; a > 0; a = f->nodes[a].parent)
		if (ldt_node_meets_io(l, a))
			return 1;
	return 0;
}

/* Should node be copied?  1 yes, 0 no, < 0 an error. */
static int ldt_select_one(struct ldt *l, int node)
{
	const struct fdt *f = l->f;
	char path[128];
	int ret;

	if (ldt_not_device(l, node) || !ldt_node_meets_io(l, node))
		return 0;
	fdt_node_path(f, node, path, sizeof(path));
	if (fdt_reg_count(f, node) > LDT_MAX_REG) {
		ldt_note(l, "%s: left out: more than %d register ranges", path,
			 LDT_MAX_REG);
		return 0;
	}
	if (!ldt_node_inside_io(l, node)) {
		ldt_note(l,
			 "%s: left out: only part of its registers are in "
			 "the cell's IO regions",
			 path);
		return 0;
	}
	if (fdt_has_prop(f, node, "ranges") ||
	    fdt_has_prop(f, node, "interrupt-map")) {
		ldt_note(l,
			 "%s: left out: a bus or bridge (ranges, "
			 "interrupt-map) is not copied",
			 path);
		return 0;
	}
	if (!ldt_irqs_ok(l, node))
		return 0;
	ret = ldt_clocks_ok(l, node);
	if (ret <= 0)
		return ret;
	if (l->num_dev == LINUXDT_MAX_DEVICES)
		return ldt_fail(l, -E2BIG, "more than %d devices",
				LINUXDT_MAX_DEVICES);
	if (f->nodes[node].first_child >= 0)
		ldt_note(l, "%s: its subnodes are left out", path);
	return 1;
}

/* Is a device selected whose first registers are in region m? */
static int ldt_region_used(const struct ldt *l, const struct warden_memory *m)
{
	uint64_t addr, size;
	int i;

	for (i = 0; i < l->num_dev; i++)
		if (!fdt_reg(l->f, l->dev[i], 0, &addr, &size) &&
		    addr >= m->phys_start && addr - m->phys_start < m->size)
			return 1;
	return 0;
}

/* The devices of the root's tree in the cell's IO regions. */
static int ldt_select(struct ldt *l)
{
	uint32_t i;
	int node, ret;

	for (node = 1; node < l->f->num_nodes; node++) {
		ret = ldt_select_one(l, node);
		if (ret < 0)
			return ret;
		if (ret)
			l->dev[l->num_dev++] = node;
	}
	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];

		if ((m->flags & WARDEN_MEM_IO) && !ldt_region_used(l, m))
			ldt_note(l,
				 "IO region %u (0x%llx+0x%llx): no device "
				 "of the root's tree is copied for it",
				 i, (unsigned long long)m->phys_start,
				 (unsigned long long)m->size);
	}
	return 0;
}

/* ---- writing: CPUs, PSCI, memory --------------------------------------- */

static uint64_t ldt_mpidr(const struct ldt *l, unsigned int cpu)
{
	return l->p->cpu_mpidr[cpu] & LDT_MPIDR_AFF;
}

static int ldt_has_cpu(const struct ldt *l, unsigned int cpu)
{
	return cpu < l->p->num_cpus && (l->cell->cpu_set >> cpu & 1);
}

/* The root tree's compatible of the CPU whose reg is mpidr (cpus.yaml). */
static const void *ldt_cpu_compat(const struct ldt *l, uint64_t mpidr,
				  uint32_t *len)
{
	int cpus = l->f ? fdt_path(l->f, "/cpus") : -1, c;

	if (cpus < 0)
		return NULL;
	for (c = l->f->nodes[cpus].first_child; c >= 0;
	     c = l->f->nodes[c].next_sibling) {
		uint32_t n, ac = fdt_addr_cells(l->f, cpus);
		const uint8_t *reg = fdt_prop(l->f, c, "reg", &n);
		const char *s = fdt_prop(l->f, c, "compatible", len);

		if (reg && (ac == 1 || ac == 2) && n >= 4 * ac &&
		    (fdt_cells(reg, ac) & LDT_MPIDR_AFF) == mpidr && s &&
		    *len && s[*len - 1] == '\0')
			return s;
	}
	return NULL;
}

static void ldt_cpu(struct ldt *l, unsigned int cpu, uint32_t ac)
{
	static const char *const generic[] = { "arm,armv8" };
	uint64_t mpidr = ldt_mpidr(l, cpu);
	const void *compat;
	char name[32];
	uint32_t len;

	snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)mpidr);
	fdtwrite_begin_node(&l->w, name);
	fdtwrite_prop_str(&l->w, "device_type", "cpu");
	compat = ldt_cpu_compat(l, mpidr, &len);
	if (compat)
		fdtwrite_prop(&l->w, "compatible", compat, len);
	else
		fdtwrite_prop_strlist(&l->w, "compatible", generic, 1);
	if (ac == 2)
		fdtwrite_prop_u64(&l->w, "reg", mpidr);
	else
		fdtwrite_prop_u32(&l->w, "reg", (uint32_t)mpidr);
	fdtwrite_prop_str(&l->w, "enable-method", "psci");
	fdtwrite_end_node(&l->w);
}

/* /cpus: one reg cell, or two if an MPIDR has Aff3 (cpus.yaml). */
static void ldt_cpus(struct ldt *l)
{
	uint32_t ac = 1;
	unsigned int cpu;

	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++)
		if (ldt_has_cpu(l, cpu) && ldt_mpidr(l, cpu) >> 32)
			ac = 2;
	fdtwrite_begin_node(&l->w, "cpus");
	fdtwrite_prop_u32(&l->w, "#address-cells", ac);
	fdtwrite_prop_u32(&l->w, "#size-cells", 0);
	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++)
		if (ldt_has_cpu(l, cpu))
			ldt_cpu(l, cpu, ac);
	fdtwrite_end_node(&l->w);
}

/* PSCI 1.0 (and the 0.2 it extends), which Warden emulates through SMC. */
static void ldt_psci(struct ldt *l)
{
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2" };

	fdtwrite_begin_node(&l->w, "psci");
	fdtwrite_prop_strlist(&l->w, "compatible", compat, 2);
	fdtwrite_prop_str(&l->w, "method", "smc");
	fdtwrite_end_node(&l->w);
}

static void ldt_be64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* A reg of n (address, size) pairs in the root's 2 + 2 cells. */
static void ldt_reg(struct ldt *l, const uint64_t *pairs, size_t n)
{
	uint8_t b[16 * LDT_MAX_REG];
	size_t i;

	for (i = 0; i < n && i < LDT_MAX_REG; i++) {
		ldt_be64(b + 16 * i, pairs[2 * i]);
		ldt_be64(b + 16 * i + 8, pairs[2 * i + 1]);
	}
	fdtwrite_prop(&l->w, "reg", b, (uint32_t)(16 * i));
}

/* A memory node per RAM region (DT spec 3.4), at the cell's IPA. */
static void ldt_memory(struct ldt *l)
{
	uint32_t i;

	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];
		uint64_t reg[2] = { m->virt_start, m->size };
		char name[32];

		if (!ldt_is_ram(m))
			continue;
		if (!ldt_usable_ram(m)) {
			ldt_note(l,
				 "memory region %u (IPA 0x%llx+0x%llx): "
				 "left out: shared or not read-write-execute",
				 i, (unsigned long long)m->virt_start,
				 (unsigned long long)m->size);
			continue;
		}
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)m->virt_start);
		fdtwrite_begin_node(&l->w, name);
		fdtwrite_prop_str(&l->w, "device_type", "memory");
		ldt_reg(l, reg, 1);
		fdtwrite_end_node(&l->w);
	}
}

/*
 * The comm region (warden/cell.h), for warden.ko in the cell: its IPA and
 * size, from the config's WARDEN_MEM_COMM_REGION region (config checks
 * allow exactly one).  No memory node covers it, so Linux never takes it
 * for RAM; warden.ko finds it by the compatible and maps it itself.
 */
static void ldt_comm(struct ldt *l)
{
	uint32_t i;

	for (i = 0; i < l->cell->num_memory_regions; i++) {
		const struct warden_memory *m = &l->mem[i];
		uint64_t reg[2] = { m->virt_start, m->size };
		char name[40];

		if (!(m->flags & WARDEN_MEM_COMM_REGION))
			continue;
		snprintf(name, sizeof(name), "comm-region@%llx",
			 (unsigned long long)m->virt_start);
		fdtwrite_begin_node(&l->w, name);
		fdtwrite_prop_str(&l->w, "compatible", "warden,comm-region");
		ldt_reg(l, reg, 1);
		fdtwrite_end_node(&l->w);
	}
}

/*
 * One node per link of the cell (config.h, docs/links.md), for warden.ko
 * in the cell: the region at the cell's IPA, its layout, which output
 * section is the cell's, and the doorbell.  warden,index is the link's
 * place in the cell config, which WARDEN_HC_LINK_RING and
 * WARDEN_HC_LINK_STATE take in x1; warden,net marks a network link, and
 * warden,peer-root a link to the root cell, which outlives the cell (the
 * driver asks after the state of other peers only).  The
 * doorbell is rising-edge: the hypervisor makes it pending once per ring,
 * and the root's driver asks the same of its own doorbells.  Not RAM,
 * like the comm region.
 */
static void ldt_link(struct ldt *l, const struct warden_link *k, uint32_t i)
{
	uint64_t reg[2] = { k->virt_start, warden_link_size(k) };
	uint32_t irq[3] = { LDT_IRQ_SPI, k->doorbell_irq - 32,
			    LDT_IRQ_EDGE_RISING };
	char name[40];

	snprintf(name, sizeof(name), "link@%llx",
		 (unsigned long long)k->virt_start);
	fdtwrite_begin_node(&l->w, name);
	fdtwrite_prop_str(&l->w, "compatible", "warden,link");
	ldt_reg(l, reg, 1);
	fdtwrite_prop_cells(&l->w, "interrupts", irq, 3);
	fdtwrite_prop_str(&l->w, "warden,name", k->name);
	fdtwrite_prop_str(&l->w, "warden,peer", k->peer);
	fdtwrite_prop_u32(&l->w, "warden,index", i);
	fdtwrite_prop_u32(&l->w, "warden,side", k->side);
	fdtwrite_prop_u64(&l->w, "warden,common-size", k->common_size);
	fdtwrite_prop_u64(&l->w, "warden,section-size", k->section_size);
	if (k->flags & WARDEN_LINK_NET)
		fdtwrite_prop_empty(&l->w, "warden,net");
	if (!strncmp(k->peer, l->root_name, WARDEN_CELL_NAME_MAX))
		fdtwrite_prop_empty(&l->w, "warden,peer-root");
	fdtwrite_end_node(&l->w);
}

static void ldt_links(struct ldt *l)
{
	const struct warden_link *k = warden_cell_links(l->cell);
	uint32_t i;

	for (i = 0; i < l->cell->num_links; i++)
		ldt_link(l, &k[i], i);
}

/* ---- writing: the GIC and the timer ------------------------------------ */

/*
 * GICv3 (arm,gic-v3.yaml): the distributor, then the cell's own
 * redistributors, one frame per CPU at gicr_base + CPU * gicr_stride (the
 * frames in CPU order, as the platform lists them).  Frames of CPUs that
 * are not contiguous are not contiguous either, so each run of contiguous
 * frames is a redistributor region of its own, and #redistributor-regions
 * counts them.  Linux walks a region frame by frame until GICR_TYPER.Last,
 * which the hypervisor shows a cell at the end of each run (gic-v3.c,
 * rd_run_ends()).  The stride is the checked 0x20000 (RD_base and SGI_base, no VLPI
 * frames), which Linux assumes without a redistributor-stride property.
 */
static void ldt_gicv3(struct ldt *l)
{
	uint64_t reg[2 * LDT_MAX_REG] = { 0 }, stride = l->p->gicr_stride;
	unsigned int cpu, last = WARDEN_MAX_CPUS;
	size_t n = 1;

	reg[0] = l->p->gicd_base;
	reg[1] = LDT_GICD_V3_SIZE;
	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++) {
		if (!ldt_has_cpu(l, cpu))
			continue;
		if (last != WARDEN_MAX_CPUS && cpu == last + 1) {
			reg[2 * n - 1] += stride;
		} else {
			reg[2 * n] = l->p->gicr_base + cpu * stride;
			reg[2 * n + 1] = stride;
			n++;
		}
		last = cpu;
	}
	fdtwrite_prop_str(&l->w, "compatible", "arm,gic-v3");
	ldt_reg(l, reg, n);
	fdtwrite_prop_u32(&l->w, "#redistributor-regions", (uint32_t)(n - 1));
}

/*
 * GICv2 (arm,gic.yaml): the distributor, and the CPU interface where the
 * cell sees it: Warden maps the GICV frame at gicc_base.  No GICH, GICV or
 * maintenance interrupt: the hypervisor owns them.
 */
static void ldt_gicv2(struct ldt *l)
{
	uint64_t reg[4] = { l->p->gicd_base, LDT_GICD_V2_SIZE, l->p->gicc_base,
			    LDT_GICC_V2_SIZE };

	fdtwrite_prop_str(&l->w, "compatible", "arm,cortex-a15-gic");
	ldt_reg(l, reg, 2);
}

static void ldt_gic(struct ldt *l)
{
	char name[48];

	snprintf(name, sizeof(name), "interrupt-controller@%llx",
		 (unsigned long long)l->p->gicd_base);
	fdtwrite_begin_node(&l->w, name);
	if (l->p->gic_version == WARDEN_GIC_V3)
		ldt_gicv3(l);
	else
		ldt_gicv2(l);
	fdtwrite_prop_empty(&l->w, "interrupt-controller");
	fdtwrite_prop_u32(&l->w, "#interrupt-cells", 3);
	/* no child addresses (an interrupt provider states it: DT spec 2.4) */
	fdtwrite_prop_u32(&l->w, "#address-cells", 0);
	fdtwrite_prop_u32(&l->w, "phandle", LDT_GIC_PHANDLE);
	fdtwrite_end_node(&l->w);
}

/* The root tree's architected timer, or -1. */
static int ldt_root_timer(const struct ldt *l)
{
	int i;

	for (i = 1; l->f && i < l->f->num_nodes; i++)
		if (fdt_enabled(l->f, i) &&
		    (fdt_compatible(l->f, i, "arm,armv8-timer") ||
		     fdt_compatible(l->f, i, "arm,armv7-timer")))
			return i;
	return -1;
}

/*
 * The timer's four PPIs (arch_timer.yaml: secure, non-secure, virtual,
 * hypervisor), from the root's tree if it has them, else 13, 14, 11, 10
 * level-low.  On GICv2 the flags' bits [15:8] are the CPU interfaces the
 * PPI reaches (arm,gic.yaml): the cell's CPUs; GICv3 has no such mask.
 */
static void ldt_timer_irqs(const struct ldt *l, int timer, uint32_t *cells)
{
	static const uint32_t ppi[4] = { 13, 14, 11, 10 };
	uint32_t len, mask = 0;
	size_t i;
	const uint8_t *p =
		timer >= 0 ? fdt_prop(l->f, timer, "interrupts", &len) : NULL;

	for (i = 0; i < 8 && l->p->gic_version == WARDEN_GIC_V2; i++)
		if (ldt_has_cpu(l, (unsigned int)i))
			mask |= 1u << i;
	for (i = 0; i < 4; i++) {
		uint32_t flags = LDT_IRQ_LEVEL_LOW;

		cells[3 * i] = LDT_IRQ_PPI;
		cells[3 * i + 1] = ppi[i];
		if (p && len >= 48 && ldt_be32(p + 12 * i) == LDT_IRQ_PPI &&
		    ldt_be32(p + 12 * i + 4) < 16) {
			cells[3 * i + 1] = ldt_be32(p + 12 * i + 4);
			flags = ldt_be32(p + 12 * i + 8) & LDT_IRQ_TRIGGER;
		}
		cells[3 * i + 2] = flags | mask << LDT_IRQ_PPI_MASK_SHIFT;
	}
}

static void ldt_timer(struct ldt *l)
{
	int timer = ldt_root_timer(l);
	uint32_t cells[12];

	ldt_timer_irqs(l, timer, cells);
	fdtwrite_begin_node(&l->w, "timer");
	fdtwrite_prop_str(&l->w, "compatible", "arm,armv8-timer");
	fdtwrite_prop_cells(&l->w, "interrupts", cells, 12);
	/* the timer keeps counting in low-power states, if the root's does */
	if (timer >= 0 && fdt_has_prop(l->f, timer, "always-on"))
		fdtwrite_prop_empty(&l->w, "always-on");
	fdtwrite_end_node(&l->w);
}

/* ---- writing: devices ----------------------------------------------------- */

/* Properties the cell cannot use: they name what it does not have. */
static int ldt_prop_dropped(const char *name)
{
	static const char *const drop[] = {
		"power-domains",
		"power-domain-names",
		"pinctrl-names",
		"iommus",
		"iommu-map",
		"iommu-map-mask",
		"dma-ranges",
		"dmas",
		"dma-names",
		"resets",
		"reset-names",
		"msi-parent",
		"msi-map",
		"msi-map-mask",
		"memory-region",
		"memory-region-names",
		"assigned-clocks",
		"assigned-clock-rates",
		"assigned-clock-parents",
		"interconnects",
		"interconnect-names",
		"operating-points-v2",
		"phys",
		"phy-names",
		"nvmem-cells",
		"nvmem-cell-names",
		"gpios",
	};
	size_t i, len = strlen(name);

	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		if (!strcmp(name, drop[i]))
			return 1;
	/* pinctrl-N, and the phandles of *-supply, *-gpios and *-gpio */
	return !strncmp(name, "pinctrl-", 8) ||
	       (len > 7 && !strcmp(name + len - 7, "-supply")) ||
	       (len > 6 && !strcmp(name + len - 6, "-gpios")) ||
	       (len > 5 && !strcmp(name + len - 5, "-gpio"));
}

/* reg, from physical addresses to the IPAs of the cell's IO regions. */
static void ldt_dev_reg(struct ldt *l, int node)
{
	uint64_t reg[2 * LDT_MAX_REG] = { 0 }, addr, size;
	size_t i, n = (size_t)fdt_reg_count(l->f, node);

	for (i = 0; i < n && i < LDT_MAX_REG; i++) {
		const struct warden_memory *m;

		fdt_reg(l->f, node, (int)i, &addr, &size);
		m = ldt_io_of(l, addr, size);
		reg[2 * i] = m ? m->virt_start + (addr - m->phys_start) : 0;
		reg[2 * i + 1] = size;
	}
	ldt_reg(l, reg, i);
}

/*
 * A phandle list rewritten: every entry_len bytes, the phandle at its start
 * becomes the GIC's (interrupts-extended) or the copied clock's (clocks).
 */
static void ldt_dev_phandles(struct ldt *l, const struct fdt_prop *pr,
			     uint32_t entry_len, int clocks)
{
	uint8_t *b = malloc(pr->len ? pr->len : 1);
	uint32_t off;

	if (!b) {
		l->w.err = l->w.err ? l->w.err : -ENOMEM;
		return;
	}
	memcpy(b, pr->data, pr->len);
	for (off = 0; off + entry_len <= pr->len; off += entry_len) {
		uint32_t ph = LDT_GIC_PHANDLE;

		if (clocks)
			ph = ldt_clock_phandle(
				l, fdt_by_phandle(l->f, ldt_be32(b + off)));
		b[off] = (uint8_t)(ph >> 24);
		b[off + 1] = (uint8_t)(ph >> 16);
		b[off + 2] = (uint8_t)(ph >> 8);
		b[off + 3] = (uint8_t)ph;
	}
	fdtwrite_prop(&l->w, pr->name, b, pr->len);
	free(b);
}

/* One property of a copied node; 0 if it was dropped. */
static int ldt_dev_prop(struct ldt *l, int node, const struct fdt_prop *pr)
{
	const char *n = pr->name;

	if (!strcmp(n, "reg"))
		ldt_dev_reg(l, node);
	else if (!strcmp(n, "interrupts-extended"))
		ldt_dev_phandles(l, pr, 16, 0);
	else if (!strcmp(n, "clocks"))
		ldt_dev_phandles(l, pr, 4, 1);
	else if (!strcmp(n, "phandle") || !strcmp(n, "linux,phandle") ||
		 !strcmp(n, "status") || !strcmp(n, "interrupt-parent"))
		return 1; /* the root's interrupt-parent is the GIC already */
	else if (ldt_prop_dropped(n))
		return 0;
	else
		fdtwrite_prop(&l->w, n, pr->data, pr->len);
	return 1;
}

/* "name@unit" of the root's tree, with the unit address made the IPA. */
static void ldt_dev_name(struct ldt *l, int node, char *buf, size_t size)
{
	const char *name = l->f->nodes[node].name;
	size_t base = strcspn(name, "@");
	uint64_t addr, len;
	const struct warden_memory *m;

	fdt_reg(l->f, node, 0, &addr, &len);
	m = ldt_io_of(l, addr, len);
	if (base > FDTWRITE_NAME_MAX)
		base = FDTWRITE_NAME_MAX;
	snprintf(buf, size, "%.*s@%llx", (int)base, name,
		 (unsigned long long)(m ? m->virt_start +
						      (addr - m->phys_start) :
					  addr));
}

/* A node copied with the properties the cell can use; notes the rest. */
static void ldt_device(struct ldt *l, int node, char *path, size_t size)
{
	const struct fdt_node *n = &l->f->nodes[node];
	char dropped[LINUXDT_NOTE_LEN] = "", src[128];
	size_t used = 0;
	int i;

	ldt_dev_name(l, node, path + 1, size - 1);
	path[0] = '/';
	fdtwrite_begin_node(&l->w, path + 1);
	for (i = n->first_prop; i < n->first_prop + n->num_props; i++) {
		const struct fdt_prop *pr = &l->f->props[i];

		if (ldt_dev_prop(l, node, pr) || used >= sizeof(dropped))
			continue;
		snprintf(dropped + used, sizeof(dropped) - used, "%s%s",
			 used ? ", " : "", pr->name);
		used += strlen(dropped + used);
	}
	fdtwrite_end_node(&l->w);
	if (used) {
		fdt_node_path(l->f, node, src, sizeof(src));
		ldt_note(l, "%s: copied without %s", src, dropped);
	}
}

/* A fixed clock that copied devices use (fixed-clock.yaml). */
static void ldt_clock(struct ldt *l, int i)
{
	const struct fdt_node *n = &l->f->nodes[l->clk[i]];
	int p;

	fdtwrite_begin_node(&l->w, n->name);
	for (p = n->first_prop; p < n->first_prop + n->num_props; p++) {
		const struct fdt_prop *pr = &l->f->props[p];

		if (strcmp(pr->name, "phandle") &&
		    strcmp(pr->name, "linux,phandle") &&
		    strcmp(pr->name, "status"))
			fdtwrite_prop(&l->w, pr->name, pr->data, pr->len);
	}
	fdtwrite_prop_u32(&l->w, "phandle", l->clk_phandle[i]);
	fdtwrite_end_node(&l->w);
}

/* Is node the root's console, or a serial port by its name? */
static int ldt_is_serial(const struct ldt *l, int node)
{
	int chosen = fdt_path(l->f, "/chosen");
	const char *out = fdt_prop_str(l->f, chosen, "stdout-path");
	const char *name = l->f->nodes[node].name;
	char path[128];
	size_t len;

	if (out) {
		fdt_node_path(l->f, node, path, sizeof(path));
		len = strcspn(out, ":");
		if (len == strlen(path) && !strncmp(out, path, len))
			return 1;
	}
	len = strcspn(name, "@");
	return (len == 6 && !strncmp(name, "serial", 6)) ||
	       (len == 4 && !strncmp(name, "uart", 4)) ||
	       (len == 5 && !strncmp(name, "pl011", 5));
}

static void ldt_devices(struct ldt *l)
{
	char path[64];
	int i;

	for (i = 0; i < l->num_clk; i++)
		ldt_clock(l, i);
	for (i = 0; i < l->num_dev; i++) {
		ldt_device(l, l->dev[i], path, sizeof(path));
		if (!l->stdout_path[0] && ldt_is_serial(l, l->dev[i]))
			snprintf(l->stdout_path, sizeof(l->stdout_path), "%s",
				 path);
	}
}

/* ---- writing: the console, /chosen, the root ---------------------------- */

/*
 * The PL011 the hypervisor emulates (pl011.yaml), with a fixed clock for
 * both its clock inputs, and its PrimeCell ID given so that Linux's AMBA
 * bus need not read the ID registers.
 */
static void ldt_console(struct ldt *l, const struct linuxdt_console *c)
{
	static const char *const compat[] = { "arm,pl011", "arm,primecell" };
	static const char *const clk_names[] = { "uartclk", "apb_pclk" };
	uint32_t ph = l->next_phandle++;
	uint32_t irq[3] = { LDT_IRQ_SPI, c->intid - 32, LDT_IRQ_LEVEL_HIGH };
	uint32_t clocks[2] = { ph, ph };
	uint64_t reg[2] = { c->ipa, LDT_PL011_SIZE };
	char name[32];

	fdtwrite_begin_node(&l->w, "console-clock");
	fdtwrite_prop_str(&l->w, "compatible", "fixed-clock");
	fdtwrite_prop_u32(&l->w, "#clock-cells", 0);
	fdtwrite_prop_u32(&l->w, "clock-frequency", LDT_PL011_CLOCK);
	fdtwrite_prop_str(&l->w, "clock-output-names", "apb_pclk");
	fdtwrite_prop_u32(&l->w, "phandle", ph);
	fdtwrite_end_node(&l->w);

	snprintf(name, sizeof(name), "serial@%llx", (unsigned long long)c->ipa);
	fdtwrite_begin_node(&l->w, name);
	fdtwrite_prop_strlist(&l->w, "compatible", compat, 2);
	ldt_reg(l, reg, 1);
	fdtwrite_prop_cells(&l->w, "interrupts", irq, 3);
	fdtwrite_prop_cells(&l->w, "clocks", clocks, 2);
	fdtwrite_prop_strlist(&l->w, "clock-names", clk_names, 2);
	fdtwrite_prop_u32(&l->w, "arm,primecell-periphid", LDT_PL011_PERIPHID);
	fdtwrite_end_node(&l->w);
	snprintf(l->stdout_path, sizeof(l->stdout_path), "/%s", name);
}

/* /chosen (DT spec 3.6; linux,initrd-* as Linux reads them: end excluded) */
static void ldt_chosen(struct ldt *l)
{
	const struct linuxdt_opts *o = l->o;

	fdtwrite_begin_node(&l->w, "chosen");
	if (o->cmdline)
		fdtwrite_prop_str(&l->w, "bootargs", o->cmdline);
	if (o->initrd_size) {
		fdtwrite_prop_u64(&l->w, "linux,initrd-start", o->initrd_start);
		fdtwrite_prop_u64(&l->w, "linux,initrd-end",
				  o->initrd_start + o->initrd_size);
	}
	if (l->stdout_path[0])
		fdtwrite_prop_str(&l->w, "stdout-path", l->stdout_path);
	else
		ldt_note(l, "no console: neither an emulated one nor a serial "
			    "port among the devices (stdout-path left out)");
	fdtwrite_end_node(&l->w);
}

static void ldt_root(struct ldt *l)
{
	char model[64];
	unsigned int cpu;

	for (cpu = 0; cpu < WARDEN_MAX_CPUS; cpu++)
		if (ldt_has_cpu(l, cpu))
			break;
	fdtwrite_boot_cpu(&l->w, (uint32_t)ldt_mpidr(l, cpu % WARDEN_MAX_CPUS));
	snprintf(model, sizeof(model), "Warden cell %.32s", l->cell->name);
	fdtwrite_begin_node(&l->w, "");
	fdtwrite_prop_u32(&l->w, "#address-cells", 2);
	fdtwrite_prop_u32(&l->w, "#size-cells", 2);
	fdtwrite_prop_str(&l->w, "model", model);
	fdtwrite_prop_str(&l->w, "compatible", "warden,linux-cell");
	fdtwrite_prop_u32(&l->w, "interrupt-parent", LDT_GIC_PHANDLE);
}

static void ldt_write(struct ldt *l)
{
	ldt_root(l);
	ldt_psci(l);
	ldt_cpus(l);
	ldt_memory(l);
	ldt_comm(l);
	ldt_links(l);
	ldt_gic(l);
	ldt_timer(l);
	if (l->f)
		ldt_devices(l);
	if (l->o->console)
		ldt_console(l, l->o->console);
	ldt_chosen(l);
	fdtwrite_end_node(&l->w);
}

static int ldt_finish(struct ldt *l)
{
	int ret = fdtwrite_finish(&l->w, &l->out->dtb, &l->out->size);

	if (ret == -ENOSPC)
		return ldt_fail(l, ret, "the tree exceeds its cap of %u bytes",
				l->w.max_size);
	if (ret == -E2BIG)
		return ldt_fail(l, ret,
				"the tree exceeds %d nodes, or a node %d "
				"properties",
				l->w.max_nodes, FDTWRITE_MAX_PROPS);
	if (ret == -ENOMEM)
		return ldt_fail(l, ret, "out of memory");
	if (ret)
		return ldt_fail(l, ret,
				"a malformed name or property (from the "
				"root's tree?)");
	return 0;
}

int linuxdt_build(const struct warden_system *sys,
		  const struct warden_cell_desc *cell, const struct fdt *root,
		  const struct linuxdt_opts *o, struct linuxdt_out *out)
{
	struct ldt l = {
		.p = &sys->platform,
		.root_name = sys->root_cell.name,
		.cell = cell,
		.mem = warden_cell_mem(cell),
		.f = root,
		.o = o,
		.out = out,
		.gic = -1,
		.next_phandle = LDT_GIC_PHANDLE + 1,
	};
	int ret;

	memset(out, 0, sizeof(*out));
	fdtwrite_init(&l.w, o->max_size ? o->max_size : LINUXDT_MAX_SIZE,
		      o->max_nodes ? o->max_nodes : LINUXDT_MAX_NODES);
	ret = ldt_check(&l);
	if (!ret && root) {
		l.gic = ldt_find_gic(&l);
		ret = ldt_select(&l);
	} else if (!ret) {
		ldt_note(&l, "no root tree: the CPUs and the timer are "
			     "described generically, and no device is copied");
	}
	if (!ret) {
		ldt_write(&l);
		ret = ldt_finish(&l);
	}
	fdtwrite_free(&l.w);
	return ret;
}

void linuxdt_free(struct linuxdt_out *out)
{
	free(out->dtb);
	out->dtb = NULL;
	out->size = 0;
}
