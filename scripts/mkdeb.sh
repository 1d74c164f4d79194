#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make deb: the Debian packages warden (arm64) and warden-dkms (all),
# cross-built with dpkg-buildpackage from a copy of the source tree (the
# files git tracks, and new ones it does not ignore), so that the build
# neither cleans nor reuses this tree's build/ and its outputs stay out of
# the parent directory.  Results in build/deb/: the .deb files, .changes
# and .buildinfo.
#
# --if-stale: only if a package is missing or a source it is built from
# (the module's included: warden-dkms ships it) is newer; the guest's
# initramfs (scripts/mkinitramfs.sh) and its DKMS-built module
# (scripts/mkdkms.sh) ask for that.
#
# Usage: scripts/mkdeb.sh [--if-stale]   (DEB_HOST_ARCH=arm64, MKDEB_JOBS=2
#                                         by default)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
out=$build/deb
arch=${DEB_HOST_ARCH:-arm64}
jobs=${MKDEB_JOBS:-2}

die() { echo "mkdeb: error: $*" >&2; exit 1; }

command -v dpkg-buildpackage > /dev/null ||
	die "dpkg-buildpackage missing; run 'make setup'"
version=$(cd "$top" && dpkg-parsechangelog -S Version) ||
	die "cannot read the version from debian/changelog"
src=$out/warden-$version

# newer FILE: a source of the packages newer than FILE, if any
newer() {
	(cd "$top" && {
		find hypervisor lib include tools configs inmates debian Makefile \
			install.mk docs/install.md scripts/mkdeb.sh -type f -newer "$1"
		find driver -maxdepth 1 -type f \( -name '*.[ch]' ! -name '*.mod.c' \
			-o -name Kbuild -o -name dkms.conf.in \) -newer "$1"
	} 2> /dev/null | head -n 1)
}

if [ "${1:-}" = --if-stale ]; then
	stale=0
	for f in "$out/warden_${version}_$arch.deb" "$out/warden-dkms_${version}_all.deb"; do
		if [ ! -f "$f" ] || [ -n "$(newer "$f")" ]; then
			stale=1
		fi
	done
	[ $stale -eq 1 ] || exit 0
	echo "mkdeb: making the packages (missing, or a source is newer)" >&2
elif [ $# -gt 0 ]; then
	echo "usage: $0 [--if-stale]" >&2
	exit 2
fi

rm -rf "$out"
mkdir -p "$src"
# The tree as a source package would have it.
(cd "$top" && git ls-files -co --exclude-standard -z |
	while IFS= read -r -d '' f; do
		# the index still lists files deleted from the work tree
		[ -e "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -cf -) | tar -xf - -C "$src" ||
	die "cannot copy the source tree to $src"

echo "mkdeb: dpkg-buildpackage -a$arch in ${src#"$top"/}"
(cd "$src" && dpkg-buildpackage -a"$arch" -b -us -uc -j"$jobs") \
	> "$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	die "dpkg-buildpackage failed (log: ${out#"$top"/}/build.log)"
}
rm -rf "$src"
ls "$out"/*.deb
