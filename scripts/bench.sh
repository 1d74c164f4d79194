#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: Warden's overhead as exact path lengths (issue 6).  QEMU runs
# with -icount shift=0,sleep=off, so the guest's counter advances one ns per
# instruction and every figure is a count of guest instructions that repeats
# from run to run.  For each GIC version:
#   1. inmates/bench booted bare metal by QEMU itself (EL1, no EL2), and
#   2. the same code in a Warden cell (scenario "bench": Linux boots, enables
#      Warden and runs the bench cell on CPUs 2-3 while the root idles).
#   3. the root's figures (scenario "bench-root"): its CPU-bound workload
#      before and after enable, its exits per second by reason, idle and
#      under that workload, cell start times, doorbell round trips and the
#      hypervisor's memory;
#   4. a Linux cell (scenario "bench-linux", issue 16): the stock kernel's
#      boot in linux-demo to its /init, its idle exits per second by reason,
#      the CPU-bound workload in it against the root's before enable, and
#      the hypervisor's memory with it; and, for comparison, the same kernel
#      and initramfs booted by QEMU itself at EL1 (2 CPUs, 128 MiB);
#   5. on GICv3, enable and disable time and memory at -smp 4, 8, 16 and 64
#      (scenario "bench-scale"): growth with the number of CPUs;
#   6. the two interrupt delivery modes (issue 17): on GICv3 the per-event
#      figures of step 2 again in a cell with direct interrupts (scenario
#      "bench-direct"), and on each GIC (scenario "bench-modes") a cell's
#      exits while idle with a 1 ms tick, how long stopping a cell that
#      spins with interrupts masked takes, and its timer latency while the
#      root is busy, for a normal and a direct cell (GICv2 refuses the
#      direct one: the reason is printed).
#   7. the SMMU (issue 19; scenario "bench-smmu", on -M virt,iommu=smmuv3):
#      the root's virtio-blk-pci reads with Warden off and on in one boot,
#      with the root's exits per MiB, the pages of SMMU and stage-2 tables
#      of the root and of a cell that owns a PCI function, and a trapped
#      config-space read in that cell (the bench inmate, only=pci).
#   8. the network link (issue 20, point 5; scenario "bench-wnet"): the root
#      and linux-demo each with their side of root-net up, ping's round
#      trip root to cell, 64 MiB through nc root to cell (throughput) and
#      the root's and the cell's exits per MiB moved.
# Outputs in build/bench/: results.md (tables), results.csv, irq-latency.png
# (distributions, bare metal against in-cell) and the serial logs.
#
# MACHINE=zcu102 (make bench MACHINE=zcu102): steps 1 and 2 on QEMU's ZCU102
# model instead (Cortex-A53, GIC-400: GICv2 only), into build/bench/zcu102/:
# the per-operation table on a second machine.  The root, Linux-cell, scale
# and delivery-mode figures are virt's only.
#
# Usage: scripts/bench.sh [--check | --baseline]     (GICS="3 2" by default)
#   --check     then compare every in-cell median with the committed baseline
#               (tests/bench-baseline.csv): "PASS bench/..." or "FAIL ..."
#               per figure, a failure when a path or the hypervisor's
#               memory use grew by more than 10%;
#               the exit code says whether all passed (make bench-check)
#   --baseline  then make the results the new baseline (after an
#               optimisation; commit the file)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
machine=${MACHINE:-virt}
case "$machine" in
virt) out=$build/bench; gics=${GICS:-3 2} ;;
zcu102) out=$build/bench/zcu102; gics=2 ;;
*) echo "bench: error: MACHINE=$machine: virt or zcu102" >&2; exit 2 ;;
esac
baseline=$top/tests/bench-baseline.csv
# How much a path may grow over the baseline, in percent.
GROWTH_LIMIT=10

die() { echo "bench: error: $*" >&2; exit 1; }
log() { echo "bench: $*"; }

# The metrics, in table order: name, what it is, and the target from
# issue 6 (on Warden minus bare metal, or absolute where bare metal has no
# such path), per GIC version ("-" for none).
METRICS=(
	"timer-entry|timer IRQ: expiry to the handler's first instruction|100|110"
	"timer-eoi|timer IRQ: expiry to just after the handler's EOI|-|-"
	"hvc-null|null hypercall round trip (unknown function)|60|60"
	"psci-version|PSCI VERSION round trip (bare metal: QEMU's firmware)|-|-"
	"gicd-typer-read|GICD_TYPER read|150|150"
	"gicd-typer-read-x19|GICD_TYPER read into x19 (x19-x29: the full exit frame)|-|-"
	"gicd-isenabler-read|GICD_ISENABLER read, own SPI|400|400"
	"gicd-isenabler-write|GICD_ISENABLER write, own SPI|400|400"
	"sgi|SGI to another CPU of the cell: send to handler|-|-"
)

# bench_bare GIC LOG: the bench inmate alone on QEMU virt at EL1.
bench_bare() {
	local m=virt,gic-version=$1
	[ "$1" = 3 ] && m=$m,its=off
	local args=(-M "$m" -cpu cortex-a57 -smp 2 -m 1G
		-kernel "$build/inmates/bench-bare.elf")
	# the ZCU102 model: its four A53s at EL1 (no EL2, no EL3), and the
	# bench built for its GIC-400, Cadence UART and PSCI through SMC
	[ "$machine" = zcu102 ] &&
		args=(-M xlnx-zcu102 -m 2G -audiodev none,id=none
			-kernel "$build/inmates/bench-bare-zcu102.elf")
	timeout --kill-after=10 300 qemu-system-aarch64 "${args[@]}" \
		-nographic -nic none -icount shift=0,sleep=off \
		< /dev/null > "$2" 2>&1 ||
		die "bare-metal run on GICv$1 failed (rc=$?); see $2"
	sed -i 's/\r$//' "$2"
}

