#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# reboot: the root reboots (GICv3: reboot -f) or powers off (GICv2:
# poweroff -f) with two cells running.  Both run Linux's reboot notifiers,
# and warden.ko's asks each running cell to shut down through its comm
# region, waits a bounded time (reboot_wait_ms), stops the cells that
# refuse or do not answer, destroys every cell and disables Warden; only
# then does Linux reset or power off the machine through the firmware.  No
# cell dies silently: the serial log names each one's fate.
#   gic-demo (CPU 2) agrees; cell-test (CPU 3) refuses (GICv3), or spins
#   with interrupts masked and never answers (GICv2).
# boot: own
# expect-serial: warden: reboot: Linux is about to (reboot|power off): the cells first, then Warden
# expect-serial: \[warden\] cell "gic-demo" approved its shutdown
# expect-serial: warden: reboot: cell "gic-demo" shut down
# expect-serial: warden: reboot: cell "cell-test" (refused to shut down \(cell "cell-test" refused to shut down\)|did not answer within 1000 ms); stopped
# expect-serial: warden: cell "cell-test" destroyed
# expect-serial: warden: cell "gic-demo" destroyed
# expect-serial: warden: reboot: Warden disabled
# expect-serial: reboot: (Restarting system|Power down)
. /usr/share/warden/lib.sh

require "insmod warden.ko reboot_wait_ms=1000" warden_load reboot_wait_ms=1000
require "warden enable" warden enable "$SYSTEM_CELL"
require "gic-demo up on CPU 2 (it agrees to shut down)" cell_up gic-demo
check_v "gic-demo reports" cell_wait_for gic-demo "timer latency" 15
if [ "$WARDEN_GIC" = 3 ]; then
	printf 'refuse-shutdown\0' > /tmp/cmdline
	require "cell-test up on CPU 3 (it refuses)" \
		cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
	check_v "cell-test runs" cell_wait_for cell-test "cell-test: tick 1" 10
	finish_then reboot -f
else
	printf 'misbehave=spin\0' > /tmp/cmdline
	require "cell-test up on CPU 3 (it will never answer)" \
		cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
	check_v "it spins with interrupts masked" \
		cell_wait_for cell-test "spinning" 10
	finish_then poweroff -f
fi
