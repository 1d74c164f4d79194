# SPDX-License-Identifier: GPL-2.0-only
# Unit test of the arm64 Image header and of where `warden cell linux` puts
# the kernel, its device tree and its initrd (tools/linuximage.c).
UNIT_TESTS += linuximage
UNIT_linuximage_SRCS := tests/unit/test-linuximage.c tools/linuximage.c
UNIT_linuximage_CFLAGS := -I $(TOP)/tools -DLINUX_IMAGE='"$(B)/Image"'
UNIT_linuximage_DEPS := $(wildcard $(TOP)/tools/*.h)
