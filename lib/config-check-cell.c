// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validation of inmate cell configs against a system config, and of two
 * cells against each other (see config-check.h).
 *
 * Freestanding pure C like config-check.c, whose rules every cell obeys
 * (config_check_cell_common()); this file adds what only an inmate cell
 * must respect: it takes nothing the root cell does not own, it has exactly
 * one comm region, it can be loaded and it can start.
 *
 * Order: the blob must hold struct warden_cell_desc before any field is
 * read, its signature and revision must be ours before its layout is
 * trusted, and its counts must be bounded and agree with its size before
 * any array is read.  After that every rule is checked.
 */
#include <warden/cell.h>

#include "config-check-internal.h"

/* AArch64 instructions are 4 bytes, aligned. */
#define CONFIG_CHECK_CELL_INSN_ALIGN 4ULL

#define CONFIG_CHECK_CELL_COMM_FORBIDDEN                            \
	(WARDEN_MEM_EXECUTE | WARDEN_MEM_IO | WARDEN_MEM_LOADABLE | \
	 WARDEN_MEM_ROOTSHARED)
#define CONFIG_CHECK_CELL_RW (WARDEN_MEM_READ | WARDEN_MEM_WRITE)

/* ---- header and size ----------------------------------------------- */

/* Returns 0 if the blob has the layout we know and its size matches it. */
static int config_check_cell_layout(struct config_check *c,
				    const struct warden_cell_desc *cell,
				    uint64_t size)
{
	uint64_t expected;

	if (!config_check_mem_equal(cell->signature, WARDEN_CELL_SIGNATURE,
				    WARDEN_SIGNATURE_LEN)) {
		config_check_problem(c, "signature is not \"%s\"",
				     WARDEN_CELL_SIGNATURE);
		return -1;
	}
	if (cell->revision != WARDEN_CONFIG_REVISION) {
		config_check_problem(c, "revision %u is not %u",
				     (unsigned int)cell->revision,
				     (unsigned int)WARDEN_CONFIG_REVISION);
		return -1;
	}
	if (config_check_cell_counts(c, cell))
		return -1;
	expected = warden_cell_size(cell);
	if (size != expected) {
		config_check_problem(c,
				     "%llu bytes, but its %u memory regions, "
				     "%u IRQ ranges, %u links and %u PCI "
				     "devices make %llu",
				     CC_ULL(size), cell->num_memory_regions,
				     cell->num_irq_ranges, cell->num_links,
				     cell->num_pci_devices, CC_ULL(expected));
		return -1;
	}
	return 0;
}

/* ---- CPUs ---------------------------------------------------------- */

static void config_check_cell_cpus(struct config_check *c,
				   const struct warden_cell_desc *cell)
{
	uint64_t root = c->sys->root_cell.cpu_set;
	unsigned int num_cpus = c->sys->platform.num_cpus;
	uint64_t known, foreign;
	unsigned int cpu;

	if (num_cpus > WARDEN_MAX_CPUS)
		num_cpus = WARDEN_MAX_CPUS;
	known = config_check_cpu_mask(num_cpus);
	/* CPUs beyond the platform are reported by config_check_cpu_set() */
	foreign = cell->cpu_set & known & ~root;
	for (cpu = 0; cpu < num_cpus; cpu++)
		if (foreign >> cpu & 1)
			config_check_problem(c,
					     "CPU %u is not the root cell's "
					     "(root cpu_set 0x%llx)",
					     cpu, CC_ULL(root));
	if (cell->cpu_set && root && (root & ~cell->cpu_set) == 0)
		config_check_problem(c,
				     "cpu_set 0x%llx would leave the root cell "
				     "without CPUs (root cpu_set 0x%llx)",
				     CC_ULL(cell->cpu_set), CC_ULL(root));
}

/* ---- memory -------------------------------------------------------- */

