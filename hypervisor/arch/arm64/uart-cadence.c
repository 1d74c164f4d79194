// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cadence UART output for the hypervisor console (Zynq UltraScale+ TRM
 * UG1085 ch. 21, registers UG1087 "UART"): Channel_sts 0x2c, its TFUL bit 4
 * (transmit FIFO full); TX_RX_FIFO 0x30.  The root cell owns the UART and
 * its mode; the hypervisor only appends characters (uart.c waits for room).
 */
#include <asm/uart-io.h>
#include <asm/uart.h>

#define CADENCE_CHANNEL_STS 0x2cu
#define CADENCE_TX_RX_FIFO 0x30u
#define CADENCE_STS_TFUL (1u << 4)

static bool cadence_tx_full(const void *base)
{
	return (uart_read32(base, CADENCE_CHANNEL_STS) & CADENCE_STS_TFUL) !=
	       0u;
}

static void cadence_tx(void *base, u8 c)
{
	uart_write32(base, CADENCE_TX_RX_FIFO, c);
}

const struct uart_driver uart_cadence = {
	.tx_full = cadence_tx_full,
	.tx = cadence_tx,
};
