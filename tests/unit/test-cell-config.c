// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of lib/config-check-cell.c: inmate cell configs checked against
 * a valid system config (like configs/qemu-arm64 with GICv3), and pairs of
 * cells checked against each other.  A valid cell passes; each rule, broken
 * on its own, gives exactly the expected problems with messages that name
 * the item and the reason; truncated blobs and huge counts are rejected
 * without reading outside the blob (the program runs under ASan/UBSan, and
 * every blob is checked from an exactly-sized heap copy).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <warden/cell.h>

#include "cell-fixture.h"
#include "unit.h"

/* ---- valid cells --------------------------------------------------- */

static void test_valid(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	CHECK(valid(&c));
}

static void test_valid_no_irqs(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.num_irq_ranges = 0;
	CHECK(valid(&c));
}

static void test_valid_irqs_across_root_ranges(void)
{
	struct cell c;

	/* root: 32+64 and 96+192; 90..99 spans both */
	sys_init();
	cell_init(&c);
	add_irq(&c, 90, 10);
	CHECK(valid(&c));
}

static void test_valid_rootshared(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_mem(&c, 0x7f000000, 0x50000000, 0x100000,
		RW | WARDEN_MEM_ROOTSHARED);
	CHECK(valid(&c));
}

static void test_valid_comm_phys_zero_no_clash(void)
{
	struct cell c;

	/* phys 0 is flash in the root: the comm region's 0 is no address */
	sys_init();
	cell_init(&c);
	add_mem(&c, 0x0, 0x0, 0x1000, IO);
	CHECK(valid(&c));
}

static void test_valid_last_root_cpu_kept(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.cpu_set = 0xe;
	CHECK(valid(&c));
}

static void test_null_report(void)
{
	struct warden_system *sys;
	struct cell c;
	size_t size;
	void *blob;

	sys_init();
	cell_init(&c);
	c.desc.cpu_set = 0;
	c.mem[0].flags = RWX;
	blob = cell_blob(&c, &size);
	sys = sys_blob();
	CHECK(config_check_cell(blob, size, sys, NULL, NULL) == 2);
	free(sys);
	free(blob);
}

static void test_all_problems_reported(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.reset_address = 0x50000000;
	c.mem[2].size = 0;
	c.irq[0].first = 1000;
	c.irq[0].count = 30;
	CHECK(REJECTS_N(&c, 3, "reset_address 0x50000000", "memory region 2",
			"IRQ range 0"));
}

/* ---- blob size, counts and header ---------------------------------- */

static void test_no_system(void)
{
	struct collect col;
	struct cell c;
	size_t size;
	void *blob;

	cell_init(&c);
	blob = cell_blob(&c, &size);
	memset(&col, 0, sizeof(col));
	CHECK(config_check_cell(blob, size, NULL, collect_report, &col) == 1);
	CHECK(strstr(col.text, "no system config"));
	free(blob);
}

static void test_null_blob(void)
{
	struct warden_system *sys;
	struct collect col;
	unsigned int n;

	sys_init();
	sys = sys_blob();
	memset(&col, 0, sizeof(col));
	n = config_check_cell(NULL, 1000, sys, collect_report, &col);
	free(sys);
	CHECK(n == 1);
	CHECK(strstr(col.text, "cell config: is empty (0 bytes)"));
	/* a blob that is there but empty, and one cut within the header */
	sys_init();
	sys = sys_blob();
	memset(&col, 0, sizeof(col));
	n = config_check_cell(&col, 0, sys, collect_report, &col);
	CHECK(n == 1 && strstr(col.text, "cell config: is empty (0 bytes)"));
	memset(&col, 0, sizeof(col));
	n = config_check_cell(sys, 100, sys, collect_report, &col);
	free(sys);
	CHECK(n == 1);
	CHECK(strstr(col.text, "cell config: 100 bytes, too small for the "
			       "104-byte header"));
}

static void test_truncated(void)
{
	struct collect col;
	struct cell c;
	size_t size, len;
	void *blob;

	sys_init();
	cell_init(&c);
	blob = cell_blob(&c, &size);
	for (len = 0; len < size; len++) {
		CHECK(check_bytes(blob, len, &col) == 1);
		if (len == 0)
			CHECK(strstr(col.text, "is empty (0 bytes)"));
		else if (len < sizeof(struct warden_cell_desc))
			CHECK(strstr(col.text, "too small"));
		else
			CHECK(strstr(col.text, "PCI devices make"));
	}
	free(blob);
}

static void test_truncated_huge_counts(void)
{
	struct collect col;
	struct cell c;
	size_t size, len;
	void *blob;

	sys_init();
	cell_init(&c);
	blob = cell_blob(&c, &size);
	((struct warden_cell_desc *)blob)->num_memory_regions = 0xffffffffu;
	((struct warden_cell_desc *)blob)->num_irq_ranges = 0xffffffffu;
	for (len = 0; len <= size; len++)
		CHECK(check_bytes(blob, len, &col) >= 1);
	free(blob);
}

