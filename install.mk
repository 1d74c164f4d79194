# SPDX-License-Identifier: GPL-2.0-only
#
# make install DESTDIR=... [PREFIX=/usr]: Warden's installed files, for any
# distribution.  debian/rules calls this same target, and the Debian
# packages split its output (debian/*.install), so the packages and
# `make install` cannot install different files (tests/packaging.sh
# compares the two lists).
#
#   make install-build   what install needs built: firmware, CLI, configs
#                        and inmates; not the module, which DKMS (or your
#                        own `make driver`) builds on the target against its
#                        kernel's headers
#   make install         install-build, then copy into $(DESTDIR)
#   make deb             the Debian packages, cross-built for arm64, in
#                        build/deb/ (scripts/mkdeb.sh)
#
# Layout (PREFIX=/usr):
#   $(PREFIX)/sbin/warden                          the CLI
#   $(PREFIX)/bin/warden-link-ping                 Linux's end of a link
#   $(FIRMWAREDIR)/warden.bin                      the hypervisor (the driver
#                                                  asks the kernel for it)
#   $(PREFIX)/lib/warden/inmates/*.bin             demo and test inmates
#   $(PREFIX)/lib/warden/warden-service            what warden.service runs
#   $(PREFIX)/share/warden/configs/<board>/*.cell  example configs
#   $(PREFIX)/include/warden/*.h                   the ABI headers (for
#                                                  `warden config build`)
#   $(PREFIX)/share/bash-completion/completions/warden
#   $(PREFIX)/share/doc/warden/install.md
#   $(SYSCONFDIR)/warden/cells                     the boot-time cells list
#   $(UNITDIR)/warden.service                      the systemd unit
#   $(PREFIX)/src/warden-$(VERSION)/               the module's source and
#                                                  dkms.conf (warden-dkms)
# Included by the top Makefile, which provides TOP and B.

PREFIX ?= /usr
DESTDIR ?=
SYSCONFDIR ?= /etc
# The kernel looks for firmware in /lib/firmware whatever PREFIX is; Debian
# 12 still installs firmware and units under /lib (merged /usr moratorium).
FIRMWAREDIR ?= /lib/firmware
UNITDIR ?= /lib/systemd/system
INSTALL ?= install

# One version for the CLI, the packages and the DKMS tree: tools/warden.h.
VERSION := $(shell sed -n 's/^\#define WARDEN_CLI_VERSION "\(.*\)"/\1/p' \
	$(TOP)/tools/warden.h)

