// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared-memory links between two cells (docs/links.md).
 *
 * A link's region is [common][side 0's section][side 1's section].  Each
 * peer maps the common section and its own section read-write, the other
 * peer's read-only (stage 2 enforces it: a write there is a fault like any
 * other).  The root's links live from enable to disable, carved out of its
 * RAM in place.  A link between two inmates leaves the root's stage 2 when
 * its first peer is created, and comes back, wiped, when its last peer is
 * destroyed.  Whenever a peer leaves, the whole region is wiped: what was
 * said on a link lives as long as the connection.
 *
 * The doorbell of a peer is an SPI of its own that no device drives.
 * Ringing makes it pending at the distributor; the GIC delivers it to the
 * CPU the peer routed it to, and the hypervisor injects it like any other
 * interrupt of that cell.  A peer is rung when the other rings it, and when
 * the other's state changes (created, started, shut down, failed, reset,
 * destroyed), but only while it runs: nothing is queued for a stopped peer.
 *
 * Locking: attach and detach run under the management lock (cellctl.c).
 * Rings and state changes come from any CPU, so each link's ends are read
 * and written under the link's own lock, which is only ever held for a few
 * stores or one distributor write.
 */
#include <warden/hypercall.h>
#include <asm/spinlock.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>

/* Every cell's every link, each with a peer not yet there: the worst case. */
#define LINK_MAX (WARDEN_MAX_CELLS * WARDEN_MAX_LINKS)

struct link {
	bool in_use;
	char name[WARDEN_CELL_NAME_MAX];
	paddr_t phys;
	u64 size;
	spinlock_t lock; /* cell[], doorbell[] */
	struct cell *cell[2]; /* by side; NULL: that peer is not there */
	u32 doorbell[2];
};

static struct link links[LINK_MAX];

static const struct warden_link *link_desc(const struct cell *cell, u32 i)
{
	return &warden_cell_links(cell->desc)[i];
}

static struct link *link_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < LINK_MAX; i++)
		if (links[i].in_use &&
		    string_name_eq(links[i].name, name, WARDEN_CELL_NAME_MAX))
			return &links[i];
	return NULL;
}

bool link_exists(const char *name)
{
	return link_find(name) != NULL;
}

static struct link *link_new(const struct warden_link *d)
{
	unsigned int i;

	for (i = 0; i < LINK_MAX; i++) {
		if (links[i].in_use)
			continue;
		memset(&links[i], 0, sizeof(links[i]));
		links[i].in_use = true;
		memcpy(links[i].name, d->name, WARDEN_CELL_NAME_MAX);
		links[i].phys = d->phys_start;
		links[i].size = warden_link_size(d);
		return &links[i];
	}
	return NULL;
}

/* Common and own section read-write, the peer's read-only; never code. */
static int map_side(struct paging *pg, const struct warden_link *d)
{
	u64 own = d->common_size + d->side * d->section_size;
	u64 peer = d->common_size + (1 - d->side) * d->section_size;
	int err = 0;

	if (d->common_size)
		err = paging_map(pg, d->virt_start, d->phys_start,
				 d->common_size, PAGING_RW);
	if (!err)
		err = paging_map(pg, d->virt_start + own, d->phys_start + own,
				 d->section_size, PAGING_RW);
	if (!err)
		err = paging_map(pg, d->virt_start + peer, d->phys_start + peer,
				 d->section_size, PAGING_READ);
	return err;
}

static void set_end(struct link *l, u32 side, struct cell *cell, u32 irq)
{
	spin_lock(&l->lock);
	l->cell[side] = cell;
	l->doorbell[side] = irq;
	spin_unlock(&l->lock);
}

int link_root_init(void)
{
	const struct warden_link *d;
	struct link *l;
	u32 i;
	int err;

	for (i = 0; i < root_cell.desc->num_links; i++) {
		d = link_desc(&root_cell, i);
		l = link_new(d);
		if (!l)
			return -ENOSPC;
		/* in the root's RAM (checked): remap it with the link's rights */
		err = paging_unmap(&root_cell.stage2, l->phys, l->size);
		if (!err)
			err = map_side(&root_cell.stage2, d);
		if (err)
			return err;
		set_end(l, d->side, &root_cell, d->doorbell_irq);
		root_cell.links[i] = l;
	}
	return 0;
}

/* A new link between two inmates: its region leaves the root, wiped. */
static int link_take(struct link *l)
{
	int err = paging_unmap(&root_cell.stage2, l->phys, l->size);

	if (!err)
		err = arch_phys_clear(l->phys, l->size);
	return err;
}