# bench_cell GIC LOG: Linux, Warden and the bench cell.
bench_cell() {
	"$top/scripts/run-qemu.sh" --machine "$machine" --gic "$1" --scenario bench --icount \
		--timeout 900 --log "$2" > /dev/null 2>&1 ||
		die "in-cell run on GICv$1 failed (rc=$?); see $2"
}

# bench_direct LOG: the bench cell with direct interrupts (GICv3 only).
bench_direct() {
	"$top/scripts/run-qemu.sh" --gic 3 --scenario bench-direct --icount \
		--timeout 900 --log "$1" > /dev/null 2>&1 ||
		die "direct-cell run failed (rc=$?); see $1"
}

# bench_modes GIC LOG: the two delivery modes side by side.
bench_modes() {
	"$top/scripts/run-qemu.sh" --gic "$1" --scenario bench-modes --icount \
		--timeout 1800 --log "$2" > /dev/null 2>&1 ||
		die "delivery-mode run on GICv$1 failed (rc=$?); see $2"
	grep -q '\[scenario\] DONE rc=0' "$2" ||
		die "delivery-mode run on GICv$1: a check failed; see $2"
}

# modes_results LOG: CSV fields "metric,platform,n,min,p50,p99,max" of the
# bench-modes result lines (each is logged twice: as it happens and in the
# summary), platforms modes-normal and modes-direct.
modes_results() {
	grep -o '\[bench-modes\] result .*' "$1" | awk '
		{ p = $3 == "warden-direct" ? "modes-direct" : "modes-normal"
		  k = $4 "," p
		  if (!(k in row)) order[++n] = k
		  row[k] = $5 "," $6 "," $7 "," $8 "," $9 }
		END { for (i = 1; i <= n; i++) print order[i] "," row[order[i]] }'
}

# bench_smmu GIC LOG: the SMMU machine: the root's disk, table pages and a
# cell's trapped config-space reads.
bench_smmu() {
	"$top/scripts/run-qemu.sh" --gic "$1" --scenario bench-smmu --icount \
		--machine-opts iommu=smmuv3 --timeout 900 --log "$2" > /dev/null 2>&1 ||
		die "SMMU run on GICv$1 failed (rc=$?); see $2"
	grep -q '\[scenario\] DONE rc=0' "$2" ||
		die "SMMU run on GICv$1: a check failed; see $2"
}

# smmu_results LOG: CSV fields "metric,platform,n,min,p50,p99,max" of the
# bench-smmu run: its own figures (n 1) and the bench inmate's, each once
# (the console lines are logged twice).
smmu_results() {
	{ grep -o '\[bench-smmu\] result .*' "$1" | awk '{ print $3 ",warden-smmu,1," $4 "," $4 "," $4 "," $4 }'
	  results "$1" | awk '{ print $1 ",warden-smmu," $2 "," $3 "," $4 "," $5 "," $6 }'; } |
		awk -F, '!($1 in row) { order[++n] = $1 } { row[$1] = $0 }
			END { for (i = 1; i <= n; i++) print row[order[i]] }'
}

# bench_root GIC LOG: Linux, Warden and two cells, measured from the root.
bench_root() {
	"$top/scripts/run-qemu.sh" --gic "$1" --scenario bench-root --icount \
		--timeout 900 --log "$2" > /dev/null 2>&1 ||
		die "root run on GICv$1 failed (rc=$?); see $2"
	grep -q '\[scenario\] DONE rc=0' "$2" ||
		die "root run on GICv$1: a check failed; see $2"
}

# bench_linuxcell SCENARIO WHAT GIC LOG: a run with a Linux cell
# (bench-linux, bench-wnet: Linux, Warden and linux-demo; WHAT names it in
# errors).
bench_linuxcell() {
	"$top/scripts/mkcellinitramfs.sh" > /dev/null
	"$top/scripts/run-qemu.sh" --gic "$3" --scenario "$1" --icount \
		--initrd-extra "$build/linux-cell/extra.cpio.gz" \
		--timeout 900 --log "$4" > /dev/null 2>&1 ||
		die "$2 run on GICv$3 failed (rc=$?); see $4"
	rm -f "$4.initrd"	# run-qemu.sh's root initramfs with the cell's files
	grep -q '\[scenario\] DONE rc=0' "$4" ||
		die "$2 run on GICv$3: a check failed; see $4"
}

# wnet_results LOG: "metric value" of each bench-wnet result line (logged
# twice: as it happens and under its check; the last one counts).
wnet_results() {
	grep -o '\[bench-wnet\] result .*' "$1" |
		awk '!($3 in v) { order[++n] = $3 } { v[$3] = $4 }
			END { for (i = 1; i <= n; i++) print order[i], v[order[i]] }'
}

