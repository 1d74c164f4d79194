/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The warden CLI: declarations shared by its files.
 *
 *   warden.c     main(), the command table, help and usage errors
 *   hv.c         commands that talk to warden.ko: enable, disable, status,
 *                console
 *   sysconfig.c  loading and checking system configs
 *   cellconfig.c reading cell configs; `config check` of system and cell
 *                configs
 *   cell.c       the `cell` commands: create, load, start, shutdown,
 *                destroy, list, stats
 *   cellconsole.c `cell console`: print, follow, send input, attach
 *   celllinux.c  `cell linux`: a Linux kernel in a new cell, with
 *   linuximage.c the Image header and placement (linuximage.h),
 *   linuxdt.c    the cell's device tree (linuxdt.h), written by
 *   fdtwrite.c   the device tree writer (fdtwrite.h)
 *   inflate.c    gzip decompression of a vmlinuz (inflate.h)
 *   configshow.c `config show`: configs in words (configshow.h), and
 *   configjson.c its --json form
 *   json.c       the JSON writer of every --json (json.h)
 *   fileio.c     whole-file and sysfs reads
 *   fdt.c        the device tree parser
 *   configgen.c  a system config from a device tree (`config create`),
 *   configgen-pci.c  its SMMUv3 and PCI host bridge (configgen.h)
 *   configcli.c  the `config create`, `build` and `cell-create` commands
 *   cellgen.c    an inmate cell config from options (`config cell-create`)
 */
#ifndef WARDEN_TOOLS_WARDEN_H
#define WARDEN_TOOLS_WARDEN_H

#include <stddef.h>

#include <warden/config.h>

#define WARDEN_CLI_VERSION "0.1.0"

/* Exit codes of every command. */
#define WARDEN_EXIT_OK 0
#define WARDEN_EXIT_FAIL 1
#define WARDEN_EXIT_USAGE 2

#define WARDEN_DEV "/dev/warden"
/* Overridable at build time, to test the commands on a fake tree. */
#ifndef WARDEN_SYSFS
#define WARDEN_SYSFS "/sys/devices/warden"
#endif
/* The root node's compatible in Linux's view of its device tree. */
#ifndef WARDEN_DT_COMPATIBLE
#define WARDEN_DT_COMPATIBLE "/sys/firmware/devicetree/base/compatible"
#endif

/* Options of the commands (bits of a command's `opts`). */
#define WARDEN_OPT_FORCE 0x1u /* --force */
#define WARDEN_OPT_FOLLOW 0x2u /* -f, --follow */
#define WARDEN_OPT_JSON 0x4u /* --json */
#define WARDEN_OPT_ATTACH 0x8u /* --attach */
/* valued options (warden_opt_value()); high bits */
#define WARDEN_OPT_OUTPUT 0x10000u /* -o, --output FILE */
#define WARDEN_OPT_DTB 0x20000u /* --dtb FILE */
#define WARDEN_OPT_LINUX_MEM 0x40000u /* --linux-mem SIZE */
#define WARDEN_OPT_HV_MEM 0x80000u /* --hv-mem SIZE */
#define WARDEN_OPT_CONSOLE 0x100000u /* --console UART */
#define WARDEN_OPT_RAM 0x200000u /* --ram BASE:SIZE,... or SIZE */
#define WARDEN_OPT_SYSTEM 0x400000u /* --system FILE */
#define WARDEN_OPT_NAME 0x800000u /* --name NAME */
#define WARDEN_OPT_CPUS 0x1000000u /* --cpus LIST */
#define WARDEN_OPT_RAM_AT 0x2000000u /* --ram-at ADDR */
#define WARDEN_OPT_RAM_IPA 0x4000000u /* --ram-ipa ADDR */
#define WARDEN_OPT_DEVICES 0x8000000u /* --devices LIST */
#define WARDEN_OPT_IRQS 0x10000000u /* --irqs LIST */
#define WARDEN_OPT_WITH 0x20000000u /* --with CELLS */
#define WARDEN_OPT_PCI 0x80000000u /* --pci BDF, repeatable */
/* Given more than once, these join their values with commas. */
#define WARDEN_OPT_LISTS WARDEN_OPT_PCI
/*
 * `cell linux` options.  A bit only has to be unique among one command's
 * options, and `cell linux` takes none of `config create`'s, whose bits
 * these reuse.
 */
#define WARDEN_OPT_INITRD WARDEN_OPT_LINUX_MEM /* --initrd FILE */
#define WARDEN_OPT_CMDLINE WARDEN_OPT_HV_MEM /* --cmdline TEXT */
#define WARDEN_OPT_WRITE_DTB WARDEN_OPT_OUTPUT /* --write-dtb FILE */
#define WARDEN_OPT_SEND 0x40000000u /* --send TEXT */

/*
 * A command's arguments: what follows its name on the command line, without
 * the options, which are in opts (WARDEN_OPT_*).
 */
