#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host runner for the QEMU system scenarios.  For every scenario in
# tests/system/scenarios.list (or those named as arguments) and every GIC
# (GICS, default "3 2"), boot QEMU once and judge the serial log:
#   PASS  only if "[scenario] DONE rc=0" appears, no "[check] FAIL" line and
#         no kernel or hypervisor failure line, and QEMU exited by itself;
#   FAIL  otherwise, with the failing checks, the log's tail and its path.
# Prints one "PASS system/<scenario>/gicv<N>" or "FAIL ..." line per run; the
# exit code is non-zero if any run failed.
#
# Directive lines in a scenario file:
#   # gics: 3             only those GICs (default: all of GICS)
#   # machine: its=on     QEMU machine options of its own (run-qemu.sh
#                         --machine-opts)
#   # expect-serial: RE   the serial log must match the extended regexp RE
#   # linux-cell: yes     the root gets a Linux cell's kernel and initramfs
#                         under /usr/share/warden/linux/ (build/linux-cell/
#                         extra.cpio.gz, scripts/mkcellinitramfs.sh, built
#                         once per run; about 45 MB more in the root's RAM)
#   # disk: cell          the Linux cell's disk (build/linux-cell/disk.img,
#                         scripts/mkcelldisk.sh) as a virtio-mmio block
#                         device, 0x0a003e00 on SPI 47 (run-qemu.sh --disk)
#
# After a passing run, tests/system/hooks/<scenario>.sh GIC LOG runs if it
# exists: host-side steps on the run's output, with PASS/FAIL lines of their
# own (configgen: build the generated config, boot again on it).
#
# Usage: tests/system/run.sh [SCENARIO...]
# Environment: GICS="3 2", WARDEN_TIMEOUT=300 (seconds per run, unless
# scenarios.list gives the scenario its own), WARDEN_TIMEOUT_ALL (seconds
# per run, whatever the list says: make soak); for runs on another system
# config (hooks): WARDEN_INITRD_EXTRA (a cpio added to the initramfs),
# WARDEN_APPEND (kernel command-line words), WARDEN_SUFFIX (appended to the
# scenario's name in PASS/FAIL lines and log names)
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${WARDEN_BUILD:-$top/build}
logs=$build/logs
gics=${GICS:-3 2}
limit=${WARDEN_TIMEOUT:-300}

# Lines that mean the kernel or the hypervisor broke, whatever the script said.
FAILURE_RE='Kernel panic|Internal error|Oops|BUG:|Unable to handle|rcu_.*stall|\[warden\] PANIC|WARNING: CPU: [0-9]+ PID:'

