/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inmate cell configs for QEMU's ZCU102 model (zcu102.c).  The cell's own
 * view is the same as on QEMU virt, so that the same inmate images run on
 * both: 1 MiB of RAM at IPA 0x40000000 and the comm region (the GIC's
 * version and frames come from there).  Only the physical side differs:
 * each config here gives INMATE_CELL_RAM (and a link's _PHYS) out of
 * 0x60000000-0x7fbfffff, the RAM that Linux (mem=1536M of the 2 GiB) and
 * the hypervisor (the top 4 MiB) leave free, and its SPIs out of INTIDs
 * 120-125 (SPIs 88-93), which no device of the ZCU102's tree uses (virt's
 * 100-105 include the USB controllers' 101 and 102 here).
 */
#ifndef ZCU102_INMATE_CELL_H
#define ZCU102_INMATE_CELL_H

/* virt's inmate-cell.h lays the config out; nothing in it is virt's own */
#include "../qemu-arm64/inmate-cell.h"

#endif /* ZCU102_INMATE_CELL_H */
