// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden config cell-create`: an inmate cell config from its name, CPUs,
 * RAM size, devices and IRQs.  Devices are found in the device tree by path
 * or address and bring their registers and SPIs along.  The RAM, unless
 * placed by hand, goes at the top of the root cell's RAM that neither Linux,
 * the hypervisor, a link nor a cell named with it uses.  As with the system
 * config, the cell is built in binary and checked first (against the
 * system config, and against each cell it must run beside): only a valid
 * config is written.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <config-check.h>
#include <warden/cell.h>
#include <warden/config.h>

#include "cellgen.h"
#include "warden.h"

#define CC_PAGE 0x1000ull
#define CC_BLOCK 0x200000ull /* 2 MiB: one stage-2 block, if it can be */
#define CC_MAX_MEM 40
#define CC_MAX_IRQS 64
#define CC_LABEL 64

struct cc {
	const struct cellgen_opts *o;
	int problems;
	struct warden_memory mem[CC_MAX_MEM];
	char label[CC_MAX_MEM][CC_LABEL];
	int num_mem;
	struct warden_irq_range irqs[CC_MAX_IRQS];
	int num_irqs;
	uint64_t ram_at;
};

static void cc_refuse(struct cc *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cc_refuse(struct cc *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "warden: config cell-create: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->problems++;
}

/* ---- parsing ------------------------------------------------------------ */

/* "a" or "a-b" of numbers into [*lo, *hi]; 0 on success. */
static int cc_parse_span(const char *tok, unsigned long *lo, unsigned long *hi)
{
	char *end;

	*lo = strtoul(tok, &end, 0);
	if (end == tok)
		return -1;
	*hi = *lo;
	if (*end == '-') {
		const char *p = end + 1;

		*hi = strtoul(p, &end, 0);
		if (end == p)
			return -1;
	}
	return *end || *hi < *lo ? -1 : 0;
}

int cellgen_parse_cpus(const char *s, uint64_t *set)
{
	char buf[256], *save = NULL, *tok;
	unsigned long lo, hi, cpu;

	*set = 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (cc_parse_span(tok, &lo, &hi) || hi >= WARDEN_MAX_CPUS)
			return -1;
		for (cpu = lo; cpu <= hi; cpu++)
			*set |= 1ull << cpu;
	}
	return *set ? 0 : -1;
}

int cellgen_parse_irqs(const char *s, struct warden_irq_range *r, int max)
{
	char buf[512], *save = NULL, *tok;
	unsigned long lo, hi;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (n == max || cc_parse_span(tok, &lo, &hi) || hi > 1019)
			return -1;
		r[n].first = (uint32_t)lo;
		r[n++].count = (uint32_t)(hi - lo + 1);
	}
	return n;
}

/* A hexadecimal field up to max, ended by sep, which *p then passes. */
static int cc_hex(const char **p, unsigned long max, char sep, unsigned long *v)
{
	char *end;

	if (!isxdigit((unsigned char)**p))
		return -1;
	*v = strtoul(*p, &end, 16);
	if (*v > max || *end != sep)
		return -1;
	*p = sep ? end + 1 : end;
	return 0;
}

/* "BB:DD.F" or "0000:BB:DD.F", as lspci prints it, into a requester ID. */
static int cc_parse_bdf(const char *tok, uint16_t *bdf)
{
	unsigned long dom = 0, bus, dev, fn;
	const char *p = tok;

	/* a domain, if given, must be 0: the platform has one host bridge */
	if (strchr(tok, ':') != strrchr(tok, ':') && cc_hex(&p, 0, ':', &dom))
		return -1;
	if (cc_hex(&p, 0xff, ':', &bus) || cc_hex(&p, 0x1f, '.', &dev) ||
	    cc_hex(&p, 7, '\0', &fn))
		return -1;
	*bdf = (uint16_t)(bus << 8 | dev << 3 | fn);
	return 0;
}

int cellgen_parse_pci(const char *s, uint16_t *bdf, int max)
{
	char buf[512], *save = NULL, *tok;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (n == max || cc_parse_bdf(tok, &bdf[n++]))
			return -1;
	return n;
}

