// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's management hypercalls: create, load, start, shut down and
 * destroy inmate cells (docs/architecture.md), and input for their emulated console
 * UARTs (vpl011.c).  They run on a root CPU, one at a time
 * (ctl_lock).  Every argument is checked, and a failed call leaves the
 * system as it was; its reason, in words, goes to the console and to a page
 * the root can read (cellctl_errmsg_page()), from which the driver passes it
 * on to the user.
 */
#include <stdarg.h>

#include <config-check.h>
#include <warden/hypercall.h>
#include <asm/spinlock.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/percpu.h>
#include <hyp/pool.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>
#include <hyp/setup.h>
#include <hyp/string.h>
#include <hyp/vpl011.h>

#define ERRMSG_LEN 256
#define STATUS_PAGES (WARDEN_STATUS_SIZE >> PAGE_SHIFT)

static spinlock_t ctl_lock;
static struct cell cells[WARDEN_MAX_CELLS]; /* [0] unused: root_cell */
static char *errmsg; /* one page, read-only for the root */

static paddr_t pa_of(const void *p)
{
	return (paddr_t)(uintptr_t)p;
}

/*
 * At most 10 refusals a second reach the console, so that a root that calls
 * wrongly in a loop cannot flood it; every refusal still goes to the error
 * page.
 */
static struct ratelimit ctl_refusals =
	RATELIMIT_INIT(10, "refusals of management calls");

long cellctl_refuse(long err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, ERRMSG_LEN, fmt, ap);
	va_end(ap);
	if (ratelimit_allow(&ctl_refusals))
		printk("%s\n", errmsg);
	return err;
}

/*
 * The pages the root reads: the error message, and its own status page
 * (its CPUs' exit statistics, WARDEN_HC_CELL_STATE with id 0).
 */
int cellctl_init(void)
{
	struct warden_cell_status *st =
		pool_alloc_pages(&hyp.pool, STATUS_PAGES);
	int err;

	errmsg = pool_alloc(&hyp.pool);
	if (!errmsg || !st)
		return -ENOMEM;
	err = paging_map(&root_cell.stage2, pa_of(errmsg), pa_of(errmsg),
			 PAGE_SIZE, PAGING_READ);
	if (!err)
		err = paging_map(&root_cell.stage2, pa_of(st), pa_of(st),
				 WARDEN_STATUS_SIZE, PAGING_READ);
	if (err)
		return err;
	memcpy(st->name, root_cell.name, sizeof(st->name));
	root_cell.status = st;
	return 0;
}

paddr_t cellctl_errmsg_page(void)
{
	return pa_of(errmsg);
}

u64 cellctl_ids(void)
{
	u64 ids = 1;
	unsigned int i;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use)
			ids |= 1UL << i;
	return ids;
}

unsigned int cellctl_count(void)
{
	unsigned int i, n = 1;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		n += cells[i].in_use;
	return n;
}

static struct cell *find_cell(u64 id)
{
	if (id == 0 || id >= WARDEN_MAX_CELLS || !cells[id].in_use)
		return NULL;
	return &cells[id];
}

struct cell *cellctl_cell(unsigned int id)
{
	return id == 0u ? &root_cell : find_cell(id);
}

/* The cell (root or inmate) that owns CPU cpu, for messages. */
static const char *cpu_owner(unsigned int cpu)
{
	unsigned int i;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use && cell_owns_cpu(&cells[i], cpu))
			return cells[i].name;
	return NULL;
}

static const char *irq_owner(u32 irq)
{
	unsigned int i;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use && cell_owns_irq(&cells[i], irq))
			return cells[i].name;
	return NULL;
}

static const char *mem_owner(u64 start, u64 size)
{
	const struct warden_memory *m;
	unsigned int i, r;

	for (i = 1; i < WARDEN_MAX_CELLS; i++) {
		if (!cells[i].in_use)
			continue;
		m = warden_cell_mem(cells[i].desc);
		for (r = 0; r < cells[i].desc->num_memory_regions; r++)
			if (!(m[r].flags & WARDEN_MEM_COMM_REGION) &&
			    start < m[r].phys_start + m[r].size &&
			    m[r].phys_start < start + size)
				return cells[i].name;
	}
	return NULL;
}

