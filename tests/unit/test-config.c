// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of lib/config-check.c: a valid reference system config (like
 * configs/qemu-arm64) passes; each rule, broken on its own, is reported with
 * a message that names the item and the reason; truncated or inconsistent
 * blobs are rejected without reading outside them (run this under
 * -fsanitize=address,undefined to prove the last part).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "collect.h"
#include "unit.h"

#define REF_MEM 6
#define REF_IRQ 2

/* A system config blob exactly as the configs lay it out. */
struct ref {
	struct warden_system sys;
	struct warden_memory mem[REF_MEM];
	struct warden_irq_range irq[REF_IRQ];
} WARDEN_PACKED;

static void ref_memory(struct warden_memory *m, uint64_t phys, uint64_t size,
		       uint32_t flags)
{
	m->phys_start = phys;
	m->virt_start = phys;
	m->size = size;
	m->flags = flags;
	m->reserved = 0;
}

#define RW (WARDEN_MEM_READ | WARDEN_MEM_WRITE)

/* The reference QEMU virt config, GICv3 or GICv2. */
static void ref_init(struct ref *r, unsigned int gic)
{
	struct warden_system *s = &r->sys;
	struct warden_platform *p = &s->platform;
	struct warden_cell_desc *root = &s->root_cell;
	unsigned int i;

	memset(r, 0, sizeof(*r));
	memcpy(s->signature, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN);
	s->revision = WARDEN_CONFIG_REVISION;
	s->architecture = WARDEN_ARCH_ARM64;
	ref_memory(&s->hypervisor_memory, 0x7fc00000, 0x400000, RW);

	p->gic_version = gic;
	p->maintenance_irq = 25;
	p->gicd_base = 0x08000000;
	if (gic == WARDEN_GIC_V3) {
		p->gicr_base = 0x080a0000;
		p->gicr_stride = 0x20000;
	} else {
		p->gicc_base = 0x08010000;
		p->gich_base = 0x08030000;
		p->gicv_base = 0x08040000;
	}
	p->uart_type = WARDEN_UART_PL011;
	p->uart_base = 0x09000000;
	p->num_cpus = 4;
	for (i = 0; i < 4; i++)
		p->cpu_mpidr[i] = i;

	memcpy(root->signature, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN);
	root->revision = WARDEN_CONFIG_REVISION;
	root->architecture = WARDEN_ARCH_ARM64;
	root->flags = WARDEN_CELL_CONSOLE;
	strcpy(root->name, "root");
	root->cpu_set = 0xf;
	root->num_memory_regions = REF_MEM;
	root->num_irq_ranges = REF_IRQ;

	ref_memory(&r->mem[0], 0x40000000, 0x3fc00000, RW | WARDEN_MEM_EXECUTE);
	ref_memory(&r->mem[1], 0x0, 0x08000000, RW | WARDEN_MEM_IO);
	/* the GICR frames belong to the hypervisor, not to a config */
	ref_memory(&r->mem[2], 0x0c000000, 0x1000, RW | WARDEN_MEM_IO);
	ref_memory(&r->mem[3], 0x09000000, 0x40000, RW | WARDEN_MEM_IO);
	ref_memory(&r->mem[4], 0x0a000000, 0x4000, RW | WARDEN_MEM_IO);
	ref_memory(&r->mem[5], 0x10000000, 0x2eff0000, RW | WARDEN_MEM_IO);

	r->irq[0].first = 32;
	r->irq[0].count = 64;
	r->irq[1].first = 96;
	r->irq[1].count = 192;
}

static unsigned int check_blob(const void *blob, uint64_t size,
			       struct collect *col)
{
	unsigned int n;

	memset(col, 0, sizeof(*col));
	n = config_check_system(blob, size, collect_report, col);
	if (n != col->calls)
		printf("  problems %u but %u reports\n", n, col->calls);
	return n;
}

/* Copy into an exactly-sized heap buffer, so ASan sees any overread. */
static unsigned int check_exact(const void *blob, size_t size,
				struct collect *col)
{
	void *copy = malloc(size ? size : 1);
	unsigned int n;

	if (!copy)
		abort();
	memcpy(copy, blob, size);
	n = check_blob(copy, size, col);
	free(copy);
	return n;
}

/*
 * Check r (full size) and expect `want` problems (0: any number >= 1) whose
 * messages contain each of the NULL-terminated key words.
 */
