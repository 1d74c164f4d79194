# SPDX-License-Identifier: GPL-2.0-only
#
# Configs: each configs/qemu-arm64/<name>.c defines one packed variable laid
# out exactly as the binary config, alone in section .warden_config.  It is
# compiled for arm64 (the target's byte order and layout), that section is
# extracted as $(B)/configs/<name>.cell, and the result is checked with the
# host CLI, so that an invalid config fails the build.
# Included by the top Makefile, which provides TOP, B, CC_A64, OBJCOPY_A64
# and WARN; $(B)/tools/warden-host comes from tools/build.mk.

CONFIGS_SRCS := $(wildcard $(TOP)/configs/qemu-arm64/*.c)
CONFIGS_CELLS := $(patsubst $(TOP)/configs/qemu-arm64/%.c,$(B)/configs/%.cell,\
	$(CONFIGS_SRCS))
CONFIGS_DEPS := $(wildcard $(TOP)/include/warden/*.h $(TOP)/configs/qemu-arm64/*.h) \
	$(TOP)/configs/build.mk
CONFIGS_CFLAGS := $(WARN) -std=gnu11 -ffreestanding -I $(TOP)/include
CONFIGS_SECTION := .warden_config

.PHONY: configs
all: configs
configs: $(CONFIGS_CELLS)

$(B)/configs/%.cell: $(TOP)/configs/qemu-arm64/%.c $(CONFIGS_DEPS) \
		$(B)/tools/warden-host
	@mkdir -p $(@D)
	$(CC_A64) $(CONFIGS_CFLAGS) -c -o $(@:.cell=.o) $<
	$(OBJCOPY_A64) -O binary -j $(CONFIGS_SECTION) $(@:.cell=.o) $@
	$(B)/tools/warden-host config check $@ || { rm -f $@; exit 1; }
