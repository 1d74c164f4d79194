// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench: the path lengths behind `make bench` (scripts/bench.sh).  The same
 * code runs twice: bare metal, booted by QEMU at EL1 (platform/qemu-virt.c),
 * and in a Warden cell.  Under -icount shift=0 every figure is a count of
 * guest instructions; the difference between the two runs is what Warden
 * costs.
 *
 * Output, one line each (the host script parses it):
 *   [bench] platform=<cell|bare-metal> gic=<2|3> cpus=<n>
 *   [bench] result <metric> unit=<1|10> n=<N> min=<> p50=<> p99=<> max=<>
 *   [bench] hist <metric> <value>:<count> ...   (values in 1/unit)
 *   [bench] skip <metric> <why>
 *   [bench] tick start ... / tick done / spinning ...  (bench-modes runs)
 *   [bench] DONE
 * then the inmate powers off (QEMU exits; a cell stops).
 */
#include <inmate/inmate.h>
#include <inmate/platform.h>

#include "measure.h"

#define BENCH_SAMPLES 1000
#define BENCH_WARMUP 16
#define BENCH_LOOP_OPS 1000
#define BENCH_LOOP_RUNS 101
/*
 * Idle this long first: in a cell, the root is still finishing `warden
 * cell start` when the inmate boots, and its CPUs share QEMU's one icount
 * clock with ours.
 */
#define BENCH_SETTLE_MS 300

static void bench_sleep_ns(uint64_t ns);

#define BENCH_HIST_PER_LINE 6 /* lines stay short of CELL_LINE_MAX */

#define BENCH_TIMER_PPI 27 /* EL1 virtual timer */
#define BENCH_SGI 1
/* An SPI the bench cell owns (configs/qemu-arm64/bench.c) */
#define BENCH_SPI 106
/* In Warden's hypercall range (SMCCC owner 6), but no such call */
#define BENCH_HC_UNKNOWN 0xc60000ffu

/* Distributor registers (IHI 0048B 4.3, IHI 0069 12.9) */
#define GICD_TYPER 0x0004
#define GICD_ISENABLER 0x0100
#define GICD_SGIR 0x0f00

static int64_t bench_samples[BENCH_SAMPLES];
/* Events and loop runs per metric: "n=" on the command line may lower them. */
static unsigned int bench_n = BENCH_SAMPLES;
static unsigned int bench_runs = BENCH_LOOP_RUNS;
static int bench_warmup = BENCH_WARMUP;

/* Written by measure_irq() on the CPU the interrupt arrived at. */
static volatile uint32_t bench_timer_seen;
static int64_t bench_timer_entry, bench_timer_eoi;
static uint64_t bench_eoi_reads[MEASURE_READS];
static volatile uint32_t bench_sgi_ack;
static volatile uint32_t bench_sgi_ready;
static volatile int64_t bench_sgi_entry;
static volatile uint32_t bench_unexpected;

void measure_irq(void)
{
	unsigned int cpu = cpu_current();
	uint32_t iar = gic_ack();
	uint32_t intid = gic_intid(iar);

	if (intid >= GIC_SPURIOUS)
		return;
	if (intid == BENCH_TIMER_PPI) {
		/* a level interrupt: silence the source before EOI */
		timer_stop();
		gic_eoi(iar);
		measure_stamp(bench_eoi_reads);
		bench_timer_entry = measure_stamp_time(measure_irq_reads[cpu]);
		bench_timer_eoi = measure_stamp_time(bench_eoi_reads);
		WRITE_ONCE(bench_timer_seen, 1);
		return;
	}
	gic_eoi(iar);
	if (intid == BENCH_SGI) {
		bench_sgi_entry = measure_stamp_time(measure_irq_reads[cpu]);
		dsb(sy);
		WRITE_ONCE(bench_sgi_ack, 1);
		dsb(sy);
		sev();
		return;
	}
	bench_unexpected++;
}

