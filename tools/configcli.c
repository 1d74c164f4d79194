// SPDX-License-Identifier: GPL-2.0-only
/*
 * `warden config create`: gathers the generator's inputs (a DTB, the RAM
 * Linux uses, the options) and writes its output whole or not at all.
 * `warden config build`: a config's C source into a .cell file, with the
 * installed headers and the machine's C compiler.
 * `warden config cell-create`: the same for an inmate cell (cellgen.c).
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <config-check.h>

#include "cellgen.h"
#include "configgen.h"
#include "fdt.h"
#include "warden.h"

#define CONFIGCLI_LIVE_FDT "/sys/firmware/fdt"
#define CONFIGCLI_IOMEM "/proc/iomem"
#define CONFIGCLI_INTERRUPTS "/proc/interrupts"
#define CONFIGCLI_DTB_MAX (16u << 20)
#define CONFIGCLI_IOMEM_MAX (1u << 20)
#define CONFIGCLI_HV_MEM_DEFAULT (4ull << 20)

/*
 * The top-level "System RAM" lines of /proc/iomem: the RAM Linux runs in.
 * Without CAP_SYS_ADMIN every address reads as 0, so a range reads
 * 0-0; a start of 0 alone is real RAM at 0 (the ZCU102's).
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
		    /* the kernel's 64-bit hex: fits. NOLINTNEXTLINE(cert-err34-c) */
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
	if (!o->num_linux_ram ||
	    (!o->linux_ram[0].start && o->linux_ram[0].size == 1)) {
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

/* The SPIs Linux drives, for the comments; none if unreadable. */
static void configcli_interrupts(struct configgen_irq *irqs, int *n)
{
	char *data;
	size_t len;

	*n = 0;
	if (fileio_read(CONFIGCLI_INTERRUPTS, CONFIGCLI_IOMEM_MAX, &data, &len))
		return;
	*n = configgen_linux_irqs(data, irqs, CONFIGGEN_MAX_IRQS);
	free(data);
}

/* "N%" with N a whole number from 1 to 99: N; anything else: 0. */
static unsigned int configcli_percent(const char *s)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	v = strtoul(s, &end, 10);
	return !strcmp(end, "%") && v >= 1 && v <= 99 ? (unsigned int)v : 0;
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
		o->linux_percent = configcli_percent(lm);
		if (!o->linux_percent) {
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
	int ret;

	if (!path)
		return fwrite(text, 1, len, stdout) == len ? 0 : -EIO;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	out = fopen(tmp, "w");
	if (!out)
		return -errno;
	if (fwrite(text, 1, len, out) != len || fclose(out)) {
		(void)remove(tmp); /* best effort: the error is the write's */
		return -EIO;
	}
	if (rename(tmp, path)) {
		ret = -errno;
		(void)remove(tmp); /* best effort: the error is rename's */
		return ret;
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
	if (!dtb)
		configcli_interrupts(o.linux_irqs, &o.num_linux_irqs);
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
	(void)remove(obj); /* a temporary file; may not exist */
	if (!ret)
		ret = configcli_check_built(out);
	if (ret) {
		(void)remove(out); /* no half-built config left behind */
		return WARDEN_EXIT_FAIL;
	}
	printf("%s: built from %s\n", out, src);
	return WARDEN_EXIT_OK;
}

/* ---- config cell-create ------------------------------------------------------ */

struct configcli_cell {
	struct cellgen_opts o;
	void *sys_blob, *with_blob[CELLGEN_MAX_WITH];
	char *dtb;
	size_t dtb_len;
	struct fdt fdt;
	int have_fdt;
	char devices[1024];
};

/* mem=SIZE: the lowest SIZE bytes of the root cell's RAM regions. */
static void configcli_linux_mem(struct cellgen_opts *o, uint64_t left)
{
	const struct warden_memory *m = warden_cell_mem(&o->sys->root_cell);
	struct configgen_range ram[CONFIGGEN_MAX_RANGES];
	uint32_t i, n = 0, j;

	for (i = 0; i < o->sys->root_cell.num_memory_regions &&
		    n < CONFIGGEN_MAX_RANGES;
	     i++)
		if (!(m[i].flags & WARDEN_MEM_IO))
			ram[n++] = (struct configgen_range){ m[i].phys_start,
							     m[i].size };
	/* by address: mem= counts from the bottom */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && ram[j].start < ram[j - 1].start; j--) {
			struct configgen_range t = ram[j];

			ram[j] = ram[j - 1];
			ram[j - 1] = t;
		}
	for (i = 0; i < n && left; i++) {
		uint64_t take = ram[i].size < left ? ram[i].size : left;

		o->linux_ram[o->num_linux_ram++] =
			(struct configgen_range){ ram[i].start, take };
		left -= take;
	}
}

/* The system config, checked; the cells to run beside, each checked. */
static int configcli_cell_configs(struct configcli_cell *cc)
{
	const char *sys = warden_opt_value(WARDEN_OPT_SYSTEM);
	const char *with = warden_opt_value(WARDEN_OPT_WITH);
	char buf[2048], *save = NULL, *tok;
	size_t len;

	if (sysconfig_load(sys, "", &cc->sys_blob, &len))
		return -1;
	cc->o.sys = cc->sys_blob;
	cc->o.sys_size = len;
	cc->o.sys_path = sys;
	snprintf(buf, sizeof(buf), "%s", with ? with : "");
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int i = cc->o.num_with;

		if (i == CELLGEN_MAX_WITH) {
			warden_err("config cell-create: more than %d --with "
				   "cells",
				   CELLGEN_MAX_WITH);
			return -1;
		}
		if (cellconfig_read(tok, &cc->with_blob[i], &len))
			return -1;
		if (config_check_cell(cc->with_blob[i], len, cc->o.sys,
				      sysconfig_report, "")) {
			warden_err("%s: not a valid cell of %s", tok, sys);
			return -1;
		}
		cc->o.with[i] = cc->with_blob[i];
		cc->o.with_size[i] = len;
		cc->o.num_with++;
	}
	return 0;
}

