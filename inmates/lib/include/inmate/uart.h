/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A UART that the inmate drives itself: a device given to the cell, or the
 * console UART the hypervisor emulates for it (the cell config's
 * vuart_base and vuart_irq).  One interface for every kind of UART
 * (docs/architecture.md): uart.c picks the driver of a WARDEN_UART_* type
 * (include/warden/config.h) at run time, and each uart-<name>.c knows one
 * UART's registers (inmate/uart-driver.h).  Which UART the cell has is in
 * its comm region: console_uart() (inmate/console.h).
 *
 * Set-up leaves baud rate and clocks as they are: whoever owns the line
 * (firmware, or the root cell before it gave the device away) chose them.
 */
#ifndef INMATE_UART_H
#define INMATE_UART_H

#include <stdbool.h>
#include <stdint.h>

struct uart_driver;

/* A UART: its driver and the IPA of its register block. */
struct uart {
	const struct uart_driver *drv;
	uint64_t base;
};

/*
 * Bind u to the driver of a WARDEN_UART_* type at base: 0, or -1 for
 * WARDEN_UART_NONE and types the library has no driver for (u is then
 * unusable).  Touches no register.
 */
int uart_open(struct uart *u, uint32_t type, uint64_t base);
/* The UART's kind in words ("PL011", "Cadence UART"...). */
const char *uart_name(const struct uart *u);
/*
 * Set up for 8 data bits, no parity, one stop bit, FIFOs on, transmitter
 * and receiver enabled; every interrupt masked and cleared, and what was
 * received before thrown away.
 */
void uart_init(const struct uart *u);
/* Send a character, waiting while the transmit FIFO is full. */
void uart_putc(const struct uart *u, char c);
/* Send a string; "\n" goes out as "\r\n". */
void uart_puts(const struct uart *u, const char *s);
/* A received character, or -1 if none is waiting. */
int uart_getc(const struct uart *u);
/*
 * Interrupt when characters arrive (or no longer).  A UART whose driver
 * has no interrupt support ignores this (uart-driver.h says which).
 */
void uart_rx_irq(const struct uart *u, bool on);
/*
 * Interrupt when the transmitter can take more characters (or no longer);
 * uart_tx_ready() says whether it is raised, and clears it where the UART
 * latches it (PL011, Cadence; the 8250 clears it as it is read); where it
 * is a level (i.MX) the caller turns it off with uart_tx_irq(u, false).
 */
void uart_tx_irq(const struct uart *u, bool on);
bool uart_tx_ready(const struct uart *u);
/*
 * Characters sent are received, not sent out (a self test), or no longer;
 * false if the UART has no loopback mode.
 */
bool uart_loopback(const struct uart *u, bool on);

#endif /* INMATE_UART_H */
