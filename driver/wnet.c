// SPDX-License-Identifier: GPL-2.0-only
/*
 * A network interface over a link (WARDEN_LINK_NET): wnet<N>, an Ethernet
 * device whose frames travel through the link's two output sections, in
 * the ring format of include/warden/net.h (docs/links.md, "Network
 * links").  It works the same in the root and in a Linux cell: the link's
 * region is mapped cacheable (both ends are Linux with caches on), frames
 * are copied into the own ring on transmit and out of the peer's on
 * receive, and the doorbell schedules NAPI.
 *
 * The peer is not trusted.  Its header and ring are read once per field,
 * and every index, descriptor and length is checked before use.  A peer
 * that breaks a rule loses the link: rx_errors counts it, a rate-limited
 * message says why, and the session it broke is never accepted again.
 * While the link is down, a doorbell masks itself and the link is looked
 * at ten times a second instead, so a peer that rings in a loop costs
 * nothing.  Its own section is the only memory this side writes.
 *
 * Locking: transmit runs under the queue's lock; NAPI does the rest, and
 * takes that lock to change the session (w->up, the own ring).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/timer.h>

#include <warden/net.h>

#include "hvc.h"
#include "warden.h"

/* frame bytes copied into an skb's head; the rest goes into page frags */
#define WNET_HEAD 256
/* how often the session is looked at without a doorbell */
#define WNET_WATCH_DOWN (HZ / 10)
#define WNET_WATCH_UP HZ

struct wnet {
	struct net_device *ndev;
	struct napi_struct napi;
	struct timer_list watch;
	struct warden_link cfg; /* phys_start: where this Linux maps it */
	unsigned int index; /* the hypercalls' x1 */
	int irq;
	void *base;
	struct warden_net_hdr *me;
	const struct warden_net_hdr *peer;
	u8 *tx;
	const u8 *rx;
	u64 ring; /* bytes in each ring */
	u32 max_frame; /* the largest frame either side may send */
	u32 gen; /* this side's session */
	u32 bad_gen; /* the peer's session that broke the rules */
	bool up; /* the session: under the queue's lock */
	bool version_told;
	unsigned long irq_off; /* bit 0: the doorbell is masked (link down) */
	u64 prod; /* the own ring: bytes written (the queue's lock) */
	u64 cons; /* the peer's ring: bytes read (NAPI) */
};

static void wnet_ring(struct wnet *w)
{
	hvc_call(WARDEN_HC_LINK_RING, w->index, 0, 0, 0);
}

/* ---- the session ------------------------------------------------------ */

/* A new session of this side: empty ring, magic last (net.h). */
static void wnet_hello(struct wnet *w)
{
	struct warden_net_hdr *h = w->me;
	u32 gen;

	do
		gen = get_random_u32();
	while (!gen || gen == w->gen);
	WRITE_ONCE(h->magic, 0);
	smp_wmb();
	w->gen = gen;
	w->prod = 0;
	w->cons = 0;
	WRITE_ONCE(h->version, WARDEN_NET_VERSION);
	WRITE_ONCE(h->gen, gen);
	WRITE_ONCE(h->peer_gen, 0);
	WRITE_ONCE(h->prod, 0);
	WRITE_ONCE(h->tx_kick, 0);
	WRITE_ONCE(h->cons, 0);
	WRITE_ONCE(h->rx_kick, 1);
	smp_wmb();
	WRITE_ONCE(h->magic, WARDEN_NET_MAGIC);
}

/* The peer began session pgen: empty both directions, then say so. */
static void wnet_accept(struct wnet *w, u32 pgen)
{
	w->prod = 0;
	w->cons = 0;
	WRITE_ONCE(w->me->prod, 0);
	WRITE_ONCE(w->me->cons, 0);
	WRITE_ONCE(w->me->tx_kick, 0);
	smp_wmb();
	WRITE_ONCE(w->me->peer_gen, pgen);
}

static void wnet_set_up(struct wnet *w, bool up)
{
	if (w->up == up)
		return;
	netif_tx_lock(w->ndev);
	WRITE_ONCE(w->up, up);
	netif_tx_unlock(w->ndev);
	if (up) {
		if (test_and_clear_bit(0, &w->irq_off))
			enable_irq(w->irq);
		netif_carrier_on(w->ndev);
		netif_wake_queue(w->ndev);
	} else {
		netif_stop_queue(w->ndev);
		netif_carrier_off(w->ndev);
	}
	/* a peer that breaks the rules flaps it: the log must not flood */
	if (net_ratelimit())
		netdev_info(w->ndev, "link \"%s\" to %s: %s\n", w->cfg.name,
			    w->cfg.peer, up ? "up" : "down");
}

