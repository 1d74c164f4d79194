// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/demos/echo-demo.c, answering Linux: CPU 3, and
 * the inmate side of the root's link "root-echo" (side 1, doorbell SPI
 * 105); Linux talks to it through /dev/warden-link-root-echo
 * (tools/link-ping.c).
 */
#define INMATE_CELL_NAME "echo-demo"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70900000
/* the doorbell: an SPI no QEMU virt device uses */
#define INMATE_CELL_SPI 105
#define INMATE_CELL_LINK_NAME "root-echo"
#define INMATE_CELL_LINK_PEER "root"
#define INMATE_CELL_LINK_PHYS 0x70800000
#define INMATE_CELL_LINK_SIDE 1
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI

#include "inmate-cell.h"
