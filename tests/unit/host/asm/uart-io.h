/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in of the console UART accessors (hypervisor/arch/arm64/
 * include/asm/uart-io.h): each access goes to the test's model of the UART
 * (tests/unit/test-uart.c), which answers and records it.
 */
#ifndef ASM_UART_IO_H
#define ASM_UART_IO_H

#include <hyp/types.h>

u32 host_uart_read32(const void *base, u32 off);
void host_uart_write32(void *base, u32 off, u32 v);

static inline u32 uart_read32(const void *base, u32 off)
{
	return host_uart_read32(base, off);
}

static inline void uart_write32(void *base, u32 off, u32 v)
{
	host_uart_write32(base, off, v);
}

#endif /* ASM_UART_IO_H */
