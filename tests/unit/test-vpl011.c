// SPDX-License-Identifier: GPL-2.0-only
/*
 * The emulated console UART (core/vpl011.c) on the real core and the
 * recording arch stand-in: every register, the access sizes and byte lanes,
 * the receive FIFO and its trigger levels, the interrupt rule (what makes
 * vuart_irq pending), loopback, the reset at start and SYSTEM_RESET, the
 * console ring that shows a line before its end, and the root's input
 * hypercall with its argument checks.
 */
#include <string.h>

#include <hyp/errno.h>
#include <hyp/mmio.h>
#include <hyp/percpu.h>

#include "hyp-fixture.h"
#include "unit.h"

#define UART_IPA 0x09010000UL
#define UART_IRQ 33
#define CELL_ID 1

/* Registers (ARM DDI 0183 table 3-1) and bits the tests look at */
#define DR 0x000
#define RSR 0x004
#define FR 0x018
#define ILPR 0x020
#define IBRD 0x024
#define FBRD 0x028
#define LCR_H 0x02c
#define CR 0x030
#define IFLS 0x034
#define IMSC 0x038
#define RIS 0x03c
#define MIS 0x040
#define ICR 0x044
#define DMACR 0x048

#define FR_RXFE 0x10
#define FR_RXFF 0x40
#define FR_RESET 0x97 /* TXFE, RXFE, and the modem inputs CTS, DSR, DCD */
#define INT_RX 0x10
#define INT_TX 0x20
#define INT_RT 0x40
#define LCR_H_FEN 0x10
#define CR_LBE 0x80

static struct fx_config uart;

/* "uart" on CPU 2 with its UART at UART_IPA on SPI 33, running. */
static int setup_flags(u32 flags)
{
	fx_sys_init();
	fx_config_init(&uart, "uart", 0x4, FX_RAM_PA, UART_IRQ);
	uart.desc.flags = flags;
	uart.desc.vuart_base = UART_IPA;
	uart.desc.vuart_irq = UART_IRQ;
	if (fx_enable() || fx_create(&uart) != CELL_ID ||
	    fx_load_start(CELL_ID))
		return -1;
	return 0;
}

static int setup(void)
{
	return setup_flags(0);
}

static struct cell *cell(void)
{
	return fx_cell_on(2);
}

/* A trapped access of the cell to its UART page: the MMIO result. */
static enum mmio_result uart_access(u64 off, unsigned int size, bool write,
				    u64 *value)
{
	struct mmio_access acc = {
		.addr = UART_IPA + off,
		.value = write ? *value : 0x5a5a5a5a5a5a5a5aULL,
		.size = size,
		.write = write,
	};
	enum mmio_result res = mmio_dispatch(cell(), &acc);

	if (!write)
		*value = acc.value;
	return res;
}

/* A read that the UART must handle; ~0 if it did not. */
static u64 rd(u64 off, unsigned int size)
{
	u64 v = 0;

	return uart_access(off, size, false, &v) == MMIO_HANDLED ? v : ~0ULL;
}

static u32 rd32(u64 off)
{
	return (u32)rd(off, 4);
}

static bool wr(u64 off, unsigned int size, u64 v)
{
	return uart_access(off, size, true, &v) == MMIO_HANDLED;
}

static bool wr32(u64 off, u32 v)
{
	return wr(off, 4, v);
}

/* Transmit a string, a byte write per character (as an early console). */
static void tx(const char *s)
{
	while (*s)
		wr(DR, 1, (unsigned char)*s++);
}

/* The root sends up to 8 characters: how many the UART took. */
static long input(const char *s)
{
	u64 chars = 0;
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++)
		chars |= (u64)(unsigned char)s[i] << (8 * i);
	return fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, chars, n);
}

static unsigned int pends(void)
{
	return host_count_arg(OP_IRQ_PENDING, UART_IRQ);
}

static const struct warden_console *ring(void)
{
	return cell()->console;
}

/* Does the ring hold exactly s? */
static bool ring_is(const char *s)
{
	size_t n = strlen(s);

	if (ring()->tail == n && !memcmp(ring()->buf, s, n))
		return true;
	printf("  ring (%u bytes): \"%.*s\", want \"%s\"\n", ring()->tail,
	       (int)ring()->tail, ring()->buf, s);
	return false;
}

