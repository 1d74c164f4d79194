#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the guest initramfs: build/initramfs-warden.cpio.gz.  One image serves
# both GICs and both machines (QEMU virt, the ZCU102 model); /init picks the
# config from warden.gic= and warden.machine= on the kernel command line.
#
# Warden's own files come from the built `warden` package, unpacked with
# dpkg-deb -x as they would be on a board (issue 21), so that a file the
# package forgets fails the tests: build/deb/warden_<version>_arm64.deb,
# made (scripts/mkdeb.sh --if-stale, about a minute) when it is missing or
# older than a source it is built from.  The module is the one Debian's
# dkms builds from the warden-dkms package and installs, as on a board
# (scripts/mkdkms.sh: build/dkms/lib/modules/<kernel>/updates/dkms/), so a
# dkms.conf that does not build fails the system tests.
#
# Guest layout:
#   /init                           mounts, picks the config, runs the scenario
#   /bin/busybox                    static arm64; applet links made at boot
#   /lib/modules/warden.ko          the driver, as dkms built it (build/dkms)
#   (package) /usr/sbin/warden      the CLI
#   (package) /usr/bin/warden-link-ping  Linux's end of the echo protocol
#   (package) /usr/share/bash-completion/completions/warden  bash completion
#   (package) /lib/firmware/warden.bin   the hypervisor
#   (package) /usr/share/warden/configs/{qemu-arm64,zcu102}/*.cell  configs
#   (package) /usr/lib/warden/inmates/*.bin  inmate images (demos, tests)
#   (package) the rest of the package (unit, headers, docs, /etc/warden/cells)
#   /usr/bin/warden-fuzz            random hypercalls and ioctls (tests)
#   /usr/bin/warden-bench           the root's timing helper (make bench)
#   /usr/bin/json-check             strict JSON checker for --json output
#   /lib/firmware/bogus.bin         not a Warden image (badinput scenario)
#   /etc/warden/*.cell              links to the package's qemu-arm64 configs
#                                   and zcu102.cell; system.cell -> the one
#                                   for the GIC (virt) or zcu102.cell (zcu102)
#   /etc/warden/zcu102/*.cell       links to the ZCU102's inmate cell configs
#                                   (its own memory map); $CELLS on that machine
#   /usr/share/warden/lib.sh        shell helpers for the scenarios
#   /usr/share/warden/scenarios/    one script per scenario
#
# The image is rebuilt only when an input changed (a checksum list of the
# inputs is kept next to it).  A missing test helper is reported
# and left out, so the testbed works while the other parts are being
# written; the scenarios then fail with a clear check.  A package or a
# module that does not build is an error.
#
# Usage: scripts/mkinitramfs.sh [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
out=$build/initramfs-warden.cpio.gz
sums=$build/initramfs-warden.inputs
stage=$build/initramfs

# shellcheck source=scripts/cpio-lib.sh
. "$top/scripts/cpio-lib.sh"
# shellcheck source=scripts/dkms-lib.sh
. "$top/scripts/dkms-lib.sh"

die() { echo "mkinitramfs: error: $*" >&2; exit 1; }
warn() { echo "mkinitramfs: warning: $*" >&2; }

force=0
case "${1:-}" in
--force) force=1 ;;
"") ;;
*) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

busybox=$build/busybox
ko=$(dkms_module "$build/dkms" "$build/kdir")
fuzzer=$build/tests/fuzz/warden-fuzz
benchtool=$build/tools/warden-bench
jsoncheck=$build/tests/system/json-check
[ -e "$busybox" ] || die "$busybox missing; run scripts/setup.sh first"
command -v cpio >/dev/null || die "cpio not installed; run scripts/setup.sh first"
command -v dpkg-deb >/dev/null || die "dpkg-deb not installed; run scripts/setup.sh first"

# The package, made again if a source it is built from is newer.
version=$(cd "$top" && dpkg-parsechangelog -S Version) ||
	die "cannot read the version from debian/changelog"
deb=$build/deb/warden_${version}_arm64.deb
"$top/scripts/mkdeb.sh" --if-stale > /dev/null ||
	die "make deb failed; the guest gets Warden from its package"
