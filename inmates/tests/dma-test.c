// SPDX-License-Identifier: BSD-2-Clause
/*
 * dma-test: a test inmate for a PCI function that a cell owns and whose DMA
 * the SMMU confines (issue 19; configs/qemu-arm64/dma-test.c).  The device
 * is QEMU's edu (1234:11e8): a 4 KiB buffer at 0x40000 of its own address
 * space, and a DMA engine that copies between that buffer and memory
 * (registers at BAR 0: 0x80 source, 0x88 destination, 0x90 count, 0x98
 * command: bit 0 run, bit 1 direction, 1 = to memory).
 *
 * It looks for the function in the ECAM the way any driver would: the
 * hypervisor shows the cell its own function only, so it counts what it
 * sees on the bus.  It places BAR 0 in its own window (bar=ADDR on the
 * command line), turns on memory decoding and bus mastering, checks the
 * device's identification, then copies a pattern from its RAM into the
 * device and back to another buffer of its RAM, and compares.
 *
 * Then, with target=ADDR, it has the device write its buffer to ADDR: an
 * address outside the cell's memory (the root's RAM, the hypervisor's,
 * another cell's), which the SMMU must block.  The hypervisor then fails
 * the cell, naming the stream, the address and the direction.  The inmate
 * says what it did, and that it still runs, should it not be stopped.
 *
 * With intx=INTID it also checks that the device's INTx reaches the cell:
 * it has the device raise its interrupt (edu's interrupt raise register),
 * takes it on that SPI, and acknowledges it at the device.
 *
 * Command line: ecam=ADDR (the host bridge's ECAM, bus 0), bar=ADDR, and
 * optionally intx=INTID, target=ADDR, and badbar=ADDR: first try BAR 0 at
 * ADDR, outside the window, which must leave memory decoding off.  Lines
 * start with "dma-test: "; failed checks print "[test] FAIL ...".
 */
#include <inmate/inmate.h>
#include <inmate/test.h>

#define EDU_ID 0x11e81234u
#define EDU_IDENT 0x00u
#define EDU_IDENT_VALUE 0x010000edu
#define EDU_IRQ_STATUS 0x24u
#define EDU_IRQ_RAISE 0x60u
#define EDU_IRQ_ACK 0x64u
#define EDU_DMA_SRC 0x80u
#define EDU_DMA_DST 0x88u
#define EDU_DMA_CNT 0x90u
#define EDU_DMA_CMD 0x98u
#define EDU_DMA_RUN 0x1u
#define EDU_DMA_TO_RAM 0x2u
#define EDU_BUF 0x40000u
/*
 * The device's buffer is 4 KiB, but QEMU 7.2's edu refuses a DMA that
 * ends at its last byte (its range check is off by one, and stops QEMU
 * with a "hardware error"): 2 KiB at a time.
 */
#define EDU_BUF_SIZE 2048u

#define PCI_COMMAND 0x04u
#define PCI_COMMAND_MEM 0x2u
#define PCI_COMMAND_MASTER 0x4u
#define PCI_BAR0 0x10u

static uint8_t dma_src[EDU_BUF_SIZE] __attribute__((aligned(4096)));
static uint8_t dma_dst[EDU_BUF_SIZE] __attribute__((aligned(4096)));

static uint64_t dma_ecam, dma_bar;
static volatile uint32_t dma_irqs, dma_irq_status;

static uint64_t dma_cfg(unsigned int dev)
{
	return dma_ecam + ((uint64_t)dev << 15);
}

/* The functions it sees on bus 0: it should see its own only. */
static int dma_find(unsigned int *found)
{
	unsigned int dev, seen = 0;

	for (dev = 0; dev < 32u; dev++) {
		uint32_t id = mmio_read32(dma_cfg(dev));

		if (id == 0xffffffffu)
			continue;
		seen++;
		printf("dma-test: sees PCI 00:%02x.0, %04x:%04x\n", dev,
		       id & 0xffffu, id >> 16);
		if (id == EDU_ID)
			*found = dev;
	}
	return (int)seen;
}

/* One DMA of n bytes between memory at mem and the device's buffer. */
static bool dma_run(uint64_t mem, bool to_ram, unsigned int n)
{
	uint64_t end = timer_now() + timer_ns_to_ticks(2000000000ull);

	mmio_write32(dma_bar + EDU_DMA_SRC, (uint32_t)(to_ram ? EDU_BUF : mem));
	mmio_write32(dma_bar + EDU_DMA_DST, (uint32_t)(to_ram ? mem : EDU_BUF));
	mmio_write32(dma_bar + EDU_DMA_CNT, n);
	mmio_write32(dma_bar + EDU_DMA_CMD,
		     EDU_DMA_RUN | (to_ram ? EDU_DMA_TO_RAM : 0u));
	while (mmio_read32(dma_bar + EDU_DMA_CMD) & EDU_DMA_RUN)
		if (timer_now() > end)
			return false;
	return true;
}

