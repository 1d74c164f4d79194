// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux's side of its links (docs/links.md): one character device per
 * link, /dev/warden-link-<name>.  In the root, the links are those of the
 * system config, from enable to disable (links_enable()); in a Linux cell,
 * those of the cell config, which the tree that `warden cell linux` writes
 * describes (warden,link nodes, tools/linuxdt.h), while the module is
 * loaded (links_incell_init()).  Both sides ring and ask for the peer's
 * state with the same hypercalls, by the link's index in their config.
 *
 *   mmap   (MAP_SHARED) the link's region, at offsets as laid out in
 *          config.h: common section, side 0's, side 1's.  The peer's
 *          section can only be mapped read-only (the hypervisor's stage 2
 *          says the same).
 *          Refused with ENOTCONN while the peer cell does not exist; when
 *          it is destroyed, every mapping is revoked (a later access gets
 *          SIGBUS) before the hypervisor wipes the region.
 *   read   blocks until the doorbell rang, then returns (u64) how many
 *          times it rang since this file last read; poll: readable then.
 *   ioctl  WARDEN_LINK_RING rings the peer, WARDEN_LINK_INFO describes
 *          the link and the peer's state.
 *
 * Only the stock kernel's interfaces are used: a misc device, the GIC's
 * interrupt domain (found through the device tree) for the doorbell SPI,
 * and remap_pfn_range() over memory Linux does not own (the mem= hole in
 * the root; in a cell, a region no memory node covers).
 * The mapping is write-combining (Normal non-cacheable): inmates run with
 * their caches off, and both sides then see memory as it is.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "hvc.h"
#include "warden.h"

struct links_dev {
	/* set at enable, fixed until disable */
	unsigned int index; /* in this cell's config: the hypercalls' x1 */
	/* the link as this Linux sees it: phys_start is where it maps it */
	struct warden_link cfg;
	char devname[16 + WARDEN_CELL_NAME_MAX];
	struct miscdevice misc;
	int irq; /* Linux's number of the doorbell SPI; 0: none */
	bool registered;
	struct wnet *net; /* a network link's interface (wnet.c), not misc */
	/* doorbell: rings counts, readers wait */
	atomic64_t rings;
	wait_queue_head_t wait;
	/* in a cell, for a peer cell: is it still there? (links_peer_work) */
	struct work_struct peer_work;
	bool watch_peer;
	struct mutex lock; /* the fields below */
	bool alive; /* open() allowed: false from disable on */
	bool dying; /* the peer is being destroyed: no new mappings */
	unsigned int users; /* open files */
	struct list_head files;
};

/* One open file: what this reader has seen of the doorbell. */
struct links_file {
	struct links_dev *dev;
	struct file *file;
	s64 seen;
	struct list_head node;
};

static struct links_dev links_devs[WARDEN_MAX_LINKS];
static unsigned int links_num;

static long links_state(const struct links_dev *d)
{
	return (long)hvc_call(WARDEN_HC_LINK_STATE, d->index, 0, 0, 0).x0;
}

static irqreturn_t links_doorbell(int irq, void *data)
{
	struct links_dev *d = data;

	atomic64_inc(&d->rings);
	wake_up_interruptible(&d->wait);
	if (d->watch_peer)
		schedule_work(&d->peer_work);
	return IRQ_HANDLED;
}

