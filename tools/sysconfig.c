// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: loading and checking system configs.  The rules are those
 * of lib/config-check.c, the same code the driver and the hypervisor run, so
 * a config that passes here passes there.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "warden.h"

void sysconfig_report(void *ctx, const char *fmt, ...)
{
	const char *label = ctx;
	va_list ap;

	fprintf(stderr, "warden: %s", label);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int sysconfig_validate(const char *path, const char *label, const void *blob,
		       size_t size)
{
	unsigned int problems;

	problems = config_check_system(blob, size, sysconfig_report,
				       (void *)label);
	if (!problems)
		return 0;
	warden_err("%s: invalid system config (%u problem%s)", path, problems,
		   problems == 1 ? "" : "s");
	return -1;
}

int sysconfig_load(const char *path, const char *label, void **blob,
		   size_t *size)
{
	char *data;
	size_t len;
	int ret;

	ret = fileio_read(path, SYSCONFIG_MAX_SIZE, &data, &len);
	if (ret == -EFBIG) {
		warden_err("%s: larger than %lu bytes, not a system config",
			   path, SYSCONFIG_MAX_SIZE);
		return -1;
	}
	if (ret) {
		warden_err("%s: %s", path, strerror(-ret));
		return -1;
	}
	if (sysconfig_validate(path, label, data, len)) {
		free(data);
		return -1;
	}
	*blob = data;
	*size = len;
	return 0;
}
