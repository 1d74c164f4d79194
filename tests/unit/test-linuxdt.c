// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the device tree writer (tools/fdtwrite.c) and of a Linux
 * cell's tree (tools/linuxdt.c).  Each tree built is parsed back with
 * tools/fdt.c and checked for what it must hold and what it must not (other
 * CPUs, the root's RAM and redistributors, devices not given, the
 * maintenance interrupt), and decompiled by dtc, an independent parser,
 * which must succeed without a warning.  The root trees are compiled from
 * tests/data by dtc into FDT_DATA_DIR (tests/unit/linuxdt.mk); the
 * decompiled trees stay there as linuxdt-<case>.dts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../tools/fdt.h"
#include "../../tools/fdtwrite.h"
#include "../../tools/linuxdt.h"
#include "cell-fixture.h"
#include "unit.h"

#define MIB 0x100000ull

static unsigned char *load(const char *name, size_t *len)
{
	char path[512];
	unsigned char *buf;
	long n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", FDT_DATA_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/*
 * dtc decompiles blob without an error or a warning; the result stays in
 * FDT_DATA_DIR/linuxdt-<name>.dts.
 */
static int dtc_clean(const void *blob, size_t size, const char *name)
{
	char dtb[512], cmd[2048], errf[512];
	struct stat st;
	FILE *f;

	snprintf(dtb, sizeof(dtb), "%s/linuxdt-%s.dtb", FDT_DATA_DIR, name);
	snprintf(errf, sizeof(errf), "%s/linuxdt-%s.err", FDT_DATA_DIR, name);
	f = fopen(dtb, "wb");
	if (!f)
		return 0;
	if (fwrite(blob, 1, size, f) != size) {
		fclose(f);
		return 0;
	}
	if (fclose(f))
		return 0;
	snprintf(cmd, sizeof(cmd),
		 "dtc -I dtb -O dts -o %s/linuxdt-%s.dts %s 2> %s",
		 FDT_DATA_DIR, name, dtb, errf);
	if (system(cmd) != 0) {
		printf("  dtc failed on %s\n", dtb);
		return 0;
	}
	if (stat(errf, &st) || st.st_size) {
		printf("  dtc warned on %s (see %s)\n", dtb, errf);
		return 0;
	}
	return 1;
}

/* ---- the writer ------------------------------------------------------- */

static void test_write_tree(void)
{
	static const char *const sl[] = { "a,b", "c" };
	uint32_t cells[2] = { 1, 0x12345678 }, len;
	char err[FDT_ERR_LEN];
	struct fdtwrite w;
	const uint8_t *p;
	struct fdt f;
	size_t size;
	void *blob;
	int n;

	fdtwrite_init(&w, 4096, 16);
	fdtwrite_boot_cpu(&w, 3);
	CHECK(fdtwrite_rsv(&w, 0x80000000, 0x1000) == 0);
	CHECK(fdtwrite_begin_node(&w, "") == 0);
	CHECK(fdtwrite_prop_u32(&w, "#address-cells", 2) == 0);
	CHECK(fdtwrite_prop_u32(&w, "#size-cells", 1) == 0);
	CHECK(fdtwrite_prop_str(&w, "model", "m") == 0);
	CHECK(fdtwrite_begin_node(&w, "dev@1") == 0);
	CHECK(fdtwrite_prop_cells(&w, "reg", (uint32_t[]){ 0, 1, 0x10 }, 3) ==
	      0);
	CHECK(fdtwrite_prop_strlist(&w, "compatible", sl, 2) == 0);
	CHECK(fdtwrite_prop_u64(&w, "big", 0x1122334455667788ull) == 0);
	CHECK(fdtwrite_prop_empty(&w, "flag") == 0);
	CHECK(fdtwrite_prop_cells(&w, "odd", cells, 2) == 0);
	CHECK(fdtwrite_prop_str(&w, "model", "m2") == 0); /* same string */
	CHECK(fdtwrite_end_node(&w) == 0);
	CHECK(fdtwrite_end_node(&w) == 0);
	CHECK(fdtwrite_finish(&w, &blob, &size) == 0);
	/* each name once in the strings block */
	CHECK(w.str_len == sizeof("#address-cells") + sizeof("#size-cells") +
				   sizeof("model") + sizeof("reg") +
				   sizeof("compatible") + sizeof("big") +
				   sizeof("flag") + sizeof("odd"));
	fdtwrite_free(&w);
	CHECK(fdt_parse(&f, blob, size, err, sizeof(err)) == 0);
	CHECK(f.boot_cpuid == 3 && f.num_rsv == 1);
	CHECK(f.rsv[0].address == 0x80000000 && f.rsv[0].size == 0x1000);
	n = fdt_path(&f, "/dev@1");
	CHECK(n == 1 && fdt_reg_count(&f, n) == 1);
	CHECK(fdt_compatible(&f, n, "a,b") && fdt_compatible(&f, n, "c"));
	p = fdt_prop(&f, n, "big", &len);
	CHECK(p && len == 8 && fdt_cells(p, 2) == 0x1122334455667788ull);
	CHECK(fdt_prop(&f, n, "flag", &len) && len == 0);
	CHECK(!strcmp(fdt_prop_str(&f, n, "model"), "m2"));
	CHECK(!strcmp(fdt_prop_str(&f, 0, "model"), "m"));
	fdt_free(&f);
	CHECK(dtc_clean(blob, size, "writer"));
	free(blob);
}

/* A writer with a root node open. */
static void open_root(struct fdtwrite *w, uint32_t max, int nodes)
{
	fdtwrite_init(w, max, nodes);
	fdtwrite_begin_node(w, "");
}

static void test_write_misuse(void)
{
	struct fdtwrite w;
	size_t size;
	void *blob;

	fdtwrite_init(&w, 4096, 16);
	CHECK(fdtwrite_prop_u32(&w, "x", 1) == -EINVAL); /* outside a node */
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	fdtwrite_begin_node(&w, "a");
	fdtwrite_end_node(&w);
	CHECK(fdtwrite_prop_u32(&w, "x", 1) == -EINVAL); /* after a subnode */
	CHECK(fdtwrite_end_node(&w) == -EINVAL); /* sticky */
	CHECK(fdtwrite_finish(&w, &blob, &size) == -EINVAL && !blob);
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	fdtwrite_prop_u32(&w, "x", 1);
	CHECK(fdtwrite_prop_u32(&w, "x", 2) == -EINVAL); /* duplicate */
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	CHECK(fdtwrite_begin_node(&w, "1abc") == -EINVAL);
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	CHECK(fdtwrite_begin_node(&w, "a@b@c") == -EINVAL);
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	CHECK(fdtwrite_begin_node(&w, "abcdefghijabcdefghijabcdefghijab") ==
	      -EINVAL); /* 32 characters */
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	CHECK(fdtwrite_prop_u32(&w, "a b", 1) == -EINVAL);
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	CHECK(fdtwrite_finish(&w, &blob, &size) == -EINVAL); /* still open */
	fdtwrite_free(&w);
	open_root(&w, 4096, 16);
	fdtwrite_end_node(&w);
	CHECK(fdtwrite_begin_node(&w, "") == -EINVAL); /* a second root */
	fdtwrite_free(&w);
	fdtwrite_init(&w, 4096, 16);
	CHECK(fdtwrite_rsv(&w, 0x1000, 0) == -EINVAL);
	fdtwrite_free(&w);
}

static void test_write_bounds(void)
{
	struct fdtwrite w;
	char name[16];
	size_t size;
	void *blob;
	int i;

	open_root(&w, 4096, 4); /* too many nodes */
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		CHECK(fdtwrite_begin_node(&w, name) == 0);
		CHECK(fdtwrite_end_node(&w) == 0);
	}
	CHECK(fdtwrite_begin_node(&w, "n3") == -E2BIG);
	CHECK(fdtwrite_finish(&w, &blob, &size) == -E2BIG && !blob);
	fdtwrite_free(&w);

	open_root(&w, 4096, 64); /* nesting */
	for (i = 1; i < FDTWRITE_MAX_DEPTH; i++)
		CHECK(fdtwrite_begin_node(&w, "n") == 0);
	CHECK(fdtwrite_begin_node(&w, "n") == -E2BIG);
	fdtwrite_free(&w);

	open_root(&w, 65536, 4); /* properties of a node */
	for (i = 0; i < FDTWRITE_MAX_PROPS; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		CHECK(fdtwrite_prop_empty(&w, name) == 0);
	}
	CHECK(fdtwrite_prop_empty(&w, "last") == -E2BIG);
	fdtwrite_free(&w);

	fdtwrite_init(&w, 4096, 4); /* reservations */
	for (i = 0; i < FDTWRITE_MAX_RSV; i++)
		CHECK(fdtwrite_rsv(&w, 0x1000 * (uint64_t)i, 0x1000) == 0);
	CHECK(fdtwrite_rsv(&w, 0, 0x1000) == -E2BIG);
	fdtwrite_free(&w);

	/* the byte cap: an empty root is 40 + 16 + 8 + 4 + 4 = 72 bytes */
	open_root(&w, 72, 4);
	fdtwrite_end_node(&w);
	CHECK(fdtwrite_finish(&w, &blob, &size) == 0 && size == 72);
	free(blob);
	fdtwrite_free(&w);
	open_root(&w, 71, 4);
	fdtwrite_end_node(&w);
	CHECK(fdtwrite_finish(&w, &blob, &size) == -ENOSPC && !blob);
	fdtwrite_free(&w);
	open_root(&w, 256, 4);
	for (i = 0; i < 100 && !w.err; i++)
		fdtwrite_prop_str(&w, "p", "0123456789");
	CHECK(w.err == -EINVAL); /* a duplicate, before the cap */
	fdtwrite_free(&w);
	open_root(&w, 256, 4);
	CHECK(fdtwrite_prop(&w, "p", NULL, 200) == -ENOSPC);
	CHECK(fdtwrite_end_node(&w) == -ENOSPC);
	fdtwrite_free(&w);
}

