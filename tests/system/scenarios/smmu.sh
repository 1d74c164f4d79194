#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# smmu: QEMU's SMMUv3 (-M virt,iommu=smmuv3) belongs to Warden (issue 19).
# Linux boots with the SMMU's node disabled (run-qemu.sh), so it sets its
# PCI devices up for DMA at physical addresses.  At enable the hypervisor
# takes the SMMU and gives each PCI function present the root's DMA view;
# the root's virtio-blk-pci disk then does real I/O, both ways, through the
# SMMU: while a cell runs (whose RAM left the root's DMA view), and after
# disable, when the SMMU is back as it was (off: QEMU bypasses it).
# Then a cell gets QEMU's edu device (PCI 00:02.0) and its INTx line (IRQ
# 37): it sees only that function in the ECAM, places its BAR in its own
# window, takes the device's interrupt, and DMA through its own RAM works; DMA aimed at the root's RAM, at the hypervisor's and
# at another cell's is blocked by the SMMU, the cell fails with the stream,
# the address and the direction, and a pattern in the root's RAM is
# unchanged.  The root's config-space writes to the function are ignored
# meanwhile, and its disk keeps working.
# On GICv3 the root keeps its ITS (the config's gic_its_base): its disk's
# MSI-X reach GITS_TRANSLATER through the SMMU, and are counted.  GICv2's
# v2m frame is hidden from Linux there (run-qemu.sh says why): INTx.
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
if [ "$WARDEN_GIC" = 3 ]; then
	check_v "the disk's interrupts are MSIs, through the ITS" sh -c \
		'grep ITS-MSI /proc/interrupts | grep virtio'
fi

step "a cell takes RAM out of the root's DMA view"
require "cell create gic-demo" warden cell create "$CELLS/gic-demo.cell"
check_v "cell load" warden cell load gic-demo "$INMATES/gic-demo.bin"
check_v "cell start" warden cell start gic-demo
check_v "its output" cell_wait_for gic-demo "GICv$WARDEN_GIC, timer"
check_v "disk I/O beside the cell" disk_io cell
check_v "cell destroy" warden cell destroy --force gic-demo
check_v "disk I/O after destroy" disk_io destroyed

step "a cell's PCI function, its DMA confined by the SMMU"
EDU=/sys/bus/pci/devices/0000:00:02.0
ROOT_PA=0x7e000000	# root RAM that Linux (mem=768M) leaves alone
require "Linux sees edu at 00:02.0, with no driver" \
	sh -c "[ \"\$(cat $EDU/vendor):\$(cat $EDU/device)\" = 0x1234:0x11e8 ] && [ ! -e $EDU/driver ]"
check_v "a pattern in the root's RAM" devmem $ROOT_PA 32 0x5aa5c33c
require "cell create gic-demo (the other cell)" warden cell create "$CELLS/gic-demo.cell"
check_v "gic-demo runs" sh -c "warden cell load gic-demo $INMATES/gic-demo.bin &&
	warden cell start gic-demo"
check_fails "cell create pci-busy: 00:01.0 is the root's disk, driven by Linux" \
	"cell \"pci-busy\": PCI 0000:00:01.0 is driven by Linux's \"virtio-pci\" in the root cell: unbind it first: echo 0000:00:01.0 > /sys/bus/pci/drivers/virtio-pci/unbind" \
	warden cell create "$CELLS/pci-busy.cell"
check_v "the disk still works" disk_io refused
require "cell create dma-test takes 00:02.0" warden cell create "$CELLS/dma-test.cell"
# tables_ok: the cell's stage 2 and DMA view, and the root's, have pages
tables_ok() {
	_t=$(cell_dir dma-test)/tables
	cat "$_t" && grep _tables "$WARDEN_SYSFS/memory" || return 1
	awk '$1 == "stage2" || $1 == "dma" { if ($2 < 1) bad = 1; n++ }
		$1 ~ /^root_(stage2|dma)_tables$/ { if ($2 < 4096) bad = 1; n++ }
		END { exit bad || n != 4 }' "$_t" "$WARDEN_SYSFS/memory"
}
check_v "its tables: a stage 2 and a DMA view, as the root has" tables_ok
printf 'ecam=0x4010000000 bar=0x3e000000 badbar=0x10000000 intx=37\0' > /tmp/cmdline
check_v "cell load and start" sh -c "warden cell load dma-test $INMATES/dma-test.bin /tmp/cmdline@0x400ff000 &&
	warden cell start dma-test"
