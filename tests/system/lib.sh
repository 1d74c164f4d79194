# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Guest-side helpers for the system scenarios (busybox ash).  A scenario
# sources this file, runs checks and ends with `finish`.  The host runner
# (tests/system/run.sh) reads the serial log:
#   [check] PASS <description>
#   [check] FAIL <description> (rc=N)      followed by the command's output
#   [scenario] DONE rc=<rc>                printed by /init after the script
#
# A check's verdict line comes first, then the command's output (if shown) as
# "    | " lines.  Every helper returns 0 for success; helpers that measure
# print one short line about what they saw, so that a failing check shows
# why.

WARDEN_KO=${WARDEN_KO:-/lib/modules/warden.ko}
WARDEN_SYSFS=/sys/devices/warden
SYSTEM_CELL=/etc/warden/system.cell
CPU_SYSFS=/sys/devices/system/cpu

WORK_FILE=/tmp/workload.bin
WORK_REF=/tmp/workload.sha256
WORK_MB=${WORK_MB:-64}

W_NAME=$(basename "$0" .sh)
W_PASSED=0
W_FAILED=0
W_OUT=/tmp/check.$$.out
# Prefix of a command's output lines under its check (tests/system/run.sh
# looks for "    | " after a FAIL line).
W_INDENT=${W_INDENT:-'    | '}

# say TEXT: a progress line, tagged with the scenario's name.
say() {
	echo "[$W_NAME] $*"
}

# step TEXT: a heading, for the demo and for reading long logs.
step() {
	echo
	echo "==> $*"
}

# show CMD...: print the command as typed, then run it with its output shown.
show() {
	echo "\$ $*"
	"$@"
}

# check DESCRIPTION CMD...: run CMD; PASS if it exits 0.  On failure the
# command's output (stdout and stderr) is printed, indented.
check() {
	_desc=$1
	shift
	"$@" > "$W_OUT" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ]; then
		W_PASSED=$((W_PASSED + 1))
		echo "[check] PASS $_desc"
	else
		W_FAILED=$((W_FAILED + 1))
		echo "[check] FAIL $_desc (rc=$_rc)"
		sed "s/^/$W_INDENT/" "$W_OUT" | tail -n 30
	fi
	rm -f "$W_OUT"
	return $_rc
}

# check_v DESCRIPTION CMD...: like check, but shows the output on success too.
check_v() {
	_desc=$1
	shift
	"$@" > "$W_OUT" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ]; then
		W_PASSED=$((W_PASSED + 1))
		echo "[check] PASS $_desc"
	else
		W_FAILED=$((W_FAILED + 1))
		echo "[check] FAIL $_desc (rc=$_rc)"
	fi
	sed "s/^/$W_INDENT/" "$W_OUT" | tail -n 40
	rm -f "$W_OUT"
	return $_rc
}

# check_fails DESCRIPTION PATTERN CMD...: CMD must fail (non-zero exit) and
# say why: its output must match the extended regexp PATTERN (ignoring case),
# or just be non-empty when PATTERN is "".  The output is always shown.
check_fails() {
	_desc=$1
	_pat=$2
	shift 2
	"$@" > "$W_OUT" 2>&1
	_rc=$?
	_why=
	if [ $_rc -eq 0 ]; then
		_why="succeeded but should have failed"
	elif [ ! -s "$W_OUT" ]; then
		_why="failed without a message"
	elif [ -n "$_pat" ] && ! grep -qiE -- "$_pat" "$W_OUT"; then
		_why="message does not match /$_pat/"
	fi
	if [ -z "$_why" ]; then
		W_PASSED=$((W_PASSED + 1))
		echo "[check] PASS $_desc"
	else
		W_FAILED=$((W_FAILED + 1))
		echo "[check] FAIL $_desc (rc=$_rc: $_why)"
	fi
	sed "s/^/$W_INDENT/" "$W_OUT" | tail -n 20
	rm -f "$W_OUT"
	[ -z "$_why" ]
}

# require DESCRIPTION CMD...: a check that the rest of the scenario depends
# on; if it fails, the scenario ends here.
require() {
	check "$@" || {
		say "required check failed; stopping"
		finish
	}
}

# skip WHY: a step that cannot apply on this machine, said so, not run; the
# runner repeats the count on the PASS line.
skip() {
	echo "[$W_NAME] skipped on $WARDEN_MACHINE: $*"
}

