// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: the commands that talk to warden.ko, through the ioctls
 * of /dev/warden and the attributes in /sys/devices/warden.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <warden/ioctl.h>

#include "json.h"
#include "warden.h"

int hv_module_loaded(void)
{
	return access(WARDEN_SYSFS, F_OK) == 0;
}

void hv_fail(const char *what, int err, const char *errmsg)
{
	if (err == EACCES || err == EPERM)
		warden_err("%s failed: permission denied (run as root)", what);
	else if (errmsg && errmsg[0])
		warden_err("%s failed: %s", what, errmsg);
	else
		warden_err("%s failed: %s", what, strerror(err));
}

/*
 * Does this Linux run in a Warden cell?  The tree that `warden cell linux`
 * writes says so at its root (compatible "warden,linux-cell",
 * tools/linuxdt.c); warden.ko there offers no /dev/warden, since only the
 * root cell's Linux controls the hypervisor (driver/incell.c).
 */
static int hv_in_cell(void)
{
	char buf[256];
	size_t n, i;
	FILE *f = fopen(WARDEN_DT_COMPATIBLE, "rb");

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	(void)fclose(f); /* read-only: nothing to flush */
	buf[n] = '\0';
	/* a list of NUL-terminated strings (DT spec 2.3.1) */
	for (i = 0; i < n; i += strlen(buf + i) + 1)
		if (!strcmp(buf + i, "warden,linux-cell"))
			return 1;
	return 0;
}

int hv_open(const char *what)
{
	int fd = open(WARDEN_DEV, O_RDWR | O_CLOEXEC), err = errno;

	if (fd >= 0)
		return fd;
	if (err == ENOENT && hv_in_cell())
		warden_err("not available in a cell: %s (this Linux runs in "
			   "a Warden cell; only the root cell's Linux "
			   "controls Warden)",
			   what);
	else if (err == ENOENT && !hv_module_loaded())
		warden_err("%s failed: warden.ko is not loaded (insmod "
			   "warden.ko)",
			   what);
	else if (err == ENOENT)
		warden_err("%s failed: %s is missing although warden.ko is "
			   "loaded (is devtmpfs mounted on /dev?)",
			   what, WARDEN_DEV);
	else
		hv_fail(what, err, NULL);
	return -1;
}

/* Inmate cells the driver lists in sysfs. */
static int hv_count_cells(void)
{
	DIR *dir = opendir(WARDEN_SYSFS "/cells");
	struct dirent *e;
	int n = 0;

	if (!dir)
		return 0;
	while ((e = readdir(dir)))
		n += e->d_name[0] != '.';
	closedir(dir);
	return n;
}

int hv_enable(int argc, char **argv, unsigned int opts)
{
	struct warden_enable_args args;
	size_t size;
	void *blob;
	int fd, ret = WARDEN_EXIT_FAIL;

	(void)argc;
	(void)opts;
	if (sysconfig_load(argv[0], "", &blob, &size))
		return WARDEN_EXIT_FAIL;
	fd = hv_open("enable");
	if (fd < 0)
		goto out_free;

	memset(&args, 0, sizeof(args));
	args.config_ptr = (uintptr_t)blob;
	args.config_size = size;
	if (ioctl(fd, WARDEN_IOCTL_ENABLE, &args) < 0) {
		/* a driver that filled all of errmsg left no NUL */
		args.errmsg[WARDEN_ERRMSG_LEN - 1] = '\0';
		hv_fail("enable", errno, args.errmsg);
	} else {
		printf("warden: enabled\n");
		ret = WARDEN_EXIT_OK;
	}
	close(fd);
out_free:
	free(blob);
	return ret;
}

