#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host tests of the warden CLI, run by tests/run.sh in its unit phase; one
# "PASS cli/<name>" or "FAIL cli/<name>" line per test.
#
#   config show   text and --json on every shipped build/configs/*.cell,
#                 and on corrupt and truncated copies (no crash, exit 1)
#   --json        cell list and status on a fake sysfs tree
#   json-check    the guest's JSON checker against known verdicts
#   --help        every command's, driven by `warden --help`
#   completion    tools/warden.bash-completion
#
# It runs build/tests/cli/warden, the CLI under ASan and UBSan, which reads
# the fake sysfs tree build/tests/cli/sysfs (tests/build.mk), and
# build/tests/cli/json-check.  Both come from `make unit-tests`.
#
# Usage: tests/cli/run.sh
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${WARDEN_BUILD:-$top/build}
cli=$build/tests/cli
W=$cli/warden
JC=$cli/json-check
SYSFS=$cli/sysfs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

pass() { echo "PASS cli/$*"; }
fail() { echo "FAIL cli/$*"; }

# verdict NAME WHY: PASS if WHY is empty, else FAIL with WHY (and the log).
verdict() {
	if [ -z "$2" ]; then
		pass "$1"
	else
		fail "$1: $2"
		[ -s "$tmp/log" ] && head -n 15 "$tmp/log" | sed 's/^/    | /'
	fi
	: > "$tmp/log"
}

# A sanitizer finding in the log is a crash, whatever the exit code.
sanitizer_clean() {
	! grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$@"
}

for f in "$W" "$JC"; do
	if [ ! -x "$f" ]; then
		fail "setup: ${f#"$top"/} not built (make unit-tests)"
		exit 1
	fi
done
command -v python3 > /dev/null || { fail "setup: python3 missing"; exit 1; }

# py_json FILE PYTHON-EXPR: parse FILE with Python's json; the expression
# (over `d`) must be true.
py_json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" >> "$tmp/log" 2>&1
}

# --- config show --------------------------------------------------------

