#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# linux: Debian's stock arm64 kernel as an inmate (issue 16), booted by
# `warden cell linux` with the harness's busybox initramfs
# (scripts/mkcellinitramfs.sh) on CPUs 2-3 of linux-demo, while the root
# runs its checksum workload:
#   1. the gzip vmlinuz (GICv3) or the plain Image (GICv2) boots to the
#      cell's init on 2 CPUs; its console is the PL011 the hypervisor
#      emulates: its output in `warden cell console`, input typed with
#      --send into its shell: uname, nproc, CPU hotplug (PSCI CPU_OFF and
#      CPU_ON), a clean kernel log; `reboot -f` boots it again (the driver
#      loads its images again); then `poweroff -f` in the cell leaves it
#      shut down;
#   2. the virtio-blk disk of the machine, given to the cell by its config:
#      mounted, a file read; the root's link root-linux, which the cell's
#      warden.ko offers as /dev/warden-link-root-linux (from the tree):
#      warden-link-ping in the root, warden-link-ping -e in the cell, 100
#      echoes checked; then `warden cell shutdown` from the root: the
#      cell's warden.ko powers it off cleanly;
#   3. a cell that reads the root's RAM (/dev/mem) fails with the reason,
#      and the root does not notice;
#   4. a Linux that refuses to shut down (warden.ko refuse_shutdown=1):
#      shutdown and destroy refused, destroy --force stops it; then the
#      hypervisor's pool is as before, the CPUs are the root's again, the
#      workload is right;
#   5. on GICv3, the same kernel in a cell with direct interrupts
#      (linux-demo-direct): it boots, answers, hotplugs and powers off
#      with not one interrupt exit.
# linux-cell: yes
# disk: cell
# expect-serial: ^\[linux-demo\] \[cell-init\] Linux [^ ]+ up, 2 CPUs
. /usr/share/warden/lib.sh

kernel=$LINUX/vmlinuz
[ "$WARDEN_GIC" = 2 ] && kernel=$LINUX/Image

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "workload reference" workload_prepare
pool0=$(pool_used)

step "1. boot, console, SMP, hotplug, poweroff"
check_v "cell linux writes the tree it boots with" sh -c "
	warden cell linux $CELLS/linux-demo.cell $kernel \
		--initrd $LINUX/initramfs.cpio.gz --cmdline earlycon \
		--write-dtb /tmp/linux-demo.dtb && test -s /tmp/linux-demo.dtb"
check_v "its init runs, on 2 CPUs" cell_wait_for linux-demo \
	"\[cell-init\] Linux [^ ]+ up, 2 CPUs" 120
check "state: running" cell_state_is linux-demo running
check_v "Linux gave up CPUs 2-3" cpus_online_are "0 1"
check_v "uname -a in the cell" cell_run linux-demo "uname -a" \
	"^.*Linux .* aarch64 GNU/Linux"
check_v "nproc says 2" cell_run linux-demo 'echo NPROC=$(nproc)' "NPROC=2"
check_v "CPU 1 of the cell goes offline (PSCI CPU_OFF)" cell_run linux-demo \
	'echo 0 > /sys/devices/system/cpu/cpu1/online; echo OFF=$(cat /sys/devices/system/cpu/online)' \
	"OFF=0$"
check_v "and comes back (PSCI CPU_ON)" cell_run linux-demo \
	'echo 1 > /sys/devices/system/cpu/cpu1/online; echo ON=$(cat /sys/devices/system/cpu/online)' \
	"ON=0-1$"
check_v "the root's workload, beside the Linux cell" workload_run
# (the patterns bracketed: the typed line echoes to the serial log, which
# tests/system/run.sh searches for the same words)
check_v "the cell's kernel log is clean" cell_run linux-demo \
	'echo BAD=$(dmesg | grep -cE "O[o]ps|B[U]G|W[A]RNING|Unable t[o] handle|Call t[r]ace")' \
	"BAD=0$"
check_v "cell stats: it exits for interrupts and its console" \
	warden cell stats linux-demo
cell_mark linux-demo
warden cell console linux-demo --send "reboot -f\n"
check_v "reboot in the cell boots the same kernel again" cell_wait_new \
	linux-demo "\[cell-init\] Linux [^ ]+ up, 2 CPUs" 120
check_v "... loaded again by the root" sh -c \
	"dmesg | grep 'cell \"linux-demo\" reset itself: its images are loaded again'"
check_v "poweroff in the cell" cell_run linux-demo "poweroff -f" \
	"reboot: Power down" 60
check_v "leaves it shut down" cell_wait_state linux-demo shut-down 30
check_v "destroy" warden cell destroy linux-demo
check_v "CPUs 2-3 are the root's again" cpus_online_are "0 1 2 3"

step "2. a virtio-blk disk of its own; shutdown from the root"
check_v "boot to the shell" cell_linux_boot shell "$kernel"
check_v "warden.ko answers for it" cell_wait_for linux-demo "warden: in cell [0-9]+" 30
check_v "the cell mounts the disk and reads its file" cell_run linux-demo \
	'modprobe -a virtio_mmio virtio_blk crc32c_generic ext4; i=0; while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i+1)); done; mount -o ro /dev/vda /mnt && echo DISK: $(cat /mnt/hello.txt)' \
	"DISK: warden virtio-blk disk: hello from the host" 60