static void test_too_long(void)
{
	struct collect col;
	struct cell c;
	size_t size;
	void *blob, *big;
	char want[128];

	sys_init();
	cell_init(&c);
	blob = cell_blob(&c, &size);
	big = calloc(1, size + 1);
	if (!big)
		abort();
	memcpy(big, blob, size);
	CHECK(check_bytes(big, size + 1, &col) == 1);
	snprintf(want, sizeof(want),
		 "cell config \"gic-demo\": %zu bytes, but its 3 memory "
		 "regions, 1 IRQ ranges, 0 links and 0 PCI devices make %zu",
		 size + 1, size);
	CHECK(strstr(col.text, want));
	free(big);
	free(blob);
}

static void test_count_mismatch(void)
{
	struct collect col;
	struct cell c;
	size_t size;
	void *blob;

	sys_init();
	cell_init(&c);
	blob = cell_blob(&c, &size);
	((struct warden_cell_desc *)blob)->num_irq_ranges = 2;
	CHECK(check_bytes(blob, size, &col) == 1);
	CHECK(strstr(
		col.text,
		"3 memory regions, 2 IRQ ranges, 0 links and 0 PCI devices make"));
	free(blob);
}

static void test_too_many_regions(void)
{
	struct collect col;
	struct cell c;
	size_t size;
	void *blob;

	sys_init();
	cell_init(&c);
	blob = cell_blob(&c, &size);
	((struct warden_cell_desc *)blob)->num_memory_regions = 65;
	((struct warden_cell_desc *)blob)->num_irq_ranges = 0x80000000u;
	CHECK(check_bytes(blob, size, &col) == 2);
	CHECK(strstr(col.text, "65 memory regions, more than 64"));
	CHECK(strstr(col.text, "2147483648 IRQ ranges, more than 64"));
	free(blob);
}

static void test_signature(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	memcpy(c.desc.signature, WARDEN_SYSTEM_SIGNATURE, 8);
	CHECK(REJECTS(&c, "cell config \"gic-demo\": signature is not "
			  "\"WRDNCELL\""));
}

static void test_revision(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.revision = WARDEN_CONFIG_REVISION + 1;
	CHECK(REJECTS(&c, "revision 5 is not 4"));
}

static void test_architecture(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.architecture = 7;
	CHECK(REJECTS(&c, "architecture 7 is not arm64"));
}

static void test_flags(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.flags = 0x10;
	CHECK(REJECTS(&c, "unknown cell flags 0x10"));
}

static void test_name_empty(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.name[0] = '\0';
	CHECK(REJECTS(&c, "cell config: cell name is empty"));
}

static void test_name_unterminated(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	memset(c.desc.name, 'x', WARDEN_CELL_NAME_MAX);
	CHECK(REJECTS(&c, "cell config: cell name is not NUL-terminated"));
}

static void test_name_unprintable(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.name[2] = '\t';
	CHECK(REJECTS(&c, "non-printable"));
}

/* ---- CPUs ---------------------------------------------------------- */

static void test_cpu_set_empty(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.cpu_set = 0;
	CHECK(REJECTS(&c, "cell config \"gic-demo\": cpu_set is empty"));
}

static void test_cpu_beyond_platform(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.cpu_set = 0x14;
	CHECK(REJECTS(&c, "cpu_set 0x14 has CPUs beyond the 4 of the "
			  "platform (0x10)"));
}

static void test_cpu_not_root(void)
{
	struct cell c;

	sys_init();
	sys_ref.sys.root_cell.cpu_set = 0x3;
	cell_init(&c);
	c.desc.cpu_set = 0xc;
	CHECK(REJECTS_N(&c, 2,
			"CPU 2 is not the root cell's (root cpu_set "
			"0x3)",
			"CPU 3 is not the root cell's"));
}

static void test_cpu_all_of_root(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.cpu_set = 0xf;
	CHECK(REJECTS(&c, "cpu_set 0xf would leave the root cell without "
			  "CPUs"));
}

static void test_cpu_only_root_cpu(void)
{
	struct cell c;

	sys_init();
	sys_ref.sys.root_cell.cpu_set = 0x4;
	cell_init(&c);
	CHECK(REJECTS(&c, "would leave the root cell without CPUs"));
}

/* ---- memory regions ------------------------------------------------ */

static void test_mem_outside_root(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[0].phys_start = 0x80000000;
	CHECK(REJECTS(&c, "cell config \"gic-demo\": memory region 0 "
			  "(0x80000000+0x100000) is not inside any memory "
			  "region of the root cell"));
}

static void test_mem_straddles_root_regions(void)
{
	struct cell c;

	/* root RAM is 0x40000000+0x30000000 and 0x70000000+0xfc00000 */
	sys_init();
	cell_init(&c);
	c.mem[0].phys_start = 0x6ff00000;
	c.mem[0].size = 0x200000;
	CHECK(REJECTS(&c, "memory region 0 (0x6ff00000+0x200000) is not "
			  "inside any memory region of the root cell"));
}