/* The root region holding region i must be of its kind: RAM or IO. */
static void config_check_cell_mem_kind(struct config_check *c, unsigned int i,
				       const struct warden_memory *m,
				       unsigned int j,
				       const struct warden_memory *r)
{
	if ((m->flags & WARDEN_MEM_IO) == (r->flags & WARDEN_MEM_IO))
		return;
	config_check_problem(
		c,
		"memory region %u (0x%llx+0x%llx) is %s, but "
		"root cell memory region %u (0x%llx+0x%llx) "
		"that holds it is %s",
		i, CC_ULL(m->phys_start), CC_ULL(m->size),
		(m->flags & WARDEN_MEM_IO) ? "device memory (IO)" : "RAM", j,
		CC_ULL(r->phys_start), CC_ULL(r->size),
		(r->flags & WARDEN_MEM_IO) ? "device memory (IO)" : "RAM");
}

/* Region i (a valid range) must lie within one memory region of the root. */
static void config_check_cell_mem_in_root(struct config_check *c,
					  unsigned int i,
					  const struct warden_memory *m)
{
	const struct warden_cell_desc *root = &c->sys->root_cell;
	const struct warden_memory *rmem = warden_cell_mem(root);
	unsigned int j;

	for (j = 0; j < root->num_memory_regions; j++) {
		if (!config_check_range_ok(rmem[j].phys_start, rmem[j].size) ||
		    !config_check_inside(m->phys_start, m->size,
					 rmem[j].phys_start, rmem[j].size))
			continue;
		config_check_cell_mem_kind(c, i, m, j, &rmem[j]);
		return;
	}
	config_check_problem(c,
			     "memory region %u (0x%llx+0x%llx) is not inside "
			     "any memory region of the root cell",
			     i, CC_ULL(m->phys_start), CC_ULL(m->size));
}

/* The one page the hypervisor provides; it has no physical address. */
static void config_check_cell_comm_region(struct config_check *c,
					  unsigned int i,
					  const struct warden_memory *m)
{
	if (m->phys_start != 0)
		config_check_problem(c,
				     "comm region (memory region %u) has "
				     "phys_start 0x%llx, not 0",
				     i, CC_ULL(m->phys_start));
	/* an empty one is reported by config_check_mem_region() */
	if (m->size != 0 && m->size != WARDEN_COMM_REGION_SIZE)
		config_check_problem(c,
				     "comm region (memory region %u) is 0x%llx "
				     "bytes, not 0x%llx",
				     i, CC_ULL(m->size),
				     CC_ULL(WARDEN_COMM_REGION_SIZE));
	/* not readable is reported by config_check_mem_region() */
	if (!(m->flags & WARDEN_MEM_WRITE))
		config_check_problem(c,
				     "comm region (memory region %u) is not "
				     "writable (WARDEN_MEM_WRITE)",
				     i);
	if (m->flags & CONFIG_CHECK_CELL_COMM_FORBIDDEN)
		config_check_problem(
			c,
			"comm region (memory region %u) has flags "
			"0x%llx; it may not be EXECUTE, IO, "
			"LOADABLE or ROOTSHARED",
			i, CC_ULL(m->flags & CONFIG_CHECK_CELL_COMM_FORBIDDEN));
}

/* Exactly one comm region; returns how many regions are LOADABLE. */
static unsigned int
config_check_cell_regions(struct config_check *c,
			  const struct warden_cell_desc *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	unsigned int i, comm = 0, first_comm = 0, loadable = 0;

	for (i = 0; i < cell->num_memory_regions; i++) {
		const struct warden_memory *m = &mem[i];

		if (!(m->flags & WARDEN_MEM_COMM_REGION)) {
			if (m->flags & WARDEN_MEM_LOADABLE)
				loadable++;
			/* invalid ranges: reported by config_check_memory() */
			if (config_check_range_ok(m->phys_start, m->size))
				config_check_cell_mem_in_root(c, i, m);
			continue;
		}
		config_check_cell_comm_region(c, i, m);
		if (comm++ == 0)
			first_comm = i;
		else
			config_check_problem(
				c,
				"memory region %u is a second comm "
				"region (the first is memory "
				"region %u)",
				i, first_comm);
	}
	if (comm == 0)
		config_check_problem(c, "has no comm region "
					"(WARDEN_MEM_COMM_REGION)");
	return loadable;
}

