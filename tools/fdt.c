// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flattened device tree parser (Devicetree Specification v0.4, chapter 5:
 * header, memory reservation block, structure block, strings block).
 * Every offset, length and string of the blob is checked against its block
 * before it is used; the index then holds only checked pointers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_HEADER_SIZE 40u
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u
#define FDT_MAX_RSV 256

/* The header fields (5.2), all big-endian 32-bit. */
enum fdt_hdr {
	FDT_H_MAGIC,
	FDT_H_TOTALSIZE,
	FDT_H_OFF_STRUCT,
	FDT_H_OFF_STRINGS,
	FDT_H_OFF_RSVMAP,
	FDT_H_VERSION,
	FDT_H_LAST_COMP,
	FDT_H_BOOT_CPUID,
	FDT_H_SIZE_STRINGS,
	FDT_H_SIZE_STRUCT,
};

/* The parser's state: the checked blocks and where it is. */
struct fdt_walk {
	struct fdt *f;
	const uint8_t *sb; /* structure block */
	uint32_t ss, pos;
	const char *strs; /* strings block */
	uint32_t strs_size;
	int stack[FDT_MAX_DEPTH];
	int depth;
	int cap_nodes, cap_props;
	char *err;
	size_t err_len;
};

static uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

uint64_t fdt_cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < n; i++)
		v = v << 32 | fdt_be32(p + (size_t)i * 4);
	return v;
}