/* ---- regions and IRQs ------------------------------------------------------ */

static void cc_add_mem(struct cc *c, uint64_t phys, uint64_t virt,
		       uint64_t size, uint32_t flags, const char *label)
{
	if (c->num_mem == CC_MAX_MEM) {
		cc_refuse(c, "more than %d memory regions", CC_MAX_MEM);
		return;
	}
	c->mem[c->num_mem] =
		(struct warden_memory){ phys, virt, size, flags, 0 };
	snprintf(c->label[c->num_mem++], CC_LABEL, "%s", label);
}

static void cc_add_irqs(struct cc *c, uint32_t first, uint32_t count)
{
	int i;

	for (i = 0; i < c->num_irqs; i++)
		if (first >= c->irqs[i].first &&
		    first + count <= c->irqs[i].first + c->irqs[i].count)
			return; /* already there */
	if (c->num_irqs == CC_MAX_IRQS) {
		cc_refuse(c, "more than %d IRQ ranges", CC_MAX_IRQS);
		return;
	}
	c->irqs[c->num_irqs++] = (struct warden_irq_range){ first, count };
}

/* The node of a device item: a DT path, or the address of its first reg. */
static int cc_device_node(struct cc *c, const char *item)
{
	const struct fdt *f = c->o->fdt;
	uint64_t want, addr, size;
	int i;

	if (!f) {
		cc_refuse(c, "device %s: no device tree to look it up in",
			  item);
		return -1;
	}
	if (item[0] == '/')
		return fdt_path(f, item);
	want = configgen_parse_size(item);
	for (i = 0; want && i < f->num_nodes; i++)
		if (!fdt_reg(f, i, 0, &addr, &size) && addr == want &&
		    fdt_enabled(f, i))
			return i;
	return -1;
}

/* A device's SPIs, as a GIC with three interrupt cells lists them. */
static void cc_device_irqs(struct cc *c, int node)
{
	uint32_t len, i;
	const uint8_t *p = fdt_prop(c->o->fdt, node, "interrupts", &len);

	for (i = 0; p && i + 12 <= len; i += 12)
		if (fdt_cells(p + i, 1) == 0 && fdt_cells(p + i + 4, 1) < 988)
			cc_add_irqs(c, 32 + (uint32_t)fdt_cells(p + i + 4, 1),
				    1);
}

static void cc_device(struct cc *c, const char *item)
{
	const struct fdt *f = c->o->fdt;
	uint64_t addr, size, start, end;
	int node = cc_device_node(c, item), i;

	if (node < 0) {
		if (f)
			cc_refuse(c,
				  "device %s: no such node, or no enabled "
				  "node with its first register there",
				  item);
		return;
	}
	for (i = 0; !fdt_reg(f, node, i, &addr, &size); i++) {
		start = addr & ~(CC_PAGE - 1);
		end = (addr + size + CC_PAGE - 1) & ~(CC_PAGE - 1);
		cc_add_mem(c, start, start, end - start,
			   WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO,
			   f->nodes[node].name);
	}
	if (!i)
		cc_refuse(c, "device %s: no registers the CPU can address",
			  item);
	cc_device_irqs(c, node);
}

/* ---- RAM placement ---------------------------------------------------------- */

/* Add a cell's links to the ranges in use; the count. */
static int cc_used_links(const struct warden_cell_desc *d,
			 struct configgen_range *used, int n)
{
	const struct warden_link *l = warden_cell_links(d);
	uint32_t i;

	for (i = 0; i < d->num_links && n < CONFIGGEN_MAX_RANGES; i++)
		used[n++] = (struct configgen_range){ l[i].phys_start,
						      warden_link_size(&l[i]) };
	return n;
}

/* Add a cell's memory (but its comm region) and links; the count. */
static int cc_used_cell(const struct warden_cell_desc *d,
			struct configgen_range *used, int n)
{
	const struct warden_memory *m = warden_cell_mem(d);
	uint32_t i;

	for (i = 0; i < d->num_memory_regions && n < CONFIGGEN_MAX_RANGES; i++)
		if (!(m[i].flags & WARDEN_MEM_COMM_REGION))
			used[n++] = (struct configgen_range){ m[i].phys_start,
							      m[i].size };
	return cc_used_links(d, used, n);
}

