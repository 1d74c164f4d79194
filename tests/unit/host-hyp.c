// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for the arch hooks of bring-up, cells and CPUs: it records
 * what the core asks, fails what a test tells it to, and simulates CPUs
 * (host-hyp.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/mmu.h>
#include <asm/sysreg.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/setup.h>

#include "host-hyp.h"

struct host_hyp hh;
struct host_chain host_chain;
u64 host_time_step = 1;

void host_hyp_reset(u64 powered)
{
	memset(&hh, 0, sizeof(hh));
	hh.powered = powered;
	hh.time_step = host_time_step;
}

void host_rec(enum host_op op, u64 a, u64 b)
{
	if (hh.ncalls == HOST_MAX_CALLS) {
		fprintf(stderr, "host-hyp: call log full\n");
		abort();
	}
	hh.calls[hh.ncalls++] = (struct host_call){ .op = op, .a = a, .b = b };
}

unsigned int host_count_arg(enum host_op op, u64 a)
{
	unsigned int i, n = 0;

	for (i = 0; i < hh.ncalls; i++)
		n += hh.calls[i].op == op &&
		     (a == HOST_ANY || hh.calls[i].a == a);
	return n;
}

unsigned int host_count(enum host_op op)
{
	return host_count_arg(op, HOST_ANY);
}

const struct host_call *host_last(enum host_op op)
{
	unsigned int i;

	for (i = hh.ncalls; i > 0; i--)
		if (hh.calls[i - 1].op == op)
			return &hh.calls[i - 1];
	return NULL;
}

void host_fail(enum host_op op, u64 arg, int err)
{
	hh.fail[op] = err;
	hh.fail_arg[op] = arg;
}

/* The error a call of op with first argument a should return. */
int host_failing(enum host_op op, u64 a)
{
	if (hh.fail[op] &&
	    (hh.fail_arg[op] == HOST_ANY || hh.fail_arg[op] == a))
		return hh.fail[op];
	return 0;
}

void host_phys_add(u64 pa, void *mem, u64 size)
{
	if (hh.nphys == HOST_MAX_PHYS)
		abort();
	hh.phys[hh.nphys++] = (struct host_phys){ pa, size, mem };
}

static void *phys_find(u64 pa, u64 size)
{
	unsigned int i;

	for (i = 0; i < hh.nphys; i++)
		if (pa >= hh.phys[i].pa &&
		    pa + size <= hh.phys[i].pa + hh.phys[i].size)
			return (char *)hh.phys[i].mem + (pa - hh.phys[i].pa);
	return NULL;
}

/* --- simulated CPUs --- */

enum host_op host_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg)
{
	jmp_buf here;
	jmp_buf *const outer = hh.leave;
	const unsigned int caller = hh.cpu;
	enum host_op how = OP_RETURNED;

	hh.cpu = cpu;
	hh.leave = &here;
	if (setjmp(here) == 0)
		fn(arg);
	else
		how = hh.left;
	hh.leave = outer;
	hh.cpu = caller;
	return how;
}

void host_leave(enum host_op op)
{
	host_rec(op, hh.cpu, 0);
	if (!hh.leave) {
		fprintf(stderr, "host-hyp: CPU %u left outside host_on_cpu()\n",
			hh.cpu);
		abort();
	}
	hh.left = op;
	longjmp(*hh.leave, 1);
}

void host_cpu_offline(unsigned int cpu)
{
	per_cpu_of(cpu)->online = 0;
	hh.powered &= ~(1ULL << cpu);
}

static struct host_sysreg *sysreg_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < hh.nsysregs; i++)
		if (!strcmp(hh.sysregs[i].name, name))
			return &hh.sysregs[i];
	return NULL;
}

void host_sysreg_set(const char *name, u64 v)
{
	struct host_sysreg *r = sysreg_find(name);

	if (!r) {
		if (hh.nsysregs == HOST_MAX_SYSREGS)
			abort();
		r = &hh.sysregs[hh.nsysregs++];
		r->name = name;
	}
	r->v = v;
}

/*
 * The calling CPU's own registers follow the simulated CPU: its MPIDR, and
 * TPIDR_EL2, which points at its per-CPU area from entry on.  The others
 * read what the test or the last write put there; a register nobody set is
 * a read the test did not expect.
 */
u64 host_read_sysreg(const char *name)
{
	const struct host_sysreg *r;

	if (!strcmp(name, "mpidr_el1"))
		return BIT(31) | platform_mpidr(hh.cpu);
	if (!strcmp(name, "tpidr_el2"))
		return (u64)(uintptr_t)per_cpu_of(hh.cpu);
	r = sysreg_find(name);
	if (r)
		return r->v;
	fprintf(stderr, "host-hyp: read of %s\n", name);
	abort();
}