static void test_mem_io_in_root_ram(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[0].flags |= WARDEN_MEM_IO;
	CHECK(REJECTS(&c, "memory region 0 (0x70000000+0x100000) is device "
			  "memory (IO), but root cell memory region 1 "
			  "(0x70000000+0xfc00000) that holds it is RAM"));
}

static void test_mem_ram_in_root_io(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].flags = RW;
	CHECK(REJECTS(&c,
		      "memory region 2 (0x9000000+0x1000) is RAM, but "
		      "root cell memory region 3",
		      "is device memory (IO)"));
}

static void test_mem_rootshared_outside_root(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_mem(&c, 0x80000000, 0x50000000, 0x100000,
		RW | WARDEN_MEM_ROOTSHARED);
	CHECK(REJECTS(&c, "memory region 3 (0x80000000+0x100000) is not "
			  "inside any memory region of the root cell"));
}

static void test_mem_unaligned(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[0].virt_start = 0x40000800;
	c.desc.reset_address = 0x40000800;
	CHECK(REJECTS(&c, "memory region 0 (0x70000000+0x100000 -> "
			  "0x40000800) is not page aligned"));
}

static void test_mem_wraps(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].virt_start = 0xfffffffffffff000ull;
	c.mem[2].size = 0x2000;
	CHECK(REJECTS(&c, "memory region 2", "wraps around"));
}

static void test_mem_empty(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].size = 0;
	CHECK(REJECTS(&c, "memory region 2 (0x9000000) is empty"));
}

static void test_mem_flags(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].flags |= 0x100;
	CHECK(REJECTS(&c, "memory region 2", "unknown flags 0x100"));
}

static void test_mem_not_readable(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].flags = WARDEN_MEM_WRITE | WARDEN_MEM_IO;
	CHECK(REJECTS(&c, "memory region 2", "is not readable"));
}

static void test_mem_overlaps_hypervisor(void)
{
	struct cell c;

	/* and so it is not inside the root's RAM either */
	sys_init();
	cell_init(&c);
	c.mem[0].phys_start = 0x7fb00000;
	c.mem[0].size = 0x200000;
	CHECK(REJECTS_N(&c, 2, "overlaps hypervisor memory",
			"is not inside any memory region of the root cell"));
}

static void test_mem_overlaps_gicd(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[2].phys_start = 0x08000000;
	c.mem[2].virt_start = 0x08000000;
	CHECK(REJECTS_N(&c, 2,
			"memory region 2 (0x8000000+0x1000) overlaps "
			"the GIC distributor",
			"is not inside any memory region of the root cell"));
}

static void test_mem_overlap_physical(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_mem(&c, 0x700ff000, 0x50000000, 0x1000, RW);
	CHECK(REJECTS(&c,
		      "memory region 0 (0x70000000+0x100000 -> "
		      "0x40000000) overlaps memory region 3",
		      "in physical addresses"));
}

static void test_mem_overlap_ipa(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_mem(&c, 0x70200000, 0x400ff000, 0x1000, RW);
	CHECK(REJECTS(&c, "overlaps memory region 3",
		      "in cell (IPA) "
		      "addresses"));
}

static void test_no_loadable(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[0].flags = RWX;
	CHECK(REJECTS(&c, "cell config \"gic-demo\": has no loadable memory "
			  "region"));
}

/* ---- comm region --------------------------------------------------- */

static void test_comm_missing(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	del_mem(&c, 1);
	CHECK(REJECTS(&c, "has no comm region (WARDEN_MEM_COMM_REGION)"));
}

static void test_comm_twice(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_mem(&c, 0, WARDEN_COMM_REGION_IPA + 0x1000, 0x1000, COMM);
	CHECK(REJECTS(&c, "memory region 3 is a second comm region (the "
			  "first is memory region 1)"));
}

static void test_comm_phys(void)
{
	struct cell c;

	/* inside hypervisor memory, but a comm region has no address */
	sys_init();
	cell_init(&c);
	c.mem[1].phys_start = 0x7fc00000;
	CHECK(REJECTS(&c, "comm region (memory region 1) has phys_start "
			  "0x7fc00000, not 0"));
}

static void test_comm_size(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].size = 0x2000;
	CHECK(REJECTS(&c, "comm region (memory region 1) is 0x2000 bytes, "
			  "not 0x1000"));
}

static void test_comm_empty(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].size = 0;
	CHECK(REJECTS(&c, "memory region 1 (0x0) is empty"));
}

static void test_comm_read_only(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].flags = WARDEN_MEM_READ | WARDEN_MEM_COMM_REGION;
	CHECK(REJECTS(&c, "comm region (memory region 1) is not writable"));
}

static void test_comm_flags(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].flags |= WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE;
	CHECK(REJECTS(&c, "comm region (memory region 1) has flags 0x14; it "
			  "may not be EXECUTE, IO, LOADABLE or ROOTSHARED"));
}

