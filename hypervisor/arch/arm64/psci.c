// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI (ARM DEN 0022) and SMCCC (ARM DEN 0028) for cells.  Calls that manage
 * CPUs are checked against the calling cell's CPUs; CPU_ON starts the target
 * in the hypervisor first, which then enters the cell at the requested
 * address.  The real firmware is reached with SMC from EL2.
 */
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>

extern char hyp_cpu_on_entry[];

/*
 * The SMC32 calls' arguments are 32-bit: the upper halves of the registers
 * are the caller's garbage and must be ignored (ARM DEN 0028, 3.1).
 */
static u64 arg(const struct trap_frame *f, u64 fid, unsigned int n)
{
	return (fid & PSCI_64) ? f->x[n] : (u32)f->x[n];
}

static long firmware_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	return smc_call(fid, a1, a2, a3);
}

/*
 * Platform index of a CPU of the calling cell, or -1.  A target_cpu is an
 * MPIDR's affinity fields and nothing else: bits 63:40 and 31:24 must be
 * zero (ARM DEN 0022D, 5.1.4), so a value with stray bits names no CPU.
 */
static int cell_cpu_by_mpidr(const struct cell *cell, u64 mpidr)
{
	const struct warden_platform *p = &hyp.config->platform;
	unsigned int i;

	if (mpidr & ~MPIDR_AFF_MASK)
		return -1;
	for (i = 0; i < p->num_cpus; i++)
		if (p->cpu_mpidr[i] == mpidr)
			return cell_owns_cpu(cell, i) ? (int)i : -1;
	return -1;
}

/* Power on cpu into hyp_cpu_on_entry; it will run per_cpu_of(cpu)->cell. */
static long start_cpu(unsigned int cpu, u64 entry, u64 ctx)
{
	struct per_cpu *t = per_cpu_of(cpu);

	t->cpu = cpu;
	t->arch.on_entry = entry;
	t->arch.on_context = ctx;
	/* the target reads these with its MMU off */
	dcache_clean_range(t, sizeof(*t));
	return firmware_call(PSCI_CPU_ON | PSCI_64, platform_mpidr(cpu),
			     (u64)(uintptr_t)hyp_cpu_on_entry,
			     (u64)(uintptr_t)t);
}

int arch_cpu_start(unsigned int cpu, u64 entry, u64 context)
{
	long ret = start_cpu(cpu, entry, context);

	if (ret == PSCI_SUCCESS)
		return 0;
	printk("CPU %u: firmware CPU_ON failed (%ld)\n", cpu, ret);
	return ret == PSCI_ALREADY_ON ? -EBUSY : -EIO;
}

/* AFFINITY_INFO (ARM DEN 0022, 5.1.8): 1 is OFF. */
bool arch_cpu_is_off(unsigned int cpu)
{
	return firmware_call(PSCI_AFFINITY_INFO | PSCI_64, platform_mpidr(cpu),
			     0, 0) == 1;
}

void arch_cpu_power_off(void)
{
	firmware_call(PSCI_CPU_OFF, 0, 0, 0);
	/* the firmware refused: keep the CPU out of everyone's way */
	printk("CPU %u: firmware refused CPU_OFF; parked at EL2\n",
	       this_cpu()->cpu);
	for (;;)
		wfe();
}

void arch_cpu_park(struct per_cpu *pc)
{
	arch_cpu_deinit(pc);
	WRITE_ONCE(pc->online, 0);
	__atomic_sub_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST);
	dcache_clean_range(pc, sizeof(*pc));
	sev();
	arch_cpu_power_off();
}

/*
 * CPU_ON (ARM DEN 0022D, 5.1.4): the target must be a CPU of the caller's
 * cell, and the entry point an instruction in memory the cell may execute;
 * otherwise the firmware would start a CPU that faults at once, and the
 * report would name a vector, not the bad argument.
 */
static long cpu_on(struct per_cpu *caller, u64 mpidr, u64 entry, u64 ctx)
{
	int cpu = cell_cpu_by_mpidr(caller->cell, mpidr);
	struct per_cpu *t;

	if (cpu < 0)
		return PSCI_INVALID_PARAMETERS;
	if (!cell_entry_valid(caller->cell, entry))
		return PSCI_INVALID_ADDRESS;
	t = per_cpu_of((unsigned int)cpu);
	if (READ_ONCE(t->online))
		return PSCI_ALREADY_ON;
	t->cell = caller->cell;
	return start_cpu((unsigned int)cpu, entry, ctx);
}

/*
 * AFFINITY_INFO (5.1.5) at level 0 only: a higher level would aggregate
 * CPUs of other cells and tell the caller whether they run.
 */
