/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every hook the generic core needs from an architecture, in one place.  An
 * architecture (or the host stand-in of the unit tests) must define each of
 * them: there are no weak defaults, so a missing hook fails the link.
 */
#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#include <hyp/types.h>
#include <hyp/paging.h>

struct cell;
struct per_cpu;
struct mmio_access;

/* --- translation-table descriptors (pure functions) --- */
unsigned int arch_paging_levels(void); /* levels below the root: 0..3 */
unsigned int arch_paging_shift(unsigned int level); /* VA bits below level */
bool arch_paging_block_ok(unsigned int level); /* blocks allowed at level */
u64 arch_pte_table(paddr_t table);
u64 arch_pte_leaf(enum paging_format fmt, unsigned int level, paddr_t pa,
		  u32 flags);
bool arch_pte_valid(u64 pte);
/* The descriptor made invalid (revoke) or valid again, all else kept. */
u64 arch_pte_revoked(u64 pte, bool revoke);
bool arch_pte_is_table(u64 pte, unsigned int level);
paddr_t arch_pte_addr(u64 pte);
u32 arch_pte_flags(enum paging_format fmt, u64 pte);

/* --- TLB and cache maintenance for live tables --- */
/* Make new descriptors visible to the table walkers. */
void arch_paging_publish(const struct paging *pg);
/* Invalidate the TLB entries for va after its descriptor was cleared. */
void arch_paging_flush(const struct paging *pg, u64 va);
/* Invalidate all TLB entries of the table, on every CPU. */
void arch_paging_flush_all(const struct paging *pg);

/* --- console --- */
void arch_console_putc(char c);

/* --- interrupt controller: list registers of the calling CPU --- */
unsigned int arch_gic_num_lrs(void);
/* Bitmap of list registers that hold no interrupt. */
u64 arch_gic_empty_lrs(void);
/*
 * Find vintid in the list registers.  Returns the index or -1; *pending tells
 * whether that entry is still pending (not yet acknowledged by the cell).
 */
int arch_gic_lr_find(u32 vintid, bool *pending);
/* Add pending to the existing entry n (the cell has it active). */
void arch_gic_lr_add_pending(unsigned int n);
/* Write a new pending entry; hw: the cell's deactivation deactivates it. */
void arch_gic_lr_write(unsigned int n, u32 intid, bool hw, u32 source);
/* arch_gic_lr_write() into the lowest empty entry; false if there is none. */
bool arch_gic_lr_add(u32 intid, bool hw, u32 source);
/* Request a maintenance interrupt when the list registers run low. */
void arch_gic_underflow_irq(bool enable);

/* --- cells --- */
/*
 * At create: 0, or a refusal in words (cellctl_refuse()) if the cell's
 * memory holds something the hardware writes for the root (the GICv3
 * ITS's tables).
 */
int arch_cell_memory_check(const struct cell *cell);
/*
 * At disable: true while this CPU holds interrupts for Linux that the
 * physical GIC cannot be given back (virtual LPIs): the call is refused
 * with -EAGAIN, and Linux takes them first.
 */
bool arch_cpu_holds_lpis(struct per_cpu *pc);

#endif /* HYP_ARCH_H */
