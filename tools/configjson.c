// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: `warden config show --json`, the same content as the text
 * form (configshow.c), one object per file:
 *
 *   { "file", "kind": "system"|"cell"|"unknown", "size", "valid",
 *     "problems", "checked_against" (cell configs checked against a system
 *     config), "revision", "architecture", "flags",
 *     "hypervisor_memory", "platform" (system configs), "cell" or
 *     "root_cell" }
 *
 * Addresses and masks are strings ("0x40000000"), since a JSON number is a
 * double to most readers; counts and sizes are numbers.  A part the file is
 * too short for is left out, and an array holds only the entries in the
 * file: compare its length with the count ("num_memory_regions", ...).
 */
#include "configshow.h"

static void configjson_mem_flags(struct json *j, uint32_t flags)
{
	unsigned int bit;

	json_begin_array(j, "flags");
	for (bit = 0; bit < CONFIGSHOW_MEM_FLAGS; bit++)
		if (flags >> bit & 1)
			json_string(j, NULL, configshow_mem_flag(bit));
	json_end_array(j);
	json_hex(j, "flags_value", flags);
}

static void configjson_mem(struct json *j, const char *key,
			   const struct warden_memory *m)
{
	json_begin_object(j, key);
	json_hex(j, "phys", m->phys_start);
	json_hex(j, "virt", m->virt_start);
	json_uint(j, "size", m->size);
	configjson_mem_flags(j, m->flags);
	if (m->reserved)
		json_hex(j, "reserved", m->reserved);
	json_end_object(j);
}

static void configjson_irqs(struct json *j, const struct configshow_cell *c)
{
	const struct warden_irq_range *r;
	uint32_t i;

	json_begin_array(j, "irqs");
	for (i = 0; i < c->num_irqs; i++) {
		r = &c->irqs[i];
		json_begin_object(j, NULL);
		json_uint(j, "first", r->first);
		json_uint(j, "count", r->count);
		if (r->count)
			json_uint(j, "last", (uint64_t)r->first + r->count - 1);
		json_end_object(j);
	}
	json_end_array(j);
}

static void configjson_link(struct json *j, const struct warden_link *l)
{
	json_begin_object(j, NULL);
	json_string_n(j, "name", l->name, sizeof(l->name));
	json_string_n(j, "peer", l->peer, sizeof(l->peer));
	json_hex(j, "phys", l->phys_start);
	json_hex(j, "virt", l->virt_start);
	json_uint(j, "size", warden_link_size(l));
	json_uint(j, "common_size", l->common_size);
	json_uint(j, "section_size", l->section_size);
	json_uint(j, "side", l->side);
	json_uint(j, "doorbell_irq", l->doorbell_irq);
	json_bool(j, "net", (l->flags & WARDEN_LINK_NET) != 0);
	if (l->flags & ~WARDEN_LINK_FLAGS)
		json_hex(j, "flags", l->flags);
	if (l->reserved)
		json_hex(j, "reserved", l->reserved);
	json_end_object(j);
}

static void configjson_cpus(struct json *j, uint64_t mask)
{
	char list[192];
	unsigned int cpu;

	configshow_cpu_list(list, sizeof(list), mask);
	json_string(j, "cpus", list);
	json_hex(j, "cpu_mask", mask);
	json_begin_array(j, "cpu_list");
	for (cpu = 0; cpu < 64; cpu++)
		if (mask >> cpu & 1)
			json_uint(j, NULL, cpu);
	json_end_array(j);
}

static void configjson_cell_flags(struct json *j, uint32_t flags)
{
	json_begin_array(j, "flags");
	if (flags & WARDEN_CELL_CONSOLE)
		json_string(j, NULL, "console");
	if (flags & WARDEN_CELL_DIRECT_IRQ)
		json_string(j, NULL, "direct-irq");
	json_end_array(j);
	json_hex(j, "flags_value", flags);
}

/* A UART type by name, or by number if it has none (config check says). */
static void configjson_uart_type(struct json *j, uint32_t type)
{
	const char *uart = configshow_uart_name(type);

	if (uart)
		json_string(j, "type", uart);
	else
		json_uint(j, "type", type);
}

static void configjson_cell(struct json *j, const char *key,
			    const struct configshow_cell *c, int is_root)
{
	const struct warden_cell_desc *d = c->desc;
	uint32_t i;

	json_begin_object(j, key);
	json_string_n(j, "name", d->name, sizeof(d->name));
	configjson_cell_flags(j, d->flags);
	configjson_cpus(j, d->cpu_set);
	if (!is_root || d->reset_address)
		json_hex(j, "reset_address", d->reset_address);
	if (d->vuart_base || d->vuart_irq) {
		json_begin_object(j, "console_uart");
		json_string(j, "type", "pl011");
		json_hex(j, "base", d->vuart_base);
		json_uint(j, "irq", d->vuart_irq);
		json_end_object(j);
	}
	if (d->uart_type || d->uart_base) {
		json_begin_object(j, "uart");
		configjson_uart_type(j, d->uart_type);
		json_hex(j, "base", d->uart_base);
		json_end_object(j);
	}
	json_uint(j, "num_memory_regions", d->num_memory_regions);
	json_uint(j, "num_irq_ranges", d->num_irq_ranges);
	json_uint(j, "num_links", d->num_links);
	json_uint(j, "num_pci_devices", d->num_pci_devices);
	json_begin_array(j, "memory_regions");
	for (i = 0; i < c->num_mem; i++)
		configjson_mem(j, NULL, &c->mem[i]);
	json_end_array(j);
	if (c->irqs)
		configjson_irqs(j, c);
	if (c->links) {
		json_begin_array(j, "links");
		for (i = 0; i < c->num_links; i++)
			configjson_link(j, &c->links[i]);
		json_end_array(j);
	}
	if (c->pci) {
		json_begin_array(j, "pci_devices");
		for (i = 0; i < c->num_pci; i++) {
			json_begin_object(j, NULL);
			json_uint(j, "bus", c->pci[i].bdf >> 8);
			json_uint(j, "device", (c->pci[i].bdf >> 3) & 0x1fu);
			json_uint(j, "function", c->pci[i].bdf & 7u);
			json_end_object(j);
		}
		json_end_array(j);
	}
	json_end_object(j);
}

