// SPDX-License-Identifier: BSD-2-Clause
/*
 * The comm region: signature check at start-up and the shutdown handshake.
 *
 * The root asks through msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST, each
 * request numbered by msg_seq; the inmate answers in reply_from_cell, then
 * marks which request it answered in reply_seq.  The hypervisor never
 * writes the inmate's half of the page (see cell.h).
 */
#include <inmate/inmate.h>

static volatile int comm_busy;

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
