// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic translation-table builder.  Levels, blocks and tables are handled
 * here; descriptor bits come from arch_pte_*().  Changes to live tables follow
 * break-before-make (ARM ARM D8.14.1): a valid descriptor is cleared and its
 * TLB entries invalidated before a different one is written.
 */
#include <hyp/arch.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/pool.h>

#define PTES_PER_TABLE 512
#define PTE_INDEX_BITS 9 /* log2(PTES_PER_TABLE) */

static inline u64 level_size(unsigned int level)
{
	return 1UL << arch_paging_shift(level);
}

static inline unsigned int pte_index(u64 va, unsigned int level)
{
	return (unsigned int)((va >> arch_paging_shift(level)) &
			      (PTES_PER_TABLE - 1));
}

static inline u64 *table_of(u64 pte)
{
	return (u64 *)(uintptr_t)arch_pte_addr(pte);
}

/* A table page from the pool, counted in pg->pages (cell status pages). */
static u64 *table_alloc(struct paging *pg)
{
	u64 *t = pool_alloc(pg->pool);

	if (t != NULL)
		pg->pages++;
	return t;
}

static void table_free(struct paging *pg, u64 *t)
{
	pool_free(pg->pool, t);
	pg->pages--;
}

int paging_init(struct paging *pg, struct pool *pool, enum paging_format fmt,
		unsigned int root_level)
{
	if (root_level > arch_paging_levels())
		return -EINVAL;
	pg->pool = pool;
	pg->fmt = fmt;
	pg->root_level = root_level;
	pg->live = false;
	pg->vmid = 0;
	pg->mirror = NULL;
	pg->pages = 0;
	pg->root = table_alloc(pg);
	return pg->root ? 0 : -ENOMEM;
}

/* Replace a valid descriptor: break, flush, make. */
static void pte_replace(struct paging *pg, u64 *pte, u64 val, u64 va)
{
	if (pg->live && arch_pte_valid(*pte)) {
		WRITE_ONCE(*pte, 0);
		arch_paging_flush(pg, va);
	}
	WRITE_ONCE(*pte, val);
}

/*
 * Turn the block at *pte (covering va's block at `level`) into a table of
 * next-level entries with the same output and attributes.
 */
static int split_block(struct paging *pg, u64 *pte, unsigned int level, u64 va)
{
	u64 *table = table_alloc(pg);
	paddr_t pa = arch_pte_addr(*pte);
	u32 flags = arch_pte_flags(pg->fmt, *pte);
	u64 step = level_size(level + 1);
	unsigned int i;

	if (!table)
		return -ENOMEM;
	for (i = 0; i < PTES_PER_TABLE; i++)
		table[i] =
			arch_pte_leaf(pg->fmt, level + 1, pa + i * step, flags);
	arch_paging_publish(pg);
	pte_replace(pg, pte, arch_pte_table((paddr_t)(uintptr_t)table),
		    va & ~(level_size(level) - 1));
	return 0;
}

/* The next-level table under *pte, created or split out of a block. */
static u64 *next_table(struct paging *pg, u64 *pte, unsigned int level, u64 va,
		       bool create)
{
	int err;

	if (arch_pte_is_table(*pte, level))
		return table_of(*pte);
	if (!create)
		return NULL;
	if (arch_pte_valid(*pte)) {
		err = split_block(pg, pte, level, va);
		return err ? NULL : table_of(*pte);
	}
	u64 *table = table_alloc(pg);

	if (!table)
		return NULL;
	arch_paging_publish(pg);
	WRITE_ONCE(*pte, arch_pte_table((paddr_t)(uintptr_t)table));
	return table;
}

static int map_range(struct paging *pg, u64 va, paddr_t pa, u64 size,
		     u32 flags);

static bool block_fits(unsigned int level, u64 va, paddr_t pa, u64 left)
{
	u64 sz = level_size(level);

	return arch_paging_block_ok(level) && IS_ALIGNED(va, sz) &&
	       IS_ALIGNED(pa, sz) && left >= sz;
}

/*
 * If the table under *pte (at `level`) maps one contiguous, block-aligned
 * range with one set of attributes, replace it by a block and free it.  So
 * a range unmapped (which split a block) and mapped back costs no table:
 * giving a cell's memory back to the root leaves the pool as it was.
 */
