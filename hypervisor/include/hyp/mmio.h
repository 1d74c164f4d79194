/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped MMIO: a cell's accesses to an emulated device (the GIC distributor)
 * fault in stage 2 and are dispatched here by address.
 */
#ifndef HYP_MMIO_H
#define HYP_MMIO_H

#include <hyp/types.h>

struct cell;

struct mmio_access {
	u64 addr; /* IPA */
	u64 value; /* in for writes, out for reads */
	unsigned int size; /* 1, 2, 4 or 8 bytes */
	bool write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_UNHANDLED, /* no device at this address */
	MMIO_ERROR, /* a device refused the access */
};

typedef enum mmio_result (*mmio_handler_t)(struct cell *cell, void *arg,
					   struct mmio_access *acc);

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

#define MMIO_MAX_REGIONS 8

struct mmio_table {
	unsigned int count;
	struct mmio_region regions[MMIO_MAX_REGIONS];
};

int mmio_register(struct mmio_table *t, u64 start, u64 size,
		  mmio_handler_t handler, void *arg);
const struct mmio_region *mmio_find(const struct mmio_table *t, u64 addr,
				    unsigned int size);
enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *acc);

#endif /* HYP_MMIO_H */
