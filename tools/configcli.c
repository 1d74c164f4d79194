// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden config create`: gathers the generator's inputs (a DTB, the RAM
 * Linux uses, the options) and writes its output whole or not at all.
 * `warden config build`: a config's C source into a .cell file, with the
 * installed headers and the machine's C compiler.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "configgen.h"
#include "fdt.h"
#include "warden.h"

#define CONFIGCLI_LIVE_FDT "/sys/firmware/fdt"
#define CONFIGCLI_IOMEM "/proc/iomem"
#define CONFIGCLI_DTB_MAX (16u << 20)
#define CONFIGCLI_IOMEM_MAX (1u << 20)
#define CONFIGCLI_HV_MEM_DEFAULT (4ull << 20)

/*
 * The top-level "System RAM" lines of /proc/iomem: the RAM Linux runs in.
 * Without CAP_SYS_ADMIN every address reads as 0.
 */
static int configcli_iomem(struct configgen_opts *o)
{
	char *data, *line, *save = NULL;
	unsigned long long start, end;
	size_t len;
	int ret =
		fileio_read(CONFIGCLI_IOMEM, CONFIGCLI_IOMEM_MAX, &data, &len);

	if (ret) {
		warden_err("config create failed: %s: %s", CONFIGCLI_IOMEM,
			   strerror(-ret));
		return ret;
	}
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[64];

		if (line[0] == ' ' ||
		    sscanf(line, "%llx-%llx : %63[^\n]", &start, &end, name) !=
			    3 ||
		    strcmp(name, "System RAM") || end < start)
			continue;
		if (o->num_linux_ram == CONFIGGEN_MAX_RANGES)
			break;
		o->linux_ram[o->num_linux_ram++] =
			(struct configgen_range){ start, end - start + 1 };
	}
	free(data);
	if (!o->num_linux_ram || !o->linux_ram[0].start) {
		warden_err("config create failed: %s shows no System RAM "
			   "addresses (run it as root)",
			   CONFIGCLI_IOMEM);
		return -EPERM;
	}
	return 0;
}

/* --ram BASE:SIZE[,BASE:SIZE...] */
static int configcli_ram(struct configgen_opts *o, const char *arg)
{
	char buf[1024], *save = NULL, *tok, *colon;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		struct configgen_range *r = &o->ram[o->num_ram];

		colon = strchr(tok, ':');
		if (!colon || o->num_ram == CONFIGGEN_MAX_RANGES)
			goto bad;
		*colon = '\0';
		r->start = configgen_parse_size(tok);
		r->size = configgen_parse_size(colon + 1);
		if ((!r->start && strcmp(tok, "0") && strcmp(tok, "0x0")) ||
		    !r->size || r->start + r->size < r->start)
			goto bad;
		o->num_ram++;
	}
	return o->num_ram ? WARDEN_EXIT_OK : WARDEN_EXIT_USAGE;
bad:
	warden_err("config create: --ram %s is not BASE:SIZE[,BASE:SIZE...] "
		   "(e.g. 0:4G)",
		   arg);
	return WARDEN_EXIT_USAGE;
}

