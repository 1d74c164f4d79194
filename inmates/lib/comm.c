// SPDX-License-Identifier: BSD-2-Clause
/*
 * The comm region: signature check at start-up and the shutdown handshake.
 *
 * The root asks through msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST; the
 * inmate answers in reply_from_cell.  A request counts as answered once we
 * wrote a reply while it was pending; a new request (msg_to_cell left the
 * request state, or reply_from_cell was cleared) is answered again.
 */
#include <inmate/inmate.h>

static volatile int comm_busy;
static volatile int comm_answered;

volatile struct warden_comm_region *comm_region(void)
{
	return (volatile struct warden_comm_region *)WARDEN_COMM_REGION_IPA;
}

void comm_init(void)
{
	volatile struct warden_comm_region *comm = comm_region();
	const char *sig = WARDEN_COMM_SIGNATURE;
	unsigned int i;

	for (i = 0; i < sizeof(comm->signature); i++) {
		if (comm->signature[i] != sig[i])
			break;
	}
	if (i == sizeof(comm->signature))
		return;
	printf("inmate: error: no comm region at 0x%llx (signature missing), stopping\n",
	       WARDEN_COMM_REGION_IPA);
	psci_system_off();
	cpu_halt();
}

void comm_set_busy(bool busy)
{
	comm_busy = busy;
	dmb(sy);
}

static void comm_reply(uint32_t reply)
{
	volatile struct warden_comm_region *comm = comm_region();

	comm->reply_from_cell = reply;
	comm_answered = 1;
	dsb(sy);
}

enum comm_poll_result comm_poll(void)
{
	volatile struct warden_comm_region *comm = comm_region();
	uint32_t want, reply;
	bool fresh;

	if (comm->msg_to_cell != WARDEN_MSG_SHUTDOWN_REQUEST) {
		comm_answered = 0;
		return COMM_POLL_NONE;
	}
	want = comm_busy ? WARDEN_REPLY_DENIED : WARDEN_REPLY_APPROVED;
	reply = comm->reply_from_cell;
	fresh = !comm_answered || reply == WARDEN_REPLY_NONE;
	/* Rewrite an answer that changed (busy cleared) without a report. */
	if (fresh || reply != want)
		comm_reply(want);
	if (want == WARDEN_REPLY_APPROVED)
		cpu_halt(); /* the hypervisor stops the cell's CPUs */
	return fresh ? COMM_POLL_DENIED : COMM_POLL_NONE;
}
