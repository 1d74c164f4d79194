// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor console's UART driver (hypervisor/arch/arm64/uart.c)
 * against a model of each UART: a transmit FIFO that the model's "line"
 * drains by one character every few status reads, and the status bit the
 * datasheet defines for it (PL011 UARTFR.TXFF, Cadence Channel_sts.TFUL,
 * 8250 LSR.THRE, i.MX UTS.TXFULL, BCM2835 AUX_MU_LSR_REG bit 5, Amlogic STATUS bit 21).  Every
 * access is recorded: only the data and status registers may be touched,
 * only 32-bit aligned, never a write into a full FIFO, and every character
 * must come out, in order, with "\n" as "\r\n" (core console.c adds the
 * "\r"; here arch_console_putc gets exactly what it sends).
 */
#include <string.h>

#include <asm/uart-io.h>
#include <hyp/arch-setup.h>
#include <hyp/arch.h>

#include "unit.h"

#define T_BASE 0x12340000ULL
#define T_FIFO 16

struct t_layout {
	u32 type;
	u32 data; /* offset of the data register */
	u32 status; /* offset of the status register */
	u32 bit; /* its bit */
	bool bit_means_room; /* 8250 THRE: set while there is room */
};

static const struct t_layout t_layouts[] = {
	{ WARDEN_UART_PL011, 0x000, 0x018, 1u << 5, false },
	{ WARDEN_UART_CADENCE, 0x30, 0x2c, 1u << 4, false },
	{ WARDEN_UART_8250_MMIO32, 0x00, 0x14, 1u << 5, true },
	{ WARDEN_UART_IMX, 0x40, 0xb4, 1u << 4, false },
	{ WARDEN_UART_BCM2835_AUX, 0x00, 0x14, 1u << 5, true },
	{ WARDEN_UART_MESON, 0x00, 0x0c, 1u << 21, false },
};

/* The model of one UART. */
static struct {
	const struct t_layout *l;
	unsigned int fifo; /* characters waiting to go out */
	unsigned int drain_every; /* status reads per character sent; 0: stuck */
	unsigned int reads;
	char out[256]; /* what was written, in order */
	unsigned int len;
	unsigned int overflows; /* writes into a full FIFO */
	unsigned int bad; /* accesses to other registers or base */
} t;

static void t_reset(const struct t_layout *l, unsigned int drain_every)
{
	memset(&t, 0, sizeof(t));
	t.l = l;
	t.drain_every = drain_every;
}

static bool t_full(void)
{
	return t.fifo >= T_FIFO;
}

u32 host_uart_read32(const void *base, u32 off)
{
	bool bit;

	if ((u64)(uintptr_t)base != T_BASE || off != t.l->status) {
		t.bad++;
		return 0;
	}
	/* the line sends one character every drain_every status reads */
	t.reads++;
	if (t.drain_every && t.reads % t.drain_every == 0 && t.fifo)
		t.fifo--;
	bit = t.l->bit_means_room ? !t_full() : t_full();
	/* other bits set, as on hardware (RX flags, TX empty...) */
	return (bit ? t.l->bit : 0u) | (~t.l->bit & 0x0f0fu);
}

void host_uart_write32(void *base, u32 off, u32 v)
{
	if ((u64)(uintptr_t)base != T_BASE || off != t.l->data || v > 0xff) {
		t.bad++;
		return;
	}
	if (t_full())
		t.overflows++;
	else
		t.fifo++;
	if (t.len < sizeof(t.out) - 1)
		t.out[t.len++] = (char)v;
}

static void t_send(const char *s)
{
	for (; *s; s++)
		arch_console_putc(*s);
}

static void t_init(u32 type, u64 base)
{
	struct warden_platform p = { .uart_type = type, .uart_base = base };

	arch_console_init(&p);
}

/* Each UART, a line drained slowly: everything out, no overflow. */
static void slow_line(void)
{
	static const char msg[] = "[warden] through a slow line\r\n";
	size_t i;

	for (i = 0; i < sizeof(t_layouts) / sizeof(t_layouts[0]); i++) {
		t_reset(&t_layouts[i], 3);
		t_init(t_layouts[i].type, T_BASE);
		t_send(msg);
		CHECK(t.bad == 0);
		CHECK(t.overflows == 0);
		CHECK(t.len == strlen(msg));
		CHECK(!memcmp(t.out, msg, t.len));
		CHECK(t.reads > T_FIFO); /* it did wait for room */
	}
}

/* A UART whose FIFO never drains: the wait gives up, the character goes. */
static void stuck_line(void)
{
	size_t i;

	for (i = 0; i < sizeof(t_layouts) / sizeof(t_layouts[0]); i++) {
		t_reset(&t_layouts[i], 0);
		t.fifo = T_FIFO;
		t_init(t_layouts[i].type, T_BASE);
		t_send("ab");
		CHECK(t.bad == 0);
		CHECK(t.len == 2 && t.out[0] == 'a' && t.out[1] == 'b');
		CHECK(t.overflows == 2);
		/* 100000 polls each, then written regardless */
		CHECK(t.reads == 2 * 100000);
	}
}

/* An empty FIFO: one status read per character, no more. */
static void fast_line(void)
{
	t_reset(&t_layouts[1], 1);
	t_init(WARDEN_UART_CADENCE, T_BASE);
	t_send("xyz");
	CHECK(t.reads == 3);
	CHECK(t.len == 3 && t.bad == 0 && t.overflows == 0);
}

/* No UART, an unknown type, or no base: nothing is touched. */
static void no_console(void)
{
	t_reset(&t_layouts[0], 1);
	t_init(WARDEN_UART_NONE, T_BASE);
	t_send("x");
	t_init(99, T_BASE);
	t_send("x");
	t_init(WARDEN_UART_PL011, 0);
	t_send("x");
	CHECK(t.reads == 0 && t.len == 0 && t.bad == 0);
}

int main(void)
{
	RUN(slow_line);
	RUN(stuck_line);
	RUN(fast_line);
	RUN(no_console);
	UNIT_DONE();
}
