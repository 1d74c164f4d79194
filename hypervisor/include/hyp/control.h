/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_CONTROL_H
#define HYP_CONTROL_H

#include <hyp/types.h>

struct trap_frame;

/* Hypercall in the Warden range; returns the value for x0. */
long control_hypercall(struct trap_frame *frame, u64 fid);
/* Leave the hypervisor on the calling CPU (WARDEN_HC_DISABLE). */
long control_disable_cpu(struct trap_frame *frame);

#endif /* HYP_CONTROL_H */
