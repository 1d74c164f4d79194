// SPDX-License-Identifier: BSD-2-Clause
/*
 * gic-demo: the virtual timer fires every 10 ms.  Its handler measures the
 * latency from the timer's expiry (the programmed compare value) to the
 * handler's first instructions, and every 100 samples (1 s) the main loop
 * prints min, average and max in nanoseconds.
 */
#include <inmate/inmate.h>

#define GIC_DEMO_PERIOD_NS ((uint64_t)10000000)
#define GIC_DEMO_SAMPLES 100

struct gic_demo_stats {
	uint64_t min, max, sum; /* ticks */
	uint32_t count;
};

static struct gic_demo_stats gic_demo_cur;
static struct gic_demo_stats gic_demo_report;
static volatile int gic_demo_ready;
static uint64_t gic_demo_period;
static uint64_t gic_demo_cval;

static void gic_demo_record(uint64_t latency)
{
	struct gic_demo_stats *s = &gic_demo_cur;

	if (!s->count || latency < s->min)
		s->min = latency;
	if (latency > s->max)
		s->max = latency;
	s->sum += latency;
	if (++s->count < GIC_DEMO_SAMPLES)
		return;
	gic_demo_report = *s;
	gic_demo_ready = 1;
	*s = (struct gic_demo_stats){ 0 };
}

static void gic_demo_timer(uint32_t intid)
{
	uint64_t now = timer_now();

	(void)intid;
	gic_demo_record(now - gic_demo_cval);
	/* Next expiry on the 10 ms grid, unless we fell behind it. */
	gic_demo_cval += gic_demo_period;
	if (gic_demo_cval <= now)
		gic_demo_cval = now + gic_demo_period;
	/* A new compare value clears the (level) timer condition. */
	timer_set_cval(gic_demo_cval);
}

static void gic_demo_print(void)
{
	struct gic_demo_stats s;

	cpu_irq_disable();
	s = gic_demo_report;
	gic_demo_ready = 0;
	cpu_irq_enable();
	printf("gic-demo: timer latency min %lu ns, avg %lu ns, max %lu ns (%u samples)\n",
	       timer_ticks_to_ns(s.min), timer_ticks_to_ns(s.sum / s.count),
	       timer_ticks_to_ns(s.max), s.count);
}

void inmate_main(void)
{
	printf("gic-demo: GICv%u, timer %lu Hz, tick every %lu ms\n",
	       comm_region()->gic_version, timer_freq(),
	       GIC_DEMO_PERIOD_NS / 1000000);
	if (gic_init())
		return;
	gic_demo_period = timer_ns_to_ticks(GIC_DEMO_PERIOD_NS);
	gic_set_handler(TIMER_VIRT_IRQ, gic_demo_timer);
	gic_enable_irq(TIMER_VIRT_IRQ);
	gic_demo_cval = timer_now() + gic_demo_period;
	timer_set_cval(gic_demo_cval);
	cpu_irq_enable();
	for (;;) {
		wfi();
		if (gic_demo_ready)
			gic_demo_print();
		comm_poll();
	}
}
