#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The board table of docs/boards.md (issue 18): `warden config create` run
# on every device tree of Debian's arm64 kernel package, one row per DTB:
# the board's model, its GIC and console UART as the generator found them,
# and what it made of the board (a config, with or without the board's
# console, or the reason it refused).  Everything between the two marker
# lines of docs/boards.md is replaced; the rest of the file is prose.
#
# Boards whose tree leaves /memory to the boot loader are tried again with
# RAM at GUESS_RAM, to show what the rest of their tree gives.
#
# Usage: scripts/boards.sh [--check]
#   --check   exit 1 (and say so) if docs/boards.md is not what this script
#             writes today: the table is stale (a run takes minutes, so
#             make test does not; run it after changing config create)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
cli=$build/tools/warden-host
doc=$top/docs/boards.md
BEGIN='<!-- boards.sh: begin -->'
END='<!-- boards.sh: end -->'

die() { echo "boards: error: $*" >&2; exit 1; }

[ -x "$cli" ] || die "$cli missing; run make"
dtbs=$(ls -d "$build"/sysroot/usr/lib/linux-image-*/ 2> /dev/null | head -n 1)
[ -n "$dtbs" ] || die "no kernel package under $build/sysroot; run make setup"
grep -qF "$BEGIN" "$doc" && grep -qF "$END" "$doc" ||
	die "$doc lacks the marker lines"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# header FILE KEY: the value of " * KEY: ..." in a generated config's
# comment, its leading blanks dropped.
header() {
	sed -n "s/^ \\* $2: *//p" "$1" | head -n 1
}

# model FILE: the board's name from the comment's "from <dtb>: MODEL (...)."
model() {
	sed -n '3s/^ \* from [^:]*: \(.*\) ([^()]*)\.$/\1/p' "$1"
}

# reason ERRFILE: the generator's first refusal, without its prefix.
reason() {
	grep -m 1 '^warden: config create' "$1" | cut -c 24- |
		sed 's/|/\\|/g'
}

# try DTB ARGS...: config create on DTB with ARGS, twice if need be:
# "with" (the board's console), "without" (--console none) or "refused";
# the generated file in $work/c.c, the errors in $work/err and err2.
try() {
	local f=$1 out=$work/c.c
	shift
	rm -f "$out"
	if timeout 20 "$cli" config create --dtb "$f" --linux-mem 75% "$@" \
		-o "$out" > /dev/null 2> "$work/err"; then
		echo with
	elif rm -f "$out" && timeout 20 "$cli" config create --dtb "$f" \
		--linux-mem 75% --console none "$@" -o "$out" > /dev/null \
		2> "$work/err2"; then
		echo without
	else
		echo refused
	fi
}

# Where the RAM of a board whose boot loader fills in /memory is assumed to
# be, only to learn what the rest of its tree gives (RAM at 1 GiB, 1 GiB).
GUESS_RAM=0x40000000:0x40000000

# row DTB: one table row.
row() {
	local f=$1 name=${1#"$dtbs"} out=$work/c.c gic uart what pre=''
	case $(try "$f") in
	with) what="config, with the board's console" ;;
	without) what="config, no hypervisor console: $(reason "$work/err")" ;;
	refused)
		if grep -q 'no RAM in the device tree' "$work/err2"; then
			pre="needs \`--ram\` (the boot loader fills in /memory); with \`--ram $GUESS_RAM\`: "
			case $(try "$f" --ram "$GUESS_RAM") in
			with) what="config, with the board's console" ;;
			without) what="config, no hypervisor console: $(reason "$work/err")" ;;
			refused) what="refused: $(reason "$work/err2")" ;;
			esac
		else
			what="refused: $(reason "$work/err2")"
		fi
		;;
	esac
	if [ -f "$out" ]; then
		gic=$(header "$out" GIC | sed 's/ \/.*//')
		uart=$(header "$out" Console | sed 's/ \/.*//')
		printf '| %s | %s | %s | %s | %s%s |\n' "$name" "$(model "$out")" \
			"$gic" "${uart:-—}" "$pre" "$what"
	else
		printf '| %s | | | | %s%s |\n' "$name" "$pre" "$what"
	fi
}

table() {
	local f n=0 ok=0 con=0 ram=0 ramcon=0
	echo "$BEGIN"
	echo
	echo "| device tree | board | GIC | hypervisor console | \`config create\` |"
	echo "|---|---|---|---|---|"
	while read -r f; do
		row "$f"
	done < <(find "$dtbs" -name '*.dtb' | sort) > "$work/rows"
	n=$(wc -l < "$work/rows")
	ok=$(grep -c '| config,' "$work/rows" || true)
	con=$(grep -c "| config, with the board's console |" "$work/rows" || true)
	ram=$(grep -c '| needs `--ram`.*: config,' "$work/rows" || true)
	ramcon=$(grep -c "| needs \`--ram\`.*: config, with the board's console |" "$work/rows" || true)
	cat "$work/rows"
	echo
	echo "$n device trees: $ok get a config as they are, $con of them with the board's own console as the hypervisor's. $ram more get one once the RAM is given, $ramcon of them with the board's console. The other $((n - ok - ram)) are refused, each with its reason."
	echo
	echo "$END"
}

table > "$work/table"
awk -v begin="$BEGIN" -v end="$END" -v table="$work/table" '
	$0 == begin { while ((getline l < table) > 0) print l; skip = 1; next }
	$0 == end { skip = 0; next }
	!skip' "$doc" > "$work/doc"

if [ "${1:-}" = --check ]; then
	if ! cmp -s "$work/doc" "$doc"; then
		echo "docs/boards.md is stale: run scripts/boards.sh" >&2
		diff "$doc" "$work/doc" | head -n 20 >&2
		exit 1
	fi
	exit 0
fi
cp "$work/doc" "$doc"
echo "boards: $(sed -n 's/^\([0-9]* device trees:.*\)$/\1/p' "$work/table")"
