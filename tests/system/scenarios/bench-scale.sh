#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-scale: enable and disable time and hypervisor memory with as many
# CPUs as QEMU was given (scripts/bench.sh runs it at -smp 4 to 64 on
# GICv3, under -icount: times are guest instructions).  Not in
# scenarios.list.  Each figure is one "[bench-scale] result NAME VALUE UNIT"
# line, NAME starting with scale-<CPUs>; enable and disable have one a
# round.
. /usr/share/warden/lib.sh

N=$(grep -c '^processor' /proc/cpuinfo)
CELL=$SYSTEM_CELL
[ "$N" -eq 4 ] || CELL=/etc/warden/qemu-arm64-gicv3-smp$N.cell

# timed NAME CMD...: run CMD and report how long it took.
timed() {
	_name=$1
	shift
	_t0=$(warden-bench clock)
	"$@" || return 1
	_t1=$(warden-bench clock)
	say "result scale-$N-$_name $((_t1 - _t0)) ns"
}

# memory: the hypervisor's memory use, as results.
memory() {
	while read -r _n _v; do
		case "$_n" in
		used | per_cpu | pool_used)
			say "result scale-$N-memory-$_n $_v bytes" ;;
		esac
	done < "$WARDEN_SYSFS/memory"
}

require "insmod warden.ko" warden_load
require "a system config for $N CPUs" test -f "$CELL"
# ROUNDS enables and disables: bench.sh takes their median, since another
# CPU's kernel work (a timer, a kworker) lands in a single sample.
ROUNDS=5
i=1
while [ $i -le $ROUNDS ]; do
	check_v "warden enable on $N CPUs ($i of $ROUNDS)" \
		timed enable warden enable "$CELL"
	check_v "all $N CPUs in the hypervisor" \
		test "$(cat "$WARDEN_SYSFS/cpus_in_hypervisor")" -eq "$N"
	[ $i -eq 1 ] && check_v "memory on $N CPUs" memory
	check_v "warden disable on $N CPUs ($i of $ROUNDS)" \
		timed disable warden disable
	i=$((i + 1))
done
finish
