// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage-2 and EL2 table builder: the real core/paging.c and the real arm64
 * descriptor encodings (arch/arm64/pte.c), on a page pool in host memory.
 */
#include <stdlib.h>
#include <string.h>

#include "host-arch.h"
#include "unit.h"
#include <hyp/paging.h>
#include <hyp/errno.h>
#include <hyp/pool.h>

#define POOL_SIZE (256 * PAGE_SIZE)
#define GB (1UL << 30)
#define MB (1UL << 20)

static struct pool pool;
static struct paging pg;

static void setup(unsigned int root_level)
{
	static void *mem;

	free(mem);
	mem = aligned_alloc(PAGE_SIZE, POOL_SIZE);
	if (!mem || pool_init(&pool, (paddr_t)(uintptr_t)mem, POOL_SIZE) ||
	    paging_init(&pg, &pool, PAGING_STAGE2, root_level))
		abort();
	memset(&host, 0, sizeof(host));
}

static int level_of(u64 va)
{
	unsigned int level;

	if (paging_lookup(&pg, va, NULL, NULL, &level))
		return -1;
	return (int)level;
}

static void uses_1g_blocks(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, 2 * GB, PAGING_RW) == 0);
	CHECK(level_of(0x40000000) == 1);
	CHECK(level_of(0x40000000 + GB + 0x1234000) == 1);
	/* root + one level-1 table: blocks need nothing more */
	CHECK(pool.used == 2);
	CHECK(pg.pages == 2);
}

static void uses_2m_blocks_when_unaligned_to_1g(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB - 4 * MB, PAGING_RW) ==
	      0);
	CHECK(level_of(0x40000000) == 2);
	CHECK(level_of(0x40000000 + GB - 4 * MB - PAGE_SIZE) == 2);
	CHECK(level_of(0x40000000 + GB - 4 * MB) == -1);
}

static void uses_pages_at_edges(void)
{
	paddr_t pa;

	setup(0);
	CHECK(paging_map(&pg, 0x80a0000, 0x80a0000, 0x80000,
			 PAGING_RW | PAGING_DEVICE) == 0);
	CHECK(level_of(0x80a0000) == 3);
	CHECK(level_of(0x809f000) == -1);
	CHECK(level_of(0x8120000) == -1);
	CHECK(paging_lookup(&pg, 0x80a1234, &pa, NULL, NULL) == 0);
	CHECK(pa == 0x80a1234);
}

static void translates_non_identity(void)
{
	paddr_t pa;

	setup(0);
	CHECK(paging_map(&pg, 0x8010000, 0x8040000, 0x2000,
			 PAGING_RW | PAGING_DEVICE) == 0);
	CHECK(paging_lookup(&pg, 0x8011004, &pa, NULL, NULL) == 0);
	CHECK(pa == 0x8041004);
}

static void keeps_attributes(void)
{
	u32 flags;

	setup(0);
	CHECK(paging_map(&pg, 0x9000000, 0x9000000, PAGE_SIZE,
			 PAGING_RW | PAGING_DEVICE) == 0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, 2 * MB,
			 PAGING_RW | PAGING_EXEC) == 0);
	CHECK(paging_map(&pg, 0x7fc00000, 0x7fc00000, PAGE_SIZE, PAGING_READ) ==
	      0);
	CHECK(paging_lookup(&pg, 0x9000000, NULL, &flags, NULL) == 0);
	CHECK(flags == (PAGING_RW | PAGING_DEVICE));
	CHECK(paging_lookup(&pg, 0x40000000, NULL, &flags, NULL) == 0);
	CHECK(flags == (PAGING_RW | PAGING_EXEC));
	CHECK(paging_lookup(&pg, 0x7fc00000, NULL, &flags, NULL) == 0);
	CHECK(flags == PAGING_READ);
}

static void unmap_splits_1g_block(void)
{
	u32 flags;

	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB,
			 PAGING_RW | PAGING_EXEC) == 0);
	pg.live = true;
	CHECK(paging_unmap(&pg, 0x70000000, 16 * MB) == 0);
	CHECK(level_of(0x70000000) == -1);
	CHECK(level_of(0x70000000 + 16 * MB - PAGE_SIZE) == -1);
	CHECK(level_of(0x6fe00000) == 2);
	CHECK(level_of(0x71000000) == 2);
	CHECK(paging_lookup(&pg, 0x71000000, NULL, &flags, NULL) == 0);
	CHECK(flags == (PAGING_RW | PAGING_EXEC));
	/* a live block was replaced: break-before-make flushed it */
	CHECK(host.flushes > 0);
}

