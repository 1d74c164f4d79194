#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# direct: a cell with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
# configs/qemu-arm64/cell-test-direct.c: cell-test on CPU 3 with SPI 100).
# On GICv3 its own SPI reaches it at EL1, every one of them; a polite
# shutdown works; and destroy --force stops it while it spins with
# interrupts masked or floods itself with SGIs (the hypervisor's SGI is
# Group 0 there: an FIQ taken at EL2), and when it blocks that FIQ through
# its active priorities (its stage 2 is then revoked).  Linux keeps its CPUs throughout.
# On GICv2 the flag is refused at create, with the reason.
. /usr/share/warden/lib.sh

CELL=cell-test-direct

# direct_up WORDS: start the direct cell with that command line.
direct_up() {
	printf '%s\0' "$1" > /tmp/cmdline
	cell_up $CELL "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
}

linux_cpus_work() {
	for _c in 0 1 2; do
		taskset -c $_c sh -c 'echo CPU$0 works' $_c || return 1
	done
}

# no_irq_exits [NAME]: the stopped cell's CPUs took no interrupt at EL2
# (IMO clear).
no_irq_exits() {
	_d=$(cell_dir "${1:-$CELL}") || return 1
	cat "$_d/stats/irq"
	awk '{ s += $2 } END { exit s != 0 }' "$_d/stats/irq"
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"

if warden config show "$SYSTEM_CELL" | grep -qE "^ +GIC +v2"; then
	check_fails "GICv2: the direct cell is refused" "need GICv3" \
		warden cell create "$CELLS/$CELL.cell"
	check_v "warden disable" warden disable
	finish
	exit 0
fi

check_v "config show names the flag" sh -c \
	"warden config show $CELLS/$CELL.cell | grep -E 'flags +console direct-irq'"
check_v "and what the mode leaves to the cell" sh -c \
	"warden config show $CELLS/$CELL.cell | grep -E 'direct-irq gaps .*DS = 1'"

step "its own SPI, directly"
check "cell starts (spi=100)" direct_up "spi=100"
check_v "SPI 100 arrived" cell_wait_for $CELL "SPI 100 arrived" 10
check_v "and keeps arriving, every one" cell_wait_for $CELL \
	"SPI 100: [1-9][0-9]* of [1-9][0-9]* arrived" 10
check_v "no test failed" sh -c \
	"! warden cell console $CELL | grep -F '[test] FAIL'"
check_v "polite shutdown" warden cell shutdown $CELL
check_v "not one interrupt exit for all those SPIs" no_irq_exits
check_v "destroy" warden cell destroy $CELL
check_v "Linux CPUs work" linux_cpus_work

step "the emulated UART's interrupt, directly"
# vuart-test-direct: vuart-test (CPU 2) with the flag; the hypervisor sets
# its SPI 231 pending at the distributor, and CPU 2 takes it at EL1.
check "vuart-test-direct up (CPU 2)" cell_up vuart-test-direct \
	"$INMATES/vuart-test.bin"
check_v "its transmit interrupt arrived" cell_wait_for vuart-test-direct \
	"transmit interrupt arrived" 10
check_v "ready" cell_wait_for vuart-test-direct "vuart-test: ready" 10
check_v "input by interrupt: --send" \
	warden cell console vuart-test-direct --send 'direct hello\r'
check_v "echoed and answered" cell_wait_for vuart-test-direct \
	"got: direct hello$" 10
check_v "no check failed in the cell" sh -c \
	"! warden cell console vuart-test-direct | grep -F '[test] FAIL'"
check_v "polite shutdown" warden cell shutdown vuart-test-direct
check_v "no interrupt exit for any of its UART interrupts" \
	no_irq_exits vuart-test-direct
check_v "destroy" warden cell destroy vuart-test-direct

step "a link's doorbell, directly"
# echo-demo-direct: echo-demo (CPU 3, link "root-echo", doorbell SPI 105)
# with the flag, under echo-demo's name, so the root's end finds it.
check "echo-demo (direct) up (CPU 3)" sh -c "
	printf 'x\\0' > /tmp/cmdline
	warden cell create $CELLS/echo-demo-direct.cell &&
	warden cell load echo-demo $INMATES/echo-demo.bin /tmp/cmdline@0x400ff000 &&
	warden cell start echo-demo"
check_v "it sees the root" cell_wait_for echo-demo \
	'link "root-echo": peer running' 10
check_v "1000 of 1000 echoes verified" sh -c \
	"warden-link-ping -n 1000 | tee /tmp/ping.out; grep -q '1000 of 1000 echoes verified' /tmp/ping.out"
check_v "no check failed in echo-demo" sh -c \
	"! warden cell console echo-demo | grep -F '[test] FAIL'"
check_v "polite shutdown" warden cell shutdown echo-demo
check_v "no interrupt exit for any of its 1000 doorbells" no_irq_exits echo-demo
check_v "destroy" warden cell destroy echo-demo

step "spinning with interrupts masked"
check "cell starts (misbehave=spin)" direct_up "misbehave=spin"
check_v "it spins with interrupts masked" cell_wait_for $CELL "spinning" 10
check_v "destroy --force stops it" warden cell destroy $CELL --force
check_v "by its stop FIQ: no fallback was needed" sh -c \
	"! timeout 20 warden console | grep -F 'did not answer the stop interrupt'"
check_v "Linux CPUs work" linux_cpus_work

step "blocking the stop interrupt (ICC_AP1R0_EL1)"
# The gap the architecture leaves: the cell raises its own running priority
# so that the hypervisor's Group 0 SGI cannot preempt it.  The stop then
# takes the fallback: after 100 ms its stage 2 is revoked and its next
# instruction fetch faults to EL2.
check "cell starts (misbehave=ap1r)" direct_up "misbehave=ap1r"
check_v "it raised its running priority" cell_wait_for $CELL \
	"ICC_AP1R0_EL1 = 0x1, spinning" 10
check_v "destroy --force stops it all the same" \
	warden cell destroy $CELL --force
check_v "by taking its stage 2 away" sh -c \
	"timeout 20 warden console | grep -F 'CPU 3 did not answer the stop interrupt within 100 ms'"
check_v "Linux CPUs work" linux_cpus_work
check_v "CPU 3 is Linux's again, and works" sh -c \
	"taskset -c 3 sh -c 'echo CPU3 works'"

step "an SGI storm of its own"
check "cell starts (misbehave=sgi-storm)" direct_up "misbehave=sgi-storm"
check_v "it storms" cell_wait_for $CELL "SGI storm" 10
sleep 1
check_v "destroy --force stops it" warden cell destroy $CELL --force
check_v "Linux CPUs work" linux_cpus_work

step "again, after all that"
check "cell starts (spi=100)" direct_up "spi=100"
check_v "SPI 100 arrived" cell_wait_for $CELL "SPI 100 arrived" 10
check_v "destroy --force" warden cell destroy $CELL --force
check_v "warden disable" warden disable
finish