# bench_linux_bare GIC LOG: the Linux cell's kernel and initramfs booted by
# QEMU at EL1, as linux-demo has them: 2 CPUs, 128 MiB, the action "bench";
# stopped once it is done (its init never ends).
bench_linux_bare() {
	local machine=virt,gic-version=$1 pid n=0
	[ "$1" = 3 ] && machine=$machine,its=off
	qemu-system-aarch64 -M "$machine" -cpu cortex-a57 -smp 2 -m 128M \
		-nographic -nic none -icount shift=0,sleep=off \
		-kernel "$build/Image" -initrd "$build/linux-cell/initramfs.cpio.gz" \
		-append "console=ttyAMA0 earlycon warden.run=bench" \
		< /dev/null > "$2" 2>&1 &
	pid=$!
	until grep -q '\[cell-init\] bench \(done\|FAIL\)' "$2"; do
		if ! kill -0 $pid 2> /dev/null || [ $n -ge 600 ]; then
			kill $pid 2> /dev/null
			die "bare Linux run on GICv$1 did not finish; see $2"
		fi
		sleep 1
		n=$((n + 1))
	done
	kill $pid
	wait $pid 2> /dev/null || true
	sed -i 's/\r$//' "$2"
	grep -q '\[cell-init\] bench done' "$2" ||
		die "bare Linux run on GICv$1: $(grep -m1 'bench FAIL' "$2")"
}

# linux_bare_results LOG: "metric value" of the bare Linux run: the counter
# at /init (QEMU starts it at 0 on reset) and the workload's median.
linux_bare_results() {
	sed -n 's/.*\[cell-bench\] init \([0-9]*\).*/linux-boot-bare \1/p' "$1" | tail -n 1
	sed -n 's/.*\[cell-bench\] work \([0-9]*\) .*/\1/p' "$1" | tail -n 3 |
		sort -n | sed -n '2s/^/workload-bare-linux /p'
}

# linux_results LOG: "metric value" of each bench-linux result line.
linux_results() {
	grep -o '\[bench-linux\] result .*' "$1" | awk '{ print $3, $4 }'
}

# SCALE_CPUS: the -smp values of the scale runs (configs for 8, 16 and 64
# CPUs: configs/qemu-arm64/qemu-arm64-gicv3-smp<N>.c).
SCALE_CPUS="4 8 16 64"

# bench_scale CPUS LOG: enable, disable and memory on a GICv3 machine.
bench_scale() {
	"$top/scripts/run-qemu.sh" --gic 3 --smp "$1" --scenario bench-scale \
		--icount --timeout 900 --log "$2" > /dev/null 2>&1 ||
		die "scale run with $1 CPUs failed (rc=$?); see $2"
	grep -q '\[scenario\] DONE rc=0' "$2" ||
		die "scale run with $1 CPUs: a check failed; see $2"
}

# root_results LOG: "metric value" of each bench-root result line.
root_results() {
	grep -o '\[bench-root\] result .*' "$1" | awk '{ print $3, $4 }'
}

# results LOG: the "result" lines, as "metric n min p50 p99 max".
results() {
	grep -o '\[bench\] result .*' "$1" | awk '{
		m = $3; line = m
		for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "unit") line = line " " kv[2] }
		print line }'
}

# scale_results LOG: CSV rows of the scale run, a figure's samples (one per
# round) as n, min, median, max (as p99) and max.
scale_results() {
	grep -o '\[bench-scale\] result .*' "$1" | sort -k3,3 -k4,4n | awk '
		function flush() {
			if (n) printf "3,%s,warden-scale,%d,%s,%s,%s,%s\n", m, n, v[1], v[int((n + 1) / 2)], v[n], v[n]
		}
		$3 != m { flush(); m = $3; n = 0 }
		{ v[++n] = $4 }
		END { flush() }'
}

# cdf LOG METRIC: "value fraction" points of the metric's histogram.
cdf() {
	grep -o "\[bench\] hist $2 .*" "$1" | awk '
		{ for (i = 4; i <= NF; i++) { split($i, vc, ":"); v[++n] = vc[1]; c[n] = vc[2]; total += vc[2] } }
		END { if (n) print v[1], 0
		      for (i = 1; i <= n; i++) { sum += c[i]; print v[i], sum / total } }'
}

