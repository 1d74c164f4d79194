// SPDX-License-Identifier: GPL-2.0-only
/*
 * The inmate library's UART drivers (inmates/lib/uart*.c, behind
 * inmate/uart.h) against a model of each UART: its data registers, a
 * transmit FIFO that the model's "line" drains by one character every few
 * status reads, a receive FIFO, and the status bits each manual defines
 * (config.h cites them).  Every other register is plain storage that the
 * tests preset and inspect.  Every access is recorded: only 32-bit
 * aligned ones (the PL011 also 8- and 16-bit, as uart-pl011.c explains),
 * never a write into a full FIFO nor a read of an empty one.  Each set-up
 * must write exactly the registers and values its manual's sequence
 * gives.
 */
#include <string.h>

#include <inmate/uart-driver.h>
#include <inmate/uart-io.h>
#include <inmate/uart.h>
#include <warden/config.h>

#include "unit.h"

#define M_BASE 0x12340000ULL
#define M_SPAN 0x1000u
#define M_FIFO 16u
#define M_LOG 256u

struct m_layout {
	uint32_t type;
	const char *name;
	uint32_t tx, rx; /* data register offsets: write, read */
	uint32_t status;
	uint32_t tx_bit; /* in status: ... */
	bool tx_bit_room; /* set while there is room (else: while full) */
	uint32_t rx_bit;
	bool rx_bit_data; /* set while data waits (else: while empty) */
	bool narrow; /* 8- and 16-bit accesses allowed */
};

static const struct m_layout m_layouts[] = {
	{ WARDEN_UART_PL011, "PL011", 0x00, 0x00, 0x18, 1u << 5, false, 1u << 4,
	  false, true },
	{ WARDEN_UART_CADENCE, "Cadence UART", 0x30, 0x30, 0x2c, 1u << 4, false,
	  1u << 1, false, false },
	{ WARDEN_UART_8250_MMIO32, "8250 UART", 0x00, 0x00, 0x14, 1u << 5, true,
	  1u << 0, true, false },
	{ WARDEN_UART_IMX, "i.MX UART", 0x40, 0x00, 0xb4, 1u << 4, false,
	  1u << 5, false, false },
	{ WARDEN_UART_BCM2835_AUX, "BCM2835 mini UART", 0x00, 0x00, 0x14,
	  1u << 5, true, 1u << 0, true, false },
	{ WARDEN_UART_MESON, "Amlogic UART", 0x00, 0x04, 0x0c, 1u << 21, false,
	  1u << 20, false, false },
};

#define M_NUM (sizeof(m_layouts) / sizeof(m_layouts[0]))

enum {
	M_PL011,
	M_CADENCE,
	M_8250,
	M_IMX,
	M_BCM2835,
	M_MESON
};

struct m_access {
	uint32_t off;
	unsigned int size;
	bool write;
	uint32_t v;
};

/* The model of one UART. */
static struct {
	const struct m_layout *l;
	uint32_t regs[M_SPAN / 4];
	unsigned int fifo; /* characters waiting to go out */
	unsigned int drain_every; /* status reads per character sent */
	unsigned int status_reads;
	char out[256];
	unsigned int len;
	unsigned int overflows; /* writes into a full FIFO */
	char in[64]; /* what the line brought, to be read */
	unsigned int in_head, in_len;
	struct m_access log[M_LOG];
	unsigned int nlog;
	unsigned int bad; /* wrong base, size, alignment or empty read */
} m;

static struct uart u;

static void m_reset(unsigned int which, unsigned int drain_every)
{
	memset(&m, 0, sizeof(m));
	m.l = &m_layouts[which];
	m.drain_every = drain_every;
	memset(&u, 0, sizeof(u));
}

static void m_receive(const char *s)
{
	size_t n = strlen(s);

	memcpy(m.in + m.in_len, s, n);
	m.in_len += (unsigned int)n;
}

static bool m_access_ok(uint64_t base, uint32_t off, unsigned int size)
{
	if (base != M_BASE || off >= M_SPAN || off % size != 0 ||
	    (size != 4 && !m.l->narrow)) {
		m.bad++;
		return false;
	}
	return true;
}

static void m_record(uint32_t off, unsigned int size, bool write, uint32_t v)
{
	if (m.nlog < M_LOG)
		m.log[m.nlog++] = (struct m_access){ off, size, write, v };
}

