// SPDX-License-Identifier: GPL-2.0-only
/*
 * cell-test on the ZCU102: CPU 3 and SPI 120 (INTID), for the tests.
 */
#define INMATE_CELL_NAME "cell-test"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x60300000
#define INMATE_CELL_SPI 120

#include "inmate-cell.h"
