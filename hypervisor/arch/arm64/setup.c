// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm64 side of bring-up: what each CPU changes at EL2 to run a cell, and
 * exactly how it puts things back at disable.
 */
#include <asm/gic.h>
#include <asm/its.h>
#include <asm/mmu.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/arch.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>

/*
 * HCR_EL2 (D17.2.48) while a cell runs: stage 2 on; IRQs and FIQs to EL2
 * (they are injected through the list registers); SMC trapped for PSCI.
 * WFI/WFE are not trapped: a cell's CPUs are its own.  FB and BSU (forced
 * broadcast of TLB maintenance, upgraded barriers) stay clear: a cell's
 * virtual CPUs never move between physical CPUs, so its local TLB and cache
 * maintenance is already complete, and forcing broadcasts would only slow
 * every other cell down.
 */
#define HCR_CELL (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_TSC | HCR_RW)

/*
 * An inmate also may not touch the IMPLEMENTATION DEFINED registers: ACTLR_EL1
 * (TACR) and the op0 == 3, CRn == 11 or 15 encodings (TIDCP).  On real cores
 * they hold cluster-wide controls (L2 configuration, SMP coherency enable,
 * errata chicken bits) that would change the machine under every other cell.
 * Such an access traps, and the cell fails (traps.c).  The root owns the
 * platform and keeps them, as firmware and Linux expect.
 */
#define HCR_INMATE (HCR_CELL | HCR_TACR | HCR_TIDCP)

/*
 * A cell with direct interrupts (WARDEN_CELL_DIRECT_IRQ) runs with IMO
 * clear: physical Group 1 interrupts are taken at EL1, and EL1's Group 1
 * ICC_* registers reach the physical CPU interface (IHI 0069 4.6.3, ARM ARM
 * D1.3.6).  FMO stays set: Group 0, the hypervisor's SGI (gic-v3.c), is
 * taken at EL2 whatever PSTATE.F at EL1 says, and ICC_SGI1R_EL1 writes
 * still trap (IHI 0069 12.7.15: trapped if IMO or FMO is set), so SGI
 * targets stay filtered.
 */
static u64 hcr_for(const struct cell *cell)
{
	if (cell == &root_cell)
		return HCR_CELL;
	return gic_cell_direct(cell) ? HCR_INMATE & ~HCR_IMO : HCR_INMATE;
}

/* The stub state of the first CPU, for CPUs that were off at enable. */
static struct arch_el2_state stub_template;

int arch_setup_global(const struct warden_system *sys)
{
	return gic_setup(&sys->platform);
}

static void save_stub(struct per_cpu *pc, bool fresh)
{
	struct arch_el2_state *s = &pc->arch.stub;

	if (fresh) {
		*s = stub_template;
		return;
	}
	/* sctlr, tcr, mair, ttbr0 and vbar were saved by mmu_enable */
	s->hcr = read_sysreg(hcr_el2);
	s->vtcr = read_sysreg(vtcr_el2);
	s->vttbr = read_sysreg(vttbr_el2);
	s->cptr = read_sysreg(cptr_el2);
	s->mdcr = read_sysreg(mdcr_el2);
	s->cnthctl = read_sysreg(cnthctl_el2);
	s->cntvoff = read_sysreg(cntvoff_el2);
	s->vpidr = read_sysreg(vpidr_el2);
	s->vmpidr = read_sysreg(vmpidr_el2);
	if (!stub_template.vbar)
		stub_template = *s;
}

int arch_cpu_init(struct per_cpu *pc, bool fresh)
{
	const struct arch_el2_state *s;
	int err;

	save_stub(pc, fresh);
	s = &pc->arch.stub;
	/* first, as the only step that can fail: nothing to undo */
	err = gic->cpu_init(pc, fresh);
	if (err)
		return err;
	/* a CPU fresh from reset gets the settings the stub had */
	write_sysreg(cptr_el2, s->cptr);
	write_sysreg(mdcr_el2, s->mdcr);
	write_sysreg(cnthctl_el2,
		     s->cnthctl | CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(vtcr_el2, mmu_vtcr());
	write_sysreg(vttbr_el2, (u64)(uintptr_t)pc->cell->stage2.root |
					((u64)pc->cell->stage2.vmid << 48));
	isb();
	write_sysreg(hcr_el2, hcr_for(pc->cell));
	isb();
	/* drop combined stage-1+2 entries cached before stage 2 existed */
	tlbi(vmalls12e1);
	dsb(nsh);
	isb();
	return 0;
}

void arch_cpu_deinit(struct per_cpu *pc)
{
	const struct arch_el2_state *s = &pc->arch.stub;

	/*
	 * The root's pending interrupts go back to the physical GIC for
	 * Linux; an inmate's are dropped with the cell (its hardware ones
	 * deactivated, so they can fire again for their next owner).
	 */
	if (pc->cell == &root_cell)
		gic_drain(pc);
	else
		gic_discard(pc);
	gic->cpu_deinit(pc);
	write_sysreg(hcr_el2, s->hcr);
	isb();
	tlbi(vmalls12e1);
	dsb(nsh);
	write_sysreg(vttbr_el2, s->vttbr);
	write_sysreg(vtcr_el2, s->vtcr);
	write_sysreg(cptr_el2, s->cptr);
	write_sysreg(mdcr_el2, s->mdcr);
	write_sysreg(cnthctl_el2, s->cnthctl);
	write_sysreg(cntvoff_el2, s->cntvoff);
	isb();
}

/*
 * EL1 as an inmate expects it after reset: MMU and caches off.  (Linux sets
 * SCTLR_EL1 itself first thing, and its CPUs keep what it had.)
 */
static void enter_frame(struct per_cpu *pc, struct trap_frame *frame, u64 entry,
			u64 context)
{
	if (pc->cell != &root_cell) {
		write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
		write_sysreg(vbar_el1, 0);
		isb();
	}
	memset(frame, 0, sizeof(*frame));
	frame->x[0] = context;
	frame->elr = entry;
	frame->spsr = SPSR_EL1H_MASKED;
}

void arch_cpu_on_frame(struct per_cpu *pc, struct trap_frame *frame)
{
	enter_frame(pc, frame, pc->arch.on_entry, pc->arch.on_context);
}

/*
 * SYSTEM_RESET in place: timers stopped, the GIC CPU interface as after
 * power-on, no stale translations or instructions of the previous run.
 */
void arch_cpu_reset(struct per_cpu *pc, struct trap_frame *frame, u64 entry,
		    u64 context)
{
	gic_discard(pc);
	gic->cpu_deinit(pc);
	if (gic->cpu_init(pc, true))
		panic("CPU %u: GIC interface lost in reset\n", pc->cpu);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	enter_frame(pc, frame, entry, context);
	tlbi(vmalls12e1);
	dsb(nsh);
	ic(iallu);
	dsb(nsh);
	isb();
}

u64 arch_time_us(void)
{
	u64 cnt = read_sysreg(cntpct_el0), freq = read_sysreg(cntfrq_el0);

	if (!freq)
		return cnt;
	return cnt / freq * 1000000 + cnt % freq * 1000000 / freq;
}

int arch_cell_init(struct cell *cell)
{
	return gic_cell_init(cell);
}

int arch_cell_memory_check(const struct cell *cell)
{
	return its_cell_check(cell);
}
