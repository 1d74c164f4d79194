// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference machine (GICv3) whose cells outlive the root: while an
 * inmate cell runs, the root's PSCI SYSTEM_OFF, SYSTEM_RESET and
 * SYSTEM_RESET2 are refused (WARDEN_SYS_REFUSE_ROOT_RESET, config.h).
 * Everything else is qemu-arm64-gicv3.c's (scenario sysreset).
 */
#define QEMU_ARM64_SYS_FLAGS WARDEN_SYS_REFUSE_ROOT_RESET

#include "qemu-arm64-gicv3.c"
