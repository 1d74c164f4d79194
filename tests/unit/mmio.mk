UNIT_TESTS += mmio
UNIT_mmio_SRCS := tests/unit/test-mmio.c hypervisor/core/mmio.c
UNIT_mmio_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host
