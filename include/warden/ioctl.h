/* SPDX-License-Identifier: BSD-2-Clause */
/* /dev/warden ioctl ABI between the warden CLI and warden.ko. */
#ifndef WARDEN_IOCTL_H
#define WARDEN_IOCTL_H

#include "types.h"
#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define WARDEN_ERRMSG_LEN 192

struct warden_enable_args {
	uint64_t config_ptr; /* user address of the system config blob */
	uint64_t config_size;
	/* out: why the call failed, in words; empty on success */
	char errmsg[WARDEN_ERRMSG_LEN];
} WARDEN_PACKED;
_Static_assert(sizeof(struct warden_enable_args) == 208, "ABI size");

#define WARDEN_IOCTL_ENABLE _IOWR('W', 0x00, struct warden_enable_args)
#define WARDEN_IOCTL_DISABLE _IO('W', 0x01)

#endif /* WARDEN_IOCTL_H */
