# SPDX-License-Identifier: GPL-2.0-only
# Unit test of zero_normal() (hypervisor/arch/arm64/zero.c), which clears a
# cell's RAM with DC ZVA: DCZID_EL0 and DC ZVA are stand-ins of the test's.
UNIT_TESTS += zero
UNIT_zero_SRCS := tests/unit/test-zero.c hypervisor/arch/arm64/zero.c \
	hypervisor/core/string.c
UNIT_zero_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host \
	-I $(TOP)/hypervisor/arch/arm64/include
