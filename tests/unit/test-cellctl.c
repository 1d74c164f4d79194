// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root cell's management hypercalls (core/cellctl.c, core/cell.c):
 * the whole life of a cell through control_hypercall(), what each step asks
 * of the architecture, and every refusal with its message, after which
 * nothing has changed.
 */
#include <limits.h>
#include <string.h>

#include <hyp/cellctl.h>
#include <hyp/errno.h>
#include <hyp/paging.h>
#include <hyp/percpu.h>

#include "host-arch.h"
#include "hyp-fixture.h"
#include "unit.h"

static struct fx_config demo, other;

/* Enabled, with "demo" (CPU 2, SPI 33) and "other" (CPU 3, SPI 34). */
static int setup(void)
{
	fx_sys_init();
	fx_config_init(&demo, "demo", 0x4, FX_RAM_PA, 33);
	fx_config_init(&other, "other", 0x8, FX_RAM_PA + 0x200000, 34);
	return fx_enable();
}

static void enable_builds_the_root(void)
{
	CHECK(setup() == 0);
	CHECK(host_count(OP_MMU_SETUP) == 1);
	CHECK(host_count(OP_SETUP_GLOBAL) == 1);
	CHECK(host_count_arg(OP_CELL_INIT, 0) == 1);
	CHECK(host_last(OP_CONSOLE_INIT)->a == 0x09000000);
	CHECK(fx_root_flags(0x40000000) ==
	      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
	CHECK(fx_root_flags(0x09000000) == (PAGING_RW | PAGING_DEVICE));
	CHECK(fx_root_flags(0x08000000) == 0); /* the GIC is not the root's */
	/* the console ring and the error page are the root's, read-only */
	CHECK(fx_root_flags((u64)(uintptr_t)hyp.console) == PAGING_READ);
	CHECK(fx_root_flags(cellctl_errmsg_page()) == PAGING_READ);
	CHECK(cell_owns_irq(&root_cell, 32) && cell_owns_irq(&root_cell, 287));
	CHECK(!cell_owns_irq(&root_cell, 288) &&
	      !cell_owns_irq(&root_cell, 31));
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_NUM_CELLS, 0) == 1);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_CELL_IDS, 0) == 1);
	CHECK(fx_state(0) == WARDEN_CELL_RUNNING);
	CHECK(!strcmp(fx_status()->name, "root"));
	CHECK(fx_status()->cpu_set == 0xff);
	CHECK(fx_status()->cpus_running == 0xff);
}

static void create_takes_cpus_memory_and_irqs(void)
{
	u64 pa;
	u64 used;
	struct cell *cell;

	CHECK(setup() == 0);
	used = hyp.pool.used;
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_errmsg()[0] == '\0');
	CHECK(fx_uart_has(
		"[warden] cell \"demo\" created: id 1, CPUs 0x4\r\n"));
	/* memory: out of the root, into the cell at its IPA */
	CHECK(fx_root_flags(FX_RAM_PA) == 0);
	CHECK(fx_root_flags(FX_RAM_PA + 0x10ffff) == 0);
	CHECK(fx_root_flags(FX_RAM_PA + 0x110000) != 0);
	CHECK(host_count(OP_PHYS_COPY) == 1);
	/* CPUs and IRQs */
	CHECK(root_cell.cpu_set == 0xfb);
	CHECK(host_count_arg(OP_CPU_UNMAP, 0) == 1);
	CHECK(host_last(OP_CPU_UNMAP)->b == 2);
	CHECK(!cell_owns_irq(&root_cell, 33));
	CHECK(cell_owns_irq(&root_cell, 32) && cell_owns_irq(&root_cell, 34));
	CHECK(host_count(OP_IRQ_RESET) == 1 &&
	      host_last(OP_IRQ_RESET)->a == 33);
	/* every SPI checked for a route to its owner: 33 the cell's */
	CHECK(hh.route_owner[33] == 2 && hh.route_count[33] == 1);
	CHECK(hh.route_owner[32] == 1 && hh.route_owner[34] == 1);
	CHECK(hh.route_count[31] == 0);
	CHECK(host_count_arg(OP_CELL_INIT, 1) == 1);
	/* the root sees it, by its status page */
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_NUM_CELLS, 0) == 2);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_CELL_IDS, 0) == 3);
	CHECK(fx_state(1) == WARDEN_CELL_CREATED);
	CHECK(!strcmp(fx_status()->name, "demo"));
	CHECK(fx_status()->id == 1 && fx_status()->cpu_set == 0x4);
	CHECK(fx_status()->cpus_running == 0 && fx_status()->loaded == 0);
	CHECK(fx_root_flags((u64)(uintptr_t)fx_status()) == PAGING_READ);
	CHECK(fx_frame.x[2] != 0 &&
	      fx_root_flags(fx_frame.x[2]) == PAGING_READ);
	/* the pages it took: config copy, comm, 2 status, console, tables */
	CHECK(hyp.pool.used > used + 5);
	/* the cell's stage 2, once it runs */
	CHECK(fx_load_start(1) == 0);
	cell = fx_cell_on(2);
	CHECK(cell != &root_cell && cell->id == 1);
	CHECK(fx_cell_flags(cell, FX_RESET, &pa) ==
	      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
	CHECK(pa == FX_RAM_PA);
	CHECK(fx_cell_flags(cell, FX_RESET + 0x100000, &pa) == PAGING_RW);
	CHECK(pa == FX_RAM_PA + 0x100000);
	CHECK(fx_cell_flags(cell, WARDEN_COMM_REGION_IPA, &pa) == PAGING_RW);
	CHECK(pa == (u64)(uintptr_t)cell->comm);
	CHECK(fx_cell_flags(cell, 0x09000000, NULL) == 0);
}

