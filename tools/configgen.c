// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden config create`: the system config of a machine, from its device
 * tree.  What the hypervisor needs (PSCI through SMC, a GIC with the
 * virtualization extensions, a PL011 for its console) is taken from the
 * tree or refused with the reason; the root cell gets all RAM but the
 * hypervisor's, every enabled device the CPU can address, and every SPI.
 * An SMMUv3 and its PCI host bridge are configgen-pci.c's: the SMMU is the
 * hypervisor's, and leaves the root with its SPIs.
 * The config is built in binary first and passed through the same checker
 * as `config check`, so that only a valid config is ever written as C.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <config-check.h>
#include <warden/config.h>

#include "configgen.h"
#include "warden.h"

#define CG_PAGE 0x1000ull
#define CG_MAX_MEM CONFIG_CHECK_MAX_MEM_REGIONS
#define CG_LABEL 64 /* a region comment fits a line */
#define CG_GICR_STRIDE 0x20000ull
#define CG_MPIDR_AFF 0xff00ffffffull
#define CG_FIRST_SPI 32u
#define CG_LAST_INTID 1019u /* GIC INTIDs 1020-1023 are special */
/* every SPI, less the SMMU's (at most one gap each) */
#define CG_MAX_IRQ_RANGES (CONFIGGEN_SMMU_MAX_IRQS + 1)

struct cg_region {
	uint64_t start, size;
	uint32_t flags;
	char label[CG_LABEL];
};

struct cg {
	const struct fdt *f;
	const struct configgen_opts *o;
	int problems;
	struct warden_platform plat;
	char cpu_paths[WARDEN_MAX_CPUS][128];
	char gic_path[128], uart_path[128], psci_path[128];
	struct configgen_range ram[CONFIGGEN_MAX_RANGES];
	int num_ram;
	struct configgen_range linux_ram[CONFIGGEN_MAX_RANGES];
	int num_linux;
	struct configgen_range rsv[CONFIGGEN_MAX_RANGES];
	int num_rsv;
	struct configgen_range free_ram[CONFIGGEN_MAX_RANGES];
	int num_free;
	struct configgen_range hv;
	uint64_t linux_mem; /* offline: what mem= Linux gets */
	/* ranges no root region may touch: the GIC's frames, the SMMU's */
	struct configgen_range gic[8];
	int num_gic;
	struct cg_region dev[CONFIGGEN_MAX_RANGES];
	int num_dev, dev_dropped;
	int disabled; /* device subtrees left out for their status */
	struct cg_region mem[CG_MAX_MEM];
	int num_mem;
	struct configgen_pci pci;
	struct warden_irq_range irqs[CG_MAX_IRQ_RANGES];
	int num_irqs;
};

