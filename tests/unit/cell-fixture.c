// SPDX-License-Identifier: GPL-2.0-only
/* The shared fixture of the cell and link config tests (cell-fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell-fixture.h"

void mem_set(struct warden_memory *m, uint64_t phys, uint64_t virt,
	     uint64_t size, uint32_t flags)
{
	m->phys_start = phys;
	m->virt_start = virt;
	m->size = size;
	m->flags = flags;
	m->reserved = 0;
}

void desc_init(struct warden_cell_desc *d, const char *name, uint64_t cpu_set)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	d->revision = WARDEN_CONFIG_REVISION;
	d->architecture = WARDEN_ARCH_ARM64;
	strcpy(d->name, name);
	d->cpu_set = cpu_set;
}

/* Append a region or an IRQ range to a cell. */
void add_mem(struct cell *c, uint64_t phys, uint64_t virt, uint64_t size,
	     uint32_t flags)
{
	mem_set(&c->mem[c->desc.num_memory_regions++], phys, virt, size, flags);
}

void add_irq(struct cell *c, uint32_t first, uint32_t count)
{
	c->irq[c->desc.num_irq_ranges].first = first;
	c->irq[c->desc.num_irq_ranges++].count = count;
}

/* Append a link to a cell; returns it for changes. */
struct warden_link *add_link(struct warden_cell_desc *d,
			     struct warden_link *links, const char *name,
			     const char *peer, uint64_t phys, uint64_t virt,
			     uint32_t side, uint32_t doorbell)
{
	struct warden_link *l = &links[d->num_links++];

	memset(l, 0, sizeof(*l));
	strcpy(l->name, name);
	strcpy(l->peer, peer);
	l->phys_start = phys;
	l->virt_start = virt;
	l->common_size = 0x1000;
	l->section_size = 0x2000;
	l->side = side;
	l->doorbell_irq = doorbell;
	return l;
}

/* Remove region i, moving the later ones down. */
void del_mem(struct cell *c, unsigned int i)
{
	unsigned int n = --c->desc.num_memory_regions;

	memmove(&c->mem[i], &c->mem[i + 1], (n - i) * sizeof(c->mem[0]));
}

/*
 * The QEMU virt system with GICv3 (configs/qemu-arm64), with the root RAM
 * in two regions so that a cell region can straddle them.
 */
struct sys_ref sys_ref;

void sys_init(void)
{
	struct sys_ref *r = &sys_ref;
	struct warden_platform *p = &r->sys.platform;
	struct warden_cell_desc *root = &r->sys.root_cell;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	memcpy(r->sys.signature, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN);
	r->sys.revision = WARDEN_CONFIG_REVISION;
	r->sys.architecture = WARDEN_ARCH_ARM64;
	mem_set(&r->sys.hypervisor_memory, 0x7fc00000, 0x7fc00000, 0x400000,
		RW);
	p->gic_version = WARDEN_GIC_V3;
	p->maintenance_irq = 25;
	p->gicd_base = 0x08000000;
	p->gicr_base = 0x080a0000;
	p->gicr_stride = 0x20000;
	p->uart_type = WARDEN_UART_PL011;
	p->uart_base = 0x09000000;
	p->num_cpus = 4;
	for (i = 0; i < 4; i++)
		p->cpu_mpidr[i] = i;

	desc_init(root, "root", 0xf);
	root->flags = WARDEN_CELL_CONSOLE;
	root->num_memory_regions = 5;
	root->num_irq_ranges = 2;
	mem_set(&r->mem[0], 0x40000000, 0x40000000, 0x30000000, RWX);
	mem_set(&r->mem[1], 0x70000000, 0x70000000, 0x0fc00000, RWX);
	mem_set(&r->mem[2], 0x0, 0x0, 0x08000000, IO);
	mem_set(&r->mem[3], 0x09000000, 0x09000000, 0x40000, IO);
	mem_set(&r->mem[4], 0x0a000000, 0x0a000000, 0x4000, IO);
	r->irq[0].first = 32;
	r->irq[0].count = 64;
	r->irq[1].first = 96;
	r->irq[1].count = 192;
}

/*
 * The system as a blob: struct warden_system, then the root's regions and
 * IRQ ranges (sys_ref's arrays are full-sized, so move the IRQs down).
 */
struct warden_system *sys_pack(void)
{
	const struct warden_cell_desc *root = &sys_ref.sys.root_cell;
	size_t mem = root->num_memory_regions * sizeof(struct warden_memory);
	size_t irq = root->num_irq_ranges * sizeof(struct warden_irq_range);
	size_t link = root->num_links * sizeof(struct warden_link);
	char *blob = malloc(sizeof(struct warden_system) + mem + irq + link);

	if (!blob)
		abort();
	memcpy(blob, &sys_ref.sys, sizeof(sys_ref.sys));
	memcpy(blob + sizeof(sys_ref.sys), sys_ref.mem, mem);
	memcpy(blob + sizeof(sys_ref.sys) + mem, sys_ref.irq, irq);
	memcpy(blob + sizeof(sys_ref.sys) + mem + irq, sys_ref.link, link);
	return (struct warden_system *)(void *)blob;
}

struct warden_system *sys_blob(void)
{
	struct warden_system *blob = sys_pack();

