// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: the `cell` commands (`cell console`: cellconsole.c).
 * They change cells through the cell ioctls of /dev/warden (struct
 * warden_cell_args, ioctl.h) and read them from sysfs,
 * /sys/devices/warden/cells/<id>/{name,state,cpus,failure,stats/,console,
 * console_total}.  A cell is named on the command line by its name or by
 * its numeric id; the root cell (id 0) is not in cells/.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <warden/cell.h>
#include <warden/hypercall.h>
#include <warden/ioctl.h>

#include "json.h"
#include "warden.h"

#define CELL_SYSFS WARDEN_SYSFS "/cells"

/* Largest image `cell load` reads. */
#define CELL_IMAGE_MAX (256u << 20)

/* shutdown/destroy ask a running cell, and poll its answer this long. */
#define CELL_ASK_TRIES 50
#define CELL_ASK_NS 100000000L
/*
 * A cell that agreed and powers off itself (WARDEN_REPLY_POWERING_OFF: a
 * Linux cell syncs and unmounts, then calls PSCI SYSTEM_OFF) has this long
 * to get there.  Linux under QEMU TCG takes a few seconds.
 */
#define CELL_POWEROFF_S 30

/* ---- small helpers -------------------------------------------------- */

void cell_sleep(long ns)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = ns };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void cell_attr_path(char *buf, size_t size, unsigned int id, const char *attr)
{
	snprintf(buf, size, "%s/%u/%s", CELL_SYSFS, id, attr);
}

/* The first line of cells/<id>/<attr>; returns 0 or -errno. */
int cell_attr(unsigned int id, const char *attr, char *buf, size_t size)
{
	char path[CELL_PATH_MAX];

	cell_attr_path(path, sizeof(path), id, attr);
	return fileio_read_line(path, buf, size);
}

int cell_exists(unsigned int id)
{
	char path[CELL_PATH_MAX];

	snprintf(path, sizeof(path), "%s/%u", CELL_SYSFS, id);
	return access(path, F_OK) == 0;
}

/* Parse a whole decimal number; returns 0 on success. */
int cell_parse_uint(const char *s, unsigned long long *val)
{
	char *end;

	if (!*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*val = strtoull(s, &end, 10);
	return (*end || errno) ? -1 : 0;
}

int cell_ready(void)
{
	char enabled[16];

	if (!hv_module_loaded()) {
		warden_err("warden.ko is not loaded (insmod warden.ko)");
		return -1;
	}
	if (fileio_read_line(WARDEN_SYSFS "/enabled", enabled,
			     sizeof(enabled)) ||
	    strcmp(enabled, "1")) {
		warden_err("the hypervisor is not enabled");
		return -1;
	}
	return 0;
}

/* ---- naming cells ---------------------------------------------------- */

/* The id of the cell named `name`, by scanning cells/; -1 if none. */
static int cell_find_name(const char *name, unsigned int *id)
{
	char found[WARDEN_CELL_NAME_MAX + 16];
	unsigned long long val;
	struct dirent *de;
	int ret = -1;
	DIR *dir;

	dir = opendir(CELL_SYSFS);
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (cell_parse_uint(de->d_name, &val) || val > UINT32_MAX)
			continue;
		if (cell_attr((unsigned int)val, "name", found, sizeof(found)))
			continue;
		if (!strcmp(found, name)) {
			*id = (unsigned int)val;
			ret = 0;
			break;
		}
	}
	closedir(dir);
	return ret;
}

/* Resolve a cell name or id from the command line; errors are printed. */
static int cell_resolve(const char *arg, struct cell_ref *ref)
{
	unsigned long long val;

	if (!cell_parse_uint(arg, &val)) {
		if (val == 0) {
			warden_err("cell 0 is the root cell, not an inmate "
				   "cell");
			return -1;
		}
		if (val > UINT32_MAX || !cell_exists((unsigned int)val)) {
			warden_err("no cell with id %s", arg);
			return -1;
		}
		ref->id = (unsigned int)val;
		if (cell_attr(ref->id, "name", ref->name, sizeof(ref->name)))
			snprintf(ref->name, sizeof(ref->name), "?");
		return 0;
	}
	if (cell_find_name(arg, &ref->id)) {
		warden_err("no cell named \"%s\"", arg);
		return -1;
	}
	snprintf(ref->name, sizeof(ref->name), "%s", arg);
	return 0;
}