static int rejected(const struct ref *r, unsigned int want, ...)
{
	struct collect col;
	unsigned int n = check_exact(r, sizeof(*r), &col);
	const char *word;
	int ok = want ? n == want : n >= 1;
	va_list ap;

	va_start(ap, want);
	while ((word = va_arg(ap, const char *)))
		if (!strstr(col.text, word)) {
			printf("  missing \"%s\"\n", word);
			ok = 0;
		}
	va_end(ap);
	if (!ok)
		printf("  %u problems:\n%s", n, col.text);
	return ok;
}

#define REJECTS(r, ...) rejected(r, 1, __VA_ARGS__, (const char *)NULL)
#define REJECTS_SOME(r, ...) rejected(r, 0, __VA_ARGS__, (const char *)NULL)

/* ---- valid configs ------------------------------------------------- */

static void test_valid_gicv3(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V3);
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
	CHECK(col.len == 0);
}

static void test_valid_gicv2(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V2);
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
}

static void test_valid_no_uart_no_irqs(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.uart_type = WARDEN_UART_NONE;
	r.sys.platform.uart_base = 0;
	r.sys.root_cell.num_irq_ranges = 0;
	CHECK(check_exact(&r, sizeof(r) - sizeof(r.irq), &col) == 0);
}

static void test_null_report(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.cpu_set = 0;
	r.mem[0].flags = 0;
	CHECK(config_check_system(&r, sizeof(r), NULL, NULL) == 2);
}

static void test_all_problems_reported(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.maintenance_irq = 40;
	r.mem[4].size = 0;
	r.irq[1].first = 1000;
	CHECK(rejected(&r, 3, "maintenance IRQ 40", "memory region 4",
		       "IRQ range 1", (const char *)NULL));
}

/* ---- blob size and counts ------------------------------------------ */

static void test_truncated(void)
{
	struct ref r;
	struct collect col;
	size_t len;

	ref_init(&r, WARDEN_GIC_V3);
	for (len = 0; len < sizeof(r); len++) {
		CHECK(check_exact(&r, len, &col) >= 1);
		if (len == 0)
			CHECK(strstr(col.text, "system config: is empty (0 "
					       "bytes)"));
		else if (len < sizeof(struct warden_system))
			CHECK(strstr(col.text, "too small"));
		else
			CHECK(strstr(col.text, "links make"));
	}
}

static void test_truncated_bad_counts(void)
{
	struct ref r;
	struct collect col;
	size_t len;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.num_memory_regions = 0xffffffffu;
	r.sys.root_cell.num_irq_ranges = 0xffffffffu;
	for (len = 0; len <= sizeof(r); len++)
		CHECK(check_exact(&r, len, &col) >= 1);
}

static void test_null_blob(void)
{
	struct collect col;

	CHECK(check_blob(NULL, 1000, &col) == 1);
	CHECK(strstr(col.text, "is empty (0 bytes)"));
}

static void test_too_long(void)
{
	struct ref r[2];
	struct collect col;

	char want[128];

	ref_init(&r[0], WARDEN_GIC_V3);
	CHECK(check_exact(&r[0], sizeof(r[0]) + 1, &col) == 1);
	snprintf(want, sizeof(want),
		 "%zu bytes, but its 6 memory regions, "
		 "2 IRQ ranges and 0 links make %zu",
		 sizeof(r[0]) + 1, sizeof(r[0]));
	CHECK(strstr(col.text, want));
}

static void test_count_mismatch(void)
{
	struct ref r;
	char want[128];

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.num_memory_regions = REF_MEM + 1;
	snprintf(want, sizeof(want),
		 "7 memory regions, 2 IRQ ranges and 0 links make %zu",
		 sizeof(r) + sizeof(struct warden_memory));
	CHECK(REJECTS(&r, want));
}

static void test_too_many_regions(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.num_memory_regions = 65;
	CHECK(REJECTS(&r, "65 memory regions, more than 64"));
}

static void test_too_many_irq_ranges(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.num_irq_ranges = 0x80000000u;
	CHECK(REJECTS(&r, "2147483648 IRQ ranges, more than 64"));
}

/* ---- system header ------------------------------------------------- */

static void test_system_signature(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.signature[7] = 'X';
	CHECK(REJECTS(&r, "system config \"root\": signature is not "
			  "\"WRDNSYST\""));
}

