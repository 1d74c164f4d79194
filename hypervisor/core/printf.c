// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small vsnprintf: %s %c %d %i %u %x %p and %%, with l/ll/z length, '#',
 * '0' and a field width.  Enough for the console and config messages.
 */
#include <hyp/printk.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, u64 v, unsigned int base, bool neg,
		    unsigned int width, char pad, bool alt)
{
	char tmp[24];
	unsigned int n = 0;

	do {
		unsigned int d = (unsigned int)(v % base);

		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	if (alt && base == 16) {
		put(o, '0');
		put(o, 'x');
	}
	while (width > n) {
		put(o, pad);
		width--;
	}
	while (n)
		put(o, tmp[--n]);
}

static u64 take_arg(va_list *ap, unsigned int longs, bool is_signed, bool *neg)
{
	*neg = false;
	if (is_signed) {
		long long s = longs ? va_arg(*ap, long long) : va_arg(*ap, int);

		if (s < 0) {
			*neg = true;
			return (u64)(-(s + 1)) + 1;
		}
		return (u64)s;
	}
	return longs ? va_arg(*ap, unsigned long long) :
		       va_arg(*ap, unsigned int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		unsigned int width = 0, longs = 0;
		bool alt = false, neg;
		char pad = ' ';
		u64 v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '#') {
			alt = true;
			fmt++;
		}
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(args, const char *);

			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(args, int));
			break;
		case 'd':
		case 'i':
			v = take_arg(&args, longs, true, &neg);
			put_num(&o, v, 10, neg, width, pad, false);
			break;
		case 'u':
			v = take_arg(&args, longs, false, &neg);
			put_num(&o, v, 10, false, width, pad, false);
			break;
		case 'x':
			v = take_arg(&args, longs, false, &neg);
			put_num(&o, v, 16, false, width, pad, alt);
			break;
		case 'p':
			v = (u64)(uintptr_t)va_arg(args, void *);
			put_num(&o, v, 16, false, width, pad, true);
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			break;
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
