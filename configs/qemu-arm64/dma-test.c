// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell config for inmates/tests/dma-test.c (issue 19), on the SMMU machine
 * only (qemu-arm64-gicv3-smmu.cell): CPU 3, and QEMU's edu device at PCI
 * 00:02.0 (run-qemu.sh puts it there), whose DMA the SMMU translates
 * through this cell's DMA view.  Its 1 MiB BAR goes into the window at
 * 0x3e000000, the top of the PCIe MMIO window that Linux fills from the
 * bottom: the inmate places it there itself (the hypervisor allows no
 * other place).  The device's INTA is the cell's too: on QEMU virt it
 * drives SPI 5 (INTID 37) for device 2 (qemu-arm64-smmu.h), and the
 * hypervisor refuses the function to a cell without it.
 */
#define INMATE_CELL_NAME "dma-test"
#define INMATE_CELL_CPUS 0x8
#define INMATE_CELL_RAM 0x70c00000
#define INMATE_CELL_IO_PHYS 0x3e000000
#define INMATE_CELL_IO_SIZE 0x100000
#define INMATE_CELL_PCI_BDF 0x10
#define INMATE_CELL_SPI 37 /* edu's INTA */

#include "inmate-cell.h"
