// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synchronous exceptions from EL1, dispatched by exception class (ESR_EL2.EC,
 * ARM ARM D17.2.40).  Only what HCR_EL2 routes here arrives: HVC, trapped
 * SMC, stage-2 data aborts, the GICv3 SGI register and, from inmates, the
 * IMPLEMENTATION DEFINED registers.
 */
#include <stdarg.h>

#include <warden/hypercall.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <hyp/cell.h>
#include <hyp/control.h>
#include <hyp/mmio.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>
#include <hyp/ratelimit.h>

/* Stub calls (docs/architecture.md): the kernel's hyp stub answers this to unknown x0 */
#define HVC_STUB_ERR 0xbadca11UL
#define SMCCC_OWNER(fid) (((fid) >> 24) & 0x3f)

/*
 * Step over the trapped instruction: 4 bytes, or 2 if ESR_EL2.IL (bit 25)
 * is 0, without a branch.
 */
static void skip_insn(struct trap_frame *f, u64 esr)
{
	f->elr += 2u + ((esr & ESR_IL) >> 24);
}

static inline void handle_hvc(struct trap_frame *f)
{
	u64 fid = f->x[0];

	this_cpu()->stats[STAT_HVC]++;
	/*
	 * Below the SMCCC range are the kernel hyp stub's calls.  While
	 * Warden runs, EL2 is not Linux's to change: refuse them all the way
	 * the stub refuses an unknown call.
	 */
	if (!(fid & WARDEN_SMCCC_FAST) || (fid >> 32))
		f->x[0] = HVC_STUB_ERR;
	else if (SMCCC_OWNER(fid) == WARDEN_SMCCC_OWNER_HYP)
		control_hypercall(f, fid);
	else
		f->x[0] = (u64)psci_handle(f, fid);
}

static inline void handle_smc(struct trap_frame *f, u64 esr)
{
	this_cpu()->stats[STAT_SMC]++;
	/* a trapped SMC returns to itself (D1.10.4): step over it */
	skip_insn(f, esr);
	f->x[0] = (u64)psci_handle(f, f->x[0]);
}

/* Exception classes a cell can cause (D17.2.40), for reports in words. */
static const char *ec_name(u64 ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "undefined instruction";
	case EC_IABT_LOW:
		return "instruction abort";
	case EC_DABT_LOW:
		return "data abort";
	default:
		return "unexpected exception";
	}
}

/*
 * A cell broke a rule.  An inmate cell is stopped and marked failed, with
 * the reason in words; the root cell cannot be stopped, so the access is
 * reported and skipped (a read returns 0).
 */
