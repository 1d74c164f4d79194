// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the CLI's device tree parser (tools/fdt.c) and config
 * generator (tools/configgen.c): lookups and address translation on
 * hand-written trees, every truncation and thousands of corruptions of a
 * real QEMU tree (under ASan/UBSan: no read outside the blob), and the
 * generator's answer on the reference machine, with and without its SMMU.  The trees are compiled
 * from tests/data by dtc into FDT_DATA_DIR (tests/unit/fdt.mk).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/configgen.h"
#include "../../tools/fdt.h"
#include "unit.h"

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
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Parse into f from a heap copy of exactly len bytes (ASan sees overreads). */
static int parse_exact(struct fdt *f, const unsigned char *blob, size_t len,
		       unsigned char **copy, char *err)
{
	*copy = malloc(len ? len : 1);
	if (!*copy)
		abort();
	memcpy(*copy, blob, len);
	return fdt_parse(f, *copy, len, err, FDT_ERR_LEN);
}

static void test_lookups(void)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], path[128];
	struct fdt f;
	size_t len;
	int n;

	blob = load("buses.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	CHECK(f.num_rsv == 1 && f.rsv[0].size == 0x1000);
	n = fdt_path(&f, "/cpus/cpu@100");
	CHECK(n > 0 && fdt_prop_u32(&f, n, "reg", 0) == 0x100);
	CHECK(fdt_path(&f, "/cpus/cpu") > 0); /* the first "cpu@..." */
	CHECK(fdt_path(&f, "/cpus/cpu@7") < 0);
	n = fdt_path(&f, "/soc/serial");
	CHECK(n > 0 && fdt_compatible(&f, n, "arm,primecell"));
	CHECK(!fdt_compatible(&f, n, "arm"));
	fdt_node_path(&f, n, path, sizeof(path));
	CHECK(!strcmp(path, "/soc/serial@7e201000"));
	CHECK(!fdt_enabled(&f, fdt_path(&f, "/soc/disabled")));
	CHECK(fdt_by_phandle(&f, fdt_prop_u32(&f, 0, "interrupt-parent", 0)) ==
	      fdt_path(&f, "/interrupt-controller"));
	CHECK(!strcmp(fdt_prop_str(&f, fdt_path(&f, "/aliases"), "serial0"),
		      "/soc/serial@7e201000"));
	fdt_free(&f);
	free(copy);
	free(blob);
}

static void test_translation(void)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN];
	uint64_t addr, size;
	struct fdt f;
	size_t len;

	blob = load("buses.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	/* through /soc's ranges: 0x7e000000 -> 0xfe000000 */
	CHECK(fdt_reg(&f, fdt_path(&f, "/soc/serial"), 0, &addr, &size) == 0);
	CHECK(addr == 0xfe201000 && size == 0x200);
	/* an empty ranges is the identity, then /soc's */
	CHECK(fdt_reg(&f, fdt_path(&f, "/soc/inner/timer"), 0, &addr, &size) ==
	      0);
	CHECK(addr == 0xfe003000);
	/* an I2C address is no CPU address */
	CHECK(fdt_reg(&f, fdt_path(&f, "/soc/i2c/eeprom"), 0, &addr, &size) ==
	      -ENOENT);
	CHECK(fdt_reg(&f, fdt_path(&f, "/cpus/cpu@0"), 0, &addr, &size) ==
	      -ENOENT);
	/* 64-bit at the root */
	CHECK(fdt_reg(&f, fdt_path(&f, "/pcie"), 0, &addr, &size) == 0);
	CHECK(addr == 0x600000000ull && size == 0x1000000);
	CHECK(fdt_reg(&f, fdt_path(&f, "/pcie"), 1, &addr, &size) == -ENOENT);
	fdt_free(&f);
	free(copy);
	free(blob);
}

/* Every proper prefix of a real tree is refused, with a reason. */
static void test_truncated(void)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN];
	struct fdt f;
	size_t len, n;

	blob = load("qemu-virt-gicv3-smp4-1G.dtb", &len);
	CHECK(blob);
	for (n = 0; n < len; n++) {
		err[0] = '\0';
		CHECK(parse_exact(&f, blob, n, &copy, err) == -EINVAL);
		CHECK(err[0]);
		fdt_free(&f);
		free(copy);
	}
	free(blob);
}

/*
 * Generate from a (maybe corrupt) tree, with --console console unless
 * NULL; 0 or -EINVAL, never a crash.
 */
