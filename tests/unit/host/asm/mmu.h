/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the arm64 MMU hooks the core calls: tests/unit/host-hyp.c
 * records them.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <hyp/types.h>

struct warden_system;

int mmu_setup_hyp(const struct warden_system *sys, paddr_t base, u64 size);
unsigned int mmu_stage2_root_level(void);
void dcache_clean_range(const void *start, u64 size);
void dcache_inval_range(const void *start, u64 size);

#endif /* ASM_MMU_H */