static void the_page_traps_to_the_uart(void)
{
	CHECK(setup() == 0);
	CHECK(mmio_find(&cell()->mmio, UART_IPA, 4) != NULL);
	CHECK(mmio_find(&cell()->mmio, UART_IPA + 0xffc, 4) != NULL);
	CHECK(mmio_find(&cell()->mmio, UART_IPA + 0x1000, 4) == NULL);
	/* nothing is mapped there */
	CHECK(fx_cell_flags(cell(), UART_IPA, NULL) == 0);
	CHECK(cell()->vuart.irq == UART_IRQ);
	/* the root and a cell without one have no UART */
	CHECK(mmio_find(&root_cell.mmio, UART_IPA, 4) == NULL);
	CHECK(root_cell.vuart.irq == 0);
}

static void registers_after_reset(void)
{
	static const u32 ids[8] = { 0x11, 0x10, 0x14, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1 };
	unsigned int i;

	CHECK(setup() == 0);
	CHECK(rd32(FR) == FR_RESET);
	CHECK(rd32(CR) == 0x300);
	CHECK(rd32(IFLS) == 0x12);
	CHECK(rd32(DR) == 0 && rd32(RSR) == 0);
	CHECK(rd32(ILPR) == 0 && rd32(IBRD) == 0 && rd32(FBRD) == 0);
	CHECK(rd32(LCR_H) == 0 && rd32(IMSC) == 0);
	CHECK(rd32(RIS) == 0 && rd32(MIS) == 0 && rd32(ICR) == 0);
	CHECK(rd32(DMACR) == 0);
	/* PrimeCell identification: PL011 revision 1, and 0xb105f00d */
	for (i = 0; i < 8; i++)
		CHECK(rd32(0xfe0 + 4 * i) == ids[i]);
	/* reserved and test registers read as zero */
	CHECK(rd32(0x008) == 0 && rd32(0x01c) == 0 && rd32(0x04c) == 0);
	CHECK(rd32(0x080) == 0 && rd32(0xfdc) == 0);
	CHECK(rd(0xffc, 1) == 0xb1 && rd(0xffd, 1) == 0 && rd(0xffe, 2) == 0);
}

static void stored_registers_keep_their_bits(void)
{
	static const struct {
		u32 reg, bits;
	} regs[] = {
		{ ILPR, 0xff },	 { IBRD, 0xffff }, { FBRD, 0x3f },
		{ LCR_H, 0xff }, { CR, 0xff87 },   { IFLS, 0x3f },
		{ IMSC, 0x7ff },
	};
	unsigned int i;

	CHECK(setup() == 0);
	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		CHECK(wr32(regs[i].reg, 0xffffffff));
		CHECK(rd32(regs[i].reg) == regs[i].bits);
		CHECK(wr32(regs[i].reg, 0));
		CHECK(rd32(regs[i].reg) == 0);
	}
	/* read-only, write-only and reserved registers ignore writes */
	CHECK(wr32(FR, 0) && wr32(RIS, 0xff) && wr32(MIS, 0xff));
	CHECK(wr32(DMACR, 7) && wr32(0xfe0, 0) && wr32(0x08c, 1));
	CHECK(wr32(RSR, 0xf)); /* ECR: there are no errors to clear */
	CHECK(rd32(FR) == FR_RESET && rd32(RIS) == 0 && rd32(DMACR) == 0);
	CHECK(rd32(0xfe0) == 0x11 && rd32(0x08c) == 0 && rd32(RSR) == 0);
	CHECK(pends() == 0);
}

