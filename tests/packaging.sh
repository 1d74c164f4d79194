#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Packaging tests (issue 21), one PASS/FAIL line each:
#   packaging/version      debian/changelog's version is the CLI's
#   packaging/deb          `make deb` builds warden and warden-dkms
#   packaging/lintian      lintian finds nothing (errors, warnings, infos)
#   packaging/file-list    the packages hold exactly `make install`'s files
#   packaging/dkms-build   Debian's dkms (build/dkms-tool) adds, builds and
#                          installs the package's module for Debian's arm64
#                          headers (build/kdir) in a private root (build/dkms):
#                          the warden.ko the system tests load, the same as
#                          build/driver/warden.ko
#   packaging/dkms-abi-change  dkms autoinstall for a second kernel ABI
#                          (build/kdir-abi2) rebuilds it for that kernel
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
# Debian's real dkms (build/dkms-tool) on a private root, build/dkms: the
# warden-dkms package unpacked there, then dkms add, build and install for
# the kernel of build/kdir (scripts/mkdkms.sh, which makes the module the
# system tests' guests load; scripts/dkms-lib.sh).  That module must be
# build/driver/warden.ko's twin: same vermagic and srcversion (the same
# sources, for the same kernel), signed as dkms signs on a board.
# shellcheck source=scripts/dkms-lib.sh
. "$top/scripts/dkms-lib.sh"
kdir=$build/kdir
kdir2=$build/kdir-abi2
dkmsroot=$build/dkms
release=$(dkms_release "$kdir")
release2=$(dkms_release "$kdir2")
pkgver=${deb_version%-*}
# modinfo_is KO FIELD VALUE
modinfo_is() {
	local v
	v=$(modinfo -F "$2" "$1")
	echo "$2: '$v'"
	[ "$v" = "$3" ]
}
dkms_check() {
	local ref=$build/driver/warden.ko ko f
	[ -n "$release" ] || { echo "no kernel headers in $kdir (make setup)"; return 1; }
	[ -f "$ref" ] || { echo "no $ref (make driver)"; return 1; }
	# dh_dkms's maintainer scripts name the module by dkms.conf's
	# PACKAGE_VERSION: the package's
	f=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$root/pkg/usr/src/warden-$pkgver/dkms.conf")
	[ "$f" = "$pkgver" ] || { echo "dkms.conf: PACKAGE_VERSION '$f', not $pkgver"; return 1; }
	"$top/scripts/mkdkms.sh" --force || { cat "$build/dkms.log"; return 1; }
	cat "$build/dkms.log"
	ko=$(dkms_module "$dkmsroot" "$kdir")
	[ -f "$ko" ] || { echo "dkms installed no $ko"; return 1; }
	dkms_run "$dkmsroot" "" status > "$tmp/status" || return 1
	grep -qx "warden/$pkgver, $release, aarch64: installed" "$tmp/status" ||
		{ echo "dkms status does not say installed for $release"; return 1; }
	for f in vermagic srcversion name; do
		modinfo_is "$ko" "$f" "$(modinfo -F "$f" "$ref")" || return 1
	done
	# the headers' kernel, not the host's
	modinfo_is "$ko" vermagic "$release SMP mod_unload modversions aarch64" &&
		modinfo_is "$ko" signer "DKMS module signing key"
}
if dkms_check > "$tmp/dkms.log" 2>&1; then
	pass "dkms-build (dkms add, build, install for $release from warden-dkms: same vermagic and srcversion as build/driver/warden.ko, signed by dkms)"
else
	fail "dkms-build: dkms did not build the system tests' warden.ko" "$tmp/dkms.log" 40
fi

# --- dkms-abi-change -----------------------------------------------------------
# A kernel ABI change, as from a Debian point release: the new kernel's
# package makes /lib/modules/<kernel>, and its headers' hook runs `dkms
# autoinstall --kernelver <kernel>`, which builds and installs every
# AUTOINSTALL module for it.  Here the second ABI's headers (build/kdir-abi2)
# on dkms-build's root; warden.ko for the first kernel stays.
dkms_abi_check() {
	local ko
	[ -n "$release2" ] || { echo "no second ABI's headers in $kdir2 (make setup)"; return 1; }
	[ "$release2" != "$release" ] || { echo "$kdir2 is $release again"; return 1; }
	[ -f "$(dkms_module "$dkmsroot" "$kdir")" ] || { echo "needs dkms-build's root"; return 1; }
	dkms_kernel "$dkmsroot" "$kdir2" && dkms_run "$dkmsroot" "$kdir2" autoinstall || return 1
	dkms_run "$dkmsroot" "" status | tee "$tmp/status2"
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	if ! grep -qx "warden/$pkgver, $release2, aarch64: installed" "$tmp/status2" ||
		! grep -qx "warden/$pkgver, $release, aarch64: installed" "$tmp/status2"; then
		echo "dkms status does not say installed for both kernels"
		return 1
	fi
	ko=$(dkms_module "$dkmsroot" "$kdir2")
	[ -f "$ko" ] || { echo "dkms installed no $ko"; return 1; }
	modinfo_is "$ko" vermagic "$release2 SMP mod_unload modversions aarch64" &&
		modinfo_is "$ko" srcversion "$(modinfo -F srcversion "$(dkms_module "$dkmsroot" "$kdir")")"
}
if dkms_abi_check > "$tmp/dkms2.log" 2>&1; then
	pass "dkms-abi-change (dkms autoinstall for $release2 beside $release: rebuilt, vermagic $release2)"
else
	fail "dkms-abi-change: dkms autoinstall did not rebuild warden.ko for ${release2:-the second ABI}" "$tmp/dkms2.log" 40
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
	scripts/mkdkms.sh scripts/dkms-lib.sh scripts/mksysdguest.sh
	tests/packaging.sh tests/service.sh)
if ! command -v shellcheck > /dev/null; then
	fail "shellcheck: not installed (make setup)"
elif (cd "$top" && shellcheck -x "${scripts[@]}") > "$tmp/sc.log" 2>&1; then
	pass "shellcheck (${#scripts[@]} packaging scripts)"
else
	fail "shellcheck: findings in the packaging scripts" "$tmp/sc.log"
fi

# --- service -------------------------------------------------------------------
"$top/tests/service.sh" "$root/pkg/usr/lib/warden/warden-service"
