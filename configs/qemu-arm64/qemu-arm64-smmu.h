/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reference machine with QEMU's SMMUv3 (-M virt,iommu=smmuv3), which
 * the hypervisor takes (issue 19): included by the two *-smmu.c configs
 * before qemu-arm64.h.
 *
 * QEMU's device tree: smmuv3@9050000, 0x20000 long, interrupts SPI 74-77
 * (eventq, priq, cmdq-sync, gerror: INTIDs 106-109), edge-triggered; the
 * PCIe host's ECAM at 0x4010000000 for buses 0-255, and its iommu-map
 * <0 &smmu 0 0x10000>: stream ID = requester ID; its interrupt-map sends
 * INTA of device 0 to SPI 3 (INTID 35), the others by the standard swizzle.  The root keeps every
 * SPI but the two the hypervisor takes (106, 109); the PRI queue and the
 * CMD_SYNC interrupt are not used (smmu.c).
 */
#ifndef QEMU_ARM64_SMMU_H
#define QEMU_ARM64_SMMU_H

#ifndef QEMU_ARM64_SMMU_ITS
#define QEMU_ARM64_SMMU_ITS
#endif
#define QEMU_ARM64_PLATFORM_EXTRA                                              \
	.smmu_base = 0x09050000, .smmu_evtq_irq = 106, .smmu_gerror_irq = 109, \
	.pci_ecam_base = 0x4010000000, .pci_bus_first = 0,                     \
	.pci_bus_last = 255, .pci_stream_base = 0, .pci_intx_irq = 35,         \
	QEMU_ARM64_SMMU_ITS

#define QEMU_ARM64_NUM_IRQ_RANGES 3
#define QEMU_ARM64_IRQS                                                     \
	{                                                                   \
		{ .first = 32, .count = 74 }, { .first = 107, .count = 2 }, \
			{ .first = 110, .count = 178 },                     \
	}

#endif /* QEMU_ARM64_SMMU_H */
