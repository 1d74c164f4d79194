/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The UART drivers behind inmate/uart.h, one per uart-<name>.c, each named
 * after the WARDEN_UART_* type it drives (include/warden/config.h, where
 * each UART's manual is cited).  uart.c picks one by type and does the
 * waiting and the "\r\n"; a driver only touches registers, through
 * inmate/uart-io.h.  Optional hooks are NULL where the UART or the driver
 * has no such feature.
 */
#ifndef INMATE_UART_DRIVER_H
#define INMATE_UART_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

struct uart_driver {
	uint32_t type; /* WARDEN_UART_* */
	const char *name; /* uart_name() */
	void (*init)(uint64_t base); /* optional: NULL keeps the set-up */
	/* true while the transmitter cannot take another character */
	bool (*tx_full)(uint64_t base);
	void (*tx)(uint64_t base, uint8_t c);
	/* a received character, or -1 */
	int (*rx)(uint64_t base);
	/* optional */
	void (*rx_irq)(uint64_t base, bool on);
	void (*tx_irq)(uint64_t base, bool on);
	bool (*tx_ready)(uint64_t base);
	void (*loopback)(uint64_t base, bool on);
};

extern const struct uart_driver uart_pl011;
extern const struct uart_driver uart_cadence;
extern const struct uart_driver uart_8250_mmio32;
extern const struct uart_driver uart_imx;
extern const struct uart_driver uart_bcm2835_aux;
extern const struct uart_driver uart_meson;

#endif /* INMATE_UART_DRIVER_H */