[ -f "$deb" ] || die "no $deb after make deb"
"$top/scripts/mkdkms.sh" || die "dkms did not build warden.ko; the guest loads the module dkms builds"

shopt -s nullglob
scenarios=("$top"/tests/system/scenarios/*.sh)
shopt -u nullglob
[ ${#scenarios[@]} -gt 0 ] || die "no scenarios in tests/system/scenarios"

# Everything the image is made of, this script included.
inputs=("$top/scripts/mkinitramfs.sh" "$top/scripts/cpio-lib.sh" "$busybox" "$top/tests/system/lib.sh" "${scenarios[@]}" "$deb" "$ko")
for f in "$fuzzer" "$benchtool" "$jsoncheck"; do
	if [ -e "$f" ]; then
		inputs+=("$f")
	else
		warn "${f#"$top"/} not built; the guest will not have it"
	fi
done

new_sums=$(sha256sum "${inputs[@]}" | sed "s|  $top/|  |")
if [ $force -eq 0 ] && [ -f "$out" ] && [ -f "$sums" ] &&
	[ "$new_sums" = "$(cat "$sums")" ]; then
	exit 0
fi

rm -rf "$stage"
mkdir -p "$stage"
cd "$stage"
dpkg-deb -x "$deb" . || die "dpkg-deb -x $deb failed"
mkdir -p bin sbin usr/bin usr/sbin dev proc sys tmp run root \
	etc/warden/zcu102 lib/modules lib/firmware usr/share/warden/scenarios
install -m 0755 "$(readlink -f "$busybox")" bin/busybox
ln -s busybox bin/sh
install -m 0644 "$ko" lib/modules/warden.ko
[ -e "$fuzzer" ] && install -m 0755 "$fuzzer" usr/bin/warden-fuzz
[ -e "$benchtool" ] && install -m 0755 "$benchtool" usr/bin/warden-bench
[ -e "$jsoncheck" ] && install -m 0755 "$jsoncheck" usr/bin/json-check
# The configs where the scenarios look, as links to the package's: virt's
# in /etc/warden, the ZCU102's system config beside them and its cells
# apart (same names).
configs=/usr/share/warden/configs
for c in ."$configs"/qemu-arm64/*.cell ."$configs"/zcu102/zcu102.cell; do
	[ -e "$c" ] || die "the package has no ${c#.}"
	ln -s "${c#.}" etc/warden/
done
for c in ."$configs"/zcu102/*.cell; do
	[ "${c##*/}" = zcu102.cell ] || ln -s "${c#.}" etc/warden/zcu102/
done
install -m 0644 "$top/tests/system/lib.sh" usr/share/warden/lib.sh
for s in "${scenarios[@]}"; do
	install -m 0755 "$s" usr/share/warden/scenarios/
done

# A firmware file that is not a Warden image: the driver must refuse it.
{
	printf 'BOGUSFW! this is not a Warden hypervisor image\n'
	head -c 65536 /dev/zero
} > lib/firmware/bogus.bin

echo 'root:x:0:0:root:/root:/bin/sh' > etc/passwd
echo 'root:x:0:' > etc/group
cat > etc/profile <<'EOF'
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
PS1='warden-guest:\w# '
EOF

cat > init <<'EOF'
#!/bin/sh
# Warden test guest: mount, pick the config for the GIC, run the scenario
# named by warden.scenario= on the kernel command line, power off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
hostname warden-guest

scenario=
gic=3
bench=
system=
machine=virt
soak=0
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	warden.scenario=*) scenario=${arg#*=} ;;
	warden.gic=*) gic=${arg#*=} ;;
	warden.bench=*) bench=$(echo "${arg#*=}" | tr , ' ') ;;
	warden.system=*) system=${arg#*=} ;;
	warden.machine=*) machine=${arg#*=} ;;
	warden.soak=*) soak=${arg#*=} ;;
	esac
done
# WARDEN_SOAK=1 (make soak): the long loops' full length
export WARDEN_SCENARIO=$scenario WARDEN_GIC=$gic WARDEN_BENCH="$bench" \
	WARDEN_SOAK=$soak WARDEN_MACHINE=$machine

# warden.system=NAME.cell: another system config of /etc/warden (one
# `warden config create` wrote, added to the initramfs by the test)
cell=/etc/warden/qemu-arm64-gicv$gic.cell
[ "$machine" = virt ] || cell=/etc/warden/$machine.cell
[ -n "$system" ] && cell=/etc/warden/$(basename "$system")
[ -f "$cell" ] || echo "[init] WARNING: $cell missing; no system config"
ln -sf "$cell" /etc/warden/system.cell

mnote=
[ "$machine" = virt ] || mnote=" on $machine"
echo "[init] Warden test guest$mnote: kernel $(uname -r), GICv$gic, $(grep -c ^processor /proc/cpuinfo) CPUs, system config $(basename "$cell"), scenario '$scenario'"
dir=/usr/share/warden/scenarios
inm=/usr/lib/warden/inmates
case "$scenario" in
shell)
	# Keep the kernel's chatter (below warnings) off the shell.
	dmesg -n 5
	# the machine's cell configs (tests/system/lib.sh: CELLS)
	cdir=/etc/warden
	[ "$machine" = virt ] || cdir=/etc/warden/$machine
	cat <<BANNER

  Warden test shell (GICv$gic$mnote).  Try:
    insmod /lib/modules/warden.ko           load the driver
    warden enable /etc/warden/system.cell   start the hypervisor under Linux
    warden status                           state and memory pool
    warden console                          the hypervisor's console output
    warden cell create $cdir/gic-demo.cell          a cell on CPU 2
    warden cell load gic-demo $inm/gic-demo.bin
    warden cell start gic-demo; warden cell console gic-demo -f
    warden cell list; warden cell stats gic-demo; warden cell destroy gic-demo
    warden disable                          hand the machine back to Linux
    rmmod warden                            unload the driver
    ls $dir          the test scenarios; run one with
    sh $dir/enable.sh
  Leave with 'poweroff -f' (or exit), or Ctrl-A X to kill QEMU.

