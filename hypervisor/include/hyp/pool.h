/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page pool: the only allocator of the hypervisor.  A fixed range of
 * hypervisor memory, handed out in 4 KiB pages and tracked by a bitmap that
 * lives in the pool's own first pages.
 */
#ifndef HYP_POOL_H
#define HYP_POOL_H

#include <asm/spinlock.h>
#include <hyp/types.h>

struct pool {
	paddr_t base; /* first page handed out */
	u64 pages; /* pages handed out at most */
	u64 used;
	u64 *bitmap;
	/*
	 * Set once the MMU is on (exclusives need cacheable memory): from
	 * then on several CPUs may allocate at once (management calls, a
	 * cell's SYSTEM_RESET), under the lock.
	 */
	bool shared;
	spinlock_t lock;
};

int pool_init(struct pool *p, paddr_t start, u64 size);
/* A zeroed page, or NULL when the pool is exhausted. */
void *pool_alloc(struct pool *p);
/* n zeroed pages in a row (status pages), or NULL. */
void *pool_alloc_pages(struct pool *p, u64 n);
/* Frees what pool_alloc or pool_alloc_pages gave; NULL is ignored. */
void pool_free(struct pool *p, void *page);
void pool_free_pages(struct pool *p, void *page, u64 n);

#endif /* HYP_POOL_H */
