/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GIC support shared by the GICv2 and GICv3 back ends.  The version is a
 * property of the machine, read from the system config, so the back end is
 * chosen once at enable through struct gic_ops.
 */
#ifndef ASM_GIC_H
#define ASM_GIC_H

#include <warden/cell.h>
#include <warden/config.h>
#include <asm/insn.h>
#include <hyp/mmio.h>
#include <hyp/types.h>

struct per_cpu;
struct cell;

/* Distributor registers common to both versions (IHI 0069 12.9, IHI 0048 4.3) */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_IGRPMODR 0x0d00
#define GICD_NSACR 0x0e00
#define GICD_SGIR 0x0f00
#define GICD_CPENDSGIR 0x0f10
#define GICD_SPENDSGIR 0x0f20
#define GICD_IROUTER 0x6000
#define GICD_IROUTER_END 0x7fe0
#define GICD_ID_START 0xffd0
/*
 * The distributor's frame: 64 KiB on GICv3 (IHI 0069 12.1); 4 KiB on GICv2
 * (IHI 0048B 4.1), where the GIC-400 puts the CPU interface right after it.
 */
#define GICD_SIZE_V3 0x10000
#define GICD_SIZE_V2 0x1000

static inline u64 gicd_size(u32 gic_version)
{
	return gic_version == WARDEN_GIC_V2 ? GICD_SIZE_V2 : GICD_SIZE_V3;
}

#define GIC_LR_PRIORITY 0xa0u /* the priority Linux gives every interrupt */

/*
 * The hypervisor's own SGI: "look at your cell's state" (cell_check_stop).
 * Cells cannot send it; Linux uses SGIs 0-7.
 */
#define GIC_SGI_HYP 15

struct gic_ops {
	int (*init)(const struct warden_platform *p);
	int (*cpu_init)(struct per_cpu *pc, bool fresh);
	void (*cpu_deinit)(struct per_cpu *pc);
	/*
	 * Acknowledge and priority-drop one physical interrupt, then list a
	 * hardware interrupt straight away if it can; gic_irq_slow() does
	 * the rest.
	 */
	void (*handle_irq)(struct per_cpu *pc);
	/* an FIQ exit: Group 0, the hypervisor's SGI on a direct CPU */
	void (*handle_fiq)(struct per_cpu *pc);
	void (*deactivate)(u32 raw);
	void (*set_pending)(u32 intid); /* physical, for hand-back */
	void (*send_sgi)(struct per_cpu *pc, unsigned int cpu, u32 intid);
	unsigned int (*num_lrs)(void);
	u64 (*empty_lrs)(void);
	bool (*lr_read)(unsigned int n, u32 *intid, bool *hw, bool *pending);
	void (*lr_add_pending)(unsigned int n);
	void (*lr_write)(unsigned int n, u32 intid, bool hw, u32 source);
	/* lr_write into the lowest empty list register; false if none */
	bool (*lr_add)(u32 intid, bool hw, u32 source);
	void (*underflow)(bool enable);
	/* distributor registers only one version has */
	enum mmio_result (*dist_access)(struct cell *cell,
					struct mmio_access *acc, u32 reg);
	/* point an SPI at a CPU of its owner, unless it targets only those */
	void (*route_spi)(const struct cell *owner, u32 intid);
	/* version-specific per-cell set-up (mappings, emulated frames) */
	int (*cell_init)(struct cell *cell);
	/* per-CPU frames of cpu into (map) or out of the cell's stage 2 */
	int (*cpu_map)(struct cell *cell, unsigned int cpu, bool map);
	/* GIC frames as the cell sees them, for its comm region */
	void (*comm_fill)(const struct cell *cell,
			  struct warden_comm_region *comm);
};

extern const struct gic_ops gicv2_ops, gicv3_ops;

/* ICH_LR<n>_EL2 by number, n below the LR count (gic-lr.S) */
u64 gicv3_lr_read(unsigned int n);
/*
 * Redistributors as an ITS names them (RDbase: the frame's address with
 * GITS_TYPER.PTA 1, else Processor_Number << 16): the CPU, or -1; the
 * field for a CPU.
 */
