#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare a generated system config with the hand-written reference.

Usage: config-compare.py REFERENCE.cell GENERATED.cell

Every resource that matters must match: the hypervisor memory, the whole
platform (GIC and its frames, console, CPUs and their MPIDRs, the SMMU and
the PCI host bridge), the root cell's CPUs, flags, RAM and SPIs.  The known differences are each printed with the
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
    plat = struct.unpack_from("<IIQQQQQQQII64QQIIQBBHIQ", data, 48)
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
# after the 64 MPIDRs
SMMU_FIELDS = ["smmu_base", "smmu_evtq_irq", "smmu_gerror_irq",
               "pci_ecam_base", "pci_bus_first", "pci_bus_last",
               "pci_intx_irq", "pci_stream_base", "gic_its_base"]
# QEMU virt's SMMUv3 (iommu=smmuv3): SPIs 74-77, eventq, priq, cmdq-sync,
# gerror (configs/qemu-arm64/qemu-arm64-smmu.h)
QEMU_SMMU_INTIDS = set(range(106, 110))


def irq_set(cfg):
    return {i for first, count in cfg["irqs"] for i in range(first, first + count)}


def spans(ids):
    out = []
    for i in sorted(ids):
        if out and i == out[-1][1] + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in out) or "none"


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
    for i, name in enumerate(SMMU_FIELDS):
        expect(f"platform {name}", ref["plat"][75 + i], gen["plat"][75 + i])
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

    ref_irqs, gen_irqs = irq_set(ref), irq_set(gen)
    hyp = {ref["plat"][76], ref["plat"][77]} if ref["plat"][75] else set()
    if gen_irqs & hyp:
        bad.append(f"the generated root owns the SMMU's SPIs {spans(gen_irqs & hyp)}")
    only_gen, only_ref = gen_irqs - ref_irqs, ref_irqs - gen_irqs
    # the reference lists the SPIs of the machine's GIC (QEMU virt's 256:
    # INTIDs 32-287; the ZCU102's GIC-400: 32-191); the generator all 988
    if only_gen and ref_irqs and min(only_gen) > max(ref_irqs):
        explained.append(f"IRQs: the generated root also has SPIs {spans(only_gen)}: "
                         "every SPI there can be, where the reference lists the "
                         "machine's GIC's; the hypervisor limits them to the GIC's "
                         "(GICD_TYPER) at run time")
    elif only_gen:
        bad.append(f"SPIs only the generated root has: {spans(only_gen)}")
    smmu_unused = only_ref & QEMU_SMMU_INTIDS if ref["plat"][75] else set()
    if smmu_unused:
        explained.append(f"IRQs: the reference leaves the root the SMMU's SPIs "
                         f"{spans(smmu_unused)} (priq, cmdq-sync), which the "
                         "hypervisor does not use; the generated config keeps every "
                         "SPI of the SMMU, which the hypervisor owns, from the root")
    if only_ref - smmu_unused:
        bad.append(f"SPIs only the reference root has: {spans(only_ref - smmu_unused)}")
    elif ref_irqs & gen_irqs:
        same.append(f"SPIs: the reference's {spans(ref_irqs & gen_irqs)}")
    if ref["links"] != gen["links"]:
        explained.append(f"links: reference {ref['links']}, generated {gen['links']}: "
                         "the reference's links to echo-demo and linux-demo serve "
                         "the demos; a generated config has none")
    for s in same:
        print(f"same: {s}")
    for e in explained:
        print(f"explained: {e}")
    for b in bad:
        print(f"DIFFERENT: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