# scenarios.list: "<name> [<timeout in seconds>]" per line, # comments.
declare -A limits=()
scenarios=("$@")
# the list's time limits apply to scenarios named as arguments too
while read -r name secs _; do
	[ $# -eq 0 ] && scenarios+=("$name")
	[ -n "$secs" ] && limits[$name]=$secs
done < <(sed 's/#.*//; /^[[:space:]]*$/d' "$top/tests/system/scenarios.list")
[ ${#scenarios[@]} -gt 0 ] || { echo "system: no scenarios to run" >&2; exit 1; }

mkdir -p "$logs"
# Build the initramfs once, up front, so that its warnings are seen.
"$top/scripts/mkinitramfs.sh" || { echo "FAIL system/initramfs: mkinitramfs.sh failed"; exit 1; }

# build_once NAME CMD...: run a build step the first time a scenario needs
# it (its output, warnings included, to stderr and build/logs/build-NAME.log);
# later calls answer as the first did.
declare -A built=()
build_once() {
	local name=$1
	shift
	if [ -z "${built[$name]:-}" ]; then
		if "$@" > "$logs/build-$name.log" 2>&1; then
			built[$name]=ok
		else
			built[$name]=failed
		fi
		cat "$logs/build-$name.log" >&2
	fi
	[ "${built[$name]}" = ok ]
}

failed=0
for s in "${scenarios[@]}"; do
	# directives: see the top of this file
	sfile=$top/tests/system/scenarios/$s.sh
	s_gics=$(sed -n 's/^# gics: //p' "$sfile" 2> /dev/null | head -n 1)
	s_mopts=$(sed -n 's/^# machine: //p' "$sfile" 2> /dev/null | head -n 1)
	s_linux=$(sed -n 's/^# linux-cell: //p' "$sfile" 2> /dev/null | head -n 1)
	s_disk=$(sed -n 's/^# disk: //p' "$sfile" 2> /dev/null | head -n 1)
	s_extra=() s_why='' s_blog=''
	case "$s_linux" in
	"" | no) ;;
	yes)
		if build_once linux-cell "$top/scripts/mkcellinitramfs.sh"; then
			s_extra+=(--initrd-extra "$build/linux-cell/extra.cpio.gz")
		else
			s_why="scripts/mkcellinitramfs.sh failed"
			s_blog=$logs/build-linux-cell.log
		fi
		;;
	*) s_why="unknown '# linux-cell: $s_linux' (yes or no)" ;;
	esac
	case "$s_disk" in
	"") ;;
	cell)
		if build_once celldisk "$top/scripts/mkcelldisk.sh"; then
			s_extra+=(--disk "$build/linux-cell/disk.img")
		else
			s_why="scripts/mkcelldisk.sh failed"
			s_blog=$logs/build-celldisk.log
		fi
		;;
	*) s_why="unknown '# disk: $s_disk' (cell)" ;;
	esac
	for g in $gics; do
		if [ -n "$s_gics" ] && ! [[ " $s_gics " == *" $g "* ]]; then
			continue
		fi
		suffix=${WARDEN_SUFFIX:-}
		name=system/$s$suffix/gicv$g
		if [ -n "$s_why" ]; then
			echo "FAIL $name: $s_why"
			[ -z "$s_blog" ] || tail -n 20 "$s_blog" | sed 's/^/    | /'
			failed=1
			continue
		fi
		log=$logs/system-$s$suffix-gicv$g.log
		secs=${WARDEN_TIMEOUT_ALL:-${limits[$s]:-$limit}}
		extra=()
		[ -n "${WARDEN_INITRD_EXTRA:-}" ] &&
			extra+=(--initrd-extra "$WARDEN_INITRD_EXTRA")
		[ -n "${WARDEN_APPEND:-}" ] && extra+=(--append "$WARDEN_APPEND")
		[ -n "$s_mopts" ] && extra+=(--machine-opts "$s_mopts")
		extra+=("${s_extra[@]}")
		t0=$SECONDS
		"$top/scripts/run-qemu.sh" --gic "$g" --scenario "$s" \
			--timeout "$secs" --log "$log" "${extra[@]}" > /dev/null 2>&1
		rc=$?
		dt=$((SECONDS - t0))

		why=()
		[ -f "$log" ] || { echo "FAIL $name: no log (run-qemu.sh rc=$rc)"; failed=1; continue; }
		if [ $rc -eq 124 ]; then
			why+=("timed out after $secs s")
		elif [ $rc -eq 125 ]; then
			why+=("$(grep -o "STOPPED: .*" "$log" | tail -n 1)")
		elif [ $rc -ne 0 ]; then
			why+=("QEMU exited with rc=$rc")
		fi
		if ! grep -qE '\[scenario\] DONE rc=0([^0-9]|$)' "$log"; then
			done_line=$(grep -oE '\[scenario\] DONE rc=[0-9]+' "$log" | tail -n 1)
			why+=("${done_line:-no [scenario] DONE line}")
		fi
		# "# expect-serial: REGEX" lines in the scenario: the serial log
		# (hypervisor and cell consoles included) must match each.
		while IFS= read -r re; do
			grep -qE -- "$re" "$log" || why+=("serial log lacks /$re/")
		done < <(sed -n 's/^# expect-serial: //p' \
			"$top/tests/system/scenarios/$s.sh")
		nfail=$(grep -c '\[check\] FAIL' "$log")
		[ "$nfail" -eq 0 ] || why+=("$nfail failed checks")
		if grep -qE "$FAILURE_RE" "$log"; then
			why+=("kernel/hypervisor failure in the log")
		fi

		if [ ${#why[@]} -eq 0 ]; then
			echo "PASS $name (${dt} s)"
			hook=$top/tests/system/hooks/$s.sh
			if [ -x "$hook" ] && [ -z "${WARDEN_SUFFIX:-}" ]; then
				"$hook" "$g" "$log" || failed=1
			fi
			continue
		fi
		failed=1
		reasons=$(IFS=';'; echo "${why[*]}" | sed 's/;/; /g')
		echo "FAIL $name (${dt} s): $reasons"
		if [ "$nfail" -gt 0 ]; then
			echo "    failing checks:"
			# each FAIL line and the command output that follows it
			awk '/\[check\] FAIL/ { p = 1; print; next }
				p && /^    \| / { print; next }
				{ p = 0 }' "$log" | head -n 80 | sed 's/^/    /'
		fi
		if grep -qE "$FAILURE_RE" "$log"; then
			echo "    failure lines:"
			grep -nE "$FAILURE_RE" "$log" | head -n 10 | sed 's/^/    /'
		fi
		echo "    last 40 lines of the serial log:"
		tail -n 40 "$log" | sed 's/^/    | /'
		echo "    full log: ${log#"$top"/}"
	done
done
exit $failed
