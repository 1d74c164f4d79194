// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/devices/warden/cells/<id>/: name, state, cpus, failure, stats/,
 * console, console_total, links and tables of each inmate cell (layout: ioctl.h).  Values
 * come from the cell's status page and console ring, which the hypervisor
 * maps read-only into the root cell and refreshes on WARDEN_HC_CELL_STATE.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kobject.h>
#include <linux/sysfs.h>

#include "warden.h"

typedef ssize_t (*cellattrs_fn)(struct warden_cell *c, char *buf);

/*
 * The refreshed cell of kobj in *cp; returns < 0 on failure.  Called with
 * warden.lock held.
 */
static ssize_t cellattrs_find(const struct kobject *kobj,
			      struct warden_cell **cp)
{
	unsigned int id;

	*cp = NULL;
	for (id = 1; id < WARDEN_MAX_CELLS; id++)
		if (warden.cells[id].in_use && warden.cells[id].kobj == kobj)
			*cp = &warden.cells[id];
	if (!*cp || !warden.enabled)
		return -ENODEV;
	return cells_refresh(*cp);
}

/* Find the cell of kobj, refresh it and format one attribute. */
static ssize_t cellattrs_show(const struct kobject *kobj, char *buf,
			      cellattrs_fn fn)
{
	struct warden_cell *c;
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = cellattrs_find(kobj, &c);
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
 * One statistic: "cpu<N> <count>" for each CPU of cpus (hypervisor numbers),
 * N as Linux numbers it.  A file per statistic keeps 64 CPUs' worth within
 * sysfs's page.  Also /sys/devices/warden/root_stats/.
 */
ssize_t cellattrs_emit_stat(char *buf, const struct warden_cell_status *st,
			    u64 cpus, unsigned int stat)
{
	unsigned int idx;
	ssize_t n = 0;

	if (stat >= WARDEN_STAT_NUM)
		return -EINVAL;
	for (idx = 0; idx < WARDEN_MAX_CPUS; idx++)
		if (cpus & (1ULL << idx))
			n += sysfs_emit_at(buf, n, "cpu%d %llu\n",
					   warden.linux_cpu[idx],
					   st->stats[idx][stat]);
	return n;
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

/*
 * "stage2 <pages>" and "dma <pages>": the translation tables the hypervisor
 * holds for the cell (dma: its DMA view in the SMMU, 0 without one).
 */
static ssize_t cellattrs_tables(struct warden_cell *c, char *buf)
{
	return sysfs_emit(buf, "stage2 %u\ndma %u\n", c->status->stage2_pages,
			  c->status->dma_pages);
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
CELLATTRS_RO(console);
CELLATTRS_RO(console_total);
CELLATTRS_RO(links);
CELLATTRS_RO(tables);

static struct attribute *cellattrs_list[] = {
	&cellattrs_attr_name.attr,
	&cellattrs_attr_state.attr,
	&cellattrs_attr_cpus.attr,
	&cellattrs_attr_failure.attr,
	&cellattrs_attr_console.attr,
	&cellattrs_attr_console_total.attr,
	&cellattrs_attr_links.attr,
	&cellattrs_attr_tables.attr,
	NULL,
};

static const struct attribute_group cellattrs_group = {
	.attrs = cellattrs_list,
};

static const char *const cellattrs_stat_names[] = WARDEN_STAT_NAMES;

/* The WARDEN_STAT_* of a stats/ file's name, WARDEN_STAT_NUM if none. */
unsigned int cellattrs_stat_index(const char *name)
{
	unsigned int s;

	for (s = 0; s < WARDEN_STAT_NUM; s++)
		if (!strcmp(name, cellattrs_stat_names[s]))
			break;
	return s;
}

/* cells/<id>/stats/<name>: one statistic of WARDEN_STAT_NAMES each */
static ssize_t cellattrs_stat_show(struct kobject *kobj,
				   struct kobj_attribute *a, char *buf)
{
	unsigned int stat = cellattrs_stat_index(a->attr.name);
	struct warden_cell *c;
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = cellattrs_find(kobj, &c);
	if (ret >= 0)
		ret = cellattrs_emit_stat(buf, c->status, c->config->cpu_set,
					  stat);
	mutex_unlock(&warden.lock);
	return ret;
}

#define CELLATTRS_STAT(name)                                 \
	static struct kobj_attribute cellattrs_stat_##name = \
		__ATTR(name, 0444, cellattrs_stat_show, NULL);
#define CELLATTRS_STAT_REF(name) &cellattrs_stat_##name.attr,

WARDEN_FOR_EACH_STAT(CELLATTRS_STAT)

static struct attribute *cellattrs_stat_list[] = {
	WARDEN_FOR_EACH_STAT(CELLATTRS_STAT_REF) NULL,
};
static_assert(ARRAY_SIZE(cellattrs_stat_list) == WARDEN_STAT_NUM + 1);

static const struct attribute_group cellattrs_stats_group = {
	.name = "stats",
	.attrs = cellattrs_stat_list,
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
	if (!ret) {
		ret = sysfs_create_group(c->kobj, &cellattrs_stats_group);
		if (ret)
			sysfs_remove_group(c->kobj, &cellattrs_group);
	}
	if (ret) {
		kobject_put(c->kobj);
		c->kobj = NULL;
	}
	return ret;
}

void cellattrs_remove(struct kobject *kobj)
{
	sysfs_remove_group(kobj, &cellattrs_stats_group);
	sysfs_remove_group(kobj, &cellattrs_group);
	kobject_put(kobj);
}