main() {
	command -v qemu-system-aarch64 > /dev/null || die "QEMU missing; run make setup"
	[ -f "$build/inmates/bench-bare.elf" ] || die "build/inmates/bench-bare.elf missing; run make"
	mkdir -p "$out"
	local g csv=$out/results.csv
	for g in $gics; do
		log "GICv$g: bare metal"
		bench_bare "$g" "$out/bare-gicv$g.log"
		grep -q '\[bench\] DONE' "$out/bare-gicv$g.log" || die "bare-metal run on GICv$g did not finish; see $out/bare-gicv$g.log"
		log "GICv$g: in a cell"
		bench_cell "$g" "$out/cell-gicv$g.log"
		grep -q '\[bench\] DONE' "$out/cell-gicv$g.log" || die "in-cell run on GICv$g did not finish; see $out/cell-gicv$g.log"
		if grep -qs '\[bench\] error' "$out/bare-gicv$g.log" "$out/cell-gicv$g.log" "$out/direct-gicv$g.log"; then
			grep -s '\[bench\] error' "$out/bare-gicv$g.log" "$out/cell-gicv$g.log" "$out/direct-gicv$g.log" >&2
			die "the bench inmate reported an error"
		fi
		if [ "$machine" = zcu102 ]; then
			log "ZCU102: the root, Linux-cell, scale and delivery-mode runs are virt's only"
			continue
		fi
		if [ "$g" = 3 ]; then
			log "GICv3: in a cell with direct interrupts"
			bench_direct "$out/direct-gicv3.log"
			grep -q '\[bench\] DONE' "$out/direct-gicv3.log" || die "direct-cell run did not finish; see $out/direct-gicv3.log"
		fi
		log "GICv$g: the two delivery modes (idle, stop, the root busy)"
		bench_modes "$g" "$out/modes-gicv$g.log"
		log "GICv$g: the root cell's figures"
		bench_root "$g" "$out/root-gicv$g.log"
		log "GICv$g: a Linux cell"
		bench_linuxcell bench-linux "Linux cell" "$g" "$out/linux-gicv$g.log"
		log "GICv$g: the same Linux on bare metal"
		bench_linux_bare "$g" "$out/linux-bare-gicv$g.log"
		log "GICv$g: the SMMU (the root's disk, table pages, config-space reads)"
		bench_smmu "$g" "$out/smmu-gicv$g.log"
		log "GICv$g: the network link (round trip, throughput, exits per MiB)"
		bench_linuxcell bench-wnet "network link" "$g" "$out/wnet-gicv$g.log"
	done

	local n
	if [[ " $gics " == *" 3 "* ]]; then
		for n in $SCALE_CPUS; do
			log "GICv3: enable, disable and memory with $n CPUs"
			bench_scale "$n" "$out/scale-smp$n.log"
		done
	fi

	echo "gic,metric,platform,n,min,p50,p99,max" > "$csv"
	for g in $gics; do
		results "$out/bare-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",bare-metal," $2 "," $3 "," $4 "," $5 "," $6 }' >> "$csv"
		results "$out/cell-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",warden," $2 "," $3 "," $4 "," $5 "," $6 }' >> "$csv"
		[ -f "$out/direct-gicv$g.log" ] && [ "$g" = 3 ] &&
			results "$out/direct-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",warden-direct," $2 "," $3 "," $4 "," $5 "," $6 }' >> "$csv"
		[ "$machine" = virt ] || continue
		root_results "$out/root-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",warden-root,1," $2 "," $2 "," $2 "," $2 }' >> "$csv"
		linux_results "$out/linux-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",warden-linux,1," $2 "," $2 "," $2 "," $2 }' >> "$csv"
		linux_bare_results "$out/linux-bare-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",bare-linux,1," $2 "," $2 "," $2 "," $2 }' >> "$csv"
		modes_results "$out/modes-gicv$g.log" | awk -F, -v OFS=, -v g="$g" '{ print g, $1, $2, $3, $4, $5, $6, $7 }' >> "$csv"
		[ -f "$out/smmu-gicv$g.log" ] &&
			smmu_results "$out/smmu-gicv$g.log" | awk -v g="$g" '{ print g "," $0 }' >> "$csv"
		[ -f "$out/wnet-gicv$g.log" ] &&
			wnet_results "$out/wnet-gicv$g.log" | awk -v g="$g" '{ print g "," $1 ",warden-wnet,1," $2 "," $2 "," $2 "," $2 }' >> "$csv"
	done
	for n in $SCALE_CPUS; do
		[ -f "$out/scale-smp$n.log" ] || continue
		scale_results "$out/scale-smp$n.log" >> "$csv"
	done
	write_md > "$out/results.md"
	plot
	log "wrote $out/results.md, results.csv and irq-latency.png"
	case "${1:-}" in
	--check|--baseline)
		[ "$machine" = virt ] ||
			die "the baseline is virt's; --check and --baseline need MACHINE=virt"
		;;&
	--check) check ;;
	--baseline)
		cp "$csv" "$baseline"
		log "baseline $baseline updated: commit it"
		;;
	*) cat "$out/results.md" ;;
	esac
}

# Every in-cell median against the baseline's; a missing figure fails too.
check() {
	[ -f "$baseline" ] || die "no baseline $baseline; run scripts/bench.sh --baseline"
	awk -F, -v limit="$GROWTH_LIMIT" -v gics="$gics" '
		FNR == 1 { next }
		$3 != "warden" && $2 !~ /^(scale-[0-9]+-)?memory-(.*-)?used$/ { next }
		NR == FNR { base[$1 "," $2] = $6; next }
		{ now[$1 "," $2] = $6 }
		END {
			bad = 0
			for (k in base) {
				split(k, gm, ",")
				if (index(" " gics " ", " " gm[1] " ") == 0) continue
				name = "bench/gicv" gm[1] "/" gm[2]
				unit = gm[2] ~ /memory-/ ? "bytes" : "instructions"
				if (!(k in now)) { print "FAIL " name ": not measured"; bad = 1; continue }
				grow = base[k] > 0 ? (now[k] - base[k]) * 100 / base[k] : 0
				if (grow > limit) {
					printf "FAIL %s: %s %s, %.1f%% over the baseline %s (limit %d%%)\n", name, now[k], unit, grow, base[k], limit
					bad = 1
				} else {
					printf "PASS %s: %s %s (baseline %s)\n", name, now[k], unit, base[k]
				}
			}
			exit bad
		}' "$baseline" "$out/results.csv" | sort
}