/* Is [start, start + size) clear of every range in used[n]? */
static int cc_clear(uint64_t start, uint64_t size,
		    const struct configgen_range *used, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (start < used[i].start + used[i].size &&
		    used[i].start < start + size)
			return 0;
	return 1;
}

/*
 * The highest place in a root RAM region clear of everything in use, on a
 * 2 MiB boundary if one fits (a stage-2 block), else on a page.
 */
static uint64_t cc_place(const struct cellgen_opts *o,
			 const struct configgen_range *used, int n)
{
	const struct warden_cell_desc *root = &o->sys->root_cell;
	const struct warden_memory *m = warden_cell_mem(root);
	uint64_t best = 0, align, top, at;
	uint32_t i;

	for (align = CC_BLOCK; align >= CC_PAGE && !best; align >>= 9)
		for (i = 0; i < root->num_memory_regions; i++) {
			if (m[i].flags & WARDEN_MEM_IO ||
			    m[i].size < o->ram_size)
				continue;
			top = m[i].phys_start + m[i].size;
			for (at = (top - o->ram_size) & ~(align - 1);
			     at >= m[i].phys_start && at > best; at -= align) {
				if (cc_clear(at, o->ram_size, used, n)) {
					best = at;
					break;
				}
				if (at < align)
					break;
			}
		}
	return best;
}

static void cc_ram(struct cc *c)
{
	const struct cellgen_opts *o = c->o;
	struct configgen_range used[CONFIGGEN_MAX_RANGES];
	int n = 0, i;

	c->ram_at = o->ram_at;
	if (!c->ram_at) {
		used[n++] = (struct configgen_range){
			o->sys->hypervisor_memory.phys_start,
			o->sys->hypervisor_memory.size
		};
		for (i = 0; i < o->num_linux_ram && n < CONFIGGEN_MAX_RANGES;
		     i++)
			used[n++] = o->linux_ram[i];
		/* the root's own RAM is Linux's and the free pool: its links */
		n = cc_used_links(&o->sys->root_cell, used, n);
		for (i = 0; i < o->num_with; i++)
			n = cc_used_cell(o->with[i], used, n);
		c->ram_at = cc_place(o, used, n);
		if (!c->ram_at) {
			cc_refuse(c,
				  "no 0x%llx bytes of the root cell's RAM "
				  "are free of Linux, the hypervisor, links "
				  "and the cells given with --with: place it "
				  "with --ram-at",
				  (unsigned long long)o->ram_size);
			return;
		}
	}
	cc_add_mem(c, c->ram_at, o->ram_ipa, o->ram_size,
		   WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE |
			   WARDEN_MEM_LOADABLE,
		   "RAM: the image is loaded here, and runs from its start");
	cc_add_mem(c, 0, WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE,
		   WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_COMM_REGION,
		   "comm region, provided by the hypervisor");
}

/* ---- the binary config, checked -------------------------------------------- */

