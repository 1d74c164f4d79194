// SPDX-License-Identifier: BSD-2-Clause
/*
 * The i.MX UART (i.MX 8M Plus reference manual, UART chapter),
 * WARDEN_UART_IMX, not the LPUART.  Every register is accessed 32 bits
 * wide.  UFCR's reference clock divider (RFDIV) and the baud registers
 * are kept: they set the baud rate the owner of the line chose.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

#define IMX_URXD 0x00
#define IMX_UTXD 0x40
#define IMX_UCR1 0x80
#define IMX_UCR2 0x84
#define IMX_UCR3 0x88
#define IMX_UFCR 0x90
#define IMX_USR1 0x94
#define IMX_UTS 0xb4

#define IMX_UCR1_UARTEN (1u << 0)
#define IMX_UCR1_RRDYEN (1u << 9) /* receiver ready interrupt */
#define IMX_UCR1_TRDYEN (1u << 13) /* transmitter ready interrupt */
/* SRST high: not in reset; WS: 8 bits; IRTS: ignore RTS */
#define IMX_UCR2_SRST (1u << 0)
#define IMX_UCR2_RXEN (1u << 1)
#define IMX_UCR2_TXEN (1u << 2)
#define IMX_UCR2_WS (1u << 5)
#define IMX_UCR2_IRTS (1u << 14)
#define IMX_UCR3_RXDMUXSEL (1u << 2) /* the manual: always set */
#define IMX_UFCR_RXTL_MASK 0x3fu /* receive interrupt trigger level */
#define IMX_USR1_TRDY (1u << 13) /* transmit FIFO below its level */
#define IMX_UTS_TXFULL (1u << 4)
#define IMX_UTS_RXEMPTY (1u << 5)
#define IMX_UTS_LOOP (1u << 12)

static void imx_set(uint64_t base, uint32_t reg, uint32_t bits, bool on)
{
	uint32_t v = uart_io_read32(base, reg);

	uart_io_write32(base, reg, on ? v | bits : v & ~bits);
}

static int imx_rx(uint64_t base)
{
	if (uart_io_read32(base, IMX_UTS) & IMX_UTS_RXEMPTY)
		return -1;
	return (int)(uart_io_read32(base, IMX_URXD) & 0xffu);
}

static void imx_init(uint64_t base)
{
	uint32_t ufcr = uart_io_read32(base, IMX_UFCR);

	uart_io_write32(base, IMX_UCR1, IMX_UCR1_UARTEN);
	uart_io_write32(base, IMX_UCR2,
			IMX_UCR2_SRST | IMX_UCR2_RXEN | IMX_UCR2_TXEN |
				IMX_UCR2_WS | IMX_UCR2_IRTS);
	imx_set(base, IMX_UCR3, IMX_UCR3_RXDMUXSEL, true);
	/* an interrupt for every character received */
	uart_io_write32(base, IMX_UFCR, (ufcr & ~IMX_UFCR_RXTL_MASK) | 1u);
	while (imx_rx(base) >= 0)
		;
}

static bool imx_tx_full(uint64_t base)
{
	return (uart_io_read32(base, IMX_UTS) & IMX_UTS_TXFULL) != 0;
}

static void imx_tx(uint64_t base, uint8_t c)
{
	uart_io_write32(base, IMX_UTXD, c);
}

static void imx_rx_irq(uint64_t base, bool on)
{
	imx_set(base, IMX_UCR1, IMX_UCR1_RRDYEN, on);
}

static void imx_tx_irq(uint64_t base, bool on)
{
	imx_set(base, IMX_UCR1, IMX_UCR1_TRDYEN, on);
}

/* TRDY is a level, not a latch: it stays while the FIFO has room. */
static bool imx_tx_ready(uint64_t base)
{
	return (uart_io_read32(base, IMX_USR1) & IMX_USR1_TRDY) != 0;
}

static void imx_loopback(uint64_t base, bool on)
{
	imx_set(base, IMX_UTS, IMX_UTS_LOOP, on);
}

const struct uart_driver uart_imx = {
	.type = WARDEN_UART_IMX,
	.name = "i.MX UART",
	.init = imx_init,
	.tx_full = imx_tx_full,
	.tx = imx_tx,
	.rx = imx_rx,
	.rx_irq = imx_rx_irq,
	.tx_irq = imx_tx_irq,
	.tx_ready = imx_tx_ready,
	.loopback = imx_loopback,
};
