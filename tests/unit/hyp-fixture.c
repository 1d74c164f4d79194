// SPDX-License-Identifier: GPL-2.0-only
/* The fixture of the host tests of the hypervisor core (hyp-fixture.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <warden/firmware.h>
#include <hyp/cellctl.h>
#include <hyp/console.h>
#include <hyp/control.h>
#include <hyp/link.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>

#include "hyp-fixture.h"

struct fx_system fx_sys;
unsigned char *fx_image;
unsigned char *fx_ram;
struct trap_frame fx_frame;

static unsigned char fx_cfg[2 * PAGE_SIZE];
static const struct warden_cell_status *fx_last_status;

static void mem_set(struct warden_memory *m, u64 phys, u64 virt, u64 size,
		    u32 flags)
{
	m->phys_start = phys;
	m->virt_start = virt;
	m->size = size;
	m->flags = flags;
	m->reserved = 0;
}

static void desc_set(struct warden_cell_desc *d, const char *name, u64 cpus)
{
	memset(d, 0, sizeof(*d));
	memcpy(d->signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	d->revision = WARDEN_CONFIG_REVISION;
	d->architecture = WARDEN_ARCH_ARM64;
	strncpy(d->name, name, sizeof(d->name) - 1);
	d->cpu_set = cpus;
}

void fx_sys_init(void)
{
	struct warden_platform *p = &fx_sys.sys.platform;
	struct warden_cell_desc *root = &fx_sys.sys.root_cell;
	unsigned int i;

	memset(&fx_sys, 0, sizeof(fx_sys));
	memcpy(fx_sys.sys.signature, WARDEN_SYSTEM_SIGNATURE,
	       WARDEN_SIGNATURE_LEN);
	fx_sys.sys.revision = WARDEN_CONFIG_REVISION;
	fx_sys.sys.architecture = WARDEN_ARCH_ARM64;
	p->gic_version = WARDEN_GIC_V3;
	p->maintenance_irq = 25;
	p->gicd_base = 0x08000000;
	p->gicr_base = 0x080a0000;
	p->gicr_stride = 0x20000;
	p->uart_type = WARDEN_UART_PL011;
	p->uart_base = 0x09000000;
	p->num_cpus = FX_CPUS;
	for (i = 0; i < FX_CPUS; i++)
		p->cpu_mpidr[i] = i;
	desc_set(root, "root", (1UL << FX_CPUS) - 1);
	root->flags = WARDEN_CELL_CONSOLE;
	root->num_memory_regions = 5;
	root->num_irq_ranges = 2;
	mem_set(&fx_sys.mem[0], 0x40000000, 0x40000000, 0x30000000, FX_RWX);
	mem_set(&fx_sys.mem[1], 0x70000000, 0x70000000, 0x0fc00000, FX_RWX);
	mem_set(&fx_sys.mem[2], 0x0, 0x0, 0x08000000, FX_IO);
	mem_set(&fx_sys.mem[3], 0x09000000, 0x09000000, 0x40000, FX_IO);
	mem_set(&fx_sys.mem[4], 0x0a000000, 0x0a000000, 0x4000, FX_IO);
	fx_sys.irq[0].first = 32;
	fx_sys.irq[0].count = 64;
	fx_sys.irq[1].first = 96;
	fx_sys.irq[1].count = 192;
}

/* The system config as a blob at dst; returns its size. */
static u64 sys_pack(void *dst)
{
	const struct warden_cell_desc *root = &fx_sys.sys.root_cell;
	size_t mem = root->num_memory_regions * sizeof(struct warden_memory);
	size_t irq = root->num_irq_ranges * sizeof(struct warden_irq_range);
	size_t link = root->num_links * sizeof(struct warden_link);
	unsigned char *b = dst;

	memcpy(b, &fx_sys.sys, sizeof(fx_sys.sys));
	memcpy(b + sizeof(fx_sys.sys), fx_sys.mem, mem);
	memcpy(b + sizeof(fx_sys.sys) + mem, fx_sys.irq, irq);
	memcpy(b + sizeof(fx_sys.sys) + mem + irq, fx_sys.link, link);
	return sizeof(fx_sys.sys) + mem + irq + link;
}

