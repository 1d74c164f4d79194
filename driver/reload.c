// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell that reboots itself boots the same images again (issue 16).  A
 * Linux kernel changes its own image as it runs (its data, relocations)
 * and frees its initrd, so a PSCI SYSTEM_RESET cannot simply start it
 * again from what it left in its RAM.  For a cell loaded with
 * WARDEN_CELL_KEEP and started with WARDEN_BOOT_RELOAD (`warden cell
 * linux` does both):
 *   - the driver keeps a copy of the images in kernel memory (vmalloc: the
 *     Image is 32 MiB) and the entry and x0 it was started with;
 *   - the hypervisor turns the cell's SYSTEM_RESET into a shutdown and
 *     counts it (WARDEN_START_RELOAD, warden_cell_status.reset_requests);
 *   - a delayed work, which runs only while such a cell exists, looks at
 *     the count five times a second and, for a new request, loads the
 *     images again and starts the cell where it started before.
 * Polling, because the hypervisor has no interrupt for the root; a reboot
 * waits up to 200 ms more for it, and the root pays one hypercall per
 * such cell per poll.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include <warden/cell.h>
#include <warden/hypercall.h>

#include "hvc.h"
#include "warden.h"

#define RELOAD_POLL_MS 200

struct reload_image {
	void *data; /* vmalloc'd copy */
	u64 size;
	u64 phys; /* where it goes */
};

struct warden_keep {
	unsigned int num;
	struct reload_image img[WARDEN_CELL_IMAGES_MAX];
	struct warden_cell_boot boot;
	bool armed; /* started with WARDEN_BOOT_RELOAD */
	u64 resets_seen; /* reset_requests already answered */
};

static void reload_poll(struct work_struct *work);
static DECLARE_DELAYED_WORK(reload_work, reload_poll);

void reload_forget(struct warden_cell *c)
{
	unsigned int i;

	if (!c->keep)
		return;
	for (i = 0; i < c->keep->num; i++)
		vfree(c->keep->img[i].data);
	kfree(c->keep);
	c->keep = NULL;
}

int reload_keep(struct warden_cell *c, const struct warden_cell_image *imgs,
		const u64 *phys, unsigned int num, char *errmsg)
{
	struct warden_keep *k = kzalloc(sizeof(*k), GFP_KERNEL);
	unsigned int i;

	reload_forget(c);
	if (!k)
		goto nomem;
	c->keep = k;
	for (i = 0; i < num; i++, k->num++) {
		struct reload_image *r = &k->img[i];

		r->size = imgs[i].size;
		r->phys = phys[i];
		r->data = vmalloc(r->size ? r->size : 1);
		if (!r->data)
			goto nomem;
		if (copy_from_user(r->data, u64_to_user_ptr(imgs[i].data_ptr),
				   r->size)) {
			warden_errmsg(errmsg, "image %u: cannot read it again",
				      i + 1);
			reload_forget(c);
			return -EFAULT;
		}
	}
	return 0;
nomem:
	reload_forget(c);
	warden_errmsg(errmsg, "cell \"%s\": no memory to keep its images",
		      c->name);
	return -ENOMEM;
}

int reload_arm(struct warden_cell *c, const struct warden_cell_boot *boot,
	       char *errmsg)
{
	if (!(boot->flags & WARDEN_BOOT_RELOAD)) {
		if (c->keep)
			c->keep->armed = false;
		return 0;
	}
	if (!c->keep) {
		warden_errmsg(
			errmsg,
			"cell \"%s\": restarting on reset needs the images "
			"kept at load (WARDEN_CELL_KEEP)",
			c->name);
		return -EINVAL;
	}
	c->keep->boot = *boot;
	c->keep->armed = true;
	c->keep->resets_seen = c->status ? c->status->reset_requests : 0;
	mod_delayed_work(system_wq, &reload_work,
			 msecs_to_jiffies(RELOAD_POLL_MS));
	return 0;
}

/* The kept images into the cell's loadable RAM, lent to the root. */
static int reload_copy(struct warden_cell *c, char *errmsg)
{
	unsigned int i;

	for (i = 0; i < c->keep->num; i++) {
		const struct reload_image *r = &c->keep->img[i];
		void *dst;

		if (!r->size)
			continue;
		dst = memremap(r->phys, r->size, MEMREMAP_WB);
		if (!dst) {
			warden_errmsg(errmsg, "image %u: cannot map 0x%llx",
				      i + 1, r->phys);
			return -ENOMEM;
		}
		memcpy(dst, r->data, r->size);
		image_clean_to_poc(dst, r->size);
		memunmap(dst);
	}
	return 0;
}

static void reload_cell(struct warden_cell *c)
{
	char errmsg[WARDEN_ERRMSG_LEN] = "";
	long ret;
	int err;

	ret = (long)hvc_call(WARDEN_HC_CELL_SET_LOADABLE, c->id, 1, 0, 0).x0;
	if (ret) {
		pr_err("cell \"%s\" reset itself, but cannot be loaded again "
		       "(error %ld)\n",
		       c->name, ret);
		return;
	}
	err = reload_copy(c, errmsg);
	ret = (long)hvc_call(WARDEN_HC_CELL_SET_LOADABLE, c->id, 0, 0, 0).x0;
	if (!err && !ret)
		err = cells_start_at(c, &c->keep->boot, errmsg);
	if (err || ret) {
		pr_err("cell \"%s\" reset itself, but does not start again: %s "
		       "(error %d)\n",
		       c->name, errmsg, err ? err : (int)ret);
		return;
	}
	pr_info("cell \"%s\" reset itself: its images are loaded again and "
		"it starts again\n",
		c->name);
}

/* Is there a new reset request of c to answer? */
static bool reload_wanted(struct warden_cell *c)
{
	long state = cells_refresh(c);

	if (state != WARDEN_CELL_SHUT_DOWN || !c->status ||
	    c->status->reset_requests == c->keep->resets_seen)
		return false;
	c->keep->resets_seen = c->status->reset_requests;
	return true;
}

static void reload_poll(struct work_struct *work)
{
	bool again = false;
	unsigned int id;

	(void)work;
	mutex_lock(&warden.lock);
	for (id = 1; id < WARDEN_MAX_CELLS && warden.enabled; id++) {
		struct warden_cell *c = &warden.cells[id];

		if (!c->in_use || !c->keep || !c->keep->armed)
			continue;
		if (reload_wanted(c))
			reload_cell(c);
		again = true;
	}
	mutex_unlock(&warden.lock);
	if (again)
		schedule_delayed_work(&reload_work,
				      msecs_to_jiffies(RELOAD_POLL_MS));
}

void reload_exit(void)
{
	cancel_delayed_work_sync(&reload_work);
}
