# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the inmate library's UART drivers (inmates/lib/uart*.c)
# against a model of each UART: the register accessors are the test's
# (tests/unit/inmate-host/inmate/uart-io.h, found before the library's).
UNIT_TESTS += inmate-uart
UNIT_inmate-uart_SRCS := tests/unit/test-inmate-uart.c inmates/lib/uart.c \
	inmates/lib/uart-pl011.c inmates/lib/uart-cadence.c \
	inmates/lib/uart-8250.c inmates/lib/uart-imx.c \
	inmates/lib/uart-bcm2835.c inmates/lib/uart-meson.c
UNIT_inmate-uart_CFLAGS := -I $(TOP)/tests/unit/inmate-host \
	-I $(TOP)/inmates/lib/include
UNIT_inmate-uart_DEPS := $(wildcard $(TOP)/inmates/lib/include/inmate/uart*.h)