static void config_check_cell_reset(struct config_check *c,
				    const struct warden_cell_desc *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	uint64_t reset = cell->reset_address;
	unsigned int i;

	if (!config_check_aligned(reset, CONFIG_CHECK_CELL_INSN_ALIGN))
		config_check_problem(c,
				     "reset_address 0x%llx is not 4-byte "
				     "aligned",
				     CC_ULL(reset));
	for (i = 0; i < cell->num_memory_regions; i++)
		if ((mem[i].flags & WARDEN_MEM_EXECUTE) &&
		    !(mem[i].flags & WARDEN_MEM_COMM_REGION) &&
		    reset >= mem[i].virt_start &&
		    reset - mem[i].virt_start < mem[i].size)
			return;
	config_check_problem(c,
			     "reset_address 0x%llx is not inside an "
			     "executable memory region (WARDEN_MEM_EXECUTE)",
			     CC_ULL(reset));
}

/* ---- IRQs ---------------------------------------------------------- */

/* Returns the end of the root's IRQ range holding intid, or 0 if none. */
static uint64_t
config_check_cell_root_irq_end(const struct warden_cell_desc *root,
			       uint64_t intid)
{
	const struct warden_irq_range *r = warden_cell_irqs(root);
	unsigned int j;

	for (j = 0; j < root->num_irq_ranges; j++)
		if (intid >= r[j].first && intid - r[j].first < r[j].count)
			return (uint64_t)r[j].first + r[j].count;
	return 0;
}

/* Each of the cell's valid IRQ ranges must be covered by the root's. */
static void config_check_cell_irqs_in_root(struct config_check *c,
					   const struct warden_cell_desc *cell)
{
	const struct warden_irq_range *irqs = warden_cell_irqs(cell);
	uint64_t intid, end, next;
	unsigned int i;

	for (i = 0; i < cell->num_irq_ranges; i++) {
		end = (uint64_t)irqs[i].first + irqs[i].count;
		/* invalid ranges: reported by config_check_irq_range() */
		if (irqs[i].count == 0 ||
		    irqs[i].first < CONFIG_CHECK_FIRST_SPI ||
		    end > WARDEN_MAX_IRQS)
			continue;
		for (intid = irqs[i].first; intid < end; intid = next) {
			next = config_check_cell_root_irq_end(
				&c->sys->root_cell, intid);
			if (next)
				continue;
			config_check_problem(c,
					     "IRQ range %u (%u+%u) includes "
					     "INTID %llu, which is not the "
					     "root cell's",
					     i, irqs[i].first, irqs[i].count,
					     CC_ULL(intid));
			break;
		}
	}
}

/* ---- emulated console UART ----------------------------------------- */

#define CC_VUART "emulated console UART"
#define CC_VUART_AT CC_VUART " at 0x%llx: "

