// SPDX-License-Identifier: BSD-2-Clause
/*
 * The platform inside a Warden cell: the hypervisor's comm region at
 * WARDEN_COMM_REGION_IPA, the console hypercall and PSCI through SMC (the
 * hypervisor emulates PSCI for the cell's own CPUs).
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>
#include <warden/hypercall.h>

enum platform_kind platform_kind(void)
{
	return PLATFORM_CELL;
}

volatile struct warden_comm_region *platform_comm_region(void)
{
	return (volatile struct warden_comm_region *)WARDEN_COMM_REGION_IPA;
}

void platform_init(void)
{
	volatile struct warden_comm_region *comm = platform_comm_region();
	const char *sig = WARDEN_COMM_SIGNATURE;
	unsigned int i;

	for (i = 0; i < sizeof(comm->signature); i++) {
		if (comm->signature[i] != sig[i])
			break;
	}
	if (i == sizeof(comm->signature))
		return;
	printf("inmate: error: no comm region at 0x%llx (signature missing), stopping\n",
	       WARDEN_COMM_REGION_IPA);
	psci_system_off();
	cpu_halt();
}

void platform_cpu_init(unsigned int cpu)
{
	/* The hypervisor set up the distributor and redistributors. */
	(void)cpu;
}

void platform_putc(char c)
{
	smccc_hvc(WARDEN_HC_CONSOLE_PUTC, (uint8_t)c, 0, 0);
}

int64_t platform_psci(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return smccc_smc(fn, a1, a2, a3);
}

bool platform_psci_conduit_smc(void)
{
	return true;
}
