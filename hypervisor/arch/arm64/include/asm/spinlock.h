/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket lock.  Waiters execute WFE, so that under QEMU -icount a waiting
 * vCPU yields to the holder (docs/architecture.md); the holder's store-release of the
 * owner field is a "write to the global monitor" that wakes them.
 * Only used with the MMU on: exclusives need Normal cacheable memory.
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <hyp/types.h>

/*
 * One word: the ticket is taken with a 32-bit exclusive, which must be
 * aligned (an unaligned exclusive is an alignment fault, B2.2.1).
 */
typedef struct {
	u16 owner;
	u16 next;
} __attribute__((aligned(4))) spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	u32 old, newval, fail, owner, ticket;

	/* take a ticket: next++ (the high half of the word) */
	asm volatile("1:	ldaxr	%w0, %3\n"
		     "	add	%w1, %w0, #0x10000\n"
		     "	stxr	%w2, %w1, %3\n"
		     "	cbnz	%w2, 1b\n"
		     : "=&r"(old), "=&r"(newval), "=&r"(fail), "+Q"(*lock)
		     :
		     : "memory");
	ticket = old >> 16;
	if ((old & 0xffff) == ticket)
		return;
	/* wait for our turn; the exclusive load arms the wake-up event */
	asm volatile("	sevl\n"
		     "2:	wfe\n"
		     "	ldaxrh	%w0, %1\n"
		     "	cmp	%w0, %w2\n"
		     "	b.ne	2b\n"
		     : "=&r"(owner)
		     : "Q"(lock->owner), "r"(ticket)
		     : "memory", "cc");
}

static inline void spin_unlock(spinlock_t *lock)
{
	u16 next = (u16)(lock->owner + 1);

	asm volatile("stlrh	%w1, %0"
		     : "=Q"(lock->owner)
		     : "r"(next)
		     : "memory");
}

#endif /* ASM_SPINLOCK_H */
