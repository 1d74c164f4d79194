// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden-link-ping: Linux's end of the echo protocol
 * (include/warden/echo.h) over a link: of the root cell, or of a Linux
 * cell whose warden.ko offers its links.
 *
 *   warden-link-ping [-e] [-n COUNT] [-t TIMEOUT_MS] [LINK]
 *
 * Opens the link device /dev/warden-link-LINK (LINK is a link name, or a
 * device path if it has a slash; default root-echo), maps its sections,
 * sends COUNT messages (-n, default 1000; 0 runs until the peer stops
 * answering) and waits for each echo by the doorbell, up to TIMEOUT_MS
 * (-t, default 1000).  It checks every word of each echo, then prints the
 * round-trip latency: min, average, max.  The peer is an inmate running
 * the echo protocol, such as echo-demo.bin in the echo-demo cell, or
 * another Linux running warden-link-ping -e.
 *
 * With -e it is the echo side instead: it answers COUNT messages (0: until
 * the peer stops sending), each within TIMEOUT_MS of the last, by copying
 * it into its own section and ringing back; then it prints how many.
 *
 * Exit status: 0 all echoes verified, 1 an echo was wrong, 2 the peer is
 * not there or stopped answering (the output says which state it is in),
 * 3 usage or device errors.
 *
 * When the peer is destroyed, the driver revokes our mappings before the
 * hypervisor wipes the region: the next access raises SIGBUS, which ends
 * the run with status 2 and the peer's state.
 */
/* The comment above and usage() are warden-link-ping(1): scripts/mkman.py. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <warden/cell.h>
#include <warden/echo.h>
#include <warden/ioctl.h>

struct ping {
	int fd;
	struct warden_link_info info;
	volatile struct warden_echo_msg *out;
	const volatile struct warden_echo_msg *in;
	int timeout_ms;
};

struct rtt {
	uint64_t min, max, sum, count;
};

static const char *state_name(int32_t s)
{
	static const char *const names[] = { "created", "loading",   "loaded",
					     "running", "shut down", "failed" };

	if (s >= 0 && s < WARDEN_CELL_NUM_STATES)
		return names[s];
	return "absent";
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The peer's state now, in words. */
static const char *peer_now(struct ping *p)
{
	if (ioctl(p->fd, WARDEN_LINK_INFO, &p->info))
		return "unknown";
	return state_name(p->info.peer_state);
}

/* Map a section of the link; the peer's read-only. */
static volatile void *map_section(struct ping *p, unsigned int side)
{
	uint64_t off = p->info.common_size + side * p->info.section_size;
	int prot = PROT_READ | (side == p->info.side ? PROT_WRITE : 0);
	void *m = mmap(NULL, p->info.section_size, prot, MAP_SHARED, p->fd,
		       (off_t)off);

	return m == MAP_FAILED ? NULL : m;
}

static int open_link(struct ping *p, const char *link)
{
	char path[96];

	if (strchr(link, '/'))
		snprintf(path, sizeof(path), "%s", link);
	else
		snprintf(path, sizeof(path), "/dev/warden-link-%s", link);
	p->fd = open(path, O_RDWR);
	if (p->fd < 0) {
		fprintf(stderr, "warden-link-ping: %s: %s\n", path,
			strerror(errno));
		return 3;
	}
	if (ioctl(p->fd, WARDEN_LINK_INFO, &p->info)) {
		fprintf(stderr, "warden-link-ping: %s: not a link device: %s\n",
			path, strerror(errno));
		return 3;
	}
	p->out = map_section(p, p->info.side);
	p->in = p->out ? map_section(p, 1 - p->info.side) : NULL;
	if (!p->in) {
		fprintf(stderr,
			"warden-link-ping: link \"%.32s\": cannot map it: %s (peer \"%.32s\" is %s)\n",
			p->info.name, strerror(errno), p->info.peer,
			state_name(p->info.peer_state));
		return errno == ENOTCONN ? 2 : 3;
	}
	return 0;
}

/* Wait for the echo of n: doorbells, with a deadline. */
static int wait_echo(struct ping *p, uint32_t n, uint64_t t0)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	uint64_t rings, deadline = t0 + (uint64_t)p->timeout_ms * 1000000u;
	int64_t left;

	while (p->in->seq != n) {
		left = (int64_t)(deadline - now_ns());
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)(left / 1000000) + 1) > 0 &&
		    read(p->fd, &rings, sizeof(rings)) < 0 && errno != EAGAIN)
			return 0;
	}
	return 1;
}

/* One message; 0 echo verified, else the exit status. */
static int once(struct ping *p, uint32_t n, struct rtt *r)
{
	uint64_t t0, dt;

	warden_echo_fill(p->out, n);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	p->out->seq = n;
	t0 = now_ns();
	if (ioctl(p->fd, WARDEN_LINK_RING)) {
		/*
		 * A destroy revokes the mapping first, then refuses rings: a
		 * message written just before the revocation meets the refusal.
		 * Touching the mapping tells the two apart (SIGBUS: revoked).
		 */
		(void)p->in->seq;
		printf("warden-link-ping: ring %u refused: %s (peer \"%.32s\" is %s)\n",
		       n, strerror(errno), p->info.peer, peer_now(p));
		return 2;
	}
	if (!wait_echo(p, n, t0)) {
		printf("warden-link-ping: no echo of message %u within %d ms (peer \"%.32s\" is %s)\n",
		       n, p->timeout_ms, p->info.peer, peer_now(p));
		return 2;
	}
	dt = now_ns() - t0;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (!warden_echo_check(p->in, n)) {
		printf("warden-link-ping: echo of message %u is wrong\n", n);
		return 1;
	}
	if (!r->count || dt < r->min)
		r->min = dt;
	if (dt > r->max)
		r->max = dt;
	r->sum += dt;
	r->count++;
	return 0;
}

