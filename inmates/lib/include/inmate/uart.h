/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A UART that the inmate drives itself: a device given to the cell, or the
 * console UART the hypervisor emulates for it (the cell config's
 * vuart_base and vuart_irq).  One interface for every kind of UART, each in
 * its own uart-<name>.c (DESIGN §3); uart-pl011.c is the ARM PrimeCell
 * UART (PL011, ARM DDI 0183).  A UART is named by its base address.
 */
#ifndef INMATE_UART_H
#define INMATE_UART_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Set up for 8 data bits, no parity, one stop bit, FIFOs on, transmitter
 * and receiver enabled; every interrupt masked and cleared, and what was
 * received before thrown away.
 */
void uart_init(uint64_t base);
/* Send a character, waiting while the transmit FIFO is full. */
void uart_putc(uint64_t base, char c);
/* Send a string; "\n" goes out as "\r\n". */
void uart_puts(uint64_t base, const char *s);
/* A received character, or -1 if none is waiting. */
int uart_getc(uint64_t base);
/* Interrupt when characters arrive (or no longer). */
void uart_rx_irq(uint64_t base, bool on);
/*
 * Interrupt once when the transmitter can take more characters (or no
 * longer); uart_tx_ready() says whether that happened, and clears it.
 */
void uart_tx_irq(uint64_t base, bool on);
bool uart_tx_ready(uint64_t base);
/* Characters sent are received, not sent out (a self test), or no longer. */
void uart_loopback(uint64_t base, bool on);

#endif /* INMATE_UART_H */
