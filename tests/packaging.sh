#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Packaging tests (issue 21), one PASS/FAIL line each:
#   packaging/version      debian/changelog's version is the CLI's
#   packaging/deb          `make deb` builds warden and warden-dkms
#   packaging/lintian      lintian finds nothing (errors, warnings, infos)
#   packaging/file-list    the packages hold exactly `make install`'s files
#   packaging/dkms-build   the MAKE command of the package's dkms.conf,
#                          against Debian's arm64 headers (build/kdir),
#                          builds the warden.ko the system tests load
#   packaging/unit-verify  systemd-analyze verify accepts warden.service
#   packaging/shellcheck   the scripts the packages install or build with
#   packaging/service/...  warden-service's logic against a fake warden
# Needs `make setup` (packaging tools, kernel headers) and `make all`.
#
# Usage: tests/packaging.sh [--no-deb]   (--no-deb: reuse build/deb/)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

build_deb=1
[ "${1:-}" = --no-deb ] && build_deb=0

pass() { echo "PASS packaging/$*"; }
fail() { echo "FAIL packaging/$1"; [ -z "${2:-}" ] || sed 's/^/    | /' "$2" | head -n "${3:-30}"; }

version=$(sed -n 's/^#define WARDEN_CLI_VERSION "\(.*\)"/\1/p' "$top/tools/warden.h")
deb_version=$(cd "$top" && dpkg-parsechangelog -S Version 2> /dev/null)

# --- version -------------------------------------------------------------------
if [ -n "$version" ] && [ "${deb_version%-*}" = "$version" ]; then
	pass "version ($version)"
else
	echo "debian/changelog: '$deb_version', tools/warden.h: '$version'" > "$tmp/v"
	fail "version: debian/changelog and WARDEN_CLI_VERSION differ" "$tmp/v"
fi

# --- deb -----------------------------------------------------------------------
debdir=$build/deb
deb=$debdir/warden_${deb_version}_arm64.deb
dkmsdeb=$debdir/warden-dkms_${deb_version}_all.deb
if [ $build_deb -eq 1 ]; then
	if make -s -C "$top" --no-print-directory deb > "$tmp/deb.log" 2>&1 &&
		[ -f "$deb" ] && [ -f "$dkmsdeb" ]; then
		pass "deb (make deb: $(basename "$deb"), $(basename "$dkmsdeb"))"
	else
		fail "deb: make deb failed" "$tmp/deb.log" 40
	fi
fi
if [ ! -f "$deb" ] || [ ! -f "$dkmsdeb" ]; then
	fail "deb: no packages in ${debdir#"$top"/}; the other checks need them"
	exit 1
fi

# --- lintian -------------------------------------------------------------------
if ! command -v lintian > /dev/null; then
	fail "lintian: not installed (make setup)"
elif lintian --fail-on error,warning,info "$debdir"/warden_*.changes \
	> "$tmp/lintian" 2>&1 && ! grep -qE '^[EWI]:' "$tmp/lintian"; then
	pass "lintian (no errors, warnings or infos; overrides in debian/*.lintian-overrides)"
else
	fail "lintian: tags found" "$tmp/lintian"
fi

# --- file-list -----------------------------------------------------------------
# The packages' paths against `make install`'s, with the mode of each
# file.  Left out: what debhelper adds (copyright, changelog, lintian
# overrides) and the .gz that dh_compress appends.
root=$tmp/root
mkdir -p "$root/pkg" "$root/inst"
dpkg-deb -x "$deb" "$root/pkg" && dpkg-deb -x "$dkmsdeb" "$root/pkg"
list() { # DIR: "mode path" of each file and symlink
	(cd "$1" && find . ! -type d -printf '%m %p\n') |
		sed -E 's| \./| /|; s/\.gz$//' |
		grep -vE ' /usr/share/doc/warden(-dkms)?/(copyright|changelog(\.Debian)?)$| /usr/share/lintian/overrides/' |
		LC_ALL=C sort
}
if make -s -C "$top" --no-print-directory install DESTDIR="$root/inst" \
	PREFIX=/usr > "$tmp/install.log" 2>&1; then
	list "$root/pkg" > "$tmp/pkg.list"
	list "$root/inst" > "$tmp/inst.list"
	if diff -u "$tmp/inst.list" "$tmp/pkg.list" > "$tmp/list.diff"; then
		pass "file-list ($(wc -l < "$tmp/pkg.list") files, same paths and modes)"
	else
		fail "file-list: the packages and 'make install' differ (- make install, + packages)" "$tmp/list.diff" 40
	fi
else
	fail "file-list: make install failed" "$tmp/install.log"
fi

