/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The warden CLI: declarations shared by its files.
 *
 *   warden.c     main(), the command table, help and usage errors
 *   hv.c         commands that talk to warden.ko: enable, disable, status,
 *                console
 *   sysconfig.c  loading and checking system configs; `config check`
 *   fileio.c     whole-file and sysfs reads
 */
#ifndef WARDEN_TOOLS_WARDEN_H
#define WARDEN_TOOLS_WARDEN_H

#include <stddef.h>

#define WARDEN_CLI_VERSION "0.1.0"

/* Exit codes of every command. */
#define WARDEN_EXIT_OK 0
#define WARDEN_EXIT_FAIL 1
#define WARDEN_EXIT_USAGE 2

#define WARDEN_DEV "/dev/warden"
#define WARDEN_SYSFS "/sys/devices/warden"

/* A command's arguments: what follows its name on the command line. */
typedef int (*warden_cmd_fn)(int argc, char **argv);

/* "warden: <message>" on stderr. */
void warden_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int hv_enable(int argc, char **argv);
int hv_disable(int argc, char **argv);
int hv_status(int argc, char **argv);
int hv_console(int argc, char **argv);

/* Largest file accepted as a config: far above any valid one. */
#define SYSCONFIG_MAX_SIZE (64 * 1024)

/*
 * Read `path` and check it as a system config.  Every problem is printed as
 * "warden: <label><message>".  Returns 0 and the blob (to be freed) if it is
 * valid, -1 otherwise.
 */
int sysconfig_load(const char *path, const char *label, void **blob,
		   size_t *size);
int sysconfig_check(int argc, char **argv);

/*
 * Read all of `path` (at most max bytes) into a malloc'ed buffer with a NUL
 * after the data.  Returns 0, -EFBIG if it is larger than max, or -errno.
 */
int fileio_read(const char *path, size_t max, char **buf, size_t *len);
/* First line of a small (sysfs) text file, without the newline. */
int fileio_read_line(const char *path, char *buf, size_t size);

#endif /* WARDEN_TOOLS_WARDEN_H */
