/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_CONSOLE_H
#define HYP_CONSOLE_H

#include <warden/firmware.h>

void console_init(struct warden_console *ring);
/* Write prefix and s as they are (s should end in '\n'). */
void console_write(const char *prefix, const char *s);
/* The same into another ring (a cell's), without the UART. */
void console_ring_write(struct warden_console *r, const char *prefix,
			const char *s);

#endif /* HYP_CONSOLE_H */