/* The IPA page of the UART is the device's alone in the cell. */
static void config_check_cell_vuart_page(struct config_check *c,
					 const struct warden_cell_desc *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	const struct warden_link *links = warden_cell_links(cell);
	const uint64_t base = cell->vuart_base, page = CONFIG_CHECK_PAGE_SIZE;
	struct config_check_frame f[CONFIG_CHECK_MAX_FRAMES];
	unsigned int i, n;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (config_check_range_ok(mem[i].virt_start, mem[i].size) &&
		    config_check_overlap(base, page, mem[i].virt_start,
					 mem[i].size))
			config_check_problem(
				c,
				CC_VUART_AT "overlaps memory region %u "
					    "(0x%llx+0x%llx -> 0x%llx)%s",
				CC_ULL(base), i, CC_ULL(mem[i].phys_start),
				CC_ULL(mem[i].size), CC_ULL(mem[i].virt_start),
				config_check_is_comm(&mem[i], 0) ?
					", the comm region" :
					"");
	for (i = 0; i < cell->num_links; i++)
		if (config_check_link_range_ok(&links[i]) &&
		    config_check_overlap(base, page, links[i].virt_start,
					 warden_link_size(&links[i])))
			config_check_problem(
				c,
				CC_VUART_AT "overlaps link %u "
					    "(0x%llx+0x%llx in "
					    "the cell)",
				CC_ULL(base), i, CC_ULL(links[i].virt_start),
				CC_ULL(warden_link_size(&links[i])));
	n = config_check_gic_frames(&c->sys->platform, f);
	for (i = 0; i < n; i++)
		if (config_check_overlap(base, page, f[i].base, f[i].size))
			config_check_problem(c,
					     CC_VUART_AT "overlaps %s "
							 "(0x%llx+0x%llx)",
					     CC_ULL(base), f[i].name,
					     CC_ULL(f[i].base),
					     CC_ULL(f[i].size));
}

/* Its interrupt: an SPI of the cell's own that is no link's doorbell. */
static void config_check_cell_vuart_irq(struct config_check *c,
					const struct warden_cell_desc *cell)
{
	const struct warden_irq_range *irqs = warden_cell_irqs(cell);
	const struct warden_link *links = warden_cell_links(cell);
	const uint32_t irq = cell->vuart_irq;
	unsigned int i, owned = 0;

	if (irq < CONFIG_CHECK_FIRST_SPI || irq >= WARDEN_MAX_IRQS) {
		config_check_problem(c,
				     CC_VUART ": vuart_irq %u is not an SPI "
					      "(%u-%u)",
				     irq, CONFIG_CHECK_FIRST_SPI,
				     WARDEN_MAX_IRQS - 1);
		return;
	}
	for (i = 0; i < cell->num_irq_ranges; i++)
		if (irq >= irqs[i].first && irq - irqs[i].first < irqs[i].count)
			owned = 1;
	if (!owned)
		config_check_problem(c,
				     CC_VUART ": vuart_irq %u is not in the "
					      "cell's IRQ ranges",
				     irq);
	for (i = 0; i < cell->num_links; i++)
		if (links[i].doorbell_irq == irq)
			config_check_problem(c,
					     CC_VUART ": vuart_irq %u is also "
						      "the doorbell of link %u",
					     irq, i);
}

/*
 * vuart_base and vuart_irq (config.h): both 0, or a page in the cell's
 * address space that nothing else of the cell uses, and an SPI of its own.
 */
static void config_check_cell_vuart(struct config_check *c,
				    const struct warden_cell_desc *cell)
{
	const uint64_t base = cell->vuart_base;

	if (!base && !cell->vuart_irq)
		return;
	if (!base || !cell->vuart_irq) {
		config_check_problem(c,
				     CC_VUART ": vuart_base 0x%llx and "
					      "vuart_irq %u: set both or "
					      "neither",
				     CC_ULL(base), cell->vuart_irq);
		return;
	}
	if (!config_check_aligned(base, CONFIG_CHECK_PAGE_SIZE))
		config_check_problem(c, CC_VUART_AT "not page aligned",
				     CC_ULL(base));
	else if (base >= CONFIG_CHECK_ADDR_LIMIT)
		config_check_problem(c,
				     CC_VUART_AT "beyond 0x%llx, the 48 bits "
						 "Warden's page tables reach",
				     CC_ULL(base),
				     CC_ULL(CONFIG_CHECK_ADDR_LIMIT));
	else
		config_check_cell_vuart_page(c, cell);
	config_check_cell_vuart_irq(c, cell);
}

/* ---- the cell's own UART ------------------------------------------- */

#define CC_UART "cell UART"

/*
 * The bytes of a UART type's register block that must lie in one IO
 * region: its aligned block (config.h), but only the 0x18 bytes of the
 * Amlogic UART, which SoCs place merely word aligned.
 */