/* cell_ready(), then resolve the cell argument. */
int cell_ready_ref(const char *arg, struct cell_ref *ref)
{
	if (cell_ready())
		return -1;
	return cell_resolve(arg, ref);
}

/* ---- ioctls ---------------------------------------------------------- */

/* An answer of a cell asked to shut down, not a failure of the call. */
static int cell_is_answer(int err)
{
	return err == EAGAIN || err == EBUSY || err == EINPROGRESS;
}

int cell_ioctl(const char *what, unsigned long req,
	       struct warden_cell_args *args, int ask)
{
	int fd, err = 0;

	fd = hv_open(what);
	if (fd < 0)
		return -ENODEV;
	args->errmsg[0] = '\0';
	if (ioctl(fd, req, args) < 0) {
		err = errno;
		/* a driver that filled all of errmsg left no NUL */
		args->errmsg[WARDEN_ERRMSG_LEN - 1] = '\0';
	}
	close(fd);
	if (err && !(ask && cell_is_answer(err)))
		hv_fail(what, err, args->errmsg);
	return -err;
}

/* ---- create, load, start --------------------------------------------- */

int cell_create(int argc, char **argv, unsigned int opts)
{
	struct warden_cell_args args;
	char name[WARDEN_CELL_NAME_MAX], what[96];
	size_t size;
	void *blob;
	int ret;

	(void)argc;
	(void)opts;
	if (cell_ready() || cellconfig_read(argv[0], &blob, &size))
		return WARDEN_EXIT_FAIL;
	cellconfig_name(blob, name);
	snprintf(what, sizeof(what), "cell create \"%s\"", name);
	memset(&args, 0, sizeof(args));
	args.ptr = (uintptr_t)blob;
	args.size = size;
	ret = cell_ioctl(what, WARDEN_IOCTL_CELL_CREATE, &args, 0);
	free(blob);
	if (ret)
		return WARDEN_EXIT_FAIL;
	printf("warden: created cell \"%s\" (id %u)\n", name, args.id);
	return WARDEN_EXIT_OK;
}

/* "<file>[@<address>]": the address in hex (0x...) or decimal. */
static int cell_parse_image_arg(char *arg, uint64_t *addr)
{
	char *at = strrchr(arg, '@'), *end;
	int base;

	*addr = WARDEN_IMAGE_DEFAULT_ADDR;
	if (!at)
		return 0;
	*at++ = '\0';
	base = (at[0] == '0' && (at[1] == 'x' || at[1] == 'X')) ? 16 : 10;
	errno = 0;
	*addr = strtoull(at, &end, base);
	if (!*arg || !*at || *end || errno || at[0] == '-' ||
	    (base == 16 && !at[2]) || *addr == WARDEN_IMAGE_DEFAULT_ADDR) {
		warden_err(
			"cell load: bad image '%s@%s': want <file>[@<address>]"
			" with the address in hex (0x...) or decimal",
			arg, at);
		return -1;
	}
	return 0;
}

int cell_read_image(const char *path, char **data, size_t *len)
{
	struct stat st;
	int ret;

	if (stat(path, &st)) {
		warden_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0 ||
	    (unsigned long long)st.st_size > CELL_IMAGE_MAX) {
		warden_err("%s: not an image (%s)", path,
			   !S_ISREG(st.st_mode) ? "not a regular file" :
			   st.st_size == 0	? "empty" :
						  "larger than 256 MiB");
		return -1;
	}
	ret = fileio_read(path, (size_t)st.st_size, data, len);
	if (ret) {
		warden_err("%s: %s", path, strerror(-ret));
		return -1;
	}
	return 0;
}

/* Fill images[] from the arguments; data[] gets the buffers to free. */
static int cell_load_images(int num, char **argv,
			    struct warden_cell_image *images, char **data)
{
	uint64_t addr;
	size_t len;
	int i;

	for (i = 0; i < num; i++) {
		if (cell_parse_image_arg(argv[i], &addr) ||
		    cell_read_image(argv[i], &data[i], &len))
			return -1;
		images[i].address = addr;
		images[i].data_ptr = (uintptr_t)data[i];
		images[i].size = len;
	}
	return 0;
}

