#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# badinput: every bad request fails with a non-zero exit and a message that
# says why, and leaves Linux (and the driver) as it was.
. /usr/share/warden/lib.sh

T=/tmp/badinput
mkdir -p $T

# poke FILE OFFSET OCTAL-ESCAPES: overwrite bytes in place.
poke() {
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}

# peek_hex FILE OFFSET COUNT: the bytes, in file order, as hex digits.
peek_hex() {
	od -An -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'
}

# still_fine: after a refused request Warden is off and Linux runs.
still_fine() {
	warden_is_disabled && linux_ok
}

require "insmod warden.ko" warden_load
check "workload reference" workload_prepare

step "command line usage"
check_fails "warden with no command exits non-zero" "" warden
check_fails "warden with an unknown command" "" warden frobnicate
check "warden with an unknown command exits 2 (usage)" sh -c \
	'warden frobnicate > /dev/null 2>&1; test $? -eq 2'
check_fails "enable with a missing file names the file" "no-such.cell" \
	warden enable $T/no-such.cell

step "corrupted configs"
cp "$SYSTEM_CELL" $T/bad-signature.cell
poke $T/bad-signature.cell 0 'XXXX'
check_fails "enable refuses a config with a bad signature" "" \
	warden enable $T/bad-signature.cell
check "Linux fine, Warden off" still_fine

cp "$SYSTEM_CELL" $T/bad-revision.cell
poke $T/bad-revision.cell 8 '\377\177'
check_fails "enable refuses a config with a bad revision" "" \
	warden enable $T/bad-revision.cell
check "Linux fine, Warden off" still_fine

head -c 100 "$SYSTEM_CELL" > $T/truncated.cell
check_fails "enable refuses a truncated config" "" \
	warden enable $T/truncated.cell
check "Linux fine, Warden off" still_fine

: > $T/empty.cell
check_fails "enable refuses an empty config" "" warden enable $T/empty.cell
check "Linux fine, Warden off" still_fine

# root_cell.num_memory_regions: 16 + 32 + 624 (system header, hypervisor
# memory, platform: config.h's ABI asserts) + 56 (cell descriptor up to
# the counts) = 728
cp "$SYSTEM_CELL" $T/huge-count.cell
poke $T/huge-count.cell 728 '\377\377\377\177'
check_fails "enable refuses a config whose region count overruns it" "" \
	warden enable $T/huge-count.cell
check "Linux fine, Warden off" still_fine

step "hypervisor memory overlapping Linux RAM"
# hypervisor_memory.phys_start and .virt_start: offsets 16 and 24,
# little-endian u64s -> 0x50000000, inside Linux's RAM (0x40000000 + 768 MiB).
AT_0x50000000='\000\000\000\120\000\000\000\000'
cp "$SYSTEM_CELL" $T/overlap.cell
poke $T/overlap.cell 16 "$AT_0x50000000"
poke $T/overlap.cell 24 "$AT_0x50000000"
check_fails "enable refuses hypervisor memory inside Linux RAM" "overlap" \
	warden enable $T/overlap.cell
check "Linux fine, Warden off" still_fine

# The same, but with the root cell's RAM (memory region 0, at offset 776)
# shrunk to end below it, so that the config is consistent in itself and
# only the driver, which knows where Linux's RAM is, can refuse it.
if [ "$(peek_hex "$SYSTEM_CELL" 776 8)" = 0000004000000000 ]; then
	cp $T/overlap.cell $T/overlap-consistent.cell
	poke $T/overlap-consistent.cell 792 '\000\000\000\020\000\000\000\000'
	check_fails "the driver refuses hypervisor memory that Linux uses" \
		"overlap" warden enable $T/overlap-consistent.cell
	check "Linux fine, Warden off" still_fine
else
	# the layout moved (config.h): the offsets above need updating
	check "the root's memory region 0 is at offset 776 (RAM at 0x40000000)" \
		false
fi

step "wrong state"
check_fails "disable when not enabled fails" "" warden disable
check "Linux fine, Warden off" still_fine
check "enable" warden enable "$SYSTEM_CELL"
check_fails "a second enable fails" "" warden enable "$SYSTEM_CELL"
check "Warden still enabled after the refused enable" warden_is_enabled
check "Linux fine under Warden" linux_ok
check "disable" warden disable
check "Linux fine, Warden off" still_fine

step "firmware that is not Warden"
check "rmmod warden" warden_unload
check "insmod warden.ko fw_name=bogus.bin" warden_load fw_name=bogus.bin
check_fails "enable refuses the bogus firmware and names it" "bogus\.bin" \
	warden enable "$SYSTEM_CELL"
check "Linux fine, Warden off" still_fine
check "rmmod warden" warden_unload
check "insmod warden.ko fw_name=no-such.bin" warden_load fw_name=no-such.bin
check_fails "enable with missing firmware names it" "no-such\.bin" \
	warden enable "$SYSTEM_CELL"
check "Linux fine, Warden off" still_fine
check "rmmod warden" warden_unload

step "a good enable still works"
check "insmod warden.ko" warden_load
check "enable" warden enable "$SYSTEM_CELL"
check "sysfs reports Warden enabled" warden_is_enabled
check_v "workload under the hypervisor" workload_run
# 0x0c000000: QEMU virt's platform bus, empty, and in no root config
check_v "the root's faults are reported, at most 10 a second" sh -c '
	c=$1/console
	before=$(grep -c "cell \"root\": data abort" $c)
	t0=$(date +%s)
	i=0
	while [ $i -lt 200 ]; do
		devmem 0x0c000000 32 > /dev/null
		i=$((i + 1))
	done
	sleep 1.2
	devmem 0x0c000000 32
	secs=$(($(date +%s) - t0 + 1))
	n=$(($(grep -c "cell \"root\": data abort" $c) - before))
	grep "cell \"root\": data abort" $c | tail -n 1
	grep -o "([0-9]* more faults of the root cell not shown)" $c | tail -n 1
	echo "$n lines for 201 faults in about $secs s"
	[ $n -ge 1 ] && [ $n -le $((10 * secs)) ] &&
		grep -q "([0-9]* more faults of the root cell not shown)" $c' \
	sh "$WARDEN_SYSFS"
check "Linux fine under Warden after the faults" linux_ok
check "disable" warden disable
check_v "workload after disable" workload_run
check "rmmod warden" warden_unload
finish
