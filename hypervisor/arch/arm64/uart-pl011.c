// SPDX-License-Identifier: GPL-2.0-only
/*
 * PL011 output for the hypervisor console (PrimeCell UART TRM, DDI 0183:
 * UARTDR 0x000, UARTFR 0x018, TXFF bit 5).  The root cell owns and drives the
 * UART; the hypervisor only appends characters (uart.c waits for room).
 */
#include <asm/uart-io.h>
#include <asm/uart.h>

#define UARTDR 0x000u
#define UARTFR 0x018u
#define UARTFR_TXFF (1u << 5)

static bool pl011_tx_full(const void *base)
{
	return (uart_read32(base, UARTFR) & UARTFR_TXFF) != 0u;
}

static void pl011_tx(void *base, u8 c)
{
	uart_write32(base, UARTDR, c);
}

const struct uart_driver uart_pl011 = {
	.tx_full = pl011_tx_full,
	.tx = pl011_tx,
};
