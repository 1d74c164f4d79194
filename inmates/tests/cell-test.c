// SPDX-License-Identifier: BSD-2-Clause
/*
 * cell-test: a test inmate for the system tests, driven by its command line
 * (space-separated words):
 *   refuse-shutdown   stay busy: deny every shutdown request
 *   system-off=N      after N seconds, PSCI SYSTEM_OFF
 *   system-reset=N    after N seconds, PSCI SYSTEM_RESET
 *   write-outside=N   after N seconds, write to an IPA the cell does not
 *                     own (0x50000000): the hypervisor must stop the cell
 *   spi=N             at start, route SPI N (the cell's) to this CPU, set
 *                     it pending through the distributor and wait for it;
 *                     then pend it again every 10 ms, and report with each
 *                     tick how many arrived (all of them, or a test fails)
 *   foreign-spi=N     at start, try every distributor write on SPI N (not
 *                     the cell's): disable, enable, pend, unpend,
 *                     (de)activate, priority, trigger, group, routing; the
 *                     cell's view must show nothing, the owner must see no
 *                     change
 *   hygiene           at start, report what the upper half of its RAM
 *                     holds, then fill it with 0xa5a5a5a5 (the root must
 *                     never see either: tests/system/scenarios/misbehave.sh)
 *   misbehave=KIND    after 1 second, break a rule (cell_test_bad[]);
 *                     the hypervisor must stop the cell or refuse the call
 * It counts its boots across SYSTEM_RESET and prints a tick every second.
 */
#include <inmate/inmate.h>
#include <inmate/test.h>
#include <warden/hypercall.h>

#define CELL_TEST_POLL_MS 10
/* Nothing is mapped here in an inmate cell (configs/qemu-arm64). */
#define CELL_TEST_OUTSIDE 0x50000000ul

/* In the loaded image, not cleared at start-up: survives SYSTEM_RESET. */
static uint32_t cell_test_boots INMATE_PERSIST;

/* GICD registers (IHI 0069 12.9, IHI 0048 4.3) */
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_IROUTER 0x6000

static volatile uint32_t cell_test_spi_hits;
/* spi=N: the SPI this cell owns and pends, and how often it pended it */
static uint32_t cell_test_spi_own;
static uint32_t cell_test_spi_sent;

static void cell_test_spi(uint32_t intid)
{
	(void)intid;
	cell_test_spi_hits++;
}

static uint64_t cell_test_gicd(uint32_t reg, uint64_t irq)
{
	return comm_region()->gicd_base + reg + (irq / 32) * 4;
}

/* An SPI of the cell, pended by software, arrives at this CPU. */
static void cell_test_own_spi(uint64_t irq)
{
	uint64_t end = timer_now() + timer_freq();

	gic_set_handler((uint32_t)irq, cell_test_spi);
	gic_enable_irq((uint32_t)irq);
	mmio_write32(cell_test_gicd(GICD_ISPENDR, irq), 1u << (irq % 32));
	while (!cell_test_spi_hits && timer_now() < end)
		timer_delay_ms(1);
	printf("cell-test: SPI %lu %s\n", irq,
	       cell_test_spi_hits ? "arrived" : "did not arrive");
	TEST_CHECK(cell_test_spi_hits == 1);
	cell_test_spi_own = (uint32_t)irq;
	cell_test_spi_sent = 1;
}

/* One more of the cell's own SPI; the previous one arrived long ago. */
static void cell_test_spi_again(void)
{
	if (!cell_test_spi_own)
		return;
	cell_test_spi_sent++;
	mmio_write32(cell_test_gicd(GICD_ISPENDR, cell_test_spi_own),
		     1u << (cell_test_spi_own % 32));
}

static void cell_test_spi_report(void)
{
	if (!cell_test_spi_own)
		return;
	printf("cell-test: SPI %u: %u of %u arrived\n", cell_test_spi_own,
	       cell_test_spi_hits, cell_test_spi_sent);
	TEST_CHECK(cell_test_spi_hits == cell_test_spi_sent);
}

/*
 * Someone else's SPI: every write the distributor has for it, each of which
 * would take the SPI from its owner (disabled, cleared, left active, masked
 * by priority, made group 0, or routed here).  None may have an effect; the
 * owner (spi=N in another cell) checks that it still gets every one.
 */
