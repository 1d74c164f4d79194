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
#include <asm/percpu.h>
#include <asm/sysreg.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/setup.h>

#include "host-hyp.h"

struct host_hyp hh;

void host_hyp_reset(u64 powered)
{
	memset(&hh, 0, sizeof(hh));
	hh.powered = powered;
	hh.time_step = 1;
}

static void rec(enum host_op op, u64 a, u64 b)
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
static int failing(enum host_op op, u64 a)
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

static void leave(enum host_op op) __attribute__((noreturn));
static void leave(enum host_op op)
{
	rec(op, hh.cpu, 0);
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

struct per_cpu *this_cpu(void)
{
	return per_cpu_of(hh.cpu);
}

u64 host_read_sysreg(const char *name)
{
	if (!strcmp(name, "mpidr_el1"))
		return BIT(31) | platform_mpidr(hh.cpu);
	fprintf(stderr, "host-hyp: read of %s\n", name);
	abort();
}

void host_write_sysreg(const char *name, u64 v)
{
	fprintf(stderr, "host-hyp: write of %#llx to %s\n",
		(unsigned long long)v, name);
	abort();
}

void host_wfe(void)
{
	leave(OP_HALT);
}

/* The kicked CPU takes the hypervisor's SGI. */
static void take_kick(void *arg)
{
	struct per_cpu *pc = arg;

	if (pc->online)
		cell_check_stop(pc);
}

void arch_cpu_kick(unsigned int cpu)
{
	rec(OP_CPU_KICK, cpu, 0);
	if (!(hh.stuck & (1ULL << cpu)))
		host_on_cpu(cpu, take_kick, per_cpu_of(cpu));
}

bool arch_cpu_is_off(unsigned int cpu)
{
	return !(hh.powered & (1ULL << cpu));
}

/* A CPU powered on by PSCI enters the hypervisor here (entry.S). */
static void come_up(void *arg)
{
	setup_cpu_on(arg);
}

int arch_cpu_start(unsigned int cpu, u64 entry, u64 context)
{
	struct trap_frame frame;
	int err = failing(OP_CPU_START, cpu);

	(void)context;
	rec(OP_CPU_START, cpu, entry);
	if (err)
		return err;
	hh.powered |= 1ULL << cpu;
	memset(&frame, 0, sizeof(frame));
	host_on_cpu(cpu, come_up, &frame);
	return 0;
}

void arch_cpu_power_off(void)
{
	hh.powered &= ~(1ULL << hh.cpu);
	leave(OP_CPU_POWER_OFF);
}

void arch_cpu_park(struct per_cpu *pc)
{
	pc->online = 0;
	hh.powered &= ~(1ULL << pc->cpu);
	leave(OP_CPU_PARK);
}

void arch_cpu_exit(struct trap_frame *frame)
{
	(void)frame;
	leave(OP_CPU_EXIT);
}

void arch_cpu_reset(struct per_cpu *pc, struct trap_frame *frame, u64 entry)
{
	rec(OP_CPU_RESET, pc->cpu, entry);
	memset(frame, 0, sizeof(*frame));
	frame->elr = entry;
}

u64 arch_time_us(void)
{
	hh.time_us += hh.time_step;
	return hh.time_us;
}

/* --- bring-up and cells --- */

void arch_console_init(const struct warden_platform *p)
{
	rec(OP_CONSOLE_INIT, p->uart_base, 0);
}

int arch_setup_global(const struct warden_system *sys)
{
	(void)sys;
	rec(OP_SETUP_GLOBAL, 0, 0);
	return failing(OP_SETUP_GLOBAL, 0);
}

int mmu_setup_hyp(const struct warden_system *sys, paddr_t base, u64 size)
{
	(void)sys;
	rec(OP_MMU_SETUP, base, size);
	return failing(OP_MMU_SETUP, base);
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
	rec(OP_CPU_INIT, pc->cpu, from_cpu_on);
	return failing(OP_CPU_INIT, pc->cpu);
}

void arch_cpu_deinit(struct per_cpu *pc)
{
	rec(OP_CPU_DEINIT, pc->cpu, 0);
}

void arch_cpu_on_frame(struct per_cpu *pc, struct trap_frame *frame)
{
	rec(OP_CPU_ON_FRAME, pc->cpu, 0);
	frame->elr = pc->cell->desc->reset_address;
}

int arch_cell_init(struct cell *cell)
{
	rec(OP_CELL_INIT, cell->id, 0);
	return failing(OP_CELL_INIT, cell->id);
}

int arch_cell_cpu_map(struct cell *cell, unsigned int cpu)
{
	rec(OP_CPU_MAP, cell->id, cpu);
	return failing(OP_CPU_MAP, cell->id);
}

int arch_cell_cpu_unmap(struct cell *cell, unsigned int cpu)
{
	rec(OP_CPU_UNMAP, cell->id, cpu);
	return failing(OP_CPU_UNMAP, cell->id);
}

void arch_comm_fill(const struct cell *cell, struct warden_comm_region *comm)
{
	rec(OP_COMM_FILL, cell->id, 0);
	comm->gic_version = WARDEN_GIC_V3;
	comm->num_cpus = hyp.config->platform.num_cpus;
}

void arch_irq_reset(u32 intid)
{
	rec(OP_IRQ_RESET, intid, 0);
}

void arch_irq_set_pending(u32 intid)
{
	rec(OP_IRQ_PENDING, intid, 0);
}

int arch_phys_clear(paddr_t pa, u64 size)
{
	int err = failing(OP_PHYS_CLEAR, pa);
	void *mem = phys_find(pa, size);

	rec(OP_PHYS_CLEAR, pa, size);
	if (err)
		return err;
	if (mem)
		memset(mem, 0, size);
	return 0;
}

int arch_phys_copy_from(void *dst, paddr_t pa, u64 size)
{
	int err = failing(OP_PHYS_COPY, pa);
	void *mem = phys_find(pa, size);

	rec(OP_PHYS_COPY, pa, size);
	if (err)
		return err;
	if (!mem)
		return -EFAULT; /* no such memory */
	memcpy(dst, mem, size);
	return 0;
}
