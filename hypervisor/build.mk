# SPDX-License-Identifier: GPL-2.0-only
# warden.bin: the EL2 firmware, built without Kbuild.

HYP_B := $(B)/hypervisor
HYP_SRCS := $(wildcard hypervisor/core/*.c) $(wildcard hypervisor/arch/arm64/*.c) \
	lib/config-check.c lib/config-check-cell.c lib/config-check-link.c
HYP_SRCS := $(filter-out hypervisor/arch/arm64/asm-offsets.c,$(HYP_SRCS))
HYP_ASM := $(wildcard hypervisor/arch/arm64/*.S)
HYP_OBJS := $(patsubst %.c,$(HYP_B)/%.o,$(HYP_SRCS)) $(patsubst %.S,$(HYP_B)/%.o,$(HYP_ASM))

HYP_INC := -I include -I lib -I hypervisor/include -I hypervisor/arch/arm64/include \
	-I $(HYP_B)/include
# MMU-off code runs on Device memory: no unaligned or FP/SIMD accesses, and
# no library calls the compiler might invent.  Position independent: the
# image relocates itself (entry.S).  x18 is never used, so that an exit
# need not save and restore it (vectors.S: the light frame).  No frame
# pointer chain: nothing walks it (a fault report gives ELR and FAR), and
# every call would pay for it.
HYP_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fpie \
	-fvisibility=hidden -mgeneral-regs-only -mstrict-align -march=armv8-a \
	-ffixed-x18 -fomit-frame-pointer -include hypervisor/include/hyp/hidden.h \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns -fno-common -mno-outline-atomics $(WARN) $(HYP_INC)
HYP_LDFLAGS := -nostdlib -static -pie --no-dynamic-linker -z norelro \
	-z noexecstack --no-warn-rwx-segments --build-id=none -T hypervisor/hypervisor.lds

all: $(HYP_B)/warden.bin
hypervisor: $(HYP_B)/warden.bin
.PHONY: hypervisor

$(HYP_B)/include/asm/asm-offsets.h: hypervisor/arch/arm64/asm-offsets.c \
		$(wildcard hypervisor/include/hyp/*.h hypervisor/arch/arm64/include/asm/*.h include/warden/*.h)
	@mkdir -p $(dir $@)
	@$(CC_A64) $(HYP_CFLAGS) -S -o $@.s $<
	@{ echo "/* generated from asm-offsets.c */"; \
	   sed -n 's/.*->\([A-Z_0-9]*\) #\?\([-0-9]*\).*/#define \1 \2/p' $@.s; } > $@
	@rm -f $@.s

$(HYP_B)/%.o: %.c $(HYP_B)/include/asm/asm-offsets.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC_A64) $(HYP_CFLAGS) -MMD -MP -c -o $@ $<

$(HYP_B)/%.o: %.S $(HYP_B)/include/asm/asm-offsets.h
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC_A64) $(HYP_CFLAGS) -D__ASSEMBLER__ -MMD -MP -c -o $@ $<

$(HYP_B)/warden.elf: $(HYP_OBJS) hypervisor/hypervisor.lds
	@echo "  LD      $@"
	@$(CROSS_COMPILE)ld $(HYP_LDFLAGS) -o $@ $(HYP_OBJS)
	@if $(CROSS_COMPILE)readelf -r $@ | grep -q 'R_AARCH64_' && \
	    $(CROSS_COMPILE)readelf -r $@ | grep 'R_AARCH64_' | grep -vqE 'R_AARCH64_(RELATIV|NONE)'; then \
		echo "warden.elf: relocations other than RELATIVE" >&2; exit 1; fi

$(HYP_B)/warden.bin: $(HYP_B)/warden.elf
	@$(OBJCOPY_A64) -O binary $< $@

-include $(HYP_OBJS:.o=.d)
