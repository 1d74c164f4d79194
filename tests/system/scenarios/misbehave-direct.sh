#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# misbehave-direct: every case of misbehave.sh, against a cell with direct
# interrupts (cell-test-direct: cell-test on CPU 3 with
# WARDEN_CELL_DIRECT_IRQ).  Its CPU takes its own interrupts at EL1 without
# the hypervisor, so this shows that what misbehave.sh proves does not rest
# on trapping them: faults still stop it with the reason, forbidden calls
# and SGIs to other CPUs are still refused, a spinning or storming cell is
# still stopped by destroy --force while gic-demo keeps its rhythm, its RAM
# is still wiped, and another cell's SPI is still out of its reach.
# GICv3 only: GICv2 refuses the flag (direct.sh checks the refusal).
# gics: 3
# expect-serial: cell "cell-test-direct" failed: data abort: 4-byte read of 0x48000000 \(not assigned to this cell\)
MISBEHAVE_CELL=cell-test-direct
. /usr/share/warden/scenarios/misbehave.sh
