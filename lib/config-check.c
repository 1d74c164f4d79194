// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validation of Warden configs (see config-check.h).
 *
 * Freestanding pure C: no libc, no OS and no arch dependency.  The same file
 * is compiled into the EL2 hypervisor, #included by the Linux driver and
 * linked into the host and arm64 tools.  Hence no bool, NULL, UINT64_MAX or
 * string functions, and declarations at the top of blocks.
 *
 * Order of the checks: the blob must be big enough for struct warden_system
 * before any field is read, and its counts must be bounded and agree with
 * its size before any array is read.  After that every rule is checked and
 * every problem reported, so that one run lists everything that is wrong.
 *
 * Inmate cell configs and conflicts between cells: config-check-cell.c.
 */
#include "config-check-internal.h"

#define CONFIG_CHECK_HV_MIN_SIZE 0x100000ULL /* 1 MiB */

/* GIC frame sizes (GICv3 spec, IHI 0069, 12.1; GIC-400 TRM, table 3-1). */
#define CONFIG_CHECK_GICD_SIZE 0x10000ULL /* GICv3; GICv2: 4 KiB */
#define CONFIG_CHECK_GICD_V2_SIZE 0x1000ULL
#define CONFIG_CHECK_GICR_ALIGN 0x10000ULL
#define CONFIG_CHECK_GICR_STRIDE 0x20000ULL /* RD_base + SGI_base frames */
#define CONFIG_CHECK_GICV2_MAX_CPUS 8u
#define CONFIG_CHECK_GICC_SIZE 0x2000ULL
#define CONFIG_CHECK_GICH_SIZE 0x2000ULL
#define CONFIG_CHECK_GICV_SIZE 0x2000ULL
#define CONFIG_CHECK_GICV2_ALIGN 0x1000ULL
/* SMMUv3: two 64 KiB register pages (IHI 0070 6.1) */
#define CONFIG_CHECK_SMMU_SIZE 0x20000ULL
#define CONFIG_CHECK_SMMU_ALIGN 0x10000ULL
/* GITS control frame and translation frame (IHI 0069 12.19) */
#define CONFIG_CHECK_ITS_SIZE 0x20000ULL
#define CONFIG_CHECK_ITS_ALIGN 0x10000ULL
/* ECAM: 1 MiB of configuration space per bus (PCIe base spec 7.2.2) */
#define CONFIG_CHECK_ECAM_BUS_SIZE 0x100000ULL

/* PPIs are INTIDs 16..31 (GICv3 spec, 2.2.1). */
#define CONFIG_CHECK_FIRST_PPI 16u

/* MPIDR_EL1 Aff3 (bits 39:32) and Aff2..Aff0 (bits 23:0). */
#define CONFIG_CHECK_MPIDR_AFF_MASK 0xff00ffffffULL

/* struct warden_system.flags (config.h). */
#define CONFIG_CHECK_SYSTEM_VALID_FLAGS WARDEN_SYS_VALID_FLAGS

/* ---- tiny helpers (no libc) ---------------------------------------- */