# finish: summary line, and the scenario's exit code (0 = all checks passed).
# finish_then CMD...: like finish, but the scenario ends the machine itself
# with CMD (reboot -f, a SysRq): the summary and "[scenario] DONE rc=N" come
# first, then CMD.  A machine still up 20 s later fails the run.
finish_then() {
	say "$W_PASSED checks passed, $W_FAILED failed"
	[ $W_FAILED -eq 0 ] && _ft=0 || _ft=1
	echo "[scenario] DONE rc=$_ft"
	"$@"
	sleep 20
	echo "[check] FAIL the machine is still up 20 s after: $*"
	exit 1
}

finish() {
	say "$W_PASSED checks passed, $W_FAILED failed"
	[ $W_FAILED -eq 0 ] && exit 0
	exit 1
}

have() {
	command -v "$1" > /dev/null 2>&1
}

# --- CPUs ------------------------------------------------------------------

# expand_cpus LIST: "0-2,4" -> "0 1 2 4"
expand_cpus() {
	echo "$1" | tr ',' '\n' | while IFS=- read -r _lo _hi; do
		[ -n "$_lo" ] && seq "$_lo" "${_hi:-$_lo}"
	done | tr '\n' ' ' | sed 's/ $//'
}

online_cpus() {
	expand_cpus "$(cat $CPU_SYSFS/online)"
}

# cpus_online_are "0 1 2 3": the set of online CPUs is exactly this.
cpus_online_are() {
	_now=$(online_cpus)
	echo "online CPUs: $_now"
	[ "$_now" = "$1" ]
}

# cpu_set_online CPU 0|1: offline or online a CPU through sysfs and check
# that sysfs and the online mask agree afterwards.
cpu_set_online() {
	echo "$2" > "$CPU_SYSFS/cpu$1/online" || return 1
	_state=$(cat "$CPU_SYSFS/cpu$1/online")
	echo "cpu$1/online = $_state; online CPUs: $(online_cpus)"
	[ "$_state" = "$2" ] || return 1
	if [ "$2" = 1 ]; then
		online_cpus | grep -qw "$1"
	else
		! online_cpus | grep -qw "$1"
	fi
}

cpu_offline() {
	cpu_set_online "$1" 0
}

cpu_online() {
	cpu_set_online "$1" 1
}

# on_cpu CPU CMD...: run CMD pinned to CPU (unpinned without taskset).
on_cpu() {
	_oc=$1
	shift
	if have taskset; then
		taskset -c "$_oc" "$@"
	else
		"$@"
	fi
}

# --- workload: checksums of a 64 MiB random file on every CPU ---------------

# workload_prepare: make the file (once) and its reference checksum.
workload_prepare() {
	if [ ! -f "$WORK_FILE" ]; then
		dd if=/dev/urandom of="$WORK_FILE" bs=1M count="$WORK_MB" \
			2> /dev/null || return 1
	fi
	if [ ! -s "$WORK_REF" ]; then
		sha256sum < "$WORK_FILE" | cut -d' ' -f1 > "$WORK_REF" ||
			return 1
	fi
	echo "workload: ${WORK_MB} MiB, reference sha256 $(cut -c1-16 "$WORK_REF")..."
}

# workload_run: checksum the file on all online CPUs in parallel and compare
# each result with the reference.  Prints one line per CPU.
workload_run() {
	[ -s "$WORK_REF" ] || workload_prepare > /dev/null || return 1
	_ref=$(cat "$WORK_REF")
	_t0=$(cut -d' ' -f1 /proc/uptime)
	_cpus=$(online_cpus)
	for _c in $_cpus; do
		on_cpu "$_c" sh -c "sha256sum < $WORK_FILE" \
			> "/tmp/workload.$_c" 2>&1 &
	done
	wait
	_t1=$(cut -d' ' -f1 /proc/uptime)
	_bad=0
	for _c in $_cpus; do
		_sum=$(cut -d' ' -f1 "/tmp/workload.$_c")
		if [ "$_sum" = "$_ref" ]; then
			echo "CPU$_c: sha256 ${_ref%"${_ref#????????????????}"}... matches"
		else
			echo "CPU$_c: MISMATCH: got '$(cat "/tmp/workload.$_c")'"
			_bad=1
		fi
		rm -f "/tmp/workload.$_c"
	done
	awk -v a="$_t0" -v b="$_t1" -v n="$(echo "$_cpus" | wc -w)" \
		-v mb="$WORK_MB" 'BEGIN {
		printf "workload: %d CPUs x %d MiB in %.1f s\n", n, mb, b - a }'
	return $_bad
}

# --- timers and interrupts ---------------------------------------------------