int gicv3_rd_cpu(u64 rdbase, bool pta);
u64 gicv3_rd_field(unsigned int cpu, bool pta);
/* cpu's RD_base register reg (0 without a frame); its EnableLPIs. */
u64 gicv3_rd_read64(unsigned int cpu, u32 reg);
bool gicv3_lpis_enabled(unsigned int cpu);
/* GICD_TYPER.IDbits: INTID bits minus one. */
u32 gicv3_id_bits(void);
void gicv3_lr_write(unsigned int n, u64 v);
extern const struct gic_ops *gic;
extern void *gicd_base;
extern u32 gic_num_irqs;
extern u32 gic_maintenance_irq;
/*
 * INTIDs that the hypervisor handles itself rather than list for a cell:
 * the SGIs, the maintenance PPI and its own SPIs (the SMMU's).  One test
 * of this bitmap is the whole check on the interrupt fast path.
 */
extern u32 gic_hyp_irqs[1024 / 32];

static inline bool gic_irq_is_hyp(u32 intid)
{
	return (gic_hyp_irqs[intid / 32u] >> (intid % 32u)) & 1u;
}

/* Take an SPI for the hypervisor: edge-triggered, to the root's CPUs. */
void gic_hyp_irq_enable(u32 intid);
void gic_hyp_irq_disable(u32 intid);

static inline u32 mmio_read32(const void *base, u64 off)
{
	u32 v = *(const volatile u32 *)((const u8 *)base + off);

	dmb(oshld);
	return v;
}

static inline void mmio_write32(void *base, u64 off, u32 v)
{
	dmb(oshst);
	*(volatile u32 *)((u8 *)base + off) = v;
}

static inline u64 mmio_read64(const void *base, u64 off)
{
	u64 v = *(const volatile u64 *)((const u8 *)base + off);

	dmb(oshld);
	return v;
}

static inline void mmio_write64(void *base, u64 off, u64 v)
{
	dmb(oshst);
	*(volatile u64 *)((u8 *)base + off) = v;
}

/*
 * Bits 0 to n - 1: the list registers of an ELRSR-style bitmap.  GICv2 may
 * have 64 (GICH_VTR.ListRegs, IHI 0048 5.3.2), and a shift by 64 is
 * undefined.
 */
static inline u64 gic_lr_mask(unsigned int n)
{
	return (n >= 64u) ? ~0UL : ((1UL << n) - 1UL);
}

/*
 * Does the cell take its interrupts directly (WARDEN_CELL_DIRECT_IRQ)?  Its
 * CPUs run with HCR_EL2.IMO clear; the checker refused the flag for the
 * root and for GICv2.
 */
bool gic_cell_direct(const struct cell *cell);

int gic_setup(const struct warden_platform *p);
/* List registers to use: all of them, or fewer when testing (max_lrs). */
unsigned int gic_usable_lrs(unsigned int implemented);
bool gic_banked_active(u32 active);
int gic_cell_init(struct cell *cell);
/*
 * The interrupt exit's other cases (after acknowledge and priority drop):
 * SGIs, the maintenance interrupt, and hardware interrupts that must queue.
 * raw is the IAR value, source the sending CPU of a GICv2 SGI.
 */
void gic_irq_slow(struct per_cpu *pc, u32 intid, u32 raw, u32 source);
/* Return pending interrupts to the physical GIC before leaving EL2. */
void gic_drain(struct per_cpu *pc);
/* Forget an inmate CPU's interrupts, deactivating the hardware ones. */
void gic_discard(struct per_cpu *pc);
/* GICv2: the CPU interfaces (GICD_ITARGETSR bits) a cell may target. */
u32 gicv2_cell_cpumask(const struct cell *cell);
/* Read-modify-write of a distributor register, under the distributor lock. */
void gicd_update32(u32 reg, u32 clear, u32 set);
/* GICD_TYPER as the root and the inmate cells see it, from gicd_base. */
void gicd_setup(void);
/* cell's view of GICD_TYPER: gicd_access()'s argument for the cell */
void *gicd_typer_view(const struct cell *cell);
/* INTID -> whether the distributor view of cell may touch it */
bool gic_irq_in_cell(const struct cell *cell, u32 intid);

bool gic_field_access(struct cell *cell, void *base, u32 reg,
		      struct mmio_access *acc, bool redist);
enum mmio_result gicd_access(struct cell *cell, void *arg,
			     struct mmio_access *acc);

#endif /* ASM_GIC_H */
