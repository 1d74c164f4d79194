#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# fuzz: 100,000 random hypercalls and 20,000 random ioctls from the root,
# with and without an inmate cell, and 20,000 random calls on a link
# device, with and without its peer (`make soak`: ten times as many).  Neither the hypervisor nor Linux may
# crash, and no invalid call may change anything: the cells, the pool, the
# CPUs under the hypervisor stay as they were, and everything still works.
. /usr/share/warden/lib.sh

if [ "$WARDEN_SOAK" = 1 ]; then
	HCALLS=${HCALLS:-1000000}
	IOCTLS=${IOCTLS:-200000}
fi
HCALLS=${HCALLS:-100000}
IOCTLS=${IOCTLS:-20000}

# snapshot: what no invalid call may change.
snapshot() {
	echo "$(warden cell list 2>&1)|$(cat $WARDEN_SYSFS/mem_pool_used)|$(cat $WARDEN_SYSFS/cpus_in_hypervisor)|$(cat $CPU_SYSFS/online)"
}

# unchanged CMD...: run CMD; the snapshot is the same afterwards.
unchanged() {
	_s0=$(snapshot)
	"$@" || return 1
	_s1=$(snapshot)
	[ "$_s0" = "$_s1" ] && { echo "nothing changed"; return 0; }
	echo "changed:"
	echo "  before: $_s0"
	echo "  after:  $_s1"
	return 1
}

require "insmod warden.ko" warden_load
check_fails "without test_fuzz=1 the fuzzing ioctl is refused" "not permitted" \
	warden-fuzz hypercalls 1 10
require "rmmod" warden_unload
require "insmod warden.ko test_fuzz=1" warden_load test_fuzz=1
require "warden enable" warden enable "$SYSTEM_CELL"

step "no cells"
check_v "$HCALLS random hypercalls" unchanged warden-fuzz hypercalls 1 "$HCALLS"
check_v "$IOCTLS random ioctls" unchanged warden-fuzz ioctls 2 "$IOCTLS"
check_v "Linux works on all CPUs" workload_run

step "with gic-demo running on CPU 2"
require "gic-demo up" cell_up gic-demo
check_v "gic-demo reports" cell_wait_for gic-demo "timer latency" 15
check_v "$HCALLS random hypercalls" unchanged warden-fuzz hypercalls 3 "$HCALLS"
check_v "$IOCTLS random ioctls" unchanged warden-fuzz ioctls 4 "$IOCTLS"
check_v "gic-demo kept its rhythm" cell_steady gic-demo "timer latency" 3
check_v "gic-demo still running" cell_state_is gic-demo running

step "random calls on a link device, with its peer absent and running"
check_v "$IOCTLS random calls, no peer" unchanged warden-fuzz link 5 "$IOCTLS"
check_v "echo-demo (CPU 3) up" sh -c '. /usr/share/warden/lib.sh
	cell_up echo-demo && cell_wait_for echo-demo "peer running" 10'
check_v "$IOCTLS random calls, peer running" unchanged warden-fuzz link 6 "$IOCTLS"
check_v "echo-demo still answers, every word right" warden-link-ping -n 100
check_v "echo-demo destroyed" warden cell destroy echo-demo

step "everything still works"
check_v "destroy gic-demo" warden cell destroy gic-demo
check_v "a cell's whole life again" sh -c '. /usr/share/warden/lib.sh
	cell_up uart-demo && cell_wait_for uart-demo "count 1" 10 &&
	warden cell destroy uart-demo'
check_v "Linux works on all CPUs" workload_run
check_v "the hypervisor's console is readable" sh -c 'warden console | tail -n 5'
check_v "warden disable" warden disable
finish
