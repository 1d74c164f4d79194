/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small flattened device tree (DTB) writer: version 17 blobs
 * (Devicetree Specification v0.4, chapter 5) built node by node, with a
 * deduplicated strings block and a memory reservation block, within a hard
 * cap on the blob's size and on the number of nodes.
 *
 * Errors are sticky: the first one (a negative errno) is kept, every later
 * call returns it and does nothing, and fdtwrite_finish() reports it.  A
 * caller may therefore check only the result of fdtwrite_finish().
 *   -EINVAL  a malformed name, a property outside a node or after a
 *            subnode, a duplicate property, unbalanced nodes
 *   -E2BIG   more nodes, nesting or properties of a node than allowed
 *   -ENOSPC  the blob would exceed its cap
 *   -ENOMEM  out of memory
 */
#ifndef WARDEN_TOOLS_FDTWRITE_H
#define WARDEN_TOOLS_FDTWRITE_H

#include <stddef.h>
#include <stdint.h>

#define FDTWRITE_MAX_DEPTH 16
#define FDTWRITE_MAX_PROPS 64 /* of one node */
#define FDTWRITE_MAX_RSV 16
#define FDTWRITE_NAME_MAX 31 /* DT spec 2.2.1 and 2.2.4.1 */

struct fdtwrite {
	uint8_t *st; /* structure block */
	uint32_t st_len, st_cap;
	char *str; /* strings block */
	uint32_t str_len, str_cap;
	uint64_t rsv[FDTWRITE_MAX_RSV][2];
	int num_rsv;
	uint32_t max_size; /* of the whole blob */
	int max_nodes, num_nodes;
	int depth;
	int has_child; /* the open node has a subnode: no more properties */
	uint32_t props[FDTWRITE_MAX_PROPS]; /* the open node's name offsets */
	int num_props;
	uint32_t boot_cpuid;
	int err;
};

/* An empty tree of at most max_size bytes and max_nodes nodes. */
void fdtwrite_init(struct fdtwrite *w, uint32_t max_size, int max_nodes);
void fdtwrite_free(struct fdtwrite *w);

/* The header's boot_cpuid_phys: the boot CPU's reg (5.2). */
void fdtwrite_boot_cpu(struct fdtwrite *w, uint32_t cpuid);
/* An entry of the memory reservation block (5.3). */
int fdtwrite_rsv(struct fdtwrite *w, uint64_t addr, uint64_t size);

/* "" for the root, then "name" or "name@unit". */
int fdtwrite_begin_node(struct fdtwrite *w, const char *name);
int fdtwrite_end_node(struct fdtwrite *w);

int fdtwrite_prop(struct fdtwrite *w, const char *name, const void *data,
		  uint32_t len);
int fdtwrite_prop_empty(struct fdtwrite *w, const char *name);
int fdtwrite_prop_u32(struct fdtwrite *w, const char *name, uint32_t v);
int fdtwrite_prop_u64(struct fdtwrite *w, const char *name, uint64_t v);
/* n cells, given in host order, written big-endian */
int fdtwrite_prop_cells(struct fdtwrite *w, const char *name,
			const uint32_t *cells, int n);
int fdtwrite_prop_str(struct fdtwrite *w, const char *name, const char *s);
/* n strings, each with its NUL, one after another (2.2.4.2 stringlist) */
int fdtwrite_prop_strlist(struct fdtwrite *w, const char *name,
			  const char *const *strs, int n);

/*
 * The blob (malloc'd, *size bytes), once every node is closed.  Returns 0
 * or the first error of the build.  The writer stays to be freed.
 */
int fdtwrite_finish(struct fdtwrite *w, void **blob, size_t *size);

#endif /* WARDEN_TOOLS_FDTWRITE_H */