static void cell_test_foreign_spi(uint64_t irq)
{
	uint32_t bit = 1u << (irq % 32);
	uint64_t byte = comm_region()->gicd_base + irq;

	mmio_write32(cell_test_gicd(GICD_ICENABLER, irq), bit);
	mmio_write32(cell_test_gicd(GICD_ICPENDR, irq), bit);
	mmio_write32(cell_test_gicd(GICD_ISACTIVER, irq), bit);
	mmio_write32(cell_test_gicd(GICD_IGROUPR, irq), 0);
	/* two bits per interrupt: 16 to a register */
	mmio_write32(comm_region()->gicd_base + GICD_ICFGR + (irq / 16) * 4,
		     0xffffffff);
	*(volatile uint8_t *)(byte + GICD_IPRIORITYR) = 0xff;
	if (comm_region()->gic_version == 3)
		*(volatile uint64_t *)(comm_region()->gicd_base + GICD_IROUTER +
				       irq * 8) = read_sysreg(mpidr_el1) &
						  0xff00ffffffUL;
	else
		*(volatile uint8_t *)(byte + GICD_ITARGETSR) = 0xff;
	gic_enable_irq((uint32_t)irq);
	mmio_write32(cell_test_gicd(GICD_ISPENDR, irq), bit);
	if (mmio_read32(cell_test_gicd(GICD_ISENABLER, irq)) & bit)
		printf("cell-test: SPI %lu is visible to this cell\n", irq);
	else
		printf("cell-test: SPI %lu is not this cell's: enable ignored\n",
		       irq);
	TEST_CHECK(!(mmio_read32(cell_test_gicd(GICD_ISENABLER, irq)) & bit));
	printf("cell-test: SPI %lu: disable, unpend, activate, group, trigger, priority and route written\n",
	       irq);
}

/* The upper half of the cell's RAM: above image, BSS and stacks. */
#define CELL_TEST_FILL_START 0x40080000ul
#define CELL_TEST_FILL_END 0x400fe000ul

static void cell_test_hygiene(void)
{
	volatile uint32_t *p = (volatile uint32_t *)CELL_TEST_FILL_START;
	uint32_t seen = 0;

	for (; p < (volatile uint32_t *)CELL_TEST_FILL_END; p++) {
		seen |= *p;
		*p = 0xa5a5a5a5;
	}
	printf("cell-test: RAM 0x%lx-0x%lx held %s; filled with 0xa5a5a5a5\n",
	       CELL_TEST_FILL_START, CELL_TEST_FILL_END,
	       seen ? "data" : "zeros");
	TEST_CHECK(seen == 0);
}

/* --- misbehaviour (isolation tests) --- */

static void bad_read(uint64_t ipa)
{
	uint32_t v = *(volatile uint32_t *)ipa;

	printf("cell-test: read of 0x%lx returned 0x%x\n", ipa, v);
	TEST_CHECK(!"the read outside the cell was not stopped");
}

static void bad_write(uint64_t ipa)
{
	*(volatile uint32_t *)ipa = 0xbadc0de;
	printf("cell-test: write to 0x%lx went through\n", ipa);
	TEST_CHECK(!"the write outside the cell was not stopped");
}

/* A call that must be refused with `want`; the cell goes on. */
static void bad_call(const char *what, int64_t got, int64_t want)
{
	printf("cell-test: %s returned %ld\n", what, got);
	TEST_CHECK(got == want);
}

static void bad_read_root(void)
{
	bad_read(
		0x48000000); /* the root's RAM, were the cell identity mapped */
}

static void bad_write_root(void)
{
	bad_write(0x48000000);
}

static void bad_hypervisor(void)
{
	bad_read(0x7fc00000); /* the hypervisor's memory */
}

static void bad_other_cell(void)
{
	bad_write(0x70000000); /* gic-demo's RAM */
}

static void bad_device(void)
{
	bad_write(0x09000000); /* the root's PL011 */
}

static volatile uint32_t cell_test_second_cpu_ran;

static void cell_test_second_cpu(unsigned int cpu)
{
	printf("cell-test: CPU %u started\n", cpu);
	cell_test_second_cpu_ran = 1;
}

/*
 * PSCI arguments that name no CPU of this cell, or no instruction it may
 * execute, are refused with the PSCI error and nothing starts (DEN 0022D
 * 5.1.4, 5.1.5).  With a second CPU (the smp-demo cell), the CPU that a
 * bad entry did not start then starts with a good one.
 */