/* Is all of [start, start + size) mapped in the root's stage 2? */
static bool root_maps(u64 start, u64 size, u32 need)
{
	u64 va = start, end = start + size;
	unsigned int level;
	u32 flags;

	while (va < end) {
		u64 next;

		if (paging_lookup(&root_cell.stage2, va, NULL, &flags,
				  &level) ||
		    (flags & need) != need)
			return false;
		/* on to the next block or page; stop at the top of the space */
		next = (va | ((1UL << arch_paging_shift(level)) - 1)) + 1;
		if (next <= va)
			break;
		va = next;
	}
	return true;
}

static long check_cpus(const struct warden_cell_desc *d)
{
	unsigned int cpu;
	const char *owner;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		if (!(d->cpu_set & (1UL << cpu)))
			continue;
		owner = cpu_owner(cpu);
		if (owner)
			return cellctl_refuse(
				-EBUSY,
				"cell \"%s\": CPU %u is owned by cell \"%s\"",
				d->name, cpu, owner);
		if (READ_ONCE(per_cpu_of(cpu)->online) || !arch_cpu_is_off(cpu))
			return cellctl_refuse(
				-EBUSY,
				"cell \"%s\": CPU %u is still running in the root cell (take it offline first)",
				d->name, cpu);
	}
	if (!(root_cell.cpu_set & ~d->cpu_set))
		return cellctl_refuse(
			-EINVAL,
			"cell \"%s\": would leave the root cell without CPUs",
			d->name);
	return 0;
}

static long check_memory(const struct warden_cell_desc *d)
{
	const struct warden_memory *m = warden_cell_mem(d);
	const char *owner;
	u32 i;

	for (i = 0; i < d->num_memory_regions; i++) {
		if (m[i].flags & WARDEN_MEM_COMM_REGION)
			continue;
		if (root_maps(m[i].phys_start, m[i].size, PAGING_READ))
			continue;
		owner = mem_owner(m[i].phys_start, m[i].size);
		return cellctl_refuse(
			-EBUSY,
			"cell \"%s\": memory region %u (%#llx+%#llx) %s%s%s",
			d->name, i, (unsigned long long)m[i].phys_start,
			(unsigned long long)m[i].size,
			owner ? "is owned by cell \"" :
				"is not the root cell's",
			owner ? owner : "", owner ? "\"" : "");
	}
	return 0;
}

static long check_irqs(const struct warden_cell_desc *d)
{
	const struct warden_irq_range *r = warden_cell_irqs(d);
	const char *owner;
	u32 i, irq;

	for (i = 0; i < d->num_irq_ranges; i++) {
		for (irq = r[i].first; irq < r[i].first + r[i].count; irq++) {
			if (cell_owns_irq(&root_cell, irq))
				continue;
			owner = irq_owner(irq);
			return cellctl_refuse(-EBUSY,
					      "cell \"%s\": IRQ %u %s%s%s",
					      d->name, irq,
					      owner ? "is owned by cell \"" :
						      "is not the root cell's",
					      owner ? owner : "",
					      owner ? "\"" : "");
		}
	}
	return 0;
}

