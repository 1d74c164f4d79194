/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <hyp/types.h>

/*
 * Register values with which each CPU turns on its EL2 MMU.  Written by the
 * first CPU with the MMU off, read by later CPUs with the MMU off, so they
 * always live in memory, never only in a cache.
 */
struct mmu_boot_params {
	u64 mair, tcr, ttbr0, sctlr;
};

extern struct mmu_boot_params mmu_boot;

struct cell;
struct warden_system;

int mmu_setup_hyp(const struct warden_system *sys, paddr_t base, u64 size);
unsigned int mmu_stage2_root_level(void);
u64 mmu_vtcr(void);
/* Clean or invalidate [start, start + size) to the point of coherency. */
void dcache_clean_range(const void *start, u64 size);
void dcache_inval_range(const void *start, u64 size);
/* Zero [start, start + size) of Normal memory, mapped (zero.c). */
void zero_normal(uintptr_t start, u64 size);

#endif /* ASM_MMU_H */