# The root's figures: name|what|scale|unit|target (issue 6, metrics 6-9).
ROOT_FIGURES=(
	"cell-start-uart-demo|cell start: \`warden cell start\` to the first console line (uart-demo)|1e-6|ms|"
	"cell-create-to-start-uart-demo|cell start: \`create\`, \`load\`, \`start\` to the first console line (uart-demo)|1e-6|ms|"
	"cell-start-gic-demo|cell start: \`warden cell start\` to the first console line (gic-demo)|1e-6|ms|"
	"cell-create-to-start-gic-demo|cell start: \`create\`, \`load\`, \`start\` to the first console line (gic-demo)|1e-6|ms|"
	"doorbell-cells-min|doorbell round trip, inmate to inmate (echo-client, echo-server): min|0.001|µs|"
	"doorbell-cells-avg|doorbell round trip, inmate to inmate: average of 1000|0.001|µs|"
	"doorbell-cells-max|doorbell round trip, inmate to inmate: max|0.001|µs|"
	"doorbell-root-min|doorbell round trip, Linux process to inmate through the link device: min|0.001|µs|"
	"doorbell-root-avg|doorbell round trip, Linux to inmate: average of 1000|0.001|µs|"
	"doorbell-root-max|doorbell round trip, Linux to inmate: max|0.001|µs|"
	"root-exits-idle-exits|root exits per second, idle: all|1|/s|interrupts only"
	"root-exits-idle-irq|root exits per second, idle: interrupts|1|/s|"
	"root-exits-idle-sgi|root exits per second, idle: of those, SGIs (IPIs)|1|/s|"
	"root-exits-idle-sysreg|root exits per second, idle: ICC_SGI1R_EL1 writes (GICv3 IPIs sent)|1|/s|"
	"root-exits-idle-mmio|root exits per second, idle: trapped MMIO (GICv2: GICD_SGIR, IPIs sent)|1|/s|"
	"root-exits-idle-hvc|root exits per second, idle: hypercalls (the statistics' own reads)|1|/s|"
	"root-exits-load-exits|root exits per second, workload on CPU 1: all|1|/s|"
	"root-exits-load-irq|root exits per second, workload: interrupts|1|/s|"
	"root-exits-load-sgi|root exits per second, workload: of those, SGIs|1|/s|"
	"root-exits-load-sysreg|root exits per second, workload: ICC_SGI1R_EL1 writes|1|/s|"
	"root-exits-load-mmio|root exits per second, workload: trapped MMIO|1|/s|"
	"workload-off|root workload, Warden not enabled (median of 3 runs)|1e-6|ms|"
	"workload-on|root workload, Warden enabled (median of 3 runs)|1e-6|ms|"
	"workload-slowdown|root workload slowdown|1|%|≤ 0.1%"
	"memory-enable-used|hypervisor memory used after enable: all|0.0009765625|KiB|≤ 256 KiB"
	"memory-enable-image|after enable: image (code, data, bss)|0.0009765625|KiB|"
	"memory-enable-per_cpu|after enable: per-CPU areas, 4 CPUs|0.0009765625|KiB|"
	"memory-enable-config|after enable: system config|0.0009765625|KiB|"
	"memory-enable-pool_used|after enable: pool pages (page tables, status pages)|0.0009765625|KiB|"
	"memory-cells-used|hypervisor memory used, root and two inmate cells: all|0.0009765625|KiB|"
	"memory-cells-pool_used|root and two inmate cells: pool pages|0.0009765625|KiB|"
)

# A Linux cell's figures (issue 16, point 10): name|what|scale|unit|target.
LINUX_FIGURES=(
	"linux-boot-log|boot: \`warden cell linux\` returned (the cell started) to its /init, the kernel's log on the console|1e-6|ms|"
	"linux-boot-quiet|boot: the same, \`quiet\`|1e-6|ms|"
	"linux-boot-bare|boot, bare metal: QEMU's reset to /init, the same kernel and initramfs at EL1|1e-6|ms|"
	"linux-cell-linux-to-init-log|boot: \`warden cell linux\` typed (Image read, tree written, cell created and loaded) to /init|1e-6|ms|"
	"workload-root-off|workload: in the root, Warden not enabled (median of 3)|1e-6|ms|"
	"workload-cell|workload: in the Linux cell (median of 3)|1e-6|ms|"
	"workload-cell-slowdown|workload: the cell against the root before enable|1|%|≤ 1%"
	"workload-bare-linux|workload: the same Linux on bare metal (median of 3)|1e-6|ms|"
	"linux-idle-exits|idle cell, exits per second: all|1|/s|interrupts only"
	"linux-idle-irq|idle cell: interrupts|1|/s|"
	"linux-idle-sgi|idle cell: of those, SGIs (IPIs)|1|/s|"
	"linux-idle-sysreg|idle cell: ICC_SGI1R_EL1 writes (GICv3 IPIs sent)|1|/s|"
	"linux-idle-mmio|idle cell: trapped MMIO (GICv2: GICD_SGIR; the console)|1|/s|"
	"linux-idle-maintenance|idle cell: GIC maintenance interrupts|1|/s|"
	"linux-idle-hvc|idle cell: hypercalls|1|/s|"
	"linux-idle-psci|idle cell: PSCI calls|1|/s|"
	"linux-idle-smc|idle cell: SMCs|1|/s|"
	"memory-linux-used|hypervisor memory used, root and the Linux cell: all|0.0009765625|KiB|"
	"memory-linux-pool_used|root and the Linux cell: pool pages|0.0009765625|KiB|"
)

# figures_md FIGURE...: one row per figure ("name|what|scale|unit|target"),
# one column per GIC version, from any platform of results.csv but the
# per-event ones.
figures_md() {
	local g f head="| figure |" rule="|---|"
	for g in $gics; do
		head="$head GICv$g |"
		rule="$rule---:|"
	done
	echo "$head target |"
	echo "$rule---|"
	for f in "$@"; do
		IFS='|' read -r name what scale unit target <<< "$f"
		printf '| %s (%s) |' "$what" "$unit"
		for g in $gics; do
			awk -F, -v g="$g" -v m="$name" -v scale="$scale" -v unit="$unit" '
				$1 == g && $2 == m && $3 ~ /^(warden-root|warden-linux|bare-linux|warden-smmu|warden-wnet)$/ { v = $6 }
				END {
					digits = unit == "%" ? 3 : (scale == 1 ? 1 : 2)
					if (v == "") printf " — |"; else printf " %.*f |", digits, v * scale
				}' \
				"$out/results.csv"
		done
		printf ' %s |\n' "$target"
	done
	echo
}

