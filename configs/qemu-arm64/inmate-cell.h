/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inmate cell configs for the reference QEMU virt machine.  Each config
 * source defines INMATE_CELL_NAME, INMATE_CELL_CPUS (cpu_set) and
 * INMATE_CELL_RAM (the physical address of its 1 MiB of RAM), then
 * includes this file.
 *
 * Every inmate built with inmates/lib sees the same layout: 1 MiB of RAM at
 * IPA 0x40000000 (loadable; the image's entry is its first byte) and the
 * comm region at WARDEN_COMM_REGION_IPA.  The RAM comes from the range
 * 0x70000000-0x7fbfffff that Linux (mem=768M) and the hypervisor leave
 * free.
 *
 * Optional: INMATE_CELL_SPI (one SPI), and one link: INMATE_CELL_LINK_NAME,
 * _PEER, _PHYS, _SIDE and _DOORBELL (an SPI, which must be INMATE_CELL_SPI),
 * seen at INMATE_CELL_LINK_IPA with one common page and one page for each
 * side (or INMATE_CELL_LINK_COMMON and _SECTION bytes; _FLAGS: the link's
 * flags); or an emulated console UART: INMATE_CELL_VUART_BASE (an IPA) on
 * INMATE_CELL_VUART_IRQ (which must be INMATE_CELL_SPI).  INMATE_CELL_FLAGS
 * adds cell flags (WARDEN_CELL_DIRECT_IRQ) to WARDEN_CELL_CONSOLE.
 * Optional too: a physical UART that the cell owns, INMATE_CELL_UART_TYPE
 * (WARDEN_UART_*) on the 4 KiB page at INMATE_CELL_UART_PHYS, which the
 * cell sees at the same address; the comm region names it to the inmate.
 * Or a window of device memory, INMATE_CELL_IO_PHYS and _SIZE, at the same
 * address (a PCI function's BARs: the hypervisor lets the cell place them
 * only there); and one PCI function, INMATE_CELL_PCI_BDF (bus << 8 |
 * device << 3 | function), which needs the SMMU system configs.
 */
#ifndef INMATE_CELL_H
#define INMATE_CELL_H

#include <warden/cell.h>
#include <warden/config.h>

#if !defined(INMATE_CELL_NAME) || !defined(INMATE_CELL_CPUS) || \
	!defined(INMATE_CELL_RAM)
#error "define INMATE_CELL_NAME, INMATE_CELL_CPUS and INMATE_CELL_RAM"
#endif

#ifndef INMATE_CELL_LINK_COMMON
#define INMATE_CELL_LINK_COMMON 0x1000
#endif
#ifndef INMATE_CELL_LINK_SECTION
#define INMATE_CELL_LINK_SECTION 0x1000
#endif
#ifndef INMATE_CELL_LINK_FLAGS
#define INMATE_CELL_LINK_FLAGS 0
#endif

#define INMATE_CELL_RAM_IPA 0x40000000
#define INMATE_CELL_RAM_SIZE 0x100000
#define INMATE_CELL_LINK_IPA 0x50000000

#if defined(INMATE_CELL_UART_TYPE) && defined(INMATE_CELL_IO_PHYS)
#error "INMATE_CELL_UART_TYPE or INMATE_CELL_IO_PHYS, not both"
#endif
#if defined(INMATE_CELL_UART_TYPE) || defined(INMATE_CELL_IO_PHYS)
#define INMATE_CELL_NUM_MEM 3
#else
#define INMATE_CELL_NUM_MEM 2
#endif

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[INMATE_CELL_NUM_MEM];
#ifdef INMATE_CELL_SPI
	struct warden_irq_range irqs[1];
#endif
#ifdef INMATE_CELL_LINK_NAME
	struct warden_link links[1];
#endif
#ifdef INMATE_CELL_PCI_BDF
	struct warden_pci_device pci[1];
#endif
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
#ifdef INMATE_CELL_FLAGS
		.flags = WARDEN_CELL_CONSOLE | INMATE_CELL_FLAGS,
#else
		.flags = WARDEN_CELL_CONSOLE,
#endif
		.name = INMATE_CELL_NAME,
		.cpu_set = INMATE_CELL_CPUS,
		.num_memory_regions = INMATE_CELL_NUM_MEM,
#ifdef INMATE_CELL_SPI
		.num_irq_ranges = 1,
#endif
#ifdef INMATE_CELL_LINK_NAME
		.num_links = 1,
#endif
#ifdef INMATE_CELL_PCI_BDF
		.num_pci_devices = 1,
#endif
		.reset_address = INMATE_CELL_RAM_IPA,
#ifdef INMATE_CELL_VUART_BASE
		.vuart_base = INMATE_CELL_VUART_BASE,
		.vuart_irq = INMATE_CELL_VUART_IRQ,
#endif
#ifdef INMATE_CELL_UART_TYPE
		.uart_type = INMATE_CELL_UART_TYPE,
		.uart_base = INMATE_CELL_UART_PHYS,
#endif
	},
	.mem = {
		/* RAM: image, BSS, stacks; command line in the last page */
		{
			.phys_start = INMATE_CELL_RAM,
			.virt_start = INMATE_CELL_RAM_IPA,
			.size = INMATE_CELL_RAM_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
		},
		/* comm region, provided by the hypervisor */
		{
			.phys_start = 0,
			.virt_start = WARDEN_COMM_REGION_IPA,
			.size = WARDEN_COMM_REGION_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_COMM_REGION,
		},
#ifdef INMATE_CELL_UART_TYPE
		/* the UART, taken from the root cell while this cell exists */
		{
			.phys_start = INMATE_CELL_UART_PHYS,
			.virt_start = INMATE_CELL_UART_PHYS,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_IO,
		},
#endif
#ifdef INMATE_CELL_IO_PHYS
		/* device memory, taken from the root cell too */
		{
			.phys_start = INMATE_CELL_IO_PHYS,
			.virt_start = INMATE_CELL_IO_PHYS,
			.size = INMATE_CELL_IO_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_IO,
		},
#endif
	},
#ifdef INMATE_CELL_SPI
	.irqs = { { .first = INMATE_CELL_SPI, .count = 1 } },
#endif
#ifdef INMATE_CELL_LINK_NAME
	.links = { {
		.name = INMATE_CELL_LINK_NAME,
		.peer = INMATE_CELL_LINK_PEER,
		.phys_start = INMATE_CELL_LINK_PHYS,
		.virt_start = INMATE_CELL_LINK_IPA,
		.common_size = INMATE_CELL_LINK_COMMON,
		.section_size = INMATE_CELL_LINK_SECTION,
		.side = INMATE_CELL_LINK_SIDE,
		.doorbell_irq = INMATE_CELL_LINK_DOORBELL,
		.flags = INMATE_CELL_LINK_FLAGS,
	} },
#endif
#ifdef INMATE_CELL_PCI_BDF
	.pci = { { .bdf = INMATE_CELL_PCI_BDF } },
#endif
};

#endif /* INMATE_CELL_H */
