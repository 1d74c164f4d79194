#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Idempotent testbed setup: host packages, then Debian's stock arm64 kernel,
# its headers, the host kbuild tools and a static arm64 busybox, fetched with
# `apt-get download` into a cache outside the clone and extracted under
# build/sysroot.  A second run is a no-op that prints the resolved versions.
#
# The kernel package ships no modules.dep (its postinst would make one), so
# depmod (kmod) writes it here: scripts/mkcellinitramfs.sh resolves the
# Linux cell's modules from it.  e2fsprogs makes the cell's disk image.
#
# DKMS (issue 21): Debian's dkms package, extracted into build/dkms-tool
# (scripts/dkms-lib.sh runs its dkms script on a private root: the guest's
# warden.ko is the module it builds), and the headers of a second kernel
# ABI of the same series into build/sysroot-abi2 (build/kdir-abi2), for
# tests/packaging.sh's ABI change.  The second ABI is the one the other
# linux-headers-arm64 version in the mirror names (Debian's point release
# beside its security update), else the newest other ABI of the series.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/warden
sysroot=$build/sysroot
sysroot2=$build/sysroot-abi2
dkms_tool=$build/dkms-tool
stamp_pkgs=$cache/.host-packages-v7

HOST_PKGS=(qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	   device-tree-compiler cpio make gcc clang-format clang-tidy cppcheck python3
	   bc flex bison libssl-dev libelf-dev clang libclang-rt-14-dev
	   gnuplot-nox kmod e2fsprogs gzip groff man-db openssl)
# make deb and its tests (issue 21): the Debian tools, the cross-build
# essentials, dh-dkms, systemd-analyze (systemd), shellcheck; fakeroot
# also runs dkms's root-only actions for a user; openssl (above) makes
# dkms's module signing key.  Not the dkms package: the tests run the copy
# in build/dkms-tool, and the host's kernel hooks stay untouched.
PKG_PKGS=(dpkg-dev debhelper dh-dkms lintian fakeroot
	  crossbuild-essential-arm64 systemd shellcheck)

die() { echo "setup: error: $*" >&2; exit 1; }
log() { echo "setup: $*"; }

sudo_if() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_update() {
	[ $apt_updated -eq 1 ] && return 0
	sudo_if apt-get update -q >/dev/null || die "apt-get update failed (no access to the Debian mirror?)"
	apt_updated=1
}

# missing PKG...: those of PKG that are not installed
missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
	done
}