/* The device tree, if devices are named: --dtb, else the running one. */
static int configcli_cell_fdt(struct configcli_cell *cc)
{
	const char *dtb = warden_opt_value(WARDEN_OPT_DTB);
	char err[FDT_ERR_LEN], *save = NULL, *tok;
	int ret;

	if (!warden_opt_value(WARDEN_OPT_DEVICES))
		return 0;
	snprintf(cc->devices, sizeof(cc->devices), "%s",
		 warden_opt_value(WARDEN_OPT_DEVICES));
	for (tok = strtok_r(cc->devices, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (cc->o.num_devices == CELLGEN_MAX_ITEMS)
			break;
		cc->o.devices[cc->o.num_devices++] = tok;
	}
	if (!dtb)
		dtb = CONFIGCLI_LIVE_FDT;
	ret = fileio_read(dtb, CONFIGCLI_DTB_MAX, &cc->dtb, &cc->dtb_len);
	if (!ret)
		ret = fdt_parse(&cc->fdt, cc->dtb, cc->dtb_len, err,
				sizeof(err));
	else
		snprintf(err, sizeof(err), "%s", strerror(-ret));
	if (ret) {
		warden_err("config cell-create failed: %s: %s", dtb, err);
		return -1;
	}
	cc->have_fdt = 1;
	cc->o.fdt = &cc->fdt;
	return 0;
}

/* A size or address option into *v (dflt if not given); -1 if malformed. */
static int configcli_number(unsigned int flag, const char *name, uint64_t dflt,
			    uint64_t *v)
{
	const char *s = warden_opt_value(flag);

	*v = s ? configgen_parse_size(s) : dflt;
	if (s && !*v) {
		warden_err("config cell-create: %s %s is not a non-zero size "
			   "or address (e.g. 1M, 0x70000000)",
			   name, s);
		return -1;
	}
	return 0;
}

/* The options into cc->o; an exit code. */
static int configcli_cell_opts(struct configcli_cell *cc, unsigned int opts)
{
	struct cellgen_opts *o = &cc->o;
	const char *v;

	o->name = warden_opt_value(WARDEN_OPT_NAME);
	v = warden_opt_value(WARDEN_OPT_CPUS);
	if (!o->name || !v || !warden_opt_value(WARDEN_OPT_SYSTEM)) {
		warden_err("config cell-create: --system, --name and --cpus "
			   "are required");
		return WARDEN_EXIT_USAGE;
	}
	if (cellgen_parse_cpus(v, &o->cpu_set)) {
		warden_err("config cell-create: --cpus %s is not a CPU list "
			   "such as 2-3,5",
			   v);
		return WARDEN_EXIT_USAGE;
	}
	if (configcli_number(WARDEN_OPT_RAM, "--ram", 1ull << 20,
			     &o->ram_size) ||
	    configcli_number(WARDEN_OPT_RAM_AT, "--ram-at", 0, &o->ram_at) ||
	    configcli_number(WARDEN_OPT_RAM_IPA, "--ram-ipa", 0x40000000ull,
			     &o->ram_ipa))
		return WARDEN_EXIT_USAGE;
	v = warden_opt_value(WARDEN_OPT_IRQS);
	if (v) {
		o->num_irqs = cellgen_parse_irqs(v, o->irqs, CELLGEN_MAX_ITEMS);
		if (o->num_irqs < 0) {
			warden_err("config cell-create: --irqs %s is not a "
				   "list of INTIDs such as 40,48-50",
				   v);
			return WARDEN_EXIT_USAGE;
		}
	}
	v = warden_opt_value(WARDEN_OPT_PCI);
	if (v) {
		o->num_pci =
			cellgen_parse_pci(v, o->pci, WARDEN_MAX_PCI_DEVICES);
		if (o->num_pci < 0) {
			warden_err("config cell-create: --pci %s is not up to "
				   "%d PCI functions such as 00:02.0",
				   v, WARDEN_MAX_PCI_DEVICES);
			return WARDEN_EXIT_USAGE;
		}
	}
	o->console = !!(opts & WARDEN_OPT_CONSOLE);
	return WARDEN_EXIT_OK;
}

/* Where Linux's RAM is: --linux-mem, else /proc/iomem, unless placed. */
static int configcli_cell_linux(struct configcli_cell *cc)
{
	const char *lm = warden_opt_value(WARDEN_OPT_LINUX_MEM);
	struct configgen_opts io;

	if (cc->o.ram_at)
		return 0;
	if (lm) {
		configcli_linux_mem(&cc->o, configgen_parse_size(lm));
		return 0;
	}
	memset(&io, 0, sizeof(io));
	if (configcli_iomem(&io)) {
		warden_err("config cell-create: on another machine, say where "
			   "the RAM goes (--ram-at) or what Linux uses "
			   "(--linux-mem)");
		return -1;
	}
	memcpy(cc->o.linux_ram, io.linux_ram,
	       sizeof(io.linux_ram[0]) * (size_t)io.num_linux_ram);
	cc->o.num_linux_ram = io.num_linux_ram;
	return 0;
}

int configcli_cell_create(int argc, char **argv, unsigned int opts)
{
	static struct configcli_cell cc;
	char *text = NULL;
	size_t text_len = 0;
	FILE *mem;
	int ret, i;

	(void)argc;
	(void)argv;
	memset(&cc, 0, sizeof(cc));
	ret = configcli_cell_opts(&cc, opts);
	if (ret)
		return ret;
	ret = WARDEN_EXIT_FAIL;
	if (configcli_cell_configs(&cc) || configcli_cell_fdt(&cc) ||
	    configcli_cell_linux(&cc))
		goto out;
	if (!warden_opt_value(WARDEN_OPT_DTB))
		configcli_interrupts(cc.o.linux_irqs, &cc.o.num_linux_irqs);
	mem = open_memstream(&text, &text_len);
	if (!mem)
		goto out;
	i = cellgen_cell(&cc.o, mem);
	if (fclose(mem) || i)
		goto out;
	i = configcli_write(warden_opt_value(WARDEN_OPT_OUTPUT), text,
			    text_len);
	if (i)
		warden_err("config cell-create failed: %s: %s",
			   warden_opt_value(WARDEN_OPT_OUTPUT), strerror(-i));
	else
		ret = WARDEN_EXIT_OK;
out:
	free(text);
	if (cc.have_fdt)
		fdt_free(&cc.fdt);
	free(cc.dtb);
	free(cc.sys_blob);
	for (i = 0; i < cc.o.num_with; i++)
		free(cc.with_blob[i]);
	return ret;
}
