// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Cadence UART of the Zynq UltraScale+ (TRM UG1085 ch. 21, register
 * reference UG1087 "UART"), WARDEN_UART_CADENCE.  Every register is
 * accessed 32 bits wide.  The interrupt status register is sticky: a bit
 * stays set until written with 1.
 */
#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <warden/config.h>

/* Registers (UG1087) */
#define CADENCE_CR 0x00 /* Control_reg0 */
#define CADENCE_MR 0x04 /* mode_reg0 */
#define CADENCE_IER 0x08 /* Intrpt_en: write 1 to enable */
#define CADENCE_IDR 0x0c /* Intrpt_dis: write 1 to disable */
#define CADENCE_ISR 0x14 /* Chnl_int_sts: write 1 to clear */
#define CADENCE_RXWM 0x20 /* Rcvr_FIFO_trigger_level */
#define CADENCE_SR 0x2c /* Channel_sts */
#define CADENCE_FIFO 0x30 /* TX_RX_FIFO */

#define CADENCE_CR_RXEN (1u << 2)
#define CADENCE_CR_RXDIS (1u << 3)
#define CADENCE_CR_TXEN (1u << 4)
#define CADENCE_CR_TXDIS (1u << 5)
/* mode: CHRL 00 (8 bits), PAR 1xx (none), NBSTOP 00 (one), CHMODE */
#define CADENCE_MR_PAR_NONE (1u << 5)
#define CADENCE_MR_CHMODE_MASK (3u << 8)
#define CADENCE_MR_CHMODE_LOOP (2u << 8) /* local loopback */
/* Channel_sts, and the same bit positions in the interrupt registers */
#define CADENCE_RTRIG (1u << 0) /* receive FIFO at its trigger level */
#define CADENCE_REMPTY (1u << 1)
#define CADENCE_TEMPTY (1u << 3)
#define CADENCE_TFUL (1u << 4)
#define CADENCE_INT_TIMEOUT (1u << 8) /* receiver timeout */
#define CADENCE_INT_ALL 0x3fffu

static int cadence_rx(uint64_t base)
{
	if (uart_io_read32(base, CADENCE_SR) & CADENCE_REMPTY)
		return -1;
	return (int)(uart_io_read32(base, CADENCE_FIFO) & 0xffu);
}

/* UG1085 21.3: disable receiver and transmitter while the mode changes */
static void cadence_init(uint64_t base)
{
	uart_io_write32(base, CADENCE_CR, CADENCE_CR_RXDIS | CADENCE_CR_TXDIS);
	uart_io_write32(base, CADENCE_IDR, CADENCE_INT_ALL);
	uart_io_write32(base, CADENCE_MR, CADENCE_MR_PAR_NONE);
	/* an interrupt for every character received */
	uart_io_write32(base, CADENCE_RXWM, 1);
	uart_io_write32(base, CADENCE_CR, CADENCE_CR_RXEN | CADENCE_CR_TXEN);
	while (cadence_rx(base) >= 0)
		;
	uart_io_write32(base, CADENCE_ISR, CADENCE_INT_ALL);
}

static bool cadence_tx_full(uint64_t base)
{
	return (uart_io_read32(base, CADENCE_SR) & CADENCE_TFUL) != 0;
}

static void cadence_tx(uint64_t base, uint8_t c)
{
	uart_io_write32(base, CADENCE_FIFO, c);
}

static void cadence_irq(uint64_t base, uint32_t bits, bool on)
{
	uart_io_write32(base, on ? CADENCE_IER : CADENCE_IDR, bits);
}

static void cadence_rx_irq(uint64_t base, bool on)
{
	cadence_irq(base, CADENCE_RTRIG | CADENCE_INT_TIMEOUT, on);
}

static void cadence_tx_irq(uint64_t base, bool on)
{
	cadence_irq(base, CADENCE_TEMPTY, on);
}

static bool cadence_tx_ready(uint64_t base)
{
	if (!(uart_io_read32(base, CADENCE_ISR) & CADENCE_TEMPTY))
		return false;
	uart_io_write32(base, CADENCE_ISR, CADENCE_TEMPTY);
	return true;
}

static void cadence_loopback(uint64_t base, bool on)
{
	uint32_t mr = uart_io_read32(base, CADENCE_MR) &
		      ~CADENCE_MR_CHMODE_MASK;

	uart_io_write32(base, CADENCE_MR,
			on ? mr | CADENCE_MR_CHMODE_LOOP : mr);
}

const struct uart_driver uart_cadence = {
	.type = WARDEN_UART_CADENCE,
	.name = "Cadence UART",
	.init = cadence_init,
	.tx_full = cadence_tx_full,
	.tx = cadence_tx,
	.rx = cadence_rx,
	.rx_irq = cadence_rx_irq,
	.tx_irq = cadence_tx_irq,
	.tx_ready = cadence_tx_ready,
	.loopback = cadence_loopback,
};
