#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# itsroot: QEMU's default GICv3 has an ITS (its=on), which Linux drives
# itself (the command queue, when a CPU comes online).  The shipped config
# does not give the root the ITS, and Warden does not support one yet
# (issue 19): enable refuses, naming it, and Linux goes on as it was.
# `config create` says what it did with the ITS.  The reference machine
# (its=off) is every other scenario's.
# gics: 3
# machine: its=on
. /usr/share/warden/lib.sh

ITS=/sys/firmware/devicetree/base/intc@8000000/its@8080000

require "Linux sees the ITS (its=on)" test -d "$ITS"
require "insmod warden.ko" warden_load

step "enable is refused, and names the ITS"
check_fails "warden enable: refused for the ITS" \
	"interrupt controller /intc@8000000/its@8080000 \(0x8080000\+0x20000\), which the system config does not give the root cell; Warden does not support a GICv3 ITS yet" \
	warden enable "$SYSTEM_CELL"
check "Warden is off" warden_is_disabled
check "no CPU entered the hypervisor" sysfs_is cpus_in_hypervisor 0
check_v "Linux takes a CPU offline and online again (it touches its ITS)" \
	sh -c '. /usr/share/warden/lib.sh; cpu_offline 3 && cpu_online 3 &&
		cpus_online_are "0 1 2 3"'
check "Linux fine" linux_ok

step "config create says what it did with the ITS"
check_v "a note names the ITS and why it is not the root's" sh -c '
	warden config create -o /tmp/its.c 2>&1 |
		grep "note: GICv3 ITS /intc@8000000/its@8080000 (0x8080000+0x20000) is not given to the root cell"'
check "the config it wrote does not give the ITS" sh -c '
	! grep -q "0x8080000," /tmp/its.c'
check "rmmod warden" warden_unload
finish
