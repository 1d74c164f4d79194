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

void *pool_alloc(struct pool *p)
{
	u64 word, bit, idx;
	void *page = NULL;

	if (p->shared)
		spin_lock(&p->lock);
	for (word = 0; word * 64 < p->pages; word++) {
		if (p->bitmap[word] == ~0UL)
			continue;
		bit = (u64)__builtin_ctzl(~p->bitmap[word]);
		idx = word * 64 + bit;
		if (idx >= p->pages)
			break;
		p->bitmap[word] |= 1UL << bit;
		p->used++;
		page = (void *)(uintptr_t)(p->base + (idx << PAGE_SHIFT));
		break;
	}
	if (p->shared)
		spin_unlock(&p->lock);
	if (page)
		memset(page, 0, PAGE_SIZE);
	return page;
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
