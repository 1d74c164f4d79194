// SPDX-License-Identifier: GPL-2.0-only
/*
 * The arm64 Image header and placement in a cell (linuximage.h).  The
 * header (booting.rst, little-endian):
 *   0  code0, code1     8  text_offset     16 image_size    24 flags
 *   32 res2, res3, res4 56 magic "ARM\x64" 60 res5
 * A kernel older than 3.17 has image_size 0; its text_offset is then
 * 0x80000 in practice and its size unknown.  Such kernels are refused: the
 * cell's RAM after the Image would be a guess.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "linuximage.h"

#define LI_MAGIC 0x644d5241u /* "ARM\x64", little-endian */
#define LI_ALIGN (2ull << 20) /* the Image's base: 2 MiB aligned */
#define LI_PAGE 0x1000ull
#define LI_FLAG_BE 0x1ull
#define LI_FLAG_PAGE_SHIFT 1
#define LI_FLAG_PAGE_MASK 0x3ull
#define LI_PAGE_4K 1ull /* flags bits 2:1: 0 unspecified, 1 4K, 2 16K, 3 64K */

static int li_fail(char *err, size_t err_len, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int li_fail(char *err, size_t err_len, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return ret;
}

static uint64_t li_le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t li_align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

int linuximage_parse(const void *data, size_t len, struct linuximage *img,
		     char *err, size_t err_len)
{
	const uint8_t *p = data;
	uint64_t page;

	if (len < LINUXIMAGE_HEADER_SIZE ||
	    (uint32_t)li_le64(p + 56) != LI_MAGIC)
		return li_fail(err, err_len, -EINVAL,
			       "not an arm64 Linux Image (no \"ARM\\x64\" "
			       "magic at byte 56)");
	img->text_offset = li_le64(p + 8);
	img->image_size = li_le64(p + 16);
	img->flags = li_le64(p + 24);
	img->file_size = len;
	page = img->flags >> LI_FLAG_PAGE_SHIFT & LI_FLAG_PAGE_MASK;
	if (!img->image_size)
		return li_fail(err, err_len, -EINVAL,
			       "Image header has no image_size: a kernel older "
			       "than 3.17 is not supported");
	if (img->flags & LI_FLAG_BE)
		return li_fail(err, err_len, -EINVAL,
			       "big-endian kernel: cells run little-endian");
	if (page && page != LI_PAGE_4K)
		return li_fail(err, err_len, -EINVAL,
			       "kernel built for %s pages: stage 2 and the "
			       "platform use 4 KiB",
			       page == 2 ? "16 KiB" : "64 KiB");
	if (img->text_offset >= LI_ALIGN || img->text_offset % LI_PAGE)
		return li_fail(err, err_len, -EINVAL,
			       "Image text_offset 0x%llx is not a page offset "
			       "within 2 MiB",
			       (unsigned long long)img->text_offset);
	if (img->image_size < len)
		return li_fail(err, err_len, -EINVAL,
			       "Image header says image_size 0x%llx, less than "
			       "the file's %zu bytes",
			       (unsigned long long)img->image_size, len);
	return 0;
}

/* RAM the kernel may live in: ours alone, loadable, and executable. */
static int li_kernel_ram(const struct warden_memory *m)
{
	uint32_t need = WARDEN_MEM_READ | WARDEN_MEM_WRITE |
			WARDEN_MEM_EXECUTE | WARDEN_MEM_LOADABLE;

	return (m->flags & need) == need &&
	       !(m->flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM_REGION |
			     WARDEN_MEM_ROOTSHARED));
}

/* Lay everything out from the region's first 2 MiB boundary; 0 if it fits. */
static int li_fit(const struct linuximage *img, const struct warden_memory *m,
		  uint64_t dtb_size, uint64_t initrd_size,
		  struct linuximage_plan *p)
{
	uint64_t end = m->virt_start + m->size, next;

	p->kernel = li_align_up(m->virt_start, LI_ALIGN) + img->text_offset;
	p->kernel_end = p->kernel + img->image_size;
	/* the tree on a page of its own after the kernel, the initrd behind */
	p->dtb = li_align_up(p->kernel_end, LI_PAGE);
	next = li_align_up(p->dtb + dtb_size, LI_PAGE);
	p->initrd = initrd_size ? next : 0;
	next += li_align_up(initrd_size, LI_PAGE);
	p->ram_start = m->virt_start;
	p->ram_end = end;
	return p->kernel < m->virt_start || next > end || next < p->kernel;
}

int linuximage_place(const struct linuximage *img,
		     const struct warden_cell_desc *cell, uint64_t dtb_size,
		     uint64_t initrd_size, struct linuximage_plan *plan,
		     char *err, size_t err_len)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	int found = -1, usable = 0;
	uint32_t i;

	if (dtb_size > LINUXIMAGE_DTB_MAX)
		return li_fail(err, err_len, -EINVAL,
			       "device tree of %llu bytes: the boot protocol "
			       "allows at most 2 MiB",
			       (unsigned long long)dtb_size);
	for (i = 0; i < cell->num_memory_regions; i++) {
		struct linuximage_plan p;

		if (!li_kernel_ram(&mem[i]))
			continue;
		usable++;
		if (li_fit(img, &mem[i], dtb_size, initrd_size, &p))
			continue;
		if (found < 0 || p.ram_start < plan->ram_start) {
			*plan = p;
			plan->region = i;
			found = (int)i;
		}
	}
	if (found >= 0)
		return 0;
	if (!usable)
		return li_fail(err, err_len, -EINVAL,
			       "cell \"%.32s\" has no RAM for a kernel: a "
			       "region that is read-write-execute and "
			       "loadable, and not shared",
			       cell->name);
	return li_fail(
		err, err_len, -ENOSPC,
		"cell \"%.32s\": no RAM region holds the kernel (%llu "
		"MiB from a 2 MiB boundary), its device tree and "
		"the initrd (%llu KiB)",
		cell->name,
		(unsigned long long)((img->text_offset + img->image_size +
				      (1u << 20) - 1) >>
				     20),
		(unsigned long long)((initrd_size + 1023) >> 10));
}
