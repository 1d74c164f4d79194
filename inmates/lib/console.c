// SPDX-License-Identifier: BSD-2-Clause
/*
 * Console: whole lines under a lock shared by the cell's CPUs; each
 * character goes out through platform_putc() (the console hypercall in a
 * cell, the PL011 on bare metal).
 *
 * The cell's own UART, which the comm region names (console_uart_type,
 * include/warden/cell.h), is found at start (console_init()) but printf()
 * does not use it: the console hypercall fills the cell's console ring,
 * which `warden cell console` shows and the root reads, whatever UART the
 * board has.  An inmate that wants its own line asks for console_uart().
 */
#include <inmate/inmate.h>
#include <inmate/bakery.h>
#include <inmate/platform.h>
#include <inmate/uart.h>

static struct bakery console_bakery;
static uint64_t console_daif[INMATE_MAX_CPUS];
static volatile int console_no_lock;
static struct uart console_own_uart;
static bool console_has_uart;

void console_init(void)
{
	volatile struct warden_comm_region *comm = platform_comm_region();

	/* a comm region older than revision 5 names none (bytes were 0) */
	console_has_uart = uart_open(&console_own_uart, comm->console_uart_type,
				     comm->console_uart_base) == 0;
}

const struct uart *console_uart(void)
{
	return console_has_uart ? &console_own_uart : NULL;
}

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
