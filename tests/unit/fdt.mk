# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the CLI's device tree parser and config generator
# (tools/fdt.c, tools/configgen.c, tools/configgen-pci.c), on trees dtc
# compiles from tests/data.
UNIT_TESTS += fdt
UNIT_fdt_SRCS := tests/unit/test-fdt.c tools/fdt.c tools/configgen.c \
	tools/configgen-pci.c \
	lib/config-check.c lib/config-check-cell.c lib/config-check-link.c
UNIT_fdt_CFLAGS := -DFDT_DATA_DIR='"$(B)/tests/data"' -I $(TOP)/tools

FDT_TEST_DTBS := $(B)/tests/data/buses.dtb \
	$(B)/tests/data/qemu-virt-gicv3-smp4-1G.dtb $(B)/tests/data/uarts.dtb \
	$(B)/tests/data/qemu-virt-gicv3-smmu-smp4-1G.dtb
UNIT_fdt_DEPS := $(FDT_TEST_DTBS) $(wildcard $(TOP)/tools/*.h)

# uarts.dts includes the reference machine's tree
$(B)/tests/data/%.dtb: $(TOP)/tests/data/fdt/%.dts $(wildcard $(TOP)/tests/data/dtb/*.dts)
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<

$(B)/tests/data/%.dtb: $(TOP)/tests/data/dtb/%.dts
	@mkdir -p $(@D)
	dtc -q -I dts -O dtb -o $@ $<
