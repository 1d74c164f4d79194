// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine with 16 CPUs, for the scale benchmark (make bench,
 * scenario bench-scale):
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=off
 *                       -cpu cortex-a57 -smp 16 -m 1G ... mem=768M
 *
 * Everything else is qemu-arm64-gicv3.c's; QEMU's redistributor region
 * holds 123 of them.
 */
#define QEMU_ARM64_CPUS 16
#define QEMU_ARM64_MPIDRS                                                   \
	{                                                                   \
		0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0x8, 0x9, 0xa, 0xb, \
			0xc, 0xd, 0xe, 0xf                                  \
	}

#include "qemu-arm64-gicv3.c"
