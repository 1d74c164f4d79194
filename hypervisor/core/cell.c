// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cells: building one from its config, and what happens on a cell's own
 * CPUs (stop requests, PSCI SYSTEM_OFF / SYSTEM_RESET, faults, console).
 * The root cell's management calls are in cellctl.c.
 */
#include <stdarg.h>
#include <stddef.h>

#include <warden/firmware.h>
#include <asm/barrier.h>
#include <asm/mmu.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/console.h>
#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>
#include <hyp/vpl011.h>

struct cell root_cell;

/* A stopped CPU answers within microseconds; allow for a loaded emulator. */
#define CELL_STOP_TIMEOUT_US 2000000
/*
 * After which a CPU that has not answered its kick loses its stage 2: far
 * above the microseconds a kick takes, to spare a CPU of a loaded emulator.
 */
#define CELL_STOP_GRACE_US 100000

u32 cell_mem_flags(u32 f)
{
	u32 p = 0;

	if (f & WARDEN_MEM_READ)
		p |= PAGING_READ;
	if (f & WARDEN_MEM_WRITE)
		p |= PAGING_WRITE;
	if (f & WARDEN_MEM_EXECUTE)
		p |= PAGING_EXEC;
	if (f & WARDEN_MEM_IO)
		p |= PAGING_DEVICE;
	return p;
}

bool cell_region_is_private_ram(const struct warden_memory *m)
{
	return !(m->flags & (WARDEN_MEM_IO | WARDEN_MEM_COMM_REGION |
			     WARDEN_MEM_ROOTSHARED));
}

/* The root config's flags for [start, start + size) (checked to exist). */
u32 cell_root_flags(u64 start, u64 size)
{
	const struct warden_memory *m = warden_cell_mem(root_cell.desc);
	u32 i;

	for (i = 0; i < root_cell.desc->num_memory_regions; i++)
		if (start >= m[i].phys_start &&
		    start + size <= m[i].phys_start + m[i].size)
			return cell_mem_flags(m[i].flags);
	return PAGING_RW;
}

/* The comm region has no physical address of its own: see cellctl.c. */
static int map_regions(struct cell *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell->desc);
	u32 i;
	int err;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		if (mem[i].flags & WARDEN_MEM_COMM_REGION)
			continue;
		err = paging_map(&cell->stage2, mem[i].virt_start,
				 mem[i].phys_start, mem[i].size,
				 cell_mem_flags(mem[i].flags));
		if (err) {
			printk("cell \"%s\": memory region %u (%#llx+%#llx): cannot map (%d)\n",
			       cell->name, i,
			       (unsigned long long)mem[i].phys_start,
			       (unsigned long long)mem[i].size, err);
			return err;
		}
	}
	return 0;
}

static void take_irqs(struct cell *cell)
{
	const struct warden_irq_range *r = warden_cell_irqs(cell->desc);
	u32 i, irq;

	memset(cell->irq_bitmap, 0, sizeof(cell->irq_bitmap));
	for (i = 0; i < cell->desc->num_irq_ranges; i++)
		for (irq = r[i].first; irq < r[i].first + r[i].count; irq++)
			cell->irq_bitmap[irq / 64] |= 1UL << (irq % 64);
}

int cell_init(struct cell *cell, const struct warden_cell_desc *desc, u32 id)
{
	int err;

	memset(cell, 0, sizeof(*cell));
	cell->id = id;
	cell->desc = desc;
	memcpy(cell->name, desc->name, sizeof(cell->name));
	cell->name[sizeof(cell->name) - 1] = '\0';
	cell->cpu_set = desc->cpu_set;
	take_irqs(cell);
	err = paging_init(&cell->stage2, &hyp.pool, PAGING_STAGE2,
			  mmu_stage2_root_level());
	if (err)
		return err;
	cell->stage2.vmid = (u16)id;
	err = arch_dma_cell_init(cell);
	if (!err)
		err = map_regions(cell);
	if (!err)
		err = vpl011_init(cell);
	if (!err)
		err = arch_cell_init(cell);
	if (err)
		cell_free_tables(cell);
	return err;
}

void cell_free_tables(struct cell *cell)
{
	arch_dma_cell_exit(cell);
	paging_destroy(&cell->stage2);
}

