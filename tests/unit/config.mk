# SPDX-License-Identifier: GPL-2.0-only
# Unit test of lib/config-check.c (system config validation).
UNIT_TESTS += config
UNIT_config_SRCS := tests/unit/test-config.c lib/config-check.c \
	lib/config-check-cell.c lib/config-check-link.c
