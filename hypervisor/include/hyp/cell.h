/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_CELL_H
#define HYP_CELL_H

#include <warden/config.h>
#include <hyp/mmio.h>
#include <hyp/paging.h>
#include <hyp/types.h>

struct cell {
	u32 id;
	char name[WARDEN_CELL_NAME_MAX];
	const struct warden_cell_desc *desc;
	u64 cpu_set; /* CPUs (platform indices) owned */
	struct paging stage2;
	/* SPIs owned, by INTID; SGIs/PPIs follow the CPUs */
	u64 irq_bitmap[1024 / 64];
	struct mmio_table mmio;
};

extern struct cell root_cell;

int cell_init_root(const struct warden_system *sys);
bool cell_owns_irq(const struct cell *cell, u32 intid);
bool cell_owns_cpu(const struct cell *cell, unsigned int cpu);

#endif /* HYP_CELL_H */
