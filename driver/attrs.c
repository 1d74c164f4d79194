// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysfs attributes of /sys/devices/warden: enabled, console, mem_pool_pages,
 * mem_pool_used, memory, cpus_in_hypervisor, root_stats, version and links.
 * The values that only the hypervisor knows come from WARDEN_HC_INFO,
 * WARDEN_HC_CELL_STATE and WARDEN_HC_VERSION while it is enabled.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/sysfs.h>

#include <warden/hypercall.h>

#include "hvc.h"
#include "warden.h"

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(warden.enabled) ? 1 : 0);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t console_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = console_read(buf, PAGE_SIZE);
	mutex_unlock(&warden.lock);
	return ret;
}
static DEVICE_ATTR_RO(console);

/* One WARDEN_HC_INFO value; 0 while disabled. */
static ssize_t attrs_show_info(char *buf, unsigned long what)
{
	long val = 0;
	int ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	/* any online CPU will do: all of them are in the hypervisor */
	if (warden.enabled)
		val = (long)hvc_call(WARDEN_HC_INFO, what, 0, 0, 0).x0;
	mutex_unlock(&warden.lock);
	if (val < 0)
		return val;
	return sysfs_emit(buf, "%ld\n", val);
}

static ssize_t mem_pool_pages_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return attrs_show_info(buf, WARDEN_INFO_POOL_PAGES);
}
static DEVICE_ATTR_RO(mem_pool_pages);

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return attrs_show_info(buf, WARDEN_INFO_POOL_USED);
}
static DEVICE_ATTR_RO(mem_pool_used);

/*
 * What the hypervisor uses of its memory, in bytes, one "name value" per
 * line: its image (code, data, bss), the per-CPU areas of the platform's
 * CPUs, the system config, the pages taken from its pool (page tables,
 * cells' pages), their sum, and the whole region reserved for it; then
 * the root cell's share of the pool pages: its stage-2 tables and its DMA
 * view's (the SMMU's; 0 without one).
 */
static ssize_t memory_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	u64 cpus, percpu, pool_used = 0, pool_pages = 0, used;
	const struct warden_cell_status *root = NULL;
	struct hvc_res res;
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	if (!warden.enabled) {
		mutex_unlock(&warden.lock);
		return -ENODEV;
	}
	pool_used = hvc_call(WARDEN_HC_INFO, WARDEN_INFO_POOL_USED, 0, 0, 0).x0;
	pool_pages =
		hvc_call(WARDEN_HC_INFO, WARDEN_INFO_POOL_PAGES, 0, 0, 0).x0;
	cpus = warden.sys->platform.num_cpus;
	percpu = cpus * warden.hv_percpu_size;
	used = warden.hv_core_size + percpu + warden.hv_config_size +
	       pool_used * PAGE_SIZE;
	res = hvc_call(WARDEN_HC_CELL_STATE, 0, 0, 0, 0);
	if ((long)res.x0 >= 0)
		root = cells_hv_ptr(res.x1, sizeof(*root));
	ret = sysfs_emit(
		buf,
		"image %llu\nper_cpu %llu\nconfig %llu\npool_used %llu\n"
		"used %llu\npool_size %llu\nregion %llu\n"
		"root_stage2_tables %llu\nroot_dma_tables %llu\n",
		warden.hv_core_size, percpu, warden.hv_config_size,
		pool_used * PAGE_SIZE, used, pool_pages * PAGE_SIZE,
		warden.hv_size, root ? (u64)root->stage2_pages * PAGE_SIZE : 0,
		root ? (u64)root->dma_pages * PAGE_SIZE : 0);
	mutex_unlock(&warden.lock);
	return ret;
}
static DEVICE_ATTR_RO(memory);

/* root_stats/<name>: the root cell's CPUs, as cells/<id>/stats/<name>. */
static ssize_t attrs_stat_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	unsigned int stat = cellattrs_stat_index(attr->attr.name);
	const struct warden_cell_status *st = NULL;
	struct hvc_res res;
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = -ENODEV;
	if (warden.enabled) {
		res = hvc_call(WARDEN_HC_CELL_STATE, 0, 0, 0, 0);
		if ((long)res.x0 >= 0)
			st = cells_hv_ptr(res.x1, sizeof(*st));
		ret = st ? cellattrs_emit_stat(buf, st, st->cpus_running,
					       stat) :
			   -EIO;
	}
	mutex_unlock(&warden.lock);
	return ret;
}

