#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The ZCU102 device tree as QEMU's xlnx-zcu102 model needs it (issue 18),
# from Debian's own xilinx/zynqmp-zcu102-rev1.0.dtb.  Two edits, each
# because of what QEMU models with secure=off, not because of Warden:
#   1. the UART's clocks, power domain and pin control point into the
#      zynqmp-firmware node, which QEMU disables (no PMU firmware): ttyPS0
#      would never probe.  serial@ff000000 gets a fixed 100 MHz clock of its
#      own and loses power-domains and pinctrl-*;
#   2. pcie@fd0e0000 is disabled: QEMU has no ZynqMP PCIe (Linux's probe
#      times out), and its 16 MiB window at 0x8000000000 lies at 2^39,
#      beyond the 39-bit IPA space of a Cortex-A53 stage 2 (mmu.c).
# Usage: scripts/zcu102-dtb.sh IN.dtb OUT.dtb
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 IN.dtb OUT.dtb" >&2; exit 2; }
in=$1 out=$2
uart=/axi/serial@ff000000
cp "$in" "$out.tmp"
fdtput -c "$out.tmp" /uart-clk
fdtput -t s "$out.tmp" /uart-clk compatible fixed-clock
fdtput -t x "$out.tmp" /uart-clk '#clock-cells' 0
fdtput -t u "$out.tmp" /uart-clk clock-frequency 100000000
# a phandle no node of the stock tree uses
fdtput -t x "$out.tmp" /uart-clk phandle fff0
fdtput -t x "$out.tmp" "$uart" clocks fff0 fff0
fdtput -d "$out.tmp" "$uart" power-domains pinctrl-names pinctrl-0
fdtput -t s "$out.tmp" /axi/pcie@fd0e0000 status disabled
mv "$out.tmp" "$out"