static void report_first(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void report_first(void *ctx, const char *fmt, ...)
{
	unsigned int *count = ctx;
	char line[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (ratelimit_allow(&ctl_refusals))
		printk("%s\n", line);
	if ((*count)++ == 0)
		snprintf(errmsg, ERRMSG_LEN, "%s", line);
}

/*
 * A link whose other peer exists is mapped already; a new one takes its
 * region from the root, which must still have all of it.  (That two
 * declarations of a link agree is config_check_cell_pair()'s job.)
 */
static long check_links(const struct warden_cell_desc *d)
{
	const struct warden_link *l = warden_cell_links(d);
	const char *owner;
	u64 size;
	u32 i;

	for (i = 0; i < d->num_links; i++) {
		size = warden_link_size(&l[i]);
		if (link_exists(l[i].name) ||
		    root_maps(l[i].phys_start, size, PAGING_READ))
			continue;
		owner = mem_owner(l[i].phys_start, size);
		return cellctl_refuse(
			-EBUSY, "cell \"%s\": link \"%s\" (%#llx+%#llx) %s%s%s",
			d->name, l[i].name, (unsigned long long)l[i].phys_start,
			(unsigned long long)size,
			owner ? "overlaps memory of cell \"" :
				"is not (or no longer) the root cell's",
			owner ? owner : "", owner ? "\"" : "");
	}
	return 0;
}

/* The same pairwise rules as `warden config check`, against every cell. */
static long check_pairs(const struct warden_cell_desc *d)
{
	unsigned int i, problems = 0;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use &&
		    config_check_cell_pair(d, cells[i].desc, report_first,
					   &problems))
			return -EINVAL;
	return 0;
}

static long check_name(const struct warden_cell_desc *d)
{
	unsigned int i;

	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use && string_name_eq(cells[i].name, d->name,
						      sizeof(cells[i].name)))
			return cellctl_refuse(
				-EEXIST, "a cell named \"%s\" exists (id %u)",
				d->name, i);
	return 0;
}

/* The config, copied out of root memory, checked alone and against now. */
static long get_config(u64 pa, u64 size, struct warden_cell_desc **out)
{
	unsigned int problems = 0;
	void *copy;
	long err;

	if (size < sizeof(struct warden_cell_desc) ||
	    size > WARDEN_CELL_CONFIG_MAX || pa + size < pa)
		return cellctl_refuse(
			-EINVAL, "cell config: size %llu not in %u..%u",
			(unsigned long long)size,
			(unsigned int)sizeof(struct warden_cell_desc),
			WARDEN_CELL_CONFIG_MAX);
	if (!root_maps(pa & ~(PAGE_SIZE - 1),
		       ALIGN_UP(pa + size, PAGE_SIZE) - (pa & ~(PAGE_SIZE - 1)),
		       PAGING_READ))
		return cellctl_refuse(
			-EFAULT, "cell config: %#llx+%#llx is not root memory",
			(unsigned long long)pa, (unsigned long long)size);
	copy = pool_alloc(&hyp.pool);
	if (!copy)
		return cellctl_refuse(-ENOMEM, "cell config: out of memory");
	err = arch_phys_copy_from(copy, pa, size);
	if (err)
		err = cellctl_refuse(
			err, "cell config: cannot copy %#llx+%#llx (error %ld)",
			(unsigned long long)pa, (unsigned long long)size, err);
	if (!err &&
	    config_check_cell(copy, size, hyp.config, report_first, &problems))
		err = -EINVAL;
	if (!err)
		err = check_name(copy);
	if (!err)
		err = check_cpus(copy);
	if (!err)
		err = check_memory(copy);
	if (!err)
		err = check_irqs(copy);
	if (!err)
		err = check_pairs(copy);
	if (!err)
		err = check_links(copy);
	if (err) {
		pool_free(&hyp.pool, copy);
		return err;
	}
	*out = copy;
	return 0;
}

static const struct warden_memory *comm_region(const struct cell *cell)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;

	for (i = 0; i < cell->desc->num_memory_regions; i++)
		if (m[i].flags & WARDEN_MEM_COMM_REGION)
			return &m[i];
	return NULL;
}

static void free_pages(struct cell *cell)
{
	pool_free(&hyp.pool, cell->comm);
	pool_free_pages(&hyp.pool, cell->status, STATUS_PAGES);
	pool_free(&hyp.pool, cell->console);
	pool_free(&hyp.pool, (void *)(uintptr_t)cell->desc);
}

