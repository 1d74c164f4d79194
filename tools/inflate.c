// SPDX-License-Identifier: GPL-2.0-only
/*
 * gzip (RFC 1952) and DEFLATE (RFC 1951) decompression, written from the
 * two RFCs.
 *
 * Bits (RFC 1951 3.1.1): a 64-bit buffer holds the next bits of the input,
 * the next one lowest, refilled a byte at a time up to 57 bits or more, so
 * that one refill covers a whole length/distance pair (15 + 5 + 15 + 13
 * bits).  A Huffman code is packed starting with its most significant
 * bit, so the next n bits of the buffer are an n-bit code bit-reversed.
 * Past the end of the input the buffer reads as zeros, and taking more
 * bits than it holds fails: a truncated input ends in an error.
 *
 * Huffman codes (3.2.2): each becomes a table indexed by the next `root'
 * bits of the buffer (10 for literal/length codes, 8 for distance codes).
 * A code of n <= root bits fills the 2^(root - n) entries that start with
 * it.  Codes longer than root bits that share their first root bits get a
 * sub-table, indexed by the bits after those, as wide as the longest of
 * them; the entry of the shared bits links to it.  An entry holds the
 * symbol and the code's whole length, so a decode is one or two lookups.
 * Over-subscribed codes are refused; so are incomplete ones, except a
 * distance code with no codes or with a single one-bit code (3.2.7).
 *
 * The whole output stays in memory and is the window: a distance may reach
 * back to the start of the member being decoded, and no further.
 *
 * Trailing data: a gzip file is a series of members (RFC 1952 2.2).  Every
 * member is decoded and the outputs are concatenated, as `gzip -dc` does.
 * Zero bytes after a member, to the end of the input, are padding and are
 * ignored; anything else that does not start another member is refused.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inflate.h"

#define INFLATE_MAX_BITS 15u
#define INFLATE_LIT_ROOT 10u
#define INFLATE_DIST_ROOT 8u
#define INFLATE_CLEN_ROOT 7u /* code length codes are at most 7 bits */
#define INFLATE_MAX_ROOT INFLATE_LIT_ROOT
/*
 * Table sizes: the root table, then the sub-tables.  A sub-table 2^d
 * entries wide belongs to a subtree of a complete code that has a leaf d
 * levels down, so it holds at least d + 1 codes.  With d <= 15 - root,
 * 286 literal/length codes need at most 47 sub-tables of 32 entries and
 * one of 8 (1512); 32 distance codes at most 4 of 128 (512).
 */
#define INFLATE_LIT_TABLE (1024u + 1536u)
#define INFLATE_DIST_TABLE (256u + 512u)
#define INFLATE_CLEN_TABLE 128u
#define INFLATE_LIT_CODES 288u /* in the fixed code; 286 may be used */
#define INFLATE_DIST_CODES 32u /* 30 may be used */
#define INFLATE_END_OF_BLOCK 256

/*
 * A table entry: bits 0-15 the symbol, or a sub-table's offset; bits 16-19
 * the code's length, or a sub-table's index bits; then the flags.
 */
#define INFLATE_E_LINK (1u << 20)
#define INFLATE_E_UNUSED (1u << 21) /* no code (incomplete code) */
#define INFLATE_E_LEN(e) ((e) >> 16 & 0xfu)

/* inflate_sym(): the input ends; a code given to no symbol. */
#define INFLATE_SHORT (-1)
#define INFLATE_UNUSED (-2)

#define INFLATE_MIB ((size_t)1 << 20)
/* RFC 1951 3.2.5: 258 bytes for a length code and a distance code, one
 * bit each at best: 1032 bytes per input byte */
#define INFLATE_MAX_RATIO 1032u

/* Lengths 3-258 of symbols 257-285 and distances 1-32768 of symbols 0-29
 * (RFC 1951 3.2.5): base and number of extra bits. */
static const uint16_t inflate_len_base[29] = {
	3,  4,	5,  6,	7,  8,	9,  10, 11,  13,  15,  17,  19,	 23, 27,
	31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
};
static const uint8_t inflate_len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
					       1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
					       4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t inflate_dist_base[30] = {
	1,    2,    3,	  4,	5,    7,    9,	  13,	 17,	25,
	33,   49,   65,	  97,	129,  193,  257,  385,	 513,	769,
	1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577
};
static const uint8_t inflate_dist_extra[30] = { 0,  0,	0,  0,	1,  1, 2,  2,
						3,  3,	4,  4,	5,  5, 6,  6,
						7,  7,	8,  8,	9,  9, 10, 10,
						11, 11, 12, 12, 13, 13 };
