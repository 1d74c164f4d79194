#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the reference machine (docs/architecture.md, test strategy) with the
# Warden initramfs and run one scenario, or (--machine zcu102) QEMU's model
# of the Xilinx ZCU102 board, the second reference machine (issue 18).  The
# whole serial log is kept
# (build/logs/<scenario>-gicv<N>.log, or <scenario>-zcu102.log, by default)
# and also copied to stdout.  The exit code is QEMU's, 124 when the
# timeout stopped it, or 125 when it was stopped after a kernel or
# hypervisor panic, lockup or RCU stall (such a machine never powers off).
# Before a hung machine is stopped, QEMU's monitor dumps every CPU's
# registers into the log ("[run-qemu] registers"), so that the log says
# where each CPU was: in Linux, in an inmate or at EL2 (PSTATE's EL field).
#
# Usage: scripts/run-qemu.sh --gic 2|3 --scenario NAME [--machine virt|zcu102]
#            [--timeout SEC] [--log FILE] [--interactive] [--icount] [--append ARGS]
#            [--smp N] [--initrd-extra CPIO]... [--machine-opts K=V,...]
#            [--disk IMAGE] [-- EXTRA-QEMU-ARGS...]
#
#   --machine M     virt (default: the reference machine) or zcu102:
#                   -M xlnx-zcu102 (4 Cortex-A53s, GIC-400, so GICv2 only;
#                   Cadence UART ttyPS0), 2 GiB with Linux on mem=1536M, the
#                   kernel package's ZCU102 tree edited by
#                   scripts/zcu102-dtb.sh (into build/zcu102.dtb), and the
#                   guest's system config zcu102.cell (warden.machine=zcu102)
#   --timeout SEC   stop QEMU after SEC seconds (default 300; none when
#                   --interactive is given without --timeout)
#   --interactive   serial on the terminal in both directions (Ctrl-A X quits);
#                   otherwise stdin is not read at all
#   --icount        -icount shift=0,sleep=off: one ns per instruction, idle
#                   time skipped (deterministic; single-threaded TCG)
#   --smp N         CPUs (default 4, the reference machine; GICv3 with 8, 16
#                   or 64 has the system config qemu-arm64-gicv3-smp<N>.cell)
#   --initrd-extra CPIO  a (compressed) cpio archive appended to the
#                   initramfs: Linux unpacks both, the second's files on top
#                   (tests/system/hooks/configgen.sh: a generated config;
#                   build/linux-cell/extra.cpio.gz: a Linux cell's kernel and
#                   initramfs).  May be given more than once.
#   --disk IMAGE    a raw disk image as a virtio-blk device on QEMU's first
#                   virtio-mmio transport (0x0a003e00, SPI 47), snapshot=on
#                   so the image is never written (build/linux-cell/disk.img,
#                   for a Linux cell: the root loads no virtio driver)
#   --machine-opts K=V,...  appended to -M (e.g. its=on: QEMU's default
#                   GICv3 ITS, which the reference machine turns off; with
#                   it the root gets the ITS (qemu-arm64-gicv3-its.cell)
#                   and a virtio-blk-pci disk of 16 MiB at 00:01.0 whose
#                   MSI-X go through it).
#                   With iommu=smmuv3 (virt; issue 19) the SMMU is Warden's:
#                   Linux gets QEMU's device tree with the SMMU node
#                   disabled (-dtb), the system config is the *-smmu.cell
#                   one (warden.system=), and the PCI bus has a
#                   virtio-blk-pci disk of 16 MiB at 00:01.0 ($log.pcidisk;
#                   its drivers, scripts/mkpcimodules.sh, are under
#                   /lib/modules/pci/) and QEMU's edu DMA device at 00:02.0
#                   (for a cell: configs/qemu-arm64/dma-test.c).  edu needs
#                   an MSI controller in QEMU: GICv3 gets its=on, and the
#                   root keeps the ITS for its disk's MSI-X; GICv2's v2m
#                   frame is disabled in Linux's tree, so its devices use
#                   INTx there (the root's DMA view maps no GICv2m frame)
#   --append ARGS   more kernel command-line words, e.g.
#                   --append warden.bench=only=timer,n=4 (scenario bench)
#   -- ARGS         appended to the QEMU command line for debugging, e.g.
#                   -- -d int,guest_errors -D build/qemu.log    or   -- -s -S
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}

usage() {
	# the comment block at the top, from "Usage:" on
	awk '/^# Usage:/ { p = 1 } p && !/^#/ { exit } p { sub(/^# ?/, ""); print }' \
		"$0" >&2
	exit "${1:-2}"
}
die() { echo "run-qemu: error: $*" >&2; exit 1; }

