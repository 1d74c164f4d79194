// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/tests/vuart-test.c: CPU 2, and a console UART
 * that the hypervisor emulates, where QEMU's virt machine has its PL011:
 * the cell does not own that device, so the address is free in its own
 * address space.
 */
#define INMATE_CELL_NAME "vuart-test"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x70b00000
/* an SPI no QEMU virt device drives (230 is kept for a Linux cell) */
#define INMATE_CELL_SPI 231
#define INMATE_CELL_VUART_BASE 0x09000000
#define INMATE_CELL_VUART_IRQ INMATE_CELL_SPI

#include "inmate-cell.h"
