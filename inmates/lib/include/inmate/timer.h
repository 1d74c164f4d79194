/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL1 virtual timer of the generic timer (ARM ARM D11): CNTVCT_EL0,
 * CNTV_CVAL_EL0, CNTV_CTL_EL0; its interrupt is PPI 11, INTID 27.
 */
#ifndef INMATE_TIMER_H
#define INMATE_TIMER_H

#include <stdint.h>

#define TIMER_VIRT_IRQ 27

uint64_t timer_freq(void);
/* The virtual count (ticks). */
uint64_t timer_now(void);
uint64_t timer_ticks_to_ns(uint64_t ticks);
uint64_t timer_ns_to_ticks(uint64_t ns);
/* Fire (level IRQ while enabled) when the count reaches cval. */
void timer_set_cval(uint64_t cval);
uint64_t timer_get_cval(void);
/* Fire ns from now; returns the programmed compare value. */
uint64_t timer_start_ns(uint64_t ns);
void timer_stop(void);
/*
 * Generate a WFE wake-up event about every 100 us (CNTKCTL_EL1.EVNTEN), so
 * that WFE waits cannot sleep for ever.  Start-up enables it on every CPU.
 */
void timer_event_stream_enable(void);
/* Busy-wait (WFE, woken by the event stream). */
void timer_delay_ns(uint64_t ns);
void timer_delay_us(uint64_t us);
void timer_delay_ms(uint64_t ms);

#endif /* INMATE_TIMER_H */
