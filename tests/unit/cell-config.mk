# SPDX-License-Identifier: GPL-2.0-only
# Unit test of lib/config-check-cell.c (inmate cell configs, pairs of cells).
UNIT_TESTS += cell-config
UNIT_cell-config_SRCS := tests/unit/test-cell-config.c \
	tests/unit/cell-fixture.c lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
