// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic-demo on the ZCU102: CPU 2 (as on virt, configs/qemu-arm64/gic-demo.c).
 */
#define INMATE_CELL_NAME "gic-demo"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x60000000

#include "inmate-cell.h"
