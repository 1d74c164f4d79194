/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SMMUv3 (smmu.c): the devices' DMA through their cells' DMA views.
 * The core sees it through the arch_dma_*() calls of hyp/arch.h.
 */
#ifndef ASM_SMMU_H
#define ASM_SMMU_H

#include <hyp/types.h>

struct cell;

/* Has the system config an SMMU (whether or not it is on yet)? */
bool smmu_present(void);
/* TLB maintenance for the DMA view with this ASID (the cell's id). */
void smmu_flush_va(u16 asid, u64 va);
void smmu_flush_asid(u16 asid);
/* One of the SMMU's SPIs: handle it and return true; else false. */
bool smmu_irq(u32 intid);

#endif /* ASM_SMMU_H */
