// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL2 stage-1 translation and the stage-2 geometry.
 *
 * The hypervisor maps its own memory 1:1 (VA == PA), which keeps entry and
 * exit simple: turning the MMU on or off does not move the code under the
 * program counter.  Code is read-only and executable, everything else
 * read-write and never executable (SCTLR_EL2.WXN).
 */
#include <warden/config.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/smmu.h>
#include <asm/spinlock.h>
#include <asm/sysreg.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/setup.h>
#include <hyp/string.h>

struct mmu_boot_params mmu_boot;
static struct paging hyp_paging;
static spinlock_t window_lock; /* one temporary mapping at a time */

extern char __image_start[], __text_end[];

/* PA size in bits from ID_AA64MMFR0_EL1.PARange (D17.2.64). */
static unsigned int pa_bits(void)
{
	static const unsigned char bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	u64 r = MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1));

	return r < ARRAY_SIZE(bits) ? bits[r] : 48;
}

static u64 pa_range(void)
{
	u64 r = MMFR0_PARANGE(read_sysreg(id_aa64mmfr0_el1));

	return r > 5 ? 5 : r; /* no 52-bit output with 4 KiB pages */
}

/*
 * With the 4 KiB granule, a stage 2 that starts at level 0 (VTCR_EL2.SL0 =
 * 2) is valid only when the PA size is 44 bits or more (VTCR_EL2.SL0; a
 * Cortex-A53 has 40, and QEMU faults every walk of such a table at level
 * 0).  Below that the IPA space is 39 bits, one level-1 table: 512 GiB,
 * which holds every address of such a SoC's map that Warden gives out.
 */
static unsigned int ipa_bits(void)
{
	unsigned int b = pa_bits();

	if (b < 44u)
		return (b > 39u) ? 39u : b;
	return (b > 48u) ? 48u : b;
}

/*
 * Stage 2 starts at level 0 when the IPA space needs more than 39 bits,
 * else at level 1 (4 KiB granule, no concatenated tables; D8.2.6).
 */
unsigned int mmu_stage2_root_level(void)
{
	return ipa_bits() > 39 ? 0 : 1;
}

u64 mmu_vtcr(void)
{
	u64 sl0 = mmu_stage2_root_level() == 0 ? 2 : 1;

	return VTCR_RES1 | TCR_T0SZ(ipa_bits()) | (sl0 << VTCR_SL0_SHIFT) |
	       TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
	       (pa_range() << VTCR_PS_SHIFT);
}

static int map_device(paddr_t base, u64 size)
{
	if (!base)
		return 0;
	return paging_map(&hyp_paging, base & ~(PAGE_SIZE - 1),
			  base & ~(PAGE_SIZE - 1), ALIGN_UP(size, PAGE_SIZE),
			  PAGING_RW | PAGING_DEVICE);
}

static int map_platform(const struct warden_platform *p)
{
	int err = map_device(p->gicd_base, gicd_size(p->gic_version));

	if (!err)
		err = map_device(p->uart_base, PAGE_SIZE);
	if (!err && p->gic_version == WARDEN_GIC_V3)
		err = map_device(p->gicr_base, p->gicr_stride * p->num_cpus);
	if (!err && p->gic_version == WARDEN_GIC_V2)
		err = map_device(p->gicc_base, 0x2000);
	if (!err && p->gic_version == WARDEN_GIC_V2)
		err = map_device(p->gich_base, PAGE_SIZE);
	/* the SMMU's two register pages (IHI 0070 6.1), and the ECAM it scans */
	if (!err)
		err = map_device(p->smmu_base, 0x20000);
	/* the ITS's control frame only: the root has the translation frame */
	if (!err && p->gic_version == WARDEN_GIC_V3)
		err = map_device(p->gic_its_base, 0x10000);
	if (!err && p->smmu_base)
		err = map_device(p->pci_ecam_base,
				 ((u64)p->pci_bus_last + 1u - p->pci_bus_first)
					 << 20);
	return err;
}

/*
 * Build the EL2 tables (called with the MMU off by the first CPU) and the
 * register values every CPU loads to turn the MMU on.  48-bit VA, walk from
 * level 0.
 */
int mmu_setup_hyp(const struct warden_system *sys, paddr_t base, u64 size)
{
	paddr_t text_end = (paddr_t)(uintptr_t)__text_end;
	int err;

	err = paging_init(&hyp_paging, &hyp.pool, PAGING_HYP, 0);
	if (err)
		return err;
	err = paging_map(&hyp_paging, base, base, text_end - base,
			 PAGING_READ | PAGING_EXEC);
	if (!err)
		err = paging_map(&hyp_paging, text_end, text_end,
				 base + size - text_end, PAGING_RW);
	if (!err)
		err = map_platform(&sys->platform);
	if (err)
		return err;

	mmu_boot.mair = MAIR_EL2_VALUE;
	mmu_boot.tcr = TCR_EL2_RES1 | TCR_T0SZ(48) | TCR_IRGN0_WBWA |
		       TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
		       (pa_range() << TCR_PS_SHIFT);
	mmu_boot.ttbr0 = (u64)(uintptr_t)hyp_paging.root;
	mmu_boot.sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA |
			 SCTLR_I | SCTLR_WXN;
	return 0;
}

