// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell ioctls: create, load, start, shut down and destroy inmate cells
 * (docs/architecture.md), and input for their emulated console UARTs.  The
 * driver does what only Linux can do: take the cell's CPUs offline and back
 * online through CPU hotplug, and copy images into the cell's loadable
 * memory while the hypervisor lends it to the root.
 * Everything else, and every final check, is the hypervisor's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "config-check.h"
#include "hvc.h"
#include "warden.h"

/*
 * How long a running cell has to answer a shutdown request.  A cell that
 * answers WARDEN_REPLY_POWERING_OFF takes longer to finish (a Linux cell
 * syncs and unmounts first): the ioctl then says EINPROGRESS at once, and
 * user space asks again, without warden.lock held meanwhile.
 */
#define CELLS_SHUTDOWN_WAIT_MS 3000
#define CELLS_SHUTDOWN_POLL_MS 20

const char *const cells_state_names[WARDEN_CELL_NUM_STATES] = {
	"created", "loading", "loaded", "running", "shut-down", "failed",
};

const void *cells_hv_ptr(u64 pa, size_t size)
{
	if (!warden.hv_mem || pa < warden.hv_phys ||
	    pa - warden.hv_phys > warden.hv_size ||
	    size > warden.hv_size - (pa - warden.hv_phys))
		return NULL;
	return warden.hv_mem + (pa - warden.hv_phys);
}

/* The hypervisor's words for its last refusal, or a generic line. */
static void cells_hv_error(long err, const char *what, char *errmsg)
{
	long pa =
		(long)hvc_call(WARDEN_HC_INFO, WARDEN_INFO_ERRMSG, 0, 0, 0).x0;
	const char *msg = pa > 0 ? cells_hv_ptr((u64)pa, 256) : NULL;

	if (msg && msg[0])
		warden_errmsg(errmsg, "%.*s", 255, msg);
	else
		warden_errmsg(errmsg, "%s: the hypervisor refused (error %ld)",
			      what, err);
}

/* A management hypercall; on failure errmsg says why. */
static long cells_hvc(unsigned long fn, unsigned long a1, unsigned long a2,
		      const char *what, char *errmsg)
{
	long ret = (long)hvc_call(fn, a1, a2, 0, 0).x0;

	/* not refusals: the answers of a cell asked to shut down */
	if (ret < 0 && ret != -EAGAIN && ret != -EINPROGRESS)
		cells_hv_error(ret, what, errmsg);
	return ret;
}

static struct warden_cell *cells_find(u32 id, char *errmsg)
{
	if (id == 0 || id >= WARDEN_MAX_CELLS || !warden.cells[id].in_use) {
		warden_errmsg(errmsg, "no cell with id %u", id);
		return NULL;
	}
	return &warden.cells[id];
}

long cells_refresh(struct warden_cell *c)
{
	struct hvc_res res = hvc_call(WARDEN_HC_CELL_STATE, c->id, 0, 0, 0);

	if ((long)res.x0 < 0)
		return (long)res.x0;
	c->status = cells_hv_ptr(res.x1, sizeof(*c->status));
	c->console = cells_hv_ptr(res.x2, sizeof(*c->console));
	if (!c->status || !c->console)
		return -EIO;
	return (long)res.x0;
}

/*
 * Before Linux gives up any CPU: the new cell must not want what another
 * cell has (CPUs, memory, IRQs, its name).  The hypervisor checks again.
 */
static unsigned int cells_check_others(const struct warden_cell_desc *d,
				       struct warden_report *rep)
{
	unsigned int id, problems = 0;

	for (id = 1; id < WARDEN_MAX_CELLS; id++) {
		const struct warden_cell *c = &warden.cells[id];

		if (!c->in_use)
			continue;
		if (!strncmp(c->name, d->name, sizeof(c->name))) {
			warden_report_problem(
				rep, "a cell named \"%s\" exists (id %u)",
				c->name, id);
			problems++;
			continue;
		}
		problems += config_check_cell_pair(d, c->config,
						   warden_report_problem, rep);
	}
	return problems;
}

/*
 * The config in one page of our own (the hypervisor copies it from there by
 * physical address), checked with the rules of the CLI and the hypervisor.
 */
static int cells_get_config(const struct warden_cell_args *args,
			    struct warden_cell_desc **out, char *errmsg)
{
	struct warden_report rep = { .errmsg = errmsg };
	void *page;

