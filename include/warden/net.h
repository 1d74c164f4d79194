/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The network interface over a link (config.h: WARDEN_LINK_NET;
 * docs/links.md, "Network links").  Each side owns its output section and
 * only reads the peer's, so every field below is written by one side only.
 * A section holds:
 *
 *   offset 0                    struct warden_net_hdr
 *   WARDEN_NET_RING_OFFSET      the side's transmit ring, up to the end of
 *                               the section: ring_size bytes, a multiple of 16
 *
 * The ring carries Ethernet frames from its side to the other.  Entries are
 * 16-byte aligned and never wrap: an entry is a struct warden_net_desc,
 * then len bytes of frame, padded to 16.  A desc with WARDEN_NET_DESC_WRAP says
 * that the rest of the ring is unused and the next entry is at offset 0.
 * prod (the writer's) and cons (the reader's, in the reader's own header)
 * count bytes since the session began and never wrap (64 bits); an entry
 * starts at prod % ring_size.  A writer publishes an entry by advancing
 * prod after writing it; a reader frees it by advancing cons.
 *
 * Doorbells say "look at the link".  A reader sets rx_kick before it goes
 * idle and a writer rings only if the peer's rx_kick is set; a writer with
 * a full ring sets tx_kick and the reader rings when it has freed space.
 *
 * Sessions: a side that starts (its interface goes up) writes its header
 * with magic last and a new non-zero gen, and rings.  A side that sees a
 * peer gen it has not acknowledged empties its own ring (prod = cons = 0),
 * then writes peer_gen = that gen.  The link is up while each side's
 * peer_gen is the other's gen; only then are rings read or written.  A side
 * going down clears its magic.  The hypervisor wipes the region when a
 * peer is destroyed, which reads as "down".
 *
 * The reader trusts nothing here: each index, desc and length is checked
 * before use, and a peer that breaks a rule loses the link (docs/links.md).
 */
#ifndef WARDEN_NET_H
#define WARDEN_NET_H

#include "types.h"

#define WARDEN_NET_MAGIC 0x54454e57u /* "WNET" */
#define WARDEN_NET_VERSION 1u
#define WARDEN_NET_RING_OFFSET 256u
/* the largest MTU (a frame adds the Ethernet header and a VLAN tag) */
#define WARDEN_NET_MAX_MTU 65536u
#define WARDEN_NET_DESC_WRAP (1u << 0)
/* csum_start and csum_offset are set: the checksum is left to compute */
#define WARDEN_NET_DESC_CSUM (1u << 1)

struct warden_net_hdr {
	uint32_t magic; /* WARDEN_NET_MAGIC while the side is up, else 0 */
	uint32_t version; /* WARDEN_NET_VERSION */
	uint32_t gen; /* this side's session, non-zero */
	uint32_t peer_gen; /* the peer's session this side has emptied for */
	uint8_t pad0[48];
	/* the writer's line */
	uint64_t prod; /* bytes written into this side's ring */
	uint32_t tx_kick; /* non-zero: ring me when you freed ring space */
	uint8_t pad1[52];
	/* the reader's line */
	uint64_t cons; /* bytes read from the peer's ring */
	uint32_t rx_kick; /* non-zero: ring me when you wrote an entry */
	uint8_t pad2[52];
};
/* naturally aligned, no padding: the same layout for every compiler */
_Static_assert(sizeof(struct warden_net_hdr) == 192, "ABI size");
_Static_assert(__builtin_offsetof(struct warden_net_hdr, prod) == 64 &&
		       __builtin_offsetof(struct warden_net_hdr, cons) == 128,
	       "ABI layout");

struct warden_net_desc {
	uint32_t len; /* frame bytes that follow; 0 with WARDEN_NET_DESC_WRAP */
	uint32_t flags; /* WARDEN_NET_DESC_* */
	uint16_t csum_start; /* from the frame's start (DESC_CSUM) */
	uint16_t csum_offset; /* from csum_start, where the sum goes */
	uint32_t reserved;
};
_Static_assert(sizeof(struct warden_net_desc) == 16, "ABI size");

/* The ring space an entry of a len-byte frame takes. */
static inline uint64_t warden_net_entry(uint32_t len)
{
	return sizeof(struct warden_net_desc) + (((uint64_t)len + 15) & ~15ULL);
}

#endif /* WARDEN_NET_H */
