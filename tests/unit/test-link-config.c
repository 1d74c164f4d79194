// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of lib/config-check-link.c: shared-memory links in cell and
 * system configs.  Valid links between two inmates and between the root
 * and an inmate pass; each rule, broken on its own, gives exactly the
 * expected problems, in messages that name the link and the reason.
 *
 * The sample link "ab" joins gic-demo (side 0, SPI 33, seen at 0x50000000)
 * and uart-demo (side 1, SPI 34, seen at 0x60000000) through 0x70200000:
 * one common page and two 2-page sections.  The root link "ctl" joins the
 * root (side 0, SPI 40) and gic-demo (side 1) through 0x70400000.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell-fixture.h"
#include "unit.h"

#define AB_PHYS 0x70200000ull
#define CTL_PHYS 0x70400000ull

/* gic-demo and uart-demo, joined by link "ab". */
static void ab_init(struct cell *a, struct cell *b)
{
	sys_init();
	cell_init(a);
	other_init(b);
	add_link(&a->desc, a->link, "ab", "uart-demo", AB_PHYS, 0x50000000, 0,
		 33);
	add_link(&b->desc, b->link, "ab", "gic-demo", AB_PHYS, 0x60000000, 1,
		 34);
}

/* The root's link "ctl" to gic-demo, and gic-demo's side of it. */
static struct warden_link *ctl_init(struct cell *a)
{
	struct warden_cell_desc *root = &sys_ref.sys.root_cell;

	sys_init();
	cell_init(a);
	add_link(root, sys_ref.link, "ctl", "gic-demo", CTL_PHYS, CTL_PHYS, 0,
		 40);
	return add_link(&a->desc, a->link, "ctl", "root", CTL_PHYS, 0x50000000,
			1, 33);
}

/* The system config alone: expect want problems naming the words. */
static int sys_rejected(unsigned int want, ...)
{
	struct warden_system *blob = sys_pack();
	struct collect col;
	unsigned int n;
	va_list ap;
	int ok;

	memset(&col, 0, sizeof(col));
	n = config_check_system(blob, warden_system_size(blob), collect_report,
				&col);
	va_start(ap, want);
	ok = has_words(&col, ap) && n == want;
	va_end(ap);
	if (!ok)
		printf("  %u problems (want %u):\n%s", n, want, col.text);
	free(blob);
	return ok;
}

#define SYS_REJECTS(...) sys_rejected(1, __VA_ARGS__, (const char *)NULL)

/* ---- valid links --------------------------------------------------- */

static void test_valid_inmate_link(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	CHECK(PAIR(&a, &b, 0));
}

static void test_valid_root_link(void)
{
	struct cell a;

	ctl_init(&a);
	free(sys_blob()); /* aborts if the system config is not valid */
	CHECK(valid(&a));
}

static void test_valid_no_common(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].common_size = 0;
	b.link[0].common_size = 0;
	CHECK(PAIR(&a, &b, 0));
}

/* A link whose peer is not among the configs: nothing to check it with. */
static void test_valid_peer_absent(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	strcpy(a.link[0].peer, "elsewhere");
	b.desc.num_links = 0;
	CHECK(PAIR(&a, &b, 0));
}

/* ---- one link ------------------------------------------------------ */

static void test_too_many_links(void)
{
	struct cell a;
	unsigned int i;
	char name[8];

	sys_init();
	cell_init(&a);
	for (i = 0; i <= WARDEN_MAX_LINKS; i++) {
		snprintf(name, sizeof(name), "l%u", i);
		add_link(&a.desc, a.link, name, "x", AB_PHYS + i * 0x10000ull,
			 0x50000000 + i * 0x10000ull, 0, 33);
	}
	CHECK(REJECTS(&a, "9 links, more than 8"));
}

static void test_link_count_mismatch(void)
{
	struct collect col;
	struct cell a;
	size_t size;
	void *blob;

	sys_init();
	cell_init(&a);
	blob = cell_blob(&a, &size);
	((struct warden_cell_desc *)blob)->num_links = 1;
	CHECK(check_bytes(blob, size, &col) == 1);
	CHECK(strstr(col.text, "1 IRQ ranges, 1 links and 0 PCI devices make"));
	free(blob);
}

static void test_name_empty(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].name[0] = '\0';
	CHECK(REJECTS(&a, "link 0 has an empty, unterminated or "
			  "non-printable name"));
}

static void test_name_unterminated(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	memset(a.link[0].name, 'x', sizeof(a.link[0].name));
	CHECK(REJECTS(&a, "link 0 has an empty"));
}

