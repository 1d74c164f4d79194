/* SPDX-License-Identifier: BSD-2-Clause */
/* /dev/warden ioctl ABI between the warden CLI and warden.ko. */
#ifndef WARDEN_IOCTL_H
#define WARDEN_IOCTL_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define WARDEN_ERRMSG_LEN 192

struct warden_enable_args {
	uint64_t config_ptr; /* user address of the system config blob */
	uint64_t config_size;
	/* out: why the call failed, in words; empty on success */
	char errmsg[WARDEN_ERRMSG_LEN];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_enable_args) == 208, "ABI size");

#define WARDEN_IOCTL_ENABLE _IOWR('W', 0x00, struct warden_enable_args)
#define WARDEN_IOCTL_DISABLE _IO('W', 0x01)

/* One image for WARDEN_IOCTL_CELL_LOAD. */
struct warden_cell_image {
	uint64_t data_ptr; /* user address of the image bytes */
	uint64_t size;
	/* where it goes, as the cell sees it (IPA); WARDEN_IMAGE_DEFAULT_ADDR:
	 * the start of the cell's first loadable region */
	uint64_t address;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_cell_image) == 24, "ABI size");

#define WARDEN_CELL_IMAGES_MAX 16
#define WARDEN_IMAGE_DEFAULT_ADDR (~0ull)

/*
 * Where WARDEN_IOCTL_CELL_START starts the cell instead of the config's
 * reset_address (WARDEN_HC_CELL_START with WARDEN_START_BOOT): the arm64
 * Linux boot protocol's entry and x0 (the device tree's IPA).
 */
struct warden_cell_boot {
	uint64_t entry; /* IPA of the first instruction */
	uint64_t x0; /* the boot CPU's x0; x1..x3 are 0 */
	uint64_t flags; /* WARDEN_BOOT_* */
	uint64_t reserved; /* 0 */
} WARDEN_PACKED;
/*
 * When the cell resets itself (PSCI SYSTEM_RESET), the driver loads the
 * images of its last LOAD with WARDEN_CELL_KEEP again and starts it here
 * again (WARDEN_START_RELOAD): a rebooting Linux boots the same kernel.
 */
#define WARDEN_BOOT_RELOAD 0x1u
_Static_assert(sizeof(struct warden_cell_boot) == 32, "ABI size");

/*
 * Arguments of every cell ioctl.
 *   CREATE    ptr/size: the cell config blob; out: id
 *   LOAD      id; ptr: array of struct warden_cell_image, size: their count
 *   LOAD      flags: WARDEN_CELL_KEEP keeps a copy of the images
 *   START     id; ptr: 0, or a struct warden_cell_boot (size: its size)
 *   CONSOLE_INPUT  id; ptr/size: characters for the cell's emulated console
 *             UART (at most WARDEN_CONSOLE_INPUT_MAX); out: size = how many
 *             it took (fewer when its receive FIFO is full)
 *   SHUTDOWN  id; flags: WARDEN_CELL_FORCE stops it without asking it.
 *             A running cell is asked, and has a few seconds to answer:
 *             EBUSY if it refuses, ETIMEDOUT if it does not answer, and
 *             EINPROGRESS once it agreed and powers off itself (a Linux
 *             cell): ask again until the call succeeds (cell.h)
 *   DESTROY   id; flags: WARDEN_CELL_FORCE also if it refuses to shut down;
 *             asks a running cell first, with SHUTDOWN's answers
 * The driver takes the cell's CPUs offline in Linux at CREATE and brings
 * them back online at DESTROY.
 */
struct warden_cell_args {
	uint32_t id;
	uint32_t flags;
	uint64_t ptr;
	uint64_t size;
	char errmsg[WARDEN_ERRMSG_LEN]; /* out: why the call failed */
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_cell_args) == 216, "ABI size");

#define WARDEN_CELL_FORCE 0x1u
/* LOAD: the driver keeps a copy of the images, for WARDEN_BOOT_RELOAD */
#define WARDEN_CELL_KEEP 0x2u

#define WARDEN_IOCTL_CELL_CREATE _IOWR('W', 0x10, struct warden_cell_args)
#define WARDEN_IOCTL_CELL_LOAD _IOWR('W', 0x11, struct warden_cell_args)
#define WARDEN_IOCTL_CELL_START _IOWR('W', 0x12, struct warden_cell_args)
#define WARDEN_IOCTL_CELL_SHUTDOWN _IOWR('W', 0x13, struct warden_cell_args)
#define WARDEN_IOCTL_CELL_DESTROY _IOWR('W', 0x14, struct warden_cell_args)
#define WARDEN_IOCTL_CELL_CONSOLE_INPUT \
	_IOWR('W', 0x15, struct warden_cell_args)