/*
 * The peer broke a rule of the ring (net.h): count it, say why, and drop
 * its session for good.  A new one is accepted (net.h's handshake).
 */
static __printf(2, 3) void wnet_broke(struct wnet *w, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	w->ndev->stats.rx_errors++;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	net_warn_ratelimited(
		"%s: link \"%s\": %s broke the ring's rules (%pV): link dropped\n",
		w->ndev->name, w->cfg.name, w->cfg.peer, &vaf);
	va_end(args);
	w->bad_gen = READ_ONCE(w->me->peer_gen);
	wnet_set_up(w, false);
	netif_tx_lock(w->ndev);
	wnet_accept(w, 0);
	netif_tx_unlock(w->ndev);
}

/*
 * What the two headers say, in NAPI: start, acknowledge or end sessions.
 * Returns whether the link is up.
 */
static bool wnet_check(struct wnet *w)
{
	const struct warden_net_hdr *p = w->peer;
	u32 magic, version, pgen, pack;

	/* the hypervisor wipes the region when the peer is destroyed */
	if (READ_ONCE(w->me->magic) != WARDEN_NET_MAGIC ||
	    READ_ONCE(w->me->gen) != w->gen) {
		wnet_set_up(w, false);
		netif_tx_lock(w->ndev);
		wnet_hello(w);
		netif_tx_unlock(w->ndev);
		wnet_ring(w);
	}
	magic = READ_ONCE(p->magic);
	version = READ_ONCE(p->version);
	pgen = READ_ONCE(p->gen);
	pack = READ_ONCE(p->peer_gen);
	smp_rmb(); /* the header before the ring it describes */
	if (magic != WARDEN_NET_MAGIC || !pgen || pgen == w->bad_gen) {
		wnet_set_up(w, false);
		return false;
	}
	if (version != WARDEN_NET_VERSION) {
		if (!w->version_told)
			netdev_warn(
				w->ndev,
				"link \"%s\": %s speaks version %u, not %u\n",
				w->cfg.name, w->cfg.peer, version,
				WARDEN_NET_VERSION);
		w->version_told = true;
		wnet_set_up(w, false);
		return false;
	}
	if (pgen != READ_ONCE(w->me->peer_gen)) {
		wnet_set_up(w, false);
		netif_tx_lock(w->ndev);
		wnet_accept(w, pgen);
		netif_tx_unlock(w->ndev);
		wnet_ring(w);
	}
	wnet_set_up(w, pack == w->gen);
	return w->up;
}

/* ---- receive ---------------------------------------------------------- */

/* A frame of the peer's ring as an skb: a head, then whole pages. */
static struct sk_buff *wnet_skb(struct wnet *w, const u8 *src, u32 len)
{
	u32 head = min_t(u32, len, WNET_HEAD), done, n;
	struct sk_buff *skb;
	struct page *page;
	int i;

	skb = napi_alloc_skb(&w->napi, head);
	if (!skb)
		return NULL;
	memcpy(skb_put(skb, head), src, head);
	for (done = head, i = 0; done < len; done += n, i++) {
		n = min_t(u32, len - done, PAGE_SIZE);
		page = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
		if (!page) {
			kfree_skb(skb);
			return NULL;
		}
		memcpy(page_address(page), src + done, n);
		skb_add_rx_frag(skb, i, page, 0, n, PAGE_SIZE);
	}
	return skb;
}

static void wnet_deliver(struct wnet *w, const struct warden_net_desc *d,
			 const u8 *src)
{
	struct net_device_stats *st = &w->ndev->stats;
	struct sk_buff *skb = wnet_skb(w, src, d->len);
	u32 end = (u32)d->csum_start + d->csum_offset + sizeof(__sum16);

	if (!skb) {
		st->rx_dropped++;
		return;
	}
	/* a checksum left to compute must lie inside the frame (net.h) */
	if ((d->flags & WARDEN_NET_DESC_CSUM) &&
	    (!pskb_may_pull(skb, min(end, d->len)) ||
	     !skb_partial_csum_set(skb, d->csum_start, d->csum_offset))) {
		st->rx_errors++;
		st->rx_frame_errors++;
		kfree_skb(skb);
		return;
	}
	skb->protocol = eth_type_trans(skb, w->ndev);
	st->rx_packets++;
	st->rx_bytes += d->len;
	napi_gro_receive(&w->napi, skb);
}