/* Comm region into the cell; status and console read-only into the root. */
static long add_pages(struct cell *cell)
{
	const struct warden_memory *c = comm_region(cell);
	struct warden_cell_status *st;
	int err;

	cell->comm = pool_alloc(&hyp.pool);
	cell->status = pool_alloc_pages(&hyp.pool, STATUS_PAGES);
	cell->console = pool_alloc(&hyp.pool);
	if (!cell->comm || !cell->status || !cell->console || !c)
		return -ENOMEM;
	err = paging_map(&cell->stage2, c->virt_start, pa_of(cell->comm),
			 PAGE_SIZE, PAGING_RW);
	if (!err)
		err = paging_map(&root_cell.stage2, pa_of(cell->status),
				 pa_of(cell->status), WARDEN_STATUS_SIZE,
				 PAGING_READ);
	if (!err)
		err = paging_map(&root_cell.stage2, pa_of(cell->console),
				 pa_of(cell->console), PAGE_SIZE, PAGING_READ);
	if (err)
		return err;
	st = cell->status;
	memcpy(st->name, cell->name, sizeof(st->name));
	st->id = cell->id;
	st->cpu_set = cell->cpu_set;
	return 0;
}

static void remove_pages_from_root(struct cell *cell)
{
	paging_unmap(&root_cell.stage2, pa_of(cell->status),
		     WARDEN_STATUS_SIZE);
	paging_unmap(&root_cell.stage2, pa_of(cell->console), PAGE_SIZE);
}

/* Regions that leave the root: everything but comm and shared ones. */
static bool leaves_root(const struct warden_memory *m)
{
	return !(m->flags & (WARDEN_MEM_COMM_REGION | WARDEN_MEM_ROOTSHARED));
}

static void give_memory(struct cell *cell, u32 upto)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;

	for (i = 0; i < upto; i++)
		if (leaves_root(&m[i]) &&
		    paging_map(&root_cell.stage2, m[i].phys_start,
			       m[i].phys_start, m[i].size,
			       cell_root_flags(m[i].phys_start, m[i].size)))
			printk("cell \"%s\": memory region %u not returned to the root cell\n",
			       cell->name, i);
}

static int take_memory(struct cell *cell)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;
	int err;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		if (!leaves_root(&m[i]))
			continue;
		err = paging_unmap(&root_cell.stage2, m[i].phys_start,
				   m[i].size);
		if (err) {
			give_memory(cell, i + 1);
			return err;
		}
	}
	return 0;
}

/*
 * After CPUs and SPIs changed owner, every SPI of the cell (take) and of
 * the root must target only CPUs of its owner.  Other cells' routes cannot
 * have changed: their CPUs did not move, and their writes are filtered.
 */
static void route_spis(const struct cell *cell, bool take)
{
	const struct cell *owner;
	u32 irq;

	for (irq = 32u; irq < ARRAY_SIZE(cell->irq_bitmap) * 64u; irq++) {
		owner = (cell_owns_irq(&root_cell, irq) ||
			 arch_irq_is_hyp(irq)) ?
				&root_cell :
				cell;
		if ((owner == &root_cell) || (take && cell_owns_irq(cell, irq)))
			arch_irq_route(owner, irq);
	}
}

/* CPUs and SPIs: from the root to the cell (take) or back. */
static void move_cpus_irqs(struct cell *cell, bool take)
{
	unsigned int cpu, w;
	u32 irq;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		if (!cell_owns_cpu(cell, cpu))
			continue;
		if (take) {
			root_cell.cpu_set &= ~(1UL << cpu);
			arch_cell_cpu_unmap(&root_cell, cpu);
		} else {
			root_cell.cpu_set |= 1UL << cpu;
			if (arch_cell_cpu_map(&root_cell, cpu))
				printk("CPU %u: devices not returned to the root cell\n",
				       cpu);
			per_cpu_of(cpu)->cell = &root_cell;
		}
	}
	for (w = 0; w < ARRAY_SIZE(cell->irq_bitmap); w++) {
		u64 bits = cell->irq_bitmap[w];

		while (bits) {
			irq = w * 64 + (u32)__builtin_ctzl(bits);
			bits &= bits - 1;
			arch_irq_reset(irq);
			if (take)
				root_cell.irq_bitmap[w] &= ~(1UL << (irq % 64));
			else
				root_cell.irq_bitmap[w] |= 1UL << (irq % 64);
		}
	}
	route_spis(cell, take);
}