static uint32_t m_status(void)
{
	const struct m_layout *l = m.l;
	uint32_t v = m.regs[l->status / 4] & ~(l->tx_bit | l->rx_bit);
	bool full, data;

	m.status_reads++;
	if (m.drain_every && m.status_reads % m.drain_every == 0 && m.fifo)
		m.fifo--;
	full = m.fifo >= M_FIFO;
	data = m.in_head < m.in_len;
	if (l->tx_bit_room ? !full : full)
		v |= l->tx_bit;
	if (l->rx_bit_data ? data : !data)
		v |= l->rx_bit;
	return v;
}

uint32_t host_inmate_uart_read(uint64_t base, uint32_t off, unsigned int size)
{
	uint32_t v;

	if (!m_access_ok(base, off, size))
		return 0;
	if (off == m.l->status) {
		v = m_status();
	} else if (off == m.l->rx) {
		if (m.in_head < m.in_len) {
			v = (uint8_t)m.in[m.in_head++];
		} else {
			m.bad++;
			v = 0;
		}
	} else {
		v = m.regs[off / 4];
	}
	m_record(off, size, false, v);
	return v;
}

void host_inmate_uart_write(uint64_t base, uint32_t off, unsigned int size,
			    uint32_t v)
{
	if (!m_access_ok(base, off, size))
		return;
	m_record(off, size, true, v);
	if (off != m.l->tx) {
		m.regs[off / 4] = v;
		return;
	}
	if (v > 0xffu)
		m.bad++;
	if (m.fifo >= M_FIFO)
		m.overflows++;
	else
		m.fifo++;
	if (m.len < sizeof(m.out) - 1)
		m.out[m.len++] = (char)v;
}

/* The writes recorded, in order, are exactly the (offset, value) pairs. */
static bool m_wrote(const uint32_t (*want)[2], unsigned int n)
{
	unsigned int i, k = 0;

	for (i = 0; i < m.nlog; i++) {
		if (!m.log[i].write)
			continue;
		if (k >= n || m.log[i].off != want[k][0] ||
		    m.log[i].v != want[k][1]) {
			printf("  write %u: 0x%x = 0x%x, expected 0x%x = 0x%x\n",
			       k, m.log[i].off, m.log[i].v,
			       k < n ? want[k][0] : 0, k < n ? want[k][1] : 0);
			return false;
		}
		k++;
	}
	return k == n;
}

/* Has the register at off had a write since the last m.nlog = 0? */
static unsigned int m_writes(uint32_t off)
{
	unsigned int i, n = 0;

	for (i = 0; i < m.nlog; i++)
		n += m.log[i].write && m.log[i].off == off;
	return n;
}

static bool m_open(void)
{
	return uart_open(&u, m.l->type, M_BASE) == 0;
}

/* ---- every UART ---------------------------------------------------- */

static void open_by_type(void)
{
	unsigned int i;

	for (i = 0; i < M_NUM; i++) {
		m_reset(i, 1);
		CHECK(m_open());
		CHECK(u.base == M_BASE && u.drv->type == m.l->type);
		CHECK(!strcmp(uart_name(&u), m.l->name));
		CHECK(m.nlog == 0); /* opening touches nothing */
	}
	CHECK(uart_open(&u, WARDEN_UART_NONE, M_BASE) == -1 && !u.drv);
	CHECK(uart_open(&u, WARDEN_UART_MESON + 1, M_BASE) == -1 && !u.drv);
}

/* A full FIFO drained slowly: everything out, "\r\n", no overflow. */
static void puts_waits_for_room(void)
{
	static const char want[] = "hello\r\nline two";
	unsigned int i;

	for (i = 0; i < M_NUM; i++) {
		m_reset(i, 3);
		m.fifo = M_FIFO;
		CHECK(m_open());
		uart_puts(&u, "hello\nline two");
		CHECK(m.bad == 0 && m.overflows == 0);
		CHECK(m.len == strlen(want) && !memcmp(m.out, want, m.len));
		CHECK(m.status_reads > M_FIFO); /* it did wait */
	}
}

static void getc_until_empty(void)
{
	unsigned int i;

	for (i = 0; i < M_NUM; i++) {
		m_reset(i, 1);
		m_receive("ab");
		CHECK(m_open());
		CHECK(uart_getc(&u) == 'a');
		CHECK(uart_getc(&u) == 'b');
		CHECK(uart_getc(&u) == -1);
		CHECK(m.bad == 0);
	}
}

/* ---- set-up sequences ---------------------------------------------- */

static void init_pl011(void)
{
	/* disable, mask, 8 bits + FIFOs, enable TX/RX; clear interrupts */
	static const uint32_t want[][2] = {
		{ 0x30, 0 },	 { 0x38, 0 },	  { 0x2c, 0x70 },
		{ 0x30, 0x301 }, { 0x44, 0x7ff },
	};

	m_reset(M_PL011, 1);
	m_receive("old");
	CHECK(m_open());
	uart_init(&u);
	CHECK(m_wrote(want, 5));
	CHECK(m.in_head == m.in_len); /* what was received is gone */
	CHECK(m.bad == 0);
}