static void unmap_splits_down_to_pages(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB, PAGING_RW) == 0);
	CHECK(paging_unmap(&pg, 0x40201000, PAGE_SIZE) == 0);
	CHECK(level_of(0x40201000) == -1);
	CHECK(level_of(0x40200000) == 3);
	CHECK(level_of(0x40202000) == 3);
	CHECK(level_of(0x40400000) == 2);
	CHECK(level_of(0x40000000) == 2);
}

static void unmap_frees_empty_tables(void)
{
	u64 before;

	setup(0);
	before = pool.used;
	CHECK(paging_map(&pg, 0x80a0000, 0x80a0000, 0x80000, PAGING_RW) == 0);
	CHECK(pool.used == before + 3);
	CHECK(pg.pages == pool.used); /* the cell status's table count */
	CHECK(paging_unmap(&pg, 0x80a0000, 0x80000) == 0);
	CHECK(pool.used == before);
	CHECK(pg.pages == pool.used);
	CHECK(level_of(0x80a0000) == -1);
}

static void remap_as_block_frees_tables(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, PAGE_SIZE, PAGING_RW) ==
	      0);
	CHECK(pool.used == 4);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB, PAGING_RW) == 0);
	CHECK(level_of(0x40000000) == 1);
	CHECK(pool.used == 2);
}

/* A cell's memory leaves the root and comes back: no table is left over. */
static void give_back_merges_into_blocks(void)
{
	u64 used;

	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB - 4 * MB,
			 PAGING_RW | PAGING_EXEC) == 0);
	used = pool.used;
	CHECK(paging_unmap(&pg, 0x70000000, MB) == 0);
	CHECK(level_of(0x70100000) == 3);
	CHECK(pool.used == used + 1);
	CHECK(pg.pages == pool.used);
	CHECK(paging_map(&pg, 0x70000000, 0x70000000, MB,
			 PAGING_RW | PAGING_EXEC) == 0);
	CHECK(level_of(0x70000000) == 2);
	CHECK(pool.used == used);
	CHECK(pg.pages == pool.used); /* merged tables are uncounted */
}

/* Different attributes or a hole keep the table. */
static void no_merge_of_unlike_pages(void)
{
	u64 used;

	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, 2 * MB, PAGING_RW) == 0);
	used = pool.used;
	CHECK(paging_unmap(&pg, 0x40000000, PAGE_SIZE) == 0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, PAGE_SIZE, PAGING_READ) ==
	      0);
	CHECK(level_of(0x40000000) == 3);
	CHECK(paging_unmap(&pg, 0x40001000, PAGE_SIZE) == 0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, PAGE_SIZE, PAGING_RW) ==
	      0);
	CHECK(level_of(0x40000000) == 3);
	CHECK(paging_map(&pg, 0x40001000, 0x40001000, PAGE_SIZE, PAGING_RW) ==
	      0);
	CHECK(level_of(0x40000000) == 2);
	CHECK(pool.used == used);
}

static void destroy_returns_every_page(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x0, 0x0, 0x8000000, PAGING_RW) == 0);
	CHECK(paging_map(&pg, 0x80a0000 + 0x100000, 0x80a0000, PAGE_SIZE,
			 PAGING_RW) == 0);
	CHECK(paging_map(&pg, 0x8000000000, 0x8000000000, 512 * GB,
			 PAGING_RW | PAGING_DEVICE) == 0);
	CHECK(pg.pages == pool.used);
	paging_destroy(&pg);
	CHECK(pool.used == 0);
	CHECK(pg.pages == 0);
}