static void test_system_revision(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.revision = WARDEN_CONFIG_REVISION + 1;
	CHECK(REJECTS(&r, "revision 5 is not 4"));
}

static void test_system_architecture(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.architecture = 7;
	CHECK(REJECTS(&r, "architecture 7 is not arm64"));
}

static void test_system_flags(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.flags = 0x100;
	CHECK(REJECTS(&r, "unknown flags 0x100"));
}

/* ---- hypervisor memory --------------------------------------------- */

static void test_hv_empty(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.size = 0;
	CHECK(REJECTS(&r, "hypervisor memory is empty"));
}

static void test_hv_phys_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.phys_start += 0x800;
	r.sys.hypervisor_memory.virt_start += 0x800;
	CHECK(REJECTS(&r, "hypervisor memory (0x7fc00800+0x400000) is not "
			  "page aligned"));
}

static void test_hv_size_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.size = 0x400010;
	CHECK(REJECTS(&r, "hypervisor memory", "not page aligned"));
}

static void test_hv_overflow(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.phys_start = 0xfffffffffff00000ull;
	r.sys.hypervisor_memory.virt_start = 0xfffffffffff00000ull;
	CHECK(REJECTS(&r, "hypervisor memory", "wraps around"));
}

static void test_hv_too_small(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.size = 0xff000;
	CHECK(REJECTS(&r, "hypervisor memory", "smaller than 0x100000"));
}

static void test_hv_not_identity(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.virt_start = 0x1000000;
	CHECK(REJECTS(&r, "hypervisor memory virt_start 0x1000000 is not "
			  "its phys_start 0x7fc00000"));
}

/* ---- platform ------------------------------------------------------ */

static void test_gic_version(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.gic_version = 4;
	CHECK(REJECTS(&r, "GIC version 4 is not 2 or 3"));
}

static void test_gicd_missing(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.gicd_base = 0;
	CHECK(REJECTS(&r, "platform: GICD base is missing"));
}

static void test_gicd_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.gicd_base = 0x08001000;
	CHECK(REJECTS(&r, "GICD base 0x8001000 is not aligned to 0x10000"));
}

static void test_gicr_missing(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.gicr_base = 0;
	CHECK(REJECTS(&r, "GICR base is missing"));
}

static void test_gicr_stride(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.gicr_stride = 0x40000;
	CHECK(REJECTS(&r, "GICR stride 0x40000 is not 0x20000"));
}

static void test_gicc_missing(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.sys.platform.gicc_base = 0;
	CHECK(REJECTS(&r, "GICC base is missing"));
}

static void test_gich_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.sys.platform.gich_base = 0x08030100;
	CHECK(REJECTS(&r, "GICH base 0x8030100 is not aligned to 0x1000"));
}

static void test_gicv_missing(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.sys.platform.gicv_base = 0;
	CHECK(REJECTS(&r, "GICV base is missing"));
}

static void test_maintenance_irq_spi(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.maintenance_irq = 32;
	CHECK(REJECTS(&r, "maintenance IRQ 32 is not a PPI (16..31)"));
}

static void test_maintenance_irq_sgi(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.maintenance_irq = 15;
	CHECK(REJECTS(&r, "maintenance IRQ 15 is not a PPI"));
}

static void test_uart_type(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.uart_type = 9;
	CHECK(REJECTS(&r, "unknown UART type 9 (known: 0..6)"));
}

/*
 * Each UART type: accepted on its register block's alignment (config.h),
 * refused, by name, off it or without a base.
 */
