// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the gzip decompressor (tools/inflate.c).  Good inputs are
 * made at test time by the host's gzip, from data the test generates
 * (text, runs, random bytes) in INFLATE_DATA_DIR (tests/unit/inflate.mk),
 * and must come back byte for byte.  Bad inputs are made by hand, with a
 * small DEFLATE writer of the test's own (a bit writer and canonical
 * Huffman codes, RFC 1951 3.2.2), or by damaging good ones; each must be
 * refused with its reason.  The optional last case decompresses a kernel
 * image (INFLATE_IMAGE, or $INFLATE_TEST_IMAGE): gzipped by the test if it
 * is not gzipped already; skipped when there is none.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../../tools/inflate.h"
#include "unit.h"

#define KIB ((size_t)1 << 10)
#define MIB ((size_t)1 << 20)
#define MAX_OUT (256 * MIB)

/* ---- files and the host's gzip ---------------------------------------- */

static unsigned char *read_file(const char *path, size_t *len)
{
	unsigned char *buf;
	long n;
	FILE *f;

	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return 0;
	if (len && fwrite(data, 1, len, f) != len) {
		fclose(f);
		return 0;
	}
	return fclose(f) == 0;
}

/* gzip opts of data, through INFLATE_DATA_DIR/name and name.gz. */
static unsigned char *gzip_of(const char *name, const char *opts,
			      const void *data, size_t len, size_t *gz_len)
{
	char path[512], cmd[1280];

	if (system("mkdir -p '" INFLATE_DATA_DIR "'") != 0)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", INFLATE_DATA_DIR, name);
	if (!write_file(path, data, len))
		return NULL;
	snprintf(cmd, sizeof(cmd), "gzip %s -c '%s' > '%s.gz'", opts, path,
		 path);
	if (system(cmd) != 0) {
		printf("  failed: %s\n", cmd);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s.gz", INFLATE_DATA_DIR, name);
	return read_file(path, gz_len);
}

/* gz decompresses to data[len]. */
static int same(const void *gz, size_t gz_len, const void *data, size_t len)
{
	char err[INFLATE_ERR_LEN];
	size_t out_len;
	void *out;
	int ret, ok;

	ret = inflate_gzip(gz, gz_len, &out, &out_len, MAX_OUT, err,
			   sizeof(err));
	if (ret) {
		printf("  inflate_gzip: %d: %s\n", ret, err);
		return 0;
	}
	ok = out_len == len && (!len || !memcmp(out, data, len));
	if (!ok)
		printf("  %zu bytes out, %zu expected, or they differ\n",
		       out_len, len);
	free(out);
	return ok;
}

/* gzip opts of data decompresses to data. */
static int roundtrip(const char *name, const char *opts, const void *data,
		     size_t len)
{
	size_t gz_len;
	unsigned char *gz = gzip_of(name, opts, data, len, &gz_len);
	int ok;

	if (!gz)
		return 0;
	ok = same(gz, gz_len, data, len);
	free(gz);
	return ok;
}

/* gz[len] is refused with ret and a message that contains msg ("": any). */
static int refused(const void *gz, size_t len, size_t max, int ret,
		   const char *msg)
{
	char err[INFLATE_ERR_LEN] = "", dummy;
	size_t out_len = 1;
	void *out = &dummy; /* inflate_gzip() must clear it */
	int r;

	r = inflate_gzip(gz, len, &out, &out_len, max, err, sizeof(err));
	if (r != ret || !err[0] || !strstr(err, msg) || out || out_len) {
		printf("  got %d \"%s\", wanted %d \"...%s...\"\n", r, err, ret,
		       msg);
		if (!r)
			free(out);
		return 0;
	}
	return 1;
}

/* ---- data -------------------------------------------------------------- */

static uint32_t rnd(uint64_t *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*state >> 33);
}

/* Words and numbers, like a log or a source file. */
static unsigned char *text(size_t len, uint64_t seed)
{
	static const char *const words[] = {
		"cell ",    "memory ", "region ", "0x40000000 ", "the ",
		"warden ",  "irq ",    "cpu ",	  "\n",		 "gic-demo ",
		"config ",  "load ",   "start ",  "of ",	 "a ",
		"destroy ", "(",       ") ",	  "linux ",	 "kernel "
	};
	unsigned char *t = malloc(len + 32);
	const char *w;
	size_t i = 0;

	if (!t)
		return NULL;
	while (i < len) {
		w = words[rnd(&seed) % (sizeof(words) / sizeof(words[0]))];
		memcpy(t + i, w, strlen(w));
		i += strlen(w);
		if (rnd(&seed) % 16 == 0)
			i += (size_t)snprintf((char *)t + i, 16, "%u ",
					      rnd(&seed) % 100000);
	}
	return t;
}

