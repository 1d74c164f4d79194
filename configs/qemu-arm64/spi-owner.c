// SPDX-License-Identifier: GPL-2.0-only
/*
 * A second cell-test cell that owns an SPI: CPU 2, SPI 101.  The misbehave
 * scenario runs it beside cell-test, which attacks SPI 101 through the
 * distributor while this cell keeps taking it.
 */
#define INMATE_CELL_NAME "spi-owner"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x70400000
/* an SPI no QEMU virt device uses: the cell pends it itself */
#define INMATE_CELL_SPI 101

#include "inmate-cell.h"
