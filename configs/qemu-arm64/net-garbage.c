// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/tests/net-garbage.c, a peer of a network link
 * that breaks every rule of the ring (issue 20, point 4): CPU 1, and the
 * inmate side of the root's network link "root-garbage" (qemu-arm64.h:
 * no common section, 64 KiB per side, the smallest a network link may
 * have; side 1, doorbell SPI 238).  The root's warden.ko makes its side an
 * interface, wnet<N>, which must stay up and count the peer's errors.
 */
#define INMATE_CELL_NAME "net-garbage"
#define INMATE_CELL_CPUS 0x2
#define INMATE_CELL_RAM 0x70e00000
/* the doorbell: an SPI no QEMU virt device uses */
#define INMATE_CELL_SPI 238
#define INMATE_CELL_LINK_NAME "root-garbage"
#define INMATE_CELL_LINK_PEER "root"
#define INMATE_CELL_LINK_PHYS 0x71200000
#define INMATE_CELL_LINK_SIDE 1
#define INMATE_CELL_LINK_DOORBELL INMATE_CELL_SPI
#define INMATE_CELL_LINK_COMMON 0
#define INMATE_CELL_LINK_SECTION WARDEN_LINK_NET_MIN_SECTION
#define INMATE_CELL_LINK_FLAGS WARDEN_LINK_NET

#include "inmate-cell.h"
