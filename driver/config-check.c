// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared config validator (lib/), built into warden.ko so that the
 * driver applies exactly the rules and messages of the CLI and the
 * hypervisor.  Kbuild only compiles sources under driver/, hence this file.
 */
#include "../lib/config-check.c"
