// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/tests/cell-test.c: CPU 3, shutdown, SYSTEM_OFF
 * and SYSTEM_RESET tests driven by its command line.
 */
#define INMATE_CELL_NAME "cell-test"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70300000

#include "inmate-cell.h"
