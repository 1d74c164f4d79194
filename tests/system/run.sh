#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host runner for the QEMU system scenarios.  For every scenario in
# tests/system/scenarios.list (or those named as arguments) and every GIC
# (GICS, default "3 2") of QEMU virt, and on QEMU's ZCU102 model (GICv2
# only) for the scenarios that say so, run it in QEMU and judge the serial
# log.  The scenarios whose boot is like any other's share one boot per
# machine and GIC (run_group: /init runs them in turn and undoes what each
# left); the others (machine options, added archives, "# boot: own") each
# get a boot of their own.  A verdict:
#   PASS  only if "[scenario] DONE rc=0" appears, no "[check] FAIL" line and
#         no kernel or hypervisor failure line, and QEMU exited by itself;
#   FAIL  otherwise, with the failing checks, the log's tail and its path.
# Prints one "PASS system/<scenario>/gicv<N>" (virt) or "PASS
# system/<scenario>/zcu102" or "FAIL ..." line per run; the exit code is
# non-zero if any run failed.
#
# Directive lines in a scenario file:
#   # gics: 3             only those GICs of virt (default: all of GICS)
#   # machines: virt zcu102  the machines it runs on (default: virt; MACHINES
#                         picks among them).  zcu102 is QEMU's ZCU102 model
#                         (run-qemu.sh --machine zcu102): the scenario's
#                         machine facts come from lib.sh ($CELLS, INMATE_RAM,
#                         CT_SPI, UART_SPI ...), and a step that cannot apply
#                         there says so (lib.sh: skip WHY), counted on the
#                         PASS line
#   # machine: its=on     QEMU machine options of its own (run-qemu.sh
#                         --machine-opts; virt only)
#   # expect-serial: RE   the serial log must match the extended regexp RE
#   # expect-serial@M: RE the same, on machine M only (virt, zcu102)
#   # linux-cell: yes     the root gets a Linux cell's kernel and initramfs
#                         under /usr/share/warden/linux/ (build/linux-cell/
#                         extra.cpio.gz, scripts/mkcellinitramfs.sh, built
#                         once per run; about 45 MB more in the root's RAM)
#   # guest: systemd      Debian's systemd is PID 1, dpkg is there, and
#                         warden.service is enabled (scripts/mksysdguest.sh:
#                         build/systemd-guest/extra.cpio.gz, built once per
#                         run, and rdinit=/sbin/warden-sysinit); the
#                         scenario runs as warden-test.service
#   # boot: own           a boot of its own, not shared (reboot, sysreset:
#                         they end the machine; guide reads the boot's
#                         messages from dmesg, which a long boot overwrites)
#   # disk: cell          the Linux cell's disk (build/linux-cell/disk.img,
#                         scripts/mkcelldisk.sh) as a virtio-mmio block
#                         device, 0x0a003e00 on SPI 47 (run-qemu.sh --disk)
#
# After a passing run, tests/system/hooks/<scenario>.sh GIC LOG MACHINE runs
# if it exists: host-side steps on the run's output, with PASS/FAIL lines of
# their own (configgen: build the generated config, boot again on it).
#
# Usage: tests/system/run.sh [SCENARIO...]
# Environment: GICS="3 2", MACHINES="virt zcu102", WARDEN_TIMEOUT=300 (seconds per run, unless
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
machines=${MACHINES:-virt zcu102}
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

