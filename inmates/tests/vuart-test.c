// SPDX-License-Identifier: BSD-2-Clause
/*
 * vuart-test: a test inmate for the console UART that the hypervisor
 * emulates for its cell (configs/qemu-arm64/vuart-test.c: a PL011 at
 * 0x09000000 on INTID 231, as on QEMU's virt machine; the command line's
 * uart=ADDR and irq=N say otherwise).
 *
 * At start it checks the UART's identification and reset state, its
 * transmit interrupt and its loopback, and says so in lines through the
 * UART ("vuart-test: ..."); then it prints a prompt, "vuart> ", without a
 * newline.  Input arrives by interrupt (receive and receive timeout, read
 * in the handler until the FIFO is empty); each character is echoed, and
 * at the end of a line (carriage return or newline) it answers
 * "got: <line>" and prompts again.  It answers the root's shutdown
 * requests meanwhile.  Failed checks print "[test] FAIL ..." through the
 * console hypercall.
 */
#include <inmate/inmate.h>
#include <inmate/test.h>
#include <inmate/uart.h>

#define VUART_TEST_BASE 0x09000000ull
#define VUART_TEST_IRQ 231
#define VUART_TEST_POLL_MS 1
#define VUART_TEST_LINE 100

/* Registers it reads itself (ARM DDI 0183 table 3-1) */
#define VUART_TEST_FR 0x018
#define VUART_TEST_CR 0x030
#define VUART_TEST_RIS 0x03c
#define VUART_TEST_PERIPHID0 0xfe0
#define VUART_TEST_FR_RXFE 0x10u
#define VUART_TEST_FR_TXFE 0x80u
#define VUART_TEST_INT_TX 0x20u

static uint64_t vuart_test_base = VUART_TEST_BASE;
static struct uart vuart_test_uart;

/* What the interrupt handler received, for the main loop. */
static char vuart_test_rx[256];
static volatile uint32_t vuart_test_rx_head, vuart_test_rx_tail;
static volatile uint32_t vuart_test_irqs, vuart_test_tx_irqs;

static void vuart_test_irq(uint32_t intid)
{
	uint32_t head = vuart_test_rx_head;
	int c;

	(void)intid;
	vuart_test_irqs++;
	if (uart_tx_ready(&vuart_test_uart)) {
		uart_tx_irq(&vuart_test_uart, false);
		vuart_test_tx_irqs++;
	}
	/* all of it: the interrupt comes again only with new input */
	while ((c = uart_getc(&vuart_test_uart)) >= 0) {
		if (head - vuart_test_rx_tail < sizeof(vuart_test_rx))
			vuart_test_rx[head++ % sizeof(vuart_test_rx)] = (char)c;
	}
	vuart_test_rx_head = head;
}

/* A line through the UART, formatted. */
static void vuart_test_say(const char *fmt, ...) PRINTF_FORMAT(1, 2);
static void vuart_test_say(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	uart_puts(&vuart_test_uart, line);
}

/* PrimeCell identification: a PL011 (0x00?41011), and 0xb105f00d. */
static void vuart_test_ids(void)
{
	uint32_t id[8], i, periph, cell;

	for (i = 0; i < 8; i++)
		id[i] = mmio_read32(vuart_test_base + VUART_TEST_PERIPHID0 +
				    4 * i) &
			0xff;
	periph = id[0] | id[1] << 8 | id[2] << 16 | id[3] << 24;
	cell = id[4] | id[5] << 8 | id[6] << 16 | id[7] << 24;
	vuart_test_say("vuart-test: PrimeCell 0x%x, peripheral 0x%x\n", cell,
		       periph);
	TEST_CHECK(cell == 0xb105f00du);
	TEST_CHECK((periph & 0xff0fffffu) == 0x00041011u);
}

