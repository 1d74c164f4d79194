#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# linux2: Linux cell to Linux cell (issue 20, point 2).  Two stock kernels
# in two cells of the reference machine, side by side: linux-demo on CPUs
# 2-3 (128 MiB) and linux-peer on CPU 1 (60 MiB); the root keeps CPU 0.
# Their links are regions of the root's RAM that leave the root while
# either cell exists (docs/links.md):
#   1. both boot; each lists its links in /sys/devices/warden/links;
#   2. cells-net, a network link: wnet<N> on both sides, carrier, ping -c
#      200 without loss, 4 MiB through nc with the same MD5 at both ends;
#   3. cells-ping: warden-link-ping between the two Linuxes, 100 echoes
#      checked;
#   4. linux-peer destroyed while linux-demo pings it: linux-demo's mapping
#      is revoked (the pinger says so), a new mmap is refused, cells-net
#      loses its carrier; linux-demo runs on, and the root with it.
# Two boots and the traffic take about 2 minutes: GICv3 only (scenario
# linux boots a Linux cell on both GICs).
# gics: 3
# linux-cell: yes
# expect-serial: \[linux-peer\] \[cell-init\] Linux [^ ]+ up, 1 CPUs
. /usr/share/warden/lib.sh

# peer_boot: linux-peer, with the shell.  cma=0: 60 MiB has no room for
# the stock kernel's 64 MiB contiguous area (it says so and goes on
# without it otherwise).
peer_boot() {
	warden cell linux "$CELLS/linux-peer.cell" "$LINUX/Image" \
		--initrd "$LINUX/initramfs.cpio.gz" --cmdline "earlycon cma=0" &&
		cell_wait_for linux-peer "\[cell-init\] Linux [^ ]+ up, 1 CPUs" 120
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"

step "1. two Linux cells"
check_v "linux-demo boots (CPUs 2-3)" cell_linux_boot shell
check_v "linux-peer boots beside it (CPU 1)" peer_boot
check_v "the root kept CPU 0" cpus_online_are "0"
check_v "linux-demo lists the links to linux-peer" cell_run linux-demo \
	'echo LINKS: $(grep -c -e "^cells-net 0 linux-peer running wnet1$" -e "^cells-ping 0 linux-peer running /dev/warden-link-cells-ping$" /sys/devices/warden/links)' \
	"LINKS: 2$"
check_v "and linux-peer those to linux-demo" cell_run linux-peer \
	'echo LINKS: $(grep -c -e "^cells-net 1 linux-demo running wnet0$" -e "^cells-ping 1 linux-demo running /dev/warden-link-cells-ping$" /sys/devices/warden/links)' \
	"LINKS: 2$"

step "2. a network between them: cells-net"
check_v "linux-demo: 10.8.0.1" cell_run linux-demo \
	'. /etc/cell-tests.sh; net_up cells-net 10.8.0.1/24' \
	"net up: wnet1 .* mtu 65536"
check_v "linux-peer: 10.8.0.2" cell_run linux-peer \
	'. /etc/cell-tests.sh; net_up cells-net 10.8.0.2/24' \
	"net up: wnet0 .* mtu 65536"
check_v "carrier on both sides" cell_run linux-demo \
	'i=0; while [ "$(cat /sys/class/net/wnet1/carrier)" != 1 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done; echo CARRIER=$(cat /sys/class/net/wnet1/carrier)' \
	"CARRIER=1" 30
check_v "ping -c 200 linux-demo -> linux-peer: no loss" cell_run linux-demo \
	'echo PING: $(ping -A -c 200 -W 5 10.8.0.2 | grep "packets transmitted")' \
	"PING: 200 packets transmitted, 200 packets received, 0% packet loss" 120
check_v "linux-peer listens (nc, MD5 of what it gets)" cell_run linux-peer \
	'(nc -l -p 5003 | md5sum | sed "s/^/PEER-MD5 /") & echo NC-$((3 + 4))-LISTENS' \
	"NC-7-LISTENS"
check_v "4 MiB linux-demo -> linux-peer" cell_run linux-demo \
	'head -c 4194304 /dev/urandom > /tmp/blob; sleep 1; nc 10.8.0.2 5003 < /tmp/blob; echo SENT-MD5 $(md5sum < /tmp/blob)' \
	"SENT-MD5 [0-9a-f]+" 120
sent=$(warden cell console linux-demo |
	sed -n 's/.*SENT-MD5 \([0-9a-f][0-9a-f]*\) .*/\1/p' | tail -n 1)
check_v "linux-peer got every byte (MD5 $sent)" cell_wait_for linux-peer \
	"PEER-MD5 ${sent:-none}" 60

step "3. warden-link-ping between the two Linuxes: cells-ping"
check_v "linux-peer echoes" cell_run linux-peer \
	'(warden-link-ping -e -n 100 -t 60000 cells-ping; echo ECHO-EXIT=$?) & echo ECHO-$((1 + 2))-STARTED' \
	"ECHO-3-STARTED"
check_v "linux-demo pings: 100 echoes verified" cell_run linux-demo \
	'warden-link-ping -n 100 -t 10000 cells-ping' \
	"100 of 100 echoes verified; round trip min [0-9.]+ us" 120
check_v "linux-peer echoed them all" cell_wait_for linux-peer \
	"cells-ping\" to \"linux-demo\": 100 messages echoed" 30

step "4. linux-peer destroyed while linux-demo pings it"
check_v "linux-peer echoes for good" cell_run linux-peer \
	'warden-link-ping -e -n 0 -t 600000 cells-ping > /dev/null 2>&1 & echo ECHO-$((2 + 2))-STARTED' \
	"ECHO-4-STARTED"
check_v "linux-demo pings without end" cell_run linux-demo \
	'warden-link-ping -n 0 -t 60000 cells-ping > /tmp/ping.out 2>&1 & echo $! > /tmp/ping.pid; echo PING-$((2 + 3))-STARTED' \
	"PING-5-STARTED"
sleep 3
# Stopped, the pinger holds its mapping across the destroy without
# touching it; whatever it does next touches it.  (Running, it might meet
# the refused ring of the peer's shut-down state first.)
check_v "the pinger is stopped" cell_run linux-demo \
	'kill -STOP $(cat /tmp/ping.pid) && echo PINGER-$((3 + 3))-STOPPED' \
	"PINGER-6-STOPPED"
check_v "destroy --force linux-peer" warden cell destroy --force linux-peer
check_v "linux-demo's mapping was revoked: the pinger gets SIGBUS" \
	cell_run linux-demo \
	'sleep 1; kill -CONT $(cat /tmp/ping.pid); sleep 2; grep -o "revoked at message [0-9]*: peer .linux-peer." /tmp/ping.out' \
	"revoked at message [0-9]+: peer .linux-peer." 30
check_v "a new mapping is refused" cell_run linux-demo \
	'warden-link-ping -n 1 cells-ping' \
	"cannot map it: Transport endpoint is not connected" 30
check_v "cells-net lost its carrier" cell_run linux-demo \
	'i=0; while [ "$(cat /sys/class/net/wnet1/carrier)" != 0 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done; echo CARRIER=$(cat /sys/class/net/wnet1/carrier)' \
	"CARRIER=0" 30
check_v "linux-demo's kernel log is clean" cell_run linux-demo \
	'echo BAD=$(dmesg | grep -cE "O[o]ps|B[U]G|W[A]RNING|Unable t[o] handle|Call t[r]ace")' \
	"BAD=0$"
check_v "the root runs on" sh -c '. /usr/share/warden/lib.sh; cpus_online_are "0 1"'
check_v "destroy linux-demo" warden cell destroy --force linux-demo
check_v "all CPUs back in the root" cpus_online_are "0 1 2 3"
check_v "disable" warden disable
finish
