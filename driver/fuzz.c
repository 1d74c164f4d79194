// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARDEN_IOCTL_TEST_FUZZ: random hypercalls from the root cell, for the
 * isolation tests.  Only with the module parameter test_fuzz=1.
 *
 * Function IDs are drawn mostly near the Warden range (owner 6), where the
 * hypervisor has the most to check, and otherwise anywhere in 32 or 64 bits;
 * arguments mix small numbers, all-ones, addresses of root RAM and of the
 * hypervisor, and random bits.  What the root may do on purpose is left
 * out: see include/warden/ioctl.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#include "hvc.h"
#include "warden.h"

static bool fuzz_enabled;
module_param_named(test_fuzz, fuzz_enabled, bool, 0444);
MODULE_PARM_DESC(test_fuzz, "testing only: allow WARDEN_IOCTL_TEST_FUZZ");

#define FUZZ_MAX_CALLS 1000000

/* xorshift64*: a deterministic stream from the seed */
static u64 fuzz_next(u64 *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static u64 fuzz_arg(u64 *s)
{
	u64 r = fuzz_next(s);

	switch (r % 8) {
	case 0:
		return 0;
	case 1:
		return r >> 60; /* small: ids, flags */
	case 2:
		return ~0ULL;
	case 3: /* somewhere in the hypervisor's memory */
		return warden.hv_phys + (fuzz_next(s) % warden.hv_size);
	case 4: /* root RAM */
		return 0x40000000 + (fuzz_next(s) % 0x30000000);
	case 5: /* a cell's RAM */
		return 0x70000000 + (fuzz_next(s) % 0x0fc00000);
	default:
		return fuzz_next(s);
	}
}

static u32 fuzz_fid(u64 *s)
{
	u64 r = fuzz_next(s);

	switch (r % 4) {
	case 0:
	case 1: /* the Warden range, as fast and as yielding calls */
		return (u32)((WARDEN_HC_BASE | ((r >> 8) % 0x40)) &
			     ((r & 0x100) ? ~WARDEN_SMCCC_FAST : ~0u));
	case 2:
		return (u32)(0x80000000u | (r >> 32));
	default:
		return (u32)(r >> 32);
	}
}

/* A call the root makes on purpose to change the machine: never drawn. */
static bool fuzz_forbidden(u32 fid, u64 a1)
{
	u32 owner = (fid >> 24) & 0x3f;

	if ((fid & 0x80000000u) && owner == 4)
		return true; /* PSCI: CPU_OFF, SYSTEM_OFF, ... */
	if ((fid & 0x80000000u) && owner == 0)
		return true; /* SMCCC arch calls: workarounds */
	if (fid == WARDEN_HC_DISABLE || fid == WARDEN_HC_CONSOLE_PUTC)
		return true; /* (random characters on the console: valid) */
	if (fid >= WARDEN_HC_CELL_SET_LOADABLE &&
	    fid <= WARDEN_HC_CELL_CONSOLE_INPUT && a1 < WARDEN_MAX_CELLS &&
	    warden.cells[a1].in_use)
		return true;
	return false;
}

static void fuzz_run(struct warden_fuzz_args *a)
{
	u64 s = a->seed ? a->seed : 1, n, a1;
	struct hvc_res r;
	u32 fid;

	for (n = 0; n < a->count; n++) {
		do {
			fid = fuzz_fid(&s);
			a1 = fuzz_arg(&s);
		} while (fuzz_forbidden(fid, a1));
		r = hvc_call(fid, a1, fuzz_arg(&s), fuzz_arg(&s), fuzz_arg(&s));
		a->made++;
		if ((long)r.x0 < 0)
			a->refused++;
		else
			a->succeeded++;
		if (!(n % 1024))
			cond_resched();
	}
}

/* warden.lock, if Warden is enabled; 0, or the error with no lock held. */
static int fuzz_lock_enabled(void)
{
	int ret = mutex_lock_interruptible(&warden.lock);

	if (ret)
		return ret;
	if (warden.enabled)
		return 0;
	mutex_unlock(&warden.lock);
	return -ENODEV;
}

long fuzz_ioctl(struct warden_fuzz_args __user *uargs)
{
	struct warden_fuzz_args a;
	int ret;

	if (!fuzz_enabled)
		return -EPERM;
	if (copy_from_user(&a, uargs, sizeof(a)))
		return -EFAULT;
	if (a.count > FUZZ_MAX_CALLS)
		return -EINVAL;
	a.made = a.refused = a.succeeded = 0;
	ret = fuzz_lock_enabled();
	if (ret)
		return ret;
	fuzz_run(&a);
	mutex_unlock(&warden.lock);
	if (copy_to_user(uargs, &a, sizeof(a)))
		return -EFAULT;
	pr_info("fuzz: %llu hypercalls (seed %llu): %llu refused, %llu succeeded\n",
		a.made, a.seed, a.refused, a.succeeded);
	return 0;
}

/* Testing only: one call of the caller's choice (WARDEN_IOCTL_TEST_CALL). */
long fuzz_call_ioctl(struct warden_test_call_args __user *uargs)
{
	struct warden_test_call_args a;
	struct arm_smccc_res res;
	int ret;

	if (!fuzz_enabled)
		return -EPERM;
	if (copy_from_user(&a, uargs, sizeof(a)))
		return -EFAULT;
	if (a.conduit > WARDEN_TEST_CALL_SMC || a.reserved)
		return -EINVAL;
	ret = fuzz_lock_enabled();
	if (ret)
		return ret;
	pr_info("test call: %s 0x%llx (0x%llx, 0x%llx, 0x%llx)\n",
		a.conduit == WARDEN_TEST_CALL_SMC ? "SMC" : "HVC", a.fid,
		a.args[0], a.args[1], a.args[2]);
	if (a.conduit == WARDEN_TEST_CALL_SMC) {
		arm_smccc_smc(a.fid, a.args[0], a.args[1], a.args[2], 0, 0, 0,
			      0, &res);
		a.ret = (s64)res.a0;
	} else {
		a.ret = (s64)hvc_call(a.fid, a.args[0], a.args[1], a.args[2], 0)
				.x0;
	}
	mutex_unlock(&warden.lock);
	return copy_to_user(uargs, &a, sizeof(a)) ? -EFAULT : 0;
}