# timer_check: `sleep 2` measured by /proc/uptime must take 2 s, give or
# take what a loaded emulator adds.
timer_check() {
	_t0=$(cut -d' ' -f1 /proc/uptime)
	sleep 2
	_t1=$(cut -d' ' -f1 /proc/uptime)
	awk -v a="$_t0" -v b="$_t1" 'BEGIN {
		d = b - a
		printf "sleep 2 took %.2f s of uptime\n", d
		exit !(d >= 1.95 && d <= 4.0) }'
}

# irq_count PATTERN CPU: sum of the /proc/interrupts lines matching PATTERN
# (an awk regexp) in CPU's column (columns exist for online CPUs only).
irq_count() {
	awk -v pat="$1" -v cpu="CPU$2" '
	NR == 1 {
		for (i = 1; i <= NF; i++)
			if ($i == cpu)
				col = i + 1
		next
	}
	col && $0 ~ pat { s += $col }
	END { print s + 0 }' /proc/interrupts
}

# irq_total: all interrupts on all CPUs.
irq_total() {
	awk 'NR > 1 {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++)
			s += $i
	}
	END { print s + 0 }' /proc/interrupts
}

# busy SECONDS: keep every online CPU busy for a while.
busy() {
	for _c in $(online_cpus); do
		on_cpu "$_c" timeout "$1" sh -c 'while :; do :; done' \
			> /dev/null 2>&1 &
	done
	wait
}

# irqs_rising: with every CPU busy for 2 s, each online CPU's timer
# interrupt count goes up, and so does the total.
irqs_rising() {
	_cpus=$(online_cpus)
	_tot0=$(irq_total)
	for _c in $_cpus; do
		eval "_b$_c=$(irq_count arch_timer "$_c")"
	done
	busy 2
	_bad=0
	for _c in $_cpus; do
		_b=0
		eval "_b=\$_b$_c"
		_a=$(irq_count arch_timer "$_c")
		echo "CPU$_c: arch_timer $_b -> $_a"
		[ "$_a" -gt "$_b" ] || _bad=1
	done
	_tot1=$(irq_total)
	echo "all interrupts: $_tot0 -> $_tot1"
	[ "$_tot1" -gt "$_tot0" ] || _bad=1
	return $_bad
}

# --- Warden -------------------------------------------------------------------

warden_load() {
	insmod "$WARDEN_KO" "$@"
}

warden_unload() {
	rmmod warden
}

sysfs_is() {
	_v=$(cat "$WARDEN_SYSFS/$1" 2> /dev/null)
	echo "$WARDEN_SYSFS/$1 = '$_v'"
	[ "$_v" = "$2" ]
}

warden_is_enabled() {
	sysfs_is enabled 1
}

warden_is_disabled() {
	sysfs_is enabled 0
}

# status_says enabled|disabled: `warden status` succeeds and reports that
# state ("enabled: yes", "Warden is enabled", "enabled: no", "disabled", ...).
status_says() {
	_s=$(warden status 2>&1)
	_rc=$?
	echo "$_s"
	[ $_rc -eq 0 ] || return 1
	_off='disabled|not enabled|enabled:?[[:space:]]*(no|0|false)([^a-z]|$)'
	if [ "$1" = enabled ]; then
		echo "$_s" | grep -qiw enabled && ! echo "$_s" | grep -qiE "$_off"
	else
		echo "$_s" | grep -qiE "$_off"
	fi
}

# pool_sane: the hypervisor's page pool has pages and uses no more than it has.
pool_sane() {
	_p=$(cat $WARDEN_SYSFS/mem_pool_pages) || return 1
	_u=$(cat $WARDEN_SYSFS/mem_pool_used) || return 1
	echo "memory pool: $_u of $_p pages used"
	[ "$_p" -gt 0 ] && [ "$_u" -le "$_p" ]
}

# console_has_output: `warden console` prints the hypervisor's console.
console_has_output() {
	_s=$(timeout 20 warden console 2>&1)
	_rc=$?
	echo "$_s" | tail -n 20
	[ $_rc -eq 0 ] && [ -n "$_s" ]
}

# hyp_said TEXT: the hypervisor's console ring (`warden console`) holds a
# line with TEXT.  Checks of a hypervisor message made while a cell or the
# root's scripts also write the UART read the ring, not the serial log: on
# the UART, the hypervisor's characters and Linux's can interleave within
# a line.
hyp_said() {
	_s=$(timeout 20 warden console 2>&1) || return 1
	echo "$_s" | grep -F -- "$1"
}

# stacks_ok: after disable, every CPU's report ("stack: N of M bytes
# used", the deepest use of its EL2 stack since enable) shows at most half
# of the stack used.
stacks_ok() {
	grep -o 'CPU [0-9]*: .*stack: [0-9]* of [0-9]* bytes used' "$WARDEN_SYSFS/console" |
		sed 's/: .*stack:/: stack/' | tail -n 16 > /tmp/stacks
	cat /tmp/stacks
	[ -s /tmp/stacks ] &&
		awk '{ if ($4 * 2 > $6) bad = 1 } END { exit bad }' /tmp/stacks
}