static void init_cadence(void)
{
	/* RX/TX off, all interrupts off, 8N1 normal mode, trigger level 1,
	 * RX/TX on, sticky status cleared */
	static const uint32_t want[][2] = {
		{ 0x00, 0x28 }, { 0x0c, 0x3fff }, { 0x04, 0x20 },
		{ 0x20, 1 },	{ 0x00, 0x14 },	  { 0x14, 0x3fff },
	};

	m_reset(M_CADENCE, 1);
	m_receive("old");
	CHECK(m_open());
	uart_init(&u);
	CHECK(m_wrote(want, 6));
	CHECK(m.in_head == m.in_len && m.bad == 0);
}

static void init_8250(void)
{
	/* no interrupts, 8N1 with DLAB clear, FIFOs on and cleared, DTR/RTS */
	static const uint32_t want[][2] = {
		{ 0x04, 0 }, { 0x0c, 0x03 }, { 0x08, 0x07 }, { 0x10, 0x03 }
	};

	m_reset(M_8250, 1);
	m_receive("old");
	CHECK(m_open());
	uart_init(&u);
	CHECK(m_wrote(want, 4));
	CHECK(m.in_head == m.in_len && m.bad == 0);
	/* the divisor latch is never opened: LCR never has DLAB (bit 7) */
	CHECK(!(m.regs[0x0c / 4] & 0x80));
}

static void init_imx(void)
{
	/* UARTEN; out of reset, RX, TX, 8 bits, ignore RTS; RXDMUXSEL kept
	 * with UCR3's other bits; RX trigger 1, the clock divider kept */
	static const uint32_t want[][2] = {
		{ 0x80, 0x0001 },
		{ 0x84, 0x4027 },
		{ 0x88, 0x0704 },
		{ 0x90, 0x0a81 },
	};

	m_reset(M_IMX, 1);
	m.regs[0x88 / 4] = 0x0700;
	m.regs[0x90 / 4] = 0x0a90; /* TXTL 2, RFDIV 0b101, RXTL 16 */
	m_receive("old");
	CHECK(m_open());
	uart_init(&u);
	CHECK(m_wrote(want, 4));
	CHECK(m.in_head == m.in_len && m.bad == 0);
}

static void init_bcm2835(void)
{
	/* off, no interrupts, 8-bit mode, FIFOs cleared, RX/TX on */
	static const uint32_t want[][2] = {
		{ 0x20, 0 }, { 0x04, 0 }, { 0x0c, 3 }, { 0x08, 6 }, { 0x20, 3 },
	};

	m_reset(M_BCM2835, 1);
	CHECK(m_open());
	uart_init(&u);
	CHECK(m_wrote(want, 5));
	CHECK(m.bad == 0);
}

static void init_meson_keeps_the_setup(void)
{
	m_reset(M_MESON, 1);
	m_receive("x");
	CHECK(m_open());
	uart_init(&u);
	CHECK(m.nlog == 0);
}

/* ---- interrupts and loopback --------------------------------------- */

static void irqs_pl011(void)
{
	m_reset(M_PL011, 1);
	CHECK(m_open());
	uart_rx_irq(&u, true);
	CHECK(m.regs[0x38 / 4] == 0x50); /* RXIM | RTIM */
	uart_tx_irq(&u, true);
	CHECK(m.regs[0x38 / 4] == 0x70);
	uart_rx_irq(&u, false);
	CHECK(m.regs[0x38 / 4] == 0x20);
	/* the latched TX interrupt: reported once, cleared in ICR */
	CHECK(!uart_tx_ready(&u));
	m.regs[0x40 / 4] = 0x20;
	m.nlog = 0;
	CHECK(uart_tx_ready(&u));
	CHECK(m_writes(0x44) == 1 && m.regs[0x44 / 4] == 0x20);
	CHECK(m.bad == 0);
}