/* ---- a Linux cell's tree ---------------------------------------------- */

/* One generated tree: its inputs, the result, and the result parsed. */
struct gen {
	struct warden_system *sys;
	void *cell;
	unsigned char *root_blob;
	struct fdt root;
	struct linuxdt_out out;
	struct fdt t;
	int ret, parsed, dtc;
};

static void gen_free(struct gen *g)
{
	if (g->parsed)
		fdt_free(&g->t);
	if (g->root_blob)
		fdt_free(&g->root);
	linuxdt_free(&g->out);
	free(g->root_blob);
	free(g->cell);
	free(g->sys);
	free(g);
}

static void gen_root(struct gen *g, const char *root_dtb)
{
	char err[FDT_ERR_LEN];
	size_t len;

	g->root_blob = load(root_dtb, &len);
	if (!g->root_blob ||
	    fdt_parse(&g->root, g->root_blob, len, err, sizeof(err))) {
		printf("  cannot load %s\n", root_dtb);
		abort();
	}
}

/*
 * Build the tree of c (which must be valid against sys_ref), with the
 * root's tree root_dtb (or none); parse it and dtc it as <name>.
 */
static struct gen *gen(const struct cell *c, const char *root_dtb,
		       const struct linuxdt_opts *o, const char *name)
{
	struct gen *g = calloc(1, sizeof(*g));
	struct collect col;
	char err[FDT_ERR_LEN];
	size_t size;

	if (!g)
		abort();
	if (check_cell(c, &col)) {
		printf("  the cell config is not valid:\n%s", col.text);
		abort();
	}
	g->sys = sys_blob();
	g->cell = cell_blob(c, &size);
	if (root_dtb)
		gen_root(g, root_dtb);
	g->ret = linuxdt_build(g->sys, g->cell, root_dtb ? &g->root : NULL, o,
			       &g->out);
	if (g->ret)
		return g;
	g->parsed =
		!fdt_parse(&g->t, g->out.dtb, g->out.size, err, sizeof(err));
	if (!g->parsed)
		printf("  the result does not parse: %s\n", err);
	g->dtc = dtc_clean(g->out.dtb, g->out.size, name);
	return g;
}