/* Up to budget frames of the peer's ring; how many, or -1: it broke. */
static int wnet_rx(struct wnet *w, int budget)
{
	u64 prod = smp_load_acquire(&w->peer->prod);
	u64 avail = prod - w->cons, off, n;
	struct warden_net_desc d;
	int done = 0;

	if (avail > w->ring || avail % 16) {
		wnet_broke(
			w,
			"written up to %llu with %llu read, in a ring of %llu",
			prod, w->cons, w->ring);
		return -1;
	}
	while (avail && done < budget) {
		off = w->cons % w->ring;
		memcpy(&d, w->rx + off, sizeof(d)); /* once: it may change */
		if (d.flags & WARDEN_NET_DESC_WRAP) {
			n = w->ring - off;
		} else if (d.len < ETH_HLEN || d.len > w->max_frame) {
			wnet_broke(w, "a frame of %u bytes at %llu", d.len,
				   off);
			return -1;
		} else {
			n = warden_net_entry(d.len);
		}
		if (n > avail || off + n > w->ring) {
			wnet_broke(
				w,
				"an entry of %llu bytes at %llu, %llu written",
				n, off, avail);
			return -1;
		}
		if (!(d.flags & WARDEN_NET_DESC_WRAP)) {
			wnet_deliver(w, &d, w->rx + off + sizeof(d));
			done++;
		}
		w->cons += n;
		avail -= n;
	}
	/* the frames are copied before the peer may reuse their space */
	smp_store_release(&w->me->cons, w->cons);
	smp_mb(); /* cons before tx_kick: the peer sets it, then reads cons */
	if (READ_ONCE(w->peer->tx_kick))
		wnet_ring(w);
	return done;
}

/* ---- transmit --------------------------------------------------------- */

/*
 * The ring bytes a frame of len bytes takes at w->prod, a wrap's padding
 * included, or 0 if they are not free now; -1 if the peer's cons is not
 * one it can have.
 */
static s64 wnet_fits(struct wnet *w, u32 len)
{
	u64 used = w->prod - smp_load_acquire(&w->peer->cons);
	u64 off = w->prod % w->ring, n = warden_net_entry(len);

	if (used > w->ring)
		return -1;
	if (off + n > w->ring)
		n += w->ring - off;
	return n <= w->ring - used ? (s64)n : 0;
}

/* Stop the queue unless the largest frame still fits (queue's lock). */
static void wnet_maybe_stop(struct wnet *w)
{
	if (wnet_fits(w, w->max_frame) > 0)
		return;
	netif_stop_queue(w->ndev);
	WRITE_ONCE(w->me->tx_kick, 1);
	smp_mb(); /* tx_kick before cons: the peer writes cons, then reads it */
	if (wnet_fits(w, w->max_frame) > 0) {
		WRITE_ONCE(w->me->tx_kick, 0);
		netif_start_queue(w->ndev);
	}
}

/* In NAPI: the peer freed space; wake the queue if a frame fits. */
static void wnet_tx_done(struct wnet *w)
{
	s64 fit;

	if (!netif_queue_stopped(w->ndev))
		return;
	netif_tx_lock(w->ndev);
	fit = w->up ? wnet_fits(w, w->max_frame) : 0;
	if (fit > 0) {
		WRITE_ONCE(w->me->tx_kick, 0);
		netif_wake_queue(w->ndev);
	}
	netif_tx_unlock(w->ndev);
	if (fit < 0)
		wnet_broke(w, "read up to %llu of %llu written",
			   READ_ONCE(w->peer->cons), w->prod);
}

static void wnet_put(struct wnet *w, const struct sk_buff *skb, u64 n)
{
	struct warden_net_desc d = { .len = skb->len };
	u64 off = w->prod % w->ring;

	if (off + warden_net_entry(skb->len) > w->ring) {
		d.flags = WARDEN_NET_DESC_WRAP;
		d.len = 0;
		memcpy(w->tx + off, &d, sizeof(d));
		off = 0;
		d.flags = 0;
		d.len = skb->len;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		d.flags |= WARDEN_NET_DESC_CSUM;
		d.csum_start = (u16)skb_checksum_start_offset(skb);
		d.csum_offset = skb->csum_offset;
	}
	skb_copy_bits(skb, 0, w->tx + off + sizeof(d), skb->len);
	memcpy(w->tx + off, &d, sizeof(d));
	w->prod += n;
	/* the entry before the index that publishes it */
	smp_store_release(&w->me->prod, w->prod);
}

