#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-modes: the two interrupt delivery modes side by side (issue 17,
# points 4 and 7), the third half of `make bench` (scripts/bench.sh),
# booted with -icount shift=0, where the guest clock counts instructions.
# Not in scenarios.list: its figures are judged by the bench script.  The
# bench inmate runs in the normal bench cell ("warden") and, on GICv3, in
# the direct one ("warden-direct", configs/qemu-arm64/bench-direct.c: the
# same CPUs 2-3, RAM and SPI, plus WARDEN_CELL_DIRECT_IRQ):
#   - idle exits per second: the inmate waits in WFI while its virtual
#     timer ticks every 1 ms (only=tick); the root reads the cell's exit
#     counts (cells/<id>/stats/) over IDLE_S seconds of that;
#   - stop latency: the inmate spins on CPU 2 with interrupts masked
#     (only=spin; CPU 3 is off) and warden-bench times, on the virtual
#     counter, the ioctls of `warden cell shutdown --force` (the CPUs
#     stopped and parked at EL2), of `destroy` after it (RAM cleared,
#     everything given back, Linux's CPU hotplug brings CPUs 2-3 online),
#     and of `destroy --force` on a spinning cell (both at once);
#   - interference: the timer interrupt's latency (only=loaded, 1000
#     samples 100 us apart) while the root runs `warden-bench load 0,1`:
#     the checksum workload and a burst of membarrier IPIs on both its CPUs.
# Also the cell's exits over the loaded run, by reason (loaded-cell-*).
# warden.bench=loaded (or tick, stop, comma-separated) runs only those steps.
# Each figure is one "[bench-modes] result PLATFORM METRIC N MIN P50 P99
# MAX UNIT" line; on GICv2 the direct cell is refused, and the reason is one
# "[bench-modes] refused warden-direct REASON" line.
. /usr/share/warden/lib.sh

IDLE_S=2
TICKS=4000
STOP_ROUNDS=3
LOAD_S=120
LOAD_WAIT_MS=1000

# result PLATFORM METRIC N MIN P50 P99 MAX UNIT
result() {
	say "result $*"
}

# cell_id NAME: the cell's id (its sysfs directory's name).
cell_id() {
	basename "$(cell_dir "$1")"
}

# mode_up CELL WORDS: the bench inmate in CELL with that command line.
mode_up() {
	printf '%s\0' "$2" > /tmp/cmdline
	cell_up "$1" "$INMATES/bench.bin" /tmp/cmdline@0x400ff000
}

# stats DIR FILE: DIR's exit counts by reason, summed over the cell's
# CPUs, as "name value" lines; and the guest clock.
stats() {
	warden-bench clock > "$2.t"
	awk '{ n = FILENAME; sub(/.*\//, "", n); sum[n] += $2 }
		END { for (n in sum) print n, sum[n] }' "$1"/* | sort > "$2"
}

# console_result CELL METRIC PLATFORM NAME: the inmate's "[bench] result
# METRIC" line from the cell's console as this scenario's result NAME.
console_result() {
	warden cell console "$1" | grep "\[bench\] result $2 " | tail -n 1 |
		awk -v p="$3" -v m="$4" '{
			for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			if (v["n"] == "") exit 1
			printf "[bench-modes] result %s %s %s %s %s %s %s ns\n",
				p, m, v["n"], v["min"], v["p50"], v["p99"], v["max"]
			seen = 1 }
		END { if (!seen) { print "no \"" m "\" result in the console"; exit 1 } }'
}

# gone_after CELL: wait until the inmate powered off, then destroy it.
gone_after() {
	_n=60
	while [ $_n -gt 0 ] && ! cell_state_is "$1" shut-down > /dev/null; do
		sleep 1
		_n=$((_n - 1))
	done
	cell_state_is "$1" shut-down && warden cell destroy "$1"
}

# idle_tick CELL PLATFORM: exits per second of the cell idling with a 1 ms
# tick, by reason, and the tick's latency out of WFI.
idle_tick() {
	mode_up "$1" "only=tick ms=$TICKS" &&
		cell_wait_for "$1" "tick start" 10 || return 1
	_s=$(cell_dir "$1")/stats
	stats "$_s" /tmp/tick0
	sleep $IDLE_S
	stats "$_s" /tmp/tick1
	# the inmate was still ticking when the second snapshot was taken
	if warden cell console "$1" | grep -q "tick done"; then
		echo "the ticks ended within the $IDLE_S s window"
		return 1
	fi
	_ns=$(($(cat /tmp/tick1.t) - $(cat /tmp/tick0.t)))
	cell_wait_for "$1" "tick done" 30 > /dev/null || return 1
	awk -v ns="$_ns" -v p="$2" 'NR == FNR { a[$1] = $2; next }
		{ r = sprintf("%.1f", ($2 - a[$1]) * 1e9 / ns)
		  printf "[bench-modes] result %s idle-tick-%s 1 %s %s %s %s per-s\n",
			p, $1, r, r, r, r }' /tmp/tick0 /tmp/tick1
	console_result "$1" tick-entry "$2" tick-entry || return 1
	gone_after "$1"
}

# spin_up CELL: the inmate spinning with interrupts masked.
spin_up() {
	mode_up "$1" "only=spin" &&
		cell_wait_for "$1" "spinning" 10 > /dev/null
}

