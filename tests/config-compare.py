#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare a generated system config with the hand-written reference.

Usage: config-compare.py REFERENCE.cell GENERATED.cell

Every resource that matters must match: the hypervisor memory, the whole
platform (GIC and its frames, console, CPUs and their MPIDRs), the root
cell's CPUs, flags and RAM.  The known differences are each printed with the
reason; any other difference fails.  Layout: include/warden/config.h.
"""
import struct
import sys

MEM_IO = 0x0008


def parse(path):
    data = open(path, "rb").read()
    sig, rev, arch, flags = struct.unpack_from("<8sHHI", data, 0)
    if sig != b"WRDNSYST":
        sys.exit(f"{path}: not a system config")
    hv = struct.unpack_from("<QQQII", data, 16)
    plat = struct.unpack_from("<IIQQQQQQQII64Q4Q", data, 48)
    root = struct.unpack_from("<8sHHI32sQIIQII3Q", data, 48 + 624)
    off = 48 + 624 + 104
    nmem, nirq, nlink = root[6], root[7], root[9]
    mem = [struct.unpack_from("<QQQII", data, off + 32 * i) for i in range(nmem)]
    off += 32 * nmem
    irqs = [struct.unpack_from("<II", data, off + 8 * i) for i in range(nirq)]
    off += 8 * nirq
    links = [struct.unpack_from("<32s32s", data, off + 112 * i)[0].rstrip(b"\0").decode()
             for i in range(nlink)]
    return dict(hv=hv[:3], plat=plat, cpu_set=root[5], flags=root[3],
                name=root[4].rstrip(b"\0").decode(), mem=mem, irqs=irqs,
                links=links)


def union(ranges):
    out = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def minus(a, b):
    """Ranges of union a that no range of b covers."""
    out = []
    for s, e in a:
        cur = s
        for bs, be in b:
            if be <= cur or bs >= e:
                continue
            if bs > cur:
                out.append((cur, bs))
            cur = max(cur, be)
        if cur < e:
            out.append((cur, e))
    return out


def regions(cfg, io):
    return union([(m[0], m[0] + m[2]) for m in cfg["mem"]
                  if bool(m[3] & MEM_IO) == io])


def fmt(rs):
    return ", ".join(f"0x{s:x}+0x{e - s:x}" for s, e in rs) or "none"


PLAT_FIELDS = ["gic_version", "maintenance_irq", "gicd_base", "gicc_base",
               "gich_base", "gicv_base", "gicr_base", "gicr_stride",
               "uart_base", "uart_type", "num_cpus"]


def main():
    ref, gen = parse(sys.argv[1]), parse(sys.argv[2])
    bad = []
    same = []

    def show(v):
        if isinstance(v, int):
            return hex(v)
        if isinstance(v, tuple):
            return "(" + ", ".join(show(x) for x in v) + ")"
        return repr(v)

    def expect(what, a, b):
        (same if a == b else bad).append(
            f"{what}: {show(a)}" if a == b
            else f"{what}: reference {show(a)}, generated {show(b)}")

    expect("hypervisor memory", ref["hv"], gen["hv"])
    for i, name in enumerate(PLAT_FIELDS):
        expect(f"platform {name}", ref["plat"][i], gen["plat"][i])
    n = ref["plat"][10]
    expect("CPU MPIDRs", ref["plat"][11:11 + n], gen["plat"][11:11 + n])
    expect("root cpu_set", ref["cpu_set"], gen["cpu_set"])
    expect("root flags", ref["flags"], gen["flags"])
    expect("root name", ref["name"], gen["name"])
    expect("root RAM", fmt(regions(ref, False)), fmt(regions(gen, False)))

    explained = []
    ref_io, gen_io = regions(ref, True), regions(gen, True)
    only_gen = minus(gen_io, ref_io)
    if only_gen:
        bad.append(f"device memory only the generated config maps: {fmt(only_gen)}")
    only_ref = minus(ref_io, gen_io)
    # The reference maps QEMU's PL011, PL031, fw_cfg and PL061 as one
    # 256 KiB region, the pages between them included; the generator maps
    # each device's own pages.
    gaps = [r for r in only_ref if 0x09000000 <= r[0] and r[1] <= 0x09040000]
    if gaps:
        explained.append(f"the reference also maps {fmt(gaps)}: unassigned pages "
                         "between the PL011, PL031, fw_cfg and PL061, which it "
                         "maps as one region; the generator maps each device")
    rest = [r for r in only_ref if r not in gaps]
    if rest:
        bad.append(f"device memory only the reference maps: {fmt(rest)}")
    else:
        same.append(f"devices: every device the reference maps ({len(ref_io)} ranges)")

    if ref["irqs"] != gen["irqs"]:
        explained.append(f"IRQs: reference {ref['irqs']} (every SPI of the machine's GIC), generated "
                         f"{gen['irqs']}: every SPI there can be; the hypervisor "
                         "limits them to the GIC's (GICD_TYPER) at run time")
    if ref["links"] != gen["links"]:
        explained.append(f"links: reference {ref['links']}, generated {gen['links']}: "
                         "the reference's link to echo-demo serves the demo; a "
                         "generated config has none")
    for s in same:
        print(f"same: {s}")
    for e in explained:
        print(f"explained: {e}")
    for b in bad:
        print(f"DIFFERENT: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
