# SPDX-License-Identifier: GPL-2.0-only
# Host tests of the hypervisor core: the real core code against the
# recording arch stand-in (host-arch.c, host-hyp.c) and the fixture
# (hyp-fixture.c).  Each test program links the whole core.
HYP_TEST_SRCS := tests/unit/hyp-fixture.c tests/unit/host-hyp.c \
	tests/unit/host-arch.c tests/unit/host-psci.c \
	tests/unit/host-gic.c tests/unit/host-lr.c hypervisor/core/cell.c \
	hypervisor/core/cellctl.c hypervisor/core/console.c \
	hypervisor/core/control.c hypervisor/core/link.c \
	hypervisor/core/mmio.c hypervisor/core/paging.c hypervisor/core/pci.c \
	hypervisor/core/pool.c hypervisor/core/printf.c \
	hypervisor/core/ratelimit.c \
	hypervisor/core/setup.c hypervisor/core/string.c \
	hypervisor/core/vpl011.c \
	hypervisor/arch/arm64/pte.c hypervisor/arch/arm64/smmu.c \
	lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
HYP_TEST_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host \
	-I $(TOP)/hypervisor/arch/arm64/include

UNIT_TESTS += cellctl
UNIT_cellctl_SRCS := tests/unit/test-cellctl.c $(HYP_TEST_SRCS)
UNIT_cellctl_CFLAGS := $(HYP_TEST_CFLAGS)

UNIT_TESTS += cell
UNIT_cell_SRCS := tests/unit/test-cell.c $(HYP_TEST_SRCS)
UNIT_cell_CFLAGS := $(HYP_TEST_CFLAGS)

UNIT_TESTS += control
UNIT_control_SRCS := tests/unit/test-control.c $(HYP_TEST_SRCS)
UNIT_control_CFLAGS := $(HYP_TEST_CFLAGS)

UNIT_TESTS += vpl011
UNIT_vpl011_SRCS := tests/unit/test-vpl011.c $(HYP_TEST_SRCS)
UNIT_vpl011_CFLAGS := $(HYP_TEST_CFLAGS)

UNIT_TESTS += smmu
UNIT_smmu_SRCS := tests/unit/test-smmu.c $(HYP_TEST_SRCS)
UNIT_smmu_CFLAGS := $(HYP_TEST_CFLAGS) -pthread
