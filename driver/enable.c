// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARDEN_IOCTL_ENABLE: check the system config and the firmware, load both
 * into the hypervisor memory and enter the firmware at EL2 on every online
 * CPU (architecture.md, entry from Linux).  Any failure leaves the system
 * as it was.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>

#include "config-check.h"
#include "hvc.h"
#include "warden.h"

/* Far more than any real system config: a header and a few dozen regions. */
#define ENABLE_CONFIG_MAX SZ_64K

/*
 * VHE: no stub to enter the firmware through (architecture.md, stub pitfall 2).
 */
static int enable_check_el(char *errmsg)
{
	if (hvc_kernel_at_el1())
		return 0;
	warden_errmsg(errmsg,
		      "Linux runs at EL2 (VHE); boot with id_aa64mmfr1.vh=0");
	return -ENODEV;
}

/* Copy the config from user space and validate it; *out is kvfree()d. */
static int enable_get_config(const void __user *uconfig, u64 size,
			     struct warden_system **out, char *errmsg)
{
	struct warden_report rep = { .errmsg = errmsg };
	void *config;
	size_t len;

	if (size == 0 || size > ENABLE_CONFIG_MAX) {
		warden_errmsg(errmsg,
			      "system config size %llu out of range (1..%u)",
			      size, ENABLE_CONFIG_MAX);
		return -EINVAL;
	}
	len = (size_t)size;
	config = kvmalloc(len, GFP_KERNEL);
	if (!config) {
		warden_errmsg(errmsg, "out of memory for the system config");
		return -ENOMEM;
	}
	if (copy_from_user(config, uconfig, len)) {
		kvfree(config);
		warden_errmsg(errmsg,
			      "cannot read the system config (bad address)");
		return -EFAULT;
	}
	if (config_check_system(config, size, warden_report_problem, &rep)) {
		warden_report_done(&rep);
		kvfree(config);
		return -EINVAL;
	}
	*out = config;
	return 0;
}

/* The hypervisor memory is reserved RAM that Linux must not use. */
static int enable_check_memory(const struct warden_system *sys, char *errmsg)
{
	u64 start = sys->hypervisor_memory.phys_start;
	u64 size = sys->hypervisor_memory.size;

	if (region_intersects(start, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) == REGION_DISJOINT)
		return 0;
	warden_errmsg(
		errmsg,
		"hypervisor memory 0x%llx+0x%llx overlaps Linux RAM (boot with mem=...)",
		start, size);
	return -EBUSY;
}

/* Does one of np's register ranges hold addr (the GIC's distributor)? */
static bool enable_node_holds(struct device_node *np, u64 addr)
{
	struct resource res;
	int i;

	for (i = 0; !of_address_to_resource(np, i, &res); i++)
		if (addr >= res.start && addr <= res.end)
			return true;
	return false;
}

/*
 * Every register range of one interrupt controller Linux uses must be the
 * root's: once Linux runs behind stage 2, an access outside its config is
 * reported and skipped, and a driver that retries (the ITS's command queue
 * when a CPU comes online) would lock the root up.
 */
static int enable_check_irqchip(const struct warden_system *sys,
				struct device_node *np, char *errmsg)
{
	struct resource res;
	int i;

	bool its = of_device_is_compatible(np, "arm,gic-v3-its");

	for (i = 0; !of_address_to_resource(np, i, &res); i++) {
		/* the hypervisor gives the root the ITS it names (its.c) */
		if (config_root_covers(sys, res.start, resource_size(&res)) ||
		    (its && res.start == sys->platform.gic_its_base))
			continue;
		warden_errmsg(
			errmsg,
			"Linux uses interrupt controller %pOF (0x%llx+0x%llx), which the system config does not give the root cell%s",
			np, (u64)res.start, (u64)resource_size(&res),
			its ? "; name it in the platform's gic_its_base (warden config create does)" :
			      "; add it to the root cell's memory regions");
		return -EINVAL;
	}
	return 0;
}

/*
 * The interrupt controllers of the device tree, but the GIC itself (its
 * frames are the hypervisor's): secondary controllers and MSI controllers.
 * A GICv2m frame is not among them: the CPU reads it only at probe, and
 * after that only devices write to it, which stage 2 does not translate.
 */
static int enable_check_irqchips(const struct warden_system *sys, char *errmsg)
{
	static const char *const props[] = { "interrupt-controller",
					     "msi-controller" };
	struct device_node *np;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(props); i++) {
		for_each_node_with_property(np, props[i])
		{
			if (!of_device_is_available(np) ||
			    of_device_is_compatible(np, "arm,gic-v2m-frame") ||
			    enable_node_holds(np, sys->platform.gicd_base))
				continue;
			ret = enable_check_irqchip(sys, np, errmsg);
			if (ret) {
				of_node_put(np);
				return ret;
			}
		}
	}
	return 0;
}

