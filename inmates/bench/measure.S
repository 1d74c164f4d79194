/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The measuring code that C cannot express to the instruction: stamps
 * (17 back-to-back counter reads, measure.h), the measuring IRQ vector and
 * the timed loops.
 */
#include <inmate/layout.h>
#include "measure.h"

.macro stamp regs:vararg
	.irp r, \regs
	mrs	\r, cntvct_el0
	.endr
.endm

/* Store the registers at base, base + 8, ... */
.macro save_reads base, regs:vararg
	.set	.Lsave_off, 0
	.irp r, \regs
	str	\r, [\base, #.Lsave_off]
	.set	.Lsave_off, .Lsave_off + 8
	.endr
.endm

#define STAMP_X0_X16 x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16

/*
 * VBAR_EL1 table (ARM ARM D1.10.2).  Only the IRQ from EL1h entry differs
 * from the library's `vectors`: it stamps first.  It may clobber x0..x17,
 * so it is only unmasked around code that expects that
 * (measure_spin_irq(), measure_idle_irq()).
 */
	.section .text.vectors, "ax"
	.balign 0x800
	.global measure_vectors
measure_vectors:
	.irp n, 0, 1, 2, 3, 4
	.balign 0x80
	b	vectors + \n * 0x80
	.endr
	.balign 0x80
	stamp	STAMP_X0_X16
	b	measure_irq_tail
	.irp n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign 0x80
	b	vectors + \n * 0x80
	.endr

	.text
	.type measure_irq_tail, %function
measure_irq_tail:
	stp	x18, x30, [sp, #-16]!
	mrs	x18, tpidr_el1
	adrp	x17, measure_irq_reads
	add	x17, x17, :lo12:measure_irq_reads
	add	x17, x17, x18, lsl #MEASURE_CPU_SHIFT
	save_reads x17, STAMP_X0_X16
	bl	measure_irq
	ldp	x18, x30, [sp], #16
	eret
	.size measure_irq_tail, . - measure_irq_tail

/* x0 = flag: spin with IRQs unmasked until the word is non-zero. */
	.global measure_spin_irq
	.type measure_spin_irq, %function
measure_spin_irq:
	stp	x19, x20, [sp, #-16]!
	mov	x19, x0
	msr	daifclr, #2
1:	ldr	w20, [x19]
	cbz	w20, 1b
	msr	daifset, #2
	ldp	x19, x20, [sp], #16
	ret
	.size measure_spin_irq, . - measure_spin_irq

/*
 * x0 = flag: wait in WFI until the word is non-zero.  IRQs stay masked
 * while the flag is tested and during WFI (a pending interrupt still wakes
 * it, ARM ARM D1.6.2), and are unmasked only between the two, so a tick
 * that fires just before the WFI cannot be slept through.
 */
	.global measure_wait_irq
	.type measure_wait_irq, %function
measure_wait_irq:
	stp	x19, x20, [sp, #-16]!
	mov	x19, x0
1:	ldr	w20, [x19]
	cbnz	w20, 2f
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	b	1b
2:	ldp	x19, x20, [sp], #16
	ret
	.size measure_wait_irq, . - measure_wait_irq

	.global measure_idle_irq
	.type measure_idle_irq, %function
measure_idle_irq:
	msr	daifclr, #2
1:	wfi
	b	1b
	.size measure_idle_irq, . - measure_idle_irq

/* x0 = reads[MEASURE_READS] */
	.global measure_stamp
	.type measure_stamp, %function
measure_stamp:
	stamp	x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17
	save_reads x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17
	ret
	.size measure_stamp, . - measure_stamp

/* x0 = reads, x1 = ICC_SGI1R_EL1 value */
	.global measure_stamp_sgi1r
	.type measure_stamp_sgi1r, %function
measure_stamp_sgi1r:
	str	x19, [sp, #-16]!
	/* what the receiver reads must be visible before the SGI */
	dsb	sy
	stamp	x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x19
	msr	icc_sgi1r_el1, x1
	isb
	save_reads x0, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x19
	ldr	x19, [sp], #16
	ret
	.size measure_stamp_sgi1r, . - measure_stamp_sgi1r

/* x0 = reads, x1 = GICD_SGIR address, w2 = value */
	.global measure_stamp_sgir
	.type measure_stamp_sgir, %function
measure_stamp_sgir:
	stp	x19, x20, [sp, #-16]!
	dsb	sy
	stamp	x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x19, x20
	str	w2, [x1]
	save_reads x0, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, x16, x17, x19, x20
	ldp	x19, x20, [sp], #16
	ret
	.size measure_stamp_sgir, . - measure_stamp_sgir

/* Counter read with nothing before it left in flight (D11.2.2). */
.macro now reg
	isb
	mrs	\reg, cntvct_el0
.endm

/* x0 = n: the loop alone */
	.global measure_loop_empty
	.type measure_loop_empty, %function
measure_loop_empty:
	now	x1
1:	subs	x0, x0, #1
	b.ne	1b
	now	x2
	sub	x0, x2, x1
	ret
	.size measure_loop_empty, . - measure_loop_empty

/* x0 = n, x1 = address: 32-bit loads */
	.global measure_loop_ldr32
	.type measure_loop_ldr32, %function
measure_loop_ldr32:
	now	x3
1:	ldr	w2, [x1]
	subs	x0, x0, #1
	b.ne	1b
	now	x4
	sub	x0, x4, x3
	ret
	.size measure_loop_ldr32, . - measure_loop_ldr32

/*
 * x0 = n, x1 = address: 32-bit loads into w19, a callee-saved register,
 * which compiled code often holds values in: Warden's light exit path
 * serves x0-x18 and x30 only, so this one takes the full frame.
 */
	.global measure_loop_ldr32_x19
	.type measure_loop_ldr32_x19, %function
measure_loop_ldr32_x19:
	str	x19, [sp, #-16]!
	now	x3
1:	ldr	w19, [x1]
	subs	x0, x0, #1
	b.ne	1b
	now	x4
	sub	x0, x4, x3
	ldr	x19, [sp], #16
	ret
	.size measure_loop_ldr32_x19, . - measure_loop_ldr32_x19

/* x0 = n, x1 = address, w2 = value: 32-bit stores */
	.global measure_loop_str32
	.type measure_loop_str32, %function
measure_loop_str32:
	now	x3
1:	str	w2, [x1]
	subs	x0, x0, #1
	b.ne	1b
	now	x4
	sub	x0, x4, x3
	ret
	.size measure_loop_str32, . - measure_loop_str32

/* SMCCC calls may change x0..x17: count and function live in x19, x20. */
.macro call_loop insn
	stp	x19, x20, [sp, #-32]!
	str	x21, [sp, #16]
	mov	x19, x0
	mov	x20, x1
	now	x21
1:	mov	x0, x20
	\insn	#0
	subs	x19, x19, #1
	b.ne	1b
	now	x0
	sub	x0, x0, x21
	ldr	x21, [sp, #16]
	ldp	x19, x20, [sp], #32
	ret
.endm

/* x0 = n, x1 = function ID */
	.global measure_loop_hvc
	.type measure_loop_hvc, %function
measure_loop_hvc:
	call_loop hvc
	.size measure_loop_hvc, . - measure_loop_hvc

	.global measure_loop_smc
	.type measure_loop_smc, %function
measure_loop_smc:
	call_loop smc
	.size measure_loop_smc, . - measure_loop_smc

	.bss
	.balign 64
	.global measure_irq_reads
measure_irq_reads:
	.skip	INMATE_MAX_CPUS << MEASURE_CPU_SHIFT
