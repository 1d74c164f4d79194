// SPDX-License-Identifier: BSD-2-Clause
/*
 * printf for inmates: a formatter that feeds one character at a time to a
 * sink (the console, or a buffer).
 */
#include <inmate/inmate.h>

struct printf_sink {
	void (*put)(struct printf_sink *sink, char c);
	char *buf;
	size_t size;
	size_t len; /* characters produced, written or not */
};

/* One conversion: flags, width and length modifier. */
struct printf_spec {
	unsigned int width;
	int zero_pad;
	int left;
	int is_long; /* 'l' or 'll': 64-bit */
	char conv;
};

static void printf_put(struct printf_sink *sink, char c)
{
	sink->put(sink, c);
	sink->len++;
}

static void printf_pad(struct printf_sink *sink, char c, unsigned int n)
{
	while (n--)
		printf_put(sink, c);
}

static void printf_str(struct printf_sink *sink, const struct printf_spec *spec,
		       const char *s)
{
	unsigned int n = (unsigned int)strlen(s);
	unsigned int pad = spec->width > n ? spec->width - n : 0;

	if (!spec->left)
		printf_pad(sink, ' ', pad);
	while (*s)
		printf_put(sink, *s++);
	if (spec->left)
		printf_pad(sink, ' ', pad);
}

/* Digits of val in base, least significant first; returns their count. */
static unsigned int printf_digits(char *out, uint64_t val, unsigned int base,
				  int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned int n = 0;

	do {
		out[n++] = digits[val % base];
		val /= base;
	} while (val);
	return n;
}

static void printf_num(struct printf_sink *sink, const struct printf_spec *spec,
		       uint64_t val, int negative, const char *prefix)
{
	char digits[24];
	unsigned int n, len, pad;
	unsigned int base = 10;

	if (spec->conv == 'x' || spec->conv == 'X' || spec->conv == 'p')
		base = 16;
	n = printf_digits(digits, val, base, spec->conv == 'X');
	len = n + (negative ? 1 : 0) + (unsigned int)strlen(prefix);
	pad = spec->width > len ? spec->width - len : 0;
	if (!spec->left && !spec->zero_pad)
		printf_pad(sink, ' ', pad);
	if (negative)
		printf_put(sink, '-');
	while (*prefix)
		printf_put(sink, *prefix++);
	if (!spec->left && spec->zero_pad)
		printf_pad(sink, '0', pad);
	while (n)
		printf_put(sink, digits[--n]);
	if (spec->left)
		printf_pad(sink, ' ', pad);
}

static void printf_signed(struct printf_sink *sink,
			  const struct printf_spec *spec, int64_t val)
{
	/* Negate in unsigned arithmetic: defined for INT64_MIN too. */
	uint64_t mag = val < 0 ? 0 - (uint64_t)val : (uint64_t)val;

	printf_num(sink, spec, mag, val < 0, "");
}

/* Parse flags, width and length at *fmt; leaves *fmt at the conversion. */
static void printf_parse(const char **fmt, struct printf_spec *spec)
{
	const char *f = *fmt;

	*spec = (struct printf_spec){ 0 };
	while (*f == '0' || *f == '-') {
		if (*f == '0')
			spec->zero_pad = 1;
		else
			spec->left = 1;
		f++;
	}
	while (*f >= '0' && *f <= '9')
		spec->width = spec->width * 10 + (unsigned int)(*f++ - '0');
	while (*f == 'l') {
		spec->is_long = 1;
		f++;
	}
	spec->conv = *f;
	*fmt = f;
}

static void printf_conv(struct printf_sink *sink, struct printf_spec *spec,
			va_list *ap)
{
	const char *s;

	switch (spec->conv) {
	case 'd':
	case 'i':
		printf_signed(sink, spec,
			      spec->is_long ? va_arg(*ap, int64_t) :
					      va_arg(*ap, int));
		break;
	case 'u':
	case 'x':
	case 'X':
		printf_num(sink, spec,
			   spec->is_long ? va_arg(*ap, uint64_t) :
					   va_arg(*ap, unsigned int),
			   0, "");
		break;
	case 'p':
		printf_num(sink, spec, (uint64_t)(uintptr_t)va_arg(*ap, void *),
			   0, "0x");
		break;
	case 's':
		s = va_arg(*ap, const char *);
		printf_str(sink, spec, s ? s : "(null)");
		break;
	case 'c':
		printf_put(sink, (char)va_arg(*ap, int));
		break;
	default: /* '%' and unknown conversions print themselves */
		printf_put(sink, spec->conv);
		break;
	}
}

static void printf_format(struct printf_sink *sink, const char *fmt, va_list ap)
{
	struct printf_spec spec;
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			printf_put(sink, *fmt);
			continue;
		}
		fmt++;
		printf_parse(&fmt, &spec);
		if (!spec.conv)
			break;
		printf_conv(sink, &spec, &args);
	}
	va_end(args);
}

static void printf_to_console(struct printf_sink *sink, char c)
{
	(void)sink;
	console_putc(c);
}

static void printf_to_buf(struct printf_sink *sink, char c)
{
	if (sink->len + 1 < sink->size)
		sink->buf[sink->len] = c;
}

int vprintf(const char *fmt, va_list ap)
{
	struct printf_sink sink = { .put = printf_to_console };

	console_lock();
	printf_format(&sink, fmt, ap);
	console_unlock();
	return (int)sink.len;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct printf_sink sink = {
		.put = printf_to_buf,
		.buf = buf,
		.size = size,
	};

	printf_format(&sink, fmt, ap);
	if (size)
		buf[sink.len < size ? sink.len : size - 1] = '\0';
	return (int)sink.len;
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
