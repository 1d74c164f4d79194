// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console: a ring (struct warden_console) that the firmware
 * writes inside its own memory.  While Warden is enabled that page is the
 * only part of hypervisor memory the root cell can still read (mapped
 * read-only in its stage 2), so nothing else in warden.hv_mem is touched.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/minmax.h>
#include <linux/string.h>
#include <asm/barrier.h>

#include "warden.h"

static const struct warden_console *console_ring(void)
{
	return warden.hv_mem + warden.console_offset;
}

/*
 * Bytes at the start of the window [tail - len, tail) that the writer may
 * have overwritten while we copied, given that it got to `now`.  A live
 * writer may also be storing the byte at `now` (it stores, then bumps tail).
 */
static u32 console_overwritten(u32 tail, u32 now, u32 len, bool live)
{
	u64 reach = (u64)now + live + len; /* compared to tail + ring size */
	u64 limit = (u64)tail + WARDEN_CONSOLE_SIZE;

	return reach > limit ? (u32)min_t(u64, reach - limit, len) : 0;
}

/*
 * Copy the last min(tail, ring size, `max`) bytes of a ring the hypervisor
 * writes (its own, or a cell's), oldest first, into buf.  Called with
 * warden.lock held.  Returns the number of bytes.
 */
ssize_t console_read_ring(const struct warden_console *con, char *buf,
			  size_t max)
{
	u32 tail, now, len, start, first, lost;

	tail = READ_ONCE(con->tail);
	smp_rmb(); /* the bytes before tail are written before tail */
	len = min_t(u32, tail, WARDEN_CONSOLE_SIZE);
	len = min_t(u32, len, max);
	start = (tail - len) % WARDEN_CONSOLE_SIZE;
	first = min_t(u32, len, WARDEN_CONSOLE_SIZE - start);
	memcpy(buf, con->buf + start, first);
	memcpy(buf + first, con->buf, len - first);

	smp_rmb(); /* copy before re-reading tail */
	now = READ_ONCE(con->tail);
	lost = console_overwritten(tail, now, len, warden.enabled);
	if (lost) {
		memmove(buf, buf + lost, len - lost);
		len -= lost;
	}
	return len;
}

ssize_t console_read(char *buf, size_t max)
{
	const struct warden_console *con;

	if (!warden.hv_mem)
		return 0;
	con = console_ring();
	/*
	 * Not enabled: the firmware may have written with its MMU off, past
	 * lines our mapping still caches; drop them (clean lines only, we
	 * never write here).  While enabled, EL2 writes through a cacheable
	 * mapping and is coherent with us.
	 */
	if (!warden.enabled)
		image_clean_to_poc(con, sizeof(*con));
	return console_read_ring(con, buf, max);
}
