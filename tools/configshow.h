/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden config show`: what configshow.c (loading, checking, bounds, the
 * text form and the words both forms use) shares with configjson.c (the
 * --json form).
 *
 * A config is shown from a view whose pointers all lie inside the blob: a
 * part that the file is too short for is NULL, and an array holds only the
 * entries that are wholly in the file, whatever its count claims.  So a
 * corrupt or truncated file is shown as far as it goes, and never read past.
 */
#ifndef WARDEN_TOOLS_CONFIGSHOW_H
#define WARDEN_TOOLS_CONFIGSHOW_H

#include <stddef.h>
#include <stdint.h>

#include <warden/config.h>

#include "json.h"

enum configshow_kind {
	CONFIGSHOW_UNKNOWN,
	CONFIGSHOW_SYSTEM,
	CONFIGSHOW_CELL,
};

/* A cell's descriptor and arrays, cut to what the blob holds. */
struct configshow_cell {
	const struct warden_cell_desc *desc; /* NULL: header not in the file */
	const struct warden_memory *mem;
	const struct warden_irq_range *irqs;
	const struct warden_link *links;
	const struct warden_pci_device *pci;
	/* entries in the file; the counts in desc may claim more */
	uint32_t num_mem, num_irqs, num_links, num_pci;
};

/* One file as shown. */
struct configshow_file {
	const char *path;
	size_t size;
	enum configshow_kind kind;
	/* system configs: each part, or NULL if the file ends before it */
	const uint8_t *sys_header; /* signature, revision, arch, flags */
	const struct warden_memory *hv_mem;
	const struct warden_platform *platform;
	/* the root cell of a system config, or the cell of a cell config */
	struct configshow_cell cell;
	/* problems the config checker found (0: valid) */
	unsigned int problems;
	/* cell configs: checked against a system config (else layout only) */
	const char *checked_against;
};

/* The text form's words, shared with the JSON form. */

/* Number of WARDEN_MEM_* flags with a name (configshow_mem_flag()). */
#define CONFIGSHOW_MEM_FLAGS 8
/* The name of bit `bit` of warden_memory.flags, or NULL. */
const char *configshow_mem_flag(unsigned int bit);
/* "0-1,3" for a CPU mask; "none" if empty.  size >= 192 holds any mask. */
void configshow_cpu_list(char *buf, size_t size, uint64_t mask);
/* "PL011", "none", or NULL if the type is unknown. */
const char *configshow_uart_name(uint32_t type);
/* The architecture's name, or NULL if unknown. */
const char *configshow_arch_name(uint16_t arch);

/* configjson.c: the --json form of one file. */
void configjson_file(struct json *j, const struct configshow_file *f);
/* A file that could not be read: its path and why. */
void configjson_unreadable(struct json *j, const char *path,
			   const char *reason);

#endif /* WARDEN_TOOLS_CONFIGSHOW_H */
