// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/bench (`make bench`): CPUs 2 and 3 (SGIs between
 * them), and SPI 106 (INTID), whose distributor registers it times.
 */
#define INMATE_CELL_NAME "bench"
#define INMATE_CELL_CPUS 0xc
#define INMATE_CELL_RAM 0x70a00000
#define INMATE_CELL_SPI 106

#include "inmate-cell.h"