	if (config_check_system(blob, warden_system_size(blob), NULL, NULL)) {
		printf("  the reference system config is not valid\n");
		abort();
	}
	return blob;
}

/* The sample inmate: RAM, comm region, the PL011 page and SPI 1. */
void cell_init(struct cell *c)
{
	memset(c, 0, sizeof(*c));
	desc_init(&c->desc, "gic-demo", 0x4);
	c->desc.reset_address = 0x40000000;
	add_mem(c, 0x70000000, 0x40000000, 0x100000, RWX | WARDEN_MEM_LOADABLE);
	add_mem(c, 0, WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE, COMM);
	add_mem(c, 0x09000000, 0x09000000, 0x1000, IO);
	add_irq(c, 33, 1);
}

/* The cell as an exactly-sized heap blob (counts as they are, bounded). */
void *cell_blob(const struct cell *c, size_t *size)
{
	unsigned int nm = c->desc.num_memory_regions;
	unsigned int ni = c->desc.num_irq_ranges;
	unsigned int nl = c->desc.num_links;
	unsigned int np = c->desc.num_pci_devices;
	size_t mem, irq, link, pci;
	char *blob;

	nm = nm > MAX_MEM ? MAX_MEM : nm;
	ni = ni > MAX_IRQ ? MAX_IRQ : ni;
	nl = nl > MAX_LINK ? MAX_LINK : nl;
	np = np > WARDEN_MAX_PCI_DEVICES ? WARDEN_MAX_PCI_DEVICES : np;
	mem = nm * sizeof(struct warden_memory);
	irq = ni * sizeof(struct warden_irq_range);
	link = nl * sizeof(struct warden_link);
	pci = np * sizeof(struct warden_pci_device);
	*size = sizeof(c->desc) + mem + irq + link + pci;
	blob = malloc(*size);
	if (!blob)
		abort();
	memcpy(blob, &c->desc, sizeof(c->desc));
	memcpy(blob + sizeof(c->desc), c->mem, mem);
	memcpy(blob + sizeof(c->desc) + mem, c->irq, irq);
	memcpy(blob + sizeof(c->desc) + mem + irq, c->link, link);
	memcpy(blob + sizeof(c->desc) + mem + irq + link, c->pci, pci);
	return blob;
}

/* Check `size` bytes of blob from an exactly-sized copy. */
unsigned int check_bytes(const void *blob, size_t size, struct collect *col)
{
	struct warden_system *sys = sys_blob();
	void *copy = malloc(size ? size : 1);
	unsigned int n;

	if (!copy)
		abort();
	memcpy(copy, blob, size);
	memset(col, 0, sizeof(*col));
	n = config_check_cell(copy, size, sys, collect_report, col);
	if (n != col->calls)
		printf("  problems %u but %u reports\n", n, col->calls);
	free(copy);
	free(sys);
	return n;
}

unsigned int check_cell(const struct cell *c, struct collect *col)
{
	size_t size;
	void *blob = cell_blob(c, &size);
	unsigned int n = check_bytes(blob, size, col);

	free(blob);
	return n;
}

/* Does the report hold every word of the NULL-terminated list? */
int has_words(const struct collect *col, va_list ap)
{
	const char *word;
	int ok = 1;

	while ((word = va_arg(ap, const char *)))
		if (!strstr(col->text, word)) {
			printf("  missing \"%s\"\n", word);
			ok = 0;
		}
	return ok;
}

/* Check c and expect exactly `want` problems naming each key word. */
int rejected(const struct cell *c, unsigned int want, ...)
{
	struct collect col;
	unsigned int n = check_cell(c, &col);
	int ok;
	va_list ap;

	va_start(ap, want);
	ok = has_words(&col, ap) && n == want;
	va_end(ap);
	if (!ok)
		printf("  %u problems (want %u):\n%s", n, want, col.text);
	return ok;
}

int valid(const struct cell *c)
{
	struct collect col;
	unsigned int n = check_cell(c, &col);

	if (n)
		printf("  %u problems:\n%s", n, col.text);
	return n == 0;
}

/* A second valid cell that conflicts with cell_init()'s in nothing. */
void other_init(struct cell *c)
{
	memset(c, 0, sizeof(*c));
	desc_init(&c->desc, "uart-demo", 0x2);
	c->desc.reset_address = 0x40000000;
	add_mem(c, 0x70100000, 0x40000000, 0x100000, RWX | WARDEN_MEM_LOADABLE);
	add_mem(c, 0, WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE, COMM);
	add_irq(c, 34, 2);
}

/* Check both (each must be valid), then the pair; expect want problems. */
int pair_rejected(const struct cell *a, const struct cell *b, unsigned int want,
		  ...)
{
	struct collect col;
	size_t sa, sb;
	void *ba = cell_blob(a, &sa), *bb = cell_blob(b, &sb);
	unsigned int n;
	int ok = valid(a) && valid(b);
	va_list ap;

	memset(&col, 0, sizeof(col));
	n = config_check_cell_pair(ba, bb, collect_report, &col);
	va_start(ap, want);
	ok = has_words(&col, ap) && ok && n == want && n == col.calls;
	va_end(ap);
	if (!ok)
		printf("  %u problems (want %u):\n%s", n, want, col.text);
	free(ba);
	free(bb);
	return ok;
}