static long affinity_info(const struct per_cpu *pc, u64 mpidr, u64 level)
{
	if (level != 0 || cell_cpu_by_mpidr(pc->cell, mpidr) < 0)
		return PSCI_INVALID_PARAMETERS;
	return firmware_call(PSCI_AFFINITY_INFO | PSCI_64, mpidr, 0, 0);
}

static long cpu_off(struct per_cpu *pc)
{
	if (pc->cell != &root_cell)
		arch_cpu_park(pc);
	arch_cpu_deinit(pc);
	pc->online = 0;
	__atomic_sub_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST);
	dcache_clean_range(pc, sizeof(*pc));
	firmware_call(PSCI_CPU_OFF, 0, 0, 0);
	/* only returns on failure: take the CPU back */
	printk("CPU %u: firmware refused CPU_OFF\n", pc->cpu);
	if (arch_cpu_init(pc, false))
		panic("CPU %u: cannot recover from a failed CPU_OFF\n",
		      pc->cpu);
	pc->online = 1;
	__atomic_add_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST);
	return PSCI_DENIED;
}

static const char *system_call_name(u32 fn)
{
	if (fn == PSCI_SYSTEM_OFF)
		return "PSCI SYSTEM_OFF";
	return fn == PSCI_SYSTEM_RESET ? "PSCI SYSTEM_RESET" :
					 "PSCI SYSTEM_RESET2";
}

/*
 * The root's SYSTEM_OFF, SYSTEM_RESET or SYSTEM_RESET2 takes the machine,
 * and every cell on it, down: cellctl names each cell first, or refuses if
 * the system config says the cells outlive the root.  (A normal reboot of
 * Linux never gets here with cells: warden.ko's reboot notifier shuts them
 * down and disables Warden first.)
 */
static long root_system_call(const struct trap_frame *f, u64 fid, u32 fn)
{
	if (cellctl_root_system_call(system_call_name(fn)))
		return PSCI_DENIED;
	/* SYSTEM_RESET2's reset type and cookie; the others take none */
	return firmware_call(fid, arg(f, fid, 1), arg(f, fid, 2), 0);
}

/* SYSTEM_OFF and SYSTEM_RESET of an inmate concern only its own cell. */
static long system_call(struct per_cpu *pc, struct trap_frame *f, u64 fid,
			u32 fn)
{
	if (pc->cell == &root_cell)
		return root_system_call(f, fid, fn);
	if (fn == PSCI_SYSTEM_OFF)
		cell_system_off(pc);
	cell_system_reset(pc, f);
	return PSCI_SUCCESS;
}

static long smccc(u64 fid, u64 arg)
{
	if (fid == SMCCC_VERSION)
		return SMCCC_VERSION_1_1;
	/* no firmware workarounds are offered through Warden yet */
	(void)arg;
	return PSCI_NOT_SUPPORTED;
}

/*
 * PSCI_FEATURES (ARM DEN 0022, 5.1.14): what this emulation implements, not
 * what the firmware does (CPU_SUSPEND, for one, is not offered to cells).
 */
static long features(u64 fid)
{
	switch ((u32)fid & ~PSCI_64) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return (fid >> 32) ? PSCI_NOT_SUPPORTED : PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

long psci_handle(struct trap_frame *f, u64 fid)
{
	struct per_cpu *pc = this_cpu();
	u32 fn = (u32)fid & ~PSCI_64;

	pc->stats[STAT_PSCI]++;
	if ((fid >> 32) != 0)
		return PSCI_NOT_SUPPORTED;
	switch (fn) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return smccc(fn, f->x[1]);
	case PSCI_VERSION:
	case PSCI_MIGRATE_INFO_TYPE:
		return firmware_call(fid, 0, 0, 0);
	case PSCI_FEATURES:
		return features(arg(f, fid, 1));
	case PSCI_AFFINITY_INFO:
		return affinity_info(pc, arg(f, fid, 1), arg(f, fid, 2));
	case PSCI_CPU_ON:
		return cpu_on(pc, arg(f, fid, 1), arg(f, fid, 2),
			      arg(f, fid, 3));
	case PSCI_CPU_OFF:
		return cpu_off(pc);
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		return system_call(pc, f, fid, fn);
	case PSCI_SYSTEM_RESET2:
		/* the root's goes to the firmware; cells have SYSTEM_RESET */
		if (pc->cell != &root_cell)
			return PSCI_NOT_SUPPORTED;
		return root_system_call(f, fid, fn);
	default:
		return PSCI_NOT_SUPPORTED;
	}
}
