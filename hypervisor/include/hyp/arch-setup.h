/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bring-up and per-cell hooks of the architecture.  (The hooks of pure core
 * logic are in hyp/arch.h.)
 */
#ifndef HYP_ARCH_SETUP_H
#define HYP_ARCH_SETUP_H

#include <warden/cell.h>
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
/* A CPU joins or leaves a cell: its per-CPU device frames follow it. */
int arch_cell_cpu_map(struct cell *cell, unsigned int cpu);
int arch_cell_cpu_unmap(struct cell *cell, unsigned int cpu);
/* Platform facts an inmate needs (GIC version and frames, CPUs). */
void arch_comm_fill(const struct cell *cell, struct warden_comm_region *comm);
/* Disable an SPI and clear its state, before it changes owner. */
void arch_irq_reset(u32 intid);
/* Make an SPI target only CPUs of its owner (after an ownership change). */
void arch_irq_route(const struct cell *owner, u32 intid);
/* Make an SPI pending at the distributor (a link's doorbell). */
void arch_irq_set_pending(u32 intid);
/* Is this SPI the hypervisor's own (the IOMMU's)?  It follows the root. */
bool arch_irq_is_hyp(u32 intid);

/* --- DMA: the IOMMU (none: each is a no-op) --- */
/* The cell's DMA view (cell->dma), before its stage 2 is filled. */
int arch_dma_cell_init(struct cell *cell);
/* Its streams back to the root, its DMA view freed. */
void arch_dma_cell_exit(struct cell *cell);
/* Give stream sid to cell's DMA view (it must have one): 0 or -errno. */
int arch_dma_stream_assign(u32 sid, const struct cell *cell);
/* At enable, after the root cell: take the IOMMU, the root's streams. */
int arch_dma_setup(void);
/* At disable, or a failed enable: the IOMMU as it was before enable. */
void arch_dma_shutdown(void);

/* --- CPUs of inmate cells --- */
/* Interrupt `cpu` with the hypervisor's own SGI (cell_check_stop()). */
void arch_cpu_kick(unsigned int cpu);
/* Is `cpu` powered off, as the firmware sees it? */
bool arch_cpu_is_off(unsigned int cpu);
/* Power on `cpu` into the hypervisor; it enters per_cpu_of(cpu)->cell. */
int arch_cpu_start(unsigned int cpu, u64 entry, u64 context);
/* Power this CPU off; nothing of the hypervisor is set up on it. */
void arch_cpu_power_off(void) __attribute__((noreturn));
/* Leave the hypervisor and power this CPU off (no return). */
void arch_cpu_park(struct per_cpu *pc) __attribute__((noreturn));
/* Restart this CPU's EL1 context at entry with x0 = context, as if from reset. */
void arch_cpu_reset(struct per_cpu *pc, struct trap_frame *frame, u64 entry,
		    u64 context);
/* A monotonic time in microseconds, for bounded waits. */
u64 arch_time_us(void);

/* --- memory outside the hypervisor's own (cell RAM, root buffers) --- */
/* Zero [pa, pa + size) and push the zeroes to the point of coherency. */
int arch_phys_clear(paddr_t pa, u64 size);
/* Copy size bytes at physical pa into dst. */
int arch_phys_copy_from(void *dst, paddr_t pa, u64 size);
/* Copy size bytes from src to physical pa, and on to the point of coherency. */
int arch_phys_copy_to(paddr_t pa, const void *src, u64 size);
/* Give this CPU back to Linux and return from frame (no return). */
void arch_cpu_exit(struct trap_frame *frame) __attribute__((noreturn));
/* Undo arch_cpu_init() on this CPU. */
void arch_cpu_deinit(struct per_cpu *pc);

#endif /* HYP_ARCH_SETUP_H */
