#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# sysreset: a root that resets or powers off the machine without its reboot
# notifiers (a panic, SysRq-B) reaches the hypervisor with PSCI
# SYSTEM_RESET, SYSTEM_OFF or SYSTEM_RESET2 while cells run.  Never
# silently: every cell is named on the console with its fate.
#   1. System config with refuse-root-reset (WARDEN_SYS_REFUSE_ROOT_RESET):
#      each call is refused (DENIED) while a cell runs, and the cell goes
#      on.  The calls come from the driver's test ioctl (test_fuzz=1).
#   2. The shipped config: SysRq-B resets the machine; the hypervisor
#      names the cell that stops with it first.
# boot: own
# expect-serial: \[warden\] root cell calls PSCI SYSTEM_RESET: refused, 1 inmate cell running \(system config: refuse-root-reset\)
# expect-serial: \[warden\]   cell "gic-demo" \(id 1, running\) runs on
# expect-serial: \[warden\] root cell calls PSCI SYSTEM_RESET: the machine goes down with 1 inmate cell
# expect-serial: \[warden\]   cell "gic-demo" \(id 1, running\) stops with the machine
. /usr/share/warden/lib.sh

REFUSE=/etc/warden/qemu-arm64-gicv$WARDEN_GIC-refuse-reset.cell

# refused NAME FID: the root's call returns PSCI DENIED (-3).
denied() {
	_r=$(warden-fuzz call smc "$2") || return 1
	echo "$1 returned $_r"
	[ "$_r" = -3 ]
}

require "insmod warden.ko test_fuzz=1" warden_load test_fuzz=1

step "refuse-root-reset: the root may not take running cells down"
require "warden enable (refuse-root-reset)" warden enable "$REFUSE"
check_v "config show names the flag" sh -c \
	"warden config show $REFUSE | grep 'refuse-root-reset'"
require "gic-demo up on CPU 2" cell_up gic-demo
check_v "gic-demo reports" cell_wait_for gic-demo "timer latency" 15
check_v "SYSTEM_RESET (SMC32) refused" denied SYSTEM_RESET 0x84000009
check_v "SYSTEM_OFF (SMC32) refused" denied SYSTEM_OFF 0x84000008
check_v "SYSTEM_RESET2 (SMC64) refused" denied SYSTEM_RESET2 0xc4000012
check_v "the hypervisor named gic-demo each time" sh -c "
	grep -c 'cell \"gic-demo\" (id 1, running) runs on' $WARDEN_SYSFS/console |
		awk '{ print \$1 \" lines\"; exit !(\$1 >= 3) }'"
check_v "gic-demo runs on, and keeps its rhythm" cell_steady gic-demo "timer latency" 3
check_v "Linux keeps its CPUs (gic-demo has CPU 2)" cpus_online_are "0 1 3"
check_v "destroy gic-demo" warden cell destroy gic-demo
check_v "warden disable" warden disable

step "the shipped config: SysRq-B takes the machine down, naming the cell"
require "warden enable" warden enable "$SYSTEM_CELL"
require "gic-demo up on CPU 2" cell_up gic-demo
check_v "gic-demo reports" cell_wait_for gic-demo "timer latency" 15
finish_then sh -c 'echo b > /proc/sysrq-trigger'