	if (args->size < sizeof(struct warden_cell_desc) ||
	    args->size > WARDEN_CELL_CONFIG_MAX) {
		warden_errmsg(errmsg, "cell config size %llu not in %zu..%u",
			      args->size, sizeof(struct warden_cell_desc),
			      WARDEN_CELL_CONFIG_MAX);
		return -EINVAL;
	}
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page) {
		warden_errmsg(errmsg, "out of memory for the cell config");
		return -ENOMEM;
	}
	if (copy_from_user(page, u64_to_user_ptr(args->ptr), args->size)) {
		free_page((unsigned long)page);
		warden_errmsg(errmsg,
			      "cannot read the cell config (bad address)");
		return -EFAULT;
	}
	if (config_check_cell(page, args->size, warden.sys,
			      warden_report_problem, &rep)) {
		warden_report_done(&rep);
		free_page((unsigned long)page);
		return -EINVAL;
	}
	if (cells_check_others(page, &rep)) {
		warden_report_done(&rep);
		free_page((unsigned long)page);
		return -EBUSY;
	}
	*out = page;
	return 0;
}

/* Linux's numbers for the config's CPUs. */
static int cells_linux_cpus(const struct warden_cell_desc *d,
			    struct cpumask *mask, char *errmsg)
{
	unsigned int idx;

	cpumask_clear(mask);
	for (idx = 0; idx < WARDEN_MAX_CPUS; idx++) {
		if (!(d->cpu_set & (1ULL << idx)))
			continue;
		if (warden.linux_cpu[idx] < 0) {
			warden_errmsg(
				errmsg,
				"cell \"%s\": CPU %u was not online in Linux at enable",
				d->name, idx);
			return -EINVAL;
		}
		cpumask_set_cpu(warden.linux_cpu[idx], mask);
	}
	return 0;
}

/* Bring the cell's CPUs (back) online in Linux. */
static void cells_cpus_online(const struct cpumask *mask)
{
	unsigned int cpu;
	int ret;

	for_each_cpu(cpu, mask) {
		if (cpu_online(cpu))
			continue;
		ret = add_cpu(cpu);
		if (ret)
			pr_err("CPU %u does not come back online (error %d)\n",
			       cpu, ret);
	}
}

static int cells_cpus_offline(const struct cpumask *mask, const char *name,
			      char *errmsg)
{
	unsigned int cpu;
	int ret;

	for_each_cpu(cpu, mask) {
		if (!cpu_online(cpu))
			continue;
		ret = remove_cpu(cpu);
		if (ret) {
			warden_errmsg(
				errmsg,
				"cell \"%s\": Linux cannot take CPU %u offline (error %d)",
				name, cpu, ret);
			cells_cpus_online(mask);
			return ret;
		}
	}
	return 0;
}

static int cells_create(struct warden_cell_args *args)
{
	struct warden_cell_desc *config;
	struct warden_cell *c;
	struct cpumask cpus;
	long id;
	int ret;

	ret = cells_get_config(args, &config, args->errmsg);
	if (ret)
		return ret;
	ret = devices_check_free(config, args->errmsg);
	if (ret)
		goto err_config;
	ret = cells_linux_cpus(config, &cpus, args->errmsg);
	if (ret)
		goto err_config;
	ret = cells_cpus_offline(&cpus, config->name, args->errmsg);
	if (ret)
		goto err_config;
	id = cells_hvc(WARDEN_HC_CELL_CREATE, virt_to_phys(config), args->size,
		       "create", args->errmsg);
	if (id <= 0 || id >= WARDEN_MAX_CELLS) {
		ret = id < 0 ? (int)id : -EIO;
		goto err_cpus;
	}
	c = &warden.cells[id];
	memset(c, 0, sizeof(*c));
	c->id = (u32)id;
	c->config = config;
	c->config_size = args->size;
	strscpy(c->name, config->name, sizeof(c->name));
	cpumask_copy(&c->cpus, &cpus);
	ret = (int)cells_refresh(c);
	if (ret >= 0)
		ret = cellattrs_add(c, warden.cells_kobj);
	if (ret < 0)
		pr_err("cell \"%s\": no sysfs entry (error %d)\n", c->name,
		       ret);
	c->in_use = true;
	args->id = c->id;
	links_peer_back(c->name);
	pr_info("cell \"%s\" created (id %u, CPUs %*pbl)\n", c->name, c->id,
		cpumask_pr_args(&cpus));
	return 0;

err_cpus:
	cells_cpus_online(&cpus);
err_config:
	free_page((unsigned long)config);
	return ret;
}

