/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixture of the tests that run the real hypervisor core on the host: a
 * system config (the QEMU virt machine with GICv3, 8 CPUs), a firmware
 * image in host memory that setup_early() takes as it would at EL2, the
 * root cell's management hypercalls issued from a root CPU, and cell
 * configs to create.  The arch hooks are host-hyp.c's.
 *
 * The hypervisor keeps its state in static variables, so each case runs in
 * a child process of its own (RUN_HYP) and starts with fx_enable().
 */
#ifndef UNIT_HYP_FIXTURE_H
#define UNIT_HYP_FIXTURE_H

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <warden/cell.h>
#include <warden/config.h>
#include <warden/hypercall.h>
#include <hyp/cell.h>
#include <hyp/setup.h>

#include "host-hyp.h"
/* RUN_HYP needs unit.h, which each test program includes */

#define FX_CPUS 8
#define FX_HYP_SIZE (4UL << 20)
#define FX_CORE_SIZE 0x10000UL
/* Root RAM where the driver puts a cell config for the create call. */
#define FX_CFG_PA 0x48000000UL
/* Root RAM that inmate cells take (simulated, 4 MiB of host memory). */
#define FX_RAM_PA 0x70000000UL
#define FX_RAM_SIZE (4UL << 20)
#define FX_RESET 0x40000000UL /* IPA of a cell's RAM and entry point */

#define FX_RW (WARDEN_MEM_READ | WARDEN_MEM_WRITE)
#define FX_RWX (FX_RW | WARDEN_MEM_EXECUTE)
#define FX_IO (FX_RW | WARDEN_MEM_IO)

#define FX_MAX_MEM 8
#define FX_MAX_IRQ 4
#define FX_MAX_LINK 4

/* A cell config with room for its arrays; packed by fx_blob(). */
struct fx_config {
	struct warden_cell_desc desc;
	struct warden_memory mem[FX_MAX_MEM];
	struct warden_irq_range irq[FX_MAX_IRQ];
	struct warden_link link[FX_MAX_LINK];
	struct warden_pci_device pci[WARDEN_MAX_PCI_DEVICES];
};

/* The system config: fx_sys.sys.root_cell is fx_sys.root's desc. */
struct fx_system {
	struct warden_system sys;
	struct warden_memory mem[FX_MAX_MEM];
	struct warden_irq_range irq[FX_MAX_IRQ];
	struct warden_link link[FX_MAX_LINK];
};

extern struct fx_system fx_sys;
extern unsigned char *fx_image; /* hypervisor memory */
extern unsigned char *fx_ram; /* the simulated RAM at FX_RAM_PA */
extern struct trap_frame fx_frame; /* of the last fx_hc() */

/* The system config, before fx_enable() (tests may change it). */
void fx_sys_init(void);
/* Lay out the image and enable: 0, or the error of the failed step. */
int fx_enable(void);

/*
 * A cell on CPUs `cpus`: 1 MiB of loadable RAM at ram_pa (IPA FX_RESET),
 * 64 KiB of other RAM after it (IPA FX_RESET + 1 MiB), its comm region,
 * and SPI `spi`.
 */
void fx_config_init(struct fx_config *c, const char *name, u64 cpus, u64 ram_pa,
		    u32 spi);
void fx_add_mem(struct fx_config *c, u64 phys, u64 virt, u64 size, u32 flags);
void fx_add_irq(struct fx_config *c, u32 first, u32 count);
/* A link (0x1000 common, two 0x2000 sections) to append to a config. */
struct warden_link *fx_add_link(struct warden_cell_desc *d,
				struct warden_link *links, const char *name,
				const char *peer, u64 phys, u64 virt, u32 side,
				u32 doorbell);
/* The config as the driver passes it: at FX_CFG_PA; returns its size. */
u64 fx_put_config(const struct fx_config *c);

/* A hypercall of CPU cpu with x1, x2; LONG_MIN if the CPU left EL2. */
long fx_hc_on(unsigned int cpu, u64 fid, u64 x1, u64 x2);
/* The same with x3. */
long fx_hc3_on(unsigned int cpu, u64 fid, u64 x1, u64 x2, u64 x3);
/* A hypercall of the root's CPU 0. */
long fx_hc(u64 fid, u64 x1, u64 x2);
/* The same with x1..x4, on CPU 0. */
long fx_hc4(u64 fid, u64 x1, u64 x2, u64 x3, u64 x4);
/* Take c's CPUs offline in the root, put c and create it: id or error. */
long fx_create(const struct fx_config *c);
/* The reason of the last failed management call (the root's page). */
const char *fx_errmsg(void);
/* Does the error message hold `words`?  Prints it if not. */
bool fx_err_has(const char *words);
/* Does the UART output hold `words`?  Prints it if not. */
bool fx_uart_has(const char *words);
/* The cell's state as the root reads it (WARDEN_HC_CELL_STATE). */
long fx_state(long id);
/* The status page of cell id, from the last fx_state(). */
const struct warden_cell_status *fx_status(void);
/* Load (set loadable, then back) and start: 0 or the first error. */
long fx_load_start(long id);
/* What the root's stage 2 maps at pa: PAGING_* flags, or 0. */
u32 fx_root_flags(u64 pa);
/* What a cell's stage 2 maps at ipa: PAGING_* flags, or 0; and its PA. */
u32 fx_cell_flags(const struct cell *cell, u64 ipa, u64 *pa);
/* The cell that runs (or ran) on cpu. */
struct cell *fx_cell_on(unsigned int cpu);

/* Run a case in a child process: the hypervisor's statics start clean. */
#define RUN_HYP(fn)                                                            \
	do {                                                                   \
		int st_ = 0;                                                   \
		pid_t pid_;                                                    \
		fflush(stdout);                                                \
		pid_ = fork();                                                 \
		if (pid_ == 0) {                                               \
			unit_case = #fn;                                       \
			unit_case_failed = 0;                                  \
			fn();                                                  \
			fflush(stdout);                                        \
			exit(unit_case_failed ? 1 : 0);                        \
		}                                                              \
		if (pid_ < 0 || waitpid(pid_, &st_, 0) != pid_)                \
			st_ = -1;                                              \
		if (st_ == 0) {                                                \
			printf("PASS %s\n", #fn);                              \
		} else {                                                       \
			if (!WIFEXITED(st_) || WEXITSTATUS(st_) != 1)          \
				printf("FAIL %s: crashed (status %#x)\n", #fn, \
				       st_);                                   \
			unit_failed_cases++;                                   \
		}                                                              \
	} while (0)

#endif /* UNIT_HYP_FIXTURE_H */
