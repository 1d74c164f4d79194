// SPDX-License-Identifier: GPL-2.0-only
/*
 * System config for the reference QEMU virt machine with GICv2:
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=2
 *                       -cpu cortex-a57 -smp 4 -m 1G ... mem=768M
 *
 * The hypervisor emulates the distributor and maps the GICV frame at the
 * GICC address in each cell's stage 2.  The GICv2m MSI frame (0x08020000)
 * is given to no one: a write to it raises any SPI, including those of
 * other cells.
 */
#define QEMU_ARM64_GIC                                         \
	.gic_version = WARDEN_GIC_V2, .gicc_base = 0x08010000, \
	.gich_base = 0x08030000, .gicv_base = 0x08040000

#include "qemu-arm64.h"