check_v "the cell's warden.ko offers its link" cell_run linux-demo \
	'test -c /dev/warden-link-root-linux && echo LINKDEV=ok' "LINKDEV=ok$"
check_v "the cell echoes on it" cell_run linux-demo \
	'(warden-link-ping -e -n 100 -t 60000 root-linux; echo ECHO-EXIT=$?) & echo ECHO-$((1 + 1))-STARTED' \
	"ECHO-2-STARTED"
check_v "ping root -> Linux cell: 100 echoes verified" sh -c \
	"warden-link-ping -n 100 -t 10000 root-linux > /tmp/link-ping.out; cat /tmp/link-ping.out; grep -q '100 of 100 echoes verified' /tmp/link-ping.out"
check_v "... and the cell echoed them all" cell_wait_for linux-demo \
	"root-linux\" to \"root\": 100 messages echoed" 30
check_v "warden cell shutdown: a clean poweroff" warden cell shutdown linux-demo
check_v "it synced and unmounted on the way" cell_wait_for linux-demo \
	"\[cell-init\] powering off|EXT4-fs \(vda\): unmounting filesystem"
check_v "it is shut down" cell_wait_state linux-demo shut-down 10
check_v "destroy" warden cell destroy linux-demo

step "3. the root's RAM is not the cell's"
check_v "boot to the shell" cell_linux_boot shell "$kernel"
warden cell console linux-demo --send "devmem 0x40000000 32\n"
check_v "reading it fails the cell" cell_wait_state linux-demo failed 30
check_v "with the reason" sh -c \
	"warden cell list | tee /dev/stderr | grep -E 'data abort: .*0x40000000 \(not assigned to this cell\)'"
check_v "the root runs on" workload_run
check_v "destroy" warden cell destroy linux-demo

step "4. a Linux that refuses to shut down; destroy --force"
check_v "boot it with warden.refuse_shutdown=1" sh -c "
	warden cell linux $CELLS/linux-demo.cell $kernel \
		--initrd $LINUX/initramfs.cpio.gz \
		--cmdline 'earlycon warden.refuse_shutdown=1'"
check_v "its init runs" cell_wait_for linux-demo \
	"\[cell-init\] Linux [^ ]+ up, 2 CPUs" 120
check_v "warden.ko answers for it" cell_wait_for linux-demo "warden: in cell [0-9]+" 30
check_fails "shutdown is refused" "refused" warden cell shutdown linux-demo
check_fails "so is destroy without --force" "refused" \
	warden cell destroy linux-demo
check "it runs on" cell_state_is linux-demo running
check_v "destroy --force" warden cell destroy --force linux-demo
check_v "CPUs 2-3 are the root's again" cpus_online_are "0 1 2 3"
check_v "the hypervisor's pool is as before" sh -c "
	echo \"pool: $pool0 pages before, \$(cat $WARDEN_SYSFS/mem_pool_used) after\"
	test \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0"
check_v "workload on all CPUs" workload_run
check_v "Linux is fine" linux_ok

# 5. GICv3 only: direct interrupts need it (GICv2 refuses the flag).
if [ "$WARDEN_GIC" = 3 ]; then
	step "5. the same Linux with direct interrupts (linux-demo-direct)"
	check_v "boot it" warden cell linux $CELLS/linux-demo-direct.cell \
		"$kernel" --initrd $LINUX/initramfs.cpio.gz --cmdline earlycon
	check_v "its init runs, on 2 CPUs" cell_wait_for linux-demo-direct \
		"\[cell-init\] Linux [^ ]+ up, 2 CPUs" 120
	check_v "its shell answers through the emulated UART" \
		cell_run linux-demo-direct 'echo NPROC=$(nproc)' "NPROC=2"
	check_v "its IPIs work: CPU 1 offline and back" \
		cell_run linux-demo-direct \
		'echo 0 > /sys/devices/system/cpu/cpu1/online; echo 1 > /sys/devices/system/cpu/cpu1/online; echo ON=$(cat /sys/devices/system/cpu/online)' \
		"ON=0-1$"
	check_v "its kernel log is clean" cell_run linux-demo-direct \
		'echo BAD=$(dmesg | grep -cE "O[o]ps|B[U]G|W[A]RNING|Unable t[o] handle|Call t[r]ace")' \
		"BAD=0$"
	check_v "its timer ticked: interrupts counted in the cell" \
		cell_run linux-demo-direct \
		'echo TICKS=$(grep -E "arch_timer" /proc/interrupts | tr -s " " | cut -d" " -f3)' \
		"TICKS=[1-9][0-9]*$"
	check_v "poweroff in the cell" cell_run linux-demo-direct "poweroff -f" \
		"reboot: Power down" 60
	check_v "it is shut down" cell_wait_state linux-demo-direct shut-down 30
	check_v "not one interrupt exit for all of that" sh -c '
		. /usr/share/warden/lib.sh
		_d=$(cell_dir linux-demo-direct) && cat "$_d/stats/irq" &&
		awk "{ s += \$2 } END { exit s != 0 }" "$_d/stats/irq"'
	check_v "destroy" warden cell destroy linux-demo-direct
	check_v "CPUs 2-3 are the root's again" cpus_online_are "0 1 2 3"
fi
check_v "disable" warden disable
finish
