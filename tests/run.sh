#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The whole test suite, as `make test` runs it (after scripts/setup.sh):
#   1. build     `make all unit-tests` with the strict warnings (one test)
#   2. static    clang-format, cppcheck, header self-containment, clang-tidy
#                (tests/static/clang-tidy.sh), MISRA C:2012 against its
#                baseline (tests/static/misra.sh) and the hypervisor's size
#                (tests/static/size.sh); one test each
#   3. unit      every host unit test program, the CLI's host tests
#                (tests/cli/run.sh) and `config create`'s golden, reference
#                and sweep tests (tests/config-create.sh), the man pages'
#                and guides' tests (tests/docs.sh); each PASS/FAIL
#                line counts; then the unit tests' line coverage of
#                hypervisor/, lib/ and inmates/lib/uart*.c against its
#                floors (`make coverage`, one test)
#   4. package   tests/packaging.sh: make deb, lintian, the packages
#                against make install, Debian's dkms building the module
#                for the arm64 kernel and rebuilding it for a second ABI,
#                systemd-analyze verify, warden.service's helper; each
#                PASS/FAIL line counts
#   5. fuzz      the config validator under libFuzzer, FUZZ_TEST_SECONDS
#                (default 60; one test)
#   6. system    tests/system/run.sh: QEMU scenarios on GICv3 and GICv2
# Not here: `make bench-check` (scripts/bench.sh --check, about 5 minutes),
# which would take the suite further past its 15-minute aim (issue 6).
# The last line is "N passed, N failed"; the exit code is non-zero if any
# test failed.  Logs: build/logs/.
#
# Usage: tests/run.sh [--no-system]
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
logs=$build/logs
cd "$top" || exit 1
mkdir -p "$logs"

run_system=1
case "${1:-}" in
--no-system) run_system=0 ;;
"") ;;
*) echo "usage: $0 [--no-system]" >&2; exit 2 ;;
esac

# Called from make (recipe with MAKE=...), we share its jobserver; alone, use
# every core.
if [ -n "${MAKE:-}" ]; then
	read -ra make_cmd <<< "$MAKE"
else
	make_cmd=(make "-j$(nproc)")
fi

CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-}
# Same as the top Makefile's WARN.
WARN=(-Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
	-Wconversion -Wno-sign-conversion)

passed=0
failed=0
phase_name=
phase_t0=0
phase_p=0
phase_f=0