# stop_latency CELL PLATFORM: the ioctl times of shutdown --force, of the
# destroy after it and of destroy --force, STOP_ROUNDS of each (n, min,
# median, max, max).
stop_latency() {
	: > /tmp/stop.shutdown
	: > /tmp/stop.destroy
	: > /tmp/stop.destroyforce
	_i=0
	while [ $_i -lt $STOP_ROUNDS ]; do
		spin_up "$1" || return 1
		_id=$(cell_id "$1")
		warden-bench force "$_id" shutdown >> /tmp/stop.shutdown &&
			cell_state_is "$1" shut-down &&
			warden-bench force "$_id" destroy >> /tmp/stop.destroy &&
			cell_gone "$1" || return 1
		spin_up "$1" || return 1
		warden-bench force "$(cell_id "$1")" destroy \
			>> /tmp/stop.destroyforce && cell_gone "$1" || return 1
		_i=$((_i + 1))
	done
	for _w in shutdown destroy destroyforce; do
		sort -n "/tmp/stop.$_w" | awk -v p="$2" -v w="$_w" '
			{ v[++n] = $1 }
			END { printf "[bench-modes] result %s stop-%s %d %s %s %s %s ns\n",
				p, w, n, v[1], v[int((n + 1) / 2)], v[n], v[n] }'
	done
}

# ipis: the IPIs all CPUs have taken so far (/proc/interrupts IPI lines).
ipis() {
	awk '$1 ~ /^IPI[0-9]+:$/ {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i }
		END { print s + 0 }' /proc/interrupts
}

# loaded CELL PLATFORM: the timer latency while the root is busy on both
# its CPUs; also the IPIs per second the root took meanwhile.  The load
# starts once the cell has started, and the inmate waits LOAD_WAIT_MS
# before its first sample: starting a cell under the load takes the root
# seconds of guest time, and QEMU minutes.
loaded() {
	printf '%s\0' "only=loaded wait=$LOAD_WAIT_MS" > /tmp/cmdline
	warden cell create "$CELLS/$1.cell" &&
		warden cell load "$1" "$INMATES/bench.bin" \
			/tmp/cmdline@0x400ff000 &&
		warden cell start "$1" || return 1
	_i0=$(ipis)
	_t0=$(warden-bench clock)
	warden-bench load 0,1 $LOAD_S > /tmp/load.out 2>&1 &
	_load=$!
	# one process polling sysfs: under the load a shell loop that forks
	# per poll gets too few turns (on GICv2 each of the root's IPIs traps)
	warden-bench wait "$(cell_dir "$1")/console" "[bench] DONE" 600000 \
		> /dev/null || return 1
	# the root was busy throughout the measurement: the load runs for
	# LOAD_S at most and is stopped as soon as the cell is done
	kill -0 $_load 2> /dev/null ||
		{ echo "the load ended before the cell was done"; cat /tmp/load.out; return 1; }
	kill $_load
	wait $_load 2> /dev/null
	_i1=$(ipis)
	_t1=$(warden-bench clock)
	# What the root's load cost the cell's CPUs in exits: the cell's
	# whole life, its own timer interrupts included (1000 for a normal
	# cell, none for a direct one); the QEMU-independent part of point 7.
	stats "$(cell_dir "$1")/stats" /tmp/loadstats
	awk -v p="$2" '$1 ~ /^(exits|irq|sgi|maintenance|mmio|sysreg)$/ {
		printf "[bench-modes] result %s loaded-cell-%s 1 %s %s %s %s count\n",
			p, $1, $2, $2, $2, $2 }' /tmp/loadstats
	awk -v p="$2" -v n=$((_i1 - _i0)) -v ns=$((_t1 - _t0)) 'BEGIN {
		r = sprintf("%.0f", n * 1e9 / ns)
		printf "[bench-modes] result %s loaded-root-ipis 1 %s %s %s %s per-s\n",
			p, r, r, r, r }'
	console_result "$1" timer-entry-loaded "$2" timer-entry-loaded &&
		console_result "$1" timer-eoi-loaded "$2" timer-eoi-loaded ||
		return 1
	gone_after "$1"
}

# cleanup CELL: a step that failed may have left the cell behind.
cleanup() {
	cell_dir "$1" > /dev/null 2>&1 || return 0
	warden cell destroy --force "$1" > /dev/null 2>&1 || true
}

# wanted STEP: the step is to run: all of them, unless the kernel argument
# warden.bench= (WARDEN_BENCH) names some ("tick,stop,loaded").
wanted() {
	case ",${WARDEN_BENCH:-tick,stop,loaded}," in
	*",$1,"*) return 0 ;;
	*) return 1 ;;
	esac
}

# modes CELL PLATFORM: the three measurements in one cell config.
modes() {
	if wanted tick; then
		step "$2: idle with a 1 ms tick"
		check_v "$2: idle exits with a 1 ms tick" idle_tick "$1" "$2"
		cleanup "$1"
	fi
	if wanted stop; then
		step "$2: stop latency"
		check_v "$2: stop latency" stop_latency "$1" "$2"
		cleanup "$1"
	fi
	if wanted loaded; then
		step "$2: interference"
		check_v "$2: timer latency, the root busy" loaded "$1" "$2"
		cleanup "$1"
	fi
}

# direct_refused: the reason GICv2 gives, as a result line.
direct_refused() {
	if warden cell create "$CELLS/bench-direct.cell" > /tmp/refused 2>&1; then
		echo "the direct cell was created on GICv2"
		warden cell destroy bench-direct
		return 1
	fi
	cat /tmp/refused
	grep -q "need GICv3" /tmp/refused || return 1
	say "refused warden-direct $(grep -m1 'direct' /tmp/refused)"
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
modes bench warden
if warden config show "$SYSTEM_CELL" | grep -qE "^ +GIC +v2"; then
	check_v "GICv2: the direct cell is refused" direct_refused
else
	modes bench-direct warden-direct
fi
check_v "warden disable" warden disable
finish
