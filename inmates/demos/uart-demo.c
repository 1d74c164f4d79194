// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo: hello, then a counter line every 500 ms, answering the root's
 * shutdown requests in between.
 *
 * The lines go out through the UART the comm region names (console_uart():
 * the cell's own UART, or the PL011 the hypervisor emulates for it), with
 * the driver of its type, so one image runs on QEMU virt (an emulated
 * PL011: the text still reaches the cell's console) and on a board whose
 * cell owns, say, a Cadence UART.  With none named, they go through the
 * console hypercall, as printf() does.  The hello line says which.
 */
#include <inmate/inmate.h>
#include <inmate/uart.h>

#define UART_DEMO_PERIOD_MS 500
#define UART_DEMO_POLL_MS 10

/* A line through the cell's UART if it has one, else the console. */
static void uart_demo_say(const char *fmt, ...) PRINTF_FORMAT(1, 2);
static void uart_demo_say(const char *fmt, ...)
{
	const struct uart *u = console_uart();
	char line[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (u != NULL)
		uart_puts(u, line);
	else
		console_puts(line);
}

void inmate_main(void)
{
	uint64_t count = 0, next;
	unsigned int i;
	const struct uart *u = console_uart();
	uint64_t cpu = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;

	if (u != NULL) {
		uart_init(u);
		uart_demo_say("Hello from uart-demo on CPU 0x%lx through its "
			      "%s at 0x%lx\n",
			      cpu, uart_name(u), u->base);
	} else {
		uart_demo_say("Hello from uart-demo on CPU 0x%lx through the "
			      "console hypercall\n",
			      cpu);
	}
	for (;;) {
		next = timer_now() +
		       timer_ns_to_ticks(UART_DEMO_PERIOD_MS * 1000000ull);
		/* Answer shutdown requests while waiting. */
		for (i = 0; i < UART_DEMO_PERIOD_MS / UART_DEMO_POLL_MS; i++) {
			comm_poll();
			if (timer_now() >= next)
				break;
			timer_delay_ms(UART_DEMO_POLL_MS);
		}
		uart_demo_say("uart-demo: count %lu\n", ++count);
	}
}
