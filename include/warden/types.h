/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fixed-width types for the Warden ABI headers.  These headers are shared by
 * the hypervisor (freestanding), the Linux driver, the CLI and inmates, so
 * they must not depend on any one environment's type headers.
 */
#ifndef WARDEN_TYPES_H
#define WARDEN_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#define WARDEN_PACKED __attribute__((packed))

#endif /* WARDEN_TYPES_H */