static int enable_get_firmware(const struct firmware **fw, char *errmsg)
{
	int ret;

	ret = request_firmware(fw, warden_fw_name, warden.dev);
	if (ret)
		warden_errmsg(
			errmsg,
			"cannot load firmware %s from /lib/firmware (error %d)",
			warden_fw_name, ret);
	return ret;
}

static int enable_map(const struct fw_layout *lay, void **mem, char *errmsg)
{
	*mem = memremap(lay->phys, lay->size, MEMREMAP_WB);
	if (*mem)
		return 0;
	warden_errmsg(errmsg, "cannot map hypervisor memory 0x%llx+0x%llx",
		      (u64)lay->phys, lay->size);
	return -ENOMEM;
}

/*
 * From here on the hypervisor memory holds the new image: keep its mapping
 * for the console even if entering fails, so that the firmware's own error
 * output can be read.
 */
static void enable_adopt_mapping(void *mem, const struct fw_layout *lay)
{
	if (warden.hv_mem)
		memunmap(warden.hv_mem);
	warden.hv_mem = mem;
	warden.hv_phys = lay->phys;
	warden.hv_size = lay->size;
	warden.console_offset = lay->console_offset;
	warden.hv_core_size = lay->core_size;
	warden.hv_percpu_size = lay->percpu_size;
	warden.hv_config_size = lay->config_size;
}

/*
 * The steps that need a stable set of online CPUs: map CPUs to the config,
 * load the image, enter EL2 everywhere.  architecture.md, stub pitfall 3.
 */
static int enable_enter(const struct warden_system *sys,
			const struct firmware *fw, struct fw_layout *lay,
			void *mem, char *errmsg)
{
	u32 online_cpus;
	int ret;

	cpus_read_lock();
	/* refuse before touching the hypervisor memory */
	ret = cpu_probe_all(errmsg);
	if (ret)
		goto out;
	if (num_online_cpus() > lay->max_cpus) {
		warden_errmsg(errmsg,
			      "firmware %s supports %u CPUs, but %u are online",
			      warden_fw_name, lay->max_cpus, num_online_cpus());
		ret = -EINVAL;
		goto out;
	}
	ret = cpu_map_online(sys, lay->max_cpus, &online_cpus, warden.linux_cpu,
			     errmsg);
	if (ret)
		goto out;

	image_load(mem, lay, fw, sys, online_cpus);
	enable_adopt_mapping(mem, lay);
	image_sync_for_el2(mem, lay->size);

	ret = cpu_enter_all(lay, errmsg);
out:
	cpus_read_unlock();
	return ret;
}

int enable_hypervisor(const void __user *uconfig, u64 config_size, char *errmsg)
{
	const struct firmware *fw = NULL;
	struct warden_system *sys = NULL;
	struct fw_layout lay;
	void *mem = NULL;
	int ret;

	if (warden.enabled) {
		warden_errmsg(errmsg, "already enabled");
		return -EBUSY;
	}
	ret = enable_check_el(errmsg);
	if (ret)
		return ret;
	ret = enable_get_config(uconfig, config_size, &sys, errmsg);
	if (ret)
		return ret;
	ret = enable_check_memory(sys, errmsg);
	if (ret)
		goto out;
	ret = enable_check_irqchips(sys, errmsg);
	if (ret)
		goto out;
	ret = enable_get_firmware(&fw, errmsg);
	if (ret)
		goto out;
	ret = firmware_check(fw, sys, config_size, &lay, errmsg);
	if (ret)
		goto out;
	ret = enable_map(&lay, &mem, errmsg);
	if (ret)
		goto out;

	ret = enable_enter(sys, fw, &lay, mem, errmsg);
	if (mem != warden.hv_mem)
		memunmap(mem); /* never loaded: nothing to show */
	if (ret)
		goto out;

	/* no unload while the firmware runs out of our bookkeeping */
	__module_get(THIS_MODULE);
	warden.sys = sys; /* for the cell configs' checks */
	sys = NULL;
	links_enable(warden.sys);
	WRITE_ONCE(warden.enabled, true);
	pr_info("enabled on %u CPUs with firmware %s at 0x%llx+0x%llx\n",
		num_online_cpus(), warden_fw_name, (u64)lay.phys, lay.size);
out:
	release_firmware(fw);
	kvfree(sys);
	return ret;
}
