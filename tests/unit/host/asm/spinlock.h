/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in: the unit tests are single-threaded. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

typedef struct {
	int unused;
} spinlock_t;

static inline void spin_lock(spinlock_t *lock)
{
	(void)lock;
}

static inline void spin_unlock(spinlock_t *lock)
{
	(void)lock;
}

#endif /* ASM_SPINLOCK_H */
