/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PSCI (ARM DEN 0022) through SMC #0.  The hypervisor emulates it per cell:
 * CPU_ON only reaches the cell's own CPUs, SYSTEM_OFF and SYSTEM_RESET stop
 * or restart this cell only.
 */
#ifndef INMATE_PSCI_H
#define INMATE_PSCI_H

#include <stdint.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_AFFINITY_INFO_64 0xc4000004u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

/* Return codes (DEN 0022, 5.2.2) */
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)
#define PSCI_INTERNAL_FAILURE (-6)
#define PSCI_INVALID_ADDRESS (-9)

/* Any SMC Calling Convention call (ARM DEN 0028): result in x0. */
int64_t smccc_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
int64_t smccc_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);

/* Major version in bits 31:16, minor in 15:0. */
uint32_t psci_version(void);
int psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context_id);
/* These return only on failure. */
int psci_cpu_off(void);
int psci_system_off(void);
int psci_system_reset(void);

#endif /* INMATE_PSCI_H */
