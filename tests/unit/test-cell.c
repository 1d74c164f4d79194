// SPDX-License-Identifier: GPL-2.0-only
/*
 * What happens on a cell's own CPUs (core/cell.c: SYSTEM_OFF, SYSTEM_RESET,
 * faults, stop requests, the console hypercall) and links between cells
 * (core/link.c: taking and giving back their memory, rights, rings, state
 * notifications), on the real core and the recording arch stand-in.
 */
#include <string.h>

#include <hyp/errno.h>
#include <hyp/link.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>

#include "hyp-fixture.h"
#include "unit.h"

#define RWX (PAGING_READ | PAGING_WRITE | PAGING_EXEC)

static struct fx_config smp;

/* Enabled, with "smp" (CPUs 2 and 3, SPI 33) created, loaded, running on 2. */
static int setup(void)
{
	fx_sys_init();
	fx_config_init(&smp, "smp", 0xc, FX_RAM_PA, 33);
	if (fx_enable() || fx_create(&smp) != 1 || fx_load_start(1))
		return -1;
	return 0;
}

/* Start CPU 3 of the cell, as its PSCI CPU_ON would. */
static int bring_up_3(void)
{
	per_cpu_of(3)->cell = fx_cell_on(2);
	return arch_cpu_start(3, FX_RESET + 0x100, 0);
}

static void on_cpu_off(void *arg)
{
	cell_system_off(arg);
}

static void on_cpu_fail(void *arg)
{
	cell_fail(arg, "data abort at %#llx", 0x1234ULL);
}

static void on_cpu_check(void *arg)
{
	cell_check_stop(arg);
}

static struct trap_frame frame;

static void on_cpu_reset(void *arg)
{
	cell_system_reset(arg, &frame);
}

static void system_off_stops_the_cell_only(void)
{
	const struct warden_cell_status *st;

	CHECK(setup() == 0);
	CHECK(bring_up_3() == 0 && per_cpu_of(3)->online);
	CHECK(host_count_arg(OP_CPU_INIT, 3) == 1);
	per_cpu_of(2)->stats[STAT_HVC] = 7;
	CHECK(host_on_cpu(2, on_cpu_off, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_uart_has(
		"cell \"smp\": shut down by CPU 2 (PSCI SYSTEM_OFF)"));
	/* the other CPU was asked and parked too */
	CHECK(host_count_arg(OP_CPU_KICK, 3) == 1);
	CHECK(host_count_arg(OP_CPU_PARK, 3) == 1);
	CHECK(!per_cpu_of(2)->online && !per_cpu_of(3)->online);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
	st = fx_status();
	CHECK(st->stats[2][STAT_HVC] == 7);
	CHECK(st->cpus_running == 0);
	/* the root runs on */
	CHECK(per_cpu_of(0)->online && root_cell.cpu_set == 0xf3);
	/* a CPU_ON that raced with it finds the cell stopped: powers off */
	CHECK(bring_up_3() == 0);
	CHECK(host_count_arg(OP_CPU_POWER_OFF, 3) == 1);
	CHECK(!per_cpu_of(3)->online && arch_cpu_is_off(3));
}

static void a_fault_fails_the_cell_with_its_reason(void)
{
	const struct warden_cell_status *st;

	CHECK(setup() == 0);
	CHECK(bring_up_3() == 0);
	CHECK(host_on_cpu(3, on_cpu_fail, per_cpu_of(3)) == OP_CPU_PARK);
	CHECK(fx_uart_has("cell \"smp\" failed: data abort at 0x1234"));
	CHECK(host_count_arg(OP_CPU_PARK, 2) == 1);
	CHECK(fx_state(1) == WARDEN_CELL_FAILED);
	st = fx_status();
	CHECK(!strcmp(st->failure, "data abort at 0x1234"));
	CHECK(st->failed_cpu == 3);
	/* a second fault (another CPU, late) changes nothing */
	per_cpu_of(2)->online = 1;
	CHECK(host_on_cpu(2, on_cpu_fail, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_state(1) == WARDEN_CELL_FAILED &&
	      fx_status()->failed_cpu == 3);
	/* a new start forgets the failure */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_status()->failure[0] == '\0');
}

static void stop_requests_park_only_stopping_cells(void)
{
	struct cell *cell;

	CHECK(setup() == 0);
	cell = fx_cell_on(2);
	CHECK(host_on_cpu(2, on_cpu_check, per_cpu_of(2)) == OP_RETURNED);
	CHECK(host_on_cpu(0, on_cpu_check, per_cpu_of(0)) == OP_RETURNED);
	cell->state = CELL_STOPPING;
	CHECK(host_on_cpu(2, on_cpu_check, per_cpu_of(2)) == OP_CPU_PARK);
}

static void reset_on_the_boot_cpu_restarts_in_place(void)
{
	CHECK(setup() == 0);
	fx_ram[0] = 0x11; /* loaded image: kept */
	fx_ram[0x100000] = 0x22; /* other RAM: cleared */
	fx_cell_on(2)->comm->msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST;
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_RETURNED);
	CHECK(fx_uart_has("cell \"smp\": reset by CPU 2 (PSCI SYSTEM_RESET)"));
	CHECK(host_last(OP_CPU_RESET)->a == 2);
	CHECK(host_last(OP_CPU_RESET)->b == FX_RESET);
	CHECK(frame.elr == FX_RESET);
	CHECK(fx_ram[0] == 0x11 && fx_ram[0x100000] == 0);
	CHECK(fx_cell_on(2)->comm->msg_to_cell == WARDEN_MSG_NONE);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING && fx_status()->starts == 2);
}