static void cc_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cc_report(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	fprintf(stderr, "warden: config cell-create: the cell fails its "
			"check: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void cc_desc(const struct cc *c, struct warden_cell_desc *d)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	d->revision = WARDEN_CONFIG_REVISION;
	d->architecture = WARDEN_ARCH_ARM64;
	d->flags = c->o->console ? WARDEN_CELL_CONSOLE : 0;
	snprintf(d->name, sizeof(d->name), "%s", c->o->name);
	d->cpu_set = c->o->cpu_set;
	d->num_memory_regions = (uint32_t)c->num_mem;
	d->num_irq_ranges = (uint32_t)c->num_irqs;
	d->num_pci_devices = (uint32_t)c->o->num_pci;
	d->reset_address = c->o->ram_ipa;
}

/* The PCI functions' array, as the ABI lays it out after the links. */
static void cc_pci(const struct cc *c, struct warden_pci_device *p)
{
	int i;

	for (i = 0; i < c->o->num_pci; i++)
		p[i] = (struct warden_pci_device){ .bdf = c->o->pci[i] };
}

/* Build the cell the C source describes; check it alone and in company. */
static int cc_check(const struct cc *c)
{
	const struct cellgen_opts *o = c->o;
	size_t mem_len = (size_t)c->num_mem * sizeof(c->mem[0]);
	size_t irq_len = (size_t)c->num_irqs * sizeof(c->irqs[0]);
	size_t pci_len = (size_t)o->num_pci * sizeof(struct warden_pci_device);
	size_t size =
		sizeof(struct warden_cell_desc) + mem_len + irq_len + pci_len;
	uint8_t *b = calloc(1, size);
	struct warden_cell_desc d;
	unsigned int n;
	int i;

	if (!b)
		return -ENOMEM;
	cc_desc(c, &d);
	memcpy(b, &d, sizeof(d));
	memcpy(b + sizeof(d), c->mem, mem_len);
	memcpy(b + sizeof(d) + mem_len, c->irqs, irq_len);
	/* no links: the PCI functions follow the IRQs */
	cc_pci(c, (struct warden_pci_device *)(void *)(b + sizeof(d) + mem_len +
						       irq_len));
	n = config_check_cell(b, size, o->sys, cc_report, NULL);
	for (i = 0; !n && i < o->num_with; i++)
		n += config_check_cell_pair((const void *)b, o->with[i],
					    cc_report, NULL);
	free(b);
	return n ? -EINVAL : 0;
}

/* ---- C source ----------------------------------------------------------------- */

static void cc_emit_flags(FILE *out, uint32_t flags)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ WARDEN_MEM_READ, "WARDEN_MEM_READ" },
		{ WARDEN_MEM_WRITE, "WARDEN_MEM_WRITE" },
		{ WARDEN_MEM_EXECUTE, "WARDEN_MEM_EXECUTE" },
		{ WARDEN_MEM_IO, "WARDEN_MEM_IO" },
		{ WARDEN_MEM_LOADABLE, "WARDEN_MEM_LOADABLE" },
		{ WARDEN_MEM_COMM_REGION, "WARDEN_MEM_COMM_REGION" },
	};
	unsigned int i, n = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			fprintf(out, "%s%s",
				n++ ? (n % 2 ? " |\n\t\t\t\t " : " | ") : "",
				names[i].name);
}

static void cc_emit_pci(const struct cellgen_opts *o, FILE *out)
{
	int i;

	if (!o->num_pci)
		return;
	fprintf(out, "\t.pci = {\n");
	for (i = 0; i < o->num_pci; i++)
		fprintf(out, "\t\t{ .bdf = 0x%04x }, /* %02x:%02x.%x */\n",
			o->pci[i], o->pci[i] >> 8, (o->pci[i] >> 3) & 0x1fu,
			o->pci[i] & 7u);
	fprintf(out, "\t},\n");
}

