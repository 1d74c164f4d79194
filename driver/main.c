// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden.ko: module set-up, /dev/warden and its ioctls.
 *
 * The driver loads the Warden firmware into reserved memory and enters it at
 * EL2 on every online CPU through the kernel's hyp stub (architecture.md,
 * entry from Linux).  It uses only exported symbols, so it builds and runs
 * on a stock kernel.  Loaded in a Linux cell instead, it only answers the
 * root's shutdown requests (incell.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "hvc.h"
#include "warden.h"

struct warden_state warden = {
	.lock = __MUTEX_INITIALIZER(warden.lock),
};

/* This Linux is a cell, not the root: incell.c does all there is to do. */
static bool warden_in_cell;

char *warden_fw_name = "warden.bin";
module_param_named(fw_name, warden_fw_name, charp, 0444);
MODULE_PARM_DESC(fw_name, "hypervisor image in /lib/firmware");

/* Testing aid: fewer list registers make the overflow path run for real. */
unsigned int warden_max_lrs;
module_param_named(max_lrs, warden_max_lrs, uint, 0444);
MODULE_PARM_DESC(max_lrs, "use at most this many GIC list registers (0: all)");

/* Record why a call failed, for the caller (errmsg) and for dmesg. */
void warden_errmsg(char *errmsg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, WARDEN_ERRMSG_LEN, fmt, ap);
	va_end(ap);
	pr_err("%s\n", errmsg);
}

void warden_report_problem(void *ctx, const char *fmt, ...)
{
	struct warden_report *rep = ctx;
	char line[WARDEN_ERRMSG_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	pr_err("%s\n", line);
	if (rep->count++ == 0)
		strscpy(rep->errmsg, line, WARDEN_ERRMSG_LEN);
}

void warden_report_done(const struct warden_report *rep)
{
	size_t n = strlen(rep->errmsg);

	if (rep->count > 1)
		snprintf(rep->errmsg + n, WARDEN_ERRMSG_LEN - n,
			 " (and %u more, see dmesg)", rep->count - 1);
}

static long warden_ioctl_enable(struct warden_enable_args __user *uargs)
{
	struct warden_enable_args args;
	int ret;

	if (copy_from_user(&args, uargs, sizeof(args)))
		return -EFAULT;
	memset(args.errmsg, 0, sizeof(args.errmsg));

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = enable_hypervisor(u64_to_user_ptr(args.config_ptr),
				args.config_size, args.errmsg);
	mutex_unlock(&warden.lock);

	if (copy_to_user(uargs->errmsg, args.errmsg, sizeof(args.errmsg)))
		return -EFAULT;
	return ret;
}

static long warden_ioctl_disable(void)
{
	int ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = disable_hypervisor();
	mutex_unlock(&warden.lock);
	return ret;
}

static long warden_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	switch (cmd) {
	case WARDEN_IOCTL_ENABLE:
		return warden_ioctl_enable((void __user *)arg);
	case WARDEN_IOCTL_DISABLE:
		return warden_ioctl_disable();
	case WARDEN_IOCTL_CELL_CREATE:
	case WARDEN_IOCTL_CELL_LOAD:
	case WARDEN_IOCTL_CELL_START:
	case WARDEN_IOCTL_CELL_SHUTDOWN:
	case WARDEN_IOCTL_CELL_DESTROY:
	case WARDEN_IOCTL_CELL_CONSOLE_INPUT:
		return cells_ioctl(cmd, (void __user *)arg);
	case WARDEN_IOCTL_TEST_FUZZ:
		return fuzz_ioctl((void __user *)arg);
	case WARDEN_IOCTL_TEST_CALL:
		return fuzz_call_ioctl((void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations warden_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = warden_ioctl,
	/* the ioctl structs hold only fixed-width fields and a u64 pointer */
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice warden_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "warden",
	.fops = &warden_fops,
	.mode = 0600,
};

/* Say early, in dmesg, whether enable can work on this boot. */
static void warden_report_el2(void)
{
	char msg[WARDEN_ERRMSG_LEN];

	if (!hvc_kernel_at_el1()) {
		pr_warn("Linux runs at EL2 (VHE): enable will refuse; boot with id_aa64mmfr1.vh=0\n");
		return;
	}
	cpus_read_lock();
	if (!cpu_probe_all(msg))
		pr_info("hyp stub answers on CPUs %*pbl\n",
			cpumask_pr_args(cpu_online_mask));
	cpus_read_unlock();
}

static int __init warden_init(void)
{
	int ret;

	ret = incell_init();
	if (ret < 0)
		return ret;
	warden_in_cell = ret;
	if (warden_in_cell)
		return 0;

	/* /sys/devices/warden: the place for the attributes (attrs.c) */
	warden.dev = root_device_register("warden");
	if (IS_ERR(warden.dev))
		return PTR_ERR(warden.dev);

	ret = attrs_create(warden.dev);
	if (ret)
		goto err_root;
	ret = cells_init(warden.dev);
	if (ret)
		goto err_attrs;

	ret = reboot_init();
	if (ret)
		goto err_cells;
	warden_misc.parent = warden.dev;
	ret = misc_register(&warden_misc);
	if (ret)
		goto err_reboot;

	warden_report_el2();
	pr_info("driver %s loaded (ABI %u, firmware %s)\n",
		WARDEN_DRIVER_VERSION, WARDEN_ABI_VERSION, warden_fw_name);
	return 0;

err_reboot:
	reboot_exit();
err_cells:
	cells_exit();
err_attrs:
	attrs_remove(warden.dev);
err_root:
	root_device_unregister(warden.dev);
	return ret;
}

static void __exit warden_exit(void)
{
	if (warden_in_cell) {
		incell_exit();
		return;
	}
	/* enable holds a module reference, so we are never here enabled */
	WARN_ON(warden.enabled);

	misc_deregister(&warden_misc);
	reload_exit();
	reboot_exit();
	cells_exit();
	attrs_remove(warden.dev);
	root_device_unregister(warden.dev);
	if (warden.hv_mem)
		memunmap(warden.hv_mem);
	pr_info("driver unloaded\n");
}

module_init(warden_init);
module_exit(warden_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Warden static-partitioning hypervisor: loader and control");
MODULE_VERSION(WARDEN_DRIVER_VERSION);
MODULE_FIRMWARE("warden.bin");
