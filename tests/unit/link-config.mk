# SPDX-License-Identifier: GPL-2.0-only
# Unit test of lib/config-check-link.c (shared-memory links).
UNIT_TESTS += link-config
UNIT_link-config_SRCS := tests/unit/test-link-config.c \
	tests/unit/cell-fixture.c lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
