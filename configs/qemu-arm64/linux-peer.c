// SPDX-License-Identifier: GPL-2.0-only
/*
 * A second Linux cell beside linux-demo on the reference QEMU virt machine
 * (issue 20: Linux cell to Linux cell): CPU 1, the 60 MiB of RAM between
 * linux-demo's and the hypervisor's (0x7c000000-0x7fbfffff, at IPA = PA),
 * a console PL011 that the hypervisor emulates at IPA 0x09000000 on INTID
 * 243 (an SPI no QEMU virt device drives, nor linux-demo's 230), and the
 * comm region.  No device of its own.  Booted with `warden cell linux`
 * (docs/linux-cells.md); the root keeps CPU 0.
 *
 * Its links are to linux-demo (linux-demo.c), Linux cell to Linux cell:
 * cells-net, a network link (wnet<N> on both sides, 1 MiB per side), and
 * cells-ping, for warden-link-ping (one common page, one page per side).
 * Both are regions of the root's RAM that leave the root while either
 * cell exists.  Doorbells: INTIDs 241 and 242.
 */
#include <warden/cell.h>
#include <warden/config.h>

#define LINUX_PEER_RAM 0x7c000000
#define LINUX_PEER_RAM_SIZE 0x3c00000
#define LINUX_PEER_VUART 0x09000000
#define LINUX_PEER_VUART_IRQ 243
#define LINUX_PEER_NET_IRQ 241
#define LINUX_PEER_PING_IRQ 242

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[2];
	struct warden_irq_range irqs[2];
	struct warden_link links[2];
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.flags = WARDEN_CELL_CONSOLE,
		.name = "linux-peer",
		.cpu_set = 0x2,
		.num_memory_regions = 2,
		.num_irq_ranges = 2,
		.num_links = 2,
		.reset_address = LINUX_PEER_RAM,
		.vuart_base = LINUX_PEER_VUART,
		.vuart_irq = LINUX_PEER_VUART_IRQ,
	},
	.mem = {
		{
			.phys_start = LINUX_PEER_RAM,
			.virt_start = LINUX_PEER_RAM,
			.size = LINUX_PEER_RAM_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
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
		{ .first = LINUX_PEER_VUART_IRQ, .count = 1 },
		{ .first = LINUX_PEER_NET_IRQ, .count = 2 },
	},
	.links = {
		{
			.name = "cells-net",
			.peer = "linux-demo",
			.phys_start = 0x71400000,
			.virt_start = 0x71400000,
			.common_size = 0,
			.section_size = 0x100000,
			.side = 1,
			.doorbell_irq = LINUX_PEER_NET_IRQ,
			.flags = WARDEN_LINK_NET,
		},
		{
			.name = "cells-ping",
			.peer = "linux-demo",
			.phys_start = 0x71600000,
			.virt_start = 0x71600000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 1,
			.doorbell_irq = LINUX_PEER_PING_IRQ,
		},
	},
};
