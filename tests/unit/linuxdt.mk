# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the device tree writer and of a Linux cell's tree
# (tools/fdtwrite.c, tools/linuxdt.c): each tree is parsed back with
# tools/fdt.c and decompiled by dtc, which must not warn.
UNIT_TESTS += linuxdt
UNIT_linuxdt_SRCS := tests/unit/test-linuxdt.c tests/unit/cell-fixture.c \
	tools/fdt.c tools/fdtwrite.c tools/linuxdt.c lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
UNIT_linuxdt_CFLAGS := -DFDT_DATA_DIR='"$(B)/tests/data"' -I $(TOP)/tools
UNIT_linuxdt_DEPS := $(B)/tests/data/linux-devs.dtb \
	$(B)/tests/data/qemu-virt-gicv3-smp4-1G.dtb \
	$(B)/tests/data/qemu-virt-gicv2-smp4-1G.dtb $(wildcard $(TOP)/tools/*.h)
