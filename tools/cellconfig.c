// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: reading inmate cell configs, and `warden config check`,
 * which takes system and cell configs alike, tells them apart by their
 * signature and checks each cell config against the system config before
 * it on the command line (lib/config-check-cell.c), then every two cells
 * checked against the same system config against each other.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "warden.h"

/* What a file is, by its signature. */
enum cellconfig_kind {
	CELLCONFIG_UNKNOWN,
	CELLCONFIG_SYSTEM,
	CELLCONFIG_CELL,
};

/* A valid cell config of the current group. */
struct cellconfig_cell {
	const char *path;
	char *blob;
};

/* State of one `config check` run. */
struct cellconfig_run {
	/* the last system config named, and whether it is valid */
	const char *sys_path;
	char *sys;
	/* valid cells checked against sys, for the pair checks */
	struct cellconfig_cell *cells;
	int num_cells;
	int ret;
};

static enum cellconfig_kind cellconfig_kind(const char *data, size_t len)
{
	if (len < WARDEN_SIGNATURE_LEN)
		return CELLCONFIG_UNKNOWN;
	if (!memcmp(data, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN))
		return CELLCONFIG_SYSTEM;
	if (!memcmp(data, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN))
		return CELLCONFIG_CELL;
	return CELLCONFIG_UNKNOWN;
}

void cellconfig_name(const void *blob, char name[WARDEN_CELL_NAME_MAX])
{
	const struct warden_cell_desc *cell = blob;

	memcpy(name, cell->name, WARDEN_CELL_NAME_MAX);
	name[WARDEN_CELL_NAME_MAX - 1] = '\0';
}

/* Read a config of any kind; errors name the file. */
static int cellconfig_read_any(const char *path, char **blob, size_t *size)
{
	int ret = fileio_read(path, SYSCONFIG_MAX_SIZE, blob, size);

	if (ret == -EFBIG)
		warden_err("%s: larger than %lu bytes, not a Warden config",
			   path, SYSCONFIG_MAX_SIZE);
	else if (ret)
		warden_err("%s: %s", path, strerror(-ret));
	return ret ? -1 : 0;
}

/*
 * Why data is no Warden config at all, in the same words wherever a config
 * is read (config check, config show, cell create).
 */
void cellconfig_not_config(const char *path, const void *data, size_t len)
{
	(void)data;
	if (len == 0)
		warden_err("%s: empty file (0 bytes), not a Warden config",
			   path);
	else if (len < WARDEN_SIGNATURE_LEN)
		warden_err("%s: %zu bytes, too short for a Warden config "
			   "(it starts with an %u-byte signature)",
			   path, len, WARDEN_SIGNATURE_LEN);
	else
		warden_err("%s: not a Warden config (its signature is neither "
			   "\"%s\" nor \"%s\")",
			   path, WARDEN_SYSTEM_SIGNATURE,
			   WARDEN_CELL_SIGNATURE);
}

/* A cell config's header, with the checker's words (config-check-cell.c). */
static int cellconfig_cell_header(const char *path, size_t len)
{
	if (len >= sizeof(struct warden_cell_desc))
		return 0;
	warden_err("%s: cell config: %zu bytes, too small for the %zu-byte "
		   "header",
		   path, len, sizeof(struct warden_cell_desc));
	return -1;
}

int cellconfig_read(const char *path, void **blob, size_t *size)
{
	char *data;
	size_t len;

	if (cellconfig_read_any(path, &data, &len))
		return -1;
	switch (cellconfig_kind(data, len)) {
	case CELLCONFIG_CELL:
		if (!cellconfig_cell_header(path, len))
			break;
		free(data);
		return -1;
	case CELLCONFIG_SYSTEM:
		warden_err("%s: a system config, not a cell config", path);
		free(data);
		return -1;
	default:
		cellconfig_not_config(path, data, len);
		free(data);
		return -1;
	}
	*blob = data;
	*size = len;
	return 0;
}