static void cc_emit(const struct cc *c, FILE *out)
{
	const struct cellgen_opts *o = c->o;
	int i;

	fprintf(out,
		"/*\n * Cell config \"%s\", generated by `warden config "
		"cell-create` (warden " WARDEN_CLI_VERSION ")\n"
		" * for the system config %s.\n *\n"
		" * Build it with `warden config build <this file>`; "
		"check it with\n"
		" * `warden config check <system.cell> <this cell>`.\n */\n"
		"#include <warden/cell.h>\n#include <warden/config.h>\n\n",
		o->name, o->sys_path);
	fprintf(out,
		"const struct {\n\tstruct warden_cell_desc cell;\n"
		"\tstruct warden_memory mem[%d];\n",
		c->num_mem);
	if (c->num_irqs)
		fprintf(out, "\tstruct warden_irq_range irqs[%d];\n",
			c->num_irqs);
	if (o->num_pci)
		fprintf(out, "\tstruct warden_pci_device pci[%d];\n",
			o->num_pci);
	fprintf(out,
		"} WARDEN_PACKED config "
		"__attribute__((section(\".warden_config\"))) = {\n"
		"\t.cell = {\n"
		"\t\t.signature = WARDEN_CELL_SIGNATURE,\n"
		"\t\t.revision = WARDEN_CONFIG_REVISION,\n"
		"\t\t.architecture = WARDEN_ARCH_ARM64,\n"
		"\t\t.flags = %s,\n\t\t.name = \"%s\",\n"
		"\t\t.cpu_set = 0x%llx,\n"
		"\t\t.num_memory_regions = %d,\n"
		"\t\t.num_irq_ranges = %d,\n",
		o->console ? "WARDEN_CELL_CONSOLE" : "0", o->name,
		(unsigned long long)o->cpu_set, c->num_mem, c->num_irqs);
	if (o->num_pci)
		fprintf(out, "\t\t.num_pci_devices = %d,\n", o->num_pci);
	fprintf(out, "\t\t.reset_address = 0x%llx,\n\t},\n\t.mem = {\n",
		(unsigned long long)o->ram_ipa);
	for (i = 0; i < c->num_mem; i++) {
		fprintf(out,
			"\t\t/* %s */\n\t\t{\n"
			"\t\t\t.phys_start = 0x%llx,\n"
			"\t\t\t.virt_start = 0x%llx,\n"
			"\t\t\t.size = 0x%llx,\n\t\t\t.flags = ",
			c->label[i], (unsigned long long)c->mem[i].phys_start,
			(unsigned long long)c->mem[i].virt_start,
			(unsigned long long)c->mem[i].size);
		cc_emit_flags(out, c->mem[i].flags);
		fprintf(out, ",\n\t\t},\n");
	}
	fprintf(out, "\t},\n");
	if (c->num_irqs) {
		fprintf(out, "\t.irqs = {\n");
		for (i = 0; i < c->num_irqs; i++)
			fprintf(out, "\t\t{ .first = %u, .count = %u },\n",
				c->irqs[i].first, c->irqs[i].count);
		fprintf(out, "\t},\n");
	}
	cc_emit_pci(o, out);
	fprintf(out, "};\n");
}

/* An IRQ Linux drives now goes to the cell only once its driver lets go. */
static void cc_note_linux_irqs(const struct cc *c)
{
	const struct cellgen_opts *o = c->o;
	int i, k;

	for (i = 0; i < c->num_irqs; i++)
		for (k = 0; k < o->num_linux_irqs; k++)
			if (o->linux_irqs[k].intid >= c->irqs[i].first &&
			    o->linux_irqs[k].intid <
				    c->irqs[i].first + c->irqs[i].count)
				fprintf(stderr,
					"note: INTID %u is Linux's now (%s): "
					"unbind its driver before the cell "
					"is created\n",
					o->linux_irqs[k].intid,
					o->linux_irqs[k].name);
}

/*
 * Linux assigns a function's BARs, and its interrupt pin is in its config
 * space: neither is in the device tree, so the user adds them.
 */
static void cc_note_pci(const struct cellgen_opts *o)
{
	int i;

	for (i = 0; i < o->num_pci; i++)
		fprintf(stderr,
			"note: PCI function %02x:%02x.%x: add its memory BARs "
			"as IO regions at IPA = PA, and its INTx SPI with "
			"--irqs, if the cell uses them\n",
			o->pci[i] >> 8, (o->pci[i] >> 3) & 0x1fu,
			o->pci[i] & 7u);
}

int cellgen_cell(const struct cellgen_opts *o, FILE *out)
{
	struct cc *c = calloc(1, sizeof(*c));
	int i, ret = -EINVAL;

	if (!c)
		return -ENOMEM;
	c->o = o;
	if (o->ram_size < CC_PAGE || o->ram_size % CC_PAGE)
		cc_refuse(c, "RAM size 0x%llx is not whole pages",
			  (unsigned long long)o->ram_size);
	if (!c->problems)
		cc_ram(c);
	for (i = 0; i < o->num_devices; i++)
		cc_device(c, o->devices[i]);
	for (i = 0; i < o->num_irqs; i++)
		cc_add_irqs(c, o->irqs[i].first, o->irqs[i].count);
	if (!c->problems)
		ret = cc_check(c);
	if (!ret) {
		cc_note_linux_irqs(c);
		cc_note_pci(o);
		cc_emit(c, out);
	}
	free(c);
	return ret;
}
