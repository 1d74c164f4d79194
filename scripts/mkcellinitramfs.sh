#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build what a Linux cell needs (issue 16), under build/linux-cell/:
#
#   initramfs.cpio.gz   the cell's own userland:
#     /init                        tests/system/linux-cell/init: mounts, prints
#                                  "[cell-init] Linux <uname -r> up, <n> CPUs",
#                                  loads the modules, runs warden.run=NAME
#     /etc/cell-tests.sh           tests/system/linux-cell/cell-tests.sh: the
#                                  actions cell_NAME (boot, shell, uname,
#                                  disk, ...; how to add one is in its header)
#     /bin/busybox                 static arm64; applet links made at boot
#     /lib/modules/<abi>/kernel/   virtio_mmio, virtio_blk, ext4 and what
#                                  they need (modules.dep and softdeps of the
#                                  stock kernel, resolved here with kmod)
#     /lib/modules/<abi>/modules.dep   for busybox's modprobe (depmod -b;
#                                  modules.builtin too)
#     /lib/modules/<abi>/modules.cell  the modules in load order (/init)
#     /lib/modules/warden.ko       the driver: in a cell it answers shutdown
#                                  requests and offers the cell's links; the
#                                  module dkms built from warden-dkms, as the
#                                  root's (scripts/mkdkms.sh, build/dkms)
#     /usr/bin/warden-bench        the timing helper of `make bench` (static;
#                                  the action "bench" runs its workload)
#     /usr/bin/warden-link-ping    the echo protocol over a link (static):
#                                  -e in the cell, the pinger in the root
#   extra.cpio.gz       appended to the root's initramfs (run-qemu.sh
#                       --initrd-extra; a scenario with "# linux-cell: yes"
#                       gets it from tests/system/run.sh), adds to the root:
#     /usr/share/warden/linux/initramfs.cpio.gz   the archive above
#     /usr/share/warden/linux/Image               the stock kernel (the
#                                  root's own, build/Image), uncompressed
#     /usr/share/warden/linux/vmlinuz             the same, gzip -9n
#
# <abi> is the stock kernel's (build/Image -> build/sysroot/boot/vmlinuz-<abi>).
# Each archive is rebuilt only when an input changed (a checksum list of the
# inputs is kept next to it).  The cell's disk is scripts/mkcelldisk.sh's.
#
# Usage: scripts/mkcellinitramfs.sh [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
sysroot=$build/sysroot
outdir=$build/linux-cell
src=$top/tests/system/linux-cell

# shellcheck source=scripts/cpio-lib.sh
. "$top/scripts/cpio-lib.sh"

die() { echo "mkcellinitramfs: error: $*" >&2; exit 1; }

force=0
case "${1:-}" in
--force) force=1 ;;
"") ;;
*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

# The modules /init loads; their dependencies come along.
CELL_MODULES=(virtio_mmio virtio_blk ext4)

busybox=$build/busybox
benchtool=$build/tools/warden-bench
pingtool=$build/tools/warden-link-ping
[ -e "$build/Image" ] || die "$build/Image missing; run scripts/setup.sh first"
[ -e "$busybox" ] || die "$busybox missing; run scripts/setup.sh first"
command -v cpio >/dev/null || die "cpio not installed; run scripts/setup.sh first"
PATH=$PATH:/usr/sbin:/sbin
for t in depmod modprobe; do
	command -v $t >/dev/null || die "$t (kmod) missing; run scripts/setup.sh first"
done

image=$(readlink -f "$build/Image")
abi=$(basename "$image")
abi=${abi#vmlinuz-}
moddir=$sysroot/lib/modules/$abi
[ -s "$moddir/modules.dep" ] ||
	die "no $moddir/modules.dep; run scripts/setup.sh first"
"$top/scripts/mkdkms.sh" || die "dkms did not build warden.ko; the cell loads the module dkms builds"
ko=$build/dkms/lib/modules/$abi/updates/dkms/warden.ko
[ -f "$ko" ] || die "dkms built no warden.ko for $abi (${ko#"$top"/})"

# the modules' files in load order: kmod's own resolution, softdeps included
mods=()
for m in "${CELL_MODULES[@]}"; do
	deps=$(modprobe -d "$sysroot" -S "$abi" --show-depends "$m" 2>&1) ||
		die "kernel $abi: cannot resolve module $m: $deps"
	while read -r verb path _; do
		[ "$verb" = insmod ] || continue	# "builtin NAME": nothing to load
		case " ${mods[*]} " in *" $path "*) ;; *) mods+=("$path") ;; esac
	done <<< "$deps"
