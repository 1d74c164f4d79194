# SPDX-License-Identifier: BSD-2-Clause
#
# Inmates: the bare-metal library (inmates/lib) and the programs built on it
# (demos, test inmates and the benchmark).  Each program is linked at the
# cell's RAM, 0x40000000, to $(B)/inmates/<name>.elf and flattened to
# <name>.bin, the image `warden cell load` copies to the reset address.
#
# The library's platform layer is picked at link time: platform/cell.c for
# cells; platform/qemu-virt.c for bench-bare.elf, the benchmark booted by
# QEMU itself as the bare-metal baseline.
# Included by the top Makefile, which provides TOP, B, CC_A64, OBJCOPY_A64
# and WARN.

INM_B := $(B)/inmates
INM_DEMOS := uart-demo gic-demo smp-demo echo-demo
INM_TESTS := cell-test vuart-test dma-test net-garbage
INM_PROGS := $(INM_DEMOS) $(INM_TESTS)

INM_LIB_SRCS := $(wildcard $(TOP)/inmates/lib/*.c) \
	$(filter-out %.lds.S,$(wildcard $(TOP)/inmates/lib/*.S))
INM_COMMON_OBJS := $(patsubst $(TOP)/inmates/lib/%,$(INM_B)/lib/%.o,$(INM_LIB_SRCS))
INM_LIB_OBJS := $(INM_COMMON_OBJS) $(INM_B)/lib/platform/cell.c.o
INM_BARE_OBJS := $(INM_COMMON_OBJS) $(INM_B)/lib/platform/qemu-virt.c.o
INM_BENCH_OBJS := $(INM_B)/bench/bench.o $(INM_B)/bench/measure.o
INM_LDS := $(INM_B)/inmate.lds

# The MMU stays off, so every access is to Device memory: no unaligned or
# FP/SIMD accesses, no exclusives, and no library calls the compiler might
# invent beyond the memcpy/memset that lib/string.c provides.
INM_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-builtin \
	-mgeneral-regs-only -mstrict-align -march=armv8-a -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-common \
	-fno-tree-loop-distribute-patterns -mno-outline-atomics \
	$(WARN) -I $(TOP)/inmates/lib/include -I $(TOP)/include
INM_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -Wl,-T,$(INM_LDS)
INM_DEPS := $(wildcard $(TOP)/inmates/lib/include/inmate/*.h \
	$(TOP)/include/warden/*.h) $(TOP)/inmates/build.mk

.PHONY: inmates
all: inmates
inmates: $(foreach p,$(INM_PROGS),$(INM_B)/$(p).bin) $(INM_B)/bench.bin \
	$(INM_B)/bench-bare.elf $(INM_B)/bench-bare-zcu102.elf

$(INM_LDS): $(TOP)/inmates/lib/inmate.lds.S $(INM_DEPS)
	@mkdir -p $(@D)
	@$(CC_A64) -E -P -x c -D__ASSEMBLER__ -I $(TOP)/inmates/lib/include \
		-o $@ $<

$(INM_B)/lib/%.c.o: $(TOP)/inmates/lib/%.c $(INM_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      inmates/lib/$*.c"
	@$(CC_A64) $(INM_CFLAGS) -c -o $@ $<

$(INM_B)/lib/%.S.o: $(TOP)/inmates/lib/%.S $(INM_DEPS)
	@mkdir -p $(@D)
	@echo "  AS      inmates/lib/$*.S"
	@$(CC_A64) $(INM_CFLAGS) -D__ASSEMBLER__ -c -o $@ $<

$(INM_B)/demos/%.o: $(TOP)/inmates/demos/%.c $(INM_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      inmates/demos/$*.c"
	@$(CC_A64) $(INM_CFLAGS) -c -o $@ $<

$(INM_B)/bench/%.o: $(TOP)/inmates/bench/%.c $(INM_DEPS) \
		$(TOP)/inmates/bench/measure.h
	@mkdir -p $(@D)
	@echo "  CC      inmates/bench/$*.c"
	@$(CC_A64) $(INM_CFLAGS) -c -o $@ $<

$(INM_B)/bench/%.o: $(TOP)/inmates/bench/%.S $(INM_DEPS) \
		$(TOP)/inmates/bench/measure.h
	@mkdir -p $(@D)
	@echo "  AS      inmates/bench/$*.S"
	@$(CC_A64) $(INM_CFLAGS) -D__ASSEMBLER__ -c -o $@ $<

$(INM_B)/tests/%.o: $(TOP)/inmates/tests/%.c $(INM_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      inmates/tests/$*.c"
	@$(CC_A64) $(INM_CFLAGS) -c -o $@ $<

# <name>.elf from its own object (demos/ or tests/) and the library.
define inmate_prog
$(INM_B)/$(1).elf: $(INM_B)/$(2)/$(1).o $(INM_LIB_OBJS) $(INM_LDS)
	@echo "  LD      $$@"
	@$(CC_A64) $(INM_CFLAGS) $(INM_LDFLAGS) -o $$@ $(INM_B)/$(2)/$(1).o \
		$(INM_LIB_OBJS) -lgcc
endef
$(foreach p,$(INM_DEMOS),$(eval $(call inmate_prog,$(p),demos)))
$(foreach p,$(INM_TESTS),$(eval $(call inmate_prog,$(p),tests)))

# The benchmark, for a cell and bare metal: the same objects, another
# platform layer.
$(INM_B)/bench.elf: $(INM_BENCH_OBJS) $(INM_LIB_OBJS) $(INM_LDS)
	@echo "  LD      $@"
	@$(CC_A64) $(INM_CFLAGS) $(INM_LDFLAGS) -o $@ $(INM_BENCH_OBJS) \
		$(INM_LIB_OBJS) -lgcc

$(INM_B)/bench-bare.elf: $(INM_BENCH_OBJS) $(INM_BARE_OBJS) $(INM_LDS)
	@echo "  LD      $@"
	@$(CC_A64) $(INM_CFLAGS) $(INM_LDFLAGS) -o $@ $(INM_BENCH_OBJS) \
		$(INM_BARE_OBJS) -lgcc

# The same baseline on QEMU's ZCU102 model (make bench MACHINE=zcu102).
$(INM_B)/lib/platform/qemu-zcu102.c.o: $(TOP)/inmates/lib/platform/qemu-virt.c $(INM_DEPS)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC_A64) $(INM_CFLAGS) -DBARE_ZCU102 -c -o $@ $<

$(INM_B)/bench-bare-zcu102.elf: $(INM_BENCH_OBJS) $(INM_COMMON_OBJS) \
		$(INM_B)/lib/platform/qemu-zcu102.c.o $(INM_LDS)
	@echo "  LD      $@"
	@$(CC_A64) $(INM_CFLAGS) $(INM_LDFLAGS) -o $@ $(INM_BENCH_OBJS) \
		$(INM_COMMON_OBJS) $(INM_B)/lib/platform/qemu-zcu102.c.o -lgcc

$(INM_B)/%.bin: $(INM_B)/%.elf
	@$(OBJCOPY_A64) -O binary $< $@
