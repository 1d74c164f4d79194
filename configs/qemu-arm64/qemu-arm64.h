/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference QEMU virt machine (docs/architecture.md), shared by its two system
 * configs, which differ only in the interrupt controller: each defines
 * QEMU_ARM64_GIC (the platform's GIC fields) and includes this file.
 *
 * Addresses are those of QEMU's device tree (-machine dumpdtb=virt.dtb).
 * Linux, the root cell, runs with mem=768M; RAM above that, up to the
 * hypervisor's reserved 4 MiB at the top of the 1 GiB, is for inmates.
 * The GIC frames belong to the hypervisor, so the root cell has none of
 * them.
 *
 * The variable is laid out exactly as the binary config and lives alone in
 * section .warden_config, which configs/build.mk extracts into a .cell file.
 */
#ifndef QEMU_ARM64_H
#define QEMU_ARM64_H

#include <warden/config.h>

#ifndef QEMU_ARM64_GIC
#error "define QEMU_ARM64_GIC (the GIC fields of struct warden_platform)"
#endif

/*
 * CPUs: -smp 4 unless a config says otherwise (the scale benchmark's
 * qemu-arm64-gicv3-smp16.c), as their MPIDRs: QEMU virt numbers them
 * Aff0 0-15 within a cluster with GICv3, 0-7 with GICv2.
 */
/* struct warden_system.flags (a variant may set them) */
#ifndef QEMU_ARM64_SYS_FLAGS
#define QEMU_ARM64_SYS_FLAGS 0
#endif

#ifndef QEMU_ARM64_CPUS
#define QEMU_ARM64_CPUS 4
#define QEMU_ARM64_MPIDRS          \
	{                          \
		0x0, 0x1, 0x2, 0x3 \
	}
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The root's SPIs: all of QEMU virt's 288 INTIDs, unless a variant keeps
 * some for the hypervisor (the SMMU's, qemu-arm64-gicv3-smmu.c).
 */
#ifndef QEMU_ARM64_IRQS
#define QEMU_ARM64_NUM_IRQ_RANGES 1
#define QEMU_ARM64_IRQS                        \
	{                                      \
		{ .first = 32, .count = 256 }, \
	}
#endif
#ifndef QEMU_ARM64_PLATFORM_EXTRA
#define QEMU_ARM64_PLATFORM_EXTRA
#endif

#define MEM_RW (WARDEN_MEM_READ | WARDEN_MEM_WRITE)
#define MEM_RWX (MEM_RW | WARDEN_MEM_EXECUTE)
#define MEM_IO (MEM_RW | WARDEN_MEM_IO)

/* The root cell's memory is identity mapped: virt_start == phys_start. */
#define ROOT_MEM(start, len, fl)                                             \
	{                                                                    \
		.phys_start = (start), .virt_start = (start), .size = (len), \
		.flags = (fl),                                               \
	}

const struct {
	struct warden_system system;
	struct warden_memory mem[8];
	struct warden_irq_range irqs[QEMU_ARM64_NUM_IRQ_RANGES];
	struct warden_link links[4];
} WARDEN_PACKED config __attribute__((section(".warden_config"))) = {
	.system = {
		.signature = WARDEN_SYSTEM_SIGNATURE,
		.revision = WARDEN_CONFIG_REVISION,
		.architecture = WARDEN_ARCH_ARM64,
		.flags = QEMU_ARM64_SYS_FLAGS,
		.hypervisor_memory = {
			.phys_start = 0x7fc00000,
			.virt_start = 0x7fc00000,
			.size = 0x400000,
		},
		.platform = {
			.maintenance_irq = 25, /* PPI 9 */
			.gicd_base = 0x08000000,
			QEMU_ARM64_GIC,
			.uart_type = WARDEN_UART_PL011,
			.uart_base = 0x09000000,
			.num_cpus = QEMU_ARM64_CPUS,
			.cpu_mpidr = QEMU_ARM64_MPIDRS,
			QEMU_ARM64_PLATFORM_EXTRA
		},
		.root_cell = {
			.signature = WARDEN_CELL_SIGNATURE,
			.revision = WARDEN_CONFIG_REVISION,
			.architecture = WARDEN_ARCH_ARM64,
			.flags = WARDEN_CELL_CONSOLE,
			.name = "root",
			.cpu_set = ~0ULL >> (64 - QEMU_ARM64_CPUS),
			.num_memory_regions = ARRAY_SIZE(config.mem),
			.num_irq_ranges = ARRAY_SIZE(config.irqs),
			.num_links = ARRAY_SIZE(config.links),
		},
	},
	.mem = {
		/* RAM below the hypervisor */
		ROOT_MEM(0x40000000, 0x3fc00000, MEM_RWX),
		/* flash, two banks */
		ROOT_MEM(0x00000000, 0x08000000, MEM_IO),
		/* PL011, PL031 RTC, fw_cfg, PL061 GPIO */
		ROOT_MEM(0x09000000, 0x00040000, MEM_IO),
		/* virtio-mmio, 32 x 0x200 */
		ROOT_MEM(0x0a000000, 0x00004000, MEM_IO),
		/* PCIe MMIO */
		ROOT_MEM(0x10000000, 0x2eff0000, MEM_IO),
		/* PCIe PIO */
		ROOT_MEM(0x3eff0000, 0x00010000, MEM_IO),
		/* PCIe ECAM */
		ROOT_MEM(0x4010000000, 0x10000000, MEM_IO),
		/* PCIe high MMIO */
		ROOT_MEM(0x8000000000, 0x8000000000, MEM_IO),
	},
	.irqs = QEMU_ARM64_IRQS,
	.links = {
		/*
		 * To echo-demo (echo-demo.c), as /dev/warden-link-root-echo:
		 * one common page, one page per side, out of the RAM Linux
		 * leaves free.  The doorbell is an SPI no device drives.
		 */
		{
			.name = "root-echo",
			.peer = "echo-demo",
			.phys_start = 0x70800000,
			.virt_start = 0x70800000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 0,
			.doorbell_irq = 104,
		},
		/*
		 * To the Linux in linux-demo (linux-demo.c), whose warden.ko
		 * offers it as /dev/warden-link-root-linux too.  SPI 233: no
		 * device drives it, on either machine (SMMU: 106-109).
		 */
		{
			.name = "root-linux",
			.peer = "linux-demo",
			.phys_start = 0x70810000,
			.virt_start = 0x70810000,
			.common_size = 0x1000,
			.section_size = 0x1000,
			.side = 0,
			.doorbell_irq = 233,
		},
		/*
		 * A network link to the same Linux (docs/links.md): wnet<N>
		 * on both sides.  1 MiB per side holds the interface's
		 * header and a ring of 15 frames of the largest MTU,
		 * 64 KiB.  SPI 235: no device's.
		 */
		{
			.name = "root-net",
			.peer = "linux-demo",
			.phys_start = 0x71000000,
			.virt_start = 0x71000000,
			.common_size = 0,
			.section_size = 0x100000,
			.side = 0,
			.doorbell_irq = 235,
			.flags = WARDEN_LINK_NET,
		},
		/*
		 * A network link to net-garbage (net-garbage.c), a test
		 * peer that breaks the ring's rules: the root's interface
		 * must count its errors and stay up.  The smallest sections
		 * a network link may have.  SPI 237: no device's.
		 */
		{
			.name = "root-garbage",
			.peer = "net-garbage",
			.phys_start = 0x71200000,
			.virt_start = 0x71200000,
			.common_size = 0,
			.section_size = WARDEN_LINK_NET_MIN_SECTION,
			.side = 0,
			.doorbell_irq = 237,
			.flags = WARDEN_LINK_NET,
		},
	},
};

#endif /* QEMU_ARM64_H */
