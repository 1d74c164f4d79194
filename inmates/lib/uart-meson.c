// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Amlogic UART (S905 datasheet, UART section), WARDEN_UART_MESON:
 * WFIFO 0x00, RFIFO 0x04, STATUS 0x0c (bit 20 receive FIFO empty, bit 21
 * transmit FIFO full), 32-bit accesses.  Polled, and used as its owner
 * set it up: no set-up, interrupts or loopback here.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

#define MESON_WFIFO 0x00
#define MESON_RFIFO 0x04
#define MESON_STATUS 0x0c
#define MESON_STATUS_RX_EMPTY (1u << 20)
#define MESON_STATUS_TX_FULL (1u << 21)

static bool meson_tx_full(uint64_t base)
{
	return (uart_io_read32(base, MESON_STATUS) & MESON_STATUS_TX_FULL) != 0;
}

static void meson_tx(uint64_t base, uint8_t c)
{
	uart_io_write32(base, MESON_WFIFO, c);
}

static int meson_rx(uint64_t base)
{
	if (uart_io_read32(base, MESON_STATUS) & MESON_STATUS_RX_EMPTY)
		return -1;
	return (int)(uart_io_read32(base, MESON_RFIFO) & 0xffu);
}

const struct uart_driver uart_meson = {
	.type = WARDEN_UART_MESON,
	.name = "Amlogic UART",
	.tx_full = meson_tx_full,
	.tx = meson_tx,
	.rx = meson_rx,
};