static void test_comm_io_rootshared(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].flags |= WARDEN_MEM_IO | WARDEN_MEM_ROOTSHARED;
	CHECK(REJECTS(&c, "comm region (memory region 1) has flags 0x48"));
}

static void test_comm_ipa_overlap(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[1].virt_start = 0x40080000;
	CHECK(REJECTS(&c, "memory region 0 (0x70000000+0x100000 -> "
			  "0x40000000) overlaps memory region 1 (0x0+0x1000 "
			  "-> 0x40080000) in cell (IPA) addresses"));
}

/* ---- reset address ------------------------------------------------- */

static void test_reset_outside(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.reset_address = 0x40100000;
	CHECK(REJECTS(&c, "reset_address 0x40100000 is not inside an "
			  "executable memory region"));
}

static void test_reset_not_executable(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.mem[0].flags = RW | WARDEN_MEM_LOADABLE;
	CHECK(REJECTS(&c, "reset_address 0x40000000 is not inside an "
			  "executable memory region"));
}

static void test_reset_in_comm(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.reset_address = WARDEN_COMM_REGION_IPA;
	CHECK(REJECTS(&c, "reset_address 0x80000000 is not inside"));
}

static void test_reset_phys_not_ipa(void)
{
	struct cell c;

	/* the physical address of the RAM is not where the cell sees it */
	sys_init();
	cell_init(&c);
	c.desc.reset_address = 0x70000000;
	CHECK(REJECTS(&c, "reset_address 0x70000000 is not inside"));
}

static void test_reset_unaligned(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.reset_address = 0x40000002;
	CHECK(REJECTS(&c, "reset_address 0x40000002 is not 4-byte aligned"));
}

/* ---- IRQ ranges ---------------------------------------------------- */

static void test_irq_ppi(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.irq[0].first = 27;
	CHECK(REJECTS(&c, "IRQ range 0 (27+1) includes SGIs or PPIs"));
}

static void test_irq_beyond_max(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.irq[0].first = 1019;
	c.irq[0].count = 2;
	CHECK(REJECTS(&c, "IRQ range 0 (1019+2) ends beyond INTID 1019"));
}

static void test_irq_empty(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.irq[0].count = 0;
	CHECK(REJECTS(&c, "IRQ range 0 (33+0) is empty"));
}

static void test_irq_overlap(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_irq(&c, 30 + 3, 4);
	CHECK(REJECTS(&c, "IRQ range 0 (33+1) overlaps IRQ range 1 (33+4)"));
}

static void test_irq_not_root(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.irq[0].first = 300;
	c.irq[0].count = 4;
	CHECK(REJECTS(&c, "IRQ range 0 (300+4) includes INTID 300, which is "
			  "not the root cell's"));
}

static void test_irq_partly_root(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.irq[0].first = 280;
	c.irq[0].count = 16;
	CHECK(REJECTS(&c, "IRQ range 0 (280+16) includes INTID 288"));
}

/* ---- emulated console UART ---------------------------------------- */

/* The sample cell with a UART on a free page and SPI 40 for it. */
/* A device that does DMA: the cell's RAM must be at IPA = PA. */
static void test_dma_needs_ipa_equal_pa(void)
{
	struct cell c;

	cell_init(&c);
	c.mem[2].flags |= WARDEN_MEM_DMA;
	CHECK(REJECTS(&c,
		      "memory region 0 (RAM 0x70000000+0x100000) is seen at "
		      "IPA 0x40000000",
		      "memory region 2 (0x9000000) does DMA", "IPA = PA"));
	c.mem[0].virt_start = 0x70000000;
	c.desc.reset_address = 0x70000000;
	CHECK(valid(&c));
	/* only a device does DMA */
	c.mem[0].flags |= WARDEN_MEM_DMA;
	CHECK(REJECTS(&c, "memory region 0 (0x70000000+0x100000) does DMA",
		      "not a device (WARDEN_MEM_IO)"));
}

/* ---- the cell's own UART ------------------------------------------ */

/* cell_init()'s region 2: the device page 0x09000000, IO and read-write */
static void test_cell_uart_valid(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.uart_type = WARDEN_UART_PL011;
	c.desc.uart_base = 0x09000000;
	CHECK(valid(&c));
	c.desc.uart_type = WARDEN_UART_CADENCE;
	c.desc.uart_base = 0x09000f00;
	CHECK(valid(&c));
	c.desc.uart_type = WARDEN_UART_MESON;
	c.desc.uart_base = 0x09000fe4;
	CHECK(valid(&c));
	/* with an emulated PL011 too: the comm region names the own one */
	add_irq(&c, 40, 1);
	c.desc.vuart_base = 0x09010000;
	c.desc.vuart_irq = 40;
	CHECK(valid(&c));
}

static void test_cell_uart_type(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.uart_type = 7;
	c.desc.uart_base = 0x09000000;
	CHECK(REJECTS(&c, "cell config \"gic-demo\": cell UART: unknown "
			  "uart_type 7 (known: 0..6)"));
	c.desc.uart_type = WARDEN_UART_NONE;
	CHECK(REJECTS(&c, "cell UART: uart_base 0x9000000 without a "
			  "uart_type"));
}

