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
 * It counts its boots across SYSTEM_RESET and prints a tick every second.
 */
#include <inmate/inmate.h>
#include <inmate/test.h>

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
