// SPDX-License-Identifier: GPL-2.0-only
/*
 * linux-demo (linux-demo.c) with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
 * GICv3 only): the stock kernel's timer, IPIs, console UART and virtio
 * interrupts reach CPUs 2-3 at EL1 without an exit.  Its IPIs still trap
 * when sent (ICC_SGI1R_EL1), so their targets stay inside the cell.  For
 * tests/system/scenarios/linux.sh.
 */
#define LINUX_DEMO_NAME "linux-demo-direct"
#define LINUX_DEMO_FLAGS (WARDEN_CELL_CONSOLE | WARDEN_CELL_DIRECT_IRQ)

#include "linux-demo.c"