static void test_peer_empty(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].peer[0] = '\0';
	CHECK(REJECTS(&a, "link 0 \"ab\" has an empty, unterminated or "
			  "non-printable peer name"));
}

static void test_peer_self(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	strcpy(a.link[0].peer, "gic-demo");
	CHECK(REJECTS(&a, "link 0 \"ab\" names its own cell as its peer"));
}

static void test_side(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].side = 2;
	CHECK(REJECTS(&a, "link 0 \"ab\" has side 2, not 0 or 1"));
}

static void test_reserved(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].reserved = 1;
	CHECK(REJECTS(&a, "link 0 \"ab\" has a non-zero reserved field"));
}

static void test_flags(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].flags = 0x6;
	CHECK(REJECTS(&a, "link 0 \"ab\" has unknown flags 0x6"));
	/* a network link needs room for its header and rings (net.h) */
	a.link[0].flags = WARDEN_LINK_NET;
	CHECK(REJECTS(&a, "link 0 \"ab\" is a network link with sections of "
			  "0x2000 bytes: it needs at least 0x10000"));
}

/* Both sides of a network link say so; one that does not is refused. */
static void test_pair_net(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].section_size = b.link[0].section_size = 0x10000;
	a.link[0].flags = b.link[0].flags = WARDEN_LINK_NET;
	CHECK(valid(&a) && valid(&b));
	CHECK(PAIR(&a, &b, 0));
	b.link[0].flags = 0;
	CHECK(PAIR(&a, &b, 1,
		   "link \"ab\": \"gic-demo\" declares flags 0x1, "
		   "\"uart-demo\" 0x0 (a network link is one on "
		   "both sides)"));
}

static void test_doorbell_ppi(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].doorbell_irq = 27;
	CHECK(REJECTS(&a, "link 0 \"ab\" has doorbell IRQ 27, which is not "
			  "an SPI (32-1019)"));
	a.link[0].doorbell_irq = 1020;
	CHECK(REJECTS(&a, "doorbell IRQ 1020, which is not an SPI"));
}

static void test_doorbell_not_own(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].doorbell_irq = 50;
	CHECK(REJECTS(&a, "link 0 \"ab\" has doorbell IRQ 50, which is not "
			  "in the cell's IRQ ranges"));
}

static void test_section_empty(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].section_size = 0;
	CHECK(REJECTS(&a, "link 0 \"ab\" has an empty section"));
}

static void test_unaligned(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].phys_start += 0x800;
	CHECK(REJECTS(&a, "link 0 \"ab\" (0x70200800 -> 0x50000000, common "
			  "0x1000, sections 0x2000) is not page aligned"));
	a.link[0].phys_start = AB_PHYS;
	a.link[0].common_size = 0x10;
	CHECK(REJECTS(&a, "is not page aligned"));
}

static void test_wraps(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].virt_start = 0xfffffffffffff000ull;
	CHECK(REJECTS(&a, "link 0 \"ab\"", "wraps around the address space"));
	a.link[0].virt_start = 0x50000000;
	a.link[0].section_size = 0x8000000000000000ull;
	CHECK(REJECTS(&a, "wraps around the address space"));
}

static void test_overlaps_hypervisor(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].phys_start = 0x7fbfe000;
	CHECK(REJECTS_N(&a, 2,
			"link 0 \"ab\" (0x7fbfe000+0x5000) overlaps "
			"hypervisor memory",
			"is not inside any RAM region of the root cell"));
}

static void test_overlaps_own_ram(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].phys_start = 0x70080000;
	CHECK(REJECTS(&a, "link 0 \"ab\" (0x70080000+0x5000 -> 0x50000000) "
			  "overlaps memory region 0 (0x70000000+0x100000 -> "
			  "0x40000000) in physical addresses"));
}

static void test_overlaps_own_ipa(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].virt_start = 0x400ff000;
	CHECK(REJECTS(&a, "link 0 \"ab\"", "overlaps memory region 0",
		      "in cell (IPA) addresses"));
}

static void test_not_root_memory(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].phys_start = 0x30000000;
	CHECK(REJECTS(&a, "link 0 \"ab\" (0x30000000+0x5000) is not inside "
			  "any RAM region of the root cell"));
}

static void test_in_root_io(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	a.link[0].phys_start = 0x01000000;
	CHECK(REJECTS(&a, "link 0 \"ab\" (0x1000000+0x5000) is in root cell "
			  "memory region 2, which is device memory (IO)"));
}

