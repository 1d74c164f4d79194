/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_ARCH_H
#define HOST_ARCH_H

#include <hyp/arch.h>

#define LR_EMPTY 0u
#define LR_PENDING 1u
#define LR_ACTIVE 2u

struct host_lr {
	u32 intid, source, state;
	bool hw;
};

struct host_arch {
	unsigned int publishes, flushes, flush_alls, writes;
	unsigned int num_lrs;
	struct host_lr lr[16];
	bool underflow;
	char uart[64 * 1024]; /* what went to the UART, NUL-terminated */
	size_t uart_len;
};

extern struct host_arch host;

#endif
