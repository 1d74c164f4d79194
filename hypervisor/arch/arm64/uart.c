// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console's UART: the driver of warden_platform.uart_type
 * (config.h; one uart-<name>.c each), at uart_base, which the EL2 tables
 * map as a device page (mmu.c).  Works with the MMU off: each access is an
 * aligned 32-bit one, and the image has applied its relocations before
 * setup_early() calls arch_console_init().  Transmit only: the root cell
 * owns and drives the UART.
 */
#include <asm/insn.h>
#include <asm/uart.h>
#include <hyp/arch-setup.h>
#include <hyp/arch.h>

/*
 * Polls of a full transmitter before the character goes out regardless:
 * a stuck UART slows the console down, never stops it.
 */
#define UART_SPINS 100000u

static const struct uart_driver *uart_drv;
static void *uart_base;

static const struct uart_driver *uart_driver_of(u32 type)
{
	const struct uart_driver *drv;

	switch (type) {
	case WARDEN_UART_PL011:
		drv = &uart_pl011;
		break;
	case WARDEN_UART_CADENCE:
		drv = &uart_cadence;
		break;
	case WARDEN_UART_8250_MMIO32:
	case WARDEN_UART_BCM2835_AUX:
		drv = &uart_8250_mmio32;
		break;
	case WARDEN_UART_IMX:
		drv = &uart_imx;
		break;
	case WARDEN_UART_MESON:
		drv = &uart_meson;
		break;
	default:
		drv = NULL; /* WARDEN_UART_NONE: no console */
		break;
	}
	return drv;
}

void arch_console_init(const struct warden_platform *p)
{
	uart_base = (void *)(uintptr_t)p->uart_base;
	uart_drv = p->uart_base ? uart_driver_of(p->uart_type) : NULL;
}

void arch_console_putc(char c)
{
	/* polls of a full transmitter, then the character goes regardless */
	unsigned int spins = UART_SPINS - 1u;

	if (uart_drv != NULL) {
		while (uart_drv->tx_full(uart_base) && (spins != 0u)) {
			spins--;
			yield();
		}
		uart_drv->tx(uart_base, (u8)c);
	}
}
