// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validation of shared-memory links (struct warden_link, config.h): each
 * link on its own, against its cell's other regions and links, against the
 * root cell's memory, and against its peer's declaration of the same link.
 *
 * A link is declared twice, once by each peer, and the two declarations
 * must agree: the same name, physical region and section sizes, opposite
 * sides, and each naming the other cell as its peer.  Any other overlap of
 * a link's region with memory or links of either cell is refused.
 *
 * The checks only read arrays whose counts config_check_cell_counts()
 * bounded and whose blob size was checked against them.
 */
#include "config-check-internal.h"

#define CC_LINK_FMT "link %u \"%s\""

/* A link's name, NUL-terminated even if the config's is not. */
struct cc_link_name {
	char s[WARDEN_CELL_NAME_MAX];
};

static void cc_link_name(struct cc_link_name *n, const char *src)
{
	unsigned int i;

	for (i = 0; i + 1 < WARDEN_CELL_NAME_MAX && src[i]; i++)
		n->s[i] = src[i];
	for (; i < WARDEN_CELL_NAME_MAX; i++)
		n->s[i] = '\0';
}

/* Are two names (each at most WARDEN_CELL_NAME_MAX bytes) the same? */
static int cc_name_eq(const char *a, const char *b)
{
	struct cc_link_name na, nb;

	cc_link_name(&na, a);
	cc_link_name(&nb, b);
	return config_check_mem_equal(na.s, nb.s, WARDEN_CELL_NAME_MAX);
}

/* ---- one link ------------------------------------------------------ */

/* Name and peer: non-empty, NUL-terminated, printable; not the cell. */
static void cc_link_names(struct config_check *c, unsigned int i,
			  const struct warden_link *l,
			  const struct warden_cell_desc *cell)
{
	struct cc_link_name n;

	cc_link_name(&n, l->name);
	if (!config_check_name_ok(l->name))
		config_check_problem(c,
				     "link %u has an empty, unterminated or "
				     "non-printable name",
				     i);
	if (!config_check_name_ok(l->peer))
		config_check_problem(c,
				     CC_LINK_FMT " has an empty, unterminated "
						 "or non-printable peer name",
				     i, n.s);
	else if (cc_name_eq(l->peer, cell->name))
		config_check_problem(c,
				     CC_LINK_FMT " names its own cell as "
						 "its peer",
				     i, n.s);
}

/* The doorbell is an SPI of the cell's own. */
static void cc_link_doorbell(struct config_check *c, unsigned int i,
			     const struct warden_link *l, const char *name,
			     const struct warden_cell_desc *cell)
{
	const struct warden_irq_range *irqs = warden_cell_irqs(cell);
	uint32_t irq = l->doorbell_irq;
	unsigned int j;

	if (irq < CONFIG_CHECK_FIRST_SPI || irq >= WARDEN_MAX_IRQS) {
		config_check_problem(c,
				     CC_LINK_FMT " has doorbell IRQ %u, which "
						 "is not an SPI (%u-%u)",
				     i, name, irq, CONFIG_CHECK_FIRST_SPI,
				     WARDEN_MAX_IRQS - 1);
		return;
	}
	for (j = 0; j < cell->num_irq_ranges; j++)
		if (irq >= irqs[j].first && irq - irqs[j].first < irqs[j].count)
			return;
	config_check_problem(c,
			     CC_LINK_FMT " has doorbell IRQ %u, which is not "
					 "in the cell's IRQ ranges",
			     i, name, irq);
}

