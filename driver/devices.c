// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices a cell takes must not be driven by the root (issue 16): once the
 * cell owns a device's registers, a root driver that still touches them
 * faults, and the two would fight over the device meanwhile.  A cell's IO
 * regions are compared with the memory resources of every platform and
 * AMBA device that has a driver bound; the first one found is named, with
 * its driver and the sysfs line that unbinds it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/amba/bus.h>
#include <linux/device.h>
#include <linux/pci.h>
#include <linux/platform_device.h>

#include "warden.h"

struct devices_search {
	u64 start, end; /* [start, end) of the cell's IO region */
	struct device *found; /* a reference, dropped by the caller */
	char driver[64]; /* its driver when found */
};

/* The device is driven and has a resource in the region: remember it. */
static int devices_found(struct devices_search *s, struct device *dev)
{
	const struct device_driver *drv = READ_ONCE(dev->driver);

	if (!drv)
		return 0;
	strscpy(s->driver, drv->name, sizeof(s->driver));
	s->found = get_device(dev);
	return 1;
}

static bool devices_overlaps(const struct devices_search *s,
			     const struct resource *r)
{
	return resource_type(r) == IORESOURCE_MEM && r->start < s->end &&
	       r->end >= s->start;
}

static int devices_match_platform(struct device *dev, void *data)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct devices_search *s = data;
	unsigned int i;

	if (!READ_ONCE(dev->driver))
		return 0;
	for (i = 0; i < pdev->num_resources; i++)
		if (devices_overlaps(s, &pdev->resource[i]))
			return devices_found(s, dev);
	return 0;
}

static int devices_match_amba(struct device *dev, void *data)
{
	struct amba_device *adev = to_amba_device(dev);
	struct devices_search *s = data;

	if (!devices_overlaps(s, &adev->res))
		return 0;
	return devices_found(s, dev);
}

static int devices_refuse(const struct warden_cell_desc *d, u32 region,
			  struct devices_search *s, char *errmsg)
{
	struct device *dev = s->found;
	const char *drv = s->driver;

	/* short enough for WARDEN_ERRMSG_LEN with the longest names */
	warden_errmsg(errmsg,
		      "cell \"%s\": region %u has %s, driven by the root's %s: "
		      "echo %s > /sys/bus/%s/drivers/%s/unbind",
		      d->name, region, dev_name(dev), drv, dev_name(dev),
		      dev->bus ? dev->bus->name : "platform", drv);
	put_device(dev);
	return -EBUSY;
}

/*
 * A PCI function the cell takes (struct warden_pci_device) must have no
 * driver in the root: the hypervisor would pull it from under that driver
 * (its decoding and bus mastering off, its configuration space frozen).
 * Say which driver, and how to let go of it.  The host bridge is domain 0
 * (the system config has one).
 */
static int devices_check_pci(const struct warden_cell_desc *d, char *errmsg)
{
#ifdef CONFIG_PCI
	const struct warden_pci_device *fn = warden_cell_pci(d);
	struct pci_dev *pdev;
	const char *drv;
	u32 i;

	for (i = 0; i < d->num_pci_devices; i++) {
		pdev = pci_get_domain_bus_and_slot(0, fn[i].bdf >> 8,
						   fn[i].bdf & 0xff);
		if (!pdev)
			continue;
		drv = pdev->driver ? pdev->driver->name : NULL;
		if (drv)
			warden_errmsg(errmsg,
				      "cell \"%.32s\": PCI %s is driven by "
				      "Linux's \"%s\" in the root cell: "
				      "unbind it first: echo %s > "
				      "/sys/bus/pci/drivers/%s/unbind",
				      d->name, pci_name(pdev), drv,
				      pci_name(pdev), drv);
		pci_dev_put(pdev);
		if (drv)
			return -EBUSY;
	}
#else
	(void)d;
	(void)errmsg;
#endif
	return 0;
}

int devices_check_free(const struct warden_cell_desc *d, char *errmsg)
{
	const struct warden_memory *mem = warden_cell_mem(d);
	u32 i;

	if (devices_check_pci(d, errmsg))
		return -EBUSY;

	for (i = 0; i < d->num_memory_regions; i++) {
		struct devices_search s = {
			.start = mem[i].phys_start,
			.end = mem[i].phys_start + mem[i].size,
		};

		if (!(mem[i].flags & WARDEN_MEM_IO))
			continue;
		if (bus_for_each_dev(&platform_bus_type, NULL, &s,
				     devices_match_platform) ||
		    bus_for_each_dev(&amba_bustype, NULL, &s,
				     devices_match_amba))
			return devices_refuse(d, i, &s, errmsg);
	}
	return 0;
}