static unsigned char *random_bytes(size_t len, uint64_t seed)
{
	unsigned char *r = malloc(len + 1);
	size_t i;

	for (i = 0; r && i < len; i++)
		r[i] = (unsigned char)rnd(&seed);
	return r;
}

/* ---- a DEFLATE writer for hand-made inputs -------------------------------- */

struct bw {
	unsigned char buf[4096];
	size_t bits;
};

/* v in n bits, least significant first (data elements, RFC 1951 3.1.1) */
static void put(struct bw *w, uint32_t v, unsigned int n)
{
	for (; n; n--, v >>= 1, w->bits++)
		if (v & 1)
			w->buf[w->bits / 8] |=
				(unsigned char)(1u << w->bits % 8);
}

/* a Huffman code, most significant bit first */
static void put_code(struct bw *w, uint32_t code, unsigned int len)
{
	while (len--)
		put(w, code >> len & 1, 1);
}

static size_t bw_bytes(const struct bw *w)
{
	return (w->bits + 7) / 8;
}

/* Canonical codes of lengths len[n] (RFC 1951 3.2.2). */
struct huff {
	uint8_t len[320];
	uint32_t code[320];
};

static void canon(struct huff *h, unsigned int n)
{
	unsigned int count[16] = { 0 }, next[16], i, code = 0;

	for (i = 0; i < n; i++)
		count[h->len[i]]++;
	count[0] = 0;
	for (i = 1; i < 16; i++) {
		code = (code + count[i - 1]) << 1;
		next[i] = code;
	}
	for (i = 0; i < n; i++)
		if (h->len[i])
			h->code[i] = next[h->len[i]]++;
}

static void put_sym(struct bw *w, const struct huff *h, unsigned int sym)
{
	put_code(w, h->code[sym], h->len[sym]);
}

/* Fixed codes (RFC 1951 3.2.6). */
static void put_fixed_lit(struct bw *w, unsigned int sym)
{
	if (sym < 144)
		put_code(w, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(w, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(w, sym - 256, 7);
	else
		put_code(w, 0xc0 + sym - 280, 8);
}

static const uint8_t clen_order[19] = { 16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
					11, 4,	12, 3, 13, 2, 14, 1, 15 };

/* A complete code length code: 0-12 in 4 bits, 13-18 in 5. */
static void clen_code(struct huff *cl)
{
	unsigned int i;

	for (i = 0; i < 19; i++)
		cl->len[i] = i < 13 ? 4 : 5;
	canon(cl, 19);
}

/* A dynamic block's header, up to the code lengths. */
static void put_dyn_header(struct bw *w, unsigned int nlit, unsigned int ndist,
			   const struct huff *cl)
{
	unsigned int i;

	put(w, 1, 1); /* BFINAL */
	put(w, 2, 2);
	put(w, nlit - 257, 5);
	put(w, ndist - 1, 5);
	put(w, 19 - 4, 4);
	for (i = 0; i < 19; i++)
		put(w, cl->len[clen_order[i]], 3);
}

/* A dynamic block's header and its n code lengths, without repeats. */
static void put_dyn(struct bw *w, const uint8_t *lens, unsigned int nlit,
		    unsigned int ndist)
{
	struct huff cl;
	unsigned int i;

	clen_code(&cl);
	put_dyn_header(w, nlit, ndist, &cl);
	for (i = 0; i < nlit + ndist; i++)
		put_sym(w, &cl, lens[i]);
}

/* A complete literal/length code of 286 symbols: 0-225 in 8 bits, 226-285
 * in 9; and a complete distance code of 30: 0-1 in 4 bits, 2-29 in 5. */
static void good_lens(uint8_t *lens)
{
	unsigned int i;

	for (i = 0; i < 286; i++)
		lens[i] = i < 226 ? 8 : 9;
	for (i = 0; i < 30; i++)
		lens[286 + i] = i < 2 ? 4 : 5;
}

static uint32_t crc32_bitwise(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint32_t crc = 0xffffffffu;
	unsigned int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? crc >> 1 ^ 0xedb88320u : crc >> 1;
	}
	return ~crc;
}

static void le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A gzip member around the DEFLATE data of w, with the trailer of
 * data[len]; into gz, returns its length. */
static size_t gz_wrap(unsigned char *gz, const struct bw *w, const void *data,
		      size_t len)
{
	static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0,
					       0,    0,	   0, 0, 3 };
	size_t n = bw_bytes(w);

	memcpy(gz, hdr, 10);
	memcpy(gz + 10, w->buf, n);
	le32(gz + 10 + n, crc32_bitwise(data, len));
	le32(gz + 14 + n, (uint32_t)len);
	return 18 + n;
}