static int fdt_fail(struct fdt_walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fdt_fail(struct fdt_walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, w->err_len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* [off, off + len) within total, without wrapping. */
static int fdt_in(uint32_t off, uint32_t len, uint32_t total)
{
	return off <= total && len <= total - off;
}

static int fdt_check_header(struct fdt_walk *w, const uint8_t *b, size_t size)
{
	uint32_t h[10], total, i;

	if (size < FDT_HEADER_SIZE)
		return fdt_fail(w, "%zu bytes: shorter than a DTB header",
				size);
	for (i = 0; i < 10; i++)
		h[i] = fdt_be32(b + (size_t)i * 4);
	if (h[FDT_H_MAGIC] != FDT_MAGIC)
		return fdt_fail(w, "not a DTB (magic 0x%08x, not 0x%08x)",
				h[FDT_H_MAGIC], FDT_MAGIC);
	total = h[FDT_H_TOTALSIZE];
	if (total < FDT_HEADER_SIZE || total > size)
		return fdt_fail(w,
				"header totalsize %u, but the file has %zu "
				"bytes",
				total, size);
	if (h[FDT_H_VERSION] < 17 || h[FDT_H_LAST_COMP] > 17)
		return fdt_fail(w,
				"DTB version %u (compatible down to %u); "
				"version 17 is supported",
				h[FDT_H_VERSION], h[FDT_H_LAST_COMP]);
	if (!fdt_in(h[FDT_H_OFF_STRUCT], h[FDT_H_SIZE_STRUCT], total) ||
	    h[FDT_H_OFF_STRUCT] % 4 || h[FDT_H_SIZE_STRUCT] % 4)
		return fdt_fail(w,
				"structure block (0x%x+0x%x) is outside the "
				"blob or misaligned",
				h[FDT_H_OFF_STRUCT], h[FDT_H_SIZE_STRUCT]);
	if (!fdt_in(h[FDT_H_OFF_STRINGS], h[FDT_H_SIZE_STRINGS], total))
		return fdt_fail(w,
				"strings block (0x%x+0x%x) is outside the "
				"blob",
				h[FDT_H_OFF_STRINGS], h[FDT_H_SIZE_STRINGS]);
	if (h[FDT_H_OFF_RSVMAP] % 8 || h[FDT_H_OFF_RSVMAP] > total)
		return fdt_fail(w,
				"memory reservation block at 0x%x is "
				"outside the blob or misaligned",
				h[FDT_H_OFF_RSVMAP]);
	w->sb = b + h[FDT_H_OFF_STRUCT];
	w->ss = h[FDT_H_SIZE_STRUCT];
	w->strs = (const char *)b + h[FDT_H_OFF_STRINGS];
	w->strs_size = h[FDT_H_SIZE_STRINGS];
	w->f->boot_cpuid = h[FDT_H_BOOT_CPUID];
	return 0;
}

/* The (address, size) pairs up to the (0, 0) that ends them (5.3). */
static int fdt_read_rsvmap(struct fdt_walk *w, const uint8_t *b, uint32_t off,
			   uint32_t total)
{
	struct fdt *f = w->f;

	f->rsv = calloc(FDT_MAX_RSV, sizeof(*f->rsv));
	if (!f->rsv)
		return -ENOMEM;
	for (;;) {
		uint64_t addr, size;

		if (!fdt_in(off, 16, total))
			return fdt_fail(w, "memory reservation block runs "
					   "off the blob");
		addr = fdt_cells(b + off, 2);
		size = fdt_cells(b + off + 8, 2);
		off += 16;
		if (!addr && !size)
			return 0;
		if (f->num_rsv == FDT_MAX_RSV)
			return fdt_fail(w, "more than %d memory reservations",
					FDT_MAX_RSV);
		f->rsv[f->num_rsv].address = addr;
		f->rsv[f->num_rsv++].size = size;
	}
}

static int fdt_grow(void **arr, int *cap, int need, size_t elem)
{
	void *n;
	int c;

	if (need <= *cap)
		return 0;
	c = *cap ? *cap * 2 : 256;
	n = realloc(*arr, (size_t)c * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = c;
	return 0;
}

/* A NUL-terminated string at w->pos within the structure block. */
static const char *fdt_struct_str(struct fdt_walk *w, uint32_t *len)
{
	const char *s = (const char *)w->sb + w->pos;
	const char *nul = memchr(s, '\0', w->ss - w->pos);

	if (!nul)
		return NULL;
	*len = (uint32_t)(nul - s);
	return s;
}

static uint32_t fdt_align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

static int fdt_begin_node(struct fdt_walk *w)
{
	struct fdt *f = w->f;
	struct fdt_node *n;
	const char *name;
	uint32_t len;
	int idx = f->num_nodes, parent;

	name = fdt_struct_str(w, &len);
	if (!name)
		return fdt_fail(w,
				"node name at 0x%x runs off the structure "
				"block",
				w->pos);
	if (w->depth == FDT_MAX_DEPTH)
		return fdt_fail(w, "nodes nest deeper than %d", FDT_MAX_DEPTH);
	if (w->depth == 0 && idx > 0)
		return fdt_fail(w, "a second root node at 0x%x", w->pos);
	if (fdt_grow((void **)&f->nodes, &w->cap_nodes, idx + 1, sizeof(*n)))
		return -ENOMEM;
	w->pos += fdt_align4(len + 1);
	parent = w->depth ? w->stack[w->depth - 1] : -1;
	n = &f->nodes[idx];
	*n =
		(struct fdt_node){ name,	 parent, -1,	  -1,
				   f->num_props, 0,	 w->depth };
	if (parent >= 0) {
		int *link = &f->nodes[parent].first_child;

		while (*link >= 0)
			link = &f->nodes[*link].next_sibling;
		*link = idx;
	}
	w->stack[w->depth++] = idx;
	f->num_nodes++;
	return 0;
}

static int fdt_add_prop(struct fdt_walk *w)
{
	struct fdt *f = w->f;
	struct fdt_node *n;
	uint32_t len, nameoff;

	if (!w->depth)
		return fdt_fail(w, "property outside any node at 0x%x", w->pos);
	if (!fdt_in(w->pos, 8, w->ss))
		return fdt_fail(w,
				"property header at 0x%x runs off the "
				"structure block",
				w->pos);
	len = fdt_be32(w->sb + w->pos);
	nameoff = fdt_be32(w->sb + w->pos + 4);
	w->pos += 8;
	if (!fdt_in(w->pos, len, w->ss))
		return fdt_fail(w,
				"property value (%u bytes at 0x%x) runs off "
				"the structure block",
				len, w->pos);
	if (nameoff >= w->strs_size ||
	    !memchr(w->strs + nameoff, '\0', w->strs_size - nameoff))
		return fdt_fail(w,
				"property name offset 0x%x is outside the "
				"strings block",
				nameoff);
	n = &f->nodes[w->stack[w->depth - 1]];
	if (n->first_prop + n->num_props != f->num_props)
		return fdt_fail(w, "property at 0x%x after a subnode", w->pos);
	if (fdt_grow((void **)&f->props, &w->cap_props, f->num_props + 1,
		     sizeof(*f->props)))
		return -ENOMEM;
	f->props[f->num_props++] =
		(struct fdt_prop){ w->strs + nameoff, w->sb + w->pos, len };
	n->num_props++;
	w->pos += fdt_align4(len);
	return 0;
}

/* One token of the structure block (5.4); 1 once FDT_END is reached. */
static int fdt_token(struct fdt_walk *w)
{
	uint32_t tok;

	if (!fdt_in(w->pos, 4, w->ss))
		return fdt_fail(w, "structure block ends without FDT_END");
	tok = fdt_be32(w->sb + w->pos);
	w->pos += 4;
	switch (tok) {
	case FDT_BEGIN_NODE:
		return fdt_begin_node(w);
	case FDT_END_NODE:
		if (!w->depth)
			return fdt_fail(w,
					"FDT_END_NODE at 0x%x closes no node",
					w->pos - 4);
		w->depth--;
		return 0;
	case FDT_PROP:
		return fdt_add_prop(w);
	case FDT_NOP:
		return 0;
	case FDT_END:
		if (w->depth || !w->f->num_nodes)
			return fdt_fail(w,
					"FDT_END at 0x%x inside a node or "
					"before the root",
					w->pos - 4);
		return 1;
	default:
		return fdt_fail(w, "unknown token 0x%x at 0x%x", tok,
				w->pos - 4);
	}
}

int fdt_parse(struct fdt *f, const void *blob, size_t size, char *err,
	      size_t err_len)
{
	struct fdt_walk w = { .f = f, .err = err, .err_len = err_len };
	const uint8_t *b = blob;
	int ret;

	memset(f, 0, sizeof(*f));
	ret = fdt_check_header(&w, b, size);
	if (!ret)
		ret = fdt_read_rsvmap(&w, b, fdt_be32(b + 16), fdt_be32(b + 4));
	while (!ret)
		ret = fdt_token(&w);
	if (ret == -ENOMEM)
		snprintf(err, err_len, "out of memory");
	return ret < 0 ? ret : 0;
}

void fdt_free(struct fdt *f)
{
	free(f->nodes);
	free(f->props);
	free(f->rsv);
	memset(f, 0, sizeof(*f));
}

/* ---- lookups --------------------------------------------------------- */

/* Does a path component (len bytes) name node n? */
static int fdt_name_match(const char *name, const char *comp, size_t len)
{
	if (!strncmp(name, comp, len) && (!name[len] || name[len] == '@'))
		return !name[len] || memchr(comp, '@', len) == NULL;
	return 0;
}

int fdt_path(const struct fdt *f, const char *path)
{
	int node = 0;

	if (!f->num_nodes || path[0] != '/')
		return -1;
	while (*path) {
		size_t len;
		int c;

		path += strspn(path, "/");
		len = strcspn(path, "/");
		if (!len)
			break;
		for (c = f->nodes[node].first_child; c >= 0;
		     c = f->nodes[c].next_sibling)
			if (fdt_name_match(f->nodes[c].name, path, len))
				break;
		if (c < 0)
			return -1;
		node = c;
		path += len;
	}
	return node;
}

void fdt_node_path(const struct fdt *f, int node, char *buf, size_t size)
{
	int chain[FDT_MAX_DEPTH], n = 0;
	size_t len = 0;

	buf[0] = '\0';
	for (; node > 0 && n < FDT_MAX_DEPTH; node = f->nodes[node].parent)
		chain[n++] = node;
	if (!n)
		snprintf(buf, size, "/");
	while (n-- > 0 && len < size) {
		snprintf(buf + len, size - len, "/%s", f->nodes[chain[n]].name);
		len += strlen(buf + len);
	}
}

const void *fdt_prop(const struct fdt *f, int node, const char *name,
		     uint32_t *len)
{
	const struct fdt_node *n;
	int i;

	if (node < 0 || node >= f->num_nodes)
		return NULL;
	n = &f->nodes[node];
	for (i = n->first_prop; i < n->first_prop + n->num_props; i++)
		if (!strcmp(f->props[i].name, name)) {
			if (len)
				*len = f->props[i].len;
			return f->props[i].data;
		}
	return NULL;
}

int fdt_has_prop(const struct fdt *f, int node, const char *name)
{
	return fdt_prop(f, node, name, NULL) != NULL;
}

const char *fdt_prop_str(const struct fdt *f, int node, const char *name)
{
	uint32_t len;
	const char *s = fdt_prop(f, node, name, &len);

	if (!s || !len || s[len - 1] != '\0')
		return NULL;
	return s;
}

uint32_t fdt_prop_u32(const struct fdt *f, int node, const char *name,
		      uint32_t dflt)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(f, node, name, &len);

	return p && len == 4 ? fdt_be32(p) : dflt;
}

int fdt_prop_has_str(const struct fdt *f, int node, const char *name,
		     const char *str)
{
	uint32_t len, off = 0;
	const char *s = fdt_prop(f, node, name, &len);

	while (s && off < len) {
		const char *nul = memchr(s + off, '\0', len - off);

		if (!nul)
			return 0;
		if (!strcmp(s + off, str))
			return 1;
		off = (uint32_t)(nul - s) + 1;
	}
	return 0;
}

int fdt_compatible(const struct fdt *f, int node, const char *compat)
{
	return fdt_prop_has_str(f, node, "compatible", compat);
}

int fdt_enabled(const struct fdt *f, int node)
{
	const char *s = fdt_prop_str(f, node, "status");

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

int fdt_by_phandle(const struct fdt *f, uint32_t phandle)
{
	int i;

	if (!phandle || phandle == 0xffffffffu)
		return -1;
	for (i = 0; i < f->num_nodes; i++)
		if (fdt_prop_u32(f, i, "phandle", 0) == phandle ||
		    fdt_prop_u32(f, i, "linux,phandle", 0) == phandle)
			return i;
	return -1;
}

/* ---- addresses (2.3.5, 2.3.6, 2.3.8) ---------------------------------- */

uint32_t fdt_addr_cells(const struct fdt *f, int node)
{
	return fdt_prop_u32(f, node, "#address-cells", 2);
}

uint32_t fdt_size_cells(const struct fdt *f, int node)
{
	return fdt_prop_u32(f, node, "#size-cells", 1);
}

int fdt_reg_count(const struct fdt *f, int node)
{
	int parent = f->nodes[node].parent;
	uint32_t len, ac, sc;

	if (parent < 0 || !fdt_prop(f, node, "reg", &len))
		return 0;
	ac = fdt_addr_cells(f, parent);
	sc = fdt_size_cells(f, parent);
	/* one or two cells each: a wider address is not a CPU address */
	if (ac < 1 || ac > 2 || sc > 2 || len % (4 * (ac + sc)))
		return 0;
	return (int)(len / (4 * (ac + sc)));
}

/* One step up: bus's child address into bus's parent's address space. */
static int fdt_translate_step(const struct fdt *f, int bus, uint64_t *addr)
{
	int parent = f->nodes[bus].parent;
	uint32_t len, ac, pac, sc, entry, off;
	const uint8_t *r;

	if (parent < 0)
		return 0; /* the root's children: CPU addresses */
	r = fdt_prop(f, bus, "ranges", &len);
	if (!r)
		return -ENOENT;
	if (!len)
		return 0; /* identity */
	ac = fdt_addr_cells(f, bus);
	sc = fdt_size_cells(f, bus);
	pac = fdt_addr_cells(f, parent);
	entry = 4 * (ac + pac + sc);
	if (ac < 1 || ac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2 ||
	    len % entry)
		return -ENOENT;
	for (off = 0; off < len; off += entry) {
		uint64_t child = fdt_cells(r + off, ac);
		uint64_t up = fdt_cells(r + off + (size_t)ac * 4, pac);
		uint64_t size = fdt_cells(r + off + (size_t)(ac + pac) * 4, sc);

		if (*addr >= child && *addr - child < size) {
			*addr = up + (*addr - child);
			return 0;
		}
	}
	return -ENOENT;
}

int fdt_translate(const struct fdt *f, int bus, uint64_t *addr)
{
	int ret = 0;

	for (; bus > 0 && !ret; bus = f->nodes[bus].parent)
		ret = fdt_translate_step(f, bus, addr);
	return ret;
}

int fdt_reg(const struct fdt *f, int node, int i, uint64_t *addr,
	    uint64_t *size)
{
	int parent = f->nodes[node].parent;
	uint32_t ac, sc;
	const uint8_t *r;

	if (i < 0 || i >= fdt_reg_count(f, node))
		return -ENOENT;
	ac = fdt_addr_cells(f, parent);
	sc = fdt_size_cells(f, parent);
	r = fdt_prop(f, node, "reg", NULL);
	r += (size_t)i * 4 * (ac + sc);
	*addr = fdt_cells(r, ac);
	*size = fdt_cells(r + (size_t)ac * 4, sc);
	return fdt_translate(f, parent, addr);
}
