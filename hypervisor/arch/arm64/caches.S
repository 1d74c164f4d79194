/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Data cache maintenance by VA to the point of coherency (ARM ARM D7.5.9).
 * Usable with the MMU on or off; uses x0-x3 only.
 */
	.text

/* x2 = smallest D-cache line size, from CTR_EL0.DminLine */
.macro dline x2, x3
	mrs	\x3, ctr_el0
	ubfx	\x3, \x3, #16, #4
	mov	\x2, #4
	lsl	\x2, \x2, \x3
.endm

/* void dcache_clean_range(const void *start, u64 size): clean+invalidate */
	.globl	dcache_clean_range
dcache_clean_range:
	add	x1, x0, x1
	dline	x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	civac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

/* void dcache_inval_range(const void *start, u64 size) */
	.globl	dcache_inval_range
dcache_inval_range:
	add	x1, x0, x1
	dline	x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
