#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# direct: a cell with direct interrupts (WARDEN_CELL_DIRECT_IRQ,
# configs/qemu-arm64/cell-test-direct.c: cell-test on CPU 3 with SPI 100).
# On GICv3 its own SPI reaches it at EL1, every one of them; a polite
# shutdown works; and destroy --force stops it while it spins with
# interrupts masked or floods itself with SGIs (the hypervisor's SGI is
# Group 0 there: an FIQ taken at EL2).  Linux keeps its CPUs throughout.
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

# no_irq_exits: the stopped cell's CPUs took no interrupt at EL2 (IMO clear).
no_irq_exits() {
	cat "$(cell_dir $CELL)/stats/irq"
	awk '{ s += $2 } END { exit s != 0 }' "$(cell_dir $CELL)/stats/irq"
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

step "spinning with interrupts masked"
check "cell starts (misbehave=spin)" direct_up "misbehave=spin"
check_v "it spins with interrupts masked" cell_wait_for $CELL "spinning" 10
check_v "destroy --force stops it" warden cell destroy $CELL --force
check_v "Linux CPUs work" linux_cpus_work

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