check_v "it sees its own function only" \
	cell_wait_for dma-test "dma-test: 1 PCI function\(s\) visible on bus 0"
check_v "a BAR outside its window: no decoding" cell_wait_for dma-test \
	"BAR 0 at 0x10000000, outside its window: memory decoding off"
check_v "the hypervisor says why" hyp_said \
	"cell \"dma-test\": PCI 00:02.0: a BAR lies outside the cell's memory: memory decoding stays off"
check_v "its BAR in its window" cell_wait_for dma-test "BAR 0 at 0x3e000000, ident 0x10000ed"
check_v "DMA through its own RAM" \
	cell_wait_for dma-test "DMA through its own RAM: 2048 of 2048 bytes came back" 20
check_v "its INTx (IRQ 37, given with it) reaches it" cell_wait_for dma-test \
	"INTx on IRQ 37: 1 interrupt\(s\), status 0x5a, acknowledged"
check_v "no failed check" sh -c "! warden cell console dma-test | grep -F '[test] FAIL'"
check_v "the root's config-space write to it is ignored" sh -c "
	before=\$(od -An -tx1 -j4 -N1 $EDU/config)
	printf '\\000' | dd of=$EDU/config bs=1 seek=4 conv=notrunc 2> /dev/null
	after=\$(od -An -tx1 -j4 -N1 $EDU/config)
	echo \"COMMAND low byte: \$before, after the root wrote 0: \$after\"
	[ \$before = \$after ] && [ \$before != 00 ]"
check_v "disk I/O beside it" disk_io pci-cell

# dma_blocked WHAT ADDR: restart dma-test aimed at ADDR; it must fail
dma_blocked() {
	printf 'ecam=0x4010000000 bar=0x3e000000 target=%s\0' "$2" > /tmp/cmdline
	warden cell shutdown --force dma-test > /dev/null 2>&1
	warden cell load dma-test "$INMATES/dma-test.bin" /tmp/cmdline@0x400ff000 &&
		warden cell start dma-test || return 1
	cell_wait_state dma-test failed 20 || return 1
	_f=$(cat "$(cell_dir dma-test)/failure")
	echo "$1: $_f"
	echo "$_f" | grep -qF "DMA of stream 0x10 (PCI 00:02.0): write to $2 blocked: not mapped for its cell"
}
check_v "DMA into the root's RAM: blocked, the cell failed" dma_blocked "root RAM" $ROOT_PA
check_v "the root's RAM is unchanged" sh -c "[ \$(devmem $ROOT_PA 32) = 0x5AA5C33C ]"
check_v "DMA into the hypervisor's memory: blocked" dma_blocked hypervisor 0x7fc00000
check_v "the hypervisor reports it" hyp_said \
	"cell \"dma-test\" failed: DMA of stream 0x10 (PCI 00:02.0): write to 0x7fc00000 blocked: not mapped for its cell"
check_v "DMA into gic-demo's RAM: blocked" dma_blocked "gic-demo's RAM" 0x70000000
check_v "gic-demo still runs" cell_state_is gic-demo running
check_v "cell destroy dma-test" warden cell destroy --force dma-test
check_v "the root has 00:02.0's config space back" sh -c "
	printf '\\000' | dd of=$EDU/config bs=1 seek=4 conv=notrunc 2> /dev/null
	[ \$(od -An -tx1 -j4 -N1 $EDU/config) = 00 ]"
check_v "cell destroy gic-demo" warden cell destroy --force gic-demo
check_v "disk I/O after both" disk_io after-pci

step "disable gives the SMMU back"
check_v "warden disable" warden disable
check "Warden is off" warden_is_disabled
check_v "disk I/O after disable" disk_io disabled
check "Linux fine" linux_ok
check "rmmod warden" warden_unload
finish