static void test_cell_uart_unaligned(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.uart_type = WARDEN_UART_PL011;
	c.desc.uart_base = 0x09000100;
	CHECK(REJECTS(&c, "cell UART: uart_base 0x9000100 of the PL011 UART "
			  "is not aligned to 0x1000"));
	c.desc.uart_type = WARDEN_UART_8250_MMIO32;
	c.desc.uart_base = 0x09000010;
	CHECK(REJECTS(&c, "uart_base 0x9000010 of the 8250 UART (32-bit "
			  "registers) is not aligned to 0x100"));
	c.desc.uart_type = WARDEN_UART_BCM2835_AUX;
	c.desc.uart_base = 0x09000020;
	CHECK(REJECTS(&c, "is not aligned to 0x40"));
	c.desc.uart_type = WARDEN_UART_MESON;
	c.desc.uart_base = 0x09000002;
	CHECK(REJECTS(&c, "is not aligned to 0x4"));
}

static void test_cell_uart_not_owned(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.uart_type = WARDEN_UART_CADENCE;
	/* not in any region of the cell */
	c.desc.uart_base = 0x09001000;
	CHECK(REJECTS(&c, "cell UART: the Cadence UART at 0x9001000+0x100 is "
			  "not inside a read-write IO memory region"));
	/* in RAM: not a device */
	c.desc.uart_base = 0x40000000;
	CHECK(REJECTS(&c, "the Cadence UART at 0x40000000+0x100 is not "
			  "inside"));
	/* the Amlogic block runs past the end of the page */
	c.desc.uart_type = WARDEN_UART_MESON;
	c.desc.uart_base = 0x09000ffc;
	CHECK(REJECTS(&c, "the Amlogic UART at 0x9000ffc+0x18 is not inside"));
	/* wraps around */
	c.desc.uart_type = WARDEN_UART_CADENCE;
	c.desc.uart_base = 0xffffffffffffff00ULL;
	CHECK(REJECTS(&c, "not inside a read-write IO memory region"));
	/* read-only */
	c.desc.uart_base = 0x09000000;
	c.mem[2].flags &= ~WARDEN_MEM_WRITE;
	CHECK(REJECTS(&c, "the Cadence UART at 0x9000000+0x100 is not "
			  "inside a read-write IO"));
}

static void vuart_init(struct cell *c)
{
	cell_init(c);
	add_irq(c, 40, 1);
	c->desc.vuart_base = 0x09010000;
	c->desc.vuart_irq = 40;
}

static void test_vuart_valid(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	CHECK(valid(&c));
	/* anywhere the cell has nothing, up to the last page it can reach */
	c.desc.vuart_base = 0xffffffff000ULL;
	CHECK(valid(&c));
	/* the pages next to a region and to the distributor are free */
	c.desc.vuart_base = 0x40100000;
	CHECK(valid(&c));
	c.desc.vuart_base = 0x08010000;
	CHECK(valid(&c));
}

static void test_vuart_both_or_neither(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_irq = 0;
	CHECK(REJECTS(&c, "cell config \"gic-demo\": emulated console UART: "
			  "vuart_base 0x9010000 and vuart_irq 0: set both or "
			  "neither"));
	vuart_init(&c);
	c.desc.vuart_base = 0;
	CHECK(REJECTS(&c, "vuart_base 0x0 and vuart_irq 40: set both"));
}

static void test_vuart_unaligned(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_base = 0x09010800;
	CHECK(REJECTS(&c, "emulated console UART at 0x9010800: not page "
			  "aligned"));
}

static void test_vuart_beyond_reach(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_base = 1ULL << 48;
	CHECK(REJECTS(&c, "emulated console UART at 0x1000000000000: beyond "
			  "0x1000000000000, the 48 bits"));
	c.desc.vuart_base = ~0xfffULL;
	CHECK(REJECTS(&c, "at 0xfffffffffffff000: beyond"));
}

static void test_vuart_overlaps_memory(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	/* in the cell's addresses (IPA): RAM, the comm region, a device */
	c.desc.vuart_base = 0x400ff000;
	CHECK(REJECTS(&c, "emulated console UART at 0x400ff000: overlaps "
			  "memory region 0 (0x70000000+0x100000 -> "
			  "0x40000000)"));
	c.desc.vuart_base = WARDEN_COMM_REGION_IPA;
	CHECK(REJECTS(&c, "at 0x80000000: overlaps memory region 1 "
			  "(0x0+0x1000 -> 0x80000000), the comm region"));
	c.desc.vuart_base = 0x09000000;
	CHECK(REJECTS(&c, "at 0x9000000: overlaps memory region 2 "
			  "(0x9000000+0x1000 -> 0x9000000)"));
	/* a physical address of the cell's is no IPA of it */
	c.desc.vuart_base = 0x70000000;
	CHECK(valid(&c));
	/* an empty region is reported as such, not as an overlap */
	c.desc.vuart_base = 0x09000000;
	c.mem[2].size = 0;
	CHECK(REJECTS(&c, "memory region 2 (0x9000000) is empty"));
}