static void whole_life_and_back(void)
{
	u64 used, cleared;
	struct warden_comm_region *comm;
	struct cell *cell;

	CHECK(setup() == 0);
	used = hyp.pool.used;
	CHECK(fx_create(&demo) == 1);

	/* load: the loadable region comes back to the root, cleared */
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_LOADING);
	CHECK(fx_root_flags(FX_RAM_PA) == PAGING_RW);
	CHECK(fx_root_flags(FX_RAM_PA + 0x100000) == 0);
	CHECK(host_count_arg(OP_PHYS_CLEAR, FX_RAM_PA) == 1);
	CHECK(fx_ram[0] == 0 && fx_ram[0xfffff] == 0);
	CHECK(fx_ram[0x100000] == 0x5a); /* not loadable: not yet */
	memcpy(fx_ram, "image", 5); /* the driver copies the image */
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_LOADED);
	CHECK(fx_status()->loaded == 1);
	CHECK(fx_root_flags(FX_RAM_PA) == 0);

	/* start: other RAM cleared, comm region filled, boot CPU started */
	cleared = host_count(OP_PHYS_CLEAR);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(host_count(OP_PHYS_CLEAR) == cleared + 1);
	CHECK(host_last(OP_PHYS_CLEAR)->a == FX_RAM_PA + 0x100000);
	CHECK(fx_ram[0x100000] == 0 && !memcmp(fx_ram, "image", 5));
	CHECK(host_count(OP_CPU_START) == 1);
	CHECK(host_last(OP_CPU_START)->a == 2);
	CHECK(host_last(OP_CPU_START)->b == FX_RESET);
	CHECK(host_count_arg(OP_CPU_INIT, 2) == 1);
	CHECK(host_last(OP_CPU_INIT)->b == 1); /* from CPU_ON */
	CHECK(host_count_arg(OP_CPU_ON_FRAME, 2) == 1);
	CHECK(per_cpu_of(2)->online);
	cell = fx_cell_on(2);
	comm = cell->comm;
	CHECK(!memcmp(comm->signature, WARDEN_COMM_SIGNATURE, 8));
	CHECK(comm->revision == WARDEN_COMM_REVISION);
	CHECK(comm->cell_id == 1 && comm->cell_state == WARDEN_CELL_RUNNING);
	CHECK(comm->gic_version == WARDEN_GIC_V3); /* arch_comm_fill */
	CHECK(comm->console_flags == 0);
	CHECK(comm->console_uart_type == WARDEN_UART_NONE); /* hypercall */
	CHECK(comm->console_uart_base == 0);
	CHECK(fx_uart_has("cell \"demo\" started on CPU 2 at 0x40000000"));
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_status()->starts == 1);
	CHECK(fx_status()->cpus_running == 0x4);

	/* shutdown: asked through the comm region, approved */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_to_cell == WARDEN_MSG_SHUTDOWN_REQUEST);
	CHECK(comm->msg_seq == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN); /* no reply */
	CHECK(comm->msg_seq == 1);
	comm->reply_from_cell = WARDEN_REPLY_APPROVED;
	comm->reply_seq = 1;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == 0);
	CHECK(comm->msg_to_cell == WARDEN_MSG_NONE);
	CHECK(fx_uart_has("cell \"demo\" approved its shutdown"));
	CHECK(host_count_arg(OP_CPU_KICK, 2) == 1);
	CHECK(host_count_arg(OP_CPU_PARK, 2) == 1);
	CHECK(!per_cpu_of(2)->online && arch_cpu_is_off(2));
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
	CHECK(comm->cell_state == WARDEN_CELL_SHUT_DOWN);

	/* and again: a shut-down cell starts without a new load */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING && fx_status()->starts == 2);

	/* destroy: everything back to the root, RAM cleared */
	cleared = host_count(OP_PHYS_CLEAR);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(host_count_arg(OP_CPU_PARK, 2) == 2);
	CHECK(host_count(OP_PHYS_CLEAR) == cleared + 2);
	CHECK(fx_ram[0] == 0);
	CHECK(fx_root_flags(FX_RAM_PA) ==
	      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
	CHECK(fx_root_flags(FX_RAM_PA + 0x100000) ==
	      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
	CHECK(root_cell.cpu_set == 0xff);
	CHECK(per_cpu_of(2)->cell == &root_cell);
	CHECK(host_count_arg(OP_CPU_MAP, 0) == 1 &&
	      host_last(OP_CPU_MAP)->b == 2);
	CHECK(cell_owns_irq(&root_cell, 33));
	CHECK(host_count_arg(OP_IRQ_RESET, 33) == 2);
	CHECK(hh.route_owner[33] == 1 && hh.route_count[33] == 2);
	CHECK(fx_uart_has("cell \"demo\" destroyed"));
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_NUM_CELLS, 0) == 1);
	CHECK(fx_state(1) == -ENOENT);
	CHECK(hyp.pool.used == used); /* every page back */
	/* the id is free again */
	CHECK(fx_create(&demo) == 1);
}

