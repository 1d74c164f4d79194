#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# warden-service (what warden.service runs) on the host, against a fake
# warden command that keeps the state a real one would leave in sysfs
# (enabled, cells/<id>/name), logs each call, and fails the call that
# $FAKE_FAIL names.  One PASS/FAIL line per case; run by tests/packaging.sh
# with the packaged helper.
#
# Usage: tests/service.sh [HELPER]   (default: tools/warden-service)
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
helper=${1:-$top/tools/warden-service}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$helper" ] || { echo "FAIL packaging/service: $helper is not an executable"; exit 1; }

# The fake CLI: the subset of warden that the helper uses.
cat > "$tmp/warden" << 'EOF'
#!/usr/bin/env bash
set -euo pipefail
s=$WARDEN_SYSFS
echo "warden $*" >> "$FAKE_LOG"
if [ -n "${FAKE_FAIL:-}" ] && [[ "warden $*" == $FAKE_FAIL ]]; then
	echo "warden: $* failed: fake error" >&2
	exit 1
fi
case "$1 ${2:-}" in
"enable "*)
	[ "$(cat "$s/enabled")" = 0 ] || { echo "already enabled" >&2; exit 1; }
	echo 1 > "$s/enabled"
	mkdir -p "$s/cells/0"; echo root > "$s/cells/0/name" ;;
