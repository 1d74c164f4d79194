// SPDX-License-Identifier: BSD-2-Clause
/*
 * A 16550-compatible UART whose byte registers sit 4 bytes apart and are
 * accessed 32 bits wide, as the Synopsys DesignWare APB UART's are
 * (DW_apb_uart databook), WARDEN_UART_8250_MMIO32.  Register n is at
 * n << 2; the divisor latch is left alone (LCR.DLAB stays clear), so the
 * baud rate is the one the owner of the line set.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

#define UART8250_RBR 0x00 /* read: receive buffer */
#define UART8250_THR 0x00 /* write: transmit holding */
#define UART8250_IER 0x04
#define UART8250_IIR 0x08 /* read: interrupt identification */
#define UART8250_FCR 0x08 /* write: FIFO control */
#define UART8250_LCR 0x0c
#define UART8250_MCR 0x10
#define UART8250_LSR 0x14

#define UART8250_IER_ERBFI (1u << 0) /* received data (and its timeout) */
#define UART8250_IER_ETBEI (1u << 1) /* transmit holding register empty */
#define UART8250_IIR_ID_MASK 0x0fu
#define UART8250_IIR_THRE 0x02u
#define UART8250_FCR_FIFOE (1u << 0)
#define UART8250_FCR_RFIFOR (1u << 1) /* clear the receive FIFO */
#define UART8250_FCR_XFIFOR (1u << 2) /* clear the transmit FIFO */
#define UART8250_LCR_8N1 0x03u /* DLS 8 bits, STOP 1, no parity */
#define UART8250_MCR_DTR (1u << 0)
#define UART8250_MCR_RTS (1u << 1)
#define UART8250_MCR_LOOPBACK (1u << 4)
#define UART8250_LSR_DR (1u << 0)
#define UART8250_LSR_THRE (1u << 5)

static void uart8250_set(uint64_t base, uint32_t reg, uint32_t bits, bool on)
{
	uint32_t v = uart_io_read32(base, reg);

	uart_io_write32(base, reg, on ? v | bits : v & ~bits);
}

static int uart8250_rx(uint64_t base)
{
	if (!(uart_io_read32(base, UART8250_LSR) & UART8250_LSR_DR))
		return -1;
	return (int)(uart_io_read32(base, UART8250_RBR) & 0xffu);
}

static void uart8250_init(uint64_t base)
{
	uart_io_write32(base, UART8250_IER, 0);
	uart_io_write32(base, UART8250_LCR, UART8250_LCR_8N1);
	uart_io_write32(base, UART8250_FCR,
			UART8250_FCR_FIFOE | UART8250_FCR_RFIFOR |
				UART8250_FCR_XFIFOR);
	uart_io_write32(base, UART8250_MCR,
			UART8250_MCR_DTR | UART8250_MCR_RTS);
	while (uart8250_rx(base) >= 0)
		;
	/* reading LSR and IIR clears line status and THRE interrupts */
	(void)uart_io_read32(base, UART8250_LSR);
	(void)uart_io_read32(base, UART8250_IIR);
}

/* THRE: with the FIFOs on and PTIME off, the FIFO has room. */
static bool uart8250_tx_full(uint64_t base)
{
	return (uart_io_read32(base, UART8250_LSR) & UART8250_LSR_THRE) == 0;
}

static void uart8250_tx(uint64_t base, uint8_t c)
{
	uart_io_write32(base, UART8250_THR, c);
}

static void uart8250_rx_irq(uint64_t base, bool on)
{
	uart8250_set(base, UART8250_IER, UART8250_IER_ERBFI, on);
}

static void uart8250_tx_irq(uint64_t base, bool on)
{
	uart8250_set(base, UART8250_IER, UART8250_IER_ETBEI, on);
}

/* The highest-priority pending interrupt; reading it clears THRE's. */
static bool uart8250_tx_ready(uint64_t base)
{
	return (uart_io_read32(base, UART8250_IIR) & UART8250_IIR_ID_MASK) ==
	       UART8250_IIR_THRE;
}

static void uart8250_loopback(uint64_t base, bool on)
{
	uart8250_set(base, UART8250_MCR, UART8250_MCR_LOOPBACK, on);
}

const struct uart_driver uart_8250_mmio32 = {
	.type = WARDEN_UART_8250_MMIO32,
	.name = "8250 UART",
	.init = uart8250_init,
	.tx_full = uart8250_tx_full,
	.tx = uart8250_tx,
	.rx = uart8250_rx,
	.rx_irq = uart8250_rx_irq,
	.tx_irq = uart8250_tx_irq,
	.tx_ready = uart8250_tx_ready,
	.loopback = uart8250_loopback,
};
