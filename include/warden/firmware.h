/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The header at offset 0 of warden.bin.  The driver checks it, copies the
 * image into hypervisor memory and fills in the "set by the driver" fields
 * before it enters EL2.
 *
 * Hypervisor memory layout (all offsets from hypervisor_memory.phys_start):
 *   [0, core_size)                   image, data and bss
 *   [core_size, +max_cpus*percpu_size) per-CPU areas (stack, state)
 *   [config_offset, +config_size)     copy of the system config
 *   rest                              page pool
 */
#ifndef WARDEN_FIRMWARE_H
#define WARDEN_FIRMWARE_H

#include "types.h"

#define WARDEN_FW_SIGNATURE "WARDENHV"

struct warden_fw_header {
	char signature[8];
	uint32_t abi_version; /* WARDEN_ABI_VERSION */
	uint32_t header_size;
	uint64_t entry_offset; /* EL2 entry, from image start */
	uint64_t core_size; /* image + bss, page aligned */
	uint64_t percpu_size; /* page aligned */
	uint32_t max_cpus;
	uint32_t console_offset; /* struct warden_console, page aligned */
	/* set by the driver */
	uint64_t config_offset;
	uint64_t config_size;
	uint32_t online_cpus; /* bitmap of CPUs Linux has online at enable */
	/* testing: use at most this many GIC list registers (0: all) */
	uint32_t max_lrs;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_fw_header) == 72, "ABI size");

/*
 * Arguments of the entry point (x0..x2 after HVC_SOFT_RESTART):
 * x0 = WARDEN_ENTRY_FIRST for the CPU that does the global set-up, else
 * WARDEN_ENTRY_SECONDARY; x1 = physical base of hypervisor memory.
 * Result in x0 after the return to EL1: 0 or a negative errno.
 */
#define WARDEN_ENTRY_FIRST 1
#define WARDEN_ENTRY_SECONDARY 2

/* Console ring, written by the hypervisor, readable by the root cell. */
#define WARDEN_CONSOLE_SIZE 4032
struct warden_console {
	uint32_t tail; /* total bytes written; ring index = tail % SIZE */
	uint32_t lost; /* reserved */
	uint64_t reserved[7];
	char buf[WARDEN_CONSOLE_SIZE];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_console) == 4096, "ABI size");

#endif /* WARDEN_FIRMWARE_H */
