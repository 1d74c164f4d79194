// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SMMUv3 (Arm IHI 0070): every device's DMA goes through its cell's
 * DMA view, and a stream that no cell owns aborts.
 *
 * Each cell has a second set of translation tables, cell->dma, that
 * paging.c keeps equal to the cell's stage 2 for its memory (not its
 * device registers: no peer-to-peer DMA), as the stage 1 of the SMMU
 * (format PAGING_DMA): input address = the cell's IPA, output = PA,
 * permissions as in stage 2.  Stage 1 and not the SMMU's stage 2, because
 * an SMMU may implement only stage 1 (IDR0.S2P 0: QEMU 7.2's does), and
 * because the cell never sees these tables: the context descriptor that
 * points at them is the hypervisor's, so the cell cannot change them as a
 * guest could its own stage 1.  One context descriptor per cell, ASID =
 * cell id; every entry is non-global (nG), so that the TLB never shares a
 * translation between two cells' streams (IHI 0070 3.17).
 *
 * The stream table has two levels (IDR0.ST_LEVEL 1): the first covers up to
 * 2^16 streams, and a second-level table of 64 STEs (one page, SPLIT 6) is
 * allocated for each span that holds an owned stream.  An STE whose V is
 * 0, and a span with no table, make the SMMU abort the transaction and
 * record C_BAD_STE: unowned streams abort, and are reported.
 *
 * The queues are polled, not waited for with MSIs or CMD_SYNC interrupts:
 * commands are only issued by management calls, which wait for CMD_SYNC's
 * completion (CMDQ_CONS catching up with CMDQ_PROD).  Events and global
 * errors arrive on two wired SPIs that the hypervisor takes (gic.c).
 */
#include <warden/config.h>
#include <warden/hypercall.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/smmu.h>
#include <asm/spinlock.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/pool.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>
#include <hyp/setup.h>
#include <hyp/string.h>

/* Registers (IHI 0070 6.3), page 0 unless said */
#define SMMU_IDR0 0x00
#define SMMU_IDR1 0x04
#define SMMU_IDR5 0x14
#define SMMU_CR0 0x20
#define SMMU_CR0ACK 0x24
#define SMMU_CR1 0x28
#define SMMU_CR2 0x2c
#define SMMU_GBPA 0x44
#define SMMU_IRQ_CTRL 0x50
#define SMMU_IRQ_CTRLACK 0x54
#define SMMU_GERROR 0x60
#define SMMU_GERRORN 0x64
#define SMMU_GERROR_IRQ_CFG0 0x68
#define SMMU_STRTAB_BASE 0x80
#define SMMU_STRTAB_BASE_CFG 0x88
#define SMMU_CMDQ_BASE 0x90
#define SMMU_CMDQ_PROD 0x98
#define SMMU_CMDQ_CONS 0x9c
#define SMMU_EVENTQ_BASE 0xa0
#define SMMU_EVENTQ_IRQ_CFG0 0xb0
#define SMMU_EVENTQ_PROD 0x100a8 /* page 1 */
#define SMMU_EVENTQ_CONS 0x100ac /* page 1 */

#define IDR0_S1P BIT(1)
#define IDR0_TTF_AA64 BIT(3) /* TTF 0b10 or 0b11 */
#define IDR0_COHACC BIT(4)
#define IDR0_ST_LEVEL_SHIFT 27
#define IDR1_SIDSIZE_MASK 0x3fu
#define IDR1_CMDQS_SHIFT 21
#define IDR1_EVENTQS_SHIFT 16
#define IDR1_QS_MASK 0x1fu
#define IDR5_GRAN4K BIT(4)
#define IDR5_OAS_MASK 7u

#define CR0_SMMUEN BIT(0)
#define CR0_EVENTQEN BIT(2)
#define CR0_CMDQEN BIT(3)
/* queues and tables: inner and outer write-back, inner shareable */
#define CR1_VALUE 0xd75u
#define CR2_RECINVSID BIT(1)
#define IRQ_CTRL_GERROR BIT(0)
#define IRQ_CTRL_EVENTQ BIT(2)
#define GBPA_UPDATE BIT(31)

#define BASE_RWA BIT(62) /* read (STRTAB, CMDQ) or write (EVENTQ) allocate */
#define STRTAB_FMT_2LVL (1u << 16)
#define STRTAB_SPLIT 6u /* 64 STEs, one page, per second-level table */
#define STRTAB_MAX_LOG2 16u
#define STRTAB_L1_ENTRIES (1u << (STRTAB_MAX_LOG2 - STRTAB_SPLIT))
#define STE_WORDS 8u
#define STES_PER_L2 (1u << STRTAB_SPLIT)

#define CMDQ_LOG2 8u
#define EVTQ_LOG2 7u
#define Q_IDX(v, log2) ((v) & ((1u << (log2)) - 1u))
#define EVTQ_OVFLG 0x80000000u
#define CMDQ_CONS_ERR(v) (((v) >> 24) & 0x7fu)

/* Commands (IHI 0070 4.1-4.7) */
#define CMD_CFGI_STE 0x03u
#define CMD_CFGI_ALL 0x04u
#define CMD_TLBI_NH_ASID 0x11u
#define CMD_TLBI_NH_VA 0x12u
#define CMD_TLBI_NSNH_ALL 0x30u
#define CMD_SYNC 0x46u

/* STE (IHI 0070 5.2) */
#define STE_V BIT(0)
#define STE_CFG_S1 (5UL << 1) /* stage 1 translates, stage 2 bypassed */
#define STE_CTXPTR_MASK 0x000fffffffffffc0UL
/* CD fetch: inner and outer write-back, inner shareable; SHCFG: incoming */
#define STE1_VALUE ((1UL << 2) | (1UL << 4) | (3UL << 6) | (1UL << 44))

/* CD (IHI 0070 5.4) */
#define CD_T0SZ 16UL /* 48-bit input: walks start at level 0 */
#define CD_TCR0 ((1UL << 8) | (1UL << 10) | (3UL << 12)) /* WB, inner sh. */
#define CD_T1SZ (16UL << 16)
#define CD_EPD1 BIT(30)
#define CD_V BIT(31)
#define CD_IPS_SHIFT 32
#define CD_AA64 BIT(41)
#define CD_R BIT(45) /* record faults as events */
#define CD_A BIT(46) /* abort faulting transactions */
#define CD_ASID_SHIFT 48
#define CD_TTB_MASK 0x000ffffffffffff0UL
/* MAIR: index 0 Normal write-back, index 1 Device-nGnRE (as pte.c) */
#define CD_MAIR 0x04fful

/* Events (IHI 0070 7.3) */
#define EVT_F_UUT 0x01u
#define EVT_C_BAD_STREAMID 0x02u
#define EVT_C_BAD_STE 0x04u
#define EVT_F_TRANSLATION 0x10u
#define EVT_F_ADDR_SIZE 0x11u
#define EVT_F_ACCESS 0x12u
#define EVT_F_PERMISSION 0x13u
#define EVT_RNW BIT(35) /* of the second doubleword */

#define SMMU_POLL_US 100000u /* acknowledgements and CMD_SYNC */

struct smmu_saved {
	u32 cr0, cr1, cr2, gbpa, irq_ctrl;
	u64 strtab_base, cmdq_base, eventq_base, gerror_cfg0, eventq_cfg0;
	u32 strtab_cfg;
};

static u8 *smmu;
static u32 smmu_sid_limit; /* streams 0..limit-1 have an L1 entry */
static u32 smmu_ips;
static u32 cmdq_prod;
static spinlock_t smmu_lock;
static struct smmu_saved saved;
static struct ratelimit evt_limit = RATELIMIT_INIT(8, "SMMU events");

static u64 strtab_l1[STRTAB_L1_ENTRIES]
	__attribute__((aligned(STRTAB_L1_ENTRIES * 8)));
static u64 cmdq[(1u << CMDQ_LOG2) * 2u] __attribute__((aligned(PAGE_SIZE)));
static u64 evtq[(1u << EVTQ_LOG2) * 4u] __attribute__((aligned(PAGE_SIZE)));
/* one context descriptor per cell, indexed by cell id */
static u64 cds[WARDEN_MAX_CELLS][8] __attribute__((aligned(64)));
/* the owner of each stream with an STE, for the event reports */
static u8 sid_owner[1u << STRTAB_MAX_LOG2];
#define SID_NONE 0xffu

static u32 rd32(u32 off)
{
	return mmio_read32(smmu, off);
}

static void wr32(u32 off, u32 v)
{
	mmio_write32(smmu, off, v);
}

static int poll_equal(u32 off, u32 mask, u32 want)
{
	u64 start = arch_time_us();

	while ((rd32(off) & mask) != want)
		if (arch_time_us() - start > SMMU_POLL_US)
			return -ETIMEDOUT;
	return 0;
}

/* CR0 and IRQ_CTRL take effect when their ACK register says so (6.3.10). */
static int write_acked(u32 reg, u32 ack, u32 v)
{
	wr32(reg, v);
	return poll_equal(ack, ~0u, v);
}

bool smmu_present(void)
{
	return hyp.config->platform.smmu_base != 0u;
}

/* ---- command queue ------------------------------------------------ */

static int cmdq_wait(u32 prod)
{
	u64 start = arch_time_us();
	u32 cons;

	for (;;) {
		cons = rd32(SMMU_CMDQ_CONS);
		if (CMDQ_CONS_ERR(cons) != 0u) {
			printk("SMMU: command queue error %u at entry %u\n",
			       CMDQ_CONS_ERR(cons), Q_IDX(cons, CMDQ_LOG2));
			return -EIO;
		}
		if ((cons & ((2u << CMDQ_LOG2) - 1u)) == prod)
			return 0;
		if (arch_time_us() - start > SMMU_POLL_US) {
			printk("SMMU: command queue stuck (prod %#x cons %#x)\n",
			       prod, cons);
			return -ETIMEDOUT;
		}
	}
}

/*
 * Queue one command and a CMD_SYNC behind it, and wait until the SMMU has
 * consumed both: the queue is never more than two entries full, so there
 * is always room.  Callers hold smmu_lock.
 */
static int cmd_issue(u64 w0, u64 w1)
{
	u32 n = Q_IDX(cmdq_prod, CMDQ_LOG2), wrap = 2u << CMDQ_LOG2;

	cmdq[(size_t)n * 2u] = w0;
	cmdq[(size_t)n * 2u + 1u] = w1;
	cmdq_prod = (cmdq_prod + 1u) & (wrap - 1u);
	n = Q_IDX(cmdq_prod, CMDQ_LOG2);
	cmdq[(size_t)n * 2u] = CMD_SYNC;
	cmdq[(size_t)n * 2u + 1u] = 0;
	cmdq_prod = (cmdq_prod + 1u) & (wrap - 1u);
	/* the entries are in memory before the SMMU is told (6.3.27) */
	dsb(ishst);
	wr32(SMMU_CMDQ_PROD, cmdq_prod);
	return cmdq_wait(cmdq_prod);
}

static int cmd(u64 w0, u64 w1)
{
	int err;

	spin_lock(&smmu_lock);
	err = cmd_issue(w0, w1);
	spin_unlock(&smmu_lock);
	return err;
}

/* TLB maintenance for a cell's DMA tables (paging.c, through mmu.c). */
void smmu_flush_va(u16 asid, u64 va)
{
	if (smmu)
		(void)cmd(CMD_TLBI_NH_VA | (u64)asid << 48, va & ~0xfffUL);
}

void smmu_flush_asid(u16 asid)
{
	if (smmu)
		(void)cmd(CMD_TLBI_NH_ASID | (u64)asid << 48, 0);
}

/* ---- stream table --------------------------------------------------- */

static u64 *ste_of(u32 sid, bool create)
{
	u64 *l1 = &strtab_l1[sid >> STRTAB_SPLIT], *l2;

	if (sid >= smmu_sid_limit)
		return NULL;
	if (!*l1) {
		if (!create)
			return NULL;
		l2 = pool_alloc(&hyp.pool);
		if (!l2)
			return NULL;
		dsb(ishst);
		/* Span = SPLIT + 1: the table holds 2^SPLIT STEs (5.1.2) */
		*l1 = ((u64)(uintptr_t)l2 & STE_CTXPTR_MASK) |
		      (STRTAB_SPLIT + 1u);
		dsb(ishst);
	}
	l2 = (u64 *)(uintptr_t)(*l1 & STE_CTXPTR_MASK);
	return &l2[(size_t)(sid & (STES_PER_L2 - 1u)) * STE_WORDS];
}

/*
 * Point stream sid at a cell's context descriptor, or (cell NULL) make it
 * abort.  V is written last when an STE becomes valid, first when it stops
 * being so, and CMD_CFGI_STE makes the SMMU drop what it cached (3.21).
 */
static int ste_set(u32 sid, const struct cell *cell)
{
	u64 *ste = ste_of(sid, cell != NULL);
	unsigned int i;

	if (!ste)
		return (cell != NULL) ? -ENOMEM : 0;
	WRITE_ONCE(ste[0], 0);
	dsb(ishst);
	for (i = 1; i < STE_WORDS; i++)
		ste[i] = 0;
	sid_owner[sid] = SID_NONE;
	if (cell) {
		ste[1] = STE1_VALUE;
		dsb(ishst);
		WRITE_ONCE(ste[0], STE_V | STE_CFG_S1 |
					   ((u64)(uintptr_t)cds[cell->id] &
					    STE_CTXPTR_MASK));
		sid_owner[sid] = (u8)cell->id;
	}
	dsb(ishst);
	return cmd(CMD_CFGI_STE | (u64)sid << 32, 1);
}

int arch_dma_stream_assign(u32 sid, const struct cell *cell)
{
	if (!smmu)
		return -ENODEV;
	if (sid >= smmu_sid_limit)
		return -ERANGE;
	return ste_set(sid, cell);
}

/* ---- context descriptors --------------------------------------------- */

static void cd_fill(const struct cell *cell)
{
	u64 *cd = cds[cell->id];

	cd[1] = (u64)(uintptr_t)cell->dma.root & CD_TTB_MASK;
	cd[3] = CD_MAIR;
	dsb(ishst);
	WRITE_ONCE(cd[0], CD_T0SZ | CD_TCR0 | CD_T1SZ | CD_EPD1 | CD_V |
				  (u64)smmu_ips << CD_IPS_SHIFT | CD_AA64 |
				  CD_R | CD_A | (u64)cell->id << CD_ASID_SHIFT);
	dsb(ishst);
}

/*
 * The cell's DMA view: built beside its stage 2 (cell_init), which then
 * mirrors every mapping of memory into it (paging.c).
 */
int arch_dma_cell_init(struct cell *cell)
{
	int err;

	if (!smmu_present())
		return 0;
	err = paging_init(&cell->dma, &hyp.pool, PAGING_DMA, 0);
	if (err)
		return err;
	cell->dma.vmid = (u16)cell->id;
	cell->dma.live = smmu != NULL;
	cell->stage2.mirror = &cell->dma;
	if (smmu)
		cd_fill(cell);
	return 0;
}

void arch_dma_cell_exit(struct cell *cell)
{
	u32 sid;

	if (!cell->dma.root)
		return;
	if (smmu) {
		for (sid = 0; sid < smmu_sid_limit; sid++)
			if (sid_owner[sid] == cell->id)
				(void)ste_set(sid, &root_cell);
		memset(cds[cell->id], 0, sizeof(cds[cell->id]));
		smmu_flush_asid((u16)cell->id);
	}
	cell->stage2.mirror = NULL;
	paging_destroy(&cell->dma);
}

/* ---- the root's streams ---------------------------------------------- */

/*
 * Every function present on the host bridge's buses belongs to the root
 * until a cell takes it: a scan of the ECAM for vendor IDs other than
 * 0xffff, functions 1-7 only behind a multi-function header (PCIe base
 * spec 7.5.1.1).  A function that appears later (hot plug, SR-IOV) has no
 * STE, and its DMA aborts with a C_BAD_STE report.
 */
static int root_streams(const struct warden_platform *p)
{
	u32 bus, dev, fn, nfn, sid;
	const u8 *cfg;
	int err = 0, n = 0;

	if (!p->pci_ecam_base)
		return 0;
	for (bus = p->pci_bus_first; bus <= p->pci_bus_last && !err; bus++)
		for (dev = 0; dev < 32u && !err; dev++) {
			nfn = 1;
			for (fn = 0; fn < nfn && !err; fn++) {
				cfg = (const u8 *)(uintptr_t)(p->pci_ecam_base +
							      ((u64)(bus -
								     p->pci_bus_first)
							       << 20) +
							      ((u64)dev << 15) +
							      ((u64)fn << 12));
				if ((mmio_read32(cfg, 0) & 0xffffu) == 0xffffu)
					continue;
				if (fn == 0u &&
				    (mmio_read32(cfg, 0xc) & BIT(23)))
					nfn = 8;
				sid = p->pci_stream_base +
				      (bus << 8 | dev << 3 | fn);
				err = arch_dma_stream_assign(sid, &root_cell);
				if (err)
					printk("SMMU: PCI %02x:%02x.%u (stream %#x): cannot give it to the root (%d)\n",
					       bus, dev, fn, sid, err);
				n++;
			}
		}
	if (!err)
		printk("SMMU: %d PCI functions on buses %02x-%02x, DMA through the root cell's memory\n",
		       n, p->pci_bus_first, p->pci_bus_last);
	return err;
}

/* ---- enable and disable ------------------------------------------------ */

static int probe(const struct warden_platform *p)
{
	u32 idr0 = rd32(SMMU_IDR0), idr1 = rd32(SMMU_IDR1);
	u32 idr5 = rd32(SMMU_IDR5), sidsize = idr1 & IDR1_SIDSIZE_MASK;
	const char *why = NULL;

	if (rd32(SMMU_CR0) & CR0_SMMUEN)
		why = "it is enabled: the root's Linux drives it. Boot Linux "
		      "without it: its device tree node disabled (status = "
		      "\"disabled\"), or initcall_blacklist="
		      "arm_smmu_driver_init on the kernel command line";
	else if (!(idr0 & IDR0_S1P) || !(idr0 & IDR0_TTF_AA64))
		why = "it has no AArch64 stage 1 (IDR0.S1P, IDR0.TTF)";
	else if (((idr0 >> IDR0_ST_LEVEL_SHIFT) & 3u) != 1u)
		why = "it has no two-level stream table (IDR0.ST_LEVEL)";
	else if (!(idr0 & IDR0_COHACC))
		why = "its table walks are not cache coherent (IDR0.COHACC)";
	else if (!(idr5 & IDR5_GRAN4K))
		why = "it has no 4 KiB translation granule (IDR5.GRAN4K)";
	else if (((idr1 >> IDR1_CMDQS_SHIFT) & IDR1_QS_MASK) < CMDQ_LOG2 ||
		 ((idr1 >> IDR1_EVENTQS_SHIFT) & IDR1_QS_MASK) < EVTQ_LOG2)
		why = "its queues are too small (IDR1.CMDQS, EVENTQS)";
	if (why) {
		printk("SMMU at %#llx: %s\n", (unsigned long long)p->smmu_base,
		       why);
		return -ENODEV;
	}
	smmu_sid_limit =
		1u << (sidsize < STRTAB_MAX_LOG2 ? sidsize : STRTAB_MAX_LOG2);
	smmu_ips = idr5 & IDR5_OAS_MASK;
	return 0;
}

static void save_state(void)
{
	saved.cr0 = rd32(SMMU_CR0);
	saved.cr1 = rd32(SMMU_CR1);
	saved.cr2 = rd32(SMMU_CR2);
	saved.gbpa = rd32(SMMU_GBPA);
	saved.irq_ctrl = rd32(SMMU_IRQ_CTRL);
	saved.strtab_base = mmio_read64(smmu, SMMU_STRTAB_BASE);
	saved.strtab_cfg = rd32(SMMU_STRTAB_BASE_CFG);
	saved.cmdq_base = mmio_read64(smmu, SMMU_CMDQ_BASE);
	saved.eventq_base = mmio_read64(smmu, SMMU_EVENTQ_BASE);
	saved.gerror_cfg0 = mmio_read64(smmu, SMMU_GERROR_IRQ_CFG0);
	saved.eventq_cfg0 = mmio_read64(smmu, SMMU_EVENTQ_IRQ_CFG0);
}

/* Queues and tables, with the SMMU and its queues off (6.3.9). */
static void program(u32 sid_log2)
{
	wr32(SMMU_CR1, CR1_VALUE);
	wr32(SMMU_CR2, CR2_RECINVSID);
	mmio_write64(smmu, SMMU_STRTAB_BASE,
		     BASE_RWA | (u64)(uintptr_t)strtab_l1);
	wr32(SMMU_STRTAB_BASE_CFG,
	     STRTAB_FMT_2LVL | STRTAB_SPLIT << 6 | sid_log2);
	mmio_write64(smmu, SMMU_CMDQ_BASE,
		     BASE_RWA | (u64)(uintptr_t)cmdq | CMDQ_LOG2);
	wr32(SMMU_CMDQ_PROD, 0);
	wr32(SMMU_CMDQ_CONS, 0);
	cmdq_prod = 0;
	mmio_write64(smmu, SMMU_EVENTQ_BASE,
		     BASE_RWA | (u64)(uintptr_t)evtq | EVTQ_LOG2);
	wr32(SMMU_EVENTQ_PROD, 0);
	wr32(SMMU_EVENTQ_CONS, 0);
	/* wired interrupts, not MSIs */
	mmio_write64(smmu, SMMU_GERROR_IRQ_CFG0, 0);
	mmio_write64(smmu, SMMU_EVENTQ_IRQ_CFG0, 0);
	dsb(ishst);
}

int arch_dma_setup(void)
{
	const struct warden_platform *p = &hyp.config->platform;
	u32 sid_log2;
	int err;

	if (!smmu_present())
		return 0;
	smmu = (u8 *)(uintptr_t)p->smmu_base;
	err = probe(p);
	if (err)
		goto fail;
	save_state();
	sid_log2 = (u32)__builtin_ctz(smmu_sid_limit);
	memset(strtab_l1, 0, sizeof(strtab_l1));
	memset(sid_owner, SID_NONE, sizeof(sid_owner));
	err = write_acked(SMMU_CR0, SMMU_CR0ACK, 0);
	if (err)
		goto fail;
	program(sid_log2);
	err = write_acked(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN | CR0_EVENTQEN);
	if (!err)
		err = cmd(CMD_CFGI_ALL, 31);
	if (!err)
		err = cmd(CMD_TLBI_NSNH_ALL, 0);
	if (err)
		goto off;
	root_cell.dma.live = true;
	cd_fill(&root_cell);
	err = root_streams(p);
	if (!err)
		err = write_acked(SMMU_IRQ_CTRL, SMMU_IRQ_CTRLACK,
				  IRQ_CTRL_GERROR | IRQ_CTRL_EVENTQ);
	if (!err)
		err = write_acked(SMMU_CR0, SMMU_CR0ACK,
				  CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
	if (err)
		goto off;
	gic_hyp_irq_enable(p->smmu_evtq_irq);
	gic_hyp_irq_enable(p->smmu_gerror_irq);
	printk("SMMU at %#llx: on, %u stream IDs\n",
	       (unsigned long long)p->smmu_base, smmu_sid_limit);
	return 0;
off:
	arch_dma_shutdown();
fail:
	printk("SMMU at %#llx: cannot take it (error %d)\n",
	       (unsigned long long)p->smmu_base, err);
	smmu = NULL;
	return err;
}

/*
 * Disable: the SMMU as it was before enable (off: probe() refused it on),
 * its queues and tables as the registers held them, and nothing left that
 * points into the hypervisor's memory once it is gone.
 */
void arch_dma_shutdown(void)
{
	const struct warden_platform *p = &hyp.config->platform;

	if (!smmu)
		return;
	gic_hyp_irq_disable(p->smmu_evtq_irq);
	gic_hyp_irq_disable(p->smmu_gerror_irq);
	(void)write_acked(SMMU_IRQ_CTRL, SMMU_IRQ_CTRLACK, 0);
	(void)write_acked(SMMU_CR0, SMMU_CR0ACK, 0);
	wr32(SMMU_CR1, saved.cr1);
	wr32(SMMU_CR2, saved.cr2);
	mmio_write64(smmu, SMMU_STRTAB_BASE, saved.strtab_base);
	wr32(SMMU_STRTAB_BASE_CFG, saved.strtab_cfg);
	mmio_write64(smmu, SMMU_CMDQ_BASE, saved.cmdq_base);
	mmio_write64(smmu, SMMU_EVENTQ_BASE, saved.eventq_base);
	mmio_write64(smmu, SMMU_GERROR_IRQ_CFG0, saved.gerror_cfg0);
	mmio_write64(smmu, SMMU_EVENTQ_IRQ_CFG0, saved.eventq_cfg0);
	if ((rd32(SMMU_GBPA) & ~GBPA_UPDATE) != (saved.gbpa & ~GBPA_UPDATE)) {
		wr32(SMMU_GBPA, (saved.gbpa & ~GBPA_UPDATE) | GBPA_UPDATE);
		(void)poll_equal(SMMU_GBPA, GBPA_UPDATE, 0);
	}
	(void)write_acked(SMMU_IRQ_CTRL, SMMU_IRQ_CTRLACK, saved.irq_ctrl);
	(void)write_acked(SMMU_CR0, SMMU_CR0ACK, saved.cr0);
	smmu = NULL;
	printk("SMMU at %#llx: given back as it was\n",
	       (unsigned long long)p->smmu_base);
}

/* ---- events and global errors ------------------------------------------ */

static const char *event_name(u32 type)
{
	switch (type) {
	case EVT_F_UUT:
		return "unsupported upstream transaction";
	case EVT_C_BAD_STREAMID:
		return "stream ID beyond the stream table";
	case EVT_C_BAD_STE:
		return "no cell owns the stream";
	case EVT_F_TRANSLATION:
		return "not mapped for its cell";
	case EVT_F_ADDR_SIZE:
		return "address too large";
	case EVT_F_ACCESS:
		return "access flag fault";
	case EVT_F_PERMISSION:
		return "not allowed (read-only memory)";
	default:
		return "SMMU event";
	}
}

/* The PCI name of a stream, if it is a function of the host bridge. */
static void stream_name(u32 sid, char *buf, unsigned int len)
{
	const struct warden_platform *p = &hyp.config->platform;
	u32 rid = sid - p->pci_stream_base;

	if (p->pci_ecam_base && sid >= p->pci_stream_base &&
	    (rid >> 8) >= p->pci_bus_first && (rid >> 8) <= p->pci_bus_last)
		snprintf(buf, len, " (PCI %02x:%02x.%u)", rid >> 8,
			 (rid >> 3) & 0x1fu, rid & 7u);
	else
		buf[0] = '\0';
}

/*
 * One event.  A fault of a stream that an inmate cell owns fails that
 * cell: its device did what its config does not allow.  The root's are
 * reported only (rate limited): Linux keeps running.
 */
static void event_one(const u64 *e)
{
	u32 type = (u32)e[0] & 0xffu, sid = (u32)(e[0] >> 32);
	const char *dir = (e[1] & EVT_RNW) ? "read from" : "write to";
	struct cell *owner = NULL;
	char name[24];

	if (sid < smmu_sid_limit && sid_owner[sid] != SID_NONE)
		owner = cellctl_cell(sid_owner[sid]);
	stream_name(sid, name, sizeof(name));
	if (type >= EVT_F_TRANSLATION && type <= EVT_F_PERMISSION && owner &&
	    owner != &root_cell) {
		cell_fail_dma(owner,
			      "DMA of stream %#x%s: %s %#llx blocked: %s", sid,
			      name, dir, (unsigned long long)e[2],
			      event_name(type));
		return;
	}
	if (!ratelimit_allow(&evt_limit))
		return;
	if (type >= EVT_F_TRANSLATION && type <= EVT_F_PERMISSION)
		printk("SMMU: stream %#x%s of cell \"%s\": %s %#llx blocked: %s\n",
		       sid, name, owner ? owner->name : "?", dir,
		       (unsigned long long)e[2], event_name(type));
	else
		printk("SMMU: stream %#x%s: event %#x: %s; its DMA is aborted\n",
		       sid, name, type, event_name(type));
}

static void events(void)
{
	u32 prod, cons, n;

	spin_lock(&smmu_lock);
	prod = rd32(SMMU_EVENTQ_PROD);
	cons = rd32(SMMU_EVENTQ_CONS);
	while ((prod ^ cons) & ((2u << EVTQ_LOG2) - 1u)) {
		n = Q_IDX(cons, EVTQ_LOG2);
		event_one(&evtq[(size_t)n * 4u]);
		cons = (cons & ~((2u << EVTQ_LOG2) - 1u)) |
		       ((cons + 1u) & ((2u << EVTQ_LOG2) - 1u));
		wr32(SMMU_EVENTQ_CONS, cons);
	}
	if ((prod ^ cons) & EVTQ_OVFLG) {
		printk("SMMU: event queue overflowed: events were lost\n");
		wr32(SMMU_EVENTQ_CONS,
		     (cons & ~EVTQ_OVFLG) | (prod & EVTQ_OVFLG));
	}
	spin_unlock(&smmu_lock);
}

/* GERROR bits that differ from GERRORN are active (6.3.16). */
static void global_errors(void)
{
	static const char *const what[9] = {
		"command queue error",	   "",
		"event queue write abort", "PRI queue write abort",
		"command queue MSI abort", "event queue MSI abort",
		"PRI queue MSI abort",	   "GERROR MSI abort",
		"service failure mode",
	};
	u32 active = rd32(SMMU_GERROR) ^ rd32(SMMU_GERRORN);
	unsigned int b;

	for (b = 0; b < 9u; b++)
		if ((active & BIT(b)) && ratelimit_allow(&evt_limit))
			printk("SMMU: global error: %s (event queue %#x/%#x, command queue %#x/%#x)\n",
			       what[b], rd32(SMMU_EVENTQ_PROD),
			       rd32(SMMU_EVENTQ_CONS), rd32(SMMU_CMDQ_PROD),
			       rd32(SMMU_CMDQ_CONS));
	wr32(SMMU_GERRORN, rd32(SMMU_GERROR));
}

bool smmu_irq(u32 intid)
{
	const struct warden_platform *p = &hyp.config->platform;

	if (!smmu || (intid != p->smmu_evtq_irq && intid != p->smmu_gerror_irq))
		return false;
	if (intid == p->smmu_gerror_irq)
		global_errors();
	else
		events();
	return true;
}
