// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Broadcom mini UART (BCM2835 ARM Peripherals, 2.2),
 * WARDEN_UART_BCM2835_AUX, named by AUX_MU_IO_REG (0x40 into the AUX
 * block): its registers sit 4 bytes apart from there, 16550-like, and are
 * accessed 32 bits wide.  Polled only: the datasheet's description of
 * AUX_MU_IER_REG is known to be unreliable and no model or board here can
 * settle it, so this driver sets no interrupt; it has no loopback mode
 * either.  The baud rate (AUX_MU_BAUD_REG) is kept.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

#define BCM2835_MU_IO 0x00
#define BCM2835_MU_IER 0x04
#define BCM2835_MU_IIR 0x08
#define BCM2835_MU_LCR 0x0c
#define BCM2835_MU_LSR 0x14
#define BCM2835_MU_CNTL 0x20

/* IIR on write: bit 1 clears the receive FIFO, bit 2 the transmit FIFO */
#define BCM2835_MU_IIR_CLEAR 0x06u
/* 8-bit mode: the datasheet names bit 0; bits 1:0 both are needed */
#define BCM2835_MU_LCR_8BIT 0x03u
#define BCM2835_MU_LSR_READY (1u << 0) /* data ready */
#define BCM2835_MU_LSR_TX_EMPTY (1u << 5) /* room for a byte */
#define BCM2835_MU_CNTL_RX (1u << 0)
#define BCM2835_MU_CNTL_TX (1u << 1)

static void bcm2835_init(uint64_t base)
{
	uart_io_write32(base, BCM2835_MU_CNTL, 0);
	uart_io_write32(base, BCM2835_MU_IER, 0);
	uart_io_write32(base, BCM2835_MU_LCR, BCM2835_MU_LCR_8BIT);
	uart_io_write32(base, BCM2835_MU_IIR, BCM2835_MU_IIR_CLEAR);
	uart_io_write32(base, BCM2835_MU_CNTL,
			BCM2835_MU_CNTL_RX | BCM2835_MU_CNTL_TX);
}

static bool bcm2835_tx_full(uint64_t base)
{
	return (uart_io_read32(base, BCM2835_MU_LSR) &
		BCM2835_MU_LSR_TX_EMPTY) == 0;
}

static void bcm2835_tx(uint64_t base, uint8_t c)
{
	uart_io_write32(base, BCM2835_MU_IO, c);
}

static int bcm2835_rx(uint64_t base)
{
	if (!(uart_io_read32(base, BCM2835_MU_LSR) & BCM2835_MU_LSR_READY))
		return -1;
	return (int)(uart_io_read32(base, BCM2835_MU_IO) & 0xffu);
}

const struct uart_driver uart_bcm2835_aux = {
	.type = WARDEN_UART_BCM2835_AUX,
	.name = "BCM2835 mini UART",
	.init = bcm2835_init,
	.tx_full = bcm2835_tx_full,
	.tx = bcm2835_tx,
	.rx = bcm2835_rx,
};
