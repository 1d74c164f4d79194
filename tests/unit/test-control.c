// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall dispatch and SMCCC queries (core/control.c), disable, the
 * console and printk (core/console.c, core/printf.c) and bring-up
 * (core/setup.c), on the real core and the recording arch stand-in.
 */
#include <limits.h>
#include <string.h>

#include <warden/firmware.h>
#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/percpu.h>
#include <hyp/printk.h>

#include "hyp-fixture.h"
#include "unit.h"

static int setup(void)
{
	fx_sys_init();
	return fx_enable();
}

static void version_info_and_smccc_queries(void)
{
	CHECK(setup() == 0);
	CHECK(fx_hc(WARDEN_HC_VERSION, 0, 0) == WARDEN_MAGIC);
	CHECK(fx_frame.x[1] == WARDEN_ABI_VERSION);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_POOL_PAGES, 0) ==
	      (long)hyp.pool.pages);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_POOL_USED, 0) ==
	      (long)hyp.pool.used);
	CHECK(hyp.pool.used > 0 && hyp.pool.pages > hyp.pool.used);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_CPUS_ENABLED, 0) == FX_CPUS);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_ERRMSG, 0) ==
	      (long)cellctl_errmsg_page());
	CHECK(fx_hc(WARDEN_HC_INFO, 99, 0) == -EINVAL);
	/* version, disable, info, putc, seven cell calls, two link calls */
	CHECK(fx_hc(WARDEN_HC_CALL_COUNT, 0, 0) == 13);
	CHECK(fx_hc(WARDEN_HC_REVISION, 0, 0) == WARDEN_ABI_VERSION);
	CHECK(fx_frame.x[1] == 0);
	CHECK(fx_hc(WARDEN_HC_CALL_UID, 0, 0) == WARDEN_SMCCC_NOT_SUPPORTED);
	CHECK(fx_hc(WARDEN_HC(0x30), 0, 0) == WARDEN_SMCCC_NOT_SUPPORTED);
	CHECK(fx_hc(WARDEN_HC(0x04), 0, 0) == WARDEN_SMCCC_NOT_SUPPORTED);
	CHECK(fx_hc(0x84000000, 0, 0) == WARDEN_SMCCC_NOT_SUPPORTED);
	CHECK(fx_hc(0, 0, 0) == WARDEN_SMCCC_NOT_SUPPORTED);
}

static void disable_cpu_by_cpu(void)
{
	struct fx_config c;
	unsigned int cpu;

	CHECK(setup() == 0);
	fx_config_init(&c, "demo", 0x4, FX_RAM_PA, 33);
	CHECK(fx_create(&c) == 1);
	CHECK(fx_load_start(1) == 0);
	/* a cell cannot; nobody can while cells exist */
	CHECK(fx_hc_on(2, WARDEN_HC_DISABLE, 0, 0) == -EPERM);
	CHECK(fx_hc_on(1, WARDEN_HC_DISABLE, 0, 0) == -EBUSY);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	hyp.cpus_enabled = 2; /* CPUs 0 and 1 under the hypervisor */
	per_cpu_of(1)->stats[STAT_EXITS] = 42;
	per_cpu_of(1)->stats[STAT_MMIO] = 5;
	CHECK(fx_hc_on(1, WARDEN_HC_DISABLE, 0, 0) == LONG_MIN);
	CHECK(hh.left == OP_CPU_EXIT && host_last(OP_CPU_EXIT)->a == 1);
	CHECK(host_count_arg(OP_CPU_DEINIT, 1) == 1);
	CHECK(!per_cpu_of(1)->online && hyp.cpus_enabled == 1);
	CHECK(fx_frame.x[0] == 0);
	CHECK(fx_uart_has(
		"[warden] CPU 1: 42 exits: 0 interrupts (0 SGIs, 0 maintenance), 5 MMIO"));
	CHECK(fx_uart_has("stack: "));
	CHECK(!strstr(host.uart, "disabled"));
	CHECK(fx_hc_on(0, WARDEN_HC_DISABLE, 0, 0) == LONG_MIN);
	CHECK(fx_uart_has("[warden] disabled\r\n"));
	for (cpu = 0; cpu < 2; cpu++)
		CHECK(host_count_arg(OP_CPU_EXIT, cpu) == 1);
}

static const char *volatile long_text = "truncated text";

static void printk_formats(void)
{
	char buf[64];

	CHECK(snprintf(buf, sizeof(buf), "%d %i %u %x %c %s %%", -12, 7,
		       3000000000u, 0xbeefu, 'q', "str") == 29);
	CHECK(!strcmp(buf, "-12 7 3000000000 beef q str %"));
	CHECK(snprintf(buf, sizeof(buf), "%#llx %08x %5u|%-3s|%ld %lu %zu",
		       0x1234ULL, 0xabu, 42u, "ab", -5L, 7UL, (size_t)9) > 0);
	CHECK(!strncmp(buf, "0x1234 000000ab    42|", 22) ||
	      !printf("  [%s]\n", buf));
	CHECK(snprintf(buf, 8, "%s", long_text) == 14);
	CHECK(!strcmp(buf, "truncat"));
	CHECK(snprintf(buf, sizeof(buf), "%p", (void *)0x1000) > 0);
	CHECK(strstr(buf, "1000"));
	CHECK(snprintf(buf, sizeof(buf), "%lld", (long long)LLONG_MIN) > 0);
	CHECK(!strcmp(buf, "-9223372036854775808"));
}