/* What a refused call must leave as it was. */
struct snap {
	u64 used, cpus, ids;
	u64 irqs[ARRAY_SIZE(root_cell.irq_bitmap)];
	u32 ram;
};

static void snap(struct snap *s)
{
	memset(s, 0, sizeof(*s));
	s->used = hyp.pool.used;
	s->cpus = root_cell.cpu_set;
	s->ids = cellctl_ids();
	memcpy(s->irqs, root_cell.irq_bitmap, sizeof(s->irqs));
	s->ram = fx_root_flags(FX_RAM_PA + 0x200000);
}

static bool unchanged(const struct snap *s)
{
	struct snap now;

	snap(&now);
	if (!memcmp(s, &now, sizeof(now)))
		return true;
	printf("  changed: pool %llu -> %llu, cpus %#llx -> %#llx, ids %#llx -> %#llx\n",
	       (unsigned long long)s->used, (unsigned long long)now.used,
	       (unsigned long long)s->cpus, (unsigned long long)now.cpus,
	       (unsigned long long)s->ids, (unsigned long long)now.ids);
	return false;
}

/* Create c and expect err with a message holding words, nothing changed. */
static bool refused(const struct fx_config *c, long err, const char *words)
{
	struct snap s;
	long ret;

	snap(&s);
	ret = fx_create(c);
	if (ret != err)
		printf("  create returned %ld, not %ld (%s)\n", ret, err,
		       fx_errmsg());
	return ret == err && fx_err_has(words) && unchanged(&s);
}

static void create_refuses_bad_size_or_place(void)
{
	struct snap s;

	CHECK(setup() == 0);
	snap(&s);
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, 16) == -EINVAL);
	CHECK(fx_err_has("cell config: size 16 not in "));
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, 0x1001) == -EINVAL);
	CHECK(fx_err_has("size 4097 not in"));
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, ~0ULL - 0x100, 0x200) == -EINVAL);
	/* not the root's: the GIC, beyond RAM, the hypervisor's own */
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, 0x08000000, 0x200) == -EFAULT);
	CHECK(fx_err_has("cell config: 0x8000000+0x200 is not root memory"));
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, 0x7ffffff00, 0x200) == -EFAULT);
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, hyp.base, 0x200) == -EFAULT);
	/* a page in the middle the root does not have */
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, 0x3ffff800, 0x1000) == -EFAULT);
	/* root memory that cannot be read (the copy fails): said so */
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, 0x50000000, 0x200) == -EFAULT);
	CHECK(host_last(OP_PHYS_COPY)->a == 0x50000000);
	CHECK(fx_err_has(
		"cell config: cannot copy 0x50000000+0x200 (error -14)"));
	CHECK(unchanged(&s));
}

static void create_refuses_invalid_config(void)
{
	CHECK(setup() == 0);
	demo.desc.signature[0] = 'X';
	CHECK(refused(&demo, -EINVAL, "signature"));
	fx_config_init(&demo, "demo", 0x4, FX_RAM_PA, 33);
	demo.desc.cpu_set = 0x100; /* CPU 8 of 8 */
	CHECK(refused(
		&demo, -EINVAL,
		"cell config \"demo\": cpu_set 0x100 has CPUs beyond the 8 of the platform"));
}

static void create_refuses_a_taken_name_cpu_or_ram(void)
{
	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	memcpy(other.desc.name, "demo", 5);
	CHECK(refused(&other, -EEXIST, "a cell named \"demo\" exists (id 1)"));
	/* the same name, with other bytes after its NUL: still the same */
	memcpy(other.desc.name + 5, "junk", 5);
	CHECK(refused(&other, -EEXIST, "a cell named \"demo\" exists (id 1)"));
	fx_config_init(&other, "other", 0xc, FX_RAM_PA + 0x200000, 34);
	CHECK(refused(&other, -EBUSY,
		      "cell \"other\": CPU 2 is owned by cell \"demo\""));
	fx_config_init(&other, "other", 0x8, FX_RAM_PA + 0x80000, 34);
	CHECK(refused(
		&other, -EBUSY,
		"cell \"other\": memory region 0 (0x70080000+0x100000) is owned by cell \"demo\""));
	fx_config_init(&other, "other", 0x8, FX_RAM_PA + 0x200000, 33);
	CHECK(refused(&other, -EBUSY,
		      "cell \"other\": IRQ 33 is owned by cell \"demo\""));
}

static void create_refuses_cpus_linux_still_runs(void)
{
	struct snap s;

	CHECK(setup() == 0);
	snap(&s);
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, fx_put_config(&demo)) ==
	      -EBUSY);
	CHECK(fx_err_has(
		"cell \"demo\": CPU 2 is still running in the root cell (take it offline first)"));
	/* offline in the hypervisor, but the firmware still has it on */
	per_cpu_of(2)->online = 0;
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, fx_put_config(&demo)) ==
	      -EBUSY);
	CHECK(fx_err_has("CPU 2 is still running"));
	CHECK(unchanged(&s));
}