static void reset_on_another_cpu_restarts_the_boot_cpu(void)
{
	CHECK(setup() == 0);
	CHECK(bring_up_3() == 0);
	CHECK(host_on_cpu(3, on_cpu_reset, per_cpu_of(3)) == OP_CPU_PARK);
	CHECK(host_count_arg(OP_CPU_PARK, 2) == 1); /* kicked */
	CHECK(host_count_arg(OP_CPU_START, 2) == 2);
	CHECK(host_last(OP_CPU_START)->b == FX_RESET);
	CHECK(per_cpu_of(2)->online && !per_cpu_of(3)->online);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
}

/* A cell started at a boot entry (a Linux kernel) resets to it, with its x0. */
static void reset_keeps_the_boot_entry(void)
{
	CHECK(setup() == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, WARDEN_START_BOOT, FX_RESET + 8,
		     FX_RESET + 0x1000) == 0);
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_RETURNED);
	CHECK(host_last(OP_CPU_RESET)->b == FX_RESET + 8);
	CHECK(frame.elr == FX_RESET + 8 && frame.x[0] == FX_RESET + 0x1000);
	CHECK(bring_up_3() == 0);
	CHECK(host_on_cpu(3, on_cpu_reset, per_cpu_of(3)) == OP_CPU_PARK);
	CHECK(host_last(OP_CPU_START)->b == FX_RESET + 8);
	CHECK(hh.context == FX_RESET + 0x1000);
}

/* WARDEN_START_RELOAD: a reset leaves the cell for the root to reload. */
static void reset_for_the_root_to_reload(void)
{
	unsigned int starts;

	CHECK(setup() == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1,
		     WARDEN_START_BOOT | WARDEN_START_RELOAD, FX_RESET + 8,
		     FX_RESET + 0x1000) == 0);
	starts = (unsigned int)host_count(OP_CPU_START);
	CHECK(bring_up_3() == 0);
	CHECK(host_on_cpu(3, on_cpu_reset, per_cpu_of(3)) == OP_CPU_PARK);
	CHECK(fx_uart_has("cell \"smp\": reset by CPU 3 (PSCI SYSTEM_RESET): "
			  "stopped for the root to load it again"));
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
	CHECK(fx_status()->reset_requests == 1);
	CHECK(host_count(OP_CPU_START) == starts + 1); /* CPU 3 only */
	/* the root starts it again; a plain start forgets the reload */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_RETURNED);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_status()->reset_requests == 1);
}