static int links_open(struct inode *inode, struct file *file)
{
	struct links_dev *d =
		container_of(file->private_data, struct links_dev, misc);
	struct links_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_lock(&d->lock);
	if (!d->alive) {
		mutex_unlock(&d->lock);
		kfree(f);
		return -ENODEV;
	}
	f->dev = d;
	f->file = file;
	f->seen = atomic64_read(&d->rings);
	list_add(&f->node, &d->files);
	d->users++;
	mutex_unlock(&d->lock);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int links_release(struct inode *inode, struct file *file)
{
	struct links_file *f = file->private_data;
	struct links_dev *d = f->dev;

	mutex_lock(&d->lock);
	list_del(&f->node);
	d->users--;
	mutex_unlock(&d->lock);
	kfree(f);
	return 0;
}

static ssize_t links_read(struct file *file, char __user *buf, size_t len,
			  loff_t *pos)
{
	struct links_file *f = file->private_data;
	struct links_dev *d = f->dev;
	s64 now;
	u64 n;
	int ret;

	if (len < sizeof(n))
		return -EINVAL;
	if (file->f_flags & O_NONBLOCK) {
		if (atomic64_read(&d->rings) == f->seen)
			return -EAGAIN;
	} else {
		ret = wait_event_interruptible(
			d->wait, atomic64_read(&d->rings) != f->seen);
		if (ret)
			return ret;
	}
	now = atomic64_read(&d->rings);
	n = (u64)(now - f->seen);
	f->seen = now;
	if (copy_to_user(buf, &n, sizeof(n)))
		return -EFAULT;
	return sizeof(n);
}

static __poll_t links_poll(struct file *file, poll_table *wait)
{
	struct links_file *f = file->private_data;
	struct links_dev *d = f->dev;

	poll_wait(file, &d->wait, wait);
	return atomic64_read(&d->rings) != f->seen ? EPOLLIN | EPOLLRDNORM : 0;
}

/* Does [off, off + len) touch the peer's output section? */
static bool links_touches_peer(const struct warden_link *l, u64 off, u64 len)
{
	u64 peer = l->common_size + (1 - l->side) * l->section_size;

	return off < peer + l->section_size && peer < off + len;
}

static int links_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct links_dev *d = ((struct links_file *)file->private_data)->dev;
	const struct warden_link *l = &d->cfg;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;
	u64 size = warden_link_size(l);
	int ret;

	/* shared memory: a private copy of it would only mislead */
	if (!(vma->vm_flags & VM_SHARED) || off >= size || len > size - off)
		return -EINVAL;
	if (links_touches_peer(l, off, len)) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	mutex_lock(&d->lock);
	if (d->dying || links_state(d) < 0) {
		mutex_unlock(&d->lock);
		return -ENOTCONN;
	}
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	ret = remap_pfn_range(vma, vma->vm_start,
			      (l->phys_start + off) >> PAGE_SHIFT, len,
			      vma->vm_page_prot);
	mutex_unlock(&d->lock);
	return ret;
}

