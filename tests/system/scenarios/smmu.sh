#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smmu: QEMU's SMMUv3 (-M virt,iommu=smmuv3) belongs to Warden (issue 19).
# Linux boots with the SMMU's node disabled (run-qemu.sh), so it sets its
# PCI devices up for DMA at physical addresses.  At enable the hypervisor
# takes the SMMU and gives each PCI function present the root's DMA view;
# the root's virtio-blk-pci disk then does real I/O, both ways, through the
# SMMU: while a cell runs (whose RAM left the root's DMA view), and after
# disable, when the SMMU is back as it was (off: QEMU bypasses it).
# GICv3 only for now: on GICv2, Linux's virtio-blk-pci uses MSIs through
# the GICv2m frame (0x08020000), a write that the root's DMA view does not
# map yet, so the SMMU blocks it (and says so); issue 19 keeps that open.
# gics: 3
# machine: iommu=smmuv3
# expect-serial: ^\[warden\] SMMU at 0x9050000: on, 65536 stream IDs
# expect-serial: ^\[warden\] SMMU: [0-9]+ PCI functions on buses 00-ff, DMA through the root cell's memory
# expect-serial: ^\[warden\] SMMU at 0x9050000: given back as it was
. /usr/share/warden/lib.sh

SMMU_DT=/sys/firmware/devicetree/base/smmuv3@9050000
DISK=/dev/vda

# disk_io TAG: 4 MiB of fresh data written to the disk and read back from
# it (the page cache dropped in between), compared by checksum
disk_io() {
	dd if=/dev/urandom of=/tmp/io.in bs=64k count=64 2> /dev/null &&
		dd if=/tmp/io.in of=$DISK bs=64k conv=fsync 2> /dev/null &&
		sync && echo 3 > /proc/sys/vm/drop_caches &&
		dd if=$DISK of=/tmp/io.out bs=64k count=64 2> /dev/null || return 1
	a=$(md5sum < /tmp/io.in) b=$(md5sum < /tmp/io.out)
	echo "$1: wrote and read back 4 MiB: $a / $b"
	rm -f /tmp/io.in /tmp/io.out
	[ "$a" = "$b" ]
}

require "Linux has the SMMU's node disabled" \
	sh -c "[ \"\$(tr -d '\\0' < $SMMU_DT/status)\" = disabled ]"
require "the PCI drivers load" sh -c \
	'for m in /lib/modules/pci/*.ko; do insmod $m || exit 1; done'
require "the virtio-blk-pci disk appears" sh -c \
	"for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $DISK ] && exit 0; sleep 1; done; exit 1"
check_v "disk I/O before enable" disk_io before

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "disk I/O through the SMMU" disk_io enabled

step "a cell takes RAM out of the root's DMA view"
require "cell create gic-demo" warden cell create "$CELLS/gic-demo.cell"
check_v "cell load" warden cell load gic-demo "$INMATES/gic-demo.bin"
check_v "cell start" warden cell start gic-demo
check_v "its output" cell_wait_for gic-demo "GICv$WARDEN_GIC, timer"
check_v "disk I/O beside the cell" disk_io cell
check_v "cell destroy" warden cell destroy --force gic-demo
check_v "disk I/O after destroy" disk_io destroyed

step "disable gives the SMMU back"
check_v "warden disable" warden disable
check "Warden is off" warden_is_disabled
check_v "disk I/O after disable" disk_io disabled
check "Linux fine" linux_ok
check "rmmod warden" warden_unload
finish