/* A Linux cell: RAM 64 MiB at IPA 0x40000000, comm region, no device. */
static void linux_cell(struct cell *c, uint64_t cpus)
{
	memset(c, 0, sizeof(*c));
	desc_init(&c->desc, "linux", cpus);
	c->desc.reset_address = 0x40000000;
	add_mem(c, 0x70000000, 0x40000000, 64 * MIB, RWX | WARDEN_MEM_LOADABLE);
	add_mem(c, 0, WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE, COMM);
}

static void gicv2_system(void)
{
	struct warden_platform *p = &sys_ref.sys.platform;

	sys_init();
	p->gic_version = WARDEN_GIC_V2;
	p->gicc_base = 0x08010000;
	p->gich_base = 0x08030000;
	p->gicv_base = 0x08040000;
	p->gicr_base = 0;
	p->gicr_stride = 0;
}

/* Is entry i of node's reg (addr, size)? */
static int reg_is(const struct fdt *t, int node, int i, uint64_t addr,
		  uint64_t size)
{
	uint64_t a, s;

	return node >= 0 && !fdt_reg(t, node, i, &a, &s) && a == addr &&
	       s == size;
}

/* How many children of node have a name starting with prefix? */
static int children(const struct fdt *t, int node, const char *prefix)
{
	int c, n = 0;

	for (c = t->nodes[node].first_child; c >= 0;
	     c = t->nodes[c].next_sibling)
		n += !strncmp(t->nodes[c].name, prefix, strlen(prefix));
	return n;
}

static int has_note(const struct linuxdt_out *o, const char *words)
{
	int i;

	for (i = 0; i < o->num_notes; i++)
		if (strstr(o->notes[i], words))
			return 1;
	return 0;
}

/* Is the 3-cell specifier list of node's interrupts exactly want[n]? */
static int irqs_are(const struct fdt *t, int node, const uint32_t *want,
		    uint32_t n)
{
	uint32_t len, i;
	const uint8_t *p = fdt_prop(t, node, "interrupts", &len);

	if (!p || len != 4 * n)
		return 0;
	for (i = 0; i < n; i++)
		if (fdt_cells(p + 4 * i, 1) != want[i])
			return 0;
	return 1;
}

/* What every cell's tree holds: PSCI, the timer, the root's layout. */
static void check_common(const struct gen *g)
{
	const struct fdt *t = &g->t;
	int psci = fdt_path(t, "/psci"), timer = fdt_path(t, "/timer");
	int comm = fdt_path(t, "/comm-region");

	CHECK(g->ret == 0 && g->parsed && g->dtc);
	CHECK(fdt_prop_u32(t, 0, "#address-cells", 0) == 2);
	CHECK(fdt_prop_u32(t, 0, "#size-cells", 0) == 2);
	CHECK(fdt_compatible(t, psci, "arm,psci-1.0") &&
	      fdt_compatible(t, psci, "arm,psci-0.2"));
	CHECK(!strcmp(fdt_prop_str(t, psci, "method"), "smc"));
	CHECK(fdt_compatible(t, timer, "arm,armv8-timer"));
	CHECK(fdt_by_phandle(t, fdt_prop_u32(t, 0, "interrupt-parent", 0)) ==
	      fdt_path(t, "/interrupt-controller"));
	/* only the cell's RAM: no memory node of the root's */
	CHECK(children(t, 0, "memory@") == 1);
	CHECK(reg_is(t, fdt_path(t, "/memory@40000000"), 0, 0x40000000,
		     64 * MIB));
	CHECK(!strcmp(fdt_prop_str(t, fdt_path(t, "/memory"), "device_type"),
		      "memory"));
	/* the comm region, for warden.ko in the cell (linuxdt.h) */
	CHECK(children(t, 0, "comm-region@") == 1);
	CHECK(fdt_compatible(t, comm, "warden,comm-region"));
	CHECK(fdt_reg_count(t, comm) == 1);
}

