#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# linuxcycles: 12 Linux cells booted and destroyed in a row (issue 16), while
# the root checksums data on CPU 0: each `warden cell linux` boots the plain
# Image (scenario linux boots the vmlinuz too) in linux-demo
# to its init, which says so and powers itself off (warden.run=boot); every
# other cycle is destroyed with --force while it still runs instead.  Then
# the hypervisor's pool is as before the first cycle, the cell's CPUs are
# back in Linux and every checksum matched.  (`make soak`: 100 cycles.)
# GICv3 only: a Linux cell on GICv2 boots in scenario linux, and inmate
# lifecycles go round on both GICs in cellcycles.
# gics: 3
# linux-cell: yes
. /usr/share/warden/lib.sh

[ "$WARDEN_SOAK" = 1 ] && CYCLES=${CYCLES:-100}
CYCLES=${CYCLES:-12}

# linux_cycle I: one boot; odd ones power off themselves, even ones are
# destroyed while they run.  Quiet unless it fails.
linux_cycle() {
	_act=boot
	[ $(($1 % 2)) -eq 0 ] && _act=shell
	warden cell linux "$CELLS/linux-demo.cell" "$LINUX/Image" \
		--initrd "$LINUX/initramfs.cpio.gz" \
		--cmdline "quiet warden.run=$_act" > /tmp/lc.out 2>&1 &&
		cell_wait_for linux-demo "\[cell-init\] Linux [^ ]+ up, 2 CPUs" \
			120 >> /tmp/lc.out 2>&1 || return 1
	if [ "$_act" = boot ]; then
		cell_wait_state linux-demo shut-down 60 >> /tmp/lc.out 2>&1 &&
			warden cell destroy linux-demo >> /tmp/lc.out 2>&1
	else
		warden cell destroy --force linux-demo >> /tmp/lc.out 2>&1
	fi
}

cycles() {
	_i=1
	while [ "$_i" -le "$1" ]; do
		linux_cycle "$_i" || {
			echo "cycle $_i failed:"
			cat /tmp/lc.out
			return 1
		}
		_i=$((_i + 1))
	done
	echo "$1 cycles"
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
require "workload reference" workload_prepare
pool0=$(pool_used)
t0=$(cut -d' ' -f1 /proc/uptime)
(
	while [ ! -e /tmp/stop ]; do
		taskset -c 0 sha256sum < "$WORK_FILE" | cut -d' ' -f1
	done > /tmp/load.0
) &
check_v "$CYCLES Linux boots" cycles "$CYCLES"
touch /tmp/stop
wait
check_v "the cycles took" awk -v a="$t0" -v b="$(cut -d' ' -f1 /proc/uptime)" \
	'BEGIN { printf "%.1f s\n", b - a }'
check_v "root workload correct throughout" sh -c "
	n=\$(wc -l < /tmp/load.0); bad=\$(grep -vc \"^\$(cat $WORK_REF)\\\$\" /tmp/load.0)
	echo \"\$n checksums on CPU 0, \$bad wrong\"; [ \$n -gt 0 ] && [ \$bad -eq 0 ]"
check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before the first cycle ($pool0 pages)" sh -c \
	"echo \"now \$(cat $WARDEN_SYSFS/mem_pool_used)\"; [ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "no cell left" sh -c "! ls $WARDEN_SYSFS/cells | grep ."
check_v "warden disable" warden disable
check_v "EL2 stacks at most half used" stacks_ok
finish