static void bad_cpu_on(void)
{
	uint64_t me = cpu_mpidr(0), other = me;
	uint64_t good = 0x40000000, target;

	bad_call("PSCI CPU_ON of CPU 0 (the root's)", psci_cpu_on(0, good, 0),
		 PSCI_INVALID_PARAMETERS);
	if (cpu_count() > 1)
		other = cpu_mpidr(1);
	target = other;
	bad_call("CPU_ON, target with bit 24 set (must be zero)",
		 psci_cpu_on(target | (1ul << 24), good, 0),
		 PSCI_INVALID_PARAMETERS);
	bad_call("CPU_ON, entry 0x48000000 (not this cell's)",
		 psci_cpu_on(target, 0x48000000, 0), PSCI_INVALID_ADDRESS);
	bad_call("CPU_ON, entry 0x40000002 (not 4-byte aligned)",
		 psci_cpu_on(target, 0x40000002, 0), PSCI_INVALID_ADDRESS);
	bad_call("CPU_ON, entry 0x80000000 (the comm region)",
		 psci_cpu_on(target, 0x80000000, 0), PSCI_INVALID_ADDRESS);
	bad_call("AFFINITY_INFO, level 1 (other cells' CPUs)",
		 smccc_smc(PSCI_AFFINITY_INFO_64, me, 1, 0),
		 PSCI_INVALID_PARAMETERS);
	bad_call("AFFINITY_INFO of this CPU, level 0: ON",
		 smccc_smc(PSCI_AFFINITY_INFO_64, me, 0, 0), 0);
	/* SMC32: the upper halves of the registers are ignored */
	bad_call("CPU_ON (SMC32) of this CPU, garbage in the upper halves",
		 smccc_smc(PSCI_CPU_ON_32, me | 0xdead000000000000ul,
			   good | 0xbeef000000000000ul, 0),
		 PSCI_ALREADY_ON);
	if (other == me)
		return;
	timer_delay_ms(100);
	bad_call("no bad CPU_ON started CPU 1", cell_test_second_cpu_ran, 0);
	bad_call("CPU_ON of CPU 1 with a good entry",
		 cpu_start(1, cell_test_second_cpu), PSCI_SUCCESS);
	timer_delay_ms(100);
	bad_call("CPU 1 ran", cell_test_second_cpu_ran, 1);
}

static void bad_smc(void)
{
	bad_call("SMC 0xc2000000 (unknown)", smccc_smc(0xc2000000, 1, 2, 3),
		 -1);
}

static void bad_hvc(void)
{
	bad_call("HVC 0xc5000000 (unknown)", smccc_hvc(0xc5000000, 1, 2, 3),
		 -1);
	bad_call("HVC 0xc60000ff (unknown Warden call)",
		 smccc_hvc(0xc60000ff, 1, 2, 3), -1);
}

/* Management calls are the root's: -EPERM (-1). */
static void bad_mgmt(void)
{
	bad_call("WARDEN_HC_CELL_DESTROY of cell 1",
		 smccc_hvc(WARDEN_HC_CELL_DESTROY, 1, 0, 0), -1);
	bad_call("WARDEN_HC_DISABLE", smccc_hvc(WARDEN_HC_DISABLE, 0, 0, 0),
		 -1);
	bad_call("WARDEN_HC_CELL_CREATE",
		 smccc_hvc(WARDEN_HC_CELL_CREATE, 0x40000000, 104, 0), -1);
}

/*
 * SGI 2 is Linux's CPU-stop IPI: were one delivered, a root CPU would halt
 * for good.  Sent to the root's CPUs 0 and 1 by target list, and to all
 * other CPUs (GICv3 IRM=1, GICv2 filter "all but self"): every one must be
 * dropped, and /proc/interrupts in the root shows no CPU stop interrupt.
 */
static void bad_sgi(void)
{
	if (comm_region()->gic_version == 3) {
		/* ICC_SGI1R_EL1: INTID 2, Aff3..1 = 0, target list CPUs 0-1 */
		write_sysreg(icc_sgi1r_el1, (2ul << 24) | 3);
		/* IRM (bit 40): every PE but this one */
		write_sysreg(icc_sgi1r_el1, (1ul << 40) | (2ul << 24));
	} else {
		/* GICD_SGIR: filter 0, CPU interfaces 0-1, INTID 2 */
		mmio_write32(comm_region()->gicd_base + 0xf00, (3u << 16) | 2);
		/* filter 1: every CPU interface but this one */
		mmio_write32(comm_region()->gicd_base + 0xf00, (1u << 24) | 2);
	}
	isb();
	printf("cell-test: sent SGI 2 to CPUs 0-1 and to all others (not this cell's)\n");
}