pass() {
	echo "PASS $*"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# indent FILE [N]: the first N (default 40) lines of FILE, indented.
indent() {
	head -n "${2:-40}" "$1" | sed 's/^/    | /'
}

phase_begin() {
	phase_name=$1
	phase_t0=$SECONDS
	phase_p=$passed
	phase_f=$failed
	echo "== $phase_name"
}

phase_end() {
	echo "== $phase_name: $((passed - phase_p)) passed, $((failed - phase_f)) failed ($((SECONDS - phase_t0)) s)"
}

# Our C sources and headers: tracked or new files that .gitignore does not
# exclude (so no Kbuild by-products), in the parts we write.
c_files() {
	local dirs=(hypervisor driver tools lib include inmates configs tests)
	if git -C "$top" rev-parse --git-dir > /dev/null 2>&1; then
		git -C "$top" ls-files -co --exclude-standard -- "${dirs[@]}"
	else
		find "${dirs[@]}" -name '*.[ch]' 2> /dev/null | grep -v '\.mod\.c$'
	fi | grep -E '\.[ch]$' | LC_ALL=C sort -u | while read -r f; do
		# the index still lists files deleted from the work tree
		[ -f "$f" ] && echo "$f"
	done
}

# --- 1. build ---------------------------------------------------------------

build_ok=0

test_build() {
	local log=$logs/build.log
	if "${make_cmd[@]}" -C "$top" --no-print-directory all unit-tests \
		> "$log" 2>&1; then
		# -Werror covers our own flags; this also catches warnings from
		# tools that do not stop the build (Kbuild, modpost, the linker).
		if grep -qiE '(^|[^a-z])warning:' "$log"; then
			fail "static/build: warnings (see ${log#"$top"/})"
			grep -iE '(^|[^a-z])warning:' "$log" | head -n 20 | sed 's/^/    | /'
		else
			pass "static/build (strict warnings as errors)"
		fi
		build_ok=1
	else
		fail "static/build: make all unit-tests failed (see ${log#"$top"/})"
		grep -E 'error|Error|No rule' "$log" | head -n 30 | sed 's/^/    | /'
		echo "    last lines:"
		tail -n 15 "$log" | sed 's/^/    | /'
	fi
}

# --- 2. static checks ---------------------------------------------------------

test_clang_format() {
	local log=$logs/clang-format.log bad=() f
	command -v clang-format > /dev/null || { fail "static/clang-format: clang-format not installed"; return; }
	: > "$log"
	while read -r f; do
		if ! clang-format --dry-run --Werror "$f" >> "$log" 2>&1; then
			bad+=("$f")
		fi
	done < <(c_files)
	if [ ${#bad[@]} -eq 0 ]; then
		pass "static/clang-format ($(c_files | wc -l) files)"
	else
		fail "static/clang-format: ${#bad[@]} files need 'clang-format -i' (see ${log#"$top"/})"
		printf '    %s\n' "${bad[@]}"
		indent "$log" 20
	fi
}

# cppcheck: warnings, style, performance and portability findings are
# errors.  The kernel module is checked as kernel code (without the kernel's
# headers: cppcheck needs no system headers), everything else as the
# freestanding/userspace C it is.  Suppressions, each with its reason, are in
# tests/cppcheck-suppressions.txt.
test_cppcheck() {
	local log=$logs/cppcheck.log rc=0 user=() kmod=()
	command -v cppcheck > /dev/null || { fail "static/cppcheck: cppcheck not installed"; return; }
	mapfile -t user < <(c_files | grep -E '^(hypervisor|tools|inmates|lib)/.*\.c$')
	mapfile -t kmod < <(c_files | grep -E '^driver/.*\.c$')
	local common=(--quiet --error-exitcode=1 --inline-suppr
		--enable=warning,style,performance,portability
		--std=c11 --language=c --platform=unix64
		--suppressions-list="$top/tests/cppcheck-suppressions.txt"
		--template='{file}:{line}: {severity}: {message} [{id}]'
		-D__GNUC__=12 -D__aarch64__ -I include -I lib)
	# Kernel annotations live in the kernel's headers, which cppcheck is
	# not given; without these it misreads the declarations they prefix.
	local kernel=(-D__KERNEL__ -DMODULE '-D__printf(a,b)=' '-D__scanf(a,b)='
		-D__init= -D__exit= -D__user= -D__iomem= -D__must_check=
		-D__maybe_unused= -D__always_inline=inline -D__cold=
		-D__ro_after_init= -D__read_mostly= -D__force= -D__rcu=
		-Dnoinline= -D__noreturn=)
	: > "$log"
	if [ ${#user[@]} -gt 0 ]; then
		cppcheck "${common[@]}" -I hypervisor/include \
			-I hypervisor/arch/arm64/include \
			-I inmates/lib/include "${user[@]}" \
			>> "$log" 2>&1 || rc=1
	fi
	if [ ${#kmod[@]} -gt 0 ]; then
		cppcheck "${common[@]}" "${kernel[@]}" -I driver "${kmod[@]}" \
			>> "$log" 2>&1 || rc=1
	fi
	if [ $rc -eq 0 ] && [ ! -s "$log" ]; then
		pass "static/cppcheck ($((${#user[@]} + ${#kmod[@]})) files)"
	else
		fail "static/cppcheck (see ${log#"$top"/})"
		indent "$log" 30
	fi
}

# Every header compiles on its own.  The ABI headers and lib/ (shared by the
# hypervisor, driver, CLI and host tests) must compile both with the host
# compiler and for a freestanding aarch64 target; hypervisor headers compile
# for their freestanding aarch64 target, and so do the inmate library's.
test_headers() {
	local log=$logs/headers.log bad=() h n=0
	local a64=${CROSS_COMPILE}gcc
	local a64_inc
	a64_inc=$("$a64" -print-file-name=include)
	local host=("${HOSTCC:-gcc}" "${WARN[@]}" -std=gnu11 -fsyntax-only
		-I include -I lib)
	# -nostdinc: only the compiler's own freestanding headers (stdint.h,
	# stddef.h, ...), no libc.
	local free=("$a64" "${WARN[@]}" -std=gnu11 -fsyntax-only -ffreestanding
		-nostdinc -isystem "$a64_inc" -mgeneral-regs-only
		-I include -I lib -I hypervisor/include
		-I hypervisor/arch/arm64/include)
	: > "$log"
	compile() { # header compiler...
		local hdr=$1
		shift
		echo "# $* $hdr" >> "$log"
		printf '#include "%s"\n' "$top/$hdr" |
			"$@" -x c - -o /dev/null >> "$log" 2>&1
	}
	while read -r h; do
		n=$((n + 1))
		case "$h" in
		include/warden/ioctl.h)
			# userspace side uses <sys/ioctl.h> for _IOWR: hosted
			compile "$h" "${host[@]}" &&
				compile "$h" "$a64" "${WARN[@]}" -std=gnu11 \
					-fsyntax-only -I include
			;;
		include/* | lib/*)
			compile "$h" "${host[@]}" && compile "$h" "${free[@]}"
			;;
		hypervisor/*)
			compile "$h" "${free[@]}"
			;;
		inmates/*)
			compile "$h" "${free[@]}" -I inmates/lib/include
			;;
		*)
			compile "$h" "${host[@]}"
			;;
		esac || bad+=("$h")
	done < <(c_files | grep -E '^(include|lib|hypervisor/include|hypervisor/arch/[^/]+/include|inmates/lib/include)/.*\.h$')
	if [ ${#bad[@]} -eq 0 ]; then
		pass "static/headers ($n headers compile on their own)"
	else
		fail "static/headers: ${#bad[@]} of $n headers do not compile alone (see ${log#"$top"/})"
		printf '    %s\n' "${bad[@]}"
		grep -E 'error' "$log" | head -n 20 | sed 's/^/    | /'
	fi
}

# static_script NAME SCRIPT: one test, the script's exit status; its
# output goes to build/logs/NAME.log, and its last line (the script's
# summary) to the PASS/FAIL line.
static_script() {
	local name=$1 script=$2 log=$logs/$1.log
	"$top/$script" > "$log" 2>&1
	local rc=$? last
	last=$(tail -n 1 "$log")
	if [ $rc -eq 0 ]; then
		pass "static/$name (${last#"$name: "})"
	else
		fail "static/$name: ${last#"$name: "} (see ${log#"$top"/}; alone: $script)"
		grep -vE '^  ([0-9]|total)' "$log" | head -n 30 | sed 's/^/    | /'
	fi
}

# clang-tidy with the top .clang-tidy over the hypervisor, lib/ and the CLI.
test_clang_tidy() {
	static_script clang-tidy tests/static/clang-tidy.sh
}

# MISRA C:2012 (cppcheck's misra addon) over the hypervisor and lib/: no
# finding beyond tests/misra-baseline.txt, each rule a deviation in
# docs/misra.md; the log has the totals by rule.
test_misra() {
	static_script misra tests/static/misra.sh
}

# The hypervisor well below 10,000 lines of code (tests/static/size.sh).
test_size() {
	static_script size tests/static/size.sh
}

# --- fuzzing ---------------------------------------------------------------

# The config validator under libFuzzer for FUZZ_TEST_SECONDS (default 60):
# one test, passed if no input crashed it (tests/fuzz/fuzz.mk).
test_fuzz() {
	local secs=${FUZZ_TEST_SECONDS:-60} log=$logs/fuzz-config.log
	local bin=$build/tests/fuzz/fuzz-config runs
	if ! "${make_cmd[@]}" -s -C "$top" --no-print-directory fuzz-build \
		> "$log" 2>&1; then
		fail "fuzz/config: does not build (see ${log#"$top"/})"
		indent "$log" 20
		return
	fi
	mkdir -p "$build/tests/fuzz/corpus"
	(cd "$top" && timeout $((secs + 60)) "$bin" -max_total_time="$secs" \
		-print_final_stats=1 -artifact_prefix="$build/tests/fuzz/" \
		"$build/tests/fuzz/corpus" tests/fuzz/corpus) >> "$log" 2>&1
	local rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ]; then
		pass "fuzz/config (${runs:-?} inputs in $secs s, no crash)"
	else
		fail "fuzz/config: crashed after ${runs:-?} inputs (see ${log#"$top"/}; the input is in build/tests/fuzz/)"
		grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -n 10 | sed 's/^/    | /'
	fi
}

# --- 3. unit tests ------------------------------------------------------------

test_unit() {
	local names t bin out rc np nf
	names=$("${make_cmd[@]}" -s -C "$top" --no-print-directory unit-tests-list 2> /dev/null)
	if [ -z "$names" ]; then
		echo "   (no unit tests registered in tests/unit/*.mk)"
		return
	fi
	for t in $names; do
		bin=$build/tests/unit/$t
		out=$logs/unit-$t.log
		if [ ! -x "$bin" ]; then
			fail "unit/$t: not built"
			continue
		fi
		# Sanitizer findings end the program with a report; leaks of a
		# test's own allocations are not findings.
		(cd "$top" && ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
			UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
			timeout 120 "$bin") > "$out" 2>&1
		rc=$?
		np=$(grep -c '^PASS ' "$out")
		nf=$(grep -c '^FAIL ' "$out")
		passed=$((passed + np))
		failed=$((failed + nf))
		if [ "$nf" -gt 0 ]; then
			echo "FAIL unit/$t: $nf of $((np + nf)) cases failed"
			grep '^FAIL ' "$out" | sed 's/^/    /'
		fi
		if [ $rc -ne 0 ] && [ "$nf" -eq 0 ]; then
			fail "unit/$t: exited with rc=$rc after $np passing cases (see ${out#"$top"/})"
			tail -n 10 "$out" | sed 's/^/    | /'
		elif [ "$np" -eq 0 ] && [ "$nf" -eq 0 ]; then
			fail "unit/$t: ran no cases"
		elif [ "$nf" -eq 0 ]; then
			echo "PASS unit/$t ($np cases)"
		fi
	done
}

# The CLI's host tests (tests/cli/run.sh): config show on every shipped and
# many broken configs, --json, --help and the bash completion; each of its
# PASS/FAIL lines counts, like a unit test program's cases.
test_cli() {
	local out=$logs/unit-cli.log rc np nf
	"$top/tests/cli/run.sh" > "$out" 2>&1
	rc=$?
	np=$(grep -c '^PASS ' "$out")
	nf=$(grep -c '^FAIL ' "$out")
	passed=$((passed + np))
	failed=$((failed + nf))
	if [ "$nf" -gt 0 ]; then
		echo "FAIL unit/cli: $nf of $((np + nf)) cases failed"
		grep -A 15 '^FAIL ' "$out" | grep -E '^(FAIL |    )' | sed 's/^/    /'
	elif [ $rc -ne 0 ] || [ "$np" -eq 0 ]; then
		fail "unit/cli: rc=$rc after $np passing cases (see ${out#"$top"/})"
		tail -n 10 "$out" | sed 's/^/    | /'
	else
		echo "PASS unit/cli ($np cases)"
	fi
}

# counted_script NAME SCRIPT SHOW: run SCRIPT (to build/logs/NAME.log), show
# its lines that match the regex SHOW, and count each of its "PASS "/"FAIL "
# lines as a test; a script that failed without a FAIL line, or printed no
# test at all, fails once more.  Returns 1 if any failed; counted_np holds
# the passes.
counted_script() {
	local name=$1 out=$logs/$1.log rc nf
	"$top/$2" > "$out" 2>&1
	rc=$?
	grep -E "$3" "$out"
	counted_np=$(grep -c '^PASS ' "$out")
	nf=$(grep -c '^FAIL ' "$out")
	passed=$((passed + counted_np))
	failed=$((failed + nf))
	if { [ $rc -ne 0 ] && [ "$nf" -eq 0 ]; } ||
		[ $((counted_np + nf)) -eq 0 ]; then
		fail "$name: $2 rc=$rc after $counted_np passing tests (see ${out#"$top"/})"
		return 1
	fi
	[ "$nf" -eq 0 ]
}

# `config create` (tests/config-create.sh): golden outputs, the reference
# machine against its hand-written config, the sweep over the kernel
# package's DTBs; each line counts.
test_config_create() {
	counted_script config-create tests/config-create.sh '^(PASS|FAIL) |^    '
}

# The man pages and the guides (tests/docs.sh): groff -ww, a section of
# warden(8) per command, the config reference against config.h, the guides'
# out-of-tree inmate, links; each line counts.
test_docs() {
	counted_script docs tests/docs.sh '^(PASS|FAIL) '
}

# Line coverage of hypervisor/, lib/ and inmates/lib/uart*.c by the unit
# tests (`make coverage`, tests/coverage.mk): the table goes to the output
# and the log; one test, failed if an area falls below its floor
# (tests/coverage-threshold.txt).
test_coverage() {
	local log=$logs/coverage.log
	if "${make_cmd[@]}" -s -C "$top" --no-print-directory coverage \
		> "$log" 2>&1; then
		sed 's/^/    /' "$log"
		pass "unit/coverage ($(awk '$1 == "all" { print $4 "%" }' "$log") of $(awk '$1 == "all" { print $2 }' "$log") lines; floors in tests/coverage-threshold.txt)"
	else
		indent "$log" 60
		fail "unit/coverage: below a floor or not measured (see ${log#"$top"/})"
	fi
}

unit_phase() {
	test_unit
	test_cli
	test_config_create
	test_docs
	test_coverage
}

# --- packaging ------------------------------------------------------------------

# tests/packaging.sh (issue 21): each of its PASS/FAIL lines counts.
test_packaging() {
	counted_script packaging tests/packaging.sh '^FAIL |^    ' &&
		echo "PASS packaging ($counted_np tests; see build/logs/packaging.log)"
}

# --- 4. system tests ----------------------------------------------------------

# run_counted KIND LOG CMD...: run CMD, which prints one "PASS KIND/..." or
# "FAIL KIND/..." line per test, and count those lines; a failing CMD that
# printed no FAIL line still fails once.
run_counted() {
	local kind=$1 out=$2 rc np nf
	shift 2
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	np=$(grep -c "^PASS $kind/" "$out")
	nf=$(grep -c "^FAIL $kind/" "$out")
	passed=$((passed + np))
	failed=$((failed + nf))
	if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
		fail "$kind: $1 failed (rc=$rc; see ${out#"$top"/})"
	fi
}

test_system() {
	run_counted system "$logs/system.out" "$top/tests/system/run.sh"
}

t_start=$SECONDS

phase_begin build
test_build
phase_end

phase_begin static
test_clang_format
test_cppcheck
test_headers
test_clang_tidy
test_misra
test_size
phase_end

# Unit, fuzz and system tests would run stale or missing binaries
# after a failed build: skip them (the build failure already fails the
# suite).
built_phase() {
	phase_begin "$1"
	if [ $build_ok -eq 1 ]; then
		"$2"
	else
		echo "   skipped: the build failed"
	fi
	phase_end
}

built_phase unit unit_phase
built_phase package test_packaging
built_phase fuzz test_fuzz
if [ $run_system -eq 1 ]; then
	built_phase system test_system
fi

echo "== total: $((SECONDS - t_start)) s; logs in ${logs#"$top"/}/"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
