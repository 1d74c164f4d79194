// SPDX-License-Identifier: GPL-2.0-only
/*
 * i.MX UART output for the hypervisor console (i.MX 8M Plus reference
 * manual, UART chapter): UTXD 0x40 (transmitter data), UTS 0xb4 (test
 * register), its TXFULL bit 4 (transmit FIFO full).  The root cell owns the
 * UART; the hypervisor only appends characters (uart.c waits for room).
 */
#include <asm/uart-io.h>
#include <asm/uart.h>

#define IMX_UTXD 0x40u
#define IMX_UTS 0xb4u
#define IMX_UTS_TXFULL (1u << 4)

static bool imx_tx_full(const void *base)
{
	return (uart_read32(base, IMX_UTS) & IMX_UTS_TXFULL) != 0u;
}

static void imx_tx(void *base, u8 c)
{
	uart_write32(base, IMX_UTXD, c);
}

const struct uart_driver uart_imx = {
	.tx_full = imx_tx_full,
	.tx = imx_tx,
};
