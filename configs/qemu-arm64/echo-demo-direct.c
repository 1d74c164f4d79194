// SPDX-License-Identifier: GPL-2.0-only
/*
 * echo-demo (echo-demo.c) with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
 * GICv3 only): the same cell name, CPU, RAM and link "root-echo", so the
 * root's end of the link finds it.  Its doorbell, SPI 105, is set pending at
 * the distributor when the root rings, and CPU 3 takes it at EL1 without an
 * exit.  For tests/system/scenarios/direct.sh.
 */
#define INMATE_CELL_FLAGS WARDEN_CELL_DIRECT_IRQ

#include "echo-demo.c"
