// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/tests/cell-test.c: CPU 3, SPI 100; shutdown,
 * SYSTEM_OFF, SYSTEM_RESET, fault and interrupt tests driven by its command
 * line.
 */
#define INMATE_CELL_NAME "cell-test"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70300000
/* an SPI no QEMU virt device uses: the cell pends it itself */
#define INMATE_CELL_SPI 100

#include "inmate-cell.h"
