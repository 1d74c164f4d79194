/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register access of the console UART drivers.  Every access is 32 bits
 * wide and aligned, as Device memory with the MMU off requires, and each
 * driver stays in one register block, so no barriers: the EL2 mapping is
 * Device-nGnRE, and Device-nGnRnE with the MMU off, and the nR attribute
 * keeps accesses to one peripheral in program order.  (The unit
 * tests put a model of each UART behind these: tests/unit/host/asm.)
 */
#ifndef ASM_UART_IO_H
#define ASM_UART_IO_H

#include <hyp/types.h>

static inline u32 uart_read32(const void *base, u32 off)
{
	return *(const volatile u32 *)((const u8 *)base + off);
}

static inline void uart_write32(void *base, u32 off, u32 v)
{
	*(volatile u32 *)((u8 *)base + off) = v;
}

#endif /* ASM_UART_IO_H */
