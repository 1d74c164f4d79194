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

#endif /* CONFIG_CHECK_H */
