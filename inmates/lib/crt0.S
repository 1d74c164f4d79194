/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate start-up.
 *
 * _start is the first byte of the image, the cell's reset address.  The
 * boot CPU enters at EL1h with the MMU and caches off, DAIF masked and
 * x0 = 0.  Secondary CPUs started with PSCI CPU_ON enter at
 * crt0_secondary in the same state, with x0 = the context id, which
 * cpu_start() sets to the CPU's index.
 *
 * Each CPU gets the stack __stacks_start + (index + 1) * INMATE_STACK_SIZE
 * and keeps its index in TPIDR_EL1 (cpu_current()).
 */
#include <inmate/layout.h>

	.section .text.boot, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	mov	x19, #0
	bl	crt0_cpu_setup

	/* Clear the BSS: 8-byte aligned bounds (linker script). */
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	dsb	sy
	bl	startup_boot
	b	crt0_halt

	.text
	.global crt0_secondary
	.type crt0_secondary, %function
crt0_secondary:
	msr	daifset, #0xf
	/* An index without a stack: stop this CPU. */
	cmp	x0, #INMATE_MAX_CPUS
	b.hs	crt0_halt
	mov	x19, x0
	bl	crt0_cpu_setup
	mov	x0, x19
	bl	cpu_secondary_main
	b	crt0_halt
	.size crt0_secondary, . - crt0_secondary

/*
 * x19 = CPU index: set SP_EL1 (we run on SP_EL1, EL1h), TPIDR_EL1 and
 * VBAR_EL1.  Uses x0, x1; returns through x30 (no stack yet on entry).
 */
	.type crt0_cpu_setup, %function
crt0_cpu_setup:
	adrp	x0, __stacks_start
	add	x0, x0, :lo12:__stacks_start
	add	x1, x19, #1
	add	x0, x0, x1, lsl #INMATE_STACK_SHIFT
	mov	sp, x0
	msr	tpidr_el1, x19
	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	msr	vbar_el1, x0
	isb
	ret
	.size crt0_cpu_setup, . - crt0_cpu_setup

	.type crt0_halt, %function
crt0_halt:
	msr	daifset, #0xf
3:	wfi
	b	3b
	.size crt0_halt, . - crt0_halt
