/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Translation-table builder, generic over the two formats the hypervisor
 * owns: its own EL2 stage-1 tables and the cells' stage-2 tables.  The
 * descriptor encodings live in the architecture (arch_pte_*); this file only
 * knows levels, blocks and tables.  No recursion: walks are iterative with
 * a fixed maximum depth.
 */
#ifndef HYP_PAGING_H
#define HYP_PAGING_H

#include <hyp/types.h>

struct pool;

/* Access rights and memory type of a mapping, independent of the format. */
#define PAGING_READ 0x01u
#define PAGING_WRITE 0x02u
#define PAGING_EXEC 0x04u
#define PAGING_DEVICE 0x08u /* Device-nGnRE; else Normal write-back */
#define PAGING_RW (PAGING_READ | PAGING_WRITE)

enum paging_format {
	PAGING_HYP, /* EL2 stage 1 */
	PAGING_STAGE2, /* EL1&0 stage 2 */
	PAGING_DMA, /* a cell's DMA view: the IOMMU's stage 1, non-global */
};

struct paging {
	u64 *root;
	unsigned int root_level;
	enum paging_format fmt;
	u16 vmid; /* stage 2: VMID; DMA: ASID; for TLB maintenance */
	bool live; /* in use by a CPU: changes need break-before-make */
	u32 pages; /* table pages in use, the root table included */
	struct pool *pool;
	/*
	 * Tables kept equal to these for memory (mappings without
	 * PAGING_DEVICE), never executable: a cell's DMA view beside its
	 * stage 2.  Maps and unmaps go to both; revoke does not.
	 */
	struct paging *mirror;
};

int paging_init(struct paging *pg, struct pool *pool, enum paging_format fmt,
		unsigned int root_level);
/* Map [va, va+size) to [pa, pa+size); uses the largest blocks that fit. */
int paging_map(struct paging *pg, u64 va, paddr_t pa, u64 size, u32 flags);
/* Remove [va, va+size), splitting blocks as needed; frees empty tables. */
int paging_unmap(struct paging *pg, u64 va, u64 size);
/*
 * Invalidate every translation of a live table at once (revoke), or make
 * them valid again: a CPU that ignores its stop kick faults out of it.
 */
void paging_revoke(struct paging *pg, bool revoke);
/*
 * New access rights for [va, va+size), mapped page by page already: in
 * place, without break-before-make; -EINVAL where a page is unmapped or
 * inside a block.  The mirror keeps its own.
 */
int paging_protect(struct paging *pg, u64 va, u64 size, u32 flags);
/* Translate va; returns -ENOENT when unmapped. */
int paging_lookup(const struct paging *pg, u64 va, paddr_t *pa, u32 *flags,
		  unsigned int *level);
/* Free every table page, including the root. */
void paging_destroy(struct paging *pg);

#endif /* HYP_PAGING_H */
