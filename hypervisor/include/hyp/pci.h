/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI functions of inmate cells (core/pci.c): their configuration space
 * as the cell and the root see it, and their hand-over at create and
 * destroy.  Their DMA is the IOMMU's (arch_dma_stream_assign()).
 */
#ifndef HYP_PCI_H
#define HYP_PCI_H

#include <hyp/types.h>

struct cell;

#define PCI_MAX_BARS 6

/* What the hypervisor keeps of a function a cell owns. */
struct pci_fn {
	u16 bdf;
	u64 bar_size[PCI_MAX_BARS]; /* memory BARs; 0: none or I/O */
	bool bar_hi[PCI_MAX_BARS]; /* the upper half of a 64-bit BAR */
	u32 msi_cap, msix_cap; /* their capabilities' offsets, 0: none */
};

/* The inmate cell that owns function bdf, or NULL. */
struct cell *pci_owner(u16 bdf);
/* At enable: the root's trap handler for pages of functions cells own. */
int pci_root_init(void);
/* At create: take the cell's functions from the root (refusals said). */
int pci_cell_take(struct cell *cell);
/* A device of the cell misbehaved: all its functions' DMA off. */
void pci_cell_quiesce(const struct cell *cell);
/* At destroy: their decoding and DMA off, and back to the root. */
void pci_cell_release(struct cell *cell);

#endif /* HYP_PCI_H */
