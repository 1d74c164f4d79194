// SPDX-License-Identifier: GPL-2.0-only
/*
 * A Linux cell on the reference QEMU virt machine (docs/linux-cells.md):
 * CPUs 2 and 3, 128 MiB of RAM, a console PL011 that the hypervisor
 * emulates, and the virtio-mmio transport that QEMU fills first (a disk in
 * the tests), booted with `warden cell linux`.
 *
 * - RAM: 0x74000000-0x7bffffff, inside the range 0x70000000-0x7fbfffff
 *   that Linux (mem=768M) and the hypervisor leave free, and above the
 *   bare-metal inmates' 1 MiB cells, so that it can run beside them.  It
 *   is seen at IPA = PA: the virtio device does DMA to physical addresses
 *   and there is no IOMMU in front of it.
 * - Console: an emulated PL011 at IPA 0x09000000, where a virt machine's
 *   own UART is (no RAM or device of the cell is there), raising INTID 230,
 *   an SPI no QEMU virt device drives.
 * - Device: the page of virtio-mmio transports 24..31 (0x0a003000); of
 *   them the cell owns the interrupt of transport 31 only (0x0a003e00,
 *   SPI 47 = INTID 79), so its tree describes that one.
 * - The comm region at its usual IPA, above the RAM.
 * - The root's link root-linux (one common page, one page per side, seen
 *   where the root sees it), doorbell INTID 234: warden.ko in the cell
 *   offers it as /dev/warden-link-root-linux.  And root-net (1 MiB per
 *   side, doorbell INTID 236), a network link: an interface, wnet<N>, in
 *   the cell and in the root.  Not in linux-demo-direct, which the root's
 *   links do not name.
 * - The links of linux-peer (linux-peer.c), the second Linux cell:
 *   cells-net, a network link, and cells-ping, doorbells INTIDs 239-240.
 */
#include <warden/cell.h>
#include <warden/config.h>

/* linux-demo-direct.c: the same cell with direct interrupts */
#ifndef LINUX_DEMO_NAME
#define LINUX_DEMO_NAME "linux-demo"
#define LINUX_DEMO_FLAGS WARDEN_CELL_CONSOLE
/* the root's links (qemu-arm64.h) and linux-peer's name this cell */
#define LINUX_DEMO_NUM_LINKS 4
#define LINUX_DEMO_LINK_IRQS 3 /* ranges of the links' doorbells */
#else
#define LINUX_DEMO_NUM_LINKS 0
#define LINUX_DEMO_LINK_IRQS 0
#endif

#define LINUX_DEMO_RAM 0x74000000
#define LINUX_DEMO_RAM_SIZE 0x8000000
#define LINUX_DEMO_VIRTIO 0x0a003000
#define LINUX_DEMO_VIRTIO_IRQ 79
#define LINUX_DEMO_VUART 0x09000000
#define LINUX_DEMO_VUART_IRQ 230
#define LINUX_DEMO_LINK_IRQ 234 /* the doorbell of root-linux: no device's */
#define LINUX_DEMO_NET_IRQ 236 /* the doorbell of root-net: no device's */
#define LINUX_DEMO_PEER_IRQ 239 /* cells-net's and cells-ping's (2) */

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[3];
	struct warden_irq_range irqs[2 + LINUX_DEMO_LINK_IRQS];
	struct warden_link links[LINUX_DEMO_NUM_LINKS];
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.flags = LINUX_DEMO_FLAGS,
		.name = LINUX_DEMO_NAME,
		.cpu_set = 0xc,
		.num_memory_regions = 3,
		.num_irq_ranges = 2 + LINUX_DEMO_LINK_IRQS,
		.num_links = LINUX_DEMO_NUM_LINKS,
		/* `warden cell linux` starts it at the kernel instead */
		.reset_address = LINUX_DEMO_RAM,
		.vuart_base = LINUX_DEMO_VUART,
		.vuart_irq = LINUX_DEMO_VUART_IRQ,
	},
	.mem = {
		{
			.phys_start = LINUX_DEMO_RAM,
			.virt_start = LINUX_DEMO_RAM,
			.size = LINUX_DEMO_RAM_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
		},
		{
			.phys_start = LINUX_DEMO_VIRTIO,
			.virt_start = LINUX_DEMO_VIRTIO,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_IO | WARDEN_MEM_DMA,
		},
		{
			.phys_start = 0,
			.virt_start = WARDEN_COMM_REGION_IPA,
			.size = WARDEN_COMM_REGION_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_COMM_REGION,
		},
	},
	.irqs = {
		{ .first = LINUX_DEMO_VIRTIO_IRQ, .count = 1 },
		{ .first = LINUX_DEMO_VUART_IRQ, .count = 1 },
#if LINUX_DEMO_NUM_LINKS
		{ .first = LINUX_DEMO_LINK_IRQ, .count = 1 },
		{ .first = LINUX_DEMO_NET_IRQ, .count = 1 },
		{ .first = LINUX_DEMO_PEER_IRQ, .count = 2 },
#endif
	},
#if LINUX_DEMO_NUM_LINKS
	/*
	 * root-linux, the cell's side 1, where the root sees it: the tree
	 * that `warden cell linux` writes describes it (a warden,link node).
	 */
	.links = {
		{
			.name = "root-linux",
			.peer = "root",
			.phys_start = 0x70810000,
			.virt_start = 0x70810000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 1,
			.doorbell_irq = LINUX_DEMO_LINK_IRQ,
		},
		/* root-net, a network link: wnet<N> in the cell and the root */
		{
			.name = "root-net",
			.peer = "root",
			.phys_start = 0x71000000,
			.virt_start = 0x71000000,
			.common_size = 0,
			.section_size = 0x100000,
			.side = 1,
			.doorbell_irq = LINUX_DEMO_NET_IRQ,
			.flags = WARDEN_LINK_NET,
		},
		/* to the Linux in linux-peer (linux-peer.c): side 0 of both */
		{
			.name = "cells-net",
			.peer = "linux-peer",
			.phys_start = 0x71400000,
			.virt_start = 0x71400000,
			.common_size = 0,
			.section_size = 0x100000,
			.side = 0,
			.doorbell_irq = LINUX_DEMO_PEER_IRQ,
			.flags = WARDEN_LINK_NET,
		},
		{
			.name = "cells-ping",
			.peer = "linux-peer",
			.phys_start = 0x71600000,
			.virt_start = 0x71600000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 0,
			.doorbell_irq = LINUX_DEMO_PEER_IRQ + 1,
		},
	},
#endif
};