static uint64_t config_check_cell_uart_size(uint32_t type)
{
	uint64_t size = config_check_uart_align(type);

	if (type == (uint32_t)WARDEN_UART_MESON) {
		size = 0x18u;
	}
	return size;
}

/* Does one read-write IO region of the cell hold the whole block? */
static int config_check_cell_uart_owned(const struct warden_cell_desc *cell,
					uint64_t size)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	const uint32_t rw_io = WARDEN_MEM_IO | WARDEN_MEM_READ |
			       WARDEN_MEM_WRITE;
	uint32_t i;
	int owned = 0;

	if (config_check_range_ok(cell->uart_base, size) != 0) {
		for (i = 0; (i < cell->num_memory_regions) && (owned == 0);
		     i++) {
			if (((mem[i].flags & rw_io) == rw_io) &&
			    (config_check_range_ok(mem[i].virt_start,
						   mem[i].size) != 0) &&
			    (config_check_inside(cell->uart_base, size,
						 mem[i].virt_start,
						 mem[i].size) != 0)) {
				owned = 1;
			}
		}
	}
	return owned;
}

/* A known UART: its block aligned, and in a device region of the cell. */
static void config_check_cell_uart_block(struct config_check *c,
					 const struct warden_cell_desc *cell,
					 const char *name)
{
	const uint64_t base = cell->uart_base;
	const uint64_t align = config_check_uart_align(cell->uart_type);
	const uint64_t size = config_check_cell_uart_size(cell->uart_type);

	if (config_check_aligned(base, align) == 0) {
		config_check_problem(c,
				     CC_UART ": uart_base 0x%llx of the %s is "
					     "not aligned to 0x%llx",
				     CC_ULL(base), name, CC_ULL(align));
	} else if (config_check_cell_uart_owned(cell, size) == 0) {
		config_check_problem(c,
				     CC_UART ": the %s at 0x%llx+0x%llx is not "
					     "inside a read-write IO memory "
					     "region of the cell",
				     name, CC_ULL(base), CC_ULL(size));
	} else {
		/* a device the cell owns */
	}
}

/*
 * uart_type and uart_base (config.h): none (both 0), or a known UART whose
 * register block is aligned as the hypervisor console's must be and lies in
 * one of the cell's read-write IO regions, i.e. a device the cell owns.
 */
static void config_check_cell_uart(struct config_check *c,
				   const struct warden_cell_desc *cell)
{
	const char *name = config_check_uart_name(cell->uart_type);

	if (name[0] == '\0') {
		config_check_problem(c,
				     CC_UART ": unknown uart_type %u (known: "
					     "0..%u)",
				     cell->uart_type,
				     (unsigned int)WARDEN_UART_MESON);
	} else if (cell->uart_type != (uint32_t)WARDEN_UART_NONE) {
		config_check_cell_uart_block(c, cell, name);
	} else if (cell->uart_base != 0u) {
		config_check_problem(c,
				     CC_UART ": uart_base 0x%llx without a "
					     "uart_type",
				     CC_ULL(cell->uart_base));
	} else {
		/* none: the inmate prints through the console hypercall */
	}
}

/* ---- DMA ------------------------------------------------------------ */

/* The first region of the cell whose device does DMA, or n. */
static uint32_t config_check_cell_dma_region(const struct warden_memory *mem,
					     uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if ((mem[i].flags & WARDEN_MEM_DMA) &&
		    (mem[i].flags & WARDEN_MEM_IO))
			return i;
	return n;
}

/*
 * A device that does DMA sees physical addresses, and the cell's driver
 * hands it what it takes for physical addresses: its IPAs.  Until an IOMMU
 * translates for the device, the two must be the same for all of the
 * cell's RAM.
 */
