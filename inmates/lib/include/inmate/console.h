/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console: characters go to the hypervisor one by one (hypercall
 * WARDEN_HC_CONSOLE_PUTC), which collects them per line and adds the
 * "[cell-name] " prefix itself.  A lock keeps the lines of several CPUs
 * apart.
 */
#ifndef INMATE_CONSOLE_H
#define INMATE_CONSOLE_H

#include <stddef.h>

struct uart;

/* Boot CPU, after platform_init(): find the UART the comm region names. */
void console_init(void);
/*
 * The UART the cell may drive itself (inmate/uart.h): its own device, or
 * the PL011 the hypervisor emulates for it; NULL if the comm region names
 * none (or one the library has no driver for).  Not set up: call
 * uart_init() first.  printf() keeps to the console hypercall.
 */
const struct uart *console_uart(void);

/* Write one character; no lock. */
void console_putc(char c);
/* Write a string or a buffer under the console lock. */
void console_puts(const char *s);
void console_write(const char *buf, size_t len);
/*
 * The console lock (a bakery lock; it masks IRQs on the calling CPU while
 * held, so IRQ handlers may print).  Not recursive.
 */
void console_lock(void);
void console_unlock(void);
/* From now on ignore the lock (fault reporting: the lock may be held). */
void console_emergency(void);

#endif /* INMATE_CONSOLE_H */
