/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Register access of the UART drivers (uart-<name>.c): base + offset, with
 * the barriers of inmate/sysreg.h's mmio_*() (the MMU may be off, so the
 * accesses are to Device memory and must be aligned).  The host unit tests
 * put a model of each UART behind these (tests/unit/inmate-host).
 */
#ifndef INMATE_UART_IO_H
#define INMATE_UART_IO_H

#include <stdint.h>

#include "sysreg.h"

static inline uint32_t uart_io_read32(uint64_t base, uint32_t off)
{
	return mmio_read32(base + off);
}

static inline void uart_io_write32(uint64_t base, uint32_t off, uint32_t v)
{
	mmio_write32(base + off, v);
}

static inline uint16_t uart_io_read16(uint64_t base, uint32_t off)
{
	return mmio_read16(base + off);
}

static inline void uart_io_write16(uint64_t base, uint32_t off, uint16_t v)
{
	mmio_write16(base + off, v);
}

static inline void uart_io_write8(uint64_t base, uint32_t off, uint8_t v)
{
	mmio_write8(base + off, v);
}

#endif /* INMATE_UART_IO_H */