static void test_vuart_overlaps_link(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	add_link(&c.desc, c.link, "l", "uart-demo", 0x7f000000, 0x50000000, 0,
		 33);
	c.desc.vuart_base = 0x50004000;
	CHECK(REJECTS(&c, "emulated console UART at 0x50004000: overlaps "
			  "link 0 (0x50000000+0x5000 in the cell)"));
	c.desc.vuart_base = 0x50005000;
	CHECK(valid(&c));
	/* a link that is no usable range is reported as such only */
	c.desc.vuart_base = 0x50000000;
	c.link[0].section_size = 0;
	CHECK(REJECTS(&c, "link 0 \"l\" has an empty section"));
}

static void test_vuart_overlaps_gic(void)
{
	struct warden_platform *p = &sys_ref.sys.platform;
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_base = 0x0800f000;
	CHECK(REJECTS(&c, "emulated console UART at 0x800f000: overlaps the "
			  "GIC distributor (0x8000000+0x10000)"));
	c.desc.vuart_base = 0x0811f000;
	CHECK(REJECTS(&c, "at 0x811f000: overlaps the GICv3 redistributors "
			  "(0x80a0000+0x80000)"));
	c.desc.vuart_base = 0x08120000;
	CHECK(valid(&c));
	/* GICv2: a 4 KiB distributor; the CPU interface is at GICC */
	p->gic_version = WARDEN_GIC_V2;
	p->gicr_base = 0;
	p->gicr_stride = 0;
	p->gicc_base = 0x08010000;
	p->gich_base = 0x08030000;
	p->gicv_base = 0x08040000;
	c.desc.vuart_base = 0x08001000;
	CHECK(valid(&c));
	c.desc.vuart_base = 0x08011000;
	CHECK(REJECTS(&c, "at 0x8011000: overlaps the GICv2 CPU interface "
			  "(0x8010000+0x2000)"));
}

static void test_vuart_irq_not_spi(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_irq = 27;
	CHECK(REJECTS(&c, "emulated console UART: vuart_irq 27 is not an SPI "
			  "(32-1019)"));
	c.desc.vuart_irq = 1020;
	CHECK(REJECTS(&c, "vuart_irq 1020 is not an SPI"));
}

static void test_vuart_irq_not_the_cells(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_irq = 41;
	CHECK(REJECTS(&c, "emulated console UART: vuart_irq 41 is not in the "
			  "cell's IRQ ranges"));
	/* in a range of several */
	c.irq[1].count = 4;
	c.desc.vuart_irq = 43;
	CHECK(valid(&c));
}

static void test_vuart_irq_is_a_doorbell(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	add_link(&c.desc, c.link, "l", "uart-demo", 0x7f000000, 0x50000000, 0,
		 33);
	add_link(&c.desc, c.link, "m", "uart-demo", 0x7f100000, 0x50100000, 0,
		 40);
	CHECK(REJECTS(&c, "emulated console UART: vuart_irq 40 is also the "
			  "doorbell of link 1"));
}

static void test_direct_valid(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.flags |= WARDEN_CELL_DIRECT_IRQ;
	CHECK(valid(&c));
}

static void test_direct_gicv2(void)
{
	struct cell c;

	sys_init();
	sys_ref.sys.platform.gic_version = WARDEN_GIC_V2;
	sys_ref.sys.platform.gicc_base = 0x08010000;
	sys_ref.sys.platform.gich_base = 0x08030000;
	sys_ref.sys.platform.gicv_base = 0x08040000;
	sys_ref.sys.platform.gicr_base = 0;
	cell_init(&c);
	CHECK(valid(&c));
	c.desc.flags |= WARDEN_CELL_DIRECT_IRQ;
	CHECK(REJECTS(&c,
		      "cell config \"gic-demo\": flags: direct interrupts "
		      "(WARDEN_CELL_DIRECT_IRQ): need GICv3",
		      "GICC_CTLR", "Group 0"));
}

static void test_direct_vuart(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	/* its interrupt is a physical SPI of the cell, set pending */
	c.desc.flags |= WARDEN_CELL_DIRECT_IRQ;
	CHECK(valid(&c));
}

static void test_direct_links(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	add_link(&c.desc, c.link, "l", "uart-demo", 0x7f000000, 0x50000000, 0,
		 33);
	CHECK(valid(&c));
	/* a doorbell too: a physical SPI of the cell, set pending */
	c.desc.flags |= WARDEN_CELL_DIRECT_IRQ;
	CHECK(valid(&c));
}

static void test_direct_unknown_flag(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	c.desc.flags |= 0x4;
	CHECK(REJECTS(&c, "unknown cell flags 0x4"));
}

static void test_vuart_all_problems(void)
{
	struct cell c;

	sys_init();
	vuart_init(&c);
	c.desc.vuart_base = 0x09000100;
	c.desc.vuart_irq = 7;
	CHECK(REJECTS_N(&c, 2, "not page aligned", "not an SPI"));
}

