/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixture of the host tests of hypervisor/arch/arm64/: the real PSCI, GIC
 * and trap code on top of the real core (hyp-fixture.h), with a simulated
 * GIC and firmware under them.
 *
 * The GIC's MMIO frames are host memory at the addresses the system config
 * gives them (the hypervisor maps devices at VA == PA), so the real code
 * reads and writes them as it would the hardware, and a test sets and
 * checks their registers.  Its system registers (ICC_*, ICH_*) are
 * host-hyp.c's table and write log; a write to an ICH_LR<n>_EL2 updates
 * ICH_ELRSR_EL2 as the hardware does, and the hypervisor's SGI sent through
 * ICC_SGI1R_EL1 is taken at once by its target CPUs.  The firmware is host-firmware.c.
 */
#ifndef UNIT_ARM_FIXTURE_H
#define UNIT_ARM_FIXTURE_H

#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/mmio.h>

#include "hyp-fixture.h"

#define AFX_GIC_BASE 0x08000000UL /* GICD, then GICC/GICH/GICV (v2) */
#define AFX_GIC_SIZE 0x200000UL /* to the last GICR frame's end */
#define AFX_GICC 0x08010000UL
#define AFX_GICH 0x08030000UL
#define AFX_GICV 0x08040000UL
#define AFX_GICR 0x080a0000UL
#define AFX_GICR_STRIDE 0x20000UL
#define AFX_SGI_PAGE 0x10000UL /* a GICR frame's SGI_base */
#define AFX_NUM_IRQS 320 /* GICD_TYPER.ITLinesNumber 9 */

/* The GICv3 ITS's control frame (inside the GIC frames' range). */
#define AFX_ITS 0x08080000UL

/*
 * A case's setting of the simulated GIC, or NULL: run after each reset of
 * the GIC's registers (afx_enable() resets them before enable, after it
 * and after the CPUs' entry) and at setup_global(), before the root cell
 * is built (the simulated physical memory is reset before that).  E.g.
 * an ITS as Linux left it, and the system config's gic_its_base.
 */
extern void (*afx_gic_preset)(void);

/* Map the GIC frames into this process, once, before any case runs. */
void afx_map_gic(void);
/* Enable with a GIC of version 2 or 3 (cleared, then as at reset). */
int afx_enable(u32 gic_version);
/* The same with system config flags (WARDEN_SYS_*). */
int afx_enable_flags(u32 gic_version, u32 sys_flags);
/* Create "cell" on CPUs 2-3 with SPI 33, loaded and running on CPU 2. */
long afx_cell(void);

/* A 32-bit GIC register at pa. */
u32 *afx_reg(u64 pa);
u64 *afx_reg64(u64 pa);
/* An MMIO access of cell at addr as the trap handler makes it. */
enum mmio_result afx_mmio(struct cell *cell, u64 addr, unsigned int size,
			  bool write, u64 *value);
/* An access by cell, with the value read or 0xdead on an error. */
u64 afx_read(struct cell *cell, u64 addr, unsigned int size);
void afx_write(struct cell *cell, u64 addr, unsigned int size, u64 v);

/* PSCI call fid with x1-x3 from CPU cpu: x0 afterwards, LONG_MIN if the
 * CPU left the hypervisor (hh.left says how). */
long afx_psci(unsigned int cpu, u64 fid, u64 x1, u64 x2, u64 x3);
/* A synchronous exception with syndrome esr on CPU cpu, with frame f. */
enum host_op afx_sync(unsigned int cpu, u64 esr, struct trap_frame *f);
/* The failure reason of cell id ("" if none). */
const char *afx_failure(long id);

#endif /* UNIT_ARM_FIXTURE_H */