static void bench_sort(int64_t *v, unsigned int n)
{
	unsigned int i, j;
	int64_t x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* "12" for unit 1, "12.3" for unit 10 */
static void bench_print_value(int64_t v, unsigned int unit)
{
	if (unit == 1) {
		printf("%lld", (long long)v);
		return;
	}
	if (v < 0) {
		printf("-");
		v = -v;
	}
	printf("%lld.%lld", (long long)(v / 10), (long long)(v % 10));
}

static void bench_print_stat(const char *name, int64_t v, unsigned int unit)
{
	printf(" %s=", name);
	bench_print_value(v, unit);
}

/* Sort the samples, print the summary and the histogram. */
/*
 * The "loaded" run prints no histogram: its spread tail would take
 * kilobytes, and push its result lines out of the cell's console ring
 * before the root reads them.
 */
static bool bench_hist = true;

static void bench_report(const char *metric, int64_t *v, unsigned int n,
			 unsigned int unit)
{
	unsigned int i, count, pairs = 0;

	bench_sort(v, n);
	console_lock();
	printf("[bench] result %s unit=%u n=%u", metric, unit, n);
	bench_print_stat("min", v[0], unit);
	bench_print_stat("p50", v[n / 2], unit);
	bench_print_stat("p99", v[(n * 99) / 100], unit);
	bench_print_stat("max", v[n - 1], unit);
	printf("\n");
	for (i = 0; bench_hist && i < n; i += count) {
		for (count = 1; i + count < n && v[i + count] == v[i]; count++)
			;
		if (pairs % BENCH_HIST_PER_LINE == 0)
			printf("%s[bench] hist %s", pairs ? "\n" : "", metric);
		printf(" %lld:%u", (long long)v[i], count);
		pairs++;
	}
	if (pairs)
		printf("\n");
	console_unlock();
}

static void bench_vectors(void *table)
{
	write_sysreg(vbar_el1, (uint64_t)(uintptr_t)table);
	isb();
}

/*
 * Sleep in WFI until the timer fires, ns from now.  Not a poll of the
 * counter: under -icount QEMU runs the vCPUs in turn on one thread and
 * every instruction of any of them advances the clock, so a cell that
 * polls through its settling time leaves the root's vCPUs only their turns
 * of it, and what the root still does after `warden cell start` (the CLI
 * exiting, its shell) lands inside the first measurements: 8 instructions
 * more on every timer interrupt, and a tail.  In WFI the cell's vCPU is
 * idle, the root runs, and the clock skips ahead when all are idle.  Not
 * WFE either: TCG makes each WFE a yield to its main loop, microseconds of
 * host time for nanoseconds of guest time.
 */
static void bench_sleep_ns(uint64_t ns)
{
	gic_enable_irq(BENCH_TIMER_PPI);
	bench_vectors(measure_vectors);
	bench_timer_seen = 0;
	timer_set_cval(timer_now() + timer_ns_to_ticks(ns));
	measure_wait_irq(&bench_timer_seen);
	bench_vectors(vectors);
	gic_disable_irq(BENCH_TIMER_PPI);
}

/*
 * 1. Timer interrupt: from expiry (the virtual timer's compare value, on
 * the counter's ns scale) to the handler's first instruction, and to the
 * first instruction after its EOI write.  gap_ns more between the samples
 * spreads them over a longer time (the "loaded" run).
 */
static void bench_timer_run(const char *entry_metric, const char *eoi_metric,
			    uint64_t gap_ns)
{
	static int64_t eoi[BENCH_SAMPLES];
	uint64_t gap = timer_ns_to_ticks(gap_ns);
	int i;
	uint64_t cval;

	gic_enable_irq(BENCH_TIMER_PPI);
	bench_vectors(measure_vectors);
	for (i = -bench_warmup; i < (int)bench_n; i++) {
		bench_timer_seen = 0;
		/* far enough ahead to be spinning when it expires */
		cval = timer_now() + 64 + (uint64_t)(i & 15) + gap;
		timer_set_cval(cval);
		measure_spin_irq(&bench_timer_seen);
		if (i < 0)
			continue;
		bench_samples[i] = bench_timer_entry -
				   (int64_t)(cval * MEASURE_NS_PER_TICK);
		eoi[i] =
			bench_timer_eoi - (int64_t)(cval * MEASURE_NS_PER_TICK);
	}
	bench_vectors(vectors);
	gic_disable_irq(BENCH_TIMER_PPI);
	bench_report(entry_metric, bench_samples, bench_n, 1);
	bench_report(eoi_metric, eoi, bench_n, 1);
}

static void bench_timer(void)
{
	bench_timer_run("timer-entry", "timer-eoi", 0);
}

/*
 * 5. The timer interrupt while the root is busy (issue 17, point 7): the
 * same figure, with the samples 100 us apart so that they spread over the
 * root's workload and IPI burst (scenario bench-modes).
 */
#define BENCH_LOADED_GAP_NS 100000

static void bench_loaded(void)
{
	uint64_t ms;

	/*
	 * "wait=<ms>": more settling first, so that the root's load (started
	 * once `warden cell start` returned) is running before the first
	 * sample.  Starting the cell under the load instead would take the
	 * root seconds.
	 */
	if (cmdline_get_uint("wait", &ms) && ms <= 10000) {
		printf("[bench] waiting %llu ms for the root's load\n",
		       (unsigned long long)ms);
		bench_sleep_ns(ms * 1000000ull);
	}
	bench_hist = false;
	bench_timer_run("timer-entry-loaded", "timer-eoi-loaded",
			BENCH_LOADED_GAP_NS);
}

/*
 * 6. Idle with a 1 ms tick (issue 17, point 4): the virtual timer fires
 * every millisecond and the CPU waits for it in WFI, for "ms=" ticks.  The
 * root counts the cell's exits meanwhile: a direct cell should take none.
 * Also the tick's latency out of WFI, expiry to the handler.
 */
#define BENCH_TICK_NS 1000000
#define BENCH_TICK_COUNT 4000

static void bench_tick(void)
{
	uint64_t period = timer_ns_to_ticks(BENCH_TICK_NS), ticks, cval, i;
	unsigned int n = 0;

	if (!cmdline_get_uint("ms", &ticks) || ticks == 0)
		ticks = BENCH_TICK_COUNT;
	gic_enable_irq(BENCH_TIMER_PPI);
	bench_vectors(measure_vectors);
	printf("[bench] tick start period=1ms ticks=%llu\n",
	       (unsigned long long)ticks);
	cval = timer_now() + period;
	for (i = 0; i < ticks; i++, cval += period) {
		bench_timer_seen = 0;
		timer_set_cval(cval);
		measure_wait_irq(&bench_timer_seen);
		if (n < BENCH_SAMPLES)
			bench_samples[n++] =
				bench_timer_entry -
				(int64_t)(cval * MEASURE_NS_PER_TICK);
	}
	bench_vectors(vectors);
	gic_disable_irq(BENCH_TIMER_PPI);
	printf("[bench] tick done\n");
	bench_report("tick-entry", bench_samples, n, 1);
}

/*
 * 7. Spin with interrupts masked until stopped: the root times how long
 * `shutdown --force` and `destroy --force` take to stop it (issue 17,
 * point 2's bound).
 */
static void bench_spin(void)
{
	cpu_irq_disable();
	printf("[bench] spinning, interrupts masked\n");
	for (;;)
		__asm__ volatile("" : : : "memory");
}

enum bench_op {
	BENCH_OP_LDR,
	BENCH_OP_LDR_X19,
	BENCH_OP_STR,
	BENCH_OP_HVC,
	BENCH_OP_SMC,
};

static uint64_t bench_loop(enum bench_op op, uint64_t arg, uint32_t val)
{
	switch (op) {
	case BENCH_OP_LDR:
		return measure_loop_ldr32(BENCH_LOOP_OPS, arg);
	case BENCH_OP_LDR_X19:
		return measure_loop_ldr32_x19(BENCH_LOOP_OPS, arg);
	case BENCH_OP_STR:
		return measure_loop_str32(BENCH_LOOP_OPS, arg, val);
	case BENCH_OP_HVC:
		return measure_loop_hvc(BENCH_LOOP_OPS, arg);
	case BENCH_OP_SMC:
		return measure_loop_smc(BENCH_LOOP_OPS, arg);
	}
	return 0;
}

/*
 * 2, 3. One operation's cost in tenths of an instruction: a loop of 1000
 * minus the same loop without it (issue 6's method; the 16 ns tick then
 * costs 0.016 instructions of resolution).
 */
static void bench_op(const char *metric, enum bench_op op, uint64_t arg,
		     uint32_t val)
{
	uint64_t extra = op >= BENCH_OP_HVC ? MEASURE_CALL_EXTRA : 0;
	uint64_t empty, full;
	int i;

	for (i = -2; i < (int)bench_runs; i++) {
		empty = measure_loop_empty(BENCH_LOOP_OPS);
		full = bench_loop(op, arg, val);
		if (i < 0)
			continue;
		/* rounded to the nearest tenth */
		bench_samples[i] =
			(int64_t)(((full - empty) * MEASURE_NS_PER_TICK * 10 +
				   BENCH_LOOP_OPS / 2) /
				  BENCH_LOOP_OPS) -
			(int64_t)(extra * 10);
	}
	bench_report(metric, bench_samples, bench_runs, 10);
}

static void bench_calls(void)
{
	if (platform_kind() == PLATFORM_CELL) {
		bench_op("hvc-null", BENCH_OP_HVC, BENCH_HC_UNKNOWN, 0);
		bench_op("psci-version", BENCH_OP_SMC, PSCI_VERSION, 0);
	} else {
		printf("[bench] skip hvc-null no hypervisor to call\n");
		/*
		 * QEMU's own PSCI: what firmware costs here, through the
		 * machine's conduit (HVC on virt, SMC on the ZCU102).
		 */
		bench_op("psci-version",
			 platform_psci_conduit_smc() ? BENCH_OP_SMC :
						       BENCH_OP_HVC,
			 PSCI_VERSION, 0);
	}
}

static void bench_gicd(void)
{
	uint64_t gicd = comm_region()->gicd_base;
	uint64_t isenabler = gicd + GICD_ISENABLER + (BENCH_SPI / 32) * 4;

	bench_op("gicd-typer-read", BENCH_OP_LDR, gicd + GICD_TYPER, 0);
	/* the same through x19: not every register costs the same (issue 17) */
	bench_op("gicd-typer-read-x19", BENCH_OP_LDR_X19, gicd + GICD_TYPER, 0);
	bench_op("gicd-isenabler-read", BENCH_OP_LDR, isenabler, 0);
	/* sets the enable bit of our own SPI, again and again */
	bench_op("gicd-isenabler-write", BENCH_OP_STR, isenabler,
		 1u << (BENCH_SPI % 32));
}

/*
 * Scenario bench-smmu (issue 19), in the dma-test cell, which owns a PCI
 * function: a read of that function's vendor and device ID in the ECAM
 * (cfg=ADDR), which the hypervisor traps and answers (core/pci.c), and
 * of a function the cell does not own (absent=ADDR), which reads as
 * all-ones.  On bare metal such a read is one load.
 */
static void bench_pci(void)
{
	uint64_t cfg;

	if (!cmdline_get_uint("cfg", &cfg)) {
		printf("[bench] error: only=pci needs cfg=ADDR\n");
		return;
	}
	bench_op("pci-config-read", BENCH_OP_LDR, cfg, 0);
	if (cmdline_get_uint("absent", &cfg))
		bench_op("pci-config-read-absent", BENCH_OP_LDR, cfg, 0);
}

static void bench_sgi_receiver(unsigned int cpu)
{
	(void)cpu;
	if (gic_init())
		return;
	gic_enable_irq(BENCH_SGI);
	bench_vectors(measure_vectors);
	WRITE_ONCE(bench_sgi_ready, 1);
	dsb(sy);
	sev();
	measure_idle_irq();
}

/* 4. SGI from this CPU to the next: send instruction to handler entry. */
static void bench_sgi(void)
{
	uint64_t reads[MEASURE_READS], word, sgir;
	uint64_t end = timer_now() + timer_ns_to_ticks(100000000);
	bool v3 = comm_region()->gic_version == WARDEN_GIC_V3;
	int i, rc;

	if (cpu_count() < 2) {
		printf("[bench] skip sgi needs two CPUs\n");
		return;
	}
	rc = cpu_start(1, bench_sgi_receiver);
	while (rc == 0 && !READ_ONCE(bench_sgi_ready) && timer_now() < end)
		wfe();
	if (rc || !bench_sgi_ready) {
		printf("[bench] skip sgi CPU 1 did not start (PSCI %d)\n", rc);
		return;
	}
	word = gic_sgi_word(1, BENCH_SGI);
	sgir = comm_region()->gicd_base + GICD_SGIR;
	for (i = -bench_warmup; i < (int)bench_n; i++) {
		WRITE_ONCE(bench_sgi_ack, 0);
		if (v3)
			measure_stamp_sgi1r(reads, word);
		else
			measure_stamp_sgir(reads, sgir, (uint32_t)word);
		while (!READ_ONCE(bench_sgi_ack))
			wfe();
		if (i >= 0)
			bench_samples[i] =
				bench_sgi_entry -
				(measure_stamp_time(reads) + MEASURE_READS);
	}
	bench_report("sgi", bench_samples, bench_n, 1);
}

/*
 * Command line (cells only; bare metal has none), for profiling one path:
 * "only=<group>" (timer, calls, gicd or sgi) and "n=<count>" events, also
 * the loop runs, with no warm-up.  Scenario bench-modes names the groups
 * that run only when named: loaded, tick (with "ms=<ticks>") and spin;
 * scenario bench-smmu names pci (with "cfg=<addr>", "absent=<addr>").
 */
static void bench_options(void)
{
	uint64_t n;

	if (!cmdline_get_uint("n", &n))
		return;
	if (n < 1 || n > BENCH_SAMPLES)
		n = BENCH_SAMPLES;
	bench_n = bench_runs = (unsigned int)n;
	bench_warmup = 0;
}

static bool bench_wanted(const char *group)
{
	const char *only = cmdline_value("only");
	size_t len = strlen(group);

	return !only || (!strncmp(only, group, len) &&
			 (only[len] == '\0' || only[len] == ' '));
}

/* The runs of scenario bench-modes: only when only= names them. */
static bool bench_chosen(const char *group)
{
	return cmdline_value("only") && bench_wanted(group);
}

void inmate_main(void)
{
	uint64_t freq = timer_freq();

	printf("[bench] platform=%s gic=%u cpus=%u\n",
	       platform_kind() == PLATFORM_CELL ? "cell" : "bare-metal",
	       comm_region()->gic_version, cpu_count());
	if (freq == 0 || 1000000000ull / freq != MEASURE_NS_PER_TICK) {
		printf("[bench] error: counter at %llu Hz, the stamps need %u ns ticks\n",
		       (unsigned long long)freq, MEASURE_NS_PER_TICK);
		goto out;
	}
	if (gic_init()) {
		printf("[bench] error: no GIC\n");
		goto out;
	}
	bench_sleep_ns(BENCH_SETTLE_MS * 1000000ull);
	bench_options();
	if (bench_wanted("timer"))
		bench_timer();
	if (bench_wanted("calls"))
		bench_calls();
	if (bench_wanted("gicd"))
		bench_gicd();
	if (bench_wanted("sgi"))
		bench_sgi();
	if (bench_chosen("loaded"))
		bench_loaded();
	if (bench_chosen("tick"))
		bench_tick();
	if (bench_chosen("spin"))
		bench_spin();
	if (bench_chosen("pci"))
		bench_pci();
	if (bench_unexpected)
		printf("[bench] error: %u unexpected interrupts\n",
		       bench_unexpected);
out:
	printf("[bench] DONE\n");
	psci_system_off();
}
