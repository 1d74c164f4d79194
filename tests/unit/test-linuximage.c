// SPDX-License-Identifier: GPL-2.0-only
/*
 * The arm64 Image header (Linux Documentation/arm64/booting.rst) and the
 * placement of kernel, device tree and initrd in a cell's RAM
 * (tools/linuximage.c).  Headers are made here; the real kernel of the
 * testbed (build/Image) is checked too when it is there.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "linuximage.h"
#include "unit.h"

#define MIB (1ull << 20)
#define RWX (WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_EXECUTE)

static uint8_t hdr[4096];
static char err[LINUXIMAGE_ERR_LEN];

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An Image header as Linux 6.1 writes it: 4K pages, placement anywhere. */
static void image(uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
	memset(hdr, 0, sizeof(hdr));
	put64(hdr + 8, text_offset);
	put64(hdr + 16, image_size);
	put64(hdr + 24, flags);
	memcpy(hdr + 56, "ARM\x64", 4);
}

static int parse(size_t len, struct linuximage *img)
{
	err[0] = '\0';
	return linuximage_parse(hdr, len, img, err, sizeof(err));
}

static void headers_are_checked(void)
{
	struct linuximage img;

	image(0, 0x2010000, 0xa);
	CHECK(parse(sizeof(hdr), &img) == 0);
	CHECK(img.text_offset == 0 && img.image_size == 0x2010000);
	CHECK(img.flags == 0xa && img.file_size == sizeof(hdr));
	CHECK(parse(63, &img) == -EINVAL);
	CHECK(strstr(err, "not an arm64 Linux Image"));
	hdr[56] = 'X';
	CHECK(parse(sizeof(hdr), &img) == -EINVAL);
	image(0x80000, 0, 0);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL);
	CHECK(strstr(err, "older than 3.17"));
	image(0, MIB, 1);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL && strstr(err, "big-endian"));
	image(0, MIB, 3 << 1);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL && strstr(err, "64 KiB"));
	image(0, MIB, 2 << 1);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL && strstr(err, "16 KiB"));
	image(0, MIB, 0); /* page size unspecified: taken as 4K */
	CHECK(parse(sizeof(hdr), &img) == 0);
	image(0x200000, MIB, 0);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL &&
	      strstr(err, "text_offset 0x200000"));
	image(0x80001, MIB, 0);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL);
	image(0x80000, 100, 0);
	CHECK(parse(sizeof(hdr), &img) == -EINVAL &&
	      strstr(err, "image_size 0x64, less than the file's 4096 bytes"));
}

/* A cell with up to four regions. */
struct cellcfg {
	struct warden_cell_desc d;
	struct warden_memory m[4];
} WARDEN_PACKED;

static void cell(struct cellcfg *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->d.name, "linux");
}

static void ram(struct cellcfg *c, uint64_t ipa, uint64_t size, uint32_t flags)
{
	struct warden_memory *m = &c->m[c->d.num_memory_regions++];

	m->phys_start = ipa + 0x10000000;
	m->virt_start = ipa;
	m->size = size;
	m->flags = flags;
}

static void placement_follows_the_boot_protocol(void)
{
	struct linuximage img;
	struct linuximage_plan p;
	struct cellcfg c;

	image(0, 0x2010000, 0xa);
	CHECK(parse(sizeof(hdr), &img) == 0);
	cell(&c);
	/* IO, comm region, shared, not executable, not loadable: no kernel */
	ram(&c, 0x09000000, 0x1000, RWX | WARDEN_MEM_IO);
	ram(&c, 0x30000000, 64 * MIB,
	    RWX | WARDEN_MEM_ROOTSHARED | WARDEN_MEM_LOADABLE);
	ram(&c, 0x38000000, 64 * MIB,
	    WARDEN_MEM_READ | WARDEN_MEM_WRITE | WARDEN_MEM_LOADABLE);
	ram(&c, 0x80000000, 0x1000, RWX | WARDEN_MEM_COMM_REGION);
	CHECK(linuximage_place(&img, &c.d, 0x1000, 0, &p, err, sizeof(err)) ==
	      -EINVAL);
	CHECK(strstr(err, "cell \"linux\" has no RAM for a kernel"));
	/* a region off a 2 MiB boundary: the kernel goes to the next one */
	cell(&c);
	ram(&c, 0x40100000, 128 * MIB, RWX | WARDEN_MEM_LOADABLE);
	CHECK(linuximage_place(&img, &c.d, 0x40000, 0x300001, &p, err,
			       sizeof(err)) == 0);
	CHECK(p.kernel == 0x40200000 && p.kernel_end == 0x42210000);
	CHECK(p.dtb == 0x42210000 && p.initrd == 0x42250000);
	CHECK(p.region == 0 && p.ram_start == 0x40100000);
	/* text_offset counts from the 2 MiB base */
	image(0x80000, 0x2010000, 0xa);
	CHECK(parse(sizeof(hdr), &img) == 0);
	CHECK(linuximage_place(&img, &c.d, 0x1000, 0, &p, err, sizeof(err)) ==
	      0);
	CHECK(p.kernel == 0x40280000 && p.initrd == 0);
	/* the lowest region that holds it all */
	cell(&c);
	ram(&c, 0x60000000, 64 * MIB, RWX | WARDEN_MEM_LOADABLE);
	ram(&c, 0x50000000, 16 * MIB, RWX | WARDEN_MEM_LOADABLE);
	ram(&c, 0x48000000, 64 * MIB, RWX | WARDEN_MEM_LOADABLE);
	CHECK(linuximage_place(&img, &c.d, 0x1000, MIB, &p, err, sizeof(err)) ==
	      0);
	CHECK(p.region == 2 && p.kernel == 0x48080000);
	/* too big for any */
	CHECK(linuximage_place(&img, &c.d, 0x1000, 64 * MIB, &p, err,
			       sizeof(err)) == -ENOSPC);
	CHECK(strstr(err, "no RAM region holds the kernel (33 MiB"));
	CHECK(strstr(err, "the initrd (65536 KiB)"));
	/* the boot protocol's cap on the tree */
	CHECK(linuximage_place(&img, &c.d, LINUXIMAGE_DTB_MAX + 1, 0, &p, err,
			       sizeof(err)) == -EINVAL);
	CHECK(strstr(err, "at most 2 MiB"));
	/* a region at the top of the address space does not wrap */
	cell(&c);
	ram(&c, 0xfffffffffe000000ull, 16 * MIB, RWX | WARDEN_MEM_LOADABLE);
	CHECK(linuximage_place(&img, &c.d, 0x1000, 0, &p, err, sizeof(err)) ==
	      -ENOSPC);
}

/* The testbed's kernel, if built: Debian's arm64 Image. */
static void the_testbed_kernel_parses(void)
{
	struct linuximage img;
	FILE *f = fopen(LINUX_IMAGE, "rb");
	size_t n;

	if (!f) {
		printf("note: %s absent, skipped\n", LINUX_IMAGE);
		return;
	}
	n = fread(hdr, 1, sizeof(hdr), f);
	fclose(f);
	CHECK(n == sizeof(hdr));
	CHECK(linuximage_parse(hdr, n, &img, err, sizeof(err)) == 0);
	CHECK(img.text_offset == 0 && img.image_size >= 16 * MIB);
}

int main(void)
{
	RUN(headers_are_checked);
	RUN(placement_follows_the_boot_protocol);
	RUN(the_testbed_kernel_parses);
	UNIT_DONE();
}