static long create(u64 pa, u64 size)
{
	struct warden_cell_desc *desc = NULL;
	struct cell *cell = NULL;
	unsigned int id;
	long err;

	for (id = 1; id < WARDEN_MAX_CELLS && !cell; id++)
		if (!cells[id].in_use)
			cell = &cells[id];
	if (!cell)
		return cellctl_refuse(-ENOSPC, "no free cell: at most %u cells",
				      WARDEN_MAX_CELLS - 1);
	id = (unsigned int)(cell - cells);
	err = get_config(pa, size, &desc);
	if (err)
		return err;
	err = cell_init(cell, desc, id);
	if (err) {
		/* the message first: it names the config's cell */
		err = cellctl_refuse(err,
				     "cell \"%s\": cannot build (error %ld)",
				     desc->name, err);
		pool_free(&hyp.pool, desc);
		return err;
	}
	err = add_pages(cell);
	if (!err)
		err = take_memory(cell);
	if (err) {
		err = cellctl_refuse(err,
				     "cell \"%s\": out of memory (error %ld)",
				     desc->name, err);
		goto out_pages;
	}
	/*
	 * Once the memory is out of the root's reach: a table the hardware
	 * writes for the root that was placed there before is found now, and
	 * none can be placed there after (its.c).  Refuses in words itself.
	 */
	err = arch_cell_memory_check(cell);
	if (err)
		goto out_memory;
	err = link_attach(cell);
	if (err) {
		err = cellctl_refuse(err,
				     "cell \"%s\": out of memory (error %ld)",
				     desc->name, err);
		goto out_memory;
	}
	err = pci_cell_take(cell); /* refuses in words itself */
	if (err)
		goto out_links;
	move_cpus_irqs(cell, true);
	cell->in_use = true;
	cell_set_state(cell, WARDEN_CELL_CREATED);
	printk("cell \"%s\" created: id %u, CPUs %#llx\n", cell->name, id,
	       (unsigned long long)cell->cpu_set);
	return id;

out_links:
	link_detach(cell);
out_memory:
	give_memory(cell, cell->desc->num_memory_regions);
out_pages:
	remove_pages_from_root(cell);
	cell_free_tables(cell);
	free_pages(cell);
	return err;
}

/* Loadable regions, into the root (map) or out of it. */
static int loadable_to_root(struct cell *cell, bool map)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;
	int err = 0;

	for (i = 0; i < cell->desc->num_memory_regions && !err; i++) {
		if (!(m[i].flags & WARDEN_MEM_LOADABLE) || !leaves_root(&m[i]))
			continue;
		if (!map) {
			err = paging_unmap(&root_cell.stage2, m[i].phys_start,
					   m[i].size);
			continue;
		}
		err = arch_phys_clear(m[i].phys_start, m[i].size);
		if (!err)
			err = paging_map(&root_cell.stage2, m[i].phys_start,
					 m[i].phys_start, m[i].size, PAGING_RW);
	}
	return err;
}

static const char *state_name(u32 s)
{
	static const char *const names[] = { "created", "loading",   "loaded",
					     "running", "shut down", "failed" };

	if (s < ARRAY_SIZE(names))
		return names[s];
	return s == CELL_RESETTING ? "resetting" : "stopping";
}

static bool stopped(u32 s)
{
	return s == WARDEN_CELL_CREATED || s == WARDEN_CELL_LOADED ||
	       s == WARDEN_CELL_SHUT_DOWN || s == WARDEN_CELL_FAILED;
}

static long set_loadable(struct cell *cell, u64 on)
{
	int err;

	if (on > 1)
		return cellctl_refuse(-EINVAL,
				      "set loadable: bad argument %llu",
				      (unsigned long long)on);
	if (on && !stopped(cell->state))
		return cellctl_refuse(
			-EBUSY,
			"cell \"%s\" is %s: shut it down before loading",
			cell->name, state_name(cell->state));
	if (!on && cell->state != WARDEN_CELL_LOADING)
		return cellctl_refuse(
			-EINVAL, "cell \"%s\" is not being loaded", cell->name);
	err = loadable_to_root(cell, on);
	if (err) {
		loadable_to_root(cell, false);
		return cellctl_refuse(err,
				      "cell \"%s\": loadable regions: error %d",
				      cell->name, err);
	}
	if (!on) {
		cell->loaded = true;
		cell->status->loaded = 1;
	}
	cell_set_state(cell, on ? WARDEN_CELL_LOADING : WARDEN_CELL_LOADED);
	return 0;
}