/* The GIC: interrupt controller, 3 cells, and no maintenance interrupt. */
static void check_gic(const struct fdt *t, int gic)
{
	CHECK(gic > 0 && fdt_has_prop(t, gic, "interrupt-controller"));
	CHECK(fdt_prop_u32(t, gic, "#interrupt-cells", 0) == 3);
	CHECK(!fdt_has_prop(t, gic, "interrupts"));
	CHECK(t->nodes[gic].first_child < 0); /* no ITS */
}

/* (a) one CPU on GICv3, with the QEMU tree. */
static void test_gicv3_one_cpu(void)
{
	static const uint32_t timer[] = {
		1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4
	};
	struct linuxdt_opts o = { .cmdline = "console=ttyAMA0" };
	struct cell c;
	struct gen *g;
	int cpus, gic;

	sys_init();
	linux_cell(&c, 0x4);
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "gicv3-one");
	check_common(g);
	if (unit_case_failed)
		return;
	cpus = fdt_path(&g->t, "/cpus");
	CHECK(children(&g->t, cpus, "cpu@") == 1);
	CHECK(fdt_prop_u32(&g->t, fdt_path(&g->t, "/cpus/cpu@2"), "reg", 9) ==
	      2);
	CHECK(fdt_compatible(&g->t, fdt_path(&g->t, "/cpus/cpu@2"),
			     "arm,cortex-a57"));
	CHECK(!strcmp(fdt_prop_str(&g->t, fdt_path(&g->t, "/cpus/cpu@2"),
				   "enable-method"),
		      "psci"));
	CHECK(g->t.boot_cpuid == 2);
	gic = fdt_path(&g->t, "/interrupt-controller@8000000");
	check_gic(&g->t, gic);
	if (unit_case_failed)
		return;
	CHECK(fdt_compatible(&g->t, gic, "arm,gic-v3"));
	CHECK(fdt_reg_count(&g->t, gic) == 2);
	CHECK(reg_is(&g->t, gic, 0, 0x08000000, 0x10000));
	CHECK(reg_is(&g->t, gic, 1, 0x080a0000 + 2 * 0x20000, 0x20000));
	CHECK(fdt_prop_u32(&g->t, gic, "#redistributor-regions", 0) == 1);
	/* the timer's PPIs as in QEMU's tree, and nothing else of it */
	CHECK(irqs_are(&g->t, fdt_path(&g->t, "/timer"), timer, 12));
	CHECK(fdt_has_prop(&g->t, fdt_path(&g->t, "/timer"), "always-on"));
	CHECK(!strcmp(fdt_prop_str(&g->t, fdt_path(&g->t, "/chosen"),
				   "bootargs"),
		      "console=ttyAMA0"));
	/*
	 * Nothing of the root's machine (no device, PMU, flash): /, psci,
	 * cpus, cpu@2, memory, comm region, GIC, timer, chosen; no console,
	 * no stdout-path.
	 */
	CHECK(g->t.num_nodes == 9);
	CHECK(reg_is(&g->t, fdt_path(&g->t, "/comm-region@80000000"), 0,
		     WARDEN_COMM_REGION_IPA, WARDEN_COMM_REGION_SIZE));
	CHECK(!fdt_has_prop(&g->t, fdt_path(&g->t, "/chosen"), "stdout-path"));
	CHECK(has_note(&g->out, "no console"));
	gen_free(g);
}

/* (b) CPUs 1 and 3: two redistributor regions; 1-2: one region. */
static void test_gicv3_noncontiguous(void)
{
	struct linuxdt_opts o = { 0 };
	struct cell c;
	struct gen *g;
	int gic, cpus;

	sys_init();
	linux_cell(&c, 0xa);
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "gicv3-1-3");
	check_common(g);
	if (unit_case_failed)
		return;
	cpus = fdt_path(&g->t, "/cpus");
	CHECK(children(&g->t, cpus, "cpu@") == 2);
	CHECK(fdt_path(&g->t, "/cpus/cpu@1") > 0 &&
	      fdt_path(&g->t, "/cpus/cpu@3") > 0);
	CHECK(fdt_path(&g->t, "/cpus/cpu@0") < 0 &&
	      fdt_path(&g->t, "/cpus/cpu@2") < 0);
	CHECK(g->t.boot_cpuid == 1);
	gic = fdt_path(&g->t, "/interrupt-controller");
	check_gic(&g->t, gic);
	if (unit_case_failed)
		return;
	CHECK(fdt_reg_count(&g->t, gic) == 3);
	CHECK(reg_is(&g->t, gic, 1, 0x080c0000, 0x20000));
	CHECK(reg_is(&g->t, gic, 2, 0x08100000, 0x20000));
	CHECK(fdt_prop_u32(&g->t, gic, "#redistributor-regions", 0) == 2);
	gen_free(g);

	sys_init();
	linux_cell(&c, 0x6);
	g = gen(&c, NULL, &o, "gicv3-1-2");
	check_common(g);
	if (unit_case_failed)
		return;
	gic = fdt_path(&g->t, "/interrupt-controller");
	CHECK(fdt_reg_count(&g->t, gic) == 2);
	CHECK(reg_is(&g->t, gic, 1, 0x080c0000, 0x40000));
	CHECK(fdt_prop_u32(&g->t, gic, "#redistributor-regions", 0) == 1);
	gen_free(g);
}

