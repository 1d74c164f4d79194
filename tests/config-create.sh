#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `warden config create` on the build machine (issue 7), one PASS/FAIL line
# per test for tests/run.sh:
#   golden/*   stored QEMU trees (tests/data/dtb/*.dts: GIC versions, CPU
#              counts, RAM sizes) and three real boards from Debian's kernel
#              package, and `config cell-create` for the reference machine:
#              the output must equal tests/data/golden/<name>.c (or .err,
#              for a refusal), build with `config build` and pass `config
#              check`
#   reference  the generated config of the reference machine against the
#              hand-written one (tests/config-compare.py): equal in every
#              resource that matters, each difference explained
#   sweep      every DTB of the kernel package: a config that builds and
#              passes `config check`, or a refusal with its reason, and never
#              a crash, a hang or a partial file
#
# Usage: tests/config-create.sh [--update]   (--update rewrites the golden
# files from the current output; review the diff before committing it)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
cli=$build/tools/warden-host
golden=$top/tests/data/golden
work=$build/tests/config-create
logs=$build/logs
update=0
[ "${1:-}" = --update ] && update=1

dtbs=$(ls -d "$build"/sysroot/usr/lib/linux-image-*/ 2> /dev/null | head -n 1)
mkdir -p "$work" "$logs" "$golden"
rm -rf "${work:?}"/*

pass() { echo "PASS config/$*"; }
# the output without this machine's paths: golden files hold "<dtbs>/" and
# paths from the top of the tree
normalize() {
	sed -e "s#${dtbs:-/nonexistent/}#<dtbs>/#g" -e "s#<dtbs>//#<dtbs>/#g" \
		-e "s#$top/##g" "$1" > "$1.norm"
}
fail() { echo "FAIL config/$*"; }

# build_check NAME C-FILE: `config build` it; a system config is checked by
# the build itself.
build_check() {
	"$cli" config build "$2" -o "$work/$1.cell" > "$work/$1.build" 2>&1
}

# golden NAME DTB ARGS...: generate, compare with the golden file, build.
golden() {
	local name=$1 dtb=$2 rc out=$work/$1.c err=$work/$1.err
	shift 2
	timeout 20 "$cli" config create --dtb "$dtb" "$@" -o "$out" 2> "$err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		fail "golden/$name: exit $rc (crash or hang)"
		return
	fi
	if [ $rc -eq 1 ]; then
		# a refusal: its reasons are the golden output
		[ -e "$out" ] && { fail "golden/$name: refused but wrote $out"; return; }
		out=$err
		set -- err
	else
		set -- c
	fi
	normalize "$out"
	if [ $update -eq 1 ]; then
		rm -f "$golden/$name.c" "$golden/$name.err"
		cp "$out.norm" "$golden/$name.$1"
	fi
	if ! [ -f "$golden/$name.$1" ]; then
		fail "golden/$name: output is .$1, but there is no $golden/$name.$1"
	elif ! diff -u "$golden/$name.$1" "$out.norm" > "$work/$name.diff"; then
		fail "golden/$name: differs from tests/data/golden/$name.$1"
		sed -n '1,20s/^/    | /p' "$work/$name.diff"
	elif [ "$1" = c ] && ! build_check "$name" "$out"; then
		fail "golden/$name: does not build or check"
		sed 's/^/    | /' "$work/$name.build"
	else
		pass "golden/$name ($([ "$1" = c ] && echo "config" || echo "refused: $(head -n 1 "$err" | cut -c 24-90)"))"
	fi
}

# The QEMU trees, all with the reference machine's mem=768M on 1 GiB (and
# the same share elsewhere).
for dts in "$top"/tests/data/dtb/*.dts; do
	name=$(basename "$dts" .dts)
	dtc -q -I dts -O dtb -o "$work/$name.dtb" "$dts" ||
		{ fail "golden/$name: dtc failed"; continue; }
	golden "$name" "$work/$name.dtb" --linux-mem 75%
done

# An ITS is never dropped silently (QEMU's default its=on)
its_err=$work/qemu-virt-gicv3-its-smp4-1G.err
if grep -q "note: GICv3 ITS /intc@8000000/its@8080000 (0x8080000+0x20000) is not given to the root cell" "$its_err"; then
	pass "its-note (the ITS is named, with what becomes of it)"
else
	fail "its-note: config create said nothing of the ITS"
	sed 's/^/    | /' "$its_err"
fi

# The SMMU machine (-M virt,iommu=smmuv3, GICv3 without ITS) edited by
# fdtput into what config create must refuse or note: an iommu-map of
# several entries or with a mask, an SMMU of 64 KiB, a platform device
# behind the SMMU (refused: the hypervisor would abort their streams); the
# SMMU disabled, a host bridge without iommu-map, an interrupt-map off the
# standard swizzle (a config, without what cannot be said, and a note).
smmu_dtb=$work/qemu-virt-gicv3-smmu-smp4-1G.dtb
smmu_ph=$(fdtget -t x "$smmu_dtb" /smmuv3@9050000 phandle 2> /dev/null)
# smmu_edge NAME NOTE FDTPUT-ARGS...: the edited tree through golden(), and
# for a config, the note that must explain it
smmu_edge() {
	local name=$1 note=$2 dtb=$work/$1.dtb
	shift 2
	if ! { cp "$smmu_dtb" "$dtb" && fdtput "$dtb" "$@"; }; then
		fail "golden/$name: fdtput failed"
		return
	fi
	golden "$name" "$dtb" --linux-mem 768M
	[ -z "$note" ] || [ -e "$golden/$name.err" ] && return
	if grep -qF -- "$note" "$work/$name.err"; then
		pass "smmu-note/$name (note: ${note:0:60}...)"
	else
		fail "smmu-note/$name: no note \"$note\""
		sed 's/^/    | /' "$work/$name.err"
	fi
}
smmu_edge smmu-iommu-map-entries "" -t x /pcie@10000000 iommu-map \
	0 "$smmu_ph" 0 100 100 "$smmu_ph" 100 ff00
smmu_edge smmu-iommu-map-mask "" -t x /pcie@10000000 iommu-map-mask ff00
smmu_edge smmu-64k "" -t x /smmuv3@9050000 reg 0 9050000 0 10000
smmu_edge smmu-platform-master "" -t x /virtio_mmio@a000000 iommus \
	"$smmu_ph" 42
smmu_edge smmu-disabled "SMMUv3 /smmuv3@9050000 is disabled (status)" \
	-t s /smmuv3@9050000 status disabled
smmu_edge smmu-no-iommu-map "it has no iommu-map to the SMMU" \
	-d /pcie@10000000 iommu-map
# INTA of device 0 moved from SPI 3 to SPI 7
imap=$(fdtget -t x "$smmu_dtb" /pcie@10000000 interrupt-map 2> /dev/null)
read -ra imap <<< "$imap"
imap[8]=7
smmu_edge smmu-swizzle "INTA of device 0 on SPI 7 and INTB of device 0 on SPI 4 are not on the lines of the standard swizzle" \
	-t x /pcie@10000000 interrupt-map "${imap[@]}"
# A tree with PCI but no SMMU: no PCI function can go to a cell
if grep -qF "PCI host /pcie@10000000: no SMMUv3 is taken to confine its DMA" \
	"$work/qemu-virt-gicv3-smp4-1G.err"; then
	pass "smmu-note/no-smmu (the PCI host without an SMMU is named)"
else
	fail "smmu-note/no-smmu: config create said nothing of the PCI host"
fi

# Three boards.  The Raspberry Pi 4's tree starts its CPUs with spin-table
# (its firmware adds PSCI only with a TF-A stub) and leaves RAM to the boot
# loader; the ZCU102's console is a Cadence UART and the i.MX8MP's an i.MX
# UART, each the hypervisor's console too.
if [ -z "$dtbs" ]; then
	fail "golden/boards: no kernel package under build/sysroot (run make setup)"
else
	golden rpi4-refused "$dtbs/broadcom/bcm2711-rpi-4-b.dtb" --linux-mem 1G
	golden rpi4-ram-uart0 "$dtbs/broadcom/bcm2711-rpi-4-b.dtb" --linux-mem 1G \
		--ram 0:4G --console /soc/serial@7e201000
	golden zcu102 "$dtbs/xilinx/zynqmp-zcu102-rev1.0.dtb" --linux-mem 2G
	golden imx8mp "$dtbs/freescale/imx8mp-evk.dtb" --linux-mem 3G
fi

# cell_golden NAME ARGS...: `config cell-create` for the reference
# machine (or the system config $cell_system names), against its golden
# output; a config must build and check.
cell_golden() {
	local name=$1 out=$work/$1.c err=$work/$1.err rc kind=c
	local sys=$build/configs/${cell_system:-qemu-arm64-gicv3}.cell
	shift
	timeout 20 "$cli" config cell-create \
		--system "$sys" "$@" \
		-o "$out" 2> "$err"
	rc=$?
	case $rc in
	0) ;;
	1) kind=err; [ -e "$out" ] && { fail "golden/$name: refused but wrote $out"; return; } ;;
	*) fail "golden/$name: exit $rc (crash or hang)"; return ;;
	esac
	[ $kind = err ] && out=$err
	normalize "$out"
	if [ $update -eq 1 ]; then
		rm -f "$golden/$name.c" "$golden/$name.err"
		cp "$out.norm" "$golden/$name.$kind"
	fi
	if ! diff -u "$golden/$name.$kind" "$out.norm" > "$work/$name.diff" 2>&1; then
		fail "golden/$name: differs from tests/data/golden/$name.$kind"
		sed -n '1,20s/^/    | /p' "$work/$name.diff"
	elif [ $kind = c ] && ! { "$cli" config build "$out" -o "$work/$name.cell" &&
		"$cli" config check "$sys" \
			"$build/configs/gic-demo.cell" "$work/$name.cell"; } \
		> "$work/$name.build" 2>&1; then
		fail "golden/$name: does not build, or check beside gic-demo"
		sed 's/^/    | /' "$work/$name.build"
	else
		pass "golden/$name ($([ $kind = c ] && echo "cell config" || echo "refused: $(head -n 1 "$err" | cut -c 29-100)"))"
	fi
}

# Cells for the reference machine: a GPIO controller with its SPI beside
# gic-demo, placed in the free RAM; then what must be refused.
qemu_dtb=$work/qemu-virt-gicv3-smp4-1G.dtb
cell_golden cell-gpio --name gpio --cpus 3 --linux-mem 768M \
	--devices /pl061@9030000 --irqs 100 --dtb "$qemu_dtb" \
	--with "$build/configs/gic-demo.cell"
cell_golden cell-all-cpus --name greedy --cpus 0-3 --linux-mem 768M
cell_golden cell-clash --name clash --cpus 3 --ram-at 0x70000000 \
	--with "$build/configs/gic-demo.cell"
cell_golden cell-no-room --name huge --cpus 3 --ram 512M --linux-mem 768M
# PCI functions (--pci, repeatable), on the machine with the SMMU; and
# refused where the platform has no PCI host bridge behind an SMMU.
cell_system=qemu-arm64-gicv3-smmu cell_golden cell-pci --name pci --cpus 3 \
	--linux-mem 768M --pci 00:02.0 --pci 0000:00:03.0
cell_golden cell-pci-no-host --name pci --cpus 3 --linux-mem 768M \
	--pci 00:02.0

# The reference machine against its hand-written configs, without and
# with the SMMU (qemu-arm64-gicv*-smmu.c).
for v in 3 2 3-smmu 2-smmu; do
	g=${v%-smmu}
	name=qemu-virt-gicv$g${v#"$g"}-smp4-1G
	ref=$build/configs/qemu-arm64-gicv$v.cell
	"$cli" config create --dtb "$work/$name.dtb" --linux-mem 768M \
		-o "$work/reference-gicv$v.c" 2> /dev/null &&
		build_check "reference-gicv$v" "$work/reference-gicv$v.c" &&
		python3 "$top/tests/config-compare.py" "$ref" \
			"$work/reference-gicv$v.cell" > "$logs/config-reference-gicv$v.log" 2>&1
	if [ $? -eq 0 ]; then
		pass "reference/gicv$v (same as qemu-arm64-gicv$v.cell but $(grep -c '^explained' "$logs/config-reference-gicv$v.log") explained differences; ${logs#"$top"/}/config-reference-gicv$v.log)"
	else
		fail "reference/gicv$v: see ${logs#"$top"/}/config-reference-gicv$v.log"
		grep -v '^same' "$logs/config-reference-gicv$v.log" | sed 's/^/    | /'
	fi
	# every shipped inmate cell fits the generated config too (one at a
	# time: some are alternatives on the same CPUs), but echo-demo (and
	# echo-demo-direct, the same cell with direct interrupts), linux-demo
	# and net-garbage, whose peers are the reference root's links
	# (root-echo, root-linux, root-net, root-garbage), and dma-test and pci-busy, whose PCI functions need
	# the SMMU machine: they check against its generated config only, where
	# bench and bench-direct do not (their SPI 106 is the SMMU's there,
	# as against the hand-written qemu-arm64-gicv3-smmu.c)
	local_bad=() n=0 pci=", and bench, whose SPI 106 is the SMMU's here,"
	[ "$v" = "$g" ] && pci=", and dma-test and pci-busy, for the SMMU machine,"
	for c in "$build"/configs/*.cell; do
		case "$c" in */qemu-arm64-* | */echo-demo.cell | */echo-demo-direct.cell | */linux-demo.cell | */net-garbage.cell) continue ;; esac
		case "$c" in */dma-test.cell | */pci-busy.cell) [ "$v" = "$g" ] && continue ;; esac
		case "$c" in */bench.cell | */bench-direct.cell) [ "$v" != "$g" ] && continue ;; esac
		n=$((n + 1))
		# direct interrupts need GICv3: GICv2 must refuse them, saying so
		if [ "$g" = 2 ] && "$cli" config show "$c" 2> /dev/null |
			grep -qE '^ +flags .*direct-irq'; then
			! "$cli" config check "$work/reference-gicv$v.cell" "$c" \
				> "$work/cells.log" 2>&1 &&
				grep -q "need GICv3" "$work/cells.log" ||
				local_bad+=("$(basename "$c")")
			continue
		fi
		"$cli" config check "$work/reference-gicv$v.cell" "$c" \
			> "$work/cells.log" 2>&1 || local_bad+=("$(basename "$c")")
	done
	if [ $n -gt 0 ] && [ ${#local_bad[@]} -eq 0 ]; then
		pass "reference/gicv$v-cells (all $n shipped cell configs but echo-demo, linux-demo and net-garbage, the root links' peers$pci check against it; on GICv2 the direct-irq ones are refused)"
	else
		fail "reference/gicv$v-cells: ${local_bad[*]:-no cells} do not check against it"
	fi
done

# The sweep: every DTB, Linux on 75% of the RAM, no hypervisor console
# required (not every board's console is a UART the hypervisor drives).
# Each board that gets a config is tried again with its own console
# (stdout-path): "console" counts those whose config has one.
sweep() {
	local log=$logs/config-sweep.log ok=0 refused=0 bad=0 con=0 f rc name out
	: > "$log"
	while read -r f; do
		name=${f#"$dtbs"}
		out=$work/sweep.c
		rm -f "$out"
		timeout 20 "$cli" config create --dtb "$f" --linux-mem 75% \
			--console none -o "$out" > /dev/null 2> "$work/sweep.err"
		rc=$?
		if [ $rc -eq 0 ] && build_check sweep "$out"; then
			ok=$((ok + 1))
			rm -f "$out"
			if timeout 20 "$cli" config create --dtb "$f" \
				--linux-mem 75% -o "$out" > /dev/null \
				2> "$work/sweep.err" && build_check sweep "$out"; then
				con=$((con + 1))
				echo "ok       $name (console: $(sed -n 's/^ \* Console: *//p' "$out"))" >> "$log"
			else
				echo "ok       $name (no console: $(grep -m 1 '^warden: config create' "$work/sweep.err" | cut -c 24-))" >> "$log"
			fi
		elif [ $rc -eq 1 ] && [ ! -e "$out" ] &&
			grep -q '^warden: config create' "$work/sweep.err"; then
			refused=$((refused + 1))
			echo "refused  $name: $(grep -m 1 '^warden: config create' "$work/sweep.err" | cut -c 24-)" >> "$log"
		else
			bad=$((bad + 1))
			echo "BAD      $name: exit $rc" >> "$log"
			sed 's/^/         /' "$work/sweep.err" "$work/sweep.build" 2> /dev/null >> "$log"
		fi
	done < <(find "$dtbs" -name '*.dtb' | sort)
	if [ $bad -eq 0 ] && [ $ok -gt 0 ]; then
		pass "sweep ($((ok + refused)) DTBs: $ok configs built and checked, $con of them with the board's console, $refused refused with a reason; ${log#"$top"/})"
	else
		fail "sweep: $bad of $((ok + refused + bad)) DTBs crashed, hung, wrote a partial file or failed to build (${log#"$top"/})"
		grep -A3 '^BAD' "$log" | head -n 20 | sed 's/^/    | /'
	fi
	# the reasons, most common first, for the note
	{ sed -n 's/^refused  [^:]*: //p' "$log"
	  sed -n 's/^ok  *[^ ]* (no console: \(.*\))$/no console: \1/p' "$log"; } |
		sed 's/0x[0-9a-f]*/N/g; s#/[^ ]*#PATH#g' |
		sort | uniq -c | sort -rn > "$logs/config-sweep-reasons.log"
}
[ -n "$dtbs" ] && sweep
exit 0
