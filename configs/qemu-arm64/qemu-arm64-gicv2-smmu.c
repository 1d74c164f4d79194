// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine (GICv2) with QEMU's SMMUv3, which the hypervisor
 * owns (qemu-arm64-smmu.h): scenario smmu.
 */
#include "qemu-arm64-smmu.h"
#include "qemu-arm64-gicv2.c"