static void sizes_and_byte_lanes(void)
{
	u64 v = 0;

	CHECK(setup() == 0);
	/* 8, 16 and 32 bits; narrower ones see their bytes of the word */
	CHECK(rd(FR, 1) == FR_RESET && rd(FR, 2) == FR_RESET);
	CHECK(rd(FR + 1, 1) == 0 && rd(CR + 1, 1) == 0x03);
	CHECK(rd(CR + 2, 2) == 0);
	CHECK(wr32(IBRD, 0xab));
	CHECK(wr(IBRD + 1, 1, 0xcd)); /* the other byte stays */
	CHECK(rd32(IBRD) == 0xcdab && rd(IBRD + 1, 1) == 0xcd);
	CHECK(wr(IBRD + 2, 2, 0xffff)); /* beyond the register's 16 bits */
	CHECK(rd32(IBRD) == 0xcdab);
	CHECK(wr(IBRD, 2, 0x1234) && rd32(IBRD) == 0x1234);
	/* a byte store's register may hold more: only its byte counts */
	CHECK(wr(DR, 1, 0x4142));
	CHECK(ring_is("[uart] B"));
	/* a write of DR's other bytes transmits nothing */
	CHECK(wr(DR + 1, 1, 0x43) && wr(DR + 2, 2, 0x4444));
	CHECK(ring_is("[uart] B"));
	CHECK(wr(DR, 2, 'C') && wr32(DR, 'D'));
	CHECK(ring_is("[uart] BCD"));
	/* 64 bits or unaligned: the device refuses, the cell will fail */
	CHECK(uart_access(FR, 8, false, &v) == MMIO_ERROR);
	CHECK(uart_access(DR, 8, true, &v) == MMIO_ERROR);
	CHECK(uart_access(FR + 2, 4, false, &v) == MMIO_ERROR);
	CHECK(uart_access(FR + 1, 2, false, &v) == MMIO_ERROR);
	CHECK(uart_access(DR + 1, 2, true, &v) == MMIO_ERROR);
	CHECK(ring_is("[uart] BCD"));
}

static void transmit_shows_lines_at_once(void)
{
	CHECK(setup() == 0);
	tx("login: ");
	/* a prompt is in the ring before its line ends */
	CHECK(ring_is("[uart] login: "));
	tx("x");
	CHECK(ring_is("[uart] login: x"));
	tx("\r\nok\tgo\x1b\n");
	CHECK(ring_is("[uart] login: x\n[uart] ok\tgo?\n"));
	/* the UART is not the cell's (its config lacks WARDEN_CELL_CONSOLE) */
	CHECK(!strstr(host.uart, "[uart]"));
	/* the transmit FIFO never fills and the UART is never busy */
	CHECK(rd32(FR) == FR_RESET);
}

static void the_uart_gets_whole_lines(void)
{
	CHECK(setup_flags(WARDEN_CELL_CONSOLE) == 0);
	tx("$ ");
	CHECK(ring_is("[uart] $ "));
	CHECK(!strstr(host.uart, "[uart]"));
	tx("ls\r\n");
	CHECK(fx_uart_has("[uart] $ ls\r\n"));
	CHECK(ring_is("[uart] $ ls\n"));
}

static void console_hypercall_and_uart_share_the_line(void)
{
	u32 i;

	CHECK(setup() == 0);
	/* the hypercall's line waits for its end ... */
	fx_hc_on(2, WARDEN_HC_CONSOLE_PUTC, 'a', 0);
	CHECK(ring()->tail == 0);
	/* ... until the UART writes to it: the line so far is shown */
	tx("b");
	CHECK(ring_is("[uart] ab"));
	fx_hc_on(2, WARDEN_HC_CONSOLE_PUTC, 'c', 0);
	CHECK(ring_is("[uart] ab"));
	fx_hc_on(2, WARDEN_HC_CONSOLE_PUTC, '\n', 0);
	CHECK(ring_is("[uart] abc\n"));
	/* a long line is split as before, the rest shown on its own line */
	for (i = 0; i < CELL_LINE_MAX + 2; i++)
		tx("y");
	CHECK(ring()->tail == 11 + 7 + CELL_LINE_MAX + 1 + 7 + 2);
	CHECK(ring()->buf[11 + 7 + CELL_LINE_MAX] == '\n');
	CHECK(!memcmp(ring()->buf + 11 + 7 + CELL_LINE_MAX + 1, "[uart] yy",
		      9));
}

static void tx_interrupt(void)
{
	unsigned int p;

	CHECK(setup() == 0);
	CHECK(rd32(RIS) == 0);
	tx("a");
	/* TXIS: the character went through the transmit FIFO at once */
	CHECK(rd32(RIS) == INT_TX && rd32(MIS) == 0);
	CHECK(pends() == 0); /* masked */
	CHECK(wr32(IMSC, INT_TX));
	CHECK(pends() == 1 && rd32(MIS) == INT_TX);
	/* still set: another character raises nothing new */
	tx("b");
	CHECK(pends() == 1);
	/* cleared by ICR, set again by the next character */
	CHECK(wr32(ICR, INT_TX) && rd32(RIS) == 0 && rd32(MIS) == 0);
	CHECK(pends() == 1);
	tx("c");
	CHECK(pends() == 2);
	/* unmasking what is set raises it; masking raises nothing */
	CHECK(wr32(IMSC, 0) && wr32(IMSC, INT_TX));
	CHECK(pends() == 3);
	p = pends();
	CHECK(wr32(IMSC, 0) && pends() == p);
	/* ICR clears only what it names */
	CHECK(wr32(ICR, INT_RX | INT_RT) && rd32(RIS) == INT_TX);
	CHECK(host_last(OP_IRQ_PENDING)->a == UART_IRQ);
}

