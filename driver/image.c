// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading the firmware image and the system config into hypervisor memory,
 * and making them visible to EL2 code that runs with the MMU off.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>

#include "warden.h"

/*
 * Layout (include/warden/firmware.h): image at 0, per-CPU areas behind the
 * core, the config at lay->config_offset, the page pool behind it.  Zeroing
 * the whole memory gives the firmware clean bss, per-CPU areas and pool.
 */
void image_load(void *mem, const struct fw_layout *lay,
		const struct firmware *fw, const void *config, u32 online_cpus)
{
	struct warden_fw_header *hdr = mem;

	memset(mem, 0, lay->size);
	memcpy(mem, fw->data, fw->size);
	memcpy(mem + lay->config_offset, config, lay->config_size);

	hdr->config_offset = lay->config_offset;
	hdr->config_size = lay->config_size;
	hdr->online_cpus = online_cpus;
	hdr->max_lrs = warden_max_lrs;
}

/* Smallest D-cache line of all CPUs (CTR_EL0.DminLine, log2 of words). */
static size_t image_dcache_line(void)
{
	u64 ctr = read_sanitised_ftr_reg(SYS_CTR_EL0);

	return 4UL << ((ctr >> CTR_EL0_DminLine_SHIFT) & 0xf);
}

/*
 * Clean and invalidate [start, start + size) of a cacheable mapping to the
 * point of coherency, where accesses with the MMU off (Device / Non-cacheable)
 * meet it.  "dc civac": the kernel patches "dc cvac" for errata, an inline
 * one would not be (architecture.md, stub pitfall 6).
 */
void image_clean_to_poc(const void *start, size_t size)
{
	size_t line = image_dcache_line();
	unsigned long p = (unsigned long)start & ~(line - 1);
	unsigned long end = (unsigned long)start + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

/*
 * EL2 runs with the MMU and caches off until the firmware turns them on, so
 * it fetches and reads straight from memory: push the loaded image and
 * config out to PoC, and drop any stale instructions (architecture.md, stub
 * pitfall 6).
 */
void image_sync_for_el2(const void *start, size_t size)
{
	image_clean_to_poc(start, size);
	asm volatile("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}
