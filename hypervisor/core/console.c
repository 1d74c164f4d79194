// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypervisor console: each line goes to the UART with a "[warden] " prefix
 * and into a ring that the root cell can read (mapped read-only into its
 * stage 2; the driver shows it in sysfs).  A lock keeps lines whole when
 * several CPUs print at once.
 */
#include <warden/firmware.h>
#include <asm/spinlock.h>
#include <asm/sysreg.h>
#include <hyp/arch.h>
#include <hyp/console.h>
#include <hyp/printk.h>

static struct warden_console *ring;
static spinlock_t console_lock;
static bool console_locking; /* false while the MMU is off (no exclusives) */

void console_init(struct warden_console *c)
{
	ring = c;
	console_locking = true;
}

static void ring_put(struct warden_console *r, char c)
{
	u32 t = r->tail;

	r->buf[t % WARDEN_CONSOLE_SIZE] = c;
	/* the reader snapshots tail, then copies: publish data first */
	dsb(ishst);
	WRITE_ONCE(r->tail, t + 1);
}

static void emit(char c)
{
	if (c == '\n')
		arch_console_putc('\r');
	arch_console_putc(c);
	if (ring)
		ring_put(ring, c);
}

/* A cell's own ring has one writer at a time (its line lock). */
void console_ring_write(struct warden_console *r, const char *prefix,
			const char *s)
{
	while (*prefix)
		ring_put(r, *prefix++);
	while (*s)
		ring_put(r, *s++);
}

void console_write(const char *prefix, const char *s)
{
	if (console_locking)
		spin_lock(&console_lock);
	while (*prefix)
		emit(*prefix++);
	for (; *s; s++)
		emit(*s);
	if (console_locking)
		spin_unlock(&console_lock);
}

static void vprintk(const char *fmt, va_list ap)
{
	char line[192];

	vsnprintf(line, sizeof(line), fmt, ap);
	console_write("[warden] ", line);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	char line[192];
	va_list ap;

	/*
	 * The fault may have hit with this CPU holding the console lock (in
	 * printk itself): print without it.  Lines may interleave; the
	 * machine is stopping anyway.
	 */
	console_locking = false;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write("[warden] PANIC: ", line);
	for (;;)
		wfe();
}
