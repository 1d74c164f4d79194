// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console rate limits (ratelimit.h).  The count of held lines is printed
 * when the next line comes in a new window: a flood that stops is still
 * accounted for by the first line after it.
 */
#include <hyp/arch-setup.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>

#define RATELIMIT_WINDOW_US 1000000

bool ratelimit_allow(struct ratelimit *rl)
{
	u64 now = arch_time_us();
	unsigned int held = 0;
	bool allow;

	spin_lock(&rl->lock);
	if (now - rl->window >= RATELIMIT_WINDOW_US) {
		held = rl->held;
		rl->window = now;
		rl->printed = 0;
		rl->held = 0;
	}
	allow = rl->printed < rl->burst;
	if (allow)
		rl->printed++;
	else
		rl->held++;
	spin_unlock(&rl->lock);
	/* outside the lock: the console has its own */
	if (held)
		printk("(%u more %s not shown)\n", held, rl->what);
	return allow;
}
