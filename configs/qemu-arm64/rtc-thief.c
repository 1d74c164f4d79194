// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test config (cellerrors) that takes a device the root drives: QEMU
 * virt's PL031 RTC at 0x09010000 (SPI 2, INTID 34), bound to the root's
 * rtc-pl031 driver.  `cell create` must refuse it, naming the device, its
 * driver and how to unbind it.  CPU 3, 1 MiB of RAM at 0x70c00000.
 */
#include <warden/cell.h>
#include <warden/config.h>

const struct {
	struct warden_cell_desc cell;
	struct warden_memory mem[3];
	struct warden_irq_range irqs[1];
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.cell = {
		.signature = WARDEN_CELL_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.name = "rtc-thief",
		.cpu_set = 0x8,
		.num_memory_regions = 3,
		.num_irq_ranges = 1,
		.reset_address = 0x40000000,
	},
	.mem = {
		{
			.phys_start = 0x70c00000,
			.virt_start = 0x40000000,
			.size = 0x100000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE,
		},
		{
			.phys_start = 0x09010000,
			.virt_start = 0x09010000,
			.size = 0x1000,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_IO,
		},
		{
			.phys_start = 0,
			.virt_start = WARDEN_COMM_REGION_IPA,
			.size = WARDEN_COMM_REGION_SIZE,
			.flags = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
				 WARDEN_MEM_COMM_REGION,
		},
	},
	.irqs = { { .first = 34, .count = 1 } },
};