static void test_uart_types(void)
{
	static const struct {
		uint32_t type;
		uint64_t good, bad;
		const char *name, *align;
	} u[] = {
		{ WARDEN_UART_CADENCE, 0xff010000, 0xff000080, "Cadence UART",
		  "0x100" },
		{ WARDEN_UART_8250_MMIO32, 0x01c28400, 0x01c28410,
		  "8250 UART (32-bit registers)", "0x100" },
		{ WARDEN_UART_IMX, 0x30890000, 0x30890040, "i.MX UART",
		  "0x100" },
		{ WARDEN_UART_BCM2835_AUX, 0xfe215040, 0xfe215044,
		  "BCM2835 mini UART", "0x40" },
		{ WARDEN_UART_MESON, 0xc81084dc, 0xc81084de, "Amlogic UART",
		  "0x4" },
	};
	struct collect col;
	char want[128];
	struct ref r;
	size_t i;

	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		ref_init(&r, WARDEN_GIC_V3);
		r.sys.platform.uart_type = u[i].type;
		r.sys.platform.uart_base = u[i].good;
		CHECK(check_exact(&r, sizeof(r), &col) == 0);
		r.sys.platform.uart_base = u[i].bad;
		snprintf(want, sizeof(want),
			 "platform: %s base 0x%llx is not aligned to %s",
			 u[i].name, (unsigned long long)u[i].bad, u[i].align);
		CHECK(REJECTS(&r, want));
		r.sys.platform.uart_base = 0;
		snprintf(want, sizeof(want), "platform: %s base is missing",
			 u[i].name);
		CHECK(REJECTS(&r, want));
	}
}

/* The Amlogic UART is only word aligned, but must not leave its page. */
static void test_uart_meson_page(void)
{
	struct collect col;
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.uart_type = WARDEN_UART_MESON;
	r.sys.platform.uart_base = 0xc8100fe8; /* ends at the page's end */
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
	r.sys.platform.uart_base = 0xc8100fec;
	CHECK(REJECTS(&r, "platform: Amlogic UART 0xc8100fec+0x18 crosses a "
			  "page boundary"));
}

static void test_uart_base(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.uart_base = 0;
	CHECK(REJECTS(&r, "PL011 UART base is missing"));
}

static void test_uart_base_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.uart_base = 0x09000800;
	CHECK(REJECTS(&r,
		      "PL011 UART base 0x9000800 is not aligned to 0x1000"));
}

/* Reserved fields must be zero, so that a later revision may use them. */
static void test_reserved_nonzero(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.reserved = 1;
	CHECK(REJECTS(&r, "hypervisor memory (0x7fc00000+0x400000) has a "
			  "non-zero reserved field"));
	ref_init(&r, WARDEN_GIC_V3);
	r.mem[3].reserved = 0x80000000u;
	CHECK(REJECTS(&r, "memory region 3 (0x9000000+0x40000) has a "
			  "non-zero reserved field"));
	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.pci_intx_irq = 35;
	CHECK(REJECTS(&r, "platform: PCI buses 0..0, stream base 0x0, INTx "
			  "IRQ 35, but no PCI host (pci_ecam_base 0)"));
	ref_init(&r, WARDEN_GIC_V3);
	/* the last IRQ range's 8 bytes become a PCI device's */
	r.sys.root_cell.num_irq_ranges--;
	r.sys.root_cell.num_pci_devices = 1;
	CHECK(REJECTS_SOME(&r, "1 PCI devices: only inmate cells list them"));
}

/* A PCI host's four INTx lines are SPIs, none of them the SMMU's. */
static void test_pci_intx_lines(void)
{
	struct ref r;
	static const uint16_t bad[] = { 20, 1018, 103, 106 };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		ref_init(&r, WARDEN_GIC_V3);
		r.sys.platform.smmu_base = 0x09050000;
		r.sys.platform.smmu_evtq_irq = 106;
		r.sys.platform.smmu_gerror_irq = 109;
		r.sys.platform.pci_ecam_base = 0x4010000000;
		r.sys.platform.pci_intx_irq = 35;
		/* the SMMU's SPIs are the hypervisor's: not the root's */
		r.irq[1].first = 110;
		r.irq[1].count = 178;
		if (i == 0) {
			struct collect col = { 0 };

			CHECK(check_exact(&r, sizeof(r), &col) == 0);
		}
		r.sys.platform.pci_intx_irq = bad[i];
		CHECK(REJECTS_SOME(&r, "platform: PCI INTx lines"));
	}
}

/* The root's console is the platform's UART; only inmates name their own. */
static void test_root_has_no_cell_uart(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.uart_type = WARDEN_UART_PL011;
	r.sys.root_cell.uart_base = 0x9000000;
	CHECK(REJECTS(&r, "system config \"root\": cell UART (uart_type 1, "
			  "uart_base 0x9000000): only inmate cells name one"));
	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.uart_base = 0x9000000;
	CHECK(REJECTS(&r, "(uart_type 0, uart_base 0x9000000): only inmate"));
}

