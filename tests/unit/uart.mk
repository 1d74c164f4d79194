# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the hypervisor console's UART driver (hypervisor/arch/
# arm64/uart.c) against a model of each UART: the register accessors are
# the test's (tests/unit/host/asm/uart-io.h).
UNIT_TESTS += uart
UNIT_uart_SRCS := tests/unit/test-uart.c hypervisor/arch/arm64/uart.c
UNIT_uart_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host \
	-I $(TOP)/hypervisor/arch/arm64/include