static void create_keeps_a_cpu_for_the_root(void)
{
	CHECK(setup() == 0);
	fx_config_init(&demo, "demo", 0x7e, FX_RAM_PA, 33);
	CHECK(fx_create(&demo) == 1);
	fx_config_init(&other, "other", 0x81, FX_RAM_PA + 0x200000, 34);
	CHECK(refused(&other, -EINVAL,
		      "cell \"other\": would leave the root cell without CPUs"));
}

static void create_refuses_what_the_root_lost(void)
{
	CHECK(setup() == 0);
	/* the root no longer maps a page of other's RAM, or has SPI 34 */
	CHECK(paging_unmap(&root_cell.stage2, FX_RAM_PA + 0x300000, 0x1000) ==
	      0);
	CHECK(refused(
		&other, -EBUSY,
		"cell \"other\": memory region 1 (0x70300000+0x10000) is not the root cell's"));
	CHECK(paging_map(&root_cell.stage2, FX_RAM_PA + 0x300000,
			 FX_RAM_PA + 0x300000, 0x1000, PAGING_RW) == 0);
	root_cell.irq_bitmap[0] &= ~(1UL << 34);
	CHECK(refused(&other, -EBUSY,
		      "cell \"other\": IRQ 34 is not the root cell's"));
}

static void create_checks_pairs_and_links(void)
{
	CHECK(setup() == 0);
	fx_add_link(&demo.desc, demo.link, "l", "other", 0x70380000, 0x50000000,
		    0, 40);
	fx_add_irq(&demo, 40, 1);
	CHECK(fx_create(&demo) == 1 || !printf("%s\n", fx_errmsg()));
	/* both declare side 0 of "l" */
	fx_add_link(&other.desc, other.link, "l", "demo", 0x70380000,
		    0x50000000, 0, 41);
	fx_add_irq(&other, 41, 1);
	CHECK(refused(&other, -EINVAL, "\"other\""));
	CHECK(fx_err_has("\"demo\""));
	/* a new link whose region the root lost */
	fx_config_init(&other, "third", 0x8, FX_RAM_PA + 0x200000, 34);
	fx_add_link(&other.desc, other.link, "m", "fourth", 0x70390000,
		    0x50000000, 1, 41);
	fx_add_irq(&other, 41, 1);
	CHECK(paging_unmap(&root_cell.stage2, 0x70394000, 0x1000) == 0);
	CHECK(refused(
		&other, -EBUSY,
		"cell \"third\": link \"m\" (0x70390000+0x5000) is not (or no longer) the root cell's"));
	/* one that overlaps memory of a cell: the pair check says so */
	other.link[0].phys_start = 0x70000000;
	CHECK(refused(
		&other, -EINVAL,
		"cells \"third\" and \"demo\": link \"m\" of \"third\" overlaps memory region 0"));
}

static void create_has_room_for_seven_cells(void)
{
	struct fx_config c;
	char name[8];
	unsigned int i;

	CHECK(setup() == 0);
	for (i = 1; i < 8; i++) {
		snprintf(name, sizeof(name), "c%u", i);
		fx_config_init(&c, name, 1UL << i, FX_RAM_PA + i * 0x200000,
			       32 + i);
		CHECK(fx_create(&c) == i);
	}
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_CELL_IDS, 0) == 0xff);
	CHECK(fx_hc(WARDEN_HC_CELL_CREATE, FX_CFG_PA, 0x200) == -ENOSPC);
	CHECK(fx_err_has("no free cell: at most 7 cells"));
	/* a free id is the lowest */
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 3, 0) == 0);
	fx_config_init(&c, "again", 1UL << 3, FX_RAM_PA + 3 * 0x200000, 35);
	CHECK(fx_create(&c) == 3);
}

static void create_fails_cleanly_when_arch_refuses(void)
{
	CHECK(setup() == 0);
	host_fail(OP_CELL_INIT, 1, -ENODEV);
	CHECK(refused(&demo, -ENODEV,
		      "cell \"demo\": cannot build (error -19)"));
	host_fail(OP_CELL_INIT, 1, 0);
	CHECK(fx_create(&demo) == 1);
}

/* Leave exactly n pages in the pool; returns what it took. */
static unsigned int pool_leave(void **held, unsigned int max, unsigned int n)
{
	unsigned int k = 0;

	while (k < max && (held[k] = pool_alloc(&hyp.pool)))
		k++;
	while (n-- && k)
		pool_free(&hyp.pool, held[--k]);
	return k;
}

/*
 * With too few pool pages, every allocation of create fails in turn; each
 * time nothing changes, until there are enough.
 */
