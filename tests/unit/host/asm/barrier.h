/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in: a spin-wait hint is nothing on the host, and a load
 * barrier only stops the compiler (each test runs one thread at a time).
 */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#define cpu_relax() ((void)0)
#define read_barrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

#endif /* ASM_BARRIER_H */
