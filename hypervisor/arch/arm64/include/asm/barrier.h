/* SPDX-License-Identifier: GPL-2.0-only */
/* Spin-wait hint and load ordering, usable by core code. */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

/*
 * In a loop that waits for another CPU.  YIELD also lets QEMU switch vCPUs
 * under -icount, where a bare loop would never let the other one run
 * (docs/architecture.md).
 */
#define cpu_relax() asm volatile("yield" ::: "memory")

/*
 * Loads before it are observed before loads after it, for every observer:
 * full system, as an inmate may write with its caches off (DMB LD).
 */
#define read_barrier() asm volatile("dmb ld" ::: "memory")

#endif /* ASM_BARRIER_H */
