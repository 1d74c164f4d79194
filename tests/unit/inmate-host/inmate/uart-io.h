/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in of the inmate UART drivers' register accessors
 * (inmates/lib/include/inmate/uart-io.h): each access goes to the test's
 * model of the UART (tests/unit/test-inmate-uart.c), which answers and
 * records it with its size.
 */
#ifndef INMATE_UART_IO_H
#define INMATE_UART_IO_H

#include <stdint.h>

uint32_t host_inmate_uart_read(uint64_t base, uint32_t off, unsigned int size);
void host_inmate_uart_write(uint64_t base, uint32_t off, unsigned int size,
			    uint32_t v);

static inline uint32_t uart_io_read32(uint64_t base, uint32_t off)
{
	return host_inmate_uart_read(base, off, 4);
}

static inline void uart_io_write32(uint64_t base, uint32_t off, uint32_t v)
{
	host_inmate_uart_write(base, off, 4, v);
}

static inline uint16_t uart_io_read16(uint64_t base, uint32_t off)
{
	return (uint16_t)host_inmate_uart_read(base, off, 2);
}

static inline void uart_io_write16(uint64_t base, uint32_t off, uint16_t v)
{
	host_inmate_uart_write(base, off, 2, v);
}

static inline void uart_io_write8(uint64_t base, uint32_t off, uint8_t v)
{
	host_inmate_uart_write(base, off, 1, v);
}

#endif /* INMATE_UART_IO_H */