static int generate_console(const struct fdt *f, const char *console,
			    char **text, size_t *text_len)
{
	static struct configgen_opts o;
	FILE *mem;
	int ret;

	memset(&o, 0, sizeof(o));
	o.source = "test";
	o.console = console;
	o.linux_mem = 768ull << 20;
	o.hv_mem = 4ull << 20;
	*text = NULL;
	mem = open_memstream(text, text_len);
	if (!mem)
		abort();
	ret = configgen_system(f, &o, mem);
	fclose(mem);
	return ret;
}

static int generate(const struct fdt *f, char **text, size_t *text_len)
{
	return generate_console(f, NULL, text, text_len);
}

/*
 * Every byte of the header and the structure block flipped in turn, and
 * every word of them set to 0xffffffff: the parser refuses or indexes a
 * tree that the generator then handles, all inside the blob.  The
 * reference tree, and the same with the SMMU (configgen-pci.c).
 */
static void corrupt(const char *name)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], *text;
	unsigned int parsed = 0;
	size_t len, i, text_len;
	struct fdt f;

	blob = load(name, &len);
	CHECK(blob);
	freopen("/dev/null", "w", stderr);
	for (i = 0; i < len; i++) {
		unsigned char saved = blob[i];

		blob[i] ^= i % 2 ? 0xff : 0x01;
		if (!parse_exact(&f, blob, len, &copy, err)) {
			parsed++;
			generate(&f, &text, &text_len);
			free(text);
		}
		fdt_free(&f);
		free(copy);
		blob[i] = saved;
	}
	for (i = 0; i + 4 <= len; i += 4) {
		unsigned char saved[4];

		memcpy(saved, blob + i, 4);
		memset(blob + i, 0xff, 4);
		if (!parse_exact(&f, blob, len, &copy, err)) {
			generate(&f, &text, &text_len);
			free(text);
		}
		fdt_free(&f);
		free(copy);
		memcpy(blob + i, saved, 4);
	}
	CHECK(parsed > 0); /* flips inside values still parse */
	free(blob);
}

static void test_corrupted(void)
{
	corrupt("qemu-virt-gicv3-smp4-1G.dtb");
	corrupt("qemu-virt-gicv3-smmu-smp4-1G.dtb");
}

static void test_generate_reference(void)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], *text;
	size_t len, text_len;
	struct fdt f;

	blob = load("qemu-virt-gicv3-smp4-1G.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	CHECK(generate(&f, &text, &text_len) == 0);
	CHECK(strstr(text, ".gicr_base = 0x80a0000,"));
	CHECK(strstr(text, ".uart_base = 0x9000000,"));
	CHECK(strstr(text, ".phys_start = 0x7fc00000,"));
	CHECK(strstr(text, ".num_cpus = 4,"));
	free(text);
	fdt_free(&f);
	free(copy);
	free(blob);
}

/*
 * --console picks each kind of UART by path or address: its type in the
 * generated C by name, its base; an 8250 without 32-bit registers 4 bytes
 * apart, and the i.MX LPUART, are refused.
 */
static void test_generate_uarts(void)
{
	static const struct {
		const char *console, *type, *base;
	} u[] = {
		{ "/serial@ff000000", "WARDEN_UART_CADENCE", "0xff000000" },
		{ "/serial@ff1a0000", "WARDEN_UART_8250_MMIO32", "0xff1a0000" },
		{ "/serial@30890000", "WARDEN_UART_IMX", "0x30890000" },
		{ "/serial@3f215040", "WARDEN_UART_BCM2835_AUX", "0x3f215040" },
		{ "/serial@c81004c0", "WARDEN_UART_MESON", "0xc81004c0" },
		{ "0x30890000", "WARDEN_UART_IMX", "0x30890000" },
		{ "/pl011@9000000", "WARDEN_UART_PL011", "0x9000000" },
	};
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], *text, want[96];
	size_t len, text_len, i;
	struct fdt f;

	blob = load("uarts.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	freopen("/dev/null", "w", stderr);
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		CHECK(generate_console(&f, u[i].console, &text, &text_len) ==
		      0);
		snprintf(want, sizeof(want), ".uart_type = %s,", u[i].type);
		CHECK(strstr(text, want));
		snprintf(want, sizeof(want), ".uart_base = %s,", u[i].base);
		CHECK(strstr(text, want));
		free(text);
	}
	CHECK(generate_console(&f, "/serial@ff1b0000", &text, &text_len) ==
	      -EINVAL);
	free(text);
	CHECK(generate_console(&f, "/serial@30a00000", &text, &text_len) ==
	      -EINVAL);
	free(text);
	CHECK(generate_console(&f, "0x30a00000", &text, &text_len) == -EINVAL);
	free(text);
	fdt_free(&f);
	free(copy);
	free(blob);
}

