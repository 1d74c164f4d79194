// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console's UART: warden_platform.uart_type (config.h) at
 * uart_base, which the EL2 tables map as a device page (mmu.c).  Transmit
 * only: the root cell owns the UART, its clock and its line settings, so
 * the hypervisor never configures it and only appends characters.  Every
 * UART it drives has a data register and a status register with one
 * "transmitter full" bit (or "room" bit), so one table describes them all.
 *
 * Works with the MMU off (register access: asm/uart-io.h), and the image
 * has applied its relocations before setup_early() calls
 * arch_console_init().
 */
#include <asm/insn.h>
#include <asm/uart-io.h>
#include <hyp/arch-setup.h>
#include <hyp/arch.h>

/*
 * Polls of a full transmitter before the character goes out regardless:
 * a stuck UART slows the console down, never stops it.
 */
#define UART_SPINS 100000u

struct uart_regs {
	u32 type;
	u16 data; /* offset of the transmit data register */
	u16 status; /* offset of the status register */
	u32 bit; /* the status bit that gates transmission */
	bool bit_set; /* the bit means "full" (true) or "room" (false) */
};

static const struct uart_regs *uart_regs;
static void *uart_base;

void arch_console_init(const struct warden_platform *p)
{
	static const struct uart_regs uart_table[] = {
		/* PrimeCell UART TRM (DDI 0183): UARTDR, UARTFR.TXFF */
		{ WARDEN_UART_PL011, 0x000, 0x018, 1u << 5, true },
		/* Zynq UltraScale+ (UG1087): TX_RX_FIFO, Channel_sts.TFUL */
		{ WARDEN_UART_CADENCE, 0x030, 0x02c, 1u << 4, true },
		/*
		 * 16550 with registers 4 bytes apart, 32 bits wide (DesignWare APB
		 * UART): THR at register 0 (DLAB clear, as the root leaves it), LSR
		 * at register 5, LSR.THRE: room for a character.
		 */
		{ WARDEN_UART_8250_MMIO32, 0x000, 0x014, 1u << 5, false },
		/* BCM2835 ARM Peripherals 2.2: AUX_MU_IO, AUX_MU_LSR as above */
		{ WARDEN_UART_BCM2835_AUX, 0x000, 0x014, 1u << 5, false },
		/* i.MX 8M Plus reference manual: UTXD 0x40, UTS 0xb4 TXFULL */
		{ WARDEN_UART_IMX, 0x040, 0x0b4, 1u << 4, true },
		/* Amlogic S905 datasheet: WFIFO 0x00, STATUS 0x0c bit 21 TX full */
		{ WARDEN_UART_MESON, 0x000, 0x00c, 0x00200000u, true },
	};
	unsigned int i;

	uart_regs = NULL; /* WARDEN_UART_NONE, or no base: no console */
	uart_base = (void *)(uintptr_t)p->uart_base;
	for (i = 0; (p->uart_base != 0u) && (i < ARRAY_SIZE(uart_table)); i++) {
		if (uart_table[i].type == p->uart_type) {
			uart_regs = &uart_table[i];
		}
	}
}

static bool uart_tx_full(void)
{
	u32 sts = uart_read32(uart_base, uart_regs->status);

	return ((sts & uart_regs->bit) != 0u) == uart_regs->bit_set;
}

void arch_console_putc(char c)
{
	unsigned int spins = UART_SPINS - 1u;

	if (uart_regs != NULL) {
		while (uart_tx_full() && (spins != 0u)) {
			spins--;
			yield();
		}
		uart_write32(uart_base, uart_regs->data, (u8)c);
	}
}
