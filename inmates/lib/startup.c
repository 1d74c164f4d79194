// SPDX-License-Identifier: BSD-2-Clause
/*
 * Start-up in C: the boot CPU comes here from crt0.S with its stack set, the
 * BSS clear and the vectors installed.
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>

/*
 * A cell may have up to WARDEN_MAX_CPUS CPUs; the library drives the first
 * INMATE_MAX_CPUS of them (cpu_count()), each with its own stack.
 */
_Static_assert(INMATE_MAX_CPUS <= WARDEN_MAX_CPUS, "no more CPUs than cells");

void startup_boot(void)
{
	platform_init();
	console_init();
	platform_cpu_init(0);
	timer_event_stream_enable();
	inmate_main();
	startup_idle();
}

void startup_idle(void)
{
	for (;;) {
		comm_poll();
		timer_delay_ms(1);
	}
}