/* Aff3 in an MPIDR: two reg cells in /cpus. */
static void test_gicv3_wide_mpidr(void)
{
	struct linuxdt_opts o = { 0 };
	struct cell c;
	struct gen *g;
	int cpu, gic;

	sys_init();
	sys_ref.sys.platform.cpu_mpidr[3] = 0x100000000ull;
	linux_cell(&c, 0x8);
	g = gen(&c, NULL, &o, "gicv3-aff3");
	check_common(g);
	if (unit_case_failed)
		return;
	CHECK(fdt_prop_u32(&g->t, fdt_path(&g->t, "/cpus"), "#address-cells",
			   0) == 2);
	cpu = fdt_path(&g->t, "/cpus/cpu@100000000");
	CHECK(cpu > 0 && fdt_compatible(&g->t, cpu, "arm,armv8"));
	gic = fdt_path(&g->t, "/interrupt-controller");
	CHECK(reg_is(&g->t, gic, 1, 0x080a0000 + 3 * 0x20000, 0x20000));
	gen_free(g);
}

/* Without the root's tree: generic CPUs, the timer level-low. */
static void test_no_root_tree(void)
{
	static const uint32_t timer[] = {
		1, 13, 8, 1, 14, 8, 1, 11, 8, 1, 10, 8
	};
	struct linuxdt_opts o = { 0 };
	struct cell c;
	struct gen *g;

	sys_init();
	linux_cell(&c, 0x4);
	add_mem(&c, 0x09000000, 0x09000000, 0x1000, IO);
	g = gen(&c, NULL, &o, "no-root");
	check_common(g);
	if (unit_case_failed)
		return;
	CHECK(fdt_compatible(&g->t, fdt_path(&g->t, "/cpus/cpu@2"),
			     "arm,armv8"));
	CHECK(irqs_are(&g->t, fdt_path(&g->t, "/timer"), timer, 12));
	CHECK(!fdt_has_prop(&g->t, fdt_path(&g->t, "/timer"), "always-on"));
	CHECK(has_note(&g->out, "no root tree"));
	CHECK(!fdt_has_prop(&g->t, fdt_path(&g->t, "/chosen"), "bootargs"));
	gen_free(g);
}

/* (c) GICv2: distributor and the CPU interface at gicc_base, 8 KiB. */
static void test_gicv2(void)
{
	/* QEMU's flags are 0xf04 (4 CPUs): now the cell's CPUs 1 and 2 */
	static const uint32_t timer[] = { 1, 13, 0x604, 1, 14, 0x604,
					  1, 11, 0x604, 1, 10, 0x604 };
	struct linuxdt_opts o = { 0 };
	struct cell c;
	struct gen *g;
	int gic;

	gicv2_system();
	linux_cell(&c, 0x6);
	g = gen(&c, "qemu-virt-gicv2-smp4-1G.dtb", &o, "gicv2");
	check_common(g);
	if (unit_case_failed)
		return;
	gic = fdt_path(&g->t, "/interrupt-controller@8000000");
	check_gic(&g->t, gic);
	if (unit_case_failed)
		return;
	CHECK(fdt_compatible(&g->t, gic, "arm,cortex-a15-gic"));
	CHECK(fdt_reg_count(&g->t, gic) == 2);
	CHECK(reg_is(&g->t, gic, 0, 0x08000000, 0x1000));
	CHECK(reg_is(&g->t, gic, 1, 0x08010000, 0x2000));
	CHECK(!fdt_has_prop(&g->t, gic, "#redistributor-regions"));
	CHECK(irqs_are(&g->t, fdt_path(&g->t, "/timer"), timer, 12));
	CHECK(children(&g->t, fdt_path(&g->t, "/cpus"), "cpu@") == 2);
	gen_free(g);
}

/*
 * (d) Devices of the QEMU tree: the PL061 (SPI 7) moved to another IPA,
 * and the page of virtio-mmio slots 0x0a003000-0x0a003fff of which the
 * cell owns only the last's SPI (47, INTID 79).
 */
static void test_qemu_devices(void)
{
	static const uint32_t gpio_irq[] = { 0, 7, 4 };
	static const uint32_t virtio_irq[] = { 0, 47, 1 };
	struct linuxdt_opts o = { 0 };
	const struct fdt *t;
	struct cell c;
	struct gen *g;
	int gpio, virtio, clk;

	sys_init();
	linux_cell(&c, 0x4);
	add_mem(&c, 0x09030000, 0x20030000, 0x1000, IO);
	add_mem(&c, 0x0a003000, 0x0a003000, 0x1000, IO);
	add_irq(&c, 39, 1);
	add_irq(&c, 79, 1);
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "qemu-devices");
	check_common(g);
	if (unit_case_failed)
		return;
	t = &g->t;
	gpio = fdt_path(t, "/pl061@20030000");
	CHECK(gpio > 0 && fdt_compatible(t, gpio, "arm,pl061"));
	CHECK(fdt_reg_count(t, gpio) == 1 &&
	      reg_is(t, gpio, 0, 0x20030000, 0x1000));
	CHECK(irqs_are(t, gpio, gpio_irq, 3));
	CHECK(fdt_has_prop(t, gpio, "gpio-controller"));
	CHECK(!fdt_has_prop(t, gpio, "phandle")); /* nobody refers to it */
	/* its clock: the fixed clock, copied, under a new phandle */
	clk = fdt_by_phandle(t, fdt_prop_u32(t, gpio, "clocks", 0));
	CHECK(clk > 0 && fdt_compatible(t, clk, "fixed-clock"));
	CHECK(fdt_prop_u32(t, clk, "clock-frequency", 0) == 24000000);
	virtio = fdt_path(t, "/virtio_mmio@a003e00");
	CHECK(virtio > 0 && reg_is(t, virtio, 0, 0x0a003e00, 0x200));
	CHECK(irqs_are(t, virtio, virtio_irq, 3));
	CHECK(fdt_has_prop(t, virtio, "dma-coherent"));
	/* only those: no other slot, no gpio-keys, no PL011, no PL031 */
	CHECK(children(t, 0, "virtio_mmio@") == 1);
	CHECK(children(t, 0, "pl0") == 1);
	CHECK(children(t, 0, "gpio-keys") == 0);
	CHECK(fdt_path(t, "/flash") < 0 && fdt_path(t, "/pcie") < 0);
	CHECK(has_note(&g->out, "virtio_mmio@a003c00: left out: SPI 46"));
	CHECK(has_note(&g->out, "virtio_mmio@a003000: left out: SPI 40"));
	CHECK(!has_note(&g->out, "virtio_mmio@a002e00"));
	gen_free(g);
}

