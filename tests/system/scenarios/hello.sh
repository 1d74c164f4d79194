#!/bin/sh
. /usr/share/warden/lib.sh
say "hello from the guest"
check "4 CPUs online" cpus_online_are "0 1 2 3"
check_v "timer" timer_check
check_v "busybox has taskset" have taskset
check_v "busybox timeout syntax" timeout 1 sleep 5; echo "timeout rc=$?"
check_v "irqs rising" irqs_rising
WORK_MB=16 check_v "workload prepare" workload_prepare
check_v "workload" workload_run
check_v "cpu3 offline" cpu_offline 3
check_v "workload 3" workload_run
check_v "cpu3 online" cpu_online 3
check_v "irqs rising" irqs_rising
check_fails "expected failure" "nosuch" ls /nosuch
cat /proc/interrupts
finish
