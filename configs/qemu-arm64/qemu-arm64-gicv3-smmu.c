// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine (GICv3) with QEMU's SMMUv3, which the hypervisor
 * owns (qemu-arm64-smmu.h): scenario smmu.
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=off,
 *                       iommu=smmuv3 ... -dtb (the SMMU disabled for Linux)
 */
#include "qemu-arm64-smmu.h"
#include "qemu-arm64-gicv3.c"
