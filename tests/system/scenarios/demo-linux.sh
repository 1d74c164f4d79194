#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# demo-linux: the story of a Linux cell, for humans (`make demo-linux`).
# The root's Linux enables Warden and boots Debian's stock kernel, the very
# one it runs itself, in a cell of its own with two CPUs, its own console
# and its own disk; types commands into it; talks to it over a network
# interface on a link (wnet0: ping, HTTP); and gets everything back.
# linux-cell: yes
# disk: cell
# gics: 3
# shellcheck disable=SC2034 # used by lib.sh
W_INDENT='      '
. /usr/share/warden/lib.sh

dmesg -n 5

cat <<'TXT'

  Warden demo: Linux in a cell.  The root cell's Linux gives two CPUs,
  128 MiB of RAM and a virtio disk to a second Linux: the same unmodified
  Debian kernel, booted by `warden cell linux` with a device tree that
  describes only what the cell owns.  Its console is a PL011 that the
  hypervisor emulates; the root reads it and types into it.
TXT

step "1. Warden under the running Linux"
check_v "insmod warden.ko" show insmod "$WARDEN_KO"
check_v "warden enable" show warden enable "$SYSTEM_CELL"
check_v "the cell's config, in words" show warden config show "$CELLS/linux-demo.cell"

step "2. Boot the stock kernel in the cell"
check_v "warden cell linux" show warden cell linux "$CELLS/linux-demo.cell" \
	"$LINUX/vmlinuz" --initrd "$LINUX/initramfs.cpio.gz" --cmdline quiet
check "its init is up" cell_wait_for linux-demo \
	"\[cell-init\] Linux [^ ]+ up, 2 CPUs" 120
check_v "warden cell list" show warden cell list
check_v "the root kept CPUs 0-1" cpus_online_are "0 1"

step "3. Commands typed into the cell's console"
check_v "uname -a" cell_run linux-demo "uname -a" "^.*Linux .* aarch64"
check_v "its CPUs and memory" cell_run linux-demo \
	'echo CPUS=$(nproc) MEM=$(grep MemTotal /proc/meminfo | tr -s " ")' \
	"CPUS=2 MEM="
check_v "its disk: QEMU's virtio-blk device, given to the cell" cell_run \
	linux-demo 'modprobe -a virtio_mmio virtio_blk crc32c_generic ext4; sleep 2; mount -o ro /dev/vda /mnt && cat /mnt/hello.txt' \
	"hello from the host" 60
check_v "warden cell console linux-demo (its last lines)" show sh -c \
	'warden cell console linux-demo | tail -n 12'
check_v "warden cell stats linux-demo" show warden cell stats linux-demo

step "4. A network between the two Linuxes: wnet0 over the link root-net"
cat <<'TXT'
  The system config and the cell's declare root-net as a network link:
  warden.ko makes it an Ethernet interface on each side, wnet0, whose
  frames cross the link's shared memory.  Ordinary tools work.
TXT
check_v "the root's side" show sh -c \
	'ip addr add 10.7.0.1/24 dev wnet0 && ip link set wnet0 up && ip addr show wnet0'
check_v "the cell's side" cell_run linux-demo \
	'ip addr add 10.7.0.2/24 dev wnet0 && ip link set wnet0 up && echo NET=$(cat /sys/class/net/wnet0/ifalias)' \
	"NET=root-net" 30
check "carrier" sh -c 'i=0; while [ "$(cat /sys/class/net/wnet0/carrier)" != 1 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done; [ $i -lt 100 ]'
check_v "ping the cell" show ping -c 3 10.7.0.2
check_v "a web server in the root (busybox httpd)" show sh -c \
	'mkdir -p /tmp/www && echo "hello from the root cell, over wnet0" > /tmp/www/index.html && httpd -p 80 -h /tmp/www'
check_v "the cell fetches the page" cell_run linux-demo \
	'echo PAGE: $(wget -qO- http://10.7.0.1/)' "PAGE: hello from the root cell" 60
check_v "the root's counters" show ifconfig wnet0

step "5. Power it off from inside; everything goes back to the root"
check_v "poweroff in the cell" cell_run linux-demo "poweroff -f" \
	"reboot: Power down" 60
check_v "the cell is shut down" cell_wait_state linux-demo shut-down 30
check_v "warden cell destroy" show warden cell destroy linux-demo
check_v "all CPUs back in the root" cpus_online_are "0 1 2 3"
check_v "warden disable" show warden disable
finish
