#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# wnet: a network interface over a link (issue 20, point 3).  The system
# config's link root-net (WARDEN_LINK_NET) joins the root and the Linux in
# linux-demo; warden.ko makes it an Ethernet interface on both sides
# (driver/wnet.c, the ring format of include/warden/net.h):
#   1. after enable the root has it (alias root-net), listed in sysfs; up,
#      but no carrier while the peer does not exist;
#   2. the Linux cell boots and sets its side up (warden.run=net): carrier
#      on both sides; MTU 64 KiB; ping -c 1000 without loss; 64 MiB through
#      nc, root -> cell, with matching MD5 sums at both ends;
#   3. a peer that writes garbage (net-garbage, issue 20 point 4) on its
#      own network link, beside the Linux cell: the root counts its errors
#      and drops its sessions (rate-limited messages), its doorbells cost
#      few interrupts, root-net carries on;
#   4. the cell destroyed (--force) in the middle of a transfer: carrier off
#      in the root, nothing hangs, no oops;
#   5. the cell booted again: carrier back, ping answers;
#   6. disable removes the interfaces; the root's kernel log is clean.
# The interface does not depend on the GIC: GICv3 only.
# gics: 3
# linux-cell: yes
# expect-serial: wnet0: link "root-net" to linux-demo: up
. /usr/share/warden/lib.sh

# wait_carrier IF VALUE SECONDS
wait_carrier() {
	_n=$(($3 * 5))
	while [ $_n -gt 0 ]; do
		[ "$(cat "/sys/class/net/$1/carrier" 2> /dev/null)" = "$2" ] &&
			echo "$1: carrier $2" && return 0
		sleep 0.2
		_n=$((_n - 1))
	done
	echo "$1: carrier is $(cat "/sys/class/net/$1/carrier" 2>&1), not $2"
	ip link show "$1"
	dmesg | grep wnet | tail -n 5
	return 1
}