int cell_init_root(const struct warden_system *sys)
{
	paddr_t console = (paddr_t)(uintptr_t)hyp.console;
	int err;

	err = cell_init(&root_cell, &sys->root_cell, 0);
	if (err)
		return err;
	root_cell.in_use = true;
	root_cell.state = WARDEN_CELL_RUNNING;
	/* the driver reads the console ring through this read-only window */
	err = paging_map(&root_cell.stage2, console, console, PAGE_SIZE,
			 PAGING_READ);
	if (err)
		cell_free_tables(&root_cell);
	root_cell.stage2.live = true;
	return err;
}

bool cell_owns_irq(const struct cell *cell, u32 intid)
{
	if (intid >= 1024)
		return false;
	return cell->irq_bitmap[intid / 64] & (1UL << (intid % 64));
}

bool cell_owns_cpu(const struct cell *cell, unsigned int cpu)
{
	return cpu < 64 && (cell->cpu_set & (1UL << cpu));
}

/*
 * Where a CPU of the cell may start (PSCI CPU_ON): an instruction, so
 * 4-byte aligned (ARM ARM B1.3.1), in memory the cell may execute.  The
 * comm region is never code, whatever its flags say.
 */
bool cell_entry_valid(const struct cell *cell, u64 ipa)
{
	const struct warden_memory *m = warden_cell_mem(cell->desc);
	u32 i;

	if (ipa & 3)
		return false;
	for (i = 0; i < cell->desc->num_memory_regions; i++)
		if ((m[i].flags & WARDEN_MEM_EXECUTE) &&
		    !(m[i].flags & WARDEN_MEM_COMM_REGION) &&
		    ipa >= m[i].virt_start && ipa - m[i].virt_start < m[i].size)
			return true;
	return false;
}

unsigned int cell_boot_cpu(const struct cell *cell)
{
	return (unsigned int)__builtin_ctzl(cell->cpu_set);
}

/*
 * The comm region is shared with an inmate that may run with its caches
 * off: what the hypervisor writes there is pushed to memory at once, and
 * what the inmate wrote is read from memory.  Each side writes only its
 * own half of the page (cell.h), so this never overwrites the other's data.
 */
static void comm_publish(const struct warden_comm_region *comm)
{
	dcache_clean_range(comm, offsetof(struct warden_comm_region,
					  hypervisor_half_end));
}

static void comm_fetch(const struct warden_comm_region *comm)
{
	/* clean lines only (never written here): invalidate, then read */
	dcache_clean_range((const u8 *)comm +
				   offsetof(struct warden_comm_region,
					    reply_from_cell),
			   2 * sizeof(u32));
}

void cell_comm_request(struct cell *cell, u32 msg)
{
	struct warden_comm_region *comm = cell->comm;

	if (msg != WARDEN_MSG_NONE) {
		cell->comm_seq++;
		comm->msg_seq = cell->comm_seq;
		comm_publish(comm);
	}
	cell->comm_msg = msg;
	comm->msg_to_cell = msg;
	comm_publish(comm);
}

bool cell_comm_request_pending(const struct cell *cell)
{
	return cell->comm_msg != WARDEN_MSG_NONE;
}

/*
 * Only the inmate's two words are read from the page, and only a reply
 * numbered like the request the hypervisor itself posted counts: what the
 * inmate wrote over msg_to_cell or msg_seq changes nothing.
 */
bool cell_comm_reply(const struct cell *cell, u32 *reply)
{
	const struct warden_comm_region *comm = cell->comm;

	if (cell->comm_msg == WARDEN_MSG_NONE)
		return false;
	comm_fetch(comm);
	if (READ_ONCE(comm->reply_seq) != cell->comm_seq)
		return false;
	/*
	 * The inmate wrote the reply before its number: read them in the
	 * same order (loads may be reordered otherwise, ARM ARM B2.3).
	 */
	read_barrier();
	*reply = READ_ONCE(comm->reply_from_cell);
	return true;
}

/* Publish a new state; the cell's link peers hear of it by their doorbell. */
static void state_changed(struct cell *cell, u32 state)
{
	if (state < WARDEN_CELL_NUM_STATES) {
		cell->comm->cell_state = state;
		comm_publish(cell->comm);
		cell->status->state = state;
	}
	link_notify(cell);
}

void cell_set_state(struct cell *cell, u32 state)
{
	__atomic_store_n(&cell->state, state, __ATOMIC_SEQ_CST);
	state_changed(cell, state);
}