/* Where an image goes: the physical address for its IPA range. */
static int cells_image_target(const struct warden_cell *c, unsigned int n,
			      const struct warden_cell_image *img, u64 *phys,
			      char *errmsg)
{
	const struct warden_memory *m = warden_cell_mem(c->config);
	u64 addr = img->address;
	u32 i;

	for (i = 0; i < c->config->num_memory_regions; i++) {
		if (!(m[i].flags & WARDEN_MEM_LOADABLE))
			continue;
		if (addr == WARDEN_IMAGE_DEFAULT_ADDR)
			addr = m[i].virt_start;
		if (addr < m[i].virt_start ||
		    addr - m[i].virt_start >= m[i].size)
			continue;
		if (img->size > m[i].size - (addr - m[i].virt_start)) {
			warden_errmsg(
				errmsg,
				"cell \"%s\": image %u (%llu bytes at 0x%llx) does not fit in loadable region %u (0x%llx+0x%llx)",
				c->name, n + 1, img->size, addr, i,
				m[i].virt_start, m[i].size);
			return -E2BIG;
		}
		*phys = m[i].phys_start + (addr - m[i].virt_start);
		return 0;
	}
	warden_errmsg(
		errmsg,
		"cell \"%s\": image %u at 0x%llx is not in a loadable region",
		c->name, n + 1, addr);
	return -EINVAL;
}

/* Copy one image into the cell's memory, lent to us meanwhile. */
static int cells_copy_image(const struct warden_cell_image *img, u64 phys,
			    unsigned int n, char *errmsg)
{
	void *dst;
	int ret = 0;

	if (!img->size)
		return 0;
	dst = memremap(phys, img->size, MEMREMAP_WB);
	if (!dst) {
		warden_errmsg(errmsg, "image %u: cannot map 0x%llx+0x%llx", n,
			      phys, img->size);
		return -ENOMEM;
	}
	if (copy_from_user(dst, u64_to_user_ptr(img->data_ptr), img->size)) {
		warden_errmsg(errmsg, "image %u: cannot read it (bad address)",
			      n);
		ret = -EFAULT;
	}
	/* the cell starts with its caches off: the image must be in memory */
	image_clean_to_poc(dst, img->size);
	memunmap(dst);
	return ret;
}

static int cells_load(struct warden_cell_args *args)
{
	struct warden_cell_image *imgs;
	struct warden_cell *c = cells_find(args->id, args->errmsg);
	u64 phys[WARDEN_CELL_IMAGES_MAX];
	unsigned int i;
	int ret;
	long err;

	if (!c)
		return -ENOENT;
	if (args->flags & ~WARDEN_CELL_KEEP) {
		warden_errmsg(args->errmsg, "load: unknown flags 0x%x",
			      args->flags & ~WARDEN_CELL_KEEP);
		return -EINVAL;
	}
	if (args->size == 0 || args->size > WARDEN_CELL_IMAGES_MAX) {
		warden_errmsg(args->errmsg, "%llu images: give 1 to %u",
			      args->size, WARDEN_CELL_IMAGES_MAX);
		return -EINVAL;
	}
	imgs = memdup_user(u64_to_user_ptr(args->ptr),
			   args->size * sizeof(*imgs));
	if (IS_ERR(imgs)) {
		warden_errmsg(args->errmsg, "cannot read the image list");
		return PTR_ERR(imgs);
	}
	for (i = 0, ret = 0; i < args->size && !ret; i++)
		ret = cells_image_target(c, i, &imgs[i], &phys[i],
					 args->errmsg);
	if (ret)
		goto out;
	err = cells_hvc(WARDEN_HC_CELL_SET_LOADABLE, c->id, 1, "load",
			args->errmsg);
	if (err) {
		ret = (int)err;
		goto out;
	}
	for (i = 0; i < args->size && !ret; i++)
		ret = cells_copy_image(&imgs[i], phys[i], i, args->errmsg);
	err = cells_hvc(WARDEN_HC_CELL_SET_LOADABLE, c->id, 0, "load",
			args->errmsg);
	if (!ret)
		ret = (int)err;
	if (!ret && (args->flags & WARDEN_CELL_KEEP))
		ret = reload_keep(c, imgs, phys, (unsigned int)args->size,
				  args->errmsg);
	else if (!ret)
		reload_forget(c);
	if (!ret)
		pr_info("cell \"%s\": %llu images loaded%s\n", c->name,
			args->size,
			c->keep ? " (a copy kept to load them again)" : "");
out:
	kfree(imgs);
	return ret;
}

