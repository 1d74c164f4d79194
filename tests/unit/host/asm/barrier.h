/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in: a spin-wait hint is nothing on the host. */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define cpu_relax() ((void)0)

#endif /* ASM_BARRIER_H */
