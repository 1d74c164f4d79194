/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A read-only flattened device tree (DTB) parser for the CLI's config
 * generator.  fdt_parse() checks the whole blob once (Devicetree
 * Specification v0.4, chapter 5) and indexes its nodes and properties, so
 * that no later lookup can read outside it.  The blob must stay alive while
 * the index is used.
 */
#ifndef WARDEN_TOOLS_FDT_H
#define WARDEN_TOOLS_FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_DEPTH 64
#define FDT_ERR_LEN 160

struct fdt_node {
	const char *name; /* "uart@9000000"; "" for the root */
	int parent; /* -1 for the root */
	int first_child, next_sibling; /* -1: none */
	int first_prop, num_props; /* in fdt.props[] */
	int depth;
};

struct fdt_prop {
	const char *name;
	const uint8_t *data;
	uint32_t len;
};

struct fdt_rsv {
	uint64_t address, size;
};

struct fdt {
	struct fdt_node *nodes;
	int num_nodes;
	struct fdt_prop *props;
	int num_props;
	struct fdt_rsv *rsv; /* the memory reservation block */
	int num_rsv;
	uint32_t boot_cpuid;
};

/*
 * Check and index blob[size].  Returns 0, or -EINVAL with the reason in
 * err (or -ENOMEM).  fdt_free() releases the index in either case.
 */
int fdt_parse(struct fdt *f, const void *blob, size_t size, char *err,
	      size_t err_len);
void fdt_free(struct fdt *f);

/* "/soc/serial@9000000": components match a name, or its part before '@'. */
int fdt_path(const struct fdt *f, const char *path);
/* The node's full path into buf. */
void fdt_node_path(const struct fdt *f, int node, char *buf, size_t size);
int fdt_by_phandle(const struct fdt *f, uint32_t phandle);

/* A property's value, or NULL; *len its length. */
const void *fdt_prop(const struct fdt *f, int node, const char *name,
		     uint32_t *len);
/* A string property (NUL-terminated within its length), or NULL. */
const char *fdt_prop_str(const struct fdt *f, int node, const char *name);
/* A one-cell property, or dflt if absent or not one cell. */
uint32_t fdt_prop_u32(const struct fdt *f, int node, const char *name,
		      uint32_t dflt);
int fdt_has_prop(const struct fdt *f, int node, const char *name);
/* Is str one of the strings of the stringlist property name? */
int fdt_prop_has_str(const struct fdt *f, int node, const char *name,
		     const char *str);
int fdt_compatible(const struct fdt *f, int node, const char *compat);
/* status absent, "okay" or "ok" */
int fdt_enabled(const struct fdt *f, int node);

/* Big-endian cells: n (1 or 2) of them at p as one number. */
uint64_t fdt_cells(const uint8_t *p, uint32_t n);
/* #address-cells and #size-cells that apply to node's children. */
uint32_t fdt_addr_cells(const struct fdt *f, int node);
uint32_t fdt_size_cells(const struct fdt *f, int node);

/* How many (address, size) entries node's reg has; 0 if malformed. */
int fdt_reg_count(const struct fdt *f, int node);
/*
 * Entry i of node's reg, translated through its parents' ranges into a CPU
 * physical address.  Returns 0, or -ENOENT if the address is not a CPU
 * address (a bus without ranges: I2C, SPI, MDIO, the /cpus node...).
 */
int fdt_reg(const struct fdt *f, int node, int i, uint64_t *addr,
	    uint64_t *size);
/* Translate a child address of bus node's children to a CPU address. */
int fdt_translate(const struct fdt *f, int bus, uint64_t *addr);

#endif /* WARDEN_TOOLS_FDT_H */
