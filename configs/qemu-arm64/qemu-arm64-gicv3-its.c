// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine (GICv3) with QEMU's default ITS, which Linux
 * drives for its PCI devices' MSIs (scenario itsroot):
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=on
 *
 * QEMU's device tree: its@8080000, 0x20000 long (the control frame, then
 * GITS_TRANSLATER's).  The hypervisor traps the first for the root and
 * maps it the second (hypervisor/arch/arm64/its.c).
 */
#define QEMU_ARM64_PLATFORM_EXTRA .gic_its_base = 0x08080000,
#include "qemu-arm64-gicv3.c"