int hv_disable(int argc, char **argv, unsigned int opts)
{
	int fd, ret = WARDEN_EXIT_OK;

	(void)argc;
	(void)opts;
	(void)argv;
	fd = hv_open("disable");
	if (fd < 0)
		return WARDEN_EXIT_FAIL;
	if (ioctl(fd, WARDEN_IOCTL_DISABLE) < 0) {
		int err = errno;
		char enabled[16];

		if (err == EINVAL &&
		    !fileio_read_line(WARDEN_SYSFS "/enabled", enabled,
				      sizeof(enabled)) &&
		    !strcmp(enabled, "0"))
			warden_err("disable failed: the hypervisor is not "
				   "enabled");
		else if (err == EBUSY && hv_count_cells() > 0)
			warden_err("disable failed: %d inmate cell%s still "
				   "exist%s; destroy %s first (warden cell "
				   "list)",
				   hv_count_cells(),
				   hv_count_cells() == 1 ? "" : "s",
				   hv_count_cells() == 1 ? "s" : "",
				   hv_count_cells() == 1 ? "it" : "them");
		else if (err == EBUSY)
			warden_err("disable failed: a link device "
				   "(/dev/warden-link-*) is open; close it "
				   "first (dmesg names it)");
		else
			hv_fail("disable", err, NULL);
		ret = WARDEN_EXIT_FAIL;
	} else {
		printf("warden: disabled\n");
	}
	close(fd);
	return ret;
}

/* One sysfs attribute of warden.ko's, or "unknown (<reason>)". */
static void hv_attr(const char *name, char *buf, size_t size)
{
	char path[128];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", WARDEN_SYSFS, name);
	ret = fileio_read_line(path, buf, size);
	if (ret)
		snprintf(buf, size, "unknown (%s)", strerror(-ret));
}

/* A number from a sysfs attribute; returns 0 on success. */
static int hv_attr_number(const char *name, unsigned long long *val)
{
	char buf[64], *end;

	hv_attr(name, buf, sizeof(buf));
	errno = 0;
	*val = strtoull(buf, &end, 10);
	return (end == buf || *end || errno) ? -1 : 0;
}

static void hv_status_pool(void)
{
	unsigned long long used, pages, tenths;

	if (hv_attr_number("mem_pool_used", &used) ||
	    hv_attr_number("mem_pool_pages", &pages)) {
		printf("memory pool: unknown\n");
		return;
	}
	if (pages == 0) {
		printf("memory pool: none (not enabled)\n");
		return;
	}
	tenths = (used * 1000 + pages / 2) / pages;
	printf("memory pool: %llu/%llu pages (%llu.%llu%%)\n", used, pages,
	       tenths / 10, tenths % 10);
}

/* version may span lines (driver, then hypervisor): print them all. */
static void hv_status_version(void)
{
	char *data, *line, *next, *nl;
	size_t len;
	int ret;

	ret = fileio_read(WARDEN_SYSFS "/version", 4096, &data, &len);
	if (ret) {
		printf("version:     unknown (%s)\n", strerror(-ret));
		return;
	}
	for (line = data; *line; line = next) {
		nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		printf("version:     %s\n", line);
	}
	free(data);
}

/* "1" -> "yes", "0" -> "no", anything else as it is. */
static const char *hv_yes_no(const char *value)
{
	if (!strcmp(value, "1"))
		return "yes";
	if (!strcmp(value, "0"))
		return "no";
	return value;
}

/* "cells:       2 (gic-demo running, uart-demo shut-down)" */
static void hv_status_cells(void)
{
	DIR *dir = opendir(WARDEN_SYSFS "/cells");
	char path[512], name[64], state[32];
	struct dirent *e;
	int n = 0;

	printf("cells:       %d", hv_count_cells());
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/cells/%s/name", WARDEN_SYSFS,
			 e->d_name);
		if (fileio_read_line(path, name, sizeof(name)))
			continue;
		snprintf(path, sizeof(path), "%s/cells/%s/state", WARDEN_SYSFS,
			 e->d_name);
		if (fileio_read_line(path, state, sizeof(state)))
			snprintf(state, sizeof(state), "unknown");
		printf("%s%s %s", n++ ? ", " : " (", name, state);
	}
	printf("%s\n", n ? ")" : " inmate cells");
	if (dir)
		closedir(dir);
}

/* ---- status --json ------------------------------------------------- */

static void hv_json_enabled(struct json *j)
{
	char enabled[64];
	int ret;

	ret = fileio_read_line(WARDEN_SYSFS "/enabled", enabled,
			       sizeof(enabled));
	if (!ret && (!strcmp(enabled, "0") || !strcmp(enabled, "1")))
		json_bool(j, "enabled", enabled[0] == '1');
	else if (!ret)
		json_string(j, "enabled", enabled);
	else
		json_null(j, "enabled");
}

