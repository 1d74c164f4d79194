// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: `warden config show [--json] <file>...`, which prints
 * system and cell configs in words.
 *
 * Each file is checked first, with the checker that `config check` and the
 * driver use (lib/config-check*.c); its problems go to stderr.  It is shown
 * either way, from a view that configshow_view() cuts to the file's real
 * size (configshow.h), because the file that fails the check is the one a
 * user most wants to read.  A cell config is checked against the system
 * config named before it, as `config check` does; with none, only its
 * layout is checked, since its CPUs, memory and IRQs mean something only
 * against a system.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "configshow.h"
#include "json.h"
#include "warden.h"

/* Width of the label column of the text form. */
#define CONFIGSHOW_LABEL "%-20s"

/* State of one `config show` run. */
struct configshow_run {
	int json;
	/* the last valid system config named, for the cell configs after it */
	char *sys;
	const char *sys_path;
	int ret;
};

/* ---- words ----------------------------------------------------------- */

const char *configshow_mem_flag(unsigned int bit)
{
	static const char *const names[CONFIGSHOW_MEM_FLAGS] = {
		"read",	    "write",	   "execute",	  "io",
		"loadable", "comm-region", "root-shared", "dma",
	};

	return bit < CONFIGSHOW_MEM_FLAGS ? names[bit] : NULL;
}

void configshow_cpu_list(char *buf, size_t size, uint64_t mask)
{
	size_t len = 0;
	unsigned int cpu = 0, last;

	buf[0] = '\0';
	while (cpu < 64 && len < size) {
		if (!(mask >> cpu & 1)) {
			cpu++;
			continue;
		}
		for (last = cpu; last < 63 && (mask >> (last + 1) & 1); last++)
			;
		len += (size_t)snprintf(buf + len, size - len,
					last > cpu ? "%s%u-%u" : "%s%u",
					len ? "," : "", cpu, last);
		cpu = last + 1;
	}
	if (!mask)
		snprintf(buf, size, "none");
}

const char *configshow_uart_name(uint32_t type)
{
	switch (type) {
	case WARDEN_UART_NONE:
		return "none";
	case WARDEN_UART_PL011:
		return "PL011";
	case WARDEN_UART_CADENCE:
		return "Cadence";
	case WARDEN_UART_8250_MMIO32:
		return "8250-mmio32";
	case WARDEN_UART_IMX:
		return "i.MX";
	case WARDEN_UART_BCM2835_AUX:
		return "BCM2835-aux";
	case WARDEN_UART_MESON:
		return "Amlogic";
	default:
		return NULL;
	}
}

const char *configshow_arch_name(uint16_t arch)
{
	return arch == WARDEN_ARCH_ARM64 ? "arm64" : NULL;
}

/* "768 MiB", "4 KiB", "100 bytes": the largest unit that divides size. */
static void configshow_size_words(char *buf, size_t size, uint64_t bytes)
{
	static const char *const units[] = { "bytes", "KiB", "MiB", "GiB",
					     "TiB" };
	unsigned int u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) && bytes &&
	       !(bytes & 1023)) {
		bytes >>= 10;
		u++;
	}
	snprintf(buf, size, "%llu %s", (unsigned long long)bytes, units[u]);
}

/* The memory flags in words, and unknown bits in hex: "read write". */
static void configshow_mem_flags(char *buf, size_t size, uint32_t flags)
{
	size_t len = 0;
	unsigned int bit;

	buf[0] = '\0';
	for (bit = 0; bit < CONFIGSHOW_MEM_FLAGS && len < size; bit++)
		if (flags >> bit & 1)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? " " : "",
						configshow_mem_flag(bit));
	flags &= ~WARDEN_MEM_VALID_FLAGS;
	if (flags && len < size)
		snprintf(buf + len, size - len, "%sunknown 0x%x",
			 len ? " " : "", flags);
	else if (!len)
		snprintf(buf, size, "none");
}

/*
 * The cell flags in words: "console", "none", "console direct-irq",
 * "console unknown 0x4".
 */
