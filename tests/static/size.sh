#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The hypervisor's size against its promise (docs/architecture.md): the
# hypervisor, core and arm64 (hypervisor/, with their headers), stays well
# below 10,000 lines of code.  Lines of code are counted as a reviewer or
# an assessor counts them: every line of a .c, .h or .S file that is
# neither blank nor only comment (the comments that cite the ARM ARM and
# the GIC spec are the style's, not code).  The limit, LIMIT, keeps a
# margin below 10,000, so that a feature that would eat it has to make
# room first.  Also printed, not limited: every line (wc -l), and the code
# lines of the config validator in lib/, which the firmware links in too.
#
# Usage: tests/static/size.sh      (exit 1 over the limit)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
LIMIT=8500

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
	echo "  hypervisor/$d: $(code_lines "${f[@]}") lines of code"
done
if [ "$code" -gt "$LIMIT" ]; then
	echo "size: hypervisor/ has $code lines of code, over $LIMIT: make room before adding"
	exit 1
fi
echo "size: hypervisor/ $code lines of code (limit $LIMIT), $total in all"