int config_check_mem_equal(const char *a, const char *b, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Length of s, or max if there is no NUL in the first max bytes. */
static unsigned int config_check_strnlen(const char *s, unsigned int max)
{
	unsigned int n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int config_check_printable(const char *s, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

/* A name field: non-empty, NUL-terminated within its size, printable. */
int config_check_name_ok(const char *name)
{
	unsigned int len = config_check_strnlen(name, WARDEN_CELL_NAME_MAX);

	return len != 0 && len != WARDEN_CELL_NAME_MAX &&
	       config_check_printable(name, len);
}

/* Append at most len bytes of s to c->prefix, keeping it NUL-terminated. */
void config_check_prefix_add(struct config_check *c, const char *s,
			     unsigned int len)
{
	unsigned int n = config_check_strnlen(c->prefix, sizeof(c->prefix));
	unsigned int i;

	for (i = 0; i < len && s[i] && n + 1 < sizeof(c->prefix); i++)
		c->prefix[n++] = s[i];
	c->prefix[n] = '\0';
}

/*
 * A name that is not a non-empty, printable, NUL-terminated string is left
 * out (and reported by the cell check).
 */
void config_check_prefix_name(struct config_check *c, const char *name)
{
	unsigned int len = config_check_strnlen(name, WARDEN_CELL_NAME_MAX);

	if (len == 0 || len == WARDEN_CELL_NAME_MAX ||
	    !config_check_printable(name, len))
		return;
	config_check_prefix_add(c, " \"", 2);
	config_check_prefix_add(c, name, len);
	config_check_prefix_add(c, "\"", 1);
}

void config_check_set_prefix(struct config_check *c, const char *kind,
			     const char *name)
{
	c->prefix[0] = '\0';
	config_check_prefix_add(c, kind, CONFIG_CHECK_PREFIX_MAX);
	config_check_prefix_name(c, name);
}

/* ---- system header and size ---------------------------------------- */

/* Returns 0 if the blob is a system config of the layout we know. */
static int config_check_system_header(struct config_check *c,
				      const struct warden_system *sys)
{
	if (!config_check_mem_equal(sys->signature, WARDEN_SYSTEM_SIGNATURE,
				    WARDEN_SIGNATURE_LEN)) {
		config_check_problem(c, "signature is not \"%s\"",
				     WARDEN_SYSTEM_SIGNATURE);
		return -1;
	}
	if (sys->revision != WARDEN_CONFIG_REVISION) {
		config_check_problem(c, "revision %u is not %u",
				     (unsigned int)sys->revision,
				     (unsigned int)WARDEN_CONFIG_REVISION);
		return -1;
	}
	if (sys->architecture != WARDEN_ARCH_ARM64)
		config_check_problem(c, "architecture %u is not arm64 (%u)",
				     (unsigned int)sys->architecture,
				     (unsigned int)WARDEN_ARCH_ARM64);
	if (sys->flags & ~CONFIG_CHECK_SYSTEM_VALID_FLAGS)
		config_check_problem(c, "unknown flags 0x%llx",
				     CC_ULL(sys->flags &
					    ~CONFIG_CHECK_SYSTEM_VALID_FLAGS));
	return 0;
}

int config_check_cell_counts(struct config_check *c,
			     const struct warden_cell_desc *cell)
{
	int ret = 0;

	if (cell->num_memory_regions > CONFIG_CHECK_MAX_MEM_REGIONS) {
		config_check_problem(c, "%u memory regions, more than %u",
				     cell->num_memory_regions,
				     CONFIG_CHECK_MAX_MEM_REGIONS);
		ret = -1;
	}
	if (cell->num_irq_ranges > CONFIG_CHECK_MAX_IRQ_RANGES) {
		config_check_problem(c, "%u IRQ ranges, more than %u",
				     cell->num_irq_ranges,
				     CONFIG_CHECK_MAX_IRQ_RANGES);
		ret = -1;
	}
	if (cell->num_links > WARDEN_MAX_LINKS) {
		config_check_problem(c, "%u links, more than %u",
				     cell->num_links, WARDEN_MAX_LINKS);
		ret = -1;
	}
	if (cell->num_pci_devices > WARDEN_MAX_PCI_DEVICES) {
		config_check_problem(c, "%u PCI devices, more than %u",
				     cell->num_pci_devices,
				     WARDEN_MAX_PCI_DEVICES);
		ret = -1;
	}
	return ret;
}

/* ---- hypervisor memory --------------------------------------------- */

static void config_check_hv_memory(struct config_check *c,
				   const struct warden_memory *hv)
{
	if (hv->reserved)
		config_check_problem(c,
				     "hypervisor memory (0x%llx+0x%llx) has a "
				     "non-zero reserved field",
				     CC_ULL(hv->phys_start), CC_ULL(hv->size));
	if (hv->size == 0) {
		config_check_problem(c, "hypervisor memory is empty");
		return;
	}
	if (!config_check_aligned(hv->phys_start, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(hv->size, CONFIG_CHECK_PAGE_SIZE))
		config_check_problem(c,
				     "hypervisor memory (0x%llx+0x%llx) is not "
				     "page aligned",
				     CC_ULL(hv->phys_start), CC_ULL(hv->size));
	if (!config_check_range_ok(hv->phys_start, hv->size))
		config_check_problem(c,
				     "hypervisor memory (0x%llx+0x%llx) wraps "
				     "around the address space",
				     CC_ULL(hv->phys_start), CC_ULL(hv->size));
	else if (!config_check_in_reach(hv->phys_start, hv->size))
		config_check_problem(c,
				     "hypervisor memory (0x%llx+0x%llx) ends "
				     "beyond 0x%llx, the 48 bits Warden's page "
				     "tables reach",
				     CC_ULL(hv->phys_start), CC_ULL(hv->size),
				     CC_ULL(CONFIG_CHECK_ADDR_LIMIT));
	if (hv->size < CONFIG_CHECK_HV_MIN_SIZE)
		config_check_problem(c,
				     "hypervisor memory (0x%llx+0x%llx) is "
				     "smaller than 0x%llx bytes",
				     CC_ULL(hv->phys_start), CC_ULL(hv->size),
				     CONFIG_CHECK_HV_MIN_SIZE);
	if (hv->phys_start != hv->virt_start)
		config_check_problem(c,
				     "hypervisor memory virt_start 0x%llx is "
				     "not its phys_start 0x%llx",
				     CC_ULL(hv->virt_start),
				     CC_ULL(hv->phys_start));
}

/* ---- platform ------------------------------------------------------ */

/* A device frame's base: present and aligned; `what` names the frame. */
static void config_check_frame_base(struct config_check *c, const char *what,
				    uint64_t base, uint64_t align)
{
	if (base == 0)
		config_check_problem(c, "platform: %s base is missing", what);
	else if (!config_check_aligned(base, align))
		config_check_problem(c,
				     "platform: %s base 0x%llx is not aligned "
				     "to 0x%llx",
				     what, CC_ULL(base), CC_ULL(align));
}

/* The distributor's frame, also its alignment. */
static uint64_t config_check_gicd_size(uint32_t gic_version)
{
	return gic_version == WARDEN_GIC_V2 ? CONFIG_CHECK_GICD_V2_SIZE :
					      CONFIG_CHECK_GICD_SIZE;
}

unsigned int config_check_gic_frames(const struct warden_platform *p,
				     struct config_check_frame *f)
{
	f[0].name = "the GIC distributor";
	f[0].base = p->gicd_base;
	f[0].size = config_check_gicd_size(p->gic_version);
	if (p->gic_version == WARDEN_GIC_V3) {
		f[1].name = "the GICv3 redistributors";
		f[1].base = p->gicr_base;
		f[1].size = CONFIG_CHECK_GICR_STRIDE * p->num_cpus;
	} else {
		/* a cell's GICC is the GICV frame, mapped at the GICC address */
		f[1].name = "the GICv2 CPU interface";
		f[1].base = p->gicc_base;
		f[1].size = CONFIG_CHECK_GICC_SIZE;
	}
	return CONFIG_CHECK_MAX_FRAMES;
}

static void config_check_gic(struct config_check *c,
			     const struct warden_platform *p)
{
	if (p->gic_version != WARDEN_GIC_V2 &&
	    p->gic_version != WARDEN_GIC_V3) {
		config_check_problem(c,
				     "platform: GIC version %u is not 2 or 3",
				     p->gic_version);
		return;
	}
	config_check_frame_base(c, "GICD", p->gicd_base,
				config_check_gicd_size(p->gic_version));
	if (p->gic_version == WARDEN_GIC_V3) {
		config_check_frame_base(c, "GICR", p->gicr_base,
					CONFIG_CHECK_GICR_ALIGN);
		if (p->gicr_stride != CONFIG_CHECK_GICR_STRIDE)
			config_check_problem(c,
					     "platform: GICR stride 0x%llx is "
					     "not 0x%llx",
					     CC_ULL(p->gicr_stride),
					     CONFIG_CHECK_GICR_STRIDE);
		if (p->gic_its_base)
			config_check_frame_base(c, "GICv3 ITS", p->gic_its_base,
						CONFIG_CHECK_ITS_ALIGN);
	} else {
		if (p->gic_its_base)
			config_check_problem(c,
					     "platform: an ITS (gic_its_base "
					     "0x%llx) needs a GICv3",
					     CC_ULL(p->gic_its_base));
		config_check_frame_base(c, "GICC", p->gicc_base,
					CONFIG_CHECK_GICV2_ALIGN);
		config_check_frame_base(c, "GICH", p->gich_base,
					CONFIG_CHECK_GICV2_ALIGN);
		config_check_frame_base(c, "GICV", p->gicv_base,
					CONFIG_CHECK_GICV2_ALIGN);
	}
	if (p->maintenance_irq < CONFIG_CHECK_FIRST_PPI ||
	    p->maintenance_irq >= CONFIG_CHECK_FIRST_SPI)
		config_check_problem(
			c,
			"platform: maintenance IRQ %u is not a PPI "
			"(%u..%u)",
			p->maintenance_irq, CONFIG_CHECK_FIRST_PPI,
			CONFIG_CHECK_FIRST_SPI - 1);
}

const char *config_check_uart_name(uint32_t type)
{
	const char *name;

	switch (type) {
	case WARDEN_UART_NONE:
		name = "no UART";
		break;
	case WARDEN_UART_PL011:
		name = "PL011 UART";
		break;
	case WARDEN_UART_CADENCE:
		name = "Cadence UART";
		break;
	case WARDEN_UART_8250_MMIO32:
		name = "8250 UART (32-bit registers)";
		break;
	case WARDEN_UART_IMX:
		name = "i.MX UART";
		break;
	case WARDEN_UART_BCM2835_AUX:
		name = "BCM2835 mini UART";
		break;
	case WARDEN_UART_MESON:
		name = "Amlogic UART";
		break;
	default:
		name = "";
		break;
	}
	return name;
}

uint64_t config_check_uart_align(uint32_t type)
{
	uint64_t align;

	switch (type) {
	case WARDEN_UART_PL011:
		align = CONFIG_CHECK_PAGE_SIZE; /* a 4 KiB PrimeCell frame */
		break;
	case WARDEN_UART_BCM2835_AUX:
		align = 0x40u;
		break;
	case WARDEN_UART_MESON:
		align = 4u; /* word aligned; config_check_uart_page() */
		break;
	default:
		align = 0x100u; /* the others' blocks end below 0x100 */
		break;
	}
	return align;
}

/*
 * The Amlogic UART's 0x18-byte block is only word aligned: it must still
 * lie in one page, the one the hypervisor maps.  (The other blocks are
 * aligned to their size, so they always do.)
 */
static void config_check_uart_page(struct config_check *c,
				   const struct warden_platform *p)
{
	const uint64_t size = 0x18u;
	const uint64_t in_page = p->uart_base & (CONFIG_CHECK_PAGE_SIZE - 1u);

	if ((p->uart_type == (uint32_t)WARDEN_UART_MESON) &&
	    (in_page > (CONFIG_CHECK_PAGE_SIZE - size))) {
		config_check_problem(c,
				     "platform: Amlogic UART 0x%llx+0x%llx "
				     "crosses a page boundary",
				     CC_ULL(p->uart_base), CC_ULL(size));
	}
}

static void config_check_uart(struct config_check *c,
			      const struct warden_platform *p)
{
	const char *name = config_check_uart_name(p->uart_type);

	/*
	 * Aligned to its register block, so the block is inside the one
	 * page that the hypervisor maps (config.h says each block's size).
	 */
	if (name[0] == '\0') {
		config_check_problem(c,
				     "platform: unknown UART type %u (known: "
				     "0..%u)",
				     p->uart_type,
				     (unsigned int)WARDEN_UART_MESON);
	} else if (p->uart_type == (uint32_t)WARDEN_UART_NONE) {
		/* no console: uart_base is not used */
	} else {
		config_check_frame_base(c, name, p->uart_base,
					config_check_uart_align(p->uart_type));
		config_check_uart_page(c, p);
	}
}

static void config_check_cpus(struct config_check *c,
			      const struct warden_platform *p)
{
	unsigned int i, j;

	if (p->num_cpus == 0 || p->num_cpus > WARDEN_MAX_CPUS) {
		config_check_problem(c, "platform: %u CPUs, not 1..%u",
				     p->num_cpus, WARDEN_MAX_CPUS);
		return;
	}
	/* GICD_ITARGETSRn target one of 8 CPU interfaces (IHI 0048B 4.3.12) */
	if (p->gic_version == WARDEN_GIC_V2 &&
	    p->num_cpus > CONFIG_CHECK_GICV2_MAX_CPUS)
		config_check_problem(c,
				     "platform: %u CPUs, but a GICv2 serves "
				     "%u at most",
				     p->num_cpus, CONFIG_CHECK_GICV2_MAX_CPUS);
	for (i = 0; i < p->num_cpus; i++) {
		if (p->cpu_mpidr[i] & ~CONFIG_CHECK_MPIDR_AFF_MASK)
			config_check_problem(
				c,
				"platform: CPU %u MPIDR 0x%llx has "
				"bits outside Aff3..Aff0 (0x%llx)",
				i, CC_ULL(p->cpu_mpidr[i]),
				CONFIG_CHECK_MPIDR_AFF_MASK);
		for (j = 0; j < i; j++)
			if (p->cpu_mpidr[j] == p->cpu_mpidr[i])
				config_check_problem(c,
						     "platform: CPU %u MPIDR "
						     "0x%llx is also CPU %u's",
						     i, CC_ULL(p->cpu_mpidr[i]),
						     j);
	}
}

static int config_check_is_spi(uint32_t irq)
{
	return irq >= CONFIG_CHECK_FIRST_SPI && irq < WARDEN_MAX_IRQS;
}

/* The SMMU's frame and its two SPIs, which the hypervisor takes. */
static void config_check_smmu(struct config_check *c,
			      const struct warden_platform *p)
{
	if (!p->smmu_base) {
		if (p->smmu_evtq_irq || p->smmu_gerror_irq)
			config_check_problem(
				c,
				"platform: SMMU interrupts %u and %u, but "
				"no SMMU (smmu_base 0)",
				p->smmu_evtq_irq, p->smmu_gerror_irq);
		return;
	}
	config_check_frame_base(c, "SMMU", p->smmu_base,
				CONFIG_CHECK_SMMU_ALIGN);
	if (!config_check_is_spi(p->smmu_evtq_irq) ||
	    !config_check_is_spi(p->smmu_gerror_irq) ||
	    p->smmu_evtq_irq == p->smmu_gerror_irq)
		config_check_problem(
			c,
			"platform: SMMU event queue IRQ %u and global "
			"error IRQ %u must be two different SPIs "
			"(%u..%u)",
			p->smmu_evtq_irq, p->smmu_gerror_irq,
			CONFIG_CHECK_FIRST_SPI, WARDEN_MAX_IRQS - 1);
}

/* The PCI host bridge: its ECAM window and the stream IDs it spans. */
static void config_check_pci(struct config_check *c,
			     const struct warden_platform *p)
{
	uint64_t buses = (uint64_t)p->pci_bus_last + 1 - p->pci_bus_first;

	if (!p->pci_ecam_base) {
		if (p->pci_bus_first || p->pci_bus_last || p->pci_stream_base ||
		    p->pci_intx_irq)
			config_check_problem(
				c,
				"platform: PCI buses %u..%u, stream base "
				"0x%llx, INTx IRQ %u, but no PCI host "
				"(pci_ecam_base 0)",
				p->pci_bus_first, p->pci_bus_last,
				CC_ULL(p->pci_stream_base), p->pci_intx_irq);
		return;
	}
	/* the four INTx lines: SPIs, none of them the SMMU's */
	if (p->pci_intx_irq &&
	    (p->pci_intx_irq < CONFIG_CHECK_FIRST_SPI ||
	     p->pci_intx_irq + 3u >= WARDEN_MAX_IRQS ||
	     (p->smmu_base && (p->smmu_evtq_irq - p->pci_intx_irq < 4u ||
			       p->smmu_gerror_irq - p->pci_intx_irq < 4u))))
		config_check_problem(c,
				     "platform: PCI INTx lines %u..%u: not "
				     "four SPIs of %u..%u apart from the "
				     "SMMU's",
				     p->pci_intx_irq, p->pci_intx_irq + 3u,
				     CONFIG_CHECK_FIRST_SPI,
				     WARDEN_MAX_IRQS - 1);
	config_check_frame_base(c, "PCI ECAM", p->pci_ecam_base,
				CONFIG_CHECK_ECAM_BUS_SIZE);
	if (p->pci_bus_first > p->pci_bus_last)
		config_check_problem(c,
				     "platform: PCI bus range %u..%u is "
				     "empty",
				     p->pci_bus_first, p->pci_bus_last);
	else if ((uint64_t)p->pci_stream_base +
			 ((uint64_t)p->pci_bus_last + 1) * 256u >
		 (1ULL << 32))
		config_check_problem(c,
				     "platform: PCI stream base 0x%llx plus "
				     "the requester IDs of buses %u..%u "
				     "pass 2^32",
				     CC_ULL(p->pci_stream_base),
				     p->pci_bus_first, p->pci_bus_last);
	else if (!config_check_range_ok(p->pci_ecam_base,
					buses * CONFIG_CHECK_ECAM_BUS_SIZE))
		config_check_problem(c,
				     "platform: PCI ECAM 0x%llx for %llu "
				     "buses passes the address limit",
				     CC_ULL(p->pci_ecam_base), CC_ULL(buses));
}

static void config_check_platform(struct config_check *c,
				  const struct warden_platform *p)
{
	config_check_gic(c, p);
	config_check_uart(c, p);
	config_check_cpus(c, p);
	config_check_smmu(c, p);
	config_check_pci(c, p);
}

/* ---- cells (shared by the root cell and inmate cells) -------------- */

static void config_check_cell_desc(struct config_check *c,
				   const struct warden_cell_desc *cell)
{
	unsigned int len =
		config_check_strnlen(cell->name, WARDEN_CELL_NAME_MAX);

	if (!config_check_mem_equal(cell->signature, WARDEN_CELL_SIGNATURE,
				    WARDEN_SIGNATURE_LEN))
		config_check_problem(c, "cell signature is not \"%s\"",
				     WARDEN_CELL_SIGNATURE);
	if (cell->revision != WARDEN_CONFIG_REVISION)
		config_check_problem(c, "cell revision %u is not %u",
				     (unsigned int)cell->revision,
				     (unsigned int)WARDEN_CONFIG_REVISION);
	if (cell->architecture != WARDEN_ARCH_ARM64)
		config_check_problem(c,
				     "cell architecture %u is not arm64 (%u)",
				     (unsigned int)cell->architecture,
				     (unsigned int)WARDEN_ARCH_ARM64);
	if (cell->flags & ~WARDEN_CELL_VALID_FLAGS)
		config_check_problem(c, "unknown cell flags 0x%llx",
				     CC_ULL(cell->flags &
					    ~WARDEN_CELL_VALID_FLAGS));
	if (len == 0)
		config_check_problem(c, "cell name is empty");
	else if (len == WARDEN_CELL_NAME_MAX)
		config_check_problem(c,
				     "cell name is not NUL-terminated within "
				     "%u bytes",
				     WARDEN_CELL_NAME_MAX);
	else if (!config_check_printable(cell->name, len))
		config_check_problem(c,
				     "cell name has non-printable characters");
}

static void config_check_cpu_set(struct config_check *c,
				 const struct warden_cell_desc *cell)
{
	unsigned int num_cpus = c->sys->platform.num_cpus;
	uint64_t known;

	if (num_cpus > WARDEN_MAX_CPUS)
		num_cpus = WARDEN_MAX_CPUS; /* reported by the platform check */
	known = config_check_cpu_mask(num_cpus);
	if (cell->cpu_set == 0)
		config_check_problem(c, "cpu_set is empty");
	else if (cell->cpu_set & ~known)
		config_check_problem(c,
				     "cpu_set 0x%llx has CPUs beyond the %u "
				     "of the platform (0x%llx)",
				     CC_ULL(cell->cpu_set), num_cpus,
				     CC_ULL(cell->cpu_set & ~known));
}

/* Report region i if it touches [base, base + size): `what` names it. */
static void config_check_mem_clash(struct config_check *c, unsigned int i,
				   const struct warden_memory *m,
				   const char *what, uint64_t base,
				   uint64_t size)
{
	if (!config_check_range_ok(base, size) ||
	    !config_check_overlap(m->phys_start, m->size, base, size))
		return;
	config_check_problem(c,
			     "memory region %u (0x%llx+0x%llx) overlaps %s "
			     "(0x%llx+0x%llx)",
			     i, CC_ULL(m->phys_start), CC_ULL(m->size), what,
			     CC_ULL(base), CC_ULL(size));
}

/* The hypervisor's own memory and the GIC frames it owns or emulates. */
static void config_check_mem_reserved(struct config_check *c, unsigned int i,
				      const struct warden_memory *m)
{
	const struct warden_memory *hv = &c->sys->hypervisor_memory;
	const struct warden_platform *p = &c->sys->platform;

	config_check_mem_clash(c, i, m, "hypervisor memory", hv->phys_start,
			       hv->size);
	if (p->smmu_base)
		config_check_mem_clash(c, i, m, "the SMMU", p->smmu_base,
				       CONFIG_CHECK_SMMU_SIZE);
	if (p->gic_version != WARDEN_GIC_V2 && p->gic_version != WARDEN_GIC_V3)
		return;
	if (p->gicd_base)
		config_check_mem_clash(c, i, m, "the GIC distributor",
				       p->gicd_base,
				       config_check_gicd_size(p->gic_version));
	if (p->gic_version == WARDEN_GIC_V3 && p->gic_its_base)
		config_check_mem_clash(c, i, m, "the GICv3 ITS",
				       p->gic_its_base, CONFIG_CHECK_ITS_SIZE);
	/* the hypervisor maps each cell its own CPUs' redistributors */
	if (p->gic_version == WARDEN_GIC_V3 && p->gicr_base)
		config_check_mem_clash(c, i, m, "the GICv3 redistributors",
				       p->gicr_base,
				       CONFIG_CHECK_GICR_STRIDE * p->num_cpus);
	if (p->gic_version != WARDEN_GIC_V2)
		return;
	if (p->gicc_base)
		config_check_mem_clash(c, i, m, "the GICv2 GICC frame",
				       p->gicc_base, CONFIG_CHECK_GICC_SIZE);
	if (p->gich_base)
		config_check_mem_clash(c, i, m, "the GICv2 GICH frame",
				       p->gich_base, CONFIG_CHECK_GICH_SIZE);
	if (p->gicv_base)
		config_check_mem_clash(c, i, m, "the GICv2 GICV frame",
				       p->gicv_base, CONFIG_CHECK_GICV_SIZE);
}

/* Returns 0 if the region is a valid range (usable for overlap checks). */
static int config_check_mem_region(struct config_check *c, unsigned int i,
				   const struct warden_memory *m, int is_root)
{
	int ret = 0;

	if (m->reserved)
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx) has a "
				     "non-zero reserved field",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size));
	if (m->size == 0) {
		config_check_problem(c, "memory region %u (0x%llx) is empty", i,
				     CC_ULL(m->phys_start));
		return -1;
	}
	if (!config_check_aligned(m->phys_start, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(m->virt_start, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(m->size, CONFIG_CHECK_PAGE_SIZE))
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx -> "
				     "0x%llx) is not page aligned",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size),
				     CC_ULL(m->virt_start));
	if (!config_check_range_ok(m->phys_start, m->size) ||
	    !config_check_range_ok(m->virt_start, m->size)) {
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx -> "
				     "0x%llx) wraps around the address space",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size),
				     CC_ULL(m->virt_start));
		ret = -1;
	} else if (!config_check_in_reach(m->phys_start, m->size) ||
		   !config_check_in_reach(m->virt_start, m->size)) {
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx -> "
				     "0x%llx) ends beyond 0x%llx, the 48 bits "
				     "Warden's page tables reach",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size),
				     CC_ULL(m->virt_start),
				     CC_ULL(CONFIG_CHECK_ADDR_LIMIT));
		ret = -1;
	}
	if (m->flags & ~WARDEN_MEM_VALID_FLAGS)
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx) has "
				     "unknown flags 0x%llx",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size),
				     CC_ULL(m->flags &
					    ~WARDEN_MEM_VALID_FLAGS));
	if (!(m->flags & WARDEN_MEM_READ))
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx) is not "
				     "readable (WARDEN_MEM_READ)",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size));
	if ((m->flags & WARDEN_MEM_DMA) && !(m->flags & WARDEN_MEM_IO))
		config_check_problem(
			c,
			"memory region %u (0x%llx+0x%llx) does DMA "
			"(WARDEN_MEM_DMA) but is not a device "
			"(WARDEN_MEM_IO)",
			i, CC_ULL(m->phys_start), CC_ULL(m->size));
	if (is_root && m->phys_start != m->virt_start)
		config_check_problem(c,
				     "memory region %u (0x%llx+0x%llx) of the "
				     "root cell is mapped at 0x%llx, not "
				     "identity",
				     i, CC_ULL(m->phys_start), CC_ULL(m->size),
				     CC_ULL(m->virt_start));
	/* a comm region's page is the hypervisor's: it has no phys_start */
	if (ret == 0 && !config_check_is_comm(m, is_root))
		config_check_mem_reserved(c, i, m);
	return ret;
}

