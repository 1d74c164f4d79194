// SPDX-License-Identifier: GPL-2.0-only
/*
 * PL011 output for the hypervisor console (PrimeCell UART TRM, DDI 0183:
 * UARTDR 0x000, UARTFR 0x018, TXFF bit 5).  The root cell owns and drives the
 * UART; the hypervisor only appends characters, polling for FIFO space.
 */
#include <asm/insn.h>
#include <hyp/arch.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_TXFF (1u << 5)

static volatile u32 *uart;

void pl011_init(paddr_t base);
void pl011_init(paddr_t base)
{
	uart = (volatile u32 *)(uintptr_t)base;
}

void arch_console_putc(char c)
{
	unsigned int spins = 100000;

	if (!uart)
		return;
	while (uart[UARTFR / 4] & UARTFR_TXFF) {
		if (!--spins)
			break; /* stuck: drop the wait, not the character */
		yield();
	}
	uart[UARTDR / 4] = (u8)c;
}
