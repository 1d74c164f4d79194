# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# The Linux cell's actions: /etc/cell-tests.sh in the cell's initramfs
# (scripts/mkcellinitramfs.sh).  The cell's /init sources this file and runs
# cell_NAME for warden.run=NAME on the kernel command line, or cell_shell
# when there is none:
#   warden cell linux CONFIG KERNEL --initrd FILE --cmdline "console=ttyAMA0 earlycon warden.run=boot"
#
# Adding an action: write a function cell_<name> here (letters, digits and
# _ only) and boot the cell with warden.run=<name>.  Nothing else to
# register; the initramfs is rebuilt because this file changed.  An action
#   - prints "[cell-init] ..." lines, with a verdict line the scenario waits
#     for, e.g. "[cell-init] <name> ok" or "[cell-init] <name> FAIL <why>";
#   - ends the cell with `poweroff -f` (PSCI SYSTEM_OFF: in a cell it stops
#     that cell), or stays with cell_idle, or returns: /init then prints
#     "[cell-init] action <name> ended (rc=N)" and idles.
# When it runs, /proc, /sys, /dev (devtmpfs) and /tmp are mounted and the
# modules of /lib/modules/<abi>/modules.cell are loaded (virtio-mmio,
# virtio-blk, ext4 and theirs); /lib/modules/warden.ko is the driver.

# cell_idle: stay up doing nothing (PID 1 must never exit).
cell_idle() {
	while :; do
		sleep 3600
	done
}

# boot: the cell reached user space; then it powers itself off.
cell_boot() {
	echo "[cell-init] boot ok"
	poweroff -f
}

# shell: an interactive shell on the console, started again when it exits
# (the default action).
cell_shell() {
	while :; do
		setsid cttyhack sh -l
		echo "[cell-init] shell exited; starting another"
		sleep 1
	done
}

# uname: the kernel's identity, then idle.
cell_uname() {
	uname -a
	echo "[cell-init] done"
	cell_idle
}

# disk: the host's virtio-blk disk (build/linux-cell/disk.img, attached by
# "# disk: cell" in a scenario) appears as /dev/vda, mounts read-only and
# holds /hello.txt; then the cell powers itself off.
CELL_DISK_LINE='warden virtio-blk disk: hello from the host'
cell_disk() {
	if _why=$(cell_disk_check); then
		echo "[cell-init] disk ok"
	else
		echo "[cell-init] disk FAIL $_why"
	fi
	poweroff -f
}

# cell_disk_check: the steps of cell_disk; prints why on a failure.
cell_disk_check() {
	# ext4 wants crc32c (a softdep, which busybox's modprobe does not follow)
	for _m in virtio_mmio virtio_blk crc32c_generic ext4; do
		modprobe "$_m" > /dev/null 2>&1 || {
			echo "modprobe $_m failed"
			return 1
		}
	done
	# the device is probed asynchronously; give it 10 s
	_i=0
	while [ ! -b /dev/vda ]; do
		[ $_i -lt 100 ] || {
			echo "no /dev/vda after 10 s (virtio-mmio devices: $(ls /sys/bus/virtio/devices 2> /dev/null | tr '\n' ' '))"
			return 1
		}
		sleep 0.1
		_i=$((_i + 1))
	done
	# which transport it is on (in the log: stdout is the reason)
	echo "[cell-init] /dev/vda: $(readlink -f /sys/block/vda)" >&2
	mkdir -p /mnt
	mount -t ext4 -o ro /dev/vda /mnt > /tmp/mount.out 2>&1 || {
		echo "mount -o ro /dev/vda: $(tr '\n' ' ' < /tmp/mount.out)"
		return 1
	}
	# to the console (stdout is the reason), for the log
	cat /mnt/hello.txt >&2
	_line=$(cat /mnt/hello.txt 2> /dev/null)
	umount /mnt
	[ "$_line" = "$CELL_DISK_LINE" ] || {
		echo "/hello.txt reads '$_line', not '$CELL_DISK_LINE'"
		return 1
	}
}

# reboot: say so, then reboot (PSCI SYSTEM_RESET): `warden cell linux`
# boots the same kernel and initrd again, and this runs again, until the
# root stops the cell.
cell_reboot() {
	echo "[cell-init] rebooting"
	reboot -f
}

# benchboot: when init started, for `make bench`: "[cell-bench] init NS",
# the virtual counter in ns as /init's first command read it (warden-bench
# counter, tools/bench-helper.c); then idle.
cell_benchboot() {
	if [ -z "$CELL_INIT_COUNTER" ]; then
		echo "[cell-init] bench FAIL no /usr/bin/warden-bench in the image"
		cell_idle
	fi
	echo "[cell-bench] init $CELL_INIT_COUNTER"
}

# bench: benchboot's line, then, after 2 s of rest, the CPU-bound workload
# of `make bench` (warden-bench work) three times on the cell's CPU 1, as
# the root runs it on its own CPU 1 before enable; then idle.  One line per
# run, "[cell-bench] work NS CHECKSUM", then "[cell-init] bench done" (or
# "[cell-init] bench FAIL <why>").
CELL_BENCH_ROUNDS=1200
cell_bench() {
	cell_benchboot
	# let the boot's own late work (module loading, deferred work) end
	# first: under -icount it would count in the first run's time
	sleep 2
	for _i in 1 2 3; do
		_r=$(warden-bench work 1 $CELL_BENCH_ROUNDS) || {
			echo "[cell-init] bench FAIL run $_i: warden-bench work failed"
			cell_idle
		}
		echo "[cell-bench] work $_r"
	done
	echo "[cell-init] bench done"
	cell_idle
}

# net_if LINK: the interface of network link LINK (its alias, driver/wnet.c).
net_if() {
	for _i in /sys/class/net/*; do
		[ "$(cat "$_i/ifalias" 2> /dev/null)" = "$1" ] &&
			echo "${_i##*/}" && return 0
	done
	return 1
}

# net_up LINK ADDR/PREFIX: the interface of network link LINK up with that
# address: "[cell-init] net up: <interface> <MAC> mtu <mtu>", or
# "[cell-init] net FAIL <why>".  The shell may use it too:
# `. /etc/cell-tests.sh; net_up LINK ADDR/PREFIX`.
net_up() {
	if ! _if=$(net_if "$1"); then
		echo "[cell-init] net FAIL no interface for link $1 ($(ls /sys/class/net | tr '\n' ' '))"
		return 1
	fi
	if ! ip addr add "$2" dev "$_if" || ! ip link set "$_if" up; then
		echo "[cell-init] net FAIL ip could not set $_if up"
		return 1
	fi
	echo "[cell-init] net up: $_if $(cat "/sys/class/net/$_if/address") mtu $(cat "/sys/class/net/$_if/mtu")"
}

# net: the network link root-net up as 10.7.0.2/24 (the root is .1), then
# the shell.
cell_net() {
	net_up root-net 10.7.0.2/24
	cell_shell
}
