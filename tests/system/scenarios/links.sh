#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# links: two inmates talk over link "echo", with the root not involved:
# echo-client (CPU 2) sends messages, echo-server (CPU 3) answers each, and
# every word is checked (both run echo-demo).  Each side sees the other's
# state; when echo-server fails mid-stream (it writes into the client's
# read-only section) or is destroyed, the client says so and does not
# hang, and goes on when echo-server is back.  The root cannot reach the
# link while it exists, and finds it wiped and back in its memory after.
# A cell that is not a peer can neither ring nor reach the link.
# The link's address and doorbell are the machine's (lib.sh: INMATE_RAM,
# CT_SPI); what the cells see (IPAs) is the same on every machine.
# machines: virt zcu102
. /usr/share/warden/lib.sh

LINK=$(inmate_pa 0x600000)

# client_saw REGEX [SECONDS]
client_saw() {
	cell_wait_for echo-client "$1" "${2:-10}"
}

# echo_up [CMDLINE]: echo-server (echo-demo), with an optional command line.
echo_up() {
	printf '%s\0' "${1:-x}" > /tmp/cmdline
	cell_up echo-server "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
pool0=$(pool_used)
check_v "the root owns the link's memory before" devmem $LINK 32

step "inmate to inmate: 1000 messages, every word checked"
check "echo-server up (CPU 3)" echo_up
check_v "echo-server finds its link" cell_wait_for echo-server \
	"link \"echo\", side 1, doorbell SPI $((CT_SPI + 2))" 10
printf 'ping=1000\0' > /tmp/cmdline
check "echo-client up (CPU 2, ping=1000)" cell_up echo-client "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000
check_v "echo-server sees its peer start" cell_wait_for echo-server 'link "echo": peer running' 10
check_v "1000 of 1000 echoes verified" client_saw "1000 of 1000 echoes verified" 30
check_v "warden cell list shows the link and both ends' states" sh -c '
	warden cell list
	warden cell list | grep -E "^echo +echo-client \(running\) +echo-server \(running\) +-$"'
check_v "no check failed in either cell" sh -c '
	! warden cell console echo-server | grep -F "[test] FAIL" &&
	! warden cell console echo-client | grep -F "[test] FAIL"'
check_v "the root cannot reach the link meanwhile" sh -c "
	v=\$(devmem $LINK 32); echo \"root reads \$v\"; [ \"\$v\" = 0x00000000 ]"

step "the peer fails mid-stream: the client sees it and does not hang"
check_v "destroy both" sh -c 'warden cell destroy echo-client && warden cell destroy echo-server'
check "echo-server up (fail after 300 echoes)" echo_up fail-after=300
printf 'ping=0\0' > /tmp/cmdline
check "echo-client up (endless)" cell_up echo-client "$INMATES/echo-demo.bin" /tmp/cmdline@0x400ff000
check_v "echo-server fails, with the reason" sh -c '
	. /usr/share/warden/lib.sh
	cell_wait_state echo-server failed 20 &&
	cat "$(cell_dir echo-server)/failure" |
		grep -E "data abort: 4-byte write to 0x50001000 \(read-only for this cell\), CPU 3"'
check_v "the client sees the failure" client_saw 'link "echo": peer failed' 10
check_v "warden cell list: the server failed" sh -c '
	warden cell list | grep -E "^echo +echo-client \(running\) +echo-server \(failed\)"'
check_v "the client stopped waiting for the echo" client_saw "no echo of message" 10
check "the client still runs" cell_state_is echo-client running
check_v "echo-server destroyed: the client sees it gone" sh -c '
	. /usr/share/warden/lib.sh
	warden cell destroy echo-server &&
	cell_wait_for echo-client "link \"echo\": peer absent" 10'
check "echo-server back" echo_up
check_v "the client goes on with the new echo-server" client_saw "peer back; going on" 10
check_v "and its echoes are verified again" sh -c '
	. /usr/share/warden/lib.sh
	cell_wait_for echo-client "^.* [0-9]{4,} of [0-9]+ echoes verified" 10 &&
	! warden cell console echo-client | grep -F "[test] FAIL"'

step "a cell that is not a peer"
check_v "destroy the client" warden cell destroy echo-client
printf 'misbehave=link\0' > /tmp/cmdline
check "spi-owner (cell-test, CPU 2) up: rings and reads a link it is not on" \
	cell_up spi-owner "$INMATES/cell-test.bin" /tmp/cmdline@0x400ff000
check_v "its ring is refused (no such link: -EINVAL)" cell_wait_for spi-owner \
	"LINK_RING of link 0 returned -22" 10
check_v "its read of the link's address stops it" sh -c '
	. /usr/share/warden/lib.sh
	cell_wait_state spi-owner failed 10 &&
	cat "$(cell_dir spi-owner)/failure" |
		grep -E "data abort: 4-byte read of 0x50000000 \(not assigned to this cell\)"'
check_v "echo-server goes on" cell_state_is echo-server running
check_v "destroy both" sh -c 'warden cell destroy spi-owner && warden cell destroy echo-server'

step "after destroy: the link is wiped and the root's again"
check_v "the root reads zeros across the link" sh -c "
	for a in $LINK $(inmate_pa 0x601000) $(inmate_pa 0x602000) $(inmate_pa 0x602ffc); do
		v=\$(devmem \$a 32); echo \"\$a: \$v\"; [ \"\$v\" = 0x00000000 ] || exit 1
	done"
check_v "the root can write it again" sh -c "
	devmem $LINK 32 0x1234 && [ \$(devmem $LINK 32) = 0x00001234 ] && devmem $LINK 32 0"
check_v "all CPUs back in Linux" cpus_online_are "0 1 2 3"
check_v "pool use as before ($pool0 pages)" sh -c "[ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "warden disable" warden disable
finish
