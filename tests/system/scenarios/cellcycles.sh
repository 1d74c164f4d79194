#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellcycles: 50 create/load/start/destroy cycles of two cells (gic-demo on
# CPU 2, uart-demo on CPU 3) while Linux checksums data on CPUs 0-1.
# Afterwards the hypervisor's pool use is what it was before the first
# cycle, every CPU is back online in Linux, and every checksum matched.
. /usr/share/warden/lib.sh

CYCLES=${CYCLES:-50}

# root_load: checksum the workload file on CPUs 0 and 1 until /tmp/stop
# appears; one line per run in /tmp/load.<cpu>.
root_load() {
	for _c in 0 1; do
		(
			while [ ! -e /tmp/stop ]; do
				taskset -c $_c sha256sum < "$WORK_FILE" | cut -d' ' -f1
			done > /tmp/load.$_c
		) &
	done
}

# cycles N: N lifecycles; each cell must start (its first console line)
# before it is destroyed.  Stops at the first failure.
cycles() {
	_i=1
	while [ "$_i" -le "$1" ]; do
		cell_up gic-demo > /tmp/cycle.out 2>&1 &&
			cell_up uart-demo >> /tmp/cycle.out 2>&1 &&
			cell_wait_for uart-demo "Hello from uart-demo" 10 \
				>> /tmp/cycle.out 2>&1 &&
			cell_wait_for gic-demo "gic-demo: GICv" 10 \
				>> /tmp/cycle.out 2>&1 &&
			warden cell destroy gic-demo >> /tmp/cycle.out 2>&1 &&
			warden cell destroy uart-demo >> /tmp/cycle.out 2>&1 || {
			echo "cycle $_i failed:"
			cat /tmp/cycle.out
			return 1
		}
		_i=$((_i + 1))
	done
	echo "$1 cycles of two cells"
}

# load_ok: every checksum of the root's load matched the reference.
load_ok() {
	_ref=$(cat "$WORK_REF")
	_runs=$(cat /tmp/load.0 /tmp/load.1 | wc -l)
	_bad=$(cat /tmp/load.0 /tmp/load.1 | grep -vc "^$_ref\$")
	echo "root workload: $_runs checksums on CPUs 0-1, $_bad wrong"
	[ "$_runs" -gt 0 ] && [ "$_bad" -eq 0 ]
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
require "workload reference" workload_prepare
pool0=$(pool_used)
t0=$(cut -d' ' -f1 /proc/uptime)
root_load
check_v "$CYCLES create/load/start/destroy cycles" cycles "$CYCLES"
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
finish
