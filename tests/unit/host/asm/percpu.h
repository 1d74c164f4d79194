/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the arch per-CPU part: the trap frame as the vectors
 * save it, and the calling CPU as the test simulates it (host-hyp.c).
 */
#ifndef HOST_ASM_PERCPU_H
#define HOST_ASM_PERCPU_H

#include <hyp/types.h>

struct arch_per_cpu {
	int unused;
};

struct trap_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

struct per_cpu;

/* The simulated calling CPU (host_this_cpu in host-hyp.h). */
struct per_cpu *this_cpu(void);

#endif