bool cell_change_state(struct cell *cell, u32 from, u32 to)
{
	if (!__atomic_compare_exchange_n(&cell->state, &from, to, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return false;
	state_changed(cell, to);
	return true;
}

/* A CPU that runs this cell right now, as seen from another CPU. */
static bool cpu_in_cell(const struct cell *cell, unsigned int cpu)
{
	const struct per_cpu *pc = per_cpu_of(cpu);

	return READ_ONCE(pc->online) && READ_ONCE(pc->cell) == cell;
}

void cell_update_status(struct cell *cell)
{
	struct warden_cell_status *st = cell->status;
	unsigned int cpu;
	u64 running = 0;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++) {
		if (!cell_owns_cpu(cell, cpu) || !cpu_in_cell(cell, cpu))
			continue;
		running |= 1UL << cpu;
		memcpy(st->stats[cpu], per_cpu_of(cpu)->stats,
		       sizeof(st->stats[cpu]));
	}
	st->cpu_set = cell->cpu_set; /* the root's shrinks and grows */
	st->cpus_running = running;
	st->stage2_pages = cell->stage2.pages;
	st->dma_pages = (cell->dma.root != NULL) ? cell->dma.pages : 0u;
}

/* Ask every other CPU of the cell that runs it to stop. */
static void kick_others(struct cell *cell, unsigned int self)
{
	unsigned int cpu;

	for (cpu = 0; cpu < hyp.config->platform.num_cpus; cpu++)
		if (cpu != self && cell_owns_cpu(cell, cpu) &&
		    cpu_in_cell(cell, cpu))
			arch_cpu_kick(cpu);
}

static bool cpu_stopped(const struct cell *cell, unsigned int cpu)
{
	return !cpu_in_cell(cell, cpu) && arch_cpu_is_off(cpu);
}

/*
 * A CPU that has not answered its kick after CELL_STOP_GRACE_US has its
 * cell's stage 2 taken away: its next instruction fetch faults to EL2,
 * where the cell's state parks it.  A kick can go unanswered only in a
 * direct cell (WARDEN_CELL_DIRECT_IRQ) that raised its own running
 * priority through ICC_AP1R0_EL1, which no trap guards: the hypervisor's
 * Group 0 SGI then no longer preempts (IHI 0069 4.8).
 */
static void revoke_stage2(struct cell *cell, unsigned int cpu)
{
	printk("cell \"%s\": CPU %u did not answer the stop interrupt "
	       "within %u ms: taking its stage 2 away to stop it\n",
	       cell->name, cpu, CELL_STOP_GRACE_US / 1000);
	paging_revoke(&cell->stage2, true);
}

/*
 * Wait until no CPU of the cell but `self` runs it and each is powered off.
 * A CPU powering up after a CPU_ON of its cell sees the state and parks
 * itself (setup_cpu_on), so waiting for "off" covers it too.  The cell's
 * stage 2 is whole again on return, for a restart or for destroy.
 */
static int wait_others_off(struct cell *cell, unsigned int self)
{
	u64 start = arch_time_us();
	u64 now;
	bool revoked = false;
	unsigned int cpu;
	int err = 0;

	for (cpu = 0; (cpu < hyp.config->platform.num_cpus) && (err == 0);
	     cpu++) {
		if (cpu == self || !cell_owns_cpu(cell, cpu))
			continue;
		while (!cpu_stopped(cell, cpu)) {
			now = arch_time_us();
			if (!revoked && cpu_in_cell(cell, cpu) &&
			    (now > (start + (u64)CELL_STOP_GRACE_US))) {
				revoke_stage2(cell, cpu);
				revoked = true;
			}
			if (now > (start + (u64)CELL_STOP_TIMEOUT_US)) {
				printk("cell \"%s\": CPU %u does not stop (%s)\n",
				       cell->name, cpu,
				       cpu_in_cell(cell, cpu) ?
					       "still in the cell" :
					       "not powered off");
				err = -EBUSY;
				break;
			}
			cpu_relax();
		}
	}
	if (revoked)
		paging_revoke(&cell->stage2, false);
	return err;
}

int cell_stop_cpus(struct cell *cell)
{
	kick_others(cell, ~0u);
	return wait_others_off(cell, ~0u);
}

/* Leave the cell for good on this CPU, keeping its last statistics. */
static void park(struct per_cpu *pc) __attribute__((noreturn));
static void park(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	memcpy(cell->status->stats[pc->cpu], pc->stats,
	       sizeof(cell->status->stats[pc->cpu]));
	arch_cpu_park(pc);
}

void cell_check_stop(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	if (cell != &root_cell &&
	    __atomic_load_n(&cell->state, __ATOMIC_SEQ_CST) !=
		    WARDEN_CELL_RUNNING)
		park(pc);
}

void cell_system_off(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	if (cell_change_state(cell, WARDEN_CELL_RUNNING,
			      WARDEN_CELL_SHUT_DOWN)) {
		printk("cell \"%s\": shut down by CPU %u (PSCI SYSTEM_OFF)\n",
		       cell->name, pc->cpu);
		kick_others(cell, pc->cpu);
	}
	park(pc);
}

void cell_fail(struct per_cpu *pc, const char *fmt, ...)
{
	struct cell *cell = pc->cell;
	struct warden_cell_status *st = cell->status;
	va_list ap;

	/* a failed SYSTEM_RESET fails the cell too (only its CPU is left) */
	if (cell_change_state(cell, WARDEN_CELL_RUNNING, WARDEN_CELL_FAILED) ||
	    cell_change_state(cell, CELL_RESETTING, WARDEN_CELL_FAILED)) {
		va_start(ap, fmt);
		vsnprintf(st->failure, sizeof(st->failure), fmt, ap);
		va_end(ap);
		st->failed_cpu = pc->cpu;
		printk("cell \"%s\" failed: %s\n", cell->name, st->failure);
		kick_others(cell, pc->cpu);
	}
	park(pc);
}

void cell_fail_dma(struct cell *cell, const char *fmt, ...)
{
	struct warden_cell_status *st = cell->status;
	va_list ap;

	if (!cell_change_state(cell, WARDEN_CELL_RUNNING, WARDEN_CELL_FAILED))
		return;
	/* its devices stop too: no more DMA until its next start */
	pci_cell_quiesce(cell);
	va_start(ap, fmt);
	vsnprintf(st->failure, sizeof(st->failure), fmt, ap);
	va_end(ap);
	st->failed_cpu = cell_boot_cpu(cell);
	printk("cell \"%s\" failed: %s\n", cell->name, st->failure);
	kick_others(cell, ~0u);
}

/*
 * The UART the inmate may drive itself (cell.h): its own, else the PL011
 * emulated at vuart_base; the comm region was cleared, so none is 0.
 */
static void cell_comm_console_uart(const struct warden_cell_desc *d,
				   struct warden_comm_region *comm)
{
	if (d->uart_type != (u32)WARDEN_UART_NONE) {
		comm->console_uart_type = d->uart_type;
		comm->console_uart_base = d->uart_base;
	} else if (d->vuart_base != 0u) {
		comm->console_uart_type = (u32)WARDEN_UART_PL011;
		comm->console_uart_base = d->vuart_base;
	} else {
		/* none: the console hypercall only */
	}
}

/* RAM and comm region as a fresh start finds them. */
int cell_prepare_start(struct cell *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell->desc);
	struct warden_comm_region *comm = cell->comm;
	u32 i;
	int err;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		if (!cell_region_is_private_ram(&mem[i]) ||
		    (mem[i].flags & WARDEN_MEM_LOADABLE))
			continue;
		err = arch_phys_clear(mem[i].phys_start, mem[i].size);
		if (err)
			return err;
	}
	memset(comm, 0, sizeof(*comm));
	memcpy(comm->signature, WARDEN_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = WARDEN_COMM_REVISION;
	comm->cell_id = cell->id;
	comm->console_flags = cell->desc->flags & WARDEN_CELL_CONSOLE;
	cell_comm_console_uart(cell->desc, comm);
	/* a request of the last run is void; its number is not reused */
	cell->comm_msg = WARDEN_MSG_NONE;
	cell->powering_off = false;
	comm->msg_seq = cell->comm_seq;
	arch_comm_fill(cell, comm);
	link_comm_fill(cell, comm);
	vpl011_reset(cell);
	memset(cell->status->stats, 0, sizeof(cell->status->stats));
	cell->status->failure[0] = '\0';
	cell->status->starts++;
	dcache_clean_range(comm, sizeof(*comm));
	return 0;
}