static void configshow_cell_flags(char *buf, size_t size, uint32_t flags)
{
	uint32_t unknown = flags & ~WARDEN_CELL_VALID_FLAGS;

	snprintf(buf, size, "%s%s%s",
		 flags & WARDEN_CELL_CONSOLE ? "console" : "",
		 flags & WARDEN_CELL_DIRECT_IRQ ?
			 (flags & WARDEN_CELL_CONSOLE ? " direct-irq" :
							"direct-irq") :
			 "",
		 !flags ? "none" : "");
	if (unknown)
		snprintf(buf + strlen(buf), size - strlen(buf),
			 "%sunknown 0x%x", buf[0] ? " " : "", unknown);
}

/*
 * What direct interrupts leave to the cell, in the words of
 * docs/isolation.md ("Direct interrupts"), for whoever reviews a config.
 */
static void configshow_direct_gaps(void)
{
	static const char *const gaps[] = {
		"GICv3 with GICD_CTLR.DS = 1 only",
		"its SGI sends still trap (targets outside it are dropped)",
		"its ICC_AP1R0_EL1 is the physical one: a cell that blocks the",
		"  stop interrupt through it is stopped 100 ms later by revoking",
		"  its stage 2",
		"its ICC_PMR_EL1 and ICC_DIR_EL1 are virtual: it masks with",
		"  PSTATE.I and ends interrupts with EOImode 0",
	};
	size_t i;

	for (i = 0; i < sizeof(gaps) / sizeof(gaps[0]); i++)
		printf("  " CONFIGSHOW_LABEL "%s\n", i ? "" : "direct-irq gaps",
		       gaps[i]);
}

/* A name field: up to its NUL or its end, non-printable bytes as '?'. */
static void configshow_name(char out[WARDEN_CELL_NAME_MAX + 1],
			    const char *name)
{
	size_t i;

	for (i = 0; i < WARDEN_CELL_NAME_MAX && name[i]; i++) {
		out[i] = name[i];
		if (out[i] < 0x20 || out[i] >= 0x7f)
			out[i] = '?';
	}
	out[i] = '\0';
}

/* ---- the view: what lies inside the file ----------------------------- */

static enum configshow_kind configshow_kind(const char *data, size_t len)
{
	if (len < WARDEN_SIGNATURE_LEN)
		return CONFIGSHOW_UNKNOWN;
	if (!memcmp(data, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN))
		return CONFIGSHOW_SYSTEM;
	if (!memcmp(data, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN))
		return CONFIGSHOW_CELL;
	return CONFIGSHOW_UNKNOWN;
}

/* How many entries of `entry` bytes, of the `count` claimed, fit in room. */
static uint32_t configshow_fit(uint64_t room, uint32_t count, size_t entry)
{
	uint64_t fit = room / entry;

	return fit < count ? (uint32_t)fit : count;
}

/* The cell descriptor at offset `off` of the blob, and its arrays. */
static void configshow_view_cell(struct configshow_cell *c, const char *blob,
				 size_t size, size_t off)
{
	const struct warden_cell_desc *d;
	uint64_t room, irq_off, link_off, pci_off;

	memset(c, 0, sizeof(*c));
	if (size < off || size - off < sizeof(*d))
		return;
	d = (const void *)(blob + off);
	c->desc = d;
	room = size - off - sizeof(*d);
	c->mem = warden_cell_mem(d);
	c->num_mem =
		configshow_fit(room, d->num_memory_regions, sizeof(*c->mem));
	/* the later arrays start after every region the count claims */
	irq_off = (uint64_t)d->num_memory_regions * sizeof(*c->mem);
	if (c->num_mem < d->num_memory_regions || irq_off > room)
		return;
	c->irqs = warden_cell_irqs(d);
	c->num_irqs = configshow_fit(room - irq_off, d->num_irq_ranges,
				     sizeof(*c->irqs));
	link_off = irq_off + (uint64_t)d->num_irq_ranges * sizeof(*c->irqs);
	if (c->num_irqs < d->num_irq_ranges || link_off > room)
		return;
	c->links = warden_cell_links(d);
	c->num_links = configshow_fit(room - link_off, d->num_links,
				      sizeof(*c->links));
	pci_off = link_off + (uint64_t)d->num_links * sizeof(*c->links);
	if (c->num_links < d->num_links || pci_off > room)
		return;
	c->pci = warden_cell_pci(d);
	c->num_pci = configshow_fit(room - pci_off, d->num_pci_devices,
				    sizeof(*c->pci));
}

