// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flattened device tree writer (Devicetree Specification v0.4, chapter 5).
 * The structure and strings blocks grow in two buffers, each realloc'd
 * only while the blob they make stays under its cap; fdtwrite_finish()
 * lays out header, memory reservation block, structure block and strings
 * block, in that order (5.1), in one allocation.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fdtwrite.h"

#define FDTWRITE_MAGIC 0xd00dfeedu
#define FDTWRITE_VERSION 17u
#define FDTWRITE_LAST_COMP 16u /* 5.2: v17 stays readable by v16 parsers */
#define FDTWRITE_HEADER 40u
#define FDTWRITE_BEGIN_NODE 1u
#define FDTWRITE_END_NODE 2u
#define FDTWRITE_PROP 3u
#define FDTWRITE_END 9u

static void fdtwrite_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void fdtwrite_be64(uint8_t *p, uint64_t v)
{
	fdtwrite_be32(p, (uint32_t)(v >> 32));
	fdtwrite_be32(p + 4, (uint32_t)v);
}

static int fdtwrite_fail(struct fdtwrite *w, int err)
{
	if (!w->err)
		w->err = err;
	return w->err;
}

void fdtwrite_init(struct fdtwrite *w, uint32_t max_size, int max_nodes)
{
	memset(w, 0, sizeof(*w));
	w->max_size = max_size;
	w->max_nodes = max_nodes;
}

void fdtwrite_free(struct fdtwrite *w)
{
	free(w->st);
	free(w->str);
	w->st = NULL;
	w->str = NULL;
	w->st_len = w->st_cap = w->str_len = w->str_cap = 0;
}

void fdtwrite_boot_cpu(struct fdtwrite *w, uint32_t cpuid)
{
	w->boot_cpuid = cpuid;
}

/* The blob's size if the two blocks grew by st_more and str_more bytes. */
static uint64_t fdtwrite_total(const struct fdtwrite *w, uint32_t st_more,
			       uint32_t str_more)
{
	return (uint64_t)FDTWRITE_HEADER +
	       (uint64_t)(w->num_rsv + 1) * 16 + /* with the (0, 0) end */
	       (uint64_t)w->st_len + st_more + 4 + /* with FDT_END */
	       (uint64_t)w->str_len + str_more;
}

/* Room for len more bytes in a buffer; the cap was checked already. */
static int fdtwrite_room(void **buf, uint32_t *cap, uint32_t used, uint32_t len)
{
	uint32_t want = *cap ? *cap : 256;
	void *n;

	while (want - used < len)
		want = want > UINT32_MAX / 2 ? UINT32_MAX : want * 2;
	if (want == *cap)
		return 0;
	n = realloc(*buf, want);
	if (!n)
		return -ENOMEM;
	*buf = n;
	*cap = want;
	return 0;
}

/* Append len bytes (NULL: zeros), padded with zeros to 4 bytes (5.4.2). */
static int fdtwrite_struct(struct fdtwrite *w, const void *data, uint32_t len)
{
	uint32_t padded = (len + 3u) & ~3u;

	if (padded < len || fdtwrite_total(w, padded, 0) > w->max_size)
		return fdtwrite_fail(w, -ENOSPC);
	if (fdtwrite_room((void **)&w->st, &w->st_cap, w->st_len, padded))
		return fdtwrite_fail(w, -ENOMEM);
	memset(w->st + w->st_len, 0, padded);
	if (data && len)
		memcpy(w->st + w->st_len, data, len);
	w->st_len += padded;
	return 0;
}

static int fdtwrite_token(struct fdtwrite *w, uint32_t token)
{
	uint8_t b[4];

	fdtwrite_be32(b, token);
	return fdtwrite_struct(w, b, 4);
}

/* The offset of name in the strings block, added once (5.5). */
static int fdtwrite_string(struct fdtwrite *w, const char *name, uint32_t *off)
{
	uint32_t len = (uint32_t)strlen(name) + 1, at = 0;

	while (at < w->str_len) {
		uint32_t have = (uint32_t)strlen(w->str + at) + 1;

		if (have == len && !memcmp(w->str + at, name, len)) {
			*off = at;
			return 0;
		}
		at += have;
	}
	if (fdtwrite_total(w, 0, len) > w->max_size)
		return fdtwrite_fail(w, -ENOSPC);
	if (fdtwrite_room((void **)&w->str, &w->str_cap, w->str_len, len))
		return fdtwrite_fail(w, -ENOMEM);
	memcpy(w->str + w->str_len, name, len);
	*off = w->str_len;
	w->str_len += len;
	return 0;
}