/*
 * A root tree with devices to rewrite or leave out (linux-devs.dts), IO
 * 0x09010000-0x09016fff at IPA 0x20010000.
 */
static void test_device_rules(void)
{
	static const uint32_t wdt_irq[] = { 1, 0, 13, 4 };
	struct linuxdt_opts o = { 0 };
	const struct fdt *t;
	struct cell c;
	struct gen *g;
	uint32_t len;
	const uint8_t *p;
	int uart, wdt, i2c;

	sys_init();
	linux_cell(&c, 0x4);
	add_mem(&c, 0x09010000, 0x20010000, 0x7000, IO);
	add_irq(&c, 42, 2); /* serial, spi */
	add_irq(&c, 45, 1); /* watchdog */
	add_irq(&c, 48, 1); /* i2c */
	g = gen(&c, "linux-devs.dtb", &o, "device-rules");
	check_common(g);
	if (unit_case_failed)
		return;
	t = &g->t;
	CHECK(fdt_compatible(t, fdt_path(t, "/cpus/cpu@2"), "arm,cortex-a72"));
	uart = fdt_path(t, "/serial@20010000");
	CHECK(uart > 0 && reg_is(t, uart, 0, 0x20010000, 0x100));
	CHECK(fdt_prop_u32(t, uart, "reg-shift", 0) == 2);
	CHECK(fdt_prop_has_str(t, uart, "clock-names", "apb_pclk"));
	p = fdt_prop(t, uart, "clocks", &len);
	CHECK(p && len == 8 && fdt_cells(p, 1) == fdt_cells(p + 4, 1));
	CHECK(fdt_compatible(t, fdt_by_phandle(t, (uint32_t)fdt_cells(p, 1)),
			     "fixed-clock"));
	CHECK(!fdt_has_prop(t, uart, "power-domains") &&
	      !fdt_has_prop(t, uart, "pinctrl-0") &&
	      !fdt_has_prop(t, uart, "pinctrl-names") &&
	      !fdt_has_prop(t, uart, "resets") &&
	      !fdt_has_prop(t, uart, "vcc-supply") &&
	      !fdt_has_prop(t, uart, "status"));
	CHECK(has_note(&g->out,
		       "serial@10000: copied without power-domains, "
		       "pinctrl-names, pinctrl-0, resets, vcc-supply"));
	/* the root's console, now the cell's */
	CHECK(!strcmp(fdt_prop_str(t, fdt_path(t, "/chosen"), "stdout-path"),
		      "/serial@20010000"));
	/* interrupts-extended: to the cell's GIC */
	wdt = fdt_path(t, "/watchdog@20013000");
	p = fdt_prop(t, wdt, "interrupts-extended", &len);
	CHECK(p && len == 16);
	CHECK(fdt_by_phandle(t, (uint32_t)fdt_cells(p, 1)) ==
	      fdt_path(t, "/interrupt-controller"));
	CHECK(fdt_cells(p + 4, 1) == wdt_irq[1] &&
	      fdt_cells(p + 8, 1) == wdt_irq[2]);
	i2c = fdt_path(t, "/i2c@20016000");
	CHECK(i2c > 0 && t->nodes[i2c].first_child < 0);
	CHECK(has_note(&g->out, "i2c@16000: its subnodes are left out"));
	/* left out, each with its reason */
	CHECK(fdt_path(t, "/spi") < 0 &&
	      has_note(&g->out, "spi@11000: left out: a clock"));
	CHECK(fdt_path(t, "/ethernet") < 0 &&
	      has_note(&g->out, "ethernet@12000: left out: its interrupts"));
	CHECK(fdt_path(t, "/big") < 0 &&
	      has_note(&g->out, "big@14000: left out: only part"));
	CHECK(fdt_path(t, "/off") < 0 && !has_note(&g->out, "off@"));
	CHECK(fdt_path(t, "/clock-controller") < 0 &&
	      fdt_path(t, "/gpio") < 0 && fdt_path(t, "/power-controller") < 0);
	gen_free(g);
}

