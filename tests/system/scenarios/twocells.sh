#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# twocells: gic-demo (CPU 2) and uart-demo (CPU 3) run at once while Linux
# keeps CPUs 0-1 and its workload; uart-demo is restarted (shutdown, load,
# start) while gic-demo prints on without a gap; then cell-test on CPU 3
# calls PSCI SYSTEM_RESET and SYSTEM_OFF, which affect only itself, and
# takes an interrupt on its own SPI but cannot touch the root's; last,
# smp-demo starts its second CPU with PSCI CPU_ON and exchanges SGIs.
# Its SPI and the root UART's are the machine's (lib.sh: CT_SPI, UART_SPI).
# machines: virt zcu102
# expect-serial: ^\[uart-demo\] Hello from uart-demo
# expect-serial: ^\[gic-demo\] gic-demo: timer latency
# expect-serial: ^\[cell-test\] cell-test: boot 2
# expect-serial: ^\[cell-test\] cell-test: SPI (100|120) arrived
# expect-serial: ^\[smp-demo\] smp-demo: SGI ping-pong done
. /usr/share/warden/lib.sh

# gic_gapless SECONDS: gic-demo reports once a second, without a gap.
gic_gapless() {
	cell_steady gic-demo "timer latency" "$1"
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
pool0=$(pool_used)
check_v "workload reference" workload_prepare

require "gic-demo up on CPU 2" cell_up gic-demo
require "uart-demo up on CPU 3" cell_up uart-demo
check_v "both running" warden cell list
check_v "Linux keeps CPUs 0-1" cpus_online_are "0 1"
check_v "uart-demo prints" cell_wait_for uart-demo "uart-demo: count [0-9]+"
check_v "gic-demo prints" cell_wait_for gic-demo "timer latency" 15
check_v "root workload on CPUs 0-1, beside both cells" workload_run
check_v "both cells still print" sh -c '
	a=$(grep -c count '"$(cell_dir uart-demo)"'/console)
	b=$(grep -c latency '"$(cell_dir gic-demo)"'/console)
	sleep 2
	c=$(grep -c count '"$(cell_dir uart-demo)"'/console)
	d=$(grep -c latency '"$(cell_dir gic-demo)"'/console)
	echo "uart-demo $a -> $c, gic-demo $b -> $d"; [ $c -gt $a ] && [ $d -gt $b ]'

step "restart uart-demo while gic-demo runs"
{ gic_gapless 6; echo "rc=$?"; } > /tmp/gap.out 2>&1 &
gap=$!
check_v "uart-demo shutdown" warden cell shutdown uart-demo
check "uart-demo: shut-down" cell_state_is uart-demo shut-down
check_v "uart-demo load" warden cell load uart-demo "$INMATES/uart-demo.bin"
check_v "uart-demo start" warden cell start uart-demo
check_v "uart-demo prints again" cell_wait_for uart-demo "Hello from uart-demo"
wait $gap
check_v "gic-demo printed on without a gap" sh -c 'cat /tmp/gap.out; grep -q "^rc=0" /tmp/gap.out'
check_v "gic-demo was not disturbed" gic_gapless 3
check_v "uart-demo destroy" warden cell destroy uart-demo

step "SYSTEM_RESET and SYSTEM_OFF from cell-test (CPU 3)"
echo "system-reset=2" > /tmp/cmdline
printf '\0' >> /tmp/cmdline
require "cell-test up (reset after 2 s)" cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "cell-test resets itself and boots again" cell_wait_for cell-test "cell-test: boot 2" 15
check "cell-test still running" cell_state_is cell-test running
check_v "gic-demo not disturbed by the reset" gic_gapless 3
check_v "cell-test destroy --force" warden cell destroy cell-test --force
printf 'system-off=2\0' > /tmp/cmdline
require "cell-test up (off after 2 s)" cell_up cell-test "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "cell-test calls SYSTEM_OFF" cell_wait_for cell-test "calling SYSTEM_OFF" 15
sleep 1
check "cell-test: shut-down" cell_state_is cell-test shut-down
check_v "gic-demo not disturbed by the power-off" gic_gapless 3
check_v "Linux still fine" workload_run
# the cell's first lines reach the UART at once; the root keeps quiet
# meanwhile (sleep 1 before the check's own line), so that the two writers
# of the UART do not interleave within the lines the serial log must hold
check_v "restart cell-test after SYSTEM_OFF (SPI tests)" sh -c '
	printf "spi='"$CT_SPI"' foreign-spi='"$UART_SPI"'\0" > /tmp/cmdline
	warden cell load cell-test '"$INMATES"'/cell-test.bin /tmp/cmdline@0x400ff000 &&
	warden cell start cell-test > /tmp/start.out && sleep 1 &&
	cat /tmp/start.out'
check_v "it boots again" cell_wait_for cell-test "cell-test: tick 1"
check_v "its own SPI $CT_SPI, pended through the distributor, arrives" \
	cell_wait_for cell-test "SPI $CT_SPI arrived"
check_v "the root's SPI $UART_SPI (UART) stays out of its view" \
	cell_wait_for cell-test "SPI $UART_SPI is not this cell's: enable ignored"
check_v "no test failed in the cell" sh -c "! grep -F '[test] FAIL' $(cell_dir cell-test)/console"
check_v "destroy both" sh -c 'warden cell destroy cell-test && warden cell destroy gic-demo'

step "smp-demo: two CPUs, PSCI CPU_ON, SGIs"
# The ping-pong ends moments after the start.  The start is inside the
# check that waits for it, so that no [check] line of ours reaches the
# shared UART while the hypervisor writes smp-demo's lines (the two would
# interleave character by character).
smp_load() {
	warden cell create "$CELLS/smp-demo.cell" &&
		warden cell load smp-demo "$INMATES/smp-demo.bin"
}
smp_start() {
	warden cell start smp-demo &&
		cell_wait_for smp-demo "SGI ping-pong done" 20
}
require "smp-demo created and loaded (CPUs 2-3)" smp_load
check_v "smp-demo starts, SGIs exchanged" smp_start
check_v "both CPUs were up" cell_wait_for smp-demo "smp-demo: 2 of 2 CPUs up" 15
check_v "smp-demo stats: both CPUs" warden cell stats smp-demo
check_v "smp-demo destroy" warden cell destroy smp-demo

check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before ($pool0 pages)" sh -c "[ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "workload on all CPUs" workload_run
check_v "warden disable" warden disable
finish