static void test_two_links_same_name(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	add_link(&a.desc, a.link, "ab", "uart-demo", AB_PHYS + 0x10000,
		 0x50010000, 0, 33);
	CHECK(REJECTS(&a, "links 0 and 1 are both named \"ab\""));
}

static void test_two_links_overlap(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	add_link(&a.desc, a.link, "cd", "uart-demo", AB_PHYS + 0x2000,
		 0x50010000, 0, 33);
	CHECK(REJECTS(&a, "link 1 \"cd\" overlaps link 0 \"ab\""));
	a.link[1].phys_start = AB_PHYS + 0x10000;
	a.link[1].virt_start = 0x50002000;
	CHECK(REJECTS(&a, "link 1 \"cd\" overlaps link 0 \"ab\""));
}

/* ---- the root cell's links ----------------------------------------- */

static void test_root_link_not_identity(void)
{
	struct warden_cell_desc *root = &sys_ref.sys.root_cell;

	sys_init();
	add_link(root, sys_ref.link, "ctl", "gic-demo", CTL_PHYS,
		 CTL_PHYS + 0x100000, 0, 40);
	CHECK(SYS_REJECTS("system config \"root\": link 0 \"ctl\" of the root "
			  "cell is mapped at 0x70500000, not identity"));
}

static void test_root_link_outside_ram(void)
{
	struct warden_cell_desc *root = &sys_ref.sys.root_cell;

	sys_init();
	add_link(root, sys_ref.link, "ctl", "gic-demo", 0x30000000, 0x30000000,
		 0, 40);
	CHECK(SYS_REJECTS("link 0 \"ctl\" (0x30000000+0x5000) is not inside "
			  "any RAM region of the root cell"));
}

static void test_root_link_doorbell_not_root(void)
{
	struct warden_cell_desc *root = &sys_ref.sys.root_cell;

	sys_init();
	add_link(root, sys_ref.link, "ctl", "gic-demo", CTL_PHYS, CTL_PHYS, 0,
		 300);
	CHECK(SYS_REJECTS("link 0 \"ctl\" has doorbell IRQ 300, which is not "
			  "in the cell's IRQ ranges"));
}

static void test_root_missing_link(void)
{
	struct cell a;

	ctl_init(&a);
	sys_ref.sys.root_cell.num_links = 0;
	CHECK(REJECTS(&a, "link \"ctl\" of \"gic-demo\" names \"root\" as its "
			  "peer, but \"root\" has no link \"ctl\""));
}

static void test_cell_missing_root_link(void)
{
	struct cell a;

	ctl_init(&a);
	a.desc.num_links = 0;
	CHECK(REJECTS(&a, "link \"ctl\" of \"root\" names \"gic-demo\" as its "
			  "peer, but \"gic-demo\" has no link \"ctl\""));
}

static void test_root_region_differs(void)
{
	struct cell a;

	ctl_init(&a)->section_size = 0x1000;
	CHECK(REJECTS(&a, "link \"ctl\": \"gic-demo\" declares 0x70400000 "
			  "(common 0x1000, sections 0x1000), \"root\" "
			  "0x70400000 (common 0x1000, sections 0x2000)"));
}

static void test_root_same_side(void)
{
	struct cell a;

	ctl_init(&a)->side = 0;
	CHECK(REJECTS(&a, "link \"ctl\": both peers are side 0"));
}

static void test_root_link_other_peer(void)
{
	struct cell a;

	ctl_init(&a);
	strcpy(sys_ref.link[0].peer, "uart-demo");
	CHECK(REJECTS(&a, "both declare link \"ctl\", but \"gic-demo\" names "
			  "\"root\" as its peer and \"root\" names "
			  "\"uart-demo\""));
}

static void test_root_link_over_cell_ram(void)
{
	struct cell a;

	ctl_init(&a);
	a.desc.num_links = 0;
	sys_ref.link[0].phys_start = 0x70000000;
	sys_ref.link[0].virt_start = 0x70000000;
	strcpy(sys_ref.link[0].peer, "uart-demo");
	CHECK(REJECTS(&a, "link \"ctl\" of \"root\" overlaps memory region 0 "
			  "(0x70000000+0x100000) of \"gic-demo\""));
}

static void test_cell_link_over_root_link(void)
{
	struct cell a;

	ctl_init(&a);
	strcpy(sys_ref.link[0].peer, "uart-demo");
	strcpy(sys_ref.link[0].name, "other");
	strcpy(a.link[0].name, "mine");
	strcpy(a.link[0].peer, "uart-demo");
	CHECK(REJECTS(&a, "link \"mine\" of \"gic-demo\" overlaps link "
			  "\"other\" of \"root\""));
}

