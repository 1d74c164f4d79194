#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-root: the root cell's half of `make bench` (scripts/bench.sh),
# booted with -icount shift=0, where the guest clock counts instructions.
# Not in scenarios.list: its figures are judged by the bench script.
#   - the root's CPU-bound workload (warden-bench work, a forked process
#     pinned to CPU 1) before and after enable: the hypervisor's cost to it;
#   - root exits per second by reason (/sys/devices/warden/root_stats),
#     idle and while the workload runs;
#   - hypervisor memory (/sys/devices/warden/memory) after enable and with
#     two inmate cells (uart-demo on CPU 3, gic-demo on CPU 2);
#   - cell start: `warden cell create` and `start` to the inmate's first
#     console line, timed by warden-bench in the root;
#   - doorbells: 1000 echo round trips between two inmates (echo-client on
#     CPU 2, echo-server on CPU 3) and between Linux and echo-demo (CPU 3)
#     through the link device; a round trip is two doorbells and two
#     message copies.
# Each figure is one "[bench-root] result NAME VALUE UNIT" line.
. /usr/share/warden/lib.sh

# Workload rounds: 64 KiB each, about 0.3 s of guest time in all.
ROUNDS=${ROUNDS:-1200}
IDLE_S=4

result() {
	say "result $1 $2 $3"
}

# workload NAME: run it three times and report the median run.
workload() {
	: > /tmp/runs.$1
	for _i in 1 2 3; do
		warden-bench work 1 "$ROUNDS" >> /tmp/runs.$1 || return 1
	done
	cat /tmp/runs.$1
	# every run must compute the same checksum
	[ "$(cut -d' ' -f2 /tmp/runs.$1 | sort -u | wc -l)" -eq 1 ] || return 1
	sort -n /tmp/runs.$1 | sed -n 2p > /tmp/work.$1
	result "workload-$1" "$(cut -d' ' -f1 /tmp/work.$1)" ns
}

# stats FILE: the root's exit counts by reason, summed over its CPUs, as
# "name value" lines, and the guest clock.
stats() {
	warden-bench clock > "$1.t"
	# one process for all the files: each fork costs the root IPIs
	awk '{ n = FILENAME; sub(/.*\//, "", n); sum[n] += $2 }
		END { for (n in sum) print n, sum[n] }' \
		"$WARDEN_SYSFS"/root_stats/* | sort > "$1"
}

# rates WHEN A B: exits per second between snapshots A and B, by reason.
rates() {
	_ns=$(($(cat "$3.t") - $(cat "$2.t")))
	awk -v ns="$_ns" -v when="$1" 'NR == FNR { a[$1] = $2; next }
		{ printf "[bench-root] result root-exits-%s-%s %.1f per-s\n",
			when, $1, ($2 - a[$1]) * 1e9 / ns }' "$2" "$3"
}

# memory WHEN: the hypervisor's memory use now.
memory() {
	cat "$WARDEN_SYSFS/memory"
	while read -r _n _v; do
		result "memory-$1-$_n" "$_v" bytes
	done < "$WARDEN_SYSFS/memory"
}

# cell_start NAME TEXT: create, load and start the cell; the times from
# create and from start to its first console line containing TEXT.
cell_start() {
	_t0=$(warden-bench clock)
	warden cell create "$CELLS/$1.cell" || return 1
	warden cell load "$1" "$INMATES/$1.bin" || return 1
	_t1=$(warden-bench clock)
	warden cell start "$1" || return 1
	_t2=$(warden-bench wait "$(cell_dir "$1")/console" "$2" 10000) ||
		return 1
	result "cell-start-$1" $((_t2 - _t1)) ns
	result "cell-create-to-start-$1" $((_t2 - _t0)) ns
}

# cell_with NAME CMDLINE: cell NAME running echo-demo's image.
cell_with() {
	printf '%s\0' "$2" > /tmp/cmdline
	cell_up "$1" "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000
}

# round_trips WHAT LINE: "min X, avg Y, max Z" (ns or us) of LINE as results.
round_trips() {
	echo "$2"
	echo "$2" | sed -n 's/.*round trip min \([0-9.]*\) \([nu]s\), avg \([0-9.]*\) [nu]s, max \([0-9.]*\) [nu]s.*/\1 \3 \4 \2/p' |
		awk -v w="$1" '{ k = $4 == "us" ? 1000 : 1
			printf "[bench-root] result doorbell-%s-min %d ns\n", w, $1 * k
			printf "[bench-root] result doorbell-%s-avg %d ns\n", w, $2 * k
			printf "[bench-root] result doorbell-%s-max %d ns\n", w, $3 * k }'
}

# cell_to_cell: echo-client pings echo-server 1000 times.
cell_to_cell() {
	cell_with echo-server x &&
		cell_wait_for echo-server 'doorbell SPI' 10 > /dev/null &&
		cell_with echo-client ping=1000 &&
		cell_wait_for echo-client "1000 of 1000 echoes verified" 60 \
			> /dev/null || return 1
	round_trips cells "$(warden cell console echo-client | grep -m1 'echoes verified')"
	warden cell destroy echo-client && warden cell destroy echo-server
}

# root_to_cell: Linux pings echo-demo 1000 times through its link device.
root_to_cell() {
	cell_with echo-demo x &&
		cell_wait_for echo-demo 'peer running' 10 > /dev/null || return 1
	_line=$(warden-link-ping -n 1000) || { echo "$_line"; return 1; }
	round_trips root "$_line"
	warden cell destroy echo-demo
}

require "insmod warden.ko" warden_load
check_v "workload without the hypervisor" workload off
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "memory after enable" memory enable
check "root idle" sleep 1
stats /tmp/idle0
sleep $IDLE_S
stats /tmp/idle1
check_v "root exits while idle" rates idle /tmp/idle0 /tmp/idle1
stats /tmp/load0
check_v "workload with the hypervisor" workload on
stats /tmp/load1
check_v "root exits under the workload" rates load /tmp/load0 /tmp/load1
check "same checksum with and without" \
	test "$(cut -d' ' -f2 /tmp/work.off)" = "$(cut -d' ' -f2 /tmp/work.on)"
check_v "workload slowdown" awk -v off="$(cut -d' ' -f1 /tmp/work.off)" \
	-v on="$(cut -d' ' -f1 /tmp/work.on)" 'BEGIN {
		printf "[bench-root] result workload-slowdown %.3f percent\n", (on - off) * 100 / off }'
check_v "uart-demo start" cell_start uart-demo "Hello from uart-demo"
check_v "gic-demo start" cell_start gic-demo "gic-demo: GICv"
check_v "memory with two cells" memory cells
check_v "destroy the cells" sh -c \
	'warden cell destroy uart-demo && warden cell destroy gic-demo'
check_v "doorbells: inmate to inmate" cell_to_cell
check_v "doorbells: Linux to inmate" root_to_cell
check_v "warden disable" warden disable
finish