int fx_enable(void)
{
	struct warden_fw_header *h;
	u64 base, cfg_off = FX_CORE_SIZE + FX_CPUS * PERCPU_SIZE;
	unsigned int cpu;
	int err;

	free(fx_image);
	free(fx_ram);
	fx_image = aligned_alloc(PAGE_SIZE, FX_HYP_SIZE);
	fx_ram = aligned_alloc(PAGE_SIZE, FX_RAM_SIZE);
	if (!fx_image || !fx_ram)
		abort();
	memset(fx_image, 0, FX_HYP_SIZE);
	memset(fx_ram, 0x5a, FX_RAM_SIZE);
	base = (u64)(uintptr_t)fx_image;
	mem_set(&fx_sys.sys.hypervisor_memory, base, base, FX_HYP_SIZE, FX_RW);
	h = (struct warden_fw_header *)(void *)fx_image;
	memcpy(h->signature, "WARDENFW", 8);
	h->abi_version = WARDEN_ABI_VERSION;
	h->header_size = sizeof(*h);
	h->core_size = FX_CORE_SIZE;
	h->percpu_size = PERCPU_SIZE;
	h->max_cpus = FX_CPUS;
	h->config_offset = cfg_off;
	h->config_size = sys_pack(fx_image + cfg_off);
	memset(&host, 0, sizeof(host));
	host_hyp_reset((1UL << FX_CPUS) - 1);
	host_phys_add(FX_CFG_PA, fx_cfg, sizeof(fx_cfg));
	host_phys_add(FX_RAM_PA, fx_ram, FX_RAM_SIZE);
	err = setup_early(base);
	if (!err)
		err = setup_global();
	if (err)
		return err;
	for (cpu = 0; cpu < FX_CPUS; cpu++) {
		struct per_cpu *pc = per_cpu_of(cpu);

		pc->cpu = cpu;
		pc->mpidr = cpu;
		pc->cell = &root_cell;
		pc->online = 1;
		hyp.cpus_enabled++;
	}
	return 0;
}

void fx_add_mem(struct fx_config *c, u64 phys, u64 virt, u64 size, u32 flags)
{
	mem_set(&c->mem[c->desc.num_memory_regions++], phys, virt, size, flags);
}

void fx_add_irq(struct fx_config *c, u32 first, u32 count)
{
	c->irq[c->desc.num_irq_ranges].first = first;
	c->irq[c->desc.num_irq_ranges++].count = count;
}

struct warden_link *fx_add_link(struct warden_cell_desc *d,
				struct warden_link *links, const char *name,
				const char *peer, u64 phys, u64 virt, u32 side,
				u32 doorbell)
{
	struct warden_link *l = &links[d->num_links++];

	memset(l, 0, sizeof(*l));
	strncpy(l->name, name, sizeof(l->name) - 1);
	strncpy(l->peer, peer, sizeof(l->peer) - 1);
	l->phys_start = phys;
	l->virt_start = virt;
	l->common_size = 0x1000;
	l->section_size = 0x2000;
	l->side = side;
	l->doorbell_irq = doorbell;
	return l;
}

void fx_config_init(struct fx_config *c, const char *name, u64 cpus, u64 ram_pa,
		    u32 spi)
{
	memset(c, 0, sizeof(*c));
	desc_set(&c->desc, name, cpus);
	c->desc.reset_address = FX_RESET;
	fx_add_mem(c, ram_pa, FX_RESET, 0x100000, FX_RWX | WARDEN_MEM_LOADABLE);
	fx_add_mem(c, ram_pa + 0x100000, FX_RESET + 0x100000, 0x10000, FX_RW);
	fx_add_mem(c, 0, WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE,
		   FX_RW | WARDEN_MEM_COMM_REGION);
	fx_add_irq(c, spi, 1);
}