/* ---- good inputs ---------------------------------------------------------- */

static void test_levels(void)
{
	unsigned char *t = text(300000, 1);

	CHECK(t);
	CHECK(roundtrip("level1", "-1 -n", t, 300000));
	CHECK(roundtrip("level6", "-6", t, 300000));
	CHECK(roundtrip("level9", "-9 -n", t, 300000));
	free(t);
}

static void test_name_or_not(void)
{
	unsigned char *t = text(5000, 2), *gz;
	size_t gz_len;

	CHECK(t);
	gz = gzip_of("named", "", t, 5000, &gz_len);
	CHECK(gz && gz_len > 10 && (gz[3] & 0x08)); /* FNAME */
	CHECK(same(gz, gz_len, t, 5000));
	free(gz);
	gz = gzip_of("unnamed", "-n", t, 5000, &gz_len);
	CHECK(gz && gz_len > 10 && gz[3] == 0);
	CHECK(same(gz, gz_len, t, 5000));
	free(gz);
	free(t);
}

static void test_empty_and_one_byte(void)
{
	CHECK(roundtrip("empty", "-n", "", 0));
	CHECK(roundtrip("one", "-n", "x", 1));
	CHECK(roundtrip("one-9", "-9", "\0", 1));
}

/* Runs: lengths of 258 at distance 1, short periods, long matches. */
static void test_repetitive(void)
{
	size_t len = 3 * MIB, gz_len, i;
	unsigned char *d = malloc(len), *gz;

	CHECK(d);
	memset(d, 'a', MIB);
	for (i = MIB; i < 2 * MIB; i++)
		d[i] = "abc"[i % 3];
	memset(d + 2 * MIB, 0, MIB);
	memcpy(d + 2 * MIB + 1000, "a little something", 18);
	gz = gzip_of("runs", "-9 -n", d, len, &gz_len);
	CHECK(gz && gz_len < len / 500);
	CHECK(same(gz, gz_len, d, len));
	free(gz);
	free(d);
}

/* Random bytes: gzip stores them (stored blocks), in several blocks. */
static void test_incompressible(void)
{
	unsigned char *r = random_bytes(300001, 3), *gz, *gz2, *one;
	size_t gz_len, one_len;

	CHECK(r);
	gz = gzip_of("random", "-n", r, 300000, &gz_len);
	CHECK(gz && gz_len > 300000);
	CHECK(same(gz, gz_len, r, 300000));
	CHECK(refused(gz, gz_len, 100000, -E2BIG,
		      "gzip: output exceeds 100000 bytes"));
	/* a last member of one byte: its ISIZE hints at a small output, and
	 * the stored blocks of the first must grow it */
	gz2 = realloc(gz, gz_len + 64);
	CHECK(gz2);
	gz = gz2;
	one = gzip_of("random-1", "-n", r, 1, &one_len);
	CHECK(one && one_len < 64);
	memcpy(gz + gz_len, one, one_len);
	r[300000] = r[0];
	CHECK(same(gz, gz_len + one_len, r, 300001));
	free(one);
	free(gz);
	free(r);
}

/* Text, random and text again: block types change within the stream, and
 * the window is full. */
static void test_mixed_blocks(void)
{
	size_t len = 2 * MIB;
	unsigned char *d = text(len, 4), *r = random_bytes(200000, 5);

	CHECK(d && r);
	memcpy(d + MIB, r, 200000);
	CHECK(roundtrip("mixed", "-6 -n", d, len));
	CHECK(roundtrip("mixed1", "-1 -n", d, len));
	free(d);
	free(r);
}

/* Fixed codes, by hand: "ab", then 3 from 2 back: "ababa". */
static void test_fixed_by_hand(void)
{
	struct bw w = { { 0 }, 0 };
	char err[INFLATE_ERR_LEN];
	size_t len, out_len;
	unsigned char gz[64];
	void *out;

	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, 'a');
	put_fixed_lit(&w, 'b');
	put_fixed_lit(&w, 257); /* length 3 */
	put_code(&w, 1, 5); /* distance 2 */
	put_fixed_lit(&w, 256);
	len = gz_wrap(gz, &w, "ababa", 5);
	CHECK(inflate_gzip(gz, len, &out, &out_len, 100, err, sizeof(err)) ==
	      0);
	CHECK(out_len == 5 && !memcmp(out, "ababa", 5) && !err[0]);
	free(out);
}

/* A stored block, an empty stored block, then a fixed one: the stored
 * blocks start on byte boundaries. */
