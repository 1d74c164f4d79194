# SPDX-License-Identifier: GPL-2.0-only
# Every field of every config struct, walked with boundary values through
# lib/config-check*.c (tests/unit/test-abi-walk.c).
UNIT_TESTS += abi-walk
UNIT_abi-walk_SRCS := tests/unit/test-abi-walk.c \
	tests/unit/cell-fixture.c lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