BANNER
	setsid cttyhack sh -l
	rc=$?
	;;
"")
	echo "[init] no warden.scenario= on the kernel command line"
	rc=2
	;;
*+*)
	# a+b+c: several scenarios in one boot (tests/system/run.sh groups a
	# machine's runs so; each is judged on its own part of the log, between
	# its BEGIN and END lines).  After each, whatever it left is undone
	# (cells destroyed, Warden disabled, the driver unloaded), so the next
	# starts as after a boot.
	rc=0
	for s in $(echo "$scenario" | tr + ' '); do
		echo "[scenario] BEGIN $s"
		t0=$(cut -d' ' -f1 /proc/uptime)
		if [ -f "$dir/$s.sh" ]; then
			sh "$dir/$s.sh"
			src=$?
		else
			echo "[init] unknown scenario '$s'"
			src=2
		fi
		t1=$(cut -d' ' -f1 /proc/uptime)
		echo "[scenario] END $s rc=$src ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", b - a + 0.5 }') s)"
		[ $src -eq 0 ] || rc=1
		if [ -e /sys/devices/warden ]; then
			for d in /sys/devices/warden/cells/*; do
				[ -f "$d/name" ] || continue
				n=$(cat "$d/name")
				[ "$n" = root ] || warden cell destroy "$n" --force
			done
			if [ "$(cat /sys/devices/warden/enabled 2> /dev/null)" = 1 ]; then
				warden disable
			fi
			rmmod warden
		fi > /tmp/cleanup.out 2>&1 || {
			echo "[init] could not undo what $s left:"
			sed 's/^/    | /' /tmp/cleanup.out
		}
		# the kernel's console level, as a boot leaves it (demo lowers it)
		dmesg -n 7
	done
	;;
*)
	if [ -f "$dir/$scenario.sh" ]; then
		sh "$dir/$scenario.sh"
		rc=$?
	else
		echo "[init] unknown scenario '$scenario' (have: $(cd $dir && ls | sed 's/\.sh$//' | tr '\n' ' '))"
		rc=2
	fi
	;;
esac
echo "[scenario] DONE rc=$rc"
sync
poweroff -f
# Not reached unless power-off failed; the host's timeout ends the run.
while :; do sleep 60; done
EOF
chmod 0755 init

tmp=$out.tmp
cpio_pack --console | gzip -9 -n > "$tmp"
mv "$tmp" "$out"
echo "$new_sums" > "$sums"
