/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal host unit-test harness.  Each test program runs its cases with
 * RUN(case) and ends with UNIT_DONE(); it prints one "PASS <case>" or
 * "FAIL <case>: <file>:<line>: <expr>" line per case, and exits non-zero if
 * any case failed.  tests/run.sh counts those lines.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <stdlib.h>

static int unit_failed_cases;
static int unit_case_failed;
static const char *unit_case;

#define CHECK(expr)                                                         \
	do {                                                                \
		if (!(expr)) {                                              \
			printf("FAIL %s: %s:%d: %s\n", unit_case, __FILE__, \
			       __LINE__, #expr);                            \
			unit_case_failed = 1;                               \
			return;                                             \
		}                                                           \
	} while (0)

#define RUN(fn)                                   \
	do {                                      \
		unit_case = #fn;                  \
		unit_case_failed = 0;             \
		fn();                             \
		if (unit_case_failed)             \
			unit_failed_cases++;      \
		else                              \
			printf("PASS %s\n", #fn); \
	} while (0)

#define UNIT_DONE() return unit_failed_cases ? EXIT_FAILURE : EXIT_SUCCESS

#endif /* UNIT_H */