/* START's optional struct warden_cell_boot: the entry and x0 to start at. */
static int cells_boot_args(const struct warden_cell_args *args,
			   struct warden_cell_boot *boot, char *errmsg)
{
	if (!args->ptr)
		return 0;
	if (args->size != sizeof(*boot)) {
		warden_errmsg(errmsg,
			      "start: boot arguments of %llu bytes, not %zu",
			      args->size, sizeof(*boot));
		return -EINVAL;
	}
	if (copy_from_user(boot, u64_to_user_ptr(args->ptr), sizeof(*boot)))
		return -EFAULT;
	if (boot->flags & ~(u64)WARDEN_BOOT_RELOAD || boot->reserved) {
		warden_errmsg(errmsg,
			      "start: unknown boot flags 0x%llx or reserved "
			      "field not 0",
			      boot->flags & ~(u64)WARDEN_BOOT_RELOAD);
		return -EINVAL;
	}
	return 1;
}

int cells_start_at(struct warden_cell *c, const struct warden_cell_boot *boot,
		   char *errmsg)
{
	u64 flags = 0;
	long ret;

	if (boot) {
		flags = WARDEN_START_BOOT;
		if (boot->flags & WARDEN_BOOT_RELOAD)
			flags |= WARDEN_START_RELOAD;
	}
	/*
	 * Said before, not after: the cell's first console line goes to the
	 * same UART at once, and the two would interleave.
	 */
	pr_info("cell \"%s\" starting\n", c->name);
	ret = (long)hvc_call(WARDEN_HC_CELL_START, c->id, flags,
			     boot ? boot->entry : 0, boot ? boot->x0 : 0)
		      .x0;
	if (ret < 0)
		cells_hv_error(ret, "start", errmsg);
	if (ret)
		pr_info("cell \"%s\" did not start (error %ld)\n", c->name,
			ret);
	return (int)ret;
}

static int cells_start(struct warden_cell_args *args)
{
	struct warden_cell *c = cells_find(args->id, args->errmsg);
	struct warden_cell_boot boot = { 0 };
	int with_boot, ret;

	if (!c)
		return -ENOENT;
	with_boot = cells_boot_args(args, &boot, args->errmsg);
	if (with_boot < 0)
		return with_boot;
	ret = reload_arm(c, &boot, args->errmsg);
	if (!ret)
		ret = cells_start_at(c, with_boot ? &boot : NULL, args->errmsg);
	return ret;
}

/*
 * Characters for the cell's emulated console UART: to the hypervisor eight
 * at a time, until all are taken or its receive FIFO is full; args->size
 * says how many it took.  (Those for a cell that does not run are taken
 * and dropped: WARDEN_HC_CELL_CONSOLE_INPUT.)
 */
static int cells_console_input(struct warden_cell_args *args)
{
	struct warden_cell *c = cells_find(args->id, args->errmsg);
	u8 buf[WARDEN_CONSOLE_INPUT_MAX];
	u64 taken = 0, chars;
	unsigned int i, n;
	long ret;

	if (!c)
		return -ENOENT;
	if (args->size == 0 || args->size > WARDEN_CONSOLE_INPUT_MAX) {
		warden_errmsg(args->errmsg,
			      "console input of %llu characters: give 1 to %u",
			      args->size, WARDEN_CONSOLE_INPUT_MAX);
		return -EINVAL;
	}
	if (copy_from_user(buf, u64_to_user_ptr(args->ptr), args->size)) {
		warden_errmsg(args->errmsg,
			      "cannot read the console input (bad address)");
		return -EFAULT;
	}
	while (taken < args->size) {
		n = (unsigned int)min_t(u64, args->size - taken, 8);
		for (i = 0, chars = 0; i < n; i++)
			chars |= (u64)buf[taken + i] << (8 * i);
		ret = (long)hvc_call(WARDEN_HC_CELL_CONSOLE_INPUT, c->id, chars,
				     n, 0)
			      .x0;
		if (ret < 0) {
			cells_hv_error(ret, "console input", args->errmsg);
			return (int)ret;
		}
		taken += (u64)ret;
		if (ret < n)
			break;
	}
	args->size = taken;
	return 0;
}

/*
 * Ask the cell to shut down and wait for its answer (or stop it at once
 * with force).  Returns 0 once it is shut down, -EINPROGRESS as soon as it
 * has agreed and powers off itself (ask again), -EBUSY if it refused, or
 * -ETIMEDOUT if it did not answer.
 */
