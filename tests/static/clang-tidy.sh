#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# clang-tidy with the checks of the top .clang-tidy over the hypervisor
# (core and arch/arm64, as the freestanding aarch64 code it is), lib/ (the
# same way) and the CLI (tools/, hosted).  Every finding is an error.
# tests/run.sh runs it in its static phase; `make lint` runs it alone.
#
# Not here: driver/.  It is kernel code: it parses only with the kernel's
# own headers and Kbuild's long list of flags and generated headers (from
# build/sysroot, after `make setup`), and the bug-prone patterns of kernel
# code are what the kernel's own checkers (sparse, checkpatch) are for.
#
# Usage: tests/static/clang-tidy.sh [FILE...]
#   (default: every C file of those parts; the output ends with a summary)
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

tidy=${CLANG_TIDY:-clang-tidy}
command -v "$tidy" > /dev/null || {
	echo "clang-tidy: $tidy not installed (scripts/setup.sh installs it)"
	exit 1
}

# Files, relative to the top, of the parts we check.
files() {
	if git rev-parse --git-dir > /dev/null 2>&1; then
		git ls-files -co --exclude-standard -- hypervisor lib tools
	else
		find hypervisor lib tools -name '*.c'
	fi | grep -E '^(hypervisor/(core|arch/arm64)|lib|tools)/[^/]*\.c$' |
		LC_ALL=C sort -u | while read -r f; do
		[ -f "$f" ] && echo "$f"
	done
}

# Checks kept off for one file only, while someone else edits it:
# "FILE:-check1,-check2".  Each entry must say why and until when; the
# list is normally empty.
per_file_off=()

# The compiler's view of each part, as its build.mk builds it (without
# the warnings: the build enforces those with gcc).  The hypervisor has no
# libc: -nostdlibinc leaves only clang's own freestanding headers (stdint.h,
# stddef.h, stdarg.h).
hyp_flags=(--target=aarch64-linux-gnu -ffreestanding -nostdlibinc -std=gnu11
	-I include -I lib -I hypervisor/include
	-I hypervisor/arch/arm64/include)
tools_flags=(-std=gnu11 -I include -I lib)

flags_of() {
	case "$1" in
	tools/*) printf '%s\n' "${tools_flags[@]}" ;;
	*) printf '%s\n' "${hyp_flags[@]}" ;;
	esac
}

checks_of() {
	local e
	for e in "${per_file_off[@]}"; do
		[ "${e%%:*}" = "$1" ] && echo "--checks=${e#*:}"
	done
}

# One file: its findings (with their notes) on stdout.
tidy_one() {
	local f=$1 args
	mapfile -t args < <(flags_of "$f")
	# shellcheck disable=SC2046
	"$tidy" --quiet $(checks_of "$f") "$f" -- "${args[@]}" 2>&1 |
		grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$|^Error while processing '
	return "${PIPESTATUS[0]}"
}

# Internal: one file, from the parallel loop below.
if [ "${1:-}" = --one ]; then
	tidy_one "$2" > "$3.log" 2>&1
	echo $? > "$3.rc"
	exit 0
fi

if [ $# -gt 0 ]; then
	list=("$@")
else
	mapfile -t list < <(files)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# In parallel, one clang-tidy per file, each file's output kept apart.
for i in "${!list[@]}"; do
	printf '%s\0%s\0' "${list[$i]}" "$tmp/$i"
done | xargs -0 -n 2 -P "$(nproc)" "$0" --one

bad=0
findings=0
for i in "${!list[@]}"; do
	rc=$(cat "$tmp/$i.rc" 2> /dev/null || echo 1)
	n=$(grep -cE '(warning|error): ' "$tmp/$i.log")
	if [ "$rc" -ne 0 ] || [ "$n" -gt 0 ]; then
		bad=$((bad + 1))
		findings=$((findings + n))
		echo "# ${list[$i]} (rc=$rc)"
		sed "s|$top/||" "$tmp/$i.log"
	fi
done

if [ ${#per_file_off[@]} -gt 0 ]; then
	echo "clang-tidy: kept off for a file: ${per_file_off[*]}"
fi
if [ $bad -eq 0 ]; then
	echo "clang-tidy: ${#list[@]} files clean"
	exit 0
fi
echo "clang-tidy: $findings findings in $bad of ${#list[@]} files"
exit 1