/* Every line of version: the driver's, then the hypervisor's. */
static void hv_json_versions(struct json *j)
{
	char *data, *line, *next, *nl;
	size_t len;

	json_begin_array(j, "versions");
	if (!fileio_read(WARDEN_SYSFS "/version", 4096, &data, &len)) {
		for (line = data; *line; line = next) {
			nl = strchr(line, '\n');
			next = nl ? nl + 1 : line + strlen(line);
			if (nl)
				*nl = '\0';
			json_string(j, NULL, line);
		}
		free(data);
	}
	json_end_array(j);
}

static void hv_json_pool(struct json *j)
{
	unsigned long long used, pages;

	if (hv_attr_number("mem_pool_used", &used) ||
	    hv_attr_number("mem_pool_pages", &pages)) {
		json_null(j, "memory_pool");
		return;
	}
	json_begin_object(j, "memory_pool");
	json_uint(j, "used_pages", used);
	json_uint(j, "total_pages", pages);
	json_end_object(j);
}

/* One attribute of cells/<entry>/, or null if it cannot be read. */
static void hv_json_cell_attr(struct json *j, const char *entry,
			      const char *attr)
{
	char path[512], value[64];

	snprintf(path, sizeof(path), "%s/cells/%s/%s", WARDEN_SYSFS, entry,
		 attr);
	if (fileio_read_line(path, value, sizeof(value)))
		json_null(j, attr);
	else
		json_string(j, attr, value);
}

static void hv_json_cells(struct json *j)
{
	DIR *dir = opendir(WARDEN_SYSFS "/cells");
	unsigned long long id;
	struct dirent *e;
	char *end;

	json_begin_array(j, "cells");
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		json_begin_object(j, NULL);
		id = strtoull(e->d_name, &end, 10);
		if (*end || end == e->d_name)
			json_string(j, "id", e->d_name);
		else
			json_uint(j, "id", id);
		hv_json_cell_attr(j, e->d_name, "name");
		hv_json_cell_attr(j, e->d_name, "state");
		json_end_object(j);
	}
	json_end_array(j);
	if (dir)
		closedir(dir);
}

/* The text form's content as one object (see `warden status --help`). */
static int hv_status_json(void)
{
	char cpus[256];
	struct json j;

	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	hv_json_enabled(&j);
	hv_json_versions(&j);
	hv_json_pool(&j);
	if (fileio_read_line("/sys/devices/system/cpu/online", cpus,
			     sizeof(cpus)))
		json_null(&j, "online_cpus");
	else
		json_string(&j, "online_cpus", cpus);
	hv_json_cells(&j);
	json_end_object(&j);
	if (json_finish(&j)) {
		warden_err("status failed: writing the output failed");
		return WARDEN_EXIT_FAIL;
	}
	return WARDEN_EXIT_OK;
}

int hv_status(int argc, char **argv, unsigned int opts)
{
	char enabled[64], cpus[256];

	(void)argc;
	(void)argv;
	if (!hv_module_loaded()) {
		warden_err("status failed: warden.ko is not loaded (insmod "
			   "warden.ko)");
		return WARDEN_EXIT_FAIL;
	}
	if (opts & WARDEN_OPT_JSON)
		return hv_status_json();
	hv_attr("enabled", enabled, sizeof(enabled));
	printf("enabled:     %s\n", hv_yes_no(enabled));
	hv_status_version();
	hv_status_pool();
	if (fileio_read_line("/sys/devices/system/cpu/online", cpus,
			     sizeof(cpus)))
		snprintf(cpus, sizeof(cpus), "unknown");
	printf("online CPUs: %s\n", cpus);
	hv_status_cells();
	return WARDEN_EXIT_OK;
}

int hv_console(int argc, char **argv, unsigned int opts)
{
	char *data;
	size_t len;
	int ret;

	(void)argc;
	(void)opts;
	(void)argv;
	if (!hv_module_loaded()) {
		warden_err("console failed: warden.ko is not loaded (insmod "
			   "warden.ko)");
		return WARDEN_EXIT_FAIL;
	}
	ret = fileio_read(WARDEN_SYSFS "/console", 1 << 20, &data, &len);
	if (ret) {
		hv_fail("console", -ret, NULL);
		return WARDEN_EXIT_FAIL;
	}
	fwrite(data, 1, len, stdout);
	free(data);
	return WARDEN_EXIT_OK;
}