"disable ")
	for d in "$s"/cells/*; do
		[ "$(cat "$d/name")" = root ] || { echo "cells left" >&2; exit 1; }
	done
	echo 0 > "$s/enabled"; rm -rf "$s/cells" ;;
"cell create")
	id=$(($(ls "$s/cells" | sort -n | tail -n 1) + 1))
	name=$(basename "$3" .cell)
	mkdir "$s/cells/$id"; echo "$name" > "$s/cells/$id/name"
	echo "warden: created cell \"$name\" (id $id)" ;;
"cell load" | "cell start") [ -d "$s/cells/$3" ] ;;
"cell destroy")
	id=${!#}
	[ -d "$s/cells/$id" ] && rm -rf "$s/cells/$id" ;;
*) echo "fake warden: unexpected: $*" >&2; exit 2 ;;
esac
EOF
chmod +x "$tmp/warden"

# setup: a fresh /etc/warden with system.cell, two cells and their images.
setup() {
	rm -rf "${tmp:?}/etc" "${tmp:?}/sys" "${tmp:?}/log"
	mkdir -p "$tmp/etc/img" "$tmp/sys"
	touch "$tmp/etc/system.cell" "$tmp/etc/a.cell" "$tmp/etc/b.cell" \
		"$tmp/etc/img/a.bin" "$tmp/etc/img/b.bin" "$tmp/etc/img/data"
	cat > "$tmp/etc/cells" <<- EOF
		# a comment, then a blank line

		a.cell  img/a.bin   # the first cell
		$tmp/etc/b.cell img/b.bin img/data@0x40100000
	EOF
	echo 0 > "$tmp/sys/enabled"
	: > "$tmp/log"
}

# run ACTION: the helper with the fake; its output in $tmp/out, the fake's
# calls in $tmp/log.
run() {
	WARDEN=$tmp/warden WARDEN_ETC=$tmp/etc WARDEN_SYSFS=$tmp/sys \
		WARDEN_MODPROBE="$tmp/modprobe" FAKE_LOG=$tmp/log \
		"$helper" "$1" > "$tmp/out" 2>&1
}
# fake_modprobe [LINES...]: the module loader logs its call, then runs
# LINES (shell).
fake_modprobe() {
	{
		echo '#!/bin/sh'
		# shellcheck disable=SC2016 # expanded by the fake
		echo 'echo modprobe >> "$FAKE_LOG"'
		printf '%s\n' "$@"
	} > "$tmp/modprobe"
	chmod +x "$tmp/modprobe"
}
# here the sysfs directory exists, as if the module were loaded
fake_modprobe

# verdict NAME RC WANT_RC WANT_LOG [WANT_OUT_RE...]: one line; $also, if
# set, is a reason to fail found by the caller.
also=
verdict() {
	local name=$1 rc=$2 want_rc=$3 want_log=$4 re
	local why=$also
	shift 4
	also=
	[ "$rc" = "$want_rc" ] || why+=" exit status $rc, want $want_rc;"
	[ "$(cat "$tmp/log")" = "$want_log" ] || why+=" wrong calls;"
	for re in "$@"; do
		grep -qE "$re" "$tmp/out" || why+=" no /$re/ in the output;"
	done
	if [ -z "$why" ]; then
		echo "PASS packaging/service/$name"
	else
		echo "FAIL packaging/service/$name:$why"
		{
			echo "calls:"
			sed 's/^/  /' "$tmp/log"
			echo "want:"
			printf '%s\n' "$want_log" | sed 's/^/  /'
			echo "output:"
			sed 's/^/  /' "$tmp/out"
		} | sed 's/^/    | /'
	fi
}

E=$tmp/etc
start_calls="warden enable $E/system.cell
warden cell create $E/a.cell
warden cell load 1 $E/img/a.bin
warden cell start 1
warden cell create $E/b.cell
warden cell load 2 $E/img/b.bin $E/img/data@0x40100000
warden cell start 2"

setup
run start
verdict start $? 0 "$start_calls" 'enabled with .*2 cell'

# stop after start: newest cell first, then disable
: > "$tmp/log"
run stop
verdict stop $? 0 "warden cell destroy 2
warden cell destroy 1
warden disable" 'Warden disabled'

# stop when not enabled: nothing
setup
run stop
verdict stop-not-enabled $? 0 "" 'not enabled'

# a cell that will not shut down is forced
setup
run start
: > "$tmp/log"
FAKE_FAIL='warden cell destroy 1' run stop
verdict stop-force $? 0 "warden cell destroy 2
warden cell destroy 1
warden cell destroy --force 1
warden disable" 'forcing'

# the module not loaded yet: modprobe first
setup
rm -rf "$tmp/sys"
fake_modprobe "mkdir -p '$tmp/sys'" "echo 0 > '$tmp/sys/enabled'"
run start
verdict modprobe $? 0 "modprobe
$start_calls"
fake_modprobe "exit 1"
setup
rm -rf "$tmp/sys"
run start
verdict modprobe-fails $? 1 "modprobe" 'cannot load the warden module.*Linux keeps running'
fake_modprobe

# enable fails: no cell touched, Linux keeps running, the reason logged
setup
FAKE_FAIL='warden enable *' run start
verdict enable-fails $? 1 "warden enable $E/system.cell" \
	'fake error' 'enable .* failed.*Linux keeps running'

# the second cell fails to load: both cells destroyed, Warden disabled
setup
FAKE_FAIL='warden cell load 2 *' run start
rc=$?
[ "$(cat "$tmp/sys/enabled")" = 0 ] || also=" Warden left enabled;"
verdict cell-fails $rc 1 "warden enable $E/system.cell
warden cell create $E/a.cell
warden cell load 1 $E/img/a.bin
warden cell start 1
warden cell create $E/b.cell
warden cell load 2 $E/img/b.bin $E/img/data@0x40100000
warden cell destroy 2
warden cell destroy 1
warden disable" 'cells:4:.*cell load 2.*failed' 'fake error'

# a missing image: refused before anything is enabled
setup
rm "$tmp/etc/img/b.bin"
run start
verdict missing-image $? 1 "" 'cells:4: image .*b.bin does not exist'

# no system config: nothing done
setup
rm "$tmp/etc/system.cell"
run start
verdict no-system-cell $? 1 "" 'no system config'

# no cells file: enable only
setup
rm "$tmp/etc/cells"
run start
verdict no-cells-file $? 0 "warden enable $E/system.cell" '0 cell'

# check: the commands, nothing run
setup
run check
verdict check $? 0 "" "cell load <id> $E/img/b.bin $E/img/data@0x40100000"
