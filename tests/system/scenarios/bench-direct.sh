#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-direct: bench.sh with the bench inmate in a cell with direct
# interrupts (configs/qemu-arm64/bench-direct.c: WARDEN_CELL_DIRECT_IRQ,
# GICv3 only), so the two delivery modes can be compared.  Not in
# scenarios.list, like bench.sh.
. /usr/share/warden/lib.sh

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
if [ -n "$WARDEN_BENCH" ]; then
	printf '%s\0' "$WARDEN_BENCH" > /tmp/bench.cmdline
	require "bench cell up on CPUs 2-3 ($WARDEN_BENCH)" cell_up bench-direct \
		"$INMATES/bench.bin" /tmp/bench.cmdline@0x400ff000
else
	require "bench cell up on CPUs 2-3" cell_up bench-direct \
		"$INMATES/bench.bin"
fi

# bench_done: wait (polling once a second) until the cell powered off.
bench_done() {
	_n=600
	while [ $_n -gt 0 ] && ! cell_state_is bench-direct shut-down > /dev/null; do
		sleep 1
		_n=$((_n - 1))
	done
	cell_state_is bench-direct shut-down
}
check_v "bench cell finished" bench_done
check_v "bench cell destroy" warden cell destroy bench-direct
check_v "warden disable" warden disable
finish
