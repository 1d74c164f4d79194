/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The comm region (struct warden_comm_region) that the hypervisor maps at
 * WARDEN_COMM_REGION_IPA: platform facts and the root's shutdown request.
 */
#ifndef INMATE_COMM_H
#define INMATE_COMM_H

#include <stdbool.h>

#include <warden/cell.h>

/* What comm_poll() did. */
enum comm_poll_result {
	COMM_POLL_NONE, /* nothing pending, or already answered */
	COMM_POLL_DENIED, /* refused a shutdown request (busy) */
};

volatile struct warden_comm_region *comm_region(void);
/*
 * Answer a pending shutdown request: DENIED while busy, else APPROVED, and
 * then idle this CPU for good (the hypervisor stops the cell).
 */
enum comm_poll_result comm_poll(void);
void comm_set_busy(bool busy);

#endif /* INMATE_COMM_H */
