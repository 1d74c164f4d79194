/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/percpu.h>
#include <hyp/types.h>

struct per_cpu;

void arch_handle_sync(struct trap_frame *f);
/* Takes a light frame: see lower_sync in vectors.S. */
bool arch_handle_sync_light(struct trap_frame *f, u64 esr);
/* Takes no frame: see lower_irq in vectors.S. */
void arch_handle_irq(void);
void arch_handle_fiq(struct trap_frame *f);
void arch_handle_serror(struct trap_frame *f);
void arch_hyp_fault(struct trap_frame *f) __attribute__((noreturn));

/* PSCI and SMCCC calls of a cell (psci.c); returns the value for x0. */
long psci_handle(struct trap_frame *f, u64 fid);
void gicv3_handle_sgi1r(struct per_cpu *pc, u64 val);

static inline u64 frame_reg(const struct trap_frame *f, unsigned int r)
{
	return r == 31 ? 0 : f->x[r];
}

#endif /* ASM_TRAPS_H */