/* Does the blob hold `len` bytes from `off` on? */
static int configshow_holds(size_t size, size_t off, size_t len)
{
	return size >= off && size - off >= len;
}

static void configshow_view(struct configshow_file *f, const char *blob,
			    size_t size)
{
	const struct warden_system *sys = (const void *)blob;

	f->size = size;
	f->kind = configshow_kind(blob, size);
	if (f->kind == CONFIGSHOW_CELL) {
		configshow_view_cell(&f->cell, blob, size, 0);
		return;
	}
	if (f->kind != CONFIGSHOW_SYSTEM)
		return;
	if (configshow_holds(size, 0,
			     offsetof(struct warden_system, hypervisor_memory)))
		f->sys_header = (const uint8_t *)blob;
	if (configshow_holds(size,
			     offsetof(struct warden_system, hypervisor_memory),
			     sizeof(sys->hypervisor_memory)))
		f->hv_mem = &sys->hypervisor_memory;
	if (configshow_holds(size, offsetof(struct warden_system, platform),
			     sizeof(sys->platform)))
		f->platform = &sys->platform;
	configshow_view_cell(&f->cell, blob, size,
			     offsetof(struct warden_system, root_cell));
}

/* ---- checking --------------------------------------------------------- */

/*
 * A cell config with no system config to check it against: only what the
 * file itself must be (ours, and as long as its counts say), with the
 * checker's words.
 */
static unsigned int configshow_check_layout(const struct configshow_file *f,
					    const char *label)
{
	const struct warden_cell_desc *d = f->cell.desc;
	unsigned int problems = 0;

	if (!d) {
		sysconfig_report((void *)label,
				 "cell config: %zu bytes, too small for the "
				 "%zu-byte header",
				 f->size, sizeof(*d));
		return 1;
	}
	if (d->revision != WARDEN_CONFIG_REVISION) {
		sysconfig_report((void *)label,
				 "cell config: revision %u is not %u",
				 (unsigned int)d->revision,
				 (unsigned int)WARDEN_CONFIG_REVISION);
		problems++;
	}
	if (f->size != warden_cell_size(d)) {
		sysconfig_report((void *)label,
				 "cell config: %zu bytes, but its %u memory "
				 "regions, %u IRQ ranges and %u links make "
				 "%llu",
				 f->size, d->num_memory_regions,
				 d->num_irq_ranges, d->num_links,
				 (unsigned long long)warden_cell_size(d));
		problems++;
	}
	return problems;
}

static void configshow_check(struct configshow_run *run,
			     struct configshow_file *f, const char *blob)
{
	char label[4096];

	snprintf(label, sizeof(label), "%s: ", f->path);
	if (f->kind == CONFIGSHOW_SYSTEM) {
		f->problems = config_check_system(blob, f->size,
						  sysconfig_report, label);
	} else if (run->sys) {
		f->checked_against = run->sys_path;
		f->problems = config_check_cell(blob, f->size,
						(const void *)run->sys,
						sysconfig_report, label);
	} else {
		f->problems = configshow_check_layout(f, label);
	}
	if (f->problems)
		warden_err("%s: invalid %s config (%u problem%s)", f->path,
			   f->kind == CONFIGSHOW_SYSTEM ? "system" : "cell",
			   f->problems, f->problems == 1 ? "" : "s");
}

/* ---- text: a cell ------------------------------------------------------ */

/* One memory region as the columns of the table. */
struct configshow_row {
	char col[5][128];
};

