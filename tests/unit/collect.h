/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A config_report_fn for the config checker tests: everything the checker
 * reported, one message a line, to search with strstr().
 */
#ifndef UNIT_COLLECT_H
#define UNIT_COLLECT_H

#include <stdarg.h>
#include <stdio.h>

struct collect {
	unsigned int calls;
	size_t len;
	char text[16384];
};

static void collect_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));

static void collect_report(void *ctx, const char *fmt, ...)
{
	struct collect *col = ctx;
	size_t room = sizeof(col->text) - col->len;
	va_list ap;
	int n;

	col->calls++;
	va_start(ap, fmt);
	n = vsnprintf(col->text + col->len, room, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n + 1 < room) {
		col->len += (size_t)n;
		col->text[col->len++] = '\n';
		col->text[col->len] = '\0';
	}
}

#endif /* UNIT_COLLECT_H */
