// SPDX-License-Identifier: GPL-2.0-only
/*
 * cell-test (cell-test.c) with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
 * GICv3 only): CPU 3 and SPI 100, taken at EL1 without an exit.  For
 * tests/system/scenarios/direct.sh.
 */
#define INMATE_CELL_NAME "cell-test-direct"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70300000
#define INMATE_CELL_SPI 100
#define INMATE_CELL_FLAGS WARDEN_CELL_DIRECT_IRQ

#include "inmate-cell.h"