/*
 * A cell whose images the root loads again (WARDEN_START_RELOAD): it shuts
 * down, and the request is counted for the root to see.
 */
static void reset_by_root(struct per_cpu *pc) __attribute__((noreturn));
static void reset_by_root(struct per_cpu *pc)
{
	struct cell *cell = pc->cell;

	if (cell_change_state(cell, WARDEN_CELL_RUNNING,
			      WARDEN_CELL_SHUT_DOWN)) {
		cell->status->reset_requests++;
		printk("cell \"%s\": reset by CPU %u (PSCI SYSTEM_RESET): "
		       "stopped for the root to load it again\n",
		       cell->name, pc->cpu);
		kick_others(cell, pc->cpu);
	}
	park(pc);
}

/*
 * The other CPUs park; then the cell starts again from its reset address on
 * its boot CPU, with the loaded images as they are and its other RAM
 * cleared.  If the root stops the cell meanwhile, the state tells.
 */
void cell_system_reset(struct per_cpu *pc, struct trap_frame *frame)
{
	struct cell *cell = pc->cell;
	unsigned int boot = cell_boot_cpu(cell);
	int err;

	if (cell->reset_by_root)
		reset_by_root(pc);
	if (!cell_change_state(cell, WARDEN_CELL_RUNNING, CELL_RESETTING))
		park(pc);
	printk("cell \"%s\": reset by CPU %u (PSCI SYSTEM_RESET)\n", cell->name,
	       pc->cpu);
	kick_others(cell, pc->cpu);
	err = wait_others_off(cell, pc->cpu);
	if (!err)
		err = cell_prepare_start(cell);
	if (err)
		cell_fail(pc, "SYSTEM_RESET failed (error %d)", err);
	if (!cell_change_state(cell, CELL_RESETTING, WARDEN_CELL_RUNNING))
		park(pc);
	if (pc->cpu == boot) {
		arch_cpu_reset(pc, frame, cell->entry, cell->entry_x0);
		return;
	}
	per_cpu_of(boot)->cell = cell;
	err = arch_cpu_start(boot, cell->entry, cell->entry_x0);
	if (err)
		cell_fail(pc, "SYSTEM_RESET: CPU %u does not start (error %d)",
			  boot, err);
	park(pc);
}

