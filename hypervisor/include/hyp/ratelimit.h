/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console rate limits.  Whatever a cell can make the hypervisor print (a
 * root that faults in a loop, management calls refused in a loop) goes
 * through one of these, so that no cell can flood the console or keep a
 * CPU busy printing.  Each limit allows a burst per second and says, in the
 * next window, how many lines it held back.
 */
#ifndef HYP_RATELIMIT_H
#define HYP_RATELIMIT_H

#include <asm/spinlock.h>
#include <hyp/types.h>

struct ratelimit {
	spinlock_t lock;
	unsigned int burst; /* lines a second */
	const char *what; /* "faults of the root cell", for the held line */
	u64 window; /* start of the current second (arch_time_us()) */
	unsigned int printed, held;
};

#define RATELIMIT_INIT(burst_, what_)               \
	{                                           \
		.burst = (burst_), .what = (what_), \
	}

/* May one more line be printed now?  Any CPU, any context. */
bool ratelimit_allow(struct ratelimit *rl);

#endif /* HYP_RATELIMIT_H */
