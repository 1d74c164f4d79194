// SPDX-License-Identifier: GPL-2.0-only
/*
 * Amlogic UART output for the hypervisor console (S905 datasheet, UART
 * section): WFIFO 0x00 (transmit FIFO), STATUS 0x0c, its bit 21 (transmit
 * FIFO full).  The root cell owns the UART; the hypervisor only appends
 * characters (uart.c waits for room).
 */
#include <asm/uart-io.h>
#include <asm/uart.h>

#define MESON_WFIFO 0x00u
#define MESON_STATUS 0x0cu
#define MESON_STATUS_TX_FULL 0x00200000u /* bit 21 */

static bool meson_tx_full(const void *base)
{
	return (uart_read32(base, MESON_STATUS) & MESON_STATUS_TX_FULL) != 0u;
}

static void meson_tx(void *base, u8 c)
{
	uart_write32(base, MESON_WFIFO, c);
}

const struct uart_driver uart_meson = {
	.tx_full = meson_tx_full,
	.tx = meson_tx,
};