# The SMMU's figures (issue 19, point 7): name|what|scale|unit|target.
SMMU_FIGURES=(
	"pci-config-read|a cell reads its own PCI function's IDs in the ECAM (trapped; bare metal: one load)|1|instructions|"
	"pci-config-read-absent|a cell reads a function it does not own (all-ones)|1|instructions|"
	"smmu-tables-root-dma-pages|the root's DMA view in the SMMU, after enable|1|pages|"
	"smmu-tables-root-stage2-pages|the root's stage 2, for comparison|1|pages|"
	"smmu-tables-cell-dma-pages|dma-test's DMA view (1 MiB of RAM, one PCI function)|1|pages|"
	"smmu-tables-cell-stage2-pages|dma-test's stage 2|1|pages|"
	"virtio-read-off|the root's disk: 16 MiB with O_DIRECT, Warden off (median of 9)|1e-6|ms|"
	"virtio-read-on|the same through the SMMU, Warden on (median of 9)|1e-6|ms|"
	"virtio-read-ratio|throughput on / off (not instruction-exact: see below)|1|ratio|"
	"virtio-read-exits-exits|the root's exits per MiB read, Warden on: all|1|/MiB|"
	"virtio-read-exits-irq|the root's exits per MiB: interrupts (the disk's INTx among them)|1|/MiB|"
)

# The SMMU's table.
write_smmu_md() {
	grep -q ',warden-smmu,' "$out/results.csv" || return 0
	echo "## DMA through the SMMU, PCI functions in cells"
	echo
	echo "Scenario \`bench-smmu\` on \`-M virt,iommu=smmuv3\`: the root reads its virtio-blk-pci disk (O_DIRECT, every byte the device's DMA) before and after enable in one boot; table pages from \`/sys/devices/warden/memory\` and \`cells/<id>/tables\`; the bench inmate in the dma-test cell, which owns the edu function, reads config space 1000 times a loop. The exits and the config-space reads are exact. The read times are not: the disk completes in host time, and the -icount clock jumps over idle time to its next deadline, so runs vary by tens of percent either way."
	echo
	figures_md "${SMMU_FIGURES[@]}"
}

# The network link's figures (issue 20, point 5): name|what|scale|unit|target.
WNET_FIGURES=(
	"wnet-rtt-min|round trip, root to cell: ping -A, min of 1000|0.001|µs|"
	"wnet-rtt-avg|round trip: average of 1000|0.001|µs|"
	"wnet-rtt-max|round trip: max|0.001|µs|"
	"wnet-transfer-size|transfer root to cell through nc, dd from /dev/zero into dd to /dev/null|0.00000095367431640625|MiB|"
	"wnet-transfer-time|transfer: time (median of 3 runs)|1e-6|ms|"
	"wnet-throughput|throughput: the size over that time, on the one -icount clock|1|MiB/s|"
	"wnet-exits-all|exits per MiB moved (over the 3 runs), root and cell: all|1|/MiB|"
	"wnet-exits-root-exits|the root's exits per MiB: all|1|/MiB|"
	"wnet-exits-root-hvc|the root: hypercalls (doorbells rung)|1|/MiB|"
	"wnet-exits-root-irq|the root: interrupts (doorbells, timer ticks, IPIs)|1|/MiB|"
	"wnet-exits-root-sgi|the root: of those, SGIs (IPIs)|1|/MiB|"
	"wnet-exits-root-sysreg|the root: ICC_SGI1R_EL1 writes (GICv3 IPIs sent)|1|/MiB|"
	"wnet-exits-root-mmio|the root: trapped MMIO (GICv2: GICD_SGIR, IPIs sent)|1|/MiB|"
	"wnet-exits-cell-exits|the cell's exits per MiB: all|1|/MiB|"
	"wnet-exits-cell-hvc|the cell: hypercalls (doorbells rung)|1|/MiB|"
	"wnet-exits-cell-irq|the cell: interrupts (doorbells, timer ticks, IPIs)|1|/MiB|"
	"wnet-exits-cell-sgi|the cell: of those, SGIs (IPIs)|1|/MiB|"
	"wnet-exits-cell-sysreg|the cell: ICC_SGI1R_EL1 writes (GICv3 IPIs sent)|1|/MiB|"
	"wnet-exits-cell-mmio|the cell: trapped MMIO (GICv2: GICD_SGIR; the console)|1|/MiB|"
)

# The network link's table.
write_wnet_md() {
	grep -q ',warden-wnet,' "$out/results.csv" || return 0
	echo "## A network link, root to a Linux cell"
	echo
	echo "Scenario \`bench-wnet\`: the root and linux-demo (CPUs 2-3, the plain Image, \`quiet\`) each set their side of the network link root-net up (\`wnet0\`, driver/wnet.c, MTU 64 KiB). The round trip is ping's, \`ping -A -c 1000\` (the next request as soon as the reply is in), root to cell, each reply timed by ping to the microsecond on the -icount clock. A transfer goes through nc from \`dd if=/dev/zero bs=64k\` in the root into \`dd of=/dev/null\` in the cell, the cheapest source and sink, so that the time is the link's and the two network stacks'; it is timed on the virtual counter in the root until nc ends, three runs in one boot, and the scenario fails unless the cell's dd counted every block of each. Under -icount the vCPUs take turns on one clock, so the throughput is bytes per instruction of both partitions together, a cost, not what the two would reach side by side on real cores. The exits are the root's (\`root_stats/\`, whose reads add 9 hypercalls a run) and the cell's (\`cells/<id>/stats/\`), summed over their CPUs, read just before and just after each run; they include the timer ticks of those seconds. How many doorbells a stream takes depends on how the two sides' CPUs interleave, which QEMU's host-timed events and the guests' random numbers shift from boot to boot: the exits per MiB vary by about a fifth between boots (a single reason, the hypercalls, up to twice), the throughput and the round trip by a few percent (docs/benchmarks.md has the ranges)."
	echo
	figures_md "${WNET_FIGURES[@]}"
}