/*
 * The console of an inmate cell.  What it prints is collected per line in
 * cell->line (split at CELL_LINE_MAX) and written with the prefix
 * "[<name>] ": to the UART, if the config allows, only ever in whole lines,
 * so that lines of different cells (and of the CPUs of one cell) never
 * interleave there; to the cell's own ring in whole lines too, unless the
 * emulated UART wrote to the line (cell_console_show()): then the ring gets
 * the line so far at once, and the rest as it comes.  Either way the ring
 * ends up with the same bytes; only what a reader of the ring sees of a
 * line that is not finished differs.
 */

/* The part of the line not yet in the ring, with the prefix if it starts. */
static void ring_line(struct cell *cell)
{
	char prefix[WARDEN_CELL_NAME_MAX + 4];

	prefix[0] = '\0';
	if (!cell->line_shown)
		snprintf(prefix, sizeof(prefix), "[%s] ", cell->name);
	cell->line[cell->line_len] = '\0';
	console_ring_write(cell->console, prefix,
			   &cell->line[cell->line_shown]);
}

/* Append to the cell's console ring, and to the UART if it may. */
static void flush_line(struct cell *cell)
{
	char prefix[WARDEN_CELL_NAME_MAX + 4];

	cell->line[cell->line_len++] = '\n';
	cell->line[cell->line_len] = '\0';
	/* the UART first: whoever sees the line end in the ring sees it whole */
	if (cell->desc->flags & WARDEN_CELL_CONSOLE) {
		snprintf(prefix, sizeof(prefix), "[%s] ", cell->name);
		console_write(prefix, cell->line);
	}
	ring_line(cell);
	cell->line_len = 0;
	cell->line_shown = 0;
}

/* Control characters but tab become '?' (the callers drop CRs and NULs). */
static void line_add(struct cell *cell, char c)
{
	if (c == '\n')
		flush_line(cell);
	else if ((unsigned char)c < 0x20 && c != '\t')
		cell->line[cell->line_len++] = '?';
	else
		cell->line[cell->line_len++] = c;
	if (cell->line_len >= CELL_LINE_MAX)
		flush_line(cell);
}

void cell_console_putc(struct cell *cell, char c)
{
	if (c == '\r' || c == '\0')
		return;
	spin_lock(&cell->line_lock);
	line_add(cell, c);
	spin_unlock(&cell->line_lock);
}

void cell_console_show(struct cell *cell, char c)
{
	if (c == '\r' || c == '\0')
		return;
	spin_lock(&cell->line_lock);
	line_add(cell, c);
	if (cell->line_len > cell->line_shown) {
		ring_line(cell);
		cell->line_shown = cell->line_len;
	}
	spin_unlock(&cell->line_lock);
}
