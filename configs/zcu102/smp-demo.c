// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp-demo on the ZCU102: CPUs 2-3 (PSCI CPU_ON, SGIs between them).
 */
#define INMATE_CELL_NAME "smp-demo"
#define INMATE_CELL_CPUS 0xc
#define INMATE_CELL_RAM 0x60200000

#include "inmate-cell.h"
