// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden cell linux CONFIG KERNEL [--initrd FILE] [--cmdline "..."]
 * [--dtb FILE] [--write-dtb FILE]`: a Linux kernel in a new cell, booted
 * as the arm64 boot protocol asks (Documentation/arm64/booting.rst).
 *
 *   1. The cell config is checked here against the running system config
 *      (/sys/devices/warden/system_config), so that no cell is created for
 *      a kernel that cannot boot.
 *   2. The kernel is read whole, inflated if it is gzip-compressed (as
 *      Debian's /boot/vmlinuz-* may be), and its Image header checked.
 *   3. The kernel goes text_offset above the first 2 MiB boundary of the
 *      cell's lowest kernel-capable RAM region, the device tree on the page
 *      after the kernel's image_size, the initrd after it
 *      (linuximage_place()).
 *   4. The device tree is the one linuxdt_build() writes for the cell from
 *      the root's own tree (/sys/firmware/fdt), or the user's (--dtb), whose
 *      /chosen linux,initrd-start/-end are set to where the initrd went.
 *   5. Create, load the three images, start the boot CPU at the kernel with
 *      x0 = the tree's IPA (WARDEN_START_BOOT).  If a step fails after the
 *      cell exists, the cell is destroyed again: the machine is left as it
 *      was.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <warden/ioctl.h>

#include "config-check.h"
#include "fdt.h"
#include "inflate.h"
#include "linuxdt.h"
#include "linuximage.h"
#include "warden.h"

#define CL_SYSTEM_CONFIG WARDEN_SYSFS "/system_config"
#define CL_LIVE_FDT "/sys/firmware/fdt"
#define CL_FDT_MAX (4u << 20)
#define CL_KERNEL_MAX (256u << 20) /* inflated */
#define CL_FDT_MAGIC 0xd00dfeedu

/* Everything the command holds; celllinux_free() releases it. */
struct cl {
	const char *config_path, *kernel_path, *initrd_path;
	void *sys; /* the running system config */
	size_t sys_size;
	void *config; /* the cell config */
	size_t config_size;
	char *kernel; /* the Image, inflated */
	size_t kernel_size;
	char *initrd;
	size_t initrd_size;
	char *root_dtb; /* /sys/firmware/fdt */
	size_t root_dtb_size;
	struct fdt root;
	int have_root;
	uint8_t *dtb; /* the cell's tree: ours (linuxdt) or the user's */
	size_t dtb_size;
	struct linuxdt_out ldt;
	struct linuximage img;
	struct linuximage_plan plan;
	char name[WARDEN_CELL_NAME_MAX];
	unsigned int id; /* 0: not created */
};

static const struct warden_cell_desc *cl_desc(const struct cl *c)
{
	return c->config;
}

/* ---- inputs ------------------------------------------------------------ */

static void cl_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cl_report(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	fputs("warden: cell linux: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The system config Warden runs with, checked like any other. */
static int cl_read_system(struct cl *c)
{
	char *data;
	size_t len;
	int ret =
		fileio_read(CL_SYSTEM_CONFIG, SYSCONFIG_MAX_SIZE, &data, &len);

	if (ret) {
		warden_err("cell linux: %s: %s (a warden.ko older than this "
			   "CLI?)",
			   CL_SYSTEM_CONFIG, strerror(-ret));
		return -1;
	}
	if (sysconfig_validate(CL_SYSTEM_CONFIG,
			       "running system config: ", data, len)) {
		free(data);
		return -1;
	}
	c->sys = data;
	c->sys_size = len;
	return 0;
}

static int cl_read_config(struct cl *c)
{
	unsigned int problems;

	if (cellconfig_read(c->config_path, &c->config, &c->config_size))
		return -1;
	cellconfig_name(c->config, c->name);
	problems = config_check_cell(c->config, c->config_size, c->sys,
				     cl_report, NULL);
	if (problems) {
		warden_err("cell linux: %s: %u problem%s against the running "
			   "system",
			   c->config_path, problems, problems == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

/* The kernel file, inflated if it is gzip (a vmlinuz), as an Image. */
static int cl_read_kernel(struct cl *c)
{
	char err[LINUXIMAGE_ERR_LEN];
	void *out;
	size_t out_len;
	int ret;

	if (cell_read_image(c->kernel_path, &c->kernel, &c->kernel_size))
		return -1;
	if (inflate_is_gzip(c->kernel, c->kernel_size)) {
		ret = inflate_gzip(c->kernel, c->kernel_size, &out, &out_len,
				   CL_KERNEL_MAX, err, sizeof(err));
		if (ret) {
			warden_err("%s: %s", c->kernel_path, err);
			return -1;
		}
		free(c->kernel);
		c->kernel = out;
		c->kernel_size = out_len;
	}
	if (linuximage_parse(c->kernel, c->kernel_size, &c->img, err,
			     sizeof(err))) {
		warden_err("%s: %s", c->kernel_path, err);
		return -1;
	}
	return 0;
}

/* The root's own tree, for the devices and CPUs; absent is not an error. */
static void cl_read_root_fdt(struct cl *c)
{
	char err[FDT_ERR_LEN];

	if (fileio_read(CL_LIVE_FDT, CL_FDT_MAX, &c->root_dtb,
			&c->root_dtb_size))
		return;
	if (fdt_parse(&c->root, c->root_dtb, c->root_dtb_size, err,
		      sizeof(err))) {
		warden_err("cell linux: note: %s: %s; the cell's tree "
			   "describes no device",
			   CL_LIVE_FDT, err);
		fdt_free(&c->root);
		return;
	}
	c->have_root = 1;
}

/* --dtb: a user's tree, checked as a tree. */
static int cl_read_user_dtb(struct cl *c, const char *path)
{
	char err[FDT_ERR_LEN];
	struct fdt f;
	char *data;
	size_t len;
	int ret = fileio_read(path, LINUXIMAGE_DTB_MAX, &data, &len);

	if (ret) {
		warden_err("%s: %s", path,
			   ret == -EFBIG ? "larger than the boot protocol's "
					   "2 MiB" :
					   strerror(-ret));
		return -1;
	}
	ret = fdt_parse(&f, data, len, err, sizeof(err));
	fdt_free(&f);
	if (ret) {
		warden_err("%s: not a device tree: %s", path, err);
		free(data);
		return -1;
	}
	c->dtb = (uint8_t *)data;
	c->dtb_size = len;
	return 0;
}

/* ---- the tree ------------------------------------------------------------ */

static void cl_be(uint8_t *p, uint64_t v, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

/* Set a 4- or 8-byte /chosen property of the user's tree in place. */
static int cl_patch_chosen(struct cl *c, struct fdt *f, const char *name,
			   uint64_t v)
{
	int chosen = fdt_path(f, "/chosen");
	const void *p;
	uint32_t len;

	p = chosen < 0 ? NULL : fdt_prop(f, chosen, name, &len);
	if (!p || (len != 4 && len != 8) || (len == 4 && v >> 32)) {
		warden_err("cell linux: --dtb tree has no 4- or 8-byte "
			   "/chosen %s to set to 0x%llx: add it (any value) "
			   "or leave out --initrd",
			   name, (unsigned long long)v);
		return -1;
	}
	cl_be(c->dtb + ((const uint8_t *)p - c->dtb), v, len);
	return 0;
}

/* The user's tree learns where the initrd went. */
static int cl_patch_user_dtb(struct cl *c)
{
	char err[FDT_ERR_LEN];
	struct fdt f;
	int ret;

	if (!c->initrd_size)
		return 0;
	if (fdt_parse(&f, c->dtb, c->dtb_size, err, sizeof(err))) {
		fdt_free(&f);
		return -1;
	}
	ret = cl_patch_chosen(c, &f, "linux,initrd-start", c->plan.initrd);
	if (!ret)
		ret = cl_patch_chosen(c, &f, "linux,initrd-end",
				      c->plan.initrd + c->initrd_size);
	fdt_free(&f);
	return ret;
}

/* Our tree for the cell, with the placement's initrd address. */
static int cl_build_dtb(struct cl *c, const char *cmdline)
{
	const struct warden_cell_desc *d = cl_desc(c);
	struct linuxdt_console con = { d->vuart_base, d->vuart_irq };
	struct linuxdt_opts o = {
		.cmdline = cmdline,
		.initrd_start = c->plan.initrd,
		.initrd_size = c->initrd_size,
		.console = d->vuart_base ? &con : NULL,
	};
	int i, ret;

	ret = linuxdt_build(c->sys, d, c->have_root ? &c->root : NULL, &o,
			    &c->ldt);
	if (ret) {
		warden_err("cell linux: cell \"%s\": no device tree: %s",
			   c->name, c->ldt.err);
		return -1;
	}
	for (i = 0; i < c->ldt.num_notes; i++)
		printf("warden: cell \"%s\": device tree: %s\n", c->name,
		       c->ldt.notes[i]);
	if (c->ldt.lost_notes)
		printf("warden: cell \"%s\": device tree: %d more notes\n",
		       c->name, c->ldt.lost_notes);
	c->dtb = c->ldt.dtb;
	c->dtb_size = c->ldt.size;
	return 0;
}

static int cl_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f) {
		warden_err("%s: %s", path, strerror(errno));
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = !fclose(f) && ok;
	if (!ok) {
		warden_err("%s: write failed", path);
		return -1;
	}
	return 0;
}

/* ---- the cell -------------------------------------------------------------- */

static int cl_create(struct cl *c)
{
	struct warden_cell_args args;
	char what[96];

	snprintf(what, sizeof(what), "cell create \"%s\"", c->name);
	memset(&args, 0, sizeof(args));
	args.ptr = (uintptr_t)c->config;
	args.size = c->config_size;
	if (cell_ioctl(what, WARDEN_IOCTL_CELL_CREATE, &args, 0))
		return -1;
	c->id = args.id;
	return 0;
}

static int cl_load(struct cl *c)
{
	struct warden_cell_image img[3];
	struct warden_cell_args args;
	char what[96];
	int n = 0;

	img[n++] = (struct warden_cell_image){ (uintptr_t)c->kernel,
					       c->kernel_size, c->plan.kernel };
	img[n++] = (struct warden_cell_image){ (uintptr_t)c->dtb, c->dtb_size,
					       c->plan.dtb };
	if (c->initrd_size)
		img[n++] = (struct warden_cell_image){ (uintptr_t)c->initrd,
						       c->initrd_size,
						       c->plan.initrd };
	snprintf(what, sizeof(what), "cell load \"%s\"", c->name);
	memset(&args, 0, sizeof(args));
	args.id = c->id;
	args.flags = WARDEN_CELL_KEEP; /* for a reboot of the cell */
	args.ptr = (uintptr_t)img;
	args.size = (uint64_t)n;
	return cell_ioctl(what, WARDEN_IOCTL_CELL_LOAD, &args, 0) ? -1 : 0;
}

static int cl_start(struct cl *c)
{
	struct warden_cell_boot boot = { .entry = c->plan.kernel,
					 .x0 = c->plan.dtb,
					 .flags = WARDEN_BOOT_RELOAD };
	struct warden_cell_args args;
	char what[96];

	snprintf(what, sizeof(what), "cell start \"%s\"", c->name);
	memset(&args, 0, sizeof(args));
	args.id = c->id;
	args.ptr = (uintptr_t)&boot;
	args.size = sizeof(boot);
	return cell_ioctl(what, WARDEN_IOCTL_CELL_START, &args, 0) ? -1 : 0;
}

/* After a failure: the cell goes again, so that nothing is left behind. */
static void cl_undo(struct cl *c)
{
	struct warden_cell_args args;

	if (!c->id)
		return;
	memset(&args, 0, sizeof(args));
	args.id = c->id;
	args.flags = WARDEN_CELL_FORCE;
	if (!cell_ioctl("cell destroy (undoing cell linux)",
			WARDEN_IOCTL_CELL_DESTROY, &args, 0))
		warden_err("cell linux: cell \"%s\" destroyed again", c->name);
}

static void cl_say(const struct cl *c)
{
	printf("warden: cell \"%s\" (id %u): Linux Image of %zu KiB at "
	       "0x%llx (uses 0x%llx), device tree of %zu bytes at 0x%llx",
	       c->name, c->id, c->kernel_size >> 10,
	       (unsigned long long)c->plan.kernel,
	       (unsigned long long)c->img.image_size, c->dtb_size,
	       (unsigned long long)c->plan.dtb);
	if (c->initrd_size)
		printf(", initrd of %zu KiB at 0x%llx", c->initrd_size >> 10,
		       (unsigned long long)c->plan.initrd);
	printf("\nwarden: started cell \"%s\" (id %u)\n", c->name, c->id);
}

static void cl_free(struct cl *c)
{
	if (c->dtb != c->ldt.dtb)
		free(c->dtb);
	linuxdt_free(&c->ldt);
	if (c->have_root)
		fdt_free(&c->root);
	free(c->root_dtb);
	free(c->initrd);
	free(c->kernel);
	free(c->config);
	free(c->sys);
}

/* Read and check everything, and lay it out: nothing changes yet. */
static int cl_prepare(struct cl *c, const char *user_dtb, const char *cmdline)
{
	char err[LINUXIMAGE_ERR_LEN];
	uint64_t dtb_room;

	if (cell_ready() || cl_read_system(c) || cl_read_config(c) ||
	    cl_read_kernel(c))
		return -1;
	if (c->initrd_path &&
	    cell_read_image(c->initrd_path, &c->initrd, &c->initrd_size))
		return -1;
	if (user_dtb && cl_read_user_dtb(c, user_dtb))
		return -1;
	/* our tree is written after the placement: room for its cap */
	dtb_room = user_dtb ? c->dtb_size : LINUXDT_MAX_SIZE;
	if (linuximage_place(&c->img, cl_desc(c), dtb_room, c->initrd_size,
			     &c->plan, err, sizeof(err))) {
		warden_err("cell linux: %s", err);
		return -1;
	}
	if (user_dtb)
		return cl_patch_user_dtb(c);
	cl_read_root_fdt(c);
	return cl_build_dtb(c, cmdline);
}

int celllinux_run(int argc, char **argv, unsigned int opts)
{
	const char *user_dtb = warden_opt_value(WARDEN_OPT_DTB);
	const char *cmdline = warden_opt_value(WARDEN_OPT_CMDLINE);
	const char *write_dtb = warden_opt_value(WARDEN_OPT_WRITE_DTB);
	struct cl c;
	int ret = WARDEN_EXIT_FAIL;

	(void)argc;
	(void)opts;
	if (user_dtb && (cmdline || write_dtb)) {
		warden_err(
			"cell linux: --dtb takes your tree as it is: put the "
			"command line in its /chosen bootargs (no --cmdline, "
			"no --write-dtb)");
		return WARDEN_EXIT_USAGE;
	}
	memset(&c, 0, sizeof(c));
	c.config_path = argv[0];
	c.kernel_path = argv[1];
	c.initrd_path = warden_opt_value(WARDEN_OPT_INITRD);
	if (cl_prepare(&c, user_dtb, cmdline))
		goto out;
	if (write_dtb && cl_write_file(write_dtb, c.dtb, c.dtb_size))
		goto out;
	if (cl_create(&c) || cl_load(&c) || cl_start(&c)) {
		cl_undo(&c);
		goto out;
	}
	cl_say(&c);
	ret = WARDEN_EXIT_OK;
out:
	cl_free(&c);
	return ret;
}