shopt -s nullglob
cells=("$build"/configs/*.cell)
shopt -u nullglob
[ ${#cells[@]} -gt 0 ] || fail "config-show: no build/configs/*.cell (make)"

# The facts a config's text must state, by its file name.
show_text_facts() {
	local f=$1 out=$2 base
	base=$(basename "$f" .cell)
	case $base in
	qemu-arm64-gicv3-smmu) grep -qE '^  IOMMU +SMMUv3 at 0x09050000, event queue IRQ 106, global errors IRQ 109$' "$out" &&
		grep -qE '^  PCI host +ECAM at 0x4010000000, buses 00-ff, stream IDs from 0x0, INTx from IRQ 35$' "$out" ;;
	dma-test) grep -qE '^  PCI devices +1$' "$out" && grep -qE '^    00:02.0$' "$out" ;;
	qemu-arm64-gicv2*) grep -qE '^  GIC +v2$' "$out" &&
		grep -qE '^  GICC +0x08010000$' "$out" ;;
	qemu-arm64-gicv3*) grep -qE '^  GIC +v3$' "$out" &&
		grep -qE '^  GICR +0x080a0000, stride 0x20000$' "$out" ;;
	gic-demo) grep -qE '^  name +gic-demo$' "$out" &&
		grep -qE '^  CPUs +2 \(mask 0x4\)$' "$out" ;;
	vuart-test) grep -qE '^  console UART +emulated PL011 at 0x09000000, INTID 231$' "$out" ;;
	*) grep -qE '^  name +[a-z0-9-]+$' "$out" ;;
	esac && grep -qE '^    # +PHYS +VIRT +SIZE +FLAGS$' "$out"
}

for f in "${cells[@]}"; do
	n=config-show/$(basename "$f")
	"$W" config show "$f" > "$tmp/out" 2> "$tmp/log"
	rc=$?
	cat "$tmp/out" >> "$tmp/log"
	why=
	if [ $rc -ne 0 ]; then
		why="exit $rc"
	elif ! sanitizer_clean "$tmp/log"; then
		why="sanitizer report"
	elif ! show_text_facts "$f" "$tmp/out"; then
		why="key facts missing"
	fi
	verdict "$n" "$why"
done

# The facts a config's JSON must state, as a Python expression.
show_json_facts() {
	case $(basename "$1" .cell) in
	qemu-arm64-gicv3-smmu) echo 'd["platform"]["smmu"] == {"base": "0x9050000", "evtq_irq": 106, "gerror_irq": 109} and d["platform"]["pci_host"]["intx_irq"] == 35 and d["platform"]["pci_host"]["bus_last"] == 255' ;;
	dma-test) echo 'd["cell"]["pci_devices"] == [{"bus": 0, "device": 2, "function": 0}]' ;;
	qemu-arm64-gicv2*) echo 'd["kind"] == "system" and d["platform"]["gic"]["version"] == 2 and d["platform"]["gic"]["gicc_base"] == "0x8010000" and d["root_cell"]["name"] == "root"' ;;
	qemu-arm64-gicv3*) echo 'd["kind"] == "system" and d["platform"]["gic"]["version"] == 3 and d["platform"]["gic"]["gicr_base"] == "0x80a0000" and len(d["platform"]["cpus"]) == d["platform"]["num_cpus"]' ;;
	gic-demo) echo 'd["kind"] == "cell" and d["cell"]["name"] == "gic-demo" and d["cell"]["cpu_list"] == [2] and any("loadable" in m["flags"] for m in d["cell"]["memory_regions"]) and "console_uart" not in d["cell"]' ;;
	vuart-test) echo 'd["cell"]["console_uart"] == {"type": "pl011", "base": "0x9000000", "irq": 231}' ;;
	*) echo 'd["kind"] in ("system", "cell")' ;;
	esac
}

for f in "${cells[@]}"; do
	n=config-show-json/$(basename "$f")
	"$W" config show --json "$f" > "$tmp/out" 2> "$tmp/log"
	rc=$?
	why=
	if [ $rc -ne 0 ]; then
		why="exit $rc"
	elif ! sanitizer_clean "$tmp/log"; then
		why="sanitizer report"
	elif ! py_json "$tmp/out" "d['valid'] is True and d['problems'] == 0"; then
		why="not valid JSON for python3, or not \"valid\""
	elif ! "$JC" "$tmp/out" >> "$tmp/log" 2>&1; then
		why="json-check refuses it"
	elif ! py_json "$tmp/out" "$(show_json_facts "$f")"; then
		why="key facts missing"
	fi
	verdict "$n" "$why"
done

# All at once: an array, the cells after a system checked against it.
sys=$build/configs/qemu-arm64-gicv3.cell
demo=$build/configs/gic-demo.cell
"$W" config show --json "$sys" "$demo" "$build/configs/uart-demo.cell" \
	> "$tmp/out" 2> "$tmp/log"
rc=$?
why=
[ $rc -eq 0 ] || why="exit $rc"
[ -n "$why" ] || py_json "$tmp/out" "len(d) == 3 and d[1]['checked_against'] == '$sys' and d[1]['cell']['name'] == 'gic-demo'" ||
	why="not an array of 3 with the cells checked against the system"
verdict "config-show-json/several files" "$why"

# --- config show on broken files ----------------------------------------

# Broken copies of a system and a cell config: truncated at each part's
# edge, counts that claim too much, a bad name, and random byte flips.
python3 - "$sys" "$demo" "$tmp/broken" << 'EOF'
import os, random, struct, sys
sysc, cell, out = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read(), sys.argv[3]
os.makedirs(out)
def put(name, data):
    open(os.path.join(out, name + '.cell'), 'wb').write(bytes(data))
for n in (0, 4, 8, 15, 16, 47, 48, 100, 671, 672, 700, 775, 776, 799, len(sysc) - 1):
    put('sys-trunc-%d' % n, sysc[:n])
for n in (8, 50, 103, 104, 120, 135, 136, len(cell) - 1):
    put('cell-trunc-%d' % n, cell[:n])
for off, what in ((56, 'mem'), (60, 'irq'), (72, 'link')):   # cell counts
    for v in (65, 1000, 0xffffffff):
        c = bytearray(cell); struct.pack_into('<I', c, off, v)
        put('cell-count-%s-%d' % (what, v), c)
        s = bytearray(sysc); struct.pack_into('<I', s, 672 + off, v)
        put('sys-count-%s-%d' % (what, v), s)
# platform.num_cpus: after the header, hypervisor memory, two u32 and 7 u64
s = bytearray(sysc); struct.pack_into('<I', s, 16 + 32 + 8 + 7 * 8 + 4, 1000)
put('sys-num-cpus', s)
c = bytearray(cell); c[16:48] = b'\x01\xff"\\' + b'A' * 28   # name: no NUL
put('cell-name', c)
c = bytearray(cell); c[0:8] = b'WRDNXXXX'
put('cell-signature', c)
random.seed(7)
for i in range(60):
    d = bytearray(sysc if i % 2 else cell)
    for _ in range(random.randint(1, 6)):
        d[random.randrange(len(d))] = random.randrange(256)
    if i % 3 == 0:
        d = d[:random.randrange(len(d))]
    put('random-%02d' % i, d)
EOF

# Each broken file, alone, as text and as JSON, then after the system
# config (checked against it): never a crash, never exit 0 unless the
# checker found nothing (a flip in unchecked padding), JSON always valid.
broken_run() {
	local f=$1 mode rc
	for mode in text json; do
		if [ $mode = json ]; then
			"$W" config show --json "$sys" "$f" > "$tmp/out" 2>> "$tmp/err"
		else
			"$W" config show "$f" > "$tmp/out" 2>> "$tmp/err"
		fi
		rc=$?
		if [ $rc -gt 1 ] || ! sanitizer_clean "$tmp/err"; then
			echo "$(basename "$f") ($mode): exit $rc" >> "$tmp/log"
			cat "$tmp/err" >> "$tmp/log"
			return 1
		fi
		if [ $mode = json ] && ! "$JC" "$tmp/out" 2>> "$tmp/log"; then
			echo "$(basename "$f"): invalid JSON" >> "$tmp/log"
			return 1
		fi
		: > "$tmp/err"
	done
}

bad=0
for f in "$tmp"/broken/*.cell; do
	broken_run "$f" || bad=$((bad + 1))
done
verdict "config-show/broken files ($(find "$tmp/broken" -name '*.cell' | wc -l) files: no crash, valid JSON)" \
	"$([ $bad -eq 0 ] || echo "$bad files")"

# The clearly broken ones must fail, and say why on stderr.
bad=0
for f in "$tmp"/broken/sys-trunc-* "$tmp"/broken/cell-trunc-* \
	"$tmp"/broken/*-count-* "$tmp"/broken/sys-num-cpus.cell \
	"$tmp"/broken/cell-signature.cell; do
	"$W" config show "$f" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q "^warden: $f: " "$tmp/err"; then
		echo "$(basename "$f"): exit $rc" >> "$tmp/log"
		bad=$((bad + 1))
	fi
done
verdict "config-show/broken files fail with a reason" \
	"$([ $bad -eq 0 ] || echo "$bad files did not")"

# A truncated file is still shown as far as it goes.
"$W" config show "$tmp/broken/sys-trunc-700.cell" > "$tmp/out" 2> "$tmp/log"
why=
grep -qE '^  GIC +v3$' "$tmp/out" || why="platform not shown"
grep -q 'root cell' "$tmp/out" && why="shows a root cell the file does not hold"
verdict "config-show/truncated file shown up to its end" "$why"

# A cell whose emulated console UART lies on its own RAM: still shown, and
# refused with the reason.  (vuart_base: offset 80 of the cell's header)
python3 - "$build/configs/vuart-test.cell" "$tmp/vuart-on-ram.cell" << 'EOF'
import struct, sys
c = bytearray(open(sys.argv[1], 'rb').read())
struct.pack_into('<Q', c, 80, 0x40000000)
open(sys.argv[2], 'wb').write(c)
EOF
"$W" config show "$sys" "$tmp/vuart-on-ram.cell" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err" "$tmp/out" >> "$tmp/log"
why=
[ $rc -eq 1 ] || why="exit $rc; "
grep -qF 'cell config "vuart-test": emulated console UART at 0x40000000: overlaps memory region 0' "$tmp/err" ||
	why+="no reason on stderr; "
grep -qE '^  console UART +emulated PL011 at 0x40000000, INTID 231$' "$tmp/out" ||
	why+="not shown"
verdict "config-show/an emulated UART on the cell's RAM" "$why"

# A cell naming its own UART (uart_base, uart_type: offsets 88 and 96 of
# the cell's header) where it owns no device: shown, in text and JSON, and
# refused with the reason.
python3 - "$build/configs/uart-demo.cell" "$tmp/own-uart.cell" << 'EOF'
import struct, sys
c = bytearray(open(sys.argv[1], 'rb').read())
struct.pack_into('<QI', c, 88, 0xff010000, 2)
open(sys.argv[2], 'wb').write(c)
EOF
"$W" config show "$sys" "$tmp/own-uart.cell" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err" "$tmp/out" >> "$tmp/log"
why=
[ $rc -eq 1 ] || why="exit $rc; "
grep -qF 'cell config "uart-demo": cell UART: the Cadence UART at 0xff010000+0x100 is not inside a read-write IO memory region of the cell' "$tmp/err" ||
	why+="no reason on stderr; "
grep -qE '^  own UART +Cadence at 0xff010000$' "$tmp/out" ||
	why+="not shown"
verdict "config-show/a cell UART the cell does not own" "$why"
"$W" config show --json "$tmp/own-uart.cell" > "$tmp/out" 2> "$tmp/log"
why=
py_json "$tmp/out" 'd["cell"]["uart"] == {"type": "Cadence", "base": "0xff010000"}' ||
	why="no uart object"
verdict "config-show-json/a cell UART" "$why"

"$W" config show --json "$tmp/nonexistent.cell" > "$tmp/out" 2> "$tmp/log"
rc=$?
why=
[ $rc -eq 1 ] || why="exit $rc"
[ -n "$why" ] || py_json "$tmp/out" "d['valid'] is False and 'error' in d" ||
	why="no JSON object with the error"
verdict "config-show/missing file" "$why"

# --- cell list and status --json on a fake sysfs -------------------------

make_sysfs() {
	rm -rf "$SYSFS"
	mkdir -p "$SYSFS/cells/1" "$SYSFS/cells/3"
	echo 1 > "$SYSFS/enabled"
	printf 'driver 0.1.0\nhypervisor 0.1.0\n' > "$SYSFS/version"
	echo 12 > "$SYSFS/mem_pool_used"
	echo 1024 > "$SYSFS/mem_pool_pages"
	echo 'root-echo 0 echo-demo running /dev/warden-link-root-echo' > "$SYSFS/links"
	echo gic-demo > "$SYSFS/cells/1/name"
	echo running > "$SYSFS/cells/1/state"
	echo 2 > "$SYSFS/cells/1/cpus"
	echo > "$SYSFS/cells/1/failure"
	echo echo-demo > "$SYSFS/cells/3/name"
	echo failed > "$SYSFS/cells/3/state"
	echo 3 > "$SYSFS/cells/3/cpus"
	# a failure text that needs escaping: quotes, a tab, a stray byte
	printf 'CPU 3: "data abort"\tat 0x1000 \377\n' > "$SYSFS/cells/3/failure"
	echo 'root-echo 1 root running' > "$SYSFS/cells/3/links"
	# a console ring that ends with a prompt
	printf '[gic-demo] hello\n[gic-demo] $ ' > "$SYSFS/cells/1/console"
	echo 30 > "$SYSFS/cells/1/console_total"
}
make_sysfs

"$W" cell list --json > "$tmp/out" 2> "$tmp/log"
rc=$?
why=
[ $rc -eq 0 ] || why="exit $rc"
[ -n "$why" ] || py_json "$tmp/out" "[c['name'] for c in d['cells']] == ['root', 'gic-demo', 'echo-demo'] and d['cells'][2]['failure'] == 'CPU 3: \"data abort\"\\tat 0x1000 \\ufffd' and d['links'][0]['device'] == '/dev/warden-link-root-echo'" ||
	why="python3: not the cells and links of the fake sysfs"
[ -n "$why" ] || "$JC" -e 'cells[name=gic-demo].state' running \
	-e 'cells[name=echo-demo].id' 3 -e 'links[0].sides[1].cell' echo-demo \
	"$tmp/out" >> "$tmp/log" 2>&1 || why="json-check assertions"
verdict "cell-list-json (fake sysfs)" "$why"

"$W" cell list > "$tmp/out" 2> "$tmp/log"
why=
grep -qE '^1 +gic-demo +running +2$' "$tmp/out" &&
	grep -qE '^root-echo +root \(running\) +echo-demo \(failed\) +/dev/warden-link-root-echo$' "$tmp/out" ||
	why="text table changed"
verdict "cell-list text (fake sysfs)" "$why"

# --- cell console on the fake sysfs (no driver: nothing is sent) ----------

"$W" cell console gic-demo > "$tmp/out" 2> "$tmp/log"
rc=$?
why=
[ $rc -eq 0 ] || why="exit $rc"
[ -n "$why" ] || cmp -s "$tmp/out" "$SYSFS/cells/1/console" ||
	why="not the ring as it is"
verdict "cell-console prints the ring (fake sysfs)" "$why"

# --- root-only commands in a Linux cell -----------------------------------
# The cell's tree says "warden,linux-cell" at its root (tools/linuxdt.c);
# there is no /dev/warden there (nor on this host): each command that needs
# it says it is not available in a cell.
printf 'warden,linux-cell\0' > "$cli/dt-compatible"
why=
for cmd in "enable $build/configs/qemu-arm64-gicv3.cell" disable \
	"cell create $build/configs/gic-demo.cell" "cell destroy gic-demo"; do
	# shellcheck disable=SC2086 # the command's words
	"$W" $cmd > "$tmp/out" 2> "$tmp/err"
	rc=$?
	cat "$tmp/err" >> "$tmp/log"
	[ $rc -eq 1 ] && grep -q "not available in a cell: " "$tmp/err" ||
		why+=" '$cmd' (exit $rc: $(head -n 1 "$tmp/err"))"
done
rm -f "$cli/dt-compatible"
"$W" disable > "$tmp/out" 2> "$tmp/err"
grep -q "not available in a cell" "$tmp/err" && why+=" (said so outside a cell)"
verdict "root-only commands in a Linux cell" "$why"

# --send: escapes are checked, and only a running cell is sent to
why=
for bad in 'a\q' 'a\' '\x4' '\xg0' '\x'; do
	"$W" cell console gic-demo --send "$bad" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	cat "$tmp/err" >> "$tmp/log"
	[ $rc -eq 1 ] && grep -q "bad escape" "$tmp/err" || why+=" '$bad'"
done
"$W" cell console echo-demo --send 'x\n' > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err" >> "$tmp/log"
[ $rc -eq 1 ] && grep -qF 'cell console "echo-demo" failed: the cell is not running (failed)' "$tmp/err" ||
	why+=" (a failed cell: exit $rc)"
"$W" cell console gic-demo -f --attach > /dev/null 2> "$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "at most one of" "$tmp/err" || why+=" (-f --attach: exit $rc)"
verdict "cell-console --send refusals (fake sysfs)" "${why:+refused wrongly:$why}"

# --attach on a terminal: raw while attached, Ctrl-] detaches, and the
# terminal's settings are as before
python3 - "$W" > "$tmp/out" 2>> "$tmp/log" << 'EOF'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp('sh', ['sh', '-c', 'stty -g; "$0" cell console gic-demo --attach; echo "rc=$?"; stty -g', sys.argv[1]])
out, sent, end = b'', False, time.time() + 10
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    if not sent and b'Ctrl-] detaches' in out:
        os.write(fd, b'\x1d')
        sent = True
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
EOF
cat "$tmp/out" >> "$tmp/log"
why=
lines=$(tr -d '\r' < "$tmp/out")
[ "$(echo "$lines" | head -n 1)" = "$(echo "$lines" | tail -n 1)" ] ||
	why+="terminal settings not restored; "
grep -q 'hello' "$tmp/out" && grep -qF '[gic-demo] $ ' "$tmp/out" || why+="no ring; "
grep -q 'detached from cell "gic-demo"' "$tmp/out" && grep -q 'rc=0' "$tmp/out" ||
	why+="not detached with exit 0"
verdict "cell-console --attach on a terminal: Ctrl-] detaches (fake sysfs)" "$why"

# --attach from a pipe: its end, then the output until the cell is gone
(sleep 1; rm -rf "$SYSFS/cells/1") &
: | timeout 10 "$W" cell console gic-demo --attach > "$tmp/out" 2> "$tmp/err"
rc=$?
wait
cat "$tmp/err" >> "$tmp/log"
why=
[ $rc -eq 0 ] || why="exit $rc; "
grep -qF '[gic-demo] $ ' "$tmp/out" || why+="no ring; "
grep -q 'cell "gic-demo" (id 1) is gone' "$tmp/err" || why+="not told the cell is gone"
verdict "cell-console --attach < pipe follows until the cell is gone (fake sysfs)" "$why"
make_sysfs

"$W" status --json > "$tmp/out" 2> "$tmp/log"
rc=$?
why=
[ $rc -eq 0 ] || why="exit $rc"
[ -n "$why" ] || py_json "$tmp/out" "d['enabled'] is True and d['memory_pool'] == {'used_pages': 12, 'total_pages': 1024} and d['versions'] == ['driver 0.1.0', 'hypervisor 0.1.0'] and sorted(c['name'] for c in d['cells']) == ['echo-demo', 'gic-demo']" ||
	why="python3: not the state of the fake sysfs"
[ -n "$why" ] || "$JC" -e enabled true -e 'cells[id=1].name' gic-demo \
	"$tmp/out" >> "$tmp/log" 2>&1 || why="json-check assertions"
verdict "status-json (fake sysfs)" "$why"

"$W" status > "$tmp/out" 2> "$tmp/log"
why=
grep -qE '^memory pool: 12/1024 pages \(1\.2%\)$' "$tmp/out" &&
	grep -qE '^cells: +2 \(' "$tmp/out" || why="text changed"
verdict "status text (fake sysfs)" "$why"
rm -rf "$SYSFS"

# --- json-check ------------------------------------------------------------

bad=0
while IFS=' ' read -r want text; do
	printf '%b' "$text" | "$JC" > /dev/null 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "json-check on '$text': exit $got, not $want" >> "$tmp/log"
		bad=$((bad + 1))
	fi
done << 'EOF'
0 {"a": [1, -0.5e+3, true, false, null, "\\u00e9\\ud83d\\ude00"]}
0 []
0  "x" \n
1 {"a": 1, "a": 2}
1 [1,]
1 01
1 "\\ud800"
1 {"a" 1}
1 [1] [2]
1 "tab\there"
1 "\\x"
1 1.
1 tru
1 \377
1 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
1
EOF
echo '{"cells": [{"name": "a", "state": "x"}, {"name": "b", "state": "running"}], "n": 2}' > "$tmp/j"
"$JC" -e 'cells[name=b].state' running -e n 2 -x 'cells[1]' "$tmp/j" || bad=$((bad + 1))
! "$JC" -e 'cells[name=a].state' running "$tmp/j" 2> /dev/null || bad=$((bad + 1))
! "$JC" -x 'cells[name=c]' "$tmp/j" 2> /dev/null || bad=$((bad + 1))
verdict "json-check (strict syntax, assertions)" "$([ $bad -eq 0 ] || echo "$bad wrong verdicts")"

# --- --help of every command -----------------------------------------------

# The commands and their options, as `warden --help` lists them.
"$W" --help > "$tmp/help" 2>&1
commands=()
while IFS= read -r line; do
	line=${line#  }
	line=${line%%  *}
	words=
	for tok in $line; do
		case $tok in \[* | \<*) break ;; esac
		words+=" $tok"
	done
	commands+=("${words# }|$line")
done < <(sed -n '/^Commands:/,/^$/p' "$tmp/help" | grep -E '^  [a-z]')

# Every command of the table in tools/warden.c is listed.
why=
# (no "printf | grep -q": under pipefail, grep's early exit can fail printf
# with SIGPIPE and the pipeline with it)
while read -r name; do
	found=0
	for c in "${commands[@]}"; do
		[[ $c == "$name|"* ]] && found=1
	done
	[ $found = 1 ] || why+=" $name"
done < <(sed -n 's/^\t\t\.name = "\(.*\)",$/\1/p' "$top/tools/warden.c")
[ ${#commands[@]} -ge 10 ] || why+=" (only ${#commands[@]} commands found)"
verdict "help/warden --help lists every command" "${why:+missing:$why}"

# Every option any command has, to check that the others refuse it.
all_opts=$(grep -oE '\[-[^]]*\]' "$tmp/help" | tr -d '[]' | sed 's/ .*//' | tr '|' '\n' | sort -u)

for entry in "${commands[@]}"; do
	name=${entry%%|*}
	synopsis=${entry#*|}
	read -ra cmd <<< "$name"
	opts=$(grep -oE '\[-[^]]*\]' <<< "$synopsis" | tr -d '[]' | sed 's/ .*//' | tr '|' '\n')
	why=
	"$W" "${cmd[@]}" --help > "$tmp/out" 2>> "$tmp/log" || why+=" exit $?;"
	grep -qF "Usage: warden $synopsis" "$tmp/out" || why+=" no usage line;"
	cmp -s "$tmp/out" <("$W" help "${cmd[@]}" 2>&1) ||
		why+=" 'warden help $name' differs;"
	sed -n '/^Options:/,/^$/p' "$tmp/out" > "$tmp/opts"
	for o in $opts; do
		grep -qE -- "^  ([^ ]*\|)?$o( |\|)" "$tmp/opts" ||
			why+=" $o not under Options;"
		"$W" "${cmd[@]}" "$o" --help > /dev/null 2>&1 ||
			why+=" $o refused;"
	done
	for o in $all_opts; do
		grep -qx -- "$o" <<< "$opts" && continue
		"$W" "${cmd[@]}" "$o" --help > /dev/null 2>&1
		[ $? -eq 2 ] || why+=" takes $o but does not list it;"
	done
	verdict "help/$name --help" "$why"
done

# --- bash completion --------------------------------------------------------

comp=$top/tools/warden.bash-completion
if ! command -v bash > /dev/null || [ ! -f "$comp" ]; then
	fail "completion: bash or ${comp#"$top"/} missing"
else
	mkdir -p "$tmp/bin" "$tmp/cfg/sub"
	ln -s "$W" "$tmp/bin/warden"
	touch "$tmp/cfg/a.cell" "$tmp/cfg/b.cell" "$tmp/cfg/notes.txt"
	make_sysfs
	# complete WORDS...: COMPREPLY for the last word, sorted, one line
	(cd "$tmp/cfg" && PATH=$tmp/bin:$PATH WARDEN_SYSFS=$SYSFS bash -c '
		source "$1" || exit 1
		comp_test() {
			COMP_WORDS=("$@")
			COMP_CWORD=$(($# - 1))
			COMPREPLY=()
			_warden
			printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
			echo
		}
		while IFS="|" read -r words want; do
			read -ra w <<< "$words"
			[[ $words == *" " ]] && w+=("")
			got=$(comp_test "${w[@]}")
			if [[ "${got% }" == "$want" ]]; then
				echo "PASS cli/completion/\"$words\""
			else
				echo "FAIL cli/completion/\"$words\": got \"${got% }\", want \"$want\""
			fi
		done' _ "$comp") << 'EOF'
warden c|cell config console
warden cell |console create destroy linux list load shutdown start stats
warden cell linux -|--cmdline --dtb --help --initrd --write-dtb
warden cell linux a.cell |a.cell b.cell notes.txt sub/
warden config |build cell-create check create show
warden config show |a.cell b.cell sub/
warden config check a.cell |a.cell b.cell sub/
warden enable n|
warden cell start |echo-demo gic-demo
warden cell console -f g|gic-demo
warden cell list --|--help --json
warden cell console -|--attach --follow --help --send -f
warden cell console --send |
warden cell console --send hi g|gic-demo
warden cell console --send hi gic-demo |
warden config create -o |a.cell b.cell notes.txt sub/
warden config create --dtb a.cell -|--console --dtb --help --hv-mem --linux-mem --output --ram -o
warden help cell s|shutdown start stats
warden --v|--version
EOF
	rm -rf "$SYSFS"
fi
