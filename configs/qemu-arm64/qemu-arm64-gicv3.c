// SPDX-License-Identifier: GPL-2.0-only
/*
 * System config for the reference QEMU virt machine with GICv3:
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=off
 *                       -cpu cortex-a57 -smp 4 -m 1G ... mem=768M
 *
 * The hypervisor maps each cell the RD_base frames of its CPUs'
 * redistributors and filters their SGI pages.
 */
#define QEMU_ARM64_GIC                                         \
	.gic_version = WARDEN_GIC_V3, .gicr_base = 0x080a0000, \
	.gicr_stride = 0x20000

#include "qemu-arm64.h"
