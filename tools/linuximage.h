/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An arm64 Linux kernel Image and where it goes in a cell, for `warden cell
 * linux`: the Image header and the placement rules of the arm64 boot
 * protocol (Linux Documentation/arm64/booting.rst, "Call the kernel image"
 * and "Setup the device tree" / "Setup the initial RAM disk").
 */
#ifndef WARDEN_TOOLS_LINUXIMAGE_H
#define WARDEN_TOOLS_LINUXIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <warden/config.h>

#define LINUXIMAGE_HEADER_SIZE 64
#define LINUXIMAGE_ERR_LEN 192
#define LINUXIMAGE_DTB_MAX (2u << 20) /* booting.rst: at most 2 MiB */

/* What the Image header says (booting.rst, "The decompressed kernel image
 * contains a 64-byte header"). */
struct linuximage {
	uint64_t text_offset; /* from a 2 MiB aligned base */
	uint64_t image_size; /* bytes the kernel uses from its start */
	uint64_t flags; /* bit 0 big-endian, 2:1 page size, 3 placement */
	size_t file_size; /* bytes of the Image file */
};

/* Where the kernel, its device tree and its initrd go (IPAs of the cell). */
struct linuximage_plan {
	uint64_t kernel; /* the entry: the Image's first byte */
	uint64_t kernel_end; /* kernel + image_size: the kernel's own */
	uint64_t dtb;
	uint64_t initrd; /* 0 without an initrd */
	uint64_t ram_start, ram_end; /* the region that holds them all */
	uint32_t region; /* its index in the cell's memory regions */
};

/*
 * Check data[len] as an arm64 Image.  Returns 0, or -EINVAL with the
 * reason in err (not an Image, big-endian, a page size other than 4 KiB...).
 */
int linuximage_parse(const void *data, size_t len, struct linuximage *img,
		     char *err, size_t err_len);

/*
 * Place the kernel, then the device tree (dtb_size, at most
 * LINUXIMAGE_DTB_MAX) and the initrd (0: none) in the cell's RAM: the
 * lowest loadable read-write-execute region, not shared, that holds them
 * all, the kernel text_offset bytes above its first 2 MiB boundary.
 * Returns 0, or -ENOSPC / -EINVAL with the reason in err.
 */
int linuximage_place(const struct linuximage *img,
		     const struct warden_cell_desc *cell, uint64_t dtb_size,
		     uint64_t initrd_size, struct linuximage_plan *plan,
		     char *err, size_t err_len);

#endif /* WARDEN_TOOLS_LINUXIMAGE_H */
