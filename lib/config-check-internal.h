/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the config validator shared by its two files:
 *   config-check.c       system configs, and the rules every cell obeys
 *   config-check-cell.c  inmate cell configs and conflicts between cells
 * Freestanding, like them (see config-check.c); not for other users.
 */
#ifndef CONFIG_CHECK_INTERNAL_H
#define CONFIG_CHECK_INTERNAL_H

#include "config-check.h"

/* SPIs start at INTID 32 (GICv3 spec, 2.2.1). */
#define CONFIG_CHECK_FIRST_SPI 32u
#define CONFIG_CHECK_PAGE_SIZE 0x1000ULL

/* "cells \"<a>\" and \"<b>\"" is the longest prefix. */
#define CONFIG_CHECK_PREFIX_MAX (32 + 2 * WARDEN_CELL_NAME_MAX)

struct config_check {
	config_report_fn report;
	void *ctx;
	unsigned int problems;
	/* platform of the system config, for the cell checks */
	const struct warden_system *sys;
	/* "system config \"root\"": names the config in every message */
	char prefix[CONFIG_CHECK_PREFIX_MAX];
};

#define CC_ULL(x) ((unsigned long long)(x))

/* Count one problem and report it, prefixed with the config's name. */
#define config_check_problem(c, fmt, ...)                              \
	do {                                                           \
		(c)->problems++;                                       \
		if ((c)->report)                                       \
			(c)->report((c)->ctx, "%s: " fmt, (c)->prefix, \
				    ##__VA_ARGS__);                    \
	} while (0)

/* align: a power of two */
static inline int config_check_aligned(uint64_t value, uint64_t align)
{
	return (value & (align - 1)) == 0;
}

/* Non-empty, and start + size does not wrap (the end is representable). */
static inline int config_check_range_ok(uint64_t start, uint64_t size)
{
	return size != 0 && size <= ~start;
}

/*
 * Addresses Warden's page tables reach: four levels of 4 KiB tables, 48
 * bits (a CPU may implement fewer; the hypervisor checks that at run time).
 */
#define CONFIG_CHECK_ADDR_LIMIT (1ULL << 48)

/* A valid range (config_check_range_ok()) that ends within the limit. */
static inline int config_check_in_reach(uint64_t start, uint64_t size)
{
	return start < CONFIG_CHECK_ADDR_LIMIT &&
	       size <= CONFIG_CHECK_ADDR_LIMIT - start;
}

/* Both ranges must satisfy config_check_range_ok(). */
static inline int config_check_overlap(uint64_t a, uint64_t a_size, uint64_t b,
				       uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

/* [a, a + a_size) lies within [b, b + b_size); both ranges valid. */
static inline int config_check_inside(uint64_t a, uint64_t a_size, uint64_t b,
				      uint64_t b_size)
{
	return a >= b && a + a_size <= b + b_size;
}

/* The cpu_set bits of CPUs 0..num_cpus-1 (64 of them fill the mask). */
static inline uint64_t config_check_cpu_mask(unsigned int num_cpus)
{
	return num_cpus >= 64 ? ~0ULL : (1ULL << num_cpus) - 1;
}

/* Is the region an inmate cell's comm region (no physical address)? */
static inline int config_check_is_comm(const struct warden_memory *m,
				       int is_root)
{
	return !is_root && (m->flags & WARDEN_MEM_COMM_REGION);
}

/* A link's region is a usable range (sizes sane, no wrap-around). */
static inline int config_check_link_range_ok(const struct warden_link *l)
{
	uint64_t max = ~0ULL;

	return l->section_size != 0 && l->section_size <= max / 4 &&
	       l->common_size <= max / 2 &&
	       config_check_range_ok(l->phys_start, warden_link_size(l)) &&
	       config_check_range_ok(l->virt_start, warden_link_size(l));
}

/* A GIC frame that every cell sees at its physical address. */
struct config_check_frame {
	const char *name;
	uint64_t base, size;
};

#define CONFIG_CHECK_MAX_FRAMES 2

/*
 * The frames of the platform's GIC (checked) that a cell reaches at their
 * physical addresses: the distributor, and the GICv3 redistributors or the
 * GICv2 CPU interface.  Returns how many (at most CONFIG_CHECK_MAX_FRAMES).
 */
unsigned int config_check_gic_frames(const struct warden_platform *p,
				     struct config_check_frame *f);

/* A UART type's name in messages, or "" for an unknown type. */
const char *config_check_uart_name(uint32_t type);
/* The alignment of a UART type's register block (config.h). */
uint64_t config_check_uart_align(uint32_t type);

int config_check_mem_equal(const char *a, const char *b, unsigned int len);
int config_check_name_ok(const char *name);
/* Append at most len bytes of s to the prefix. */
void config_check_prefix_add(struct config_check *c, const char *s,
			     unsigned int len);
/* Append " \"<name>\"" to the prefix, unless the name is not valid. */
void config_check_prefix_name(struct config_check *c, const char *name);
/* "<kind>" or "<kind> \"<name>\"" */
void config_check_set_prefix(struct config_check *c, const char *kind,
			     const char *name);
/* Returns 0 if the cell's arrays may be read (counts bounded). */
int config_check_cell_counts(struct config_check *c,
			     const struct warden_cell_desc *cell);
/*
 * Every rule a cell obeys, root or not, once its counts are bounded and its
 * blob size matches them: header, name, cpu_set within the platform of
 * c->sys, each memory region and IRQ range, overlaps within the cell.
 */
void config_check_cell_common(struct config_check *c,
			      const struct warden_cell_desc *cell, int is_root);

/* config-check-link.c */
void config_check_links(struct config_check *c,
			const struct warden_cell_desc *cell, int is_root);
void config_check_links_pair(struct config_check *c,
			     const struct warden_cell_desc *a,
			     const struct warden_cell_desc *b, int b_is_root);
void config_check_links_root(struct config_check *c,
			     const struct warden_cell_desc *cell);

#endif /* CONFIG_CHECK_INTERNAL_H */