/* The root cell uses the machine's UART; only inmates get an emulated one. */
static void test_root_has_no_vuart(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.vuart_base = 0x9100000;
	CHECK(REJECTS(&r, "system config \"root\": emulated console UART "
			  "(vuart_base 0x9100000, vuart_irq 0): only inmate "
			  "cells may have one, the root cell's must be 0"));
	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.vuart_irq = 40;
	CHECK(REJECTS(&r, "(vuart_base 0x0, vuart_irq 40): only inmate"));
}

static void test_num_cpus_zero(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.num_cpus = 0;
	/* and the root's cpu_set then names unknown CPUs */
	CHECK(REJECTS_SOME(&r, "platform: 0 CPUs, not 1..64"));
}

static void test_num_cpus_too_many(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.num_cpus = WARDEN_MAX_CPUS + 1;
	CHECK(REJECTS(&r, "platform: 65 CPUs, not 1..64"));
}

/* All 64 CPUs: the cpu_set masks must not shift by 64. */
static void test_num_cpus_64(void)
{
	struct collect col;
	struct ref r;
	unsigned int cpu;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.num_cpus = 64;
	for (cpu = 0; cpu < 64; cpu++)
		r.sys.platform.cpu_mpidr[cpu] = (cpu / 16) << 8 | cpu % 16;
	r.sys.root_cell.cpu_set = ~0ull;
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
	CHECK(col.len == 0);
}

static void test_gicv2_nine_cpus(void)
{
	struct ref r;
	unsigned int cpu;

	ref_init(&r, WARDEN_GIC_V2);
	r.sys.platform.num_cpus = 9;
	for (cpu = 0; cpu < 9; cpu++)
		r.sys.platform.cpu_mpidr[cpu] = cpu;
	r.sys.root_cell.cpu_set = 0x1ff;
	CHECK(REJECTS(&r, "platform: 9 CPUs, but a GICv2 serves 8 at most"));
}

static void test_mpidr_duplicate(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.cpu_mpidr[3] = 1;
	CHECK(REJECTS(&r, "CPU 3 MPIDR 0x1 is also CPU 1's"));
}

static void test_mpidr_bits(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.platform.cpu_mpidr[2] = 0x81000002ull; /* U and MT bits */
	CHECK(REJECTS(&r, "CPU 2 MPIDR 0x81000002 has bits outside "
			  "Aff3..Aff0"));
}

/* ---- root cell ----------------------------------------------------- */

static void test_cell_signature(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	memcpy(r.sys.root_cell.signature, "WRDNSYST", 8);
	CHECK(REJECTS(&r, "cell signature is not \"WRDNCELL\""));
}

static void test_cell_revision(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.revision = 0;
	CHECK(REJECTS(&r, "cell revision 0 is not 4"));
}

static void test_cell_architecture(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.architecture = 0;
	CHECK(REJECTS(&r, "cell architecture 0 is not arm64"));
}

static void test_cell_flags(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.flags |= 0x80000000u;
	CHECK(REJECTS(&r, "unknown cell flags 0x80000000"));
}

static void test_cell_direct_root(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.flags |= WARDEN_CELL_DIRECT_IRQ;
	CHECK(REJECTS(&r, "direct interrupts (WARDEN_CELL_DIRECT_IRQ) are for "
			  "inmate cells"));
}

static void test_cell_name_empty(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.name[0] = '\0';
	CHECK(REJECTS(&r, "system config: cell name is empty"));
}

static void test_cell_name_unterminated(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	memset(r.sys.root_cell.name, 'a', WARDEN_CELL_NAME_MAX);
	CHECK(REJECTS(&r, "system config: cell name is not NUL-terminated "
			  "within 32 bytes"));
}

static void test_cell_name_longest(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V3);
	memset(r.sys.root_cell.name, 'a', WARDEN_CELL_NAME_MAX - 1);
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
}

static void test_cell_name_unprintable(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.name[1] = '\n';
	CHECK(REJECTS(&r, "cell name has non-printable characters"));
}

static void test_cpu_set_empty(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.cpu_set = 0;
	CHECK(REJECTS(&r, "system config \"root\": cpu_set is empty"));
}

static void test_cpu_set_unknown_cpu(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.sys.root_cell.cpu_set = 0x1f;
	CHECK(REJECTS(&r, "cpu_set 0x1f has CPUs beyond the 4 of the "
			  "platform (0x10)"));
}

