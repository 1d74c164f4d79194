/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_STRING_H
#define HYP_STRING_H

#include <hyp/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);

#endif /* HYP_STRING_H */
