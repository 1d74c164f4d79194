#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make soak: the system scenarios with long loops, at full length, on both
# GICs: cellcycles (500 cell lifecycles beside the root workload), cycles
# (200 enable/disable cycles), fuzz (1,000,000 random hypercalls and
# 200,000 random ioctls, twice each) and linuxcycles (100 Linux boots in a
# cell, about 15 minutes; GICv3 only, as it says).  `make test` runs the
# same scenarios
# with short loops.  The last line is "N passed, N failed"; logs are
# build/logs/system-<scenario>-soak-gicv<N>.log.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$(WARDEN_APPEND=warden.soak=1 WARDEN_SUFFIX=-soak WARDEN_TIMEOUT_ALL=3600 \
	"$top/tests/system/run.sh" cellcycles cycles fuzz linuxcycles 2>&1 | tee /dev/stderr)
passed=$(grep -c '^PASS ' <<< "$out")
failed=$(grep -c '^FAIL ' <<< "$out")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
