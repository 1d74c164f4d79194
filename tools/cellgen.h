/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden config cell-create`: an inmate cell config, as C source, from a
 * few options, checked against the system config it will run under.
 */
#ifndef WARDEN_TOOLS_CELLGEN_H
#define WARDEN_TOOLS_CELLGEN_H

#include <stdint.h>
#include <stdio.h>

#include <warden/config.h>

#include "configgen.h"
#include "fdt.h"

#define CELLGEN_MAX_ITEMS 32
#define CELLGEN_MAX_WITH 8

struct cellgen_opts {
	const struct warden_system *sys; /* checked; its blob follows */
	uint64_t sys_size;
	const char *sys_path;
	const char *name;
	uint64_t cpu_set;
	uint64_t ram_size;
	uint64_t ram_at; /* physical address; 0: choose */
	uint64_t ram_ipa; /* where the cell sees it, and starts */
	/* RAM Linux uses (it must stay out of there) */
	struct configgen_range linux_ram[CONFIGGEN_MAX_RANGES];
	int num_linux_ram;
	/* devices: DT paths, or addresses of a node's first reg */
	const char *devices[CELLGEN_MAX_ITEMS];
	int num_devices;
	const struct fdt *fdt; /* for the devices; may be NULL without */
	/* INTID ranges, besides the devices' SPIs */
	struct warden_irq_range irqs[CELLGEN_MAX_ITEMS];
	int num_irqs;
	/* PCI functions it owns: requester IDs (bus << 8 | dev << 3 | fn) */
	uint16_t pci[WARDEN_MAX_PCI_DEVICES];
	int num_pci;
	/* cells that run at the same time: no clash with them */
	const struct warden_cell_desc *with[CELLGEN_MAX_WITH];
	uint64_t with_size[CELLGEN_MAX_WITH];
	int num_with;
	int console; /* its console lines also go to the UART */
	/* live: the SPIs Linux drives now, to warn about */
	struct configgen_irq linux_irqs[CONFIGGEN_MAX_IRQS];
	int num_linux_irqs;
};

/*
 * Generate into out; problems go to stderr and make it return -EINVAL
 * with nothing written.
 */
int cellgen_cell(const struct cellgen_opts *o, FILE *out);

/* "2-3,5" into a cpu_set; -1 if malformed. */
int cellgen_parse_cpus(const char *s, uint64_t *set);
/* "40,48-50" into INTID ranges; the count, or -1 if malformed. */
int cellgen_parse_irqs(const char *s, struct warden_irq_range *r, int max);
/* "00:02.0,0000:01:00.1" into requester IDs; the count, or -1 if malformed. */
int cellgen_parse_pci(const char *s, uint16_t *bdf, int max);

#endif /* WARDEN_TOOLS_CELLGEN_H */