int cell_load(int argc, char **argv, unsigned int opts)
{
	struct warden_cell_image images[WARDEN_CELL_IMAGES_MAX];
	char *data[WARDEN_CELL_IMAGES_MAX] = { NULL };
	struct warden_cell_args args;
	struct cell_ref ref;
	char what[96];
	int i, num = argc - 1, ret = WARDEN_EXIT_FAIL;

	(void)opts;
	if (num > WARDEN_CELL_IMAGES_MAX) {
		warden_err("cell load: %d images, at most %d", num,
			   WARDEN_CELL_IMAGES_MAX);
		return WARDEN_EXIT_USAGE;
	}
	if (cell_ready_ref(argv[0], &ref))
		return WARDEN_EXIT_FAIL;
	memset(images, 0, sizeof(images));
	if (cell_load_images(num, argv + 1, images, data))
		goto out_free;
	snprintf(what, sizeof(what), "cell load \"%s\"", ref.name);
	memset(&args, 0, sizeof(args));
	args.id = ref.id;
	args.ptr = (uintptr_t)images;
	args.size = (uint64_t)num;
	if (cell_ioctl(what, WARDEN_IOCTL_CELL_LOAD, &args, 0))
		goto out_free;
	printf("warden: loaded %d image%s into cell \"%s\" (id %u)\n", num,
	       num == 1 ? "" : "s", ref.name, ref.id);
	ret = WARDEN_EXIT_OK;
out_free:
	for (i = 0; i < num; i++)
		free(data[i]);
	return ret;
}

int cell_start(int argc, char **argv, unsigned int opts)
{
	struct warden_cell_args args;
	struct cell_ref ref;
	char what[96];

	(void)argc;
	(void)opts;
	if (cell_ready_ref(argv[0], &ref))
		return WARDEN_EXIT_FAIL;
	snprintf(what, sizeof(what), "cell start \"%s\"", ref.name);
	memset(&args, 0, sizeof(args));
	args.id = ref.id;
	if (cell_ioctl(what, WARDEN_IOCTL_CELL_START, &args, 0))
		return WARDEN_EXIT_FAIL;
	printf("warden: started cell \"%s\" (id %u)\n", ref.name, ref.id);
	return WARDEN_EXIT_OK;
}

/* ---- shutdown, destroy ----------------------------------------------- */

static double cell_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is ret final, or have we asked long enough? */
static int cell_ask_over(int ret, int ask, int *tries, double deadline)
{
	if (ret == -EINPROGRESS)
		return cell_now() >= deadline;
	return !ask || ret != -EAGAIN || ++*tries >= CELL_ASK_TRIES;
}

/*
 * Issue SHUTDOWN or DESTROY until it is done.  A running cell is asked
 * first: while it has not answered the driver says EAGAIN, and we ask again
 * for a while; once it has agreed and powers off itself the driver says
 * EINPROGRESS, and we ask again for up to CELL_POWEROFF_S.
 */
static int cell_ask(const char *what, unsigned long req,
		    const struct cell_ref *ref, int ask,
		    struct warden_cell_args *args)
{
	double deadline = 0;
	int ret, tries = 0;

	for (;;) {
		memset(args, 0, sizeof(*args));
		args->id = ref->id;
		args->flags = ask ? 0 : WARDEN_CELL_FORCE;
		ret = cell_ioctl(what, req, args, ask);
		if (ret == -EINPROGRESS && deadline == 0) {
			printf("warden: cell \"%s\" approved and is powering "
			       "off; waiting up to %d s for it\n",
			       ref->name, CELL_POWEROFF_S);
			(void)fflush(stdout);
			deadline = cell_now() + CELL_POWEROFF_S;
		}
		if (cell_ask_over(ret, ask, &tries, deadline))
			return ret;
		cell_sleep(CELL_ASK_NS);
	}
}

/* SHUTDOWN or DESTROY, and what became of an asked cell, in words. */
static int cell_stop(const char *verb, const char *done, unsigned long req,
		     char **argv, unsigned int opts)
{
	struct warden_cell_args args;
	struct cell_ref ref;
	char what[96];
	int ret, ask = !(opts & WARDEN_OPT_FORCE);

	if (cell_ready_ref(argv[0], &ref))
		return WARDEN_EXIT_FAIL;
	snprintf(what, sizeof(what), "cell %s \"%s\"", verb, ref.name);
	ret = cell_ask(what, req, &ref, ask, &args);
	if (ret == -EINPROGRESS)
		warden_err("%s failed: cell \"%s\" approved and is powering "
			   "off, but did not reach SYSTEM_OFF within %d s; "
			   "destroy --force stops it",
			   what, ref.name, CELL_POWEROFF_S);
	else if (ask && (ret == -EAGAIN || ret == -EBUSY) && args.errmsg[0])
		hv_fail(what, -ret, args.errmsg);
	else if (ask && ret == -EAGAIN)
		warden_err("%s failed: the cell has not answered the shutdown "
			   "request (--force stops it without asking)",
			   what);
	else if (ask && ret == -EBUSY)
		warden_err("%s failed: the cell refused to shut down (--force "
			   "stops it without asking)",
			   what);
	if (ret)
		return WARDEN_EXIT_FAIL;
	printf("warden: %s cell \"%s\" (id %u)\n", done, ref.name, ref.id);
	return WARDEN_EXIT_OK;
}

