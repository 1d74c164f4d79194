// SPDX-License-Identifier: GPL-2.0-only
/*
 * uart-demo on the ZCU102: CPU 3.  It prints through the console hypercall,
 * as on virt.
 */
#define INMATE_CELL_NAME "uart-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x60100000

#include "inmate-cell.h"
