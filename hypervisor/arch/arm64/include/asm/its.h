/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The root's GICv3 ITS (its.c): the control frame traps, the commands the
 * root queues are checked, and the tables the GIC writes stay in the
 * root's RAM.  Cells get no LPIs.
 */
#ifndef ASM_ITS_H
#define ASM_ITS_H

#include <hyp/types.h>

struct cell;

/* LPIs start at INTID 8192 (IHI 0069 1.2.1). */
#define ITS_FIRST_LPI 8192u

/* GICR_PROPBASER and GICR_PENDBASER in a redistributor's RD_base frame. */
#define GICR_PROPBASER 0x0070u
#define GICR_PENDBASER 0x0078u

/*
 * Take the ITS as Linux set it up, for the root cell (its stage 2 is
 * built, not live yet): 0, or -errno with the reason on the console.  No
 * ITS in the config: nothing to do.
 */
int its_root_init(struct cell *root);
/* The root may use LPIs: the config has an ITS that Linux turned on. */
bool its_root_lpis(void);
/*
 * The root writes GICR_PROPBASER or GICR_PENDBASER (reg) of cpu's
 * redistributor: true if the table it names lies in the root's RAM (and
 * is then kept out of every cell's), false, reported, if not.
 */
bool its_lpi_table_ok(unsigned int cpu, u32 reg, u64 val);
/* 0, or -EBUSY (with the message) if cell's memory holds a table of the ITS. */
int its_cell_check(const struct cell *cell);

#endif /* ASM_ITS_H */
