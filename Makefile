# SPDX-License-Identifier: GPL-2.0-only
#
# Warden: one Makefile at the top.  Each part has a fragment (<part>/build.mk)
# so that it builds without the others where possible; the firmware never goes
# through Kbuild.  All outputs go under build/.
#
#   make            build firmware, driver, CLI, configs and inmates (needs `make setup`)
#   make inmates    only the inmate library, demos and test inmates
#   make dkms       warden.ko as Debian's dkms builds it from the warden-dkms
#                   package (the one the QEMU guests load; driver/build.mk)
#   make setup      install packages and fetch the stock arm64 kernel (idempotent)
#   make demo       the main demo in QEMU (GIC=2 for GICv2; MACHINE=zcu102 for
#                   QEMU's ZCU102 model)
#   make shell      an interactive shell in the guest (GIC=2, MACHINE=zcu102)
#   make test       every test; last line "N passed, N failed"
#   make lint       clang-tidy and MISRA C:2012 (cppcheck) alone
#   make bench      path lengths, bare metal against a cell (build/bench/)
#   make install    DESTDIR=... [PREFIX=/usr]: the installed files (install.mk)
#   make deb        the Debian packages for arm64 in build/deb/ (install.mk)
#   make man        the man pages: build/man/warden.8, warden-config.5,
#                   warden-link-ping.1 (docs/build.mk)

TOP := $(abspath .)
B := $(TOP)/build
GIC ?= 3

CROSS_COMPILE ?= aarch64-linux-gnu-
CC_A64 := $(CROSS_COMPILE)gcc
OBJCOPY_A64 := $(CROSS_COMPILE)objcopy
HOSTCC ?= gcc

# docs/architecture.md, code conventions: strict warnings as errors
# everywhere.
WARN := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	-Wconversion -Wno-sign-conversion

.PHONY: all setup demo shell test bench clean
all:

include hypervisor/build.mk
include driver/build.mk
include tools/build.mk
include configs/build.mk
include inmates/build.mk
include tests/build.mk
include install.mk
include docs/build.mk

setup:
	@$(TOP)/scripts/setup.sh

clean:
	rm -rf $(B)/hypervisor $(B)/driver $(B)/tools $(B)/configs $(B)/inmates $(B)/tests $(B)/initramfs* \
		$(B)/linux-cell