/* After a reset (the cell's start): transmitter and receiver on, idle. */
static void vuart_test_reset_state(void)
{
	uint32_t fr = mmio_read32(vuart_test_base + VUART_TEST_FR);
	uint16_t cr = mmio_read16(vuart_test_base + VUART_TEST_CR);

	vuart_test_say("vuart-test: after reset CR 0x%x, FR 0x%x\n", cr, fr);
	TEST_CHECK(cr == 0x300);
	TEST_CHECK((fr & (VUART_TEST_FR_TXFE | VUART_TEST_FR_RXFE)) ==
		   (VUART_TEST_FR_TXFE | VUART_TEST_FR_RXFE));
}

/* What is sent in loopback comes back, and reaches no console. */
static void vuart_test_loopback(void)
{
	static const char word[] = "loop";
	char got[sizeof(word)] = "";
	unsigned int i;
	int c;

	uart_loopback(&vuart_test_uart, true);
	for (i = 0; word[i]; i++)
		uart_putc(&vuart_test_uart, word[i]);
	for (i = 0; i + 1 < sizeof(got); i++) {
		c = uart_getc(&vuart_test_uart);
		if (c < 0)
			break;
		got[i] = (char)c;
	}
	got[i] = '\0';
	uart_loopback(&vuart_test_uart, false);
	vuart_test_say("vuart-test: loopback: sent \"%s\", received \"%s\"\n",
		       word, got);
	TEST_CHECK(!strncmp(got, word, sizeof(word)));
}

/* A character was sent: unmasking the transmit interrupt brings it. */
static void vuart_test_tx_irq(void)
{
	uint64_t end = timer_now() + timer_freq();

	TEST_CHECK(mmio_read32(vuart_test_base + VUART_TEST_RIS) &
		   VUART_TEST_INT_TX);
	uart_tx_irq(&vuart_test_uart, true);
	while (!vuart_test_tx_irqs && timer_now() < end)
		timer_delay_ms(1);
	vuart_test_say("vuart-test: transmit interrupt %s\n",
		       vuart_test_tx_irqs ? "arrived" : "did not arrive");
	TEST_CHECK(vuart_test_tx_irqs == 1);
}

/* One character of input: echo it; at a line's end, answer. */
static void vuart_test_char(char c, char *line, unsigned int *len)
{
	if (c == '\r' || c == '\n') {
		line[*len] = '\0';
		vuart_test_say("\ngot: %s\nvuart> ", line);
		*len = 0;
		return;
	}
	uart_putc(&vuart_test_uart, c);
	if (*len + 1 < VUART_TEST_LINE)
		line[(*len)++] = c;
}

void inmate_main(void)
{
	uint64_t irq = VUART_TEST_IRQ;
	char line[VUART_TEST_LINE];
	unsigned int len = 0;
	uint32_t tail = 0;

	/* the comm region names the emulated PL011; uart= overrides it */
	if (console_uart() != NULL)
		vuart_test_base = console_uart()->base;
	cmdline_get_uint("uart", &vuart_test_base);
	TEST_CHECK(uart_open(&vuart_test_uart, WARDEN_UART_PL011,
			     vuart_test_base) == 0);
	cmdline_get_uint("irq", &irq);
	if (gic_init()) {
		printf("vuart-test: no GIC\n");
		return;
	}
	vuart_test_ids();
	vuart_test_reset_state();
	uart_init(&vuart_test_uart);
	vuart_test_say("vuart-test: hello through the emulated PL011 at "
		       "0x%lx, INTID %lu\n",
		       vuart_test_base, irq);
	vuart_test_loopback();
	gic_set_handler((uint32_t)irq, vuart_test_irq);
	gic_enable_irq((uint32_t)irq);
	cpu_irq_enable();
	vuart_test_tx_irq();
	uart_rx_irq(&vuart_test_uart, true);
	vuart_test_say("vuart-test: ready, %u interrupts so far\nvuart> ",
		       vuart_test_irqs);
	for (;;) {
		while (tail != vuart_test_rx_head)
			vuart_test_char(
				vuart_test_rx[tail++ % sizeof(vuart_test_rx)],
				line, &len);
		vuart_test_rx_tail = tail;
		comm_poll();
		timer_delay_ms(VUART_TEST_POLL_MS);
	}
}
