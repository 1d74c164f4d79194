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
 *                     it pending through the distributor and wait for it
 *   foreign-spi=N     at start, try to enable and route SPI N (not the
 *                     cell's): the distributor view must show nothing
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

#define GICD_ISENABLER 0x100
#define GICD_ISPENDR 0x200

static volatile uint32_t cell_test_spi_hits;

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
}

/* Someone else's SPI: enabling it changes nothing the cell can see. */
static void cell_test_foreign_spi(uint64_t irq)
{
	uint32_t bit = 1u << (irq % 32);

	gic_enable_irq((uint32_t)irq);
	mmio_write32(cell_test_gicd(GICD_ISPENDR, irq), bit);
	if (mmio_read32(cell_test_gicd(GICD_ISENABLER, irq)) & bit)
		printf("cell-test: SPI %lu is visible to this cell\n", irq);
	else
		printf("cell-test: SPI %lu is not this cell's: enable ignored\n",
		       irq);
	TEST_CHECK(!(mmio_read32(cell_test_gicd(GICD_ISENABLER, irq)) & bit));
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

static void bad_cpu_on(void)
{
	bad_call("PSCI CPU_ON of CPU 0 (the root's)",
		 psci_cpu_on(0, 0x40000000, 0), PSCI_INVALID_PARAMETERS);
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

/* An SGI to CPU 0 (the root's): dropped, nothing to see. */
static void bad_sgi(void)
{
	if (comm_region()->gic_version == 3) {
		/* ICC_SGI1R_EL1: INTID 1, Aff3..1 = 0, target list CPU 0 */
		write_sysreg(icc_sgi1r_el1, (1ul << 24) | 1);
	} else {
		/* GICD_SGIR: target list filter 0, CPU interface 0 */
		mmio_write32(comm_region()->gicd_base + 0xf00, (1u << 16) | 1);
	}
	isb();
	printf("cell-test: sent SGI 1 to CPU 0 (not this cell's)\n");
}

static void bad_spin(void)
{
	printf("cell-test: spinning with interrupts masked\n");
	cpu_irq_disable();
	for (;;)
		;
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
	{ "spin", bad_spin },
	{ "hvc-storm", bad_hvc_storm },
	{ "sgi-storm", bad_sgi_storm },
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
