/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Warden hypercall ABI.  Hypercalls are HVC #0 with an SMC Calling Convention
 * (SMCCC, ARM DEN 0028) function ID in x0, arguments in x1..x5 and the result
 * in x0.  They live in the "vendor specific hypervisor service" range (owner
 * 6), as SMC64 fast calls, so that a generic SMCCC probe sees a well-formed
 * service.  Results are >= 0 on success or a negative errno.
 */
#ifndef WARDEN_HYPERCALL_H
#define WARDEN_HYPERCALL_H

#include "types.h"

#define WARDEN_SMCCC_FAST 0x80000000u
#define WARDEN_SMCCC_64 0x40000000u
#define WARDEN_SMCCC_OWNER_SHIFT 24
#define WARDEN_SMCCC_OWNER_MASK 0x3fu
#define WARDEN_SMCCC_OWNER_HYP 6u

#define WARDEN_HC_BASE                         \
	(WARDEN_SMCCC_FAST | WARDEN_SMCCC_64 | \
	 (WARDEN_SMCCC_OWNER_HYP << WARDEN_SMCCC_OWNER_SHIFT))
#define WARDEN_HC(n) (WARDEN_HC_BASE | (n))

/* x0 = WARDEN_MAGIC on success, x1 = WARDEN_ABI_VERSION */
#define WARDEN_HC_VERSION WARDEN_HC(0x00)
/* Leave EL2 on the calling CPU and hand it back to Linux (root only). */
#define WARDEN_HC_DISABLE WARDEN_HC(0x01)
/* x1 = WARDEN_INFO_*; returns the value */
#define WARDEN_HC_INFO WARDEN_HC(0x02)
/* x1 = character: write to the hypervisor console */
#define WARDEN_HC_CONSOLE_PUTC WARDEN_HC(0x03)

#define WARDEN_INFO_POOL_PAGES 0
#define WARDEN_INFO_POOL_USED 1
#define WARDEN_INFO_NUM_CELLS 2
#define WARDEN_INFO_CPUS_ENABLED 3

/* SMCCC standard queries of the service (ARM DEN 0028, "Call UID") */
#define WARDEN_HC_CALL_COUNT 0x8600ff00u
#define WARDEN_HC_CALL_UID 0x8600ff01u
#define WARDEN_HC_REVISION 0x8600ff03u

#define WARDEN_MAGIC 0x5752444eu /* "WRDN" */
#define WARDEN_ABI_VERSION 1

#define WARDEN_SMCCC_NOT_SUPPORTED (-1)

#endif /* WARDEN_HYPERCALL_H */
