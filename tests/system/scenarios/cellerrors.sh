#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cellerrors: wrong use of the cell commands.  Each is refused with a
# message that says why, and changes nothing: the cell list, the online
# CPUs and the hypervisor's pool stay as they were.  Also a shutdown that
# the inmate refuses, which only destroy --force overrides.
. /usr/share/warden/lib.sh

require "insmod warden.ko" warden_load

step "cell commands while the hypervisor is disabled"
for c in "cell list" "cell create $CELLS/gic-demo.cell" "cell start gic-demo" \
	"cell load gic-demo $INMATES/gic-demo.bin" "cell shutdown 1" \
	"cell destroy 1" "cell stats 1" "cell console 1"; do
	# shellcheck disable=SC2086 # words on purpose
	check_fails "warden $c: not enabled" "not enabled" warden $c
done

require "warden enable" warden enable "$SYSTEM_CELL"
pool0=$(pool_used)
require "gic-demo up on CPU 2" cell_up gic-demo

step "refused, and nothing changes"
refused "destroy a cell that does not exist (name)" 'no cell named "nosuch"' \
	warden cell destroy nosuch
refused "destroy a cell that does not exist (id)" "no cell with id 5" \
	warden cell destroy 5
refused "create a second gic-demo" 'gic-demo.*(CPU 2|name)' \
	warden cell create "$CELLS/gic-demo.cell"
refused "create smp-demo: CPU 2 is gic-demo's" "CPU 2" \
	warden cell create "$CELLS/smp-demo.cell"
refused "create mem-clash: its memory is gic-demo's" "memory|0x70000000" \
	warden cell create "$CELLS/mem-clash.cell"
refused "create rtc-thief: the root drives its RTC" \
	"9010000.pl031, driven by the root's rtc-pl031: echo 9010000.pl031 > /sys/bus/amba/drivers/rtc-pl031/unbind" \
	warden cell create "$CELLS/rtc-thief.cell"
check_v "create uart-demo" warden cell create "$CELLS/uart-demo.cell"
refused "start a cell that was never loaded" "never loaded" \
	warden cell start uart-demo
refused "shut down a cell that is not running" "not running" \
	warden cell shutdown uart-demo
dd if=/dev/zero of=/tmp/big.bin bs=1024 count=1100 2> /dev/null
refused "load an image larger than its region" "does not fit" \
	warden cell load uart-demo /tmp/big.bin
refused "load an image outside the loadable region" "not in a loadable region" \
	warden cell load uart-demo "$INMATES/uart-demo.bin@0x50000000"
refused "load a file that does not exist" "nosuch.bin" \
	warden cell load uart-demo /tmp/nosuch.bin
check "uart-demo still just created" cell_state_is uart-demo created
refused "disable while cells exist" "destroy them first" \
	warden disable
refused "start a running cell" "running" \
	warden cell start gic-demo
refused "create from a file that is not a cell config" "signature|cell config" \
	warden cell create "$SYSTEM_CELL"
: > /tmp/empty.cell
refused "create from an empty file" "empty file \(0 bytes\)" \
	warden cell create /tmp/empty.cell
check_fails "config check of an empty file says so" "empty file \(0 bytes\)" \
	warden config check /tmp/empty.cell
# a cell config cut short: within its header, and within its regions
head -c 100 "$CELLS/uart-demo.cell" > /tmp/short.cell
sz=$(wc -c < "$CELLS/uart-demo.cell")
head -c $((sz - 8)) "$CELLS/uart-demo.cell" > /tmp/cut.cell
for f in short cut; do
	check_v "truncated ($f): config check and cell create say the same" sh -c '
		a=$(warden config check "$1" "/tmp/$2.cell" 2>&1 |
			grep -o "cell config.*" | grep -v "^cell config (")
		b=$(warden cell create "/tmp/$2.cell" 2>&1 |
			grep -o "cell config.*")
		echo "config check: $a"
		echo "cell create:  $b"
		[ -n "$a" ] && [ "$a" = "$b" ]' sh "$SYSTEM_CELL" "$f"
done
check_v "destroy uart-demo" warden cell destroy uart-demo

step "a shutdown the cell refuses"
printf 'refuse-shutdown\0' > /tmp/cmdline
require "cell-test up (refusing shutdown)" cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "cell-test runs" cell_wait_for cell-test "cell-test: tick 1"
check_fails "shutdown is refused" "refused" warden cell shutdown cell-test
check_v "the inmate said no" cell_wait_for cell-test "shutdown request refused"
check "cell-test still running" cell_state_is cell-test running
refused "destroy without --force is refused" "refused.*--force" \
	warden cell destroy cell-test
check_v "destroy --force stops it" warden cell destroy cell-test --force
check "cell-test gone" cell_gone cell-test
check "gic-demo untouched" cell_state_is gic-demo running
check_v "gic-demo still prints" cell_wait_for gic-demo "timer latency" 10

step "an inmate that breaks the rules is stopped; the others go on"
printf 'write-outside=1\0' > /tmp/cmdline
require "cell-test up (writes outside its memory after 1 s)" cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "it tries" cell_wait_for cell-test "writing to 0x50000000" 10
sleep 1
check "cell-test: failed" cell_state_is cell-test failed
check_v "the reason, in words" sh -c 'warden cell list | tee /dev/stderr |
	grep -E "cell-test +failed +3 +data abort: 4-byte write to 0x50000000 \(not assigned to this cell\), CPU 3, PC 0x4"'
check_v "sysfs failure" sh -c "cat $(cell_dir cell-test)/failure | grep 'PC 0x4'"
check "gic-demo untouched" cell_state_is gic-demo running
check_v "gic-demo still prints" cell_wait_for gic-demo "timer latency" 10
check_v "Linux fine" workload_run
check_v "destroy the failed cell" warden cell destroy cell-test
check_v "create it again and run it" sh -c 'printf "x\0" > /tmp/cmdline
	warden cell create '"$CELLS"'/cell-test.cell &&
	warden cell load cell-test '"$INMATES"'/cell-test.bin /tmp/cmdline@0x400ff000 &&
	warden cell start cell-test'
check_v "it runs" cell_wait_for cell-test "cell-test: tick 1" 10
check_v "destroy it" warden cell destroy cell-test

check_v "destroy gic-demo" warden cell destroy gic-demo
check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before ($pool0 pages)" sh -c "[ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "warden disable" warden disable
check_fails "cell list after disable" "not enabled" warden cell list
finish
