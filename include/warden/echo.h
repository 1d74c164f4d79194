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

/*
 * The test pattern of message n, as the pingers send and check it: its
 * length and every word depend on n, so a stale or mixed-up echo shows.
 */
static inline void warden_echo_fill(volatile struct warden_echo_msg *m,
				    uint32_t n)
{
	uint32_t i, len = 1 + n % WARDEN_ECHO_DATA_WORDS;

	for (i = 0; i < len; i++)
		m->data[i] = n * 0x9e3779b9u + i;
	m->len = len;
}

static inline int warden_echo_check(const volatile struct warden_echo_msg *m,
				    uint32_t n)
{
	uint32_t i, len = 1 + n % WARDEN_ECHO_DATA_WORDS;

	if (m->len != len)
		return 0;
	for (i = 0; i < len; i++)
		if (m->data[i] != n * 0x9e3779b9u + i)
			return 0;
	return 1;
}

#endif /* WARDEN_ECHO_H */