static void configjson_gic(struct json *j, const struct warden_platform *p)
{
	json_begin_object(j, "gic");
	json_uint(j, "version", p->gic_version);
	json_uint(j, "maintenance_irq", p->maintenance_irq);
	json_hex(j, "gicd_base", p->gicd_base);
	json_hex(j, "gicc_base", p->gicc_base);
	json_hex(j, "gich_base", p->gich_base);
	json_hex(j, "gicv_base", p->gicv_base);
	json_hex(j, "gicr_base", p->gicr_base);
	json_hex(j, "gicr_stride", p->gicr_stride);
	json_hex(j, "its_base", p->gic_its_base);
	json_end_object(j);
}

static void configjson_platform(struct json *j, const struct warden_platform *p)
{
	uint32_t i, n = p->num_cpus;

	json_begin_object(j, "platform");
	configjson_gic(j, p);
	json_begin_object(j, "uart");
	configjson_uart_type(j, p->uart_type);
	json_hex(j, "base", p->uart_base);
	json_end_object(j);
	json_begin_object(j, "smmu");
	json_hex(j, "base", p->smmu_base);
	json_uint(j, "evtq_irq", p->smmu_evtq_irq);
	json_uint(j, "gerror_irq", p->smmu_gerror_irq);
	json_end_object(j);
	json_begin_object(j, "pci_host");
	json_hex(j, "ecam_base", p->pci_ecam_base);
	json_uint(j, "bus_first", p->pci_bus_first);
	json_uint(j, "bus_last", p->pci_bus_last);
	json_hex(j, "stream_base", p->pci_stream_base);
	json_uint(j, "intx_irq", p->pci_intx_irq);
	json_end_object(j);
	json_uint(j, "num_cpus", p->num_cpus);
	if (n > WARDEN_MAX_CPUS)
		n = WARDEN_MAX_CPUS; /* the array has no more */
	json_begin_array(j, "cpus");
	for (i = 0; i < n; i++) {
		json_begin_object(j, NULL);
		json_uint(j, "cpu", i);
		json_hex(j, "mpidr", p->cpu_mpidr[i]);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

static void configjson_header(struct json *j, uint16_t revision, uint16_t arch)
{
	const char *name = configshow_arch_name(arch);

	json_uint(j, "revision", revision);
	if (name)
		json_string(j, "architecture", name);
	else
		json_uint(j, "architecture", arch);
}

static void configjson_system(struct json *j, const struct configshow_file *f)
{
	const struct warden_system *sys = (const void *)f->sys_header;

	if (!sys)
		return;
	configjson_header(j, sys->revision, sys->architecture);
	json_begin_array(j, "flags");
	if (sys->flags & WARDEN_SYS_REFUSE_ROOT_RESET)
		json_string(j, NULL, "refuse-root-reset");
	json_end_array(j);
	json_hex(j, "flags_value", sys->flags);
	if (f->hv_mem)
		configjson_mem(j, "hypervisor_memory", f->hv_mem);
	if (f->platform)
		configjson_platform(j, f->platform);
	if (f->cell.desc)
		configjson_cell(j, "root_cell", &f->cell, 1);
}

void configjson_file(struct json *j, const struct configshow_file *f)
{
	static const char *const kinds[] = { "unknown", "system", "cell" };
	const struct warden_cell_desc *d = f->cell.desc;

	json_begin_object(j, NULL);
	json_string(j, "file", f->path);
	json_string(j, "kind", kinds[f->kind]);
	json_uint(j, "size", f->size);
	json_bool(j, "valid", !f->problems);
	json_uint(j, "problems", f->problems);
	if (f->checked_against)
		json_string(j, "checked_against", f->checked_against);
	if (f->kind == CONFIGSHOW_SYSTEM) {
		configjson_system(j, f);
	} else if (f->kind == CONFIGSHOW_CELL && d) {
		configjson_header(j, d->revision, d->architecture);
		configjson_cell(j, "cell", &f->cell, 0);
	}
	json_end_object(j);
}

void configjson_unreadable(struct json *j, const char *path, const char *reason)
{
	json_begin_object(j, NULL);
	json_string(j, "file", path);
	json_string(j, "kind", "unknown");
	json_bool(j, "valid", 0);
	json_string(j, "error", reason);
	json_end_object(j);
}
