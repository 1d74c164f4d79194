// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bring-up.  The first CPU validates the config and builds the EL2 tables
 * with its MMU off; then every CPU turns its MMU on and joins.  Per-CPU work
 * happens in setup_cpu(), so a CPU that Linux brings online later (through
 * the emulated PSCI CPU_ON) joins the same way.
 */
#include <config-check.h>
#include <asm/mmu.h>
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/console.h>
#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/pci.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>

struct hypervisor hyp;

/* The console page: mapped read-only into the root cell for the driver. */
static struct warden_console console_page
	__attribute__((section(".console"), aligned(PAGE_SIZE)));

static void report(void *ctx, const char *fmt, ...)
{
	char line[192];
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printk("config: %s\n", line);
}

struct per_cpu *per_cpu_of(unsigned int cpu)
{
	return (struct per_cpu *)(uintptr_t)(hyp.base + hyp.header->core_size +
					     (u64)cpu * PERCPU_SIZE);
}

static int check_layout(void)
{
	const struct warden_fw_header *h = hyp.header;
	u64 percpu_end = h->core_size + (u64)h->max_cpus * PERCPU_SIZE;

	if (h->percpu_size != PERCPU_SIZE || h->config_offset < percpu_end ||
	    h->config_size > hyp.size ||
	    h->config_offset > hyp.size - h->config_size)
		return -EINVAL;
	return 0;
}

int setup_early(paddr_t base)
{
	const struct warden_system *sys;
	u64 pool_start;
	int err;

	hyp.base = base;
	hyp.header = (struct warden_fw_header *)(uintptr_t)base;
	sys = (const struct warden_system
		       *)(uintptr_t)(base + hyp.header->config_offset);
	hyp.config = sys;
	/* the UART is usable with the MMU off; the config says where it is */
	if (hyp.header->config_size >= sizeof(*sys))
		arch_console_init(&sys->platform);
	/* the driver checked it too, but EL2 trusts no one */
	if (config_check_system(sys, hyp.header->config_size, report, NULL))
		return -EINVAL;
	if (sys->hypervisor_memory.phys_start != base)
		return -EINVAL;
	hyp.size = sys->hypervisor_memory.size;
	err = check_layout();
	if (err)
		return err;
	pool_start = ALIGN_UP(
		hyp.header->config_offset + hyp.header->config_size, PAGE_SIZE);
	err = pool_init(&hyp.pool, base + pool_start, hyp.size - pool_start);
	if (!err)
		err = mmu_setup_hyp(sys, base, hyp.size);
	if (err)
		return err;
	/*
	 * Everything so far was written with the MMU off, straight to
	 * memory.  Drop any line a speculative access through Linux's
	 * cacheable mapping may have fetched before, so cacheable reads see
	 * what we wrote.
	 */
	dcache_inval_range((void *)(uintptr_t)base, hyp.size);
	return 0;
}

/* One-time work of the first CPU that needs the MMU (locks, caches). */
int setup_global(void)
{
	int err;

	hyp.console = &console_page;
	console_init(hyp.console);
	hyp.pool.shared = true;
	printk("Warden hypervisor, ABI %u, memory %#llx+%#llx\n",
	       hyp.header->abi_version, (unsigned long long)hyp.base,
	       (unsigned long long)hyp.size);
	err = arch_setup_global(hyp.config);
	if (!err)
		err = cell_init_root(hyp.config);
	if (!err)
		err = link_root_init();
	if (!err)
		err = cellctl_init();
	if (!err)
		err = pci_root_init();
	/* last: the root's DMA view must be whole before the IOMMU uses it */
	if (!err)
		err = arch_dma_setup();
	if (err)
		printk("enable failed: error %d\n", err);
	return err;
}

static void percpu_init(struct per_cpu *pc, unsigned int cpu)
{
	pc->cpu = cpu;
	pc->mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	memset(&pc->pending, 0, sizeof(pc->pending));
	memset(pc->stats, 0, sizeof(pc->stats));
}

/*
 * The stack fills the per-CPU area down to struct per_cpu.  Paint the part
 * not in use yet, so that disable can report the deepest use since enable
 * (percpu_stack_used()).  No calls below: the loop writes under our frame.
 */
static void percpu_paint_stack(struct per_cpu *pc)
{
	u64 *p = (u64 *)ALIGN_UP((uintptr_t)(pc + 1), 16);
	u64 *end = (u64 *)__builtin_frame_address(0) - 16;

	for (; p < end; p++)
		*(volatile u64 *)p = PERCPU_STACK_PAINT;
}

unsigned long percpu_stack_used(const struct per_cpu *pc)
{
	const u64 *p = (const u64 *)ALIGN_UP((uintptr_t)(pc + 1), 16);
	uintptr_t top = (uintptr_t)pc + PERCPU_SIZE;

	while ((uintptr_t)p < top && *p == PERCPU_STACK_PAINT)
		p++;
	return top - (uintptr_t)p;
}

int setup_cpu(struct trap_frame *frame, unsigned int cpu, unsigned int mode)
{
	struct per_cpu *pc = per_cpu_of(cpu);
	int err;

	(void)frame;
	if (mode == WARDEN_ENTRY_FIRST) {
		err = setup_global();
		if (err)
			return err;
	}
	percpu_init(pc, cpu);
	percpu_paint_stack(pc);
	pc->cell = &root_cell;
	err = arch_cpu_init(pc, false);
	if (err)
		return err;
	pc->online = 1;
	__atomic_add_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/*
 * Whoever powered this CPU on set pc->cell and the entry point.  An inmate
 * cell may have been stopped meanwhile (its CPU_ON raced with a shutdown):
 * then the CPU goes straight back off.
 */
void setup_cpu_on(struct trap_frame *frame)
{
	struct per_cpu *pc = this_cpu();

	percpu_init(pc, pc->cpu);
	if (pc->cell != &root_cell &&
	    __atomic_load_n(&pc->cell->state, __ATOMIC_SEQ_CST) !=
		    WARDEN_CELL_RUNNING)
		arch_cpu_power_off();
	if (arch_cpu_init(pc, true))
		panic("CPU %u: cannot join after CPU_ON\n", pc->cpu);
	pc->online = 1;
	__atomic_add_fetch(&hyp.cpus_enabled, 1, __ATOMIC_SEQ_CST);
	arch_cpu_on_frame(pc, frame);
}
