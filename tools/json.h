/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small streaming JSON writer for the CLI's --json output: objects,
 * arrays, strings, numbers, booleans and null, written to a FILE as they
 * come, indented two spaces a level.
 *
 * Every value takes a key: the member name inside an object, NULL inside an
 * array or at the top level.  Strings are escaped as RFC 8259 requires, and
 * bytes that are not valid UTF-8 become U+FFFD, so that the output parses
 * whatever a config or a sysfs file holds.
 *
 *   struct json j;
 *   json_init(&j, stdout);
 *   json_begin_object(&j, NULL);
 *   json_string(&j, "name", "gic-demo");
 *   json_end_object(&j);
 *   return json_finish(&j);
 */
#ifndef WARDEN_TOOLS_JSON_H
#define WARDEN_TOOLS_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Deepest nesting of objects and arrays. */
#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	int depth;
	/* per level: has it a member yet (a comma goes before the next) */
	unsigned char has_members[JSON_MAX_DEPTH + 1];
	/* nesting deeper than JSON_MAX_DEPTH or unbalanced ends: a bug */
	int broken;
};

void json_init(struct json *j, FILE *out);
/* After the last value: a newline.  Returns 0, or -EIO if writing failed. */
int json_finish(struct json *j);

void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);

/* s must be NUL-terminated. */
void json_string(struct json *j, const char *key, const char *s);
/* At most max bytes of s, up to its first NUL (fixed-size ABI fields). */
void json_string_n(struct json *j, const char *key, const char *s, size_t max);
/* "0x1f": addresses and masks, which JSON numbers (doubles) may not hold. */
void json_hex(struct json *j, const char *key, uint64_t value);
void json_uint(struct json *j, const char *key, uint64_t value);
void json_bool(struct json *j, const char *key, int value);
void json_null(struct json *j, const char *key);

#endif /* WARDEN_TOOLS_JSON_H */
