// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU work at EL2: probing the hyp stub, entering the firmware and
 * leaving it.  VBAR_EL2 is per CPU, so each sequence runs on its own CPU
 * with IRQs off, under cpus_read_lock() held by the caller so that the set
 * of online CPUs cannot change (architecture.md, stub pitfall 3).  Probes run
 * from an IPI; entering and leaving EL2 run from a task (see
 * cpu_run_in_task()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/smp.h>
#include <asm/cputype.h>

#include <warden/hypercall.h>

#include "hvc.h"
#include "warden.h"

/* What owns EL2 on a CPU, as far as HVC calls can tell. */
enum cpu_el2 {
	CPU_EL2_STUB, /* the kernel's hyp stub */
	CPU_EL2_WARDEN, /* a Warden firmware */
	CPU_EL2_OTHER, /* KVM or something else */
};

static enum cpu_el2 cpu_el2_owner(void)
{
	if (!hvc_stub_answers())
		return CPU_EL2_OTHER;
	/*
	 * Warden answers stub calls like the stub (architecture.md, stub
	 * pitfall 5), but the stub answers HVC_STUB_ERR to the version call.
	 */
	if (hvc_call0(WARDEN_HC_VERSION) == WARDEN_MAGIC)
		return CPU_EL2_WARDEN;
	return CPU_EL2_STUB;
}

static void cpu_do_probe(void *arg)
{
	*(enum cpu_el2 *)arg = cpu_el2_owner();
}

static int cpu_report_owner(unsigned int cpu, enum cpu_el2 owner, char *errmsg)
{
	switch (owner) {
	case CPU_EL2_STUB:
		return 0;
	case CPU_EL2_WARDEN:
		warden_errmsg(errmsg,
			      "CPU %u: a Warden hypervisor already runs at EL2",
			      cpu);
		return -EBUSY;
	default:
		warden_errmsg(
			errmsg,
			"CPU %u: no EL2 hyp stub (KVM owns EL2? boot with kvm-arm.mode=none)",
			cpu);
		return -ENODEV;
	}
}

/* Check that every online CPU has the hyp stub at EL2. */
int cpu_probe_all(char *errmsg)
{
	enum cpu_el2 owner;
	unsigned int cpu;
	int ret;

	for_each_online_cpu(cpu) {
		ret = smp_call_function_single(cpu, cpu_do_probe, &owner, 1);
		if (ret) {
			warden_errmsg(errmsg,
				      "CPU %u: cannot run on it (error %d)",
				      cpu, ret);
			return ret;
		}
		ret = cpu_report_owner(cpu, owner, errmsg);
		if (ret)
			return ret;
	}
	return 0;
}

static void cpu_do_read_mpidr(void *arg)
{
	*(u64 *)arg = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
}

/* Index of `mpidr` in the config's CPU list, or -1. */
static int cpu_config_index(const struct warden_system *sys, u64 mpidr)
{
	u32 n = min_t(u32, sys->platform.num_cpus, WARDEN_MAX_CPUS);
	u32 i;

	for (i = 0; i < n; i++)
		if ((sys->platform.cpu_mpidr[i] & MPIDR_HWID_BITMASK) == mpidr)
			return (int)i;
	return -1;
}

/*
 * Map every online Linux CPU to its number in the config (the index of its
 * MPIDR in platform.cpu_mpidr[]).  cpu_logical_map() is not exported, so ask
 * each CPU for its MPIDR.  *online_cpus gets the config numbers.
 */
int cpu_map_online(const struct warden_system *sys, u32 max_cpus,
		   u32 *online_cpus, int *linux_cpu, char *errmsg)
{
	unsigned int cpu;
	u64 mpidr;
	int ret, idx;

	*online_cpus = 0;
	for (idx = 0; idx < WARDEN_MAX_CPUS; idx++)
		linux_cpu[idx] = -1;
	for_each_online_cpu(cpu) {
		ret = smp_call_function_single(cpu, cpu_do_read_mpidr, &mpidr,
					       1);
		if (ret) {
			warden_errmsg(errmsg,
				      "CPU %u: cannot run on it (error %d)",
				      cpu, ret);
			return ret;
		}
		idx = cpu_config_index(sys, mpidr);
		if (idx < 0) {
			warden_errmsg(
				errmsg,
				"CPU %u (MPIDR 0x%llx) is not in the system config",
				cpu, mpidr);
			return -EINVAL;
		}
		if ((u32)idx >= max_cpus) {
			warden_errmsg(
				errmsg,
				"CPU %u (MPIDR 0x%llx) is config CPU %d, but firmware %s supports %u CPUs",
				cpu, mpidr, idx, warden_fw_name, max_cpus);
			return -EINVAL;
		}
		if (cpu != (unsigned int)idx)
			pr_info("Linux CPU %u is config CPU %d\n", cpu, idx);
		*online_cpus |= 1U << idx;
		linux_cpu[idx] = (int)cpu;
	}
	return 0;
}

enum cpu_enter_result {
	CPU_ENTERED,
	CPU_NOT_STUB, /* see .owner */
	CPU_ENTRY_FAILED, /* the firmware returned .err */
	CPU_BAD_VERSION, /* entered, but the version call answers .version */
};

struct cpu_enter_call {
	unsigned long entry; /* physical address of the firmware entry */
	unsigned long base; /* physical base of hypervisor memory */
	unsigned long kind; /* WARDEN_ENTRY_FIRST or _SECONDARY */
	enum cpu_enter_result result;
	enum cpu_el2 owner;
	long err;
	struct hvc_res version;
};

struct cpu_task_call {
	smp_call_func_t fn;
	void *arg;
};

static int cpu_task_fn(void *data)
{
	struct cpu_task_call *c = data;
	unsigned long flags;

	local_irq_save(flags);
	c->fn(c->arg);
	local_irq_restore(flags);
	return 0;
}

/*
 * Run fn on cpu from a task (a bound kworker), with IRQs off.  Entering or
 * leaving EL2 must not happen inside an interrupt handler, as
 * smp_call_function_single() would run it: Linux would deactivate the IPI
 * that brought it there after the switch, through the other (virtual or
 * physical) GIC CPU interface, and the physical SGI would stay active for
 * good, swallowing every later IPI of that number.
 */
static int cpu_run_in_task(unsigned int cpu, smp_call_func_t fn, void *arg)
{
	struct cpu_task_call c = { fn, arg };

	return smp_call_on_cpu(cpu, cpu_task_fn, &c, false);
}

/* Runs on the target CPU, in a task, with IRQs off. */
static void cpu_do_enter(void *arg)
{
	struct cpu_enter_call *call = arg;
	struct hvc_res res;

	call->owner = cpu_el2_owner();
	if (call->owner != CPU_EL2_STUB) {
		call->result = CPU_NOT_STUB;
		return;
	}
	/*
	 * The stub branches to x1 at EL2 with the MMU off and x0..x2 taken
	 * from x2..x4; ELR_EL2/SPSR_EL2 still hold our return state, so the
	 * firmware's eret lands after this hvc with its result in x0.
	 */
	res = hvc_call(HVC_SOFT_RESTART, call->entry, call->kind, call->base,
		       0);
	call->err = (long)res.x0;
	if (call->err) {
		call->result = CPU_ENTRY_FAILED;
		return;
	}
	call->version = hvc_call(WARDEN_HC_VERSION, 0, 0, 0, 0);
	if (call->version.x0 != WARDEN_MAGIC ||
	    call->version.x1 != WARDEN_ABI_VERSION) {
		call->result = CPU_BAD_VERSION;
		return;
	}
	call->result = CPU_ENTERED;
}

static int cpu_report_enter(unsigned int cpu, const struct cpu_enter_call *call,
			    char *errmsg)
{
	switch (call->result) {
	case CPU_ENTERED:
		return 0;
	case CPU_NOT_STUB:
		return cpu_report_owner(cpu, call->owner, errmsg);
	case CPU_ENTRY_FAILED:
		warden_errmsg(
			errmsg,
			"CPU %u: firmware entry failed (error %ld, see the console)",
			cpu, call->err);
		return call->err < 0 && call->err >= -MAX_ERRNO ?
			       (int)call->err :
			       -EIO;
	default:
		warden_errmsg(
			errmsg,
			"CPU %u: firmware answers version 0x%lx/%lu, expected 0x%x/%u",
			cpu, call->version.x0, call->version.x1, WARDEN_MAGIC,
			WARDEN_ABI_VERSION);
		return -EPROTO;
	}
}

enum cpu_disable_result {
	CPU_LEFT,
	CPU_WAS_OUT, /* the stub answered: not in the hypervisor */
	CPU_DISABLE_FAILED,
};

struct cpu_disable_call {
	enum cpu_disable_result result;
	long err;
};

/*
 * Runs on the target CPU, in a task, with IRQs off.  The hypervisor
 * answers -EAGAIN while it holds an LPI (an MSI through the ITS) for this
 * CPU, which cannot go back to the GIC: interrupts are let in for a moment
 * to take it, and the call is made again.
 */
static void cpu_do_disable(void *arg)
{
	struct cpu_disable_call *call = arg;
	unsigned long res = hvc_call0(WARDEN_HC_DISABLE);
	unsigned int tries = 0;

	while (res == (unsigned long)-EAGAIN && ++tries < 1000) {
		local_irq_enable();
		cpu_relax();
		local_irq_disable();
		res = hvc_call0(WARDEN_HC_DISABLE);
	}

	if (res == HVC_STUB_ERR)
		call->result = CPU_WAS_OUT;
	else if (res)
		call->result = CPU_DISABLE_FAILED;
	else
		call->result = CPU_LEFT;
	call->err = (long)res;
}

static int cpu_disable_one(unsigned int cpu)
{
	struct cpu_disable_call call = { .result = CPU_DISABLE_FAILED };
	int ret;

	ret = cpu_run_in_task(cpu, cpu_do_disable, &call);
	if (ret) {
		pr_err("CPU %u: cannot run on it to disable (error %d)\n", cpu,
		       ret);
		return ret;
	}
	switch (call.result) {
	case CPU_LEFT:
		return 0;
	case CPU_WAS_OUT:
		pr_warn("CPU %u: was not in the hypervisor\n", cpu);
		return 0;
	default:
		pr_err("CPU %u: the hypervisor refused to disable (error %ld)\n",
		       cpu, call.err);
		return call.err < 0 && call.err >= -MAX_ERRNO ? (int)call.err :
								-EIO;
	}
}

/* Undo a partial enable on the CPUs in `entered`, then check the stub. */
static void cpu_rollback(const struct cpumask *entered)
{
	char msg[WARDEN_ERRMSG_LEN];
	unsigned int cpu;

	if (cpumask_empty(entered))
		return;
	for_each_cpu(cpu, entered)
		if (cpu_disable_one(cpu))
			pr_err("CPU %u: rollback failed; it stays in the hypervisor\n",
			       cpu);
	if (!cpu_probe_all(msg))
		pr_info("rolled back CPUs %*pbl; hyp stub answers on all CPUs\n",
			cpumask_pr_args(entered));
}

/* Enter the firmware on every online CPU, the first one doing the set-up. */
int cpu_enter_all(const struct fw_layout *lay, char *errmsg)
{
	struct cpu_enter_call call = {
		.entry = lay->phys + lay->entry_offset,
		.base = lay->phys,
		.kind = WARDEN_ENTRY_FIRST,
	};
	cpumask_var_t entered;
	unsigned int cpu;
	int ret = 0;

	if (!zalloc_cpumask_var(&entered, GFP_KERNEL)) {
		warden_errmsg(errmsg, "out of memory");
		return -ENOMEM;
	}
	for_each_online_cpu(cpu) {
		call.result = CPU_NOT_STUB;
		call.owner = CPU_EL2_OTHER;
		ret = cpu_run_in_task(cpu, cpu_do_enter, &call);
		if (ret) {
			warden_errmsg(errmsg,
				      "CPU %u: cannot run on it (error %d)",
				      cpu, ret);
			break;
		}
		/* entered, even if the version check below fails */
		if (call.result == CPU_ENTERED ||
		    call.result == CPU_BAD_VERSION)
			cpumask_set_cpu(cpu, entered);
		ret = cpu_report_enter(cpu, &call, errmsg);
		if (ret)
			break;
		call.kind = WARDEN_ENTRY_SECONDARY;
	}
	if (ret)
		cpu_rollback(entered);
	free_cpumask_var(entered);
	return ret;
}

/*
 * Hand every online CPU back to the stub.  Stops at the first refusal; the
 * CPUs already out answer the next attempt like the stub does.
 */
int cpu_disable_all(void)
{
	unsigned int cpu;
	int ret;

	for_each_online_cpu(cpu) {
		ret = cpu_disable_one(cpu);
		if (ret)
			return ret;
	}
	return 0;
}