/*
 * Where the boot CPU starts: the config's reset_address with x0 = 0, or with
 * WARDEN_START_BOOT the root's choice (the arm64 Linux boot protocol: the
 * kernel's entry, x0 = its device tree), which must be an instruction in
 * memory the cell may execute, like a PSCI CPU_ON entry.
 */
static long start_entry(struct cell *cell, u64 flags, u64 entry, u64 x0)
{
	bool boot = (flags & WARDEN_START_BOOT) != 0u;

	if (flags & ~(u64)(WARDEN_START_BOOT | WARDEN_START_RELOAD))
		return cellctl_refuse(-EINVAL, "start: unknown flags %#llx",
				      (unsigned long long)flags);
	if (boot && !cell_entry_valid(cell, entry))
		return cellctl_refuse(
			-EINVAL,
			"cell \"%s\": entry %#llx is not an aligned "
			"address in memory the cell may execute",
			cell->name, (unsigned long long)entry);
	cell->entry = boot ? entry : cell->desc->reset_address;
	cell->entry_x0 = boot ? x0 : 0;
	cell->reset_by_root = (flags & WARDEN_START_RELOAD) != 0u;
	return 0;
}

static long start(struct cell *cell, u64 flags, u64 entry, u64 x0)
{
	unsigned int boot = cell_boot_cpu(cell);
	u32 before = cell->state;
	long ret;
	int err;

	if (!stopped(before))
		return cellctl_refuse(-EBUSY, "cell \"%s\" is %s", cell->name,
				      state_name(before));
	if (!cell->loaded)
		return cellctl_refuse(
			-EINVAL,
			"cell \"%s\" was never loaded: load an image first",
			cell->name);
	ret = start_entry(cell, flags, entry, x0);
	if (ret)
		return ret;
	err = cell_stop_cpus(cell);
	if (!err)
		err = cell_prepare_start(cell);
	if (err)
		return cellctl_refuse(err,
				      "cell \"%s\": cannot start (error %d)",
				      cell->name, err);
	cell_set_state(cell, WARDEN_CELL_RUNNING);
	per_cpu_of(boot)->cell = cell;
	err = arch_cpu_start(boot, cell->entry, cell->entry_x0);
	if (err) {
		cell_set_state(cell, before);
		return cellctl_refuse(err,
				      "cell \"%s\": CPU %u does not start (%d)",
				      cell->name, boot, err);
	}
	printk("cell \"%s\" started on CPU %u at %#llx\n", cell->name, boot,
	       (unsigned long long)cell->entry);
	return 0;
}

static bool running(u32 s)
{
	return s == WARDEN_CELL_RUNNING || s == CELL_RESETTING;
}

/* Stop the cell's CPUs and put it into state `to` (root side). */
static long stop(struct cell *cell, u32 to)
{
	u32 s = __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST);
	int err;

	while (running(s) && !cell_change_state(cell, s, CELL_STOPPING))
		s = __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST);
	err = cell_stop_cpus(cell);
	if (err)
		return cellctl_refuse(err, "cell \"%s\": its CPUs do not stop",
				      cell->name);
	if (running(s))
		cell_set_state(cell, to);
	return 0;
}

/* The root's shutdown request is over: answered, or overtaken by force. */
static void forget_request(struct cell *cell)
{
	if (cell_comm_request_pending(cell))
		cell_comm_request(cell, WARDEN_MSG_NONE);
	cell->powering_off = false;
}

/* Did the cell agree to shut down (its reply may be unread yet)? */
static bool agreed(const struct cell *cell)
{
	u32 reply;

	if (cell->powering_off)
		return true;
	return cell_comm_reply(cell, &reply) &&
	       (reply == WARDEN_REPLY_APPROVED ||
		reply == WARDEN_REPLY_POWERING_OFF);
}