/* (e) initrd and command line in /chosen; and the emulated console. */
static void test_chosen_console(void)
{
	static const uint32_t con_irq[] = { 0, 68, 4 };
	struct linuxdt_console con = { 0x09000000, 100 };
	struct linuxdt_opts o = {
		.cmdline = "console=ttyAMA0 earlycon root=/dev/ram0",
		.initrd_start = 0x42000000,
		.initrd_size = 0x123456,
		.console = &con,
	};
	const struct fdt *t;
	struct cell c;
	struct gen *g;
	uint32_t len;
	const uint8_t *p;
	int chosen, uart, clk;

	sys_init();
	linux_cell(&c, 0x4);
	add_irq(&c, 100, 1);
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "chosen-console");
	check_common(g);
	if (unit_case_failed)
		return;
	t = &g->t;
	chosen = fdt_path(t, "/chosen");
	CHECK(!strcmp(fdt_prop_str(t, chosen, "bootargs"), o.cmdline));
	p = fdt_prop(t, chosen, "linux,initrd-start", &len);
	CHECK(p && len == 8 && fdt_cells(p, 2) == 0x42000000);
	p = fdt_prop(t, chosen, "linux,initrd-end", &len);
	CHECK(p && len == 8 && fdt_cells(p, 2) == 0x42123456);
	CHECK(!strcmp(fdt_prop_str(t, chosen, "stdout-path"),
		      "/serial@9000000"));
	uart = fdt_path(t, "/serial@9000000");
	CHECK(fdt_compatible(t, uart, "arm,pl011") &&
	      fdt_compatible(t, uart, "arm,primecell"));
	CHECK(reg_is(t, uart, 0, 0x09000000, 0x1000));
	CHECK(irqs_are(t, uart, con_irq, 3));
	CHECK(fdt_prop_has_str(t, uart, "clock-names", "apb_pclk"));
	clk = fdt_by_phandle(t, fdt_prop_u32(t, uart, "clocks", 0));
	CHECK(clk < 0); /* two clocks: fdt_prop_u32 takes only one cell */
	p = fdt_prop(t, uart, "clocks", &len);
	CHECK(p && len == 8);
	clk = fdt_by_phandle(t, (uint32_t)fdt_cells(p, 1));
	CHECK(clk > 0 && fdt_compatible(t, clk, "fixed-clock"));
	/* the root's own PL011 (0x09000000 of its tree) is not copied */
	CHECK(children(t, 0, "pl011") == 0 && children(t, 0, "serial") == 1);
	gen_free(g);
}

/*
 * The comm region where the config puts it, whatever the other regions;
 * exactly: `compatible = "warden,comm-region"; reg = <IPA size>;`.
 */
static void test_comm_region(void)
{
	static const char compat[] = "warden,comm-region";
	struct linuxdt_opts o = { 0 };
	const struct fdt *t;
	struct cell c;
	struct gen *g;
	uint32_t len;
	const uint8_t *p;
	int comm;

	sys_init();
	linux_cell(&c, 0x4);
	c.mem[1].virt_start = 0x4ffff000; /* just past a second RAM region */
	add_mem(&c, 0x74000000, 0x4c000000, 0x3fff000, RWX);
	g = gen(&c, NULL, &o, "comm-region");
	CHECK(g->ret == 0 && g->parsed && g->dtc);
	if (unit_case_failed)
		return;
	t = &g->t;
	comm = fdt_path(t, "/comm-region@4ffff000");
	CHECK(comm > 0 && t->nodes[comm].num_props == 2);
	p = fdt_prop(t, comm, "compatible", &len);
	CHECK(p && len == sizeof(compat) && !memcmp(p, compat, len));
	CHECK(reg_is(t, comm, 0, 0x4ffff000, 0x1000));
	/* not RAM: the memory node below it ends where it starts */
	CHECK(children(t, 0, "memory@") == 2);
	CHECK(reg_is(t, fdt_path(t, "/memory@4c000000"), 0, 0x4c000000,
		     0x3fff000));
	gen_free(g);
}

/* Is node's property name the string want? */
static int str_is(const struct fdt *t, int node, const char *name,
		  const char *want)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(t, node, name, &len);

	return p && len == strlen(want) + 1 && !memcmp(p, want, len);
}

/* Is node's property name the want, of 1 or 2 cells? */
static int cells_are(const struct fdt *t, int node, const char *name,
		     uint64_t want, uint32_t ncells)
{
	uint32_t len;
	const uint8_t *p = fdt_prop(t, node, name, &len);

	return p && len == 4 * ncells && fdt_cells(p, ncells) == want;
}

/*
 * The cell's links, one node each at the cell's IPA (linuxdt.h): a link
 * to the root with a common section, and one to an inmate without.
 */
