#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The hypervisor's size against its promise (docs/architecture.md): the
# hypervisor, hypervisor/ (core, arm64 and their headers), stays below
# 10,000 lines, counted the strictest way: every line of every .c, .h and
# .S file, blank lines and comments included (wc -l).  Also printed, not
# limited: its code lines (neither blank nor only comment), and those of
# the config validator in lib/ that the firmware links in as well.
#
# Usage: tests/static/size.sh      (exit 1 over the limit)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
LIMIT=10000

files() { find "$top/$1" -name '*.[chS]' | sort; }

# code lines: not blank and not only comment (/* */ and // stripped)
code_lines() {
	python3 -c '
import re, sys
n = 0
for path in sys.argv[1:]:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"),
                  open(path).read(), flags=re.S)
    n += sum(1 for l in text.split("\n") if re.sub(r"//.*", "", l).strip())
print(n)' "$@"
}

mapfile -t hyp < <(files hypervisor)
mapfile -t lib < <(ls "$top"/lib/config-check*.[ch])
total=$(cat "${hyp[@]}" | wc -l)
code=$(code_lines "${hyp[@]}")
libcode=$(code_lines "${lib[@]}")

echo "hypervisor/: ${#hyp[@]} files, $total lines, $code of them code"
echo "lib/config-check* (linked into the firmware too): $libcode code lines"
for d in core arch/arm64 include; do
	mapfile -t f < <(files "hypervisor/$d")
	echo "  hypervisor/$d: $(cat "${f[@]}" | wc -l) lines"
done
if [ "$total" -ge "$LIMIT" ]; then
	echo "size: hypervisor/ has $total lines, not below $LIMIT: make room before adding"
	exit 1
fi
echo "size: hypervisor/ $total lines (limit $LIMIT), $code code lines"
