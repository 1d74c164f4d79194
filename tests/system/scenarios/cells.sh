#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cells: the whole life of one inmate cell (gic-demo on CPU 2): create,
# load, start, its output through `warden cell console` and on the serial
# log, list, stats, an approved shutdown, destroy, disable.  Afterwards the
# root cell has every CPU and the hypervisor's pool is as before.  The
# --json forms of `cell list`, `status` and `config show` are checked with
# json-check (tests/system/json-check.c): strict syntax, and the values.
# The cell's first line is checked in its console ring ("its first line"):
# on the serial log it comes out while Linux and the shell report the start
# on the same UART, and the writers' characters may interleave.  Its later
# lines show the serial prefix.
# machines: virt zcu102
# expect-serial: ^\[gic-demo\] gic-demo: timer latency min [0-9]+ ns, avg [0-9]+ ns, max [0-9]+ ns
# expect-serial: ^\[warden\] cell "gic-demo" approved its shutdown
. /usr/share/warden/lib.sh

require "insmod warden.ko" warden_load
require "warden enable" warden enable "$SYSTEM_CELL"
pool0=$(pool_used)
check_v "no inmate cells yet" warden cell list
check_v "config show --json: the system config, GICv$WARDEN_GIC" sh -c "
	warden config show --json $SYSTEM_CELL > /tmp/sys.json
	json-check -e valid true -e kind system \
		-e platform.gic.version $WARDEN_GIC -e root_cell.name root /tmp/sys.json"

check_v "config show: gic-demo's cell config" \
	warden config show "$SYSTEM_CELL" "$CELLS/gic-demo.cell"
require "cell create gic-demo" warden cell create "$CELLS/gic-demo.cell"
check "state: created" cell_state_is gic-demo created
check_v "Linux gave up CPU 2" cpus_online_are "0 1 3"
check_v "list shows it" sh -c 'warden cell list | grep -E "^1 +gic-demo +created +2"'
check_v "the cell's share of the hypervisor's pool" sh -c \
	"echo \"\$((\$(cat $WARDEN_SYSFS/mem_pool_used) - $pool0)) pages for gic-demo\""
check_v "cell load" warden cell load gic-demo "$INMATES/gic-demo.bin"
check "state: loaded" cell_state_is gic-demo loaded
check_v "cell start" warden cell start gic-demo
check "state: running" cell_state_is gic-demo running
check_v "its first line" cell_wait_for gic-demo "GICv$WARDEN_GIC, timer"
check_v "latency figures" cell_wait_for gic-demo "timer latency min [0-9]+ ns, avg [0-9]+ ns, max [0-9]+ ns" 15
check_v "list: running on CPU 2" sh -c 'warden cell list | tee /dev/stderr | grep -E "^1 +gic-demo +running +2"'
check_v "cell list --json: gic-demo running on CPU 2" sh -c '
	warden cell list --json > /tmp/list.json || exit 1
	cat /tmp/list.json
	json-check -e "cells[name=gic-demo].state" running \
		-e "cells[name=gic-demo].cpus" 2 -e "cells[name=gic-demo].id" 1 \
		-e "cells[0].name" root -e "cells[0].state" running /tmp/list.json'
check_v "status --json: enabled, gic-demo running" sh -c '
	warden status --json > /tmp/status.json || exit 1
	cat /tmp/status.json
	json-check -e enabled true -x memory_pool.used_pages \
		-e "cells[name=gic-demo].state" running /tmp/status.json'
check_v "stats: timer interrupts and the console hypercall" sh -c '
	warden cell stats gic-demo | tee /tmp/stats
	awk "\$1 == \"2\" && \$2 > 0 && \$3 > 0 && \$7 > 0 { ok = 1 } END { exit !ok }" /tmp/stats'
check_v "the root keeps working" workload_run
check_v "cell console by id" sh -c 'warden cell console 1 | grep -c "timer latency"'
check_v "cell console -f follows" sh -c '
	timeout 3 warden cell console gic-demo -f > /tmp/follow; true
	wc -l < /tmp/follow; grep -c "timer latency" /tmp/follow'

check_v "cell shutdown (approved)" warden cell shutdown gic-demo
check "state: shut-down" cell_state_is gic-demo shut-down
check_v "cell destroy" warden cell destroy gic-demo
check "gone from sysfs" cell_gone gic-demo
check_v "cell list --json: gic-demo gone" sh -c '
	warden cell list --json > /tmp/list.json || exit 1
	json-check -e "cells[0].name" root /tmp/list.json &&
		! json-check -x "cells[name=gic-demo]" /tmp/list.json'
check_v "Linux has CPU 2 back" cpus_online_are "0 1 2 3"
check_v "CPU 2 runs Linux under the hypervisor" sh -c '
	on_cpu() { taskset -c "$1" sh -c "echo alive"; }; on_cpu 2
	cat '"$WARDEN_SYSFS"'/cpus_in_hypervisor'
check_v "pool use as before the cell ($pool0 pages)" sh -c "[ \$(cat $WARDEN_SYSFS/mem_pool_used) -eq $pool0 ]"
check_v "workload on all CPUs" workload_run
check_v "warden disable" warden disable
check_v "status --json: disabled, no cells" sh -c '
	warden status --json > /tmp/status.json || exit 1
	json-check -e enabled false -x cells /tmp/status.json &&
		! json-check -x "cells[0]" /tmp/status.json'
finish
