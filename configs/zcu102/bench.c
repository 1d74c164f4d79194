// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench cell on the ZCU102 (`make bench MACHINE=zcu102`), as on virt
 * (configs/qemu-arm64/bench.c): CPUs 2 and 3, and INTID 106, whose
 * distributor registers the inmate times (SPI 74: no device of the
 * ZCU102's tree uses it).
 */
#define INMATE_CELL_NAME "bench"
#define INMATE_CELL_CPUS 0xc
#define INMATE_CELL_RAM 0x60a00000
#define INMATE_CELL_SPI 106

#include "inmate-cell.h"