# linux_ok: a quick sign of life: every CPU runs a process and the expected
# CPUs are online.
linux_ok() {
	cpus_online_are "0 1 2 3" || return 1
	for _c in 0 1 2 3; do
		on_cpu "$_c" sh -c 'echo alive > /dev/null' || return 1
	done
	echo "4 CPUs run processes"
}

# --- cells ---------------------------------------------------------------------

# the package's inmates (scripts/mkinitramfs.sh)
INMATES=/usr/lib/warden/inmates
CELLS=/etc/warden

# What the scenarios need to know of the machine (warden.machine= on the
# kernel command line; /init exports WARDEN_MACHINE): where its inmate cell
# configs are and what they hold (configs/qemu-arm64/, configs/zcu102/).
#   INMATE_RAM      the physical RAM of the inmates: gic-demo's 1 MiB, then
#                   uart-demo, smp-demo, cell-test (+3 MiB) ... the echo
#                   link (+6 MiB) and root-echo (+8 MiB), as their configs
#   CT_SPI          cell-test's SPI; spi-owner, echo-server, echo-client,
#                   root-echo's root side and echo-demo take the next five
#   UART_SPI        the SPI of the root's console UART
#   UART_BASE       its address, UART_DRIVER the kernel's name for it
#   LINUX_MEM       Linux's mem=
WARDEN_MACHINE=${WARDEN_MACHINE:-virt}
case "$WARDEN_MACHINE" in
zcu102)
	CELLS=/etc/warden/zcu102
	INMATE_RAM=0x60000000 CT_SPI=120 UART_SPI=53 UART_BASE=0xff000000
	UART_DRIVER=xuartps LINUX_MEM=1536M
	;;
*)
	INMATE_RAM=0x70000000 CT_SPI=100 UART_SPI=33 UART_BASE=0x9000000
	UART_DRIVER=uart-pl011 LINUX_MEM=768M
	;;
esac

# inmate_pa OFFSET: the physical address INMATE_RAM + OFFSET, in hex.
inmate_pa() {
	printf '0x%x\n' $((INMATE_RAM + $1))
}

