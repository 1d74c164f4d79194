/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H
/* PSCI (ARM DEN 0022) and SMCCC (ARM DEN 0028) function IDs and results. */
#include <hyp/types.h>

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_SYSTEM_RESET2 0x84000012u
#define PSCI_64 0x40000000u

#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_VERSION_1_1 0x10001

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_INVALID_ADDRESS (-9)

/* Is fid SYSTEM_RESET (either convention), which rewrites a whole frame? */
static inline bool psci_is_reset(u64 fid)
{
	return (fid | PSCI_64) == (PSCI_SYSTEM_RESET | PSCI_64);
}

#endif /* ASM_PSCI_H */
