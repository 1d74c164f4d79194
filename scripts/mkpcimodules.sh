#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The root's PCI device drivers for the SMMU scenario (issue 19), as a cpio
# archive appended to the test guest's initramfs (run-qemu.sh, when the
# machine has iommu=smmuv3): Debian builds virtio-pci and virtio-blk as
# modules.  Each module and what it needs, in load order (kmod's own
# resolution), as /lib/modules/pci/NN-NAME.ko; the guest insmods them in
# name order (tests/system/lib.sh: pci_modules_load).
#
# Usage: scripts/mkpcimodules.sh OUT.cpio.gz
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
sysroot=$build/sysroot
out=${1:?usage: mkpcimodules.sh OUT.cpio.gz}
MODULES=(virtio_pci virtio_blk)

die() { echo "mkpcimodules: error: $*" >&2; exit 1; }
PATH=$PATH:/usr/sbin:/sbin
command -v modprobe > /dev/null || die "modprobe (kmod) missing; run scripts/setup.sh"
[ -e "$build/Image" ] || die "$build/Image missing; run scripts/setup.sh"
abi=$(basename "$(readlink -f "$build/Image")")
abi=${abi#vmlinuz-}

. "$top/scripts/cpio-lib.sh"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/lib/modules/pci"
n=0
seen=' '
for m in "${MODULES[@]}"; do
	deps=$(modprobe -d "$sysroot" -S "$abi" --show-depends "$m" 2>&1) ||
		die "kernel $abi: cannot resolve module $m: $deps"
	while read -r verb path _; do
		[ "$verb" = insmod ] || continue
		case "$seen" in *" $path "*) continue ;; esac
		seen="$seen$path "
		n=$((n + 1))
		install -m 0644 "$path" \
			"$stage/lib/modules/pci/$(printf %02d $n)-$(basename "$path")"
	done <<< "$deps"
done
(cd "$stage" && cpio_pack) | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
