#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# After the configgen scenario (tests/system/run.sh): the host's half of
# "from a fresh boot to a running inmate without writing a config by hand".
# The config that `warden config create` wrote inside the guest, taken from
# the serial log, must
#   build   compile with `warden config build` and pass its check;
#   match   the hand-written qemu-arm64-gicv<N>.cell (on the ZCU102:
#           configs/zcu102/zcu102.c) in every resource that matters
#           (tests/config-compare.py; differences explained);
#   cell    gic-demo's cell config from `warden config cell-create`, also
#           in the log, builds and checks against it;
#   run     enable and run the cells (gic-demo) and twocells scenarios when
#           the guest boots again with both as its configs.
# One PASS/FAIL line per step, "system/configgen-<step>/gicv<N>" (or
# ".../zcu102").
#
# Usage: tests/system/hooks/configgen.sh GIC LOG [MACHINE]   (virt, zcu102)
set -uo pipefail

top=$(cd "$(dirname "$0")/../../.." && pwd)
build=${WARDEN_BUILD:-$top/build}
g=$1 log=$2 m=${3:-virt}
# what differs between the machines: the run's tag, the hand-written
# reference, where the guest looks for cell configs ($CELLS in lib.sh)
if [ "$m" = virt ]; then
	tag=gicv$g ref=$build/configs/qemu-arm64-gicv$g.cell cells=etc/warden
else
	tag=$m ref=$build/configs/$m/$m.cell cells=etc/warden/$m
fi
work=$build/tests/configgen-$tag
mkdir -p "$work"
rm -rf "${work:?}"/*

sed -n 's/^\[gen\] //p' "$log" > "$work/system.c"
if "$build/tools/warden-host" config build "$work/system.c" \
	-o "$work/generated.cell" > "$work/build.log" 2>&1; then
	echo "PASS system/configgen-build/$tag ($(grep -c '' "$work/system.c") lines; ${work#"$top"/}/system.c)"
else
	echo "FAIL system/configgen-build/$tag: see ${work#"$top"/}/build.log"
	sed 's/^/    | /' "$work/build.log" | head -n 20
	exit 1
fi

cmp=$build/logs/configgen-reference-$tag.log
if python3 "$top/tests/config-compare.py" \
	"$ref" "$work/generated.cell" > "$cmp" 2>&1; then
	echo "PASS system/configgen-match/$tag (as $(basename "$ref") but $(grep -c '^explained' "$cmp") explained differences; ${cmp#"$top"/})"
else
	echo "FAIL system/configgen-match/$tag: see ${cmp#"$top"/}"
	grep -v '^same' "$cmp" | sed 's/^/    | /'
	exit 1
fi

# gic-demo's generated cell config: built, and checked against the
# generated system config
sed -n 's/^\[cell\] //p' "$log" > "$work/gic-demo.c"
if "$build/tools/warden-host" config build "$work/gic-demo.c" \
	-o "$work/gic-demo.cell" > "$work/cell-build.log" 2>&1 &&
	"$build/tools/warden-host" config check "$work/generated.cell" \
		"$work/gic-demo.cell" >> "$work/cell-build.log" 2>&1; then
	echo "PASS system/configgen-cell/$tag (gic-demo's cell config: built, checks against the generated system config)"
else
	echo "FAIL system/configgen-cell/$tag: see ${work#"$top"/}/cell-build.log"
	sed 's/^/    | /' "$work/cell-build.log" | head -n 20
	exit 1
fi

# The generated configs join the initramfs: the system config as
# /etc/warden/generated.cell, gic-demo's over the shipped one.
mkdir -p "$work/root/$cells"
cp "$work/generated.cell" "$work/root/etc/warden/"
cp "$work/gic-demo.cell" "$work/root/$cells/"
(cd "$work/root" && find . | cpio -o -H newc --quiet | gzip -9) > "$work/extra.cpio.gz" ||
	{ echo "FAIL system/configgen-run/$tag: cannot pack the config"; exit 1; }
GICS=$g MACHINES=$m WARDEN_INITRD_EXTRA=$work/extra.cpio.gz \
	WARDEN_APPEND=warden.system=generated.cell WARDEN_SUFFIX=-generated \
	"$top/tests/system/run.sh" cells twocells
rc=$?
# and they did run on them: the generated system config, and gic-demo's
# RAM where cell-create put it (cells shows the cell config)
ram=$(sed -n '0,/phys_start = /s/.*phys_start = \(0x[0-9a-f]*\),/\1/p' "$work/gic-demo.c")
for s in cells twocells; do
	l=$build/logs/system-$s-generated-$tag.log
	if ! grep -q 'system config generated.cell,' "$l" 2> /dev/null; then
		echo "FAIL system/configgen-run/$tag: $s did not boot with generated.cell (${l#"$top"/})"
		rc=1
	fi
done
if ! grep -qiE "^ *\| +0 +0x0*${ram#0x} " "$build/logs/system-cells-generated-$tag.log"; then
	echo "FAIL system/configgen-run/$tag: cells did not show gic-demo's RAM at $ram"
	rc=1
fi
exit $rc