static void test_stored_by_hand(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[64];
	size_t len;

	put(&w, 0, 1);
	put(&w, 0, 2);
	w.bits = 8;
	put(&w, 3, 16);
	put(&w, 0xfffc, 16);
	put(&w, 'x' | 'y' << 8 | 'z' << 16, 24);
	put(&w, 0, 3);
	w.bits = (w.bits + 7) / 8 * 8;
	put(&w, 0, 16);
	put(&w, 0xffff, 16);
	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, '!');
	put_fixed_lit(&w, 256);
	len = gz_wrap(gz, &w, "xyz!", 4);
	CHECK(same(gz, len, "xyz!", 4));
}

/* FEXTRA, FNAME, FCOMMENT and FHCRC, which the host's gzip never writes. */
static void test_header_fields(void)
{
	static const unsigned char extra[] = { 6, 0, 'A', 'P', 2, 0, 1, 2 };
	unsigned char *t = text(20000, 6), *gz, *g2;
	size_t gz_len, n;
	uint32_t hcrc;

	CHECK(t);
	gz = gzip_of("fields", "-n", t, 20000, &gz_len);
	CHECK(gz && gz_len > 10);
	g2 = malloc(gz_len + 64);
	CHECK(g2);
	memcpy(g2, gz, 10);
	g2[3] = 0x02 | 0x04 | 0x08 | 0x10;
	n = 10;
	memcpy(g2 + n, extra, sizeof(extra));
	n += sizeof(extra);
	memcpy(g2 + n, "kernel", 7);
	n += 7;
	memcpy(g2 + n, "a comment", 10);
	n += 10;
	hcrc = crc32_bitwise(g2, n);
	g2[n++] = (unsigned char)hcrc;
	g2[n++] = (unsigned char)(hcrc >> 8);
	memcpy(g2 + n, gz + 10, gz_len - 10);
	CHECK(same(g2, n + gz_len - 10, t, 20000));
	g2[n - 1] ^= 0x40;
	CHECK(refused(g2, n + gz_len - 10, MAX_OUT, -EINVAL,
		      "gzip: header CRC mismatch"));
	free(g2);
	free(gz);
	free(t);
}

/* Concatenated members decode to the concatenation; zero padding after
 * the last one is ignored. */
static void test_members(void)
{
	unsigned char *t = text(100000, 7), *a, *b, *ab;
	size_t a_len, b_len, ab_len;

	CHECK(t);
	a = gzip_of("member-a", "-9", t, 60000, &a_len);
	b = gzip_of("member-b", "-1 -n", t + 60000, 40000, &b_len);
	CHECK(a && b);
	ab_len = a_len + b_len + 4096;
	ab = calloc(1, ab_len);
	CHECK(ab);
	memcpy(ab, a, a_len);
	memcpy(ab + a_len, b, b_len);
	CHECK(same(ab, a_len + b_len, t, 100000));
	CHECK(same(ab, ab_len, t, 100000));
	memcpy(ab + a_len + b_len + 100, "junk", 4);
	CHECK(refused(ab, ab_len, MAX_OUT, -EINVAL,
		      "gzip: 4096 bytes of trailing garbage at byte"));
	CHECK(refused(ab, a_len + 1, MAX_OUT, -EINVAL,
		      "gzip: 1 bytes of trailing garbage"));
	CHECK(refused(ab, a_len + 2, MAX_OUT, -EINVAL, "too short for a gzip"));
	free(ab);
	free(a);
	free(b);
	free(t);
}

/* The cap on the output. */
static void test_output_cap(void)
{
	size_t len = 2 * MIB, gz_len, out_len;
	unsigned char *z = calloc(1, len), *gz;
	char err[INFLATE_ERR_LEN];
	void *out;

	CHECK(z);
	gz = gzip_of("zeros", "-n", z, len, &gz_len);
	CHECK(gz);
	CHECK(refused(gz, gz_len, MIB, -E2BIG, "gzip: output exceeds 1 MiB"));
	CHECK(refused(gz, gz_len, 1000, -E2BIG,
		      "gzip: output exceeds 1000 bytes"));
	CHECK(refused(gz, gz_len, 0, -E2BIG, "gzip: output exceeds 0 bytes"));
	CHECK(refused(gz, gz_len, len - 1, -E2BIG, "gzip: output exceeds"));
	CHECK(inflate_gzip(gz, gz_len, &out, &out_len, len, err, sizeof(err)) ==
	      0);
	CHECK(out_len == len && !memcmp(out, z, len));
	free(out);
	free(gz);
	free(z);
}

/* A single distance code (one bit), and no distance code at all, as RFC
 * 1951 3.2.7 allows. */
