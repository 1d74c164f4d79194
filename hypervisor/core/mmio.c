// SPDX-License-Identifier: GPL-2.0-only
/* Dispatch of trapped MMIO accesses to the emulated device that owns them. */
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/mmio.h>

int mmio_register(struct mmio_table *t, u64 start, u64 size,
		  mmio_handler_t handler, void *arg)
{
	if (t->count >= MMIO_MAX_REGIONS)
		return -ENOMEM;
	if (!size || start + size < start || mmio_find(t, start, 1) ||
	    mmio_find(t, start + size - 1, 1))
		return -EINVAL;
	t->regions[t->count++] =
		(struct mmio_region){ start, size, handler, arg };
	return 0;
}

/* The region that contains the whole access [addr, addr + size). */
const struct mmio_region *mmio_find(const struct mmio_table *t, u64 addr,
				    unsigned int size)
{
	unsigned int i;

	for (i = 0; i < t->count; i++) {
		const struct mmio_region *r = &t->regions[i];

		if (addr >= r->start && addr - r->start < r->size &&
		    size <= r->size - (addr - r->start))
			return r;
	}
	return NULL;
}

/*
 * mmio_find() on the trap path: the same test, with the region's handler
 * called from the loop (a tail call), so that the first regions, the
 * distributor among them (registered at cell creation), cost least.
 */
enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *acc)
{
	const struct mmio_region *r = &cell->mmio.regions[0];
	const struct mmio_region *end = &cell->mmio.regions[cell->mmio.count];
	u64 addr = acc->addr;
	u64 size = acc->size;

	for (; r < end; r++) {
		u64 off = addr - r->start;

		if ((off < r->size) && (size <= (r->size - off)))
			return r->handler(cell, r->arg, acc);
	}
	return MMIO_UNHANDLED;
}
