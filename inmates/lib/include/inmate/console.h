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