/* A new system config: the cells after it form a new group. */
static void cellconfig_check_system(struct cellconfig_run *run,
				    const char *path, char *data, size_t len)
{
	char label[4096];
	int i;

	for (i = 0; i < run->num_cells; i++)
		free(run->cells[i].blob);
	run->num_cells = 0;
	free(run->sys);
	run->sys = NULL;
	run->sys_path = path;

	snprintf(label, sizeof(label), "%s: ", path);
	if (sysconfig_validate(path, label, data, len)) {
		run->ret = WARDEN_EXIT_FAIL;
		free(data);
		return;
	}
	printf("%s: valid system config (%zu bytes)\n", path, len);
	run->sys = data;
}

/* The new cell against every earlier one of its group. */
static void cellconfig_check_pairs(struct cellconfig_run *run,
				   const struct cellconfig_cell *cell)
{
	char label[8192];
	unsigned int problems;
	int i;

	for (i = 0; i < run->num_cells; i++) {
		snprintf(label, sizeof(label), "%s, %s: ", run->cells[i].path,
			 cell->path);
		problems = config_check_cell_pair(
			(const void *)run->cells[i].blob,
			(const void *)cell->blob, sysconfig_report, label);
		if (problems)
			run->ret = WARDEN_EXIT_FAIL;
	}
}

static void cellconfig_check_cell(struct cellconfig_run *run, const char *path,
				  char *data, size_t len)
{
	char label[4096], name[WARDEN_CELL_NAME_MAX];
	struct cellconfig_cell *cell;
	unsigned int problems;

	if (!run->sys_path) {
		warden_err("%s: a cell config is checked against a system "
			   "config; name the system config first",
			   path);
		goto out_free;
	}
	if (!run->sys) {
		warden_err("%s: not checked: system config %s is not valid",
			   path, run->sys_path);
		goto out_free;
	}
	snprintf(label, sizeof(label), "%s: ", path);
	problems = config_check_cell(data, len, (const void *)run->sys,
				     sysconfig_report, label);
	if (problems) {
		warden_err("%s: invalid cell config (%u problem%s)", path,
			   problems, problems == 1 ? "" : "s");
		goto out_free;
	}
	cellconfig_name(data, name);
	printf("%s: valid cell config \"%s\" (%zu bytes)\n", path, name, len);
	cell = &run->cells[run->num_cells];
	cell->path = path;
	cell->blob = data;
	cellconfig_check_pairs(run, cell);
	run->num_cells++;
	return;
out_free:
	run->ret = WARDEN_EXIT_FAIL;
	free(data);
}

static void cellconfig_check_file(struct cellconfig_run *run, const char *path)
{
	char *data;
	size_t len;

	if (cellconfig_read_any(path, &data, &len)) {
		run->ret = WARDEN_EXIT_FAIL;
		return;
	}
	switch (cellconfig_kind(data, len)) {
	case CELLCONFIG_SYSTEM:
		cellconfig_check_system(run, path, data, len);
		break;
	case CELLCONFIG_CELL:
		cellconfig_check_cell(run, path, data, len);
		break;
	default:
		cellconfig_not_config(path, data, len);
		run->ret = WARDEN_EXIT_FAIL;
		free(data);
	}
}

/* warden config check <file>...: 0 if every file is a valid config. */
int cellconfig_check(int argc, char **argv, unsigned int opts)
{
	struct cellconfig_run run = { .ret = WARDEN_EXIT_OK };
	int i;

	(void)opts;
	run.cells = calloc((size_t)argc, sizeof(*run.cells));
	if (!run.cells) {
		warden_err("config check: %s", strerror(ENOMEM));
		return WARDEN_EXIT_FAIL;
	}
	for (i = 0; i < argc; i++)
		cellconfig_check_file(&run, argv[i]);
	for (i = 0; i < run.num_cells; i++)
		free(run.cells[i].blob);
	free(run.cells);
	free(run.sys);
	return run.ret;
}