static int configcli_sizes(struct configgen_opts *o, unsigned int opts)
{
	const char *ram = warden_opt_value(WARDEN_OPT_RAM);
	const char *hv = warden_opt_value(WARDEN_OPT_HV_MEM);
	const char *lm = warden_opt_value(WARDEN_OPT_LINUX_MEM);

	o->hv_mem = hv ? configgen_parse_size(hv) : CONFIGCLI_HV_MEM_DEFAULT;
	if (!o->hv_mem || o->hv_mem % 0x1000) {
		warden_err("config create: --hv-mem %s is not a size in whole "
			   "pages (e.g. 4M)",
			   hv);
		return WARDEN_EXIT_USAGE;
	}
	if (ram && configcli_ram(o, ram))
		return WARDEN_EXIT_USAGE;
	if (lm && lm[0] && lm[strlen(lm) - 1] == '%') {
		o->linux_percent = (unsigned int)atoi(lm);
		if (o->linux_percent < 1 || o->linux_percent > 99) {
			warden_err("config create: --linux-mem %s is not a "
				   "share of 1%% to 99%% of the RAM",
				   lm);
			return WARDEN_EXIT_USAGE;
		}
	} else if (lm) {
		o->linux_mem = configgen_parse_size(lm);
		if (!o->linux_mem) {
			warden_err("config create: --linux-mem %s is not a "
				   "size (e.g. 768M)",
				   lm);
			return WARDEN_EXIT_USAGE;
		}
	} else if (opts & WARDEN_OPT_DTB) {
		warden_err("config create: --dtb needs --linux-mem SIZE, the "
			   "RAM Linux will boot with (its mem=)");
		return WARDEN_EXIT_USAGE;
	}
	return WARDEN_EXIT_OK;
}

/* Write the whole text to path (through a temporary file) or stdout. */
static int configcli_write(const char *path, const char *text, size_t len)
{
	char tmp[4096];
	FILE *out;

	if (!path)
		return fwrite(text, 1, len, stdout) == len ? 0 : -EIO;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	out = fopen(tmp, "w");
	if (!out)
		return -errno;
	if (fwrite(text, 1, len, out) != len || fclose(out)) {
		remove(tmp);
		return -EIO;
	}
	if (rename(tmp, path)) {
		remove(tmp);
		return -errno;
	}
	return 0;
}

/* Generate from the DTB in data[len]; the text only if it all worked. */
static int configcli_generate(const char *data, size_t len,
			      const struct configgen_opts *o, const char *path)
{
	char err[FDT_ERR_LEN], *text = NULL;
	size_t text_len = 0;
	struct fdt f;
	FILE *mem;
	int ret = fdt_parse(&f, data, len, err, sizeof(err));

	if (ret) {
		warden_err("config create failed: %s: %s", o->source, err);
		goto out;
	}
	mem = open_memstream(&text, &text_len);
	if (!mem) {
		ret = -ENOMEM;
		goto out;
	}
	ret = configgen_system(&f, o, mem);
	if (fclose(mem) && !ret)
		ret = -ENOMEM;
	if (!ret) {
		ret = configcli_write(path, text, text_len);
		if (ret)
			warden_err("config create failed: %s: %s", path,
				   strerror(-ret));
	} else if (ret != -EINVAL) {
		warden_err("config create failed: %s", strerror(-ret));
	}
out:
	free(text);
	fdt_free(&f);
	return ret;
}

int configcli_create(int argc, char **argv, unsigned int opts)
{
	static struct configgen_opts o;
	const char *dtb = warden_opt_value(WARDEN_OPT_DTB);
	char *data;
	size_t len;
	int ret;

	(void)argc;
	(void)argv;
	memset(&o, 0, sizeof(o));
	ret = configcli_sizes(&o, opts);
	if (ret)
		return ret;
	o.console = warden_opt_value(WARDEN_OPT_CONSOLE);
	o.source = dtb ? dtb : CONFIGCLI_LIVE_FDT " (this system)";
	if (!dtb && !o.linux_mem && !o.linux_percent && configcli_iomem(&o))
		return WARDEN_EXIT_FAIL;
	ret = fileio_read(dtb ? dtb : CONFIGCLI_LIVE_FDT, CONFIGCLI_DTB_MAX,
			  &data, &len);
	if (ret) {
		warden_err("config create failed: %s: %s",
			   dtb ? dtb : CONFIGCLI_LIVE_FDT, strerror(-ret));
		return WARDEN_EXIT_FAIL;
	}
	ret = configcli_generate(data, len, &o,
				 warden_opt_value(WARDEN_OPT_OUTPUT));
	free(data);
	return ret ? WARDEN_EXIT_FAIL : WARDEN_EXIT_OK;
}

/* ---- config build --------------------------------------------------------- */