# The Linux cell's table.
write_linux_md() {
	echo "## A Linux cell"
	echo
	echo "Scenario \`bench-linux\`: linux-demo (CPUs 2-3, 128 MiB) boots the stock Debian kernel (the plain Image) with the test initramfs, the root idle beside it; its /init reads the virtual counter first thing, which root and cell share. Bare metal: QEMU boots the same kernel and initramfs at EL1 with 2 CPUs and 128 MiB. The workload is the root's (64 KiB checksum, 1200 rounds) on CPU 1 of each; the idle exits are summed over the cell's 2 CPUs over 4 s."
	echo
	figures_md "${LINUX_FIGURES[@]}"
}

# The delivery modes' figures (issue 17, points 4 and 7): name|what|column
# (p50, p99, max, or "p50 (max)")|scale|unit.
MODES_FIGURES=(
	"idle-tick-exits|idle, the timer ticking every 1 ms: exits per second|p50|1|/s"
	"idle-tick-irq|idle, 1 ms tick: of those, interrupts|p50|1|/s"
	"tick-entry|the tick's latency out of WFI, expiry to handler: median (max)|p50max|1|instructions"
	"stop-shutdown|\`shutdown --force\` of a cell spinning with interrupts masked, the ioctl: median (max) of 3|p50max|0.001|µs"
	"stop-destroy|\`destroy\` after it (RAM cleared, CPUs online in Linux): median (max)|p50max|1e-6|ms"
	"stop-destroyforce|\`destroy --force\` of a spinning cell, until its CPUs are online in Linux: median (max)|p50max|1e-6|ms"
	"timer-entry-loaded|timer latency, the root busy (checksum + IPI bursts on CPUs 0-1): median|p50|1|instructions"
	"timer-entry-loaded|timer latency, the root busy: p99|p99|1|instructions"
	"timer-entry-loaded|timer latency, the root busy: max|max|1|instructions"
	"loaded-root-ipis|IPIs the root took per second meanwhile|p50|1|/s"
	"loaded-cell-irq|the cell's interrupt exits over that run, its 1000 timer interrupts included|p50|1|count"
	"loaded-cell-sgi|the cell's SGI exits over that run|p50|1|count"
	"loaded-cell-maintenance|the cell's GIC maintenance interrupts over that run|p50|1|count"
)

# The two delivery modes: one row per figure, a normal and a direct column
# per GIC version.
write_modes_md() {
	grep -q ',modes-normal,' "$out/results.csv" || return 0
	local g f head="| figure |" rule="|---|" why
	echo "## Two ways to deliver a cell's interrupts"
	echo
	echo "Scenario \`bench-modes\`: the bench inmate in the normal bench cell and in \`bench-direct\` (the same CPUs, RAM and SPI, plus WARDEN_CELL_DIRECT_IRQ). Instructions are guest instructions on the -icount clock. The busy root's tail is QEMU's: its one host thread runs the vCPUs in turn, and the cell's vCPU waits for its turn while the shared clock advances (docs/benchmarks.md)."
	echo
	for g in $gics; do
		head="$head GICv$g normal | GICv$g direct |"
		rule="$rule---:|---:|"
	done
	echo "$head"
	echo "$rule"
	for f in "${MODES_FIGURES[@]}"; do
		IFS='|' read -r name what col scale unit <<< "$f"
		printf '| %s (%s) |' "$what" "$unit"
		for g in $gics; do
			for p in modes-normal modes-direct; do
				awk -F, -v g="$g" -v m="$name" -v p="$p" -v col="$col" -v scale="$scale" '
					function f(v) { if (scale != 1) return sprintf("%.3g", v * scale); return v == int(v) ? sprintf("%d", v) : sprintf("%.1f", v) }
					$1 == g && $2 == m && $3 == p { p50 = $6; p99 = $7; max = $8; seen = 1 }
					END {
						if (!seen) { printf " — |"; exit }
						if (col == "p50") printf " %s |", f(p50)
						else if (col == "p99") printf " %s |", f(p99)
						else if (col == "max") printf " %s |", f(max)
						else printf " %s (%s) |", f(p50), f(max)
					}' "$out/results.csv"
			done
		done
		echo
	done
	echo
	for g in $gics; do
		why=$(grep -o '\[bench-modes\] refused warden-direct .*' "$out/modes-gicv$g.log" 2> /dev/null | head -n 1 | sed 's/.*refused warden-direct //' || true)
		[ -n "$why" ] && echo "GICv$g: no direct cell: \`cell create\` refuses it: $why" && echo
	done
	return 0
}

# The root's table: one row per figure, one column per GIC version.
write_root_md() {
	echo "## The root cell, cell start and memory"
	echo
	echo "Measured from the root (scenario \`bench-root\`, the same -icount clock: 1 ns is one instruction). Cell start times include the \`warden\` command's own start-up; exits per second are summed over the root's CPUs."
	echo
	figures_md "${ROOT_FIGURES[@]}"
}

