/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_CELLCTL_H
#define HYP_CELLCTL_H

#include <hyp/types.h>

struct trap_frame;

/* Set-up at enable: the error message page, read-only for the root. */
int cellctl_init(void);
/* A management hypercall (WARDEN_HC_CELL_*) of the root cell. */
long cellctl_hypercall(u64 fid, struct trap_frame *frame);
/* Physical address of the last failed call's reason (NUL-terminated). */
paddr_t cellctl_errmsg_page(void);
/* Bitmap of the cell ids in use, the root's (0) included. */
u64 cellctl_ids(void);
/* Cells in use, the root included. */
unsigned int cellctl_count(void);

#endif /* HYP_CELLCTL_H */
