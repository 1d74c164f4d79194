// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for the architecture hooks that touch hardware, so the real
 * core code runs on the build machine.  TLB flushes are counted and the UART
 * is a buffer (echoed to stderr with HOST_UART=1).  (The list registers,
 * host.lr[], are host-lr.c's.)
 */
#include "host-arch.h"

#include <stdio.h>
#include <stdlib.h>

struct host_arch host;

void arch_paging_publish(const struct paging *pg)
{
	(void)pg;
	host.publishes++;
}

void arch_paging_flush(const struct paging *pg, u64 va)
{
	(void)pg;
	(void)va;
	host.flushes++;
}

void arch_paging_flush_all(const struct paging *pg)
{
	(void)pg;
	host.flush_alls++;
}

void arch_console_putc(char c)
{
	static int echo = -1;

	if (echo < 0)
		echo = getenv("HOST_UART") != NULL;
	if (echo)
		fputc(c, stderr);
	if (host.uart_len + 1 < sizeof(host.uart))
		host.uart[host.uart_len++] = c;
	host.uart[host.uart_len] = '\0';
}
