// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared validator of inmate cell configs (lib/), built into warden.ko
 * like config-check.c (Kbuild only compiles sources under driver/).
 */
#include "../lib/config-check-cell.c"