static sigjmp_buf revoked;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(revoked, 1);
}

static void report(const struct ping *p, const struct rtt *r, uint32_t sent)
{
	uint64_t avg = r->count ? r->sum / r->count : 0;

	printf("warden-link-ping: link \"%.32s\" to \"%.32s\": %llu of %u echoes verified; round trip min %llu.%03llu us, avg %llu.%03llu us, max %llu.%03llu us\n",
	       p->info.name, p->info.peer, (unsigned long long)r->count, sent,
	       (unsigned long long)(r->min / 1000),
	       (unsigned long long)(r->min % 1000),
	       (unsigned long long)(avg / 1000),
	       (unsigned long long)(avg % 1000),
	       (unsigned long long)(r->max / 1000),
	       (unsigned long long)(r->max % 1000));
}

/* Wait for a message not echoed yet: doorbells, up to the timeout. */
static int wait_message(struct ping *p)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	uint64_t rings,
		deadline = now_ns() + (uint64_t)p->timeout_ms * 1000000u;
	int64_t left;

	while (p->in->seq == p->out->seq) {
		left = (int64_t)(deadline - now_ns());
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)(left / 1000000) + 1) > 0 &&
		    read(p->fd, &rings, sizeof(rings)) < 0 && errno != EAGAIN)
			return 0;
	}
	return 1;
}

/* -e: echo the peer's message back, word for word; 0 or the exit status. */
static int echo_once(struct ping *p)
{
	uint32_t i, seq = p->in->seq, len;

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	len = p->in->len;
	if (len > WARDEN_ECHO_DATA_WORDS)
		len = WARDEN_ECHO_DATA_WORDS; /* the peer's word is no bound */
	for (i = 0; i < len; i++)
		p->out->data[i] = p->in->data[i];
	p->out->len = len;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	p->out->seq = seq;
	if (ioctl(p->fd, WARDEN_LINK_RING)) {
		printf("warden-link-ping: ring back of message %u refused: %s (peer \"%.32s\" is %s)\n",
		       seq, strerror(errno), p->info.peer, peer_now(p));
		return 2;
	}
	return 0;
}

static int echo(struct ping *p, unsigned long count, unsigned long *done)
{
	int ret = 0;

	while (!ret && (!count || *done < count)) {
		if (!wait_message(p)) {
			printf("warden-link-ping: no message within %d ms (peer \"%.32s\" is %s)\n",
			       p->timeout_ms, p->info.peer, peer_now(p));
			return count ? 2 : 0;
		}
		ret = echo_once(p);
		*done += !ret;
	}
	return ret;
}

/* TIMEOUT_MS: a whole positive number, or 0 (a usage error). */
static int parse_ms(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return end != s && !*end && v > 0 && v <= INT_MAX ? (int)v : 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: warden-link-ping [-e] [-n COUNT] [-t TIMEOUT_MS] [LINK]\n");
	return 3;
}

int main(int argc, char **argv)
{
	/* static: they live across the siglongjmp of a revoked mapping */
	static struct ping p = { .timeout_ms = 1000 };
	static struct rtt r;
	static unsigned long count = 1000;
	static unsigned long echoed;
	static uint32_t n;
	const char *link = "root-echo";
	int opt, ret, echo_side = 0;

	while ((opt = getopt(argc, argv, "en:t:")) != -1) {
		if (opt == 'e')
			echo_side = 1;
		else if (opt == 'n')
			count = strtoul(optarg, NULL, 0);
		else if (opt == 't')
			p.timeout_ms = parse_ms(optarg);
		else
			return usage();
	}
	if (optind < argc)
		link = argv[optind++];
	if (optind < argc || p.timeout_ms <= 0)
		return usage();
	ret = open_link(&p, link);
	if (ret)
		return ret;
	if (signal(SIGBUS, on_sigbus) == SIG_ERR) {
		perror("warden-link-ping: signal");
		return 3;
	}
	if (sigsetjmp(revoked, 1)) {
		printf("warden-link-ping: the link was revoked at message %u: peer \"%.32s\" is being destroyed\n",
		       n, p.info.peer);
		if (echo_side)
			printf("warden-link-ping: link \"%.32s\": %lu messages echoed\n",
			       p.info.name, echoed);
		else
			report(&p, &r, n);
		return 2;
	}
	if (echo_side) {
		ret = echo(&p, count, &echoed);
		printf("warden-link-ping: link \"%.32s\" to \"%.32s\": %lu messages echoed\n",
		       p.info.name, p.info.peer, echoed);
		return ret;
	}
	/* the echo side may still hold an old seq: start after it */
	n = p.in->seq;
	for (ret = 0; !ret && (!count || r.count < count);)
		ret = once(&p, ++n, &r);
	report(&p, &r, (uint32_t)(r.count + (ret ? 1 : 0)));
	return ret;
}
