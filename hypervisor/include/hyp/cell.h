/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cells.  The root cell (id 0) is built from the system config at enable and
 * owns everything the config gives it; inmate cells (ids 1..) are carved out
 * of it by the management hypercalls (cellctl.c) and give everything back
 * when destroyed.
 *
 * Life of an inmate cell (state in struct cell.state, WARDEN_CELL_*):
 *   CREATED -> LOADING -> LOADED -> RUNNING -> SHUT_DOWN | FAILED
 * and from SHUT_DOWN or FAILED back to LOADING or RUNNING.  The root cell's
 * management calls are serialised by one lock; a cell's own CPUs change
 * the state only with compare-and-swap from RUNNING (SYSTEM_OFF, a fault,
 * SYSTEM_RESET), so they never wait for the root.
 */
#ifndef HYP_CELL_H
#define HYP_CELL_H

#include <warden/cell.h>
#include <warden/config.h>
#include <warden/firmware.h>
#include <asm/spinlock.h>
#include <hyp/mmio.h>
#include <hyp/paging.h>
#include <hyp/pci.h>
#include <hyp/types.h>
#include <hyp/vpl011.h>

/* Internal state between RUNNING and the next one (not in the ABI). */
#define CELL_RESETTING 100 /* a CPU of the cell handles SYSTEM_RESET */
#define CELL_STOPPING 101 /* the root shuts it down or destroys it */

struct link;

#define CELL_LINE_MAX 120 /* console: longer lines are split */

struct cell {
	u32 id;
	bool in_use;
	char name[WARDEN_CELL_NAME_MAX];
	const struct warden_cell_desc *desc; /* the hypervisor's own copy */
	u64 cpu_set; /* CPUs (platform indices) owned */
	struct paging stage2;
	/* what its devices' DMA reaches, if there is an IOMMU (smmu.c) */
	struct paging dma;
	/* SPIs owned, by INTID; SGIs/PPIs follow the CPUs */
	u64 irq_bitmap[1024 / 64];
	struct mmio_table mmio;
	struct link *links[WARDEN_MAX_LINKS]; /* by index in the config */
	/* inmate cells only */
	u32 state; /* WARDEN_CELL_* or CELL_RESETTING/STOPPING */
	bool loaded;
	/* where the boot CPU starts, with x0: set by each root start */
	u64 entry;
	u64 entry_x0;
	/* a SYSTEM_RESET shuts it down for the root to reload it */
	bool reset_by_root;
	struct warden_comm_region *comm; /* mapped into the cell */
	/*
	 * The root's request as the hypervisor posted it.  The comm page is
	 * the inmate's to write, all of it, so what was asked is kept here
	 * and never read back from there (docs/isolation.md).
	 */
	u32 comm_msg; /* WARDEN_MSG_*; WARDEN_MSG_NONE: nothing pending */
	u32 comm_seq; /* number of the last request; never reused */
	/* it replied WARDEN_REPLY_POWERING_OFF; void at the next start */
	bool powering_off;
	struct warden_cell_status *status; /* read-only for the root */
	struct warden_console *console; /* read-only for the root */
	/* the console line being written (cell_console_putc()) */
	spinlock_t line_lock;
	u32 line_len;
	u32 line_shown; /* of line_len, in the ring already */
	char line[CELL_LINE_MAX + 2]; /* and "\n\0" */
	struct vpl011 vuart; /* the emulated console UART, if it has one */
	struct pci_fn pci[WARDEN_MAX_PCI_DEVICES]; /* by index in the config */
};

extern struct cell root_cell;

int cell_init_root(const struct warden_system *sys);
/* Build a cell's stage 2 and devices from desc (not yet live). */
int cell_init(struct cell *cell, const struct warden_cell_desc *desc, u32 id);
bool cell_owns_irq(const struct cell *cell, u32 intid);
bool cell_owns_cpu(const struct cell *cell, unsigned int cpu);
u32 cell_mem_flags(u32 config_flags);
/* May a CPU of the cell start at ipa (aligned, executable memory)? */
bool cell_entry_valid(const struct cell *cell, u64 ipa);
/* First CPU of the cell: the one that starts at reset_address. */
unsigned int cell_boot_cpu(const struct cell *cell);
/* RAM the cell owns alone: cleared at start and destroy. */
bool cell_region_is_private_ram(const struct warden_memory *m);
/* Stage-2 rights of root memory [start, start + size) (one root region). */
u32 cell_root_flags(u64 start, u64 size);

/* --- runs on a CPU of the cell --- */
struct per_cpu;
struct trap_frame;
/* The hypervisor's SGI arrived: park this CPU if its cell stops. */
void cell_check_stop(struct per_cpu *pc);
/* PSCI SYSTEM_OFF: the cell is shut down; does not return. */
void cell_system_off(struct per_cpu *pc) __attribute__((noreturn));
/* PSCI SYSTEM_RESET: restart the cell from its loaded image. */
void cell_system_reset(struct per_cpu *pc, struct trap_frame *frame);
/* The cell broke a rule: stop it and say why; does not return. */
void cell_fail(struct per_cpu *pc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/*
 * A device of the running cell broke a rule (its DMA, seen by the IOMMU):
 * fail the cell from whichever CPU saw it, and stop its CPUs.
 */
void cell_fail_dma(struct cell *cell, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Free the cell's translation tables: stage 2 and DMA view. */
void cell_free_tables(struct cell *cell);
/*
 * A character from the console hypercall of an inmate cell.  The line goes
 * to the console ring, and to the UART if the config allows, once whole.
 */
void cell_console_putc(struct cell *cell, char c);
/*
 * A character from the cell's emulated UART: the same, but the ring gets
 * the line so far at once, so that a prompt without a newline is seen.
 */
void cell_console_show(struct cell *cell, char c);

/* --- shared with the management calls (cellctl.c) --- */
/* Make the cell's RAM and comm region ready for a (re)start. */
int cell_prepare_start(struct cell *cell);
/* Park every CPU of the cell and wait until each is off (root CPUs). */
int cell_stop_cpus(struct cell *cell);
/* Copy the live statistics of the cell's CPUs into its status page. */
void cell_update_status(struct cell *cell);
void cell_set_state(struct cell *cell, u32 state);
/* Post a request of the root in the comm region (WARDEN_MSG_NONE: none). */
void cell_comm_request(struct cell *cell, u32 msg);
bool cell_comm_request_pending(const struct cell *cell);
/* The inmate's reply to the current request, if it has given one. */
bool cell_comm_reply(const struct cell *cell, u32 *reply);
/* Move from `from` to `to` unless the state changed meanwhile. */
bool cell_change_state(struct cell *cell, u32 from, u32 to);

#endif /* HYP_CELL_H */
