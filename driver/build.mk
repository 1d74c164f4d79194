# SPDX-License-Identifier: GPL-2.0-only
#
# warden.ko: built by Kbuild in driver/ against the stock kernel headers
# (scripts/setup.sh links them to build/kdir), then copied to build/driver/.
# Included by the top-level Makefile.
#
# make dkms: the module as Debian's dkms builds it from the warden-dkms
# package on a board (scripts/mkdkms.sh: build/dkms/lib/modules/<kernel>/
# updates/dkms/warden.ko); that one goes into the guests (the initramfs
# scripts run it), and tests/packaging.sh checks it is build/driver's twin.

DRIVER_KDIR ?= $(B)/kdir
DRIVER_DIR := $(TOP)/driver
DRIVER_KO := $(B)/driver/warden.ko
DRIVER_KBUILD := $(MAKE) -C $(DRIVER_KDIR) M=$(DRIVER_DIR) ARCH=arm64 \
	CROSS_COMPILE=$(CROSS_COMPILE)
DRIVER_DEPS := $(wildcard $(DRIVER_DIR)/*.c $(DRIVER_DIR)/*.h) \
	$(DRIVER_DIR)/Kbuild $(wildcard $(TOP)/include/warden/*.h) \
	$(wildcard $(TOP)/lib/config-check*.[ch])

.PHONY: driver driver-clean dkms
all: driver
driver: $(DRIVER_KO)

dkms:
	@$(TOP)/scripts/mkdkms.sh

$(DRIVER_KO): $(DRIVER_DEPS)
	@test -f $(DRIVER_KDIR)/Makefile || \
		{ echo "driver: no kernel headers in $(DRIVER_KDIR); run 'make setup'" >&2; exit 1; }
	+$(DRIVER_KBUILD) modules
	@mkdir -p $(@D)
	cp $(DRIVER_DIR)/warden.ko $@

clean: driver-clean
driver-clean:
	@if [ -f $(DRIVER_KDIR)/Makefile ]; then $(DRIVER_KBUILD) clean >/dev/null; fi
	rm -f $(DRIVER_KO)
	rm -rf $(B)/dkms $(B)/dkms.inputs $(B)/dkms.log