/* Revoked: nothing translates, one flush of all; restored: all as before. */
static void revoke_and_restore(void)
{
	paddr_t pa;
	u32 flags;
	u64 used;
	unsigned int flushes;

	setup(0);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, 0x8000000, PAGING_RW) ==
	      0);
	CHECK(paging_map(&pg, 0x9000000, 0x9000000, PAGE_SIZE,
			 PAGING_RW | PAGING_DEVICE) == 0);
	used = pool.used;
	flushes = host.flush_alls;
	paging_revoke(&pg, true);
	CHECK(host.flush_alls == flushes + 1);
	CHECK(paging_lookup(&pg, 0x40001000, &pa, &flags, NULL) == -ENOENT);
	CHECK(paging_lookup(&pg, 0x9000000, &pa, &flags, NULL) == -ENOENT);
	CHECK(pool.used == used);
	paging_revoke(&pg, false);
	CHECK(host.flush_alls == flushes + 2);
	CHECK(paging_lookup(&pg, 0x40001000, &pa, &flags, NULL) == 0 &&
	      pa == 0x40001000 && flags == PAGING_RW);
	CHECK(paging_lookup(&pg, 0x9000000, &pa, &flags, NULL) == 0 &&
	      flags == (PAGING_RW | PAGING_DEVICE));
	/* revoked tables are still found and freed */
	paging_revoke(&pg, true);
	paging_destroy(&pg);
	CHECK(pool.used == 0);
}

static void level1_root_for_small_ipa(void)
{
	setup(1);
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, GB, PAGING_RW) == 0);
	CHECK(level_of(0x40000000) == 1);
	CHECK(pool.used == 1);
}

static void rejects_misaligned_and_overflow(void)
{
	setup(0);
	CHECK(paging_map(&pg, 0x1000, 0x1800, PAGE_SIZE, PAGING_RW) != 0);
	CHECK(paging_map(&pg, 0x1000, 0x1000, 0x800, PAGING_RW) != 0);
	CHECK(paging_map(&pg, ~0xfffUL, 0, 0x2000, PAGING_RW) != 0);
	CHECK(paging_unmap(&pg, 0x1000, 0x10) != 0);
}

/*
 * Beyond what the tables reach from their root (48 bits from level 0, 39
 * from level 1), an address would alias a low one: refused, nothing mapped.
 */
static void rejects_addresses_beyond_reach(void)
{
	setup(0);
	CHECK(paging_map(&pg, 1UL << 48, 0, PAGE_SIZE, PAGING_RW) == -22);
	CHECK(paging_map(&pg, (1UL << 48) - PAGE_SIZE, 0, 2 * PAGE_SIZE,
			 PAGING_RW) == -22);
	CHECK(paging_map(&pg, (1UL << 63) + 0x40000000, 0x40000000, 2 * MB,
			 PAGING_RW) == -22);
	CHECK(paging_lookup(&pg, 0x40000000, NULL, NULL, NULL) != 0);
	CHECK(paging_unmap(&pg, 1UL << 48, PAGE_SIZE) == -22);
	CHECK(paging_map(&pg, (1UL << 48) - PAGE_SIZE, 0, PAGE_SIZE,
			 PAGING_RW) == 0);
	setup(1);
	CHECK(paging_map(&pg, 1UL << 39, 0, PAGE_SIZE, PAGING_RW) == -22);
	CHECK(paging_map(&pg, (1UL << 39) - PAGE_SIZE, 0, PAGE_SIZE,
			 PAGING_RW) == 0);
}

static void pool_exhaustion_is_an_error(void)
{
	unsigned int i;
	int err = 0;

	setup(0);
	for (i = 0; i < 1000 && !err; i++)
		err = paging_map(&pg, (u64)i * 2 * MB, 0, PAGE_SIZE, PAGING_RW);
	CHECK(err == -12);
}

int main(void)
{
	RUN(uses_1g_blocks);
	RUN(uses_2m_blocks_when_unaligned_to_1g);
	RUN(uses_pages_at_edges);
	RUN(translates_non_identity);
	RUN(keeps_attributes);
	RUN(unmap_splits_1g_block);
	RUN(unmap_splits_down_to_pages);
	RUN(unmap_frees_empty_tables);
	RUN(remap_as_block_frees_tables);
	RUN(give_back_merges_into_blocks);
	RUN(no_merge_of_unlike_pages);
	RUN(destroy_returns_every_page);
	RUN(revoke_and_restore);
	RUN(level1_root_for_small_ipa);
	RUN(rejects_misaligned_and_overflow);
	RUN(rejects_addresses_beyond_reach);
	RUN(pool_exhaustion_is_an_error);
	UNIT_DONE();
}
