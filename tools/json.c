// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: a streaming JSON writer (json.h).  It keeps only a comma
 * flag per nesting level, so a value is written the moment it is known.
 */
#include <errno.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

int json_finish(struct json *j)
{
	fputc('\n', j->out);
	if (fflush(j->out) || ferror(j->out))
		return -EIO;
	return j->broken || j->depth ? -EINVAL : 0;
}

static void json_indent(struct json *j)
{
	int i;

	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/*
 * The length of the valid UTF-8 sequence at s (of len bytes), or 0 if it is
 * not one.  Overlong forms, surrogates and code points above U+10FFFF are
 * invalid (RFC 3629, section 4).
 */
static size_t json_utf8_len(const unsigned char *s, size_t len)
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
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* The short escape of c ('n' for a newline), or 0 if it has none. */
static char json_short_escape(unsigned char c)
{
	switch (c) {
	case '"':
		return '"';
	case '\\':
		return '\\';
	case '\b':
		return 'b';
	case '\f':
		return 'f';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\t':
		return 't';
	default:
		return 0;
	}
}

/* One character below 0x80 of a string, escaped if JSON requires it. */
static void json_put_ascii(FILE *out, unsigned char c)
{
	char e = json_short_escape(c);

	if (e)
		fprintf(out, "\\%c", e);
	else if (c < 0x20 || c == 0x7f)
		fprintf(out, "\\u%04x", c);
	else
		fputc(c, out);
}

static void json_put_string(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	fputc('"', out);
	while (i < len) {
		if (s[i] < 0x80) {
			json_put_ascii(out, s[i++]);
			continue;
		}
		n = json_utf8_len(s + i, len - i);
		if (n) {
			fwrite(s + i, 1, n, out);
			i += n;
		} else {
			fputs("\\ufffd", out); /* not UTF-8: a placeholder */
			i++;
		}
	}
	fputc('"', out);
}

/* Separator, indentation and key before a value. */
static void json_key(struct json *j, const char *key)
{
	if (j->has_members[j->depth])
		fputc(',', j->out);
	if (j->depth > 0 || j->has_members[0])
		json_indent(j);
	j->has_members[j->depth] = 1;
	if (key) {
		json_put_string(j->out, key, strlen(key));
		fputs(": ", j->out);
	}
}

static void json_begin(struct json *j, const char *key, char open)
{
	json_key(j, key);
	fputc(open, j->out);
	if (j->depth >= JSON_MAX_DEPTH) {
		j->broken = 1;
		return;
	}
	j->depth++;
	j->has_members[j->depth] = 0;
}

static void json_end(struct json *j, char close)
{
	int empty;

	if (j->depth == 0) {
		j->broken = 1;
		return;
	}
	empty = !j->has_members[j->depth];
	j->depth--;
	if (!empty)
		json_indent(j);
	fputc(close, j->out);
}

void json_begin_object(struct json *j, const char *key)
{
	json_begin(j, key, '{');
}

void json_end_object(struct json *j)
{
	json_end(j, '}');
}

void json_begin_array(struct json *j, const char *key)
{
	json_begin(j, key, '[');
}

void json_end_array(struct json *j)
{
	json_end(j, ']');
}

void json_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_put_string(j->out, s, strlen(s));
}

void json_string_n(struct json *j, const char *key, const char *s, size_t max)
{
	const char *nul = memchr(s, '\0', max);

	json_key(j, key);
	json_put_string(j->out, s, nul ? (size_t)(nul - s) : max);
}

void json_hex(struct json *j, const char *key, uint64_t value)
{
	json_key(j, key);
	fprintf(j->out, "\"0x%llx\"", (unsigned long long)value);
}

void json_uint(struct json *j, const char *key, uint64_t value)
{
	json_key(j, key);
	fprintf(j->out, "%llu", (unsigned long long)value);
}

void json_bool(struct json *j, const char *key, int value)
{
	json_key(j, key);
	fputs(value ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
	json_key(j, key);
	fputs("null", j->out);
}
