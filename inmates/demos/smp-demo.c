// SPDX-License-Identifier: BSD-2-Clause
/*
 * smp-demo: the boot CPU starts the cell's other CPUs with PSCI CPU_ON,
 * each reports in, and then they play SGI ping-pong: first CPU 0 pings each
 * other CPU, then each other CPU in turn pings CPU 0; every ping is
 * answered with a pong.
 *
 * With the MMU off, shared variables are plain loads and stores with
 * barriers; waiters sleep in WFE (woken by SEV, interrupts and the timer
 * event stream) and give up after a timeout.
 */
#include <inmate/inmate.h>

#define SMP_SGI_PING 1
#define SMP_SGI_PONG 2
#define SMP_ROUNDS 10
#define SMP_TIMEOUT_MS 2000

static volatile uint32_t smp_up[INMATE_MAX_CPUS];
static volatile uint32_t smp_pings[INMATE_MAX_CPUS]; /* received */
static volatile uint32_t smp_pongs[INMATE_MAX_CPUS]; /* received */
static volatile uint32_t smp_done[INMATE_MAX_CPUS];
/* The CPU each CPU is pinging, so it knows where pongs come from. */
static volatile uint32_t smp_target[INMATE_MAX_CPUS];
/* Phase 2: the CPU whose turn it is to ping CPU 0 (0: nobody's). */
static volatile uint32_t smp_turn;

/* Wait until *var >= val; false on timeout. */
static bool smp_wait(const volatile uint32_t *var, uint32_t val)
{
	uint64_t end =
		timer_now() + timer_ns_to_ticks(SMP_TIMEOUT_MS * 1000000ull);

	while (*var < val) {
		if (timer_now() > end)
			return false;
		wfe();
	}
	dmb(sy);
	return true;
}

static void smp_signal(volatile uint32_t *var, uint32_t val)
{
	dmb(sy);
	*var = val;
	dsb(sy);
	sev();
}

static void smp_sgi(uint32_t intid)
{
	unsigned int me = cpu_current(), from;
	uint32_t n;

	if (intid == SMP_SGI_PING) {
		/* CPU 0 pings the others; they ping CPU 0 in turn. */
		from = me ? 0 : smp_turn;
		n = smp_pings[me] + 1;
		gic_send_sgi(from, SMP_SGI_PONG);
		smp_signal(&smp_pings[me], n);
	} else {
		from = smp_target[me];
		n = smp_pongs[me] + 1;
		smp_signal(&smp_pongs[me], n);
	}
	/* Sparingly: the first exchange of each CPU only. */
	if (n == 1)
		printf("smp-demo: CPU %u got SGI %u from CPU %u\n", me, intid,
		       from);
}

static int smp_irq_setup(void)
{
	if (gic_init())
		return -1;
	gic_set_handler(SMP_SGI_PING, smp_sgi);
	gic_set_handler(SMP_SGI_PONG, smp_sgi);
	gic_enable_irq(SMP_SGI_PING);
	gic_enable_irq(SMP_SGI_PONG);
	cpu_irq_enable();
	return 0;
}

/* Ping target rounds times from the calling CPU; returns the round trips. */
static unsigned int smp_ping(unsigned int target, unsigned int rounds)
{
	unsigned int me = cpu_current(), i;
	uint32_t expect;

	smp_target[me] = target;
	for (i = 0; i < rounds; i++) {
		expect = smp_pongs[me] + 1;
		gic_send_sgi(target, SMP_SGI_PING);
		if (!smp_wait(&smp_pongs[me], expect)) {
			printf("smp-demo: CPU %u: no pong from CPU %u\n", me,
			       target);
			break;
		}
	}
	return i;
}

static void smp_report_in(unsigned int cpu)
{
	printf("smp-demo: CPU %u (MPIDR 0x%lx) up\n", cpu,
	       read_sysreg(mpidr_el1) & MPIDR_AFF_MASK);
}

static void smp_secondary(unsigned int cpu)
{
	unsigned int n;

	if (smp_irq_setup())
		return;
	smp_report_in(cpu);
	smp_signal(&smp_up[cpu], 1);
	/* Phase 2: wait for our turn, then ping CPU 0. */
	while (smp_turn != cpu) {
		comm_poll();
		wfe();
	}
	n = smp_ping(0, SMP_ROUNDS);
	smp_signal(&smp_done[cpu], n + 1);
	startup_idle();
}

static unsigned int smp_start_all(void)
{
	unsigned int cpu, up = 1;
	int ret;

	for (cpu = 1; cpu < cpu_count(); cpu++) {
		ret = cpu_start(cpu, smp_secondary);
		if (ret) {
			printf("smp-demo: CPU_ON of CPU %u failed: %d\n", cpu,
			       ret);
			continue;
		}
		if (!smp_wait(&smp_up[cpu], 1)) {
			printf("smp-demo: CPU %u did not report in\n", cpu);
			continue;
		}
		up++;
	}
	return up;
}

void inmate_main(void)
{
	unsigned int cpu, trips = 0;

	printf("smp-demo: %u CPUs, GICv%u\n", cpu_count(),
	       comm_region()->gic_version);
	if (smp_irq_setup())
		return;
	smp_report_in(0);
	printf("smp-demo: %u of %u CPUs up\n", smp_start_all(), cpu_count());
	/* Phase 1: CPU 0 pings each other CPU. */
	for (cpu = 1; cpu < cpu_count(); cpu++) {
		if (smp_up[cpu])
			trips += smp_ping(cpu, SMP_ROUNDS);
	}
	/* Phase 2: each other CPU in turn pings CPU 0. */
	for (cpu = 1; cpu < cpu_count(); cpu++) {
		if (!smp_up[cpu])
			continue;
		smp_signal(&smp_turn, cpu);
		if (smp_wait(&smp_done[cpu], 1))
			trips += smp_done[cpu] - 1;
		else
			printf("smp-demo: CPU %u did not finish\n", cpu);
	}
	printf("smp-demo: SGI ping-pong done, %u round trips\n", trips);
}
