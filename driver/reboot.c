// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root reboots or powers off (reboot -f and poweroff -f too: both run
 * the reboot notifiers).  Cells are never killed silently: each running
 * cell is asked to shut down through its comm region and given a bounded
 * time to get there (to answer, and for a cell that powers off itself, a
 * Linux cell, to reach SYSTEM_OFF), then every cell is destroyed and
 * Warden disabled, so that Linux resets the machine through the firmware
 * as it would without Warden.  A root that resets without its notifiers (a panic, SysRq-B)
 * reaches the hypervisor instead, which names every cell on its console
 * and goes ahead or refuses (WARDEN_SYS_REFUSE_ROOT_RESET, config.h).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/reboot.h>

#include "warden.h"

static unsigned int reboot_wait_ms = 2000;
module_param_named(reboot_wait_ms, reboot_wait_ms, uint, 0644);
MODULE_PARM_DESC(reboot_wait_ms,
		 "at reboot or poweroff, how long the running cells have to "
		 "shut down, in all (ms, default 2000; a Linux cell may need "
		 "30000)");

static const char *reboot_what(unsigned long action)
{
	switch (action) {
	case SYS_RESTART:
		return "reboot";
	case SYS_POWER_OFF:
		return "power off";
	default:
		return "halt";
	}
}

static int reboot_notify(struct notifier_block *nb, unsigned long action,
			 void *unused)
{
	struct kobject *kobjs[WARDEN_MAX_CELLS] = { NULL };
	unsigned int id;
	int ret;

	mutex_lock(&warden.lock);
	if (warden.enabled) {
		pr_info("reboot: Linux is about to %s: the cells first, then Warden\n",
			reboot_what(action));
		cells_stop_all(reboot_wait_ms, kobjs);
		ret = disable_hypervisor();
		if (ret)
			pr_err("reboot: Warden stays enabled (error %d); the hypervisor names the cells that go down with the machine\n",
			       ret);
		else
			pr_info("reboot: Warden disabled\n");
	}
	mutex_unlock(&warden.lock);
	/* sysfs readers take warden.lock: remove the entries without it */
	for (id = 0; id < WARDEN_MAX_CELLS; id++)
		if (kobjs[id])
			cellattrs_remove(kobjs[id]);
	return NOTIFY_DONE;
}

static struct notifier_block reboot_nb = {
	.notifier_call = reboot_notify,
};

int reboot_init(void)
{
	return register_reboot_notifier(&reboot_nb);
}

void reboot_exit(void)
{
	unregister_reboot_notifier(&reboot_nb);
}
