#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# boot: the stock kernel boots on the reference machine, and the driver loads,
# shows its device and sysfs directory, and unloads.
# machines: virt zcu102
. /usr/share/warden/lib.sh

say "kernel $(uname -r) on $(uname -m), GICv$WARDEN_GIC"
check "4 CPUs online" cpus_online_are "0 1 2 3"
check "timer: sleep 2 takes 2 s" timer_check
require "insmod warden.ko" warden_load
check "/dev/warden is a character device" test -c /dev/warden
check "/sys/devices/warden exists" test -d "$WARDEN_SYSFS"
check "sysfs reports Warden disabled" warden_is_disabled
check_v "warden --version" warden --version
check "warden --help" warden --help
check "rmmod warden" warden_unload
check "/dev/warden gone after rmmod" test ! -e /dev/warden
check "Linux still fine" linux_ok
finish