/* ---- memory regions ------------------------------------------------ */

static void test_mem_empty(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].size = 0;
	CHECK(REJECTS(&r, "memory region 4 (0xa000000) is empty"));
}

static void test_mem_phys_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].phys_start += 0x10;
	r.mem[4].virt_start += 0x10;
	CHECK(REJECTS(&r, "memory region 4 (0xa000010+0x4000 -> 0xa000010) "
			  "is not page aligned"));
}

static void test_mem_virt_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].virt_start += 0x10;
	/* and it is no longer identity */
	CHECK(REJECTS_SOME(&r, "memory region 4", "not page aligned"));
}

static void test_mem_size_unaligned(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].size = 0x4001;
	CHECK(REJECTS(&r, "memory region 4 (0xa000000+0x4001 -> 0xa000000) "
			  "is not page aligned"));
}

static void test_mem_overflow(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[5].phys_start = 0xffffffffffff0000ull;
	r.mem[5].virt_start = 0xffffffffffff0000ull;
	r.mem[5].size = 0x10000;
	CHECK(REJECTS(&r, "memory region 5", "wraps around"));
}

static void test_mem_flags_unknown(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[1].flags |= 0x400;
	CHECK(REJECTS(&r, "memory region 1 (0x0+0x8000000) has unknown flags "
			  "0x400"));
}

static void test_mem_not_readable(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[3].flags = WARDEN_MEM_WRITE | WARDEN_MEM_IO;
	CHECK(REJECTS(&r, "memory region 3 (0x9000000+0x40000) is not "
			  "readable"));
}

static void test_mem_root_not_identity(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].virt_start = 0x3f000000;
	CHECK(REJECTS(&r, "memory region 4 (0xa000000+0x4000) of the root "
			  "cell is mapped at 0x3f000000, not identity"));
}

static void test_mem_overlaps_hypervisor(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[0].size = 0x3fc01000;
	CHECK(REJECTS(&r, "system config \"root\": memory region 0 "
			  "(0x40000000+0x3fc01000) overlaps hypervisor "
			  "memory (0x7fc00000+0x400000)"));
}

static void test_mem_inside_hypervisor(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].phys_start = 0x7fd00000;
	r.mem[4].virt_start = 0x7fd00000;
	CHECK(REJECTS(&r, "memory region 4", "overlaps hypervisor memory"));
}

static void test_mem_overlaps_region(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].phys_start = 0x09030000;
	r.mem[4].virt_start = 0x09030000;
	CHECK(REJECTS(&r, "memory region 3 (0x9000000+0x40000 -> 0x9000000) "
			  "overlaps memory region 4 (0x9030000+0x4000 -> "
			  "0x9030000) in physical addresses"));
}

static void test_mem_covers_gicd(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[2].phys_start = 0x08000000;
	r.mem[2].virt_start = 0x08000000;
	r.mem[2].size = 0x20000;
	CHECK(REJECTS(&r, "memory region 2 (0x8000000+0x20000) overlaps the "
			  "GIC distributor (0x8000000+0x10000)"));
}

static void test_mem_covers_gicr(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[2].phys_start = 0x08100000;
	r.mem[2].virt_start = 0x08100000;
	CHECK(REJECTS(&r, "memory region 2 (0x8100000+0x1000) overlaps the "
			  "GICv3 redistributors (0x80a0000+0x80000)"));
}

static void test_mem_covers_gicd_v2(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.mem[2].phys_start = 0x08000000;
	r.mem[2].virt_start = 0x08000000;
	CHECK(REJECTS(&r, "memory region 2", "GIC distributor",
		      "(0x8000000+0x1000)"));
}

/* A GICv2 distributor is one 4 KiB frame: the page after it is free. */
static void test_mem_after_gicd_v2(void)
{
	struct collect col;
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.mem[2].phys_start = 0x08001000;
	r.mem[2].virt_start = 0x08001000;
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
}

/* The GIC-400 puts its distributor at offset 0x1000 of its block. */
static void test_gicd_v2_4k_aligned(void)
{
	struct collect col;
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.sys.platform.gicd_base = 0x08001000;
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
	r.sys.platform.gicd_base = 0x08001800;
	CHECK(REJECTS(&r, "GICD base 0x8001800 is not aligned to 0x1000"));
}