int cell_shutdown(int argc, char **argv, unsigned int opts)
{
	(void)argc;
	return cell_stop("shutdown", "shut down", WARDEN_IOCTL_CELL_SHUTDOWN,
			 argv, opts);
}

int cell_destroy(int argc, char **argv, unsigned int opts)
{
	(void)argc;
	return cell_stop("destroy", "destroyed", WARDEN_IOCTL_CELL_DESTROY,
			 argv, opts);
}

/* ---- tables ---------------------------------------------------------- */

#define CELL_TABLE_ROWS                                                     \
	(WARDEN_MAX_CPUS + 2 > WARDEN_MAX_CELLS + 1 ? WARDEN_MAX_CPUS + 2 : \
						      WARDEN_MAX_CELLS + 1)
#define CELL_TABLE_COLS (WARDEN_STAT_NUM + 1)
#define CELL_TABLE_TEXT 64

/*
 * Columns padded to their widest entry, two spaces apart; columns from
 * `right` on are right-aligned (numbers).  The last column may be long.
 */
struct cell_table {
	int rows, cols, right;
	char text[CELL_TABLE_ROWS][CELL_TABLE_COLS][CELL_TABLE_TEXT];
	char last[CELL_TABLE_ROWS][WARDEN_FAILURE_LEN];
};

/* The index of a new row, or -1 if the table is full. */
static int cell_table_row(struct cell_table *t)
{
	if (t->rows >= CELL_TABLE_ROWS)
		return -1;
	return t->rows++;
}

/* Copy s into dst[size], cut short if it does not fit. */
static void cell_table_copy(char *dst, size_t size, const char *s)
{
	size_t len = strlen(s);

	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static void cell_table_set(struct cell_table *t, int row, int col,
			   const char *s)
{
	if (col == t->cols - 1)
		cell_table_copy(t->last[row], sizeof(t->last[row]), s);
	else
		cell_table_copy(t->text[row][col], CELL_TABLE_TEXT, s);
}

static const char *cell_table_get(const struct cell_table *t, int row, int col)
{
	return col == t->cols - 1 ? t->last[row] : t->text[row][col];
}

/* One row, without trailing blanks (an empty last column). */
static void cell_table_print_row(const struct cell_table *t, int r,
				 const int *width)
{
	char line[CELL_TABLE_COLS * (CELL_TABLE_TEXT + 2) + WARDEN_FAILURE_LEN];
	size_t len = 0;
	int c;

	for (c = 0; c < t->cols; c++) {
		const char *s = cell_table_get(t, r, c);
		int last = c == t->cols - 1;

		len += (size_t)snprintf(line + len, sizeof(line) - len,
					c >= t->right ? "%*s%s" : "%-*s%s",
					last && c < t->right ? 0 : width[c], s,
					last ? "" : "  ");
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
	}
	while (len > 0 && line[len - 1] == ' ')
		len--;
	line[len] = '\0';
	puts(line);
}

static void cell_table_print(const struct cell_table *t)
{
	int width[CELL_TABLE_COLS] = { 0 };
	int r, c, len;

	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->cols; c++) {
			len = (int)strlen(cell_table_get(t, r, c));
			if (len > width[c])
				width[c] = len;
		}
	for (r = 0; r < t->rows; r++)
		cell_table_print_row(t, r, width);
}

/* ---- list ------------------------------------------------------------ */

