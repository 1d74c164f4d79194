// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine (GICv3) with QEMU's SMMUv3, which the hypervisor
 * owns (qemu-arm64-smmu.h), and its ITS, the root's (its.c): scenario
 * smmu.  The root's MSIs reach GITS_TRANSLATER through its DMA view.
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=on,
 *                       iommu=smmuv3 ... -dtb (the SMMU disabled for Linux)
 */
#define QEMU_ARM64_SMMU_ITS .gic_its_base = 0x08080000,
#include "qemu-arm64-smmu.h"
#include "qemu-arm64-gicv3.c"
