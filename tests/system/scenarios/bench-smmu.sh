#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-smmu: issue 19's figures for `make bench` (scripts/bench.sh), on the
# SMMU machine, booted with -icount shift=0 (the guest clock counts
# instructions).  Not in scenarios.list: the bench script judges it.
#   - the root's virtio-blk-pci disk read with O_DIRECT (16 MiB, 1 MiB at a
#     time: every byte the device's DMA) nine times before enable and nine
#     times after, when each DMA goes through the SMMU and the root's DMA
#     view: the medians, their ratio and the root's exits per MiB.  The
#     exits are exact; the times are not: the disk completes a request
#     when QEMU's I/O thread is done, in host time, and the -icount clock
#     skips idle time to its next deadline, so a run's length varies
#     (docs/benchmarks.md);
#   - the pages of translation tables the hypervisor holds: the root's
#     stage 2 and DMA view after enable, and the dma-test cell's, which owns
#     the edu function (PCI 00:02.0);
#   - a trapped config-space read in that cell: the bench inmate, in the
#     dma-test cell, reads its function's IDs in the ECAM, and a function
#     it does not own, 1000 times each (inmates/bench, only=pci).
# Each figure is one "[bench-smmu] result NAME VALUE UNIT" line; the
# bench inmate's own are "[bench] result ..." lines in the cell's console.
# machine: iommu=smmuv3
. /usr/share/warden/lib.sh

DISK=/dev/vda
MIB=16
RUNS=9
ECAM=0x4010000000

result() {
	say "result $1 $2 $3"
}

# disk_read NAME: RUNS O_DIRECT reads of the disk; the median, the fastest
# and the slowest run's ns
disk_read() {
	: > /tmp/read.$1
	for _i in $(seq $RUNS); do
		warden-bench read $DISK $MIB >> /tmp/read.$1 || return 1
	done
	cat /tmp/read.$1
	sort -n /tmp/read.$1 | awk -v n="$1" '{ v[NR] = $1 }
		END { printf "[bench-smmu] result virtio-read-%s %d ns\n", n, v[int((NR + 1) / 2)]
		      printf "[bench-smmu] result virtio-read-%s-min %d ns\n", n, v[1]
		      printf "[bench-smmu] result virtio-read-%s-max %d ns\n", n, v[NR] }' |
		tee /tmp/read.$1.res
	sed -n "s/.*virtio-read-$1 \([0-9]*\) ns/\1/p" /tmp/read.$1.res > /tmp/read.$1.ns
}

# stats FILE: the root's exit counts by reason, summed over its CPUs
stats() {
	awk '{ n = FILENAME; sub(/.*\//, "", n); sum[n] += $2 }
		END { for (n in sum) print n, sum[n] }' \
		"$WARDEN_SYSFS"/root_stats/* | sort > "$1"
}

# exits_per_mib A B: the root's exits between snapshots A and B, by reason,
# per MiB read (RUNS reads of MIB MiB)
exits_per_mib() {
	awk -v mib=$((RUNS * MIB)) 'NR == FNR { a[$1] = $2; next }
		$2 > a[$1] { printf "[bench-smmu] result virtio-read-exits-%s %.1f per-MiB\n",
			$1, ($2 - a[$1]) / mib }' "$1" "$2"
}

# tables NAME FILE: the table pages of a sysfs "name pages" or "name bytes"
# file as results
tables() {
	cat "$2"
	awk -v n="$1" '
		$1 == "root_stage2_tables" { print n "-stage2-pages", $2 / 4096 }
		$1 == "root_dma_tables" { print n "-dma-pages", $2 / 4096 }
		$1 == "stage2" || $1 == "dma" { print n "-" $1 "-pages", $2 }' "$2" |
		while read -r _k _v; do result "smmu-tables-$_k" "$_v" pages; done
}

require "the PCI drivers load" sh -c \
	'for m in /lib/modules/pci/*.ko; do insmod $m || exit 1; done'
require "the virtio-blk-pci disk appears" sh -c \
	"for i in 1 2 3 4 5 6 7 8 9 10; do [ -b $DISK ] && exit 0; sleep 1; done; exit 1"
check_v "disk reads, Warden off" disk_read off
require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
stats /tmp/stats.0
check_v "disk reads through the SMMU" disk_read on
stats /tmp/stats.1
check_v "the root's exits meanwhile" exits_per_mib /tmp/stats.0 /tmp/stats.1
check_v "the ratio" sh -c '
	off=$(cat /tmp/read.off.ns) on=$(cat /tmp/read.on.ns)
	ratio=$(awk -v a=$off -v b=$on "BEGIN { printf \"%.3f\", a / b }")
	echo "[bench-smmu] result virtio-read-ratio $ratio on/off-throughput"'
check_v "the root's tables" tables root "$WARDEN_SYSFS/memory"

require "cell create dma-test" warden cell create "$CELLS/dma-test.cell"
check_v "the cell's tables" tables cell "$(cell_dir dma-test)/tables"
# the edu function is device 2 of bus 0; device 3 is absent
printf 'only=pci cfg=%#x absent=%#x\0' $((ECAM + (2 << 15))) \
	$((ECAM + (3 << 15))) > /tmp/bench.cmdline
check_v "bench inmate in dma-test" sh -c "
	warden cell load dma-test $INMATES/bench.bin /tmp/bench.cmdline@0x400ff000 &&
	warden cell start dma-test"
check_v "it finishes" cell_wait_state dma-test shut-down 120
check_v "its results" sh -c "warden cell console dma-test | grep '\[bench\] result'"
check_v "cell destroy" warden cell destroy dma-test
check_v "warden disable" warden disable
finish
