/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Warden cell ABI: what a running cell shares with the hypervisor and the
 * root cell.
 *
 * - struct warden_comm_region: the communication region, one page that the
 *   hypervisor provides and maps into the cell at the IPA of the cell
 *   config's WARDEN_MEM_COMM_REGION region.  It tells the inmate about its
 *   platform (GIC, CPUs) and carries the root's requests (message box).
 * - struct warden_cell_status: pages the hypervisor keeps per cell and maps
 *   read-only into the root cell, for the driver (state, failure, stats).
 *   Each cell also has a console ring (struct warden_console, firmware.h).
 */
#ifndef WARDEN_CELL_H
#define WARDEN_CELL_H

#include "config.h"
#include "types.h"

/* Cell states (warden_comm_region.cell_state, warden_cell_status.state). */
#define WARDEN_CELL_CREATED 0 /* resources taken, nothing loaded yet */
#define WARDEN_CELL_LOADING 1 /* loadable regions mapped into the root */
#define WARDEN_CELL_LOADED 2 /* images loaded, not started */
#define WARDEN_CELL_RUNNING 3
#define WARDEN_CELL_SHUT_DOWN 4 /* stopped by request or PSCI SYSTEM_OFF */
#define WARDEN_CELL_FAILED 5 /* stopped by the hypervisor: see failure */
#define WARDEN_CELL_NUM_STATES 6

/* Where inmates built with inmates/lib expect their comm region (IPA). */
#define WARDEN_COMM_REGION_IPA 0x80000000ull
#define WARDEN_COMM_REGION_SIZE 0x1000ull

#define WARDEN_COMM_SIGNATURE "WRDNCOMM"
/*
 * 4: WARDEN_REPLY_POWERING_OFF (the layout is that of 3).  A hypervisor of
 * revision 3 takes that reply for a refusal, so a cell checks the revision
 * before it gives it.
 * 5: console_uart_type and console_uart_base (zero in revision 4).
 */
#define WARDEN_COMM_REVISION 5

/*
 * The message protocol.  The root asks (WARDEN_HC_CELL_SHUTDOWN): the
 * hypervisor numbers the request in msg_seq, then posts it in msg_to_cell.
 * The inmate answers once per request: it writes reply_from_cell, then,
 * after a barrier, copies msg_seq into reply_seq.  Only a reply numbered
 * like the request counts; anything but APPROVED or POWERING_OFF is a
 * refusal.  Once the hypervisor has read the reply it takes the request
 * back (msg_to_cell = WARDEN_MSG_NONE).
 *
 *   APPROVED      the hypervisor stops the cell's CPUs at once: for an
 *                 inmate that has nothing to put away (bare metal).
 *   DENIED        the cell runs on; the root may still force it.
 *   POWERING_OFF  approved, and the cell shuts itself down, then calls
 *                 PSCI SYSTEM_OFF (an operating system that must first
 *                 sync and unmount).  The shutdown hypercall returns
 *                 -EINPROGRESS while the cell still runs, and 0 once it
 *                 has reached SYSTEM_OFF.  A cell that never gets there
 *                 is the root's to stop with WARDEN_SHUTDOWN_FORCE.
 *
 * No interrupt tells the inmate of a request: it polls msg_to_cell.
 */
/* warden_comm_region.msg_to_cell: the root's request */
#define WARDEN_MSG_NONE 0
#define WARDEN_MSG_SHUTDOWN_REQUEST 1

/* warden_comm_region.reply_from_cell: the inmate's answer (see reply_seq) */
#define WARDEN_REPLY_NONE 0
#define WARDEN_REPLY_APPROVED 1
#define WARDEN_REPLY_DENIED 2
#define WARDEN_REPLY_POWERING_OFF 3

/* One CPU of the cell, in the order of the config's cpu_set bits. */
struct warden_comm_cpu {
	uint64_t mpidr; /* MPIDR affinity: the PSCI CPU_ON target */
	uint64_t gicr_base; /* GICv3: this CPU's redistributor (RD_base) */
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_comm_cpu) == 16, "ABI size");

/* A link of the cell (config.h), as its config declares it. */
struct warden_comm_link {
	char name[WARDEN_CELL_NAME_MAX];
	/* common section, then side 0's and side 1's output sections */
	uint64_t virt_start;
	uint64_t common_size;
	uint64_t section_size;
	uint32_t side; /* this cell writes the section of this side */
	uint32_t doorbell_irq; /* the SPI the peer's rings arrive on */
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_comm_link) == 64, "ABI size");

/*
 * The inmate may run with its MMU and caches off, the hypervisor never does:
 * what each side writes lives in its own half of the page, so that cache
 * maintenance of one side's lines never writes back stale data over the
 * other's (a cache line is at most 2 KiB, CTR_EL0.CWG, D17.2.34).  An
 * inmate with its MMU on maps the page Normal Inner Write-Back Shareable,
 * like the hypervisor, and is then coherent with it without maintenance
 * (no mismatched memory attributes, in the ARM ARM's words): it only
 * orders its accesses with barriers, and writes nothing but its half.
 */