static bool merge_table(struct paging *pg, u64 *pte, unsigned int level, u64 va)
{
	u64 *t, step = level_size(level + 1);
	paddr_t pa0;
	u32 f0;
	unsigned int i;

	if (!arch_pte_is_table(*pte, level) || !arch_paging_block_ok(level))
		return false;
	t = table_of(*pte);
	if (!arch_pte_valid(t[0]) || arch_pte_is_table(t[0], level + 1))
		return false;
	pa0 = arch_pte_addr(t[0]);
	f0 = arch_pte_flags(pg->fmt, t[0]);
	if (!IS_ALIGNED(pa0, level_size(level)))
		return false;
	for (i = 1; i < PTES_PER_TABLE; i++)
		if (!arch_pte_valid(t[i]) ||
		    arch_pte_is_table(t[i], level + 1) ||
		    arch_pte_addr(t[i]) != pa0 + i * step ||
		    arch_pte_flags(pg->fmt, t[i]) != f0)
			return false;
	pte_replace(pg, pte, arch_pte_leaf(pg->fmt, level, pa0, f0),
		    va & ~(level_size(level) - 1));
	table_free(pg, t);
	return true;
}

/* Merge the tables on the walk to va, deepest first, as far as they go. */
static void merge_path(struct paging *pg, u64 va)
{
	u64 *path[8];
	unsigned int level = pg->root_level;
	u64 *table = pg->root;

	for (;;) {
		u64 *pte = &table[pte_index(va, level)];

		path[level] = pte;
		if (!arch_pte_is_table(*pte, level))
			break;
		table = table_of(*pte);
		level++;
	}
	while (level-- > pg->root_level)
		if (!merge_table(pg, path[level], level, va))
			break;
}

static int map_merge(struct paging *pg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	u64 start = va, end = va + size;
	int err;

	err = map_range(pg, va, pa, size, flags);
	if (err || !size)
		return err;
	/* only the ends of a range can sit in partly used tables */
	merge_path(pg, start);
	merge_path(pg, end - 1);
	arch_paging_publish(pg);
	return 0;
}

int paging_map(struct paging *pg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	int err = map_merge(pg, va, pa, size, flags);

	if (!err && pg->mirror && !(flags & PAGING_DEVICE))
		err = map_merge(pg->mirror, va, pa, size, flags & ~PAGING_EXEC);
	return err;
}

/*
 * Does [va, va + size) lie within what the tables reach from their root?
 * An address beyond would have its high bits dropped by the index and
 * alias a low one.
 */
static bool in_reach(const struct paging *pg, u64 va, u64 size)
{
	unsigned int bits = arch_paging_shift(pg->root_level) + PTE_INDEX_BITS;

	return size == 0 || bits >= 64 || ((va + size - 1) >> bits) == 0;
}

static int map_range(struct paging *pg, u64 va, paddr_t pa, u64 size, u32 flags)
{
	u64 end = va + size;

	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || end < va ||
	    !in_reach(pg, va, size))
		return -EINVAL;
	while (va < end) {
		unsigned int level = pg->root_level;
		u64 *table = pg->root;
		u64 *pte;

		for (;;) {
			pte = &table[pte_index(va, level)];
			if (block_fits(level, va, pa, end - va))
				break;
			table = next_table(pg, pte, level, va, true);
			if (!table)
				return -ENOMEM;
			level++;
		}
		if (arch_pte_is_table(*pte, level)) {
			/* a finer mapping exists: replace it by the block */
			u64 *old = table_of(*pte);

			pte_replace(pg, pte, 0, va);
			paging_destroy(
				&(struct paging){ .root = old,
						  .root_level = level + 1,
						  .pool = pg->pool });
		}
		pte_replace(pg, pte, arch_pte_leaf(pg->fmt, level, pa, flags),
			    va);
		va += level_size(level);
		pa += level_size(level);
	}
	arch_paging_publish(pg);
	return 0;
}

static bool table_empty(const u64 *table)
{
	unsigned int i;

	for (i = 0; i < PTES_PER_TABLE; i++)
		if (arch_pte_valid(table[i]))
			return false;
	return true;
}

/*
 * Clear one entry covering va at the deepest level needed and free tables
 * that become empty on the way back up.  Returns the bytes handled.
 */
static int unmap_one(struct paging *pg, u64 va, u64 end, u64 *done)
{
	u64 *path[8];
	unsigned int level = pg->root_level, top = pg->root_level;
	u64 *table = pg->root, *pte;

	for (;;) {
		pte = &table[pte_index(va, level)];
		path[level] = pte;
		if (!arch_pte_valid(*pte)) {
			*done = level_size(level) -
				(va & (level_size(level) - 1));
			return 0;
		}
		if (!arch_pte_is_table(*pte, level) &&
		    IS_ALIGNED(va, level_size(level)) &&
		    end - va >= level_size(level))
			break;
		/* a table, or a block only partly unmapped: go down */
		table = next_table(pg, pte, level, va, true);
		if (!table)
			return -ENOMEM;
		level++;
	}
	pte_replace(pg, pte, 0, va);
	*done = level_size(level);
	/* free tables left empty, bottom up */
	while (level > top) {
		u64 *parent = path[level - 1];
		u64 *child = table_of(*parent);

		if (!table_empty(child))
			break;
		pte_replace(pg, parent, 0, va);
		table_free(pg, child);
		level--;
	}
	return 0;
}