/*
 * Has the cell reached SYSTEM_OFF after it agreed to shut down?  It may
 * have said POWERING_OFF (or APPROVED, and then powered off itself), and
 * got there before the root read its reply.
 */
static bool shut_down_as_agreed(struct cell *cell, u32 s)
{
	if (s != WARDEN_CELL_SHUT_DOWN || !agreed(cell))
		return false;
	forget_request(cell);
	return true;
}

/* The cell's reply to the request it was sent (cell.h). */
static long shutdown_reply(struct cell *cell, u32 reply)
{
	cell_comm_request(cell, WARDEN_MSG_NONE);
	if (reply == WARDEN_REPLY_POWERING_OFF) {
		cell->powering_off = true;
		printk("cell \"%s\" approved its shutdown: it powers off itself\n",
		       cell->name);
		return -EINPROGRESS;
	}
	if (reply != WARDEN_REPLY_APPROVED)
		return cellctl_refuse(
			-EBUSY, "cell \"%s\" refused to shut down", cell->name);
	printk("cell \"%s\" approved its shutdown\n", cell->name);
	return stop(cell, WARDEN_CELL_SHUT_DOWN);
}

/*
 * Ask (and poll): -EAGAIN while the cell has not answered, -EINPROGRESS
 * while it powers off itself, -EBUSY if it refused, 0 once it is shut
 * down.  Force stops it without asking.
 */
static long shutdown(struct cell *cell, u64 flags)
{
	u32 s = __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST);
	u32 reply;

	if (flags & ~(u64)WARDEN_SHUTDOWN_FORCE)
		return cellctl_refuse(-EINVAL, "shutdown: unknown flags %#llx",
				      (unsigned long long)flags);
	if (!(flags & WARDEN_SHUTDOWN_FORCE) && shut_down_as_agreed(cell, s))
		return 0;
	if (!running(s))
		return cellctl_refuse(-EINVAL,
				      "cell \"%s\" is not running (%s)",
				      cell->name, state_name(s));
	if (flags & WARDEN_SHUTDOWN_FORCE) {
		forget_request(cell);
		return stop(cell, WARDEN_CELL_SHUT_DOWN);
	}
	if (cell->powering_off)
		return -EINPROGRESS;
	if (!cell_comm_request_pending(cell)) {
		cell_comm_request(cell, WARDEN_MSG_SHUTDOWN_REQUEST);
		return -EAGAIN;
	}
	if (!cell_comm_reply(cell, &reply))
		return -EAGAIN;
	return shutdown_reply(cell, reply);
}

static void clear_ram(struct cell *cell)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;

	for (i = 0; i < cell->desc->num_memory_regions; i++)
		if (cell_region_is_private_ram(&m[i]) &&
		    arch_phys_clear(m[i].phys_start, m[i].size))
			printk("cell \"%s\": memory region %u not cleared\n",
			       cell->name, i);
}

static long destroy(struct cell *cell)
{
	long err;

	if (cell->state == WARDEN_CELL_LOADING)
		loadable_to_root(cell, false);
	err = stop(cell, WARDEN_CELL_SHUT_DOWN);
	if (err)
		return err;
	pci_cell_release(cell);
	link_detach(cell);
	clear_ram(cell);
	give_memory(cell, cell->desc->num_memory_regions);
	move_cpus_irqs(cell, false);
	remove_pages_from_root(cell);
	cell_free_tables(cell);
	free_pages(cell);
	printk("cell \"%s\" destroyed\n", cell->name);
	cell->in_use = false;
	return 0;
}

static long state(struct cell *cell, struct trap_frame *frame)
{
	u32 s = __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST);

	cell_update_status(cell);
	frame->x[1] = pa_of(cell->status);
	/* the root's console is the hypervisor's (firmware.h) */
	frame->x[2] = cell->console ? pa_of(cell->console) : 0;
	/* the root sees the transient states as the one they come from */
	return s < WARDEN_CELL_NUM_STATES ? s : WARDEN_CELL_RUNNING;
}

