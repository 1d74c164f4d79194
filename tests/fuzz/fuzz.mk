# SPDX-License-Identifier: GPL-2.0-only
#
# libFuzzer target of the config validator, built for the host with clang,
# AddressSanitizer and UBSan.  Included by tests/build.mk.
#
#   make fuzz                 run it for FUZZ_SECONDS (default 600)
#   make fuzz-build           build $(B)/tests/fuzz/fuzz-config only
# `make test` runs it for about 60 s (tests/run.sh).  The seed corpus is
# tests/fuzz/corpus/ (kept in the repository); new inputs found go to
# $(B)/tests/fuzz/corpus/, never into the repository.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_DIR := $(B)/tests/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz-config
FUZZ_SRCS := $(TOP)/tests/fuzz/fuzz-config.c $(TOP)/lib/config-check.c \
	$(TOP)/lib/config-check-cell.c $(TOP)/lib/config-check-link.c \
	$(TOP)/configs/qemu-arm64/qemu-arm64-gicv3.c
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -std=gnu11 -Wall -Wextra -Werror \
	-Wno-unused-parameter -I $(TOP)/include -I $(TOP)/lib

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): $(FUZZ_SRCS) $(wildcard $(TOP)/lib/*.h $(TOP)/include/warden/*.h \
		$(TOP)/configs/qemu-arm64/*.h) $(TOP)/tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(FUZZ_SRCS)

fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus $(TOP)/tests/fuzz/corpus

# warden-fuzz: random hypercalls and ioctls from the root, for the guest
# (tests/system/scenarios/fuzz.sh); static arm64 like the CLI.
FUZZ_GUEST := $(FUZZ_DIR)/warden-fuzz
all: $(FUZZ_GUEST)

$(FUZZ_GUEST): $(TOP)/tests/fuzz/warden-fuzz.c $(wildcard $(TOP)/include/warden/*.h) \
		$(TOP)/tests/fuzz/fuzz.mk
	@mkdir -p $(@D)
	$(CC_A64) $(WARN) -std=gnu11 -O2 -static -I $(TOP)/include -o $@ $<
