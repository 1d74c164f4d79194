# SPDX-License-Identifier: GPL-2.0-only
#
# Line coverage of hypervisor/, lib/ and the inmate library's UART drivers
# by the host unit tests.  Included by
# tests/build.mk, which provides UNIT_TESTS, UNIT_<name>_SRCS/_CFLAGS/_DEPS,
# UNIT_HDRS and unit_abs.
#
#   make coverage        build every unit test with gcov instrumentation
#                        (no sanitizers, -O0) under build/coverage/, run
#                        them, print a table per source file and per area,
#                        and fail if an area is below its floor
#                        (tests/coverage-threshold.txt)
#
# Every C file of hypervisor/, lib/ and inmates/lib/ counts, tested or not:
# each is also compiled for arm64 with --coverage (never linked), which
# gives the executable lines of a file no unit test compiles.  Files that cannot run
# on the host are listed, with their reason, in tests/coverage-exclude.txt.

.PHONY: coverage coverage-build

COV_DIR := $(B)/coverage
COV_CFLAGS := $(WARN) -std=gnu11 -g -O0 --coverage -I $(TOP)/include \
	-I $(TOP)/lib -I $(TOP)/tests/unit

# Paths relative to the top of the tree.
cov_rel = $(patsubst $(TOP)/%,%,$(call unit_abs,$(1)))

# One object per source in a tree that mirrors the sources, so that two
# files of the same name (core/setup.c, arch/arm64/setup.c) keep apart.
define cov_rule
COV_$(1)_OBJS := $(patsubst %.c,$(COV_DIR)/unit/$(1)/%.o,$(call cov_rel,$(UNIT_$(1)_SRCS)))
$(COV_DIR)/unit/$(1)/%.o: $(TOP)/%.c $(UNIT_HDRS) $(TOP)/tests/coverage.mk \
		$(wildcard $(TOP)/tests/unit/*.mk) $(UNIT_$(1)_DEPS)
	@mkdir -p $$(@D)
	@$$(HOSTCC) $$(COV_CFLAGS) $$(UNIT_$(1)_CFLAGS) -c -o $$@ $$<
$(COV_DIR)/unit/$(1)/$(1): $$(COV_$(1)_OBJS)
	@$$(HOSTCC) --coverage -o $$@ $$^
endef
$(foreach t,$(sort $(UNIT_TESTS)),$(eval $(call cov_rule,$(t))))
COV_BINS := $(foreach t,$(sort $(UNIT_TESTS)),$(COV_DIR)/unit/$(t)/$(t))

# The executable lines of every C file of the hypervisor and lib/, as the
# firmware's compiler sees them at -O0, like the unit tests (the object is
# thrown away).
# The inmate library's UART drivers count too (area inmates/lib; the rest
# of the library is excluded: tests/coverage-exclude.txt), compiled as the
# inmates are.
COV_ALL_SRCS := $(sort $(wildcard hypervisor/core/*.c hypervisor/arch/*/*.c \
	lib/*.c inmates/lib/uart*.c))
COV_BASE := $(patsubst %.c,$(COV_DIR)/base/%.gcno,$(COV_ALL_SRCS))

$(COV_DIR)/base/%.gcno: %.c $(UNIT_HDRS) $(TOP)/tests/coverage.mk
	@mkdir -p $(@D)
	@$(CC_A64) $(HYP_CFLAGS) -O0 --coverage -c -o $(COV_DIR)/base/$*.o $<

$(COV_DIR)/base/inmates/lib/%.gcno: inmates/lib/%.c $(INM_DEPS) \
		$(TOP)/tests/coverage.mk
	@mkdir -p $(@D)
	@$(CC_A64) $(INM_CFLAGS) -O0 --coverage -c -o $(COV_DIR)/base/inmates/lib/$*.o $<

coverage-build: $(COV_BINS) $(COV_BASE)

# Counters start from zero at each run; a test program that fails here
# fails the check (its counts would be partial).
coverage: coverage-build
	@rm -f $$(find $(COV_DIR)/unit -name '*.gcda')
	@rc=0; for t in $(sort $(UNIT_TESTS)); do \
		(cd $(TOP) && $(COV_DIR)/unit/$$t/$$t) \
			> $(COV_DIR)/unit/$$t/run.log 2>&1 || { \
			echo "coverage: unit test $$t failed (see $(COV_DIR)/unit/$$t/run.log)"; \
			rc=1; }; \
	done; \
	python3 $(TOP)/tests/coverage.py --top $(TOP) --dir $(COV_DIR) \
		--exclude $(TOP)/tests/coverage-exclude.txt \
		--threshold $(TOP)/tests/coverage-threshold.txt && exit $$rc
