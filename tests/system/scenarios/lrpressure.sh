#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# lrpressure: the hypervisor uses only two list registers (warden.ko
# max_lrs=2), so bursts of interrupts queue up and are delivered through the
# maintenance interrupt.  Linux must not notice: no lost timer ticks, IPIs or
# device interrupts, under load and across CPU hotplug.
. /usr/share/warden/lib.sh

require "insmod warden.ko max_lrs=2" warden_load max_lrs=2
check_v "workload reference on plain Linux" workload_prepare

step "enable with two list registers per CPU"
require "warden enable $SYSTEM_CELL" warden enable $SYSTEM_CELL
check "all 4 CPUs online" cpus_online_are "0 1 2 3"
check_v "workload on all CPUs matches" workload_run
check_v "timer: sleep 2 takes 2 s" timer_check
check_v "interrupt counts keep rising on every CPU" irqs_rising
check_v "cpu3 goes offline" cpu_offline 3
check_v "cpu3 comes back online" cpu_online 3
check_v "workload on all CPUs still matches" workload_run
check_v "interrupts still rising on every CPU" irqs_rising

step "disable"
check "warden disable" warden disable
# How many interrupts waited depends on timing; the bookkeeping itself is
# covered by tests/unit/test-irqchip.c.  Show the figures for the log.
check_v "hypervisor statistics" sh -c 'warden console | grep "exits:"'
check_v "workload after disable" workload_run
check "rmmod warden" warden_unload
finish