static void test_incomplete_distance_codes(void)
{
	unsigned char gz[2048], want[300];
	uint8_t lens[320];
	struct huff lit = { { 0 }, { 0 } }, dist = { { 0 }, { 0 } };
	struct bw w = { { 0 }, 0 };
	size_t len;

	good_lens(lit.len);
	canon(&lit, 286);
	memcpy(lens, lit.len, 286);
	lens[286] = 1; /* distance code 0 only: distance 1 */
	dist.len[0] = 1;
	canon(&dist, 1);
	put_dyn(&w, lens, 286, 1);
	put_sym(&w, &lit, 'q');
	put_sym(&w, &lit, 284); /* 227 + 5 bits */
	put(&w, 31 - 2, 5); /* length 256 */
	put_sym(&w, &dist, 0);
	put_sym(&w, &lit, 256);
	memset(want, 'q', 257);
	len = gz_wrap(gz, &w, want, 257);
	CHECK(same(gz, len, want, 257));

	memset(&w, 0, sizeof(w));
	lens[286] = 0; /* no distance codes: literals only */
	put_dyn(&w, lens, 286, 1);
	put_sym(&w, &lit, 'q');
	put_sym(&w, &lit, 256);
	len = gz_wrap(gz, &w, want, 1);
	CHECK(same(gz, len, want, 1));

	memset(&w, 0, sizeof(w));
	put_dyn(&w, lens, 286, 1);
	put_sym(&w, &lit, 'q');
	put_sym(&w, &lit, 257);
	put(&w, 0, 8);
	len = gz_wrap(gz, &w, want, 4);
	CHECK(refused(gz, len, MAX_OUT, -EINVAL,
		      "deflate: unused distance code at byte"));
}

/* ---- bad inputs ------------------------------------------------------------ */

static unsigned char *small_gz(size_t *gz_len, size_t *len, unsigned char **t)
{
	*len = 3000;
	*t = text(*len, 8);
	return *t ? gzip_of("small", "-9", *t, *len, gz_len) : NULL;
}

static void test_truncated(void)
{
	unsigned char *t, *gz, *cut;
	size_t gz_len, len, i;

	gz = small_gz(&gz_len, &len, &t);
	CHECK(gz && gz_len > 100 && gz_len < len);
	CHECK(same(gz, gz_len, t, len));
	for (i = 0; i < gz_len; i++) {
		/* a copy of its own size, so that ASan sees a read past it */
		cut = malloc(i ? i : 1);
		CHECK(cut);
		memcpy(cut, gz, i);
		CHECK(refused(cut, i, MAX_OUT, -EINVAL, ""));
		free(cut);
	}
	CHECK(refused(gz, gz_len - 3, MAX_OUT, -EINVAL,
		      "gzip: input ends inside the trailer (5 of 8 bytes"));
	CHECK(refused(gz, 12, MAX_OUT, -EINVAL,
		      "gzip: the header's file name runs past the end"));
	free(gz);
	free(t);
}

/* Every bit flipped in turn: refused, or (bits that nothing checks, like
 * MTIME, OS or padding) the same output. */
static void test_bit_flips(void)
{
	char err[INFLATE_ERR_LEN];
	unsigned char *t, *gz;
	size_t gz_len, len, i, out_len, refusals = 0;
	void *out;
	int ret;

	gz = small_gz(&gz_len, &len, &t);
	CHECK(gz);
	for (i = 0; i < gz_len * 8; i++) {
		gz[i / 8] ^= (unsigned char)(1u << i % 8);
		ret = inflate_gzip(gz, gz_len, &out, &out_len, MAX_OUT, err,
				   sizeof(err));
		gz[i / 8] ^= (unsigned char)(1u << i % 8);
		if (ret) {
			CHECK(!out && err[0] &&
			      (ret == -EINVAL || ret == -E2BIG));
			refusals++;
			continue;
		}
		CHECK(out_len == len && !memcmp(out, t, len));
		free(out);
		/* the CRC and the size are always checked */
		CHECK(i < (gz_len - 8) * 8);
	}
	printf("  %zu of %zu bit flips refused\n", refusals, gz_len * 8);
	CHECK(refusals > gz_len * 8 * 9 / 10);
	free(gz);
	free(t);
}

