#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# rootlink: Linux and the echo-demo inmate (CPU 3) over the root's link
# "root-echo" (/dev/warden-link-root-echo).  10,000 messages, each echo
# checked word for word, with the round-trip latency; a dead link cannot
# be mapped; the peer fails mid-stream and Linux sees it without hanging;
# after destroy the root's mappings are revoked and the region is wiped;
# the root cannot write the peer's section.
. /usr/share/warden/lib.sh

DEV=/dev/warden-link-root-echo
LINK=0x70800000

echo_up() {
	printf '%s\0' "${1:-x}" > /tmp/cmdline
	cell_up echo-demo "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000
}

# ping_gives STATUS REGEX ARGS...: warden-link-ping exits STATUS and says REGEX.
ping_gives() {
	_want=$1
	_re=$2
	shift 2
	warden-link-ping "$@" > /tmp/ping.out 2>&1
	_rc=$?
	cat /tmp/ping.out
	echo "exit status $_rc"
	[ "$_rc" -eq "$_want" ] && grep -qE "$_re" /tmp/ping.out
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
pool0=$(pool_used)
check_v "the link's device is there" ls -l $DEV
check_v "sysfs lists the link, its peer absent" sh -c \
	"cat $WARDEN_SYSFS/links; grep -q '^root-echo 0 echo-demo absent /dev/warden-link-root-echo' $WARDEN_SYSFS/links"
check_v "a dead link cannot be mapped" ping_gives 2 \
	'cannot map it: Transport endpoint is not connected \(peer "echo-demo" is absent\)' -n 1

step "10,000 messages to echo-demo and back"
check "echo-demo up (CPU 3)" echo_up
check_v "echo-demo finds the link" cell_wait_for echo-demo \
	'link "root-echo", side 1, doorbell SPI 105' 10
check_v "echo-demo sees the root" cell_wait_for echo-demo 'link "root-echo": peer running' 10
check_v "10000 of 10000 echoes verified" ping_gives 0 \
	"10000 of 10000 echoes verified; round trip min [0-9.]+ us, avg [0-9.]+ us, max [0-9.]+ us" -n 10000
check_v "sysfs: the peer runs" grep -q "^root-echo 0 echo-demo running" $WARDEN_SYSFS/links
check_v "warden cell list shows the link and both ends' states" sh -c '
	warden cell list
	warden cell list | grep -E "^root-echo +root \(running\) +echo-demo \(running\) +/dev/warden-link-root-echo$"'
check_v "the root cannot write the peer's section" sh -c "
	before=\$(devmem $((LINK + 0x2000)) 32)
	devmem $((LINK + 0x2000)) 32 0xdeadbeef
	after=\$(devmem $((LINK + 0x2000)) 32)
	echo \"before \$before, after \$after\"; [ \"\$before\" = \"\$after\" ]"
check_v "no check failed in echo-demo" sh -c '! warden cell console echo-demo | grep -F "[test] FAIL"'

step "the peer fails mid-stream"
check_v "destroy echo-demo" warden cell destroy echo-demo
check "echo-demo up (fail after 500 echoes)" echo_up fail-after=500
# The failure lands either while the ping waits for an echo or just before
# its next ring: both end the ping with status 2 and name the failed peer.
check_v "Linux sees it fail, and does not hang" ping_gives 2 \
	'(no echo of message [0-9]+ within 1000 ms|ring [0-9]+ refused: Transport endpoint is not connected) \(peer "echo-demo" is failed\)' -n 0
check_v "a ring to the failed peer is refused, not queued" ping_gives 2 \
	'ring [0-9]+ refused: Transport endpoint is not connected \(peer "echo-demo" is failed\)' -n 1
check_v "the reason" sh -c "
	cat $(cell_dir echo-demo)/failure |
		grep -E 'data abort: 4-byte write to 0x50001000 \(read-only for this cell\), CPU 3'"

step "destroy: mappings revoked, the region wiped"
check_v "a mapping held across destroy is revoked" sh -c '
	. /usr/share/warden/lib.sh
	warden cell destroy echo-demo
	echo_up() { printf "x\0" > /tmp/cmdline; cell_up echo-demo "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000; }
	echo_up && cell_wait_for echo-demo "peer running" 10 >/dev/null &&
	warden-link-ping -n 0 > /tmp/ping.out 2>&1 &
	sleep 2
	warden cell destroy --force echo-demo
	wait
	cat /tmp/ping.out
	grep -qE "the link was revoked at message [0-9]+: peer \"echo-demo\" is being destroyed" /tmp/ping.out'
check_v "the region is wiped" sh -c "
	for a in $LINK $((LINK + 0x1000)) $((LINK + 0x2000)) $((LINK + 0x2ffc)); do
		v=\$(devmem \$a 32); echo \"\$a: \$v\"; [ \"\$v\" = 0x00000000 ] || exit 1
	done"
check_v "and cannot be mapped again" ping_gives 2 "cannot map it" -n 1
check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before ($pool0 pages)" sh -c "[ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_fails "disable is refused while a link device is open" \
	"a link device \(/dev/warden-link-\*\) is open; close it first" \
	sh -c "exec 3< $DEV; warden disable"
check_v "warden disable" warden disable
check_v "the device went with it" sh -c "! ls $DEV"
finish
