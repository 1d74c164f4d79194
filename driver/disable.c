// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARDEN_IOCTL_DISABLE: hand every CPU back to Linux's hyp stub
 * (docs/architecture.md, entry from Linux).  The firmware restores the
 * stub's VBAR_EL2 that it saved on entry, so no kernel symbol is needed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "warden.h"

/*
 * After disable every CPU must be back at the stub's vectors
 * (docs/architecture.md, stub pitfall 4): the stub answers its probe again
 * and no longer knows Warden's version call.
 */
static int disable_check_stub(void)
{
	char msg[WARDEN_ERRMSG_LEN];
	int ret;

	cpus_read_lock();
	ret = cpu_probe_all(msg);
	if (!ret)
		pr_info("hyp stub answers again on CPUs %*pbl\n",
			cpumask_pr_args(cpu_online_mask));
	cpus_read_unlock();
	return ret ? -EIO : 0;
}

int disable_hypervisor(void)
{
	int ret;

	unsigned int id, n = 0;

	if (!warden.enabled) {
		pr_err("disable: not enabled\n");
		return -EINVAL;
	}
	for (id = 1; id < WARDEN_MAX_CELLS; id++)
		n += warden.cells[id].in_use;
	if (n) {
		pr_err("disable: %u cells exist; destroy them first\n", n);
		return -EBUSY;
	}

	ret = links_disable();
	if (ret)
		return ret;
	cpus_read_lock();
	ret = cpu_disable_all();
	cpus_read_unlock();
	/*
	 * On failure the CPUs handed back so far stay with the stub; a retry
	 * skips them (cpu.c), so we stay "enabled" until all are back.
	 */
	if (ret) {
		links_enable(warden.sys);
		return ret;
	}

	WRITE_ONCE(warden.enabled, false);
	kvfree(warden.sys);
	warden.sys = NULL;
	module_put(THIS_MODULE);
	pr_info("disabled\n");
	return disable_check_stub();
}