static void test_bad_trailer(void)
{
	unsigned char *t, *gz;
	size_t gz_len, len;

	gz = small_gz(&gz_len, &len, &t);
	CHECK(gz);
	gz[gz_len - 8] ^= 1;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: CRC-32 mismatch (stored 0x"));
	gz[gz_len - 8] ^= 1;
	gz[gz_len - 4] ^= 1;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: ISIZE mismatch (stored 3001, decompressed 3000"));
	free(gz);
	free(t);
}

static void test_bad_header(void)
{
	unsigned char *t, *gz;
	size_t gz_len, len;

	gz = small_gz(&gz_len, &len, &t);
	CHECK(gz);
	CHECK(refused(gz, 9, MAX_OUT, -EINVAL, "too short for a gzip header"));
	CHECK(refused("", 0, MAX_OUT, -EINVAL, "0 bytes at byte 0"));
	gz[1] = 0x8c;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: bad magic 1f 8c at byte 0"));
	gz[1] = 0x8b;
	gz[2] = 7;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: compression method 7 is not deflate"));
	gz[2] = 8;
	gz[3] |= 0x80;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: reserved header flags 0x80"));
	gz[3] = 0x04; /* FEXTRA, of the name's first two bytes as its length */
	gz[10] = 0xff;
	gz[11] = 0xff;
	CHECK(refused(gz, gz_len, MAX_OUT, -EINVAL,
		      "gzip: the header's extra field (65535 bytes) runs past"));
	gz[3] = 0x10; /* FCOMMENT: no zero byte to the end */
	memset(gz + 10, 'c', 30);
	CHECK(refused(gz, 40, MAX_OUT, -EINVAL,
		      "gzip: the header's comment runs past the end"));
	gz[3] = 0x04; /* FEXTRA, without the whole length */
	CHECK(refused(gz, 11, MAX_OUT, -EINVAL,
		      "gzip: input ends inside the header"));
	gz[3] = 0x02; /* FHCRC, without the whole CRC */
	CHECK(refused(gz, 11, MAX_OUT, -EINVAL,
		      "gzip: input ends inside the header"));
	free(gz);
	free(t);
}

static void test_block_type_3(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[64];
	size_t len;

	put(&w, 1, 1);
	put(&w, 3, 2);
	len = gz_wrap(gz, &w, "", 0);
	CHECK(refused(gz, len, MAX_OUT, -EINVAL,
		      "deflate: block type 3 (reserved) at byte 10"));
}

static void test_stored_complement(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[64];
	size_t len;

	put(&w, 1, 1);
	put(&w, 0, 2);
	w.bits = 8;
	put(&w, 3, 16);
	put(&w, 0xfffd, 16);
	put(&w, 'x' | 'y' << 8 | 'z' << 16, 24);
	len = gz_wrap(gz, &w, "xyz", 3);
	CHECK(refused(
		gz, len, MAX_OUT, -EINVAL,
		"deflate: stored block at byte 10: length 0x0003 does not match its complement 0xfffd"));
	gz[11] = 0xff;
	gz[12] = 0xff;
	gz[13] = 0x00;
	gz[14] = 0x00; /* 65535 bytes, which the input does not have */
	CHECK(refused(gz, len, MAX_OUT, -EINVAL,
		      "deflate: input ends inside the block at byte 10"));
}

/* Code lengths the decoder must refuse; lens are changed from good_lens(). */
static int bad_lens(void (*change)(uint8_t *lens), const char *msg)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[2048];
	uint8_t lens[320];

	good_lens(lens);
	change(lens);
	put_dyn(&w, lens, 286, 30);
	put(&w, 0, 32);
	return refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL, msg);
}

static void lit_over(uint8_t *lens)
{
	lens[0] = 7;
}

static void lit_under(uint8_t *lens)
{
	lens[0] = 9;
}

static void dist_over(uint8_t *lens)
{
	lens[286 + 2] = 4;
}

static void dist_two_of_three(uint8_t *lens)
{
	memset(lens + 286, 0, 30);
	lens[286 + 3] = 1;
	lens[286 + 5] = 2;
}

static void dist_one_long(uint8_t *lens)
{
	memset(lens + 286, 0, 30);
	lens[286 + 3] = 2;
}

static void no_end_of_block(uint8_t *lens)
{
	lens[256] = 0;
}

static void test_bad_code_lengths(void)
{
	CHECK(bad_lens(
		lit_over,
		"deflate: over-subscribed literal/length code in the block at byte 10"));
	CHECK(bad_lens(lit_under, "deflate: incomplete literal/length code"));
	CHECK(bad_lens(dist_over, "deflate: over-subscribed distance code"));
	CHECK(bad_lens(dist_two_of_three,
		       "deflate: incomplete distance code (2 codes)"));
	CHECK(bad_lens(dist_one_long,
		       "deflate: incomplete distance code (1 codes)"));
	CHECK(bad_lens(no_end_of_block, "deflate: no end-of-block code"));
}

