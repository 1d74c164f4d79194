#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# misbehave: cell-test (CPU 3) breaks one rule at a time beside gic-demo
# (CPU 2) and the Linux workload.  An access to memory or a device the cell
# was not given stops it and marks it failed, with the reason in words in
# `warden cell list` and sysfs; a call it may not make is refused and it
# goes on.  Either way gic-demo reports every second without a gap, Linux
# keeps working, and the cell can be destroyed and created again.
# The addresses the inmate touches are IPAs (cell-test.c), so its faults are
# the same on every machine; the root's addresses and the SPIs are the
# machine's (lib.sh: INMATE_RAM, CT_SPI).
# machines: virt zcu102
# expect-serial: cell "cell-test" failed: data abort: 4-byte read of 0x48000000 \(not assigned to this cell\)
. /usr/share/warden/lib.sh

# The misbehaving cell: cell-test, or another config of the same inmate on
# CPU 3 with RAM at INMATE_RAM + 3 MiB (misbehave-direct.sh:
# cell-test-direct).
CT=${MISBEHAVE_CELL:-cell-test}
export CT

# misbehave KIND: start cell-test (cell $CT) with misbehave=KIND.
misbehave() {
	printf 'misbehave=%s\0' "$1" > /tmp/cmdline
	cell_up $CT "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
}

# stopped_for KIND REGEX: the cell failed, and says why (REGEX).
stopped_for() {
	cell_wait_state $CT failed 10 || return 1
	warden cell list | grep -E "^[0-9]+ +$CT " || return 1
	_f=$(cat "$(cell_dir $CT)/failure")
	echo "sysfs failure: $_f"
	echo "$_f" | grep -qE "$2"
}

# refused_call KIND: the cell went on after the call, and no check failed.
refused_call() {
	cell_wait_for $CT "still running after $1" 10 || return 1
	warden cell console $CT | grep -E "returned|sent" | tail -n 4
	cell_state_is $CT running || return 1
	! warden cell console $CT | grep -F "[test] FAIL"
}

# others_fine: gic-demo keeps its rhythm, Linux its CPUs.
others_fine() {
	cell_steady gic-demo "timer latency" 3 &&
		cell_state_is gic-demo running && linux_cpus_work
}