#define ATTRS_STAT(name)                                   \
	static struct device_attribute attrs_stat_##name = \
		__ATTR(name, 0444, attrs_stat_show, NULL);
#define ATTRS_STAT_REF(name) &attrs_stat_##name.attr,

WARDEN_FOR_EACH_STAT(ATTRS_STAT)

static struct attribute *attrs_stat_list[] = {
	WARDEN_FOR_EACH_STAT(ATTRS_STAT_REF) NULL,
};
static_assert(ARRAY_SIZE(attrs_stat_list) == WARDEN_STAT_NUM + 1);

static const struct attribute_group attrs_stats_group = {
	.name = "root_stats",
	.attrs = attrs_stat_list,
};

/* CPUs running under the hypervisor, as it counts them (hotplug included). */
static ssize_t cpus_in_hypervisor_show(struct device *dev,
				       struct device_attribute *attr, char *buf)
{
	return attrs_show_info(buf, WARDEN_INFO_CPUS_ENABLED);
}
static DEVICE_ATTR_RO(cpus_in_hypervisor);

static ssize_t version_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct hvc_res res = { 0 };
	bool enabled;
	int ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	enabled = warden.enabled;
	if (enabled)
		res = hvc_call(WARDEN_HC_VERSION, 0, 0, 0, 0);
	mutex_unlock(&warden.lock);

	ret = sysfs_emit(buf, "driver %s (ABI %u)\n", WARDEN_DRIVER_VERSION,
			 WARDEN_ABI_VERSION);
	if (!enabled)
		return ret +
		       sysfs_emit_at(buf, ret, "hypervisor not enabled\n");
	if (res.x0 != WARDEN_MAGIC)
		return ret + sysfs_emit_at(buf, ret,
					   "hypervisor bad answer 0x%lx\n",
					   res.x0);
	return ret + sysfs_emit_at(buf, ret, "hypervisor ABI %lu\n", res.x1);
}
static DEVICE_ATTR_RO(version);

/* The root's links: name, peer, peer's state, device. */
static ssize_t attrs_links_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	ssize_t ret;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	ret = warden.enabled ? links_list(buf) : 0;
	mutex_unlock(&warden.lock);
	return ret;
}
static struct device_attribute dev_attr_links =
	__ATTR(links, 0444, attrs_links_show, NULL);

/*
 * The system config Warden runs with, as enabled (binary, struct
 * warden_system and the root's arrays): what `warden cell linux` needs to
 * describe the platform to a cell's kernel.  Root only, like the configs.
 */
static ssize_t system_config_read(struct file *file, struct kobject *kobj,
				  struct bin_attribute *attr, char *buf,
				  loff_t off, size_t count)
{
	ssize_t ret;
	u64 size;

	ret = mutex_lock_interruptible(&warden.lock);
	if (ret)
		return ret;
	if (!warden.enabled || !warden.sys) {
		ret = -ENODEV;
		goto out;
	}
	size = warden_system_size(warden.sys);
	if (off < 0 || (u64)off >= size) {
		ret = 0;
		goto out;
	}
	count = min_t(u64, count, size - (u64)off);
	memcpy(buf, (const char *)warden.sys + off, count);
	ret = (ssize_t)count;
out:
	mutex_unlock(&warden.lock);
	return ret;
}
static BIN_ATTR_ADMIN_RO(system_config, 0);

static struct bin_attribute *attrs_bin_list[] = {
	&bin_attr_system_config,
	NULL,
};

static struct attribute *attrs_list[] = {
	&dev_attr_links.attr,
	&dev_attr_enabled.attr,
	&dev_attr_console.attr,
	&dev_attr_mem_pool_pages.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_cpus_in_hypervisor.attr,
	&dev_attr_version.attr,
	&dev_attr_memory.attr,
	NULL,
};

static const struct attribute_group attrs_group = {
	.attrs = attrs_list,
	.bin_attrs = attrs_bin_list,
};

int attrs_create(struct device *dev)
{
	int ret = sysfs_create_group(&dev->kobj, &attrs_group);

	if (ret)
		return ret;
	ret = sysfs_create_group(&dev->kobj, &attrs_stats_group);
	if (ret)
		sysfs_remove_group(&dev->kobj, &attrs_group);
	return ret;
}

void attrs_remove(struct device *dev)
{
	sysfs_remove_group(&dev->kobj, &attrs_stats_group);
	sysfs_remove_group(&dev->kobj, &attrs_group);
}
