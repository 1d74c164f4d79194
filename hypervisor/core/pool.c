// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fixed page pool.  The bitmap occupies the first pages of the range it
 * manages, so the pool needs nothing but the memory it is given.
 */
#include <hyp/errno.h>
#include <hyp/pool.h>
#include <hyp/string.h>

int pool_init(struct pool *p, paddr_t start, u64 size)
{
	u64 pages, bitmap_pages;

	if (!IS_ALIGNED(start, PAGE_SIZE) || size < 2 * PAGE_SIZE)
		return -EINVAL;
	pages = size >> PAGE_SHIFT;
	/* one bit per page; the bitmap itself is not handed out */
	bitmap_pages = ALIGN_UP(ALIGN_UP(pages, 64) / 8, PAGE_SIZE) >>
		       PAGE_SHIFT;
	if (bitmap_pages >= pages)
		return -EINVAL;
	p->bitmap = (u64 *)(uintptr_t)start;
	memset(p->bitmap, 0, bitmap_pages << PAGE_SHIFT);
	p->base = start + (bitmap_pages << PAGE_SHIFT);
	p->pages = pages - bitmap_pages;
	p->used = 0;
	return 0;
}

static bool pool_taken(const struct pool *p, u64 idx)
{
	return p->bitmap[idx / 64] & (1UL << (idx % 64));
}

/* First of n free pages in a row, or p->pages; under the lock if shared. */
static u64 pool_find_run(const struct pool *p, u64 n)
{
	u64 idx, run = 0;

	for (idx = 0; idx < p->pages; idx++) {
		/* a full word ends any run: skip it whole */
		if (idx % 64 == 0 && p->bitmap[idx / 64] == ~0UL) {
			run = 0;
			idx += 63;
			continue;
		}
		run = pool_taken(p, idx) ? 0 : run + 1;
		if (run == n)
			return idx + 1 - n;
	}
	return p->pages;
}

void *pool_alloc_pages(struct pool *p, u64 n)
{
	void *page = NULL;
	u64 first, idx;

	if (n == 0)
		return NULL;
	if (p->shared)
		spin_lock(&p->lock);
	first = pool_find_run(p, n);
	if (first < p->pages) {
		for (idx = first; idx < first + n; idx++)
			p->bitmap[idx / 64] |= 1UL << (idx % 64);
		p->used += n;
		page = (void *)(uintptr_t)(p->base + (first << PAGE_SHIFT));
	}
	if (p->shared)
		spin_unlock(&p->lock);
	if (page)
		memset(page, 0, n << PAGE_SHIFT);
	return page;
}

void *pool_alloc(struct pool *p)
{
	return pool_alloc_pages(p, 1);
}

void pool_free_pages(struct pool *p, void *page, u64 n)
{
	u64 i;

	for (i = 0; i < n; i++)
		pool_free(p, (u8 *)page + (i << PAGE_SHIFT));
}

void pool_free(struct pool *p, void *page)
{
	paddr_t pa = (paddr_t)(uintptr_t)page;
	u64 idx;

	if (pa < p->base || !IS_ALIGNED(pa, PAGE_SIZE))
		return;
	idx = (pa - p->base) >> PAGE_SHIFT;
	if (idx >= p->pages)
		return;
	if (p->shared)
		spin_lock(&p->lock);
	if (p->bitmap[idx / 64] & (1UL << (idx % 64))) {
		p->bitmap[idx / 64] &= ~(1UL << (idx % 64));
		p->used--;
	}
	if (p->shared)
		spin_unlock(&p->lock);
}
