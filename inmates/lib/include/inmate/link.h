/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared-memory links to other cells (docs/links.md): find a link in the
 * comm region, ring the peer, read its state, and take its doorbell.
 *
 * The link's region is mapped by the hypervisor where the config says;
 * this cell may write `common` and `out` and only read `in` (a write there
 * is a fault, and the cell fails).  The MMU is off, so every access goes
 * straight to memory: aligned accesses only, and a barrier (dmb) between
 * writing a message and publishing it.
 */
#ifndef INMATE_LINK_H
#define INMATE_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "gic.h"

struct link {
	unsigned int index; /* in the cell config, for the hypercalls */
	const char *name;
	volatile void *common; /* NULL if the link has no common section */
	volatile void *out; /* this cell's output section */
	const volatile void *in; /* the peer's output section */
	uint64_t common_size;
	uint64_t section_size;
	uint32_t side;
	uint32_t doorbell; /* SPI on which the peer's rings arrive */
};

/* Link `index` of this cell's config; returns 0, or -1 if there is none. */
int link_open(unsigned int index, struct link *link);
/* The link called `name`; returns 0, or -1. */
int link_find(const char *name, struct link *link);
/*
 * Ring the peer: its doorbell SPI goes pending.  Returns 0, or -107
 * (ENOTCONN) if the peer is not there or not running: nothing is queued.
 */
int link_ring(const struct link *link);
/* The peer's state (WARDEN_CELL_*), or -107 (ENOTCONN) if it is not there. */
int link_peer_state(const struct link *link);
/*
 * Take the doorbell on this CPU: `handler` runs for each ring (and for each
 * state change of the peer), with interrupts enabled by the caller.
 */
void link_doorbell_enable(const struct link *link, gic_handler_t handler);

#define LINK_ENOTCONN (-107)

#endif /* INMATE_LINK_H */
