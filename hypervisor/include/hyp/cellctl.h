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
/* The cell with this id (0: the root), or NULL if there is none. */
struct cell *cellctl_cell(unsigned int id);
/*
 * Refuse the management call in progress: the message goes to the error
 * page the root reads (and, rate limited, to the console); returns err.
 */
long cellctl_refuse(long err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Hold the management calls off (lock) or let them go on: for a change of
 * the root's stage 2 made from outside them, which must not meet theirs.
 */
void cellctl_hold(bool lock);
/*
 * The root cell calls PSCI SYSTEM_OFF, SYSTEM_RESET or SYSTEM_RESET2
 * (`what`): every inmate cell would end with the machine.  Never silent:
 * each is named on the console with what happens to it.  Returns -EBUSY if
 * the call is refused (WARDEN_SYS_REFUSE_ROOT_RESET and a cell running),
 * else 0: the caller goes ahead.
 */
int cellctl_root_system_call(const char *what);

#endif /* HYP_CELLCTL_H */
