// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercalls in the SMCCC vendor-specific hypervisor range (owner 6).  All
 * arguments come from a cell and are checked before use.
 */
#include <warden/hypercall.h>
#include <asm/percpu.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/console.h>
#include <hyp/control.h>
#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <asm/mmu.h>
#include <asm/sysreg.h>

static void control_print_stats(const struct per_cpu *pc)
{
	const u64 *s = pc->stats;

	printk("CPU %u: %llu exits: %llu interrupts (%llu SGIs, %llu maintenance), "
	       "%llu MMIO, %llu HVC, %llu SMC, %llu sysreg; "
	       "%llu waited for a list register; stack: %lu of %lu bytes used\n",
	       pc->cpu, (unsigned long long)s[STAT_EXITS],
	       (unsigned long long)s[STAT_IRQ], (unsigned long long)s[STAT_SGI],
	       (unsigned long long)s[STAT_MAINTENANCE],
	       (unsigned long long)s[STAT_MMIO],
	       (unsigned long long)s[STAT_HVC], (unsigned long long)s[STAT_SMC],
	       (unsigned long long)s[STAT_SYSREG],
	       (unsigned long long)pc->pending.overflows, percpu_stack_used(pc),
	       (unsigned long)(PERCPU_SIZE - sizeof(*pc)));
}

long control_disable_cpu(struct trap_frame *frame)
{
	struct per_cpu *pc = this_cpu();

	if (pc->cell != &root_cell)
		return -EPERM;
	/* cells would lose their CPUs' hypervisor: destroy them first */
	if (cellctl_ids() != 1)
		return -EBUSY;
	/* a virtual LPI cannot go back to the GIC: Linux takes it first */
	if (arch_cpu_holds_lpis(pc))
		return -EAGAIN;
	control_print_stats(pc);
	arch_cpu_deinit(pc);
	pc->online = 0;
	if (__atomic_sub_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST) == 0) {
		/* the root's devices translate through its tables until now */
		arch_dma_shutdown();
		printk("disabled\n");
	}
	frame->x[0] = 0;
	/* everything the MMU-off exit path reads must be in memory */
	dcache_clean_range(frame, sizeof(*frame));
	dcache_clean_range(pc, sizeof(*pc));
	arch_cpu_exit(frame);
}

/*
 * Each call answers in the frame itself (x0, and x1 for some), so that the
 * dispatch below is a tail call and the trap path keeps no stack frame
 * around it (traps.c).
 */
static void hc_version(struct trap_frame *frame, u64 fid)
{
	(void)fid;
	frame->x[1] = WARDEN_ABI_VERSION;
	frame->x[0] = WARDEN_MAGIC;
}

static void hc_disable(struct trap_frame *frame, u64 fid)
{
	(void)fid;
	frame->x[0] = (u64)control_disable_cpu(frame);
}

static long info(u64 what)
{
	switch (what) {
	case WARDEN_INFO_POOL_PAGES:
		return (long)hyp.pool.pages;
	case WARDEN_INFO_POOL_USED:
		return (long)hyp.pool.used;
	case WARDEN_INFO_NUM_CELLS:
		return (long)cellctl_count();
	case WARDEN_INFO_CPUS_ENABLED:
		return (long)READ_ONCE(hyp.cpus_enabled);
	case WARDEN_INFO_CELL_IDS:
		return (long)cellctl_ids();
	case WARDEN_INFO_ERRMSG:
		return (long)cellctl_errmsg_page();
	default:
		return -EINVAL;
	}
}

static void hc_info(struct trap_frame *frame, u64 fid)
{
	(void)fid;
	frame->x[0] = (u64)info(frame->x[1]);
}

static void hc_console_putc(struct trap_frame *frame, u64 fid)
{
	struct per_cpu *pc = this_cpu();
	char s[2] = { (char)frame->x[1], 0 };

	(void)fid;
	if (pc->cell != &root_cell)
		cell_console_putc(pc->cell, s[0]);
	else
		console_write("", s);
	frame->x[0] = 0;
}

static void hc_cell(struct trap_frame *frame, u64 fid)
{
	frame->x[0] = (this_cpu()->cell != &root_cell) ?
			      (u64)-EPERM :
			      (u64)cellctl_hypercall(fid, frame);
}

static void hc_link(struct trap_frame *frame, u64 fid)
{
	frame->x[0] = (u64)link_hypercall(this_cpu(), fid, frame->x[1]);
}

typedef void (*hypercall_fn)(struct trap_frame *frame, u64 fid);

/* The calls by function number (include/warden/hypercall.h). */
static const hypercall_fn hypercalls[] = {
	[WARDEN_HC_VERSION - WARDEN_HC_BASE] = hc_version,
	[WARDEN_HC_DISABLE - WARDEN_HC_BASE] = hc_disable,
	[WARDEN_HC_INFO - WARDEN_HC_BASE] = hc_info,
	[WARDEN_HC_CONSOLE_PUTC - WARDEN_HC_BASE] = hc_console_putc,
	[WARDEN_HC_CELL_CREATE -
		WARDEN_HC_BASE... WARDEN_HC_CELL_CONSOLE_INPUT -
		WARDEN_HC_BASE] = hc_cell,
	[WARDEN_HC_LINK_RING - WARDEN_HC_BASE] = hc_link,
	[WARDEN_HC_LINK_STATE - WARDEN_HC_BASE] = hc_link,
};

/* The SMCCC queries every service answers (ARM DEN 0028, "Call UID"). */
static long smccc_query(struct trap_frame *frame, u64 fid)
{
	long count = 0;
	unsigned int i;

	if ((fid & ~0xffUL) != (WARDEN_HC_CALL_COUNT & ~0xffu))
		return WARDEN_SMCCC_NOT_SUPPORTED;
	switch (fid) {
	case WARDEN_HC_CALL_COUNT:
		for (i = 0; i < ARRAY_SIZE(hypercalls); i++)
			count += hypercalls[i] != NULL;
		return count;
	case WARDEN_HC_REVISION:
		frame->x[1] = 0;
		return WARDEN_ABI_VERSION;
	default:
		return WARDEN_SMCCC_NOT_SUPPORTED;
	}
}

void control_own_call(struct trap_frame *frame, u64 fid, u64 n)
{
	if ((n < ARRAY_SIZE(hypercalls)) && (hypercalls[n] != NULL)) {
		hypercalls[n](frame, fid);
		return;
	}
	frame->x[0] = (u64)WARDEN_SMCCC_NOT_SUPPORTED;
}

void control_hypercall(struct trap_frame *frame, u64 fid)
{
	u64 n = fid - WARDEN_HC_BASE;

	if (n <= CONTROL_FN_MAX)
		control_own_call(frame, fid, n);
	else
		frame->x[0] = (u64)smccc_query(frame, fid);
}
