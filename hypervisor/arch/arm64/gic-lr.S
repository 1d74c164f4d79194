/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The GICv3 list registers ICH_LR<n>_EL2 by number (IHI 0069 12.5.20).  A
 * system register's number is part of the MRS/MSR instruction, so a
 * variable n needs one instruction per register: a table of 16 entries,
 * each "mrs/msr; ret" (8 bytes), indexed by n & 15.  The caller keeps n
 * below ICH_VTR_EL2.ListRegs + 1.  Uses x0-x2 only.
 */
	.text

/* u64 gicv3_lr_read(unsigned int n) */
	.globl	gicv3_lr_read
gicv3_lr_read:
	and	x0, x0, #15
	adr	x2, 1f
	add	x2, x2, x0, lsl #3
	br	x2
1:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	mrs	x0, ich_lr\n\()_el2
	ret
	.endr

/* void gicv3_lr_write(unsigned int n, u64 value) */
	.globl	gicv3_lr_write
gicv3_lr_write:
	and	x0, x0, #15
	adr	x2, 1f
	add	x2, x2, x0, lsl #3
	br	x2
1:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	msr	ich_lr\n\()_el2, x1
	ret
	.endr
