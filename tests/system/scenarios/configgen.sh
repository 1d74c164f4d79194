#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# configgen: `warden config create` on the running stock kernel (issue 7).
# The guest has no C compiler, so the generated source goes to the serial
# log, each line prefixed "[gen] "; tests/system/hooks/configgen.sh builds
# it on the host, compares it with the hand-written config and boots again
# to run the cells and twocells scenarios on it.
# Then `warden config cell-create` writes gic-demo's cell config the same
# way ("[cell] "), which the second boot uses instead of the shipped one.
# machines: virt zcu102
# expect-serial: ^\[gen\] #include <warden/config.h>$
# expect-serial: ^\[gen\] };$
# expect-serial: ^\[cell\] 		.name = "gic-demo",$
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
# (both machines have 2^31 bytes at the top of their RAM: virt 1 GiB from
# 0x40000000, the ZCU102 2 GiB from 0)
check_v "the hypervisor at the top of the RAM mem=$LINUX_MEM leaves free" \
	generated ".phys_start = 0x7fc00000,"
check_v "the console is the UART Linux prints on ($UART_DRIVER)" \
	generated ".uart_base = $UART_BASE,"
check_v "the SPIs Linux drives are named: the UART's is $UART_SPI" \
	generated "$UART_SPI ($UART_DRIVER)"
check "an existing file is replaced whole: no temporary left" \
	sh -c "! ls $OUT.tmp"

step "what it refuses"
check_fails "a missing DTB is an error" "nonexistent.dtb: No such file" \
	warden config create --dtb /nonexistent.dtb --linux-mem $LINUX_MEM
check_fails "--dtb without --linux-mem is a usage error" "needs --linux-mem" \
	warden config create --dtb /sys/firmware/fdt
check_fails "no room for the hypervisor: said, nothing written" \
	"no 0x40000000 bytes of RAM that Linux leaves free" \
	sh -c "warden config create --hv-mem 1G -o /tmp/big.c; \
		r=\$?; [ -e /tmp/big.c ] && exit 0; exit \$r"

step "a cell config for gic-demo"
CELL_OUT=/tmp/gic-demo.c
require "warden config cell-create: gic-demo on CPU 2, 1 MiB of free RAM" \
	warden config cell-create --system "$SYSTEM_CELL" --name gic-demo \
	--cpus 2 --console -o "$CELL_OUT"
# the first phys_start is the RAM's: from INMATE_RAM up to the hypervisor
check_v "its RAM is out of Linux's (mem=$LINUX_MEM) and the hypervisor's" sh -c "
	a=\$(grep -m 1 -oE 'phys_start = 0x[0-9a-f]+,' $CELL_OUT | grep -oE '0x[0-9a-f]+')
	echo \"RAM at \$a\"; [ \$((a)) -ge \$(($INMATE_RAM)) ] && [ \$((a)) -lt \$((0x7fc00000)) ]"
check_v "an IRQ that Linux drives is pointed out (the UART's)" sh -c "
	warden config cell-create --system $SYSTEM_CELL --name irq --cpus 3 \
		--irqs $UART_SPI -o /tmp/irq.c 2>&1 | grep 'INTID $UART_SPI is Linux.s now ($UART_DRIVER)'"
check_fails "a cell that would leave the root no CPU is refused" \
	"would leave the root cell without CPUs" \
	warden config cell-create --system "$SYSTEM_CELL" --name all \
	--cpus 0-3
check_fails "a device that is not there is refused" "no such node" \
	warden config cell-create --system "$SYSTEM_CELL" --name dev \
	--cpus 3 --devices /nonexistent

step "the sources, for the host"
# one line each, prefixed, so that the host can take them out of the log
while IFS= read -r line; do
	echo "[gen] $line"
done < "$OUT"
while IFS= read -r line; do
	echo "[cell] $line"
done < "$CELL_OUT"
finish