# kernel_clean: no oops or warning in the root's log
kernel_clean() {
	_bad=$(dmesg | grep -cE "Oops|BUG|WARNING|Unable to handle|Call trace")
	echo "kernel log: $_bad oops/warnings"
	[ "$_bad" = 0 ]
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"

step "1. the root's side of root-net"
check_v "an interface with alias root-net" sh -c '
	grep -l "^root-net$" /sys/class/net/*/ifalias &&
	test "$(cat /sys/class/net/wnet0/ifalias)" = root-net &&
	dmesg | grep "wnet0: link \"root-net\" to linux-demo .*MTU up to 65536"'
check_v "sysfs lists it with the interface" \
	grep "^root-net 0 linux-demo absent wnet0$" /sys/devices/warden/links
check_v "up as 10.7.0.1/24" sh -c \
	"ip addr add 10.7.0.1/24 dev wnet0 && ip link set wnet0 up && ip addr show wnet0"
check_v "no carrier while linux-demo does not exist" sh -c \
	'sleep 1; test "$(cat /sys/class/net/wnet0/carrier)" = 0 && ip link show wnet0 | grep NO-CARRIER'

step "2. the Linux cell's side; ping and nc"
check_v "boot linux-demo, its side up" cell_linux_boot net
check_v "the cell's interface is up" cell_wait_for linux-demo \
	"\[cell-init\] net up: wnet0 02:57:.* mtu 65536" 60
check_v "carrier in the root" wait_carrier wnet0 1 20
check_v "the cell lists its links in sysfs" cell_run linux-demo \
	'echo LINKS: $(grep -c -e "^root-net 1 root running wnet0$" -e "^root-linux 1 root running /dev/warden-link-root-linux$" /sys/devices/warden/links)' \
	"LINKS: 2$"
check_v "MTU 65536 here too" test "$(cat /sys/class/net/wnet0/mtu)" = 65536
check_v "ping -c 1000: no loss" sh -c '
	ping -A -c 1000 -W 5 10.7.0.2 > /tmp/ping.out 2>&1; tail -n 3 /tmp/ping.out
	grep -q "1000 packets transmitted, 1000 packets received, 0% packet loss" /tmp/ping.out'
check_v "the cell listens (nc, MD5 of what it gets)" cell_run linux-demo \
	'(nc -l -p 5001 | md5sum | sed "s/^/RX-MD5 /"; echo RX-DONE) & echo NC-$((2 + 3))-LISTENS' \
	"NC-5-LISTENS"
check_v "64 MiB root -> cell" sh -c '
	sleep 1; rm -f /tmp/tx.fifo; mkfifo /tmp/tx.fifo
	md5sum < /tmp/tx.fifo > /tmp/tx.md5 &
	t0=$(date +%s)
	head -c 67108864 /dev/urandom | tee /tmp/tx.fifo | timeout 300 nc 10.7.0.2 5001
	rc=$?; wait; echo "nc rc=$rc, $(($(date +%s) - t0)) s; sent $(cut -d" " -f1 /tmp/tx.md5)"'
check_v "the cell got every byte (MD5 matches)" cell_wait_for linux-demo \
	"RX-MD5 $(cut -d' ' -f1 /tmp/tx.md5)" 60
check_v "the counters agree" sh -c '
	echo "tx $(cat /sys/class/net/wnet0/statistics/tx_bytes) bytes, rx errors $(cat /sys/class/net/wnet0/statistics/rx_errors)"
	test "$(cat /sys/class/net/wnet0/statistics/tx_bytes)" -gt 67108864 &&
	test "$(cat /sys/class/net/wnet0/statistics/rx_errors)" = 0'

step "3. a peer that writes garbage (net-garbage on CPU 1), beside it"
check_v "the root's side of root-garbage up" sh -c '
	g=$(grep -l "^root-garbage$" /sys/class/net/*/ifalias) || exit 1
	g=${g%/ifalias}; g=${g##*/}; echo "$g" > /tmp/garbage.if
	ip link set "$g" up && ip link show "$g"'
G=$(cat /tmp/garbage.if)
check_v "net-garbage runs" cell_up net-garbage
check_v "it rings in a tight loop" cell_wait_for net-garbage \
	"net-garbage: round 40, [0-9]+ rings" 60
check_v "the root counts its errors and drops its sessions" sh -c "
	echo \"rx_errors \$(cat /sys/class/net/$G/statistics/rx_errors)\"
	test \$(cat /sys/class/net/$G/statistics/rx_errors) -gt 0 &&
	dmesg | grep -m 3 '$G: link \"root-garbage\": net-garbage broke the ring.s rules'"
check_v "its doorbells cost the root little: far fewer interrupts than rings" sh -c "
	rings=\$(warden cell console net-garbage | sed -n 's/.*round [0-9]*, \\([0-9]*\\) rings/\\1/p' | tail -n 1)
	irqs=\$(grep -w root-garbage /proc/interrupts | awk '{ s = 0; for (i = 2; \$i ~ /^[0-9]+\$/; i++) s += \$i; print s }')
	echo \"\$rings rings, \$irqs interrupts\"
	test \"\$irqs\" -lt \$((rings / 10))"
check_v "meanwhile root-net carries on: ping -c 50, no loss" sh -c '
	ping -A -c 50 -W 5 10.7.0.2 > /tmp/ping.out 2>&1; tail -n 2 /tmp/ping.out
	grep -q " 0% packet loss" /tmp/ping.out'
check_v "and its errors stay 0" test "$(cat /sys/class/net/wnet0/statistics/rx_errors)" = 0
check_v "destroy net-garbage" warden cell destroy --force net-garbage
check_v "the root is fine" sh -c '. /usr/share/warden/lib.sh; cpus_online_are "0 1"'

step "4. the peer destroyed mid-transfer"
check_v "the cell sinks a stream" cell_run linux-demo \
	'(nc -l -p 5002 > /dev/null; echo SINK-DONE) & echo SINK-$((2 + 4))-LISTENS' \
	"SINK-6-LISTENS"
sleep 1
cat /dev/zero | nc 10.7.0.2 5002 &
ncpid=$!
sleep 3
check_v "bytes flow" sh -c \
	'a=$(cat /sys/class/net/wnet0/statistics/tx_bytes); sleep 1; b=$(cat /sys/class/net/wnet0/statistics/tx_bytes); echo "$a -> $b"; test $b -gt $a'
check_v "destroy --force linux-demo, mid-transfer" \
	warden cell destroy --force linux-demo
check_v "carrier off in the root" wait_carrier wnet0 0 10
check_v "nothing hangs: the sender is killed, the root answers" sh -c "
	kill $ncpid 2> /dev/null; sleep 1; ! kill -0 $ncpid 2> /dev/null &&
	ip link show wnet0 | grep NO-CARRIER && . /usr/share/warden/lib.sh && linux_ok"
check_v "no oops in the root" kernel_clean

step "5. the peer restarted"
check_v "boot linux-demo again, its side up" cell_linux_boot net
check_v "its interface is up" cell_wait_for linux-demo "\[cell-init\] net up: wnet0" 60
check_v "carrier back in the root" wait_carrier wnet0 1 20
check_v "ping answers" sh -c 'ping -c 5 -W 5 10.7.0.2 | tail -n 2 | tee /dev/stderr | grep -q "5 packets received"'
check_v "shutdown (a clean poweroff) and destroy" sh -c \
	"warden cell shutdown linux-demo && . /usr/share/warden/lib.sh && cell_wait_state linux-demo shut-down 30 && warden cell destroy linux-demo"
check_v "carrier off again" wait_carrier wnet0 0 10

step "6. disable"
check_v "disable" warden disable
check_v "the interface is gone" sh -c '! test -e /sys/class/net/wnet0'
check_v "no oops in the root" kernel_clean
finish