static void receive_fifo(void)
{
	unsigned int i;
	char buf[9];

	CHECK(setup() == 0);
	CHECK(input("abc") == 3);
	CHECK((rd32(FR) & (FR_RXFE | FR_RXFF)) == 0);
	CHECK(rd32(DR) == 'a' && rd(DR, 2) == 'b' && rd(DR, 1) == 'c');
	CHECK(rd32(FR) & FR_RXFE);
	CHECK(rd32(DR) == 0); /* empty */
	/* 32 characters fill it; then nothing more is taken */
	for (i = 0; i < 4; i++) {
		snprintf(buf, sizeof(buf), "%c1234567", 'A' + i);
		CHECK(input(buf) == 8);
	}
	CHECK(rd32(FR) & FR_RXFF);
	CHECK(input("x") == 0);
	CHECK(rd32(DR) == 'A');
	CHECK(!(rd32(FR) & FR_RXFF));
	CHECK(input("xyz") == 1);
	/* in order, across the end of the ring */
	for (i = 1; i < 32; i++)
		CHECK(rd32(DR) == (u32)(i % 8 ? '0' + i % 8 : 'A' + i / 8));
	CHECK(rd32(DR) == 'x' && (rd32(FR) & FR_RXFE));
	CHECK(input("12345678") == 8);
	for (i = 0; i < 8; i++)
		CHECK(rd32(DR) == '1' + i);
}

static void receive_interrupts_and_trigger_levels(void)
{
	CHECK(setup() == 0);
	/* character mode (reset): RXIS at the first character, and RTIS */
	CHECK(input("ab") == 2);
	CHECK(rd32(RIS) == (INT_RX | INT_RT));
	CHECK(rd32(DR) == 'a' && rd32(RIS) == (INT_RX | INT_RT));
	CHECK(rd32(DR) == 'b' && rd32(RIS) == 0);
	/* FIFO mode, half full (IFLS reset): RXIS at 16 characters */
	CHECK(wr32(LCR_H, LCR_H_FEN));
	CHECK(input("12345678") == 8 && rd32(RIS) == INT_RT);
	CHECK(input("12345678") == 8 && rd32(RIS) == (INT_RX | INT_RT));
	CHECK(rd32(DR) == '1' && rd32(RIS) == INT_RT);
	/* ICR clears them while the FIFO stays as it is */
	CHECK(wr32(ICR, INT_RT) && rd32(RIS) == 0);
	CHECK(input("a") == 1 && rd32(RIS) == (INT_RX | INT_RT));
	while (!(rd32(FR) & FR_RXFE))
		rd32(DR);
	CHECK(rd32(RIS) == 0);
	/* 1/8: four characters; 7/8: 28; reserved values: half */
	CHECK(wr32(IFLS, 0 << 3));
	CHECK(input("123") == 3 && !(rd32(RIS) & INT_RX));
	CHECK(input("4") == 1 && (rd32(RIS) & INT_RX));
	CHECK(wr32(ICR, 0x7ff));
	while (!(rd32(FR) & FR_RXFE))
		rd32(DR);
	CHECK(wr32(IFLS, 4 << 3));
	CHECK(input("12345678") == 8 && input("12345678") == 8);
	CHECK(input("12345678") == 8 && !(rd32(RIS) & INT_RX));
	CHECK(input("1234") == 4 && (rd32(RIS) & INT_RX));
	CHECK(wr32(IFLS, 7 << 3));
	while (rd32(RIS) & INT_RX)
		rd32(DR);
	CHECK(!(rd32(FR) & FR_RXFE)); /* 15 are left */
}