linux_cpus_work() {
	for _c in 0 1; do
		taskset -c $_c sh -c 'echo CPU$0 works' $_c || return 1
	done
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
require "workload reference" workload_prepare
pool0=$(pool_used)
require "gic-demo up on CPU 2 (the bystander)" cell_up gic-demo
check_v "gic-demo reports" cell_wait_for gic-demo "timer latency" 15

step "memory, devices and registers the cell was not given: the cell fails"
for case in \
	"read-root|data abort: 4-byte read of 0x48000000 \(not assigned to this cell\), CPU 3, PC 0x4" \
	"write-root|data abort: 4-byte write to 0x48000000 \(not assigned to this cell\), CPU 3, PC 0x4" \
	"hypervisor|data abort: 4-byte read of 0x7fc00000 \(not assigned to this cell\)" \
	"other-cell|data abort: 4-byte write to 0x70000000 \(not assigned to this cell\)" \
	"device|data abort: 4-byte write to 0x9000000 \(not assigned to this cell\)" \
	"actlr|system register: write to S3_0_C1_C0_1 \(ACTLR_EL1, implementation defined; not allowed in a cell\), CPU 3"; do
	kind=${case%%|*}
	why=${case#*|}
	check "$kind: $CT starts" misbehave "$kind"
	check_v "$kind: stopped, failed, with the reason" stopped_for "$kind" "$why"
	check_v "$kind: gic-demo and Linux go on" others_fine
	check_v "$kind: the failed cell is destroyed" warden cell destroy $CT
done
check_v "a failed cell is created again and runs" sh -c '
	. /usr/share/warden/lib.sh
	printf "x\0" > /tmp/cmdline
	cell_up $CT "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000 &&
	cell_wait_for $CT "cell-test: tick 1" 10 &&
	warden cell destroy $CT'

step "calls the cell may not make: refused, the cell goes on"
for kind in cpu-on smc hvc mgmt sgi lpi; do
	check "$kind: $CT starts" misbehave "$kind"
	check_v "$kind: refused, $CT still running" refused_call "$kind"
	check_v "$kind: gic-demo and Linux go on" others_fine
	check_v "$kind: destroyed" warden cell destroy $CT
done
check_v "gic-demo was not destroyed by the cell's management call" \
	cell_state_is gic-demo running
check_v "sgi: no CPU-stop IPI (SGI 2) reached the root" sh -c '
	grep -E "^ *IPI2:" /proc/interrupts
	grep -E "^ *IPI2:" /proc/interrupts | awk "{ for (i = 2; i <= NF; i++) if (\$i ~ /^[0-9]+\$/ && \$i != 0) exit 1 }"'

step "the comm page is the cell's: a faked request and reply change nothing"
check "fake-reply: $CT starts" misbehave fake-reply
check_v "fake-reply: it faked a refused request" cell_wait_for $CT "faked a refused shutdown request" 10
check_v "fake-reply: a polite shutdown is a real request, and the cell approves it" \
	warden cell shutdown $CT
check_v "fake-reply: $CT is shut down" cell_state_is $CT shut-down
check_v "fake-reply: destroyed" warden cell destroy $CT

step "a cell that never answers, and storms"
check "spin: $CT starts" misbehave spin
check_v "spin: it spins with interrupts masked" cell_wait_for $CT "spinning" 10
check_fails "spin: a polite shutdown gets no answer" "did not answer" \
	warden cell shutdown $CT
check_v "spin: destroy --force stops it" warden cell destroy $CT --force
check_v "spin: gic-demo and Linux go on" others_fine
for kind in hvc-storm sgi-storm; do
	check "$kind: $CT starts" misbehave "$kind"
	check_v "$kind: it storms" cell_wait_for $CT "${kind%-storm}.*storm" 10
	check_v "$kind: gic-demo keeps its rhythm, Linux its CPUs" others_fine
	check_v "$kind: the root's workload is correct meanwhile" workload_run
	check_v "$kind: destroy --force stops it" warden cell destroy $CT --force
done

step "data hygiene: nothing passes between the root and a cell through RAM"
# cell-test's RAM is INMATE_RAM + 3 MiB; the upper half of it is free
ct_ram=$(inmate_pa 0x300000) ct_half=$(inmate_pa 0x380000)
ct_top=$(inmate_pa 0x3fdffc)
check_v "the root leaves data in the RAM a cell will get" sh -c "
	devmem $ct_half 32 0x12345678 && devmem $ct_top 32 0x87654321 &&
	devmem $ct_half 32"
printf 'hygiene\0' > /tmp/cmdline
check "hygiene: $CT starts" cell_up $CT "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "the cell finds only zeros, and fills its RAM" \
	cell_wait_for $CT "held zeros; filled with 0xa5a5a5a5" 10
check_v "the root cannot read the cell's RAM meanwhile" sh -c "
	v=\$(devmem $ct_half 32); echo \"root reads \$v\"; [ \"\$v\" = 0x00000000 ]"
check_v "destroy $CT" warden cell destroy $CT
check_v "the root finds only zeros where the cell was" sh -c '
	for a in '"$ct_ram $ct_half $(inmate_pa 0x3c0000) $ct_top $(inmate_pa 0x3ffffc)"'; do
		v=$(devmem $a 32); echo "$a: $v"; [ "$v" = 0x00000000 ] || exit 1
	done'

check_v "destroy gic-demo" warden cell destroy gic-demo

step "PSCI arguments: a bad target or entry is refused, a good one then works"
# cell-test in the smp-demo cell (CPUs 2-3): CPU 1 of the cell is off
printf 'misbehave=cpu-on\0' > /tmp/cmdline
check "cell-test starts in smp-demo (CPUs 2-3)" cell_up smp-demo "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "bad CPU_ON and AFFINITY_INFO refused, then CPU 1 started" \
	cell_wait_for smp-demo "still running after cpu-on" 10
check_v "every PSCI answer was the expected one" sh -c '
	. /usr/share/warden/lib.sh
	warden cell console smp-demo | grep -E "returned|started"
	warden cell console smp-demo | grep -q "CPU 1 started" &&
	! warden cell console smp-demo | grep -F "[test] FAIL" &&
	cell_state_is smp-demo running'
check_v "destroy smp-demo" warden cell destroy smp-demo

step "another cell's SPI: every write to it is ignored, its owner sees no change"
# spi-owner (cell-test on CPU 2) owns SPI $OS (CT_SPI + 1) and pends it
# every 10 ms; $CT (CPU 3) writes every distributor register of SPI $OS.
OS=$((CT_SPI + 1))
export OS
printf 'spi=%s\0' $OS > /tmp/cmdline
check "spi-owner starts (CPU 2, SPI $OS)" cell_up spi-owner "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "spi-owner takes its SPI" cell_wait_for spi-owner "SPI $OS: [0-9]+ of [0-9]+ arrived" 10
printf 'foreign-spi=%s\0' $OS > /tmp/cmdline
check "$CT starts (foreign-spi=$OS)" cell_up $CT "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "$CT wrote every register of SPI $OS" cell_wait_for $CT \
	"SPI $OS: disable, unpend, activate, group, trigger, priority and route written" 10
check_v "SPI $OS is out of $CT's view" cell_wait_for $CT "SPI $OS is not this cell's" 1
check_v "spi-owner reports every second meanwhile" cell_steady spi-owner "SPI $OS: [0-9]+ of [0-9]+ arrived" 3
check_v "spi-owner still gets every SPI it pends" sh -c '
	. /usr/share/warden/lib.sh
	warden cell console spi-owner | grep -E "SPI $OS: [0-9]+ of" | tail -n 2
	warden cell console spi-owner | grep -E "SPI $OS: [0-9]+ of" | tail -n 1 |
		sed -E "s/.*: ([0-9]+) of ([0-9]+) arrived.*/\1 \2/" |
		awk "{ exit !(\$1 == \$2 && \$1 > 200) }"'
check_v "both cells still run (ignoring is the documented choice)" sh -c '
	. /usr/share/warden/lib.sh
	cell_state_is spi-owner running && cell_state_is $CT running'
check_v "no test failed in either cell" sh -c '
	! warden cell console spi-owner | grep -F "[test] FAIL" &&
	! warden cell console $CT | grep -F "[test] FAIL"'
check_v "destroy both" sh -c 'warden cell destroy $CT && warden cell destroy spi-owner'

check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before gic-demo ($pool0 pages)" sh -c \
	"echo now \$(cat $WARDEN_SYSFS/mem_pool_used); [ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "warden disable" warden disable
check_v "EL2 stacks at most half used" stacks_ok
finish
