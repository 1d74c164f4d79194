UNIT_TESTS += irqchip
UNIT_irqchip_SRCS := tests/unit/test-irqchip.c tests/unit/host-arch.c \
	tests/unit/host-lr.c hypervisor/core/irqchip.c
UNIT_irqchip_CFLAGS := -I $(TOP)/hypervisor/include -I $(TOP)/tests/unit/host \
	-I $(TOP)/hypervisor/arch/arm64/include