/* Characters of node names (2.2.1, table 2.1) and property names (2.2.4.1). */
static int fdtwrite_name_ok(const char *s, const char *extra)
{
	size_t len = strlen(s), i;

	if (!len || len > FDTWRITE_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
		    !(c >= 'A' && c <= 'Z') && !strchr(",._+-", c) &&
		    !strchr(extra, c))
			return 0;
	}
	return 1;
}

/* "name" or "name@unit"; the name starts with a letter (2.2.1). */
static int fdtwrite_node_name_ok(const char *name)
{
	const char *at = strchr(name, '@');
	char base[FDTWRITE_NAME_MAX + 1];
	size_t len = at ? (size_t)(at - name) : strlen(name);

	if (!len || len > FDTWRITE_NAME_MAX)
		return 0;
	memcpy(base, name, len);
	base[len] = '\0';
	if (!((base[0] >= 'a' && base[0] <= 'z') ||
	      (base[0] >= 'A' && base[0] <= 'Z')))
		return 0;
	if (!fdtwrite_name_ok(base, ""))
		return 0;
	return !at || fdtwrite_name_ok(at + 1, "");
}

int fdtwrite_begin_node(struct fdtwrite *w, const char *name)
{
	if (w->err)
		return w->err;
	if (w->depth ? !fdtwrite_node_name_ok(name) : name[0] != '\0')
		return fdtwrite_fail(w, -EINVAL);
	if (!w->depth && w->num_nodes)
		return fdtwrite_fail(w, -EINVAL); /* a second root */
	if (w->depth == FDTWRITE_MAX_DEPTH || w->num_nodes == w->max_nodes)
		return fdtwrite_fail(w, -E2BIG);
	if (fdtwrite_token(w, FDTWRITE_BEGIN_NODE) ||
	    fdtwrite_struct(w, name, (uint32_t)strlen(name) + 1))
		return w->err;
	w->depth++;
	w->num_nodes++;
	w->has_child = 0;
	w->num_props = 0;
	return 0;
}

int fdtwrite_end_node(struct fdtwrite *w)
{
	if (w->err)
		return w->err;
	if (!w->depth)
		return fdtwrite_fail(w, -EINVAL);
	if (fdtwrite_token(w, FDTWRITE_END_NODE))
		return w->err;
	w->depth--;
	/* back in the parent, which had a subnode: its properties are done */
	w->has_child = 1;
	return 0;
}

/* A property name, new to the open node: its strings-block offset. */
static int fdtwrite_prop_name(struct fdtwrite *w, const char *name,
			      uint32_t *off)
{
	int i;

	if (!w->depth || w->has_child || !fdtwrite_name_ok(name, "?#"))
		return fdtwrite_fail(w, -EINVAL);
	if (w->num_props == FDTWRITE_MAX_PROPS)
		return fdtwrite_fail(w, -E2BIG);
	if (fdtwrite_string(w, name, off))
		return w->err;
	for (i = 0; i < w->num_props; i++)
		if (w->props[i] == *off)
			return fdtwrite_fail(w, -EINVAL);
	w->props[w->num_props++] = *off;
	return 0;
}

int fdtwrite_prop(struct fdtwrite *w, const char *name, const void *data,
		  uint32_t len)
{
	uint8_t hdr[12];
	uint32_t off;

	if (w->err)
		return w->err;
	if (fdtwrite_prop_name(w, name, &off))
		return w->err;
	/* FDT_PROP, then len and nameoff (5.4.1) */
	fdtwrite_be32(hdr, FDTWRITE_PROP);
	fdtwrite_be32(hdr + 4, len);
	fdtwrite_be32(hdr + 8, off);
	if (fdtwrite_struct(w, hdr, sizeof(hdr)))
		return w->err;
	return fdtwrite_struct(w, data, len);
}

int fdtwrite_prop_empty(struct fdtwrite *w, const char *name)
{
	return fdtwrite_prop(w, name, NULL, 0);
}

int fdtwrite_prop_u32(struct fdtwrite *w, const char *name, uint32_t v)
{
	return fdtwrite_prop_cells(w, name, &v, 1);
}