# --- dkms-build ----------------------------------------------------------------
# DKMS copies /usr/src/<name>-<version> to $dkms_tree/<name>/<version>/build
# and runs MAKE[0] there, with kernel_source_dir the kernel's headers.  The
# arm64 headers are cross-built against here, hence ARCH and CROSS_COMPILE.
kernel_release() {
	sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$build/kdir/include/generated/utsrelease.h"
}
dkms_check() {
	local srcdir conf kdir=$build/kdir ref=$build/driver/warden.ko ko
	srcdir=$(echo "$root"/pkg/usr/src/warden-*)
	conf=$srcdir/dkms.conf
	[ -f "$conf" ] || { echo "no dkms.conf in warden-dkms"; return 1; }
	[ -f "$kdir/Makefile" ] || { echo "no kernel headers in $kdir (make setup)"; return 1; }
	[ -f "$ref" ] || { echo "no $ref (make driver)"; return 1; }
	(
		set -e
		# dkms.conf is shell, sourced by dkms with these set
		# shellcheck disable=SC2034 # used by dkms.conf's MAKE[0]
		kernel_source_dir=$(readlink -f "$kdir")
		dkms_tree=$tmp/dkms
		# shellcheck disable=SC1090
		. "$conf"
		[ "$PACKAGE_VERSION" = "$version" ] ||
			{ echo "dkms.conf: PACKAGE_VERSION $PACKAGE_VERSION, not $version"; exit 1; }
		[ "$AUTOINSTALL" = yes ] || { echo "dkms.conf: AUTOINSTALL is not yes"; exit 1; }
		b=$dkms_tree/$PACKAGE_NAME/$PACKAGE_VERSION/build
		mkdir -p "$b"
		cp -a "$srcdir/." "$b/"
		cd "$b"
		echo "+ ${MAKE[0]}"
		export ARCH=arm64 CROSS_COMPILE MAKEFLAGS=-j2
		eval "${MAKE[0]}"
		ko=$b/${BUILT_MODULE_LOCATION[0]}${BUILT_MODULE_NAME[0]}.ko
		[ -f "$ko" ] || { echo "MAKE[0] built no $ko"; exit 1; }
		echo "$ko" > "$tmp/dkms.ko"
	) || return 1
	ko=$(cat "$tmp/dkms.ko")
	local f a b
	for f in vermagic srcversion name; do
		a=$(modinfo -F "$f" "$ko")
		b=$(modinfo -F "$f" "$ref")
		echo "$f: dkms '$a', system tests '$b'"
		[ -n "$a" ] && [ "$a" = "$b" ] || return 1
	done
	# the headers' kernel, not the host's
	a=$(modinfo -F vermagic "$ko")
	[ "${a%% *}" = "$(kernel_release)" ] ||
		{ echo "vermagic '$a' is not for $(kernel_release)"; return 1; }
}
if dkms_check > "$tmp/dkms.log" 2>&1; then
	pass "dkms-build (dkms.conf's MAKE[0] against the $(kernel_release) headers: same vermagic and srcversion as build/driver/warden.ko)"
else
	fail "dkms-build: dkms.conf's build command did not make the system tests' warden.ko" "$tmp/dkms.log" 40
fi

# --- unit-verify ---------------------------------------------------------------
# In a root holding the package's files and the host's systemd units (for
# the targets the unit names); --man=no: the man pages are not installed
# on the build host.
unit_verify() {
	local vroot=$tmp/vroot unit
	mkdir -p "$vroot/lib/systemd"
	cp -r /lib/systemd/system "$vroot/lib/systemd/" || return 1
	dpkg-deb -x "$deb" "$vroot" || return 1
	unit=$vroot/lib/systemd/system/warden.service
	[ -f "$unit" ] || { echo "warden.service is not in the package"; return 1; }
	systemd-analyze verify --man=no --root="$vroot" "$unit" 2>&1 |
		tee "$tmp/verify.out"
	[ "${PIPESTATUS[0]}" -eq 0 ] && [ ! -s "$tmp/verify.out" ]
}
if ! command -v systemd-analyze > /dev/null; then
	fail "unit-verify: systemd-analyze not installed"
elif unit_verify > "$tmp/verify.log" 2>&1; then
	pass "unit-verify (systemd-analyze verify warden.service)"
else
	fail "unit-verify: systemd-analyze verify refused warden.service" "$tmp/verify.log"
fi

# --- shellcheck ----------------------------------------------------------------
scripts=(tools/warden-service tools/warden.bash-completion scripts/mkdeb.sh
	tests/packaging.sh tests/service.sh)
if ! command -v shellcheck > /dev/null; then
	fail "shellcheck: not installed (make setup)"
elif (cd "$top" && shellcheck "${scripts[@]}") > "$tmp/sc.log" 2>&1; then
	pass "shellcheck (${#scripts[@]} packaging scripts)"
else
	fail "shellcheck: findings in the packaging scripts" "$tmp/sc.log"
fi

# --- service -------------------------------------------------------------------
"$top/tests/service.sh" "$root/pkg/usr/lib/warden/warden-service"