static netdev_tx_t wnet_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct wnet *w = netdev_priv(ndev);
	s64 n = 0;

	if (w->up && skb->len >= ETH_HLEN && skb->len <= w->max_frame &&
	    (skb->ip_summed != CHECKSUM_PARTIAL ||
	     (u32)skb_checksum_start_offset(skb) <= U16_MAX))
		n = wnet_fits(w, skb->len);
	if (n <= 0) {
		/* the queue stops before the ring is full: down, or a bad peer */
		ndev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	wnet_put(w, skb, (u64)n);
	ndev->stats.tx_packets++;
	ndev->stats.tx_bytes += skb->len;
	wnet_maybe_stop(w);
	smp_mb(); /* prod before rx_kick: the peer sets it, then reads prod */
	if ((!netdev_xmit_more() || netif_queue_stopped(ndev)) &&
	    READ_ONCE(w->peer->rx_kick))
		wnet_ring(w);
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

/* ---- NAPI, the doorbell, the watch ------------------------------------ */

static int wnet_poll(struct napi_struct *napi, int budget)
{
	struct wnet *w = container_of(napi, struct wnet, napi);
	int done = 0;

	WRITE_ONCE(w->me->rx_kick, 0);
	if (wnet_check(w)) {
		done = wnet_rx(w, budget);
		if (done >= 0)
			wnet_tx_done(w);
		else
			done = 0;
	}
	if (done < budget && napi_complete_done(napi, done)) {
		WRITE_ONCE(w->me->rx_kick, 1);
		smp_mb(); /* rx_kick before prod: the peer writes, then reads */
		if (w->up && smp_load_acquire(&w->peer->prod) != w->cons)
			napi_schedule(napi);
	}
	return done;
}

/*
 * While the link is down, the first doorbell masks the next ones: NAPI
 * still runs now, which is all a handshake needs, and the watch timer
 * looks ten times a second; the session going up unmasks it.
 */
static irqreturn_t wnet_doorbell(int irq, void *data)
{
	struct wnet *w = data;

	if (!READ_ONCE(w->up) && !test_and_set_bit(0, &w->irq_off)) {
		disable_irq_nosync(irq);
		/*
		 * The session may have gone up since, and wnet_set_up()
		 * found no mask to lift: the atomic bit orders both sides.
		 */
		if (READ_ONCE(w->up) && test_and_clear_bit(0, &w->irq_off))
			enable_irq(irq);
	}
	napi_schedule(&w->napi); /* a no-op while the interface is down */
	return IRQ_HANDLED;
}

static void wnet_watch(struct timer_list *t)
{
	struct wnet *w = from_timer(w, t, watch);

	napi_schedule(&w->napi);
	mod_timer(&w->watch, jiffies + (READ_ONCE(w->up) ? WNET_WATCH_UP :
							   WNET_WATCH_DOWN));
}

/* ---- the device ------------------------------------------------------- */

static int wnet_open(struct net_device *ndev)
{
	struct wnet *w = netdev_priv(ndev);

	netif_carrier_off(ndev);
	netif_stop_queue(ndev);
	wnet_hello(w);
	napi_enable(&w->napi);
	wnet_ring(w);
	mod_timer(&w->watch, jiffies + WNET_WATCH_DOWN);
	napi_schedule(&w->napi);
	return 0;
}

/* Down: clear the magic (the peer sees the link go) and ring. */
static int wnet_stop(struct net_device *ndev)
{
	struct wnet *w = netdev_priv(ndev);

	napi_disable(&w->napi);
	del_timer_sync(&w->watch);
	netif_tx_lock_bh(ndev);
	WRITE_ONCE(w->up, false);
	netif_tx_unlock_bh(ndev);
	netif_stop_queue(ndev);
	netif_carrier_off(ndev);
	WRITE_ONCE(w->me->magic, 0);
	wnet_ring(w);
	return 0;
}

static const struct net_device_ops wnet_ops = {
	.ndo_open = wnet_open,
	.ndo_stop = wnet_stop,
	.ndo_start_xmit = wnet_xmit,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_set_mac_address = eth_mac_addr,
};

static void wnet_drvinfo(struct net_device *ndev, struct ethtool_drvinfo *info)
{
	struct wnet *w = netdev_priv(ndev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	snprintf(info->bus_info, sizeof(info->bus_info), "link:%.*s",
		 WARDEN_CELL_NAME_MAX - 1, w->cfg.name);
}

static const struct ethtool_ops wnet_ethtool = {
	.get_drvinfo = wnet_drvinfo,
	.get_link = ethtool_op_get_link,
};

/*
 * A fixed, locally administered address per link and side, so that both
 * ends (and ARP caches) see the same one after every restart.
 */
static void wnet_addr(struct wnet *w)
{
	u32 h = jhash(w->cfg.name, strnlen(w->cfg.name, WARDEN_CELL_NAME_MAX),
		      0);
	u8 addr[ETH_ALEN] = { 0x02, 'W', h >> 16, h >> 8, h, w->cfg.side };

	eth_hw_addr_set(w->ndev, addr);
}

/* The ring's geometry: two of the largest frames must fit. */
static void wnet_geometry(struct wnet *w)
{
	struct net_device *ndev = w->ndev;
	u64 half;

	w->ring = w->cfg.section_size - WARDEN_NET_RING_OFFSET;
	half = w->ring / 2 - sizeof(struct warden_net_desc);
	w->max_frame = (u32)min_t(u64, half & ~15ULL,
				  WARDEN_NET_MAX_MTU + VLAN_ETH_HLEN);
	ndev->max_mtu = w->max_frame - VLAN_ETH_HLEN;
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->mtu = ndev->max_mtu;
}

static void wnet_map(struct wnet *w)
{
	u64 mine = w->cfg.common_size + w->cfg.side * w->cfg.section_size;
	u64 theirs =
		w->cfg.common_size + (1 - w->cfg.side) * w->cfg.section_size;

	w->me = w->base + mine;
	w->peer = w->base + theirs;
	w->tx = w->base + mine + WARDEN_NET_RING_OFFSET;
	w->rx = w->base + theirs + WARDEN_NET_RING_OFFSET;
}

/*
 * The interface of link cfg (index: in this cell's config), whose doorbell
 * is Linux's irq, or an ERR_PTR.  Its sections were checked with the
 * config (WARDEN_LINK_NET_MIN_SECTION), or by links_parse() in a cell.
 */
struct wnet *wnet_add(unsigned int index, const struct warden_link *cfg,
		      int irq)
{
	struct net_device *ndev;
	struct wnet *w;
	int ret;

	if (cfg->section_size < WARDEN_LINK_NET_MIN_SECTION)
		return ERR_PTR(-EINVAL);
	ndev = alloc_netdev(sizeof(*w), "wnet%d", NET_NAME_ENUM, ether_setup);
	if (!ndev)
		return ERR_PTR(-ENOMEM);
	w = netdev_priv(ndev);
	w->ndev = ndev;
	w->cfg = *cfg;
	w->index = index;
	w->irq = irq;
	ret = -ENOMEM;
	/* Linux on both sides: caches on at both ends, coherent */
	w->base = memremap(cfg->phys_start, warden_link_size(cfg), MEMREMAP_WB);
	if (!w->base)
		goto err_free;
	wnet_map(w);
	WRITE_ONCE(w->me->magic, 0); /* down until the interface is up */
	wnet_geometry(w);
	wnet_addr(w);
	ndev->netdev_ops = &wnet_ops;
	ndev->ethtool_ops = &wnet_ethtool;
	ndev->hw_features = NETIF_F_HW_CSUM | NETIF_F_SG;
	ndev->features = ndev->hw_features;
	netif_napi_add(ndev, &w->napi, wnet_poll);
	timer_setup(&w->watch, wnet_watch, 0);
	netif_carrier_off(ndev);
	ret = request_irq(irq, wnet_doorbell, 0, cfg->name, w);
	if (ret)
		goto err_napi;
	ret = register_netdev(ndev);
	if (ret)
		goto err_irq;
	dev_set_alias(ndev, cfg->name,
		      strnlen(cfg->name, WARDEN_CELL_NAME_MAX));
	netdev_info(
		ndev,
		"link \"%s\" to %s (side %u, doorbell INTID %u), MTU up to %u\n",
		cfg->name, cfg->peer, cfg->side, cfg->doorbell_irq,
		ndev->max_mtu);
	return w;

err_irq:
	free_irq(irq, w);
err_napi:
	netif_napi_del(&w->napi);
	memunmap(w->base);
err_free:
	free_netdev(ndev);
	return ERR_PTR(ret);
}

/* The interface goes (down first, if it was up); the irq stays mapped. */
void wnet_remove(struct wnet *w)
{
	struct net_device *ndev = w->ndev;

	unregister_netdev(ndev);
	free_irq(w->irq, w);
	netif_napi_del(&w->napi);
	memunmap(w->base);
	free_netdev(ndev);
}

const char *wnet_name(const struct wnet *w)
{
	return w->ndev->name;
}