static void config_check_mem_pair(struct config_check *c, unsigned int i,
				  const struct warden_memory *a, unsigned int j,
				  const struct warden_memory *b, int is_root)
{
	int phys = !config_check_is_comm(a, is_root) &&
		   !config_check_is_comm(b, is_root);
	const char *space;

	if (phys && config_check_overlap(a->phys_start, a->size, b->phys_start,
					 b->size))
		space = "physical";
	else if (config_check_overlap(a->virt_start, a->size, b->virt_start,
				      b->size))
		space = "cell (IPA)";
	else
		return;
	config_check_problem(c,
			     "memory region %u (0x%llx+0x%llx -> 0x%llx) "
			     "overlaps memory region %u (0x%llx+0x%llx -> "
			     "0x%llx) in %s addresses",
			     i, CC_ULL(a->phys_start), CC_ULL(a->size),
			     CC_ULL(a->virt_start), j, CC_ULL(b->phys_start),
			     CC_ULL(b->size), CC_ULL(b->virt_start), space);
}

static void config_check_memory(struct config_check *c,
				const struct warden_cell_desc *cell,
				int is_root)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	/* bit i: region i is a valid range; num <= 64 (counts checked) */
	uint64_t ok = 0;
	unsigned int i, j;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (config_check_mem_region(c, i, &mem[i], is_root) == 0)
			ok |= 1ULL << i;
	for (i = 0; i < cell->num_memory_regions; i++)
		for (j = 0; j < i; j++)
			if ((ok >> i & 1) && (ok >> j & 1))
				config_check_mem_pair(c, j, &mem[j], i, &mem[i],
						      is_root);
}

