// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/demos/uart-demo.c: CPU 3, hello and a counter.
 */
#define INMATE_CELL_NAME "uart-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70100000

#include "inmate-cell.h"
