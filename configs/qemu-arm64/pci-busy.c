// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell that asks for PCI 00:01.0, the root's virtio-blk-pci disk on the
 * SMMU machine, which the root's Linux drives: `cell create` must refuse
 * it, naming the driver and how to unbind it (scenario smmu).
 */
#define INMATE_CELL_NAME "pci-busy"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70d00000
#define INMATE_CELL_PCI_BDF 0x08
#define INMATE_CELL_SPI 36 /* the disk's INTA, device 1 */

#include "inmate-cell.h"
