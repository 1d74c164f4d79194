/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `warden config create`: a system config, as C source, from a device tree
 * and what Linux leaves free of RAM.
 */
#ifndef WARDEN_TOOLS_CONFIGGEN_H
#define WARDEN_TOOLS_CONFIGGEN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "fdt.h"

#define CONFIGGEN_MAX_RANGES 256

/*
 * What config create says on stderr: a refusal (no config is written) or
 * a note (a decision for the user to review), one line each.
 */
#define CONFIGGEN_REFUSAL "warden: config create: "
#define CONFIGGEN_NOTE "note: "
void configgen_vsay(const char *prefix, const char *fmt, va_list ap);

struct configgen_range {
	uint64_t start, size;
};

/* An interrupt Linux has a handler for (/proc/interrupts). */
struct configgen_irq {
	uint32_t intid;
	char name[32];
};

#define CONFIGGEN_MAX_IRQS 128

/* Live: the GIC interrupts of /proc/interrupts; the count, or < 0. */
int configgen_linux_irqs(const char *text, struct configgen_irq *irqs, int max);

struct configgen_opts {
	const char *source; /* where the DTB came from, for the header */
	/* RAM Linux uses: its "System RAM" (live), or none given */
	struct configgen_range linux_ram[CONFIGGEN_MAX_RANGES];
	int num_linux_ram;
	uint64_t linux_mem; /* offline: mem= SIZE; 0 if linux_ram is given */
	unsigned int linux_percent; /* or this share of the RAM, 1-99 */
	/* RAM, if given: instead of the DT's (which a boot loader fills) */
	struct configgen_range ram[CONFIGGEN_MAX_RANGES];
	int num_ram;
	uint64_t hv_mem; /* hypervisor memory size */
	const char *console; /* NULL: the DT's; "none"; a path or address */
	/* live: the SPIs Linux drives, for the comments */
	struct configgen_irq linux_irqs[CONFIGGEN_MAX_IRQS];
	int num_linux_irqs;
};

/*
 * Generate into out.  Problems that forbid a config go to stderr and make
 * it return -EINVAL with nothing written; decisions it could not make for
 * certain are explained on stderr as notes.
 */
int configgen_system(const struct fdt *f, const struct configgen_opts *o,
		     FILE *out);

/*
 * The SMMUv3 that the hypervisor takes, and the PCI host bridge behind it
 * (configgen-pci.c): what goes into struct warden_platform, and what
 * leaves the root cell.
 */
#define CONFIGGEN_SMMU_MAX_IRQS 8

struct configgen_pci {
	char smmu_path[128], host_path[128]; /* "": none */
	uint64_t smmu_base; /* 0: no SMMU taken */
	uint32_t smmu_evtq_irq, smmu_gerror_irq;
	/* every SPI of the SMMU, named: the hypervisor's, not the root's */
	uint32_t smmu_irqs[CONFIGGEN_SMMU_MAX_IRQS];
	char smmu_irq_names[CONFIGGEN_SMMU_MAX_IRQS][16];
	int num_smmu_irqs;
	uint64_t ecam_base; /* 0: no PCI function can go to a cell */
	uint8_t bus_first, bus_last;
	uint16_t intx_irq; /* 0: not described */
	uint32_t stream_base;
};

/*
 * Find them in f, whose GIC is node gic: fills p, explains each decision
 * on stderr (refusals as config create's, the rest as notes), and
 * returns the number of refusals.
 */
int configgen_pci(const struct fdt *f, int gic, struct configgen_pci *p);
/* Their parts of the C source: header lines, platform fields, IRQs. */
void configgen_pci_emit_header(const struct configgen_pci *p, FILE *out);
void configgen_pci_emit_platform(const struct configgen_pci *p, FILE *out);
void configgen_pci_emit_irqs(const struct configgen_pci *p, FILE *out);

/* "4M", "768M", "1G", "0x400000": bytes, or 0 if malformed. */
uint64_t configgen_parse_size(const char *s);

#endif /* WARDEN_TOOLS_CONFIGGEN_H */
