/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The console UART the hypervisor emulates for an inmate cell: an ARM
 * PrimeCell UART (PL011, ARM DDI 0183) on the page at the cell config's
 * vuart_base, raising its SPI vuart_irq (config.h).  What the cell writes
 * goes to its console (cell_console_show()); what the root sends with
 * WARDEN_HC_CELL_CONSOLE_INPUT waits in the receive FIFO.  core/vpl011.c
 * says what is emulated and how.
 */
#ifndef HYP_VPL011_H
#define HYP_VPL011_H

#include <asm/spinlock.h>
#include <hyp/types.h>

struct cell;

/* The receive FIFO: as deep as a PL011's (r1p5) in FIFO mode. */
#define VPL011_FIFO_SIZE 32u
/* Characters per WARDEN_HC_CELL_CONSOLE_INPUT, one byte each of x2. */
#define VPL011_INPUT_MAX 8u

struct vpl011 {
	spinlock_t lock; /* everything below, from any CPU */
	u32 irq; /* the SPI (vuart_irq); 0: the cell has no UART */
	/* registers that hold what the cell wrote (DDI 0183 3.3) */
	u32 ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc;
	u32 ris; /* raw interrupt status: RXIS, TXIS, RTIS only */
	u8 fifo[VPL011_FIFO_SIZE]; /* receive FIFO, a ring */
	u32 head; /* index of the oldest character */
	u32 count; /* characters in the FIFO */
};

/* At cell_init(): the UART's page traps to the emulation (if it has one). */
int vpl011_init(struct cell *cell);
/* Registers and FIFO as after a reset (cell start, SYSTEM_RESET). */
void vpl011_reset(struct cell *cell);
/*
 * The root's input: up to VPL011_INPUT_MAX characters packed in chars (the
 * first in bits [7:0]), count of them, into the receive FIFO.  Returns how
 * many it took (the cell must run; else all are dropped and counted as
 * taken), or -ENODEV if the cell has no UART.  Arguments checked by the
 * caller.
 */
long vpl011_input(struct cell *cell, u64 chars, u32 count);

#endif /* HYP_VPL011_H */
