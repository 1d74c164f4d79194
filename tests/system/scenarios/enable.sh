#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# enable: Linux keeps running, on every CPU, once Warden sits under it:
# workload, timers, interrupts, CPU hotplug and the hypervisor console; then
# disable hands the machine back intact.
# machines: virt zcu102
. /usr/share/warden/lib.sh

require "insmod warden.ko" warden_load
check_v "workload reference on plain Linux" workload_prepare
check_v "workload on all CPUs before enable" workload_run

step "enable"
require "warden enable $SYSTEM_CELL" warden enable "$SYSTEM_CELL"
check "sysfs reports Warden enabled" warden_is_enabled
check_v "warden status shows enabled" status_says enabled
check_v "memory pool is sane" pool_sane

step "Linux under the hypervisor"
check "all 4 CPUs online" cpus_online_are "0 1 2 3"
check_v "the hypervisor runs all 4 CPUs" sysfs_is cpus_in_hypervisor 4
check_v "workload on all CPUs matches" workload_run
check_v "timer: sleep 2 takes 2 s" timer_check
check_v "interrupt counts keep rising on every CPU" irqs_rising

step "CPU hotplug under the hypervisor"
check_v "cpu3 goes offline" cpu_offline 3
check_v "cpu3 left the hypervisor (PSCI CPU_OFF)" sysfs_is cpus_in_hypervisor 3
check_v "workload on the remaining CPUs matches" workload_run
check_v "cpu3 comes back online" cpu_online 3
check "all 4 CPUs online again" cpus_online_are "0 1 2 3"
check_v "cpu3 rejoined the hypervisor (PSCI CPU_ON)" sysfs_is cpus_in_hypervisor 4
check_v "workload on all CPUs still matches" workload_run
check_v "interrupts still rising on every CPU" irqs_rising

step "hypervisor console"
check_v "warden console shows hypervisor output" console_has_output

step "disable"
check "warden disable" warden disable
check "sysfs reports Warden disabled" warden_is_disabled
check_v "warden status shows disabled" status_says disabled
check_v "workload on all CPUs after disable" workload_run
check_v "timer after disable" timer_check
check_v "cpu3 offline/online after disable" sh -c \
	'. /usr/share/warden/lib.sh; cpu_offline 3 && cpu_online 3'
check "rmmod warden" warden_unload
check "Linux still fine" linux_ok
finish
