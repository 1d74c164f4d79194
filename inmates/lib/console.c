// SPDX-License-Identifier: BSD-2-Clause
/*
 * Console: whole lines under a lock shared by the cell's CPUs; each
 * character goes out through platform_putc() (the console hypercall in a
 * cell, the PL011 on bare metal).
 */
#include <inmate/inmate.h>
#include <inmate/bakery.h>
#include <inmate/platform.h>

static struct bakery console_bakery;
static uint64_t console_daif[INMATE_MAX_CPUS];
static volatile int console_no_lock;

void console_putc(char c)
{
	platform_putc(c);
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
