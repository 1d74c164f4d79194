/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test macros for inmate tests; the system tests look for these lines.
 */
#ifndef INMATE_TEST_H
#define INMATE_TEST_H

#include "printf.h"

/* Prints "[test] FAIL <file>:<line> <expr>" if expr is false. */
#define TEST_CHECK(expr)                                                     \
	do {                                                                 \
		if (!(expr))                                                 \
			printf("[test] FAIL %s:%d %s\n", __FILE__, __LINE__, \
			       #expr);                                       \
	} while (0)

#define TEST_DONE() printf("[test] DONE\n")

#endif /* INMATE_TEST_H */