/*
 * ACTLR_EL1 is IMPLEMENTATION DEFINED (HCR_EL2.TACR traps it).  The other
 * such registers (HCR_EL2.TIDCP) cannot be tested here: QEMU 7.2 does not
 * implement that trap.
 */
static void bad_actlr(void)
{
	__asm__ volatile("msr actlr_el1, xzr" ::: "memory");
	printf("cell-test: write to ACTLR_EL1 went through\n");
	TEST_CHECK(!"the ACTLR_EL1 write was not stopped");
}

/* A cell that is not on a link can neither ring it nor reach it. */
static void bad_link(void)
{
	bad_call("LINK_RING of link 0", smccc_hvc(WARDEN_HC_LINK_RING, 0, 0, 0),
		 -22);
	bad_read(0x50000000); /* where echo-demo and echo-client see "echo" */
}

static void bad_spin(void)
{
	printf("cell-test: spinning with interrupts masked\n");
	cpu_irq_disable();
	for (;;)
		;
}

/*
 * In a direct cell, EL1 reaches the physical ICC_AP1R0_EL1 (IHI 0069
 * 12.2.3; S3_0_C12_C9_0), which no trap guards.  Bit 0 marks priority 0
 * active, so the running priority is 0 and the hypervisor's Group 0 stop
 * SGI, at priority 0 too, no longer preempts.  Then spin, masked.
 */
static void bad_ap1r(void)
{
	uint64_t v;

	__asm__ volatile("msr S3_0_C12_C9_0, %0\n\tisb"
			 :
			 : "r"(1UL)
			 : "memory");
	__asm__ volatile("mrs %0, S3_0_C12_C9_0" : "=r"(v));
	printf("cell-test: ICC_AP1R0_EL1 = 0x%lx, spinning with interrupts "
	       "masked\n",
	       (unsigned long)v);
	cpu_irq_disable();
	for (;;)
		;
}

/*
 * GICv3: LPIs on its own redistributor, with the pending table pointed at
 * the hypervisor's memory (a GIC writes pending bits back there).  The
 * hypervisor hides LPIs from cells: GICR_TYPER.PLPIS reads 0, EnableLPIs
 * does not stick, the tables' bases read as zero.
 */
static void bad_lpi(void)
{
	uint64_t rd = comm_region()->cpus[0].gicr_base;
	uint32_t typer, ctlr, pend;

	if (comm_region()->gic_version != 3 || !rd) {
		printf("cell-test: no redistributor (GICv%u): nothing to try\n",
		       comm_region()->gic_version);
		return;
	}
	mmio_write32(rd + 0x78, 0x7fc00000); /* GICR_PENDBASER */
	mmio_write32(rd + 0x70, 0x7fc00000); /* GICR_PROPBASER */
	mmio_write32(rd, mmio_read32(rd) | 1); /* GICR_CTLR.EnableLPIs */
	typer = mmio_read32(rd + 8);
	ctlr = mmio_read32(rd);
	pend = mmio_read32(rd + 0x78);
	printf("cell-test: LPIs: reads returned PLPIS %u, EnableLPIs %u, "
	       "PENDBASER 0x%x\n",
	       typer & 1, ctlr & 1, pend);
	TEST_CHECK(!(typer & 1) && !(ctlr & 1) && pend == 0);
}

static void bad_hvc_storm(void)
{
	printf("cell-test: hypercall storm\n");
	for (;;)
		smccc_hvc(WARDEN_HC_VERSION, 0, 0, 0);
}

static void cell_test_sgi(uint32_t intid)
{
	gic_send_sgi(0, intid);
}

/* Every SGI handled sends the next one: an endless interrupt storm. */
static void bad_sgi_storm(void)
{
	printf("cell-test: SGI storm\n");
	if (gic_init())
		printf("cell-test: GIC init failed\n");
	gic_set_handler(2, cell_test_sgi);
	gic_enable_irq(2);
	cpu_irq_enable();
	gic_send_sgi(0, 2);
	for (;;)
		__asm__ volatile("wfi");
}

/*
 * The whole comm page is the cell's to write.  It fakes a pending shutdown
 * request with a matching refusal; the hypervisor keeps its own copy of
 * what it asked, so the root's next shutdown is a real request, which this
 * cell (not busy) then approves.
 */
static void bad_fake_reply(void)
{
	volatile struct warden_comm_region *comm = comm_region();

	comm->msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST;
	comm->msg_seq = 4242;
	comm->reply_from_cell = WARDEN_REPLY_DENIED;
	comm->reply_seq = 4242;
	dsb(sy);
	printf("cell-test: faked a refused shutdown request (seq 4242)\n");
}