/* The code length code itself over-subscribed, or incomplete. */
static void test_bad_code_length_code(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[256];
	struct huff cl;
	unsigned int i;

	for (i = 0; i < 19; i++)
		cl.len[i] = 1;
	put_dyn_header(&w, 257, 1, &cl);
	put(&w, 0, 32);
	CHECK(refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL,
		      "deflate: over-subscribed code length code"));
	memset(&w, 0, sizeof(w));
	memset(cl.len, 0, sizeof(cl.len));
	cl.len[8] = 1;
	put_dyn_header(&w, 257, 1, &cl);
	put(&w, 0, 32);
	CHECK(refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL,
		      "deflate: incomplete code length code (1 codes)"));
}

/* Repeat codes 16-18 misused, and too many literal/length codes. */
static void test_bad_repeats(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[2048];
	struct huff cl;
	unsigned int i;

	clen_code(&cl);
	put_dyn_header(&w, 257, 1, &cl);
	put_sym(&w, &cl, 16);
	put(&w, 0, 40);
	CHECK(refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL,
		      "deflate: code length repeat with no previous length"));

	memset(&w, 0, sizeof(w));
	put_dyn_header(&w, 257, 1, &cl);
	for (i = 0; i < 2; i++) { /* 2 x 138 zeros > 258 */
		put_sym(&w, &cl, 18);
		put(&w, 127, 7);
	}
	put(&w, 0, 40);
	CHECK(refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL,
		      "deflate: code lengths repeat past the 258 codes"));

	memset(&w, 0, sizeof(w));
	put_dyn_header(&w, 257 + 30, 1, &cl);
	put(&w, 0, 40);
	CHECK(refused(gz, gz_wrap(gz, &w, "", 0), MAX_OUT, -EINVAL,
		      "deflate: 287 literal/length codes (more than 286)"));
}

/* Distances past the start of the output, and of the member. */
static void test_distance_too_far(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[256], *a;
	size_t len, a_len;

	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, 'a');
	put_fixed_lit(&w, 257);
	put_code(&w, 1, 5); /* distance 2 */
	put_fixed_lit(&w, 256);
	len = gz_wrap(gz, &w, "aaaa", 4);
	CHECK(refused(
		gz, len, MAX_OUT, -EINVAL,
		"deflate: invalid distance 2 past the start of the output at byte 1 (input byte"));

	/* a second member cannot reach into the first */
	a = gzip_of("first", "-n", "abcdef", 6, &a_len);
	CHECK(a && a_len < 64);
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, 257);
	put_code(&w, 0, 5); /* distance 1 */
	put_fixed_lit(&w, 256);
	memcpy(gz, a, a_len);
	len = a_len + gz_wrap(gz + a_len, &w, "fff", 3);
	CHECK(refused(
		gz, len, MAX_OUT, -EINVAL,
		"deflate: invalid distance 1 past the start of the output at byte 0"));
	free(a);
}

/* Symbols the fixed code has but that must not occur. */
static void test_invalid_symbols(void)
{
	struct bw w = { { 0 }, 0 };
	unsigned char gz[64];
	size_t len;

	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, 'a');
	put_fixed_lit(&w, 286);
	put(&w, 0, 16);
	len = gz_wrap(gz, &w, "a", 1);
	CHECK(refused(gz, len, MAX_OUT, -EINVAL,
		      "deflate: invalid length symbol 286 at byte"));
	memset(&w, 0, sizeof(w));
	put(&w, 1, 1);
	put(&w, 1, 2);
	put_fixed_lit(&w, 'a');
	put_fixed_lit(&w, 257);
	put_code(&w, 30, 5);
	put(&w, 0, 16);
	len = gz_wrap(gz, &w, "a", 1);
	CHECK(refused(gz, len, MAX_OUT, -EINVAL,
		      "deflate: invalid distance symbol 30 at byte"));
}

/* Random damage to a good file: refused with a reason, or decoded, never
 * a read or write out of bounds (ASan) or a hang. */
static void test_random_damage(void)
{
	char err[INFLATE_ERR_LEN];
	unsigned char *t, *gz, *bad;
	size_t gz_len, len, n, out_len, i, k, refusals = 0;
	uint64_t seed = 9;
	void *out;
	int ret;

	gz = small_gz(&gz_len, &len, &t);
	CHECK(gz);
	for (i = 0; i < 20000; i++) {
		n = i % 4 ? gz_len : 11 + rnd(&seed) % (gz_len - 11);
		bad = malloc(n);
		CHECK(bad);
		memcpy(bad, gz, n);
		for (k = 0; k < 1 + i % 5; k++)
			bad[10 + rnd(&seed) % (n - 10)] =
				(unsigned char)rnd(&seed);
		if (i % 7 == 0) /* noise after a good header */
			for (k = 10; k < n; k++)
				bad[k] = (unsigned char)rnd(&seed);
		ret = inflate_gzip(bad, n, &out, &out_len, 64 * KIB, err,
				   sizeof(err));
		CHECK(ret ? !out && err[0] : out_len <= 64 * KIB);
		refusals += ret != 0;
		free(out);
		free(bad);
	}
	printf("  %zu of %zu damaged files refused\n", refusals, i);
	free(gz);
	free(t);
}