#define WARDEN_CONSOLE_INPUT_MAX 256

/*
 * Testing only: when warden.ko is loaded with test_fuzz=1, make `count`
 * hypercalls (at most 1,000,000) with random function IDs and arguments
 * drawn from `seed`, from the kernel, on the calling CPU.  Calls that are
 * valid and change the machine on purpose are never drawn: PSCI (CPU_OFF,
 * SYSTEM_OFF, ...), WARDEN_HC_DISABLE, WARDEN_HC_CONSOLE_PUTC and the cell
 * calls for ids in use.
 * Without test_fuzz=1 the ioctl fails with EPERM.
 */
struct warden_fuzz_args {
	uint64_t seed;
	uint64_t count;
	/* out: how the calls ended */
	uint64_t made;
	uint64_t refused; /* negative results, SMCCC NOT_SUPPORTED included */
	uint64_t succeeded;
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_fuzz_args) == 40, "ABI size");

#define WARDEN_IOCTL_TEST_FUZZ _IOWR('W', 0x7f, struct warden_fuzz_args)

/*
 * Testing only (test_fuzz=1 too): one SMCCC call of the caller's choice,
 * from the kernel, through SMC (conduit 1) or HVC (0): what a root that
 * goes wrong may call, e.g. PSCI SYSTEM_RESET while cells run.  x0 comes
 * back in ret.
 */
struct warden_test_call_args {
	uint64_t fid;
	uint64_t args[3];
	uint32_t conduit; /* WARDEN_TEST_CALL_HVC or WARDEN_TEST_CALL_SMC */
	uint32_t reserved; /* 0 */
	int64_t ret; /* out */
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_test_call_args) == 48, "ABI size");

#define WARDEN_TEST_CALL_HVC 0
#define WARDEN_TEST_CALL_SMC 1
#define WARDEN_IOCTL_TEST_CALL _IOWR('W', 0x7e, struct warden_test_call_args)

/*
 * sysfs, per cell: /sys/devices/warden/cells/<id>/ with
 *   name      the config's name
 *   state     created, loading, loaded, running, shut-down or failed
 *   cpus      the cell's CPUs as Linux numbers them ("2-3")
 *   failure   why it failed, in words (empty line unless failed)
 *   stats/    a file per statistic, named as in WARDEN_STAT_NAMES
 *             (cell.h): "cpu<N> <count>", a line per CPU of the cell
 *   console   the cell's console ring: its last 4 KiB of output
 *   console_total  bytes ever written to it (for `console -f`)
 *   links     "<link> <side> <peer>" for each link of its config
 *   tables    "stage2 <pages>" and "dma <pages>": the translation tables
 *             the hypervisor holds for it (dma: its SMMU DMA view)
 * and for the whole machine, /sys/devices/warden/ with (besides enabled,
 * console, version, links, mem_pool_pages, mem_pool_used, cpus_in_hypervisor)
 *   root_stats/  the root cell's CPUs, as a cell's stats/
 *   memory      what the hypervisor uses, in bytes, "name value" per line:
 *               image, per_cpu, config, pool_used, used (their sum),
 *               pool_size, region (all of its memory), and the root
 *               cell's share of pool_used: root_stage2_tables and
 *               root_dma_tables (its SMMU DMA view)
 *   system_config  (root only) the system config Warden runs with, as
 *               enabled: struct warden_system and the root's arrays
 */

/*
 * /dev/warden-link-<name>: the root's side of a link (docs/links.md).
 * WARDEN_LINK_RING returns 0, or -1 with errno ENOTCONN if the peer is
 * absent or not running.  WARDEN_LINK_INFO describes the link.
 */
struct warden_link_info {
	char name[32];
	char peer[32];
	uint64_t phys_start;
	uint64_t size; /* whole region: mmap offsets 0..size */
	uint64_t common_size; /* at offset 0 */
	uint64_t section_size; /* side 0's, then side 1's */
	uint32_t side; /* the root's section */
	uint32_t doorbell_irq;
	int32_t peer_state; /* WARDEN_CELL_*, or -107 (ENOTCONN): absent */
	uint32_t reserved;
	uint64_t rings; /* doorbells received since enable */
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_link_info) == 120, "ABI size");

#define WARDEN_LINK_RING _IO('W', 0x20)
#define WARDEN_LINK_INFO _IOR('W', 0x21, struct warden_link_info)

#endif /* WARDEN_IOCTL_H */
