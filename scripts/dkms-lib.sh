# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Debian's real dkms (the dkms package, extracted by scripts/setup.sh into
# build/dkms-tool) run on a board's root kept under build/ instead of /:
#   ROOT/usr/src/warden-<version>/   warden-dkms unpacked there with
#                                    dpkg-deb -x, as dpkg installs it
#   ROOT/var/lib/dkms/               the DKMS tree (--dkmstree), with the
#                                    module signing key dkms makes there
#   ROOT/lib/modules/<kernel>/       what the kernel's package makes; dkms
#                                    installs into updates/dkms/ (--installtree)
# No root-owned system path is written and depmod is not run (--no-depmod).
# A kernel is named by its headers' directory KDIR, which dkms gets with
# --kernelsourcedir (on a board, /lib/modules/<kernel>/build links there).
# The host's /etc/dkms is still read, as dkms always does.
#
# Away from arm64 the build is a cross build: ARCH and CROSS_COMPILE (the
# headers' Makefile takes both from the environment, so dkms.conf is the
# board's), and `strip` (dkms strips the module's debug info) is the cross
# binutils'.  dkms's root-only actions run under fakeroot for a user.
#
# Sourced by scripts/mkdkms.sh and tests/packaging.sh; needs $build (the
# build directory).

# dkms_release KDIR: the kernel release of the headers in KDIR
dkms_release() {
	sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$1/include/generated/utsrelease.h" 2> /dev/null
}

# dkms_root ROOT DEB: a fresh ROOT with the package DEB (warden-dkms)
# unpacked in it
dkms_root() {
	local root=$1 deb=$2
	rm -rf "$root"
	mkdir -p "$root/var/lib/dkms" "$root/lib/modules" &&
		dpkg-deb -x "$deb" "$root"
}

# dkms_kernel ROOT KDIR: ROOT/lib/modules/<release>, as the kernel's
# package would make it before its hooks call dkms
dkms_kernel() {
	local rel
	rel=$(dkms_release "$2")
	[ -n "$rel" ] || { echo "dkms: no kernel headers in $2 (make setup)" >&2; return 1; }
	mkdir -p "$1/lib/modules/$rel"
}

# dkms_module ROOT KDIR: where dkms installs warden.ko for that kernel
dkms_module() {
	echo "$1/lib/modules/$(dkms_release "$2")/updates/dkms/warden.ko"
}

# dkms_run ROOT KDIR ACTION [ARG...]: `dkms ACTION ARG...` on ROOT, for
# the kernel whose headers are KDIR ("" for none: add, status)
dkms_run() {
	local root=$1 kdir=$2 dkms=${build:?}/dkms-tool/usr/sbin/dkms rel
	shift 2
	[ -f "$dkms" ] || { echo "dkms: no $dkms (make setup)" >&2; return 1; }
	local args=(--dkmstree "$root/var/lib/dkms" --sourcetree "$root/usr/src"
		--installtree "$root/lib/modules" --no-depmod)
	local env=()
	if [ -n "$kdir" ]; then
		kdir=$(readlink -f "$kdir")
		rel=$(dkms_release "$kdir")
		[ -n "$rel" ] || { echo "dkms: no kernel headers in $kdir (make setup)" >&2; return 1; }
		args+=(-k "$rel/aarch64" --kernelsourcedir "$kdir")
		# dkms signs the module as on a board: with the kbuild's
		# sign-file (its fallback, /lib/modules/<kernel>/build/scripts/
		# sign-file) and a key it makes in the DKMS tree (Debian's
		# default is /var/lib/dkms/mok.key and mok.pub)
		env+=(sign_file="$kdir/scripts/sign-file"
			mok_signing_key="$root/var/lib/dkms/mok.key"
			mok_certificate="$root/var/lib/dkms/mok.pub")
	fi
	if [ "$(uname -m)" != aarch64 ]; then
		local cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
		mkdir -p "$root/.cross-bin"
		printf '#!/bin/sh\nexec %sstrip "$@"\n' "$cross" > "$root/.cross-bin/strip"
		chmod 0755 "$root/.cross-bin/strip"
		env+=(ARCH=arm64 CROSS_COMPILE="$cross" PATH="$root/.cross-bin:$PATH")
	fi
	local pre=()
	case "$1" in
	install | uninstall | autoinstall)
		[ "$(id -u)" -eq 0 ] || pre=(fakeroot)
		;;
	esac
	echo "+ dkms $*" >&2
	"${pre[@]}" env "${env[@]}" bash "$dkms" "$@" "${args[@]}"
}
