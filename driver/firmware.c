// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of warden.bin's header (include/warden/firmware.h) and the layout
 * of the hypervisor memory it implies.  Nothing in the image is trusted:
 * every offset and size is checked, with overflow, before it is used.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/overflow.h>
#include <linux/string.h>

#include <warden/hypercall.h>

#include "warden.h"

static bool firmware_aligned(u64 v)
{
	return IS_ALIGNED(v, WARDEN_FW_PAGE_SIZE);
}

/* Header fields that only concern the image itself. */
static int firmware_check_header(const struct warden_fw_header *hdr,
				 size_t image_size, char *errmsg)
{
	const char *name = warden_fw_name;

	if (memcmp(hdr->signature, WARDEN_FW_SIGNATURE,
		   sizeof(hdr->signature))) {
		warden_errmsg(errmsg, "firmware %s is not a Warden image",
			      name);
		return -ENOEXEC;
	}
	if (hdr->abi_version != WARDEN_ABI_VERSION) {
		warden_errmsg(
			errmsg,
			"firmware %s has ABI version %u, the driver needs %u",
			name, hdr->abi_version, WARDEN_ABI_VERSION);
		return -ENOEXEC;
	}
	if (hdr->header_size < sizeof(*hdr) || hdr->header_size > image_size) {
		warden_errmsg(errmsg, "firmware %s: bad header size %u", name,
			      hdr->header_size);
		return -ENOEXEC;
	}
	if (hdr->entry_offset < hdr->header_size ||
	    hdr->entry_offset >= image_size || hdr->entry_offset % 4) {
		warden_errmsg(
			errmsg,
			"firmware %s: entry offset 0x%llx outside the image (0x%zx bytes)",
			name, hdr->entry_offset, image_size);
		return -ENOEXEC;
	}
	if (hdr->core_size < image_size) {
		warden_errmsg(
			errmsg,
			"firmware %s: core size 0x%llx smaller than the image (0x%zx bytes)",
			name, hdr->core_size, image_size);
		return -ENOEXEC;
	}
	if (!firmware_aligned(hdr->core_size) ||
	    !firmware_aligned(hdr->percpu_size) ||
	    !firmware_aligned(hdr->console_offset)) {
		warden_errmsg(
			errmsg,
			"firmware %s: core size 0x%llx, per-CPU size 0x%llx or console offset 0x%x not page aligned",
			name, hdr->core_size, hdr->percpu_size,
			hdr->console_offset);
		return -ENOEXEC;
	}
	if (hdr->max_cpus == 0 || hdr->percpu_size == 0) {
		warden_errmsg(errmsg, "firmware %s: no per-CPU areas", name);
		return -ENOEXEC;
	}
	return 0;
}

/*
 * Place the per-CPU areas and the config behind the core, and make sure a
 * page pool of at least one page remains in the hypervisor memory.
 */
static int firmware_place(const struct warden_fw_header *hdr,
			  struct fw_layout *lay, char *errmsg)
{
	u64 percpu, config_end, pool;

	if (check_mul_overflow((u64)hdr->max_cpus, hdr->percpu_size, &percpu) ||
	    check_add_overflow(hdr->core_size, percpu, &lay->config_offset) ||
	    check_add_overflow(lay->config_offset, lay->config_size,
			       &config_end) ||
	    check_add_overflow(config_end, WARDEN_FW_PAGE_SIZE - 1, &pool))
		goto too_small;
	/* core_size and percpu_size are page aligned, so this is a no-op */
	lay->config_offset = ALIGN(lay->config_offset, WARDEN_FW_PAGE_SIZE);
	pool = ALIGN_DOWN(pool, WARDEN_FW_PAGE_SIZE);
	if (pool >= lay->size || lay->size - pool < WARDEN_FW_PAGE_SIZE)
		goto too_small;

	if ((u64)hdr->console_offset + sizeof(struct warden_console) >
	    lay->config_offset) {
		warden_errmsg(
			errmsg,
			"firmware %s: console at 0x%x is outside the core and per-CPU areas",
			warden_fw_name, hdr->console_offset);
		return -ENOEXEC;
	}
	return 0;

too_small:
	warden_errmsg(
		errmsg,
		"hypervisor memory 0x%llx+0x%llx too small for firmware %s (core 0x%llx, %u CPUs x 0x%llx, config 0x%llx, page pool)",
		(u64)lay->phys, lay->size, warden_fw_name, hdr->core_size,
		hdr->max_cpus, hdr->percpu_size, lay->config_size);
	return -ENOMEM;
}

int firmware_check(const struct firmware *fw, const struct warden_system *sys,
		   u64 config_size, struct fw_layout *lay, char *errmsg)
{
	struct warden_fw_header hdr;
	int ret;

	if (fw->size < sizeof(hdr)) {
		warden_errmsg(errmsg,
			      "firmware %s is not a Warden image (%zu bytes)",
			      warden_fw_name, fw->size);
		return -ENOEXEC;
	}
	memcpy(&hdr, fw->data, sizeof(hdr));
	ret = firmware_check_header(&hdr, fw->size, errmsg);
	if (ret)
		return ret;

	lay->phys = sys->hypervisor_memory.phys_start;
	lay->size = sys->hypervisor_memory.size;
	lay->image_size = fw->size;
	lay->entry_offset = hdr.entry_offset;
	lay->config_size = config_size;
	lay->console_offset = hdr.console_offset;
	lay->max_cpus = hdr.max_cpus;
	lay->core_size = hdr.core_size;
	lay->percpu_size = hdr.percpu_size;
	if (!firmware_aligned(lay->phys) || !firmware_aligned(lay->size)) {
		warden_errmsg(
			errmsg,
			"hypervisor memory 0x%llx+0x%llx is not page aligned",
			(u64)lay->phys, lay->size);
		return -EINVAL;
	}
	return firmware_place(&hdr, lay, errmsg);
}
