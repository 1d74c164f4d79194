# SPDX-License-Identifier: GPL-2.0-only
#
# The warden CLI, built twice from the same sources:
#   $(B)/tools/warden       static arm64 binary for the guest (initramfs)
#   $(B)/tools/warden-host  for the build machine: `config check` of the
#                           configs during the build (configs/build.mk)
# and $(B)/tools/warden-link-ping (static arm64): Linux's end of the echo
# protocol over a link (tools/link-ping.c), and $(B)/tools/warden-bench
# (static arm64): the root's timing helper of `make bench`.
# Included by the top Makefile, which provides TOP, B, CC_A64, HOSTCC, WARN.

TOOLS_SRCS := $(addprefix $(TOP)/,tools/warden.c tools/hv.c \
	tools/sysconfig.c tools/cellconfig.c tools/cell.c tools/cellconsole.c \
	tools/fileio.c \
	tools/fdt.c tools/configgen.c tools/configgen-pci.c tools/configcli.c tools/cellgen.c \
	tools/configshow.c tools/configjson.c tools/json.c tools/inflate.c \
	tools/celllinux.c tools/linuximage.c tools/linuxdt.c tools/fdtwrite.c \
	lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c)
TOOLS_DEPS := $(TOOLS_SRCS) $(wildcard $(TOP)/tools/*.h) \
	$(wildcard $(TOP)/lib/*.h) $(wildcard $(TOP)/include/warden/*.h) \
	$(TOP)/tools/build.mk
# TOOLS_EXTRA_CFLAGS: e.g. -g from debian/rules, for the -dbgsym package.
TOOLS_CFLAGS := $(WARN) -std=gnu11 -O2 -I $(TOP)/include -I $(TOP)/lib \
	$(TOOLS_EXTRA_CFLAGS)

.PHONY: tools
all: tools
tools: $(B)/tools/warden $(B)/tools/warden-host $(B)/tools/warden-link-ping \
	$(B)/tools/warden-bench

$(B)/tools/warden: $(TOOLS_DEPS)
	@mkdir -p $(@D)
	$(CC_A64) $(TOOLS_CFLAGS) -static -o $@ $(TOOLS_SRCS)

$(B)/tools/warden-host: $(TOOLS_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(TOOLS_CFLAGS) -DWARDEN_INCLUDE_DIR='"$(TOP)/include"' \
		-o $@ $(TOOLS_SRCS)

$(B)/tools/warden-link-ping: $(TOP)/tools/link-ping.c \
		$(wildcard $(TOP)/include/warden/*.h) $(TOP)/tools/build.mk
	@mkdir -p $(@D)
	$(CC_A64) $(TOOLS_CFLAGS) -static -o $@ $<

$(B)/tools/warden-bench: $(TOP)/tools/bench-helper.c $(TOP)/tools/build.mk
	@mkdir -p $(@D)
	$(CC_A64) $(TOOLS_CFLAGS) -static -o $@ $<
