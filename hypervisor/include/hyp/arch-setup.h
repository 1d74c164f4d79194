/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bring-up and per-cell hooks of the architecture.  (The hooks of pure core
 * logic are in hyp/arch.h.)
 */
#ifndef HYP_ARCH_SETUP_H
#define HYP_ARCH_SETUP_H

#include <warden/config.h>
#include <hyp/types.h>

struct cell;
struct per_cpu;
struct trap_frame;

/* Early console output (MMU off); only ever writes to the UART. */
void arch_console_init(const struct warden_platform *p);
/* Interrupt controller and other machine-wide set-up. */
int arch_setup_global(const struct warden_system *sys);
/* Take over this CPU: vectors, traps, stage 2, GIC CPU interface. */
int arch_cpu_init(struct per_cpu *pc, bool from_cpu_on);
/* Fill the frame that starts a CPU_ON target at its cell's entry point. */
void arch_cpu_on_frame(struct per_cpu *pc, struct trap_frame *frame);
/* Per-cell arch state: emulated devices, fixed mappings. */
int arch_cell_init(struct cell *cell);
/* Give this CPU back to Linux and return from frame (no return). */
void arch_cpu_exit(struct trap_frame *frame) __attribute__((noreturn));
/* Undo arch_cpu_init() on this CPU. */
void arch_cpu_deinit(struct per_cpu *pc);

#endif /* HYP_ARCH_SETUP_H */