static void reset_failures_fail_the_cell(void)
{
	CHECK(setup() == 0);
	/* the RAM cannot be cleared: the cell fails with the reason */
	host_fail(OP_PHYS_CLEAR, FX_RAM_PA + 0x100000, -EIO);
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(!per_cpu_of(2)->online);
	CHECK(fx_state(1) == WARDEN_CELL_FAILED);
	CHECK(!strcmp(fx_status()->failure, "SYSTEM_RESET failed (error -5)"));
	/* the boot CPU does not start */
	host_fail(OP_PHYS_CLEAR, 0, 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(bring_up_3() == 0);
	host_fail(OP_CPU_START, 2, -EIO);
	CHECK(host_on_cpu(3, on_cpu_reset, per_cpu_of(3)) == OP_CPU_PARK);
	CHECK(fx_state(1) == WARDEN_CELL_FAILED);
	CHECK(!strcmp(fx_status()->failure,
		      "SYSTEM_RESET: CPU 2 does not start (error -5)"));
	/* a reset of a cell the root stops parks at once */
	host_fail(OP_CPU_START, 0, 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	fx_cell_on(2)->state = CELL_STOPPING;
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(host_count(OP_CPU_RESET) == 0);
}

/* Where PSCI CPU_ON may start a CPU of the cell (cell_entry_valid()). */
static void entry_points_must_be_code_of_the_cell(void)
{
	struct cell *cell;

	CHECK(setup() == 0);
	cell = fx_cell_on(2);
	CHECK(cell_entry_valid(cell, FX_RESET));
	CHECK(cell_entry_valid(cell, FX_RESET + 0xffffc)); /* last word */
	CHECK(!cell_entry_valid(cell, FX_RESET + 2)); /* not aligned */
	CHECK(!cell_entry_valid(cell, FX_RESET + 1));
	/* the other RAM is not executable; the comm region never is */
	CHECK(!cell_entry_valid(cell, FX_RESET + 0x100000));
	CHECK(!cell_entry_valid(cell, WARDEN_COMM_REGION_IPA));
	CHECK(!cell_entry_valid(cell, 0x48000000)); /* the root's */
	CHECK(!cell_entry_valid(cell, FX_RESET - 4));
	CHECK(!cell_entry_valid(cell, ~0ULL - 3));
}

static void putc_line(unsigned int cpu, const char *s)
{
	while (*s)
		fx_hc_on(cpu, WARDEN_HC_CONSOLE_PUTC, (u64)(unsigned char)*s++,
			 0);
}

static void console_lines_whole_and_clean(void)
{
	const struct warden_console *ring;
	char line[200];

	CHECK(setup() == 0);
	ring = fx_cell_on(2)->console;
	CHECK(fx_root_flags((u64)(uintptr_t)ring) == PAGING_READ);
	putc_line(2, "hel");
	CHECK(ring->tail == 0); /* nothing before the line is whole */
	putc_line(2, "lo\r\n");
	CHECK(ring->tail == 12 && !memcmp(ring->buf, "[smp] hello\n", 12));
	/* not on the UART: the config does not allow it */
	CHECK(!strstr(host.uart, "[smp]"));
	putc_line(2, "a\tb\x01\x7f");
	fx_hc_on(2, WARDEN_HC_CONSOLE_PUTC, 0, 0);
	putc_line(2, "\n");
	CHECK(ring->tail == 24);
	CHECK(!memcmp(ring->buf + 12, "[smp] a\tb?\x7f\n", 12));
	/* a long line is split */
	memset(line, 'x', 130);
	line[130] = '\0';
	putc_line(2, line);
	CHECK(ring->tail == 24 + 6 + 121);
	CHECK(ring->buf[24 + 6 + 120] == '\n' && ring->buf[24 + 6] == 'x');
}

static void console_reaches_the_uart_if_allowed(void)
{
	fx_sys_init();
	fx_config_init(&smp, "smp", 0xc, FX_RAM_PA, 33);
	smp.desc.flags = WARDEN_CELL_CONSOLE;
	CHECK(fx_enable() == 0 && fx_create(&smp) == 1 && !fx_load_start(1));
	CHECK(fx_cell_on(2)->comm->console_flags == WARDEN_CELL_CONSOLE);
	putc_line(2, "hi\n");
	CHECK(fx_uart_has("[smp] hi\r\n"));
	CHECK(!memcmp(fx_cell_on(2)->console->buf, "[smp] hi\n", 9));
	/* the root's characters go straight to the UART */
	putc_line(0, "root");
	CHECK(fx_uart_has("[smp] hi\r\nroot"));
}

/* --- links --- */

static struct fx_config echo, peer;

#define LINK_PA 0x7f000000UL
#define LINK_IPA 0x50000000UL

/* The root with link "root-echo" (side 0, doorbell 100) to cell "echo". */
static int setup_root_link(void)
{
	fx_sys_init();
	fx_add_link(&fx_sys.sys.root_cell, fx_sys.link, "root-echo", "echo",
		    LINK_PA, LINK_PA, 0, 100);
	fx_config_init(&echo, "echo", 0x4, FX_RAM_PA, 101);
	fx_add_link(&echo.desc, echo.link, "root-echo", "root", LINK_PA,
		    LINK_IPA, 1, 101);
	return fx_enable();
}

static void root_link_rights_and_rings(void)
{
	struct warden_comm_region *comm;
	struct cell *cell;
	u64 pa;

	CHECK(setup_root_link() == 0 || !printf("%s", host.uart));
	/* the root: common and its section read-write, the peer's read */
	CHECK(fx_root_flags(LINK_PA) == PAGING_RW);
	CHECK(fx_root_flags(LINK_PA + 0x1000) == PAGING_RW);
	CHECK(fx_root_flags(LINK_PA + 0x3000) == PAGING_READ);
	CHECK(fx_root_flags(LINK_PA + 0x5000) == RWX);
	/* no peer yet */
	CHECK(fx_hc(WARDEN_HC_LINK_STATE, 0, 0) == -ENOTCONN);
	CHECK(fx_hc(WARDEN_HC_LINK_RING, 0, 0) == -ENOTCONN);
	CHECK(fx_hc(WARDEN_HC_LINK_RING, 1, 0) == -EINVAL);
	CHECK(fx_create(&echo) == 1);
	CHECK(host_count_arg(OP_PHYS_CLEAR, LINK_PA) == 0); /* the root's */
	CHECK(fx_hc(WARDEN_HC_LINK_STATE, 0, 0) == WARDEN_CELL_CREATED);
	CHECK(fx_hc(WARDEN_HC_LINK_RING, 0, 0) == -ENOTCONN);
	/* the peer's creation rang the root */
	CHECK(host_count_arg(OP_IRQ_PENDING, 100) == 1);
	CHECK(fx_load_start(1) == 0);
	CHECK(host_count_arg(OP_IRQ_PENDING, 100) == 4); /* 3 state changes */
	cell = fx_cell_on(2);
	CHECK(fx_cell_flags(cell, LINK_IPA, &pa) == PAGING_RW);
	CHECK(pa == LINK_PA);
	CHECK(fx_cell_flags(cell, LINK_IPA + 0x1000, NULL) == PAGING_READ);
	CHECK(fx_cell_flags(cell, LINK_IPA + 0x3000, &pa) == PAGING_RW);
	CHECK(pa == LINK_PA + 0x3000);
	comm = cell->comm;
	CHECK(comm->num_links == 1);
	CHECK(!strcmp(comm->links[0].name, "root-echo"));
	CHECK(comm->links[0].virt_start == LINK_IPA);
	CHECK(comm->links[0].side == 1 && comm->links[0].doorbell_irq == 101);
	CHECK(comm->links[0].common_size == 0x1000);
	CHECK(comm->links[0].section_size == 0x2000);
	/* rings both ways */
	CHECK(fx_hc(WARDEN_HC_LINK_RING, 0, 0) == 0);
	CHECK(host_last(OP_IRQ_PENDING)->a == 101);
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_RING, 0, 0) == 0);
	CHECK(host_last(OP_IRQ_PENDING)->a == 100);
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_STATE, 0, 0) == WARDEN_CELL_RUNNING);
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_STATE, 1, 0) == -EINVAL);
	CHECK(fx_hc(WARDEN_HC_LINK_STATE, 0, 0) == WARDEN_CELL_RUNNING);
	/* a cell in reset counts as running */
	cell->state = CELL_RESETTING;
	CHECK(fx_hc(WARDEN_HC_LINK_STATE, 0, 0) == WARDEN_CELL_RUNNING);
	CHECK(fx_hc(WARDEN_HC_LINK_RING, 0, 0) == -ENOTCONN);
	cell->state = WARDEN_CELL_RUNNING;
	/* the peer leaves: the region is wiped, the root told, kept */
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(host_count_arg(OP_PHYS_CLEAR, LINK_PA) == 1);
	CHECK(host_last(OP_IRQ_PENDING)->a == 100);
	CHECK(fx_hc(WARDEN_HC_LINK_STATE, 0, 0) == -ENOTCONN);
	CHECK(fx_root_flags(LINK_PA + 0x3000) == PAGING_READ);
}