static void cell_fault(struct trap_frame *f, u64 esr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cell_fault(struct trap_frame *f, u64 esr, const char *fmt, ...)
{
	static struct ratelimit root_faults =
		RATELIMIT_INIT(10, "faults of the root cell");
	struct per_cpu *pc = this_cpu();
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (pc->cell != &root_cell)
		cell_fail(pc, "%s, CPU %u, PC %#llx (ESR %#llx)", what, pc->cpu,
			  (unsigned long long)f->elr, (unsigned long long)esr);
	/* a root that retries what it may not do must not flood the UART */
	if (!ratelimit_allow(&root_faults))
		return;
	printk("cell \"%s\": %s, CPU %u, PC %#llx (ESR %#llx)\n",
	       pc->cell->name, what, pc->cpu, (unsigned long long)f->elr,
	       (unsigned long long)esr);
}

/*
 * Why a data abort was not emulated (rare: kept off the emulation path).
 * Returns true, having reported nothing, if the access is to be retried:
 * a translation fault on a page that is mapped again met another CPU's
 * break-before-make of the cell's stage 2 (a block split while the cell
 * runs, its.c).
 */
static __attribute__((cold, noinline)) bool
dabt_refused(struct trap_frame *f, u64 esr, const struct mmio_access *acc,
	     const char *why)
{
	if (!DABT_IS_PERM(ESR_ISS(esr)) &&
	    !paging_lookup(&this_cpu()->cell->stage2, acc->addr, NULL, NULL,
			   NULL))
		return true;
	if (!acc->size) {
		cell_fault(f, esr, "data abort at %#llx without syndrome",
			   (unsigned long long)acc->addr);
		return false;
	}
	cell_fault(f, esr, "data abort: %u-byte %s %#llx (%s)", acc->size,
		   acc->write ? "write to" : "read of",
		   (unsigned long long)acc->addr, why);
	return false;
}

/*
 * A load of `size` bytes, sign-extended to 64 bits (D17.2.40, ISS.SSE):
 * flipping the sign bit and subtracting it extends it, unsigned only.
 */
static u64 sign_extend(u64 v, unsigned int size)
{
	u64 out = v;

	if (size < 8u) {
		u64 sign = (u64)1u << (((u64)size * 8u) - 1u);
		out = ((v & ((sign << 1u) - 1u)) ^ sign) - sign;
	}
	return out;
}

/*
 * Stage-2 data abort: emulate the access if a device of the cell owns it.
 * A load's value goes to the transfer register zero-extended from 32 bits
 * for a W register (ISS.SF 0); a doubleword access (SAS 3) has an X register
 * (D17.2.40), and is kept whole even if a syndrome said otherwise.
 */
static inline __attribute__((always_inline)) void
handle_dabt(struct per_cpu *pc, struct trap_frame *f, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int rt = (unsigned int)DABT_SRT(iss);
	struct mmio_access acc;
	enum mmio_result res;

	pc->stats[STAT_MMIO]++;
	acc.addr = (read_sysreg(hpfar_el2) >> 4) << 12 |
		   (read_sysreg(far_el2) & 0xfff);
	acc.value = 0;
	acc.write = iss & DABT_WNR;
	/* without a valid syndrome the instruction cannot be emulated */
	if (!(iss & DABT_ISV) || (iss & DABT_S1PTW)) {
		acc.size = 0;
		if (dabt_refused(f, esr, &acc, NULL))
			return;
		goto skip;
	}
	acc.size = 1u << DABT_SAS(iss);
	if (acc.write)
		acc.value = frame_reg(f, rt);
	/*
	 * A permission fault: mapped, but not for this access.  A write may
	 * be the cell's to make through the hypervisor (the ITS's first-level
	 * device table, its.c); else it is a peer's section of a link.
	 */
	res = (!DABT_IS_PERM(iss) || acc.write) ?
		      mmio_dispatch(pc->cell, &acc) :
		      MMIO_UNHANDLED;
	if (res != MMIO_HANDLED) {
		if (dabt_refused(f, esr, &acc,
				 DABT_IS_PERM(iss) ?
					 "read-only for this cell" :
				 res == MMIO_ERROR ?
					 "an access the device does not allow" :
					 "not assigned to this cell"))
			return;
		acc.value = 0;
	}
	if (!(iss & DABT_WNR) && rt != 31) {
		/* LDRSB/LDRSH/LDRSW: ISS.SSE asks for sign extension */
		if ((iss & DABT_SSE) != 0u)
			acc.value = sign_extend(acc.value, acc.size);
		f->x[rt] = ((iss & DABT_SF) || (acc.size == 8u)) ?
				   acc.value :
				   (u32)acc.value;
	}
skip:
	skip_insn(f, esr);
}

/* ISS of a trapped MSR/MRS (D17.2.40): Op0, Op2, Op1, CRn, Rt, CRm, dir */
#define SYSREG_ISS(op0, op1, crn, crm, op2)                             \
	(((u64)(op0) << 20) | ((u64)(op2) << 17) | ((u64)(op1) << 14) | \
	 ((u64)(crn) << 10) | ((u64)(crm) << 1))
#define SYSREG_MASK SYSREG_ISS(3, 7, 15, 15, 7)
#define ISS_ICC_SGI1R SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ACTLR_EL1 SYSREG_ISS(3, 0, 1, 0, 1)
#define ISS_OP0(iss) (((iss) >> 20) & 3)
#define ISS_OP2(iss) (((iss) >> 17) & 7)
#define ISS_OP1(iss) (((iss) >> 14) & 7)
#define ISS_CRN(iss) (((iss) >> 10) & 15)
#define ISS_CRM(iss) (((iss) >> 1) & 15)
#define ISS_RT(iss) ((unsigned int)((iss) >> 5) & 0x1f)

/*
 * Why a register trapped, in words.  Only HCR_EL2.TACR and TIDCP make an
 * inmate's register access trap besides ICC_SGI1R_EL1 (setup.c).
 */
static const char *sysreg_why(u64 iss)
{
	if ((iss & SYSREG_MASK) == ISS_ACTLR_EL1)
		return "ACTLR_EL1, implementation defined";
	if (ISS_OP0(iss) == 3 && (ISS_CRN(iss) == 11 || ISS_CRN(iss) == 15))
		return "implementation defined";
	return "trapped";
}

/*
 * A register access the cell may not make.  The report names the register
 * in the generic S<op0>_<op1>_C<n>_C<m>_<op2> form, which every assembler
 * accepts, so the user can find the instruction in the inmate's source.
 */
static void sysreg_refuse(struct trap_frame *f, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int rt = ISS_RT(iss);
	bool read = iss & 1;

	cell_fault(
		f, esr,
		"system register: %s S%llu_%llu_C%llu_C%llu_%llu (%s; not allowed in a cell)",
		read ? "read of" : "write to", (unsigned long long)ISS_OP0(iss),
		(unsigned long long)ISS_OP1(iss),
		(unsigned long long)ISS_CRN(iss),
		(unsigned long long)ISS_CRM(iss),
		(unsigned long long)ISS_OP2(iss), sysreg_why(iss));
	if (read && rt != 31)
		f->x[rt] = 0;
}

static void handle_sysreg(struct trap_frame *f, u64 esr)
{
	u64 iss = ESR_ISS(esr);
	unsigned int rt = ISS_RT(iss);
	struct per_cpu *pc = this_cpu();

	pc->stats[STAT_SYSREG]++;
	if ((iss & SYSREG_MASK) == ISS_ICC_SGI1R && !(iss & 1))
		gicv3_handle_sgi1r(pc, frame_reg(f, rt));
	else
		sysreg_refuse(f, esr);
	skip_insn(f, esr);
}

void arch_handle_sync(struct trap_frame *f)
{
	u64 esr = read_sysreg(esr_el2);

	this_cpu()->stats[STAT_EXITS]++;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		handle_hvc(f);
		break;
	case EC_SMC64:
		handle_smc(f, esr);
		break;
	case EC_DABT_LOW:
		handle_dabt(this_cpu(), f, esr);
		break;
	case EC_SYSREG:
		handle_sysreg(f, esr);
		break;
	case EC_IABT_LOW:
		cell_fault(
			f, esr,
			"instruction abort: fetch from %#llx (not assigned to this cell)",
			(unsigned long long)((read_sysreg(hpfar_el2) >> 4)
						     << 12 |
					     (read_sysreg(far_el2) & 0xfff)));
		skip_insn(f, esr);
		break;
	default:
		cell_fault(f, esr, "%s (exception class %#llx), FAR %#llx",
			   ec_name(ESR_EC(esr)),
			   (unsigned long long)ESR_EC(esr),
			   (unsigned long long)read_sysreg(far_el2));
		skip_insn(f, esr);
		break;
	}
}