int fdtwrite_prop_u64(struct fdtwrite *w, const char *name, uint64_t v)
{
	uint8_t b[8];

	fdtwrite_be64(b, v);
	return fdtwrite_prop(w, name, b, sizeof(b));
}

int fdtwrite_prop_cells(struct fdtwrite *w, const char *name,
			const uint32_t *cells, int n)
{
	uint8_t b[4 * 64];
	size_t i;

	if (n < 0 || n > 64)
		return fdtwrite_fail(w, -E2BIG);
	for (i = 0; i < (size_t)n; i++)
		fdtwrite_be32(b + 4 * i, cells[i]);
	return fdtwrite_prop(w, name, b, (uint32_t)(4 * n));
}

int fdtwrite_prop_str(struct fdtwrite *w, const char *name, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > w->max_size)
		return fdtwrite_fail(w, -ENOSPC);
	return fdtwrite_prop(w, name, s, (uint32_t)len);
}

int fdtwrite_prop_strlist(struct fdtwrite *w, const char *name,
			  const char *const *strs, int n)
{
	char b[512];
	size_t len = 0;
	int i;

	for (i = 0; i < n; i++) {
		size_t l = strlen(strs[i]) + 1;

		if (l > sizeof(b) - len)
			return fdtwrite_fail(w, -E2BIG);
		memcpy(b + len, strs[i], l);
		len += l;
	}
	return fdtwrite_prop(w, name, b, (uint32_t)len);
}

int fdtwrite_rsv(struct fdtwrite *w, uint64_t addr, uint64_t size)
{
	if (w->err)
		return w->err;
	if (!size)
		return fdtwrite_fail(w,
				     -EINVAL); /* (x, 0) would end the list */
	if (w->num_rsv == FDTWRITE_MAX_RSV)
		return fdtwrite_fail(w, -E2BIG);
	if (fdtwrite_total(w, 16, 0) > w->max_size)
		return fdtwrite_fail(w, -ENOSPC);
	w->rsv[w->num_rsv][0] = addr;
	w->rsv[w->num_rsv++][1] = size;
	return 0;
}

/* The header (5.2), then the reservations and their (0, 0) end (5.3). */
static void fdtwrite_head(const struct fdtwrite *w, uint8_t *b, uint32_t total)
{
	uint32_t rsv = FDTWRITE_HEADER;
	uint32_t st = rsv + (uint32_t)(w->num_rsv + 1) * 16;
	uint32_t strs = st + w->st_len + 4;
	uint32_t h[10] = { FDTWRITE_MAGIC,
			   total,
			   st,
			   strs,
			   rsv,
			   FDTWRITE_VERSION,
			   FDTWRITE_LAST_COMP,
			   w->boot_cpuid,
			   w->str_len,
			   w->st_len + 4 };
	size_t i;

	for (i = 0; i < 10; i++)
		fdtwrite_be32(b + 4 * i, h[i]);
	for (i = 0; i < (size_t)w->num_rsv; i++) {
		fdtwrite_be64(b + rsv + 16 * i, w->rsv[i][0]);
		fdtwrite_be64(b + rsv + 16 * i + 8, w->rsv[i][1]);
	}
	memset(b + rsv + (size_t)16 * w->num_rsv, 0, 16);
}

int fdtwrite_finish(struct fdtwrite *w, void **blob, size_t *size)
{
	uint64_t total = fdtwrite_total(w, 0, 0);
	uint32_t st;
	uint8_t *b;

	*blob = NULL;
	*size = 0;
	if (w->err)
		return w->err;
	if (w->depth || !w->num_nodes)
		return fdtwrite_fail(w, -EINVAL);
	if (total > w->max_size)
		return fdtwrite_fail(w, -ENOSPC);
	b = malloc((size_t)total);
	if (!b)
		return fdtwrite_fail(w, -ENOMEM);
	fdtwrite_head(w, b, (uint32_t)total);
	st = FDTWRITE_HEADER + (uint32_t)(w->num_rsv + 1) * 16;
	memcpy(b + st, w->st, w->st_len);
	fdtwrite_be32(b + st + w->st_len, FDTWRITE_END);
	if (w->str_len)
		memcpy(b + st + w->st_len + 4, w->str, w->str_len);
	*blob = b;
	*size = (size_t)total;
	return 0;
}