static void config_check_cell_dma(struct config_check *c,
				  const struct warden_cell_desc *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	uint32_t n = cell->num_memory_regions;
	uint32_t d = config_check_cell_dma_region(mem, n), i;

	if (d == n)
		return;
	for (i = 0; i < n; i++) {
		if (mem[i].flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM_REGION) ||
		    mem[i].phys_start == mem[i].virt_start)
			continue;
		config_check_problem(
			c,
			"memory region %u (RAM 0x%llx+0x%llx) is seen at IPA "
			"0x%llx, but the device of memory region %u (0x%llx) "
			"does DMA: with no IOMMU it uses physical addresses, so "
			"the cell's RAM must be at IPA = PA",
			i, CC_ULL(mem[i].phys_start), CC_ULL(mem[i].size),
			CC_ULL(mem[i].virt_start), d,
			CC_ULL(mem[d].phys_start));
	}
}

/* ---- PCI functions -------------------------------------------------- */

#define CC_BDF(b) ((b) >> 8), (((b) >> 3) & 0x1fu), ((b)&7u)

/*
 * warden_pci_device (config.h): each on the host bridge's buses, each once,
 * with a host bridge and an SMMU to confine its DMA; and no memory region
 * of the cell may reach into the ECAM, which the hypervisor filters.
 */
static void config_check_cell_pci(struct config_check *c,
				  const struct warden_cell_desc *cell)
{
	const struct warden_platform *p = &c->sys->platform;
	const struct warden_pci_device *d = warden_cell_pci(cell);
	const struct warden_memory *m = warden_cell_mem(cell);
	uint64_t ecam = ((uint64_t)p->pci_bus_last + 1u - p->pci_bus_first)
			<< 20;
	unsigned int i, j, bus;

	for (i = 0; p->pci_ecam_base && i < cell->num_memory_regions; i++)
		if (config_check_overlap(m[i].phys_start, m[i].size,
					 p->pci_ecam_base, ecam))
			config_check_problem(
				c,
				"memory region %u (0x%llx+0x%llx) overlaps "
				"the PCI ECAM (0x%llx+0x%llx), which the "
				"hypervisor filters for the cell",
				i, CC_ULL(m[i].phys_start), CC_ULL(m[i].size),
				CC_ULL(p->pci_ecam_base), CC_ULL(ecam));
	for (i = 0; i < cell->num_pci_devices; i++) {
		bus = (unsigned int)d[i].bdf >> 8;
		if (d[i].reserved16 || d[i].reserved)
			config_check_problem(c,
					     "PCI device %u: reserved fields "
					     "are not 0",
					     i);
		if (!p->pci_ecam_base || !p->smmu_base)
			config_check_problem(
				c,
				"PCI device %u (%02x:%02x.%u): the system "
				"has no %s",
				i, CC_BDF(d[i].bdf),
				p->pci_ecam_base ?
					"SMMU to confine its DMA (smmu_base)" :
					"PCI host bridge (pci_ecam_base)");
		else if (bus < p->pci_bus_first || bus > p->pci_bus_last)
			config_check_problem(c,
					     "PCI device %u (%02x:%02x.%u) is "
					     "not on the host bridge's buses "
					     "%02x-%02x",
					     i, CC_BDF(d[i].bdf),
					     p->pci_bus_first, p->pci_bus_last);
		for (j = 0; j < i; j++)
			if (d[j].bdf == d[i].bdf)
				config_check_problem(c,
						     "PCI device %u "
						     "(%02x:%02x.%u) is also "
						     "PCI device %u",
						     i, CC_BDF(d[i].bdf), j);
	}
}

/*
 * WARDEN_CELL_DIRECT_IRQ (config.h).  The cell's CPUs run with
 * HCR_EL2.IMO = 0 and take its physical Group 1 interrupts themselves.
 * What the hypervisor raises for it, the emulated UART's interrupt and link
 * doorbells, are SPIs of the cell set pending at the distributor
 * (GICD_ISPENDR), so they reach it directly too.  On GICv2 the cell would
 * need the physical GICC page, whose GICC_CTLR can turn off Group 0 (FIQ)
 * signalling, the hypervisor's way to stop it; with the Security Extensions
 * Group 0 belongs to the Secure world anyway (IHI 0048B 4.4.1, 3.6).
 */
