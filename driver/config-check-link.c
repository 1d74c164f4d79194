// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared validator of links (lib/), built into warden.ko like
 * config-check.c (Kbuild only compiles sources under driver/).
 */
#include "../lib/config-check-link.c"
