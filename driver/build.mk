# SPDX-License-Identifier: GPL-2.0-only
#
# warden.ko: built by Kbuild in driver/ against the stock kernel headers
# (scripts/setup.sh links them to build/kdir), then copied to build/driver/.
# Included by the top-level Makefile.

DRIVER_KDIR ?= $(B)/kdir
DRIVER_DIR := $(TOP)/driver
DRIVER_KO := $(B)/driver/warden.ko
DRIVER_KBUILD := $(MAKE) -C $(DRIVER_KDIR) M=$(DRIVER_DIR) ARCH=arm64 \
	CROSS_COMPILE=$(CROSS_COMPILE)
DRIVER_DEPS := $(wildcard $(DRIVER_DIR)/*.c $(DRIVER_DIR)/*.h) \
	$(DRIVER_DIR)/Kbuild $(wildcard $(TOP)/include/warden/*.h) \
	$(wildcard $(TOP)/lib/config-check*.[ch])

.PHONY: driver driver-clean
all: driver
driver: $(DRIVER_KO)

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
