#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# guide: the commands of docs/getting-started.md, as a user types them on a
# board, in the order of the guide: every block it marks
# "<!-- test: guest -->", each line one check.  guide_blocks below holds
# them; tests/docs.sh (docs/guide-blocks) fails if they are not exactly the
# guide's.  Where the board would install packages, load the module with
# modprobe or compile a config (the guide's "<!-- test: board -->"
# blocks), the guest has its initramfs: warden.ko is loaded with insmod
# first, /etc/warden/system.cell is the shipped one, and the first inmate's
# lines run on the shipped gic-demo.cell (CPU 2, 1 MiB, as my-demo.c) in
# place of my-demo.cell, which needs a compiler.
# Its first checks read the boot's messages (dmesg), as on a board just
# booted: a boot of its own, whose kernel log has not wrapped.
# boot: own
# gics: 3
# expect-serial: ^\[gic-demo\] Hello from uart-demo
. /usr/share/warden/lib.sh

guide_blocks() {
	cat << 'GUIDE'
grep -o 'kvm-arm.mode=none' /proc/cmdline
dmesg | grep 'psci: PSCIv'
dmesg | grep 'started at EL2'
grep 'System RAM' /proc/iomem
ls /sys/firmware/fdt
# ---
warden config create -o system.c
# ---
warden config check /etc/warden/system.cell
warden enable /etc/warden/system.cell
warden status
warden console
# ---
warden config cell-create --system /etc/warden/system.cell --name my-demo --cpus 2 --ram 1M --console -o my-demo.c
# ---
warden cell create my-demo.cell
warden cell load my-demo /usr/lib/warden/inmates/uart-demo.bin
warden cell start my-demo
warden cell list
sleep 1
warden cell console my-demo
warden cell destroy my-demo
# ---
warden disable
GUIDE
}

cd /tmp || exit 1
require "insmod warden.ko (the board: modprobe warden)" warden_load

guide_blocks > /tmp/guide.lines
n=1
step "the guide's block 1"
while IFS= read -r line; do
	case "$line" in
	"# ---")
		n=$((n + 1))
		step "the guide's block $n"
		continue
		;;
	"warden cell "*)
		# my-demo.cell needs a compiler: the shipped cell of its shape
		line=$(echo "$line" | sed "s|my-demo\.cell|$CELLS/gic-demo.cell|; s|my-demo|gic-demo|g")
		;;
	esac
	check_v "guide: $line" sh -c "$line"
done < /tmp/guide.lines

check "the first inmate is gone: CPU 2 is Linux's again" cpus_online_are "0 1 2 3"
check "Warden is disabled" warden_is_disabled
finish
