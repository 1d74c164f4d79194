// SPDX-License-Identifier: GPL-2.0-only
/*
 * json-check: a strict JSON (RFC 8259) syntax checker with assertions, for
 * the system scenarios, whose guest has busybox but no JSON parser.  Built
 * static for arm64 (the guest's /usr/bin/json-check) and for the host,
 * where tests/cli/run.sh tests it against Python's parser.
 *
 *   json-check [-e PATH VALUE | -x PATH]... [FILE]
 *
 * Reads FILE (or stdin), which must hold exactly one JSON value: strict
 * grammar, valid UTF-8, no lone surrogates, no duplicate keys in an object.
 * Then every assertion must hold:
 *   -e PATH VALUE  PATH names a value equal to VALUE: a string whose
 *                  contents are VALUE, or a number, true, false or null
 *                  written as VALUE
 *   -x PATH        PATH names a value
 * PATH is dot-separated steps from the top value: a member name ("cells"),
 * optionally followed by one selector in brackets: "[N]" (element N of an
 * array) or "[KEY=VALUE]" (the first element of an array that is an object
 * whose member KEY equals VALUE).  A path that starts with a selector
 * applies it to the top value.  Examples:
 *   -e 'cells[name=gic-demo].state' running
 *   -e 'cells[0].name' root      -e enabled true      -x '[1].cell'
 *
 * Exit: 0 valid and every assertion holds, 1 otherwise (the reason, with
 * the byte offset, on stderr), 2 usage error.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_CHECK_MAX_INPUT (16u << 20)
#define JSON_CHECK_MAX_DEPTH 64
#define JSON_CHECK_MAX_ASSERTS 32

enum json_check_type {
	JSON_CHECK_OBJECT,
	JSON_CHECK_ARRAY,
	JSON_CHECK_STRING,
	JSON_CHECK_LITERAL, /* number, true, false, null: compared as text */
};

/* A value; its members or elements are a list of child nodes. */
struct json_check_node {
	enum json_check_type type;
	size_t start, end; /* the value's text; a string's without quotes */
	size_t key_start, key_end; /* member name (raw), if in an object */
	int first_child, last_child, next; /* node indexes, -1: none */
};

struct json_check {
	const char *text;
	size_t len, pos;
	struct json_check_node *nodes;
	int num_nodes, max_nodes;
	const char *error; /* the first error; pos says where */
};

static int json_check_fail(struct json_check *p, const char *why)
{
	if (!p->error)
		p->error = why;
	return -1;
}

static void json_check_ws(struct json_check *p)
{
	while (p->pos < p->len && strchr(" \t\n\r", p->text[p->pos]) &&
	       p->text[p->pos])
		p->pos++;
}

static int json_check_new_node(struct json_check *p, enum json_check_type t)
{
	struct json_check_node *n;

	if (p->num_nodes == p->max_nodes) {
		int max = p->max_nodes ? 2 * p->max_nodes : 256;

		n = realloc(p->nodes, (size_t)max * sizeof(*n));
		if (!n)
			return json_check_fail(p, "out of memory");
		p->nodes = n;
		p->max_nodes = max;
	}
	n = &p->nodes[p->num_nodes];
	memset(n, 0, sizeof(*n));
	n->type = t;
	n->first_child = n->last_child = n->next = -1;
	return p->num_nodes++;
}

static void json_check_add_child(struct json_check *p, int parent, int child)
{
	struct json_check_node *n = &p->nodes[parent];

	if (n->last_child >= 0)
		p->nodes[n->last_child].next = child;
	else
		n->first_child = child;
	n->last_child = child;
}

/* ---- strings ------------------------------------------------------------ */