static void the_interrupt_rule(void)
{
	CHECK(setup() == 0);
	/* masked: input raises nothing */
	CHECK(input("a") == 1 && pends() == 0);
	/* unmasking a set interrupt raises it */
	CHECK(wr32(IMSC, INT_RX | INT_RT) && pends() == 1);
	CHECK(rd32(MIS) == (INT_RX | INT_RT));
	/* input while a receive interrupt is unmasked and set: again */
	CHECK(input("b") == 1 && pends() == 2);
	/* reading clears, new input raises once per call */
	CHECK(rd32(DR) == 'a' && rd32(DR) == 'b' && rd32(MIS) == 0);
	CHECK(pends() == 2);
	CHECK(input("cd") == 2 && pends() == 3);
	/* a full FIFO takes nothing and raises nothing */
	CHECK(input("12345678") == 8 && input("12345678") == 8);
	CHECK(input("12345678") == 8 && input("12345678") == 6);
	CHECK(pends() == 7 && input("x") == 0 && pends() == 7);
	/* only RXIM (FIFO mode, trigger 16): a few characters raise nothing */
	while (!(rd32(FR) & FR_RXFE))
		rd32(DR);
	CHECK(wr32(LCR_H, LCR_H_FEN) && wr32(IMSC, INT_RX) && wr32(ICR, 0x7ff));
	CHECK(input("1234") == 4 && pends() == 7);
	CHECK(input("12345678") == 8 && pends() == 7);
	CHECK(input("1234") == 4 && pends() == 8);
}

static void loopback(void)
{
	unsigned int i;

	CHECK(setup() == 0);
	CHECK(wr32(IMSC, INT_RX) && wr32(CR, 0x300 | CR_LBE | 1));
	tx("hi");
	/* received, not on the console */
	CHECK(ring()->tail == 0);
	CHECK(rd32(RIS) == (INT_RX | INT_RT | INT_TX));
	CHECK(pends() == 2); /* input twice while RXIS is unmasked */
	CHECK(rd32(DR) == 'h' && rd32(DR) == 'i');
	/* a full FIFO loses what is looped back */
	for (i = 0; i < 40; i++)
		tx("z");
	CHECK(rd32(FR) & FR_RXFF);
	for (i = 0; i < 32; i++)
		CHECK(rd32(DR) == 'z');
	CHECK(rd32(FR) & FR_RXFE);
	CHECK(wr32(CR, 0x301));
	tx("!");
	CHECK(ring_is("[uart] !"));
}

/* Registers and FIFO changed from their reset values. */
static void dirty(void)
{
	wr32(CR, 0x381);
	wr32(LCR_H, 0x70);
	wr32(IBRD, 13);
	wr32(FBRD, 1);
	wr32(ILPR, 9);
	wr32(IFLS, 0);
	wr32(IMSC, INT_TX);
	tx("q");
	input("abc");
}

static bool is_reset(void)
{
	return rd32(CR) == 0x300 && rd32(LCR_H) == 0 && rd32(IBRD) == 0 &&
	       rd32(FBRD) == 0 && rd32(ILPR) == 0 && rd32(IFLS) == 0x12 &&
	       rd32(IMSC) == 0 && rd32(RIS) == 0 && rd32(FR) == FR_RESET;
}

static struct trap_frame frame;

/* The comm region names the UART the inmate may drive (cell.h). */
static void the_comm_region_names_the_uart(void)
{
	volatile struct warden_comm_region *comm;

	CHECK(setup() == 0);
	comm = cell()->comm;
	CHECK(comm->revision == WARDEN_COMM_REVISION);
	CHECK(comm->console_uart_type == WARDEN_UART_PL011);
	CHECK(comm->console_uart_base == UART_IPA);
}

/* A UART of its own (a device page of the root's) comes first. */
static void the_comm_region_prefers_the_own_uart(void)
{
	volatile struct warden_comm_region *comm;

	fx_sys_init();
	fx_config_init(&uart, "uart", 0x4, FX_RAM_PA, UART_IRQ);
	uart.desc.vuart_base = UART_IPA;
	uart.desc.vuart_irq = UART_IRQ;
	fx_add_mem(&uart, 0x0a001000, 0x0a001000, 0x1000, FX_IO);
	uart.desc.uart_type = WARDEN_UART_CADENCE;
	uart.desc.uart_base = 0x0a001000;
	CHECK(fx_enable() == 0);
	CHECK(fx_create(&uart) == CELL_ID);
	CHECK(fx_load_start(CELL_ID) == 0);
	comm = cell()->comm;
	CHECK(comm->console_uart_type == WARDEN_UART_CADENCE);
	CHECK(comm->console_uart_base == 0x0a001000);
}

