/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HYP_CONTROL_H
#define HYP_CONTROL_H

#include <hyp/types.h>

struct trap_frame;

/*
 * Hypercall in the Warden range (owner 6); the result goes to the frame's
 * x0 (and x1 for some calls).
 */
void control_hypercall(struct trap_frame *frame, u64 fid);
/*
 * Warden's own calls are the SMC64 fast calls of owner 6: WARDEN_HC_BASE
 * plus a function number n of at most CONTROL_FN_MAX (SMCCC, ARM DEN 0028:
 * bits 23:16 of a fast call are zero).  control_own_call() is
 * control_hypercall() for one of them, when the caller has n already.
 */
#define CONTROL_FN_MAX 0xffffUL
void control_own_call(struct trap_frame *frame, u64 fid, u64 n);
/* Leave the hypervisor on the calling CPU (WARDEN_HC_DISABLE). */
long control_disable_cpu(struct trap_frame *frame);

#endif /* HYP_CONTROL_H */