gic='' mach=virt scenario='' timeout='' log='' interactive=0 icount=0 stopped=0 stop_why=''
append='' smp=4 machine_opts='' disk=''
initrd_extra=() extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--gic) gic=${2:-}; shift 2 || usage ;;
	--machine) mach=${2:-}; shift 2 || usage ;;
	--scenario) scenario=${2:-}; shift 2 || usage ;;
	--timeout) timeout=${2:-}; shift 2 || usage ;;
	--log) log=${2:-}; shift 2 || usage ;;
	--interactive) interactive=1; shift ;;
	--icount) icount=1; shift ;;
	--append) append="$append ${2:-}"; shift 2 || usage ;;
	--smp) smp=${2:-}; shift 2 || usage ;;
	--initrd-extra) initrd_extra+=("${2:-}"); shift 2 || usage ;;
	--disk) disk=${2:-}; shift 2 || usage ;;
	--machine-opts) machine_opts=${2:-}; shift 2 || usage ;;
	--) shift; extra=("$@"); break ;;
	-h|--help) usage 0 ;;
	*) echo "run-qemu: unknown argument '$1'" >&2; usage ;;
	esac
done
case "$mach" in
virt)
	gic=${gic:-3}
	case "$gic" in
	3) machine=virt,virtualization=on,gic-version=3,its=off ;;
	2) machine=virt,virtualization=on,gic-version=2 ;;
	*) echo "run-qemu: --gic must be 2 or 3" >&2; usage ;;
	esac
	;;
zcu102)
	# the board's GIC-400 has no GICv3 mode to pick
	gic=${gic:-2}
	[ "$gic" = 2 ] || die "--machine zcu102 has a GIC-400: GICv2 only (--gic 2, the default there)"
	machine=xlnx-zcu102,virtualization=on
	;;
*) echo "run-qemu: --machine must be virt or zcu102" >&2; usage ;;
esac
# a later key=value overrides the default one (QEMU takes the last)
[ -n "$machine_opts" ] && machine=$machine,$machine_opts
[ -n "$scenario" ] || { echo "run-qemu: --scenario is required" >&2; usage; }
case "$timeout" in
"") [ $interactive -eq 1 ] || timeout=300 ;;
*[!0-9]*) die "--timeout takes whole seconds" ;;
esac

command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 missing; run scripts/setup.sh"
[ -e "$build/Image" ] || die "$build/Image missing; run scripts/setup.sh"
"$top/scripts/mkinitramfs.sh"
initrd=$build/initramfs-warden.cpio.gz

mkdir -p "$build/logs"
if [ "$mach" = virt ]; then
	log=${log:-$build/logs/$scenario-gicv$gic.log}
else
	log=${log:-$build/logs/$scenario-$mach.log}
fi
mkdir -p "$(dirname "$log")"

# The SMMU machine (see --machine-opts): the root's PCI drivers
smmu=0
if [ "$mach" = virt ] && [[ ",$machine_opts," == *,iommu=smmuv3,* ]]; then
	smmu=1
	[ "$gic" = 3 ] && machine=$machine,its=on
	"$top/scripts/mkpcimodules.sh" "$log.pcimods.cpio.gz"
	initrd_extra+=("$log.pcimods.cpio.gz")
	append="$append warden.system=qemu-arm64-gicv$gic-smmu.cell"
fi
# The ITS machine (virt, GICv3, its=on without the SMMU): Linux's own
# tree, a virtio-blk-pci disk whose MSI-X go through the ITS, and the
# system config that gives the root the ITS
its=0
if [ "$mach" = virt ] && [ $smmu -eq 0 ] && [ "$gic" = 3 ] &&
	[[ ",$machine_opts," == *,its=on,* ]]; then
	its=1
	"$top/scripts/mkpcimodules.sh" "$log.pcimods.cpio.gz"
	initrd_extra+=("$log.pcimods.cpio.gz")
	append="$append warden.system=qemu-arm64-gicv3-its.cell"
fi