static void create_out_of_memory_at_every_step(void)
{
	static void *held[1024];
	unsigned int n, i;
	long ret = -1;

	CHECK(setup() == 0);
	fx_add_link(&demo.desc, demo.link, "l", "other", 0x70380000, 0x50000000,
		    0, 40);
	fx_add_irq(&demo, 40, 1);
	for (n = 0; n < 64 && ret < 0; n++) {
		unsigned int k = pool_leave(held, ARRAY_SIZE(held), n);
		u64 used = hyp.pool.used;

		CHECK(k < ARRAY_SIZE(held));
		ret = fx_create(&demo);
		if (ret < 0) {
			if (ret != -ENOMEM)
				printf("  %u pages: %ld (%s)\n", n, ret,
				       fx_errmsg());
			CHECK(ret == -ENOMEM);
			CHECK(strstr(fx_errmsg(), "out of memory") ||
			      fx_err_has("cannot build"));
			CHECK(hyp.pool.used == used); /* nothing lost */
			CHECK(fx_root_flags(FX_RAM_PA) ==
			      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
			CHECK(fx_root_flags(0x70380000) != 0);
			CHECK(root_cell.cpu_set == 0xff);
		}
		for (i = 0; i < k; i++)
			pool_free(&hyp.pool, held[i]);
	}
	CHECK(ret == 1);
	CHECK(n > 5);
}

static void calls_need_a_cell(void)
{
	CHECK(setup() == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 0, 0) == -ENOENT);
	CHECK(fx_err_has("no cell with id 0"));
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == -ENOENT);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 8, 0) == -ENOENT);
	CHECK(fx_hc(WARDEN_HC_CELL_STATE, ~0ULL, 0) == -ENOENT);
	CHECK(fx_err_has("no cell with id 18446744073709551615"));
	/* a good call clears the message */
	CHECK(fx_state(0) == WARDEN_CELL_RUNNING);
	CHECK(fx_errmsg()[0] == '\0');
}

static void only_the_root_manages(void)
{
	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	CHECK(fx_hc_on(2, WARDEN_HC_CELL_DESTROY, 1, 0) == -EPERM);
	CHECK(fx_hc_on(2, WARDEN_HC_CELL_STATE, 0, 0) == -EPERM);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
}

static void load_refusals(void)
{
	struct snap s;

	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	snap(&s);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 2) == -EINVAL);
	CHECK(fx_err_has("set loadable: bad argument 2"));
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\" is not being loaded"));
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EINVAL);
	CHECK(fx_err_has(
		"cell \"demo\" was never loaded: load an image first"));
	/* the RAM cannot be cleared: it stays the cell's */
	host_fail(OP_PHYS_CLEAR, FX_RAM_PA, -EIO);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == -EIO);
	CHECK(fx_err_has("cell \"demo\": loadable regions: error -5"));
	CHECK(fx_root_flags(FX_RAM_PA) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_CREATED);
	CHECK(unchanged(&s));
	host_fail(OP_PHYS_CLEAR, 0, 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" is loading"));
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 0) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == -EBUSY);
	CHECK(fx_err_has(
		"cell \"demo\" is running: shut it down before loading"));
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" is running"));
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
}

static void start_refusals(void)
{
	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 0) == 0);
	/* its other RAM cannot be cleared */
	host_fail(OP_PHYS_CLEAR, FX_RAM_PA + 0x100000, -EIO);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EIO);
	CHECK(fx_err_has("cell \"demo\": cannot start (error -5)"));
	CHECK(fx_state(1) == WARDEN_CELL_LOADED);
	host_fail(OP_PHYS_CLEAR, 0, 0);
	/* its CPU does not come up */
	host_fail(OP_CPU_START, 2, -EIO);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EIO);
	CHECK(fx_err_has("cell \"demo\": CPU 2 does not start (-5)"));
	CHECK(fx_state(1) == WARDEN_CELL_LOADED);
	CHECK(!per_cpu_of(2)->online);
	host_fail(OP_CPU_START, 0, 0);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
}

/* WARDEN_START_BOOT: the arm64 Linux boot protocol's entry and x0. */
static void start_at_a_boot_entry(void)
{
	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 0) == 0);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, 4, FX_RESET, 0) == -EINVAL);
	CHECK(fx_err_has("start: unknown flags 0x4"));
	/* not code of the cell: unaligned, its other RAM, the root's */
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, WARDEN_START_BOOT, FX_RESET + 2,
		     0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\": entry 0x40000002 is not an aligned "
			 "address in memory the cell may execute"));
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, WARDEN_START_BOOT,
		     FX_RESET + 0x100000, 0) == -EINVAL);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, WARDEN_START_BOOT, FX_CFG_PA,
		     0) == -EINVAL);
	CHECK(fx_state(1) == WARDEN_CELL_LOADED);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, WARDEN_START_BOOT,
		     FX_RESET + 0x80000, FX_RESET + 0xf0000) == 0);
	CHECK(host_last(OP_CPU_START)->b == FX_RESET + 0x80000);
	CHECK(hh.context == FX_RESET + 0xf0000);
	CHECK(fx_uart_has("cell \"demo\" started on CPU 2 at 0x40080000"));
	/* a plain start goes back to reset_address with x0 = 0 */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_hc4(WARDEN_HC_CELL_START, 1, 0, FX_RESET + 0x80000, 7) == 0);
	CHECK(host_last(OP_CPU_START)->b == FX_RESET && hh.context == 0);
}

static void shutdown_refusals(void)
{
	struct warden_comm_region *comm;

	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\" is not running (created)"));
	CHECK(fx_load_start(1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 2) == -EINVAL);
	CHECK(fx_err_has("shutdown: unknown flags 0x2"));
	comm = fx_cell_on(2)->comm;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	comm->reply_from_cell = WARDEN_REPLY_DENIED;
	comm->reply_seq = comm->msg_seq;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" refused to shut down"));
	CHECK(comm->msg_to_cell == WARDEN_MSG_NONE);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING && per_cpu_of(2)->online);
	/* a stale reply does not answer the next request */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_seq == 2);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	/* forced: no question asked */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN && !per_cpu_of(2)->online);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) ==
	      -EINVAL);
	CHECK(fx_err_has("is not running (shut down)"));
}

