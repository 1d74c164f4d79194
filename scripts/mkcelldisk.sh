#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build a Linux cell's disk: build/linux-cell/disk.img, an 8 MiB raw ext4
# image (mke2fs -d, no root needed) of the files in
# tests/system/linux-cell/disk/ (/hello.txt: "warden virtio-blk disk: hello
# from the host").  A scenario with "# disk: cell" boots with it as a
# virtio-mmio block device (tests/system/run.sh, run-qemu.sh --disk;
# snapshot=on, so the image stays as built): QEMU's first virtio-mmio
# transport, 0x0a003e00 on SPI 47.  The root loads no virtio driver; the
# cell's kernel mounts it with the modules of scripts/mkcellinitramfs.sh
# (warden.run=disk).
#
# The image is the same bytes for the same files (fixed UUID, hash seed and
# time) and is rebuilt only when an input changed.
#
# Usage: scripts/mkcelldisk.sh [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
out=$build/linux-cell/disk.img
content=$top/tests/system/linux-cell/disk

die() { echo "mkcelldisk: error: $*" >&2; exit 1; }

force=0
case "${1:-}" in
--force) force=1 ;;
"") ;;
*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

PATH=$PATH:/usr/sbin:/sbin
command -v mke2fs >/dev/null || die "mke2fs (e2fsprogs) missing; run scripts/setup.sh first"

mapfile -t files < <(find "$content" -type f | LC_ALL=C sort)
new_sums=$(sha256sum "$top/scripts/mkcelldisk.sh" "${files[@]}" | sed "s|  $top/|  |")
if [ $force -eq 0 ] && [ -f "$out" ] && [ -f "$out.inputs" ] &&
	[ "$new_sums" = "$(cat "$out.inputs")" ]; then
	exit 0
fi

mkdir -p "$(dirname "$out")"
rm -f "$out.tmp"
E2FSPROGS_FAKE_TIME=1700000000 mke2fs -q -F -t ext4 -L warden-cell \
	-U 5741524b-454e-4345-4c4c-4449534b0001 \
	-E hash_seed=5741524b-454e-4345-4c4c-4449534b0002,root_owner=0:0 \
	-d "$content" "$out.tmp" 8M > /dev/null || die "mke2fs failed"
mv "$out.tmp" "$out"
echo "$new_sums" > "$out.inputs"
