// SPDX-License-Identifier: GPL-2.0-only
/*
 * zero_normal() (hypervisor/arch/arm64/zero.c): every byte of the range is
 * zeroed and none outside it; DC ZVA is used for the aligned blocks only,
 * once per block, and not at all where DCZID_EL0.DZP prohibits it.  DC ZVA
 * here zeroes its block after checking its alignment, as the hardware
 * would fault (or zero the wrong block) on a misaligned one.
 */
#include <string.h>

#include <asm/insn.h>
#include <asm/mmu.h>

#include "unit.h"

#define BUF_SIZE 8192
#define GUARD 0xa5

static u64 t_dczid;
static unsigned int t_zva_calls, t_zva_misaligned;
static u64 t_zva_lo, t_zva_hi; /* the range the DC ZVAs covered */
static _Alignas(4096) unsigned char t_buf[BUF_SIZE];

u64 host_read_sysreg(const char *name)
{
	return strcmp(name, "dczid_el0") ? 0 : t_dczid;
}

void host_write_sysreg(const char *name, u64 v)
{
	(void)name;
	(void)v;
}

void host_wfe(void)
{
}

long host_smc(u64 fid, u64 a1, u64 a2, u64 a3)
{
	(void)fid;
	(void)a1;
	(void)a2;
	(void)a3;
	return -1;
}

void host_dc_zva(u64 addr)
{
	u64 block = 4UL << (t_dczid & 0xf);

	if (addr & (block - 1)) {
		t_zva_misaligned++;
		return;
	}
	if (!t_zva_calls || addr < t_zva_lo)
		t_zva_lo = addr;
	if (addr + block > t_zva_hi)
		t_zva_hi = addr + block;
	t_zva_calls++;
	memset((void *)(uintptr_t)addr, 0, block);
}

/* Fill the buffer, zero [off, off + len) with DCZID_EL0 = dczid. */
static void t_zero(u64 dczid, size_t off, size_t len)
{
	t_dczid = dczid;
	t_zva_calls = 0;
	t_zva_misaligned = 0;
	t_zva_lo = 0;
	t_zva_hi = 0;
	memset(t_buf, GUARD, sizeof(t_buf));
	zero_normal((uintptr_t)t_buf + off, len);
}

/* Zeros exactly in [off, off + len), the guard pattern elsewhere. */
static int t_zeroed_exactly(size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(t_buf); i++)
		if (t_buf[i] != ((i >= off && i < off + len) ? 0 : GUARD))
			return 0;
	return 1;
}

/* Aligned pages, 64-byte blocks (BS = 4): all of it by DC ZVA. */
static void aligned_pages_by_blocks(void)
{
	t_zero(4, 0, BUF_SIZE);
	CHECK(t_zeroed_exactly(0, BUF_SIZE));
	CHECK(t_zva_calls == BUF_SIZE / 64);
	CHECK(t_zva_misaligned == 0);
}

/* Unaligned ends: the blocks inside by DC ZVA, the ends by stores. */
static void unaligned_ends(void)
{
	t_zero(4, 10, 1000);
	CHECK(t_zeroed_exactly(10, 1000));
	CHECK(t_zva_misaligned == 0);
	/* [64, 960), 14 blocks, lies wholly inside [10, 1010) */
	CHECK(t_zva_calls == 14);
	CHECK(t_zva_lo == (uintptr_t)t_buf + 64);
	CHECK(t_zva_hi == (uintptr_t)t_buf + 960);
}

/* A range within one block: no DC ZVA, which would zero outside it. */
static void smaller_than_a_block(void)
{
	t_zero(4, 3, 50);
	CHECK(t_zeroed_exactly(3, 50));
	CHECK(t_zva_calls == 0);
	t_zero(4, 60, 10); /* across a block boundary, no whole block */
	CHECK(t_zeroed_exactly(60, 10));
	CHECK(t_zva_calls == 0);
}

/* DCZID_EL0.DZP: DC ZVA prohibited, so stores only. */
static void prohibited(void)
{
	t_zero(4 | (1 << 4), 0, BUF_SIZE);
	CHECK(t_zeroed_exactly(0, BUF_SIZE));
	CHECK(t_zva_calls == 0);
}

/* Other block sizes: 4 bytes (BS = 0) and 2 KiB (BS = 9, the largest). */
static void block_sizes(void)
{
	t_zero(0, 2, 100);
	CHECK(t_zeroed_exactly(2, 100));
	CHECK(t_zva_calls == 24); /* [4, 100) within [2, 102) */
	CHECK(t_zva_misaligned == 0);
	t_zero(9, 100, 6000);
	CHECK(t_zeroed_exactly(100, 6000));
	CHECK(t_zva_calls == 1); /* [2048, 4096) within [100, 6100) */
	CHECK(t_zva_misaligned == 0);
}

/* Nothing to do: nothing written. */
static void empty(void)
{
	t_zero(4, 128, 0);
	CHECK(t_zeroed_exactly(0, 0));
	CHECK(t_zva_calls == 0);
}

int main(void)
{
	RUN(aligned_pages_by_blocks);
	RUN(unaligned_ends);
	RUN(smaller_than_a_block);
	RUN(prohibited);
	RUN(block_sizes);
	RUN(empty);
	UNIT_DONE();
}