static void on_cpu_reset(void *arg)
{
	cell_system_reset(arg, &frame);
}

static void reset_at_start_and_system_reset(void)
{
	CHECK(setup() == 0);
	dirty();
	CHECK(!is_reset());
	/* the cell's own SYSTEM_RESET */
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_RETURNED);
	CHECK(fx_state(CELL_ID) == WARDEN_CELL_RUNNING);
	CHECK(is_reset());
	/* a new start */
	dirty();
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, CELL_ID, WARDEN_SHUTDOWN_FORCE) ==
	      0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, CELL_ID, 0) == 0);
	CHECK(is_reset());
}

static void input_call_checks_its_arguments(void)
{
	struct fx_config plain;

	CHECK(setup() == 0);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 0, 0) ==
	      -EINVAL);
	CHECK(fx_err_has("console input: 0 characters, not 1..8"));
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 'a', 9) ==
	      -EINVAL);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 'a', ~0ULL) ==
	      -EINVAL);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 0x6261, 1) ==
	      -EINVAL);
	CHECK(fx_err_has("console input: 0x6261 holds more than 1 characters"));
	CHECK(cell()->vuart.count == 0);
	/* eight characters use all of x2; NULs are characters too */
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, ~0ULL, 8) ==
	      8);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 0, 2) == 2);
	CHECK(rd32(DR) == 0xff && cell()->vuart.count == 9);
	/* no such cell, not the root calling, a cell without a UART */
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, 5, 'a', 1) == -ENOENT);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, 0, 'a', 1) == -ENOENT);
	CHECK(fx_hc3_on(2, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 'a', 1) ==
	      -EPERM);
	fx_config_init(&plain, "plain", 0x8, FX_RAM_PA + 0x200000, 34);
	CHECK(fx_create(&plain) == 2);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, 2, 'a', 1) == -ENODEV);
	CHECK(fx_err_has("cell \"plain\" has no emulated console UART"));
	CHECK(!fx_load_start(2));
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, 2, 'a', 1) == -ENODEV);
}

static void input_for_a_stopped_cell_is_dropped(void)
{
	fx_sys_init();
	fx_config_init(&uart, "uart", 0x4, FX_RAM_PA, UART_IRQ);
	uart.desc.vuart_base = UART_IPA;
	uart.desc.vuart_irq = UART_IRQ;
	CHECK(fx_enable() == 0 && fx_create(&uart) == CELL_ID);
	/* created, not started: taken, and gone */
	CHECK(input("abc") == 3 && cell()->vuart.count == 0);
	CHECK(fx_load_start(CELL_ID) == 0);
	CHECK(input("abc") == 3 && cell()->vuart.count == 3);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, CELL_ID, WARDEN_SHUTDOWN_FORCE) ==
	      0);
	CHECK(input("defgh") == 5 && cell()->vuart.count == 3);
	CHECK(pends() == 0);
	/* gone with the cell */
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, CELL_ID, 0) == 0);
	CHECK(fx_hc3_on(0, WARDEN_HC_CELL_CONSOLE_INPUT, CELL_ID, 'a', 1) ==
	      -ENOENT);
}

int main(void)
{
	RUN_HYP(the_page_traps_to_the_uart);
	RUN_HYP(registers_after_reset);
	RUN_HYP(stored_registers_keep_their_bits);
	RUN_HYP(sizes_and_byte_lanes);
	RUN_HYP(transmit_shows_lines_at_once);
	RUN_HYP(the_uart_gets_whole_lines);
	RUN_HYP(console_hypercall_and_uart_share_the_line);
	RUN_HYP(tx_interrupt);
	RUN_HYP(receive_fifo);
	RUN_HYP(receive_interrupts_and_trigger_levels);
	RUN_HYP(the_interrupt_rule);
	RUN_HYP(loopback);
	RUN_HYP(the_comm_region_names_the_uart);
	RUN_HYP(the_comm_region_prefers_the_own_uart);
	RUN_HYP(reset_at_start_and_system_reset);
	RUN_HYP(input_call_checks_its_arguments);
	RUN_HYP(input_for_a_stopped_cell_is_dropped);
	UNIT_DONE();
}
