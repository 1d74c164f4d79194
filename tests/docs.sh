#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The man pages and the guides, on the host (issue 21); one PASS or FAIL
# line per test, as tests/run.sh counts them:
#   man/build             `make man` builds the three pages
#   man/groff/<page>      `groff -ww -man -Tutf8` prints no warning
#   man/commands          every command of `warden --help` has its section
#                         in warden(8), with every option its --help lists
#   man/link-ping         every option of warden-link-ping's getopt string
#                         is in warden-link-ping(1)
#   docs/config-fields    docs/config-reference.md documents every field of
#                         every struct of include/warden/config.h under its
#                         struct, every flag and UART type, and nothing else;
#                         the sizes it states are the _Static_assert's
#   docs/config-example   the reference's example config builds and passes
#                         `config check` against the reference machine's
#   docs/inmate-oot       docs/inmates.md's out-of-tree Makefile and hello.c,
#                         exactly as written there, build an inmate linked
#                         at the cell's RAM
#   docs/links            every relative link of README.md and docs/*.md
#                         names a file of the tree
#   docs/no-design        no file of the tree points at ../shared/DESIGN.md
#                         or its sections (but a known list, not ours)
#   docs/readme           README.md is a front page: the two commands, a
#                         figure of docs/benchmarks.md, the guides linked
#   docs/guide-blocks     every sh block of docs/getting-started.md is
#                         marked guest or board, and the guest ones are
#                         exactly the lines that the system scenario `guide`
#                         (tests/system/scenarios/guide.sh) runs in QEMU
#
# Usage: tests/docs.sh   (needs `make tools`: build/tools/warden-host)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${WARDEN_BUILD:-$top/build}
W=$build/tools/warden-host
man=$build/man
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# verdict NAME WHY: PASS if WHY is empty, else FAIL with it.
verdict() {
	if [ -z "$2" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1: $2"
		failed=1
	fi
}

# --- the man pages ------------------------------------------------------------

why=
make -s -C "$top" --no-print-directory man > "$tmp/make.log" 2>&1 ||
	why="make man failed: $(tail -n 3 "$tmp/make.log" | tr '\n' ' ')"
for p in warden.8 warden-config.5 warden-link-ping.1; do
	[ -s "$man/$p" ] || why+=" no $p;"
done
verdict "man/build" "$why"

for p in warden.8 warden-config.5 warden-link-ping.1; do
	why=
	if [ ! -s "$man/$p" ]; then
		why="not built"
	elif ! groff -ww -man -Tutf8 "$man/$p" > /dev/null 2> "$tmp/groff"; then
		why="groff failed"
	elif [ -s "$tmp/groff" ]; then
		why="warnings: $(head -n 5 "$tmp/groff" | tr '\n' ' ')"
	fi
	verdict "man/groff/$p" "$why"
done

# Each command of `warden --help` has a section (.SS "<words>") in
# warden.8, and each option that its --help lists is in that section's
# list of options.
why=
n=0
"$W" --help > "$tmp/help"
while read -r line; do
	words=()
	for w in $(echo "$line" | sed -E 's/ {2,}.*//'); do
		[[ $w =~ ^[a-z][a-z-]*$ ]] || break
		words+=("$w")
	done
	[ ${#words[@]} -gt 0 ] || continue
	n=$((n + 1))
	title=$(printf '%s ' "${words[@]}" | sed 's/ $//; s/-/\\\\-/g')
	# the section: from its .SS to the next .SS or .SH
	awk -v t=".SS \"$title\"" '$0 == t { on = 1; next }
		on && /^\.S[SH] / { exit } on' "$man/warden.8" > "$tmp/section" 2> /dev/null
	if [ ! -s "$tmp/section" ]; then
		why+=" '${words[*]}' has no section;"
		continue
	fi
	for o in $("$W" "${words[@]}" --help | sed -n '/^Options:/,/^$/p' |
		grep -oE '^  -[^ ]+' | tr '|' '\n' | tr -d ' '); do
		# in an option's tag: the line after a .TP
		awk 'p { print } { p = ($0 == ".TP") }' "$tmp/section" |
			grep -qF -- "$(echo "$o" | sed 's/-/\\-/g')" ||
			why+=" '${words[*]}' lacks $o;"
	done
done < <(sed -n '/^Commands:/,/^$/p' "$tmp/help" | grep -E '^  [a-z]')
[ $n -gt 0 ] || why="no commands in warden --help"
verdict "man/commands ($n commands)" "$why"

why=
opts=$(sed -n 's/.*getopt(argc, argv, "\([^"]*\)").*/\1/p' "$top/tools/link-ping.c" | tr -d ':' | fold -w1)
[ -n "$opts" ] || why="no getopt string in tools/link-ping.c"
for o in $opts; do
	grep -qF -- "\\-$o" "$man/warden-link-ping.1" 2> /dev/null || why+=" lacks -$o;"
done
verdict "man/link-ping" "$why"

# --- the config reference -------------------------------------------------------

why=$(python3 - "$top/include/warden/config.h" "$top/docs/config-reference.md" <<'EOF'
import re, sys
hdr = open(sys.argv[1]).read()
ref = open(sys.argv[2]).read()
# drop comments, so that only declarations remain
code = re.sub(r"/\*.*?\*/", "", hdr, flags=re.S)
code = re.sub(r"//[^\n]*", "", code)
problems = []
structs = {}
for m in re.finditer(r"struct (warden_\w+) \{(.*?)\} WARDEN_PACKED;", code, re.S):
    fields = re.findall(r"(\w+)(?:\[[^\]]*\])?;", m.group(2))
    structs[m.group(1)] = fields
sizes = {}
for m in re.finditer(r"_Static_assert\(sizeof\(struct (\w+)\) == ([0-9+ ]+),", code):
    sizes[m.group(1)] = eval(m.group(2))
if not structs:
    problems.append("no structs found in config.h")
# the reference's sections: "### `struct NAME`" up to the next heading
sections = {}
for m in re.finditer(r"^### `struct (\w+)`\n(.*?)(?=^#)", ref, re.S | re.M):
    sections[m.group(1)] = m.group(2)
for s, fields in structs.items():
    sec = sections.get(s)
    if sec is None:
        problems.append("struct %s has no section" % s)
        continue
    documented = re.findall(r"^- \*\*`(\w+)`\*\*", sec, re.M)
    for f in fields:
        if f not in documented:
            problems.append("%s.%s undocumented" % (s, f))
    for f in documented:
        if f not in fields:
            problems.append("%s.%s documented, not in config.h" % (s, f))
    said = re.search(r"(\d+) bytes", sec)
    if s in sizes and (not said or int(said.group(1)) != sizes[s]):
        problems.append("%s: says %s bytes, config.h %d" % (s, said.group(1) if said else "no", sizes[s]))
for s in sections:
    if s not in structs:
        problems.append("section for struct %s, not in config.h" % s)
# flags, UART types and the other constants, with their values
consts = dict(re.findall(r"^#define (WARDEN_\w+) (\S+)", code, re.M))
consts.pop("WARDEN_CONFIG_H", None)
entries = dict(re.findall(r"^- \*\*`(WARDEN_\w+)`\*\*(?: \(([^)]*)\))?", ref, re.M))
for c, v in consts.items():
    if c not in entries:
        problems.append("%s undocumented" % c)
    elif entries[c] and int(entries[c], 0) != int(v.rstrip("uUlL"), 0):
        problems.append("%s is %s, the reference says %s" % (c, v, entries[c]))
for c in entries:
    if c not in consts:
        problems.append("%s documented, not in config.h" % c)
print("; ".join(problems))
EOF
)
n=$(grep -cE '^- \*\*`' "$top/docs/config-reference.md")
verdict "docs/config-fields ($n entries)" "$why"

why=
awk '/^## Example/ { on = 1 } on && /^```$/ { n++; next } on && n == 1' \
	"$top/docs/config-reference.md" > "$tmp/example.c"
if [ ! -s "$tmp/example.c" ]; then
	why="no example in docs/config-reference.md"
elif ! (cd "$tmp" && WARDEN_INCLUDE=$top/include "$W" config build \
	-o example.cell example.c) > "$tmp/ex.log" 2>&1; then
	why="config build: $(tail -n 3 "$tmp/ex.log" | tr '\n' ' ')"
elif ! "$W" config check "$build/configs/qemu-arm64-gicv3.cell" \
	"$tmp/example.cell" > "$tmp/ex.log" 2>&1; then
	why="config check: $(tail -n 3 "$tmp/ex.log" | tr '\n' ' ')"
fi
verdict "docs/config-example" "$why"

# --- writing inmates: out of the tree ----------------------------------------

# block FILE TAG: the fenced block after the line "<!-- test: TAG -->".
block() {
	awk -v t="<!-- test: $2 -->" '$0 == t { on = 1; next }
		on && /^```/ { n++; if (n == 2) exit; next } on && n == 1' "$1"
}

why=
mkdir -p "$tmp/oot"
block "$top/docs/inmates.md" "oot Makefile" > "$tmp/oot/Makefile"
block "$top/docs/inmates.md" "oot hello.c" > "$tmp/oot/hello.c"
if [ ! -s "$tmp/oot/Makefile" ] || [ ! -s "$tmp/oot/hello.c" ]; then
	why="docs/inmates.md lacks its marked Makefile or hello.c"
elif ! make -s -C "$tmp/oot" WARDEN="$top" > "$tmp/oot.log" 2>&1; then
	why="make failed: $(grep -m 3 -E 'error|Error' "$tmp/oot.log" | tr '\n' ' ')"
elif [ ! -s "$tmp/oot/hello.bin" ]; then
	why="no hello.bin"
elif ! "${CROSS_COMPILE:-aarch64-linux-gnu-}readelf" -h "$tmp/oot/hello.elf" |
	grep -q 'Entry point address: *0x40000000$'; then
	why="hello.elf does not start at 0x40000000"
fi
verdict "docs/inmate-oot" "$why"

# --- getting started: the guest blocks are the scenario's --------------------

# Every sh block of the guide is marked guest (run in QEMU by the system
# scenario `guide`, which holds them in guide_blocks) or board (with the
# reason in the text); the scenario's lines are exactly the guest blocks'.
why=
g=$top/docs/getting-started.md
unmarked=$(awk '/^```sh/ && prev !~ /^<!-- test: (guest|board) -->$/ { n++ } { prev = $0 } END { print n + 0 }' "$g")
[ "$unmarked" -eq 0 ] || why+=" $unmarked sh blocks without a test mark;"
awk '$0 == "<!-- test: guest -->" { on = 1; if (n++) print "# ---"; next }
	on && /^```sh/ { next } on && /^```/ { on = 0; next } on' "$g" > "$tmp/guide-md"
sed -n "/^\tcat << 'GUIDE'\$/,/^GUIDE\$/p" "$top/tests/system/scenarios/guide.sh" |
	sed '1d; $d' > "$tmp/guide-scenario"
if [ ! -s "$tmp/guide-md" ]; then
	why+=" no guest blocks in the guide;"
elif ! diff -u "$tmp/guide-scenario" "$tmp/guide-md" > "$tmp/guide.diff"; then
	why+=" tests/system/scenarios/guide.sh differs from the guide: $(grep -E '^[-+][^-+]' "$tmp/guide.diff" | head -n 4 | tr '\n' ' ')"
fi
grep -qx 'guide' "$top/tests/system/scenarios.list" || why+=" guide is not in scenarios.list;"
verdict "docs/guide-blocks ($(grep -c . "$tmp/guide-md") lines)" "$why"

# --- links and pointers ---------------------------------------------------------

why=
for f in "$top"/README.md "$top"/docs/*.md; do
	dir=$(dirname "$f")
	while read -r target; do
		target=${target%%#*}
		[ -n "$target" ] || continue
		[ -e "$dir/$target" ] && continue
		# docs/install.md is the packaging's (issue 21, its own
		# branch); until that lands, a link to it is expected
		case "$dir/$target" in */docs/install.md) continue ;; esac
		why+=" ${f#"$top"/} -> $target;"
	done < <(grep -oE '\]\([^)#:]+(#[^)]*)?\)' "$f" | sed -E 's/^\]\(//; s/\)$//')
done
verdict "docs/links" "$why"

# The design is docs/architecture.md: no file may point at a design outside
# the tree.  design_left names files allowed to, for a while (each must
# still do so, or the test fails); none are left.
design_left=()
why=
while read -r f; do
	[[ " ${design_left[*]} " == *" $f "* ]] || why+=" $f;"
done < <(cd "$top" && git grep -lE 'shared/DESIGN\.md|DESIGN (§|section)' -- . ':!tests/docs.sh' 2> /dev/null)
for f in "${design_left[@]}"; do
	grep -qE 'DESIGN (§|section)' "$top/$f" 2> /dev/null ||
		why+=" $f no longer cites DESIGN: drop it from design_left;"
done
verdict "docs/no-design" "${why:+still pointing at the design outside the tree:$why}"

why=
r=$top/README.md
grep -qE '^make demo( |$)' "$r" || why+=" no 'make demo' command;"
grep -qE '^make test( |$)' "$r" || why+=" no 'make test' command;"
for g in getting-started install porting inmates config-reference architecture \
	boards benchmarks isolation links linux-cells; do
	grep -q "(docs/$g.md)" "$r" || why+=" no link to docs/$g.md;"
done
# the figure: a number of the README's that docs/benchmarks.md gives too
fig=$(sed -n 's/.*<!-- figure: \(.*\) -->.*/\1/p' "$r")
if [ -z "$fig" ]; then
	why+=" no marked figure;"
elif ! grep -qF -- "$fig" "$top/docs/benchmarks.md"; then
	why+=" its figure '$fig' is not in docs/benchmarks.md;"
fi
[ "$(wc -l < "$r")" -le 80 ] || why+=" $(wc -l < "$r") lines, more than a front page's 80;"
verdict "docs/readme" "$why"

exit $failed
