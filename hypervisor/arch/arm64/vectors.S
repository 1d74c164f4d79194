/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 vector table (ARM ARM D1.10.2).  Exceptions from EL1 save a trap frame
 * on this CPU's stack and call C; anything taken from EL2 itself is a
 * hypervisor bug and ends in arch_hyp_fault().  EL2 runs with IRQs masked.
 */
#include <asm/asm-offsets.h>
#include <asm/frame.inc>

#define IRQ_FRAME_SIZE (16 * 10)

.macro vector handler
	.align	7
	b	\handler
.endm

	.text
	.align	11
	.globl	hyp_vectors
hyp_vectors:
	vector	el2_fault		/* current EL, SP_EL0 */
	vector	el2_fault
	vector	el2_fault
	vector	el2_fault
	vector	el2_fault		/* current EL, SP_ELx */
	vector	el2_fault
	vector	el2_fault
	vector	el2_fault
	vector	lower_sync		/* lower EL, AArch64 */
	vector	lower_irq
	vector	lower_fiq
	vector	lower_serror
	vector	el2_fault		/* lower EL, AArch32: not supported */
	vector	el2_fault
	vector	el2_fault
	vector	el2_fault

lower_sync:
	save_frame
	mov	x0, sp
	bl	arch_handle_sync
	b	trap_return

/*
 * An interrupt saves only what C may change: x0-x18 and x30.  C keeps
 * x19-x29 (AAPCS64 callee-saved), and no interrupt path reads or writes the
 * interrupted registers: a CPU whose cell must stop parks (powers off) and
 * never returns here.  ELR_EL2 and SPSR_EL2 stay as they are, because EL2
 * takes no exception meanwhile (IRQs masked; a fault at EL2 panics).
 */
lower_irq:
	sub	sp, sp, #IRQ_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x30, [sp, #16 * 9]
	bl	arch_handle_irq
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x30, [sp, #16 * 9]
	add	sp, sp, #IRQ_FRAME_SIZE
	eret

lower_fiq:
	save_frame
	mov	x0, sp
	bl	arch_handle_fiq
	b	trap_return

lower_serror:
	save_frame
	mov	x0, sp
	bl	arch_handle_serror
	b	trap_return

el2_fault:
	save_frame
	mov	x0, sp
	bl	arch_hyp_fault		/* does not return */
	b	.

	.globl	trap_return
trap_return:
	ldp	x0, x1, [sp, #FRAME_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
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
	ldr	x30, [sp, #16 * 15]
	add	sp, sp, #FRAME_SIZE
	eret