/* Two inmates joined by link "ab" in root RAM at 0x70380000. */
static int setup_pair(void)
{
	fx_sys_init();
	fx_config_init(&echo, "a", 0x4, FX_RAM_PA, 40);
	fx_add_link(&echo.desc, echo.link, "ab", "b", 0x70380000, LINK_IPA, 0,
		    40);
	fx_config_init(&peer, "b", 0x8, FX_RAM_PA + 0x200000, 41);
	fx_add_link(&peer.desc, peer.link, "ab", "a", 0x70380000, LINK_IPA, 1,
		    41);
	return fx_enable();
}

static const char ab[WARDEN_CELL_NAME_MAX] = "ab";

static void inmate_link_memory_comes_and_goes(void)
{
	CHECK(setup_pair() == 0);
	fx_ram[0x380000] = 0x33;
	CHECK(fx_create(&echo) == 1);
	/* out of the root, cleared */
	CHECK(fx_root_flags(0x70380000) == 0);
	CHECK(fx_root_flags(0x70384fff) == 0);
	CHECK(fx_root_flags(0x70385000) == RWX);
	CHECK(host_count_arg(OP_PHYS_CLEAR, 0x70380000) == 1);
	CHECK(fx_ram[0x380000] == 0);
	CHECK(fx_create(&peer) == 2);
	CHECK(host_count_arg(OP_PHYS_CLEAR, 0x70380000) == 1);
	CHECK(fx_load_start(1) == 0);
	/* b does not run: not rung */
	CHECK(host_count_arg(OP_IRQ_PENDING, 41) == 0);
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_RING, 0, 0) == -ENOTCONN);
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_STATE, 0, 0) == WARDEN_CELL_CREATED);
	CHECK(fx_load_start(2) == 0);
	CHECK(host_count_arg(OP_IRQ_PENDING, 40) >= 1); /* b's start */
	CHECK(fx_hc_on(2, WARDEN_HC_LINK_RING, 0, 0) == 0);
	CHECK(host_last(OP_IRQ_PENDING)->a == 41);
	CHECK(fx_hc_on(3, WARDEN_HC_LINK_RING, 0, 0) == 0);
	CHECK(host_last(OP_IRQ_PENDING)->a == 40);
	/* a leaves: wiped, b rung; then b: the region goes back to the root */
	fx_ram[0x380000] = 0x44;
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(fx_ram[0x380000] == 0);
	CHECK(host_last(OP_IRQ_PENDING)->a == 41);
	CHECK(fx_root_flags(0x70380000) == 0);
	CHECK(fx_hc_on(3, WARDEN_HC_LINK_STATE, 0, 0) == -ENOTCONN);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 2, 0) == 0);
	CHECK(fx_root_flags(0x70380000) == RWX);
	CHECK(!link_exists(ab));
	/* and again, from the other side first */
	CHECK(fx_create(&peer) == 1);
	CHECK(link_exists(ab) && fx_root_flags(0x70380000) == 0);
}

