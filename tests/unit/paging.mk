UNIT_TESTS += paging
UNIT_paging_SRCS := tests/unit/test-paging.c tests/unit/host-arch.c \
	hypervisor/core/paging.c hypervisor/core/pool.c \
	hypervisor/arch/arm64/pte.c hypervisor/core/string.c
UNIT_paging_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host \
	-I $(TOP)/hypervisor/arch/arm64/include
