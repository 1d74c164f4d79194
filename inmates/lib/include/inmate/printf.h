/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small printf: %d %i %u %x %X %p %s %c %%, with the 'l' and 'll'
 * modifiers, a field width, and the '0' (zero pad) and '-' (left align)
 * flags.  No floating point.
 */
#ifndef INMATE_PRINTF_H
#define INMATE_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_FORMAT(fmt, args) __attribute__((format(printf, fmt, args)))

/* To the console, under the console lock; returns the characters written. */
int printf(const char *fmt, ...) PRINTF_FORMAT(1, 2);
int vprintf(const char *fmt, va_list ap);
/* Into buf (always NUL-terminated if size > 0); returns the full length. */
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_FORMAT(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* INMATE_PRINTF_H */