static void configshow_mem_row(struct configshow_row *r, unsigned int i,
			       const struct warden_memory *m)
{
	char words[32];

	snprintf(r->col[0], sizeof(r->col[0]), "%u", i);
	snprintf(r->col[1], sizeof(r->col[1]), "0x%08llx",
		 (unsigned long long)m->phys_start);
	snprintf(r->col[2], sizeof(r->col[2]), "0x%08llx",
		 (unsigned long long)m->virt_start);
	configshow_size_words(words, sizeof(words), m->size);
	snprintf(r->col[3], sizeof(r->col[3]), "0x%llx (%s)",
		 (unsigned long long)m->size, words);
	configshow_mem_flags(r->col[4], sizeof(r->col[4]), m->flags);
}

static void configshow_mem_print_row(const struct configshow_row *r,
				     const int *width)
{
	printf("    %-*s  %-*s  %-*s  %-*s  %s\n", width[0], r->col[0],
	       width[1], r->col[1], width[2], r->col[2], width[3], r->col[3],
	       r->col[4]);
}

/* The memory regions as a table, columns as wide as their widest entry. */
static void configshow_text_mem(const struct configshow_cell *c)
{
	static const struct configshow_row head = { { "#", "PHYS", "VIRT",
						      "SIZE", "FLAGS" } };
	struct configshow_row row;
	int width[5], i, k;
	uint32_t n;

	printf("  " CONFIGSHOW_LABEL "%u\n", "memory regions",
	       c->desc->num_memory_regions);
	if (!c->num_mem)
		return;
	for (k = 0; k < 5; k++)
		width[k] = (int)strlen(head.col[k]);
	for (n = 0; n < c->num_mem; n++) {
		configshow_mem_row(&row, n, &c->mem[n]);
		for (k = 0; k < 4; k++)
			if ((int)strlen(row.col[k]) > width[k])
				width[k] = (int)strlen(row.col[k]);
	}
	configshow_mem_print_row(&head, width);
	for (i = 0; (uint32_t)i < c->num_mem; i++) {
		configshow_mem_row(&row, (unsigned int)i, &c->mem[i]);
		configshow_mem_print_row(&row, width);
	}
}

/* "32-63, 65": every range, as lists of INTIDs. */
static void configshow_text_irqs(const struct configshow_cell *c)
{
	const struct warden_irq_range *r;
	uint64_t last;
	uint32_t i;

	printf("  " CONFIGSHOW_LABEL "%u", "IRQ ranges",
	       c->desc->num_irq_ranges);
	for (i = 0; i < c->num_irqs; i++) {
		r = &c->irqs[i];
		last = (uint64_t)r->first + r->count - 1;
		printf("%s", i ? ", " : ": ");
		if (r->count == 0)
			printf("none at %u", r->first);
		else if (r->count == 1)
			printf("%u", r->first);
		else
			printf("%u-%llu", r->first, (unsigned long long)last);
	}
	putchar('\n');
}

static void configshow_text_link(const struct warden_link *l)
{
	char name[WARDEN_CELL_NAME_MAX + 1], peer[WARDEN_CELL_NAME_MAX + 1];
	char words[32];

	configshow_name(name, l->name);
	configshow_name(peer, l->peer);
	configshow_size_words(words, sizeof(words), warden_link_size(l));
	printf("    \"%s\" with \"%s\": side %u, doorbell IRQ %u%s\n", name,
	       peer, l->side, l->doorbell_irq,
	       l->flags & WARDEN_LINK_NET ? ", network interface" : "");
	if (l->flags & ~WARDEN_LINK_FLAGS)
		printf("      unknown flags 0x%x\n",
		       l->flags & ~WARDEN_LINK_FLAGS);
	printf("      phys 0x%08llx, virt 0x%08llx, %s: common 0x%llx, "
	       "sections 2 x 0x%llx\n",
	       (unsigned long long)l->phys_start,
	       (unsigned long long)l->virt_start, words,
	       (unsigned long long)l->common_size,
	       (unsigned long long)l->section_size);
	if (l->reserved)
		printf("      reserved 0x%x\n", l->reserved);
}

