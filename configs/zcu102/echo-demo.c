// SPDX-License-Identifier: GPL-2.0-only
/*
 * echo-demo on the ZCU102: CPU 3, linked to Linux by "root-echo" (zcu102.c;
 * its doorbell SPI 125, the root's 124).
 */
#define INMATE_CELL_NAME "echo-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x60900000
#define INMATE_CELL_SPI 125
#define INMATE_CELL_LINK_NAME "root-echo"
#define INMATE_CELL_LINK_PEER "root"
#define INMATE_CELL_LINK_PHYS 0x60800000
#define INMATE_CELL_LINK_SIDE 1
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
