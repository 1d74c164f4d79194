#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# itsroot: QEMU's default GICv3 has an ITS (its=on), which Linux drives for
# its PCI devices' MSIs.  The system config names it (gic_its_base,
# qemu-arm64-gicv3-its.cell, as `config create` writes it), and the root
# keeps its MSIs under Warden (issue 19): its virtio-blk-pci disk, whose
# MSI-X go through the ITS, does real I/O before enable, under Warden (its
# LPIs listed as virtual LPIs), while Linux takes a CPU offline and online
# again (the ITS's command queue: MAPC, MOVI, SYNC, each checked), beside
# a cell, and after disable.  A root that tries to move the ITS's tables is
# refused, in words, and goes on.
# gics: 3
# machine: its=on
# expect-serial: ^\[warden\] ITS at 0x8080000: the root's, [0-9]+ tables in its RAM kept from cells
# expect-serial: ^\[warden\] root: ITS register 0x80 write 0x0 refused: the ITS's tables stay where they were at enable
. /usr/share/warden/lib.sh

ITS=/sys/firmware/devicetree/base/intc@8000000/its@8080000
DISK=/dev/vda

# msi_count: the root's interrupts through the ITS, on all CPUs
msi_count() {
	awk '/ITS-MSI/ {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++)
			s += $i
	}
	END { print s + 0 }' /proc/interrupts
}

# disk_io TAG: 4 MiB of fresh data written to the disk and read back from
# it (the page cache dropped in between), compared by checksum; each
# request completes with an MSI, so the count of those must rise
disk_io() {
	_m0=$(msi_count)
	dd if=/dev/urandom of=/tmp/io.in bs=64k count=64 2> /dev/null &&
		dd if=/tmp/io.in of=$DISK bs=64k conv=fsync 2> /dev/null &&
		sync && echo 3 > /proc/sys/vm/drop_caches &&
		dd if=$DISK of=/tmp/io.out bs=64k count=64 2> /dev/null || return 1
	a=$(md5sum < /tmp/io.in) b=$(md5sum < /tmp/io.out)
	_m1=$(msi_count)
	echo "$1: wrote and read back 4 MiB: $a / $b; MSIs $_m0 -> $_m1"
	rm -f /tmp/io.in /tmp/io.out
	[ "$a" = "$b" ] && [ "$_m1" -gt "$_m0" ]
}

require "Linux sees the ITS (its=on)" test -d "$ITS"
require "the PCI drivers load" sh -c \
	'for m in /lib/modules/pci/*.ko; do insmod $m || exit 1; done'
require "the virtio-blk-pci disk appears" sh -c \
	"for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $DISK ] && exit 0; sleep 1; done; exit 1"
check_v "its interrupts are MSIs through the ITS" sh -c \
	'grep ITS-MSI /proc/interrupts | grep -q virtio'
check_v "disk I/O before enable" disk_io before

step "enable with the ITS the root's"
require "insmod warden.ko" warden_load
require "warden enable (qemu-arm64-gicv3-its.cell)" warden enable "$SYSTEM_CELL"
check_v "disk I/O under Warden: LPIs as virtual LPIs" disk_io enabled

step "Linux takes a CPU offline and online again (ITS commands)"
check_v "CPU 3 offline and online" sh -c \
	'. /usr/share/warden/lib.sh; cpu_offline 3 && cpu_online 3 &&
		cpus_online_are "0 1 2 3"'
check "Linux fine" linux_ok
check_v "disk I/O after" disk_io hotplug
check_v "disk I/O with its interrupts on CPU 3" sh -c '
	. /usr/share/warden/lib.sh
	for i in /proc/irq/*/; do
		grep -q virtio "$i"/actions 2> /dev/null || continue
		echo 8 > "$i"/smp_affinity 2> /dev/null
	done
	true'
check_v "disk I/O, interrupts moved" disk_io moved

step "a cell beside it"
require "cell create gic-demo (CPU 2)" warden cell create "$CELLS/gic-demo.cell"
check_v "cell load and start" sh -c "warden cell load gic-demo $INMATES/gic-demo.bin &&
	warden cell start gic-demo"
check_v "its output" cell_wait_for gic-demo "GICv$WARDEN_GIC, timer"
check_v "disk I/O beside the cell" disk_io cell
check_v "cell destroy" warden cell destroy --force gic-demo
check "Linux has CPU 2 back" linux_ok
check_v "disk I/O after destroy" disk_io destroyed

step "a root that moves the ITS's command queue is refused"
check_v "GITS_CBASER written 0 (devmem)" devmem 0x08080080 32 0
check "the ITS still has its queue" sh -c \
	'[ "$(devmem 0x08080084 32)" != 0x00000000 ]'
check_v "disk I/O after the refusal" disk_io refused

step "disable: Linux has its ITS as it was"
check_v "warden disable" warden disable
check "Warden is off" warden_is_disabled
check_v "disk I/O after disable" disk_io disabled
check_v "CPU 3 offline and online after disable" sh -c \
	'. /usr/share/warden/lib.sh; cpu_offline 3 && cpu_online 3'
check "Linux fine" linux_ok

step "config create gives the root the ITS"
check_v "the config names gic_its_base" sh -c '
	warden config create -o /tmp/its.c 2>&1 | grep "GICv3 ITS" &&
		grep "\.gic_its_base = 0x8080000," /tmp/its.c'
check "rmmod warden" warden_unload
finish
