// SPDX-License-Identifier: BSD-2-Clause
/*
 * uart-demo: hello, then a counter line every 500 ms on the cell console,
 * answering the root's shutdown requests in between.
 */
#include <inmate/inmate.h>

#define UART_DEMO_PERIOD_MS 500
#define UART_DEMO_POLL_MS 10

void inmate_main(void)
{
	uint64_t count = 0, next;
	unsigned int i;

	printf("Hello from uart-demo on CPU 0x%lx\n",
	       read_sysreg(mpidr_el1) & MPIDR_AFF_MASK);
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
		printf("uart-demo: count %lu\n", ++count);
	}
}