static void test_links(void)
{
	static const uint32_t ctl_irq[] = { 0, 33 - 32, 1 };
	static const uint32_t ab_irq[] = { 0, 34 - 32, 1 };
	struct warden_cell_desc *root = &sys_ref.sys.root_cell;
	struct linuxdt_opts o = { 0 };
	struct warden_link *ab;
	const struct fdt *t;
	struct cell c;
	struct gen *g;
	int ctl, n;

	sys_init();
	linux_cell(&c, 0x4);
	add_irq(&c, 33, 2);
	add_link(root, sys_ref.link, "ctl", "linux", 0x74400000, 0x74400000, 0,
		 40);
	add_link(&c.desc, c.link, "ctl", "root", 0x74400000, 0x50000000, 1, 33);
	ab = add_link(&c.desc, c.link, "ab", "uart-demo", 0x74600000,
		      0x60000000, 0, 34);
	ab->common_size = 0;
	ab->section_size = 0x10000;
	g = gen(&c, NULL, &o, "links");
	CHECK(g->ret == 0 && g->parsed && g->dtc);
	if (unit_case_failed)
		return;
	t = &g->t;
	CHECK(children(t, 0, "link@") == 2);
	ctl = fdt_path(t, "/link@50000000");
	CHECK(ctl > 0 && fdt_compatible(t, ctl, "warden,link"));
	CHECK(reg_is(t, ctl, 0, 0x50000000, 0x5000));
	CHECK(irqs_are(t, ctl, ctl_irq, 3));
	CHECK(str_is(t, ctl, "warden,name", "ctl"));
	CHECK(str_is(t, ctl, "warden,peer", "root"));
	/* the root's name, from the system config: the peer that stays */
	CHECK(!strcmp(sys_ref.sys.root_cell.name, "root"));
	CHECK(fdt_has_prop(t, ctl, "warden,peer-root"));
	CHECK(cells_are(t, ctl, "warden,index", 0, 1));
	CHECK(cells_are(t, ctl, "warden,side", 1, 1));
	CHECK(cells_are(t, ctl, "warden,common-size", 0x1000, 2));
	CHECK(cells_are(t, ctl, "warden,section-size", 0x2000, 2));
	n = fdt_path(t, "/link@60000000");
	CHECK(n > 0 && reg_is(t, n, 0, 0x60000000, 0x20000));
	CHECK(irqs_are(t, n, ab_irq, 3));
	CHECK(str_is(t, n, "warden,name", "ab"));
	CHECK(!fdt_has_prop(t, n, "warden,peer-root"));
	CHECK(cells_are(t, n, "warden,index", 1, 1));
	CHECK(cells_are(t, n, "warden,side", 0, 1));
	CHECK(cells_are(t, n, "warden,common-size", 0, 2));
	/* neither is RAM */
	CHECK(children(t, 0, "memory@") == 1);
	gen_free(g);
}

/* What the cell cannot have is refused, with the reason. */
static void test_refused(void)
{
	struct linuxdt_console con = { 0x09000000, 100 };
	struct linuxdt_opts o = { 0 };
	struct cell c;
	struct gen *g;
	char *longline;

	sys_init();
	linux_cell(&c, 0x4);
	o.initrd_start = 0x43ff0000; /* runs past the RAM */
	o.initrd_size = 0x20000;
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -EINVAL && strstr(g->out.err, "initrd") && !g->out.dtb);
	gen_free(g);

	memset(&o, 0, sizeof(o));
	o.console = &con; /* SPI 100 is not the cell's */
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -EINVAL && strstr(g->out.err, "not an SPI"));
	gen_free(g);
	add_irq(&c, 100, 1);
	con.ipa = 0x40100000; /* in the cell's RAM */
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -EINVAL && strstr(g->out.err, "overlaps"));
	gen_free(g);
	con.ipa = 0x09000800;
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -EINVAL && strstr(g->out.err, "page"));
	gen_free(g);

	memset(&o, 0, sizeof(o));
	longline = malloc(LINUXDT_CMDLINE_MAX + 1);
	CHECK(longline);
	memset(longline, 'x', LINUXDT_CMDLINE_MAX);
	longline[LINUXDT_CMDLINE_MAX] = '\0';
	o.cmdline = longline;
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -E2BIG);
	gen_free(g);
	free(longline);

	/* RAM shared with the root is no RAM Linux may take */
	linux_cell(&c, 0x4);
	c.mem[0].flags |= WARDEN_MEM_ROOTSHARED;
	memset(&o, 0, sizeof(o));
	g = gen(&c, NULL, &o, "refused");
	CHECK(g->ret == -EINVAL && strstr(g->out.err, "no RAM"));
	gen_free(g);
}

/* The caps: a clean error, and no blob. */
static void test_build_bounds(void)
{
	struct linuxdt_opts o = { .max_size = 512 };
	struct cell c;
	struct gen *g;

	sys_init();
	linux_cell(&c, 0xa);
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "bounds");
	CHECK(g->ret == -ENOSPC && strstr(g->out.err, "cap of 512 bytes") &&
	      !g->out.dtb);
	gen_free(g);
	o.max_size = 0;
	o.max_nodes = 4;
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "bounds");
	CHECK(g->ret == -E2BIG && strstr(g->out.err, "4 nodes") && !g->out.dtb);
	gen_free(g);
	/* more devices than the cap: all 32 virtio-mmio slots */
	linux_cell(&c, 0x4);
	add_mem(&c, 0x0a000000, 0x0a000000, 0x4000, IO);
	add_irq(&c, 48, 32);
	o.max_nodes = 0;
	g = gen(&c, "qemu-virt-gicv3-smp4-1G.dtb", &o, "virtio-all");
	check_common(g);
	if (unit_case_failed)
		return;
	CHECK(children(&g->t, 0, "virtio_mmio@") == 32);
	gen_free(g);
}

int main(void)
{
	RUN(test_write_tree);
	RUN(test_write_misuse);
	RUN(test_write_bounds);
	RUN(test_gicv3_one_cpu);
	RUN(test_gicv3_noncontiguous);
	RUN(test_gicv3_wide_mpidr);
	RUN(test_no_root_tree);
	RUN(test_gicv2);
	RUN(test_qemu_devices);
	RUN(test_device_rules);
	RUN(test_chosen_console);
	RUN(test_comm_region);
	RUN(test_links);
	RUN(test_refused);
	RUN(test_build_bounds);
	UNIT_DONE();
}
