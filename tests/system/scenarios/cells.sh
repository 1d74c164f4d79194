#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cells: the life of one inmate cell, from create to destroy.
. /usr/share/warden/lib.sh
INM=/usr/share/warden/inmates
CFG=/etc/warden

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "create gic-demo" warden cell create $CFG/gic-demo.cell
check_v "cell list" warden cell list
check_v "CPU 2 offline" sh -c '! online_cpus | grep -qw 2; cat /sys/devices/system/cpu/online'
check_v "load" warden cell load gic-demo $INM/gic-demo.bin
check_v "start" warden cell start gic-demo
sleep 3
check_v "cell console" warden cell console gic-demo
check_v "cell list" warden cell list
check_v "cell stats" warden cell stats gic-demo
check_v "shutdown" warden cell shutdown gic-demo
check_v "destroy" warden cell destroy gic-demo
check_v "CPUs back" cpus_online_are "0 1 2 3"
check_v "console" warden console
check_v "disable" warden disable
finish
