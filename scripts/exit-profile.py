#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""One exit's EL2 path, in instructions per function (docs/benchmarks.md).

usage: scripts/exit-profile.py TRACE ELF CPU [BASE [sync|irq]]

TRACE is QEMU's `-d exec,nochain,in_asm -dfilter <hypervisor range>` log,
ELF build/hypervisor/warden.elf, CPU the vCPU to follow, BASE where the
hypervisor runs (0x7fc00000 in the reference config).  An exit starts at
the lower-EL vector (hyp_vectors + 0x400 sync, + 0x480 irq); the exits of
the most common length are shown function by function.
"""
import sys, re, subprocess, collections
trace, elf, cpu = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = int(sys.argv[4], 0) if len(sys.argv) > 4 else 0x7fc00000
syms = []
for l in subprocess.run(['nm', '-n', elf], capture_output=True, text=True).stdout.splitlines():
    p = l.split()
    if len(p) == 3 and p[1] in 'tTwW':
        syms.append((int(p[0], 16) + base, p[2]))
import bisect
addrs = [a for a, _ in syms]
def sym(a):
    i = bisect.bisect_right(addrs, a) - 1
    return syms[i][1] if i >= 0 else '?'
vec = dict((n, a) for a, n in syms)['hyp_vectors']
entries = {vec + 0x400: 'sync', vec + 0x480: 'irq'}
tbs = {}
cur = None
eps = []  # (kind, Counter)
ep = None
for line in open(trace, errors='replace'):
    if line.startswith('IN:'):
        cur = []
        continue
    m = re.match(r'0x([0-9a-f]+):\s', line)
    if m and cur is not None:
        cur.append(int(m.group(1), 16))
        continue
    if cur:
        tbs[cur[0]] = cur
        cur = None
    m = re.match(r'Trace (\d+): \S+ \[[0-9a-f]+/([0-9a-f]+)/', line)
    if not m or int(m.group(1)) != cpu:
        continue
    pc = int(m.group(2), 16)
    if pc in entries:
        ep = (entries[pc], collections.Counter())
        eps.append(ep)
    if ep is None or pc not in tbs:
        continue
    for a in tbs[pc]:
        ep[1][sym(a)] += 1
kind = sys.argv[5] if len(sys.argv) > 5 else 'sync'
sel = [c for k, c in eps if k == kind]
tot = collections.Counter(sum(c.values()) for c in sel)
print(f'{len(sel)} {kind} episodes; totals (instructions: episodes):', dict(tot.most_common(6)))
# the most common total: show its breakdown
common = tot.most_common(1)[0][0]
for c in sel:
    if sum(c.values()) == common:
        for s, n in c.most_common():
            print(f'{n:5d} {s}')
        break