/* What the cell's own CPU 2 does: PSCI SYSTEM_OFF, SYSTEM_RESET, a fault. */
static struct trap_frame cpu_frame;

static void on_cpu_off(void *arg)
{
	cell_system_off(arg);
}

static void on_cpu_reset(void *arg)
{
	cell_system_reset(arg, &cpu_frame);
}

static void on_cpu_fail(void *arg)
{
	cell_fail(arg, "data abort");
}

/* "demo" created and running. */
static int demo_runs(void)
{
	if (setup() || fx_create(&demo) != 1 || fx_load_start(1))
		return -1;
	return 0;
}

/* "demo" (started again if it stopped) asked to shut down; its reply. */
static struct warden_comm_region *ask_and_reply(u32 reply)
{
	struct warden_comm_region *comm;

	if (fx_state(1) != WARDEN_CELL_RUNNING &&
	    fx_hc(WARDEN_HC_CELL_START, 1, 0))
		return NULL;
	comm = fx_cell_on(2)->comm;
	if (fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) != -EAGAIN)
		return NULL;
	comm->reply_from_cell = reply;
	comm->reply_seq = comm->msg_seq;
	return comm;
}

/*
 * POWERING_OFF: the cell runs on, and the root hears "in progress" until
 * the cell's own SYSTEM_OFF; then success, once.
 */
static void shutdown_powering_off(void)
{
	struct warden_comm_region *comm;

	CHECK(demo_runs() == 0);
	comm = ask_and_reply(WARDEN_REPLY_POWERING_OFF);
	CHECK(comm);
	if (!comm)
		return;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	CHECK(fx_errmsg()[0] == '\0');
	CHECK(fx_uart_has(
		"cell \"demo\" approved its shutdown: it powers off itself"));
	CHECK(comm->msg_to_cell == WARDEN_MSG_NONE);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING && per_cpu_of(2)->online);
	CHECK(host_count_arg(OP_CPU_KICK, 2) == 0);
	/* polled: still in progress, and no new request */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	CHECK(comm->msg_seq == 1 && comm->msg_to_cell == WARDEN_MSG_NONE);
	/* Linux has synced and unmounted: PSCI SYSTEM_OFF */
	CHECK(host_on_cpu(2, on_cpu_off, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_uart_has(
		"cell \"demo\": shut down by CPU 2 (PSCI SYSTEM_OFF)"));
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN && !per_cpu_of(2)->online);
	/* reported once: then it is a cell that does not run */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\" is not running (shut down)"));
	/* a new run is asked anew */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_seq == 2);
}

/* A cell that reaches SYSTEM_OFF before the root reads its reply. */
static void shutdown_reply_overtaken_by_system_off(void)
{
	static const u32 agreed[] = { WARDEN_REPLY_POWERING_OFF,
				      WARDEN_REPLY_APPROVED };
	struct warden_comm_region *comm;
	unsigned int i;

	CHECK(demo_runs() == 0);
	for (i = 0; i < 2; i++) {
		comm = ask_and_reply(agreed[i]);
		CHECK(comm);
		if (!comm)
			return;
		CHECK(host_on_cpu(2, on_cpu_off, per_cpu_of(2)) == OP_CPU_PARK);
		CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == 0);
		CHECK(comm->msg_to_cell == WARDEN_MSG_NONE);
		CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
		CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	}
	/* it refused, then powered off anyway: not the root's success */
	comm = ask_and_reply(WARDEN_REPLY_DENIED);
	CHECK(comm);
	if (!comm)
		return;
	CHECK(host_on_cpu(2, on_cpu_off, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\" is not running (shut down)"));
	/* as one that powered off without an answer */
	comm = ask_and_reply(WARDEN_REPLY_NONE);
	CHECK(comm);
	if (!comm)
		return;
	comm->reply_seq = 0;
	CHECK(host_on_cpu(2, on_cpu_off, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
}

/* Powering off, but it does not get there: force, reset or failure. */
static void shutdown_powering_off_does_not_finish(void)
{
	struct warden_comm_region *comm;

	CHECK(demo_runs() == 0);
	comm = ask_and_reply(WARDEN_REPLY_POWERING_OFF);
	CHECK(comm);
	if (!comm)
		return;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	/* the root gives up waiting: force, as for any cell */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN && !per_cpu_of(2)->online);
	CHECK(!fx_cell_on(2)->powering_off);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);

	/* it resets instead: the request died with the run it was for */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	comm->reply_from_cell = WARDEN_REPLY_POWERING_OFF;
	comm->reply_seq = comm->msg_seq;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	CHECK(host_on_cpu(2, on_cpu_reset, per_cpu_of(2)) == OP_RETURNED);
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_seq == 3 &&
	      comm->msg_to_cell == WARDEN_MSG_SHUTDOWN_REQUEST);

	/* it fails on the way: the root hears why it does not run */
	comm->reply_from_cell = WARDEN_REPLY_POWERING_OFF;
	comm->reply_seq = comm->msg_seq;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINPROGRESS);
	CHECK(host_on_cpu(2, on_cpu_fail, per_cpu_of(2)) == OP_CPU_PARK);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	CHECK(fx_err_has("cell \"demo\" is not running (failed)"));
}

