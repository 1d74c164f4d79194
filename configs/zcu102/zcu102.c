// SPDX-License-Identifier: GPL-2.0-only
/*
 * System config for QEMU's model of the Xilinx ZCU102 (issue 18):
 *
 *   qemu-system-aarch64 -M xlnx-zcu102,virtualization=on -m 2G
 *                       -dtb zcu102.dtb ... mem=1536M
 *
 * with Debian's xilinx/zynqmp-zcu102-rev1.0.dtb as scripts/zcu102-dtb.sh
 * edits it (scripts/run-qemu.sh --machine zcu102).  Four Cortex-A53s, a
 * GIC-400 (GICv2 only) and the Cadence UART0 as the hypervisor's console.
 *
 * Memory: Linux runs in the first 1.5 GiB (mem=1536M); 0x60000000 up to
 * the hypervisor's 4 MiB at the top of the 2 GiB is for inmates and links
 * (configs/zcu102/inmate-cell.h).  The root cell owns that RAM too, as on
 * virt, so that cells and links are carved out of it.  The board's second
 * bank (0x800000000) is left out: QEMU's -m 2G has none, and RAM at or
 * above 2^39 could not be mapped at all (an A53's stage 2 takes 39 bits).
 *
 * Devices: each enabled node of the tree Linux runs on, its own pages
 * (what `warden config create` finds there; the configgen test compares
 * the two).  PCIe is disabled in that tree.  The GIC's frames are the
 * hypervisor's.  GICC and GICV are given at +0xf000 in their 128 KiB
 * windows: the SoC repeats each 4 KiB page of the 8 KiB interface across
 * 64 KiB, so only there are the two pages adjacent (Linux picks the same
 * base for GICC, since the tree's region is 0x20000; config create too).
 */
#include <warden/config.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define MEM_RWX (WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE)
#define MEM_IO (WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_IO)

/* The root cell's memory is identity mapped: virt_start == phys_start. */
#define ROOT_MEM(start, len, fl)                                             \
	{                                                                    \
		.phys_start = (start), .virt_start = (start), .size = (len), \
		.flags = (fl),                                               \
	}
#define DEV(start, len) ROOT_MEM(start, len, MEM_IO)

const struct {
	struct warden_system system;
	struct warden_memory mem[31];
	struct warden_irq_range irqs[1];
	struct warden_link links[1];
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.system = {
		.signature = WARDEN_SYSTEM_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.hypervisor_memory = {
			.phys_start = 0x7fc00000,
			.virt_start = 0x7fc00000,
			.size = 0x400000,
		},
		.platform = {
			.gic_version = WARDEN_GIC_V2,
			.maintenance_irq = 25, /* PPI 9 */
			.gicd_base = 0xf9010000,
			.gicc_base = 0xf902f000,
			.gich_base = 0xf9040000,
			.gicv_base = 0xf906f000,
			.uart_type = WARDEN_UART_CADENCE,
			.uart_base = 0xff000000, /* UART0, Linux's ttyPS0 */
			.num_cpus = 4,
			.cpu_mpidr = { 0x0, 0x1, 0x2, 0x3 },
		},
		.root_cell = {
			.signature = WARDEN_CELL_SIGNATURE,
			.revision = WARDEN_CONFIG_REVISION,
			.architecture = WARDEN_ARCH_ARM64,
			.flags = WARDEN_CELL_CONSOLE,
			.name = "root",
			.cpu_set = 0xf,
			.num_memory_regions = ARRAY_SIZE(config.mem),
			.num_irq_ranges = ARRAY_SIZE(config.irqs),
			.num_links = ARRAY_SIZE(config.links),
		},
	},
	.mem = {
		/* RAM below the hypervisor */
		ROOT_MEM(0x00000000, 0x7fc00000, MEM_RWX),
		DEV(0xc0000000, 0x8000000), /* QSPI linear window */
		DEV(0xfd070000, 0x30000), /* DDR memory controller */
		DEV(0xfd0c0000, 0x2000), /* SATA (AHCI) */
		DEV(0xfd3d0000, 0x1000), /* PS-GTR PHY (SIOU) */
		DEV(0xfd400000, 0x40000), /* PS-GTR PHY */
		DEV(0xfd4a0000, 0x1000), /* DisplayPort */
		DEV(0xfd4aa000, 0x3000), /* DisplayPort: blender, AV buf, audio */
		DEV(0xfd4c0000, 0x1000), /* DisplayPort DMA */
		DEV(0xfd4d0000, 0x1000), /* watchdog (FPD) */
		/* FPD DMA: 8 channels, a page each, 64 KiB apart */
		DEV(0xfd500000, 0x1000),
		DEV(0xfd510000, 0x1000),
		DEV(0xfd520000, 0x1000),
		DEV(0xfd530000, 0x1000),
		DEV(0xfd540000, 0x1000),
		DEV(0xfd550000, 0x1000),
		DEV(0xfd560000, 0x1000),
		DEV(0xfd570000, 0x1000),
		DEV(0xfe200000, 0x40000), /* USB0 (DWC3) */
		DEV(0xff000000, 0x1000), /* UART0: the hypervisor's console */
		DEV(0xff010000, 0x1000), /* UART1 */
		DEV(0xff020000, 0x1000), /* I2C0 */
		DEV(0xff030000, 0x1000), /* I2C1 */
		DEV(0xff070000, 0x1000), /* CAN1 */
		DEV(0xff0a0000, 0x1000), /* GPIO */
		DEV(0xff0e0000, 0x1000), /* GEM3 Ethernet */
		DEV(0xff0f0000, 0x1000), /* QSPI */
		DEV(0xff170000, 0x1000), /* SD1 */
		DEV(0xff990000, 0x1000), /* IPI mailbox */
		DEV(0xff9d0000, 0x1000), /* USB0 wrapper */
		DEV(0xffa60000, 0x1000), /* RTC */
	},
	.irqs = {
		/* all SPIs: the GIC-400 here has 160 (INTIDs 32-191) */
		{ .first = 32, .count = 160 },
	},
	.links = {
		/*
		 * To echo-demo (configs/zcu102/echo-demo.c), as
		 * /dev/warden-link-root-echo: one common page, one page per
		 * side, out of the RAM Linux leaves free.  The doorbell is an
		 * SPI no device of the tree drives.
		 */
		{
			.name = "root-echo",
			.peer = "echo-demo",
			.phys_start = 0x60800000,
			.virt_start = 0x60800000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 0,
			.doorbell_irq = 124,
		},
	},
};
