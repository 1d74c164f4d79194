// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PL011 (ARM PrimeCell UART, ARM DDI 0183) behind inmate/uart.h.  It
 * uses the access sizes Linux's drivers do: 8-bit writes of the data
 * register and 32-bit reads of the flags (its early console), 16-bit
 * accesses of everything else (its amba-pl011 driver), so that an
 * emulated PL011 meets all three.  Baud rate and clock are left as they
 * are: a console UART was set up by whoever owns the line.
 */
#include <inmate/inmate.h>
#include <inmate/uart.h>

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
	uint16_t v = mmio_read16(base + reg);

	mmio_write16(base + reg, on ? v | bits : v & (uint16_t)~bits);
}

void uart_init(uint64_t base)
{
	mmio_write16(base + PL011_CR, 0);
	mmio_write16(base + PL011_IMSC, 0);
	mmio_write16(base + PL011_LCR_H, PL011_LCR_H_WLEN_8 | PL011_LCR_H_FEN);
	mmio_write16(base + PL011_CR,
		     PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
	while (uart_getc(base) >= 0)
		;
	mmio_write16(base + PL011_ICR, PL011_INT_ALL);
}

void uart_putc(uint64_t base, char c)
{
	while (mmio_read32(base + PL011_FR) & PL011_FR_TXFF)
		;
	mmio_write8(base + PL011_DR, (uint8_t)c);
}

void uart_puts(uint64_t base, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart_putc(base, '\r');
		uart_putc(base, *s);
	}
}

int uart_getc(uint64_t base)
{
	if (mmio_read16(base + PL011_FR) & PL011_FR_RXFE)
		return -1;
	/* the error bits [11:8] are dropped with the character */
	return mmio_read16(base + PL011_DR) & 0xff;
}

void uart_rx_irq(uint64_t base, bool on)
{
	pl011_set(base, PL011_IMSC, PL011_INT_RX | PL011_INT_RT, on);
}

void uart_tx_irq(uint64_t base, bool on)
{
	pl011_set(base, PL011_IMSC, PL011_INT_TX, on);
}

bool uart_tx_ready(uint64_t base)
{
	if (!(mmio_read16(base + PL011_MIS) & PL011_INT_TX))
		return false;
	mmio_write16(base + PL011_ICR, PL011_INT_TX);
	return true;
}

void uart_loopback(uint64_t base, bool on)
{
	pl011_set(base, PL011_CR, PL011_CR_LBE, on);
}
