/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device tree of a Linux cell, for `warden cell linux`: what a stock
 * arm64 kernel needs to boot in the cell (Documentation/arm64/booting.rst
 * asks for a DTB) and nothing the cell cannot touch.  It holds the cell's
 * CPUs, PSCI through SMC, the cell's RAM, the GIC as the cell sees it, the
 * architected timer, /chosen, the devices of the cell's IO regions (copied
 * from the root's own tree) and, optionally, a console PL011 that the
 * hypervisor emulates.  What it leaves out, and why, is given as notes.
 *
 * It also holds the cell's comm region (warden/cell.h), by which warden.ko
 * finds that it runs in a cell and answers the root's shutdown requests
 * (docs/linux-cells.md):
 *
 *     comm-region@80000000 {
 *             compatible = "warden,comm-region";
 *             reg = <0x0 0x80000000 0x0 0x1000>;
 *     };
 *
 * at the IPA and with the size of the config's WARDEN_MEM_COMM_REGION
 * region (in the root's 2 + 2 cells).  It is not RAM: no memory node
 * covers it.
 *
 * And one node per link of the cell (docs/links.md), as the cell sees it:
 *
 *     link@50000000 {
 *             compatible = "warden,link";
 *             reg = <0x0 0x50000000 0x0 0x5000>;   (the whole region)
 *             interrupts = <0 1 1>;                (doorbell SPI 33, edge)
 *             warden,name = "ctl";
 *             warden,peer = "root";
 *             warden,index = <0>;                  (x1 of the link calls)
 *             warden,side = <1>;                   (the cell's output section)
 *             warden,common-size = /bits/ 64 <0x1000>;
 *             warden,section-size = /bits/ 64 <0x2000>;
 *     };
 *
 * The region is laid out as config.h says: common section, then side 0's
 * and side 1's output sections.  Not RAM either.
 */
#ifndef WARDEN_TOOLS_LINUXDT_H
#define WARDEN_TOOLS_LINUXDT_H

#include <stddef.h>
#include <stdint.h>

#include <warden/config.h>

#include "fdt.h"

#define LINUXDT_MAX_SIZE 0x40000u /* the blob's cap unless told */
#define LINUXDT_MAX_NODES 512
#define LINUXDT_MAX_DEVICES 64 /* copied from the root's tree */
#define LINUXDT_MAX_CLOCKS 16 /* fixed clocks copied for them */
#define LINUXDT_MAX_NOTES 64
#define LINUXDT_NOTE_LEN 192
#define LINUXDT_CMDLINE_MAX 2048 /* arm64 COMMAND_LINE_SIZE, with NUL */

/* A PL011 that the hypervisor emulates for the cell, on a page of its own. */
struct linuxdt_console {
	uint64_t ipa; /* page aligned, outside the cell's memory regions */
	uint32_t intid; /* its interrupt: an SPI of the cell, as an INTID */
};

struct linuxdt_opts {
	const char *cmdline; /* /chosen bootargs, or NULL */
	uint64_t initrd_start; /* IPA, inside the cell's RAM */
	uint64_t initrd_size; /* 0: no initrd */
	const struct linuxdt_console *console; /* NULL: none */
	uint32_t max_size; /* the blob's cap; 0: LINUXDT_MAX_SIZE */
	int max_nodes; /* 0: LINUXDT_MAX_NODES */
};

struct linuxdt_out {
	void *dtb; /* malloc'd; linuxdt_free() */
	size_t size;
	/* what was left out and why, one line each */
	char notes[LINUXDT_MAX_NOTES][LINUXDT_NOTE_LEN];
	int num_notes;
	int lost_notes; /* past LINUXDT_MAX_NOTES */
	char err[LINUXDT_NOTE_LEN]; /* why linuxdt_build() failed */
};

/*
 * The tree of cell (which passed config_check_cell() against sys, which
 * passed config_check_system()).  root is the root cell's own tree, parsed
 * by fdt_parse(), or NULL: then the CPUs and the timer are described
 * generically and no device is copied.  Returns 0 with out->dtb set, or a
 * negative errno with the reason in out->err:
 *   -EINVAL  the cell cannot run Linux as asked (no RAM, an initrd outside
 *            its RAM, a console on a page or an SPI it cannot have...)
 *   -E2BIG   more devices, clocks, nodes or command line than allowed
 *   -ENOSPC  the tree would exceed its cap
 *   -ENOMEM
 */
int linuxdt_build(const struct warden_system *sys,
		  const struct warden_cell_desc *cell, const struct fdt *root,
		  const struct linuxdt_opts *o, struct linuxdt_out *out);
void linuxdt_free(struct linuxdt_out *out);

#endif /* WARDEN_TOOLS_LINUXDT_H */