/* Force while a request is pending takes the request back. */
static void shutdown_force_takes_the_request_back(void)
{
	struct warden_comm_region *comm;

	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	comm = fx_cell_on(2)->comm;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_to_cell == WARDEN_MSG_SHUTDOWN_REQUEST);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(comm->msg_to_cell == WARDEN_MSG_NONE);
	/* a late approval of the forgotten request is no answer */
	comm->reply_from_cell = WARDEN_REPLY_APPROVED;
	comm->reply_seq = comm->msg_seq;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EINVAL);
	/* an unknown reply is a refusal */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	comm->reply_from_cell = 7;
	comm->reply_seq = comm->msg_seq;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" refused to shut down"));
}

static void a_cpu_that_does_not_stop(void)
{
	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	hh.stuck = 0x4;
	hh.time_step = 1000;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) ==
	      -EBUSY);
	CHECK(fx_err_has("cell \"demo\": its CPUs do not stop"));
	CHECK(fx_uart_has(
		"cell \"demo\": CPU 2 does not stop (still in the cell)"));
	/* after 100 ms its stage 2 was taken away, and given back at the end */
	CHECK(fx_uart_has("cell \"demo\": CPU 2 did not answer the stop "
			  "interrupt within 100 ms: taking its stage 2 away"));
	CHECK(host.flush_alls == 2);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == -EBUSY);
	CHECK(fx_hc(WARDEN_HC_INFO, WARDEN_INFO_NUM_CELLS, 0) == 2);
	/* it parked, but the firmware does not see it off */
	per_cpu_of(2)->online = 0;
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == -EBUSY);
	CHECK(fx_uart_has("CPU 2 does not stop (not powered off)"));
	hh.powered &= ~0x4ULL;
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
}

static void destroy_in_any_state(void)
{
	u64 used;

	CHECK(setup() == 0);
	used = hyp.pool.used;
	/* while loading: the loadable region leaves the root first */
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_hc(WARDEN_HC_CELL_SET_LOADABLE, 1, 1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(fx_root_flags(FX_RAM_PA) ==
	      (PAGING_READ | PAGING_WRITE | PAGING_EXEC));
	CHECK(hyp.pool.used == used);
	/* running, without asking it */
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(!per_cpu_of(2)->online && per_cpu_of(2)->cell == &root_cell);
	CHECK(hyp.pool.used == used);
	CHECK(root_cell.cpu_set == 0xff);
	/* the root's CPU map failed: said, and the CPU is the root's anyway */
	CHECK(fx_create(&demo) == 1);
	host_fail(OP_CPU_MAP, 0, -ENOMEM);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(fx_uart_has("CPU 2: devices not returned to the root cell"));
	CHECK(root_cell.cpu_set == 0xff);
	/* RAM that cannot be cleared is said too */
	CHECK(fx_create(&demo) == 1);
	host_fail(OP_PHYS_CLEAR, FX_RAM_PA, -EIO);
	CHECK(fx_hc(WARDEN_HC_CELL_DESTROY, 1, 0) == 0);
	CHECK(fx_uart_has("cell \"demo\": memory region 0 not cleared"));
}

static void transient_states_look_running(void)
{
	struct cell *cell;

	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	cell = fx_cell_on(2);
	cell->state = CELL_STOPPING;
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" is stopping"));
	cell->state = CELL_RESETTING;
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == -EBUSY);
	CHECK(fx_err_has("cell \"demo\" is resetting"));
	/* a cell in reset can be shut down */
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
}

static unsigned int count_lines(const char *words)
{
	const char *p = host.uart;
	unsigned int n = 0;

	while ((p = strstr(p, words))) {
		n++;
		p++;
	}
	return n;
}

static void refusals_do_not_flood_the_console(void)
{
	unsigned int i;

	CHECK(setup() == 0);
	hh.time_us = 5000000;
	for (i = 0; i < 13; i++)
		CHECK(fx_hc(WARDEN_HC_CELL_START, 5, 0) == -ENOENT);
	CHECK(count_lines("no cell with id 5") == 10);
	CHECK(fx_err_has("no cell with id 5")); /* each one in the page */
	hh.time_us += 1000000;
	CHECK(fx_hc(WARDEN_HC_CELL_START, 6, 0) == -ENOENT);
	CHECK(fx_uart_has(
		"[warden] (3 more refusals of management calls not shown)\r\n[warden] no cell with id 6\r\n"));
}

/*
 * The comm page is the inmate's to write, all of it: what it writes over
 * the hypervisor's half neither fakes a request nor answers one.
 */
