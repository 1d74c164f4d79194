/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for the arch per-CPU part: nothing arch-specific. */
#ifndef HOST_ASM_PERCPU_H
#define HOST_ASM_PERCPU_H
struct arch_per_cpu {
	int unused;
};
#endif