static void test_mem_covers_gicc(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.mem[2].phys_start = 0x08011000;
	r.mem[2].virt_start = 0x08011000;
	CHECK(REJECTS(&r, "memory region 2 (0x8011000+0x1000) overlaps the "
			  "GICv2 GICC frame (0x8010000+0x2000)"));
}

static void test_mem_covers_gich(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.mem[2].phys_start = 0x08030000;
	r.mem[2].virt_start = 0x08030000;
	CHECK(REJECTS(&r, "memory region 2", "GICv2 GICH frame"));
}

static void test_mem_covers_gicv(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V2);
	r.mem[2].phys_start = 0x08000000;
	r.mem[2].virt_start = 0x08000000;
	r.mem[2].size = 0x100000;
	/* GICD and all three GICv2 frames */
	CHECK(rejected(&r, 4, "GIC distributor", "GICv2 GICC frame",
		       "GICv2 GICH frame", "GICv2 GICV frame",
		       (const char *)NULL));
}

static void test_mem_gicv3_frames_allowed(void)
{
	struct ref r;
	struct collect col;

	/* on GICv3 the v2 addresses mean nothing, even if set */
	ref_init(&r, WARDEN_GIC_V3);
	r.mem[4].phys_start = 0x08010000;
	r.mem[4].virt_start = 0x08010000;
	r.sys.platform.gicc_base = 0x08010000;
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
}

/* ---- IRQ ranges ---------------------------------------------------- */

static void test_irq_empty(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[1].count = 0;
	CHECK(REJECTS(&r, "IRQ range 1 (96+0) is empty"));
}

static void test_irq_ppi(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[0].first = 27;
	r.irq[0].count = 5;
	CHECK(REJECTS(&r, "IRQ range 0 (27+5) includes SGIs or PPIs"));
}

static void test_irq_beyond_max(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[1].count = 1020 - 96 + 1;
	CHECK(REJECTS(&r, "IRQ range 1 (96+925) ends beyond INTID 1019"));
}

static void test_irq_count_wraps(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[1].first = 0xffffff00u;
	r.irq[1].count = 0x200;
	CHECK(REJECTS(&r, "IRQ range 1", "ends beyond INTID 1019"));
}

static void test_irq_last_allowed(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[1].count = 1020 - 96;
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
}

static void test_irq_overlap(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	r.irq[1].first = 95;
	CHECK(REJECTS(&r, "IRQ range 0 (32+64) overlaps IRQ range 1 "
			  "(95+192)"));
}

/* Memory beyond the 48 bits the page tables reach (they would alias). */
static void test_mem_beyond_48_bits(void)
{
	struct ref r;
	struct collect col;

	ref_init(&r, WARDEN_GIC_V3);
	r.mem[5].phys_start = r.mem[5].virt_start = 0xfffffffff000ULL;
	r.mem[5].size = 0x2000;
	CHECK(check_exact(&r, sizeof(r), &col) == 1);
	CHECK(strstr(col.text, "memory region 5 (0xfffffffff000+0x2000 -> "
			       "0xfffffffff000) ends beyond 0x1000000000000"));
	r.mem[5].size = 0x1000; /* the last page: fine */
	CHECK(check_exact(&r, sizeof(r), &col) == 0);
	ref_init(&r, WARDEN_GIC_V3);
	r.sys.hypervisor_memory.phys_start = 0x1000000000000ULL;
	r.sys.hypervisor_memory.virt_start = 0x1000000000000ULL;
	CHECK(check_exact(&r, sizeof(r), &col) >= 1);
	CHECK(strstr(col.text, "hypervisor memory (0x1000000000000+0x400000) "
			       "ends beyond 0x1000000000000"));
}

/* config_root_covers(): inside one region, across touching ones, not past. */
static void test_root_covers(void)
{
	struct ref r;

	ref_init(&r, WARDEN_GIC_V3);
	CHECK(config_root_covers(&r.sys, 0x09000000, 0x1000));
	CHECK(config_root_covers(&r.sys, 0x09000000, 0x40000));
	CHECK(!config_root_covers(&r.sys, 0x09000000, 0x40001));
	/* the ITS of QEMU virt: not the root's */
	CHECK(!config_root_covers(&r.sys, 0x08080000, 0x20000));
	CHECK(!config_root_covers(&r.sys, 0x09000000, 0));
	CHECK(!config_root_covers(&r.sys, ~0ull - 0xfff, 0x2000));
	/* two regions that touch: 0x0a000000+0x4000, then a new one */
	ref_memory(&r.mem[2], 0x0a004000, 0x1000, RW | WARDEN_MEM_IO);
	CHECK(config_root_covers(&r.sys, 0x0a003000, 0x2000));
	CHECK(!config_root_covers(&r.sys, 0x0a003000, 0x3000));
	/* a region that ends at 2^64 */
	ref_memory(&r.mem[2], ~0ull - 0xffff, 0x10000, RW | WARDEN_MEM_IO);
	CHECK(config_root_covers(&r.sys, ~0ull - 0xfff, 0x1000));
}

