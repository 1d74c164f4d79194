#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# vuart: the console UART that the hypervisor emulates for a cell.
# vuart-test (CPU 2, a PL011 at IPA 0x09000000 on INTID 231) checks the
# UART's identification, reset state, loopback and transmit interrupt,
# then writes its lines and a prompt through it: the lines reach its
# console ring and, whole, the hypervisor's console (the serial line); the
# prompt, which has no newline, is in the ring at once, and on the shared
# console only once its line is complete.  Input sent with `warden cell
# console --send` (escapes, and more than the 32-byte receive FIFO holds)
# and through `--attach` from a pipe arrives by interrupt and is echoed
# and answered.  uart-demo.bin prints through the UART its comm region
# names: the emulated PL011 of its own cell (uart-demo), the console
# hypercall in a cell with none (cell-test's).  `cell stats` counts the
# trapped accesses.  A cell without an emulated UART, a bad escape and a
# cell that is not running are refused with their reasons.
. /usr/share/warden/lib.sh

# ring_ends_with NAME TEXT: the cell's console ring ends with TEXT, no
# newline after it.
ring_ends_with() {
	warden cell console "$1" > /tmp/ring || return 1
	tail -n 3 /tmp/ring
	echo "(the end)"
	_n=$(printf '%s' "$2" | wc -c)
	[ "$(tail -c "$_n" /tmp/ring; echo .)" = "$2." ]
}

# no_failed_test: no "[test] FAIL" line in vuart-test's console.
no_failed_test() {
	if warden cell console vuart-test | grep '\[test\] FAIL'; then
		return 1
	fi
	echo "no failed check"
}

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
check_v "config show: its emulated UART" sh -c "
	warden config show $CELLS/vuart-test.cell |
		grep -E 'console UART +emulated PL011 at 0x09000000, INTID 231'"
require "vuart-test up (CPU 2)" cell_up vuart-test

step "output through the emulated PL011"
check_v "its lines arrive through the UART" cell_wait_for vuart-test \
	"^\[vuart-test\] vuart-test: hello through the emulated PL011 at 0x9000000, INTID 231$"
check_v "identification and reset state" sh -c '
	warden cell console vuart-test > /tmp/ring
	grep -F "PrimeCell 0xb105f00d, peripheral 0x141011" /tmp/ring &&
		grep -F "after reset CR 0x300, FR 0x97" /tmp/ring'
check_v "loopback comes back, not to the console" cell_wait_for vuart-test \
	'loopback: sent "loop", received "loop"'
check_v "transmit interrupt" cell_wait_for vuart-test "transmit interrupt arrived"
check_v "ready" cell_wait_for vuart-test "vuart-test: ready"
check_v "the prompt is in the ring without a newline" \
	ring_ends_with vuart-test "[vuart-test] vuart> "
check_v "... and not yet on the shared console (whole lines only)" sh -c '
	warden console | grep "\[vuart-test\]" | tail -n 3
	! warden console | grep -q "vuart>"'

step "input: --send"
check_v "cell console --send" warden cell console vuart-test --send 'hello world\r'
check_v "echoed and answered" cell_wait_for vuart-test "^\[vuart-test\] got: hello world$"
check_v "the echo completes the prompt's line" cell_wait_for vuart-test \
	"^\[vuart-test\] vuart> hello world$"
check_v "a new prompt" ring_ends_with vuart-test "[vuart-test] vuart> "
check_v "the shared console has the whole lines" sh -c '
	warden console | grep -E "^\[vuart-test\] (vuart> hello world|got: hello world)\$"'
tab=$(printf '\t')
check_v "escapes: \\t \\x21 \\\\ \\n" warden cell console vuart-test \
	--send 'tab\there\x21 back\\slash\n'
check_v "... arrive as characters" cell_wait_for vuart-test \
	"got: tab${tab}here! back\\\\slash\$"
long=$(head -c 80 /dev/zero | tr '\0' x)
check_v "80 characters: more than the receive FIFO holds" \
	warden cell console vuart-test --send "${long}end\r"
check_v "... all of them arrive" cell_wait_for vuart-test "got: ${long}end\$"
check_v "no check failed in the cell" no_failed_test

step "input: --attach, from a pipe"
check_v "cell console --attach < pipe" sh -c "
	printf 'piped\r' | timeout 5 warden cell console vuart-test --attach \
		> /tmp/attach 2>&1
	tail -n 2 /tmp/attach
	grep -q 'got: piped' /tmp/attach"

step "refusals"
check_fails "--send: a bad escape" "bad escape" \
	warden cell console vuart-test --send 'a\qb'
check_fails "--send and --attach together" "at most one of" \
	warden cell console vuart-test --send a --attach

step "one uart-demo.bin: the UART the comm region names, or the hypercall"
check "uart-demo up (CPU 3, emulated PL011 on INTID 232)" cell_up uart-demo
check_v "uart-demo: hello through the UART the comm region names" \
	cell_wait_for uart-demo \
	"Hello from uart-demo on CPU 0x3 through its PL011 at 0x9000000"
check_v "uart-demo: its counter through it, into its ring" \
	cell_wait_for uart-demo "uart-demo: count 2"
check "uart-demo destroyed" warden cell destroy uart-demo
# the same image in cell-test's cell (CPU 3), which has no UART
check "uart-demo.bin in a cell without a UART" \
	cell_up cell-test "$INMATES/uart-demo.bin"
check_v "uart-demo: hello through the console hypercall" \
	cell_wait_for cell-test \
	"Hello from uart-demo on CPU 0x3 through the console hypercall"
check_v "uart-demo: its counter through the hypercall" \
	cell_wait_for cell-test "uart-demo: count 2"
check_fails "--send to a cell without an emulated UART" \
	"cell-test.*has no emulated console UART" \
	warden cell console cell-test --send x
check "cell-test destroyed" warden cell destroy cell-test

step "stats, shutdown, destroy"
check_v "stats: the trapped accesses (mmio) of CPU 2" sh -c '
	warden cell stats vuart-test | tee /tmp/stats
	awk "\$1 == \"2\" && \$6 > 0 { ok = 1 } END { exit !ok }" /tmp/stats'
check_v "cell shutdown" warden cell shutdown vuart-test
check "state: shut-down" cell_state_is vuart-test shut-down
check_fails "--send to a cell that does not run" "not running" \
	warden cell console vuart-test --send x
check_v "cell destroy" warden cell destroy vuart-test
check "gone" cell_gone vuart-test
check_v "Linux has CPU 2 again" cpus_online_are "0 1 2 3"
check_v "warden disable" warden disable
finish
