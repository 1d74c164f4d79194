// SPDX-License-Identifier: BSD-2-Clause
/*
 * Report an unexpected exception and stop the cell.  The exception class
 * names follow ESR_ELx.EC (ARM ARM D17.2.37).
 */
#include <inmate/inmate.h>
#include <inmate/fault.h>

#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3fu

static const char *fault_ec_name(uint32_t ec)
{
	switch (ec) {
	case 0x00:
		return "unknown reason";
	case 0x01:
		return "trapped WFI/WFE";
	case 0x07:
		return "SVE/SIMD/FP access";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC";
	case 0x16:
		return "HVC";
	case 0x17:
		return "SMC";
	case 0x18:
		return "trapped MSR/MRS/system instruction";
	case 0x20:
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "PC alignment fault";
	case 0x24:
	case 0x25:
		return "data abort";
	case 0x26:
		return "SP alignment fault";
	case 0x2f:
		return "SError";
	case 0x30:
	case 0x31:
		return "breakpoint";
	case 0x32:
	case 0x33:
		return "software step";
	case 0x34:
	case 0x35:
		return "watchpoint";
	case 0x3c:
		return "BRK instruction";
	default:
		return "unexpected exception class";
	}
}

static const char *const fault_types[] = { "synchronous exception", "IRQ",
					   "FIQ", "SError" };
static const char *const fault_groups[] = { "EL1t", "EL1h", "EL0 AArch64",
					    "EL0 AArch32" };

void fault_report(uint64_t vector, struct fault_frame *frame)
{
	uint64_t esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);
	uint32_t ec = (uint32_t)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
	const char *what = fault_types[vector & 3];

	console_emergency();
	if ((vector & 3) == FAULT_TYPE_SYNC)
		what = fault_ec_name(ec);
	else
		printf("FAULT: unexpected %s from %s\n", what,
		       fault_groups[(vector >> 2) & 3]);
	printf("FAULT: %s ESR=0x%lx ELR=0x%lx FAR=0x%lx\n", what, esr,
	       frame->elr, far);
	printf("FAULT: CPU %u SPSR=0x%lx x0=0x%lx x1=0x%lx x30=0x%lx\n",
	       cpu_current(), frame->spsr, frame->x[0], frame->x[1],
	       frame->x[30]);
	psci_system_off();
	cpu_halt();
}