void arch_paging_publish(const struct paging *pg)
{
	(void)pg;
	/* descriptor stores complete before any walk that may use them */
	dsb(ishst);
}

void arch_paging_flush(const struct paging *pg, u64 va)
{
	if (pg->fmt == PAGING_DMA) {
		smmu_flush_va(pg->vmid, va);
		return;
	}
	dsb(ishst);
	if (pg->fmt == PAGING_HYP) {
		tlbi_addr(vae2is, va >> 12);
	} else {
		/*
		 * By IPA, then all stage-1 entries of the VMID, which may
		 * have cached the combined translation (D8.14.5).  The
		 * caller runs with the target VMID loaded.
		 */
		tlbi_addr(ipas2e1is, va >> 12);
		dsb(ish);
		tlbi(vmalle1is);
	}
	dsb(ish);
	isb();
}

/*
 * TLBI VMALLS12E1IS acts on the VMID in VTTBR_EL2 (D8.14.5), so the
 * table's own VMID is loaded for it and the caller's put back.  This CPU
 * is at EL2 all the while, where VTTBR_EL2 translates nothing.
 */
void arch_paging_flush_all(const struct paging *pg)
{
	u64 vttbr = read_sysreg(vttbr_el2);

	if (pg->fmt == PAGING_DMA) {
		smmu_flush_asid(pg->vmid);
		return;
	}
	dsb(ishst);
	if (pg->fmt == PAGING_HYP) {
		tlbi(alle2is);
	} else {
		write_sysreg(vttbr_el2,
			     (u64)(uintptr_t)pg->root | ((u64)pg->vmid << 48));
		isb();
		tlbi(vmalls12e1is);
		dsb(ish);
		write_sysreg(vttbr_el2, vttbr);
	}
	dsb(ish);
	isb();
}

/*
 * Memory outside the hypervisor's own is mapped into EL2 only for as long
 * as one operation takes: a window at VA == PA, Normal write-back, never
 * executable.  It must not overlap anything EL2 maps for good.
 */
static int window_open(paddr_t pa, u64 size)
{
	paddr_t start = pa & ~(PAGE_SIZE - 1);
	u64 len = ALIGN_UP(pa + size, PAGE_SIZE) - start;
	paddr_t p;
	int err;

	if (!size || pa + size < pa)
		return -EINVAL;
	for (p = start; p < start + len; p += PAGE_SIZE)
		if (!paging_lookup(&hyp_paging, p, NULL, NULL, NULL))
			return -EINVAL;
	hyp_paging.live = true;
	err = paging_map(&hyp_paging, start, start, len, PAGING_RW);
	if (err)
		paging_unmap(&hyp_paging, start, len);
	return err;
}

static void window_close(paddr_t pa, u64 size)
{
	paddr_t start = pa & ~(PAGE_SIZE - 1);

	paging_unmap(&hyp_paging, start,
		     ALIGN_UP(pa + size, PAGE_SIZE) - start);
}

int arch_phys_clear(paddr_t pa, u64 size)
{
	int err;

	spin_lock(&window_lock);
	err = window_open(pa, size);
	if (!err) {
		zero_normal((uintptr_t)pa, size);
		/* cells may read it with caches off: zeroes to memory */
		dcache_clean_range((void *)(uintptr_t)pa, size);
		window_close(pa, size);
	}
	spin_unlock(&window_lock);
	return err;
}

int arch_phys_copy_from(void *dst, paddr_t pa, u64 size)
{
	int err;

	spin_lock(&window_lock);
	err = window_open(pa, size);
	if (!err) {
		memcpy(dst, (const void *)(uintptr_t)pa, size);
		window_close(pa, size);
	}
	spin_unlock(&window_lock);
	return err;
}

int arch_phys_copy_to(paddr_t pa, const void *src, u64 size)
{
	int err;

	spin_lock(&window_lock);
	err = window_open(pa, size);
	if (!err) {
		memcpy((void *)(uintptr_t)pa, src, size);
		/* for a GIC that reads memory without snooping the caches */
		dcache_clean_range((void *)(uintptr_t)pa, size);
		window_close(pa, size);
	}
	spin_unlock(&window_lock);
	return err;
}
