// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the config validator (lib/config-check*.c), which reads
 * blobs that come from users and must never read outside them, overflow or
 * trust a count.  The first byte of an input picks what the rest is:
 *   0  a system config                  config_check_system()
 *   1  a cell config, against the QEMU virt GICv3 system config
 *                                       config_check_cell()
 *   2  two cell configs (the first 16-bit length, little-endian, splits
 *      them): each checked as above, then the pair if both are valid
 * Built with AddressSanitizer and UBSan (tests/fuzz/fuzz.mk), so a read one
 * byte past a blob is a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"

/* configs/qemu-arm64/qemu-arm64-gicv3.c, compiled for the host */
extern const struct warden_system config;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_report(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* An exact-size heap copy, so that ASan sees every read past its end. */
static void *fuzz_copy(const uint8_t *data, size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p && size)
		memcpy(p, data, size);
	return p;
}

static unsigned int fuzz_cell(const uint8_t *data, size_t size, void **out)
{
	void *blob = fuzz_copy(data, size);
	unsigned int problems;

	if (!blob)
		abort();
	problems = config_check_cell(blob, size, &config, fuzz_report, NULL);
	*out = blob;
	return problems;
}

static void fuzz_pair(const uint8_t *data, size_t size)
{
	unsigned int bad_a, bad_b;
	size_t first;
	void *a, *b;

	if (size < 2)
		return;
	first = (size_t)data[0] | (size_t)data[1] << 8;
	data += 2;
	size -= 2;
	if (first > size)
		first = size;
	bad_a = fuzz_cell(data, first, &a);
	bad_b = fuzz_cell(data + first, size - first, &b);
	if (!bad_a && !bad_b)
		config_check_cell_pair(a, b, fuzz_report, NULL);
	free(b);
	free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *blob;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		blob = fuzz_copy(data + 1, size - 1);
		config_check_system(blob, size - 1, fuzz_report, NULL);
		free(blob);
		break;
	case 1:
		fuzz_cell(data + 1, size - 1, &blob);
		free(blob);
		break;
	default:
		fuzz_pair(data + 1, size - 1);
	}
	return 0;
}