/* ---- PCI functions ---------------------------------------------------- */

/* The reference system with QEMU virt's SMMU and PCI host (one bus). */
static void sys_with_pci(void)
{
	struct warden_platform *p = &sys_ref.sys.platform;

	sys_init();
	p->smmu_base = 0x09050000;
	p->smmu_evtq_irq = 1000;
	p->smmu_gerror_irq = 1001;
	p->pci_ecam_base = 0x4010000000;
	p->pci_bus_last = 0;
}

static void pci_add(struct cell *c, uint16_t bdf)
{
	c->pci[c->desc.num_pci_devices++].bdf = bdf;
}

static void test_pci_valid(void)
{
	struct cell c;

	sys_with_pci();
	cell_init(&c);
	pci_add(&c, 0x10);
	pci_add(&c, 0x18);
	CHECK(valid(&c));
}

static void test_pci_needs_smmu_and_host(void)
{
	struct cell c;

	sys_init();
	cell_init(&c);
	pci_add(&c, 0x10);
	CHECK(REJECTS(&c, "PCI device 0 (00:02.0): the system has no PCI "
			  "host bridge (pci_ecam_base)"));
	sys_with_pci();
	sys_ref.sys.platform.smmu_base = 0;
	sys_ref.sys.platform.smmu_evtq_irq = 0;
	sys_ref.sys.platform.smmu_gerror_irq = 0;
	CHECK(REJECTS(&c, "PCI device 0 (00:02.0): the system has no SMMU to "
			  "confine its DMA (smmu_base)"));
}

static void test_pci_bad_entries(void)
{
	struct cell c;

	sys_with_pci();
	cell_init(&c);
	pci_add(&c, 0x110);
	CHECK(REJECTS(&c, "PCI device 0 (01:02.0) is not on the host "
			  "bridge's buses 00-00"));
	cell_init(&c);
	pci_add(&c, 0x10);
	pci_add(&c, 0x10);
	CHECK(REJECTS(&c, "PCI device 1 (00:02.0) is also PCI device 0"));
	cell_init(&c);
	pci_add(&c, 0x10);
	c.pci[0].reserved = 1;
	CHECK(REJECTS(&c, "PCI device 0: reserved fields are not 0"));
	cell_init(&c);
	c.desc.num_pci_devices = WARDEN_MAX_PCI_DEVICES + 1;
	CHECK(REJECTS(&c, "9 PCI devices, more than 8"));
}

static void test_pci_ecam_is_filtered(void)
{
	struct cell c;

	sys_with_pci();
	cell_init(&c);
	mem_set(&c.mem[c.desc.num_memory_regions++], 0x4010000000, 0x4010000000,
		0x1000, WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO);
	CHECK(REJECTS_N(&c, 2,
			"overlaps the PCI ECAM (0x4010000000+0x100000), "
			"which the hypervisor filters for the cell"));
}

static void test_pair_pci(void)
{
	struct cell a, b;

	sys_with_pci();
	cell_init(&a);
	other_init(&b);
	pci_add(&a, 0x10);
	pci_add(&b, 0x18);
	pci_add(&b, 0x10);
	CHECK(PAIR(&a, &b, 1,
		   "PCI 00:02.0 is in both (\"gic-demo\" device 0, "
		   "\"uart-demo\" device 1)"));
}

/* ---- pairs of cells ------------------------------------------------ */

static void test_pair_valid(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	CHECK(PAIR(&a, &b, 0));
}

static void test_pair_cpu(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	b.desc.cpu_set = 0x6;
	CHECK(PAIR(&a, &b, 1,
		   "cells \"gic-demo\" and \"uart-demo\": CPU 2 "
		   "is in both"));
}

static void test_pair_memory(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	b.mem[0].phys_start = 0x700ff000;
	b.mem[0].size = 0x2000;
	CHECK(PAIR(&a, &b, 1,
		   "memory region 0 (0x70000000+0x100000) of "
		   "\"gic-demo\" overlaps memory region 0 "
		   "(0x700ff000+0x2000) of \"uart-demo\""));
}

static void test_pair_device(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	add_mem(&b, 0x09000000, 0x09000000, 0x1000, IO);
	CHECK(PAIR(&a, &b, 1,
		   "memory region 2 (0x9000000+0x1000) of "
		   "\"gic-demo\" overlaps memory region 2"));
}

static void test_pair_rootshared(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	add_mem(&a, 0x7f000000, 0x50000000, 0x100000,
		RW | WARDEN_MEM_ROOTSHARED);
	add_mem(&b, 0x7f000000, 0x60000000, 0x100000,
		RW | WARDEN_MEM_ROOTSHARED);
	CHECK(PAIR(&a, &b, 0));
	/* shared by one, private to the other: a conflict */
	b.mem[2].flags = RW;
	CHECK(PAIR(&a, &b, 1,
		   "memory region 3 (0x7f000000+0x100000) of "
		   "\"gic-demo\" overlaps memory region 2"));
}