if [ ${#initrd_extra[@]} -gt 0 ]; then
	for f in "${initrd_extra[@]}"; do
		[ -f "$f" ] || die "--initrd-extra: no file $f"
	done
	cat "$initrd" "${initrd_extra[@]}" > "$log.initrd"
	initrd=$log.initrd
fi
[ -z "$disk" ] || [ -f "$disk" ] || die "--disk: no file $disk"
[ -z "$disk" ] || [ "$mach" = virt ] ||
	die "--disk needs virt's virtio-mmio transports; $mach has none"

case "$smp" in
""|*[!0-9]*) die "--smp takes a number of CPUs" ;;
esac
# -no-reboot: a reset of the guest ends QEMU, as a power-off does (the
# scenarios reboot and sysreset end that way)
if [ "$mach" = virt ]; then
	cmd=(qemu-system-aarch64 -M "$machine" -cpu cortex-a57 -smp "$smp" -m 1G
		-nographic -nic none -no-reboot -kernel "$build/Image" -initrd "$initrd"
		-append "console=ttyAMA0 earlycon kvm-arm.mode=none mem=768M warden.scenario=$scenario warden.gic=$gic$append")
else
	# The board has its four A53s (and no choice of CPU model or count).
	[ "$smp" = 4 ] || die "--machine zcu102 has 4 CPUs; no --smp"
	# Debian's ZCU102 tree needs an edit for QEMU's model (the UART's
	# clock and power domain live in firmware that QEMU does not run;
	# QEMU has no ZynqMP PCIe): scripts/zcu102-dtb.sh says why, and
	# build/zcu102.dtb is made again only when the kernel or the script
	# changed.
	dtb=$build/zcu102.dtb
	src=$(ls "$build"/sysroot/usr/lib/linux-image-*/xilinx/zynqmp-zcu102-rev1.0.dtb 		2> /dev/null | head -n 1)
	[ -n "$src" ] || die "no xilinx/zynqmp-zcu102-rev1.0.dtb under $build/sysroot; run scripts/setup.sh"
	command -v fdtput > /dev/null || die "fdtput missing (device-tree-compiler); run scripts/setup.sh"
	if [ ! -f "$dtb" ] || [ "$src" -nt "$dtb" ] ||
		[ "$top/scripts/zcu102-dtb.sh" -nt "$dtb" ]; then
		"$top/scripts/zcu102-dtb.sh" "$src" "$dtb"
	fi
	# -m 2G: QEMU's memory node for 4G covers the device space and Linux
	# does not boot.  mem=1536M leaves 0x60000000-0x7fffffff to the
	# hypervisor and the inmates (configs/zcu102/).
	# The board's second UART (UART1, 0xff010000) is an inmate's in the
	# demo (configs/zcu102/uart1-demo.c): QEMU writes it to a file, and
	# its lines join the serial log as "[uart1] ..." (see below).
	cmd=(qemu-system-aarch64 -M "$machine" -m 2G -dtb "$dtb"
		-nographic -serial mon:stdio -serial "file:$log.uart1"
		-nic none -no-reboot -kernel "$build/Image" -initrd "$initrd"
		-append "console=ttyPS0,115200 earlycon kvm-arm.mode=none mem=1536M warden.scenario=$scenario warden.gic=$gic warden.machine=$mach$append")
	: > "$log.uart1"
fi
if [ $smmu -eq 1 ]; then
	# Linux must not drive the SMMU (Warden refuses to take it over
	# then): QEMU's own tree with the SMMU's node disabled.  A device
	# without its IOMMU is then set up for DMA at physical addresses,
	# which the root's DMA view maps one to one (hypervisor/arch/arm64/
	# smmu.c).
	command -v fdtput > /dev/null || die "fdtput missing (device-tree-compiler); run scripts/setup.sh"
	"${cmd[0]}" -M "$machine,dumpdtb=$log.dtb" -cpu cortex-a57 -smp "$smp" \
		-m 1G -nographic > /dev/null 2>&1 ||
		die "QEMU could not dump its device tree for $machine"
	fdtput -t s "$log.dtb" /smmuv3@9050000 status disabled
	# GICv3: the root keeps its ITS (the *-smmu config names it), so its
	# disk's MSI-X go through the SMMU to GITS_TRANSLATER.  GICv2: the
	# root's DMA view maps no GICv2m frame, so Linux does without it
	if [ "$gic" = 2 ]; then
		fdtput -t s "$log.dtb" /intc@8000000/v2m@8020000 status disabled
		# and the host bridge's link to it, or Linux warns that MSIs fail
		for p in msi-map msi-parent; do
			fdtget "$log.dtb" /pcie@10000000 $p > /dev/null 2>&1 &&
				fdtput -d "$log.dtb" /pcie@10000000 $p
		done
	fi
	truncate -s 16M "$log.pcidisk"
	cmd+=(-dtb "$log.dtb" -drive "if=none,file=$log.pcidisk,format=raw,id=pcidisk"
		-device virtio-blk-pci,drive=pcidisk,addr=01.0
		-device edu,addr=02.0,dma_mask=0xffffffffff)
fi
if [ $its -eq 1 ]; then
	truncate -s 16M "$log.pcidisk"
	cmd+=(-drive "if=none,file=$log.pcidisk,format=raw,id=pcidisk"
		-device virtio-blk-pci,drive=pcidisk,addr=01.0)
fi
[ $icount -eq 1 ] && cmd+=(-icount shift=0,sleep=off)
[ -n "$disk" ] && cmd+=(-drive "if=none,file=$disk,format=raw,id=celldisk,snapshot=on"
	-device virtio-blk-device,drive=celldisk)
cmd+=("${extra[@]}")

{
	printf '[run-qemu] %s:' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	for a in "${cmd[@]}"; do
		case "$a" in
		*[!A-Za-z0-9_./=,:+-]*) printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
} > "$log"

