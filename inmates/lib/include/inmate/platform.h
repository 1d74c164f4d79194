/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What differs between the two places an inmate runs.  Each build links
 * exactly one implementation (architecture.md, core and arch split: a variant
 * picks a file at link time):
 *
 * - platform/cell.c: inside a Warden cell.  The hypervisor provides the
 *   comm region, the console is a hypercall and PSCI goes through SMC.
 * - platform/qemu-virt.c: bare metal on QEMU's virt machine at EL1 without
 *   EL2, for the benchmarks' baseline.  The library builds a comm region
 *   from the machine's fixed layout, prints straight to the PL011, brings
 *   up the GIC itself (no Linux or hypervisor did) and calls QEMU's PSCI
 *   through HVC.
 */
#ifndef INMATE_PLATFORM_H
#define INMATE_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include <warden/cell.h>

enum platform_kind {
	PLATFORM_CELL,
	PLATFORM_BARE_METAL,
};

enum platform_kind platform_kind(void);
/* Boot CPU, before anything else: check or build the comm region. */
void platform_init(void);
/* Every CPU, before gic_init(): per-CPU interrupt controller set-up. */
void platform_cpu_init(unsigned int cpu);
volatile struct warden_comm_region *platform_comm_region(void);
void platform_putc(char c);
/* One PSCI call (ARM DEN 0022) through the platform's conduit. */
int64_t platform_psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
/* true if platform_psci() calls with SMC, false if with HVC */
bool platform_psci_conduit_smc(void);

#endif /* INMATE_PLATFORM_H */
