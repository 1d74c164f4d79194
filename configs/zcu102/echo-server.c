// SPDX-License-Identifier: GPL-2.0-only
/*
 * echo-server on the ZCU102: CPU 3, side 1 of link "echo" (doorbell SPI 122).
 */
#define INMATE_CELL_NAME "echo-server"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x60500000
#define INMATE_CELL_SPI 122
#define INMATE_CELL_LINK_NAME "echo"
#define INMATE_CELL_LINK_PEER "echo-client"
#define INMATE_CELL_LINK_PHYS 0x60600000
#define INMATE_CELL_LINK_SIDE 1
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
