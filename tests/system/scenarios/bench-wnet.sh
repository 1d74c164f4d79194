#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-wnet: the network interface's figures for `make bench`
# (scripts/bench.sh, issue 20 point 5), booted with -icount shift=0, where
# the guest clock counts instructions.  Not in scenarios.list: its figures
# are judged by the bench script (tests/system/scenarios/wnet.sh is the
# functional test).  The root and linux-demo (CPUs 2-3, the plain Image,
# `quiet`, warden.run=net) each set their side of root-net up, the root as
# 10.7.0.1, the cell as 10.7.0.2; then, root to cell:
#   - round-trip latency: ping -A -c 1000 (the next echo request as soon
#     as the reply is in), min, average and max of the replies' times:
#     ping reads CLOCK_MONOTONIC, the virtual counter, which counts
#     instructions here;
#   - throughput: MIB MiB through nc, from dd if=/dev/zero (64 KiB blocks:
#     the cheapest source) in the root into dd of=/dev/null in the cell,
#     timed on the virtual counter (warden-bench counter) around the root's
#     pipeline, which ends once the cell's nc has seen the end of the
#     stream; the median of RUNS runs; the cell's dd must count every
#     block of every run, or the scenario fails;
#   - exits per MiB moved, by reason: the root's (root_stats/) and the
#     cell's (cells/<id>/stats/), summed over their CPUs, read just before
#     and just after each run, over all the runs.
# Under -icount the vCPUs take turns on one clock: a time here is the
# instructions both partitions spent, not what two partitions on real cores
# would take side by side.  The root waits for the cell with sleeps, never
# by spinning, so that its own instructions do not count in the cell's.
# Each figure is one "[bench-wnet] result NAME VALUE UNIT" line.
# linux-cell: yes
. /usr/share/warden/lib.sh

# 64 MiB: about 3 s of guest time, 10 s of the host's
MIB=${MIB:-64}
# the median run: under -icount a run still varies by a few percent (the
# guests' random numbers, QEMU's host-timed events)
RUNS=3
PINGS=1000
PORT=5001
PEER=10.7.0.2

result() {
	say "result $1 $2 $3"
}

# net_if LINK: the root's interface of network link LINK (its alias).
net_if() {
	for _i in /sys/class/net/*; do
		[ "$(cat "$_i/ifalias" 2> /dev/null)" = "$1" ] &&
			echo "${_i##*/}" && return 0
	done
	echo "no interface for link $1"
	return 1
}

# root_up: the root's side of root-net up as 10.7.0.1/24.
root_up() {
	_if=$(net_if root-net) || { echo "$_if"; return 1; }
	ip addr add 10.7.0.1/24 dev "$_if" && ip link set "$_if" up &&
		echo "$_if" > /tmp/wnet.if && ip addr show "$_if"
}

# linux_up: linux-demo booted with its side up.  The plain Image and
# `quiet`: no inflating and no kernel log through the trapped UART, which
# would only lengthen the run.
linux_up() {
	warden cell linux "$CELLS/linux-demo.cell" "$LINUX/Image" \
		--initrd "$LINUX/initramfs.cpio.gz" \
		--cmdline "quiet warden.run=net" || return 1
	cell_wait_for linux-demo "\[cell-init\] net (up|FAIL)" 300 &&
		warden cell console linux-demo | grep -q "\[cell-init\] net up"
}

# carrier: both sides acknowledged each other's session.
carrier() {
	_n=100
	until [ "$(cat "/sys/class/net/$(cat /tmp/wnet.if)/carrier")" = 1 ]; do
		_n=$((_n - 1))
		[ $_n -gt 0 ] || { echo "no carrier after 20 s"; return 1; }
		sleep 0.2
	done
	echo "carrier on"
}

# ping_rtt: the round trip's min, average and max over PINGS echoes, in
# ns, from the replies' lines: ping measures each to the microsecond, and
# its summary's average is truncated to one too.
ping_rtt() {
	# first the neighbour lookup and the cold paths, out of the figure
	ping -c 3 -W 5 "$PEER" > /dev/null || { echo "warm-up ping failed"; return 1; }
	ping -A -c "$PINGS" -W 5 "$PEER" > /tmp/ping.out 2>&1
	tail -n 2 /tmp/ping.out
	grep -q "^$PINGS packets transmitted, $PINGS packets received" /tmp/ping.out ||
		{ echo "FAIL echoes lost"; return 1; }
	sed -n 's/.* time=\([0-9.]*\) ms$/\1/p' /tmp/ping.out | awk -v n="$PINGS" '
		{ t = $1 * 1e6; sum += t; k++
		  if (k == 1 || t < min) min = t
		  if (t > max) max = t }
		END {
			if (k != n) { printf "FAIL %d reply times, not %d\n", k, n; exit 1 }
			printf "[bench-wnet] result wnet-rtt-min %d ns\n", min + 0.5
			printf "[bench-wnet] result wnet-rtt-avg %d ns\n", sum / k + 0.5
			printf "[bench-wnet] result wnet-rtt-max %d ns\n", max + 0.5 }'
}

