// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PL011 (ARM PrimeCell UART, ARM DDI 0183), WARDEN_UART_PL011.  It
 * uses the access sizes Linux's drivers do: 8-bit writes of the data
 * register and 32-bit reads of the flags (its early console), 16-bit
 * accesses of everything else (its amba-pl011 driver), so that an
 * emulated PL011 meets all three.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

/* Registers (DDI 0183 table 3-1) */
#define PL011_DR 0x000
#define PL011_FR 0x018
#define PL011_LCR_H 0x02c
#define PL011_CR 0x030
#define PL011_IMSC 0x038
#define PL011_MIS 0x040
#define PL011_ICR 0x044

#define PL011_FR_RXFE 0x10u
#define PL011_FR_TXFF 0x20u
#define PL011_LCR_H_FEN 0x10u
#define PL011_LCR_H_WLEN_8 0x60u
#define PL011_CR_UARTEN 0x001u
#define PL011_CR_LBE 0x080u
#define PL011_CR_TXE 0x100u
#define PL011_CR_RXE 0x200u
#define PL011_INT_RX 0x010u
#define PL011_INT_TX 0x020u
#define PL011_INT_RT 0x040u
#define PL011_INT_ALL 0x7ffu

static void pl011_set(uint64_t base, uint32_t reg, uint16_t bits, bool on)
{
	uint16_t v = uart_io_read16(base, reg);

	uart_io_write16(base, reg, on ? v | bits : v & (uint16_t)~bits);
}

static int pl011_rx(uint64_t base)
{
	if (uart_io_read16(base, PL011_FR) & PL011_FR_RXFE)
		return -1;
	/* the error bits [11:8] are dropped with the character */
	return uart_io_read16(base, PL011_DR) & 0xff;
}

/* DDI 0183 3.3.8: disable the UART before its line settings change */
static void pl011_init(uint64_t base)
{
	uart_io_write16(base, PL011_CR, 0);
	uart_io_write16(base, PL011_IMSC, 0);
	uart_io_write16(base, PL011_LCR_H,
			PL011_LCR_H_WLEN_8 | PL011_LCR_H_FEN);
	uart_io_write16(base, PL011_CR,
			PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
	while (pl011_rx(base) >= 0)
		;
	uart_io_write16(base, PL011_ICR, PL011_INT_ALL);
}

static bool pl011_tx_full(uint64_t base)
{
	return (uart_io_read32(base, PL011_FR) & PL011_FR_TXFF) != 0;
}

static void pl011_tx(uint64_t base, uint8_t c)
{
	uart_io_write8(base, PL011_DR, c);
}

static void pl011_rx_irq(uint64_t base, bool on)
{
	pl011_set(base, PL011_IMSC, PL011_INT_RX | PL011_INT_RT, on);
}

static void pl011_tx_irq(uint64_t base, bool on)
{
	pl011_set(base, PL011_IMSC, PL011_INT_TX, on);
}

/* The transmit interrupt is latched until cleared in UARTICR. */
static bool pl011_tx_ready(uint64_t base)
{
	if (!(uart_io_read16(base, PL011_MIS) & PL011_INT_TX))
		return false;
	uart_io_write16(base, PL011_ICR, PL011_INT_TX);
	return true;
}

static void pl011_loopback(uint64_t base, bool on)
{
	pl011_set(base, PL011_CR, PL011_CR_LBE, on);
}

const struct uart_driver uart_pl011 = {
	.type = WARDEN_UART_PL011,
	.name = "PL011",
	.init = pl011_init,
	.tx_full = pl011_tx_full,
	.tx = pl011_tx,
	.rx = pl011_rx,
	.rx_irq = pl011_rx_irq,
	.tx_irq = pl011_tx_irq,
	.tx_ready = pl011_tx_ready,
	.loopback = pl011_loopback,
};
