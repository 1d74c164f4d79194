// SPDX-License-Identifier: BSD-2-Clause
/*
 * The comm region (platform_comm_region(): the hypervisor's, or the one
 * bare metal builds) and the shutdown handshake.
 *
 * The root asks through msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST, each
 * request numbered by msg_seq; the inmate answers in reply_from_cell, then
 * marks which request it answered in reply_seq.  The hypervisor never
 * writes the inmate's half of the page (see cell.h).
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>

static volatile int comm_busy;

volatile struct warden_comm_region *comm_region(void)
{
	return platform_comm_region();
}

void comm_set_busy(bool busy)
{
	comm_busy = busy;
	dmb(sy);
}

static void comm_reply(uint32_t seq, uint32_t reply)
{
	volatile struct warden_comm_region *comm = comm_region();

	comm->reply_from_cell = reply;
	/* the reply is in memory before its number says it is there */
	dsb(sy);
	comm->reply_seq = seq;
	dsb(sy);
}

enum comm_poll_result comm_poll(void)
{
	volatile struct warden_comm_region *comm = comm_region();
	uint32_t want, seq;

	if (comm->msg_to_cell != WARDEN_MSG_SHUTDOWN_REQUEST)
		return COMM_POLL_NONE;
	seq = comm->msg_seq;
	if (comm->reply_seq == seq)
		return COMM_POLL_NONE; /* answered already */
	want = comm_busy ? WARDEN_REPLY_DENIED : WARDEN_REPLY_APPROVED;
	comm_reply(seq, want);
	if (want == WARDEN_REPLY_APPROVED)
		cpu_halt(); /* the hypervisor stops the cell's CPUs */
	return COMM_POLL_DENIED;
}
