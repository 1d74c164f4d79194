#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# MISRA C:2012 with cppcheck's misra addon over the hypervisor (core/,
# arch/arm64/) and lib/, with the headers they include.  Every finding is
# either fixed or a deviation: its rule has a row in docs/misra.md (what
# the rule asks, in our words, and why we deviate), and
# tests/misra-baseline.txt holds how many findings of each rule each file
# may have.  A file with more findings of a rule than that, or a rule with
# no row, fails, and the findings are printed.  tests/run.sh runs it in
# its static phase; `make lint` runs it alone.
#
# Without MISRA's rule texts (which are not free), the addon names rules
# by number only.
#
# Usage: tests/static/misra.sh [--update]
#   --update  rewrite the baseline from the current findings (and the
#             counts in docs/misra.md); review the diff before committing.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${WARDEN_BUILD:-$top/build}
cd "$top" || exit 1

update=
case "${1:-}" in
--update) update=--update ;;
"") ;;
*) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

command -v cppcheck > /dev/null || { echo "misra: cppcheck not installed"; exit 1; }
command -v python3 > /dev/null || { echo "misra: python3 not installed"; exit 1; }

# The hypervisor's C, as hypervisor/build.mk builds it (lib/ included).
mapfile -t srcs < <(
	if git rev-parse --git-dir > /dev/null 2>&1; then
		git ls-files -co --exclude-standard -- hypervisor lib
	else
		find hypervisor lib -name '*.c'
	fi | grep -E '^(hypervisor/(core|arch/arm64)|lib)/[^/]*\.c$' |
		LC_ALL=C sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done)

out=$build/misra
mkdir -p "$out/cache"
findings=$out/findings.txt

# The configuration tests/run.sh gives cppcheck for this code: aarch64,
# GNU C.  The build directory keeps results of unchanged files.
cppcheck --addon=misra --quiet --std=c11 --language=c --platform=unix64 \
	-D__GNUC__=12 -D__aarch64__ \
	-I include -I lib -I hypervisor/include -I hypervisor/arch/arm64/include \
	--cppcheck-build-dir="$out/cache" \
	--template='{file}:{line}: {severity}: {message} [{id}]' \
	"${srcs[@]}" > "$out/cppcheck.log" 2>&1
rc=$?
grep -E '\[misra-c2012-[0-9.]+\]$' "$out/cppcheck.log" | LC_ALL=C sort -t: -k1,1 -k2,2n > "$findings"
# Anything else from the addon (a crash, a parse failure) is a failure:
# its findings would be missing.
if [ $rc -ne 0 ] || grep -qiE 'addon|traceback|bailing|syntaxError' \
	<(grep -vE '\[misra-c2012-[0-9.]+\]$' "$out/cppcheck.log"); then
	echo "misra: cppcheck or its addon failed (rc=$rc); see ${out#"$top"/}/cppcheck.log"
	grep -vE '\[misra-c2012-[0-9.]+\]$' "$out/cppcheck.log" | head -n 20
	exit 1
fi

python3 tests/static/misra-baseline.py "$findings" tests/misra-baseline.txt \
	docs/misra.md $update
rc=$?
n=$(wc -l < "$findings")
if [ $rc -eq 0 ]; then
	echo "misra: ${#srcs[@]} files, $n findings, all listed deviations (${findings#"$top"/})"
else
	echo "misra: ${#srcs[@]} files, $n findings, some beyond tests/misra-baseline.txt or docs/misra.md (${findings#"$top"/})"
fi
exit $rc
