/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Warden hypercall ABI.  Hypercalls are HVC #0 with an SMC Calling Convention
 * (SMCCC, ARM DEN 0028) function ID in x0, arguments in x1..x5 and the result
 * in x0.  They live in the "vendor specific hypervisor service" range (owner
 * 6), as SMC64 fast calls, so that a generic SMCCC probe sees a well-formed
 * service.  Results are >= 0 on success or a negative errno.
 */
#ifndef WARDEN_HYPERCALL_H
#define WARDEN_HYPERCALL_H

#include "types.h"

#define WARDEN_SMCCC_FAST 0x80000000u
#define WARDEN_SMCCC_64 0x40000000u
#define WARDEN_SMCCC_OWNER_SHIFT 24
#define WARDEN_SMCCC_OWNER_MASK 0x3fu
#define WARDEN_SMCCC_OWNER_HYP 6u

#define WARDEN_HC_BASE                         \
	(WARDEN_SMCCC_FAST | WARDEN_SMCCC_64 | \
	 (WARDEN_SMCCC_OWNER_HYP << WARDEN_SMCCC_OWNER_SHIFT))
#define WARDEN_HC(n) (WARDEN_HC_BASE | (n))

/* x0 = WARDEN_MAGIC on success, x1 = WARDEN_ABI_VERSION */
#define WARDEN_HC_VERSION WARDEN_HC(0x00)
/* Leave EL2 on the calling CPU and hand it back to Linux (root only). */
#define WARDEN_HC_DISABLE WARDEN_HC(0x01)
/* x1 = WARDEN_INFO_*; returns the value */
#define WARDEN_HC_INFO WARDEN_HC(0x02)
/*
 * x1 = character.  The root's goes straight to the hypervisor console; an
 * inmate cell's is collected per line, prefixed "[<cell name>] " and written
 * to the cell's console ring (and to the UART if the cell config has
 * WARDEN_CELL_CONSOLE).  Any cell may call it.
 */
#define WARDEN_HC_CONSOLE_PUTC WARDEN_HC(0x03)

/*
 * Cell management: root cell only (others get -EPERM).  Cells are numbered
 * 1..WARDEN_MAX_CELLS-1; the root cell is 0.  Every argument is checked.
 */
/* x1 = physical address, x2 = size of a cell config; returns the new id */
#define WARDEN_HC_CELL_CREATE WARDEN_HC(0x10)
/*
 * x1 = id, x2 = 1: map the cell's loadable regions into the root cell at
 * their physical addresses (identity) and clear them, so the root can copy
 * images in; x2 = 0: unmap them again, the cell is loaded.
 */
#define WARDEN_HC_CELL_SET_LOADABLE WARDEN_HC(0x11)
/*
 * x1 = id, x2 = WARDEN_START_* flags: clear the cell's other RAM and start
 * its first CPU at reset_address, with x0 = 0.  With WARDEN_START_BOOT, at
 * x3 instead (an IPA the cell may execute), with x0 = x4: what the arm64
 * Linux boot protocol asks for (the device tree's IPA in x0).  The entry
 * and x0 stay the cell's until the next start: a PSCI SYSTEM_RESET of the
 * cell starts it there again, with the RAM as the cell left it.  With
 * WARDEN_START_RELOAD, a SYSTEM_RESET shuts the cell down instead and counts
 * it in warden_cell_status.reset_requests, for the root to load its images
 * again and start it: a Linux kernel changes its own image and frees its
 * initrd as it runs, so it cannot start again from what it left.
 */
#define WARDEN_HC_CELL_START WARDEN_HC(0x12)
#define WARDEN_START_BOOT 0x1u
#define WARDEN_START_RELOAD 0x2u
/*
 * x1 = id, x2 = WARDEN_SHUTDOWN_*.  A running cell is asked first through
 * its comm region (cell.h): returns -EAGAIN while the request is pending
 * (call again to poll), -EBUSY if the cell refused, -EINPROGRESS while it
 * powers off itself after WARDEN_REPLY_POWERING_OFF (call again: it is not
 * stopped meanwhile), 0 once it is shut down.  WARDEN_SHUTDOWN_FORCE stops
 * it without asking.
 */
#define WARDEN_HC_CELL_SHUTDOWN WARDEN_HC(0x13)
/* x1 = id: stop the cell and give everything back to the root cell */
#define WARDEN_HC_CELL_DESTROY WARDEN_HC(0x14)
/*
 * x1 = id: refresh the cell's status page; returns the state, and
 * x1 = physical address of its struct warden_cell_status,
 * x2 = physical address of its console ring (struct warden_console),
 * both mapped read-only into the root cell.  Id 0 is the root cell itself:
 * its status page holds its CPUs' statistics, and x2 = 0 (its console is
 * the hypervisor's).
 */
#define WARDEN_HC_CELL_STATE WARDEN_HC(0x15)
/*
 * x1 = id, x2 = up to 8 characters (the first in bits [7:0], the bits above
 * the last 0), x3 = how many (1..8): input for the cell's emulated console
 * UART (vuart_base, config.h), into its receive FIFO.  Returns how many
 * were taken (0 when the FIFO is full: call again later), -ENODEV if the
 * cell has no emulated UART, or -EINVAL.  Characters sent while the cell
 * does not run are dropped (and count as taken): nobody reads them, and a
 * start resets the UART.
 */
#define WARDEN_HC_CELL_CONSOLE_INPUT WARDEN_HC(0x16)

/*
 * Links (config.h, docs/links.md): any cell, for its own links only.  x1 is
 * the link's index in the caller's config (the root's: the system config).
 */
/*
 * Ring the peer: its doorbell SPI becomes pending.  Returns 0, -EINVAL for
 * no such link, or -ENOTCONN if the peer does not exist or is not running
 * (nothing is queued).
 */
#define WARDEN_HC_LINK_RING WARDEN_HC(0x20)
/* Returns the peer's state (WARDEN_CELL_*), or -ENOTCONN if there is none. */
#define WARDEN_HC_LINK_STATE WARDEN_HC(0x21)

#define WARDEN_SHUTDOWN_FORCE 0x1u

#define WARDEN_MAX_CELLS 8 /* root included */
#define WARDEN_CELL_CONFIG_MAX 0x1000 /* bytes: one page */

#define WARDEN_INFO_POOL_PAGES 0
#define WARDEN_INFO_POOL_USED 1
#define WARDEN_INFO_NUM_CELLS 2
#define WARDEN_INFO_CPUS_ENABLED 3
#define WARDEN_INFO_CELL_IDS 4 /* bitmap of the ids in use, root's bit 0 */
/*
 * Physical address of a page, read-only for the root, that holds why the
 * last failed management hypercall failed, as a NUL-terminated line.
 */
#define WARDEN_INFO_ERRMSG 5

/* SMCCC standard queries of the service (ARM DEN 0028, "Call UID") */
#define WARDEN_HC_CALL_COUNT 0x8600ff00u
#define WARDEN_HC_CALL_UID 0x8600ff01u
#define WARDEN_HC_REVISION 0x8600ff03u

#define WARDEN_MAGIC 0x5752444eu /* "WRDN" */
#define WARDEN_ABI_VERSION 5

#define WARDEN_SMCCC_NOT_SUPPORTED (-1)

#endif /* WARDEN_HYPERCALL_H */
