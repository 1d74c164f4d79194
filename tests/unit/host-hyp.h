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
 *
 * The stand-ins are in one file per arm64 file they replace: host-psci.c
 * (CPU power), host-gic.c (interrupts) and this one (set-up, MMU, system
 * registers).  The tests of hypervisor/arch/arm64/ link the real psci.c and
 * gic*.c instead, with host-firmware.c for the firmware's side of the SMC,
 * and chain the real GIC code behind the set-up stand-ins (host_chain).
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
	OP_IRQ_HYP, /* a: INTID, b: 1 taken by the hypervisor, 0 given back */
	OP_CPU_KICK, /* a: cpu */
	OP_CPU_START, /* a: cpu, b: entry */
	OP_CPU_POWER_OFF, /* a: cpu */
	OP_CPU_PARK, /* a: cpu */
	OP_CPU_RESET, /* a: cpu, b: entry */
	OP_CPU_EXIT, /* a: cpu */
	OP_HALT, /* a: cpu (WFE forever: a panic) */
	OP_PHYS_CLEAR, /* a: pa, b: size */
	OP_PHYS_COPY, /* a: pa, b: size */
	OP_SMC, /* a: function ID, b: first argument (host-firmware.c) */
	OP_MACHINE_DOWN, /* a: cpu (the firmware's SYSTEM_OFF/RESET[2]) */
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
#define HOST_MAX_SYSREGS 96
#define HOST_MAX_SYSREG_WRITES 4096

/* A system register's value, or one write to it (by CPU cpu). */
struct host_sysreg {
	const char *name; /* as the code spells it: "icc_sgi1r_el1" */
	u64 v;
	unsigned int cpu;
};

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
	u64 context; /* x0 of the last arch_cpu_start() or arch_cpu_reset() */
	u64 stuck; /* CPUs that never react to a kick */
	unsigned int cpu; /* the simulated calling CPU */
	u64 time_us, time_step; /* arch_time_us() advances by time_step */
	struct host_phys phys[HOST_MAX_PHYS]; /* "physical" memory windows */
	unsigned int nphys;
	u64 dcache_cleans, dcache_invals;
	jmp_buf *leave; /* innermost host_on_cpu() */
	enum host_op left;
	struct host_sysreg sysregs[HOST_MAX_SYSREGS];
	unsigned int nsysregs;
	struct host_sysreg sysreg_writes[HOST_MAX_SYSREG_WRITES];
	unsigned int nsysreg_writes;
	/*
	 * arch_irq_route(): per SPI, the id + 1 of the last owner it was
	 * routed to and how often (not in the call log: it is called for
	 * every SPI at every create and destroy).
	 */
	u8 route_owner[1024];
	u16 route_count[1024];
};

/*
 * What the real arm64 code does after a recorded set-up call, for the
 * tests of arch/arm64 (NULL: nothing).  Not cleared by host_hyp_reset().
 */
struct host_chain {
	int (*setup_global)(const struct warden_system *sys);
	int (*cell_init)(struct cell *cell);
	int (*cpu_init)(struct per_cpu *pc, bool from_cpu_on);
	void (*cpu_deinit)(struct per_cpu *pc);
	/* arch_cell_memory_check() (NULL: nothing to refuse) */
	int (*cell_memory_check)(const struct cell *cell);
	/* the hardware's reaction to a system register write */
	void (*sysreg_write)(const char *name, u64 v);
};

extern struct host_hyp hh;
extern struct host_chain host_chain;
/*
 * hh.time_step after host_hyp_reset() (default 1).  0: time stands still,
 * so no bounded wait times out (a simulated device in another thread may
 * answer late).
 */
extern u64 host_time_step;

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
/* Record a call; the error a call of op with first argument a returns. */
void host_rec(enum host_op op, u64 a, u64 b);
int host_failing(enum host_op op, u64 a);
/* The calling CPU leaves through op (recorded): back to host_on_cpu(). */
void host_leave(enum host_op op) __attribute__((noreturn));
/* Give a system register a value (reads return it until a write). */
void host_sysreg_set(const char *name, u64 v);
/* The values written to register name, oldest first: how many there were. */
unsigned int host_sysreg_log(const char *name, u64 *vals, unsigned int max);

#endif /* HOST_HYP_H */