static void dma_own_ram(void)
{
	unsigned int i;

	for (i = 0; i < EDU_BUF_SIZE; i++) {
		dma_src[i] = (uint8_t)(i * 7u + 3u);
		dma_dst[i] = 0;
	}
	TEST_CHECK(dma_run((uint64_t)(uintptr_t)dma_src, false, EDU_BUF_SIZE));
	TEST_CHECK(dma_run((uint64_t)(uintptr_t)dma_dst, true, EDU_BUF_SIZE));
	for (i = 0; i < EDU_BUF_SIZE && dma_dst[i] == dma_src[i]; i++)
		;
	TEST_CHECK(i == EDU_BUF_SIZE);
	printf("dma-test: DMA through its own RAM: %u of %u bytes came back\n",
	       i, EDU_BUF_SIZE);
}

/* The device's INTx: read and acknowledge its status, so the line drops. */
static void dma_intx(uint32_t intid)
{
	(void)intid;
	dma_irq_status = mmio_read32(dma_bar + EDU_IRQ_STATUS);
	mmio_write32(dma_bar + EDU_IRQ_ACK, dma_irq_status);
	dma_irqs++;
}

/* intx=INTID: the device raises its interrupt, the cell takes it. */
static void dma_intx_test(uint32_t intid)
{
	uint64_t end;

	if (gic_init()) {
		printf("[test] FAIL dma-test: no GIC\n");
		return;
	}
	gic_set_handler(intid, dma_intx);
	gic_enable_irq(intid);
	cpu_irq_enable();
	mmio_write32(dma_bar + EDU_IRQ_RAISE, 0x5a);
	end = timer_now() + timer_ns_to_ticks(500000000ull);
	while (dma_irqs == 0 && timer_now() < end)
		;
	cpu_irq_disable();
	TEST_CHECK(dma_irqs == 1 && dma_irq_status == 0x5a);
	printf("dma-test: INTx on IRQ %u: %u interrupt(s), status 0x%x, acknowledged\n",
	       intid, dma_irqs, dma_irq_status);
}

/*
 * badbar=ADDR: BAR 0 placed outside the cell's window, then memory decoding
 * asked for: the hypervisor must leave decoding off.
 */
static void dma_bad_bar(uint64_t cfg, uint64_t addr)
{
	uint32_t cmd;

	mmio_write32(cfg + PCI_BAR0, (uint32_t)addr);
	mmio_write16(cfg + PCI_COMMAND, PCI_COMMAND_MEM);
	cmd = mmio_read32(cfg + PCI_COMMAND);
	printf("dma-test: BAR 0 at 0x%llx, outside its window: memory "
	       "decoding %s\n",
	       (unsigned long long)addr,
	       (cmd & PCI_COMMAND_MEM) ? "on" : "off");
	TEST_CHECK(!(cmd & PCI_COMMAND_MEM));
}

void inmate_main(void)
{
	unsigned int dev = 32;
	uint64_t target, cfg;
	uint16_t cmd;

	if (!cmdline_get_uint("ecam", &dma_ecam) ||
	    !cmdline_get_uint("bar", &dma_bar)) {
		printf("[test] FAIL dma-test: needs ecam= and bar=\n");
		return;
	}
	printf("dma-test: %d PCI function(s) visible on bus 0\n",
	       dma_find(&dev));
	if (dev == 32u) {
		printf("[test] FAIL dma-test: no edu device\n");
		return;
	}
	cfg = dma_cfg(dev);
	if (cmdline_get_uint("badbar", &target))
		dma_bad_bar(cfg, target);
	mmio_write32(cfg + PCI_BAR0, (uint32_t)dma_bar);
	cmd = (uint16_t)mmio_read32(cfg + PCI_COMMAND);
	mmio_write16(cfg + PCI_COMMAND,
		     (uint16_t)(cmd | PCI_COMMAND_MEM | PCI_COMMAND_MASTER));
	TEST_CHECK((mmio_read32(cfg + PCI_BAR0) & ~0xfu) == dma_bar);
	TEST_CHECK(mmio_read32(cfg + PCI_COMMAND) & PCI_COMMAND_MEM);
	TEST_CHECK(mmio_read32(dma_bar + EDU_IDENT) == EDU_IDENT_VALUE);
	printf("dma-test: BAR 0 at 0x%llx, ident 0x%x\n",
	       (unsigned long long)dma_bar, mmio_read32(dma_bar + EDU_IDENT));
	dma_own_ram();
	if (cmdline_get_uint("intx", &target))
		dma_intx_test((uint32_t)target);
	if (cmdline_get_uint("target", &target)) {
		printf("dma-test: DMA write of %u bytes to 0x%llx, outside the "
		       "cell\n",
		       EDU_BUF_SIZE, (unsigned long long)target);
		dma_run(target, true, EDU_BUF_SIZE);
		timer_delay_ns(500000000ull);
		printf("dma-test: still running after the DMA to 0x%llx\n",
		       (unsigned long long)target);
	}
	TEST_DONE();
}