/*
 * Input for the cell's emulated UART: x2 holds x3 characters, the first in
 * bits [7:0] and nothing above the last.  For a cell that does not run
 * they are dropped, and counted as taken (vpl011_input()).
 */
static long console_input(struct cell *cell, u64 chars, u64 count)
{
	long ret;

	if (count == 0 || count > VPL011_INPUT_MAX)
		return cellctl_refuse(
			-EINVAL, "console input: %llu characters, not 1..%u",
			(unsigned long long)count, VPL011_INPUT_MAX);
	if (count < VPL011_INPUT_MAX && (chars >> (8 * count)))
		return cellctl_refuse(
			-EINVAL,
			"console input: %#llx holds more than %llu characters",
			(unsigned long long)chars, (unsigned long long)count);
	ret = vpl011_input(cell, chars, (u32)count);
	if (ret == -ENODEV)
		return cellctl_refuse(
			ret, "cell \"%s\" has no emulated console UART",
			cell->name);
	return ret;
}

static long dispatch(u64 fid, struct trap_frame *frame)
{
	struct cell *cell;

	if (fid == WARDEN_HC_CELL_CREATE)
		return create(frame->x[1], frame->x[2]);
	if (fid == WARDEN_HC_CELL_STATE && frame->x[1] == 0)
		return state(&root_cell, frame);
	cell = find_cell(frame->x[1]);
	if (!cell)
		return cellctl_refuse(-ENOENT, "no cell with id %llu",
				      (unsigned long long)frame->x[1]);
	switch (fid) {
	case WARDEN_HC_CELL_SET_LOADABLE:
		return set_loadable(cell, frame->x[2]);
	case WARDEN_HC_CELL_START:
		return start(cell, frame->x[2], frame->x[3], frame->x[4]);
	case WARDEN_HC_CELL_SHUTDOWN:
		return shutdown(cell, frame->x[2]);
	case WARDEN_HC_CELL_DESTROY:
		return destroy(cell);
	case WARDEN_HC_CELL_CONSOLE_INPUT:
		return console_input(cell, frame->x[2], frame->x[3]);
	default:
		return state(cell, frame);
	}
}

long cellctl_hypercall(u64 fid, struct trap_frame *frame)
{
	long ret;

	spin_lock(&ctl_lock);
	errmsg[0] = '\0';
	ret = dispatch(fid, frame);
	spin_unlock(&ctl_lock);
	return ret;
}

void cellctl_hold(bool lock)
{
	if (lock)
		spin_lock(&ctl_lock);
	else
		spin_unlock(&ctl_lock);
}

/* What becomes of one inmate cell when the root's call goes ahead or not. */
static void root_system_call_cell(const struct cell *cell, bool refused)
{
	u32 s = __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST);
	const char *fate = "stops with the machine";

	if (refused)
		fate = running(s) ? "runs on" : "stays as it is";
	printk("  cell \"%s\" (id %u, %s) %s\n", cell->name, cell->id,
	       state_name(s), fate);
}

int cellctl_root_system_call(const char *what)
{
	bool refuse = hyp.config->flags & WARDEN_SYS_REFUSE_ROOT_RESET;
	unsigned int i, n = 0, up = 0;

	spin_lock(&ctl_lock);
	for (i = 1; i < WARDEN_MAX_CELLS; i++) {
		if (!cells[i].in_use)
			continue;
		n++;
		if (running(__atomic_load_n(&cells[i].state, __ATOMIC_SEQ_CST)))
			up++;
	}
	refuse = refuse && up;
	if (refuse)
		printk("root cell calls %s: refused, %u inmate cell%s "
		       "running (system config: refuse-root-reset)\n",
		       what, up, up == 1 ? "" : "s");
	else
		printk("root cell calls %s: the machine goes down with %u "
		       "inmate cell%s\n",
		       what, n, n == 1 ? "" : "s");
	for (i = 1; i < WARDEN_MAX_CELLS; i++)
		if (cells[i].in_use)
			root_system_call_cell(&cells[i], refuse);
	spin_unlock(&ctl_lock);
	return refuse ? -EBUSY : 0;
}
