// SPDX-License-Identifier: BSD-2-Clause
/*
 * Console through the hypervisor: HVC #0, x0 = WARDEN_HC_CONSOLE_PUTC,
 * x1 = the character (SMC Calling Convention, ARM DEN 0028: x0..x17 may
 * be changed by the call).
 */
#include <inmate/inmate.h>
#include <inmate/bakery.h>
#include <warden/hypercall.h>

static struct bakery console_bakery;
static uint64_t console_daif[INMATE_MAX_CPUS];
static volatile int console_no_lock;

void console_putc(char c)
{
	register uint64_t x0 __asm__("x0") = WARDEN_HC_CONSOLE_PUTC;
	register uint64_t x1 __asm__("x1") = (uint8_t)c;

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1)
			 :
			 : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
			   "x10", "x11", "x12", "x13", "x14", "x15", "x16",
			   "x17", "memory");
}

void console_lock(void)
{
	uint64_t daif = cpu_irq_save();

	if (!console_no_lock)
		bakery_lock(&console_bakery);
	console_daif[cpu_current()] = daif;
}

void console_unlock(void)
{
	uint64_t daif = console_daif[cpu_current()];

	if (!console_no_lock)
		bakery_unlock(&console_bakery);
	cpu_irq_restore(daif);
}

void console_emergency(void)
{
	console_no_lock = 1;
}

void console_write(const char *buf, size_t len)
{
	size_t i;

	console_lock();
	for (i = 0; i < len; i++)
		console_putc(buf[i]);
	console_unlock();
}

void console_puts(const char *s)
{
	console_write(s, strlen(s));
}
