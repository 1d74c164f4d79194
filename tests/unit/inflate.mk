# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the CLI's gzip decompressor (tools/inflate.c): inputs made
# by the host's gzip in INFLATE_DATA_DIR, and hand-made bad ones.  Its last
# case decompresses the kernel image of `make setup` (build/Image, or
# $INFLATE_TEST_IMAGE), and is skipped when there is none.
UNIT_TESTS += inflate
UNIT_inflate_SRCS := tests/unit/test-inflate.c tools/inflate.c
UNIT_inflate_CFLAGS := -DINFLATE_DATA_DIR='"$(B)/tests/data/inflate"' \
	-DINFLATE_IMAGE='"$(B)/Image"'
UNIT_inflate_DEPS := $(TOP)/tools/inflate.h
