/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_PRINTK_H
#define HYP_PRINTK_H

#include <stdarg.h>
#include <hyp/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print a line on the hypervisor console, prefixed with "[warden] ". */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* For the hypervisor's own invariants only; never for cell or config input. */
void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif /* HYP_PRINTK_H */
