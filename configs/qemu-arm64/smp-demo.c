// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/demos/smp-demo.c: CPUs 2 and 3, PSCI CPU_ON and SGI ping-pong.
 */
#define INMATE_CELL_NAME "smp-demo"
#define INMATE_CELL_CPUS 0xc
#define INMATE_CELL_RAM 0x70200000

#include "inmate-cell.h"
