// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo-demo: answers every message that arrives on its links (the echo
 * protocol, include/warden/echo.h), and reports every change of a peer's
 * state.  Command line:
 *   ping=N        be the client instead: send N messages on link 0 (0:
 *                 without end), check every echo word for word, and
 *                 print the round-trip times; if the peer stops, say so
 *                 and wait for it to come back
 *   fail-after=N  after N echoes, write into the peer's (read-only)
 *                 section: the hypervisor must stop this cell
 */
#include <inmate/inmate.h>
#include <inmate/link.h>
#include <inmate/test.h>
#include <warden/echo.h>

#define ECHO_DEMO_POLL_MS 10
#define ECHO_DEMO_REPORT 1000 /* client: a line every this many messages */

static struct link echo_links[WARDEN_MAX_LINKS];
static unsigned int echo_num_links;
static volatile uint32_t echo_rings;

static void echo_doorbell(uint32_t intid)
{
	(void)intid;
	echo_rings++;
}

static const char *echo_state_name(int s)
{
	static const char *const names[] = { "created", "loading",   "loaded",
					     "running", "shut down", "failed" };

	if (s == LINK_ENOTCONN)
		return "absent";
	if (s >= 0 && s < (int)ARRAY_SIZE(names))
		return names[s];
	return "unknown";
}

/* Print a peer's state when it changed since last time. */
static int echo_watch(const struct link *l, int *last)
{
	int s = link_peer_state(l);

	if (s != *last)
		printf("echo-demo: link \"%s\": peer %s\n", l->name,
		       echo_state_name(s));
	*last = s;
	return s;
}

/* Wait for a doorbell, or at most one poll period. */
static void echo_wait(uint32_t seen)
{
	uint64_t end =
		timer_now() + timer_ns_to_ticks(ECHO_DEMO_POLL_MS * 1000000ull);

	while (echo_rings == seen && timer_now() < end)
		__asm__ volatile("wfe");
}

static void echo_copy(volatile struct warden_echo_msg *to,
		      const volatile struct warden_echo_msg *from)
{
	uint32_t i, len = from->len;

	if (len > WARDEN_ECHO_DATA_WORDS)
		len = WARDEN_ECHO_DATA_WORDS;
	for (i = 0; i < len; i++)
		to->data[i] = from->data[i];
	to->len = len;
}

/* Answer what is new on link i; returns 1 if there was something. */
static int echo_serve(unsigned int i, uint32_t *last_seq)
{
	const volatile struct warden_echo_msg *in = echo_links[i].in;
	volatile struct warden_echo_msg *out = echo_links[i].out;
	uint32_t seq = in->seq;

	if (seq == *last_seq)
		return 0;
	__asm__ volatile("dmb ish" ::: "memory"); /* seq before data */
	echo_copy(out, in);
	__asm__ volatile("dmb ish" ::: "memory"); /* data before seq */
	out->seq = seq;
	*last_seq = seq;
	link_ring(&echo_links[i]);
	return 1;
}

static void echo_server(uint64_t fail_after)
{
	uint32_t last_seq[WARDEN_MAX_LINKS] = { 0 };
	int state[WARDEN_MAX_LINKS];
	uint64_t echoes = 0;
	uint32_t seen;
	unsigned int i;

	for (i = 0; i < echo_num_links; i++) {
		state[i] = -1;
		echo_watch(&echo_links[i], &state[i]);
	}
	for (;;) {
		seen = echo_rings;
		for (i = 0; i < echo_num_links; i++) {
			echoes += (uint64_t)echo_serve(i, &last_seq[i]);
			echo_watch(&echo_links[i], &state[i]);
		}
		if (fail_after && echoes >= fail_after) {
			printf("echo-demo: %lu echoes; now writing into the peer's section\n",
			       echoes);
			*(volatile uint32_t *)echo_links[0].in = 0;
			TEST_CHECK(
				!"the write to the peer's section went through");
			fail_after = 0;
		}
		comm_poll();
		echo_wait(seen);
	}
}

struct echo_rtt {
	uint64_t min, max, sum, count;
};

static void echo_rtt_add(struct echo_rtt *r, uint64_t ticks)
{
	if (!r->count || ticks < r->min)
		r->min = ticks;
	if (ticks > r->max)
		r->max = ticks;
	r->sum += ticks;
	r->count++;
}

/* Until the peer runs; prints each state it passes through. */
static void echo_wait_peer(const struct link *l, int *state)
{
	while (echo_watch(l, state) != WARDEN_CELL_RUNNING) {
		comm_poll();
		echo_wait(echo_rings);
	}
}

/* Send message n and wait for its echo; 0: the peer went away. */
static int echo_once(const struct link *l, uint32_t n, struct echo_rtt *rtt)
{
	volatile struct warden_echo_msg *out = l->out;
	const volatile struct warden_echo_msg *in = l->in;
	uint64_t t0, limit = timer_freq();
	uint32_t seen;

	warden_echo_fill(out, n);
	__asm__ volatile("dmb ish" ::: "memory");
	out->seq = n;
	t0 = timer_now();
	if (link_ring(l))
		return 0;
	while (in->seq != n) {
		seen = echo_rings;
		if (timer_now() - t0 > limit)
			return 0;
		if (in->seq != n)
			echo_wait(seen);
	}
	echo_rtt_add(rtt, timer_now() - t0);
	__asm__ volatile("dmb ish" ::: "memory");
	TEST_CHECK(warden_echo_check(in, n));
	return 1;
}

static void echo_report(const struct echo_rtt *r, uint32_t sent)
{
	printf("echo-client: %lu of %u echoes verified; round trip min %lu ns, avg %lu ns, max %lu ns\n",
	       r->count, sent, timer_ticks_to_ns(r->min),
	       timer_ticks_to_ns(r->count ? r->sum / r->count : 0),
	       timer_ticks_to_ns(r->max));
}

static void echo_client(uint64_t count)
{
	const struct link *l = &echo_links[0];
	struct echo_rtt rtt = { 0 };
	int state = -1;
	uint32_t n = 0;

	echo_wait_peer(l, &state);
	while (!count || n < count) {
		comm_poll();
		if (echo_once(l, ++n, &rtt)) {
			if (n % ECHO_DEMO_REPORT == 0)
				echo_report(&rtt, n);
			continue;
		}
		printf("echo-client: no echo of message %u\n", n);
		echo_report(&rtt, n - 1);
		echo_wait_peer(l, &state);
		printf("echo-client: peer back; going on\n");
	}
	echo_report(&rtt, n);
	printf("echo-client: done\n");
	for (;;) {
		comm_poll();
		echo_wait(echo_rings);
		echo_watch(l, &state);
	}
}

void inmate_main(void)
{
	uint64_t ping = 0, fail_after = 0;
	bool client = cmdline_get_uint("ping", &ping);

	cmdline_get_uint("fail-after", &fail_after);
	if (gic_init())
		return;
	while (echo_num_links < WARDEN_MAX_LINKS &&
	       !link_open(echo_num_links, &echo_links[echo_num_links])) {
		printf("echo-demo: link \"%s\", side %u, doorbell SPI %u\n",
		       echo_links[echo_num_links].name,
		       echo_links[echo_num_links].side,
		       echo_links[echo_num_links].doorbell);
		link_doorbell_enable(&echo_links[echo_num_links],
				     echo_doorbell);
		echo_num_links++;
	}
	if (!echo_num_links) {
		printf("echo-demo: no links in the config\n");
		return;
	}
	timer_event_stream_enable();
	cpu_irq_enable();
	if (client)
		echo_client(ping);
	else
		echo_server(fail_after);
}