static void irqs_cadence(void)
{
	m_reset(M_CADENCE, 1);
	CHECK(m_open());
	uart_rx_irq(&u, true);
	CHECK(m_writes(0x08) == 1 && m.regs[0x08 / 4] == 0x101);
	uart_rx_irq(&u, false);
	CHECK(m_writes(0x0c) == 1 && m.regs[0x0c / 4] == 0x101);
	uart_tx_irq(&u, true);
	CHECK(m.regs[0x08 / 4] == 0x08); /* TEMPTY */
	uart_tx_irq(&u, false);
	CHECK(m.regs[0x0c / 4] == 0x08);
	CHECK(!uart_tx_ready(&u));
	m.regs[0x14 / 4] = 0x08 | 0x01;
	m.nlog = 0;
	CHECK(uart_tx_ready(&u));
	/* write-1-to-clear: only TEMPTY */
	CHECK(m_writes(0x14) == 1 && m.regs[0x14 / 4] == 0x08);
	CHECK(m.bad == 0);
}

static void irqs_8250(void)
{
	m_reset(M_8250, 1);
	CHECK(m_open());
	uart_rx_irq(&u, true);
	uart_tx_irq(&u, true);
	CHECK(m.regs[0x04 / 4] == 0x03); /* ERBFI | ETBEI */
	uart_rx_irq(&u, false);
	CHECK(m.regs[0x04 / 4] == 0x02);
	m.regs[0x08 / 4] = 0xc2; /* FIFOs on, THRE pending */
	CHECK(uart_tx_ready(&u));
	m.regs[0x08 / 4] = 0xc4; /* received data first */
	CHECK(!uart_tx_ready(&u));
	m.regs[0x08 / 4] = 0xc1; /* nothing pending */
	CHECK(!uart_tx_ready(&u));
	CHECK(m.bad == 0);
}

static void irqs_imx(void)
{
	m_reset(M_IMX, 1);
	m.regs[0x80 / 4] = 0x0001;
	CHECK(m_open());
	uart_rx_irq(&u, true);
	CHECK(m.regs[0x80 / 4] == 0x0201); /* RRDYEN */
	uart_tx_irq(&u, true);
	CHECK(m.regs[0x80 / 4] == 0x2201); /* TRDYEN */
	uart_tx_irq(&u, false);
	uart_rx_irq(&u, false);
	CHECK(m.regs[0x80 / 4] == 0x0001);
	CHECK(!uart_tx_ready(&u));
	m.regs[0x94 / 4] = 1u << 13; /* USR1.TRDY */
	CHECK(uart_tx_ready(&u));
	CHECK(m.bad == 0);
}

/* Polled-only drivers ignore interrupt requests and touch nothing. */
static void polled_only(void)
{
	unsigned int which[] = { M_BCM2835, M_MESON }, i;

	for (i = 0; i < 2; i++) {
		m_reset(which[i], 1);
		CHECK(m_open());
		uart_rx_irq(&u, true);
		uart_tx_irq(&u, true);
		CHECK(!uart_tx_ready(&u));
		CHECK(!uart_loopback(&u, true));
		CHECK(m.nlog == 0);
	}
}

static void loopback_bits(void)
{
	m_reset(M_PL011, 1);
	m.regs[0x30 / 4] = 0x301;
	CHECK(m_open());
	CHECK(uart_loopback(&u, true) && m.regs[0x30 / 4] == 0x381);
	CHECK(uart_loopback(&u, false) && m.regs[0x30 / 4] == 0x301);

	m_reset(M_CADENCE, 1);
	m.regs[0x04 / 4] = 0x320; /* remote loopback + no parity */
	CHECK(m_open());
	CHECK(uart_loopback(&u, true) && m.regs[0x04 / 4] == 0x220);
	CHECK(uart_loopback(&u, false) && m.regs[0x04 / 4] == 0x020);

	m_reset(M_8250, 1);
	m.regs[0x10 / 4] = 0x03;
	CHECK(m_open());
	CHECK(uart_loopback(&u, true) && m.regs[0x10 / 4] == 0x13);
	CHECK(uart_loopback(&u, false) && m.regs[0x10 / 4] == 0x03);

	m_reset(M_IMX, 1);
	CHECK(m_open());
	CHECK(uart_loopback(&u, true) && (m.regs[0xb4 / 4] & (1u << 12)));
	CHECK(uart_loopback(&u, false) && !(m.regs[0xb4 / 4] & (1u << 12)));
	CHECK(m.bad == 0);
}

int main(void)
{
	RUN(open_by_type);
	RUN(puts_waits_for_room);
	RUN(getc_until_empty);
	RUN(init_pl011);
	RUN(init_cadence);
	RUN(init_8250);
	RUN(init_imx);
	RUN(init_bcm2835);
	RUN(init_meson_keeps_the_setup);
	RUN(irqs_pl011);
	RUN(irqs_cadence);
	RUN(irqs_8250);
	RUN(irqs_imx);
	RUN(polled_only);
	RUN(loopback_bits);
	UNIT_DONE();
}
