#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build build/systemd-guest/extra.cpio.gz: Debian's arm64 systemd and dpkg,
# added to the test guest (run-qemu.sh --initrd-extra; a scenario with
# "# guest: systemd" gets it from tests/system/run.sh, and rdinit= on the
# kernel command line), so that warden.service runs under a real systemd
# as PID 1 and the package is installed with a real `dpkg -i` (issue 21).
#
# The packages are Debian's own, for arm64: systemd, dpkg, kmod, bash and
# init-system-helpers (deb-systemd-helper, which the package's maintainer
# scripts call), with everything they depend on.  apt resolves the closure
# as for an empty arm64 system and downloads it (apt-get --download-only,
# into a cache outside the clone: $XDG_CACHE_HOME/warden/systemd-guest).
# Each package is unpacked with dpkg-deb -x (docs, man pages and locales
# left out) and registered as installed in /var/lib/dpkg/status, as a
# board image built from packages would have it.  Their maintainer scripts
# are not run (they are arm64 programs, and this host is not): what they
# would make and a boot needs is written here instead (the users and groups
# systemd's files name, /etc/machine-id).
#
# Added to the guest (the base image, scripts/mkinitramfs.sh, already holds
# Warden's files, unpacked from the warden package):
#   /sbin/warden-sysinit         rdinit=: busybox's applet links for what the
#                                packages do not have, /etc/warden/system.cell
#                                and /etc/warden/cells for the GIC, then exec
#                                systemd
#   /etc/systemd/system/warden-test.service   runs warden.scenario= after
#                                warden.service, on the console, then powers
#                                off through systemd (which stops Warden)
#   /etc/systemd/system/warden-test-shutdown.service   ordered before
#                                warden.service, so stopped after it at
#                                power-off: prints what Warden's sysfs says
#   multi-user.target.wants/warden.service   the unit enabled, as the
#                                package's postinst enables it
#   /root/warden_<version>_arm64.deb          for `dpkg -i` in the scenario
#   /lib/modules/<kernel>/updates/dkms/warden.ko   where dkms installs the
#                                module, with modules.dep (host depmod), so
#                                that warden-service's modprobe finds it
#
# Rebuilt only when an input changed.  Usage: scripts/mksysdguest.sh [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
dir=$build/systemd-guest
out=$dir/extra.cpio.gz
sums=$dir/extra.inputs
stage=$dir/root
cache=${XDG_CACHE_HOME:-$HOME/.cache}/warden/systemd-guest

# shellcheck source=scripts/cpio-lib.sh
. "$top/scripts/cpio-lib.sh"
# shellcheck source=scripts/dkms-lib.sh
. "$top/scripts/dkms-lib.sh"

die() { echo "mksysdguest: error: $*" >&2; exit 1; }

force=0
case "${1:-}" in
--force) force=1 ;;
"") ;;
*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

# The packages asked for; apt adds what they depend on.  Essential ones
# are named by no package, so they are asked for here: perl-base
# (deb-systemd-helper is Perl) and libc-bin (dpkg wants ldconfig in its
# $PATH).  init-system-helpers' "usrmerge | usr-is-merged" is met by
# usr-is-merged: apt would take usrmerge, and with it all of Perl.
PKGS=(systemd dpkg kmod bash init-system-helpers perl-base usr-is-merged libc-bin)

version=$(cd "$top" && dpkg-parsechangelog -S Version) ||
	die "cannot read the version from debian/changelog"
deb=$build/deb/warden_${version}_arm64.deb
[ -f "$deb" ] || die "no $deb (scripts/mkinitramfs.sh makes it first)"
ko=$(dkms_module "$build/dkms" "$build/kdir")
[ -f "$ko" ] || die "no $ko (scripts/mkdkms.sh)"
kernel=$(dkms_release "$build/kdir")
kmods=$build/sysroot/lib/modules/$kernel
[ -f "$kmods/modules.builtin" ] || die "no $kmods/modules.builtin (make setup)"

# apt_arm64 ARGS...: apt-get as on an empty arm64 system whose packages
# are downloaded to $cache/debs
apt_arm64() {
	mkdir -p "$cache/debs/partial" "$cache/state"
	: > "$cache/state/status"
	apt-get -q -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
		-o Dir::State::status="$cache/state/status" \
		-o Dir::Cache::archives="$cache/debs" -o Debug::NoLocking=1 \
		-o APT::Sandbox::User=root \
		--no-install-recommends "$@"
}

# closure: the packages' names and versions, as apt resolves them
closure() {
	apt_arm64 -s install "${PKGS[@]}" 2> /dev/null |
		sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1_\2/p'
}