static int unmap_range(struct paging *pg, u64 va, u64 size)
{
	u64 end = va + size, done;
	int err;

	if (!IS_ALIGNED(va | size, PAGE_SIZE) || end < va ||
	    !in_reach(pg, va, size))
		return -EINVAL;
	while (va < end) {
		err = unmap_one(pg, va, end, &done);
		if (err)
			return err;
		if (va + done < va)
			break;
		va += done;
	}
	arch_paging_publish(pg);
	return 0;
}

int paging_unmap(struct paging *pg, u64 va, u64 size)
{
	int err = unmap_range(pg, va, size);

	if (!err && pg->mirror)
		err = unmap_range(pg->mirror, va, size);
	return err;
}

/* The leaf descriptor that maps va, and its level; NULL if unmapped. */
static u64 *leaf_of(const struct paging *pg, u64 va, unsigned int *level)
{
	unsigned int l = pg->root_level;
	u64 *table = pg->root;
	u64 *pte;

	for (;;) {
		pte = &table[pte_index(va, l)];
		if (!arch_pte_valid(*pte))
			return NULL;
		if (!arch_pte_is_table(*pte, l)) {
			*level = l;
			return pte;
		}
		table = table_of(*pte);
		l++;
	}
}

/*
 * Change the access rights of pages already mapped one by one (level-3
 * descriptors), in place: only the permission bits change, which the
 * architecture allows without break-before-make (ARM ARM D8.14.1), so
 * other CPUs never see the pages unmapped.  Not the mirror's.
 */
int paging_protect(struct paging *pg, u64 va, u64 size, u32 flags)
{
	u64 end = va + size;
	unsigned int level;
	paddr_t pa;
	u64 *pte;

	for (; va < end; va += PAGE_SIZE) {
		pte = leaf_of(pg, va, &level);
		if (!pte || level != arch_paging_levels())
			return -EINVAL;
		pa = arch_pte_addr(*pte);
		WRITE_ONCE(*pte, arch_pte_leaf(pg->fmt, level, pa, flags));
		if (pg->live)
			arch_paging_flush(pg, va);
	}
	return 0;
}

int paging_lookup(const struct paging *pg, u64 va, paddr_t *pa, u32 *flags,
		  unsigned int *level_out)
{
	unsigned int level;
	const u64 *pte = leaf_of(pg, va, &level);

	if (!pte)
		return -ENOENT;
	if (pa)
		*pa = arch_pte_addr(*pte) + (va & (level_size(level) - 1));
	if (flags)
		*flags = arch_pte_flags(pg->fmt, *pte);
	if (level_out)
		*level_out = level;
	return 0;
}

/*
 * Take every translation of the table away at once, or give it back.  Only
 * the valid bits of the root's entries change: the tables below stay as
 * they are, for the restore or for paging_destroy(), which frees them
 * either way.  A CPU that runs on
 * the table takes a translation fault at its next access, fetches
 * included, once the TLB invalidation has completed.
 */
void paging_revoke(struct paging *pg, bool revoke)
{
	unsigned int i;

	for (i = 0u; i < (unsigned int)PTES_PER_TABLE; i++)
		if (pg->root[i] != 0u)
			pg->root[i] = arch_pte_revoked(pg->root[i], revoke);
	arch_paging_flush_all(pg);
}

/* Iterative post-order walk: free every table below and including root. */
void paging_destroy(struct paging *pg)
{
	u64 *tables[8];
	unsigned int idx[8];
	unsigned int depth = 0, base = pg->root_level;

	if (!pg->root)
		return;
	tables[0] = pg->root;
	idx[0] = 0;
	while (1) {
		u64 *t = tables[depth];

		if (idx[depth] < PTES_PER_TABLE) {
			u64 pte = t[idx[depth]++];

			/* a revoked root entry still holds its table */
			if ((depth == 0u) && (pte != 0u))
				pte = arch_pte_revoked(pte, false);
			if (arch_pte_is_table(pte, base + depth)) {
				depth++;
				tables[depth] = table_of(pte);
				idx[depth] = 0;
			}
			continue;
		}
		table_free(pg, t);
		if (depth == 0)
			break;
		depth--;
	}
	pg->root = NULL;
}
