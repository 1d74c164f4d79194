/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EL2 register fields Warden uses, and their access (asm/insn.h).  Field
 * positions are from the ARM ARM (DDI 0487), chapter D17 (register
 * descriptions); the section of each register is named where it is defined.
 */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <asm/barrier.h>
#include <asm/insn.h>
#include <hyp/types.h>

/* HCR_EL2 (D17.2.48) */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_PTW BIT(2)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_FB BIT(9)
#define HCR_BSU_IS (1UL << 10)
#define HCR_TWI BIT(13)
#define HCR_TWE BIT(14)
#define HCR_TSC BIT(19)
#define HCR_TIDCP BIT(20)
#define HCR_TACR BIT(21)
#define HCR_RW BIT(31)

/* SCTLR_EL2 without VHE (D17.2.118): RES1 bits, and what Warden sets */
#define SCTLR_EL2_RES1 0x30c50830UL
#define SCTLR_M BIT(0)
#define SCTLR_A BIT(1)
#define SCTLR_C BIT(2)
#define SCTLR_SA BIT(3)
#define SCTLR_I BIT(12)
#define SCTLR_WXN BIT(19)

/* SCTLR_EL1 (D17.2.118): RES1 bits of ARMv8.0; MMU, caches off */
#define SCTLR_EL1_RES1 0x30d00800UL

/* TCR_EL2 without VHE (D17.2.131) */
#define TCR_EL2_RES1 (BIT(31) | BIT(23))
#define TCR_T0SZ(bits) (64UL - (bits))
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_INNER (3UL << 12)
#define TCR_TG0_4K (0UL << 14)
#define TCR_PS_SHIFT 16

/* VTCR_EL2 (D17.2.150) */
#define VTCR_RES1 BIT(31)
#define VTCR_SL0_SHIFT 6
#define VTCR_PS_SHIFT 16

/* MAIR indices used by EL2 stage 1 */
#define MAIR_ATTR_NORMAL 0 /* 0xff: Normal, inner/outer WB RW-allocate */
#define MAIR_ATTR_DEVICE 1 /* 0x04: Device-nGnRE */
#define MAIR_EL2_VALUE 0x04ffUL

/* ESR_ELx (D17.2.40) */
#define ESR_EC_SHIFT 26
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL BIT(25)
#define ESR_ISS(esr) ((esr)&0x1ffffff)
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24

/* Data abort ISS (D17.2.40, "ISS encoding for a Data Abort") */
#define DABT_ISV BIT(24)
#define DABT_SAS(iss) (((iss) >> 22) & 3)
#define DABT_SSE BIT(21)
#define DABT_SRT(iss) (((iss) >> 16) & 0x1f)
#define DABT_SF BIT(15)
#define DABT_WNR BIT(6)
#define DABT_S1PTW BIT(7)
/* DFSC 0b0011xx: permission fault at level xx (D17.2.40) */
#define DABT_IS_PERM(iss) (((iss)&0x3c) == 0x0c)

/* SPSR_EL2 for entering EL1h with all exceptions masked */
#define SPSR_EL1H_MASKED 0x3c5UL

/* ID_AA64MMFR0_EL1.PARange (D17.2.64) */
#define MMFR0_PARANGE(v) ((v)&0xf)

/* CPTR_EL2 without VHE (D17.2.30): RES1 bits; TFP etc. left clear */
#define CPTR_EL2_RES1 0x33ffUL

/* CNTHCTL_EL2 (D17.2.27): EL1 may use the physical counter and timer */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN BIT(1)

#define MPIDR_AFF_MASK 0xff00ffffffUL

#endif /* ASM_SYSREG_H */