static int json_check_hex4(const char *s, unsigned int *v)
{
	unsigned int i, d;

	*v = 0;
	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned int)(s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = (unsigned int)(s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = (unsigned int)(s[i] - 'A' + 10);
		else
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at s, 0 if invalid (RFC 3629). */
static size_t json_check_utf8(const unsigned char *s, size_t len)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	lo = s[0] == 0xe0 ? 0xa0 : s[0] == 0xf0 ? 0x90 : 0x80;
	hi = s[0] == 0xed ? 0x9f : s[0] == 0xf4 ? 0x8f : 0xbf;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* One \u escape (and the low half of a pair) at p->pos, after the 'u'. */
static int json_check_uescape(struct json_check *p, unsigned int *cp)
{
	unsigned int lo;

	if (p->len - p->pos < 4 || json_check_hex4(p->text + p->pos, cp))
		return json_check_fail(p, "bad \\u escape");
	p->pos += 4;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return json_check_fail(p, "lone low surrogate");
	if (*cp < 0xd800 || *cp > 0xdbff)
		return 0;
	if (p->len - p->pos < 6 || p->text[p->pos] != '\\' ||
	    p->text[p->pos + 1] != 'u' ||
	    json_check_hex4(p->text + p->pos + 2, &lo) || lo < 0xdc00 ||
	    lo > 0xdfff)
		return json_check_fail(p, "lone high surrogate");
	p->pos += 6;
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	return 0;
}

static int json_check_escape(struct json_check *p)
{
	unsigned int cp;
	char c;

	if (p->pos >= p->len)
		return json_check_fail(p, "unterminated string");
	c = p->text[p->pos++];
	if (c == 'u')
		return json_check_uescape(p, &cp);
	if (!c || !strchr("\"\\/bfnrt", c))
		return json_check_fail(p, "bad escape");
	return 0;
}

/* A string at p->pos (its opening quote); sets [*start, *end) inside. */
static int json_check_string(struct json_check *p, size_t *start, size_t *end)
{
	const unsigned char *s = (const unsigned char *)p->text;
	size_t n;

	p->pos++;
	*start = p->pos;
	while (p->pos < p->len && s[p->pos] != '"') {
		if (s[p->pos] < 0x20)
			return json_check_fail(p,
					       "control character in string");
		if (s[p->pos] == '\\') {
			p->pos++;
			if (json_check_escape(p))
				return -1;
		} else if (s[p->pos] >= 0x80) {
			n = json_check_utf8(s + p->pos, p->len - p->pos);
			if (!n)
				return json_check_fail(p, "invalid UTF-8");
			p->pos += n;
		} else {
			p->pos++;
		}
	}
	if (p->pos >= p->len)
		return json_check_fail(p, "unterminated string");
	*end = p->pos++;
	return 0;
}

/* Append code point cp to out as UTF-8. */
static size_t json_check_put_utf8(char *out, unsigned int cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The contents of an already validated string [start, end), unescaped, in
 * a malloc'ed NUL-terminated buffer (never longer than the raw text).
 */
static char *json_check_unescape(const char *text, size_t start, size_t end)
{
	struct json_check q = { .text = text, .len = end, .pos = start };
	char *out = malloc(end - start + 1), c;
	size_t n = 0;
	unsigned int cp;

	if (!out)
		return NULL;
	while (q.pos < end) {
		c = text[q.pos++];
		if (c != '\\') {
			out[n++] = c;
			continue;
		}
		c = text[q.pos++];
		if (c == 'u') {
			json_check_uescape(&q, &cp);
			n += json_check_put_utf8(out + n, cp);
			continue;
		}
		out[n++] = c == 'b' ? '\b' :
			   c == 'f' ? '\f' :
			   c == 'n' ? '\n' :
			   c == 'r' ? '\r' :
			   c == 't' ? '\t' :
				      c;
	}
	out[n] = '\0';
	return out;
}

/* ---- numbers and literals ---------------------------------------------- */

static size_t json_check_digits(struct json_check *p)
{
	size_t n = 0;

	while (p->pos < p->len && p->text[p->pos] >= '0' &&
	       p->text[p->pos] <= '9') {
		p->pos++;
		n++;
	}
	return n;
}

static int json_check_number(struct json_check *p)
{
	if (p->pos < p->len && p->text[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->text[p->pos] == '0')
		p->pos++;
	else if (!json_check_digits(p))
		return json_check_fail(p, "bad number");
	if (p->pos < p->len && p->text[p->pos] == '.') {
		p->pos++;
		if (!json_check_digits(p))
			return json_check_fail(p, "bad fraction");
	}
	if (p->pos < p->len &&
	    (p->text[p->pos] == 'e' || p->text[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len &&
		    (p->text[p->pos] == '+' || p->text[p->pos] == '-'))
			p->pos++;
		if (!json_check_digits(p))
			return json_check_fail(p, "bad exponent");
	}
	return 0;
}

static int json_check_literal(struct json_check *p)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if (p->len - p->pos >= n &&
		    !memcmp(p->text + p->pos, words[i], n)) {
			p->pos += n;
			return 0;
		}
	}
	return json_check_fail(p, "unexpected character");
}

/* ---- objects and arrays ------------------------------------------------- */

static int json_check_value(struct json_check *p, int depth);

/* Is the key of `child` already that of an earlier member of `obj`? */
static int json_check_duplicate(struct json_check *p, int obj, int child)
{
	const struct json_check_node *c = &p->nodes[child];
	char *key = json_check_unescape(p->text, c->key_start, c->key_end);
	char *other;
	int i, dup = 0;

	if (!key)
		return 0;
	for (i = p->nodes[obj].first_child; i >= 0 && !dup;
	     i = p->nodes[i].next) {
		other = json_check_unescape(p->text, p->nodes[i].key_start,
					    p->nodes[i].key_end);
		dup = other && !strcmp(key, other);
		free(other);
	}
	free(key);
	return dup;
}

static int json_check_member(struct json_check *p, int obj, int depth)
{
	size_t ks, ke;
	int child;

	json_check_ws(p);
	if (p->pos >= p->len || p->text[p->pos] != '"')
		return json_check_fail(p, "expected a member name");
	if (json_check_string(p, &ks, &ke))
		return -1;
	json_check_ws(p);
	if (p->pos >= p->len || p->text[p->pos] != ':')
		return json_check_fail(p, "expected ':'");
	p->pos++;
	child = json_check_value(p, depth + 1);
	if (child < 0)
		return -1;
	p->nodes[child].key_start = ks;
	p->nodes[child].key_end = ke;
	if (json_check_duplicate(p, obj, child))
		return json_check_fail(p, "duplicate member name");
	json_check_add_child(p, obj, child);
	return 0;
}

/* An object or array at p->pos; its members or elements become children. */
static int json_check_container(struct json_check *p, int node, int depth)
{
	int is_obj = p->nodes[node].type == JSON_CHECK_OBJECT, child;
	char close = is_obj ? '}' : ']';

	p->pos++;
	json_check_ws(p);
	if (p->pos < p->len && p->text[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		if (is_obj) {
			if (json_check_member(p, node, depth))
				return -1;
		} else {
			child = json_check_value(p, depth + 1);
			if (child < 0)
				return -1;
			json_check_add_child(p, node, child);
		}
		json_check_ws(p);
		if (p->pos < p->len && p->text[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->text[p->pos] == close) {
			p->pos++;
			return 0;
		}
		return json_check_fail(p, is_obj ? "expected ',' or '}'" :
						   "expected ',' or ']'");
	}
}

/* A value at p->pos (after white space); returns its node or -1. */
static int json_check_value(struct json_check *p, int depth)
{
	enum json_check_type t;
	size_t start;
	int node, ret;
	char c;

	json_check_ws(p);
	if (depth > JSON_CHECK_MAX_DEPTH)
		return json_check_fail(p, "nested too deep");
	if (p->pos >= p->len)
		return json_check_fail(p, "unexpected end");
	c = p->text[p->pos];
	t = c == '{' ? JSON_CHECK_OBJECT :
	    c == '[' ? JSON_CHECK_ARRAY :
	    c == '"' ? JSON_CHECK_STRING :
		       JSON_CHECK_LITERAL;
	node = json_check_new_node(p, t);
	if (node < 0)
		return -1;
	start = p->pos;
	if (t == JSON_CHECK_OBJECT || t == JSON_CHECK_ARRAY)
		ret = json_check_container(p, node, depth);
	else if (t == JSON_CHECK_STRING)
		ret = json_check_string(p, &start, &p->nodes[node].end);
	else if (c == '-' || (c >= '0' && c <= '9'))
		ret = json_check_number(p);
	else
		ret = json_check_literal(p);
	if (ret)
		return -1;
	p->nodes[node].start = start;
	if (t != JSON_CHECK_STRING)
		p->nodes[node].end = p->pos;
	return node;
}

/* ---- assertions ---------------------------------------------------------- */

/* Does node equal the text `want` (see -e)? */
static int json_check_equals(const struct json_check *p, int node,
			     const char *want)
{
	const struct json_check_node *n = &p->nodes[node];
	char *s;
	int eq;

	if (n->type == JSON_CHECK_LITERAL)
		return strlen(want) == n->end - n->start &&
		       !memcmp(p->text + n->start, want, n->end - n->start);
	if (n->type != JSON_CHECK_STRING)
		return 0;
	s = json_check_unescape(p->text, n->start, n->end);
	eq = s && !strcmp(s, want);
	free(s);
	return eq;
}

/* The member `key` (len bytes) of object node, or -1. */
static int json_check_member_of(const struct json_check *p, int node,
				const char *key, size_t len)
{
	char *name;
	int i, found = -1;

	if (p->nodes[node].type != JSON_CHECK_OBJECT)
		return -1;
	for (i = p->nodes[node].first_child; i >= 0 && found < 0;
	     i = p->nodes[i].next) {
		name = json_check_unescape(p->text, p->nodes[i].key_start,
					   p->nodes[i].key_end);
		if (name && strlen(name) == len && !memcmp(name, key, len))
			found = i;
		free(name);
	}
	return found;
}

/* Apply the selector "N" or "KEY=VALUE" (NUL-terminated) to an array. */
static int json_check_select(const struct json_check *p, int node, char *sel)
{
	char *eq = strchr(sel, '='), *end;
	unsigned long idx;
	int i, m;

	if (p->nodes[node].type != JSON_CHECK_ARRAY)
		return -1;
	if (!eq) {
		idx = strtoul(sel, &end, 10);
		if (!*sel || *end)
			return -1;
		for (i = p->nodes[node].first_child; i >= 0 && idx;
		     i = p->nodes[i].next)
			idx--;
		return i;
	}
	for (i = p->nodes[node].first_child; i >= 0; i = p->nodes[i].next) {
		m = json_check_member_of(p, i, sel, (size_t)(eq - sel));
		if (m >= 0 && json_check_equals(p, m, eq + 1))
			return i;
	}
	return -1;
}

/* The node PATH names, or -1.  path is modified (brackets cut out). */
static int json_check_path(const struct json_check *p, char *path)
{
	char *step, *next, *sel, *close;
	int node = 0;

	for (step = path; step && node >= 0; step = next) {
		next = strchr(step, '.');
		sel = strchr(step, '[');
		if (sel && next && sel > next)
			sel = NULL;
		if (sel) {
			close = strchr(sel, ']');
			if (!close)
				return -1;
			next = close[1] == '.' ? close + 2 : NULL;
			if (close[1] && close[1] != '.')
				return -1;
			*close = '\0';
			*sel++ = '\0';
		} else if (next) {
			*next++ = '\0';
		}
		if (*step)
			node = json_check_member_of(p, node, step,
						    strlen(step));
		if (node >= 0 && sel)
			node = json_check_select(p, node, sel);
	}
	return node;
}

/* ---- main ----------------------------------------------------------------- */

struct json_check_assert {
	const char *path;
	const char *value; /* NULL: -x */
};

static int json_check_read(FILE *f, char **buf, size_t *len)
{
	char *data = malloc(JSON_CHECK_MAX_INPUT + 1);
	size_t n;

	if (!data)
		return -ENOMEM;
	n = fread(data, 1, JSON_CHECK_MAX_INPUT + 1, f);
	if (ferror(f) || n > JSON_CHECK_MAX_INPUT) {
		free(data);
		return ferror(f) ? -EIO : -EFBIG;
	}
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

static int json_check_asserts(const struct json_check *p,
			      const struct json_check_assert *a, int num)
{
	char path[512];
	int i, node, ret = 0;

	for (i = 0; i < num; i++) {
		snprintf(path, sizeof(path), "%s", a[i].path);
		node = json_check_path(p, path);
		if (node < 0) {
			fprintf(stderr, "json-check: no value at %s\n",
				a[i].path);
			ret = 1;
		} else if (a[i].value &&
			   !json_check_equals(p, node, a[i].value)) {
			fprintf(stderr, "json-check: %s is %.*s, not %s\n",
				a[i].path,
				(int)(p->nodes[node].end -
				      p->nodes[node].start),
				p->text + p->nodes[node].start, a[i].value);
			ret = 1;
		}
	}
	return ret;
}

static int json_check_usage(void)
{
	fprintf(stderr, "usage: json-check [-e PATH VALUE | -x PATH]... "
			"[FILE]\n");
	return 2;
}

/* The assertions of argv into a[]; returns their number, or -1. */
static int json_check_args(int argc, char **argv, struct json_check_assert *a,
			   const char **file)
{
	int i, n = 0;

	for (i = 1; i < argc; i++) {
		if (n == JSON_CHECK_MAX_ASSERTS)
			return -1;
		if (!strcmp(argv[i], "-e") && i + 2 < argc) {
			a[n].path = argv[++i];
			a[n++].value = argv[++i];
		} else if (!strcmp(argv[i], "-x") && i + 1 < argc) {
			a[n].path = argv[++i];
			a[n++].value = NULL;
		} else if (argv[i][0] != '-' && !*file && i == argc - 1) {
			*file = argv[i];
		} else {
			return -1;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	struct json_check_assert a[JSON_CHECK_MAX_ASSERTS];
	struct json_check p = { 0 };
	const char *file = NULL;
	FILE *f = stdin;
	char *text;
	int num, ret;

	num = json_check_args(argc, argv, a, &file);
	if (num < 0)
		return json_check_usage();
	if (file && !(f = fopen(file, "rb"))) {
		fprintf(stderr, "json-check: %s: %s\n", file, strerror(errno));
		return 1;
	}
	ret = json_check_read(f, &text, &p.len);
	if (file)
		fclose(f);
	if (ret) {
		fprintf(stderr, "json-check: reading failed: %s\n",
			strerror(-ret));
		return 1;
	}
	p.text = text;
	if (json_check_value(&p, 0) >= 0) {
		json_check_ws(&p);
		if (p.pos < p.len)
			json_check_fail(&p, "text after the value");
	}
	if (p.error) {
		fprintf(stderr, "json-check: invalid JSON at byte %zu: %s\n",
			p.pos, p.error);
		ret = 1;
	} else {
		ret = json_check_asserts(&p, a, num);
	}
	free(p.nodes);
	free(text);
	return ret;
}
