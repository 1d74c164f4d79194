// SPDX-License-Identifier: GPL-2.0-only
/*
 * Zeroing memory fast: a cell's RAM is cleared on every create, reset and
 * destroy, 128 MiB for a Linux cell.  The byte loop of memset() takes a
 * store per byte (it must also work with the MMU off, hyp/string.h); DC ZVA
 * zeroes a block of DCZID_EL0.BS bytes, 64 on the Cortex-A53 and A57, per
 * instruction (ARM ARM C5.3, DC ZVA).  On QEMU that took a Linux cell's
 * clearing from about 670 ms to under 10 ms (docs/benchmarks.md).
 */
#include <asm/insn.h>
#include <asm/mmu.h>
#include <hyp/string.h>

/* DCZID_EL0 (ARM ARM D17.2): DC ZVA prohibited; log2 of the block in words. */
#define DCZID_DZP BIT(4)
#define DCZID_BS_MASK 0xfUL

/*
 * DC ZVA needs a block-aligned address and Normal memory (on Device memory
 * it faults): the caller's mapping is Normal write-back.  The unaligned
 * ends, and all of it where DC ZVA is prohibited, take memset().
 */
void zero_normal(uintptr_t start, u64 size)
{
	u64 dczid = read_sysreg(dczid_el0);
	u64 block = 4UL << (dczid & DCZID_BS_MASK);
	uintptr_t end = start + size;
	uintptr_t head = (start + block - 1UL) & ~(block - 1UL);
	uintptr_t tail = end & ~(block - 1UL);
	uintptr_t a;

	if (((dczid & DCZID_DZP) != 0UL) || (head >= tail)) {
		head = end; /* memset() all of it */
		tail = end;
	}
	memset((void *)start, 0, head - start);
	for (a = head; a < tail; a += block)
		dc_zva(a);
	memset((void *)tail, 0, end - tail);
}
