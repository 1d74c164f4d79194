#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# configgen: `warden config create` on the running stock kernel (issue 7).
# The guest has no C compiler, so the generated source goes to the serial
# log, each line prefixed "[gen] "; tests/system/hooks/configgen.sh builds
# it on the host, compares it with the hand-written config and boots again
# to run the cells and twocells scenarios on it.
# expect-serial: ^\[gen\] #include <warden/config.h>$
# expect-serial: ^\[gen\] };$
. /usr/share/warden/lib.sh

OUT=/tmp/system.c

# generated TEXT: the generated source has a line with TEXT.
generated() {
	grep -F -- "$1" "$OUT"
}

step "generate"
require "warden config create -o $OUT (from /sys/firmware/fdt, /proc/iomem)" \
	warden config create -o "$OUT"
check_v "the GIC is this machine's (GICv$WARDEN_GIC)" \
	generated ".gic_version = WARDEN_GIC_V$WARDEN_GIC,"
check_v "all 4 CPUs" generated ".num_cpus = 4,"
check_v "the hypervisor at the top of the RAM mem=768M leaves free" \
	generated ".phys_start = 0x7fc00000,"
check_v "the console is the PL011 Linux prints on" \
	generated ".uart_base = 0x9000000,"
check "an existing file is replaced whole: no temporary left" \
	sh -c "! ls $OUT.tmp"

step "what it refuses"
check_fails "a missing DTB is an error" "nonexistent.dtb: No such file" \
	warden config create --dtb /nonexistent.dtb --linux-mem 768M
check_fails "--dtb without --linux-mem is a usage error" "needs --linux-mem" \
	warden config create --dtb /sys/firmware/fdt
check_fails "no room for the hypervisor: said, nothing written" \
	"no 0x40000000 bytes of RAM that Linux leaves free" \
	sh -c "warden config create --hv-mem 1G -o /tmp/big.c; \
		r=\$?; [ -e /tmp/big.c ] && exit 0; exit \$r"

step "the source, for the host"
# one line each, prefixed, so that the host can take it out of the log
while IFS= read -r line; do
	echo "[gen] $line"
done < "$OUT"
finish