/* Where the file ends before the arrays its counts claim. */
static void configshow_text_cut(const struct configshow_cell *c)
{
	const struct warden_cell_desc *d = c->desc;

	if (c->num_mem < d->num_memory_regions ||
	    c->num_irqs < d->num_irq_ranges || c->num_links < d->num_links)
		printf("  (the file ends early: it holds %u of %u memory "
		       "regions, %u of %u IRQ ranges, %u of %u links)\n",
		       c->num_mem, d->num_memory_regions, c->num_irqs,
		       d->num_irq_ranges, c->num_links, d->num_links);
}

/* The cell's own UART (uart_type, uart_base), as the platform's. */
static void configshow_cell_uart(const struct warden_cell_desc *d)
{
	const char *uart = configshow_uart_name(d->uart_type);

	if (uart)
		printf("  " CONFIGSHOW_LABEL "%s at 0x%08llx\n", "own UART",
		       uart, (unsigned long long)d->uart_base);
	else
		printf("  " CONFIGSHOW_LABEL "unknown type %u at 0x%08llx\n",
		       "own UART", d->uart_type,
		       (unsigned long long)d->uart_base);
}

static void configshow_text_cell(const struct configshow_cell *c, int is_root)
{
	const struct warden_cell_desc *d = c->desc;
	char name[WARDEN_CELL_NAME_MAX + 1], cpus[192], flags[64];
	uint32_t i;

	configshow_name(name, d->name);
	printf("%s \"%s\"\n", is_root ? "root cell" : "cell", name);
	printf("  " CONFIGSHOW_LABEL "%s\n", "name", name);
	configshow_cell_flags(flags, sizeof(flags), d->flags);
	printf("  " CONFIGSHOW_LABEL "%s (0x%x)\n", "flags", flags, d->flags);
	if (d->flags & WARDEN_CELL_DIRECT_IRQ)
		configshow_direct_gaps();
	configshow_cpu_list(cpus, sizeof(cpus), d->cpu_set);
	printf("  " CONFIGSHOW_LABEL "%s (mask 0x%llx)\n", "CPUs", cpus,
	       (unsigned long long)d->cpu_set);
	if (!is_root || d->reset_address)
		printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "reset address",
		       (unsigned long long)d->reset_address);
	if (d->vuart_base || d->vuart_irq)
		printf("  " CONFIGSHOW_LABEL "emulated PL011 at 0x%08llx, "
		       "INTID %u\n",
		       "console UART", (unsigned long long)d->vuart_base,
		       d->vuart_irq);
	if (d->uart_type || d->uart_base)
		configshow_cell_uart(d);
	if (d->num_pci_devices) {
		printf("  " CONFIGSHOW_LABEL "%u\n", "PCI devices",
		       d->num_pci_devices);
		for (i = 0; i < c->num_pci; i++)
			printf("    %02x:%02x.%u\n", c->pci[i].bdf >> 8,
			       (c->pci[i].bdf >> 3) & 0x1fu,
			       c->pci[i].bdf & 7u);
	}
	configshow_text_mem(c);
	if (c->irqs)
		configshow_text_irqs(c);
	if (c->links) {
		printf("  " CONFIGSHOW_LABEL "%u\n", "links", d->num_links);
		for (i = 0; i < c->num_links; i++)
			configshow_text_link(&c->links[i]);
	}
	configshow_text_cut(c);
}

/* ---- text: a system config -------------------------------------------- */