/* Returns 0 if the range is valid (usable for overlap checks). */
static int config_check_irq_range(struct config_check *c, unsigned int i,
				  const struct warden_irq_range *r)
{
	uint64_t end = (uint64_t)r->first + r->count;
	int ret = 0;

	if (r->count == 0) {
		config_check_problem(c, "IRQ range %u (%u+%u) is empty", i,
				     r->first, r->count);
		return -1;
	}
	if (r->first < CONFIG_CHECK_FIRST_SPI) {
		config_check_problem(c,
				     "IRQ range %u (%u+%u) includes SGIs or "
				     "PPIs (below %u), which go with the CPUs",
				     i, r->first, r->count,
				     CONFIG_CHECK_FIRST_SPI);
		ret = -1;
	}
	if (end > WARDEN_MAX_IRQS) {
		config_check_problem(c,
				     "IRQ range %u (%u+%u) ends beyond INTID "
				     "%u",
				     i, r->first, r->count,
				     WARDEN_MAX_IRQS - 1);
		ret = -1;
	}
	return ret;
}

/* The SMMU's SPIs are the hypervisor's: no cell may own them. */
static void config_check_irq_hyp(struct config_check *c, unsigned int i,
				 const struct warden_irq_range *r)
{
	const struct warden_platform *p = &c->sys->platform;
	const uint32_t hyp_irqs[2] = { p->smmu_evtq_irq, p->smmu_gerror_irq };
	unsigned int k;

	if (!p->smmu_base)
		return;
	for (k = 0; k < 2u; k++)
		if (hyp_irqs[k] >= r->first &&
		    hyp_irqs[k] - r->first < r->count)
			config_check_problem(c,
					     "IRQ range %u (%u+%u) includes "
					     "SPI %u, the SMMU's %s interrupt, "
					     "which the hypervisor takes",
					     i, r->first, r->count, hyp_irqs[k],
					     k ? "global error" :
						 "event queue");
}