static void test_cell_takes_root_doorbell(void)
{
	struct cell a;

	ctl_init(&a);
	add_irq(&a, 40, 1);
	CHECK(REJECTS(&a, "IRQ range 1 (40+1) includes INTID 40, the root "
			  "cell's doorbell of link \"ctl\""));
}

/* ---- two inmates --------------------------------------------------- */

static void test_pair_missing_link(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	b.desc.num_links = 0;
	CHECK(PAIR(&a, &b, 1,
		   "cells \"gic-demo\" and \"uart-demo\": link "
		   "\"ab\" of \"gic-demo\" names \"uart-demo\" as "
		   "its peer, but \"uart-demo\" has no link \"ab\""));
	CHECK(PAIR(&b, &a, 1, "but \"uart-demo\" has no link \"ab\""));
}

static void test_pair_region_differs(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	b.link[0].phys_start = AB_PHYS + 0x10000;
	CHECK(PAIR(&a, &b, 1, "link \"ab\": \"gic-demo\" declares 0x70200000",
		   "\"uart-demo\" 0x70210000"));
	b.link[0].phys_start = AB_PHYS;
	b.link[0].common_size = 0;
	CHECK(PAIR(&a, &b, 1, "(common 0x1000, sections 0x2000)",
		   "(common 0x0, sections 0x2000)"));
}

static void test_pair_same_side(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	b.link[0].side = 0;
	CHECK(PAIR(&a, &b, 1, "link \"ab\": both peers are side 0"));
}

static void test_pair_other_peer(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	strcpy(b.link[0].peer, "third");
	CHECK(PAIR(&a, &b, 1,
		   "both declare link \"ab\", but \"gic-demo\" "
		   "names \"uart-demo\" as its peer and "
		   "\"uart-demo\" names \"third\""));
}

static void test_pair_link_over_ram(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	b.desc.num_links = 0;
	strcpy(a.link[0].peer, "third");
	a.link[0].phys_start = 0x70100000;
	CHECK(PAIR(&a, &b, 1,
		   "link \"ab\" of \"gic-demo\" overlaps memory "
		   "region 0 (0x70100000+0x100000) of "
		   "\"uart-demo\""));
}

static void test_pair_links_overlap(void)
{
	struct cell a, b;

	ab_init(&a, &b);
	strcpy(a.link[0].peer, "third");
	strcpy(b.link[0].name, "ba");
	strcpy(b.link[0].peer, "fourth");
	CHECK(PAIR(&a, &b, 1,
		   "link \"ab\" of \"gic-demo\" overlaps link "
		   "\"ba\" of \"uart-demo\""));
}

int main(void)
{
	RUN(test_valid_inmate_link);
	RUN(test_valid_root_link);
	RUN(test_valid_no_common);
	RUN(test_valid_peer_absent);

	RUN(test_too_many_links);
	RUN(test_link_count_mismatch);
	RUN(test_name_empty);
	RUN(test_name_unterminated);
	RUN(test_peer_empty);
	RUN(test_peer_self);
	RUN(test_side);
	RUN(test_reserved);
	RUN(test_flags);
	RUN(test_doorbell_ppi);
	RUN(test_doorbell_not_own);
	RUN(test_section_empty);
	RUN(test_unaligned);
	RUN(test_wraps);
	RUN(test_overlaps_hypervisor);
	RUN(test_overlaps_own_ram);
	RUN(test_overlaps_own_ipa);
	RUN(test_not_root_memory);
	RUN(test_in_root_io);
	RUN(test_two_links_same_name);
	RUN(test_two_links_overlap);

	RUN(test_root_link_not_identity);
	RUN(test_root_link_outside_ram);
	RUN(test_root_link_doorbell_not_root);
	RUN(test_root_missing_link);
	RUN(test_cell_missing_root_link);
	RUN(test_root_region_differs);
	RUN(test_root_same_side);
	RUN(test_root_link_other_peer);
	RUN(test_root_link_over_cell_ram);
	RUN(test_cell_link_over_root_link);
	RUN(test_cell_takes_root_doorbell);

	RUN(test_pair_missing_link);
	RUN(test_pair_region_differs);
	RUN(test_pair_same_side);
	RUN(test_pair_net);
	RUN(test_pair_other_peer);
	RUN(test_pair_link_over_ram);
	RUN(test_pair_links_overlap);
	UNIT_DONE();
}
