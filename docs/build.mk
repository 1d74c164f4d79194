# SPDX-License-Identifier: GPL-2.0-only
#
# The man pages (scripts/mkman.py), each generated from one source:
#   $(B)/man/warden.8            the CLI's own --help texts (warden-host)
#   $(B)/man/warden-config.5     docs/config-reference.md, which
#                                tests/docs.sh checks against
#                                include/warden/config.h
#   $(B)/man/warden-link-ping.1  tools/link-ping.c's leading comment and usage
# Included by the top Makefile, which provides TOP and B.

MAN_PAGES := $(B)/man/warden.8 $(B)/man/warden-config.5 \
	$(B)/man/warden-link-ping.1
MKMAN := $(TOP)/scripts/mkman.py

.PHONY: man
man: $(MAN_PAGES)

$(B)/man/warden.8: $(B)/tools/warden-host $(MKMAN)
	@mkdir -p $(@D)
	python3 $(MKMAN) warden $< $@

$(B)/man/warden-config.5: $(TOP)/docs/config-reference.md $(MKMAN)
	@mkdir -p $(@D)
	python3 $(MKMAN) config $< $@

$(B)/man/warden-link-ping.1: $(TOP)/tools/link-ping.c $(MKMAN)
	@mkdir -p $(@D)
	python3 $(MKMAN) link-ping $< $@
