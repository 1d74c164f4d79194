// SPDX-License-Identifier: BSD-2-Clause
/*
 * inmate/uart.h: the driver of a WARDEN_UART_* type, picked at run time
 * (the comm region names the cell's UART, so one image runs on every
 * board), and what every UART shares: waiting for room, "\n" as "\r\n".
 */
#include <stddef.h>

#include <inmate/uart-driver.h>
#include <inmate/uart.h>
#include <warden/config.h>

static const struct uart_driver *const uart_drivers[] = {
	&uart_pl011, &uart_cadence,	&uart_8250_mmio32,
	&uart_imx,   &uart_bcm2835_aux, &uart_meson,
};

int uart_open(struct uart *u, uint32_t type, uint64_t base)
{
	size_t i;

	u->drv = NULL;
	u->base = base;
	for (i = 0; i < sizeof(uart_drivers) / sizeof(uart_drivers[0]); i++)
		if (type != WARDEN_UART_NONE && uart_drivers[i]->type == type)
			u->drv = uart_drivers[i];
	return u->drv ? 0 : -1;
}

const char *uart_name(const struct uart *u)
{
	return u->drv->name;
}

void uart_init(const struct uart *u)
{
	if (u->drv->init)
		u->drv->init(u->base);
}

void uart_putc(const struct uart *u, char c)
{
	while (u->drv->tx_full(u->base))
		;
	u->drv->tx(u->base, (uint8_t)c);
}

void uart_puts(const struct uart *u, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart_putc(u, '\r');
		uart_putc(u, *s);
	}
}

int uart_getc(const struct uart *u)
{
	return u->drv->rx(u->base);
}

void uart_rx_irq(const struct uart *u, bool on)
{
	if (u->drv->rx_irq)
		u->drv->rx_irq(u->base, on);
}

void uart_tx_irq(const struct uart *u, bool on)
{
	if (u->drv->tx_irq)
		u->drv->tx_irq(u->base, on);
}

bool uart_tx_ready(const struct uart *u)
{
	return u->drv->tx_ready ? u->drv->tx_ready(u->base) : false;
}

bool uart_loopback(const struct uart *u, bool on)
{
	if (!u->drv->loopback)
		return false;
	u->drv->loopback(u->base, on);
	return true;
}