static void config_check_irqs(struct config_check *c,
			      const struct warden_cell_desc *cell)
{
	const struct warden_irq_range *irqs = warden_cell_irqs(cell);
	uint64_t ok = 0;
	unsigned int i, j;

	for (i = 0; i < cell->num_irq_ranges; i++)
		if (config_check_irq_range(c, i, &irqs[i]) == 0) {
			ok |= 1ULL << i;
			config_check_irq_hyp(c, i, &irqs[i]);
		}
	for (i = 0; i < cell->num_irq_ranges; i++)
		for (j = 0; j < i; j++)
			if ((ok >> i & 1) && (ok >> j & 1) &&
			    config_check_overlap(irqs[j].first, irqs[j].count,
						 irqs[i].first, irqs[i].count))
				config_check_problem(c,
						     "IRQ range %u (%u+%u) "
						     "overlaps IRQ range %u "
						     "(%u+%u)",
						     j, irqs[j].first,
						     irqs[j].count, i,
						     irqs[i].first,
						     irqs[i].count);
}

/* is_root: the root cell of c->sys (identity mapped, no comm region). */
void config_check_cell_common(struct config_check *c,
			      const struct warden_cell_desc *cell, int is_root)
{
	config_check_cell_desc(c, cell);
	if (is_root && (cell->flags & WARDEN_CELL_DIRECT_IRQ))
		config_check_problem(
			c, "flags: direct interrupts (WARDEN_CELL_DIRECT_IRQ)"
			   " are for inmate cells: the root cell's "
			   "interrupts go through the hypervisor");
	config_check_cpu_set(c, cell);
	config_check_memory(c, cell, is_root);
	config_check_irqs(c, cell);
	config_check_links(c, cell, is_root);
}

