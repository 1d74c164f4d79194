/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validation of Warden configs.  Freestanding pure C, shared by the
 * hypervisor, the driver and the CLI, so that all three apply the same rules
 * and print the same messages.  Nothing in a config is trusted: every count,
 * size and address is checked against the blob's real size before use.
 */
#ifndef CONFIG_CHECK_H
#define CONFIG_CHECK_H

#include <warden/config.h>

/*
 * Called once per problem found, printf-style, with a message that names the
 * config, the item and the reason, e.g.
 *   system config "qemu-arm64": hypervisor memory 0x7fc00000+0x400000 is not
 *   page aligned
 * Only %s, %u, %d, %llu, %llx and %#llx are used, so small printf
 * implementations suffice.
 */
typedef void (*config_report_fn)(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Upper bounds on a cell's counts, checked before any array is read. */
#define CONFIG_CHECK_MAX_MEM_REGIONS 64
#define CONFIG_CHECK_MAX_IRQ_RANGES 64

/*
 * Check a system config blob of `size` bytes.  Returns the number of problems
 * found (0 = valid); each is passed to `report`.  Never reads outside
 * [blob, blob + size).
 */
unsigned int config_check_system(const void *blob, uint64_t size,
				 config_report_fn report, void *ctx);

/*
 * Check an inmate cell config blob of `size` bytes against the system config
 * `sys`, which must have passed config_check_system(): the cell may only have
 * what the root cell has (CPUs, memory, IRQs), and must leave the root at
 * least one CPU.  Returns the number of problems found (0 = valid); each is
 * passed to `report`, prefixed "cell config \"<name>\": ".  Never reads
 * outside [blob, blob + size).
 */
unsigned int config_check_cell(const void *blob, uint64_t size,
			       const struct warden_system *sys,
			       config_report_fn report, void *ctx);

/*
 * Check two inmate cells that both passed config_check_cell() for conflicts
 * when they exist at the same time: shared CPUs, physical memory (except
 * comm regions, and regions both mark WARDEN_MEM_ROOTSHARED), IRQs, or the
 * same name.  Messages are prefixed "cells \"<a>\" and \"<b>\": ".
 * Returns the number of problems found.
 */
unsigned int config_check_cell_pair(const struct warden_cell_desc *a,
				    const struct warden_cell_desc *b,
				    config_report_fn report, void *ctx);

/*
 * Is [start, start + size) wholly inside the memory regions the system
 * config `sys` (already checked) gives the root cell?  Regions that touch
 * count as one.  Returns 1 or 0.  For the driver's check that Linux uses no
 * device the root is not given (an interrupt controller, say).
 */
int config_root_covers(const struct warden_system *sys, uint64_t start,
		       uint64_t size);

#endif /* CONFIG_CHECK_H */
