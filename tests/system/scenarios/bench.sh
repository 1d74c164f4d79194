#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench: the in-cell half of `make bench` (scripts/bench.sh), booted with
# -icount shift=0.  Not in scenarios.list: its figures are judged by the
# bench script, not by checks.  The root stays idle (one poll a second)
# while the bench cell measures on CPUs 2 and 3.  The kernel argument
# warden.bench=only=timer,n=4 (see run-qemu.sh --append) becomes the bench
# inmate's command line, for profiling one path.
. /usr/share/warden/lib.sh

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
if [ -n "$WARDEN_BENCH" ]; then
	printf '%s\0' "$WARDEN_BENCH" > /tmp/bench.cmdline
	require "bench cell up on CPUs 2-3 ($WARDEN_BENCH)" cell_up bench \
		"$INMATES/bench.bin" /tmp/bench.cmdline@0x400ff000
else
	require "bench cell up on CPUs 2-3" cell_up bench
fi

# bench_done: wait (polling once a second) until the cell powered off.
bench_done() {
	_n=600
	while [ $_n -gt 0 ] && ! cell_state_is bench shut-down > /dev/null; do
		sleep 1
		_n=$((_n - 1))
	done
	cell_state_is bench shut-down
}
check_v "bench cell finished" bench_done
check_v "bench cell destroy" warden cell destroy bench
check_v "warden disable" warden disable
finish
