/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_SETUP_H
#define HYP_SETUP_H

#include <warden/config.h>
#include <warden/firmware.h>
#include <hyp/pool.h>
#include <hyp/types.h>

struct trap_frame;

/* Global hypervisor state, set up by the first CPU. */
struct hypervisor {
	struct warden_fw_header *header;
	const struct warden_system *config;
	paddr_t base;
	u64 size;
	struct pool pool;
	struct warden_console *console;
	u32 cpus_enabled; /* CPUs running under the hypervisor */
};

extern struct hypervisor hyp;

/* MPIDR affinity of platform CPU cpu (validated: cpu < num_cpus). */
static inline u64 platform_mpidr(unsigned int cpu)
{
	return hyp.config->platform.cpu_mpidr[cpu];
}

/* entry.S, MMU off, first CPU only: validate, build the EL2 tables. */
int setup_early(paddr_t base);
/*
 * setup_cpu() of the first CPU, MMU on: the console, the root cell, its
 * links and the management calls (the host unit tests call it alone).
 */
int setup_global(void);
/* entry.S, MMU on, every CPU entered by the driver. */
int setup_cpu(struct trap_frame *frame, unsigned int cpu, unsigned int mode);
/* entry.S, MMU on, a CPU started by an emulated PSCI CPU_ON. */
void setup_cpu_on(struct trap_frame *frame);

#endif /* HYP_SETUP_H */
