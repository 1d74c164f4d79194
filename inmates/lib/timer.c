// SPDX-License-Identifier: BSD-2-Clause
/*
 * The EL1 virtual timer (ARM ARM D11.2, "The AArch64 view of the Generic
 * Timer").  Conversions use 64-bit integers only: no FP in inmates.
 */
#include <inmate/inmate.h>

/* CNTV_CTL_EL0 (ARM ARM D17.8.19) */
#define CNTV_CTL_ENABLE (1u << 0)
#define CNTV_CTL_IMASK (1u << 1)

/* CNTKCTL_EL1: event stream from the virtual count (D17.8.9) */
#define CNTKCTL_EVNTEN (1u << 2)
#define CNTKCTL_EVNTI_SHIFT 4

#define NSEC_PER_SEC 1000000000ull

uint64_t timer_freq(void)
{
	return read_sysreg(cntfrq_el0) & 0xffffffffull;
}

uint64_t timer_now(void)
{
	/* The ISB keeps the read from being done early (D11.2.2). */
	isb();
	return read_sysreg(cntvct_el0);
}

/* val * mul / div without overflowing for val * mul > 2^64. */
static uint64_t timer_scale(uint64_t val, uint64_t mul, uint64_t div)
{
	uint64_t q = val / div, r = val % div;

	/* Counter frequencies fit 32 bits: r * mul < 2^32 * 2^30. */
	return q * mul + r * mul / div;
}

uint64_t timer_ticks_to_ns(uint64_t ticks)
{
	uint64_t freq = timer_freq();

	return freq ? timer_scale(ticks, NSEC_PER_SEC, freq) : 0;
}

uint64_t timer_ns_to_ticks(uint64_t ns)
{
	return timer_scale(ns, timer_freq(), NSEC_PER_SEC);
}

void timer_set_cval(uint64_t cval)
{
	write_sysreg(cntv_cval_el0, cval);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

uint64_t timer_get_cval(void)
{
	return read_sysreg(cntv_cval_el0);
}

uint64_t timer_start_ns(uint64_t ns)
{
	uint64_t cval = timer_now() + timer_ns_to_ticks(ns);

	timer_set_cval(cval);
	return cval;
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	isb();
}

void timer_event_stream_enable(void)
{
	uint64_t period = timer_ns_to_ticks(100000), ctl;
	unsigned int bit = 0;

	/*
	 * An event on each 0->1 transition of count bit EVNTI, i.e. every
	 * 2^(EVNTI + 1) ticks: pick the bit for about 100 us.
	 */
	while (bit < 15 && (2ull << (bit + 1)) <= period)
		bit++;
	ctl = read_sysreg(cntkctl_el1);
	ctl &= ~(0xfull << CNTKCTL_EVNTI_SHIFT);
	ctl |= CNTKCTL_EVNTEN | ((uint64_t)bit << CNTKCTL_EVNTI_SHIFT);
	write_sysreg(cntkctl_el1, ctl);
	isb();
}

void timer_delay_ns(uint64_t ns)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(ns);

	while (timer_now() < end)
		wfe();
}

void timer_delay_us(uint64_t us)
{
	timer_delay_ns(us * 1000);
}

void timer_delay_ms(uint64_t ms)
{
	timer_delay_ns(ms * 1000000);
}
