// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/demos/uart-demo.c: CPU 3, hello and a counter,
 * through a console UART that the hypervisor emulates (a PL011 where QEMU's
 * virt machine has its own, which the cell does not own), so that the
 * inmate drives a UART as it would on a board whose cell owns one, and the
 * text still lands in the cell's console.  The comm region names it.
 */
#define INMATE_CELL_NAME "uart-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70100000
/* an SPI no QEMU virt device drives (230: a Linux cell, 231: vuart-test) */
#define INMATE_CELL_SPI 232
#define INMATE_CELL_VUART_BASE 0x09000000
#define INMATE_CELL_VUART_IRQ INMATE_CELL_SPI

#include "inmate-cell.h"
