#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# demo: the story for humans.  Linux is already running; Warden slides under
# it at EL2, Linux keeps working on every CPU, and Warden steps away again.
# shellcheck disable=SC2034 # used by lib.sh
W_INDENT='      '
. /usr/share/warden/lib.sh

# Only warnings and worse from the kernel on the console, so that the story
# reads well; `dmesg` at the end shows the driver's messages.
dmesg -n 5

cat <<'TXT'

  Warden demo: a static-partitioning hypervisor, launched under a running,
  unmodified Linux kernel (Debian's stock arm64 kernel) on a 4-CPU QEMU
  machine.  Linux becomes the root cell; later, cells get CPUs, memory and
  devices of their own.
TXT

step "1. Load the driver"
say "$(grep -c ^processor /proc/cpuinfo) CPUs, kernel $(uname -r), GICv$WARDEN_GIC"
check_v "insmod warden.ko" show insmod "$WARDEN_KO"
check_v "/dev/warden and sysfs are there" show ls /dev/warden "$WARDEN_SYSFS"
check_v "warden --version" show warden --version
check_v "warden status (disabled)" show warden status

step "2. Reference: checksum 64 MiB on every CPU under plain Linux"
check_v "make the workload" workload_prepare
check_v "workload on plain Linux" workload_run

step "3. Enable Warden: every CPU enters the hypervisor, Linux keeps running"
check_v "warden enable" show warden enable "$SYSTEM_CELL"
check_v "warden status (enabled)" show warden status

step "4. Linux as the root cell, under the hypervisor"
check_v "same checksums on all 4 CPUs" workload_run
check_v "timers tick" timer_check
check_v "interrupts keep arriving on every CPU" irqs_rising

step "5. The hypervisor's own console"
check_v "warden console" show warden console

step "6. Disable: the machine goes back to Linux, as it was"
check_v "warden disable" show warden disable
check_v "warden status (disabled again)" show warden status
check_v "checksums still match" workload_run
check_v "rmmod warden" show rmmod warden

step "Kernel messages from the driver"
dmesg | grep ' warden: ' | tail -n 20
echo
finish