# cell_dir NAME: the sysfs directory of the cell called NAME (empty if none).
cell_dir() {
	for _d in "$WARDEN_SYSFS"/cells/*; do
		[ -f "$_d/name" ] && [ "$(cat "$_d/name")" = "$1" ] &&
			echo "$_d" && return 0
	done
	return 1
}

# cell_state_is NAME STATE: sysfs says the cell is in STATE.
cell_state_is() {
	_d=$(cell_dir "$1") || { echo "no cell \"$1\" in sysfs"; return 1; }
	_s=$(cat "$_d/state")
	echo "cell \"$1\": state $_s"
	[ "$_s" = "$2" ]
}

# cell_gone NAME: no cell of that name in sysfs any more.
cell_gone() {
	if cell_dir "$1" > /dev/null; then
		echo "cell \"$1\" still exists"
		return 1
	fi
	echo "cell \"$1\" is gone"
}

# cell_lines NAME REGEX: how many lines of the cell's console match.
cell_lines() {
	_d=$(cell_dir "$1") || { echo 0; return 0; }
	grep -cE "$2" "$_d/console"
}

# cell_wait_for NAME REGEX [SECONDS]: wait until the cell's console (read
# through `warden cell console`) has a line matching REGEX.
cell_wait_for() {
	_n=$((${3:-10} * 5))
	while [ $_n -gt 0 ]; do
		if warden cell console "$1" 2> /dev/null | grep -qE "$2"; then
			warden cell console "$1" | grep -E "$2" | tail -n 3
			return 0
		fi
		sleep 0.2
		_n=$((_n - 1))
	done
	echo "no line matching /$2/ in the console of \"$1\"; it has:"
	warden cell console "$1" 2>&1 | tail -n 10
	return 1
}

# cell_up NAME [IMAGE...]: create from $CELLS/NAME.cell, load (default image
# $INMATES/NAME.bin) and start.
cell_up() {
	_c=$1
	shift
	[ $# -gt 0 ] || set -- "$INMATES/$_c.bin"
	warden cell create "$CELLS/$_c.cell" &&
		warden cell load "$_c" "$@" &&
		warden cell start "$_c"
}

# pool_used: the hypervisor's page pool use, in pages.
pool_used() {
	cat "$WARDEN_SYSFS/mem_pool_used"
}

# cells_snapshot: what a refused command must leave as it was.
cells_snapshot() {
	echo "$(warden cell list 2>&1) | $(cat $CPU_SYSFS/online) | $(pool_used)"
}

# refused DESCRIPTION PATTERN CMD...: like check_fails, and then the cell
# list, the online CPUs and the pool use must be as before.
refused() {
	_r_desc=$1
	_r_pat=$2
	shift 2
	_r_before=$(cells_snapshot)
	check_fails "$_r_desc" "$_r_pat" "$@"
	_r_after=$(cells_snapshot)
	if [ "$_r_before" = "$_r_after" ]; then
		W_PASSED=$((W_PASSED + 1))
		echo "[check] PASS ... and nothing changed"
		return 0
	fi
	W_FAILED=$((W_FAILED + 1))
	echo "[check] FAIL $_r_desc: the state changed"
	echo "$W_INDENT before: $_r_before"
	echo "$W_INDENT after:  $_r_after"
	return 1
}

# cell_steady NAME REGEX SECONDS: a cell that prints a REGEX line every
# second prints at least SECONDS - 1 of them in SECONDS: no gap.  (Counted
# in what the cell wrote meanwhile: console_total tells how much.)
cell_steady() {
	_d=$(cell_dir "$1") || { echo "no cell \"$1\""; return 1; }
	_b0=$(cat "$_d/console_total")
	_t0=$(cut -d' ' -f1 /proc/uptime)
	sleep "$3"
	_b1=$(cat "$_d/console_total")
	_t1=$(cut -d' ' -f1 /proc/uptime)
	# (through a pipe: sysfs files claim a size of 4096 bytes to seek)
	_n=$(cat "$_d/console" | tail -c $((_b1 - _b0)) | grep -cE "$2")
	awk -v n="$_n" -v t0="$_t0" -v t1="$_t1" -v c="$1" 'BEGIN {
		printf "%s: %d reports in %.1f s\n", c, n, t1 - t0
		exit !(n >= int(t1 - t0) - 1) }'
}

# cell_wait_state NAME STATE [SECONDS]: wait until the cell is in STATE.
cell_wait_state() {
	_n=$((${3:-10} * 5))
	while [ $_n -gt 0 ]; do
		cell_state_is "$1" "$2" > /dev/null && break
		sleep 0.2
		_n=$((_n - 1))
	done
	cell_state_is "$1" "$2"
}

# --- Linux cells ---------------------------------------------------------------

LINUX=/usr/share/warden/linux

# cell_linux_boot ACTION [KERNEL]: `warden cell linux` of linux-demo with the
# harness's initramfs, warden.run=ACTION (shell: the default), and wait for
# its init's banner.  KERNEL: the gzip vmlinuz unless given.
cell_linux_boot() {
	warden cell linux "$CELLS/linux-demo.cell" "${2:-$LINUX/vmlinuz}" \
		--initrd "$LINUX/initramfs.cpio.gz" \
		--cmdline "earlycon warden.run=$1" || return 1
	cell_wait_for linux-demo "\[cell-init\] Linux [^ ]+ up, [0-9]+ CPUs" 120
}

# cell_mark NAME: remember how much the cell has written so far, for
# cell_wait_new.
cell_mark() {
	_d=$(cell_dir "$1") || return 1
	cat "$_d/console_total" > "/tmp/cell-mark.$1"
}

# cell_wait_new NAME REGEX [SECONDS]: wait for a line matching REGEX among
# what the cell wrote since cell_mark NAME (at most the ring's 4 KiB).
cell_wait_new() {
	_d=$(cell_dir "$1") || { echo "no cell \"$1\""; return 1; }
	_m=$(cat "/tmp/cell-mark.$1" 2> /dev/null || echo 0)
	_n=$((${3:-10} * 5))
	while [ $_n -gt 0 ]; do
		_new=$(($(cat "$_d/console_total") - _m))
		if [ $_new -gt 0 ] &&
			cat "$_d/console" | tail -c "$_new" | grep -E "$2"; then
			return 0
		fi
		sleep 0.2
		_n=$((_n - 1))
	done
	echo "no new line matching /$2/ in the console of \"$1\""
	return 1
}

# cell_run NAME COMMAND REGEX [SECONDS]: type COMMAND into the shell on the
# cell's console, then wait for a line matching REGEX (make REGEX match the
# command's output, not its echo: "echo N=\$(nproc)" -> "N=2").
cell_run() {
	warden cell console "$1" --send "$2\n" || return 1
	cell_wait_for "$1" "$3" "${4:-30}"
}