static void cell_list_add(struct cell_table *t, unsigned int id)
{
	char buf[WARDEN_FAILURE_LEN], num[16];
	static const char *const attrs[] = { "name", "state", "cpus",
					     "failure" };
	int row = cell_table_row(t);
	unsigned int i;

	if (row < 0)
		return;
	snprintf(num, sizeof(num), "%u", id);
	cell_table_set(t, row, 0, num);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (cell_attr(id, attrs[i], buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "?");
		cell_table_set(t, row, (int)i + 1, buf);
	}
}

/* Ids of the inmate cells, in ascending order, as a bitmap. */
static uint64_t cell_list_ids(void)
{
	unsigned long long val;
	struct dirent *de;
	uint64_t ids = 0;
	DIR *dir;

	dir = opendir(CELL_SYSFS);
	if (!dir)
		return 0;
	while ((de = readdir(dir)))
		if (!cell_parse_uint(de->d_name, &val) && val > 0 && val < 64)
			ids |= 1ull << val;
	closedir(dir);
	return ids;
}

/* ---- list: links ----------------------------------------------------- */

/* The state of the cell called `name`: "running" for the root. */
static void cell_state_of(const char *name, char *buf, size_t size)
{
	unsigned int id;

	if (!strcmp(name, "root"))
		snprintf(buf, size, "running");
	else if (cell_find_name(name, &id))
		snprintf(buf, size, "absent");
	else if (cell_attr(id, "state", buf, size))
		snprintf(buf, size, "?");
}

/* A link as `cell list` shows it: both ends, each "<cell> (<state>)". */
struct cell_link {
	char name[64];
	char cell[2][64]; /* by side; "" if no one declared it */
	char state[2][32];
	char dev[96]; /* the root's /dev/warden-link-*, or "" */
};

#define CELL_LINKS_MAX (CELL_TABLE_ROWS - 1)

struct cell_links {
	int num;
	struct cell_link link[CELL_LINKS_MAX];
};

/* One side of a link: its cell and that cell's state. */
static void cell_link_side(struct cell_link *l, unsigned int side,
			   const char *cell)
{
	cell_table_copy(l->cell[side], sizeof(l->cell[side]), cell);
	cell_state_of(cell, l->state[side], sizeof(l->state[side]));
}

/*
 * One declaration of a link (by `owner`), from a line of a links file: a
 * new entry for a new name, else the entry of the name.
 */
static void cell_links_add(struct cell_links *ls, const char *owner,
			   const char *line)
{
	char name[64], peer[64], dev[96] = "";
	struct cell_link *l = NULL;
	unsigned int side;
	int i;

	/* The driver's own line (links_list()): its side is 0 or 1.
	 * NOLINTNEXTLINE(cert-err34-c) */
	if (sscanf(line, "%63s %u %63s %*s %95s", name, &side, peer, dev) < 3 ||
	    side > 1)
		return;
	for (i = 0; i < ls->num; i++)
		if (!strcmp(ls->link[i].name, name))
			l = &ls->link[i];
	if (!l) {
		if (ls->num >= CELL_LINKS_MAX)
			return;
		l = &ls->link[ls->num++];
		memset(l, 0, sizeof(*l));
		cell_table_copy(l->name, sizeof(l->name), name);
	}
	cell_link_side(l, side, owner);
	cell_link_side(l, 1 - side, peer);
	if (dev[0])
		cell_table_copy(l->dev, sizeof(l->dev), dev);
}

/* Each line of a links file (sysfs). */
static void cell_links_file(struct cell_links *ls, const char *owner,
			    const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		cell_links_add(ls, owner, line);
	(void)fclose(f); /* read only: nothing to lose */
}

/* The links of the root and of every cell, with the state of each end. */
static void cell_links_collect(struct cell_links *ls, uint64_t ids)
{
	char path[CELL_PATH_MAX], name[WARDEN_CELL_NAME_MAX + 1];
	unsigned int id;

	ls->num = 0;
	cell_links_file(ls, "root", WARDEN_SYSFS "/links");
	for (id = 1; id < 64; id++) {
		if (!(ids >> id & 1) ||
		    cell_attr(id, "name", name, sizeof(name)))
			continue;
		cell_attr_path(path, sizeof(path), id, "links");
		cell_links_file(ls, name, path);
	}
}

