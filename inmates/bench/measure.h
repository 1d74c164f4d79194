/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exact path lengths under QEMU's -icount shift=0, where the virtual
 * counter advances one nanosecond per guest instruction and ticks every
 * 1e9 / CNTFRQ ns (16 ns at QEMU's 62.5 MHz).
 *
 * A stamp is MEASURE_READS back-to-back reads of CNTVCT_EL0, one
 * instruction each: the read at which the count rolls over gives the time
 * of the first read to the instruction (measure_stamp_time()).  The
 * measuring IRQ vector starts with a stamp, so an interrupt's arrival is
 * timed at the handler's first instruction.
 *
 * Shared by C and measure.S: no C below __ASSEMBLER__.
 */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

/* One more than the ns per tick the stamps can resolve: 16 ns ticks. */
#define MEASURE_READS 17
#define MEASURE_NS_PER_TICK 16u
/* measure_irq_reads[]: per CPU, 2^MEASURE_CPU_SHIFT bytes apart */
#define MEASURE_CPU_SHIFT 8

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The library's VBAR_EL1 table (vectors.S). */
extern char vectors[];
/* VBAR_EL1 table whose IRQ entry stamps, then calls measure_irq(). */
extern char measure_vectors[];
/* The stamp the IRQ vector took, per CPU. */
extern uint64_t measure_irq_reads[][1 << (MEASURE_CPU_SHIFT - 3)];

/* The program's IRQ handler, called by the measuring vector. */
void measure_irq(void);

/* IRQs unmasked until *flag is non-zero; a measuring IRQ may run. */
void measure_spin_irq(const volatile uint32_t *flag);
/* WFI until *flag is non-zero, IRQs unmasked only between WFIs. */
void measure_wait_irq(const volatile uint32_t *flag);
/* IRQs unmasked, WFI for good. */
void measure_idle_irq(void) __attribute__((noreturn));

void measure_stamp(uint64_t *reads);
/* A stamp, then at once the SGI: ICC_SGI1R_EL1 = word (GICv3), or the
 * 32-bit store of word to sgir (GICD_SGIR, GICv2). */
void measure_stamp_sgi1r(uint64_t *reads, uint64_t word);
void measure_stamp_sgir(uint64_t *reads, uint64_t sgir, uint32_t word);

/*
 * Loops of n operations; each returns the counter ticks they took.  The
 * bodies are the operation, `subs` and `b.ne`; the call loops also reload
 * x0 with a `mov` (MEASURE_CALL_EXTRA instructions).
 */
#define MEASURE_CALL_EXTRA 1
uint64_t measure_loop_empty(uint64_t n);
uint64_t measure_loop_ldr32(uint64_t n, uint64_t addr);
uint64_t measure_loop_ldr32_x19(uint64_t n, uint64_t addr);
uint64_t measure_loop_str32(uint64_t n, uint64_t addr, uint32_t val);
uint64_t measure_loop_hvc(uint64_t n, uint64_t fn);
uint64_t measure_loop_smc(uint64_t n, uint64_t fn);

/*
 * The time of a stamp's first read in ns (= instructions), on the
 * counter's scale: (first + 1) * 16 - k, k being the read that rolled
 * over.  -1 if the count never moved (not a 16 ns counter).
 */
static inline int64_t measure_stamp_time(const uint64_t *reads)
{
	unsigned int k;

	for (k = 1; k < MEASURE_READS; k++) {
		if (reads[k] != reads[0])
			return (int64_t)((reads[0] + 1) * MEASURE_NS_PER_TICK) -
			       (int64_t)k;
	}
	return -1;
}
#endif

#endif /* BENCH_MEASURE_H */