install_host_packages() {
	local missing=() missing_pkg=()
	mapfile -t missing < <(missing "${HOST_PKGS[@]}")
	mapfile -t missing_pkg < <(missing "${PKG_PKGS[@]}")
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		log "enabling arm64 multiarch"
		sudo_if dpkg --add-architecture arm64
		apt_updated=0
		apt_update
	fi
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		apt_update
		sudo_if env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
			die "apt-get install ${missing[*]} failed"
	fi
	if [ ${#missing_pkg[@]} -gt 0 ]; then
		log "installing ${missing_pkg[*]} (packaging)"
		apt_update
		sudo_if env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${missing_pkg[@]}" >/dev/null ||
			die "apt-get install ${missing_pkg[*]} failed"
	fi
}

# The ABI moves with each Debian security update, so ask the metapackage.
resolve_abi() {
	local dep
	dep=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\([0-9.]*-[0-9]*\)-arm64.*/\1/p' | head -n1)
	if [ -z "$dep" ]; then
		apt_update
		dep=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
			sed -n 's/.*Depends: linux-image-\([0-9.]*-[0-9]*\)-arm64.*/\1/p' | head -n1)
	fi
	[ -n "$dep" ] || die "cannot resolve the kernel ABI from linux-image-arm64:arm64"
	local hdr
	hdr=$(apt-cache depends linux-headers-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: linux-headers-\([0-9.]*-[0-9]*\)-arm64.*/\1/p' | head -n1)
	[ "$hdr" = "$dep" ] || die "linux-image-arm64 ($dep) and linux-headers-arm64 ($hdr) disagree; retry after the mirror settles"
	echo "$dep"
}

# resolve_abi2 ABI: another ABI of ABI's series (6.1.0-N) whose arm64
# headers the mirror has, or nothing
resolve_abi2() {
	local abi=$1 series=${1%-*} a
	# every version of the metapackage in one call (apt-cache is slow)
	for a in $(apt-cache show linux-headers-arm64:arm64 2> /dev/null |
		sed -n 's/^Depends: .*linux-headers-\([0-9.]*-[0-9]*\)-arm64.*/\1/p'); do
		if [ "$a" != "$abi" ] && [ "${a%-*}" = "$series" ]; then
			echo "$a"
			return 0
		fi
	done
	apt-cache pkgnames "linux-headers-$series-" 2> /dev/null |
		sed -n "s/^linux-headers-\($series-[0-9]*\)-arm64\$/\1/p" |
		grep -vx "$abi" | sort -t- -k2,2nr | head -n1
}

# fix_headers ROOT ABI: the arm64 headers extracted under ROOT build
# there: their Makefile includes the common tree by absolute path (made
# ROOT's, also when build/ was copied from another clone), and kbuild's
# absolute symlinks to /usr/... point into ROOT
fix_headers() {
	local root=$1 abi=$2 hmk l t
	hmk=$root/usr/src/linux-headers-$abi-arm64/Makefile
	[ -f "$hmk" ] || die "headers not found after extraction: $hmk"
	if ! grep -qx "include $root/usr/src/linux-headers-$abi-common/Makefile" "$hmk"; then
		sed -i "s|^include .*/usr/src/linux-headers-$abi-common/Makefile\$|include $root/usr/src/linux-headers-$abi-common/Makefile|" "$hmk"
	fi
	while read -r l; do
		t=$(readlink "$l")
		case "$t" in /usr/*) ln -sfn "$root$t" "$l" ;; esac
	done < <(find "$root/usr/src" -maxdepth 2 -type l)
}

# download PKG into DIR unless a .deb for it is already there
fetch() {
	local pkg=$1 dir=$2 name=${1%%:*}
	if ls "$dir/${name}_"*.deb >/dev/null 2>&1; then
		return 0
	fi
	log "downloading $pkg"
	(cd "$dir" && apt-get download -q "$pkg" >/dev/null 2>&1) ||
		{ apt_update; (cd "$dir" && apt-get download -q "$pkg" >/dev/null) ||
			die "apt-get download $pkg failed; check the Debian mirror and arm64 multiarch"; }
}

main() {
	mkdir -p "$cache" "$build"
	if [ ! -f "$stamp_pkgs" ] || ! command -v aarch64-linux-gnu-gcc >/dev/null ||
		! command -v qemu-system-aarch64 >/dev/null ||
		! command -v dpkg-buildpackage >/dev/null ||
		! command -v groff >/dev/null; then
		install_host_packages
		touch "$stamp_pkgs"
	fi

	local abi
	abi=$(resolve_abi)
	local kver=${abi%-*}
	kver=${kver%.*}	# 6.1
	local debs=$cache/$abi
	mkdir -p "$debs"
	fetch "linux-image-$abi-arm64-unsigned:arm64" "$debs"
	fetch "linux-headers-$abi-arm64:arm64" "$debs"
	fetch "linux-headers-$abi-common" "$debs"
	fetch "linux-kbuild-$kver" "$debs"
	fetch "busybox-static:arm64" "$debs"

	if [ ! -f "$sysroot/.abi" ] || [ "$(cat "$sysroot/.abi")" != "$abi" ]; then
		log "extracting into $sysroot"
		rm -rf "$sysroot"
		mkdir -p "$sysroot"
		local d
		for d in "$debs"/*.deb; do
			dpkg-deb -x "$d" "$sysroot"
		done
		echo "$abi" > "$sysroot/.abi"
	fi
	fix_headers "$sysroot" "$abi"
	# modules.dep, modules.alias, ... for the extracted modules (kept apart
	# from the .abi stamp so that a sysroot extracted before this step
	# gets them too)
	if [ ! -s "$sysroot/lib/modules/$abi-arm64/modules.dep" ]; then
		command -v depmod >/dev/null || [ -x /usr/sbin/depmod ] ||
			die "depmod missing; install kmod"
		log "depmod for $abi-arm64"
		PATH=$PATH:/usr/sbin:/sbin depmod -b "$sysroot" "$abi-arm64" ||
			die "depmod -b $sysroot $abi-arm64 failed"
	fi
	ln -sfn "$sysroot/boot/vmlinuz-$abi-arm64" "$build/Image"
	ln -sfn "$sysroot/usr/src/linux-headers-$abi-arm64" "$build/kdir"
	ln -sfn "$sysroot/bin/busybox" "$build/busybox"
	[ -f "$build/Image" ] || die "kernel image missing: $build/Image"
	setup_dkms "$kver"
	setup_abi2 "$abi" "$kver"
	log "ready: kernel $abi, headers $build/kdir"
}

# Debian's dkms, extracted into build/dkms-tool (its script runs from
# there: scripts/dkms-lib.sh)
setup_dkms() {
	local d=$cache/dkms deb found
	mkdir -p "$d"
	fetch dkms "$d"
	found=("$d"/dkms_*.deb)
	deb=${found[-1]}
	if [ "$(cat "$dkms_tool/.deb" 2> /dev/null)" != "${deb##*/}" ]; then
		log "extracting ${deb##*/} into $dkms_tool"
		rm -rf "$dkms_tool"
		mkdir -p "$dkms_tool"
		dpkg-deb -x "$deb" "$dkms_tool"
		[ -f "$dkms_tool/usr/sbin/dkms" ] || die "no usr/sbin/dkms in $deb"
		echo "${deb##*/}" > "$dkms_tool/.deb"
	fi
}

# The second ABI's arm64 headers in build/sysroot-abi2, with the first
# ABI's kbuild (one linux-kbuild-<series> serves every ABI of a series,
# as on a Debian system), linked to build/kdir-abi2.  Without one in the
# mirror, a warning: only packaging/dkms-abi-change needs it.
setup_abi2() {
	local abi=$1 kver=$2 abi2 debs
	abi2=$(resolve_abi2 "$abi")
	if [ -z "$abi2" ]; then
		log "warning: no second $kver ABI in the mirror; packaging/dkms-abi-change will fail"
		rm -f "$build/kdir-abi2"
		return 0
	fi
	debs=$cache/$abi2
	mkdir -p "$debs"
	fetch "linux-headers-$abi2-arm64:arm64" "$debs"
	fetch "linux-headers-$abi2-common" "$debs"
	if [ ! -f "$sysroot2/.abi" ] || [ "$(cat "$sysroot2/.abi")" != "$abi2" ]; then
		log "extracting the $abi2 headers into $sysroot2"
		rm -rf "$sysroot2"
		mkdir -p "$sysroot2/usr/lib"
		local d
		for d in "$debs/linux-headers-$abi2-arm64_"*.deb \
			"$debs/linux-headers-$abi2-common_"*.deb; do
			dpkg-deb -x "$d" "$sysroot2"
		done
		echo "$abi2" > "$sysroot2/.abi"
	fi
	ln -sfn "$sysroot/usr/lib/linux-kbuild-$kver" "$sysroot2/usr/lib/linux-kbuild-$kver"
	fix_headers "$sysroot2" "$abi2"
	ln -sfn "$sysroot2/usr/src/linux-headers-$abi2-arm64" "$build/kdir-abi2"
}

main "$@"
