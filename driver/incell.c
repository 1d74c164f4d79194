// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden.ko in a cell.  When the device tree holds a comm region
 * (compatible "warden,comm-region", which `warden cell linux` writes:
 * tools/linuxdt.h), this Linux is an inmate, not the root: the module then
 * does none of the root's work (no hyp-stub probe, no /dev/warden): it
 * offers the cell's links as /dev/warden-link-<name> or network
 * interfaces (links.c, from the tree's warden,link nodes), lists them in
 * /sys/devices/warden/links, and answers the root's shutdown requests
 * through the comm region (the protocol is in warden/cell.h).  It replies
 * WARDEN_REPLY_POWERING_OFF and powers Linux off in order, which ends in
 * PSCI SYSTEM_OFF; or, with refuse_shutdown=1, it replies
 * WARDEN_REPLY_DENIED (docs/linux-cells.md).
 *
 * The hypervisor raises no interrupt for a request, so a delayed work
 * looks at the page every INCELL_POLL_MS: two loads from a cached line.
 * What that costs the cell is the timer interrupt that wakes a CPU ten
 * times a second (each an exit to EL2, as every interrupt of a cell is),
 * and an answer comes within INCELL_POLL_MS of the request.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/reboot.h>
#include <linux/workqueue.h>

#include "warden.h"

#define INCELL_POLL_MS 100

static bool incell_refuse;
module_param_named(refuse_shutdown, incell_refuse, bool, 0644);
MODULE_PARM_DESC(refuse_shutdown,
		 "in a cell: refuse the root cell's shutdown requests "
		 "(default: power off)");

/*
 * Mapped Normal Write-Back like the hypervisor's own mapping, so the two
 * are coherent without cache maintenance (cell.h).  Written here: only
 * reply_from_cell and reply_seq, in the inmate's half of the page.
 */
static struct warden_comm_region *incell_comm;
static struct delayed_work incell_work;
static struct device *incell_dev; /* /sys/devices/warden, or an ERR_PTR */

/* /sys/devices/warden/links in a cell: the cell's links, as in the root. */
static ssize_t incell_links_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return links_list(buf);
}
static struct device_attribute incell_attr_links =
	__ATTR(links, 0444, incell_links_show, NULL);

/* The list is a convenience: without it the links still work. */
static void incell_sysfs(void)
{
	incell_dev = root_device_register("warden");
	if (IS_ERR(incell_dev)) {
		pr_warn("no /sys/devices/warden (%ld)\n", PTR_ERR(incell_dev));
		return;
	}
	if (device_create_file(incell_dev, &incell_attr_links)) {
		pr_warn("no /sys/devices/warden/links\n");
		root_device_unregister(incell_dev);
		incell_dev = ERR_PTR(-ENODEV);
	}
}

/* The reply, then (after a barrier) the number of the request it answers. */
static void incell_reply(u32 seq, u32 reply)
{
	incell_comm->reply_from_cell = reply;
	virt_wmb();
	incell_comm->reply_seq = seq;
}

/* A shutdown request not answered yet, and its number. */
static bool incell_pending(u32 *seq)
{
	if (incell_comm->msg_to_cell != WARDEN_MSG_SHUTDOWN_REQUEST)
		return false;
	/* the hypervisor numbers a request before it posts it */
	virt_rmb();
	*seq = incell_comm->msg_seq;
	return incell_comm->reply_seq != *seq;
}

/* Answer request seq; false once Linux is on its way to SYSTEM_OFF. */
static bool incell_answer(u32 seq)
{
	if (READ_ONCE(incell_refuse)) {
		pr_info("shutdown request %u of the root cell: refused (refuse_shutdown=1)\n",
			seq);
		incell_reply(seq, WARDEN_REPLY_DENIED);
		return true;
	}
	pr_info("shutdown request %u of the root cell: powering off\n", seq);
	incell_reply(seq, WARDEN_REPLY_POWERING_OFF);
	/*
	 * Runs poweroff_cmd (/sbin/poweroff) as a usermode helper; only if
	 * that cannot be started, an emergency sync and kernel_power_off().
	 * A power-off ends in PSCI SYSTEM_OFF, which shuts the cell down; a
	 * user space that never gets there leaves the cell to the root's
	 * force (docs/linux-cells.md).
	 */
	orderly_poweroff(true);
	return false;
}

static void incell_poll(struct work_struct *work)
{
	u32 seq;

	if (incell_pending(&seq) && !incell_answer(seq))
		return;
	schedule_delayed_work(&incell_work, msecs_to_jiffies(INCELL_POLL_MS));
}

/* Map the comm region at res and check that we speak its protocol. */
static int incell_map(const struct resource *res)
{
	int ret = -ENODEV;

	if (resource_size(res) < sizeof(*incell_comm)) {
		pr_err("in a cell, but its comm region %pR is smaller than %zu bytes\n",
		       res, sizeof(*incell_comm));
		return -EINVAL;
	}
	incell_comm = memremap(res->start, sizeof(*incell_comm), MEMREMAP_WB);
	if (!incell_comm) {
		pr_err("in a cell, but its comm region %pR cannot be mapped\n",
		       res);
		return -ENOMEM;
	}
	if (memcmp(incell_comm->signature, WARDEN_COMM_SIGNATURE,
		   sizeof(incell_comm->signature))) {
		pr_err("in a cell, but %pR holds no comm region (signature)\n",
		       res);
		goto err_unmap;
	}
	if (incell_comm->revision != WARDEN_COMM_REVISION) {
		pr_err("in a cell, but its comm region has revision %u, not %u: shutdown requests stay unanswered\n",
		       incell_comm->revision, WARDEN_COMM_REVISION);
		ret = -EPROTO;
		goto err_unmap;
	}
	return 0;

err_unmap:
	memunmap(incell_comm);
	incell_comm = NULL;
	return ret;
}

int incell_init(void)
{
	struct device_node *np;
	struct resource res;
	int ret;

	np = of_find_compatible_node(NULL, NULL, "warden,comm-region");
	if (!np)
		return 0;
	ret = of_address_to_resource(np, 0, &res);
	of_node_put(np);
	if (ret) {
		pr_err("in a cell, but its comm region has no address (%d)\n",
		       ret);
		return ret;
	}
	ret = incell_map(&res);
	if (ret)
		return ret;
	links_incell_init();
	incell_sysfs();
	INIT_DELAYED_WORK(&incell_work, incell_poll);
	schedule_delayed_work(&incell_work, 0);
	pr_info("in cell %u (comm region %pR): the root cell's shutdown requests will be %s\n",
		incell_comm->cell_id, &res,
		incell_refuse ? "refused (refuse_shutdown=1)" :
				"answered by a power-off");
	return 1;
}

void incell_exit(void)
{
	cancel_delayed_work_sync(&incell_work);
	if (!IS_ERR(incell_dev)) {
		device_remove_file(incell_dev, &incell_attr_links);
		root_device_unregister(incell_dev);
	}
	links_incell_exit();
	memunmap(incell_comm);
	incell_comm = NULL;
	pr_info("in a cell: no longer answering shutdown requests\n");
}