INSTALL_INMATES := $(INM_PROGS) bench
INSTALL_SRCDIR := $(PREFIX)/src/warden-$(VERSION)
# The module's source: Kbuild only looks under driver/, which includes the
# ABI headers and the shared config validator by relative path.
# (not Kbuild's own warden.mod.c, left by a build in the tree)
INSTALL_DRIVER_SRCS := $(filter-out %.mod.c,\
	$(wildcard $(TOP)/driver/*.c $(TOP)/driver/*.h)) $(TOP)/driver/Kbuild
INSTALL_LIB_SRCS := $(wildcard $(TOP)/lib/*.c $(TOP)/lib/*.h)
INSTALL_HEADERS := $(wildcard $(TOP)/include/warden/*.h)

.PHONY: install install-build deb
install-build: hypervisor tools configs inmates man

# The configs configs/build.mk builds (not whatever else is in build/).
INSTALL_CELLS := $(CONFIGS_SYSTEM_CELLS) $(CONFIGS_INMATE_CELLS) \
	$(CONFIGS_V3_CELLS) $(CONFIGS_SMMU_CELLS_OUT) $(CONFIGS_PCI_CELLS_OUT)
INSTALL_ZCU_CELLS := $(CONFIGS_ZCU_SYSTEM) $(CONFIGS_ZCU_CELLS)

install: install-build
	@test -n "$(VERSION)" || { echo "install: no WARDEN_CLI_VERSION in tools/warden.h" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(FIRMWAREDIR) $(DESTDIR)$(PREFIX)/lib/warden/inmates \
		$(DESTDIR)$(PREFIX)/share/warden/configs/qemu-arm64 \
		$(DESTDIR)$(PREFIX)/share/warden/configs/zcu102 \
		$(DESTDIR)$(PREFIX)/include/warden \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/doc/warden \
		$(DESTDIR)$(SYSCONFDIR)/warden $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(INSTALL_SRCDIR)/driver \
		$(DESTDIR)$(INSTALL_SRCDIR)/include/warden \
		$(DESTDIR)$(INSTALL_SRCDIR)/lib
	$(INSTALL) -m 0755 $(B)/tools/warden $(DESTDIR)$(PREFIX)/sbin/warden
	$(INSTALL) -m 0755 $(B)/tools/warden-link-ping $(DESTDIR)$(PREFIX)/bin/
	$(INSTALL) -m 0644 $(B)/hypervisor/warden.bin $(DESTDIR)$(FIRMWAREDIR)/
	$(INSTALL) -m 0644 $(patsubst %,$(B)/inmates/%.bin,$(INSTALL_INMATES)) \
		$(DESTDIR)$(PREFIX)/lib/warden/inmates/
	$(INSTALL) -m 0755 $(TOP)/tools/warden-service \
		$(DESTDIR)$(PREFIX)/lib/warden/warden-service
	$(INSTALL) -m 0644 $(INSTALL_CELLS) \
		$(DESTDIR)$(PREFIX)/share/warden/configs/qemu-arm64/
	$(INSTALL) -m 0644 $(INSTALL_ZCU_CELLS) \
		$(DESTDIR)$(PREFIX)/share/warden/configs/zcu102/
	$(INSTALL) -m 0644 $(INSTALL_HEADERS) $(DESTDIR)$(PREFIX)/include/warden/
	$(INSTALL) -m 0644 $(TOP)/tools/warden.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/warden
	$(INSTALL) -m 0644 $(TOP)/docs/install.md $(DESTDIR)$(PREFIX)/share/doc/warden/
	$(INSTALL) -m 0644 $(TOP)/tools/warden-cells.example \
		$(DESTDIR)$(SYSCONFDIR)/warden/cells
	sed 's|@LIBDIR@|$(PREFIX)/lib|g; s|@SYSCONFDIR@|$(SYSCONFDIR)|g; s|@SBINDIR@|$(PREFIX)/sbin|g' \
		$(TOP)/tools/warden.service.in > $(DESTDIR)$(UNITDIR)/warden.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/warden.service
	$(INSTALL) -m 0644 $(INSTALL_DRIVER_SRCS) $(DESTDIR)$(INSTALL_SRCDIR)/driver/
	$(INSTALL) -m 0644 $(INSTALL_HEADERS) $(DESTDIR)$(INSTALL_SRCDIR)/include/warden/
	$(INSTALL) -m 0644 $(INSTALL_LIB_SRCS) $(DESTDIR)$(INSTALL_SRCDIR)/lib/
	sed 's/@VERSION@/$(VERSION)/g' $(TOP)/driver/dkms.conf.in \
		> $(DESTDIR)$(INSTALL_SRCDIR)/dkms.conf
	chmod 0644 $(DESTDIR)$(INSTALL_SRCDIR)/dkms.conf
	# the man pages, generated by `make man` (docs/build.mk)
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5 $(DESTDIR)$(PREFIX)/share/man/man8
	$(INSTALL) -m 0644 $(B)/man/warden-link-ping.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	$(INSTALL) -m 0644 $(B)/man/warden-config.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	$(INSTALL) -m 0644 $(B)/man/warden.8 $(DESTDIR)$(PREFIX)/share/man/man8/

deb:
	@$(TOP)/scripts/mkdeb.sh