/* The order of the code length code's lengths (RFC 1951 3.2.7). */
static const uint8_t inflate_clen_order[19] = { 16, 17, 18, 0,	8, 7,  9,
						6,  10, 5,  11, 4, 12, 3,
						13, 2,	14, 1,	15 };

struct inflate_bits {
	const uint8_t *in;
	size_t len, pos; /* pos: the next byte to load */
	uint64_t buf; /* the next bits, lowest first; zeros above cnt */
	unsigned int cnt;
};

struct inflate_out {
	uint8_t *buf;
	size_t len, cap, max;
	size_t start; /* where the member being decoded starts */
};

/* A Huffman code's table and what it is for. */
struct inflate_code {
	uint32_t *t;
	size_t cap;
	unsigned int root;
	const char *name;
	bool may_be_incomplete; /* the distance code (RFC 1951 3.2.7) */
};

struct inflate {
	const uint8_t *in;
	size_t in_len;
	struct inflate_bits br;
	struct inflate_out out;
	size_t block_at; /* input byte of the current block's header */
	bool fixed; /* lit and dist hold the fixed codes */
	uint32_t lit[INFLATE_LIT_TABLE];
	uint32_t dist[INFLATE_DIST_TABLE];
	uint32_t crc[8][256];
	char *err;
	size_t err_len;
};