/* Registers of the light frame: x0-x17, x30 (and xzr as register 31). */
static bool light_reg(unsigned int r)
{
	return r <= 17 || r >= 30;
}

/*
 * Calls (HVC or SMC) that need the whole frame: DISABLE leaves EL2 with it,
 * and a cell's SYSTEM_RESET sets the CPU's whole state.
 */
static bool call_needs_frame(u64 fid)
{
	return fid == WARDEN_HC_DISABLE || psci_is_reset(fid);
}

_Static_assert(CONTROL_FN_MAX == 0xffffUL, "hvc_light() tests n >> 16");

/* Both counters of a hypercall; they are adjacent (one load, one store). */
static inline void count_hvc(struct per_cpu *pc)
{
	pc->stats[STAT_EXITS]++;
	pc->stats[STAT_HVC]++;
}

/*
 * An HVC on the light path that is not one of Warden's own SMC64 calls:
 * a stub call, a PSCI call or an SMC32 query of owner 6.  Returns false,
 * having changed nothing, for SYSTEM_RESET.
 */
static __attribute__((noinline)) bool
hvc_light_other(struct per_cpu *pc, struct trap_frame *f, u64 fid)
{
	bool stub = !(fid & WARDEN_SMCCC_FAST) || (fid >> 32);
	bool ours = SMCCC_OWNER(fid) == WARDEN_SMCCC_OWNER_HYP;

	if (!stub && !ours && psci_is_reset(fid))
		return false;
	count_hvc(pc);
	if (stub)
		f->x[0] = HVC_STUB_ERR;
	else if (ours)
		control_hypercall(f, fid);
	else
		f->x[0] = (u64)psci_handle(f, fid);
	return true;
}