static void configshow_text_gic(const struct warden_platform *p)
{
	int v2 = p->gic_version == WARDEN_GIC_V2;
	int v3 = p->gic_version == WARDEN_GIC_V3;

	if (v2 || v3)
		printf("  " CONFIGSHOW_LABEL "v%u\n", "GIC", p->gic_version);
	else
		printf("  " CONFIGSHOW_LABEL "unknown version %u\n", "GIC",
		       p->gic_version);
	printf("  " CONFIGSHOW_LABEL "%u\n", "maintenance IRQ",
	       p->maintenance_irq);
	printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "GICD",
	       (unsigned long long)p->gicd_base);
	/* the other version's bases only if set, which the checker refuses */
	if (!v3 || p->gicc_base)
		printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "GICC",
		       (unsigned long long)p->gicc_base);
	if (!v3 || p->gich_base)
		printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "GICH",
		       (unsigned long long)p->gich_base);
	if (!v3 || p->gicv_base)
		printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "GICV",
		       (unsigned long long)p->gicv_base);
	if (!v2 || p->gicr_base || p->gicr_stride)
		printf("  " CONFIGSHOW_LABEL "0x%08llx, stride 0x%llx\n",
		       "GICR", (unsigned long long)p->gicr_base,
		       (unsigned long long)p->gicr_stride);
	if (p->gic_its_base)
		printf("  " CONFIGSHOW_LABEL "0x%08llx (the root's MSIs)\n",
		       "ITS", (unsigned long long)p->gic_its_base);
}

static void configshow_text_platform(const struct warden_platform *p)
{
	const char *uart = configshow_uart_name(p->uart_type);
	uint32_t i, n = p->num_cpus;

	printf("platform\n");
	configshow_text_gic(p);
	if (uart)
		printf("  " CONFIGSHOW_LABEL "%s at 0x%08llx\n", "UART", uart,
		       (unsigned long long)p->uart_base);
	else
		printf("  " CONFIGSHOW_LABEL "unknown type %u at 0x%08llx\n",
		       "UART", p->uart_type, (unsigned long long)p->uart_base);
	if (p->smmu_base)
		printf("  " CONFIGSHOW_LABEL "SMMUv3 at 0x%08llx, event queue "
		       "IRQ %u, global errors IRQ %u\n",
		       "IOMMU", (unsigned long long)p->smmu_base,
		       p->smmu_evtq_irq, p->smmu_gerror_irq);
	if (p->pci_ecam_base)
		printf("  " CONFIGSHOW_LABEL "ECAM at 0x%llx, buses %02x-%02x, "
		       "stream IDs from 0x%x, INTx from IRQ %u\n",
		       "PCI host", (unsigned long long)p->pci_ecam_base,
		       p->pci_bus_first, p->pci_bus_last, p->pci_stream_base,
		       p->pci_intx_irq);
	printf("  " CONFIGSHOW_LABEL "%u\n", "CPUs", n);
	if (n > WARDEN_MAX_CPUS)
		n = WARDEN_MAX_CPUS; /* the array has no more */
	if (n)
		printf("    CPU  MPIDR\n");
	for (i = 0; i < n; i++)
		printf("    %-3u  0x%llx\n", i,
		       (unsigned long long)p->cpu_mpidr[i]);
}

/* Signature, revision, architecture, flags: the first bytes of both. */
static void configshow_text_header(uint16_t revision, uint16_t arch,
				   uint32_t flags, int show_flags)
{
	const char *name = configshow_arch_name(arch);

	printf("  " CONFIGSHOW_LABEL "%u\n", "revision", revision);
	if (name)
		printf("  " CONFIGSHOW_LABEL "%s\n", "architecture", name);
	else
		printf("  " CONFIGSHOW_LABEL "unknown (%u)\n", "architecture",
		       arch);
	if (!show_flags)
		return;
	printf("  " CONFIGSHOW_LABEL "0x%x%s%s\n", "flags", flags,
	       flags & WARDEN_SYS_REFUSE_ROOT_RESET ?
		       " (refuse-root-reset: the root may not reset or power "
		       "off the machine while cells run)" :
		       "",
	       flags & ~WARDEN_SYS_VALID_FLAGS ? " (unknown bits)" : "");
}