static int cells_do_shutdown(struct warden_cell *c, bool force, char *errmsg)
{
	unsigned long flags = force ? WARDEN_SHUTDOWN_FORCE : 0;
	unsigned int waited = 0;
	long ret;

	for (;;) {
		ret = cells_hvc(WARDEN_HC_CELL_SHUTDOWN, c->id, flags,
				"shutdown", errmsg);
		if (ret != -EAGAIN)
			return (int)ret;
		if (waited >= CELLS_SHUTDOWN_WAIT_MS)
			break;
		msleep(CELLS_SHUTDOWN_POLL_MS);
		waited += CELLS_SHUTDOWN_POLL_MS;
	}
	warden_errmsg(
		errmsg,
		"cell \"%s\" did not answer the shutdown request within %u ms",
		c->name, CELLS_SHUTDOWN_WAIT_MS);
	return -ETIMEDOUT;
}

/* Said once per run of the cell, not at each poll. */
static void cells_say_powering_off(struct warden_cell *c, long ret)
{
	if (ret == -EINPROGRESS && !c->powering_off)
		pr_info("cell \"%s\" approved its shutdown and is powering off\n",
			c->name);
	c->powering_off = ret == -EINPROGRESS;
}

static int cells_shutdown(struct warden_cell_args *args)
{
	struct warden_cell *c = cells_find(args->id, args->errmsg);
	int ret;

	if (!c)
		return -ENOENT;
	ret = cells_do_shutdown(c, args->flags & WARDEN_CELL_FORCE,
				args->errmsg);
	cells_say_powering_off(c, ret);
	if (!ret)
		pr_info("cell \"%s\" shut down\n", c->name);
	return ret;
}

/*
 * The hypervisor stops the cell (whatever its state), clears its RAM and
 * gives everything back; Linux gets the CPUs.  The sysfs entry goes last,
 * outside warden.lock (*kobj).
 */
static int cells_destroy_now(struct warden_cell *c, char *errmsg,
			     struct kobject **kobj)
{
	long ret;

	/* the root's mappings of links to it go first: the region is wiped */
	links_peer_leaving(c->name);
	ret = cells_hvc(WARDEN_HC_CELL_DESTROY, c->id, 0, "destroy", errmsg);
	if (ret) {
		links_peer_back(c->name);
		return (int)ret;
	}
	c->in_use = false;
	*kobj = c->kobj;
	c->kobj = NULL;
	c->status = NULL;
	c->console = NULL;
	cells_cpus_online(&c->cpus);
	reload_forget(c);
	free_page((unsigned long)c->config);
	c->config = NULL;
	pr_info("cell \"%s\" destroyed; CPUs %*pbl back online\n", c->name,
		cpumask_pr_args(&c->cpus));
	return 0;
}

/* A running cell is asked first, unless forced. */
static int cells_destroy(struct warden_cell_args *args, struct kobject **kobj)
{
	struct warden_cell *c = cells_find(args->id, args->errmsg);
	bool force = args->flags & WARDEN_CELL_FORCE;
	long state, ret;

	if (!c)
		return -ENOENT;
	state = cells_refresh(c);
	if (state == WARDEN_CELL_RUNNING && !force) {
		ret = cells_do_shutdown(c, false, args->errmsg);
		cells_say_powering_off(c, ret);
		if (ret == -EINPROGRESS)
			return -EINPROGRESS;
		if (ret) {
			size_t n = strlen(args->errmsg);

			snprintf(args->errmsg + n, WARDEN_ERRMSG_LEN - n,
				 "; destroy --force stops it anyway");
			return (int)ret;
		}
	}
	return cells_destroy_now(c, args->errmsg, kobj);
}

/*
 * The root goes down (reboot.c): every running cell is asked to shut down,
 * all at once, and given up to wait_ms in all to get there: to answer, and
 * if it answers that it powers off itself, to reach SYSTEM_OFF.  Then every
 * cell is destroyed, stopped by force if it refused or is not done.  Each
 * cell's fate goes to the kernel log.
 */
enum cells_ask {
	CELLS_DONE,
	CELLS_NO_ANSWER,
	CELLS_POWERING_OFF
};

static enum cells_ask cells_ask_one(unsigned int id)
{
	const char *name = warden.cells[id].name;
	char errmsg[WARDEN_ERRMSG_LEN];
	long ret;