struct warden_comm_region {
	/* --- written by the hypervisor --- */
	char signature[8]; /* WARDEN_COMM_SIGNATURE */
	uint32_t revision; /* WARDEN_COMM_REVISION */
	uint32_t cell_id;
	volatile uint32_t cell_state;
	/* the root's request: WARDEN_MSG_*, numbered by msg_seq */
	volatile uint32_t msg_to_cell;
	volatile uint32_t msg_seq;
	uint32_t gic_version; /* WARDEN_GIC_V2 or WARDEN_GIC_V3 */
	uint32_t num_cpus; /* entries of cpus[] */
	uint64_t gicd_base; /* where the cell sees the distributor */
	uint64_t gicc_base; /* GICv2: the (virtual) CPU interface */
	uint32_t console_flags; /* WARDEN_CELL_CONSOLE if it reaches the UART */
	struct warden_comm_cpu cpus[WARDEN_MAX_CPUS];
	uint32_t num_links; /* entries of links[]: the config's links */
	uint32_t reserved;
	struct warden_comm_link links[WARDEN_MAX_LINKS];
	/*
	 * The UART the cell may print on itself, a WARDEN_UART_* (config.h)
	 * at IPA console_uart_base: the cell's own UART if its config names
	 * one (warden_cell_desc.uart_type), else the emulated PL011
	 * (vuart_base), else WARDEN_UART_NONE: only the console hypercall.
	 */
	uint32_t console_uart_type;
	uint32_t reserved2;
	uint64_t console_uart_base;
	uint8_t hypervisor_half_end[2048 - 1616];
	/* --- written by the inmate --- */
	/*
	 * WARDEN_REPLY_* to request reply_seq: the inmate writes the reply,
	 * then (after a barrier) copies msg_seq into reply_seq.
	 */
	volatile uint32_t reply_from_cell;
	volatile uint32_t reply_seq;
	uint8_t inmate_half_end[2048 - 8];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_comm_region) == WARDEN_COMM_REGION_SIZE,
	       "ABI size: one page");

/* Exit statistics, per CPU (warden_cell_status.stats[cpu][]). */
#define WARDEN_STAT_EXITS 0 /* all exits to EL2 */
#define WARDEN_STAT_HVC 1
#define WARDEN_STAT_SMC 2
#define WARDEN_STAT_PSCI 3
#define WARDEN_STAT_MMIO 4 /* trapped device accesses (distributor...) */
#define WARDEN_STAT_IRQ 5 /* physical interrupts taken */
#define WARDEN_STAT_SGI 6 /* of which SGIs */
#define WARDEN_STAT_SYSREG 7 /* trapped system register accesses */
#define WARDEN_STAT_MAINTENANCE 8 /* GIC maintenance interrupts */
#define WARDEN_STAT_NUM 9
#define WARDEN_STAT_NAMES                                                      \
	{                                                                      \
		"exits", "hvc", "smc", "psci", "mmio", "irq", "sgi", "sysreg", \
			"maintenance"                                          \
	}

#define WARDEN_FAILURE_LEN 256

/*
 * The status pages: two, since 64 CPUs' statistics alone take 4.5 KiB.
 * WARDEN_HC_CELL_STATE returns their start; they are contiguous.
 */
#define WARDEN_STATUS_SIZE 0x2000ull

/*
 * Refreshed by WARDEN_HC_CELL_STATE; read-only for the root.  cpu_set and
 * stats are indexed by platform CPU number (warden_platform.cpu_mpidr[]).
 */
struct warden_cell_status {
	char name[WARDEN_CELL_NAME_MAX];
	uint32_t id;
	uint32_t state; /* WARDEN_CELL_* */
	uint64_t cpu_set;
	uint64_t cpus_running; /* CPUs of the cell now in the cell */
	uint32_t loaded; /* images were loaded since the last create */
	uint32_t failed_cpu; /* for state WARDEN_CELL_FAILED */
	uint64_t starts; /* times the cell was started or reset */
	/* why the cell failed, in words; empty unless state is FAILED */
	char failure[WARDEN_FAILURE_LEN];
	uint64_t stats[WARDEN_MAX_CPUS][WARDEN_STAT_NUM];
	/*
	 * PSCI SYSTEM_RESETs of a cell started with WARDEN_START_RELOAD: each
	 * left the cell shut down for the root to load and start it again.
	 */
	uint64_t reset_requests;
	/*
	 * Pages of translation tables the hypervisor holds for the cell: its
	 * stage 2, and its DMA view in the SMMU (0 without an SMMU).
	 */
	uint32_t stage2_pages;
	uint32_t dma_pages;
	uint64_t reserved[6];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_cell_status) <= WARDEN_STATUS_SIZE,
	       "ABI size: the status pages");

#endif /* WARDEN_CELL_H */
