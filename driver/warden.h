/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * warden.ko internals: the driver's state and the interfaces between its
 * files.  Each file's functions carry the file's name as prefix.
 */
#ifndef WARDEN_DRIVER_H
#define WARDEN_DRIVER_H

#include <linux/cpumask.h>
#include <linux/firmware.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <warden/cell.h>
#include <warden/config.h>
#include <warden/firmware.h>
#include <warden/hypercall.h>
#include <warden/ioctl.h>

#define WARDEN_DRIVER_VERSION "0.1.0"

/*
 * The firmware's translation granule.  Offsets in struct warden_fw_header
 * are aligned to it whatever page size Linux itself uses.
 */
#define WARDEN_FW_PAGE_SIZE 4096UL

/* An inmate cell, as the driver knows it (index: the hypervisor's id). */
struct warden_cell {
	bool in_use;
	u32 id;
	char name[WARDEN_CELL_NAME_MAX];
	struct warden_cell_desc *config; /* our copy, checked */
	u64 config_size;
	struct cpumask cpus; /* as Linux numbers them */
	struct kobject *kobj; /* /sys/devices/warden/cells/<id> */
	/* the hypervisor's pages for this cell, inside hv_mem, read-only */
	const struct warden_cell_status *status;
	const struct warden_console *console;
	struct warden_keep *keep; /* images to load again (reload.c) */
	bool powering_off; /* the last shutdown call said EINPROGRESS */
};

/* Driver-wide state; every field is protected by `lock`. */
struct warden_state {
	struct mutex lock; /* serialises ioctls and the sysfs readers */
	struct device *dev; /* /sys/devices/warden */
	bool enabled; /* the firmware owns EL2 on the online CPUs */
	/*
	 * Mapping of the hypervisor memory of the last enable attempt.  It
	 * stays after disable (and after a failed enable) so that the console
	 * can still be read.  While enabled only the console page may be
	 * touched: the rest is unmapped from the root cell's stage 2.
	 */
	void *hv_mem;
	phys_addr_t hv_phys;
	u64 hv_size;
	u32 console_offset; /* of struct warden_console in hv_mem */
	/* from the firmware header: what the hypervisor memory holds */
	u64 hv_core_size, hv_percpu_size, hv_config_size;
	/* while enabled: the system config and Linux's number of each CPU */
	struct warden_system *sys;
	int linux_cpu[WARDEN_MAX_CPUS]; /* -1: not online at enable */
	struct kobject *cells_kobj; /* /sys/devices/warden/cells */
	struct warden_cell cells[WARDEN_MAX_CELLS]; /* [0]: unused (root) */
};

extern struct warden_state warden;
extern char *warden_fw_name;
extern unsigned int warden_max_lrs;

/* Where the image and the config go, from the firmware header and config. */
struct fw_layout {
	phys_addr_t phys; /* hypervisor memory */
	u64 size;
	u64 image_size;
	u64 entry_offset;
	u64 config_offset;
	u64 config_size;
	u32 console_offset;
	u32 max_cpus;
	u64 core_size; /* image and bss */
	u64 percpu_size; /* per CPU */
};

/* main.c */
__printf(2, 3) void warden_errmsg(char *errmsg, const char *fmt, ...);

/* Collects a config checker's problems: all to dmesg, the first to errmsg. */
struct warden_report {
	char *errmsg;
	unsigned int count;
};

/* config_check_*() callback; ctx is a struct warden_report. */
__printf(2, 3) void warden_report_problem(void *ctx, const char *fmt, ...);
/* After the check: say in errmsg how many more problems dmesg has. */
void warden_report_done(const struct warden_report *rep);

/* enable.c / disable.c: called with warden.lock held */
int enable_hypervisor(const void __user *config, u64 config_size, char *errmsg);
int disable_hypervisor(void);

/* firmware.c */
int firmware_check(const struct firmware *fw, const struct warden_system *sys,
		   u64 config_size, struct fw_layout *lay, char *errmsg);

/* image.c */
void image_load(void *mem, const struct fw_layout *lay,
		const struct firmware *fw, const void *config, u32 online_cpus);
void image_clean_to_poc(const void *start, size_t size);
void image_sync_for_el2(const void *start, size_t size);

/* cpu.c: called under cpus_read_lock() */
int cpu_map_online(const struct warden_system *sys, u32 max_cpus,
		   u32 *online_cpus, int *linux_cpu, char *errmsg);