typedef int (*warden_cmd_fn)(int argc, char **argv, unsigned int opts);

/* The value of a valued option given on the command line, or NULL. */
const char *warden_opt_value(unsigned int flag);

/* configcli.c: `config create`, `config build` */
int configcli_create(int argc, char **argv, unsigned int opts);
int configcli_build(int argc, char **argv, unsigned int opts);
int configcli_cell_create(int argc, char **argv, unsigned int opts);

/* "warden: <message>" on stderr. */
void warden_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Is warden.ko loaded?  Its sysfs directory says so. */
int hv_module_loaded(void);
/* Explain why `what` failed with errno err; errmsg: the driver's words. */
void hv_fail(const char *what, int err, const char *errmsg);
/* Open /dev/warden, or say why not.  Returns the fd or -1. */
int hv_open(const char *what);
int hv_enable(int argc, char **argv, unsigned int opts);
int hv_disable(int argc, char **argv, unsigned int opts);
int hv_status(int argc, char **argv, unsigned int opts);
int hv_console(int argc, char **argv, unsigned int opts);

/* Largest file accepted as a config: far above any valid one. */
#define SYSCONFIG_MAX_SIZE (64 * 1024UL)

/*
 * Read `path` and check it as a system config.  Every problem is printed as
 * "warden: <label><message>".  Returns 0 and the blob (to be freed) if it is
 * valid, -1 otherwise.
 */
int sysconfig_load(const char *path, const char *label, void **blob,
		   size_t *size);
/* Check a system config blob read from `path`, printing as above. */
int sysconfig_validate(const char *path, const char *label, const void *blob,
		       size_t size);
/* config_report_fn that prints "warden: <ctx><message>" on stderr. */
void sysconfig_report(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Read `path`, which must be a cell config (signature and header only: the
 * driver checks it).  Returns 0 and the blob (to be freed), or -1.
 */
int cellconfig_read(const char *path, void **blob, size_t *size);
void cellconfig_not_config(const char *path, const void *data, size_t len);
/* The name of a cell config blob of at least a header, NUL-terminated. */
void cellconfig_name(const void *blob, char name[WARDEN_CELL_NAME_MAX]);
int cellconfig_check(int argc, char **argv, unsigned int opts);
int configshow_run(int argc, char **argv, unsigned int opts);

/* cell.c: what the `cell` commands share (cellconsole.c, celllinux.c too) */
#define CELL_PATH_MAX 256

/* A cell named on the command line, resolved through sysfs. */
struct cell_ref {
	unsigned int id;
	char name[WARDEN_CELL_NAME_MAX + 16];
};

struct warden_cell_args;

void cell_sleep(long ns);
/* The path of cells/<id>/<attr> in sysfs. */
void cell_attr_path(char *buf, size_t size, unsigned int id, const char *attr);
/* The first line of cells/<id>/<attr>; returns 0 or -errno. */
int cell_attr(unsigned int id, const char *attr, char *buf, size_t size);
int cell_exists(unsigned int id);
/* Parse a whole decimal number; returns 0 on success. */
int cell_parse_uint(const char *s, unsigned long long *val);
/* Is warden.ko loaded and the hypervisor enabled?  Else say so (-1). */
int cell_ready(void);
/* Is the hypervisor enabled (else say so), and which cell is arg?  0 or -1. */
int cell_ready_ref(const char *arg, struct cell_ref *ref);
/*
 * Issue a cell ioctl; *args is in/out.  Returns 0 or -errno; failures are
 * printed as "<what> failed: <the driver's reason>", except (with ask)
 * EAGAIN, EBUSY and EINPROGRESS, the answers of a cell asked to shut down,
 * which cell_stop() explains.
 */
int cell_ioctl(const char *what, unsigned long req,
	       struct warden_cell_args *args, int ask);
/* Read a whole image file (at most 256 MiB) into a buffer of its size. */
int cell_read_image(const char *path, char **data, size_t *len);
int cell_create(int argc, char **argv, unsigned int opts);
/* celllinux.c: `cell linux` */
int celllinux_run(int argc, char **argv, unsigned int opts);
int cell_load(int argc, char **argv, unsigned int opts);
int cell_start(int argc, char **argv, unsigned int opts);
int cell_shutdown(int argc, char **argv, unsigned int opts);
int cell_destroy(int argc, char **argv, unsigned int opts);
int cell_list(int argc, char **argv, unsigned int opts);
int cell_stats(int argc, char **argv, unsigned int opts);
int cellconsole_run(int argc, char **argv, unsigned int opts);

/*
 * Read all of `path` (at most max bytes) into a malloc'ed buffer with a NUL
 * after the data.  Returns 0, -EFBIG if it is larger than max, or -errno.
 */
int fileio_read(const char *path, size_t max, char **buf, size_t *len);
/* First line of a small (sysfs) text file, without the newline. */
int fileio_read_line(const char *path, char *buf, size_t size);

#endif /* WARDEN_TOOLS_WARDEN_H */
