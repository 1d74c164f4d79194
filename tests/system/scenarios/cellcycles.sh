#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellcycles: 50 create/load/start/destroy cycles (`make soak`: 500), half
# of them of each of two cells
# (gic-demo on CPU 2, uart-demo on CPU 3) run side by side, so that their
# steps interleave, while Linux checksums data on CPU 0 (CPU 1 runs the
# CLI).  Afterwards the hypervisor's pool use is what it was before the
# first cycle, every CPU is back online in Linux, and every checksum
# matched.  (500 take about 3 minutes per GIC: each cycle takes a CPU out
# of Linux and brings it back.)
. /usr/share/warden/lib.sh

[ "$WARDEN_SOAK" = 1 ] && CYCLES=${CYCLES:-250}
CYCLES=${CYCLES:-25}
LOAD_CPUS="0"

# root_load: checksum the workload file on each of LOAD_CPUS until
# /tmp/stop appears; one line per run in /tmp/load.<cpu>.
root_load() {
	for _c in $LOAD_CPUS; do
		(
			while [ ! -e /tmp/stop ]; do
				taskset -c $_c sha256sum < "$WORK_FILE" | cut -d' ' -f1
			done > /tmp/load.$_c
		) &
	done
}

# cell_started NAME REGEX: wait (up to 10 s) for the cell's first console
# line, reading sysfs directly: the loop below runs it 500 times.
cell_started() {
	_w=200
	_dir=$(cell_dir "$1") || return 1
	while ! grep -qE "$2" "$_dir/console"; do
		_w=$((_w - 1))
		[ $_w -gt 0 ] || { echo "\"$1\" never printed /$2/"; return 1; }
		sleep 0.05
	done
}

# lifecycles NAME REGEX N: N lifecycles of cell NAME; each must start (a
# console line matching REGEX) before it is destroyed.  Stops at the first
# failure.  The result goes to /tmp/cycles.NAME.
lifecycles() {
	_i=1
	_o=/tmp/cycle.$1.out
	while [ "$_i" -le "$3" ]; do
		{ warden cell create "$CELLS/$1.cell" &&
			warden cell load "$1" "$INMATES/$1.bin" &&
			warden cell start "$1" && cell_started "$1" "$2" &&
			warden cell destroy "$1"; } > "$_o" 2>&1 || {
			echo "$1: cycle $_i failed:"
			cat "$_o"
			return 1
		}
		_i=$((_i + 1))
	done
	echo "$1: $3 cycles"
}

# cycles N: N lifecycles of each of the two cells, side by side: their
# creates, starts and destroys interleave at random.
cycles() {
	lifecycles gic-demo "gic-demo: GICv" "$1" > /tmp/cycles.gic-demo &
	lifecycles uart-demo "Hello from uart-demo" "$1" > /tmp/cycles.uart-demo
	wait $!
	cat /tmp/cycles.gic-demo /tmp/cycles.uart-demo
	grep -q "cycles$" /tmp/cycles.gic-demo &&
		grep -q "cycles$" /tmp/cycles.uart-demo
}

# load_ok: every checksum of the root's load matched the reference.
load_ok() {
	_ref=$(cat "$WORK_REF")
	_files=$(for _c in $LOAD_CPUS; do echo /tmp/load.$_c; done)
	# shellcheck disable=SC2086
	_runs=$(cat $_files | wc -l)
	# shellcheck disable=SC2086
	_bad=$(cat $_files | grep -vc "^$_ref\$")
	echo "root workload: $_runs checksums on CPU(s) $LOAD_CPUS, $_bad wrong"
	[ "$_runs" -gt 0 ] && [ "$_bad" -eq 0 ]
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
require "workload reference" workload_prepare
pool0=$(pool_used)
t0=$(cut -d' ' -f1 /proc/uptime)
root_load
check_v "$((CYCLES * 2)) create/load/start/destroy cycles" cycles "$CYCLES"
touch /tmp/stop
wait
check_v "the cycles took" awk -v a="$t0" -v b="$(cut -d' ' -f1 /proc/uptime)" \
	'BEGIN { printf "%.1f s\n", b - a }'
check_v "root workload correct throughout" load_ok
check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before the first cycle ($pool0 pages)" sh -c \
	"echo \"now \$(cat $WARDEN_SYSFS/mem_pool_used)\"; [ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "no cell left" sh -c "! ls $WARDEN_SYSFS/cells | grep ."
check_v "workload on all CPUs" workload_run
check_v "warden disable" warden disable
check_v "EL2 stacks at most half used" stacks_ok
finish