static void test_pair_irq(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	b.irq[0].first = 32;
	CHECK(PAIR(&a, &b, 1,
		   "IRQ range 0 (33+1) of \"gic-demo\" overlaps "
		   "IRQ range 0 (32+2) of \"uart-demo\""));
}

static void test_pair_name(void)
{
	struct cell a, b;

	sys_init();
	cell_init(&a);
	other_init(&b);
	strcpy(b.desc.name, "gic-demo");
	CHECK(PAIR(&a, &b, 1,
		   "cells \"gic-demo\" and \"gic-demo\": both are "
		   "named \"gic-demo\""));
}

static void test_pair_everything(void)
{
	struct cell a;

	sys_init();
	cell_init(&a);
	/* a cell with itself: name, CPU 2, RAM, UART page, SPI 1 */
	CHECK(PAIR(&a, &a, 5, "both are named", "CPU 2 is in both",
		   "memory region 0", "memory region 2", "IRQ range 0"));
}

int main(void)
{
	RUN(test_valid);
	RUN(test_valid_no_irqs);
	RUN(test_valid_irqs_across_root_ranges);
	RUN(test_valid_rootshared);
	RUN(test_valid_comm_phys_zero_no_clash);
	RUN(test_valid_last_root_cpu_kept);
	RUN(test_null_report);
	RUN(test_all_problems_reported);

	RUN(test_no_system);
	RUN(test_null_blob);
	RUN(test_truncated);
	RUN(test_truncated_huge_counts);
	RUN(test_too_long);
	RUN(test_count_mismatch);
	RUN(test_too_many_regions);
	RUN(test_signature);
	RUN(test_revision);
	RUN(test_architecture);
	RUN(test_flags);
	RUN(test_name_empty);
	RUN(test_name_unterminated);
	RUN(test_name_unprintable);

	RUN(test_cpu_set_empty);
	RUN(test_cpu_beyond_platform);
	RUN(test_cpu_not_root);
	RUN(test_cpu_all_of_root);
	RUN(test_cpu_only_root_cpu);

	RUN(test_mem_outside_root);
	RUN(test_mem_straddles_root_regions);
	RUN(test_mem_io_in_root_ram);
	RUN(test_mem_ram_in_root_io);
	RUN(test_mem_rootshared_outside_root);
	RUN(test_mem_unaligned);
	RUN(test_mem_wraps);
	RUN(test_mem_empty);
	RUN(test_mem_flags);
	RUN(test_mem_not_readable);
	RUN(test_mem_overlaps_hypervisor);
	RUN(test_mem_overlaps_gicd);
	RUN(test_mem_overlap_physical);
	RUN(test_mem_overlap_ipa);
	RUN(test_no_loadable);

	RUN(test_comm_missing);
	RUN(test_comm_twice);
	RUN(test_comm_phys);
	RUN(test_comm_size);
	RUN(test_comm_empty);
	RUN(test_comm_read_only);
	RUN(test_comm_flags);
	RUN(test_comm_io_rootshared);
	RUN(test_comm_ipa_overlap);

	RUN(test_reset_outside);
	RUN(test_reset_not_executable);
	RUN(test_reset_in_comm);
	RUN(test_reset_phys_not_ipa);
	RUN(test_reset_unaligned);

	RUN(test_irq_ppi);
	RUN(test_irq_beyond_max);
	RUN(test_irq_empty);
	RUN(test_irq_overlap);
	RUN(test_irq_not_root);
	RUN(test_irq_partly_root);

	RUN(test_cell_uart_valid);
	RUN(test_cell_uart_type);
	RUN(test_cell_uart_unaligned);
	RUN(test_cell_uart_not_owned);
	RUN(test_vuart_valid);
	RUN(test_vuart_both_or_neither);
	RUN(test_vuart_unaligned);
	RUN(test_vuart_beyond_reach);
	RUN(test_vuart_overlaps_memory);
	RUN(test_vuart_overlaps_link);
	RUN(test_vuart_overlaps_gic);
	RUN(test_vuart_irq_not_spi);
	RUN(test_vuart_irq_not_the_cells);
	RUN(test_vuart_irq_is_a_doorbell);
	RUN(test_vuart_all_problems);

	RUN(test_direct_valid);
	RUN(test_direct_gicv2);
	RUN(test_direct_vuart);
	RUN(test_direct_links);
	RUN(test_direct_unknown_flag);

	RUN(test_dma_needs_ipa_equal_pa);
	RUN(test_pair_valid);
	RUN(test_pair_cpu);
	RUN(test_pair_memory);
	RUN(test_pair_device);
	RUN(test_pair_rootshared);
	RUN(test_pair_irq);
	RUN(test_pair_name);
	RUN(test_pair_everything);
	RUN(test_pci_valid);
	RUN(test_pci_needs_smmu_and_host);
	RUN(test_pci_bad_entries);
	RUN(test_pci_ecam_is_filtered);
	RUN(test_pair_pci);
	UNIT_DONE();
}
