/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared-memory links between two cells (config.h, docs/links.md).  A link
 * exists while at least one peer does: the root's from enable, an inmate's
 * from its create.  Peers attach and detach under the management lock; a
 * ring or a state change of either peer (on any CPU) reads the other end
 * under the link's own lock.
 */
#ifndef HYP_LINK_H
#define HYP_LINK_H

#include <warden/cell.h>
#include <warden/config.h>
#include <hyp/types.h>

struct cell;
struct per_cpu;

/* The root's links, mapped into its stage 2: at enable. */
int link_root_init(void);
/* Is the link already there (its other peer exists)? */
bool link_exists(const char *name);
/* The cell's links: found or made, and mapped into its stage 2. */
int link_attach(struct cell *cell);
/* The cell leaves its links: each is wiped, its peer told. */
void link_detach(struct cell *cell);
/* The cell's state changed: ring every running peer. */
void link_notify(struct cell *cell);
/* The cell's links, as an inmate finds them in its comm region. */
void link_comm_fill(const struct cell *cell, struct warden_comm_region *comm);
/* WARDEN_HC_LINK_RING and WARDEN_HC_LINK_STATE. */
long link_hypercall(struct per_cpu *pc, u64 fid, u64 index);

#endif /* HYP_LINK_H */