# listen I: the cell sinks run I's stream into dd, which says how many
# whole 64 KiB blocks and partial ones it got ("RX-RECORDS-I F+P", then
# "RX-DONE-I"; this busybox's dd prints no byte count, and fullblock makes
# the count exact).  The markers are split or computed so that the shell's
# echo of the typed line does not match them, and the line has no
# backslash (--send takes C escapes).
listen() {
	cell_run linux-demo \
		"(nc -l -p $PORT | dd of=/dev/null bs=65536 iflag=fullblock 2>&1 | awk '/records in/ { print \"RX\" \"-RECORDS-$1\", \$1 }'; echo RX-DONE-\$((0 + $1))) & echo NC-\$((100 + $1))-LISTENS" \
		"NC-$((100 + $1))-LISTENS" &&
		sleep 1 # nc itself starts after the echo
}

# stats FILE: the root's and the cell's exit counts by reason, summed over
# their CPUs, as "root-<reason> N" and "cell-<reason> N" lines.  One awk
# for all the files: each fork costs the root IPIs.  Reading root_stats is a
# hypercall per file (9 in all); the cell's are read from its status page.
stats() {
	awk '{ n = FILENAME; sub(/.*\//, "", n)
	       sum[(FILENAME ~ /root_stats/ ? "root-" : "cell-") n] += $2 }
		END { for (n in sum) print n, sum[n] }' \
		"$WARDEN_SYSFS"/root_stats/* "$(cell_dir linux-demo)"/stats/* |
		sort > "$1"
}

# transfer I: run I, MIB MiB root -> cell, timed (its ns appended to
# /tmp/xfer.ns), with the exits just before and just after it
# (/tmp/stats.I.0 and .1).
transfer() {
	_blocks=$((MIB * 16))
	stats "/tmp/stats.$1.0"
	_t0=$(warden-bench counter)
	dd if=/dev/zero bs=65536 count=$_blocks 2> /tmp/tx.dd |
		timeout 600 nc "$PEER" $PORT
	_rc=$?
	_t1=$(warden-bench counter)
	stats "/tmp/stats.$1.1"
	_ns=$((_t1 - _t0))
	echo "run $1: nc rc=$_rc, $_ns ns; the root's dd: $(grep 'records out' /tmp/tx.dd)"
	[ $_rc -eq 0 ] || { echo "FAIL nc rc=$_rc"; return 1; }
	grep -q "^$_blocks+0 records out" /tmp/tx.dd ||
		{ echo "FAIL the root's dd did not write $_blocks blocks"; return 1; }
	cell_wait_for linux-demo "RX-DONE-$1" 60 > /dev/null || {
		echo "FAIL the cell's dd did not end"
		return 1
	}
	_rx=$(warden cell console linux-demo |
		sed -n "s/.*RX-RECORDS-$1 \([0-9][0-9]*+[0-9][0-9]*\).*/\1/p")
	[ "$_rx" = "$_blocks+0" ] || {
		echo "FAIL the cell's dd got ${_rx:-no count of} blocks, not $_blocks+0 (64 KiB)"
		return 1
	}
	echo "run $1: the cell got $_rx blocks of 64 KiB, $MIB MiB;" \
		"$(awk 'NR == FNR { a[$1] = $2; next }
			$1 ~ /-exits$/ { printf "%s%s +%d", sep, $1, $2 - a[$1]; sep = " " }' \
			"/tmp/stats.$1.0" "/tmp/stats.$1.1")"
	echo "$_ns" >> /tmp/xfer.ns
}

# transfers: RUNS runs; the median run's time and throughput, and the exits
# per MiB over all of them.
transfers() {
	: > /tmp/xfer.ns
	for _i in $(seq "$RUNS"); do
		listen "$_i" > /dev/null && transfer "$_i" || return 1
	done
	_ns=$(sort -n /tmp/xfer.ns | sed -n "$(((RUNS + 1) / 2))p")
	result wnet-transfer-size $((MIB * 1048576)) bytes
	result wnet-transfer-time "$_ns" ns
	awk -v mib="$MIB" -v ns="$_ns" 'BEGIN {
		printf "[bench-wnet] result wnet-throughput %.2f MiB-per-s\n", mib * 1e9 / ns }'
	# by reason, summed over the runs; then every exit of both sides
	for _i in $(seq "$RUNS"); do
		paste -d' ' "/tmp/stats.$_i.0" "/tmp/stats.$_i.1"
	done | awk -v mib=$((MIB * RUNS)) '
		$1 != $3 { print "FAIL the snapshots differ: " $0; bad = 1; exit 1 }
		!($1 in d) { order[++n] = $1 }
		{ d[$1] += $4 - $2 }
		END {
			if (bad) exit 1
			for (i = 1; i <= n; i++) {
				k = order[i]
				printf "[bench-wnet] result wnet-exits-%s %.1f per-MiB\n", k, d[k] / mib
				if (k ~ /-exits$/) all += d[k]
			}
			printf "[bench-wnet] result wnet-exits-all %.1f per-MiB\n", all / mib
		}'
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
require "the root's side of root-net" root_up
require "linux-demo booted, its side up" linux_up
require "carrier" carrier
check_v "round trip: ping -A -c $PINGS" ping_rtt
check_v "$RUNS runs of $MIB MiB root -> cell" transfers
check_v "destroy" warden cell destroy --force linux-demo
check_v "warden disable" warden disable
finish