/* Nobody is left on the link: its region goes back to the root. */
static void link_free(struct link *l)
{
	if (paging_map(&root_cell.stage2, l->phys, l->phys, l->size,
		       cell_root_flags(l->phys, l->size)))
		printk("link \"%s\": memory not returned to the root cell\n",
		       l->name);
	l->in_use = false;
}

/* Can the peer take its doorbell?  The root always runs. */
static bool runs(const struct cell *peer)
{
	return peer && (peer == &root_cell ||
			__atomic_load_n(&peer->state, __ATOMIC_SEQ_CST) ==
				WARDEN_CELL_RUNNING);
}

/* Ring the peer on the other side of `side`, if it runs. */
static void ring_other(struct link *l, u32 side)
{
	spin_lock(&l->lock);
	if (runs(l->cell[!side]))
		arch_irq_set_pending(l->doorbell[!side]);
	spin_unlock(&l->lock);
}

/*
 * The cell leaves its links.  wipe: it was a peer (the region is wiped and
 * the other peer rung); else create failed before the cell ever ran.
 */
static void leave(struct cell *cell, bool wipe)
{
	const struct warden_link *d;
	struct link *l;
	bool alone;
	u32 i;

	for (i = 0; i < cell->desc->num_links; i++) {
		l = cell->links[i];
		if (!l)
			continue;
		d = link_desc(cell, i);
		cell->links[i] = NULL;
		spin_lock(&l->lock);
		l->cell[d->side] = NULL;
		alone = !l->cell[!d->side];
		spin_unlock(&l->lock);
		if (wipe && arch_phys_clear(l->phys, l->size))
			printk("link \"%s\": not wiped\n", l->name);
		if (alone)
			link_free(l);
		else if (wipe)
			ring_other(l, d->side);
	}
}

void link_detach(struct cell *cell)
{
	leave(cell, true);
}

int link_attach(struct cell *cell)
{
	const struct warden_link *d;
	struct link *l;
	u32 i;
	int err;

	for (i = 0; i < cell->desc->num_links; i++) {
		d = link_desc(cell, i);
		l = link_find(d->name);
		if (!l) {
			l = link_new(d);
			err = l ? link_take(l) : -ENOSPC;
			if (err && l)
				link_free(l);
			if (err)
				goto undo;
		}
		cell->links[i] = l;
		set_end(l, d->side, cell, d->doorbell_irq);
		err = map_side(&cell->stage2, d);
		if (err)
			goto undo;
	}
	return 0;
undo:
	leave(cell, false);
	return err;
}

void link_notify(struct cell *cell)
{
	u32 i;

	for (i = 0; i < cell->desc->num_links; i++)
		if (cell->links[i])
			ring_other(cell->links[i], link_desc(cell, i)->side);
}

void link_comm_fill(const struct cell *cell, struct warden_comm_region *comm)
{
	const struct warden_link *d;
	struct warden_comm_link *c;
	u32 i;

	comm->num_links = cell->desc->num_links;
	for (i = 0; i < cell->desc->num_links; i++) {
		d = link_desc(cell, i);
		c = &comm->links[i];
		memcpy(c->name, d->name, sizeof(c->name));
		c->virt_start = d->virt_start;
		c->common_size = d->common_size;
		c->section_size = d->section_size;
		c->side = d->side;
		c->doorbell_irq = d->doorbell_irq;
	}
}

/* The peer's state as its peer sees it; transient states count as running. */
static long peer_state(const struct cell *peer)
{
	u32 s;

	if (peer == &root_cell)
		return WARDEN_CELL_RUNNING;
	s = __atomic_load_n(&peer->state, __ATOMIC_SEQ_CST);
	return s < WARDEN_CELL_NUM_STATES ? s : WARDEN_CELL_RUNNING;
}

long link_hypercall(struct per_cpu *pc, u64 fid, u64 index)
{
	struct cell *cell = pc->cell, *peer;
	struct link *l;
	long ret;
	u32 side;

	if (index >= cell->desc->num_links || !cell->links[index])
		return -EINVAL;
	l = cell->links[index];
	side = link_desc(cell, (u32)index)->side;
	spin_lock(&l->lock);
	peer = l->cell[!side];
	if (fid == WARDEN_HC_LINK_STATE) {
		ret = peer ? peer_state(peer) : -ENOTCONN;
	} else if (runs(peer)) {
		arch_irq_set_pending(l->doorbell[!side]);
		ret = 0;
	} else {
		ret = -ENOTCONN;
	}
	spin_unlock(&l->lock);
	return ret;
}