#define CC_DIRECT "flags: direct interrupts (WARDEN_CELL_DIRECT_IRQ)"

static void config_check_cell_direct(struct config_check *c,
				     const struct warden_cell_desc *cell)
{
	if ((cell->flags & WARDEN_CELL_DIRECT_IRQ) == 0u)
		return;
	if (c->sys->platform.gic_version != (uint32_t)WARDEN_GIC_V3)
		config_check_problem(c,
				     CC_DIRECT ": need GICv3; on GICv2 the "
					       "cell would own the physical "
					       "GICC page, whose GICC_CTLR "
					       "can turn off the Group 0 "
					       "interrupt that the hypervisor "
					       "stops it with");
}

/* ---- entry points -------------------------------------------------- */

unsigned int config_check_cell(const void *blob, uint64_t size,
			       const struct warden_system *sys,
			       config_report_fn report, void *ctx)
{
	const struct warden_cell_desc *cell = blob;
	struct config_check c = {
		.report = report,
		.ctx = ctx,
		.sys = sys,
	};

	config_check_set_prefix(&c, "cell config", "");
	if (!sys) {
		config_check_problem(&c,
				     "no system config to check it against");
		return c.problems;
	}
	if (!blob || size == 0) {
		config_check_problem(&c, "is empty (0 bytes)");
		return c.problems;
	}
	if (size < sizeof(*cell)) {
		config_check_problem(&c,
				     "%llu bytes, too small for the %llu-byte "
				     "header",
				     CC_ULL(size), CC_ULL(sizeof(*cell)));
		return c.problems;
	}
	config_check_set_prefix(&c, "cell config", cell->name);
	if (config_check_cell_layout(&c, cell, size))
		return c.problems;
	config_check_cell_common(&c, cell, 0);
	config_check_cell_cpus(&c, cell);
	if (config_check_cell_regions(&c, cell) == 0)
		config_check_problem(&c, "has no loadable memory region "
					 "(WARDEN_MEM_LOADABLE)");
	config_check_cell_reset(&c, cell);
	config_check_cell_irqs_in_root(&c, cell);
	config_check_links_root(&c, cell);
	config_check_cell_vuart(&c, cell);
	config_check_cell_uart(&c, cell);
	config_check_cell_dma(&c, cell);
	config_check_cell_direct(&c, cell);
	config_check_cell_pci(&c, cell);
	return c.problems;
}

/* ---- two cells ----------------------------------------------------- */

/* The cells' names, NUL-terminated even if a config's is not. */
struct config_check_cell_names {
	char a[WARDEN_CELL_NAME_MAX];
	char b[WARDEN_CELL_NAME_MAX];
};

/* Copy up to the first NUL and pad with NULs (so names compare bytewise). */
static void config_check_cell_name_copy(char *dst, const char *src)
{
	unsigned int i, end = 0;

	for (i = 0; i < WARDEN_CELL_NAME_MAX; i++) {
		if (!src[i] || i + 1 == WARDEN_CELL_NAME_MAX)
			end = 1;
		dst[i] = end ? '\0' : src[i];
	}
}

static void config_check_cell_pair_cpus(struct config_check *c,
					const struct warden_cell_desc *a,
					const struct warden_cell_desc *b)
{
	uint64_t shared = a->cpu_set & b->cpu_set;
	unsigned int cpu;

	for (cpu = 0; cpu < 64; cpu++)
		if (shared >> cpu & 1)
			config_check_problem(c, "CPU %u is in both", cpu);
}

