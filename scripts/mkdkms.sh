#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest's warden.ko, built by Debian's real dkms from the warden-dkms
# package as on a board (issue 21): the package unpacked into a private root,
# build/dkms (scripts/dkms-lib.sh), then `dkms add`, `dkms build` and `dkms
# install` for the kernel of build/kdir, the one the system tests boot.
# scripts/mkinitramfs.sh and scripts/mkcellinitramfs.sh put the module dkms
# installed, build/dkms/lib/modules/<kernel>/updates/dkms/warden.ko, into
# the guests, so a dkms.conf that does not build fails the system tests.
# (build/driver/warden.ko, from `make driver`, is the developer's quick
# build; tests/packaging.sh checks that the two are the same module.)
#
# The packages are made first if stale (scripts/mkdeb.sh --if-stale).  The
# root is made again only when an input changed (a checksum list of the
# inputs is kept beside it) or with --force; tests/packaging.sh's
# dkms-abi-change adds a second kernel to it afterwards.  dkms's output
# goes to build/dkms.log.
#
# Usage: scripts/mkdkms.sh [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
root=$build/dkms
sums=$build/dkms.inputs
log=$build/dkms.log
kdir=$build/kdir

# shellcheck source=scripts/dkms-lib.sh
. "$top/scripts/dkms-lib.sh"

die() { echo "mkdkms: error: $*" >&2; exit 1; }

force=0
case "${1:-}" in
--force) force=1 ;;
"") ;;
*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

rel=$(dkms_release "$kdir")
[ -n "$rel" ] || die "no kernel headers in $kdir; run scripts/setup.sh first"
tool=$build/dkms-tool/usr/sbin/dkms
[ -f "$tool" ] || die "no $tool; run scripts/setup.sh first"

"$top/scripts/mkdeb.sh" --if-stale > /dev/null ||
	die "make deb failed; the module comes from the warden-dkms package"
version=$(cd "$top" && dpkg-parsechangelog -S Version)
deb=$build/deb/warden-dkms_${version}_all.deb
[ -f "$deb" ] || die "no $deb after make deb"

ko=$(dkms_module "$root" "$kdir")
inputs=("$deb" "$top/scripts/mkdkms.sh" "$top/scripts/dkms-lib.sh" "$tool"
	"$kdir/include/generated/utsrelease.h" "$kdir/Module.symvers")
new_sums=$(sha256sum "${inputs[@]}" | sed "s|  $top/|  |")
if [ $force -eq 0 ] && [ -f "$ko" ] && [ -f "$sums" ] &&
	[ "$new_sums" = "$(cat "$sums")" ]; then
	exit 0
fi

rm -f "$sums"
pkgver=${version%-*}
echo "mkdkms: dkms add, build, install warden/$pkgver for $rel (log: ${log#"$top"/})"
if ! {
	dkms_root "$root" "$deb" &&
		dkms_kernel "$root" "$kdir" &&
		dkms_run "$root" "" add "warden/$pkgver" &&
		dkms_run "$root" "$kdir" build "warden/$pkgver" &&
		dkms_run "$root" "$kdir" install "warden/$pkgver" &&
		dkms_run "$root" "" status
} > "$log" 2>&1; then
	tail -n 30 "$log" >&2
	make_log=$(find "$root/var/lib/dkms" -name make.log 2> /dev/null | head -n 1)
	[ -z "$make_log" ] || tail -n 30 "$make_log" >&2
	die "dkms did not build and install warden.ko for $rel (log: $log)"
fi
[ -f "$ko" ] || die "dkms installed no $ko (log: $log)"
echo "$new_sums" > "$sums"
