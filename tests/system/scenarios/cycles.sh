#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cycles: enable and disable 10 times in one boot (`make soak`: 200);
# Linux is intact after.
. /usr/share/warden/lib.sh

[ "$WARDEN_SOAK" = 1 ] && CYCLES=${CYCLES:-200}
CYCLES=${CYCLES:-10}

require "insmod warden.ko" warden_load
check "workload reference" workload_prepare

i=1
while [ $i -le "$CYCLES" ]; do
	check "cycle $i/$CYCLES: enable" warden enable "$SYSTEM_CELL"
	check "cycle $i/$CYCLES: enabled" warden_is_enabled
	check "cycle $i/$CYCLES: all CPUs run processes" linux_ok
	check "cycle $i/$CYCLES: disable" warden disable
	check "cycle $i/$CYCLES: disabled" warden_is_disabled
	i=$((i + 1))
done

check_v "workload on all CPUs after $CYCLES cycles" workload_run
check_v "timer after $CYCLES cycles" timer_check
check_v "interrupts rising after $CYCLES cycles" irqs_rising
check "enable once more" warden enable "$SYSTEM_CELL"
check_v "workload under the hypervisor" workload_run
check "disable" warden disable
check "rmmod warden" warden_unload
finish