limit=()
if [ -n "$timeout" ]; then
	# --foreground lets an interactive QEMU keep the terminal.
	limit=(timeout --kill-after=10)
	[ $interactive -eq 1 ] && limit+=(--foreground)
	# the backstop: non-interactive runs stop themselves at $timeout,
	# after the register dump
	[ $interactive -eq 1 ] && limit+=("$timeout") ||
		limit+=($((timeout + 60)))
fi

# monitor CMD: run one command in QEMU's human monitor (a pair of FIFOs,
# QEMU's "pipe" character device) and append its answer to the log.
mon=''
monitor() {
	local line
	# skip what came before (the greeting, the last prompt)
	while read -r -t 0.2 line <&7; do :; done
	echo "[run-qemu] $1" >> "$log"
	printf '%s\n' "$1" > "$mon.in"
	# the answer ends with a prompt and no newline: 2 s of silence
	while IFS= read -r -t 2 line <&7; do
		printf '%s\n' "${line%$'\r'}" >> "$log"
	done
}

# stop_qemu WHY: dump the registers of a machine that will not finish by
# itself, then stop it.
stop_qemu() {
	stop_why=$1
	stopped=1
	[ -n "$mon" ] && monitor "info registers -a"
	kill -TERM $qpid 2> /dev/null
}

set +e
if [ $interactive -eq 1 ]; then
	[ ! -f "$log.uart1" ] || echo "[run-qemu] UART1 writes to $log.uart1"
	"${limit[@]}" "${cmd[@]}" 2>&1 | tee -a "$log"
	rc=${PIPESTATUS[0]}
else
	# QEMU writes the log; `tail` shows it.  A panicked kernel or hypervisor
	# never powers off, and a locked-up one rarely recovers: stop QEMU a
	# little after the first such line (long enough to log the details)
	# rather than waiting for the timeout.
	mon=$(mktemp -u "${TMPDIR:-/tmp}/warden-mon.XXXXXX")
	mkfifo "$mon.in" "$mon.out"
	trap 'rm -f "$mon.in" "$mon.out"' EXIT
	cmd+=(-chardev "pipe,id=mon0,path=$mon" -mon chardev=mon0,mode=readline)
	"${limit[@]}" "${cmd[@]}" < /dev/null >> "$log" 2>&1 &
	qpid=$!
	tail -n +2 -f --pid=$qpid "$log" &
	tpid=$!
	# UART1's whole lines, as they come, into the log (ZCU102)
	upid=
	if [ -f "$log.uart1" ]; then
		tail -n +1 -f --pid=$qpid "$log.uart1" |
			sed -u 's/\r$//; s/^/[uart1] /' >> "$log" &
		upid=$!
	fi
	# QEMU opens both FIFOs read-write, so neither open blocks
	exec 7<> "$mon.out"
	stop_at= deadline=$((SECONDS + ${timeout:-0}))
	while kill -0 $qpid 2> /dev/null; do
		sleep 1
		[ $stopped -eq 0 ] || continue
		if [ -z "$stop_at" ]; then
			if grep -qE 'Kernel panic - not syncing|\[warden\] PANIC' "$log"; then
				stop_at=$((SECONDS + 5))
				stop_why="a panic"
			elif grep -qE 'soft lockup|hard LOCKUP|rcu_.*(stall|self-detected)' "$log"; then
				stop_at=$((SECONDS + 30))
				stop_why="a lockup or RCU stall"
			fi
		fi
		if [ -n "$stop_at" ] && [ $SECONDS -ge "$stop_at" ]; then
			stop_qemu "$stop_why"
		elif [ -n "$timeout" ] && [ $SECONDS -ge $deadline ]; then
			stop_qemu "the timeout ($timeout s)"
		fi
	done
	wait $qpid
	rc=$?
	wait $tpid 2> /dev/null
	[ -z "$upid" ] || wait $upid 2> /dev/null
fi
set -e
# The serial console writes CRLF; keep the log plain text.
sed -i 's/\r$//' "$log"
if [ $interactive -eq 0 ] && [ $stopped -eq 1 ] && [ -z "${stop_at:-}" ]; then
	echo "[run-qemu] TIMEOUT: QEMU stopped after $timeout s" | tee -a "$log"
	rc=124
elif [ $interactive -eq 0 ] && [ $stopped -eq 1 ]; then
	echo "[run-qemu] STOPPED: QEMU stopped after $stop_why" | tee -a "$log"
	rc=125
elif [ -n "$timeout" ] && { [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; }; then
	echo "[run-qemu] TIMEOUT: QEMU killed after $timeout s" | tee -a "$log"
	rc=124
fi
exit "$rc"
