// SPDX-License-Identifier: GPL-2.0-only
/*
 * echo-client on the ZCU102: CPU 2, side 0 of link "echo" (doorbell SPI 123).
 */
#define INMATE_CELL_NAME "echo-client"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x60700000
#define INMATE_CELL_SPI 123
#define INMATE_CELL_LINK_NAME "echo"
#define INMATE_CELL_LINK_PEER "echo-server"
#define INMATE_CELL_LINK_PHYS 0x60600000
#define INMATE_CELL_LINK_SIDE 0
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