int main(void)
{
	RUN(test_valid_gicv3);
	RUN(test_valid_gicv2);
	RUN(test_valid_no_uart_no_irqs);
	RUN(test_null_report);
	RUN(test_all_problems_reported);

	RUN(test_truncated);
	RUN(test_truncated_bad_counts);
	RUN(test_null_blob);
	RUN(test_too_long);
	RUN(test_count_mismatch);
	RUN(test_too_many_regions);
	RUN(test_too_many_irq_ranges);

	RUN(test_system_signature);
	RUN(test_system_revision);
	RUN(test_system_architecture);
	RUN(test_system_flags);

	RUN(test_hv_empty);
	RUN(test_hv_phys_unaligned);
	RUN(test_hv_size_unaligned);
	RUN(test_hv_overflow);
	RUN(test_hv_too_small);
	RUN(test_hv_not_identity);

	RUN(test_gic_version);
	RUN(test_gicd_missing);
	RUN(test_gicd_unaligned);
	RUN(test_gicr_missing);
	RUN(test_gicr_stride);
	RUN(test_gicc_missing);
	RUN(test_gich_unaligned);
	RUN(test_gicv_missing);
	RUN(test_maintenance_irq_spi);
	RUN(test_maintenance_irq_sgi);
	RUN(test_uart_type);
	RUN(test_uart_types);
	RUN(test_uart_meson_page);
	RUN(test_uart_base);
	RUN(test_uart_base_unaligned);
	RUN(test_reserved_nonzero);
	RUN(test_pci_intx_lines);
	RUN(test_root_has_no_vuart);
	RUN(test_root_has_no_cell_uart);
	RUN(test_num_cpus_zero);
	RUN(test_num_cpus_too_many);
	RUN(test_num_cpus_64);
	RUN(test_gicv2_nine_cpus);
	RUN(test_mpidr_duplicate);
	RUN(test_mpidr_bits);

	RUN(test_cell_signature);
	RUN(test_cell_revision);
	RUN(test_cell_architecture);
	RUN(test_cell_flags);
	RUN(test_cell_direct_root);
	RUN(test_cell_name_empty);
	RUN(test_cell_name_unterminated);
	RUN(test_cell_name_longest);
	RUN(test_cell_name_unprintable);
	RUN(test_cpu_set_empty);
	RUN(test_cpu_set_unknown_cpu);

	RUN(test_mem_empty);
	RUN(test_mem_phys_unaligned);
	RUN(test_mem_virt_unaligned);
	RUN(test_mem_size_unaligned);
	RUN(test_mem_overflow);
	RUN(test_mem_flags_unknown);
	RUN(test_mem_not_readable);
	RUN(test_mem_root_not_identity);
	RUN(test_mem_overlaps_hypervisor);
	RUN(test_mem_inside_hypervisor);
	RUN(test_mem_overlaps_region);
	RUN(test_mem_covers_gicd);
	RUN(test_mem_covers_gicr);
	RUN(test_mem_covers_gicd_v2);
	RUN(test_mem_after_gicd_v2);
	RUN(test_gicd_v2_4k_aligned);
	RUN(test_mem_covers_gicc);
	RUN(test_mem_covers_gich);
	RUN(test_mem_covers_gicv);
	RUN(test_mem_gicv3_frames_allowed);

	RUN(test_irq_empty);
	RUN(test_irq_ppi);
	RUN(test_irq_beyond_max);
	RUN(test_irq_count_wraps);
	RUN(test_irq_last_allowed);
	RUN(test_irq_overlap);
	RUN(test_root_covers);
	RUN(test_mem_beyond_48_bits);
	UNIT_DONE();
}
