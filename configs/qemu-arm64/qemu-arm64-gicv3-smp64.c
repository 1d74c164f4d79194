// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine with 64 CPUs, for the scale benchmark (make bench,
 * scenario bench-scale):
 *
 *   qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=off
 *                       -cpu cortex-a57 -smp 64 -m 1G ... mem=768M
 *
 * QEMU's virt machine puts 16 CPUs in each Aff1 cluster on GICv3 (an SGI's
 * target list has 16 bits, IHI 0069 12.7.15): CPU n is Aff1 n / 16,
 * Aff0 n % 16.  Everything else is qemu-arm64-gicv3.c's; QEMU's
 * redistributor region holds 123 of them.
 */
#define QEMU_ARM64_CPUS 64
/* the 16 CPUs of Aff1 cluster c */
#define QEMU_ARM64_CLUSTER(c)                                           \
	(c) << 8 | 0x0, (c) << 8 | 0x1, (c) << 8 | 0x2, (c) << 8 | 0x3, \
		(c) << 8 | 0x4, (c) << 8 | 0x5, (c) << 8 | 0x6,         \
		(c) << 8 | 0x7, (c) << 8 | 0x8, (c) << 8 | 0x9,         \
		(c) << 8 | 0xa, (c) << 8 | 0xb, (c) << 8 | 0xc,         \
		(c) << 8 | 0xd, (c) << 8 | 0xe, (c) << 8 | 0xf
#define QEMU_ARM64_MPIDRS                                            \
	{                                                            \
		QEMU_ARM64_CLUSTER(0), QEMU_ARM64_CLUSTER(1),        \
			QEMU_ARM64_CLUSTER(2), QEMU_ARM64_CLUSTER(3) \
	}

#include "qemu-arm64-gicv3.c"
