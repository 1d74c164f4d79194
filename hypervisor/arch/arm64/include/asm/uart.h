/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console's UART drivers (uart-<name>.c), one per
 * warden_platform.uart_type (config.h), behind uart.c: each driver says
 * whether the transmitter has room and sends one character; uart.c picks
 * the driver and does the waiting.  Register access: asm/uart-io.h.
 */
#ifndef ASM_UART_H
#define ASM_UART_H

#include <hyp/types.h>

struct uart_driver {
	/* true while the transmitter cannot take another character */
	bool (*tx_full)(const void *base);
	void (*tx)(void *base, u8 c);
};

extern const struct uart_driver uart_pl011;
extern const struct uart_driver uart_cadence;
extern const struct uart_driver uart_8250_mmio32; /* and the BCM2835 AUX */
extern const struct uart_driver uart_imx;
extern const struct uart_driver uart_meson;

#endif /* ASM_UART_H */
