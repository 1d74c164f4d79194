// SPDX-License-Identifier: BSD-2-Clause
/*
 * net-garbage: a peer of a network link (include/warden/net.h) that breaks
 * every rule of the ring, for issue 20's point 4: the other side's Linux
 * must stay up, count the errors and drop the link
 * (configs/qemu-arm64/net-garbage.c: the root's link "root-garbage").
 *
 * It goes round four kinds of garbage, writing only its own output section
 * (the hypervisor lets it write nothing else), and after each it rings the
 * doorbell in a tight loop for GARBAGE_RING_MS:
 *   noise    random words over the whole section, header included;
 *   prod     a header the other side accepts (magic, version, a new
 *            session that acknowledges the other's), then a random
 *            producer index;
 *   entries  such a header, a producer index inside the ring and random
 *            descriptors and lengths in it;
 *   cons     such a header and a random consumer index of the other's ring.
 * Every GARBAGE_REPORT rounds it prints "net-garbage: round N, M rings".
 * The cell's caches are off: every access is a 32-bit word.
 */
#include <inmate/inmate.h>
#include <inmate/link.h>
#include <warden/net.h>

#define GARBAGE_RING_MS 50u
#define GARBAGE_REPORT 20u

#define GARBAGE_W(field) (__builtin_offsetof(struct warden_net_hdr, field) / 4)

static uint64_t garbage_seed;

/* xorshift64: any sequence will do, as long as it is not a valid ring */
static uint32_t garbage_rand(void)
{
	garbage_seed ^= garbage_seed << 13;
	garbage_seed ^= garbage_seed >> 7;
	garbage_seed ^= garbage_seed << 17;
	return (uint32_t)(garbage_seed >> 16);
}

static void garbage_noise(volatile uint32_t *out, uint64_t words)
{
	uint64_t i;

	for (i = 0; i < words; i++)
		out[i] = garbage_rand();
}

static void garbage_u64(volatile uint32_t *out, unsigned int w, uint64_t v)
{
	out[w] = (uint32_t)v;
	out[w + 1] = (uint32_t)(v >> 32);
}

/*
 * A header the other side takes for a new session that acknowledges its
 * own: it empties its ring for it and calls the link up.
 */
static void garbage_header(volatile uint32_t *out, const volatile uint32_t *in)
{
	uint32_t gen;

	do
		gen = garbage_rand();
	while (!gen);
	out[GARBAGE_W(magic)] = 0;
	__asm__ volatile("dmb ish" ::: "memory");
	out[GARBAGE_W(version)] = WARDEN_NET_VERSION;
	out[GARBAGE_W(gen)] = gen;
	out[GARBAGE_W(peer_gen)] = in[GARBAGE_W(gen)];
	garbage_u64(out, GARBAGE_W(prod), 0);
	garbage_u64(out, GARBAGE_W(cons), 0);
	out[GARBAGE_W(tx_kick)] = 1;
	out[GARBAGE_W(rx_kick)] = 1;
	__asm__ volatile("dmb ish" ::: "memory");
	out[GARBAGE_W(magic)] = WARDEN_NET_MAGIC;
}

static void garbage_round(const struct link *l, uint32_t kind)
{
	volatile uint32_t *out = l->out;
	const volatile uint32_t *in = l->in;
	uint64_t ring = l->section_size - WARDEN_NET_RING_OFFSET;
	volatile uint32_t *data = out + WARDEN_NET_RING_OFFSET / 4;

	if (kind == 0) {
		garbage_noise(out, l->section_size / 4);
		return;
	}
	garbage_header(out, in);
	switch (kind) {
	case 1:
		garbage_u64(out, GARBAGE_W(prod),
			    (uint64_t)garbage_rand() << 32 | garbage_rand());
		break;
	case 2:
		garbage_noise(data, ring / 4);
		garbage_u64(out, GARBAGE_W(prod),
			    (garbage_rand() % (ring + 1)) & ~15ULL);
		break;
	default:
		garbage_u64(out, GARBAGE_W(cons),
			    (uint64_t)garbage_rand() << 32 | garbage_rand());
		break;
	}
}

/* Ring in a tight loop for ms milliseconds; how many rings. */
static uint64_t garbage_rings(const struct link *l, uint64_t ms)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(ms * 1000000ull);
	uint64_t n = 0;

	while (timer_now() < end) {
		link_ring(l);
		n++;
	}
	return n;
}

void inmate_main(void)
{
	struct link l;
	uint64_t rings = 0;
	uint32_t round;

	if (link_find("root-garbage", &l) && link_open(0, &l)) {
		printf("net-garbage: no link in the cell's config\n");
		return;
	}
	garbage_seed = timer_now() | 1;
	printf("net-garbage: link \"%s\": %lu bytes of garbage per round, "
	       "rings for %u ms after each\n",
	       l.name, (unsigned long)l.section_size, GARBAGE_RING_MS);
	for (round = 1;; round++) {
		garbage_round(&l, round % 4);
		rings += garbage_rings(&l, GARBAGE_RING_MS);
		if (round % GARBAGE_REPORT == 0)
			printf("net-garbage: round %u, %lu rings\n", round,
			       (unsigned long)rings);
		comm_poll();
	}
}