/* ---- entry point --------------------------------------------------- */

unsigned int config_check_system(const void *blob, uint64_t size,
				 config_report_fn report, void *ctx)
{
	const struct warden_system *sys = blob;
	struct config_check c = {
		.report = report,
		.ctx = ctx,
		.sys = sys,
	};
	uint64_t expected;

	config_check_set_prefix(&c, "system config", "");
	if (!blob || size == 0) {
		config_check_problem(&c, "is empty (0 bytes)");
		return c.problems;
	}
	if (size < sizeof(*sys)) {
		config_check_problem(&c,
				     "%llu bytes, too small for the %llu-byte "
				     "header",
				     CC_ULL(size), CC_ULL(sizeof(*sys)));
		return c.problems;
	}
	config_check_set_prefix(&c, "system config", sys->root_cell.name);
	if (config_check_system_header(&c, sys) ||
	    config_check_cell_counts(&c, &sys->root_cell))
		return c.problems;
	expected = warden_system_size(sys);
	if (size != expected) {
		config_check_problem(&c,
				     "%llu bytes, but its %u memory regions, "
				     "%u IRQ ranges and %u links make %llu",
				     CC_ULL(size),
				     sys->root_cell.num_memory_regions,
				     sys->root_cell.num_irq_ranges,
				     sys->root_cell.num_links,
				     CC_ULL(expected));
		return c.problems;
	}
	config_check_hv_memory(&c, &sys->hypervisor_memory);
	config_check_platform(&c, &sys->platform);
	config_check_cell_common(&c, &sys->root_cell, 1);
	/* the root cell has the machine's own UART, if any */
	if (sys->root_cell.vuart_base || sys->root_cell.vuart_irq)
		config_check_problem(
			&c,
			"emulated console UART (vuart_base 0x%llx, "
			"vuart_irq %u): only inmate cells may "
			"have one, the root cell's must be 0",
			CC_ULL(sys->root_cell.vuart_base),
			sys->root_cell.vuart_irq);
	if (sys->root_cell.num_pci_devices != 0u)
		config_check_problem(&c,
				     "%u PCI devices: only inmate cells list "
				     "them, the root has every function no "
				     "cell takes",
				     sys->root_cell.num_pci_devices);
	if ((sys->root_cell.uart_type != 0u) ||
	    (sys->root_cell.uart_base != 0u)) {
		config_check_problem(
			&c,
			"cell UART (uart_type %u, uart_base 0x%llx): only "
			"inmate cells name one, the root cell's must be 0 "
			"(its console is the platform's uart_type)",
			sys->root_cell.uart_type,
			CC_ULL(sys->root_cell.uart_base));
	}
	return c.problems;
}

/* The root's region holding addr, or NULL. */
static const struct warden_memory *
config_root_region_at(const struct warden_system *sys, uint64_t addr)
{
	const struct warden_memory *m = warden_cell_mem(&sys->root_cell);
	unsigned int i;

	for (i = 0; i < sys->root_cell.num_memory_regions; i++)
		if (addr >= m[i].phys_start &&
		    addr - m[i].phys_start < m[i].size)
			return &m[i];
	return 0;
}

int config_root_covers(const struct warden_system *sys, uint64_t start,
		       uint64_t size)
{
	uint64_t last = start + size - 1; /* inclusive: may be 2^64 - 1 */
	uint64_t addr = start;
	const struct warden_memory *m;

	if (size == 0 || last < start)
		return 0;
	/* each step moves past one region: at most num_memory_regions */
	for (;;) {
		m = config_root_region_at(sys, addr);
		if (!m)
			return 0;
		if (last - m->phys_start <= m->size - 1)
			return 1;
		addr = m->phys_start + m->size;
	}
}
