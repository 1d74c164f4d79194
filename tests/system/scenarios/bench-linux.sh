#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-linux: a Linux cell's figures for `make bench` (scripts/bench.sh,
# issue 16), booted with -icount shift=0, where the guest clock counts
# instructions.  Not in scenarios.list: its figures are judged by the bench
# script.  linux-demo (CPUs 2-3) boots the stock kernel's plain Image with
# the harness's initramfs, whose action "bench" runs the workload:
#   - boot: from `warden cell linux` returning (the cell started) to the
#     cell's /init starting, once with the kernel's log on the console
#     (each character a trapped write to the emulated PL011) and once with
#     `quiet`; and from `warden cell linux` being typed (the Image read,
#     its tree written, the cell created and loaded) to that moment;
#   - the CPU-bound workload (warden-bench work, 1200 rounds) on the cell's
#     CPU 1 against the same on the root's CPU 1 before enable: the median
#     of three runs each;
#   - the idle cell's exits per second by reason (cells/<id>/stats/), while
#     the root idles too;
#   - hypervisor memory with the Linux cell running.
# Under -icount every CPU's instructions advance the one clock, so the root
# waits for the cell with sleeps, never by spinning (warden-bench wait with
# a poll interval).
# Each figure is one "[bench-linux] result NAME VALUE UNIT" line.
# linux-cell: yes
. /usr/share/warden/lib.sh

ROUNDS=1200
IDLE_S=4
KERNEL=$LINUX/Image

result() {
	say "result $1 $2 $3"
}

# median3 FILE: the middle of three "ns checksum" lines, checked to agree
# on the checksum.
median3() {
	[ "$(wc -l < "$1")" -eq 3 ] || return 1
	[ "$(cut -d' ' -f2 "$1" | sort -u | wc -l)" -eq 1 ] || return 1
	sort -n "$1" | sed -n 2p
}

# workload_off: three runs in the root, Warden not enabled.
workload_off() {
	: > /tmp/runs.off
	for _i in 1 2 3; do
		warden-bench work 1 "$ROUNDS" >> /tmp/runs.off || return 1
	done
	cat /tmp/runs.off
	median3 /tmp/runs.off > /tmp/work.off || return 1
	result workload-root-off "$(cut -d' ' -f1 /tmp/work.off)" ns
}

# boot NAME ACTION [CMDLINE...]: `warden cell linux` with
# warden.run=ACTION (bench or benchboot: they print the virtual counter as
# the cell's /init read it first thing), then the times to that moment; the
# cell stays up.  All three readings are of the one virtual counter
# (warden-bench counter), which root and cell share.
boot() {
	_name=$1 _run=$2
	shift 2
	_t0=$(warden-bench counter)
	warden cell linux "$CELLS/linux-demo.cell" "$KERNEL" \
		--initrd "$LINUX/initramfs.cpio.gz" \
		--cmdline "$* warden.run=$_run" || return 1
	_t1=$(warden-bench counter)
	# a read each millisecond, a few thousand instructions of the root's
	# each: no spinning beside the booting cell
	warden-bench wait "$(cell_dir linux-demo)/console" "[cell-bench] init" \
		600000 1000 > /dev/null || return 1
	_t2=$(warden cell console linux-demo |
		sed -n 's/.*\[cell-bench\] init \([0-9][0-9]*\).*/\1/p' | tail -n 1)
	[ -n "$_t2" ] || { echo "no counter in the cell's line"; return 1; }
	echo "counter: cell linux $_t0, it returned $_t1, the cell's init $_t2"
	result "linux-boot-$_name" $((_t2 - _t1)) ns
	result "linux-cell-linux-to-init-$_name" $((_t2 - _t0)) ns
}

# workload_cell: the cell's three runs (its action "bench"), then the
# median and the slowdown against the root's.
workload_cell() {
	warden-bench wait "$(cell_dir linux-demo)/console" \
		"[cell-init] bench done" 600000 100000 > /dev/null || {
		warden cell console linux-demo | tail -n 5
		return 1
	}
	warden cell console linux-demo | grep -o '\[cell-bench\] work .*' |
		tail -n 3 | cut -d' ' -f3- > /tmp/runs.cell
	cat /tmp/runs.cell
	median3 /tmp/runs.cell > /tmp/work.cell || return 1
	[ "$(cut -d' ' -f2 /tmp/work.cell)" = "$(cut -d' ' -f2 /tmp/work.off)" ] ||
		{ echo "the cell's checksum differs from the root's"; return 1; }
	result workload-cell "$(cut -d' ' -f1 /tmp/work.cell)" ns
	awk -v off="$(cut -d' ' -f1 /tmp/work.off)" \
		-v on="$(cut -d' ' -f1 /tmp/work.cell)" 'BEGIN {
		printf "[bench-linux] result workload-cell-slowdown %.3f percent\n", (on - off) * 100 / off }'
}

# stats DIR FILE: DIR's exit counts by reason, summed over the cell's
# CPUs ("cpu<N> <count>" lines), as "name value" lines; and the guest clock.
stats() {
	warden-bench clock > "$2.t"
	awk '{ n = FILENAME; sub(/.*\//, "", n); sum[n] += $2 }
		END { for (n in sum) print n, sum[n] }' "$1"/* | sort > "$2"
}

# idle_exits: the idle cell's exits per second, by reason.
idle_exits() {
	_s=$(cell_dir linux-demo)/stats
	stats "$_s" /tmp/idle0
	sleep $IDLE_S
	stats "$_s" /tmp/idle1
	_ns=$(($(cat /tmp/idle1.t) - $(cat /tmp/idle0.t)))
	awk -v ns="$_ns" 'NR == FNR { a[$1] = $2; next }
		{ printf "[bench-linux] result linux-idle-%s %.1f per-s\n",
			$1, ($2 - a[$1]) * 1e9 / ns }' /tmp/idle0 /tmp/idle1
}

# memory: the hypervisor's memory use with the Linux cell.
memory() {
	cat "$WARDEN_SYSFS/memory"
	while read -r _n _v; do
		result "memory-linux-$_n" "$_v" bytes
	done < "$WARDEN_SYSFS/memory"
}

require "insmod warden.ko" warden_load
check_v "the workload without the hypervisor" workload_off || finish
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "boot, the kernel's log on the console" boot log bench earlycon ||
	finish
check_v "the workload in the cell" workload_cell
check_v "the idle cell's exits" idle_exits
check_v "memory with the Linux cell" memory
check_v "destroy" warden cell destroy --force linux-demo
check_v "boot, quiet" boot quiet benchboot quiet
check_v "destroy" warden cell destroy --force linux-demo
check_v "warden disable" warden disable
finish