	ret = cells_hvc(WARDEN_HC_CELL_SHUTDOWN, id, 0, "shutdown", errmsg);
	if (ret == -EAGAIN)
		return CELLS_NO_ANSWER;
	if (ret == -EINPROGRESS)
		return CELLS_POWERING_OFF;
	if (ret)
		pr_warn("reboot: cell \"%s\" refused to shut down (%s); stopped\n",
			name, errmsg);
	else
		pr_info("reboot: cell \"%s\" shut down\n", name);
	return CELLS_DONE;
}

static void cells_ask_all(unsigned int wait_ms,
			  enum cells_ask asked[WARDEN_MAX_CELLS])
{
	unsigned int id, waited = 0, left;

	for (;;) {
		left = 0;
		for (id = 1; id < WARDEN_MAX_CELLS; id++) {
			if (asked[id] == CELLS_DONE)
				continue;
			asked[id] = cells_ask_one(id);
			left += asked[id] != CELLS_DONE;
		}
		if (!left || waited >= wait_ms)
			break;
		msleep(CELLS_SHUTDOWN_POLL_MS);
		waited += CELLS_SHUTDOWN_POLL_MS;
	}
	for (id = 1; id < WARDEN_MAX_CELLS; id++) {
		if (asked[id] == CELLS_NO_ANSWER)
			pr_warn("reboot: cell \"%s\" did not answer within %u ms; stopped\n",
				warden.cells[id].name, wait_ms);
		else if (asked[id] == CELLS_POWERING_OFF)
			pr_warn("reboot: cell \"%s\" approved and is powering off, but did not reach SYSTEM_OFF within %u ms; stopped\n",
				warden.cells[id].name, wait_ms);
	}
}

void cells_stop_all(unsigned int wait_ms,
		    struct kobject *kobjs[WARDEN_MAX_CELLS])
{
	enum cells_ask asked[WARDEN_MAX_CELLS] = { CELLS_DONE };
	char errmsg[WARDEN_ERRMSG_LEN];
	unsigned int id, n = 0;

	for (id = 1; id < WARDEN_MAX_CELLS; id++) {
		if (!warden.cells[id].in_use)
			continue;
		n++;
		if (cells_refresh(&warden.cells[id]) == WARDEN_CELL_RUNNING)
			asked[id] = CELLS_NO_ANSWER;
	}
	if (!n)
		return;
	pr_info("reboot: asking the running cells to shut down (up to %u ms), then destroying all %u\n",
		wait_ms, n);
	cells_ask_all(wait_ms, asked);
	for (id = 1; id < WARDEN_MAX_CELLS; id++)
		if (warden.cells[id].in_use &&
		    cells_destroy_now(&warden.cells[id], errmsg, &kobjs[id]))
			pr_err("reboot: cell \"%s\" not destroyed: %s\n",
			       warden.cells[id].name, errmsg);
}

static int cells_dispatch(unsigned int cmd, struct warden_cell_args *args,
			  struct kobject **kobj)
{
	if (!warden.enabled) {
		warden_errmsg(args->errmsg, "the hypervisor is not enabled");
		return -ENODEV;
	}
	switch (cmd) {
	case WARDEN_IOCTL_CELL_CREATE:
		return cells_create(args);
	case WARDEN_IOCTL_CELL_LOAD:
		return cells_load(args);
	case WARDEN_IOCTL_CELL_START:
		return cells_start(args);
	case WARDEN_IOCTL_CELL_SHUTDOWN:
		return cells_shutdown(args);
	case WARDEN_IOCTL_CELL_CONSOLE_INPUT:
		return cells_console_input(args);
	default:
		return cells_destroy(args, kobj);
	}
}

long cells_ioctl(unsigned int cmd, struct warden_cell_args __user *uargs)
{
	struct warden_cell_args args;
	struct kobject *kobj = NULL;
	long ret;

	if (copy_from_user(&args, uargs, sizeof(args)))
		return -EFAULT;
	memset(args.errmsg, 0, sizeof(args.errmsg));
	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = cells_dispatch(cmd, &args, &kobj);
	mutex_unlock(&warden.lock);
	/* sysfs readers take warden.lock: remove the entry without it */
	if (kobj)
		cellattrs_remove(kobj);
	if (copy_to_user(uargs, &args, sizeof(args)))
		return -EFAULT;
	return ret;
}

int cells_init(struct device *dev)
{
	warden.cells_kobj = kobject_create_and_add("cells", &dev->kobj);
	return warden.cells_kobj ? 0 : -ENOMEM;
}

void cells_exit(void)
{
	kobject_put(warden.cells_kobj);
}