# judge: the verdict on one scenario's run, from $log (its serial log),
# $rc (run-qemu.sh's), $secs, $dt and $dt_note, $done_re (the line that
# ends the scenario: "[scenario] DONE", or its END line in a grouped boot),
# for $s on $m (GIC $g) called $name.  Prints PASS or FAIL, sets failed=1,
# and after a PASS runs the scenario's hook.
judge() {
	why=()
	[ -f "$log" ] || { echo "FAIL $name: no log (run-qemu.sh rc=$rc)"; failed=1; return; }
	if [ $rc -eq 124 ]; then
		why+=("timed out after $secs s")
	elif [ $rc -eq 125 ]; then
		why+=("$(grep -o "STOPPED: .*" "$log" | tail -n 1)")
	elif [ $rc -ne 0 ]; then
		why+=("QEMU exited with rc=$rc")
	fi
	if ! grep -qE "$done_re rc=0([^0-9]|\$)" "$log"; then
		done_line=$(grep -oE "$done_re rc=[0-9]+" "$log" | tail -n 1)
		why+=("${done_line:-no $(echo "$done_re" | tr -d '\\') line}")
	fi
	# "# expect-serial: REGEX" lines in the scenario: the serial log
	# (hypervisor and cell consoles included) must match each.
	while IFS= read -r re; do
		grep -qE -- "$re" "$log" || why+=("serial log lacks /$re/")
	done < <(sed -n "s/^# expect-serial: //p; s/^# expect-serial@$m: //p" \
		"$top/tests/system/scenarios/$s.sh")
	nfail=$(grep -c '\[check\] FAIL' "$log")
	[ "$nfail" -eq 0 ] || why+=("$nfail failed checks")
	if grep -qE "$FAILURE_RE" "$log"; then
		why+=("kernel/hypervisor failure in the log")
	fi

	if [ ${#why[@]} -eq 0 ]; then
		# steps a scenario could not take on this machine (lib.sh: skip)
		nskip=$(grep -c '^\[[a-z0-9-]*\] skipped on ' "$log")
		[ "$nskip" -eq 0 ] || dt_note="$dt_note; $nskip steps skipped, see the log"
		echo "PASS $name (${dt} s$dt_note)"
		hook=$top/tests/system/hooks/$s.sh
		if [ -x "$hook" ] && [ -z "${WARDEN_SUFFIX:-}" ]; then
			"$hook" "$g" "$log" "$m" || failed=1
		fi
		return
	fi
	failed=1
	reasons=$(IFS=';'; echo "${why[*]}" | sed 's/;/; /g')
	echo "FAIL $name (${dt} s$dt_note): $reasons"
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
}

# qemu MACHINE GIC SCENARIOS SECS LOG [RUN-QEMU-ARG...]: one boot, with the
# archives and command-line words of the environment (hooks' runs)
qemu() {
	local qm=$1 qg=$2 qs=$3 qsecs=$4 qlog=$5
	shift 5
	local qextra=(--machine "$qm")
	[ -n "${WARDEN_INITRD_EXTRA:-}" ] &&
		qextra+=(--initrd-extra "$WARDEN_INITRD_EXTRA")
	[ -n "${WARDEN_APPEND:-}" ] && qextra+=(--append "$WARDEN_APPEND")
	"$top/scripts/run-qemu.sh" --gic "$qg" --scenario "$qs" \
		--timeout "$qsecs" --log "$qlog" "${qextra[@]}" "$@" > /dev/null 2>&1
}

# run_group MACHINE GIC NAME...: the scenarios named, in one boot of
# MACHINE with GIC (/init runs "a+b+c" in turn and undoes what each left),
# to save a boot per scenario; each is then judged on its own part of the
# log, system-<scenario>-<tag>.log: the boot, then what lies between its
# "[scenario] BEGIN" and "[scenario] END" lines.
run_group() {
	local gm=$1 gg=$2
	shift 2
	local gtag=gicv$gg
	[ "$gm" = virt ] || gtag=$gm
	local glog=$logs/system-$gtag$suffix-group.log all total=0 grc gdt x
	all=$(IFS=+; echo "$*")
	for x in "$@"; do
		total=$((total + ${WARDEN_TIMEOUT_ALL:-${limits[$x]:-$limit}}))
	done
	t0=$SECONDS
	qemu "$gm" "$gg" "$all" "$total" "$glog"
	grc=$?
	gdt=$((SECONDS - t0))
	echo "system: $# scenarios in one boot of $gm, GICv$gg ($gdt s; ${glog#"$top"/})"
	m=$gm g=$gg secs=$total done_re='\[scenario\] END [a-z0-9-]+'
	for s in "$@"; do
		name=system/$s$suffix/$gtag
		log=$logs/system-$s$suffix-$gtag.log
		if [ ! -f "$glog" ]; then
			echo "FAIL $name: no log (run-qemu.sh rc=$grc)"
			failed=1
			continue
		fi
		# the boot, then the scenario's part
		awk -v s="$s" '/\[scenario\] BEGIN / && !b { b = 1 }
			!b { print; next }
			$0 ~ "\\[scenario\\] BEGIN " s "$" { p = 1 }
			p { print }
			p && $0 ~ "\\[scenario\\] END " s " " { p = 0 }' "$glog" > "$log"
		dt=$(sed -n "s/.*\[scenario\] END $s rc=[0-9]* (\([0-9]*\) s)/\1/p" "$log")
		dt_note=" of guest time, in a boot of $# scenarios"
		if grep -q "\[scenario\] END $s " "$log"; then
			rc=0
		elif grep -q "\[scenario\] BEGIN $s$" "$log"; then
			# the boot ended in this scenario: the timeout's or
			# the panic's verdict is its
			rc=$grc dt=$gdt dt_note=" for the whole boot"
		else
			echo "FAIL $name: not run (the boot ended earlier; ${glog#"$top"/})"
			failed=1
			continue
		fi
		judge
	done
}

# run_one MACHINE GIC SCENARIO [RUN-QEMU-ARG...]: the scenario in a boot of
# its own, judged
run_one() {
	m=$1 g=$2 s=$3
	shift 3
	tag=gicv$g
	[ "$m" = virt ] || tag=$m
	name=system/$s$suffix/$tag log=$logs/system-$s$suffix-$tag.log
	secs=${WARDEN_TIMEOUT_ALL:-${limits[$s]:-$limit}}
	t0=$SECONDS
	qemu "$m" "$g" "$s" "$secs" "$log" "$@"
	rc=$?
	dt=$((SECONDS - t0)) dt_note='' done_re='\[scenario\] DONE'
	judge
}

suffix=${WARDEN_SUFFIX:-}
# groups["<machine>:<GIC>"]: the scenarios that share a boot there, in order
declare -A groups=()
group_keys=()
failed=0
for s in "${scenarios[@]}"; do
	# directives: see the top of this file
	sfile=$top/tests/system/scenarios/$s.sh
	s_gics=$(sed -n 's/^# gics: //p' "$sfile" 2> /dev/null | head -n 1)
	s_mopts=$(sed -n 's/^# machine: //p' "$sfile" 2> /dev/null | head -n 1)
	s_linux=$(sed -n 's/^# linux-cell: //p' "$sfile" 2> /dev/null | head -n 1)
	s_disk=$(sed -n 's/^# disk: //p' "$sfile" 2> /dev/null | head -n 1)
	s_guest=$(sed -n 's/^# guest: //p' "$sfile" 2> /dev/null | head -n 1)
	s_boot=$(sed -n 's/^# boot: //p' "$sfile" 2> /dev/null | head -n 1)
	s_machines=$(sed -n 's/^# machines: //p' "$sfile" 2> /dev/null | head -n 1)
	s_machines=${s_machines:-virt}
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
	case "$s_guest" in
	"" | busybox) ;;
	systemd)
		if build_once systemd-guest "$top/scripts/mksysdguest.sh"; then
			s_extra+=(--initrd-extra "$build/systemd-guest/extra.cpio.gz"
				--append rdinit=/sbin/warden-sysinit)
		else
			s_why="scripts/mksysdguest.sh failed"
			s_blog=$logs/build-systemd-guest.log
		fi
		;;
	*) s_why="unknown '# guest: $s_guest' (busybox or systemd)" ;;
	esac
	# the runs: "virt:<GIC>" for each GIC, "zcu102:2"
	runs=()
	for m in $machines; do
		[[ " $s_machines " == *" $m "* ]] || continue
		case "$m" in
		virt)
			for g in $gics; do
				if [ -z "$s_gics" ] || [[ " $s_gics " == *" $g "* ]]; then
					runs+=("virt:$g")
				fi
			done
			;;
		zcu102) runs+=("zcu102:2") ;;
		*) echo "FAIL system/$s: unknown machine '$m' in MACHINES (virt zcu102)"; failed=1 ;;
		esac
	done
	for run in ${runs[@]+"${runs[@]}"}; do
		m=${run%:*} g=${run#*:}
		tag=gicv$g
		[ "$m" = virt ] || tag=$m
		name=system/$s$suffix/$tag
		if [ -n "$s_why" ]; then
			echo "FAIL $name: $s_why"
			[ -z "$s_blog" ] || tail -n 20 "$s_blog" | sed 's/^/    | /'
			failed=1
			continue
		fi
		# A scenario whose boot is like any other's shares it with the
		# others of its machine and GIC (after the loop); one that needs a
		# boot of its own (other machine options, added archives, or
		# "# boot: own") gets one.
		if [ -z "$s_mopts" ] && [ ${#s_extra[@]} -eq 0 ] &&
			[ "$s_boot" != own ]; then
			[ -n "${groups[$run]+x}" ] || group_keys+=("$run")
			groups[$run]="${groups[$run]:-} $s"
			continue
		fi
		args=(${s_extra[@]+"${s_extra[@]}"})
		[ -n "$s_mopts" ] && args+=(--machine-opts "$s_mopts")
		run_one "$m" "$g" "$s" ${args[@]+"${args[@]}"}
	done
done
# the shared boots (a group of one: a boot of its own)
for run in ${group_keys[@]+"${group_keys[@]}"}; do
	read -ra members <<< "${groups[$run]}"
	if [ ${#members[@]} -gt 1 ]; then
		run_group "${run%:*}" "${run#*:}" "${members[@]}"
	else
		run_one "${run%:*}" "${run#*:}" "${members[0]}"
	fi
done
exit $failed