int cpu_enter_all(const struct fw_layout *lay, char *errmsg);
int cpu_disable_all(void);
int cpu_probe_all(char *errmsg);

/* console.c */
ssize_t console_read(char *buf, size_t len);
ssize_t console_read_ring(const struct warden_console *ring, char *buf,
			  size_t max);

/* cells.c: the cell ioctls (take warden.lock themselves) */
long cells_ioctl(unsigned int cmd, struct warden_cell_args __user *uargs);
int cells_init(struct device *dev);
void cells_exit(void);
/* A pointer into hv_mem for a physical address of the hypervisor's. */
const void *cells_hv_ptr(u64 pa, size_t size);
/* Refresh the hypervisor's status page of cell c; its state or -errno. */
long cells_refresh(struct warden_cell *c);
/*
 * devices.c: 0 if the root drives no device in the cell's IO regions, else
 * -EBUSY with the device, its driver and how to unbind it in errmsg.
 */
int devices_check_free(const struct warden_cell_desc *d, char *errmsg);
/* Start c at its reset address, or as boot says (NULL: reset address). */
int cells_start_at(struct warden_cell *c, const struct warden_cell_boot *boot,
		   char *errmsg);
/*
 * reload.c: a cell that resets itself is loaded again from copies of its
 * images and started again (WARDEN_CELL_KEEP, WARDEN_BOOT_RELOAD).
 */
int reload_keep(struct warden_cell *c, const struct warden_cell_image *imgs,
		const u64 *phys, unsigned int num, char *errmsg);
void reload_forget(struct warden_cell *c);
int reload_arm(struct warden_cell *c, const struct warden_cell_boot *boot,
	       char *errmsg);
void reload_exit(void);
extern const char *const cells_state_names[WARDEN_CELL_NUM_STATES];

/* fuzz.c: WARDEN_IOCTL_TEST_FUZZ (module parameter test_fuzz=1) */
long fuzz_ioctl(struct warden_fuzz_args __user *uargs);
long fuzz_call_ioctl(struct warden_test_call_args __user *uargs);

/* cells.c, for reboot.c: with warden.lock held */
void cells_stop_all(unsigned int wait_ms,
		    struct kobject *kobjs[WARDEN_MAX_CELLS]);

/* reboot.c */
int reboot_init(void);
void reboot_exit(void);

/* X(name) for each of WARDEN_STAT_NAMES: the files of stats/ dirs */
#define WARDEN_FOR_EACH_STAT(X) \
	X(exits)                \
	X(hvc) X(smc) X(psci) X(mmio) X(irq) X(sgi) X(sysreg) X(maintenance)

/* cellattrs.c: /sys/devices/warden/cells/<id>/ */
int cellattrs_add(struct warden_cell *c, struct kobject *parent);
void cellattrs_remove(struct kobject *kobj);
unsigned int cellattrs_stat_index(const char *name);
ssize_t cellattrs_emit_stat(char *buf, const struct warden_cell_status *st,
			    u64 cpus, unsigned int stat);

/*
 * links.c: Linux's links, /dev/warden-link-<name>.  In the root, from
 * enable to disable (warden.lock held):
 */
void links_enable(const struct warden_system *sys);
/* Refuses while a link device is open; else removes them all. */
int links_disable(void);
/* Cell `name` is being destroyed: revoke mappings of links to it. */
void links_peer_leaving(const char *name);
/* ... or it was not destroyed after all, or it is created again. */
void links_peer_back(const char *name);
ssize_t links_list(char *buf);
/* In a Linux cell: the cell's links, from its device tree, until exit. */
void links_incell_init(void);
void links_incell_exit(void);

/* wnet.c: a network link's interface, wnet<N> (links.c adds them). */
struct wnet;
struct wnet *wnet_add(unsigned int index, const struct warden_link *cfg,
		      int irq);
void wnet_remove(struct wnet *w);
const char *wnet_name(const struct wnet *w);

/*
 * incell.c: warden.ko in a Linux cell.  1 if this Linux is a cell, which
 * then only answers the root's shutdown requests; 0 if it is not (the
 * root); or -errno: a cell whose comm region cannot be answered.
 */
int incell_init(void);
void incell_exit(void);

/* attrs.c */
int attrs_create(struct device *dev);
void attrs_remove(struct device *dev);

#endif /* WARDEN_DRIVER_H */
