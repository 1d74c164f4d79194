/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the arch hooks of bring-up, cells and CPUs
 * (hyp/arch-setup.h, asm/mmu.h), for tests that run the real core: every
 * call is recorded so that a test can check what the core asked of the
 * architecture, a call can be made to fail, and CPUs are simulated well
 * enough for the core's CPU hand-overs (start, kick, park, power off).
 *
 * Simulated CPUs: code runs "on" CPU n inside host_on_cpu(n, ...); the
 * hooks that never return (park, power off, exit, the WFE loop of a panic)
 * leave it with a longjmp, and host_on_cpu() returns which one it was.  A
 * kicked CPU that runs an inmate cell handles the hypervisor's SGI at once
 * (cell_check_stop()); a started CPU comes up through setup_cpu_on().
 */
#ifndef HOST_HYP_H
#define HOST_HYP_H

#include <setjmp.h>

#include <hyp/arch-setup.h>
#include <hyp/percpu.h>

#include "host-arch.h"

enum host_op {
	OP_CONSOLE_INIT, /* a: UART base */
	OP_SETUP_GLOBAL,
	OP_MMU_SETUP, /* a: base, b: size */
	OP_CPU_INIT, /* a: cpu, b: from CPU_ON */
	OP_CPU_DEINIT, /* a: cpu */
	OP_CPU_ON_FRAME, /* a: cpu */
	OP_CELL_INIT, /* a: cell id */
	OP_CPU_MAP, /* a: cell id, b: cpu */
	OP_CPU_UNMAP, /* a: cell id, b: cpu */
	OP_COMM_FILL, /* a: cell id */
	OP_IRQ_RESET, /* a: INTID */
	OP_IRQ_PENDING, /* a: INTID */
	OP_CPU_KICK, /* a: cpu */
	OP_CPU_START, /* a: cpu, b: entry */
	OP_CPU_POWER_OFF, /* a: cpu */
	OP_CPU_PARK, /* a: cpu */
	OP_CPU_RESET, /* a: cpu, b: entry */
	OP_CPU_EXIT, /* a: cpu */
	OP_HALT, /* a: cpu (WFE forever: a panic) */
	OP_PHYS_CLEAR, /* a: pa, b: size */
	OP_PHYS_COPY, /* a: pa, b: size */
	OP_NUM,
	OP_RETURNED = OP_NUM, /* host_on_cpu(): the code returned */
};

struct host_call {
	enum host_op op;
	u64 a, b;
};

#define HOST_MAX_CALLS 4096
#define HOST_MAX_PHYS 8
#define HOST_ANY (~0ULL)

struct host_phys {
	u64 pa, size;
	void *mem;
};

struct host_hyp {
	struct host_call calls[HOST_MAX_CALLS];
	unsigned int ncalls;
	/* calls of op with first argument fail_arg[op] (or HOST_ANY) fail */
	int fail[OP_NUM];
	u64 fail_arg[OP_NUM];
	u64 powered; /* CPUs that the firmware sees on */
	u64 stuck; /* CPUs that never react to a kick */
	unsigned int cpu; /* the simulated calling CPU */
	u64 time_us, time_step; /* arch_time_us() advances by time_step */
	struct host_phys phys[HOST_MAX_PHYS]; /* "physical" memory windows */
	unsigned int nphys;
	u64 dcache_cleans, dcache_invals;
	jmp_buf *leave; /* innermost host_on_cpu() */
	enum host_op left;
};

extern struct host_hyp hh;

/* Forget every call and fault, power on the CPUs in `powered`. */
void host_hyp_reset(u64 powered);
unsigned int host_count(enum host_op op);
/* Calls of op with first argument a (HOST_ANY: any). */
unsigned int host_count_arg(enum host_op op, u64 a);
/* The last call of op, or NULL. */
const struct host_call *host_last(enum host_op op);
void host_fail(enum host_op op, u64 arg, int err);
/* Make [pa, pa + size) of simulated physical memory be host memory mem. */
void host_phys_add(u64 pa, void *mem, u64 size);
/* Run fn(arg) as CPU cpu; how it ended (OP_RETURNED or a no-return op). */
enum host_op host_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg);
/* Linux takes cpu offline: it leaves the hypervisor and powers off. */
void host_cpu_offline(unsigned int cpu);

#endif /* HOST_HYP_H */