static const struct {
	const char *name;
	void (*fn)(void);
} cell_test_bad[] = {
	{ "read-root", bad_read_root },
	{ "write-root", bad_write_root },
	{ "hypervisor", bad_hypervisor },
	{ "other-cell", bad_other_cell },
	{ "device", bad_device },
	{ "cpu-on", bad_cpu_on },
	{ "smc", bad_smc },
	{ "hvc", bad_hvc },
	{ "mgmt", bad_mgmt },
	{ "sgi", bad_sgi },
	{ "actlr", bad_actlr },
	{ "link", bad_link },
	{ "spin", bad_spin },
	{ "ap1r", bad_ap1r },
	{ "hvc-storm", bad_hvc_storm },
	{ "sgi-storm", bad_sgi_storm },
	{ "fake-reply", bad_fake_reply },
	{ "lpi", bad_lpi },
};

static void cell_test_misbehave(const char *kind)
{
	unsigned int i;

	for (i = 0; i < sizeof(cell_test_bad) / sizeof(cell_test_bad[0]); i++) {
		size_t len = strlen(cell_test_bad[i].name);

		if (!strncmp(kind, cell_test_bad[i].name, len) &&
		    (kind[len] == '\0' || kind[len] == ' ')) {
			printf("cell-test: misbehaving: %s\n",
			       cell_test_bad[i].name);
			cell_test_bad[i].fn();
			printf("cell-test: still running after %s\n",
			       cell_test_bad[i].name);
			return;
		}
	}
	printf("cell-test: unknown misbehaviour '%s'\n", kind);
}

/* Wait a second, answering shutdown requests. */
static void cell_test_second(bool refuse)
{
	uint64_t end = timer_now() + timer_freq();

	while (timer_now() < end) {
		if (comm_poll() == COMM_POLL_DENIED && refuse)
			printf("cell-test: shutdown request refused\n");
		cell_test_spi_again();
		timer_delay_ms(CELL_TEST_POLL_MS);
	}
}

void inmate_main(void)
{
	bool refuse = cmdline_has("refuse-shutdown");
	const char *misbehave = cmdline_value("misbehave");
	uint64_t off_at = 0, reset_at = 0, fault_at = 0, irq, tick;
	int ret;

	cell_test_boots++;
	printf("cell-test: boot %u\n", cell_test_boots);
	printf("cell-test: command line '%s'\n", cmdline_get());
	cmdline_get_uint("system-off", &off_at);
	cmdline_get_uint("system-reset", &reset_at);
	cmdline_get_uint("write-outside", &fault_at);
	if (refuse)
		comm_set_busy(true);
	if (cmdline_get_uint("spi", &irq) ||
	    cmdline_get_uint("foreign-spi", &irq)) {
		if (gic_init())
			printf("cell-test: GIC init failed\n");
		cpu_irq_enable();
	}
	if (cmdline_has("hygiene"))
		cell_test_hygiene();
	if (cmdline_get_uint("spi", &irq))
		cell_test_own_spi(irq);
	if (cmdline_get_uint("foreign-spi", &irq))
		cell_test_foreign_spi(irq);
	for (tick = 1;; tick++) {
		cell_test_second(refuse);
		printf("cell-test: tick %lu\n", tick);
		cell_test_spi_report();
		if (off_at && tick >= off_at) {
			printf("cell-test: calling SYSTEM_OFF\n");
			ret = psci_system_off();
			/* Only reached if the call failed. */
			TEST_CHECK(ret == PSCI_SUCCESS);
			printf("cell-test: SYSTEM_OFF returned %d\n", ret);
			off_at = 0;
		}
		if (tick == 1 && misbehave)
			cell_test_misbehave(misbehave);
		if (fault_at && tick >= fault_at) {
			printf("cell-test: writing to 0x%lx\n",
			       CELL_TEST_OUTSIDE);
			*(volatile uint32_t *)CELL_TEST_OUTSIDE = 0xbad;
			/* Only reached if the hypervisor let it pass. */
			TEST_CHECK(
				!"the write outside the cell was not stopped");
			fault_at = 0;
		}
		if (reset_at && tick >= reset_at) {
			printf("cell-test: calling SYSTEM_RESET\n");
			ret = psci_system_reset();
			/* Only reached if the call failed. */
			TEST_CHECK(ret == PSCI_SUCCESS);
			printf("cell-test: SYSTEM_RESET returned %d\n", ret);
			reset_at = 0;
		}
	}
}
