// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/demos/gic-demo.c: CPU 2, timer IRQ latency.
 */
#define INMATE_CELL_NAME "gic-demo"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x70000000

#include "inmate-cell.h"