static int inflate_fail(struct inflate *s, int ret, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int inflate_fail(struct inflate *s, int ret, const char *fmt, ...)
{
	va_list ap;

	if (s->err && s->err_len) {
		va_start(ap, fmt);
		vsnprintf(s->err, s->err_len, fmt, ap);
		va_end(ap);
	}
	return ret;
}

static uint32_t inflate_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* --- CRC-32 (RFC 1952 8), eight bytes at a time -------------------------- */

static void inflate_crc_init(uint32_t t[8][256])
{
	uint32_t c;
	unsigned int n, k;

	for (n = 0; n < 256; n++) {
		c = n;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ c >> 1 : c >> 1;
		t[0][n] = c;
	}
	/* t[k][n]: the byte n followed by k zero bytes */
	for (k = 1; k < 8; k++)
		for (n = 0; n < 256; n++)
			t[k][n] = t[k - 1][n] >> 8 ^ t[0][t[k - 1][n] & 0xff];
}

static uint32_t inflate_crc32(const struct inflate *s, const uint8_t *p,
			      size_t n)
{
	const uint32_t(*t)[256] = s->crc;
	uint32_t crc = 0xffffffffu, lo, hi;

	for (; n >= 8; p += 8, n -= 8) {
		lo = crc ^ inflate_le32(p);
		hi = inflate_le32(p + 4);
		crc = t[7][lo & 0xff] ^ t[6][lo >> 8 & 0xff] ^
		      t[5][lo >> 16 & 0xff] ^ t[4][lo >> 24] ^ t[3][hi & 0xff] ^
		      t[2][hi >> 8 & 0xff] ^ t[1][hi >> 16 & 0xff] ^
		      t[0][hi >> 24];
	}
	for (; n; p++, n--)
		crc = t[0][(crc ^ *p) & 0xff] ^ crc >> 8;
	return ~crc;
}

/* --- Bits -------------------------------------------------------------- */

static inline void inflate_refill(struct inflate_bits *br)
{
	while (br->cnt <= 56 && br->pos < br->len) {
		br->buf |= (uint64_t)br->in[br->pos++] << br->cnt;
		br->cnt += 8;
	}
}

/* The next n bits as a number into *v, or -1 if the buffer has fewer. */
static inline int inflate_take(struct inflate_bits *br, unsigned int n,
			       uint32_t *v)
{
	if (n > br->cnt)
		return -1;
	*v = (uint32_t)(br->buf & ((1ull << n) - 1));
	br->buf >>= n;
	br->cnt -= n;
	return 0;
}

/* The input byte that holds the next bit. */
static inline size_t inflate_at(const struct inflate_bits *br)
{
	return br->pos - (br->cnt + 7) / 8;
}

/* The next symbol of the code in t, or INFLATE_SHORT or INFLATE_UNUSED. */
static inline int inflate_sym(struct inflate_bits *br, const uint32_t *t,
			      unsigned int root)
{
	uint32_t e = t[br->buf & ((1u << root) - 1)];
	unsigned int n;

	if (e & INFLATE_E_LINK) {
		n = INFLATE_E_LEN(e);
		e = t[(e & 0xffff) + (br->buf >> root & ((1u << n) - 1))];
	}
	if (e & INFLATE_E_UNUSED)
		return INFLATE_UNUSED;
	n = INFLATE_E_LEN(e);
	if (n > br->cnt)
		return INFLATE_SHORT;
	br->buf >>= n;
	br->cnt -= n;
	return (int)(e & 0xffff);
}

static int inflate_short(struct inflate *s)
{
	return inflate_fail(s, -EINVAL,
			    "deflate: input ends inside the block at byte %zu",
			    s->block_at);
}

static int inflate_bad_sym(struct inflate *s, int sym, const char *what,
			   size_t at)
{
	if (sym == INFLATE_SHORT)
		return inflate_short(s);
	return inflate_fail(s, -EINVAL, "deflate: unused %s code at byte %zu",
			    what, at);
}

/* --- Huffman tables (RFC 1951 3.2.2) ---------------------------------- */

/* Count the codes of each length into count[]; refuse over-subscribed and
 * (but where allowed) incomplete codes. */
static int inflate_code_count(struct inflate *s, const struct inflate_code *c,
			      const uint8_t *lens, unsigned int n,
			      unsigned int *count)
{
	unsigned int i, used = 0;
	int left = 1; /* codes of the current length not yet given */

	memset(count, 0, (INFLATE_MAX_BITS + 1) * sizeof(*count));
	for (i = 0; i < n; i++)
		count[lens[i]]++;
	for (i = 1; i <= INFLATE_MAX_BITS; i++) {
		left = left * 2 - (int)count[i];
		if (left < 0)
			return inflate_fail(
				s, -EINVAL,
				"deflate: over-subscribed %s code in the block at byte %zu",
				c->name, s->block_at);
		used += count[i];
	}
	if (!left ||
	    (c->may_be_incomplete && (!used || (used == 1 && count[1] == 1))))
		return 0;
	return inflate_fail(
		s, -EINVAL,
		"deflate: incomplete %s code (%u codes) in the block at byte %zu",
		c->name, used, s->block_at);
}

/* The first code of each length (RFC 1951 3.2.2, step 2). */
static void inflate_code_first(const unsigned int *count, unsigned int *next)
{
	unsigned int code = 0, len;

	next[0] = 0;
	for (len = 1; len <= INFLATE_MAX_BITS; len++) {
		code = (code + (len > 1 ? count[len - 1] : 0)) << 1;
		next[len] = code;
	}
}

static unsigned int inflate_reverse(unsigned int code, unsigned int len)
{
	unsigned int r = 0;

	for (; len; len--, code >>= 1)
		r = r << 1 | (code & 1);
	return r;
}

/* Link each root entry whose codes are longer than root bits to a
 * sub-table as wide as the longest of them. */
static int inflate_code_links(struct inflate *s, const struct inflate_code *c,
			      const uint8_t *lens, unsigned int n,
			      const unsigned int *first)
{
	uint8_t depth[1u << INFLATE_MAX_ROOT] = { 0 };
	unsigned int next[INFLATE_MAX_BITS + 1], i, p, mask;
	size_t off = (size_t)1 << c->root, size;

	memcpy(next, first, sizeof(next));
	mask = (1u << c->root) - 1;
	for (i = 0; i < n; i++) {
		if (lens[i] <= c->root)
			continue;
		p = inflate_reverse(next[lens[i]]++, lens[i]) & mask;
		if (lens[i] - c->root > depth[p])
			depth[p] = (uint8_t)(lens[i] - c->root);
	}
	for (p = 0; p <= mask; p++) {
		if (!depth[p])
			continue;
		size = (size_t)1 << depth[p];
		if (size > c->cap - off) /* cannot happen: see the sizes */
			return inflate_fail(s, -EINVAL,
					    "deflate: %s code too large",
					    c->name);
		c->t[p] = (uint32_t)off | (uint32_t)depth[p] << 16 |
			  INFLATE_E_LINK;
		for (i = 0; i < size; i++)
			c->t[off + i] = INFLATE_E_UNUSED;
		off += size;
	}
	return 0;
}

/* Give every symbol its entries: codes are handed out in the order of the
 * symbols, for each length from its first code. */
static void inflate_code_fill(const struct inflate_code *c, const uint8_t *lens,
			      unsigned int n, unsigned int *next)
{
	unsigned int sym, len, rev, i, end, step;
	uint32_t *t, link;

	for (sym = 0; sym < n; sym++) {
		len = lens[sym];
		if (!len)
			continue;
		rev = inflate_reverse(next[len]++, len);
		t = c->t;
		end = 1u << c->root;
		if (len > c->root) {
			link = c->t[rev & (end - 1)];
			t += link & 0xffff;
			end = 1u << INFLATE_E_LEN(link);
			rev >>= c->root;
		}
		step = 1u << (len > c->root ? len - c->root : len);
		for (i = rev; i < end; i += step)
			t[i] = sym | len << 16;
	}
}

static int inflate_code_build(struct inflate *s, const struct inflate_code *c,
			      const uint8_t *lens, unsigned int n)
{
	unsigned int count[INFLATE_MAX_BITS + 1], next[INFLATE_MAX_BITS + 1];
	unsigned int i;
	int ret;

	ret = inflate_code_count(s, c, lens, n, count);
	if (ret)
		return ret;
	inflate_code_first(count, next);
	for (i = 0; i < 1u << c->root; i++)
		c->t[i] = INFLATE_E_UNUSED;
	ret = inflate_code_links(s, c, lens, n, next);
	if (ret)
		return ret;
	inflate_code_fill(c, lens, n, next);
	return 0;
}

static int inflate_build_lit_dist(struct inflate *s, const uint8_t *lens,
				  unsigned int nlit, unsigned int ndist)
{
	const struct inflate_code lit = { s->lit, INFLATE_LIT_TABLE,
					  INFLATE_LIT_ROOT, "literal/length",
					  false };
	const struct inflate_code dist = { s->dist, INFLATE_DIST_TABLE,
					   INFLATE_DIST_ROOT, "distance",
					   true };
	int ret;

	ret = inflate_code_build(s, &lit, lens, nlit);
	if (ret)
		return ret;
	return inflate_code_build(s, &dist, lens + nlit, ndist);
}

/* --- Blocks (RFC 1951 3.2.3-3.2.7) ---------------------------------------- */

static int inflate_grow(struct inflate *s, size_t need)
{
	struct inflate_out *o = &s->out;
	size_t cap;
	uint8_t *buf;

	if (need > o->max - o->len) {
		if (o->max && o->max % INFLATE_MIB == 0)
			return inflate_fail(s, -E2BIG,
					    "gzip: output exceeds %zu MiB",
					    o->max / INFLATE_MIB);
		return inflate_fail(s, -E2BIG, "gzip: output exceeds %zu bytes",
				    o->max);
	}
	cap = o->cap > o->max / 2 ? o->max : o->cap * 2;
	if (cap < o->len + need)
		cap = o->len + need;
	buf = realloc(o->buf, cap);
	if (!buf)
		return inflate_fail(
			s, -ENOMEM,
			"gzip: out of memory for %zu bytes of output", cap);
	o->buf = buf;
	o->cap = cap;
	return 0;
}

/*
 * Copy len bytes from dist bytes back to dst; they may overlap.  With room
 * for 8 more bytes than len at dst, eight at a time, each eight already
 * final where dist >= 8 (it may write up to 7 bytes past len).
 */
static inline void inflate_copy(uint8_t *dst, size_t dist, size_t len,
				size_t room)
{
	const uint8_t *src = dst - dist;
	size_t i;

	if (dist >= 8 && room - len >= 8) {
		for (i = 0; i < len; i += 8)
			memcpy(dst + i, src + i, 8);
	} else if (dist >= len) {
		memcpy(dst, src, len);
	} else if (dist == 1) {
		memset(dst, *src, len);
	} else {
		for (i = 0; i < len; i++)
			dst[i] = src[i];
	}
}

/* A length symbol (257-285), its distance, and the copy.  br and o are the
 * caller's copies of s->br and s->out. */
static inline int inflate_match(struct inflate *s, struct inflate_bits *br,
				struct inflate_out *o, unsigned int sym)
{
	uint32_t len, dist, extra;
	int dsym, ret;

	if (sym > 285)
		return inflate_fail(
			s, -EINVAL,
			"deflate: invalid length symbol %u at byte %zu", sym,
			inflate_at(br));
	if (inflate_take(br, inflate_len_extra[sym - 257], &extra))
		return inflate_short(s);
	len = inflate_len_base[sym - 257] + extra;
	dsym = inflate_sym(br, s->dist, INFLATE_DIST_ROOT);
	if (dsym < 0)
		return inflate_bad_sym(s, dsym, "distance", inflate_at(br));
	if (dsym > 29)
		return inflate_fail(
			s, -EINVAL,
			"deflate: invalid distance symbol %d at byte %zu", dsym,
			inflate_at(br));
	if (inflate_take(br, inflate_dist_extra[dsym], &extra))
		return inflate_short(s);
	dist = inflate_dist_base[dsym] + extra;
	if (dist > o->len - o->start)
		return inflate_fail(
			s, -EINVAL,
			"deflate: invalid distance %u past the start of the output at byte %zu (input byte %zu)",
			dist, o->len - o->start, inflate_at(br));
	if (o->cap - o->len < len) {
		s->out = *o;
		ret = inflate_grow(s, len);
		*o = s->out;
		if (ret)
			return ret;
	}
	inflate_copy(o->buf + o->len, dist, len, o->cap - o->len);
	o->len += len;
	return 0;
}

/*
 * The symbols of a Huffman-coded block, to its end-of-block code.  The bit
 * buffer and the output are kept in locals whose address does not escape,
 * so that the compiler can keep them in registers across the byte stores.
 */
static int inflate_codes(struct inflate *s)
{
	struct inflate_bits br = s->br;
	struct inflate_out o = s->out;
	int sym, ret = 0;

	for (;;) {
		inflate_refill(&br);
		sym = inflate_sym(&br, s->lit, INFLATE_LIT_ROOT);
		if (sym < 0) {
			ret = inflate_bad_sym(s, sym, "literal/length",
					      inflate_at(&br));
			break;
		}
		if (sym == INFLATE_END_OF_BLOCK)
			break;
		if (sym > INFLATE_END_OF_BLOCK) {
			ret = inflate_match(s, &br, &o, (unsigned int)sym);
			if (ret)
				break;
			continue;
		}
		if (o.len == o.cap) {
			s->out = o;
			ret = inflate_grow(s, 1);
			o = s->out;
			if (ret)
				break;
		}
		o.buf[o.len++] = (uint8_t)sym;
	}
	s->br = br;
	s->out = o;
	return ret;
}

static int inflate_stored(struct inflate *s)
{
	struct inflate_bits *br = &s->br;
	uint32_t len, nlen;
	int ret;

	br->buf >>= br->cnt % 8; /* to the byte boundary */
	br->cnt -= br->cnt % 8;
	inflate_refill(br);
	if (inflate_take(br, 16, &len) || inflate_take(br, 16, &nlen))
		return inflate_short(s);
	if (len != (~nlen & 0xffff))
		return inflate_fail(
			s, -EINVAL,
			"deflate: stored block at byte %zu: length 0x%04x does not match its complement 0x%04x",
			s->block_at, len, nlen);
	/* the buffer holds whole bytes: read them again from the input */
	br->pos -= br->cnt / 8;
	br->buf = 0;
	br->cnt = 0;
	if (len > br->len - br->pos)
		return inflate_short(s);
	if (len > s->out.cap - s->out.len) {
		ret = inflate_grow(s, len);
		if (ret)
			return ret;
	}
	memcpy(s->out.buf + s->out.len, br->in + br->pos, len);
	s->out.len += len;
	br->pos += len;
	return 0;
}

static int inflate_fixed(struct inflate *s)
{
	uint8_t lens[INFLATE_LIT_CODES + INFLATE_DIST_CODES];
	int ret;

	if (s->fixed)
		return 0;
	/* RFC 1951 3.2.6 */
	memset(lens, 8, 144);
	memset(lens + 144, 9, 256 - 144);
	memset(lens + 256, 7, 280 - 256);
	memset(lens + 280, 8, INFLATE_LIT_CODES - 280);
	memset(lens + INFLATE_LIT_CODES, 5, INFLATE_DIST_CODES);
	ret = inflate_build_lit_dist(s, lens, INFLATE_LIT_CODES,
				     INFLATE_DIST_CODES);
	s->fixed = !ret;
	return ret;
}

/* The n code lengths of the literal/length and distance codes, coded with
 * the code length code in ct (RFC 1951 3.2.7). */
static int inflate_lengths(struct inflate *s, const uint32_t *ct, uint8_t *lens,
			   unsigned int n)
{
	static const uint8_t rep_bits[3] = { 2, 3, 7 },
			     rep_base[3] = { 3, 3, 11 };
	struct inflate_bits *br = &s->br;
	unsigned int i = 0;
	uint32_t rep;
	int sym;

	while (i < n) {
		inflate_refill(br);
		sym = inflate_sym(br, ct, INFLATE_CLEN_ROOT);
		if (sym < 0)
			return inflate_bad_sym(s, sym, "code length",
					       inflate_at(br));
		if (sym < 16) {
			lens[i++] = (uint8_t)sym;
			continue;
		}
		if (sym == 16 && !i)
			return inflate_fail(
				s, -EINVAL,
				"deflate: code length repeat with no previous length in the block at byte %zu",
				s->block_at);
		if (inflate_take(br, rep_bits[sym - 16], &rep))
			return inflate_short(s);
		rep += rep_base[sym - 16];
		if (rep > n - i)
			return inflate_fail(
				s, -EINVAL,
				"deflate: code lengths repeat past the %u codes of the block at byte %zu",
				n, s->block_at);
		memset(lens + i, sym == 16 ? lens[i - 1] : 0, rep);
		i += rep;
	}
	return 0;
}

static int inflate_dynamic(struct inflate *s)
{
	uint8_t lens[286 + INFLATE_DIST_CODES], clens[19] = { 0 };
	uint32_t ct[INFLATE_CLEN_TABLE], nlit, ndist, nclen, v;
	const struct inflate_code cc = { ct, INFLATE_CLEN_TABLE,
					 INFLATE_CLEN_ROOT, "code length",
					 false };
	unsigned int i;
	int ret;

	s->fixed = false;
	inflate_refill(&s->br);
	if (inflate_take(&s->br, 5, &nlit) || inflate_take(&s->br, 5, &ndist) ||
	    inflate_take(&s->br, 4, &nclen))
		return inflate_short(s);
	nlit += 257;
	ndist += 1;
	nclen += 4;
	if (nlit > 286)
		return inflate_fail(
			s, -EINVAL,
			"deflate: %u literal/length codes (more than 286) in the block at byte %zu",
			nlit, s->block_at);
	for (i = 0; i < nclen; i++) {
		inflate_refill(&s->br);
		if (inflate_take(&s->br, 3, &v))
			return inflate_short(s);
		clens[inflate_clen_order[i]] = (uint8_t)v;
	}
	ret = inflate_code_build(s, &cc, clens, 19);
	if (!ret)
		ret = inflate_lengths(s, ct, lens, nlit + ndist);
	if (ret)
		return ret;
	if (!lens[INFLATE_END_OF_BLOCK])
		return inflate_fail(
			s, -EINVAL,
			"deflate: no end-of-block code in the block at byte %zu",
			s->block_at);
	return inflate_build_lit_dist(s, lens, nlit, ndist);
}

static int inflate_block(struct inflate *s, bool *last)
{
	uint32_t hdr;
	int ret;

	inflate_refill(&s->br);
	s->block_at = inflate_at(&s->br);
	if (inflate_take(&s->br, 3, &hdr))
		return inflate_short(s);
	*last = hdr & 1;
	switch (hdr >> 1) {
	case 0:
		return inflate_stored(s);
	case 1:
		ret = inflate_fixed(s);
		break;
	case 2:
		ret = inflate_dynamic(s);
		break;
	default:
		return inflate_fail(
			s, -EINVAL,
			"deflate: block type 3 (reserved) at byte %zu",
			s->block_at);
	}
	return ret ? ret : inflate_codes(s);
}

/* --- gzip (RFC 1952) -------------------------------------------------------- */

#define INFLATE_FHCRC 0x02u
#define INFLATE_FEXTRA 0x04u
#define INFLATE_FNAME 0x08u
#define INFLATE_FCOMMENT 0x10u
#define INFLATE_FRESERVED 0xe0u

/* FEXTRA: two bytes of length, little-endian, then the field. */
static int inflate_gz_extra(struct inflate *s, const uint8_t *p, size_t n,
			    size_t *end)
{
	size_t xlen;

	if (n - *end < 2)
		return inflate_fail(s, -EINVAL,
				    "gzip: input ends inside the header");
	xlen = (size_t)p[*end] | (size_t)p[*end + 1] << 8;
	*end += 2;
	if (xlen > n - *end)
		return inflate_fail(
			s, -EINVAL,
			"gzip: the header's extra field (%zu bytes) runs past the end of the input",
			xlen);
	*end += xlen;
	return 0;
}

/* FNAME, FCOMMENT: zero-terminated. */
static int inflate_gz_string(struct inflate *s, const uint8_t *p, size_t n,
			     size_t *end, const char *what)
{
	const uint8_t *z = memchr(p + *end, 0, n - *end);

	if (!z)
		return inflate_fail(
			s, -EINVAL,
			"gzip: the header's %s runs past the end of the input",
			what);
	*end = (size_t)(z - p) + 1;
	return 0;
}

/* FHCRC: the low 16 bits of the CRC-32 of the header before it. */
static int inflate_gz_hcrc(struct inflate *s, const uint8_t *p, size_t n,
			   size_t *end)
{
	uint32_t stored, computed;

	if (n - *end < 2)
		return inflate_fail(s, -EINVAL,
				    "gzip: input ends inside the header");
	stored = (uint32_t)p[*end] | (uint32_t)p[*end + 1] << 8;
	computed = inflate_crc32(s, p, *end) & 0xffff;
	if (stored != computed)
		return inflate_fail(
			s, -EINVAL,
			"gzip: header CRC mismatch (stored 0x%04x, computed 0x%04x)",
			stored, computed);
	*end += 2;
	return 0;
}

/* The member header at *pos; *pos moves past it. */
static int inflate_gz_header(struct inflate *s, size_t *pos)
{
	size_t n = s->in_len - *pos, end = 10;
	const uint8_t *p;
	int ret = 0;

	if (n < 10)
		return inflate_fail(
			s, -EINVAL,
			"gzip: %zu bytes at byte %zu: too short for a gzip header",
			n, *pos);
	p = s->in + *pos;
	if (p[0] != 0x1f || p[1] != 0x8b)
		return inflate_fail(
			s, -EINVAL,
			"gzip: bad magic %02x %02x at byte %zu (not 1f 8b)",
			p[0], p[1], *pos);
	if (p[2] != 8)
		return inflate_fail(
			s, -EINVAL,
			"gzip: compression method %u is not deflate (8)", p[2]);
	if (p[3] & INFLATE_FRESERVED)
		return inflate_fail(s, -EINVAL,
				    "gzip: reserved header flags 0x%02x set",
				    p[3] & INFLATE_FRESERVED);
	if (p[3] & INFLATE_FEXTRA)
		ret = inflate_gz_extra(s, p, n, &end);
	if (!ret && p[3] & INFLATE_FNAME)
		ret = inflate_gz_string(s, p, n, &end, "file name");
	if (!ret && p[3] & INFLATE_FCOMMENT)
		ret = inflate_gz_string(s, p, n, &end, "comment");
	if (!ret && p[3] & INFLATE_FHCRC)
		ret = inflate_gz_hcrc(s, p, n, &end);
	if (!ret)
		*pos += end;
	return ret;
}

/* The trailer at byte at: CRC-32 and size (mod 2^32) of the member. */
static int inflate_gz_trailer(struct inflate *s, size_t at)
{
	const struct inflate_out *o = &s->out;
	size_t n = o->len - o->start;
	uint32_t stored, computed;

	if (s->in_len - at < 8)
		return inflate_fail(
			s, -EINVAL,
			"gzip: input ends inside the trailer (%zu of 8 bytes at byte %zu)",
			s->in_len - at, at);
	stored = inflate_le32(s->in + at);
	computed = inflate_crc32(s, o->buf + o->start, n);
	if (stored != computed)
		return inflate_fail(
			s, -EINVAL,
			"gzip: CRC-32 mismatch (stored 0x%08x, computed 0x%08x)",
			stored, computed);
	stored = inflate_le32(s->in + at + 4);
	if (stored != (uint32_t)n)
		return inflate_fail(
			s, -EINVAL,
			"gzip: ISIZE mismatch (stored %u, decompressed %zu bytes)",
			stored, n);
	return 0;
}

/* One member at *pos; *pos moves past it. */
static int inflate_member(struct inflate *s, size_t *pos)
{
	bool last = false;
	int ret;
	size_t at;

	ret = inflate_gz_header(s, pos);
	if (ret)
		return ret;
	memset(&s->br, 0, sizeof(s->br));
	s->br.in = s->in;
	s->br.len = s->in_len;
	s->br.pos = *pos;
	s->out.start = s->out.len;
	while (!ret && !last)
		ret = inflate_block(s, &last);
	if (ret)
		return ret;
	/* the trailer starts at the byte after the last block */
	at = s->br.pos - s->br.cnt / 8;
	ret = inflate_gz_trailer(s, at);
	*pos = at + 8;
	return ret;
}

/* After a member at pos: another member (*more), or zeros to the end. */
static int inflate_gz_rest(struct inflate *s, size_t pos, bool *more)
{
	size_t i;

	*more = s->in_len - pos >= 2 && s->in[pos] == 0x1f &&
		s->in[pos + 1] == 0x8b;
	if (*more)
		return 0;
	for (i = pos; i < s->in_len; i++)
		if (s->in[i])
			return inflate_fail(
				s, -EINVAL,
				"gzip: %zu bytes of trailing garbage at byte %zu (neither a gzip member nor zero padding)",
				s->in_len - pos, pos);
	return 0;
}

/* The output buffer, sized by the last member's ISIZE if that is
 * plausible: ISIZE is only a hint (it may lie, or be another member's). */
static int inflate_out_init(struct inflate *s, size_t max)
{
	size_t cap = 0;

	if (s->in_len >= 18)
		cap = inflate_le32(s->in + s->in_len - 4);
	if (cap / INFLATE_MAX_RATIO > s->in_len)
		cap = s->in_len * INFLATE_MAX_RATIO;
	if (cap < 4096)
		cap = 4096;
	if (cap > max)
		cap = max;
	s->out.buf = malloc(cap ? cap : 1);
	if (!s->out.buf)
		return inflate_fail(
			s, -ENOMEM,
			"gzip: out of memory for %zu bytes of output", cap);
	s->out.cap = cap;
	s->out.max = max;
	return 0;
}

int inflate_gzip(const void *in, size_t in_len, void **out, size_t *out_len,
		 size_t max_out, char *err, size_t err_len)
{
	struct inflate *s;
	size_t pos = 0;
	bool more = true;
	void *shrunk;
	int ret;

	*out = NULL;
	*out_len = 0;
	if (err && err_len)
		err[0] = '\0';
	s = calloc(1, sizeof(*s));
	if (!s) {
		if (err && err_len)
			snprintf(err, err_len, "gzip: out of memory");
		return -ENOMEM;
	}
	s->in = in;
	s->in_len = in_len;
	s->err = err;
	s->err_len = err_len;
	inflate_crc_init(s->crc);
	ret = inflate_out_init(s, max_out);
	while (!ret && more) {
		ret = inflate_member(s, &pos);
		if (!ret)
			ret = inflate_gz_rest(s, pos, &more);
	}
	if (ret) {
		free(s->out.buf);
	} else {
		shrunk = realloc(s->out.buf, s->out.len ? s->out.len : 1);
		*out = shrunk ? shrunk : s->out.buf;
		*out_len = s->out.len;
	}
	free(s);
	return ret;
}

bool inflate_is_gzip(const void *in, size_t len)
{
	const uint8_t *p = in;

	return len >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8;
}
