// SPDX-License-Identifier: GPL-2.0-only
/* Trapped-MMIO dispatch: region registration and lookup (core/mmio.c). */
#include <string.h>

#include "unit.h"
#include <hyp/cell.h>
#include <hyp/mmio.h>

static struct cell cell;
static int calls;
static u64 last_addr;

static enum mmio_result handler(struct cell *c, void *arg,
				struct mmio_access *acc)
{
	(void)c;
	calls++;
	last_addr = acc->addr;
	acc->value = (u64)(uintptr_t)arg;
	return MMIO_HANDLED;
}

static void setup(void)
{
	memset(&cell, 0, sizeof(cell));
	calls = 0;
}

static void dispatches_by_address(void)
{
	struct mmio_access acc = { .addr = 0x8000104, .size = 4 };

	setup();
	CHECK(mmio_register(&cell.mmio, 0x8000000, 0x10000, handler,
			    (void *)1) == 0);
	CHECK(mmio_register(&cell.mmio, 0x80a0000, 0x80000, handler,
			    (void *)2) == 0);
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_HANDLED);
	CHECK(acc.value == 1 && last_addr == 0x8000104);
	acc.addr = 0x80b0180;
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_HANDLED);
	CHECK(acc.value == 2);
	CHECK(calls == 2);
}

static void unhandled_outside_regions(void)
{
	struct mmio_access acc = { .addr = 0x8010000, .size = 4 };

	setup();
	CHECK(mmio_register(&cell.mmio, 0x8000000, 0x10000, handler, NULL) ==
	      0);
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_UNHANDLED);
	acc.addr = 0x7fffffc;
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_UNHANDLED);
	CHECK(calls == 0);
}

static void access_straddling_the_end_is_unhandled(void)
{
	struct mmio_access acc = { .addr = 0x800fffc, .size = 8 };

	setup();
	CHECK(mmio_register(&cell.mmio, 0x8000000, 0x10000, handler, NULL) ==
	      0);
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_UNHANDLED);
	acc.size = 4;
	CHECK(mmio_dispatch(&cell, &acc) == MMIO_HANDLED);
}

static void rejects_overlap_empty_and_wrap(void)
{
	setup();
	CHECK(mmio_register(&cell.mmio, 0x8000000, 0x10000, handler, NULL) ==
	      0);
	CHECK(mmio_register(&cell.mmio, 0x800f000, 0x2000, handler, NULL) != 0);
	CHECK(mmio_register(&cell.mmio, 0x7fff000, 0x2000, handler, NULL) != 0);
	CHECK(mmio_register(&cell.mmio, 0x9000000, 0, handler, NULL) != 0);
	CHECK(mmio_register(&cell.mmio, ~0xfffUL, 0x2000, handler, NULL) != 0);
	CHECK(cell.mmio.count == 1);
}

static void table_is_bounded(void)
{
	unsigned int i;

	setup();
	for (i = 0; i < MMIO_MAX_REGIONS; i++)
		CHECK(mmio_register(&cell.mmio, 0x1000000UL * (i + 1), 0x1000,
				    handler, NULL) == 0);
	CHECK(mmio_register(&cell.mmio, 0x70000000, 0x1000, handler, NULL) ==
	      -12);
}

int main(void)
{
	RUN(dispatches_by_address);
	RUN(unhandled_outside_regions);
	RUN(access_straddling_the_end_is_unhandled);
	RUN(rejects_overlap_empty_and_wrap);
	RUN(table_is_bounded);
	UNIT_DONE();
}