static void cg_refuse(struct cg *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void cg_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void configgen_vsay(const char *prefix, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* A reason not to write a config. */
static void cg_refuse(struct cg *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	configgen_vsay(CONFIGGEN_REFUSAL, fmt, ap);
	va_end(ap);
	g->problems++;
}

/* A decision made without certainty, for the user to review. */
static void cg_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	configgen_vsay(CONFIGGEN_NOTE, fmt, ap);
	va_end(ap);
}

/*
 * "  33:   12   0   0   0     GICv3  33 Level     uart-pl011": after the
 * per-CPU counts, the chip, its hardware number (the INTID, for the GIC),
 * the trigger and the handlers' names.
 */
int configgen_linux_irqs(const char *text, struct configgen_irq *irqs, int max)
{
	const char *line = strchr(text, '\n');
	int n = 0;

	while (line && *++line && n < max) {
		char chip[32], type[32], name[64];
		unsigned int intid;
		const char *p = strchr(line, ':');
		const char *end = strchr(line, '\n');

		if (!p || (end && p > end))
			break;
		/* skip the counts */
		for (p++; *p == ' ' || (*p >= '0' && *p <= '9'); p++)
			;
		/* The kernel's decimal hwirq fits (GIC INTIDs are below
		 * 2^24), and its range is checked next.
		 * NOLINTNEXTLINE(cert-err34-c) */
		if (sscanf(p, "%31s %u %31s %63[^\n]", chip, &intid, type,
			   name) == 4 &&
		    !strncmp(chip, "GIC", 3) && intid >= 32 && intid < 1020) {
			irqs[n].intid = intid;
			snprintf(irqs[n++].name, sizeof(irqs[0].name), "%s",
				 name + strspn(name, " "));
		}
		line = end;
	}
	return n;
}

uint64_t configgen_parse_size(const char *s)
{
	static const char units[] = "KMGT";
	const char *unit;
	char *end;
	unsigned long long v;
	uint64_t mult = 1;

	if (!s || !*s || *s == '-')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return 0;
	/* K, M, G, T: 2^10 to 2^40 */
	unit = *end ? strchr(units, toupper((unsigned char)*end)) : NULL;
	if (unit && *unit) {
		mult = 1ull << (10 * (unit - units + 1));
		end++;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' && end[1] == 'B' ? 2 : 1;
	if (*end || v > UINT64_MAX / mult)
		return 0;
	return (uint64_t)v * mult;
}

/* ---- ranges ------------------------------------------------------------ */

static int cg_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

static int cg_range_cmp(const void *a, const void *b)
{
	const struct configgen_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort and merge overlapping or touching ranges; returns the new count. */
static int cg_ranges_merge(struct configgen_range *r, int n)
{
	int i, out = 0;

	qsort(r, (size_t)n, sizeof(*r), cg_range_cmp);
	for (i = 0; i < n; i++) {
		struct configgen_range *last = out ? &r[out - 1] : NULL;

		if (!r[i].size)
			continue;
		if (last && r[i].start <= last->start + last->size) {
			uint64_t end = r[i].start + r[i].size;

			if (end > last->start + last->size)
				last->size = end - last->start;
			continue;
		}
		r[out++] = r[i];
	}
	return out;
}

/* dst = a minus every range of b (both sorted and merged); the count. */
static int cg_ranges_subtract(const struct configgen_range *a, int na,
			      const struct configgen_range *b, int nb,
			      struct configgen_range *dst)
{
	int i, j, n = 0;

	for (i = 0; i < na; i++) {
		uint64_t cur = a[i].start, end = a[i].start + a[i].size;

		for (j = 0; j < nb && cur < end; j++) {
			uint64_t bs = b[j].start, be = b[j].start + b[j].size;

			if (be <= cur || bs >= end)
				continue;
			if (bs > cur && n < CONFIGGEN_MAX_RANGES)
				dst[n++] = (struct configgen_range){ cur,
								     bs - cur };
			cur = be;
		}
		if (cur < end && n < CONFIGGEN_MAX_RANGES)
			dst[n++] = (struct configgen_range){ cur, end - cur };
	}
	return n;
}

/* ---- CPUs and PSCI ----------------------------------------------------- */

static void cg_cpu(struct cg *g, int node, uint32_t ac)
{
	const struct fdt *f = g->f;
	const char *method = fdt_prop_str(f, node, "enable-method");
	char path[128];
	uint32_t len;
	const uint8_t *reg = fdt_prop(f, node, "reg", &len);
	uint64_t mpidr;
	unsigned int n = g->plat.num_cpus;

	fdt_node_path(f, node, path, sizeof(path));
	if (!reg || (ac != 1 && ac != 2) || len < 4 * ac) {
		cg_refuse(g, "%s: no MPIDR in its reg", path);
		return;
	}
	mpidr = fdt_cells(reg, ac);
	if (mpidr & ~CG_MPIDR_AFF)
		cg_refuse(g, "%s: reg 0x%llx is not an MPIDR affinity", path,
			  (unsigned long long)mpidr);
	if (!method || strcmp(method, "psci"))
		cg_refuse(g,
			  "%s starts with enable-method \"%s\"; Warden "
			  "needs \"psci\" (it takes CPUs from Linux and gives "
			  "them to cells through PSCI)",
			  path, method ? method : "(none)");
	if (n == WARDEN_MAX_CPUS) {
		cg_refuse(g, "%s: more than %d CPUs", path, WARDEN_MAX_CPUS);
		return;
	}
	g->plat.cpu_mpidr[n] = mpidr;
	snprintf(g->cpu_paths[n], sizeof(g->cpu_paths[n]), "%s", path);
	g->plat.num_cpus = n + 1;
}

static void cg_cpus(struct cg *g)
{
	const struct fdt *f = g->f;
	int cpus = fdt_path(f, "/cpus"), c;

	if (cpus < 0) {
		cg_refuse(g, "no /cpus node");
		return;
	}
	for (c = f->nodes[cpus].first_child; c >= 0;
	     c = f->nodes[c].next_sibling) {
		const char *type = fdt_prop_str(f, c, "device_type");

		if (!type || strcmp(type, "cpu") || !fdt_enabled(f, c))
			continue;
		cg_cpu(g, c, fdt_addr_cells(f, cpus));
	}
	if (!g->plat.num_cpus)
		cg_refuse(g, "/cpus has no enabled CPU");
}

/*
 * Warden runs at EL2 and forwards PSCI to the firmware at EL3 with SMC;
 * PSCI through HVC would be the hypervisor's own job (docs/architecture.md).
 */
static void cg_psci(struct cg *g)
{
	const struct fdt *f = g->f;
	const char *method;
	int i;

	for (i = 0; i < f->num_nodes; i++)
		if (fdt_compatible(f, i, "arm,psci-1.0") ||
		    fdt_compatible(f, i, "arm,psci-0.2"))
			break;
	if (i == f->num_nodes) {
		for (i = 0; i < f->num_nodes; i++)
			if (fdt_compatible(f, i, "arm,psci"))
				break;
		if (i < f->num_nodes)
			cg_refuse(g, "PSCI 0.1 only (compatible \"arm,psci\"); "
				     "Warden needs PSCI 0.2 or later");
		else
			cg_refuse(g, "no PSCI node (compatible "
				     "\"arm,psci-0.2\" or \"arm,psci-1.0\"); "
				     "Warden needs PSCI firmware");
		return;
	}
	fdt_node_path(f, i, g->psci_path, sizeof(g->psci_path));
	method = fdt_prop_str(f, i, "method");
	if (!method || strcmp(method, "smc"))
		cg_refuse(g,
			  "%s: PSCI method \"%s\"; Warden needs \"smc\" "
			  "(firmware at EL3: EL2 is the hypervisor's)",
			  g->psci_path, method ? method : "(none)");
}

/* ---- GIC --------------------------------------------------------------- */

/* The interrupt controller the root node names, else the first GIC. */
static int cg_find_gic(const struct fdt *f, int *version)
{
	/* GICv2 with the virtualization extensions (if its reg says so) */
	static const char *const v2[] = { "arm,gic-400", "arm,cortex-a15-gic",
					  "arm,cortex-a7-gic",
					  "qcom,msm-qgic2" };
	int i, parent = fdt_by_phandle(f, fdt_prop_u32(f, 0, "interrupt-parent",
						       0));
	unsigned int k;

	for (i = parent >= 0 ? parent : 0; i < f->num_nodes; i++) {
		if (!fdt_enabled(f, i) ||
		    !fdt_has_prop(f, i, "interrupt-controller"))
			goto next;
		*version = WARDEN_GIC_V3;
		if (fdt_compatible(f, i, "arm,gic-v3"))
			return i;
		*version = WARDEN_GIC_V2;
		for (k = 0; k < sizeof(v2) / sizeof(v2[0]); k++)
			if (fdt_compatible(f, i, v2[k]))
				return i;
next:
		if (i == parent) {
			parent = -1;
			i = -1; /* not a GIC: search from the start */
		}
	}
	return -1;
}

/* Frame i of the GIC's reg, or 0 (then refused as missing). */
static uint64_t cg_gic_frame(struct cg *g, int node, int i, const char *what,
			     uint64_t *size)
{
	uint64_t addr, sz;

	if (fdt_reg(g->f, node, i, &addr, &sz)) {
		cg_refuse(g, "%s: no %s in reg (entry %d)%s", g->gic_path, what,
			  i,
			  g->plat.gic_version == WARDEN_GIC_V2 && i >= 2 ?
				  ": no virtualization extensions" :
				  "");
		return 0;
	}
	if (g->num_gic < 8)
		g->gic[g->num_gic++] = (struct configgen_range){ addr, sz };
	if (size)
		*size = sz;
	return addr;
}

/*
 * A GICv2 CPU interface (GICC, or its virtual twin GICV) given a 128 KiB
 * window is the 64 KiB-aliased layout of SoCs such as the ZynqMP: each
 * 4 KiB page of the GIC-400 repeats across 64 KiB, so the 8 KiB interface
 * is contiguous only from the last alias of its first page, at +0xf000
 * (where GICC_DIR, at +0x1000, is the first alias of the second page).
 * Linux uses the same base; from the window's start, +0x1000 would be
 * GICC_CTLR again.
 */
static uint64_t cg_gicv2_cpu_frame(struct cg *g, int node, int i,
				   const char *what)
{
	uint64_t size = 0, base = cg_gic_frame(g, node, i, what, &size);
	uint64_t used = base + 0xf000u;

	if (base && size == 0x20000) {
		cg_note("%s: %s is in a 128 KiB window, the 64 KiB-aliased "
			"layout: used at 0x%llx, where its two pages are "
			"adjacent",
			g->gic_path, what, (unsigned long long)used);
		return used;
	}
	return base;
}

/* The maintenance interrupt: a PPI in the GIC's own interrupts. */
static void cg_gic_maintenance(struct cg *g, int node)
{
	uint32_t len, cells = fdt_prop_u32(g->f, node, "#interrupt-cells", 3);
	const uint8_t *p = fdt_prop(g->f, node, "interrupts", &len);
	uint64_t type, num;

	if (!p || cells < 2 || len < 4 * cells) {
		cg_refuse(g, "%s: no maintenance interrupt (interrupts)",
			  g->gic_path);
		return;
	}
	type = fdt_cells(p, 1);
	num = fdt_cells(p + 4, 1);
	if (type != 1 || num > 15) {
		cg_refuse(g,
			  "%s: maintenance interrupt <%llu %llu> is not a "
			  "PPI",
			  g->gic_path, (unsigned long long)type,
			  (unsigned long long)num);
		return;
	}
	g->plat.maintenance_irq = 16 + (uint32_t)num;
}

static void cg_gic(struct cg *g)
{
	const struct fdt *f = g->f;
	int version = 0, node = cg_find_gic(f, &version);
	uint64_t gicr_size = 0, frames;

	if (node < 0) {
		cg_refuse(g, "no GICv2 (gic-400, cortex-a15-gic, "
			     "cortex-a7-gic, msm-qgic2) or GICv3 interrupt "
			     "controller");
		return;
	}
	fdt_node_path(f, node, g->gic_path, sizeof(g->gic_path));
	g->plat.gic_version = (uint32_t)version;
	g->plat.gicd_base = cg_gic_frame(g, node, 0, "GICD", NULL);
	if (version == WARDEN_GIC_V3) {
		if (fdt_prop_u32(f, node, "#redistributor-regions", 1) != 1)
			cg_refuse(g,
				  "%s: %u redistributor regions; Warden "
				  "supports one",
				  g->gic_path,
				  fdt_prop_u32(f, node,
					       "#redistributor-regions", 1));
		if (fdt_prop_u32(f, node, "redistributor-stride",
				 CG_GICR_STRIDE) != CG_GICR_STRIDE)
			cg_refuse(g,
				  "%s: redistributor stride is not 0x20000 "
				  "(GICv4 frames?)",
				  g->gic_path);
		g->plat.gicr_base =
			cg_gic_frame(g, node, 1, "GICR", &gicr_size);
		g->plat.gicr_stride = CG_GICR_STRIDE;
		frames = gicr_size / CG_GICR_STRIDE;
		if (g->plat.gicr_base && frames < g->plat.num_cpus)
			cg_refuse(g,
				  "%s: the GICR region holds %llu "
				  "redistributors for %u CPUs",
				  g->gic_path, (unsigned long long)frames,
				  g->plat.num_cpus);
	} else {
		g->plat.gicc_base = cg_gicv2_cpu_frame(g, node, 1, "GICC");
		g->plat.gich_base = cg_gic_frame(g, node, 2, "GICH", NULL);
		g->plat.gicv_base = cg_gicv2_cpu_frame(g, node, 3, "GICV");
	}
	cg_gic_maintenance(g, node);
}

/*
 * The GIC's subnodes are not the root cell's: the subtree is skipped when
 * devices are collected.  Say what that means for each of them, so that
 * nothing is dropped silently.
 */
static void cg_gic_child(struct cg *g, int node)
{
	static const struct {
		const char *compat, *what, *why;
	} parts[] = {
		{ "arm,gic-v3-its", "GICv3 ITS",
		  " as memory: it is the platform's gic_its_base, whose "
		  "control frame the hypervisor traps for the root (its "
		  "MSIs keep working, cells get no LPIs)" },
		{ "arm,gic-v2m-frame", "GICv2m MSI frame",
		  " (nor to any cell): devices write it directly, so the "
		  "root's MSIs still work, but a DMA-capable device can raise "
		  "any SPI through it" },
	};
	const struct fdt *f = g->f;
	const char *what = "GIC part", *why = "";
	uint64_t addr, size;
	char path[256];
	size_t i;

	if (!fdt_enabled(f, node) || fdt_reg(f, node, 0, &addr, &size))
		return;
	fdt_node_path(f, node, path, sizeof(path));
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (fdt_compatible(f, node, parts[i].compat)) {
			what = parts[i].what;
			why = parts[i].why;
		}
	/* one ITS: the first (a second would be refused at enable) */
	if (fdt_compatible(f, node, "arm,gic-v3-its") &&
	    g->plat.gic_version == WARDEN_GIC_V3 && !g->plat.gic_its_base)
		g->plat.gic_its_base = addr;
	cg_note("%s %s (0x%llx+0x%llx) is not given to the root cell%s", what,
		path, (unsigned long long)addr, (unsigned long long)size, why);
}

static void cg_gic_children(struct cg *g)
{
	int gic = fdt_path(g->f, g->gic_path), c;

	if (gic < 0)
		return;
	for (c = g->f->nodes[gic].first_child; c >= 0;
	     c = g->f->nodes[c].next_sibling)
		cg_gic_child(g, c);
}

/* ---- SMMU and PCI host (configgen-pci.c) ------------------------------- */

static void cg_smmu_pci(struct cg *g)
{
	const struct configgen_pci *p = &g->pci;

	g->problems +=
		configgen_pci(g->f, fdt_path(g->f, g->gic_path), &g->pci);
	g->plat.smmu_base = p->smmu_base;
	g->plat.smmu_evtq_irq = p->smmu_evtq_irq;
	g->plat.smmu_gerror_irq = p->smmu_gerror_irq;
	g->plat.pci_ecam_base = p->ecam_base;
	if (p->ecam_base) {
		g->plat.pci_bus_first = p->bus_first;
		g->plat.pci_bus_last = p->bus_last;
		g->plat.pci_intx_irq = p->intx_irq;
		g->plat.pci_stream_base = p->stream_base;
	}
	/* no root region may reach into the SMMU, nor join across it */
	if (p->smmu_base && g->num_gic < 8)
		g->gic[g->num_gic++] =
			(struct configgen_range){ p->smmu_base, 0x20000 };
}

/* The root's SPIs: every one but the SMMU's. */
static void cg_root_irqs(struct cg *g)
{
	uint32_t next = CG_FIRST_SPI, irq;
	int i;

	g->num_irqs = 0;
	for (irq = CG_FIRST_SPI; irq <= CG_LAST_INTID + 1; irq++) {
		int hyp = irq > CG_LAST_INTID;

		for (i = 0; i < g->pci.num_smmu_irqs; i++)
			hyp |= g->pci.smmu_irqs[i] == irq;
		if (!hyp)
			continue;
		if (irq > next && g->num_irqs < CG_MAX_IRQ_RANGES)
			g->irqs[g->num_irqs++] =
				(struct warden_irq_range){ next, irq - next };
		next = irq + 1;
	}
}

/* ---- console ------------------------------------------------------------ */

/* The node of stdout-path ("serial0:115200n8" or "/pl011@9000000"). */
static int cg_stdout_node(const struct fdt *f)
{
	const char *sp = fdt_prop_str(f, fdt_path(f, "/chosen"), "stdout-path");
	char path[256];
	const char *alias;

	if (!sp)
		return -1;
	snprintf(path, sizeof(path), "%.*s", (int)strcspn(sp, ":"), sp);
	if (path[0] == '/')
		return fdt_path(f, path);
	alias = fdt_prop_str(f, fdt_path(f, "/aliases"), path);
	return alias ? fdt_path(f, alias) : -1;
}

/*
 * The UARTs the hypervisor drives (config.h, uart_type), by compatible.
 * The i.MX UART has one per SoC ("fsl,imx6q-uart", "fsl,imx21-uart"...),
 * matched by cg_is_imx_uart().
 */
static const struct cg_uart {
	const char *compat;
	uint32_t type;
} cg_uarts[] = {
	{ "arm,pl011", WARDEN_UART_PL011 },
	{ "cdns,uart-r1p12", WARDEN_UART_CADENCE },
	{ "xlnx,xuartps", WARDEN_UART_CADENCE },
	{ "xlnx,zynqmp-uart", WARDEN_UART_CADENCE },
	{ "snps,dw-apb-uart", WARDEN_UART_8250_MMIO32 },
	{ "brcm,bcm2835-aux-uart", WARDEN_UART_BCM2835_AUX },
	{ "amlogic,meson-gx-uart", WARDEN_UART_MESON },
	{ "amlogic,meson-ao-uart", WARDEN_UART_MESON },
};

#define CG_KNOWN_UARTS                                                   \
	"PL011, Cadence, DesignWare 8250 (snps,dw-apb-uart), i.MX "      \
	"(fsl,imx*-uart), BCM2835 mini UART (brcm,bcm2835-aux-uart) or " \
	"Amlogic (amlogic,meson-gx-uart)"

/* "fsl,imx<soc>-uart", but not the LPUART ("fsl,imx7ulp-lpuart"). */
static int cg_is_imx_uart(const char *c)
{
	size_t n = strlen(c);

	return !strncmp(c, "fsl,imx", 7) && n > 12 &&
	       !strcmp(c + n - 5, "-uart") && strcmp(c + n - 7, "lpuart") != 0;
}

/* The uart_type of node from its compatible, or WARDEN_UART_NONE. */
static uint32_t cg_uart_type(const struct fdt *f, int node)
{
	uint32_t len, off = 0;
	const char *c = fdt_prop(f, node, "compatible", &len);
	size_t i;

	for (i = 0; i < sizeof(cg_uarts) / sizeof(cg_uarts[0]); i++)
		if (fdt_compatible(f, node, cg_uarts[i].compat))
			return cg_uarts[i].type;
	while (c && off < len) {
		const char *s = c + off;
		size_t n = strnlen(s, len - off);

		if (off + n < len && cg_is_imx_uart(s))
			return WARDEN_UART_IMX;
		off += (uint32_t)n + 1;
	}
	return WARDEN_UART_NONE;
}

/* A uart_type's name in the generated C, and in its comment. */
static const char *cg_uart_name(uint32_t type, int macro)
{
	switch (type) {
	case WARDEN_UART_PL011:
		return macro ? "WARDEN_UART_PL011" : "PL011";
	case WARDEN_UART_CADENCE:
		return macro ? "WARDEN_UART_CADENCE" : "Cadence UART";
	case WARDEN_UART_8250_MMIO32:
		return macro ? "WARDEN_UART_8250_MMIO32" :
			       "8250 (32-bit registers)";
	case WARDEN_UART_IMX:
		return macro ? "WARDEN_UART_IMX" : "i.MX UART";
	case WARDEN_UART_BCM2835_AUX:
		return macro ? "WARDEN_UART_BCM2835_AUX" : "BCM2835 mini UART";
	case WARDEN_UART_MESON:
		return macro ? "WARDEN_UART_MESON" : "Amlogic UART";
	default:
		return macro ? "WARDEN_UART_NONE" : "none";
	}
}

/* The enabled UART of a known kind at addr, or -1. */
static int cg_uart_at(const struct fdt *f, uint64_t want)
{
	uint64_t addr, size;
	int i;

	for (i = 0; i < f->num_nodes; i++)
		if (cg_uart_type(f, i) != WARDEN_UART_NONE &&
		    fdt_enabled(f, i) && !fdt_reg(f, i, 0, &addr, &size) &&
		    addr == want)
			return i;
	return -1;
}

/* Where the console option points, or the DT's stdout-path. */
static int cg_console_node(struct cg *g)
{
	const struct fdt *f = g->f;
	const char *c = g->o->console;
	int node;

	if (!c)
		return cg_stdout_node(f);
	if (c[0] == '/') {
		node = fdt_path(f, c);
		if (node < 0)
			cg_refuse(g, "--console %s: no such node", c);
		return node;
	}
	node = cg_uart_at(f, configgen_parse_size(c));
	if (node < 0)
		cg_refuse(g,
			  "--console %s: no enabled UART the hypervisor "
			  "drives (" CG_KNOWN_UARTS ") at that address",
			  c);
	return node;
}

/*
 * A 16550 is WARDEN_UART_8250_MMIO32 only with its registers 4 bytes apart
 * and read 32 bits wide (the binding's defaults are 0 and 1).
 */
static int cg_8250_spacing(struct cg *g, int node)
{
	uint32_t shift = fdt_prop_u32(g->f, node, "reg-shift", 0);
	uint32_t width = fdt_prop_u32(g->f, node, "reg-io-width", 1);

	if (shift == 2 && width == 4)
		return 0;
	cg_refuse(g,
		  "console %s: an 8250 with reg-shift %u and reg-io-width "
		  "%u; the hypervisor drives only 32-bit registers 4 bytes "
		  "apart (reg-shift 2, reg-io-width 4); choose another with "
		  "--console PATH, or run without: --console none",
		  g->uart_path, shift, width);
	return -1;
}

static void cg_console(struct cg *g)
{
	const struct fdt *f = g->f;
	uint64_t base, size;
	const char *compat;
	uint32_t type;
	int node;

	if (g->o->console && !strcmp(g->o->console, "none")) {
		g->plat.uart_type = WARDEN_UART_NONE;
		cg_note("--console none: the hypervisor will have no console "
			"(inmates' output stays in their rings)");
		return;
	}
	node = cg_console_node(g);
	if (node < 0) {
		if (!g->o->console)
			cg_refuse(g, "no console: /chosen/stdout-path names "
				     "no node; choose a UART with --console "
				     "PATH, or --console none");
		return;
	}
	fdt_node_path(f, node, g->uart_path, sizeof(g->uart_path));
	type = cg_uart_type(f, node);
	if (type == WARDEN_UART_NONE) {
		compat = fdt_prop_str(f, node, "compatible");
		cg_refuse(g,
			  "console %s (compatible \"%s\") is not a UART the "
			  "hypervisor drives (" CG_KNOWN_UARTS "); choose one "
			  "with --console PATH, or run without: --console none",
			  g->uart_path, compat ? compat : "(none)");
		return;
	}
	if (type == WARDEN_UART_8250_MMIO32 && cg_8250_spacing(g, node))
		return;
	if (fdt_reg(f, node, 0, &base, &size)) {
		cg_refuse(g, "console %s: no CPU address in its reg",
			  g->uart_path);
		return;
	}
	g->plat.uart_base = base;
	g->plat.uart_type = type;
}

/* ---- RAM ---------------------------------------------------------------- */

static void cg_ram(struct cg *g)
{
	const struct fdt *f = g->f;
	uint64_t addr, size;
	int i, r;

	memcpy(g->ram, g->o->ram, sizeof(g->ram[0]) * (size_t)g->o->num_ram);
	g->num_ram = g->o->num_ram;
	for (i = 0; !g->o->num_ram && i < f->num_nodes; i++) {
		const char *type = fdt_prop_str(f, i, "device_type");

		if (!type || strcmp(type, "memory") || !fdt_enabled(f, i))
			continue;
		for (r = 0; !fdt_reg(f, i, r, &addr, &size); r++)
			if (size && g->num_ram < CONFIGGEN_MAX_RANGES)
				g->ram[g->num_ram++] =
					(struct configgen_range){ addr, size };
	}
	g->num_ram = cg_ranges_merge(g->ram, g->num_ram);
	if (!g->num_ram)
		cg_refuse(g, "no RAM in the device tree (a /memory node with "
			     "an empty reg is filled in by the boot loader): "
			     "give it with --ram BASE:SIZE");
}

/* Reserved memory: the reservation block and /reserved-memory. */
static void cg_reserved(struct cg *g)
{
	const struct fdt *f = g->f;
	int rm = fdt_path(f, "/reserved-memory"), c, i;
	uint64_t addr, size;

	for (i = 0; i < f->num_rsv && g->num_rsv < CONFIGGEN_MAX_RANGES; i++)
		g->rsv[g->num_rsv++] =
			(struct configgen_range){ f->rsv[i].address,
						  f->rsv[i].size };
	for (c = rm >= 0 ? f->nodes[rm].first_child : -1; c >= 0;
	     c = f->nodes[c].next_sibling)
		for (i = 0; !fdt_reg(f, c, i, &addr, &size); i++)
			if (g->num_rsv < CONFIGGEN_MAX_RANGES)
				g->rsv[g->num_rsv++] =
					(struct configgen_range){ addr, size };
	g->num_rsv = cg_ranges_merge(g->rsv, g->num_rsv);
}

/* Offline: mem=SIZE keeps the lowest SIZE bytes of RAM for Linux. */
static void cg_linux_ram_offline(struct cg *g)
{
	uint64_t left = g->o->linux_mem, total = 0;
	int i;

	if (g->o->linux_percent) {
		for (i = 0; i < g->num_ram; i++)
			total += g->ram[i].size;
		/* in whole 2 MiB blocks, as mem= is best given */
		left = total / 100 * g->o->linux_percent & ~0x1fffffull;
		g->linux_mem = left;
	}

	for (i = 0; i < g->num_ram && left; i++) {
		uint64_t n = g->ram[i].size < left ? g->ram[i].size : left;

		g->linux_ram[g->num_linux++] =
			(struct configgen_range){ g->ram[i].start, n };
		left -= n;
	}
	if (left)
		cg_refuse(g,
			  "--linux-mem 0x%llx is more than the 0x%llx bytes "
			  "of RAM",
			  (unsigned long long)g->linux_mem,
			  (unsigned long long)(g->linux_mem - left));
}

/*
 * The hypervisor goes at the top of the first stretch of free RAM that
 * holds it: right above what Linux uses, as mem= leaves it.
 */
static void cg_hv_memory(struct cg *g)
{
	struct configgen_range used[2 * CONFIGGEN_MAX_RANGES];
	int i, n = 0;

	if (g->o->num_linux_ram) {
		memcpy(g->linux_ram, g->o->linux_ram,
		       sizeof(g->linux_ram[0]) * (size_t)g->o->num_linux_ram);
		g->num_linux = g->o->num_linux_ram;
	} else {
		cg_linux_ram_offline(g);
	}
	g->num_linux = cg_ranges_merge(g->linux_ram, g->num_linux);
	for (i = 0; i < g->num_linux; i++)
		used[n++] = g->linux_ram[i];
	for (i = 0; i < g->num_rsv; i++)
		used[n++] = g->rsv[i];
	n = cg_ranges_merge(used, n);
	g->num_free =
		cg_ranges_subtract(g->ram, g->num_ram, used, n, g->free_ram);
	for (i = 0; i < g->num_free; i++) {
		uint64_t start = g->free_ram[i].start,
			 end = start + g->free_ram[i].size;
		uint64_t top = end & ~(CG_PAGE - 1);

		if (top - start < g->o->hv_mem ||
		    ((top - g->o->hv_mem) & ~(CG_PAGE - 1)) < start)
			continue;
		g->hv.start = (top - g->o->hv_mem) & ~(CG_PAGE - 1);
		g->hv.size = g->o->hv_mem;
		cg_note("the hypervisor takes 0x%llx+0x%llx, the top of the "
			"first RAM Linux leaves free (--hv-mem for another size)",
			(unsigned long long)g->hv.start,
			(unsigned long long)g->hv.size);
		return;
	}
	cg_refuse(g,
		  "no 0x%llx bytes of RAM that Linux leaves free for the "
		  "hypervisor: boot Linux with mem=SIZE below the RAM's size "
		  "(offline: --linux-mem SIZE)",
		  (unsigned long long)g->o->hv_mem);
}

/* ---- devices ------------------------------------------------------------ */

/* A range no root region may include: RAM, the GIC, the hypervisor. */
static int cg_forbidden(const struct cg *g, uint64_t start, uint64_t size)
{
	int i;

	for (i = 0; i < g->num_ram; i++)
		if (cg_overlap(start, size, g->ram[i].start, g->ram[i].size))
			return 1;
	for (i = 0; i < g->num_gic; i++)
		if (cg_overlap(start, size, g->gic[i].start, g->gic[i].size))
			return 1;
	return 0;
}

static void cg_label_append(char *label, const char *what)
{
	size_t len = strlen(label);
	const char *p = strstr(label, what);

	/* once is enough ("flash@0" has two banks) */
	if (p && (p == label || p[-1] == ' ') &&
	    (!p[strlen(what)] || p[strlen(what)] == ','))
		return;

	if (len + 2 + strlen(what) >= CG_LABEL - 4) {
		if (!strstr(label, "..."))
			snprintf(label + len, CG_LABEL - len, ", ...");
		return;
	}
	snprintf(label + len, CG_LABEL - len, "%s%s", len ? ", " : "", what);
}

static void cg_add_device(struct cg *g, uint64_t addr, uint64_t size,
			  const char *what)
{
	uint64_t start = addr & ~(CG_PAGE - 1);
	uint64_t end = (addr + size + CG_PAGE - 1) & ~(CG_PAGE - 1);
	struct cg_region *d;

	if (!size || end <= start)
		return;
	if (cg_forbidden(g, start, end - start)) {
		cg_note("%s (0x%llx+0x%llx) overlaps RAM, the GIC or the "
			"SMMU: not given to the root cell",
			what, (unsigned long long)addr,
			(unsigned long long)size);
		return;
	}
	if (g->num_dev == CONFIGGEN_MAX_RANGES) {
		g->dev_dropped++;
		return;
	}
	d = &g->dev[g->num_dev++];
	*d = (struct cg_region){ start, end - start,
				 WARDEN_MEM_READ | WARDEN_MEM_WRITE |
					 WARDEN_MEM_IO,
				 "" };
	cg_label_append(d->label, what);
}

/* PCI host bridge: its windows, from ranges (PCI bus binding, 2.2.1). */
static void cg_pci_windows(struct cg *g, int node, const char *name)
{
	const struct fdt *f = g->f;
	uint32_t len, pac = fdt_addr_cells(f, f->nodes[node].parent);
	uint32_t sc = fdt_size_cells(f, node), entry, off;
	const uint8_t *r = fdt_prop(f, node, "ranges", &len);
	char what[CG_LABEL];

	if (!r || fdt_addr_cells(f, node) != 3 || pac < 1 || pac > 2 ||
	    sc < 1 || sc > 2)
		return;
	entry = 4 * (3 + pac + sc);
	for (off = 0; off + entry <= len; off += entry) {
		uint32_t space = (uint32_t)(fdt_cells(r + off, 1) >> 24) & 3;
		uint64_t addr = fdt_cells(r + off + 12, pac);
		uint64_t size = fdt_cells(r + off + 12 + (size_t)pac * 4, sc);

		snprintf(what, sizeof(what), "%s %s", name,
			 space == 1 ? "I/O" :
			 space == 3 ? "64-bit MMIO" :
				      "MMIO");
		if (!fdt_translate(f, f->nodes[node].parent, &addr))
			cg_add_device(g, addr, size, what);
	}
}

/* Subtrees that hold no device of the root cell. */
static int cg_skip_subtree(struct cg *g, int node, const char *path)
{
	static const char *const skip[] = { "/cpus", "/reserved-memory",
					    "/chosen", "/aliases", "/memory" };
	const char *type = fdt_prop_str(g->f, node, "device_type");
	unsigned int i;

	if (!fdt_enabled(g->f, node)) {
		g->disabled++;
		return 1;
	}
	if (!strcmp(path, g->gic_path) || !strcmp(path, g->pci.smmu_path) ||
	    (type && !strcmp(type, "memory")))
		return 1;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strcmp(path, skip[i]))
			return 1;
	return 0;
}

/* Recursive, as deep as the tree: fdt_parse() refuses trees deeper than
 * FDT_MAX_DEPTH (64).  NOLINTNEXTLINE(misc-no-recursion) */
static void cg_devices_of(struct cg *g, int node)
{
	const struct fdt *f = g->f;
	const char *type = fdt_prop_str(f, node, "device_type");
	uint64_t addr, size;
	char path[256];
	int i, c;

	fdt_node_path(f, node, path, sizeof(path));
	if (node && cg_skip_subtree(g, node, path))
		return;
	for (i = 0; node && !fdt_reg(f, node, i, &addr, &size); i++)
		cg_add_device(g, addr, size, f->nodes[node].name);
	if (type && !strcmp(type, "pci")) {
		cg_pci_windows(g, node, f->nodes[node].name);
		return; /* its children's reg is config space */
	}
	for (c = f->nodes[node].first_child; c >= 0;
	     c = f->nodes[c].next_sibling)
		cg_devices_of(g, c);
}

static int cg_region_cmp(const void *a, const void *b)
{
	const struct cg_region *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Merge d[i + 1] into d[i]. */
static void cg_dev_join(struct cg *g, int i)
{
	struct cg_region *a = &g->dev[i], *b = &g->dev[i + 1];
	uint64_t end = b->start + b->size;

	if (end > a->start + a->size)
		a->size = end - a->start;
	cg_label_append(a->label, b->label);
	memmove(b, b + 1, sizeof(*b) * (size_t)(g->num_dev - i - 2));
	g->num_dev--;
}

/*
 * Touching devices share a region.  While there are more than fit beside
 * the RAM regions, the two closest are joined, gap included, unless the
 * gap holds RAM or the GIC.
 */
static void cg_devices_merge(struct cg *g, int budget)
{
	int i, best;

	qsort(g->dev, (size_t)g->num_dev, sizeof(g->dev[0]), cg_region_cmp);
	for (i = 0; i + 1 < g->num_dev;)
		if (g->dev[i + 1].start <= g->dev[i].start + g->dev[i].size)
			cg_dev_join(g, i);
		else
			i++;
	while (g->num_dev > budget) {
		uint64_t gap, best_gap = UINT64_MAX;

		best = -1;
		for (i = 0; i + 1 < g->num_dev; i++) {
			uint64_t end = g->dev[i].start + g->dev[i].size;

			gap = g->dev[i + 1].start - end;
			if (gap < best_gap && !cg_forbidden(g, end, gap)) {
				best_gap = gap;
				best = i;
			}
		}
		if (best < 0) {
			cg_refuse(
				g,
				"%d device regions do not fit in %d, and "
				"no two can be joined without RAM, the GIC or "
				"the SMMU between them",
				g->num_dev, budget);
			return;
		}
		cg_note("joined %s and %s (a gap of 0x%llx bytes) to fit "
			"the root cell's %d regions",
			g->dev[best].label, g->dev[best + 1].label,
			(unsigned long long)best_gap, CG_MAX_MEM);
		cg_dev_join(g, best);
	}
}

/* ---- the root cell's regions -------------------------------------------- */

static void cg_add_mem(struct cg *g, const struct configgen_range *r, int n,
		       const char *label)
{
	int i;

	for (i = 0; i < n; i++) {
		if (g->num_mem == CG_MAX_MEM) {
			cg_refuse(g, "more than %d root cell regions",
				  CG_MAX_MEM);
			return;
		}
		g->mem[g->num_mem++] =
			(struct cg_region){ r[i].start, r[i].size,
					    WARDEN_MEM_READ | WARDEN_MEM_WRITE |
						    WARDEN_MEM_EXECUTE,
					    "" };
		snprintf(g->mem[g->num_mem - 1].label, CG_LABEL, "%s", label);
	}
}

/*
 * RAM but the hypervisor's, in two kinds: what Linux uses (reserved areas
 * included), and what it leaves free, out of which cells and links take
 * theirs.
 */
static void cg_root_regions(struct cg *g)
{
	struct configgen_range rest[CONFIGGEN_MAX_RANGES],
		part[CONFIGGEN_MAX_RANGES];
	int n, k, i;

	n = cg_ranges_subtract(g->ram, g->num_ram, &g->hv, 1, rest);
	k = cg_ranges_subtract(rest, n, g->free_ram, g->num_free, part);
	cg_add_mem(g, part, k, "RAM: Linux's");
	k = cg_ranges_subtract(g->free_ram, g->num_free, &g->hv, 1, part);
	cg_add_mem(g, part, k,
		   "RAM Linux leaves free: for inmate cells and links");
	cg_devices_merge(g, CG_MAX_MEM - g->num_mem);
	for (i = 0; i < g->num_dev && g->num_mem < CG_MAX_MEM; i++)
		g->mem[g->num_mem++] = g->dev[i];
	qsort(g->mem, (size_t)g->num_mem, sizeof(g->mem[0]), cg_region_cmp);
}

/* ---- the binary config, checked ------------------------------------------ */

static void cg_check_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cg_check_report(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	fprintf(stderr, "warden: config create: the generated config fails "
			"its check: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static uint64_t cg_cpu_set(unsigned int num_cpus)
{
	return num_cpus >= 64 ? ~0ull : (1ull << num_cpus) - 1;
}

static void cg_blob_system(const struct cg *g, struct warden_system *sys)
{
	struct warden_cell_desc *root = &sys->root_cell;

	memcpy(sys->signature, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN);
	sys->revision = WARDEN_CONFIG_REVISION;
	sys->architecture = WARDEN_ARCH_ARM64;
	sys->hypervisor_memory.phys_start = g->hv.start;
	sys->hypervisor_memory.virt_start = g->hv.start;
	sys->hypervisor_memory.size = g->hv.size;
	sys->platform = g->plat;
	memcpy(root->signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	root->revision = WARDEN_CONFIG_REVISION;
	root->architecture = WARDEN_ARCH_ARM64;
	root->flags = WARDEN_CELL_CONSOLE;
	snprintf(root->name, sizeof(root->name), "root");
	root->cpu_set = cg_cpu_set(g->plat.num_cpus);
	root->num_memory_regions = (uint32_t)g->num_mem;
	root->num_irq_ranges = (uint32_t)g->num_irqs;
}

/* Build the config the C source describes, and check it. */
static int cg_blob_check(const struct cg *g)
{
	size_t irqs = (size_t)g->num_irqs * sizeof(g->irqs[0]);
	size_t size = sizeof(struct warden_system) +
		      (size_t)g->num_mem * sizeof(struct warden_memory) + irqs;
	uint8_t *b = calloc(1, size);
	struct warden_memory m = { 0 };
	size_t off = sizeof(struct warden_system);
	unsigned int n;
	int i;

	if (!b)
		return -ENOMEM;
	cg_blob_system(g, (struct warden_system *)(void *)b);
	for (i = 0; i < g->num_mem; i++, off += sizeof(m)) {
		m.phys_start = m.virt_start = g->mem[i].start;
		m.size = g->mem[i].size;
		m.flags = g->mem[i].flags;
		memcpy(b + off, &m, sizeof(m));
	}
	memcpy(b + off, g->irqs, irqs);
	n = config_check_system(b, size, cg_check_report, NULL);
	free(b);
	return n ? -EINVAL : 0;
}

/* ---- C source ------------------------------------------------------------ */

/* s for a C comment: printable, and no comment end. */
static void cg_comment_str(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '*' && s[1] == '/')
			fputs("* ", out);
		else
			fputc(*s >= 0x20 && *s < 0x7f ? *s : '?', out);
	}
}

static void cg_emit_ranges(FILE *out, const char *what,
			   const struct configgen_range *r, int n)
{
	int i;

	fprintf(out, " * %-12s", what);
	for (i = 0; i < n; i++)
		fprintf(out, "%s0x%llx+0x%llx", i ? ", " : "",
			(unsigned long long)r[i].start,
			(unsigned long long)r[i].size);
	fprintf(out, "%s\n", n ? "" : "none");
}

/* "768M", "1G", or hex bytes: the way mem= is written. */
static const char *cg_size_str(uint64_t v, char *buf, size_t size)
{
	if (v && !(v % (1ull << 30)))
		snprintf(buf, size, "%lluG", (unsigned long long)(v >> 30));
	else if (v && !(v % (1ull << 20)))
		snprintf(buf, size, "%lluM", (unsigned long long)(v >> 20));
	else
		snprintf(buf, size, "0x%llx", (unsigned long long)v);
	return buf;
}

static void cg_emit_header(const struct cg *g, FILE *out)
{
	const struct fdt *f = g->f;
	char size[32];
	const char *model = fdt_prop_str(f, 0, "model");
	const char *compat = fdt_prop_str(f, 0, "compatible");

	fprintf(out, "/*\n * System config generated by `warden config create` "
		     "(warden " WARDEN_CLI_VERSION ")\n * from ");
	cg_comment_str(out, g->o->source);
	fprintf(out, ": ");
	cg_comment_str(out, model ? model : "(no model)");
	fprintf(out, " (");
	cg_comment_str(out, compat ? compat : "no compatible");
	fprintf(out, ").\n *\n * Review it: what the generator could not know "
		     "for certain, it said on\n * stderr.  Build it with "
		     "`warden config build <this file> -o system.cell`.\n"
		     " *\n");
	fprintf(out, " * %-12s%u, started with PSCI through SMC (%s)\n",
		"CPUs:", g->plat.num_cpus, g->psci_path);
	fprintf(out, " * %-12sGICv%u %s, maintenance interrupt PPI %u\n",
		"GIC:", g->plat.gic_version, g->gic_path,
		g->plat.maintenance_irq - 16);
	if (g->plat.uart_type != WARDEN_UART_NONE)
		fprintf(out, " * %-12s%s %s\n",
			"Console:", cg_uart_name(g->plat.uart_type, 0),
			g->uart_path);
	else
		fprintf(out, " * %-12snone (--console none)\n", "Console:");
	configgen_pci_emit_header(&g->pci, out);
	cg_emit_ranges(out, "RAM:", g->ram, g->num_ram);
	cg_emit_ranges(out, "Linux uses:", g->linux_ram, g->num_linux);
	if (g->linux_mem)
		fprintf(out, " * %-12s(boot Linux with mem=%s)\n", "",
			cg_size_str(g->linux_mem, size, sizeof(size)));
	cg_emit_ranges(out, "Hypervisor:", &g->hv, 1);
	fprintf(out,
		" * %-12sthe top of the RAM Linux leaves free; the rest "
		"of that RAM is\n * %-12sfor inmate cells and links\n",
		"", "");
	fprintf(out, " */\n#include <warden/config.h>\n\n");
}

static void cg_emit_platform(const struct cg *g, FILE *out)
{
	const struct warden_platform *p = &g->plat;
	unsigned int i;

	fprintf(out, "\t\t.platform = {\n");
	if (p->gic_version == WARDEN_GIC_V3)
		fprintf(out,
			"\t\t\t.gic_version = WARDEN_GIC_V3,\n"
			"\t\t\t.gicd_base = 0x%llx,\n"
			"\t\t\t.gicr_base = 0x%llx,\n"
			"\t\t\t.gicr_stride = 0x%llx,\n",
			(unsigned long long)p->gicd_base,
			(unsigned long long)p->gicr_base,
			(unsigned long long)p->gicr_stride);
	else
		fprintf(out,
			"\t\t\t.gic_version = WARDEN_GIC_V2,\n"
			"\t\t\t.gicd_base = 0x%llx,\n"
			"\t\t\t.gicc_base = 0x%llx,\n"
			"\t\t\t.gich_base = 0x%llx,\n"
			"\t\t\t.gicv_base = 0x%llx,\n",
			(unsigned long long)p->gicd_base,
			(unsigned long long)p->gicc_base,
			(unsigned long long)p->gich_base,
			(unsigned long long)p->gicv_base);
	if (p->gic_its_base)
		fprintf(out,
			"\t\t\t.gic_its_base = 0x%llx, /* the root's MSIs */\n",
			(unsigned long long)p->gic_its_base);
	fprintf(out, "\t\t\t.maintenance_irq = %u, /* PPI %u */\n",
		p->maintenance_irq, p->maintenance_irq - 16);
	if (p->uart_type != WARDEN_UART_NONE)
		fprintf(out,
			"\t\t\t.uart_type = %s,\n"
			"\t\t\t.uart_base = 0x%llx,\n",
			cg_uart_name(p->uart_type, 1),
			(unsigned long long)p->uart_base);
	else
		fprintf(out, "\t\t\t.uart_type = WARDEN_UART_NONE,\n");
	fprintf(out, "\t\t\t.num_cpus = %u,\n\t\t\t.cpu_mpidr = {\n",
		p->num_cpus);
	for (i = 0; i < p->num_cpus; i++)
		fprintf(out, "\t\t\t\t0x%llx, /* %s */\n",
			(unsigned long long)p->cpu_mpidr[i], g->cpu_paths[i]);
	fprintf(out, "\t\t\t},\n");
	configgen_pci_emit_platform(&g->pci, out);
	fprintf(out, "\t\t},\n");
}

static void cg_emit_root(const struct cg *g, FILE *out)
{
	fprintf(out,
		"\t\t.root_cell = {\n"
		"\t\t\t.signature = WARDEN_CELL_SIGNATURE,\n"
		"\t\t\t.revision = WARDEN_CONFIG_REVISION,\n"
		"\t\t\t.architecture = WARDEN_ARCH_ARM64,\n"
		"\t\t\t.flags = WARDEN_CELL_CONSOLE,\n"
		"\t\t\t.name = \"root\",\n"
		"\t\t\t.cpu_set = 0x%llx,\n"
		"\t\t\t.num_memory_regions = %d,\n"
		"\t\t\t.num_irq_ranges = %d,\n"
		"\t\t},\n\t},\n",
		(unsigned long long)cg_cpu_set(g->plat.num_cpus), g->num_mem,
		g->num_irqs);
}

static void cg_emit_mem(const struct cg *g, FILE *out)
{
	int i;

	fprintf(out, "\t.mem = {\n");
	for (i = 0; i < g->num_mem; i++) {
		const struct cg_region *m = &g->mem[i];

		fprintf(out, "\t\t/* ");
		cg_comment_str(out, m->label);
		fprintf(out,
			" */\n\t\t{\n"
			"\t\t\t.phys_start = 0x%llx,\n"
			"\t\t\t.virt_start = 0x%llx,\n"
			"\t\t\t.size = 0x%llx,\n"
			"\t\t\t.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE"
			" |\n\t\t\t\t %s,\n\t\t},\n",
			(unsigned long long)m->start,
			(unsigned long long)m->start,
			(unsigned long long)m->size,
			m->flags & WARDEN_MEM_IO ? "WARDEN_MEM_IO" :
						   "WARDEN_MEM_EXECUTE");
	}
	fprintf(out, "\t},\n");
}

/* Which SPIs Linux drives now (live): no cell should take those. */
static void cg_emit_linux_irqs(const struct cg *g, FILE *out)
{
	size_t col = 0;
	int i;

	if (!g->o->num_linux_irqs)
		return;
	fprintf(out, "\t\t * Linux drives these now (/proc/interrupts); "
		     "give a cell none of them:\n");
	for (i = 0; i < g->o->num_linux_irqs; i++) {
		char item[64];

		snprintf(item, sizeof(item), "%u (%.40s)%s",
			 g->o->linux_irqs[i].intid, g->o->linux_irqs[i].name,
			 i + 1 < g->o->num_linux_irqs ? "," : "");
		if (col && col + strlen(item) > 60) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, col ? " " : "\t\t * ");
		cg_comment_str(out, item);
		col += strlen(item) + 1;
	}
	fputc('\n', out);
}

static void cg_emit(const struct cg *g, FILE *out)
{
	int i;

	cg_emit_header(g, out);
	fprintf(out,
		"const struct {\n"
		"\tstruct warden_system system;\n"
		"\tstruct warden_memory mem[%d];\n"
		"\tstruct warden_irq_range irqs[%d];\n"
		"} WARDEN_PACKED config "
		"__attribute__((section(\".warden_config\"))) = {\n"
		"\t.system = {\n"
		"\t\t.signature = WARDEN_SYSTEM_SIGNATURE,\n"
		"\t\t.revision = WARDEN_CONFIG_REVISION,\n"
		"\t\t.architecture = WARDEN_ARCH_ARM64,\n"
		"\t\t.hypervisor_memory = {\n"
		"\t\t\t.phys_start = 0x%llx,\n"
		"\t\t\t.virt_start = 0x%llx,\n"
		"\t\t\t.size = 0x%llx,\n"
		"\t\t},\n",
		g->num_mem, g->num_irqs, (unsigned long long)g->hv.start,
		(unsigned long long)g->hv.start,
		(unsigned long long)g->hv.size);
	cg_emit_platform(g, out);
	cg_emit_root(g, out);
	cg_emit_mem(g, out);
	fprintf(out, "\t.irqs = {\n"
		     "\t\t/*\n\t\t * every SPI: the GIC's GICD_TYPER says "
		     "which exist.\n");
	configgen_pci_emit_irqs(&g->pci, out);
	cg_emit_linux_irqs(g, out);
	fprintf(out, "\t\t */\n");
	for (i = 0; i < g->num_irqs; i++)
		fprintf(out, "\t\t{ .first = %u, .count = %u },\n",
			g->irqs[i].first, g->irqs[i].count);
	fprintf(out, "\t},\n};\n");
}

int configgen_system(const struct fdt *f, const struct configgen_opts *o,
		     FILE *out)
{
	struct cg *g = calloc(1, sizeof(*g));
	int ret = -EINVAL;

	if (!g)
		return -ENOMEM;
	g->f = f;
	g->o = o;
	g->linux_mem = o->linux_mem;
	cg_cpus(g);
	cg_psci(g);
	cg_gic(g);
	if (!g->problems) {
		cg_gic_children(g);
		cg_smmu_pci(g);
	}
	cg_root_irqs(g);
	cg_console(g);
	cg_ram(g);
	cg_reserved(g);
	if (!g->problems)
		cg_hv_memory(g);
	if (!g->problems) {
		cg_devices_of(g, 0);
		if (g->disabled)
			cg_note("%d disabled nodes (status) are not given to "
				"the root cell: enable them in the tree if "
				"Linux is to use them",
				g->disabled);
		if (g->dev_dropped)
			cg_refuse(g, "more than %d device ranges",
				  CONFIGGEN_MAX_RANGES);
		cg_root_regions(g);
	}
	if (!g->problems)
		ret = cg_blob_check(g);
	if (!ret)
		cg_emit(g, out);
	free(g);
	return ret;
}
