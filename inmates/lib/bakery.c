// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lamport's bakery lock (CACM 17(8), 1974), with a full barrier between
 * each store and the loads that must observe it.
 */
#include <inmate/bakery.h>
#include <inmate/cpu.h>

static uint32_t bakery_max(const struct bakery *lock)
{
	uint32_t max = 0, n;
	unsigned int i;

	for (i = 0; i < INMATE_MAX_CPUS; i++) {
		n = lock->number[i];
		if (n > max)
			max = n;
	}
	return max;
}

/* Does CPU j hold a ticket that goes before ours (ticket, me)? */
static int bakery_before(const struct bakery *lock, unsigned int j,
			 uint32_t ticket, unsigned int me)
{
	uint32_t n = lock->number[j];

	return n != 0 && (n < ticket || (n == ticket && j < me));
}

void bakery_lock(struct bakery *lock)
{
	unsigned int me = cpu_current(), j;
	uint32_t ticket;

	lock->choosing[me] = 1;
	dmb(sy);
	ticket = bakery_max(lock) + 1;
	lock->number[me] = ticket;
	dmb(sy);
	lock->choosing[me] = 0;
	dmb(sy);
	for (j = 0; j < INMATE_MAX_CPUS; j++) {
		if (j == me)
			continue;
		while (lock->choosing[j])
			dmb(sy);
		while (bakery_before(lock, j, ticket, me))
			wfe();
	}
	dmb(sy);
}

void bakery_unlock(struct bakery *lock)
{
	dmb(sy);
	lock->number[cpu_current()] = 0;
	dsb(sy);
	sev();
}