static void configshow_text_system(const struct configshow_file *f)
{
	const struct warden_system *sys = (const void *)f->sys_header;
	char words[32], flags[128];

	printf("%s: system config, %zu bytes\n", f->path, f->size);
	if (!sys)
		return;
	configshow_text_header(sys->revision, sys->architecture, sys->flags, 1);
	if (f->hv_mem) {
		configshow_size_words(words, sizeof(words), f->hv_mem->size);
		configshow_mem_flags(flags, sizeof(flags), f->hv_mem->flags);
		printf("hypervisor memory\n");
		printf("  " CONFIGSHOW_LABEL "0x%08llx\n", "physical",
		       (unsigned long long)f->hv_mem->phys_start);
		printf("  " CONFIGSHOW_LABEL "0x%llx (%s)\n", "size",
		       (unsigned long long)f->hv_mem->size, words);
		printf("  " CONFIGSHOW_LABEL "%s\n", "flags", flags);
	}
	if (f->platform)
		configshow_text_platform(f->platform);
	if (f->cell.desc)
		configshow_text_cell(&f->cell, 1);
}

static void configshow_text(const struct configshow_file *f)
{
	const struct warden_cell_desc *d = f->cell.desc;

	if (f->kind == CONFIGSHOW_SYSTEM) {
		configshow_text_system(f);
	} else if (f->kind == CONFIGSHOW_CELL) {
		printf("%s: cell config, %zu bytes, %s%s\n", f->path, f->size,
		       f->checked_against ? "checked against " :
					    "layout checked only",
		       f->checked_against ? f->checked_against : "");
		if (!d)
			return;
		configshow_text_header(d->revision, d->architecture, 0, 0);
		configshow_text_cell(&f->cell, 0);
	}
}

/* ---- the command -------------------------------------------------------- */

/* Keep a valid system config for the cell configs after it. */
static void configshow_keep(struct configshow_run *run,
			    const struct configshow_file *f, char **blob)
{
	if (f->kind != CONFIGSHOW_SYSTEM)
		return;
	free(run->sys);
	run->sys = NULL;
	run->sys_path = NULL;
	if (f->problems)
		return;
	run->sys = *blob;
	run->sys_path = f->path;
	*blob = NULL;
}

static void configshow_file(struct configshow_run *run, struct json *j,
			    const char *path)
{
	struct configshow_file f = { .path = path };
	const char *reason;
	char *blob;
	size_t size;
	int ret;

	ret = fileio_read(path, SYSCONFIG_MAX_SIZE, &blob, &size);
	if (ret) {
		reason = ret == -EFBIG ? "too large for a Warden config" :
					 strerror(-ret);
		warden_err("%s: %s", path, reason);
		if (run->json)
			configjson_unreadable(j, path, reason);
		run->ret = WARDEN_EXIT_FAIL;
		return;
	}
	configshow_view(&f, blob, size);
	if (f.kind == CONFIGSHOW_UNKNOWN) {
		cellconfig_not_config(path, blob, size);
		f.problems = 1;
	} else {
		configshow_check(run, &f, blob);
	}
	if (f.problems)
		run->ret = WARDEN_EXIT_FAIL;
	if (run->json)
		configjson_file(j, &f);
	else
		configshow_text(&f);
	configshow_keep(run, &f, &blob);
	free(blob);
}

/* warden config show [--json] <file>...: 0 if every file is valid. */
int configshow_run(int argc, char **argv, unsigned int opts)
{
	struct configshow_run run = { .json = !!(opts & WARDEN_OPT_JSON) };
	struct json j;
	int i;

	json_init(&j, stdout);
	if (run.json && argc > 1)
		json_begin_array(&j, NULL);
	for (i = 0; i < argc; i++) {
		if (i && !run.json)
			putchar('\n');
		configshow_file(&run, &j, argv[i]);
		/* keep stdout and stderr in order; main() checks stdout */
		(void)fflush(stdout);
	}
	if (run.json && argc > 1)
		json_end_array(&j);
	if (run.json && json_finish(&j)) {
		warden_err("config show: writing the output failed");
		run.ret = WARDEN_EXIT_FAIL;
	}
	free(run.sys);
	return run.ret;
}
