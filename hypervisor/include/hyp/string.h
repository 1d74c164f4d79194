/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_STRING_H
#define HYP_STRING_H

#include <hyp/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);
/*
 * Are two names (char[max], NUL-terminated unless max long) the same?  Only
 * up to the NUL: what follows it in a config's field is not the name.
 */
bool string_name_eq(const char *a, const char *b, size_t max);

#endif /* HYP_STRING_H */
