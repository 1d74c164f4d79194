// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/devices/warden/cells/<id>/: name, state, cpus, failure, stats,
 * console, console_total and links of each inmate cell (layout: ioctl.h).  Values
 * come from the cell's status page and console ring, which the hypervisor
 * maps read-only into the root cell and refreshes on WARDEN_HC_CELL_STATE.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "warden.h"

static const char *const cellattrs_stat_names[] = WARDEN_STAT_NAMES;

typedef ssize_t (*cellattrs_fn)(struct warden_cell *c, char *buf);

/* Find the cell of kobj, refresh it and format one attribute. */
static ssize_t cellattrs_show(const struct kobject *kobj, char *buf,
			      cellattrs_fn fn)
{
	struct warden_cell *c = NULL;
	unsigned int id;
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	for (id = 1; id < WARDEN_MAX_CELLS; id++)
		if (warden.cells[id].in_use && warden.cells[id].kobj == kobj)
			c = &warden.cells[id];
	ret = -ENODEV;
	if (c && warden.enabled)
		ret = cells_refresh(c);
	if (ret >= 0)
		ret = fn(c, buf);
	mutex_unlock(&warden.lock);
	return ret;
}

static ssize_t cellattrs_name(struct warden_cell *c, char *buf)
{
	return sysfs_emit(buf, "%s\n", c->name);
}

static ssize_t cellattrs_state(struct warden_cell *c, char *buf)
{
	u32 s = c->status->state;

	if (s >= WARDEN_CELL_NUM_STATES)
		return sysfs_emit(buf, "unknown (%u)\n", s);
	return sysfs_emit(buf, "%s\n", cells_state_names[s]);
}

static ssize_t cellattrs_cpus(struct warden_cell *c, char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(&c->cpus));
}

static ssize_t cellattrs_failure(struct warden_cell *c, char *buf)
{
	if (c->status->state != WARDEN_CELL_FAILED)
		return sysfs_emit(buf, "\n");
	return sysfs_emit(buf, "%.*s\n", WARDEN_FAILURE_LEN - 1,
			  c->status->failure);
}

/*
 * "cpu<N> exits <n> hvc <n> ..." for each CPU of cpus (hypervisor numbers),
 * N as Linux numbers it.  Also /sys/devices/warden/root_stats.
 */
ssize_t cellattrs_emit_stats(char *buf, const struct warden_cell_status *st,
			     u64 cpus)
{
	unsigned int idx, s;
	ssize_t n = 0;

	for (idx = 0; idx < WARDEN_MAX_CPUS; idx++) {
		if (!(cpus & (1ULL << idx)))
			continue;
		n += sysfs_emit_at(buf, n, "cpu%d", warden.linux_cpu[idx]);
		for (s = 0; s < WARDEN_STAT_NUM; s++)
			n += sysfs_emit_at(buf, n, " %s %llu",
					   cellattrs_stat_names[s],
					   st->stats[idx][s]);
		n += sysfs_emit_at(buf, n, "\n");
	}
	return n;
}

static ssize_t cellattrs_stats(struct warden_cell *c, char *buf)
{
	return cellattrs_emit_stats(buf, c->status, c->config->cpu_set);
}

static ssize_t cellattrs_console(struct warden_cell *c, char *buf)
{
	return console_read_ring(c->console, buf, PAGE_SIZE);
}

static ssize_t cellattrs_console_total(struct warden_cell *c, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(c->console->tail));
}

/* "<link> <side> <peer>" for each link of the cell's config. */
static ssize_t cellattrs_links(struct warden_cell *c, char *buf)
{
	const struct warden_link *l = warden_cell_links(c->config);
	unsigned int i;
	ssize_t n = 0;

	for (i = 0; i < c->config->num_links; i++)
		n += sysfs_emit_at(buf, n, "%.*s %u %.*s\n",
				   WARDEN_CELL_NAME_MAX, l[i].name, l[i].side,
				   WARDEN_CELL_NAME_MAX, l[i].peer);
	return n;
}

#define CELLATTRS_RO(attr)                                              \
	static ssize_t attr##_show(struct kobject *kobj,                \
				   struct kobj_attribute *a, char *buf) \
	{                                                               \
		return cellattrs_show(kobj, buf, cellattrs_##attr);     \
	}                                                               \
	static struct kobj_attribute cellattrs_attr_##attr = __ATTR_RO(attr)

CELLATTRS_RO(name);
CELLATTRS_RO(state);
CELLATTRS_RO(cpus);
CELLATTRS_RO(failure);
CELLATTRS_RO(stats);
CELLATTRS_RO(console);
CELLATTRS_RO(console_total);
CELLATTRS_RO(links);

static struct attribute *cellattrs_list[] = {
	&cellattrs_attr_name.attr,
	&cellattrs_attr_state.attr,
	&cellattrs_attr_cpus.attr,
	&cellattrs_attr_failure.attr,
	&cellattrs_attr_stats.attr,
	&cellattrs_attr_console.attr,
	&cellattrs_attr_console_total.attr,
	&cellattrs_attr_links.attr,
	NULL,
};

static const struct attribute_group cellattrs_group = {
	.attrs = cellattrs_list,
};

int cellattrs_add(struct warden_cell *c, struct kobject *parent)
{
	char id[16];
	int ret;

	snprintf(id, sizeof(id), "%u", c->id);
	c->kobj = kobject_create_and_add(id, parent);
	if (!c->kobj)
		return -ENOMEM;
	ret = sysfs_create_group(c->kobj, &cellattrs_group);
	if (ret) {
		kobject_put(c->kobj);
		c->kobj = NULL;
	}
	return ret;
}

void cellattrs_remove(struct kobject *kobj)
{
	sysfs_remove_group(kobj, &cellattrs_group);
	kobject_put(kobj);
}