# The scale table: one row per CPU count (GICv3).
write_scale_md() {
	grep -q ',warden-scale,' "$out/results.csv" || return 0
	echo "## Scale (GICv3)"
	echo
	echo "\`warden enable\` and \`warden disable\` as Linux sees them (guest instructions as ns): the median of 5 rounds in one boot, with their range. Then the hypervisor's memory after enable."
	echo
	echo "| CPUs | enable (ms) | enable min–max | disable (ms) | per-CPU areas (KiB) | pool pages (KiB) | memory used (KiB) |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	local n
	for n in $SCALE_CPUS; do
		awk -F, -v n="$n" '
			$3 == "warden-scale" { v[$2] = $6; lo[$2] = $5; hi[$2] = $8 }
			END {
				p = "scale-" n "-"
				if (!((p "enable") in v)) exit
				printf "| %d | %.2f | %.2f–%.2f | %.2f | %.0f | %.0f | %.1f |\n", n,
					v[p "enable"] / 1e6, lo[p "enable"] / 1e6, hi[p "enable"] / 1e6,
					v[p "disable"] / 1e6,
					v[p "memory-per_cpu"] / 1024, v[p "memory-pool_used"] / 1024,
					v[p "memory-used"] / 1024
			}' "$out/results.csv"
	done
	echo
}

# The table: one row per metric and GIC, medians, Warden minus bare metal.
write_md() {
	local g m
	echo "# Warden benchmarks"
	echo
	local cpu=cortex-a57
	[ "$machine" = zcu102 ] && cpu="QEMU's ZCU102 model (xlnx-zcu102: Cortex-A53, GIC-400)"
	echo "Guest instructions, from QEMU $(qemu-system-aarch64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') with \`-icount shift=0\` (one ns per instruction), $cpu."
	echo "Bare metal: the same inmate code booted by QEMU at EL1. Warden: that code in a cell on CPUs 2-3, the root idle."
	echo "Each figure is a median (p50) over 1000 events, or over 101 loops of 1000 operations for the per-operation costs (tenths of an instruction)."
	echo
	for g in $gics; do
		echo "## GICv$g"
		echo
		local direct=0
		grep -q "^$g,.*,warden-direct," "$out/results.csv" && direct=1
		if [ $direct = 1 ]; then
			echo "| metric | bare metal | Warden | Warden − bare | Warden min / p99 / max | direct cell | direct − bare | target |"
			echo "|---|---:|---:|---:|---|---:|---:|---:|"
		else
			echo "| metric | bare metal | Warden | Warden − bare | Warden min / p99 / max | target |"
			echo "|---|---:|---:|---:|---|---:|"
		fi
		for m in "${METRICS[@]}"; do
			IFS='|' read -r name what t3 t2 <<< "$m"
			local target=$t3
			[ "$g" = 2 ] && target=$t2
			awk -F, -v g="$g" -v m="$name" -v what="$what" -v target="$target" -v direct=$direct '
				function minus(a, b) { return (a == "" || b == "") ? "" : sprintf("%+g", a - b) }
				$1 == g && $2 == m && $3 == "bare-metal" { bare = $6 }
				$1 == g && $2 == m && $3 == "warden" { cell = $6; spread = $5 " / " $7 " / " $8 }
				$1 == g && $2 == m && $3 == "warden-direct" { dcell = $6 }
				END {
					if (cell == "") exit
					diff = minus(cell, bare)
					ddiff = minus(dcell, bare)
					t = (target == "-") ? "" : ((diff == "" ? "≤ " : "≤ +") target)
					if (bare == "") bare = "—"
					if (dcell == "") dcell = "—"
					if (direct)
						printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", what, bare, cell, diff, spread, dcell, ddiff, t
					else
						printf "| %s | %s | %s | %s | %s | %s |\n", what, bare, cell, diff, spread, t
				}' "$out/results.csv"
		done
		echo
	done
	write_modes_md
	[ "$machine" = virt ] || return 0
	write_root_md
	write_linux_md
	write_smmu_md
	write_wnet_md
	write_scale_md
}

# irq-latency.png: the timer IRQ's distribution (CDF, log scale), bare metal
# against in-cell, one panel per GIC version.
plot() {
	command -v gnuplot > /dev/null || die "gnuplot missing; run make setup"
	local g script=$out/irq-latency.gp n=0
	for g in $gics; do
		cdf "$out/bare-gicv$g.log" timer-entry > "$out/timer-entry-bare-gicv$g.dat"
		cdf "$out/cell-gicv$g.log" timer-entry > "$out/timer-entry-cell-gicv$g.dat"
		n=$((n + 1))
	done
	{
		echo "set terminal pngcairo size 1000,$((380 * n)) font 'sans,10'"
		echo "set output '$out/irq-latency.png'"
		echo "set multiplot layout $n,1"
		echo "set logscale x"
		echo "set xrange [0.8:*]"
		echo "set xlabel 'timer expiry to handler entry (guest instructions, log scale)'"
		echo "set ylabel 'fraction of 1000 interrupts'"
		echo "set yrange [0:1.05]"
		echo "set key bottom right"
		echo "set grid"
		for g in $gics; do
			echo "set title 'Timer IRQ latency, GICv$g: bare metal against a Warden cell'"
			echo "plot '$out/timer-entry-bare-gicv$g.dat' using 1:2 with steps lw 2 title 'bare metal', \\"
			echo "     '$out/timer-entry-cell-gicv$g.dat' using 1:2 with steps lw 2 title 'Warden cell'"
		done
		echo "unset multiplot"
	} > "$script"
	gnuplot "$script" || die "gnuplot failed on $script"
}

case "${1:-}" in
""|--check|--baseline) ;;
*) echo "usage: $0 [--check | --baseline]" >&2; exit 2 ;;
esac
main "$@"