/* Returns 0 if the region is a usable range for the overlap checks. */
static int cc_link_region(struct config_check *c, unsigned int i,
			  const struct warden_link *l, const char *name,
			  int is_root)
{
	const struct warden_memory *hv = &c->sys->hypervisor_memory;

	if (l->section_size == 0) {
		config_check_problem(c,
				     CC_LINK_FMT " has an empty section "
						 "(section_size 0)",
				     i, name);
		return -1;
	}
	if (!config_check_aligned(l->phys_start, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(l->virt_start, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(l->common_size, CONFIG_CHECK_PAGE_SIZE) ||
	    !config_check_aligned(l->section_size, CONFIG_CHECK_PAGE_SIZE))
		config_check_problem(c,
				     CC_LINK_FMT " (0x%llx -> 0x%llx, common "
						 "0x%llx, sections 0x%llx) is "
						 "not page aligned",
				     i, name, CC_ULL(l->phys_start),
				     CC_ULL(l->virt_start),
				     CC_ULL(l->common_size),
				     CC_ULL(l->section_size));
	if (!config_check_link_range_ok(l)) {
		config_check_problem(c,
				     CC_LINK_FMT " (0x%llx -> 0x%llx, common "
						 "0x%llx, sections 0x%llx) "
						 "wraps around the address "
						 "space",
				     i, name, CC_ULL(l->phys_start),
				     CC_ULL(l->virt_start),
				     CC_ULL(l->common_size),
				     CC_ULL(l->section_size));
		return -1;
	}
	if (is_root && l->virt_start != l->phys_start)
		config_check_problem(c,
				     CC_LINK_FMT " of the root cell is mapped "
						 "at 0x%llx, not identity",
				     i, name, CC_ULL(l->virt_start));
	if (config_check_range_ok(hv->phys_start, hv->size) &&
	    config_check_overlap(l->phys_start, warden_link_size(l),
				 hv->phys_start, hv->size))
		config_check_problem(c,
				     CC_LINK_FMT " (0x%llx+0x%llx) overlaps "
						 "hypervisor memory",
				     i, name, CC_ULL(l->phys_start),
				     CC_ULL(warden_link_size(l)));
	return 0;
}

/* A link must not overlap the cell's own regions (the root: see below). */
static void cc_link_vs_mem(struct config_check *c, unsigned int i,
			   const struct warden_link *l, const char *name,
			   const struct warden_cell_desc *cell, int is_root)
{
	const struct warden_memory *mem = warden_cell_mem(cell);
	uint64_t size = warden_link_size(l);
	unsigned int j;

	for (j = 0; j < cell->num_memory_regions; j++) {
		const struct warden_memory *m = &mem[j];
		int phys, ipa;

		if (!config_check_range_ok(m->phys_start, m->size) ||
		    !config_check_range_ok(m->virt_start, m->size))
			continue;
		/* the root's links lie in its RAM: checked by cc_link_in() */
		phys = !is_root && !config_check_is_comm(m, 0) &&
		       config_check_overlap(l->phys_start, size, m->phys_start,
					    m->size);
		ipa = !is_root && config_check_overlap(l->virt_start, size,
						       m->virt_start, m->size);
		if (phys || ipa)
			config_check_problem(
				c,
				CC_LINK_FMT " (0x%llx+0x%llx -> 0x%llx) "
					    "overlaps memory region %u "
					    "(0x%llx+0x%llx -> 0x%llx) in %s "
					    "addresses",
				i, name, CC_ULL(l->phys_start), CC_ULL(size),
				CC_ULL(l->virt_start), j, CC_ULL(m->phys_start),
				CC_ULL(m->size), CC_ULL(m->virt_start),
				phys ? "physical" : "cell (IPA)");
	}
}

/*
 * The link's region lies inside one RAM region of `owner` (the root cell):
 * a link's memory is the root's to give, like a cell's RAM.
 */
static void cc_link_in(struct config_check *c, unsigned int i,
		       const struct warden_link *l, const char *name,
		       const struct warden_cell_desc *owner)
{
	const struct warden_memory *mem = warden_cell_mem(owner);
	uint64_t size = warden_link_size(l);
	unsigned int j;

	for (j = 0; j < owner->num_memory_regions; j++) {
		const struct warden_memory *m = &mem[j];

		if (!config_check_range_ok(m->phys_start, m->size) ||
		    !config_check_inside(l->phys_start, size, m->phys_start,
					 m->size))
			continue;
		if (m->flags & WARDEN_MEM_IO)
			config_check_problem(c,
					     CC_LINK_FMT " (0x%llx+0x%llx) is "
							 "in root cell memory "
							 "region %u, which is "
							 "device memory (IO)",
					     i, name, CC_ULL(l->phys_start),
					     CC_ULL(size), j);
		return;
	}
	config_check_problem(c,
			     CC_LINK_FMT " (0x%llx+0x%llx) is not inside any "
					 "RAM region of the root cell",
			     i, name, CC_ULL(l->phys_start), CC_ULL(size));
}

/* Two links of one cell: distinct names, regions and IPAs. */
static void cc_link_vs_link(struct config_check *c, unsigned int i,
			    const struct warden_link *a, unsigned int j,
			    const struct warden_link *b, const char *na)
{
	struct cc_link_name nb;

	cc_link_name(&nb, b->name);
	if (cc_name_eq(a->name, b->name))
		config_check_problem(c, "links %u and %u are both named \"%s\"",
				     j, i, na);
	else if (config_check_overlap(a->phys_start, warden_link_size(a),
				      b->phys_start, warden_link_size(b)) ||
		 config_check_overlap(a->virt_start, warden_link_size(a),
				      b->virt_start, warden_link_size(b)))
		config_check_problem(c, CC_LINK_FMT " overlaps " CC_LINK_FMT, i,
				     na, j, nb.s);
}

/*
 * Known flags only; a network link's sections must hold the interface's
 * header and a ring for frames of a useful size (include/warden/net.h).
 */
static void cc_link_flags(struct config_check *c, unsigned int i,
			  const struct warden_link *l, const char *name)
{
	if (l->flags & ~WARDEN_LINK_FLAGS)
		config_check_problem(c, CC_LINK_FMT " has unknown flags 0x%x",
				     i, name, l->flags & ~WARDEN_LINK_FLAGS);
	if ((l->flags & WARDEN_LINK_NET) &&
	    l->section_size < WARDEN_LINK_NET_MIN_SECTION)
		config_check_problem(c,
				     CC_LINK_FMT " is a network link with "
						 "sections of 0x%llx bytes: it "
						 "needs at least 0x%llx",
				     i, name, CC_ULL(l->section_size),
				     CC_ULL(WARDEN_LINK_NET_MIN_SECTION));
}

/* Every rule of the cell's own links; is_root: the root cell of c->sys. */
void config_check_links(struct config_check *c,
			const struct warden_cell_desc *cell, int is_root)
{
	const struct warden_link *links = warden_cell_links(cell);
	struct cc_link_name n;
	uint64_t ok = 0;
	unsigned int i, j;

	for (i = 0; i < cell->num_links; i++) {
		const struct warden_link *l = &links[i];

		cc_link_name(&n, l->name);
		cc_link_names(c, i, l, cell);
		if (l->side > 1)
			config_check_problem(c,
					     CC_LINK_FMT " has side %u, not 0 "
							 "or 1",
					     i, n.s, l->side);
		if (l->reserved)
			config_check_problem(c,
					     CC_LINK_FMT " has a non-zero "
							 "reserved field",
					     i, n.s);
		cc_link_flags(c, i, l, n.s);
		cc_link_doorbell(c, i, l, n.s, cell);
		if (cc_link_region(c, i, l, n.s, is_root))
			continue;
		ok |= 1ULL << i;
		cc_link_vs_mem(c, i, l, n.s, cell, is_root);
		if (is_root)
			cc_link_in(c, i, l, n.s, cell);
	}
	for (i = 0; i < cell->num_links; i++) {
		cc_link_name(&n, links[i].name);
		for (j = 0; j < i; j++)
			if ((ok >> i & 1) && (ok >> j & 1))
				cc_link_vs_link(c, i, &links[i], j, &links[j],
						n.s);
	}
}

/* ---- a link and its peer ------------------------------------------- */

/* la (of cell a) and lb (of cell b) carry the same name: do they agree? */
static void cc_link_agree(struct config_check *c, const struct warden_link *la,
			  const char *a, const struct warden_link *lb,
			  const char *b)
{
	struct cc_link_name n, pa, pb;

	cc_link_name(&n, la->name);
	cc_link_name(&pa, la->peer);
	cc_link_name(&pb, lb->peer);
	if (!cc_name_eq(la->peer, b) || !cc_name_eq(lb->peer, a)) {
		config_check_problem(c,
				     "both declare link \"%s\", but \"%s\" "
				     "names \"%s\" as its peer and \"%s\" "
				     "names \"%s\"",
				     n.s, a, pa.s, b, pb.s);
		return;
	}
	if (la->phys_start != lb->phys_start ||
	    la->common_size != lb->common_size ||
	    la->section_size != lb->section_size)
		config_check_problem(
			c,
			"link \"%s\": \"%s\" declares 0x%llx (common 0x%llx, "
			"sections 0x%llx), \"%s\" 0x%llx (common 0x%llx, "
			"sections 0x%llx)",
			n.s, a, CC_ULL(la->phys_start), CC_ULL(la->common_size),
			CC_ULL(la->section_size), b, CC_ULL(lb->phys_start),
			CC_ULL(lb->common_size), CC_ULL(lb->section_size));
	if (la->side == lb->side)
		config_check_problem(c, "link \"%s\": both peers are side %u",
				     n.s, la->side);
	if (la->flags != lb->flags)
		config_check_problem(c,
				     "link \"%s\": \"%s\" declares flags 0x%x, "
				     "\"%s\" 0x%x (a network link is one on "
				     "both sides)",
				     n.s, a, la->flags, b, lb->flags);
}

/* The link of cell b named like la, or NULL. */
static const struct warden_link *cc_link_find(const struct warden_cell_desc *b,
					      const struct warden_link *la)
{
	const struct warden_link *lb = warden_cell_links(b);
	unsigned int j;

	for (j = 0; j < b->num_links; j++)
		if (cc_name_eq(lb[j].name, la->name))
			return &lb[j];
	return 0;
}

/* a's links, matched against b's: one direction of the check. */
static void cc_links_match(struct config_check *c,
			   const struct warden_cell_desc *a, const char *na,
			   const struct warden_cell_desc *b, const char *nb,
			   int agree)
{
	const struct warden_link *la = warden_cell_links(a);
	const struct warden_link *lb;
	struct cc_link_name n;
	unsigned int i;

	for (i = 0; i < a->num_links; i++) {
		cc_link_name(&n, la[i].name);
		lb = cc_link_find(b, &la[i]);
		if (lb && agree)
			cc_link_agree(c, &la[i], na, lb, nb);
		else if (!lb && cc_name_eq(la[i].peer, nb))
			config_check_problem(c,
					     "link \"%s\" of \"%s\" names "
					     "\"%s\" as its peer, but \"%s\" "
					     "has no link \"%s\"",
					     n.s, na, nb, nb, n.s);
	}
}

/*
 * A link region of a must not touch b's memory, nor (with links: checked
 * once per pair) b's links of other names.
 */
static void cc_links_apart(struct config_check *c,
			   const struct warden_cell_desc *a, const char *na,
			   const struct warden_cell_desc *b, const char *nb,
			   int b_is_root, int links)
{
	const struct warden_link *la = warden_cell_links(a);
	const struct warden_link *lb = warden_cell_links(b);
	const struct warden_memory *mb = warden_cell_mem(b);
	struct cc_link_name n, m;
	unsigned int i, j;

	for (i = 0; i < a->num_links; i++) {
		if (!config_check_link_range_ok(&la[i]))
			continue;
		cc_link_name(&n, la[i].name);
		for (j = 0; j < b->num_links && links; j++) {
			cc_link_name(&m, lb[j].name);
			if (config_check_link_range_ok(&lb[j]) &&
			    !cc_name_eq(la[i].name, lb[j].name) &&
			    config_check_overlap(
				    la[i].phys_start, warden_link_size(&la[i]),
				    lb[j].phys_start, warden_link_size(&lb[j])))
				config_check_problem(c,
						     "link \"%s\" of \"%s\" "
						     "overlaps link \"%s\" of "
						     "\"%s\"",
						     n.s, na, m.s, nb);
		}
		/* the root's RAM holds every link: cc_link_in() */
		for (j = 0; j < b->num_memory_regions && !b_is_root; j++)
			if (!config_check_is_comm(&mb[j], 0) &&
			    config_check_overlap(la[i].phys_start,
						 warden_link_size(&la[i]),
						 mb[j].phys_start, mb[j].size))
				config_check_problem(
					c,
					"link \"%s\" of \"%s\" overlaps "
					"memory region %u (0x%llx+0x%llx) of "
					"\"%s\"",
					n.s, na, j, CC_ULL(mb[j].phys_start),
					CC_ULL(mb[j].size), nb);
	}
}

/*
 * Two cells' links: the links they share agree, each link naming the other
 * as its peer is declared there too, and no other link region touches the
 * other cell's memory or links.  b_is_root: b is the root cell.
 */
void config_check_links_pair(struct config_check *c,
			     const struct warden_cell_desc *a,
			     const struct warden_cell_desc *b, int b_is_root)
{
	struct cc_link_name na, nb;

	cc_link_name(&na, a->name);
	cc_link_name(&nb, b->name);
	cc_links_match(c, a, na.s, b, nb.s, 1);
	cc_links_match(c, b, nb.s, a, na.s, 0);
	cc_links_apart(c, a, na.s, b, nb.s, b_is_root, 1);
	cc_links_apart(c, b, nb.s, a, na.s, 0, 0);
}

/* The root's doorbells stay the root's: no cell may take one. */
static void cc_root_doorbells(struct config_check *c,
			      const struct warden_cell_desc *cell)
{
	const struct warden_cell_desc *root = &c->sys->root_cell;
	const struct warden_link *rl = warden_cell_links(root);
	const struct warden_irq_range *irqs = warden_cell_irqs(cell);
	struct cc_link_name n;
	unsigned int i, j;

	for (j = 0; j < root->num_links; j++) {
		cc_link_name(&n, rl[j].name);
		for (i = 0; i < cell->num_irq_ranges; i++)
			if (rl[j].doorbell_irq >= irqs[i].first &&
			    rl[j].doorbell_irq - irqs[i].first < irqs[i].count)
				config_check_problem(
					c,
					"IRQ range %u (%u+%u) includes INTID "
					"%u, the root cell's doorbell of link "
					"\"%s\"",
					i, irqs[i].first, irqs[i].count,
					rl[j].doorbell_irq, n.s);
	}
}

/* An inmate's links: in the root's RAM, and agreeing with the root's. */
void config_check_links_root(struct config_check *c,
			     const struct warden_cell_desc *cell)
{
	const struct warden_cell_desc *root = &c->sys->root_cell;
	const struct warden_link *links = warden_cell_links(cell);
	struct cc_link_name n;
	unsigned int i;

	for (i = 0; i < cell->num_links; i++) {
		cc_link_name(&n, links[i].name);
		if (config_check_link_range_ok(&links[i]))
			cc_link_in(c, i, &links[i], n.s, root);
	}
	cc_root_doorbells(c, cell);
	config_check_links_pair(c, cell, root, 1);
}
