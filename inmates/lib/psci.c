// SPDX-License-Identifier: BSD-2-Clause
/*
 * SMC Calling Convention calls (ARM DEN 0028) through SMC #0 or HVC #0:
 * function ID in x0, arguments in x1..x3, result in x0; x0..x17 may be
 * changed.  PSCI (ARM DEN 0022) goes through the platform's conduit.
 */
#include <inmate/platform.h>
#include <inmate/psci.h>

/* One SMCCC call through `insn` (SMC or HVC #0, the two conduits). */
#define SMCCC_CALL(insn, fn, a1, a2, a3)                                      \
	({                                                                    \
		register uint64_t x0 __asm__("x0") = (fn);                    \
		register uint64_t x1 __asm__("x1") = (a1);                    \
		register uint64_t x2 __asm__("x2") = (a2);                    \
		register uint64_t x3 __asm__("x3") = (a3);                    \
                                                                              \
		__asm__ volatile(insn                                         \
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)     \
				 :                                            \
				 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", \
				   "x11", "x12", "x13", "x14", "x15", "x16",  \
				   "x17", "memory");                          \
		(int64_t) x0;                                                 \
	})

int64_t smccc_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return SMCCC_CALL("smc #0", fn, a1, a2, a3);
}

int64_t smccc_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return SMCCC_CALL("hvc #0", fn, a1, a2, a3);
}

/* PSCI status codes are 32-bit, in w0 */
static int32_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return (int32_t)(uint32_t)platform_psci(fn, a1, a2, a3);
}

uint32_t psci_version(void)
{
	return (uint32_t)psci_call(PSCI_VERSION, 0, 0, 0);
}

int psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context_id)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, entry, context_id);
}

int psci_cpu_off(void)
{
	return psci_call(PSCI_CPU_OFF, 0, 0, 0);
}

int psci_system_off(void)
{
	return psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
}

int psci_system_reset(void)
{
	return psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}
