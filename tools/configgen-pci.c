// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden config create`: the SMMUv3 and the PCI host bridge behind it
 * (struct warden_platform, include/warden/config.h).  The hypervisor takes
 * the SMMU whole: its 128 KiB of registers and every one of its SPIs leave
 * the root cell.  Once it is on, a stream that the config does not
 * describe aborts, so the SMMU is taken only if every master the tree puts
 * behind it is the one PCI host bridge whose iommu-map the config can say
 * (stream = pci_stream_base + requester ID); anything else is refused with
 * the reason.  A host bridge that no SMMU translates for stays the root's,
 * and no PCI function of it can go to a cell.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "configgen.h"

#define CGPCI_SMMU_SIZE 0x20000ull /* two 64 KiB pages, IHI 0070 6.1 */
#define CGPCI_ECAM_BUS 0x100000ull /* 1 MiB of config space per bus */
#define CGPCI_FIRST_SPI 32u
#define CGPCI_PATH 128

struct cgpci {
	const struct fdt *f;
	int gic, smmu, host; /* nodes; -1: none */
	int problems;
	struct configgen_pci *p;
	char why[160]; /* what a note says is wrong */
};

static void cgpci_refuse(struct cgpci *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void cgpci_note(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* A reason not to write a config, as configgen.c's cg_refuse(). */
static void cgpci_refuse(struct cgpci *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	configgen_vsay(CONFIGGEN_REFUSAL, fmt, ap);
	va_end(ap);
	c->problems++;
}

/* A decision to review, as configgen.c's cg_note(). */
static void cgpci_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	configgen_vsay(CONFIGGEN_NOTE, fmt, ap);
	va_end(ap);
}

/* String i of a stringlist property, or NULL. */
static const char *cgpci_string(const struct fdt *f, int node, const char *name,
				int i)
{
	uint32_t len, off = 0;
	const char *s = fdt_prop(f, node, name, &len);

	while (s && off < len) {
		size_t n = strnlen(s + off, len - off);

		if (off + n == len)
			return NULL; /* not NUL-terminated */
		if (!i--)
			return s + off;
		off += (uint32_t)n + 1;
	}
	return NULL;
}

/* The node's interrupt parent: its own or an ancestor's, or -1. */
static int cgpci_irq_parent(const struct fdt *f, int node)
{
	for (; node >= 0; node = f->nodes[node].parent)
		if (fdt_has_prop(f, node, "interrupt-parent"))
			return fdt_by_phandle(
				f,
				fdt_prop_u32(f, node, "interrupt-parent", 0));
	return -1;
}

/* A GIC interrupt specifier <type number flags...>: the SPI's INTID, or 0. */
static uint32_t cgpci_spi(const uint8_t *spec)
{
	uint64_t type = fdt_cells(spec, 1), num = fdt_cells(spec + 4, 1);

	return type == 0 && num < 988 ? CGPCI_FIRST_SPI + (uint32_t)num : 0;
}

/* ---- the SMMU ------------------------------------------------------------ */

/* The one enabled SMMUv3; disabled ones are named, several refused. */
static int cgpci_find_smmu(struct cgpci *c)
{
	const struct fdt *f = c->f;
	char path[CGPCI_PATH];
	int i, found = -1, n = 0;

	for (i = 0; i < f->num_nodes; i++) {
		if (!fdt_compatible(f, i, "arm,smmu-v3"))
			continue;
		fdt_node_path(f, i, path, sizeof(path));
		if (!fdt_enabled(f, i)) {
			cgpci_note("SMMUv3 %s is disabled (status): the "
				   "hypervisor does not take it, so no PCI "
				   "function behind it can go to a cell; if it "
				   "is disabled only to keep Linux off it, "
				   "generate from a tree where it is enabled",
				   path);
			continue;
		}
		n++;
		if (found < 0)
			found = i;
	}
	if (n > 1) {
		cgpci_refuse(c,
			     "%d enabled SMMUv3s: a system config holds one "
			     "(the hypervisor would abort the streams of the "
			     "others' masters); disable the others in the tree",
			     n);
		return -1;
	}
	return found;
}

/* The SMMU's registers: both 64 KiB pages, nothing else. */
static void cgpci_smmu_reg(struct cgpci *c)
{
	struct configgen_pci *p = c->p;
	uint64_t base, size;

	if (fdt_reg_count(c->f, c->smmu) != 1 ||
	    fdt_reg(c->f, c->smmu, 0, &base, &size)) {
		cgpci_refuse(c, "SMMUv3 %s: reg is not one CPU address range",
			     p->smmu_path);
		return;
	}
	if (size < CGPCI_SMMU_SIZE || (base & (CGPCI_SMMU_SIZE / 2 - 1))) {
		cgpci_refuse(
			c,
			"SMMUv3 %s: reg 0x%llx+0x%llx; the hypervisor "
			"takes an SMMUv3 as its two 64 KiB register pages, "
			"0x20000 bytes 64 KiB aligned; disable the SMMU in "
			"the tree to run without it",
			p->smmu_path, (unsigned long long)base,
			(unsigned long long)size);
		return;
	}
	/* IHI 0070 6.1: pages 0 and 1 are the architecture's; more are the
	 * implementation's (PMCGs, ECMDQs), which no cell gets either */
	if (size > CGPCI_SMMU_SIZE)
		cgpci_note("SMMUv3 %s: reg 0x%llx+0x%llx: the hypervisor "
			   "drives its first two 64 KiB pages; the rest of "
			   "the range goes to no cell",
			   p->smmu_path, (unsigned long long)base,
			   (unsigned long long)size);
	p->smmu_base = base;
}

/* One of the SMMU's interrupts: its SPI, by name. */
static void cgpci_smmu_irq(struct cgpci *c, const uint8_t *spec, int i)
{
	struct configgen_pci *p = c->p;
	const char *name = cgpci_string(c->f, c->smmu, "interrupt-names", i);
	uint32_t spi = cgpci_spi(spec);

	if (!spi || !name || p->num_smmu_irqs == CONFIGGEN_SMMU_MAX_IRQS) {
		cgpci_refuse(c,
			     "SMMUv3 %s: interrupt %d is %s; the hypervisor "
			     "needs each of the SMMU's interrupts as a named "
			     "SPI (interrupt-names)",
			     p->smmu_path, i,
			     !spi  ? "not an SPI" :
			     !name ? "not named" :
				     "one too many");
		return;
	}
	if (!strcmp(name, "eventq"))
		p->smmu_evtq_irq = spi;
	else if (!strcmp(name, "gerror"))
		p->smmu_gerror_irq = spi;
	else if (!strcmp(name, "combined"))
		cgpci_refuse(c,
			     "SMMUv3 %s: one combined interrupt (SPI %u); the "
			     "hypervisor needs the event queue's and the "
			     "global errors' as two SPIs",
			     p->smmu_path, spi - CGPCI_FIRST_SPI);
	p->smmu_irqs[p->num_smmu_irqs] = spi;
	snprintf(p->smmu_irq_names[p->num_smmu_irqs++],
		 sizeof(p->smmu_irq_names[0]), "%s", name);
}

/* Its SPIs, all of them the hypervisor's: the GIC's, named. */
static void cgpci_smmu_irqs(struct cgpci *c)
{
	const struct fdt *f = c->f;
	struct configgen_pci *p = c->p;
	uint32_t len, cells = fdt_prop_u32(f, c->gic, "#interrupt-cells", 3);
	const uint8_t *irqs = fdt_prop(f, c->smmu, "interrupts", &len);
	uint32_t off;
	int i = 0;

	if (!irqs || cells < 3 || len % (4 * cells) ||
	    cgpci_irq_parent(f, c->smmu) != c->gic) {
		cgpci_refuse(c,
			     "SMMUv3 %s: no interrupts of the GIC (%s); the "
			     "hypervisor takes its event queue and global "
			     "error SPIs",
			     p->smmu_path,
			     irqs ? "another interrupt parent" :
				    "no interrupts property");
		return;
	}
	for (off = 0; off < len; off += 4 * cells)
		cgpci_smmu_irq(c, irqs + off, i++);
	if (!p->smmu_evtq_irq || !p->smmu_gerror_irq)
		cgpci_refuse(c,
			     "SMMUv3 %s: no \"%s\" interrupt; the hypervisor "
			     "needs the event queue's and the global errors' "
			     "SPIs (interrupt-names \"eventq\", \"gerror\")",
			     p->smmu_path,
			     p->smmu_evtq_irq ? "gerror" : "eventq");
}

/*
 * A master with iommus naming the SMMU: its stream is not a PCI function's,
 * so no config could describe it, and its DMA would abort.
 */
static void cgpci_smmu_masters(struct cgpci *c, uint32_t phandle)
{
	const struct fdt *f = c->f;
	char path[CGPCI_PATH];
	uint32_t len, off;
	int i;

	for (i = 0; i < f->num_nodes; i++) {
		const uint8_t *m = fdt_prop(f, i, "iommus", &len);

		if (!m || !fdt_enabled(f, i))
			continue;
		/* #iommu-cells is 1 (checked): <phandle stream> pairs */
		for (off = 0; off + 8 <= len; off += 8) {
			if (fdt_cells(m + off, 1) != phandle)
				continue;
			fdt_node_path(f, i, path, sizeof(path));
			cgpci_refuse(c,
				     "%s masters DMA through SMMUv3 %s "
				     "(iommus, stream 0x%llx): a system config "
				     "describes only a PCI host bridge's "
				     "streams, and the hypervisor aborts the "
				     "others; disable the SMMU in the tree to "
				     "run without it",
				     path, c->p->smmu_path,
				     (unsigned long long)fdt_cells(m + off + 4,
								   1));
			break;
		}
	}
}

static void cgpci_smmu(struct cgpci *c)
{
	const struct fdt *f = c->f;
	struct configgen_pci *p = c->p;
	uint32_t phandle;

	c->smmu = cgpci_find_smmu(c);
	if (c->smmu < 0)
		return;
	fdt_node_path(f, c->smmu, p->smmu_path, sizeof(p->smmu_path));
	phandle = fdt_prop_u32(f, c->smmu, "phandle", 0);
	if (fdt_prop_u32(f, c->smmu, "#iommu-cells", 1) != 1)
		cgpci_refuse(c,
			     "SMMUv3 %s: #iommu-cells is not 1 (a stream ID)",
			     p->smmu_path);
	cgpci_smmu_reg(c);
	cgpci_smmu_irqs(c);
	if (phandle)
		cgpci_smmu_masters(c, phandle);
}

/* ---- the PCI host bridge ------------------------------------------------- */

/*
 * iommu-map <rid-base smmu stream-base length>: one entry, to the SMMU,
 * covering every requester ID of the buses; a mask that folds requester
 * IDs, or several entries, cannot be said as stream = base + RID.
 * Returns 0, or -1 (refused).
 */
static int cgpci_iommu_map(struct cgpci *c, const uint8_t *map, uint32_t len)
{
	struct configgen_pci *p = c->p;
	uint32_t mask = fdt_prop_u32(c->f, c->host, "iommu-map-mask", 0xffff);
	uint64_t rid, stream, count;

	if (len % 16 || !len) {
		cgpci_refuse(c,
			     "%s: iommu-map is not <rid-base iommu "
			     "stream-base length> entries",
			     p->host_path);
		return -1;
	}
	if (len > 16 || mask != 0xffff) {
		cgpci_refuse(c,
			     "%s: iommu-map %s; the system config says one "
			     "entry without a mask (stream = pci_stream_base + "
			     "requester ID), and the hypervisor would abort "
			     "the streams it cannot say",
			     p->host_path,
			     len > 16 ? "of several entries" :
					"with an iommu-map-mask that folds "
					"requester IDs");
		return -1;
	}
	rid = fdt_cells(map, 1);
	stream = fdt_cells(map + 8, 1);
	count = fdt_cells(map + 12, 1);
	if (rid > (uint64_t)p->bus_first << 8 ||
	    rid + count < ((uint64_t)p->bus_last + 1) << 8 || stream < rid) {
		cgpci_refuse(c,
			     "%s: iommu-map maps requester IDs 0x%llx+0x%llx "
			     "to stream 0x%llx; the system config needs every "
			     "requester ID of buses %u-%u mapped, to stream "
			     "base + requester ID",
			     p->host_path, (unsigned long long)rid,
			     (unsigned long long)count,
			     (unsigned long long)stream, p->bus_first,
			     p->bus_last);
		return -1;
	}
	p->stream_base = (uint32_t)(stream - rid);
	return 0;
}

/*
 * The SPI that the interrupt-map entry at e (left bytes of the map from
 * there) names, or 0; *entry its length.
 */
static uint32_t cgpci_map_spi(struct cgpci *c, const uint8_t *e, uint32_t left,
			      uint32_t *entry)
{
	const struct fdt *f = c->f;
	int parent;
	uint32_t pac, pic;

	/* child unit address (3 cells), pin, parent's phandle */
	if (left < 20)
		return 0;
	parent = fdt_by_phandle(f, (uint32_t)fdt_cells(e + 16, 1));
	if (parent != c->gic)
		return 0;
	pac = fdt_prop_u32(f, parent, "#address-cells", 0);
	pic = fdt_prop_u32(f, parent, "#interrupt-cells", 3);
	*entry = 4 * (3 + 1 + 1 + pac + pic);
	if (pic < 3 || pac > 4 || *entry > left)
		return 0;
	return cgpci_spi(e + 20 + 4 * (size_t)pac);
}

/*
 * interrupt-map: INTA of device 0 on pci_intx_irq, and every entry by the
 * standard swizzle (pin P of device D on pci_intx_irq + (D + P - 1) % 4).
 * Returns the reason it is not, or NULL.
 */
static const char *cgpci_swizzle(struct cgpci *c, const uint8_t *map,
				 uint32_t len)
{
	uint32_t mlen, off, entry = 0, inta = 0, pins = 0, spi, dev, pin;
	uint32_t first = 0; /* the first entry, (dev << 3 | pin) << 16 | spi */
	const uint8_t *mask =
		fdt_prop(c->f, c->host, "interrupt-map-mask", &mlen);

	if (!mask || mlen != 16 || fdt_cells(mask, 1) != 0x1800 ||
	    fdt_cells(mask + 4, 1) || fdt_cells(mask + 8, 1) ||
	    fdt_cells(mask + 12, 1) != 7)
		return "its interrupt-map-mask is not <0x1800 0 0 7>";
	for (off = 0; off < len; off += entry) {
		spi = cgpci_map_spi(c, map + off, len - off, &entry);
		if (!spi)
			return "an entry is not a pin's SPI of the GIC";
		dev = (uint32_t)(fdt_cells(map + off, 1) >> 11) & 3;
		pin = (uint32_t)fdt_cells(map + off + 12, 1);
		if (pin < 1 || pin > 4)
			return "an entry is not a pin's SPI of the GIC";
		if (!inta && spi >= CGPCI_FIRST_SPI + (dev + pin - 1) % 4) {
			inta = spi - (dev + pin - 1) % 4;
			first = (dev << 3 | pin) << 16 | spi;
		}
		if (spi != inta + (dev + pin - 1) % 4) {
			snprintf(c->why, sizeof(c->why),
				 "INT%c of device %u on SPI %u and INT%c of "
				 "device %u on SPI %u are not on the lines of "
				 "the standard swizzle",
				 'A' + (first >> 16 & 7) - 1, first >> 19,
				 (first & 0xffff) - CGPCI_FIRST_SPI,
				 'A' + pin - 1, dev, spi - CGPCI_FIRST_SPI);
			return c->why;
		}
		pins |= 1u << (dev * 4 + pin - 1);
	}
	if (pins != 0xffff)
		return "it does not map every pin of devices 0-3";
	c->p->intx_irq = (uint16_t)inta;
	return NULL;
}

static void cgpci_intx(struct cgpci *c)
{
	struct configgen_pci *p = c->p;
	uint32_t len;
	const uint8_t *map = fdt_prop(c->f, c->host, "interrupt-map", &len);
	const char *why;

	if (!map) {
		cgpci_note("%s: no interrupt-map: pci_intx_irq stays 0, and "
			   "a cell gets no PCI function with an interrupt pin",
			   p->host_path);
		return;
	}
	why = cgpci_swizzle(c, map, len);
	if (why)
		cgpci_note("%s: interrupt-map: %s; pci_intx_irq stays 0, and "
			   "a cell gets no PCI function with an interrupt pin",
			   p->host_path, why);
}

/* The ECAM window and the buses: reg and bus-range. */
static int cgpci_ecam(struct cgpci *c)
{
	struct configgen_pci *p = c->p;
	uint32_t len;
	const uint8_t *br = fdt_prop(c->f, c->host, "bus-range", &len);
	uint64_t first = 0, last = 255, base, size;

	if (br && len == 8) {
		first = fdt_cells(br, 1);
		last = fdt_cells(br + 4, 1);
	}
	if (first > last || last > 255) {
		cgpci_refuse(c, "%s: bus-range %llu-%llu", p->host_path,
			     (unsigned long long)first,
			     (unsigned long long)last);
		return -1;
	}
	p->bus_first = (uint8_t)first;
	p->bus_last = (uint8_t)last;
	if (fdt_reg(c->f, c->host, 0, &base, &size) ||
	    size < (last - first + 1) * CGPCI_ECAM_BUS) {
		cgpci_refuse(c,
			     "%s: reg is not an ECAM window of 1 MiB for each "
			     "of buses %llu-%llu",
			     p->host_path, (unsigned long long)first,
			     (unsigned long long)last);
		return -1;
	}
	p->ecam_base = base;
	return 0;
}

/*
 * Does the host's iommu-map name the SMMU taken?  0: no iommu-map, or
 * another IOMMU's (its DMA is not the taken SMMU's to translate).
 */
static int cgpci_behind_smmu(struct cgpci *c, int host)
{
	uint32_t len, off;
	const uint8_t *map = fdt_prop(c->f, host, "iommu-map", &len);

	for (off = 0; map && c->smmu >= 0 && off + 16 <= len; off += 16)
		if (fdt_by_phandle(c->f, (uint32_t)fdt_cells(map + off + 4,
							     1)) == c->smmu)
			return 1;
	return 0;
}

/*
 * Do the host's MSIs go to a GICv3 ITS (msi-map's first entry, or
 * msi-parent)?  The hypervisor maps the ITS's doorbell into the root's DMA
 * view (its.c); a GICv2m frame it does not.
 */
static int cgpci_msi_to_its(const struct cgpci *c)
{
	uint32_t len;
	const uint8_t *m = fdt_prop(c->f, c->host, "msi-map", &len);
	int node = -1;

	if (m && len >= 16)
		node = fdt_by_phandle(c->f, (uint32_t)fdt_cells(m + 4, 1));
	m = fdt_prop(c->f, c->host, "msi-parent", &len);
	if (node < 0 && m && len >= 4)
		node = fdt_by_phandle(c->f, (uint32_t)fdt_cells(m, 1));
	return node >= 0 && fdt_compatible(c->f, node, "arm,gic-v3-its");
}

/* The host bridge behind the SMMU: ECAM, buses, streams, INTx. */
static void cgpci_take_host(struct cgpci *c)
{
	struct configgen_pci *p = c->p;
	uint32_t len;
	const uint8_t *map = fdt_prop(c->f, c->host, "iommu-map", &len);

	if (cgpci_ecam(c) || cgpci_iommu_map(c, map, len)) {
		p->ecam_base = 0;
		return;
	}
	cgpci_intx(c);
	if ((fdt_has_prop(c->f, c->host, "msi-map") ||
	     fdt_has_prop(c->f, c->host, "msi-parent")) &&
	    !cgpci_msi_to_its(c))
		cgpci_note("%s: msi-map/msi-parent: the root's DMA view maps "
			   "the doorbell of a GICv3 ITS only, so MSIs of the "
			   "root's PCI devices through this controller would "
			   "be blocked; remove them from Linux's tree, and its "
			   "drivers use INTx",
			   p->host_path);
}

/* An ECAM host bridge: the one behind the SMMU, or one that stays root's. */
static void cgpci_host(struct cgpci *c, int node)
{
	struct configgen_pci *p = c->p;
	char path[CGPCI_PATH];

	fdt_node_path(c->f, node, path, sizeof(path));
	if (!cgpci_behind_smmu(c, node)) {
		cgpci_note("PCI host %s: %s, so no PCI function of it can be "
			   "given to a cell (pci_ecam_base 0); its ECAM and "
			   "windows stay the root's",
			   path,
			   c->smmu < 0 ? "no SMMUv3 is taken to confine its "
					 "DMA" :
			   fdt_has_prop(c->f, node, "iommu-map") ?
					 "its iommu-map names no SMMU taken" :
					 "it has no iommu-map to the SMMU");
		return;
	}
	if (c->host >= 0) {
		cgpci_refuse(c,
			     "PCI hosts %s and %s both master DMA through "
			     "SMMUv3 %s: a system config describes one, and "
			     "the hypervisor would abort the other's streams",
			     p->host_path, path, p->smmu_path);
		return;
	}
	c->host = node;
	snprintf(p->host_path, sizeof(p->host_path), "%s", path);
	cgpci_take_host(c);
}

/* Any other node whose iommu-map names the SMMU: not an ECAM host. */
static void cgpci_other_maps(struct cgpci *c)
{
	const struct fdt *f = c->f;
	char path[CGPCI_PATH];
	int i;

	for (i = 0; i < f->num_nodes; i++) {
		if (!fdt_enabled(f, i) ||
		    fdt_compatible(f, i, "pci-host-ecam-generic") ||
		    !cgpci_behind_smmu(c, i))
			continue;
		fdt_node_path(f, i, path, sizeof(path));
		cgpci_refuse(c,
			     "%s masters DMA through SMMUv3 %s (iommu-map) "
			     "but is not a generic ECAM host bridge "
			     "(pci-host-ecam-generic), which is all a system "
			     "config describes; the hypervisor would abort "
			     "its streams",
			     path, c->p->smmu_path);
	}
}

int configgen_pci(const struct fdt *f, int gic, struct configgen_pci *p)
{
	struct cgpci c = { .f = f, .gic = gic, .smmu = -1, .host = -1, .p = p };
	int i;

	memset(p, 0, sizeof(*p));
	cgpci_smmu(&c);
	if (c.problems)
		return c.problems;
	for (i = 0; i < f->num_nodes; i++)
		if (fdt_enabled(f, i) &&
		    fdt_compatible(f, i, "pci-host-ecam-generic"))
			cgpci_host(&c, i);
	cgpci_other_maps(&c);
	if (c.smmu < 0 || c.problems)
		return c.problems;
	cgpci_note("the hypervisor takes SMMUv3 %s (0x%llx+0x20000, %d SPIs): "
		   "Linux must not drive it; boot Linux with the node "
		   "disabled or with initcall_blacklist=arm_smmu_driver_init "
		   "(`warden enable` refuses an SMMU that is on)",
		   p->smmu_path, (unsigned long long)p->smmu_base,
		   p->num_smmu_irqs);
	if (c.host < 0)
		cgpci_note("SMMUv3 %s: no PCI host bridge behind it, so no PCI "
			   "function can be given to a cell",
			   p->smmu_path);
	return 0;
}

/* ---- C source ------------------------------------------------------------ */

void configgen_pci_emit_header(const struct configgen_pci *p, FILE *out)
{
	int i;

	if (!p->smmu_base)
		return;
	fprintf(out, " * %-12sSMMUv3 %s, the hypervisor's with its SPIs",
		"SMMU:", p->smmu_path);
	for (i = 0; i < p->num_smmu_irqs; i++)
		fprintf(out, "%s%u", i ? ", " : " ",
			p->smmu_irqs[i] - CGPCI_FIRST_SPI);
	fputc('\n', out);
	if (p->ecam_base)
		fprintf(out,
			" * %-12s%s, buses %u-%u, stream ID 0x%x + requester "
			"ID\n",
			"PCI host:", p->host_path, p->bus_first, p->bus_last,
			p->stream_base);
}

void configgen_pci_emit_platform(const struct configgen_pci *p, FILE *out)
{
	if (!p->smmu_base)
		return;
	fprintf(out,
		"\t\t\t.smmu_base = 0x%llx,\n"
		"\t\t\t.smmu_evtq_irq = %u, /* SPI %u */\n"
		"\t\t\t.smmu_gerror_irq = %u, /* SPI %u */\n",
		(unsigned long long)p->smmu_base, p->smmu_evtq_irq,
		p->smmu_evtq_irq - CGPCI_FIRST_SPI, p->smmu_gerror_irq,
		p->smmu_gerror_irq - CGPCI_FIRST_SPI);
	if (!p->ecam_base)
		return;
	fprintf(out,
		"\t\t\t.pci_ecam_base = 0x%llx,\n"
		"\t\t\t.pci_bus_first = %u,\n"
		"\t\t\t.pci_bus_last = %u,\n"
		"\t\t\t.pci_stream_base = 0x%x,\n",
		(unsigned long long)p->ecam_base, p->bus_first, p->bus_last,
		p->stream_base);
	if (p->intx_irq)
		fprintf(out,
			"\t\t\t/* SPI %u: INTA of device 0; the standard "
			"swizzle */\n\t\t\t.pci_intx_irq = %u,\n",
			p->intx_irq - CGPCI_FIRST_SPI, p->intx_irq);
}

/* The comment of the root's IRQ ranges: which SPIs the SMMU's are. */
void configgen_pci_emit_irqs(const struct configgen_pci *p, FILE *out)
{
	int i;

	if (!p->num_smmu_irqs)
		return;
	fprintf(out, "\t\t * but the SMMU's, which are the hypervisor's:");
	for (i = 0; i < p->num_smmu_irqs; i++)
		fprintf(out, "%s%u (%s)", i ? ", " : "\n\t\t * ",
			p->smmu_irqs[i], p->smmu_irq_names[i]);
	fputc('\n', out);
}
