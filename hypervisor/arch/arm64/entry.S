/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL2 entry points of warden.bin.
 *
 * hyp_entry is reached through the kernel's hyp stub (HVC_SOFT_RESTART,
 * docs/architecture.md): EL2, MMU and caches off, x0 = WARDEN_ENTRY_*, x1 = physical
 * base of hypervisor memory, ELR_EL2/SPSR_EL2 = Linux's return state.  Linux
 * only gave up x0-x17, so nothing else may be touched before its registers
 * are saved in a trap frame; the frame is also how we return to it.
 *
 * hyp_cpu_on_entry is where a CPU started by an emulated PSCI CPU_ON begins,
 * x0 = its per-CPU area.
 */
#include <asm/asm-offsets.h>
#include <asm/frame.inc>

#define R_AARCH64_RELATIVE 1027
#define ENODEV 19

	.section .header, "a"
	.ascii	"WARDENHV"
	.word	ABI_VERSION
	.word	HEADER_SIZE
	.quad	__entry_offset
	.quad	__core_size
	.quad	PERCPU_SIZE
	.word	MAX_CPUS
	.word	__console_offset
	.quad	0			/* config_offset: set by the driver */
	.quad	0			/* config_size */
	.word	0			/* online_cpus */
	.word	0

	.section .text.entry, "ax"
	.globl	hyp_entry
hyp_entry:
	mov	x9, x0
	mov	x10, x1
	cmp	x9, #ENTRY_FIRST
	b.ne	find_cpu

	/* first CPU: apply our own relocations (MMU off, aligned stores) */
	adrp	x2, __rela_start
	add	x2, x2, :lo12:__rela_start
	adrp	x3, __rela_end
	add	x3, x3, :lo12:__rela_end
	adrp	x4, __image_start
	add	x4, x4, :lo12:__image_start
1:	cmp	x2, x3
	b.hs	find_cpu
	ldr	x5, [x2], #8		/* r_offset */
	ldr	x6, [x2], #8		/* r_info */
	ldr	x7, [x2], #8		/* r_addend */
	cmp	w6, #R_AARCH64_RELATIVE
	b.ne	1b
	add	x7, x7, x4
	str	x7, [x4, x5]
	b	1b

