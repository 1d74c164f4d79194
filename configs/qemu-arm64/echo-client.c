// SPDX-License-Identifier: GPL-2.0-only
/*
 * inmates/demos/echo-demo.c as a client (command line ping=N) of
 * echo-server: CPU 2, the other side of link "echo" (side 0, doorbell
 * SPI 103).
 */
#define INMATE_CELL_NAME "echo-client"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x70700000
/* the doorbell: an SPI no QEMU virt device uses */
#define INMATE_CELL_SPI 103
#define INMATE_CELL_LINK_NAME "echo"
#define INMATE_CELL_LINK_PEER "echo-server"
#define INMATE_CELL_LINK_PHYS 0x70600000
#define INMATE_CELL_LINK_SIDE 0
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