static void a_faked_comm_page_changes_nothing(void)
{
	struct warden_comm_region *comm;

	CHECK(setup() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_load_start(1) == 0);
	comm = fx_cell_on(2)->comm;
	/* a pending request and its refusal, both faked before any request */
	comm->msg_to_cell = WARDEN_MSG_SHUTDOWN_REQUEST;
	comm->msg_seq = 77;
	comm->reply_from_cell = WARDEN_REPLY_DENIED;
	comm->reply_seq = 77;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_seq == 1 &&
	      comm->msg_to_cell == WARDEN_MSG_SHUTDOWN_REQUEST);
	/* the request's number rewritten to the faked reply's: no answer */
	comm->msg_seq = 77;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	/* the page cleared (no request pending there): still pending */
	comm->msg_to_cell = WARDEN_MSG_NONE;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	/* the real answer, numbered like the real request */
	comm->reply_from_cell = WARDEN_REPLY_APPROVED;
	comm->reply_seq = 1;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == 0);
	CHECK(fx_state(1) == WARDEN_CELL_SHUT_DOWN);
	/* a restart voids the request; numbers go on, never reused */
	CHECK(fx_hc(WARDEN_HC_CELL_START, 1, 0) == 0);
	CHECK(comm->msg_seq == 1 && comm->msg_to_cell == WARDEN_MSG_NONE);
	comm->reply_seq = 2; /* guessed ahead: the inmate may refuse early */
	comm->reply_from_cell = WARDEN_REPLY_DENIED;
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EAGAIN);
	CHECK(comm->msg_seq == 2);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, 0) == -EBUSY);
}

/* The root's SYSTEM_OFF/RESET: each cell named; refused only if asked. */
static void root_system_calls_name_every_cell(void)
{
	CHECK(setup() == 0);
	CHECK(cellctl_root_system_call("PSCI SYSTEM_RESET") == 0);
	CHECK(fx_uart_has("root cell calls PSCI SYSTEM_RESET: the machine "
			  "goes down with 0 inmate cells"));
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_create(&other) == 2);
	CHECK(fx_load_start(1) == 0);
	CHECK(cellctl_root_system_call("PSCI SYSTEM_OFF") == 0);
	CHECK(fx_uart_has("root cell calls PSCI SYSTEM_OFF: the machine goes "
			  "down with 2 inmate cells"));
	CHECK(fx_uart_has("cell \"demo\" (id 1, running) stops with the "
			  "machine"));
	CHECK(fx_uart_has("cell \"other\" (id 2, created) stops with the "
			  "machine"));
}

/* With refuse-root-reset, the cells outlive the root while one runs. */
static void root_system_calls_refused_while_cells_run(void)
{
	fx_sys_init();
	fx_sys.sys.flags = WARDEN_SYS_REFUSE_ROOT_RESET;
	fx_config_init(&demo, "demo", 0x4, FX_RAM_PA, 33);
	fx_config_init(&other, "other", 0x8, FX_RAM_PA + 0x200000, 34);
	CHECK(fx_enable() == 0);
	CHECK(fx_create(&demo) == 1);
	CHECK(fx_create(&other) == 2);
	/* none running yet: it goes ahead */
	CHECK(cellctl_root_system_call("PSCI SYSTEM_RESET") == 0);
	CHECK(fx_load_start(1) == 0);
	CHECK(cellctl_root_system_call("PSCI SYSTEM_RESET2") == -EBUSY);
	CHECK(fx_uart_has("root cell calls PSCI SYSTEM_RESET2: refused, 1 "
			  "inmate cell running (system config: "
			  "refuse-root-reset)"));
	CHECK(fx_uart_has("cell \"demo\" (id 1, running) runs on"));
	CHECK(fx_uart_has("cell \"other\" (id 2, created) stays as it is"));
	CHECK(fx_state(1) == WARDEN_CELL_RUNNING);
	CHECK(fx_hc(WARDEN_HC_CELL_SHUTDOWN, 1, WARDEN_SHUTDOWN_FORCE) == 0);
	CHECK(cellctl_root_system_call("PSCI SYSTEM_OFF") == 0);
	CHECK(fx_uart_has("cell \"demo\" (id 1, shut down) stops with the "
			  "machine"));
}

int main(void)
{
	RUN_HYP(enable_builds_the_root);
	RUN_HYP(create_takes_cpus_memory_and_irqs);
	RUN_HYP(whole_life_and_back);
	RUN_HYP(create_refuses_bad_size_or_place);
	RUN_HYP(create_refuses_invalid_config);
	RUN_HYP(create_refuses_a_taken_name_cpu_or_ram);
	RUN_HYP(create_refuses_cpus_linux_still_runs);
	RUN_HYP(create_keeps_a_cpu_for_the_root);
	RUN_HYP(create_refuses_what_the_root_lost);
	RUN_HYP(create_checks_pairs_and_links);
	RUN_HYP(create_has_room_for_seven_cells);
	RUN_HYP(create_fails_cleanly_when_arch_refuses);
	RUN_HYP(create_out_of_memory_at_every_step);
	RUN_HYP(calls_need_a_cell);
	RUN_HYP(only_the_root_manages);
	RUN_HYP(load_refusals);
	RUN_HYP(start_refusals);
	RUN_HYP(start_at_a_boot_entry);
	RUN_HYP(shutdown_refusals);
	RUN_HYP(shutdown_powering_off);
	RUN_HYP(shutdown_reply_overtaken_by_system_off);
	RUN_HYP(shutdown_powering_off_does_not_finish);
	RUN_HYP(shutdown_force_takes_the_request_back);
	RUN_HYP(a_cpu_that_does_not_stop);
	RUN_HYP(destroy_in_any_state);
	RUN_HYP(transient_states_look_running);
	RUN_HYP(refusals_do_not_flood_the_console);
	RUN_HYP(a_faked_comm_page_changes_nothing);
	RUN_HYP(root_system_calls_name_every_cell);
	RUN_HYP(root_system_calls_refused_while_cells_run);
	UNIT_DONE();
}
