// SPDX-License-Identifier: GPL-2.0-only
/*
 * The few string functions the hypervisor needs.  Byte loops on purpose:
 * they also run with the EL2 MMU off, where memory is Device-typed and
 * unaligned or multi-register accesses would fault.
 */
#include <hyp/string.h>

void *memset(void *s, int c, size_t n)
{
	volatile u8 *p = s;

	while (n--)
		*p++ = (u8)c;
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	volatile u8 *d = dst;
	const u8 *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--) {
		if (*x != *y)
			return *x - *y;
		x++;
		y++;
	}
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

bool string_name_eq(const char *a, const char *b, size_t max)
{
	size_t i;

	for (i = 0; i < max && a[i] == b[i]; i++)
		if (a[i] == '\0')
			return true;
	return i == max;
}
