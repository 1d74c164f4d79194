# SPDX-License-Identifier: GPL-2.0-only
# Host tests of hypervisor/arch/arm64/: the real PSCI, GIC and trap code on
# the real core, with the recording stand-ins of the rest of the arch
# (host-hyp.c: set-up, MMU, system registers), a simulated firmware
# (host-firmware.c) and GIC (arm-fixture.c).  (Recursive: hyp.mk, read
# later, defines HYP_TEST_SRCS.)
ARM_TEST_SRCS = $(filter-out tests/unit/host-psci.c tests/unit/host-gic.c \
	tests/unit/host-lr.c,$(HYP_TEST_SRCS)) tests/unit/arm-fixture.c \
	tests/unit/host-firmware.c hypervisor/core/irqchip.c \
	hypervisor/arch/arm64/psci.c hypervisor/arch/arm64/gic.c \
	hypervisor/arch/arm64/gic-v2.c hypervisor/arch/arm64/gic-v3.c \
	hypervisor/arch/arm64/gicd.c hypervisor/arch/arm64/traps.c \
	hypervisor/arch/arm64/its.c

UNIT_TESTS += gic
UNIT_gic_SRCS = tests/unit/test-gic.c $(ARM_TEST_SRCS)
UNIT_gic_CFLAGS = $(HYP_TEST_CFLAGS)

UNIT_TESTS += traps
UNIT_traps_SRCS = tests/unit/test-traps.c $(ARM_TEST_SRCS)
UNIT_traps_CFLAGS = $(HYP_TEST_CFLAGS)

UNIT_TESTS += its
UNIT_its_SRCS = tests/unit/test-its.c $(ARM_TEST_SRCS)
UNIT_its_CFLAGS = $(HYP_TEST_CFLAGS)