static void cell_links_print(uint64_t ids)
{
	static struct cell_links ls;
	static struct cell_table t;
	char end[160];
	unsigned int side;
	int row, i;

	cell_links_collect(&ls, ids);
	if (!ls.num)
		return;
	memset(&t, 0, sizeof(t));
	t.cols = 4;
	t.right = t.cols;
	row = cell_table_row(&t);
	cell_table_set(&t, row, 0, "LINK");
	cell_table_set(&t, row, 1, "SIDE 0");
	cell_table_set(&t, row, 2, "SIDE 1");
	cell_table_set(&t, row, 3, "DEVICE");
	for (i = 0; i < ls.num; i++) {
		row = cell_table_row(&t);
		cell_table_set(&t, row, 0, ls.link[i].name);
		for (side = 0; side < 2; side++) {
			if (!ls.link[i].cell[side][0])
				continue;
			snprintf(end, sizeof(end), "%s (%s)",
				 ls.link[i].cell[side], ls.link[i].state[side]);
			cell_table_set(&t, row, 1 + (int)side, end);
		}
		cell_table_set(&t, row, 3,
			       ls.link[i].dev[0] ? ls.link[i].dev : "-");
	}
	putchar('\n');
	cell_table_print(&t);
}

/* ---- list --json ------------------------------------------------------ */

/* One attribute of an inmate cell, or null if it cannot be read. */
static void cell_json_attr(struct json *j, unsigned int id, const char *attr)
{
	char buf[WARDEN_FAILURE_LEN];

	if (cell_attr(id, attr, buf, sizeof(buf)))
		json_null(j, attr);
	else
		json_string(j, attr, buf);
}

static void cell_json_cells(struct json *j, uint64_t ids)
{
	char cpus[128];
	unsigned int id;

	json_begin_array(j, "cells");
	json_begin_object(j, NULL);
	json_uint(j, "id", 0);
	json_string(j, "name", "root");
	json_string(j, "state", "running");
	if (fileio_read_line("/sys/devices/system/cpu/online", cpus,
			     sizeof(cpus)))
		json_null(j, "cpus");
	else
		json_string(j, "cpus", cpus);
	json_string(j, "failure", "");
	json_end_object(j);
	for (id = 1; id < 64; id++) {
		if (!(ids >> id & 1))
			continue;
		json_begin_object(j, NULL);
		json_uint(j, "id", id);
		cell_json_attr(j, id, "name");
		cell_json_attr(j, id, "state");
		cell_json_attr(j, id, "cpus");
		cell_json_attr(j, id, "failure");
		json_end_object(j);
	}
	json_end_array(j);
}

static void cell_json_links(struct json *j, uint64_t ids)
{
	static struct cell_links ls;
	const struct cell_link *l;
	unsigned int side;
	int i;

	cell_links_collect(&ls, ids);
	json_begin_array(j, "links");
	for (i = 0; i < ls.num; i++) {
		l = &ls.link[i];
		json_begin_object(j, NULL);
		json_string(j, "name", l->name);
		json_begin_array(j, "sides");
		for (side = 0; side < 2; side++) {
			json_begin_object(j, NULL);
			json_string(j, "cell", l->cell[side]);
			json_string(j, "state", l->state[side]);
			json_end_object(j);
		}
		json_end_array(j);
		if (l->dev[0])
			json_string(j, "device", l->dev);
		else
			json_null(j, "device");
		json_end_object(j);
	}
	json_end_array(j);
}

/* The text form's content as one object (see `warden cell list --help`). */
static int cell_list_json(void)
{
	uint64_t ids = cell_list_ids();
	struct json j;

	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	cell_json_cells(&j, ids);
	cell_json_links(&j, ids);
	json_end_object(&j);
	if (json_finish(&j)) {
		warden_err("cell list failed: writing the output failed");
		return WARDEN_EXIT_FAIL;
	}
	return WARDEN_EXIT_OK;
}

int cell_list(int argc, char **argv, unsigned int opts)
{
	static struct cell_table t;
	char cpus[128];
	uint64_t ids;
	unsigned int id;
	int row;

	(void)argc;
	(void)argv;
	if (cell_ready())
		return WARDEN_EXIT_FAIL;
	if (opts & WARDEN_OPT_JSON)
		return cell_list_json();
	memset(&t, 0, sizeof(t));
	t.cols = 5;
	t.right = t.cols;
	row = cell_table_row(&t);
	cell_table_set(&t, row, 0, "ID");
	cell_table_set(&t, row, 1, "NAME");
	cell_table_set(&t, row, 2, "STATE");
	cell_table_set(&t, row, 3, "CPUS");
	cell_table_set(&t, row, 4, "FAILURE");
	/* the root cell: Linux, on the CPUs it has online */
	if (fileio_read_line("/sys/devices/system/cpu/online", cpus,
			     sizeof(cpus)))
		snprintf(cpus, sizeof(cpus), "?");
	row = cell_table_row(&t);
	cell_table_set(&t, row, 0, "0");
	cell_table_set(&t, row, 1, "root");
	cell_table_set(&t, row, 2, "running");
	cell_table_set(&t, row, 3, cpus);
	ids = cell_list_ids();
	for (id = 1; id < 64; id++)
		if (ids >> id & 1)
			cell_list_add(&t, id);
	cell_table_print(&t);
	cell_links_print(ids);
	return WARDEN_EXIT_OK;
}

