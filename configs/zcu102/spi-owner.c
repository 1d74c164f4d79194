// SPDX-License-Identifier: GPL-2.0-only
/*
 * spi-owner on the ZCU102: cell-test on CPU 2 with SPI 121, for the
 * interrupt-isolation test (misbehave).
 */
#define INMATE_CELL_NAME "spi-owner"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x60400000
#define INMATE_CELL_SPI 121

#include "inmate-cell.h"