find_cpu:
	/* our index: position of MPIDR_EL1's affinity in platform.cpu_mpidr */
	ldr	x2, [x10, #HDR_CONFIG_OFFSET]
	add	x2, x10, x2
	ldr	w3, [x2, #SYS_NUM_CPUS]
	cmp	w3, #MAX_CPUS
	b.hi	no_cpu
	add	x2, x2, #SYS_CPU_MPIDR
	mrs	x4, mpidr_el1
	ldr	x5, =0xff00ffffff
	and	x4, x4, x5
	mov	x5, #0
2:	cmp	w5, w3
	b.hs	no_cpu
	ldr	x6, [x2, x5, lsl #3]
	cmp	x6, x4
	b.eq	found_cpu
	add	x5, x5, #1
	b	2b
no_cpu:
	mov	x0, #-ENODEV
	eret

found_cpu:
	/* per-CPU area: base + core_size + index * PERCPU_SIZE */
	ldr	x6, [x10, #HDR_CORE_SIZE]
	add	x6, x10, x6
	mov	x7, #PERCPU_SIZE
	madd	x6, x5, x7, x6
	msr	tpidr_el2, x6
	add	x7, x6, #PERCPU_SIZE
	mov	sp, x7
	save_frame
	mov	x19, x9			/* mode */
	mov	x20, x10		/* base */
	mov	x21, x5			/* CPU index */

	cmp	x19, #ENTRY_FIRST
	b.ne	3f
	mov	x0, x20
	bl	setup_early		/* MMU off; invalidates our memory */
	/*
	 * setup_early() and setup_cpu() return an int: AAPCS64 leaves the
	 * upper half of x0 unspecified, and Linux reads x0 as a long errno.
	 */
	sxtw	x0, w0
	cbnz	x0, fail_mmu_off
	b	4f
3:	/* written with the MMU off: drop stale cache lines before turning it on */
	mrs	x0, tpidr_el2
	mov	x1, #PERCPU_SIZE
	bl	dcache_inval_range
4:	bl	mmu_enable
	mov	x0, sp
	mov	x1, x21
	mov	x2, x19
	bl	setup_cpu
	sxtw	x0, w0
	cbnz	x0, fail_mmu_on
	str	xzr, [sp]		/* Linux sees 0 in x0 */
	b	trap_return

fail_mmu_on:
	mov	x19, x0
	bl	mmu_disable
	mov	x0, x19
fail_mmu_off:
	str	x0, [sp]
	b	trap_return

	.globl	hyp_cpu_on_entry
hyp_cpu_on_entry:
	msr	tpidr_el2, x0
	add	x1, x0, #PERCPU_SIZE
	mov	sp, x1
	mov	x1, #PERCPU_SIZE
	bl	dcache_inval_range
	bl	mmu_enable
	sub	sp, sp, #FRAME_SIZE
	mov	x0, sp
	bl	setup_cpu_on
	b	trap_return

/*
 * Turn on the EL2 MMU with the values in mmu_boot, saving the stub's
 * registers in this CPU's per-CPU area first (restored at disable).  Our
 * vectors go in at the same time: from here on, a fault at EL2 reaches
 * arch_hyp_fault() and is reported, instead of landing in the stub.
 */
mmu_enable:
	mrs	x0, tpidr_el2
	add	x0, x0, #PERCPU_STUB
	mrs	x1, sctlr_el2
	str	x1, [x0, #STUB_SCTLR]
	mrs	x1, tcr_el2
	str	x1, [x0, #STUB_TCR]
	mrs	x1, mair_el2
	str	x1, [x0, #STUB_MAIR]
	mrs	x1, ttbr0_el2
	str	x1, [x0, #STUB_TTBR0]
	mrs	x1, vbar_el2
	str	x1, [x0, #STUB_VBAR]
	adrp	x1, hyp_vectors
	add	x1, x1, :lo12:hyp_vectors
	msr	vbar_el2, x1
	adrp	x0, mmu_boot
	add	x0, x0, :lo12:mmu_boot
	ldr	x1, [x0, #MMU_MAIR]
	msr	mair_el2, x1
	ldr	x1, [x0, #MMU_TCR]
	msr	tcr_el2, x1
	ldr	x1, [x0, #MMU_TTBR0]
	msr	ttbr0_el2, x1
	isb
	tlbi	alle2
	dsb	nsh
	ldr	x1, [x0, #MMU_SCTLR]
	msr	sctlr_el2, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/*
 * Back to the stub's SCTLR_EL2 (MMU off) and vectors.  Code and data are
 * identity mapped.
 */
	.globl	mmu_disable
mmu_disable:
	mrs	x0, tpidr_el2
	add	x0, x0, #PERCPU_STUB
	ldr	x1, [x0, #STUB_VBAR]
	msr	vbar_el2, x1
	ldr	x1, [x0, #STUB_SCTLR]
	dsb	sy
	msr	sctlr_el2, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/*
 * void arch_cpu_exit(struct trap_frame *frame) - leave EL2 for good on this
 * CPU: MMU off, stub vectors back, then return to Linux from `frame`.  The
 * caller cleaned the frame to the point of coherency.
 */
	.globl	arch_cpu_exit
arch_cpu_exit:
	mov	x19, x0
	bl	mmu_disable
	mrs	x0, tpidr_el2
	add	x0, x0, #PERCPU_STUB
	ldr	x1, [x0, #STUB_TCR]
	msr	tcr_el2, x1
	ldr	x1, [x0, #STUB_MAIR]
	msr	mair_el2, x1
	ldr	x1, [x0, #STUB_TTBR0]
	msr	ttbr0_el2, x1
	tlbi	alle2
	dsb	nsh
	isb
	mov	sp, x19
	b	trap_return