static void test_is_gzip(void)
{
	CHECK(inflate_is_gzip("\x1f\x8b\x08", 3));
	CHECK(!inflate_is_gzip("\x1f\x8b\x08", 2));
	CHECK(!inflate_is_gzip("\x1f\x8b\x07", 3));
	CHECK(!inflate_is_gzip("MZ@\xfa", 4));
	CHECK(!inflate_is_gzip("", 0));
}

/* ---- a real kernel ---------------------------------------------------------- */

static const char *image_path(void)
{
	const char *p = getenv("INFLATE_TEST_IMAGE");
	struct stat st;

	if (!p || !p[0])
		p = INFLATE_IMAGE;
	return stat(p, &st) == 0 ? p : NULL;
}

/* gzip -9 -n of the image (as Kbuild makes Image.gz), kept in
 * INFLATE_DATA_DIR/Image.gz while that is newer than the image. */
static unsigned char *image_gz(const char *path, size_t *gz_len)
{
	char gz[512], cmd[1600];
	struct stat si, sg;

	snprintf(gz, sizeof(gz), "%s/Image.gz", INFLATE_DATA_DIR);
	if (stat(path, &si) || stat(gz, &sg) || sg.st_mtime < si.st_mtime) {
		snprintf(cmd, sizeof(cmd),
			 "gzip -9 -n -c '%s' > '%s.tmp' && mv '%s.tmp' '%s'",
			 path, gz, gz, gz);
		if (system(cmd) != 0)
			return NULL;
	}
	return read_file(gz, gz_len);
}

/* The image and its gzip (the image itself if it is gzipped). */
static int image_pair(const char *path, unsigned char **img, size_t *img_len,
		      unsigned char **gz, size_t *gz_len)
{
	char cmd[1280], ref[512];

	*img = read_file(path, img_len);
	if (!*img)
		return 0;
	if (!inflate_is_gzip(*img, *img_len)) {
		*gz = image_gz(path, gz_len);
		return *gz != NULL;
	}
	*gz = *img;
	*gz_len = *img_len;
	snprintf(ref, sizeof(ref), "%s/Image.ref", INFLATE_DATA_DIR);
	snprintf(cmd, sizeof(cmd), "gzip -dc '%s' > '%s'", path, ref);
	if (system(cmd) != 0)
		return 0;
	*img = read_file(ref, img_len);
	return *img != NULL;
}

static void test_image(void)
{
	char err[INFLATE_ERR_LEN];
	unsigned char *img, *gz;
	size_t img_len, gz_len, out_len;
	struct timespec t0, t1;
	double s;
	void *out;

	CHECK(system("mkdir -p '" INFLATE_DATA_DIR "'") == 0);
	CHECK(image_pair(image_path(), &img, &img_len, &gz, &gz_len));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK(inflate_gzip(gz, gz_len, &out, &out_len, MAX_OUT, err,
			   sizeof(err)) == 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("  %s: %zu bytes from %zu in %.2f s (%.0f MiB/s, as built)\n",
	       image_path(), out_len, gz_len, s,
	       (double)out_len / (double)MIB / s);
	CHECK(out_len == img_len && !memcmp(out, img, img_len));
	free(out);
	if (gz != img)
		free(gz);
	free(img);
}

int main(void)
{
	RUN(test_levels);
	RUN(test_name_or_not);
	RUN(test_empty_and_one_byte);
	RUN(test_repetitive);
	RUN(test_incompressible);
	RUN(test_mixed_blocks);
	RUN(test_fixed_by_hand);
	RUN(test_stored_by_hand);
	RUN(test_header_fields);
	RUN(test_members);
	RUN(test_output_cap);
	RUN(test_incomplete_distance_codes);
	RUN(test_truncated);
	RUN(test_bit_flips);
	RUN(test_bad_trailer);
	RUN(test_bad_header);
	RUN(test_block_type_3);
	RUN(test_stored_complement);
	RUN(test_bad_code_lengths);
	RUN(test_bad_code_length_code);
	RUN(test_bad_repeats);
	RUN(test_distance_too_far);
	RUN(test_invalid_symbols);
	RUN(test_random_damage);
	RUN(test_is_gzip);
	if (image_path())
		RUN(test_image);
	else
		printf("SKIP test_image: no kernel image at %s (set INFLATE_TEST_IMAGE)\n",
		       INFLATE_IMAGE);
	UNIT_DONE();
}
