// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: loading system configs and `warden config check`.  The
 * rules are those of lib/config-check.c, the same code the driver and the
 * hypervisor run, so a config that passes here passes there.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "warden.h"

/* config_check_system() callback; ctx is the label ("" or "<file>: "). */
static void sysconfig_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sysconfig_report(void *ctx, const char *fmt, ...)
{
	const char *label = ctx;
	va_list ap;

	fprintf(stderr, "warden: %s", label);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int sysconfig_load(const char *path, const char *label, void **blob,
		   size_t *size)
{
	unsigned int problems;
	char *data;
	size_t len;
	int ret;

	ret = fileio_read(path, SYSCONFIG_MAX_SIZE, &data, &len);
	if (ret == -EFBIG) {
		warden_err("%s: larger than %u bytes, not a system config",
			   path, SYSCONFIG_MAX_SIZE);
		return -1;
	}
	if (ret) {
		warden_err("%s: %s", path, strerror(-ret));
		return -1;
	}
	problems =
		config_check_system(data, len, sysconfig_report, (void *)label);
	if (problems) {
		warden_err("%s: invalid system config (%u problem%s)", path,
			   problems, problems == 1 ? "" : "s");
		free(data);
		return -1;
	}
	*blob = data;
	*size = len;
	return 0;
}

/* warden config check <file>...: 0 if every file is a valid config. */
int sysconfig_check(int argc, char **argv)
{
	char label[4096];
	size_t size;
	void *blob;
	int i, ret = WARDEN_EXIT_OK;

	for (i = 0; i < argc; i++) {
		snprintf(label, sizeof(label), "%s: ", argv[i]);
		if (sysconfig_load(argv[i], label, &blob, &size)) {
			ret = WARDEN_EXIT_FAIL;
			continue;
		}
		printf("%s: valid system config (%zu bytes)\n", argv[i], size);
		free(blob);
	}
	return ret;
}