# deb_glob NAME_VERSION: the file apt downloads it to (an epoch's colon
# is %3a in the name)
deb_glob() {
	local v=${1#*_}
	echo "$cache/debs/${1%%_*}_${v//:/%3a}_*.deb"
}

# fetch: every package of the closure in $cache/debs; printed, one per line
fetch() {
	local want missing=0 f p
	want=$(closure)
	[ -n "$want" ] || return 1
	for p in $want; do
		compgen -G "$(deb_glob "$p")" > /dev/null || missing=1
	done
	if [ $missing -eq 1 ]; then
		apt_arm64 -y --download-only install "${PKGS[@]}" > /dev/null || return 1
	fi
	for p in $want; do
		f=$(compgen -G "$(deb_glob "$p")" | head -n 1)
		[ -n "$f" ] || { echo "mksysdguest: apt did not download $p" >&2; return 1; }
		echo "$f"
	done
}

debs=$(fetch) || {
	echo "mksysdguest: apt-get update, then again" >&2
	apt-get update -q > /dev/null 2>&1 || true
	debs=$(fetch) || die "cannot download ${PKGS[*]} for arm64 (Debian mirror, arm64 multiarch: make setup)"
}
[ -n "$debs" ] || die "apt resolved no packages for ${PKGS[*]}"

inputs=("$top/scripts/mksysdguest.sh" "$top/scripts/cpio-lib.sh" "$deb" "$ko")
new_sums=$( (sha256sum "${inputs[@]}"; echo "$debs" | xargs -n1 basename) |
	sed "s|  $top/|  |")
if [ $force -eq 0 ] && [ -f "$out" ] && [ -f "$sums" ] &&
	[ "$new_sums" = "$(cat "$sums")" ]; then
	exit 0
fi

rm -rf "$stage"
mkdir -p "$stage/var/lib/dpkg/info" "$stage/var/lib/dpkg/updates" \
	"$stage/var/lib/dpkg/triggers" "$stage/var/lib/dpkg/alternatives"
: > "$stage/var/lib/dpkg/available"
status=$stage/var/lib/dpkg/status
: > "$status"

# Each package unpacked and registered (without docs, man pages, locales
# and iconv's character sets, as a minimal image leaves them out).
# Multi-Arch: same packages are named with their architecture in dpkg's
# info directory.
for d in $debs; do
	dpkg-deb --fsys-tarfile "$d" |
		tar -x -C "$stage" --no-same-owner \
			--exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' \
			--exclude='./usr/share/locale/*' --exclude='./usr/share/info/*' \
			--exclude='./usr/lib/aarch64-linux-gnu/gconv/*' ||
		die "cannot unpack $d"
	name=$(dpkg-deb -f "$d" Package)
	[ "$(dpkg-deb -f "$d" Multi-Arch)" = same ] && name=$name:arm64
	{
		dpkg-deb -f "$d" | sed '/^Package:/a Status: install ok installed'
		echo
	} >> "$status"
	dpkg-deb --fsys-tarfile "$d" | tar -t |
		sed 's|^\./|/|; s|/$||; s|^$|/.|' > "$stage/var/lib/dpkg/info/$name.list"
done

# Every library the main programs need is there (a package apt did not
# give would otherwise show only as a panic of PID 1 in the guest).
for exe in lib/systemd/systemd bin/systemctl usr/bin/dpkg bin/bash bin/kmod \
	usr/bin/perl; do
	[ -f "$stage/$exe" ] || die "no /$exe in the packages"
	for lib in $(aarch64-linux-gnu-readelf -d "$stage/$exe" |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		found=0
		for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu \
			usr/lib/aarch64-linux-gnu/systemd lib/systemd; do
			[ -e "$stage/$d/$lib" ] && found=1
		done
		[ $found -eq 1 ] || die "/$exe needs $lib, which no package here has"
	done
done

# What the skipped maintainer scripts would have made.
cat > "$stage/etc/passwd" << 'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat > "$stage/etc/group" << 'EOF'
root:x:0:
daemon:x:1:
adm:x:4:
tty:x:5:
disk:x:6:
kmem:x:15:
dialout:x:20:
cdrom:x:24:
tape:x:26:
audio:x:29:
utmp:x:43:
video:x:44:
input:x:101:
sgx:x:102:
kvm:x:103:
render:x:104:
systemd-journal:x:999:
systemd-network:x:998:
nogroup:x:65534:
EOF
# A machine ID (32 hex digits: "warden-test-gues" in ASCII): without one,
# systemd treats the boot as the first and systemd-firstboot would ask for
# a locale on the console.
echo 77617264656e2d746573742d67756573 > "$stage/etc/machine-id"
echo warden-guest > "$stage/etc/hostname"

mkdir -p "$stage/etc/systemd/system/multi-user.target.wants" \
	"$stage/root" "$stage/sbin"
ln -sf /lib/systemd/system/multi-user.target "$stage/etc/systemd/system/default.target"
ln -sf /lib/systemd/system/warden.service \
	"$stage/etc/systemd/system/multi-user.target.wants/warden.service"
# Units that need what this guest leaves out (dbus for logind, agetty from
# util-linux for the gettys): masked, as on a minimal image.
for u in systemd-logind.service getty.target serial-getty@.service \
	console-getty.service systemd-firstboot.service; do
	ln -sf /dev/null "$stage/etc/systemd/system/$u"
done

install -m 0644 "$deb" "$stage/root/"
mdir=$stage/lib/modules/$kernel
mkdir -p "$mdir/updates/dkms"
install -m 0644 "$ko" "$mdir/updates/dkms/warden.ko"
cp "$kmods"/modules.builtin "$kmods"/modules.order "$mdir/"
[ -f "$kmods/modules.builtin.modinfo" ] && cp "$kmods/modules.builtin.modinfo" "$mdir/"
PATH=$PATH:/usr/sbin:/sbin depmod -b "$stage" "$kernel" ||
	die "depmod -b $stage $kernel failed"

cat > "$stage/sbin/warden-sysinit" << 'EOF'
#!/bin/busybox sh
# rdinit= of the systemd guest: busybox applets for the commands Debian's
# packages here do not have (an existing file is left alone), the system
# config for the GIC and a cells file of two cells, then systemd as PID 1
# (it finds /proc mounted, and keeps it).
/bin/busybox --install -s 2> /dev/null
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
gic=3
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	warden.gic=*) gic=${arg#*=} ;;
	esac
done
ln -sf /etc/warden/qemu-arm64-gicv$gic.cell /etc/warden/system.cell
cat > /etc/warden/cells << CELLS
# /etc/warden/cells of the systemd test guest (mksysdguest.sh)
gic-demo.cell   /usr/lib/warden/inmates/gic-demo.bin
uart-demo.cell  /usr/lib/warden/inmates/uart-demo.bin	# CPU 3
CELLS
exec /lib/systemd/systemd
EOF
chmod 0755 "$stage/sbin/warden-sysinit"

# The scenario, run as a service once the boot is done (Type=exec: the
# boot ends when it starts, so systemd's status lines stop before its
# output begins), its output on the console as /init's is.
mkdir -p "$stage/usr/lib/warden-test"
cat > "$stage/etc/systemd/system/warden-test.service" << 'EOF'
[Unit]
Description=Warden system test (warden.scenario= on the kernel command line)
After=warden.service multi-user.target

[Service]
Type=exec
ExecStart=/usr/lib/warden-test/run
StandardOutput=tty
StandardError=tty
TTYPath=/dev/console
EOF
cat > "$stage/usr/lib/warden-test/run" << 'EOF'
#!/bin/sh
# warden-test.service: the scenario named by warden.scenario=, as /init runs
# it in the busybox guest, then a power-off through systemd.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
scenario= gic=3
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	warden.scenario=*) scenario=${arg#*=} ;;
	warden.gic=*) gic=${arg#*=} ;;
	esac
done
export WARDEN_SCENARIO=$scenario WARDEN_GIC=$gic WARDEN_BENCH= WARDEN_SOAK=0 \
	WARDEN_MACHINE=virt
echo "[init] Warden systemd test guest: kernel $(uname -r), $(systemctl --version | head -n 1), GICv$gic, scenario '$scenario'"
cd /
if [ -f "/usr/share/warden/scenarios/$scenario.sh" ]; then
	sh "/usr/share/warden/scenarios/$scenario.sh"
	rc=$?
else
	echo "[init] unknown scenario '$scenario'"
	rc=2
fi
echo "[scenario] DONE rc=$rc"
# what `systemctl poweroff` does, without asking logind (no D-Bus here)
systemctl start poweroff.target --job-mode=replace-irreversibly --no-block
EOF
# Stopped after warden.service at power-off (ordered before it), so it
# sees what stopping Warden left.
cat > "$stage/etc/systemd/system/warden-test-shutdown.service" << 'EOF'
[Unit]
Description=What warden.service's stop left, at power-off (Warden's tests)
Before=warden.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/true
ExecStop=/usr/lib/warden-test/after-warden
StandardOutput=tty
StandardError=tty
TTYPath=/dev/console
EOF
cat > "$stage/usr/lib/warden-test/after-warden" << 'EOF'
#!/bin/sh
s=/sys/devices/warden
n=0
for c in "$s"/cells/*/name; do
	[ -f "$c" ] && [ "$(cat "$c")" != root ] && n=$((n + 1))
done
echo "[shutdown] after warden.service stopped: Warden enabled=$(cat $s/enabled 2> /dev/null || echo none), $n cells, unit $(systemctl is-active warden.service)"
EOF
chmod 0755 "$stage/usr/lib/warden-test/run" "$stage/usr/lib/warden-test/after-warden"
for u in warden-test.service warden-test-shutdown.service; do
	ln -sf "/etc/systemd/system/$u" "$stage/etc/systemd/system/multi-user.target.wants/$u"
done

tmp=$out.tmp
# no /dev/console entry: the base image has it
# shellcheck disable=SC2119
(cd "$stage" && cpio_pack) | gzip -9 -n > "$tmp"
mv "$tmp" "$out"
echo "$new_sums" > "$sums"
echo "mksysdguest: $(echo "$debs" | wc -l) packages, $(du -sm "$stage" | cut -f1) MiB unpacked, $(($(stat -c %s "$out") / 1048576)) MiB compressed"
