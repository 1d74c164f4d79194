/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The echo protocol of inmates/demos/echo-demo.c and tools/link-ping.c over
 * a link (config.h): each side's output section starts with one message.
 * A sender writes len and data, then (after a barrier) seq, and rings.  The
 * echo side copies len and data into its own section, then seq, and rings
 * back.  Both may run with caches off: every field is an aligned word.
 */
#ifndef WARDEN_ECHO_H
#define WARDEN_ECHO_H

#include "types.h"

#define WARDEN_ECHO_DATA_WORDS 62

struct warden_echo_msg {
	uint32_t seq; /* number of the message; 0: none yet */
	uint32_t len; /* words of data used */
	uint32_t data[WARDEN_ECHO_DATA_WORDS];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_echo_msg) == 256, "ABI size");

#endif /* WARDEN_ECHO_H */
