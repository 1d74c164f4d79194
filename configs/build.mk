# SPDX-License-Identifier: GPL-2.0-only
#
# Configs: each configs/qemu-arm64/<name>.c defines one packed variable laid
# out exactly as the binary config, alone in section .warden_config.  It is
# compiled for arm64 (the target's byte order and layout), that section is
# extracted as $(B)/configs/<name>.cell, and the result is checked with the
# host CLI, so that an invalid config fails the build.
# Included by the top Makefile, which provides TOP, B, CC_A64, OBJCOPY_A64
# and WARN; $(B)/tools/warden-host comes from tools/build.mk.

# The system configs are checked alone; every other config there is an
# inmate cell config, checked against each system config (GICv3, GICv2 and
# the 8-, 16- and 64-CPU GICv3 machines of the scale benchmark).
CONFIGS_SYSTEMS := qemu-arm64-gicv3 qemu-arm64-gicv2 qemu-arm64-gicv3-its \
	qemu-arm64-gicv3-smp8 qemu-arm64-gicv3-smp16 qemu-arm64-gicv3-smp64 \
	qemu-arm64-gicv3-refuse-reset qemu-arm64-gicv2-refuse-reset
# The machine with QEMU's SMMUv3 (issue 19) keeps SPIs 106 and 109 for the
# hypervisor, which some inmate configs use: checked alone, and with the
# cells its scenario runs (tests/system/scenarios/smmu.sh).
CONFIGS_SMMU_SYSTEMS := qemu-arm64-gicv3-smmu qemu-arm64-gicv2-smmu
CONFIGS_SMMU_CELLS := gic-demo
# cells with PCI functions: checked against the SMMU systems only
CONFIGS_PCI_CELLS := dma-test pci-busy
CONFIGS_SRCS := $(wildcard $(TOP)/configs/qemu-arm64/*.c)
CONFIGS_NAMES := $(patsubst $(TOP)/configs/qemu-arm64/%.c,%,$(CONFIGS_SRCS))
CONFIGS_SYSTEM_CELLS := $(patsubst %,$(B)/configs/%.cell,\
	$(filter $(CONFIGS_SYSTEMS),$(CONFIGS_NAMES)))
# Inmate configs with direct interrupts (WARDEN_CELL_DIRECT_IRQ) need GICv3:
# checked against the GICv3 systems, and must be refused by the GICv2 ones.
CONFIGS_GICV3_ONLY := bench-direct cell-test-direct vuart-test-direct \
	echo-demo-direct linux-demo-direct
CONFIGS_INMATE_CELLS := $(patsubst %,$(B)/configs/%.cell,\
	$(filter-out $(CONFIGS_SYSTEMS) $(CONFIGS_SMMU_SYSTEMS) \
	$(CONFIGS_PCI_CELLS) $(CONFIGS_GICV3_ONLY),$(CONFIGS_NAMES)))
CONFIGS_PCI_CELLS_OUT := $(patsubst %,$(B)/configs/%.cell,$(CONFIGS_PCI_CELLS))
CONFIGS_SMMU_CELLS_OUT := $(patsubst %,$(B)/configs/%.cell,\
	$(CONFIGS_SMMU_SYSTEMS))
CONFIGS_V3_CELLS := $(patsubst %,$(B)/configs/%.cell,\
	$(filter $(CONFIGS_GICV3_ONLY),$(CONFIGS_NAMES)))
CONFIGS_V3_SYSTEMS := $(filter-out %gicv2.cell %gicv2-refuse-reset.cell %gicv2-smmu.cell,\
	$(CONFIGS_SYSTEM_CELLS))
CONFIGS_V2_SYSTEMS := $(filter %gicv2.cell %gicv2-refuse-reset.cell %gicv2-smmu.cell,\
	$(CONFIGS_SYSTEM_CELLS))
# (the scale configs include qemu-arm64-gicv3.c, the *-direct ones the
# config they add the flag to)
CONFIGS_DEPS := $(wildcard $(TOP)/include/warden/*.h $(TOP)/configs/qemu-arm64/*.h) \
	$(TOP)/configs/qemu-arm64/qemu-arm64-gicv3.c \
	$(TOP)/configs/qemu-arm64/qemu-arm64-gicv2.c \
	$(TOP)/configs/qemu-arm64/echo-demo.c \
	$(TOP)/configs/qemu-arm64/linux-demo.c $(TOP)/configs/build.mk
CONFIGS_CFLAGS := $(WARN) -std=gnu11 -ffreestanding -I $(TOP)/include
CONFIGS_SECTION := .warden_config
CONFIGS_CHECK := $(B)/tools/warden-host config check

.PHONY: configs
all: configs
configs: $(CONFIGS_SYSTEM_CELLS) $(CONFIGS_INMATE_CELLS) $(CONFIGS_V3_CELLS) \
	$(CONFIGS_SMMU_CELLS_OUT) $(CONFIGS_PCI_CELLS_OUT)

$(CONFIGS_PCI_CELLS_OUT): $(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c \
		$(CONFIGS_DEPS) $(B)/tools/warden-host $(CONFIGS_SMMU_CELLS_OUT)
	$(configs_extract)
	$(foreach sys,$(CONFIGS_SMMU_CELLS_OUT),$(CONFIGS_CHECK) $(sys) $@ || \
		{ rm -f $@; exit 1; };)

# Compile $< and extract its config section into $@.
define configs_extract
	@mkdir -p $(@D)
	$(CC_A64) $(CONFIGS_CFLAGS) -c -o $(@:.cell=.o) $<
	$(OBJCOPY_A64) -O binary -j $(CONFIGS_SECTION) $(@:.cell=.o) $@
endef

$(CONFIGS_SYSTEM_CELLS): $(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c \
		$(CONFIGS_DEPS) $(B)/tools/warden-host
	$(configs_extract)
	$(CONFIGS_CHECK) $@ || { rm -f $@; exit 1; }

$(CONFIGS_SMMU_CELLS_OUT): $(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c \
		$(CONFIGS_DEPS) $(TOP)/configs/qemu-arm64/qemu-arm64-smmu.h \
		$(B)/tools/warden-host \
		$(patsubst %,$(B)/configs/%.cell,$(CONFIGS_SMMU_CELLS))
	$(configs_extract)
	$(CONFIGS_CHECK) $@ || { rm -f $@; exit 1; }
	$(foreach c,$(CONFIGS_SMMU_CELLS),$(CONFIGS_CHECK) $@ \
		$(B)/configs/$(c).cell || { rm -f $@; exit 1; };)

$(CONFIGS_INMATE_CELLS): $(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c \
		$(CONFIGS_DEPS) $(B)/tools/warden-host $(CONFIGS_SYSTEM_CELLS)
	$(configs_extract)
	$(foreach sys,$(CONFIGS_SYSTEM_CELLS),$(CONFIGS_CHECK) $(sys) $@ || \
		{ rm -f $@; exit 1; };)

$(CONFIGS_V3_CELLS): $(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c \
		$(CONFIGS_DEPS) $(B)/tools/warden-host $(CONFIGS_SYSTEM_CELLS)
	$(configs_extract)
	$(foreach sys,$(CONFIGS_V3_SYSTEMS),$(CONFIGS_CHECK) $(sys) $@ || \
		{ rm -f $@; exit 1; };)
	$(foreach sys,$(CONFIGS_V2_SYSTEMS),! $(CONFIGS_CHECK) $(sys) $@ \
		>/dev/null 2>&1 || { rm -f $@; exit 1; };)

# QEMU's ZCU102 model (issue 18): configs/zcu102/zcu102.c is its system
# config, every other config there an inmate cell config checked against it
# (they include ../qemu-arm64/inmate-cell.h).  They go to
# $(B)/configs/zcu102/, apart from virt's cells of the same names.
CONFIGS_ZCU_SRCS := $(wildcard $(TOP)/configs/zcu102/*.c)
CONFIGS_ZCU_SYSTEM := $(B)/configs/zcu102/zcu102.cell
CONFIGS_ZCU_CELLS := $(filter-out $(CONFIGS_ZCU_SYSTEM),\
	$(patsubst $(TOP)/configs/zcu102/%.c,$(B)/configs/zcu102/%.cell,\
	$(CONFIGS_ZCU_SRCS)))
CONFIGS_ZCU_DEPS := $(wildcard $(TOP)/include/warden/*.h $(TOP)/configs/zcu102/*.h) \
	$(TOP)/configs/qemu-arm64/inmate-cell.h $(TOP)/configs/build.mk

configs: $(CONFIGS_ZCU_SYSTEM) $(CONFIGS_ZCU_CELLS)

$(CONFIGS_ZCU_SYSTEM): $(B)/configs/zcu102/%.cell: $(TOP)/configs/zcu102/%.c \
		$(CONFIGS_ZCU_DEPS) $(B)/tools/warden-host
	$(configs_extract)
	$(CONFIGS_CHECK) $@ || { rm -f $@; exit 1; }

$(CONFIGS_ZCU_CELLS): $(B)/configs/zcu102/%.cell: $(TOP)/configs/zcu102/%.c \
		$(CONFIGS_ZCU_DEPS) $(B)/tools/warden-host $(CONFIGS_ZCU_SYSTEM)
	$(configs_extract)
	$(CONFIGS_CHECK) $(CONFIGS_ZCU_SYSTEM) $@ || { rm -f $@; exit 1; }
