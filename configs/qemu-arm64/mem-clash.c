// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test config that is valid on its own but takes the RAM of gic-demo
 * (0x70000000) on another CPU: creating it while gic-demo exists must fail
 * and change nothing (tests/system/scenarios/cellerrors.sh).
 */
#define INMATE_CELL_NAME "mem-clash"
#define INMATE_CELL_CPUS 0x2
#define INMATE_CELL_RAM 0x70000000

#include "inmate-cell.h"