void host_write_sysreg(const char *name, u64 v)
{
	if (hh.nsysreg_writes == HOST_MAX_SYSREG_WRITES) {
		fprintf(stderr, "host-hyp: system register log full\n");
		abort();
	}
	hh.sysreg_writes[hh.nsysreg_writes++] =
		(struct host_sysreg){ .name = name, .v = v, .cpu = hh.cpu };
	host_sysreg_set(name, v);
	if (host_chain.sysreg_write)
		host_chain.sysreg_write(name, v);
}

unsigned int host_sysreg_log(const char *name, u64 *vals, unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < hh.nsysreg_writes; i++) {
		if (strcmp(hh.sysreg_writes[i].name, name))
			continue;
		if (n < max)
			vals[n] = hh.sysreg_writes[i].v;
		n++;
	}
	return n;
}

void host_wfe(void)
{
	host_leave(OP_HALT);
}

void arch_cpu_exit(struct trap_frame *frame)
{
	(void)frame;
	host_leave(OP_CPU_EXIT);
}

void arch_cpu_reset(struct per_cpu *pc, struct trap_frame *frame, u64 entry,
		    u64 context)
{
	host_rec(OP_CPU_RESET, pc->cpu, entry);
	hh.context = context;
	memset(frame, 0, sizeof(*frame));
	frame->elr = entry;
	frame->x[0] = context;
}

u64 arch_time_us(void)
{
	hh.time_us += hh.time_step;
	return hh.time_us;
}

/* --- bring-up and cells --- */

void arch_console_init(const struct warden_platform *p)
{
	host_rec(OP_CONSOLE_INIT, p->uart_base, 0);
}

int arch_setup_global(const struct warden_system *sys)
{
	int err = host_failing(OP_SETUP_GLOBAL, 0);

	host_rec(OP_SETUP_GLOBAL, 0, 0);
	if (!err && host_chain.setup_global)
		err = host_chain.setup_global(sys);
	return err;
}

int mmu_setup_hyp(const struct warden_system *sys, paddr_t base, u64 size)
{
	(void)sys;
	host_rec(OP_MMU_SETUP, base, size);
	return host_failing(OP_MMU_SETUP, base);
}

unsigned int mmu_stage2_root_level(void)
{
	return 0;
}

void dcache_clean_range(const void *start, u64 size)
{
	(void)start;
	(void)size;
	hh.dcache_cleans++;
}

void dcache_inval_range(const void *start, u64 size)
{
	(void)start;
	(void)size;
	hh.dcache_invals++;
}

int arch_cpu_init(struct per_cpu *pc, bool from_cpu_on)
{
	int err = host_failing(OP_CPU_INIT, pc->cpu);

	host_rec(OP_CPU_INIT, pc->cpu, from_cpu_on);
	if (!err && host_chain.cpu_init)
		err = host_chain.cpu_init(pc, from_cpu_on);
	return err;
}

void arch_cpu_deinit(struct per_cpu *pc)
{
	host_rec(OP_CPU_DEINIT, pc->cpu, 0);
	if (host_chain.cpu_deinit)
		host_chain.cpu_deinit(pc);
}

void arch_cpu_on_frame(struct per_cpu *pc, struct trap_frame *frame)
{
	host_rec(OP_CPU_ON_FRAME, pc->cpu, 0);
	frame->elr = pc->cell->desc->reset_address;
}

int arch_cell_init(struct cell *cell)
{
	int err = host_failing(OP_CELL_INIT, cell->id);

	host_rec(OP_CELL_INIT, cell->id, 0);
	if (!err && host_chain.cell_init)
		err = host_chain.cell_init(cell);
	return err;
}

int arch_phys_clear(paddr_t pa, u64 size)
{
	int err = host_failing(OP_PHYS_CLEAR, pa);
	void *mem = phys_find(pa, size);

	host_rec(OP_PHYS_CLEAR, pa, size);
	if (err)
		return err;
	if (mem)
		memset(mem, 0, size);
	return 0;
}

int arch_cell_memory_check(const struct cell *cell)
{
	return host_chain.cell_memory_check ?
		       host_chain.cell_memory_check(cell) :
		       0;
}

/* Copy size bytes between dst and src, one of them physical memory at pa. */
static int phys_copy(paddr_t pa, void *dst, const void *src, u64 size)
{
	int err = host_failing(OP_PHYS_COPY, pa);
	void *mem = phys_find(pa, size);

	host_rec(OP_PHYS_COPY, pa, size);
	if (err)
		return err;
	if (!mem)
		return -EFAULT; /* no such memory */
	memcpy(dst ? dst : mem, src ? src : mem, size);
	return 0;
}

int arch_phys_copy_to(paddr_t pa, const void *src, u64 size)
{
	return phys_copy(pa, NULL, src, size);
}

int arch_phys_copy_from(void *dst, paddr_t pa, u64 size)
{
	return phys_copy(pa, dst, NULL, size);
}
