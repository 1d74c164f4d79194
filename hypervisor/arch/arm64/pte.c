// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMSAv8-64 descriptors, 4 KiB granule (ARM ARM D8.3).  Pure functions: the
 * host unit tests link this file unchanged.
 *
 * Level n translates VA bits [47 - 9n : 39 - 9n]; blocks exist at levels 1
 * (1 GiB) and 2 (2 MiB), pages at level 3.
 */
#include <hyp/arch.h>

#define PTE_VALID BIT(0)
#define PTE_TYPE_MASK 3UL
#define PTE_TYPE_TABLE 3UL /* levels 0-2 */
#define PTE_TYPE_BLOCK 1UL /* levels 1-2 */
#define PTE_TYPE_PAGE 3UL /* level 3 */
#define PTE_ADDR_MASK 0x0000fffffffff000UL
#define PTE_AF BIT(10)
#define PTE_SH_INNER (3UL << 8)
#define PTE_NG BIT(11) /* stage 1: not global, matched with the ASID */
#define PTE_XN BIT(54)

/* stage 1, EL2 regime (D8.4.3): AP[1] is RES1 with one privilege level */
#define PTE_S1_ATTRIDX(i) ((u64)(i) << 2)
#define PTE_S1_AP1 BIT(6)
#define PTE_S1_RDONLY BIT(7)

/* stage 2 (D8.5.5): MemAttr[3:0] and S2AP */
#define PTE_S2_MEMATTR_MASK (0xfUL << 2)
#define PTE_S2_MEMATTR_NORMAL (0xfUL << 2) /* outer and inner write-back */
#define PTE_S2_MEMATTR_DEVICE (0x1UL << 2) /* Device-nGnRE */
#define PTE_S2_READ BIT(6)
#define PTE_S2_WRITE BIT(7)

#define MAX_LEVEL 3

unsigned int arch_paging_levels(void)
{
	return MAX_LEVEL;
}

unsigned int arch_paging_shift(unsigned int level)
{
	return 39 - 9 * level;
}

bool arch_paging_block_ok(unsigned int level)
{
	return level >= 1 && level <= MAX_LEVEL;
}

u64 arch_pte_table(paddr_t table)
{
	return (table & PTE_ADDR_MASK) | PTE_TYPE_TABLE;
}

static u64 s1_attrs(u32 flags)
{
	u64 v = PTE_S1_AP1;

	if (flags & PAGING_DEVICE)
		v |= PTE_S1_ATTRIDX(1);
	else
		v |= PTE_S1_ATTRIDX(0) | PTE_SH_INNER;
	if (!(flags & PAGING_WRITE))
		v |= PTE_S1_RDONLY;
	return v;
}

static u64 s2_attrs(u32 flags)
{
	u64 v = 0;

	if (flags & PAGING_DEVICE)
		v |= PTE_S2_MEMATTR_DEVICE;
	else
		v |= PTE_S2_MEMATTR_NORMAL | PTE_SH_INNER;
	if (flags & PAGING_READ)
		v |= PTE_S2_READ;
	if (flags & PAGING_WRITE)
		v |= PTE_S2_WRITE;
	return v;
}

u64 arch_pte_leaf(enum paging_format fmt, unsigned int level, paddr_t pa,
		  u32 flags)
{
	u64 v = (pa & PTE_ADDR_MASK) | PTE_AF;

	v |= level == MAX_LEVEL ? PTE_TYPE_PAGE : PTE_TYPE_BLOCK;
	v |= fmt == PAGING_STAGE2 ? s2_attrs(flags) : s1_attrs(flags);
	/*
	 * A DMA view is an SMMU stage 1 whose TLB entries must never match
	 * another cell's streams: each cell's are tagged with its ASID.
	 */
	if (fmt == PAGING_DMA)
		v |= PTE_NG;
	/* never execute from device memory (D8.5.5: speculative fetches) */
	if (!(flags & PAGING_EXEC) || (flags & PAGING_DEVICE))
		v |= PTE_XN;
	return v;
}

bool arch_pte_valid(u64 pte)
{
	return pte & PTE_VALID;
}

u64 arch_pte_revoked(u64 pte, bool revoke)
{
	return revoke ? (pte & ~PTE_VALID) : (pte | PTE_VALID);
}

bool arch_pte_is_table(u64 pte, unsigned int level)
{
	return level < MAX_LEVEL && (pte & PTE_TYPE_MASK) == PTE_TYPE_TABLE;
}

paddr_t arch_pte_addr(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

u32 arch_pte_flags(enum paging_format fmt, u64 pte)
{
	u32 f = 0;

	if (!(pte & PTE_XN))
		f |= PAGING_EXEC;
	if (fmt != PAGING_STAGE2) {
		f |= PAGING_READ;
		if (!(pte & PTE_S1_RDONLY))
			f |= PAGING_WRITE;
		if (pte & PTE_S1_ATTRIDX(7))
			f |= PAGING_DEVICE;
		return f;
	}
	if (pte & PTE_S2_READ)
		f |= PAGING_READ;
	if (pte & PTE_S2_WRITE)
		f |= PAGING_WRITE;
	if ((pte & PTE_S2_MEMATTR_MASK) != PTE_S2_MEMATTR_NORMAL)
		f |= PAGING_DEVICE;
	return f;
}
