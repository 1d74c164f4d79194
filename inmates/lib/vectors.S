/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL1 exception vectors (ARM ARM D1.10.2, "Exception vectors"): 16 entries
 * of 0x80 bytes, the table 2 KiB aligned.  IRQs taken from EL1h go to the
 * GIC dispatcher; everything else is a fault: fault_report() prints it and
 * stops the cell.
 *
 * The frame is struct fault_frame (fault.h): x0..x30, ELR_EL1, SPSR_EL1.
 * FP/SIMD registers are not saved: inmates are built -mgeneral-regs-only.
 */
#include <inmate/layout.h>

.macro save_regs
	sub	sp, sp, #INMATE_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, elr_el1
	mrs	x22, spsr_el1
	stp	x30, x21, [sp, #16 * 15]
	str	x22, [sp, #16 * 16]
.endm

.macro restore_regs
	ldp	x30, x21, [sp, #16 * 15]
	ldr	x22, [sp, #16 * 16]
	msr	elr_el1, x21
	msr	spsr_el1, x22
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	add	sp, sp, #INMATE_FRAME_SIZE
.endm

/* A fault entry: vector number (group * 4 + type) for fault_report(). */
.macro fault_entry num
	.balign 0x80
	save_regs
	mov	x0, #\num
	mov	x1, sp
	bl	fault_report
.endm

	.section .text.vectors, "ax"
	.balign 0x800
	.global vectors
vectors:
	/* Current EL with SP_EL0: never used */
	fault_entry 0
	fault_entry 1
	fault_entry 2
	fault_entry 3
	/* Current EL with SP_ELx */
	fault_entry 4
	.balign 0x80
	b	vectors_irq
	fault_entry 6
	fault_entry 7
	/* Lower EL, AArch64 and AArch32: there is none */
	fault_entry 8
	fault_entry 9
	fault_entry 10
	fault_entry 11
	fault_entry 12
	fault_entry 13
	fault_entry 14
	fault_entry 15

	.text
	.type vectors_irq, %function
vectors_irq:
	save_regs
	bl	gic_handle_irq
	restore_regs
	eret
	.size vectors_irq, . - vectors_irq