static void config_check_cell_pair_mem(struct config_check *c,
				       const struct warden_cell_desc *a,
				       const struct warden_cell_desc *b,
				       const struct config_check_cell_names *n)
{
	const struct warden_memory *ma = warden_cell_mem(a);
	const struct warden_memory *mb = warden_cell_mem(b);
	unsigned int i, j;

	for (i = 0; i < a->num_memory_regions; i++) {
		for (j = 0; j < b->num_memory_regions; j++) {
			if (config_check_is_comm(&ma[i], 0) ||
			    config_check_is_comm(&mb[j], 0) ||
			    ((ma[i].flags & mb[j].flags) &
			     WARDEN_MEM_ROOTSHARED) ||
			    !config_check_overlap(ma[i].phys_start, ma[i].size,
						  mb[j].phys_start, mb[j].size))
				continue;
			config_check_problem(
				c,
				"memory region %u (0x%llx+0x%llx) of \"%s\" "
				"overlaps memory region %u (0x%llx+0x%llx) "
				"of \"%s\"",
				i, CC_ULL(ma[i].phys_start), CC_ULL(ma[i].size),
				n->a, j, CC_ULL(mb[j].phys_start),
				CC_ULL(mb[j].size), n->b);
		}
	}
}

static void config_check_cell_pair_irqs(struct config_check *c,
					const struct warden_cell_desc *a,
					const struct warden_cell_desc *b,
					const struct config_check_cell_names *n)
{
	const struct warden_irq_range *ia = warden_cell_irqs(a);
	const struct warden_irq_range *ib = warden_cell_irqs(b);
	unsigned int i, j;

	for (i = 0; i < a->num_irq_ranges; i++)
		for (j = 0; j < b->num_irq_ranges; j++)
			if (config_check_overlap(ia[i].first, ia[i].count,
						 ib[j].first, ib[j].count))
				config_check_problem(
					c,
					"IRQ range %u (%u+%u) of \"%s\" "
					"overlaps IRQ range %u (%u+%u) of "
					"\"%s\"",
					i, ia[i].first, ia[i].count, n->a, j,
					ib[j].first, ib[j].count, n->b);
}

/* One PCI function in two cells. */
static void config_check_cell_pair_pci(struct config_check *c,
				       const struct warden_cell_desc *a,
				       const struct warden_cell_desc *b,
				       const struct config_check_cell_names *n)
{
	const struct warden_pci_device *da = warden_cell_pci(a);
	const struct warden_pci_device *db = warden_cell_pci(b);
	unsigned int i, j;

	for (i = 0; i < a->num_pci_devices; i++)
		for (j = 0; j < b->num_pci_devices; j++)
			if (da[i].bdf == db[j].bdf)
				config_check_problem(c,
						     "PCI %02x:%02x.%u is in "
						     "both (\"%s\" device %u, "
						     "\"%s\" device %u)",
						     CC_BDF(da[i].bdf), n->a, i,
						     n->b, j);
}

unsigned int config_check_cell_pair(const struct warden_cell_desc *a,
				    const struct warden_cell_desc *b,
				    config_report_fn report, void *ctx)
{
	struct config_check c = {
		.report = report,
		.ctx = ctx,
	};
	struct config_check_cell_names n;

	config_check_set_prefix(&c, "cells", a->name);
	config_check_prefix_add(&c, " and", 4);
	config_check_prefix_name(&c, b->name);
	/* both should have passed config_check_cell(); never trust counts */
	if (config_check_cell_counts(&c, a) || config_check_cell_counts(&c, b))
		return c.problems;
	config_check_cell_name_copy(n.a, a->name);
	config_check_cell_name_copy(n.b, b->name);
	if (config_check_mem_equal(n.a, n.b, WARDEN_CELL_NAME_MAX))
		config_check_problem(&c, "both are named \"%s\"", n.a);
	config_check_cell_pair_cpus(&c, a, b);
	config_check_cell_pair_mem(&c, a, b, &n);
	config_check_cell_pair_irqs(&c, a, b, &n);
	config_check_cell_pair_pci(&c, a, b, &n);
	config_check_links_pair(&c, a, b, 0);
	return c.problems;
}