static void link_wipe_failure_is_said(void)
{
	CHECK(setup_pair() == 0);
	CHECK(fx_create(&echo) == 1);
	host_fail(OP_PHYS_CLEAR, 0x70380000, -EIO);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(fx_uart_has("link \"ab\": not wiped"));
	/* the region is still returned */
	CHECK(fx_root_flags(0x70380000) == RWX);
	/* and a new link cannot take a region it cannot wipe */
	CHECK(fx_create(&echo) == -EIO);
	CHECK(fx_root_flags(0x70380000) == RWX && !link_exists(ab));
}

int main(void)
{
	RUN_HYP(system_off_stops_the_cell_only);
	RUN_HYP(a_fault_fails_the_cell_with_its_reason);
	RUN_HYP(stop_requests_park_only_stopping_cells);
	RUN_HYP(reset_on_the_boot_cpu_restarts_in_place);
	RUN_HYP(reset_on_another_cpu_restarts_the_boot_cpu);
	RUN_HYP(reset_keeps_the_boot_entry);
	RUN_HYP(reset_for_the_root_to_reload);
	RUN_HYP(reset_failures_fail_the_cell);
	RUN_HYP(entry_points_must_be_code_of_the_cell);
	RUN_HYP(console_lines_whole_and_clean);
	RUN_HYP(console_reaches_the_uart_if_allowed);
	RUN_HYP(root_link_rights_and_rings);
	RUN_HYP(inmate_link_memory_comes_and_goes);
	RUN_HYP(link_wipe_failure_is_said);
	UNIT_DONE();
}
