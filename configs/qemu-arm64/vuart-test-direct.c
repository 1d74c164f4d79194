// SPDX-License-Identifier: GPL-2.0-only
/*
 * vuart-test (vuart-test.c) with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
 * GICv3 only): the emulated PL011's interrupt, SPI 231, is set pending at
 * the distributor by the hypervisor and taken by CPU 2 at EL1 without an
 * exit.  For tests/system/scenarios/direct.sh.
 */
#define INMATE_CELL_NAME "vuart-test-direct"
#define INMATE_CELL_CPUS 0x4
#define INMATE_CELL_RAM 0x70b00000
#define INMATE_CELL_SPI 231
#define INMATE_CELL_VUART_BASE 0x09000000
#define INMATE_CELL_VUART_IRQ INMATE_CELL_SPI
#define INMATE_CELL_FLAGS WARDEN_CELL_DIRECT_IRQ

#include "inmate-cell.h"