/*
 * QEMU's SMMUv3 (-M virt,iommu=smmuv3) and its PCI host (configgen-pci.c):
 * the SMMU and its two SPIs in the platform, the host's ECAM, buses,
 * streams and INTA; all four SMMU SPIs out of the root's IRQ ranges.
 */
static void test_generate_smmu(void)
{
	static const char *const want[] = {
		".smmu_base = 0x9050000,",
		".smmu_evtq_irq = 106, /* SPI 74 */",
		".smmu_gerror_irq = 109, /* SPI 77 */",
		".pci_ecam_base = 0x4010000000,",
		".pci_bus_last = 255,",
		".pci_stream_base = 0x0,",
		".pci_intx_irq = 35,",
		".num_irq_ranges = 2,",
		"{ .first = 32, .count = 74 },",
		"{ .first = 110, .count = 910 },",
	};
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], *text;
	size_t len, text_len, i;
	struct configgen_pci p;
	struct fdt f;

	blob = load("qemu-virt-gicv3-smmu-smp4-1G.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	freopen("/dev/null", "w", stderr);
	CHECK(generate(&f, &text, &text_len) == 0);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(strstr(text, want[i]));
	CHECK(!strstr(text, ".phys_start = 0x9050000,"));
	free(text);
	/* the same, directly; then as if the SMMU had no phandle to name */
	CHECK(configgen_pci(&f, fdt_path(&f, "/intc@8000000"), &p) == 0);
	CHECK(p.num_smmu_irqs == 4 && p.smmu_irqs[1] == 107 &&
	      !strcmp(p.smmu_irq_names[2], "cmdq-sync"));
	CHECK(p.bus_first == 0 && p.intx_irq == 35);
	CHECK(!strcmp(p.host_path, "/pcie@10000000"));
	/* a tree without the GIC as the SMMU's parent: refused */
	CHECK(configgen_pci(&f, -1, &p) > 0);
	fdt_free(&f);
	free(copy);
	free(blob);
}

/* No PSCI, spin-table CPUs: refused, nothing written. */
static void test_generate_refused(void)
{
	unsigned char *blob, *copy;
	char err[FDT_ERR_LEN], *text;
	size_t len, text_len;
	struct fdt f;

	blob = load("buses.dtb", &len);
	CHECK(blob);
	CHECK(parse_exact(&f, blob, len, &copy, err) == 0);
	CHECK(generate(&f, &text, &text_len) == -EINVAL);
	CHECK(text_len == 0);
	free(text);
	fdt_free(&f);
	free(copy);
	free(blob);
}

static void test_parse_size(void)
{
	CHECK(configgen_parse_size("768M") == 768ull << 20);
	CHECK(configgen_parse_size("4MiB") == 4ull << 20);
	CHECK(configgen_parse_size("1G") == 1ull << 30);
	CHECK(configgen_parse_size("0x400000") == 0x400000);
	CHECK(configgen_parse_size("4X") == 0);
	CHECK(configgen_parse_size("4 ") == 0);
	CHECK(configgen_parse_size("2t") == 2ull << 40);
	CHECK(configgen_parse_size("1K") == 1024);
	CHECK(configgen_parse_size("-1") == 0);
	CHECK(configgen_parse_size("") == 0);
	CHECK(configgen_parse_size("99999999999T") == 0);
}

static void test_linux_irqs(void)
{
	static const char text[] =
		"           CPU0       CPU1\n"
		" 11:       2354       1956     GICv3  27 Level     arch_timer\n"
		" 13:         14          0     GICv3  33 Level     uart-pl011\n"
		" 15:          0          0     GIC-0  79 Edge      virtio0, "
		"virtio1\n"
		" 16:          0          0  ITS-MSI 8192 Edge      pcie\n"
		"IPI0:       188        162       Rescheduling interrupts\n";
	struct configgen_irq irqs[4];
	int n = configgen_linux_irqs(text, irqs, 4);

	CHECK(n == 2); /* SPIs of a GIC only: no PPI, MSI or IPI */
	CHECK(irqs[0].intid == 33 && !strcmp(irqs[0].name, "uart-pl011"));
	CHECK(irqs[1].intid == 79 && !strcmp(irqs[1].name, "virtio0, virtio1"));
	CHECK(configgen_linux_irqs("", irqs, 4) == 0);
	CHECK(configgen_linux_irqs("x\n 1: 2 GIC", irqs, 4) == 0);
}

int main(void)
{
	RUN(test_lookups);
	RUN(test_translation);
	RUN(test_truncated);
	RUN(test_corrupted);
	RUN(test_generate_reference);
	RUN(test_generate_refused);
	RUN(test_generate_uarts);
	RUN(test_generate_smmu);
	RUN(test_parse_size);
	RUN(test_linux_irqs);
	UNIT_DONE();
}