/*
 * An HVC on the light path: handle_hvc() with the two calls that need the
 * whole frame (call_needs_frame()) sorted out on the way.  Warden's own
 * calls come first, found with one subtraction and one test (control.h);
 * DISABLE is the only one among them that needs the whole frame.  Returns
 * false, having changed nothing, for DISABLE and SYSTEM_RESET.
 */
static inline bool hvc_light(struct per_cpu *pc, struct trap_frame *f)
{
	u64 fid = f->x[0], n = fid - WARDEN_HC_BASE;

	if ((n >> 16u) != 0u)
		return hvc_light_other(pc, f, fid);
	if (__builtin_expect(n == WARDEN_HC_DISABLE - WARDEN_HC_BASE, 0))
		return false;
	count_hvc(pc);
	control_own_call(f, fid, n);
	return true;
}

/*
 * A data abort on the light path, if its transfer register is in the light
 * frame.  Without a valid syndrome SRT means nothing (D17.2.40) and may
 * send the exit to the full path, which handles every case.
 */
static __attribute__((noinline)) bool dabt_light(struct trap_frame *f, u64 esr)
{
	struct per_cpu *pc = this_cpu();

	if (!light_reg((unsigned int)DABT_SRT(ESR_ISS(esr))))
		return false;
	pc->stats[STAT_EXITS]++;
	handle_dabt(pc, f, esr);
	return true;
}

/* The light path of the other exception classes (arch_handle_sync_light()). */
static __attribute__((noinline)) bool sync_light_other(struct trap_frame *f,
						       u64 esr)
{
	struct per_cpu *pc = this_cpu();
	u64 ec = ESR_EC(esr), iss = ESR_ISS(esr);

	if (ec == EC_SYSREG && light_reg(ISS_RT(iss))) {
		pc->stats[STAT_EXITS]++;
		handle_sysreg(f, esr);
		return true;
	}
	if (ec == EC_SMC64 && !call_needs_frame(f->x[0])) {
		pc->stats[STAT_EXITS]++;
		handle_smc(f, esr);
		return true;
	}
	return false;
}

/*
 * The light path of a synchronous exit (lower_sync in vectors.S): the frame
 * holds only x0-x17, x30 and ELR_EL2, so an exit is finished here only when
 * its handler reads and writes nothing else.  That covers every HVC and
 * SMC but two (call_needs_frame()) and every trapped MMIO or system
 * register access whose transfer register is one of them.  Returns false,
 * having changed nothing, for the full path.  Hypercalls and data aborts,
 * the most frequent, are sorted out first, each into its own function (a
 * tail call), so that no path pays for another's stack frame.
 */
bool arch_handle_sync_light(struct trap_frame *f, u64 esr)
{
	u64 ec = ESR_EC(esr);

	if (ec == EC_HVC64)
		return hvc_light(this_cpu(), f);
	if (ec == EC_DABT_LOW)
		return dabt_light(f, esr);
	return sync_light_other(f, esr);
}

void arch_handle_irq(void)
{
	struct per_cpu *pc = this_cpu();

	pc->stats[STAT_EXITS]++;
	gic->handle_irq(pc);
}

/*
 * Group 0 is the hypervisor's own SGI on the CPUs of a direct cell (gic-v3.c);
 * elsewhere every interrupt is Group 1 and an FIQ is spurious.
 */
void arch_handle_fiq(struct trap_frame *f)
{
	struct per_cpu *pc = this_cpu();

	(void)f;
	pc->stats[STAT_EXITS]++;
	gic->handle_fiq(pc);
}

void arch_handle_serror(struct trap_frame *f)
{
	cell_fault(f, read_sysreg(esr_el2), "SError");
}

void arch_hyp_fault(struct trap_frame *f)
{
	panic("EL2 exception: ESR %#llx ELR %#llx FAR %#llx\n",
	      (unsigned long long)read_sysreg(esr_el2),
	      (unsigned long long)f->elr,
	      (unsigned long long)read_sysreg(far_el2));
}
