/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 vector table (ARM ARM D1.10.2).  Exceptions from EL1 save a trap frame
 * on this CPU's stack and call C; anything taken from EL2 itself is a
 * hypervisor bug and ends in arch_hyp_fault().  EL2 runs with IRQs masked.
 */
#include <asm/asm-offsets.h>
#include <asm/frame.inc>

#define IRQ_FRAME_SIZE (16 * 10)

/* lower_sync stores x30 and ELR with one stp */
#if FRAME_ELR != 16 * 15 + 8
#error "struct trap_frame: elr must follow x30"
#endif

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

/*
 * A synchronous exit first saves a light frame: x0-x17, x30 and ELR_EL2.
 * Most exits (hypercalls, trapped MMIO and system register accesses)
 * read and write nothing else, and arch_handle_sync_light() finishes them.
 * For the others it returns false, having changed nothing, and the frame
 * is completed: x18-x29 still hold the cell's values, because C preserves
 * x19-x29 (AAPCS64 callee-saved) and never uses x18 (built with
 * -ffixed-x18, hypervisor/build.mk), and SPSR_EL2 is as it was.
 */
lower_sync:
	sub	sp, sp, #FRAME_SIZE
	store_x0_x17
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #16 * 15]		/* x30 and elr are adjacent */
	mov	x0, sp
	mrs	x1, esr_el2
	bl	arch_handle_sync_light
	cbz	w0, 1f
	ldp	x30, x0, [sp, #16 * 15]
	msr	elr_el2, x0
	load_x0_x17
	add	sp, sp, #FRAME_SIZE
	eret
1:	stp	x18, x19, [sp, #16 * 9]
	store_x20_x29
	mrs	x0, spsr_el2
	str	x0, [sp, #FRAME_ELR + 8]
	mov	x0, sp
	bl	arch_handle_sync
	b	trap_return

/*
 * An interrupt saves only what C may change: x0-x17 and x30.  C keeps
 * x19-x29 (AAPCS64 callee-saved) and leaves x18 alone (-ffixed-x18), and
 * no interrupt path reads or writes the interrupted registers: a CPU whose
 * cell must stop parks (powers off) and never returns here.  ELR_EL2 and
 * SPSR_EL2 stay as they are, because EL2 takes no exception meanwhile
 * (IRQs masked; a fault at EL2 panics).
 */
lower_irq:
	sub	sp, sp, #IRQ_FRAME_SIZE
	store_x0_x17
	str	x30, [sp, #16 * 9]
	bl	arch_handle_irq
	load_x0_x17
	ldr	x30, [sp, #16 * 9]
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
	load_x0_x17
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #16 * 15]
	add	sp, sp, #FRAME_SIZE
	eret