u64 fx_put_config(const struct fx_config *c)
{
	size_t mem = c->desc.num_memory_regions * sizeof(struct warden_memory);
	size_t irq = c->desc.num_irq_ranges * sizeof(struct warden_irq_range);
	size_t link = c->desc.num_links * sizeof(struct warden_link);
	size_t pci = c->desc.num_pci_devices * sizeof(struct warden_pci_device);
	unsigned char *b = fx_cfg;

	memset(fx_cfg, 0, sizeof(fx_cfg));
	memcpy(b, &c->desc, sizeof(c->desc));
	memcpy(b + sizeof(c->desc), c->mem, mem);
	memcpy(b + sizeof(c->desc) + mem, c->irq, irq);
	memcpy(b + sizeof(c->desc) + mem + irq, c->link, link);
	memcpy(b + sizeof(c->desc) + mem + irq + link, c->pci, pci);
	return sizeof(c->desc) + mem + irq + link + pci;
}

struct hc_args {
	u64 fid;
	long ret;
};

static void do_hc(void *arg)
{
	struct hc_args *a = arg;

	control_hypercall(&fx_frame, a->fid);
	a->ret = (long)fx_frame.x[0];
}

static long hc_on(unsigned int cpu, u64 fid, const u64 *x, unsigned int n)
{
	struct hc_args a = { .fid = fid, .ret = LONG_MIN };
	unsigned int i;

	memset(&fx_frame, 0, sizeof(fx_frame));
	fx_frame.x[0] = fid;
	for (i = 0; i < n; i++)
		fx_frame.x[1 + i] = x[i];
	if (host_on_cpu(cpu, do_hc, &a) != OP_RETURNED)
		return LONG_MIN;
	return a.ret;
}

long fx_hc_on(unsigned int cpu, u64 fid, u64 x1, u64 x2)
{
	const u64 x[] = { x1, x2 };

	return hc_on(cpu, fid, x, 2);
}

long fx_hc4(u64 fid, u64 x1, u64 x2, u64 x3, u64 x4)
{
	const u64 x[] = { x1, x2, x3, x4 };

	return hc_on(0, fid, x, 4);
}

long fx_hc3_on(unsigned int cpu, u64 fid, u64 x1, u64 x2, u64 x3)
{
	const u64 x[] = { x1, x2, x3 };

	return hc_on(cpu, fid, x, 3);
}

long fx_hc(u64 fid, u64 x1, u64 x2)
{
	return fx_hc_on(0, fid, x1, x2);
}

long fx_create(const struct fx_config *c)
{
	unsigned int cpu;

	for (cpu = 0; cpu < FX_CPUS; cpu++)
		if (c->desc.cpu_set & (1UL << cpu))
			host_cpu_offline(cpu);
	return fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, fx_put_config(c));
}

const char *fx_errmsg(void)
{
	return (const char *)(uintptr_t)cellctl_errmsg_page();
}

bool fx_err_has(const char *words)
{
	if (strstr(fx_errmsg(), words))
		return true;
	printf("  error message \"%s\" lacks \"%s\"\n", fx_errmsg(), words);
	return false;
}

bool fx_uart_has(const char *words)
{
	if (strstr(host.uart, words))
		return true;
	printf("  UART output lacks \"%s\":\n%s\n", words, host.uart);
	return false;
}

long fx_state(long id)
{
	long s = fx_hc(WARDEN_HC_CELL_STATE, (u64)id, 0);

	fx_last_status = s < 0 ? NULL :
				 (const struct warden_cell_status *)(uintptr_t)
					 fx_frame.x[1];
	return s;
}

const struct warden_cell_status *fx_status(void)
{
	return fx_last_status;
}

long fx_load_start(long id)
{
	long err = fx_hc(WARDEN_HC_CELL_SET_LOADABLE, (u64)id, 1);

	if (!err)
		err = fx_hc(WARDEN_HC_CELL_SET_LOADABLE, (u64)id, 0);
	if (!err)
		err = fx_hc(WARDEN_HC_CELL_START, (u64)id, 0);
	return err;
}

u32 fx_root_flags(u64 pa)
{
	u32 flags;

	if (paging_lookup(&root_cell.stage2, pa, NULL, &flags, NULL))
		return 0;
	return flags;
}

u32 fx_cell_flags(const struct cell *cell, u64 ipa, u64 *pa)
{
	u32 flags;

	if (paging_lookup(&cell->stage2, ipa, pa, &flags, NULL))
		return 0;
	return flags;
}

struct cell *fx_cell_on(unsigned int cpu)
{
	return per_cpu_of(cpu)->cell;
}