/*
 * The headers configs include (<warden/config.h>): $WARDEN_INCLUDE, else
 * where this binary was built to look (the source tree's include/ for the
 * build machine's warden-host, /usr/include for an installed one).
 */
#ifndef WARDEN_INCLUDE_DIR
#define WARDEN_INCLUDE_DIR "/usr/include"
#endif
#define CONFIGCLI_SECTION ".warden_config"

extern char **environ;

/* Run argv, waiting for it; 0 if it exited 0. */
static int configcli_run(char *const argv[])
{
	int status, err;
	pid_t pid;

	err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
	if (err) {
		warden_err("config build failed: cannot run %s: %s", argv[0],
			   strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		warden_err("config build failed: %s failed (see above)",
			   argv[0]);
		return -1;
	}
	return 0;
}

/* Check what was built: a system config alone, a cell config's layout. */
static int configcli_check_built(const char *path)
{
	char *data;
	size_t len;
	int ret = fileio_read(path, SYSCONFIG_MAX_SIZE, &data, &len);

	if (ret) {
		warden_err("config build failed: %s: %s", path, strerror(-ret));
		return -1;
	}
	if (len >= WARDEN_SIGNATURE_LEN &&
	    !memcmp(data, WARDEN_SYSTEM_SIGNATURE, WARDEN_SIGNATURE_LEN))
		ret = sysconfig_validate(path, "", data, len);
	else if (len >= WARDEN_SIGNATURE_LEN &&
		 !memcmp(data, WARDEN_CELL_SIGNATURE, WARDEN_SIGNATURE_LEN))
		printf("%s: a cell config; check it against its system "
		       "config: warden config check <system.cell> %s\n",
		       path, path);
	else {
		warden_err("config build failed: %s: no %s section with a "
			   "config signature",
			   path, CONFIGCLI_SECTION);
		ret = -1;
	}
	free(data);
	return ret;
}

/* $name, or dflt if unset or empty. */
static char *configcli_env(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return (char *)(v && *v ? v : dflt);
}

static int configcli_compile(const char *src, const char *obj)
{
	char incflag[4096];
	char *argv[] = { configcli_env("CC", "cc"),
			 "-std=gnu11",
			 "-Wall",
			 "-Wextra",
			 "-Werror",
			 "-ffreestanding",
			 incflag,
			 "-c",
			 "-o",
			 (char *)obj,
			 (char *)src,
			 NULL };

	snprintf(incflag, sizeof(incflag), "-I%s",
		 configcli_env("WARDEN_INCLUDE", WARDEN_INCLUDE_DIR));
	return configcli_run(argv);
}

static int configcli_extract(const char *obj, const char *out)
{
	char *argv[] = { configcli_env("OBJCOPY", "objcopy"),
			 "-O",
			 "binary",
			 "-j",
			 CONFIGCLI_SECTION,
			 (char *)obj,
			 (char *)out,
			 NULL };

	return configcli_run(argv);
}

int configcli_build(int argc, char **argv, unsigned int opts)
{
	const char *src = argv[0], *out = warden_opt_value(WARDEN_OPT_OUTPUT);
	size_t len = strlen(src);
	char obj[4096 + 8], def[4096];
	int ret;

	(void)argc;
	(void)opts;
	if (!out) {
		/* x.c -> x.cell */
		if (len > 2 && !strcmp(src + len - 2, ".c"))
			len -= 2;
		snprintf(def, sizeof(def), "%.*s.cell", (int)(len & 0xfff),
			 src);
		out = def;
	}
	snprintf(obj, sizeof(obj), "%s.o.tmp", out);
	ret = configcli_compile(src, obj);
	if (!ret)
		ret = configcli_extract(obj, out);
	remove(obj);
	if (!ret)
		ret = configcli_check_built(out);
	if (ret) {
		remove(out);
		return WARDEN_EXIT_FAIL;
	}
	printf("%s: built from %s\n", out, src);
	return WARDEN_EXIT_OK;
}
