// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bench cell (bench.c) with direct interrupt delivery
 * (WARDEN_CELL_DIRECT_IRQ, GICv3 only): the same CPUs, RAM and SPI, so
 * `make bench` times the same inmate in both delivery modes.
 */
#define INMATE_CELL_NAME "bench-direct"
#define INMATE_CELL_CPUS 0xc
#define INMATE_CELL_RAM 0x70a00000
#define INMATE_CELL_SPI 106
#define INMATE_CELL_FLAGS WARDEN_CELL_DIRECT_IRQ

#include "inmate-cell.h"