static void do_panic(void *arg)
{
	(void)arg;
	panic("invariant %d broken\n", 3);
}

static void panic_prints_and_halts(void)
{
	CHECK(setup() == 0);
	CHECK(host_on_cpu(1, do_panic, NULL) == OP_HALT);
	CHECK(fx_uart_has("[warden] PANIC: invariant 3 broken\r\n"));
}

static void console_ring_wraps(void)
{
	unsigned int i;

	CHECK(setup() == 0);
	for (i = 0; i < 500; i++)
		printk("line %u\n", i);
	CHECK(hyp.console->tail > WARDEN_CONSOLE_SIZE);
	CHECK(fx_root_flags((u64)(uintptr_t)hyp.console) != 0);
	CHECK(hyp.console->buf[(hyp.console->tail - 1) % WARDEN_CONSOLE_SIZE] ==
	      '\n');
	CHECK(fx_uart_has("[warden] line 499\r\n"));
}

static void stack_use_is_measured(void)
{
	struct per_cpu *pc;
	u64 *p;

	CHECK(setup() == 0);
	pc = per_cpu_of(1);
	for (p = (u64 *)(pc + 1); (char *)p < (char *)pc + PERCPU_SIZE; p++)
		*p = PERCPU_STACK_PAINT;
	CHECK(percpu_stack_used(pc) == 0);
	*(u64 *)((char *)pc + PERCPU_SIZE - 1000) = 0;
	CHECK(percpu_stack_used(pc) == 1000);
}

/* setup_early() on an image whose config or layout is wrong. */
static void enable_refusals(void)
{
	struct warden_fw_header *h;
	struct warden_system *sys;
	u64 base;

	fx_sys_init();
	fx_sys.sys.signature[0] = 'X';
	CHECK(fx_enable() == -EINVAL);
	CHECK(fx_uart_has("[warden] config: "));
	CHECK(host_count(OP_MMU_SETUP) == 0);

	fx_sys_init();
	fx_sys.sys.platform.num_cpus = 0;
	CHECK(fx_enable() == -EINVAL);

	/* a layout the image does not have */
	fx_sys_init();
	CHECK(fx_enable() == 0);
	h = (struct warden_fw_header *)(void *)fx_image;
	base = hyp.base;
	h->percpu_size = 4096;
	CHECK(setup_early(base) == -EINVAL);
	h->percpu_size = PERCPU_SIZE;
	h->max_cpus = 64;
	CHECK(setup_early(base) == -EINVAL);
	h->max_cpus = FX_CPUS;
	/* the config says the hypervisor is elsewhere */
	sys = (struct warden_system *)(void *)(fx_image + h->config_offset);
	sys->hypervisor_memory.phys_start += 0x200000;
	sys->hypervisor_memory.virt_start += 0x200000;
	CHECK(setup_early(base) == -EINVAL);
	sys->hypervisor_memory.phys_start -= 0x200000;
	sys->hypervisor_memory.virt_start -= 0x200000;
	host_hyp_reset(0xff);
	CHECK(setup_early(base) == 0);
	CHECK(host_count(OP_MMU_SETUP) == 1 && hh.dcache_invals == 1);
	host_fail(OP_MMU_SETUP, HOST_ANY, -ENOMEM);
	CHECK(setup_early(base) == -ENOMEM);
	/* too small to hold a config: no console, refused */
	host_hyp_reset(0xff);
	h->config_size = 8;
	CHECK(setup_early(base) == -EINVAL);
	CHECK(host_count(OP_CONSOLE_INIT) == 0);
}

static void come_up(void *frame)
{
	setup_cpu_on(frame);
}

static void cpu_on_joins_or_stops(void)
{
	struct trap_frame frame;
	struct per_cpu *pc;

	CHECK(setup() == 0);
	pc = per_cpu_of(5);
	pc->online = 0;
	pc->stats[STAT_IRQ] = 9;
	memset(&frame, 0, sizeof(frame));
	CHECK(host_on_cpu(5, come_up, &frame) == OP_RETURNED);
	CHECK(pc->online && pc->stats[STAT_IRQ] == 0 && pc->mpidr == 5);
	CHECK(host_count_arg(OP_CPU_ON_FRAME, 5) == 1);
	CHECK(hyp.cpus_enabled == FX_CPUS + 1);
	/* the arch cannot take it: a panic */
	host_fail(OP_CPU_INIT, 5, -EIO);
	CHECK(host_on_cpu(5, come_up, &frame) == OP_HALT);
	CHECK(fx_uart_has("PANIC: CPU 5: cannot join after CPU_ON"));
}

int main(void)
{
	RUN_HYP(version_info_and_smccc_queries);
	RUN_HYP(disable_cpu_by_cpu);
	RUN_HYP(printk_formats);
	RUN_HYP(panic_prints_and_halts);
	RUN_HYP(console_ring_wraps);
	RUN_HYP(stack_use_is_measured);
	RUN_HYP(enable_refusals);
	RUN_HYP(cpu_on_joins_or_stops);
	UNIT_DONE();
}