done

mkdir -p "$outdir"

# stale OUT INPUT...: true (and the new checksums in $new_sums) if OUT must
# be made again
stale() {
	local out=$1
	shift
	new_sums=$(sha256sum "$@" | sed "s|  $top/|  |")
	[ $force -eq 1 ] || [ ! -f "$out" ] || [ ! -f "$out.inputs" ] ||
		[ "$new_sums" != "$(cat "$out.inputs")" ]
}

# --- the cell's initramfs ----------------------------------------------------
out=$outdir/initramfs.cpio.gz
inputs=("$top/scripts/mkcellinitramfs.sh" "$top/scripts/cpio-lib.sh"
	"$src/init" "$src/cell-tests.sh" "$busybox" "$moddir/modules.dep"
	"$moddir/modules.builtin" "${mods[@]}" "$ko")
[ -e "$benchtool" ] && inputs+=("$benchtool")
[ -e "$pingtool" ] && inputs+=("$pingtool")
if stale "$out" "${inputs[@]}"; then
	stage=$outdir/initramfs
	rm -rf "$stage"
	mkdir -p "$stage"
	(
		cd "$stage"
		mkdir -p bin sbin usr/bin usr/sbin dev proc sys tmp run root mnt etc \
			"lib/modules/$abi"
		install -m 0755 "$(readlink -f "$busybox")" bin/busybox
		ln -s busybox bin/sh
		install -m 0755 "$src/init" init
		install -m 0644 "$src/cell-tests.sh" etc/cell-tests.sh
		install -m 0644 "$ko" lib/modules/warden.ko
		[ -e "$benchtool" ] && install -m 0755 "$benchtool" usr/bin/warden-bench
		[ -e "$pingtool" ] && install -m 0755 "$pingtool" usr/bin/warden-link-ping
		for f in "${mods[@]}"; do
			rel=${f#"$moddir"/}
			install -D -m 0644 "$f" "lib/modules/$abi/$rel"
			basename "$f" .ko >> "lib/modules/$abi/modules.cell"
			echo "$rel" >> "lib/modules/$abi/modules.order"
		done
		# which modules are built in (busybox's modprobe reads it)
		cp "$moddir/modules.builtin" "$moddir/modules.builtin.modinfo" \
			"lib/modules/$abi/"
		depmod -b "$PWD" "$abi" || die "depmod -b $stage $abi failed"
		echo 'root:x:0:0:root:/root:/bin/sh' > etc/passwd
		echo 'root:x:0:' > etc/group
		cat > etc/profile <<-'EOF'
			export PATH=/usr/sbin:/usr/bin:/sbin:/bin
			export HOME=/root
			PS1='linux-cell:\w# '
		EOF
		cpio_pack --console | gzip -9 -n > "$out.tmp"
	)
	mv "$out.tmp" "$out"
	echo "$new_sums" > "$out.inputs"
fi

# --- the root's extra archive ------------------------------------------------
extra=$outdir/extra.cpio.gz
if stale "$extra" "$top/scripts/mkcellinitramfs.sh" "$top/scripts/cpio-lib.sh" \
	"$out" "$image"; then
	stage=$outdir/extra
	rm -rf "$stage"
	mkdir -p "$stage/usr/share/warden/linux"
	(
		cd "$stage"
		d=usr/share/warden/linux
		install -m 0644 "$out" "$d/initramfs.cpio.gz"
		install -m 0644 "$image" "$d/Image"
		gzip -9 -n < "$image" > "$d/vmlinuz"
		cpio_pack | gzip -9 -n > "$extra.tmp"
	)
	mv "$extra.tmp" "$extra"
	echo "$new_sums" > "$extra.inputs"
	rm -rf "$stage"
fi
