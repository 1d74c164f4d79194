// SPDX-License-Identifier: GPL-2.0-only
/*
 * inmates/demos/echo-demo.c as the server of link "echo" to echo-client,
 * two inmates with the root not involved: CPU 3, side 1, doorbell SPI 102,
 * the link at 0x70600000.
 */
#define INMATE_CELL_NAME "echo-server"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70500000
/* the doorbell: an SPI no QEMU virt device uses */
#define INMATE_CELL_SPI 102
#define INMATE_CELL_LINK_NAME "echo"
#define INMATE_CELL_LINK_PEER "echo-client"
#define INMATE_CELL_LINK_PHYS 0x70600000
#define INMATE_CELL_LINK_SIDE 1
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
