// SPDX-License-Identifier: GPL-2.0-only
/*
 * 16550-compatible output for the hypervisor console, registers 4 bytes
 * apart and accessed 32 bits wide (WARDEN_UART_8250_MMIO32: the DesignWare
 * APB UART, DW_apb_uart databook; also the Broadcom mini UART,
 * WARDEN_UART_BCM2835_AUX, BCM2835 ARM Peripherals 2.2, whose AUX_MU_IO_REG
 * and AUX_MU_LSR_REG sit the same way).  THR at register 0 (DLAB clear,
 * as the root leaves it), LSR at register 5, LSR.THRE bit 5: the
 * transmitter has room for a character.
 */
#include <asm/uart-io.h>
#include <asm/uart.h>

#define UART8250_THR 0x00u /* register 0 << 2 */
#define UART8250_LSR 0x14u /* register 5 << 2 */
#define UART8250_LSR_THRE (1u << 5)

static bool uart8250_tx_full(const void *base)
{
	return (uart_read32(base, UART8250_LSR) & UART8250_LSR_THRE) == 0u;
}

static void uart8250_tx(void *base, u8 c)
{
	uart_write32(base, UART8250_THR, c);
}

const struct uart_driver uart_8250_mmio32 = {
	.tx_full = uart8250_tx_full,
	.tx = uart8250_tx,
};