static long links_info(struct links_dev *d, void __user *uarg)
{
	const struct warden_link *l = &d->cfg;
	struct warden_link_info info = {
		.phys_start = l->phys_start,
		.size = warden_link_size(l),
		.common_size = l->common_size,
		.section_size = l->section_size,
		.side = l->side,
		.doorbell_irq = l->doorbell_irq,
		.peer_state = (s32)links_state(d),
		.rings = (u64)atomic64_read(&d->rings),
	};

	memcpy(info.name, l->name, sizeof(info.name));
	memcpy(info.peer, l->peer, sizeof(info.peer));
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long links_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct links_dev *d = ((struct links_file *)file->private_data)->dev;

	switch (cmd) {
	case WARDEN_LINK_RING:
		return (long)hvc_call(WARDEN_HC_LINK_RING, d->index, 0, 0, 0).x0;
	case WARDEN_LINK_INFO:
		return links_info(d, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations links_fops = {
	.owner = THIS_MODULE,
	.open = links_open,
	.release = links_release,
	.read = links_read,
	.poll = links_poll,
	.mmap = links_mmap,
	.unlocked_ioctl = links_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

/* The GIC's node: the interrupt domain that numbers SPIs. */
static struct device_node *links_gic_node(void)
{
	static const char *const compat[] = { "arm,gic-v3",
					      "arm,cortex-a15-gic",
					      "arm,gic-400", NULL };
	struct device_node *np;
	unsigned int i;

	for (i = 0; compat[i]; i++) {
		np = of_find_compatible_node(NULL, NULL, compat[i]);
		if (np)
			return np;
	}
	return NULL;
}

/* Linux's number for the doorbell SPI: edge-triggered, like a ring. */
static int links_map_irq(u32 intid)
{
	struct irq_fwspec spec = {
		.param_count = 3,
		.param = { 0 /* GIC_SPI */, intid - 32, IRQ_TYPE_EDGE_RISING },
	};
	struct device_node *np = links_gic_node();
	unsigned int irq;

	if (!np)
		return -ENODEV;
	spec.fwnode = of_node_to_fwnode(np);
	irq = irq_create_fwspec_mapping(&spec);
	of_node_put(np);
	return irq ? (int)irq : -EINVAL;
}

/* A network link: an interface instead of a misc device. */
static int links_add_net(struct links_dev *d)
{
	struct wnet *w = wnet_add(d->index, &d->cfg, d->irq);

	if (IS_ERR(w)) {
		irq_dispose_mapping(d->irq);
		return PTR_ERR(w);
	}
	d->net = w;
	d->registered = true;
	return 0;
}

/*
 * The device of link cfg, whose doorbell is Linux's irq (taken over), or
 * -errno: why it has none (then d only describes the link, for the list).
 */
static int links_add(struct links_dev *d, unsigned int index,
		     const struct warden_link *cfg, int irq)
{
	int ret;

	memset(d, 0, sizeof(*d));
	d->index = index;
	d->cfg = *cfg;
	atomic64_set(&d->rings, 0);
	init_waitqueue_head(&d->wait);
	mutex_init(&d->lock);
	INIT_LIST_HEAD(&d->files);
	snprintf(d->devname, sizeof(d->devname), "warden-link-%.*s",
		 WARDEN_CELL_NAME_MAX - 1, cfg->name);
	if (irq < 0)
		return irq;
	d->irq = irq;
	if (cfg->flags & WARDEN_LINK_NET)
		return links_add_net(d);
	ret = request_irq(d->irq, links_doorbell, 0, d->devname, d);
	if (ret) {
		irq_dispose_mapping(d->irq);
		return ret;
	}
	d->misc.minor = MISC_DYNAMIC_MINOR;
	d->misc.name = d->devname;
	d->misc.fops = &links_fops;
	d->misc.mode = 0600;
	d->alive = true;
	ret = misc_register(&d->misc);
	if (ret) {
		free_irq(d->irq, d);
		irq_dispose_mapping(d->irq);
		return ret;
	}
	d->registered = true;
	return 0;
}

static void links_remove(struct links_dev *d)
{
	if (!d->registered)
		return;
	if (d->net) {
		wnet_remove(d->net);
		d->net = NULL;
	} else {
		misc_deregister(&d->misc);
		free_irq(d->irq, d);
	}
	irq_dispose_mapping(d->irq);
	d->registered = false;
}

void links_enable(const struct warden_system *sys)
{
	const struct warden_link *l = warden_cell_links(&sys->root_cell);
	unsigned int i;
	int ret;

	links_num = 0;
	for (i = 0; i < sys->root_cell.num_links; i++) {
		ret = links_add(&links_devs[i], i, &l[i],
				links_map_irq(l[i].doorbell_irq));
		if (ret)
			pr_err("link \"%.*s\": no /dev/warden-link-%.*s (error %d)\n",
			       WARDEN_CELL_NAME_MAX, l[i].name,
			       WARDEN_CELL_NAME_MAX, l[i].name, ret);
		links_num = i + 1;
	}
}

int links_disable(void)
{
	unsigned int i, busy = WARDEN_MAX_LINKS;

	for (i = 0; i < links_num && busy == WARDEN_MAX_LINKS; i++) {
		mutex_lock(&links_devs[i].lock);
		if (links_devs[i].users)
			busy = i;
		else
			links_devs[i].alive = false;
		mutex_unlock(&links_devs[i].lock);
	}
	if (busy != WARDEN_MAX_LINKS) {
		pr_err("disable: /dev/%s is open; close it first\n",
		       links_devs[busy].devname);
		for (i = 0; i < busy; i++)
			links_devs[i].alive = true;
		return -EBUSY;
	}
	for (i = 0; i < links_num; i++)
		links_remove(&links_devs[i]);
	links_num = 0;
	return 0;
}

/*
 * A warden,link node of the cell's tree (tools/linuxdt.h) as the link it
 * describes, at the IPA where this Linux maps it; its index in the cell
 * config in *index.  The tree is the root's work, but a stale or hand-made
 * one must not give a device a region it does not describe.
 */
static int links_parse(struct device_node *np, unsigned int *index,
		       struct warden_link *l)
{
	const char *name, *peer;
	struct resource res;
	u64 size;
	u32 spi;
	int ret;

	memset(l, 0, sizeof(*l));
	ret = of_address_to_resource(np, 0, &res);
	if (!ret)
		ret = of_property_read_string(np, "warden,name", &name);
	if (!ret)
		ret = of_property_read_string(np, "warden,peer", &peer);
	if (!ret)
		ret = of_property_read_u32(np, "warden,index", index);
	if (!ret)
		ret = of_property_read_u32(np, "warden,side", &l->side);
	if (!ret)
		ret = of_property_read_u64(np, "warden,common-size",
					   &l->common_size);
	if (!ret)
		ret = of_property_read_u64(np, "warden,section-size",
					   &l->section_size);
	if (!ret)
		ret = of_property_read_u32_index(np, "interrupts", 1, &spi);
	if (ret)
		return ret;
	if (of_property_read_bool(np, "warden,net"))
		l->flags = WARDEN_LINK_NET;
	size = resource_size(&res);
	if (*index >= WARDEN_MAX_LINKS || l->side > 1 || !l->section_size ||
	    l->common_size > size || l->section_size > size / 2 ||
	    size - l->common_size != 2 * l->section_size ||
	    !PAGE_ALIGNED(res.start) || !PAGE_ALIGNED(size) ||
	    !PAGE_ALIGNED(l->common_size) || !PAGE_ALIGNED(l->section_size) ||
	    ((l->flags & WARDEN_LINK_NET) &&
	     l->section_size < WARDEN_LINK_NET_MIN_SECTION))
		return -EINVAL;
	strscpy(l->name, name, sizeof(l->name));
	strscpy(l->peer, peer, sizeof(l->peer));
	l->phys_start = res.start;
	l->virt_start = res.start;
	l->doorbell_irq = spi + 32;
	return 0;
}

/* Linux's number of a link node's doorbell, or -errno. */
static int links_node_irq(struct device_node *np)
{
	unsigned int irq = irq_of_parse_and_map(np, 0);

	return irq ? (int)irq : -EINVAL;
}

static void links_revoke(struct links_dev *d);

/*
 * In a cell, no one tells the driver that a peer cell is destroyed (the
 * root's driver hears it from `warden cell destroy`); the hypervisor rings
 * the doorbell for every state change, though.  So each ring of a link to
 * another cell asks for the peer's state, and a peer that is gone takes
 * the mappings of the link with it, as in the root: a later access gets
 * SIGBUS, and a new mmap fails with ENOTCONN until the peer is back.  The
 * hypervisor wipes the region at destroy, so what an old mapping could
 * still read is zeros, never another session's data.
 */
static void links_peer_work(struct work_struct *work)
{
	struct links_dev *d = container_of(work, struct links_dev, peer_work);
	bool gone = links_state(d) < 0;

	mutex_lock(&d->lock);
	if (gone && !d->dying)
		links_revoke(d);
	d->dying = gone;
	mutex_unlock(&d->lock);
}

/*
 * A link to another cell: a link to the root (warden,peer-root in the
 * tree), which never goes while the cell exists, is not watched.  A work
 * already queued absorbs the rings that come meanwhile, so a busy link
 * costs one state query per run of the work, not one per ring.  An
 * interface watches its own peer.
 */
static void links_watch(struct links_dev *d, bool peer_root)
{
	if (d->net || peer_root)
		return;
	INIT_WORK(&d->peer_work, links_peer_work);
	/* before the first ring: the IRQ handler reads it */
	smp_store_release(&d->watch_peer, true);
}

/* The cell's links, from its tree; a node that is not one is skipped. */
void links_incell_init(void)
{
	struct device_node *np;
	struct warden_link l;
	unsigned int index;
	int ret;

	links_num = 0;
	for_each_compatible_node(np, NULL, "warden,link")
	{
		if (links_num == WARDEN_MAX_LINKS) {
			pr_err("%pOF: more than %u links: left out\n", np,
			       WARDEN_MAX_LINKS);
			continue;
		}
		ret = links_parse(np, &index, &l);
		if (ret) {
			pr_err("%pOF: not a link as warden cell linux writes it (error %d)\n",
			       np, ret);
			continue;
		}
		ret = links_add(&links_devs[links_num++], index, &l,
				links_node_irq(np));
		if (!ret)
			links_watch(&links_devs[links_num - 1],
				    of_property_read_bool(np,
							  "warden,peer-root"));
		if (ret)
			pr_err("link \"%s\": no /dev/warden-link-%s (error %d)\n",
			       l.name, l.name, ret);
		else if (!(l.flags & WARDEN_LINK_NET))
			pr_info("link \"%s\" to %s (side %u, doorbell INTID %u): /dev/warden-link-%s\n",
				l.name, l.peer, l.side, l.doorbell_irq, l.name);
	}
}

/* Module exit: no file is open then (each holds a module reference). */
void links_incell_exit(void)
{
	unsigned int i;

	for (i = 0; i < links_num; i++) {
		links_remove(&links_devs[i]);
		if (links_devs[i].watch_peer)
			cancel_work_sync(&links_devs[i].peer_work);
	}
	links_num = 0;
}

/*
 * Mappings through /dev nodes of d: unmapping its files' address spaces
 * takes every one (a later access gets SIGBUS: nothing to fault in).
 */
static void links_revoke(struct links_dev *d)
{
	struct links_file *f;

	/* cppcheck-suppress unknownMacro ; the kernel's list iterator */
	list_for_each_entry(f, &d->files, node)
		unmap_mapping_range(f->file->f_mapping, 0, 0, 1);
}

/* Call with warden.lock held, for every link whose peer is `name`. */
static void links_set_dying(const char *name, bool dying)
{
	struct links_dev *d;
	unsigned int i;

	for (i = 0; i < links_num; i++) {
		d = &links_devs[i];
		/* an interface's memory stays mapped: it reads a wipe as "down" */
		if (!d->registered || d->net ||
		    strncmp(d->cfg.peer, name, WARDEN_CELL_NAME_MAX))
			continue;
		mutex_lock(&d->lock);
		d->dying = dying;
		if (dying)
			links_revoke(d);
		mutex_unlock(&d->lock);
	}
}

void links_peer_leaving(const char *name)
{
	links_set_dying(name, true);
}

void links_peer_back(const char *name)
{
	links_set_dying(name, false);
}

/*
 * /sys/devices/warden/links: "<link> <side> <peer> <peer state> <device>",
 * the device a /dev node or a network link's interface.
 */
ssize_t links_list(char *buf)
{
	const struct links_dev *d;
	ssize_t n = 0;
	unsigned int i;
	long st;

	for (i = 0; i < links_num; i++) {
		d = &links_devs[i];
		st = links_state(d);
		n += sysfs_emit_at(buf, n, "%.*s %u %.*s %s %s%s\n",
				   WARDEN_CELL_NAME_MAX, d->cfg.name,
				   d->cfg.side, WARDEN_CELL_NAME_MAX,
				   d->cfg.peer,
				   st >= 0 && st < WARDEN_CELL_NUM_STATES ?
					   cells_state_names[st] :
					   "absent",
				   d->net ? "" : "/dev/",
				   !d->registered ? "-" :
				   d->net	  ? wnet_name(d->net) :
						    d->devname);
	}
	return n;
}
