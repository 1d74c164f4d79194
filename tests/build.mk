# SPDX-License-Identifier: GPL-2.0-only
#
# Tests, demo and shell.  Included by the top Makefile, which provides TOP, B,
# GIC, HOSTCC and WARN.
#
#   make test           setup, build, then the whole suite (tests/run.sh)
#   make demo [GIC=2]   boot QEMU and run the demo scenario on the terminal
#   make demo-linux     the Linux-in-a-cell demo (GICv3)
#   make shell [GIC=2]  interactive guest shell (Ctrl-A X quits QEMU)
#   make unit-tests     build the host unit test programs
#   make initramfs      build the guest initramfs (scripts/mkinitramfs.sh)
#   make linux-cell     a Linux cell's initramfs, the root's archive with it
#                       and the stock kernel, and its disk (build/linux-cell/;
#                       scripts/mkcellinitramfs.sh, scripts/mkcelldisk.sh)
#   make coverage       the unit tests' line coverage of hypervisor/, lib/ and
#                       the inmate library's UART drivers (tests/coverage.mk)
#   make lint           clang-tidy and MISRA alone (tests/static/*.sh)
#
# Unit tests: each tests/unit/<x>.mk fragment appends a name to UNIT_TESTS and
# sets UNIT_<name>_SRCS (paths relative to the top of the tree) and optionally
# UNIT_<name>_CFLAGS and UNIT_<name>_DEPS (other files the program needs
# built first).  The program is built as $(B)/tests/unit/<name>.

.PHONY: test demo demo-linux shell unit-tests unit-tests-list initramfs linux-cell \
	system-tests lint soak

UNIT_TESTS :=
include $(TOP)/tests/fuzz/fuzz.mk
include $(sort $(wildcard $(TOP)/tests/unit/*.mk))

UNIT_DIR := $(B)/tests/unit
UNIT_BINS := $(addprefix $(UNIT_DIR)/,$(UNIT_TESTS))
# AddressSanitizer and UBSan catch what config checks and page-table code
# must never do (read past a blob, overflow, misalign); `make
# UNIT_SANITIZE=` builds without them.
UNIT_SANITIZE ?= -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_CFLAGS := $(WARN) -std=gnu11 -g -O1 $(UNIT_SANITIZE) -I $(TOP)/include \
	-I $(TOP)/lib -I $(TOP)/tests/unit

# Relative source paths are taken from the top of the tree.
unit_abs = $(foreach s,$(1),$(if $(filter /%,$(s)),$(s),$(TOP)/$(s)))

# Test programs are small: rebuild one whenever any shared header changes.
UNIT_HDRS := $(wildcard $(TOP)/include/warden/*.h $(TOP)/lib/*.h \
	$(TOP)/tests/unit/*.h $(TOP)/tests/unit/*/*.h $(TOP)/tests/unit/*/*/*.h \
	$(TOP)/hypervisor/include/*/*.h $(TOP)/hypervisor/arch/*/include/*/*.h)

define unit_rule
$(UNIT_DIR)/$(1): $(call unit_abs,$(UNIT_$(1)_SRCS)) $(UNIT_HDRS) \
		$(TOP)/tests/build.mk $(wildcard $(TOP)/tests/unit/*.mk) \
		$(UNIT_$(1)_DEPS)
	@mkdir -p $$(@D)
	$$(HOSTCC) $$(UNIT_CFLAGS) $$(UNIT_$(1)_CFLAGS) -o $$@ \
		$(call unit_abs,$(UNIT_$(1)_SRCS))
endef
$(foreach t,$(sort $(UNIT_TESTS)),$(eval $(call unit_rule,$(t))))

unit-tests: $(UNIT_BINS)

include $(TOP)/tests/coverage.mk

# One name per line, for tests/run.sh.
unit-tests-list:
	@$(foreach t,$(sort $(UNIT_TESTS)),echo $(t);)

initramfs:
	@$(TOP)/scripts/mkinitramfs.sh

linux-cell:
	@$(TOP)/scripts/mkcellinitramfs.sh
	@$(TOP)/scripts/mkcelldisk.sh

# The suite builds `all` itself (it is the first counted test), so that a
# build failure still ends with the "N passed, N failed" line.
test:
	@$(TOP)/scripts/setup.sh
	+@MAKE="$(MAKE)" $(TOP)/tests/run.sh

system-tests:
	@$(TOP)/tests/system/run.sh

# The two static analyses of the suite's static phase, both run even if
# the first fails.
lint:
	@$(TOP)/tests/static/clang-tidy.sh; rc=$$?; \
		$(TOP)/tests/static/misra.sh && exit $$rc

bench:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	@MACHINE=$(MACHINE) $(TOP)/scripts/bench.sh

# The long loops at full length (WARDEN_SOAK=1 in the guest): 500 cell
# lifecycles, 200 enable/disable cycles, ten times the fuzzing.
soak:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	@$(TOP)/scripts/soak.sh

bench-check:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	@$(TOP)/scripts/bench.sh --check

# MACHINE=zcu102: QEMU's ZCU102 model, GICv2 only, so GIC is passed there
# only when given (and GIC=3 is refused, with the reason)
MACHINE ?= virt
QEMU_MACHINE := --machine $(MACHINE) $(if $(filter virt,$(MACHINE)),--gic $(GIC),\
	$(if $(filter file,$(origin GIC)),,--gic $(GIC)))

demo:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	@$(TOP)/scripts/run-qemu.sh $(QEMU_MACHINE) --scenario demo --timeout 600

# the Linux cell's story (tests/system/scenarios/demo-linux.sh)
demo-linux:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	+@$(MAKE) --no-print-directory linux-cell
	@$(TOP)/scripts/run-qemu.sh --gic 3 --scenario demo-linux --timeout 900 \
		--initrd-extra $(B)/linux-cell/extra.cpio.gz \
		--disk $(B)/linux-cell/disk.img

shell:
	@$(TOP)/scripts/setup.sh
	+@$(MAKE) --no-print-directory all
	@$(TOP)/scripts/run-qemu.sh $(QEMU_MACHINE) --scenario shell --interactive

# The CLI's host tests (tests/cli/run.sh, run by tests/run.sh):
#   $(B)/tests/cli/warden      the CLI under the sanitizers, reading a fake
#                              sysfs tree at $(B)/tests/cli/sysfs (and the
#                              tree's root compatible at .../dt-compatible)
#   $(B)/tests/cli/json-check  the guest's JSON checker, for the host
# and $(B)/tests/system/json-check: that checker, static arm64, for the
# guest (the scenarios validate `--json` output with it).
CLI_TEST_DIR := $(B)/tests/cli
JSON_CHECK_SRC := $(TOP)/tests/system/json-check.c

unit-tests: $(CLI_TEST_DIR)/warden $(CLI_TEST_DIR)/json-check
all: $(B)/tests/system/json-check

$(CLI_TEST_DIR)/warden: $(TOOLS_DEPS) $(TOP)/tests/build.mk
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -DWARDEN_SYSFS='"$(CLI_TEST_DIR)/sysfs"' \
		-DWARDEN_DT_COMPATIBLE='"$(CLI_TEST_DIR)/dt-compatible"' \
		-o $@ $(TOOLS_SRCS)

$(CLI_TEST_DIR)/json-check: $(JSON_CHECK_SRC) $(TOP)/tests/build.mk
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $<

$(B)/tests/system/json-check: $(JSON_CHECK_SRC) $(TOP)/tests/build.mk
	@mkdir -p $(@D)
	$(CC_A64) $(TOOLS_CFLAGS) -static -o $@ $<