/* ---- stats ----------------------------------------------------------- */

static const char *const cell_stat_names[] = WARDEN_STAT_NAMES;

/* The row of CPU cpu (Linux's number), a new one if it has none yet. */
static int cell_stats_cpu_row(struct cell_table *t, const char *cpu)
{
	int row, col;

	for (row = 1; row < t->rows; row++)
		if (!strcmp(cell_table_get(t, row, 0), cpu))
			return row;
	row = cell_table_row(t);
	if (row < 0)
		return -1;
	cell_table_set(t, row, 0, cpu);
	for (col = 1; col < t->cols; col++)
		cell_table_set(t, row, col, "0");
	return row;
}

/*
 * One statistic's file, "cpu<N> <count>" lines, into column col; the
 * values are added to *total.  Returns -1 if it is malformed.
 */
static int cell_stats_parse(struct cell_table *t, int col, char *data,
			    unsigned long long *total)
{
	char *save = NULL, *line, *cpu, *count;
	unsigned long long val;
	int row;

	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		cpu = line;
		count = strchr(line, ' ');
		if (!count)
			return -1;
		*count++ = '\0';
		if (strncmp(cpu, "cpu", 3) || cell_parse_uint(cpu + 3, &val) ||
		    cell_parse_uint(count, &val))
			return -1;
		row = cell_stats_cpu_row(t, cpu + 3);
		if (row < 0)
			return -1;
		cell_table_set(t, row, col, count);
		*total += val;
	}
	return 0;
}

/* Read stats/<name> of the cell into column col of t; 0 or -errno. */
static int cell_stats_read(struct cell_table *t, const struct cell_ref *ref,
			   int col, unsigned long long *total)
{
	char path[CELL_PATH_MAX], attr[64], *data;
	size_t len;
	int ret;

	snprintf(attr, sizeof(attr), "stats/%s", cell_stat_names[col - 1]);
	cell_attr_path(path, sizeof(path), ref->id, attr);
	ret = fileio_read(path, 64 * 1024UL, &data, &len);
	if (ret) {
		warden_err("cell stats \"%s\" failed: %s: %s", ref->name, path,
			   strerror(-ret));
		return ret;
	}
	ret = cell_stats_parse(t, col, data, total);
	free(data);
	if (ret) {
		warden_err("cell stats \"%s\" failed: %s is not "
			   "\"cpu<N> <count>\" lines",
			   ref->name, path);
		return -EINVAL;
	}
	return 0;
}

int cell_stats(int argc, char **argv, unsigned int opts)
{
	static struct cell_table t;
	unsigned long long totals[CELL_TABLE_COLS] = { 0 };
	struct cell_ref ref;
	char num[32];
	int col, row;

	(void)argc;
	(void)opts;
	if (cell_ready_ref(argv[0], &ref))
		return WARDEN_EXIT_FAIL;
	memset(&t, 0, sizeof(t));
	t.cols = CELL_TABLE_COLS;
	t.right = 1;
	cell_table_row(&t);
	cell_table_set(&t, 0, 0, "CPU");
	for (col = 1; col < t.cols; col++) {
		cell_table_set(&t, 0, col, cell_stat_names[col - 1]);
		if (cell_stats_read(&t, &ref, col, &totals[col]))
			return WARDEN_EXIT_FAIL;
	}
	row = cell_table_row(&t);
	if (row < 0)
		return WARDEN_EXIT_FAIL;
	cell_table_set(&t, row, 0, "total");
	for (col = 1; col < t.cols; col++) {
		snprintf(num, sizeof(num), "%llu", totals[col]);
		cell_table_set(&t, row, col, num);
	}
	cell_table_print(&t);
	return WARDEN_EXIT_OK;
}
