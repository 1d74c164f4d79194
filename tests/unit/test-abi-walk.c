// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bad input, field by field: a walk over the whole config ABI
 * (include/warden/config.h).
 *
 * Every field of every config struct is described once, in the tables
 * below: where it is, how big it is, and the words a message that refuses
 * it must contain.  A layout check proves that the tables cover every byte
 * of each struct exactly once, so a field added to config.h without a row
 * here fails this test.
 *
 * For each field of each place the struct appears in a valid reference
 * config (the system config of cell-fixture.c with a root link "ctl", and
 * the inmate "gic-demo" with its side of that link and an emulated console
 * UART on SPI 41, whose IRQ range it adds; once with GICv3 and
 * once with GICv2), boundary values derived from the field's size and its
 * reference value are written into a copy, and the checker runs: a changed
 * system config with config_check_system() and, if it passes, the
 * reference cell against it with config_check_cell(); a changed cell with
 * config_check_cell() against the reference system.  Each value must be
 * accepted (no problem) or refused with at least one message that names
 * the field; a field marked F_FIXED (signatures, revisions, reserved
 * fields) has one valid value, and every other must be refused.  The
 * counts of a blob's arrays are tried twice: with the blob laid out as they
 * say (as the tools would write it; up to the fixture's array sizes) and
 * with the original blob size.
 *
 * What the checker ignores, and the walk therefore sees accepted whatever
 * it holds: the GICv2 frames of a GICv3 platform and the GICv3 ones of a
 * GICv2 platform, cpu_mpidr[] past num_cpus, the flags of the hypervisor
 * memory, the root cell's reset_address, and the bytes after a name's NUL.
 *
 * Words: alternatives, any one of which is enough.  An alternative holds
 * terms separated by '&', all of which must be in the message; the term
 * "$" is the name of the changed item (its object names: "memory region 2",
 * "link \"ctl\""...), and '#' stands for the array element's index.
 *
 * One PASS/FAIL line per struct (and one for the layout); a FAIL lists each
 * value refused with messages that do not name the field.  With
 * ABI_WALK_VERBOSE=1 in the environment, every accepted value is listed
 * too.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell-fixture.h"
#include "unit.h"

#define CTL_PHYS 0x70400000ull

enum kind {
	K_NUM, /* an unsigned integer, or an array of them */
	K_NAME, /* char[WARDEN_CELL_NAME_MAX], NUL-terminated */
	K_SIG, /* char[WARDEN_SIGNATURE_LEN], not terminated */
	K_SUB, /* a nested struct, walked through its own table */
};

#define F_ADDR 0x1u /* an address or a size: page boundaries too */
#define F_CPUS 0x2u /* indexed by CPU: elements 0..num_cpus */
#define F_NMEM 0x4u /* the count of a blob array */
#define F_NIRQ 0x8u
#define F_NLINK 0x10u
#define F_COUNT (F_NMEM | F_NIRQ | F_NLINK)
/* only the reference value is valid: every other one must be refused */
#define F_FIXED 0x20u

struct table;

struct field {
	const char *name;
	size_t off;
	size_t size;
	size_t elem; /* element size of an array of integers; 0: scalar */
	enum kind kind;
	unsigned int flags;
	const struct table *sub; /* K_SUB */
	const char *const *words; /* NULL-terminated alternatives */
};

struct stats {
	unsigned int tried, accepted, named, failed;
};

struct table {
	const char *name;
	size_t size;
	const struct field *fields;
	size_t n;
	struct stats st;
};

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define MSIZE(S, m) sizeof(((S *)NULL)->m)

/* One row of a table, and its share of the struct's size. */
#define ROW(S, m, kind, flags, elem, sub, words) \
	{ #m, offsetof(S, m), MSIZE(S, m), elem, kind, flags, sub, words },
#define ROW_SIZE(S, m, kind, flags, elem, sub, words) +MSIZE(S, m)

/*
 * The tables.  Each X-list is the struct, member by member in order; the
 * _Static_assert after each proves that it has every byte (the runtime
 * layout check proves the order and that nothing overlaps).
 */
#define MEMORY_FIELDS(X, S)                                                   \
	X(S, phys_start, K_NUM, F_ADDR, 0, NULL, WORDS("$"))                  \
	X(S, virt_start, K_NUM, F_ADDR, 0, NULL, WORDS("$", "reset_address")) \
	X(S, size, K_NUM, F_ADDR, 0, NULL, WORDS("$", "reset_address"))       \
	X(S, flags, K_NUM, 0, 0, NULL, WORDS("$", "WARDEN_MEM_"))             \
	X(S, reserved, K_NUM, F_FIXED, 0, NULL, WORDS("$&reserved"))

#define IRQ_FIELDS(X, S)                           \
	X(S, first, K_NUM, 0, 0, NULL, WORDS("$")) \
	X(S, count, K_NUM, 0, 0, NULL, WORDS("$"))

#define LINK_FIELDS(X, S)                                                  \
	X(S, name, K_NAME, 0, 0, NULL, WORDS("$&name"))                    \
	X(S, peer, K_NAME, 0, 0, NULL, WORDS("$&peer"))                    \
	X(S, phys_start, K_NUM, F_ADDR, 0, NULL, WORDS("$"))               \
	X(S, virt_start, K_NUM, F_ADDR, 0, NULL, WORDS("$"))               \
	X(S, common_size, K_NUM, F_ADDR, 0, NULL, WORDS("$"))              \
	X(S, section_size, K_NUM, F_ADDR, 0, NULL, WORDS("$"))             \
	X(S, side, K_NUM, 0, 0, NULL, WORDS("$&side"))                     \
	X(S, doorbell_irq, K_NUM, 0, 0, NULL, WORDS("$&doorbell"))         \
	X(S, flags, K_NUM, 0, 0, NULL, WORDS("$&flags", "$&network link")) \
	X(S, reserved, K_NUM, F_FIXED, 0, NULL, WORDS("$&reserved"))

#define CELL_FIELDS(X, S)                                                   \
	X(S, signature, K_SIG, F_FIXED, 0, NULL, WORDS("signature"))        \
	X(S, revision, K_NUM, F_FIXED, 0, NULL, WORDS("revision"))          \
	X(S, architecture, K_NUM, F_FIXED, 0, NULL, WORDS("architecture"))  \
	X(S, flags, K_NUM, 0, 0, NULL, WORDS("flags"))                      \
	X(S, name, K_NAME, 0, 0, NULL, WORDS("name"))                       \
	X(S, cpu_set, K_NUM, 0, 0, NULL, WORDS("cpu_set", "CPU"))           \
	X(S, num_memory_regions, K_NUM, F_NMEM, 0, NULL,                    \
	  WORDS("region", "bytes"))                                         \
	X(S, num_irq_ranges, K_NUM, F_NIRQ, 0, NULL,                        \
	  WORDS("IRQ range", "doorbell", "bytes"))                          \
	X(S, reset_address, K_NUM, F_ADDR, 0, NULL, WORDS("reset_address")) \
	X(S, num_links, K_NUM, F_NLINK, 0, NULL, WORDS("link", "bytes"))    \
	X(S, vuart_irq, K_NUM, 0, 0, NULL, WORDS("console UART"))           \
	X(S, vuart_base, K_NUM, F_ADDR, 0, NULL, WORDS("console UART"))     \
	X(S, uart_base, K_NUM, F_ADDR, 0, NULL, WORDS("uart_base", "UART")) \
	X(S, uart_type, K_NUM, 0, 0, NULL, WORDS("uart_type", "UART"))      \
	X(S, num_pci_devices, K_NUM, 0, 0, NULL, WORDS("PCI", "bytes"))

#define PLATFORM_FIELDS(X, S)                                                  \
	X(S, gic_version, K_NUM, 0, 0, NULL, WORDS("GIC"))                     \
	X(S, maintenance_irq, K_NUM, 0, 0, NULL, WORDS("maintenance IRQ"))     \
	X(S, gicd_base, K_NUM, F_ADDR, 0, NULL, WORDS("GICD", "distributor"))  \
	X(S, gicc_base, K_NUM, F_ADDR, 0, NULL, WORDS("GICC"))                 \
	X(S, gich_base, K_NUM, F_ADDR, 0, NULL, WORDS("GICH"))                 \
	X(S, gicv_base, K_NUM, F_ADDR, 0, NULL, WORDS("GICV"))                 \
	X(S, gicr_base, K_NUM, F_ADDR, 0, NULL,                                \
	  WORDS("GICR", "redistributor"))                                      \
	X(S, gicr_stride, K_NUM, F_ADDR, 0, NULL, WORDS("GICR stride"))        \
	X(S, uart_base, K_NUM, F_ADDR, 0, NULL, WORDS("UART"))                 \
	X(S, uart_type, K_NUM, 0, 0, NULL, WORDS("UART"))                      \
	X(S, num_cpus, K_NUM, 0, 0, NULL, WORDS("CPU"))                        \
	X(S, cpu_mpidr, K_NUM, F_CPUS, sizeof(uint64_t), NULL, WORDS("CPU #")) \
	X(S, smmu_base, K_NUM, F_ADDR, 0, NULL, WORDS("SMMU"))                 \
	X(S, smmu_evtq_irq, K_NUM, 0, 0, NULL, WORDS("SMMU"))                  \
	X(S, smmu_gerror_irq, K_NUM, 0, 0, NULL, WORDS("SMMU"))                \
	X(S, pci_ecam_base, K_NUM, F_ADDR, 0, NULL, WORDS("PCI"))              \
	X(S, pci_bus_first, K_NUM, 0, 0, NULL, WORDS("PCI"))                   \
	X(S, pci_bus_last, K_NUM, 0, 0, NULL, WORDS("PCI"))                    \
	X(S, pci_intx_irq, K_NUM, 0, 0, NULL, WORDS("INTx"))                   \
	X(S, pci_stream_base, K_NUM, 0, 0, NULL, WORDS("PCI"))                 \
	X(S, gic_its_base, K_NUM, F_ADDR, 0, NULL, WORDS("ITS"))

static struct table memory_table, platform_table, cell_table;

#define SYSTEM_FIELDS(X, S)                                                \
	X(S, signature, K_SIG, F_FIXED, 0, NULL, WORDS("signature"))       \
	X(S, revision, K_NUM, F_FIXED, 0, NULL, WORDS("revision"))         \
	X(S, architecture, K_NUM, F_FIXED, 0, NULL, WORDS("architecture")) \
	X(S, flags, K_NUM, 0, 0, NULL, WORDS("flags"))                     \
	X(S, hypervisor_memory, K_SUB, 0, 0, &memory_table, WORDS(""))     \
	X(S, platform, K_SUB, 0, 0, &platform_table, WORDS(""))            \
	X(S, root_cell, K_SUB, 0, 0, &cell_table, WORDS(""))

#define TABLE_ASSERT(LIST, S)                            \
	_Static_assert(0 LIST(ROW_SIZE, S) == sizeof(S), \
		       #S ": the table misses or repeats bytes")

TABLE_ASSERT(MEMORY_FIELDS, struct warden_memory);
TABLE_ASSERT(IRQ_FIELDS, struct warden_irq_range);
TABLE_ASSERT(LINK_FIELDS, struct warden_link);
TABLE_ASSERT(CELL_FIELDS, struct warden_cell_desc);
TABLE_ASSERT(PLATFORM_FIELDS, struct warden_platform);
TABLE_ASSERT(SYSTEM_FIELDS, struct warden_system);

static const struct field memory_fields[] = { MEMORY_FIELDS(
	ROW, struct warden_memory) };
static const struct field irq_fields[] = { IRQ_FIELDS(
	ROW, struct warden_irq_range) };
static const struct field link_fields[] = { LINK_FIELDS(ROW,
							struct warden_link) };
static const struct field cell_fields[] = { CELL_FIELDS(
	ROW, struct warden_cell_desc) };
static const struct field platform_fields[] = { PLATFORM_FIELDS(
	ROW, struct warden_platform) };
static const struct field system_fields[] = { SYSTEM_FIELDS(
	ROW, struct warden_system) };

#define TABLE(S, f)                                           \
	{                                                     \
		.name = #S, .size = sizeof(S), .fields = (f), \
		.n = sizeof(f) / sizeof((f)[0]),              \
	}

static struct table memory_table = TABLE(struct warden_memory, memory_fields);
static struct table irq_table = TABLE(struct warden_irq_range, irq_fields);
static struct table link_table = TABLE(struct warden_link, link_fields);
static struct table cell_table = TABLE(struct warden_cell_desc, cell_fields);
static struct table platform_table =
	TABLE(struct warden_platform, platform_fields);
static struct table system_table = TABLE(struct warden_system, system_fields);

static struct table *const tables[] = {
	&system_table, &memory_table, &platform_table,
	&cell_table,   &irq_table,    &link_table,
};

/* ---- the reference configs ------------------------------------------ */

/* Everything one check needs: the system config and the inmate cell. */
struct conf {
	struct sys_ref sys;
	struct cell cell;
};

static struct conf ref;
static struct conf cur;

/* GICv3 (cell-fixture.c), or GICv2 with the same machine otherwise. */
static void ref_init(unsigned int gic)
{
	struct warden_platform *p = &sys_ref.sys.platform;

	sys_init();
	cell_init(&ref.cell);
	add_link(&sys_ref.sys.root_cell, sys_ref.link, "ctl", "gic-demo",
		 CTL_PHYS, CTL_PHYS, 0, 40);
	add_link(&ref.cell.desc, ref.cell.link, "ctl", "root", CTL_PHYS,
		 0x50000000, 1, 33);
	add_irq(&ref.cell, 41, 1);
	ref.cell.desc.vuart_base = 0x09010000;
	ref.cell.desc.vuart_irq = 41;
	if (gic == WARDEN_GIC_V2) {
		p->gic_version = WARDEN_GIC_V2;
		p->gicr_base = 0;
		p->gicr_stride = 0;
		p->gicc_base = 0x08010000;
		p->gich_base = 0x08030000;
		p->gicv_base = 0x08040000;
	}
	ref.sys = sys_ref;
}

/* Lay out a header and its arrays as n[] (capped to the fixture's) say. */
static void *pack(const void *head, size_t head_size,
		  const struct warden_memory *mem,
		  const struct warden_irq_range *irq,
		  const struct warden_link *link, const unsigned int n[3],
		  size_t *size)
{
	size_t nm = n[0] < MAX_MEM ? n[0] : MAX_MEM;
	size_t ni = n[1] < MAX_IRQ ? n[1] : MAX_IRQ;
	size_t nl = n[2] < MAX_LINK ? n[2] : MAX_LINK;
	size_t m = nm * sizeof(*mem), i = ni * sizeof(*irq);
	size_t l = nl * sizeof(*link);
	char *blob;

	*size = head_size + m + i + l;
	blob = malloc(*size);
	if (!blob)
		abort();
	memcpy(blob, head, head_size);
	memcpy(blob + head_size, mem, m);
	memcpy(blob + head_size + m, irq, i);
	memcpy(blob + head_size + m + i, link, l);
	return blob;
}

static void counts(const struct warden_cell_desc *d, unsigned int n[3])
{
	n[0] = d->num_memory_regions;
	n[1] = d->num_irq_ranges;
	n[2] = d->num_links;
}

static void *pack_sys(const struct sys_ref *r, const unsigned int n[3],
		      size_t *size)
{
	return pack(&r->sys, sizeof(r->sys), r->mem, r->irq, r->link, n, size);
}

static void *pack_cell(const struct cell *c, const unsigned int n[3],
		       size_t *size)
{
	return pack(&c->desc, sizeof(c->desc), c->mem, c->irq, c->link, n,
		    size);
}

/* ---- where each struct is in the configs ---------------------------- */

#define MAX_OBJ 3

struct place {
	struct table *t;
	char name[40]; /* for the report: "cell.mem[1]" */
	int in_cell; /* in cur.cell, else in cur.sys */
	size_t off; /* of the struct in cur.cell or cur.sys */
	/* its names in messages: of its own config's check, of the cell's */
	const char *obj[MAX_OBJ];
	const char *cell_obj[MAX_OBJ];
	char buf[2 * MAX_OBJ][40];
};

#define MAX_PLACES 24
static struct place places[MAX_PLACES];
static unsigned int num_places;

/* A place named `name`, or `name[index]` for an index >= 0. */
static struct place *place_add(struct table *t, int in_cell, size_t off,
			       const char *name, int index)
{
	struct place *p = &places[num_places++];

	if (num_places > MAX_PLACES)
		abort();
	memset(p, 0, sizeof(*p));
	p->t = t;
	p->in_cell = in_cell;
	p->off = off;
	if (index < 0)
		snprintf(p->name, sizeof(p->name), "%s", name);
	else
		snprintf(p->name, sizeof(p->name), "%s[%d]", name, index);
	return p;
}

/* Object name k (0..2*MAX_OBJ-1) of p, formatted with index i. */
static const char *place_obj(struct place *p, unsigned int k, const char *fmt,
			     unsigned int i)
{
	snprintf(p->buf[k], sizeof(p->buf[k]), fmt, i);
	return p->buf[k];
}

static void places_init(void)
{
	const struct warden_cell_desc *root = &ref.sys.sys.root_cell;
	const struct warden_cell_desc *cell = &ref.cell.desc;
	struct place *p;
	unsigned int i;

	num_places = 0;
	place_add(&system_table, 0, offsetof(struct sys_ref, sys), "system",
		  -1);
	p = place_add(&memory_table, 0,
		      offsetof(struct sys_ref, sys.hypervisor_memory),
		      "system.hypervisor_memory", -1);
	p->obj[0] = "hypervisor memory";
	p->cell_obj[0] = "hypervisor memory";
	place_add(&platform_table, 0, offsetof(struct sys_ref, sys.platform),
		  "system.platform", -1);
	place_add(&cell_table, 0, offsetof(struct sys_ref, sys.root_cell),
		  "system.root_cell", -1);
	for (i = 0; i < root->num_memory_regions; i++) {
		p = place_add(&memory_table, 0,
			      offsetof(struct sys_ref, mem) +
				      i * sizeof(struct warden_memory),
			      "system.mem", (int)i);
		p->obj[0] = place_obj(p, 0, "memory region %u", i);
		/* the root's links must lie in its RAM */
		p->obj[1] = "RAM region";
		p->cell_obj[0] = "root cell";
	}
	for (i = 0; i < root->num_irq_ranges; i++) {
		p = place_add(&irq_table, 0,
			      offsetof(struct sys_ref, irq) +
				      i * sizeof(struct warden_irq_range),
			      "system.irq", (int)i);
		p->obj[0] = place_obj(p, 0, "IRQ range %u", i);
		p->obj[1] = "IRQ ranges";
		p->cell_obj[0] = "root cell";
	}
	for (i = 0; i < root->num_links; i++) {
		p = place_add(&link_table, 0,
			      offsetof(struct sys_ref, link) +
				      i * sizeof(struct warden_link),
			      "system.link", (int)i);
		p->obj[0] = place_obj(p, 0, "link %u", i);
		p->obj[1] = "link \"ctl\"";
		p->cell_obj[0] = "link \"ctl\"";
	}
	place_add(&cell_table, 1, offsetof(struct cell, desc), "cell", -1);
	for (i = 0; i < cell->num_memory_regions; i++) {
		p = place_add(&memory_table, 1,
			      offsetof(struct cell, mem) +
				      i * sizeof(struct warden_memory),
			      "cell.mem", (int)i);
		p->obj[0] = place_obj(p, 0, "memory region %u", i);
	}
	for (i = 0; i < cell->num_irq_ranges; i++) {
		p = place_add(&irq_table, 1,
			      offsetof(struct cell, irq) +
				      i * sizeof(struct warden_irq_range),
			      "cell.irq", (int)i);
		p->obj[0] = place_obj(p, 0, "IRQ range %u", i);
		p->obj[1] = "IRQ ranges";
	}
	for (i = 0; i < cell->num_links; i++) {
		p = place_add(&link_table, 1,
			      offsetof(struct cell, link) +
				      i * sizeof(struct warden_link),
			      "cell.link", (int)i);
		p->obj[0] = place_obj(p, 0, "link %u", i);
		p->obj[1] = "link \"ctl\"";
	}
}

/* ---- does a message name the field? --------------------------------- */

/* Is term (length len, '#' for the index) in the message? */
static int term_in(const char *msg, const char *term, size_t len,
		   unsigned int index, const char *const *obj)
{
	char buf[64];
	size_t i, n = 0;
	int k;

	if (len == 1 && term[0] == '$') {
		for (k = 0; k < MAX_OBJ && obj[k]; k++)
			if (strstr(msg, obj[k]))
				return 1;
		return 0;
	}
	for (i = 0; i < len && n + 12 < sizeof(buf); i++) {
		if (term[i] == '#')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%u",
					      index);
		else
			buf[n++] = term[i];
	}
	buf[n] = '\0';
	return strstr(msg, buf) != NULL;
}

/* Does one line of the report hold every term of the alternative? */
static int alt_in(const char *msg, const char *alt, unsigned int index,
		  const char *const *obj)
{
	const char *end;

	for (;;) {
		end = strchr(alt, '&');
		if (!end)
			return term_in(msg, alt, strlen(alt), index, obj);
		if (!term_in(msg, alt, (size_t)(end - alt), index, obj))
			return 0;
		alt = end + 1;
	}
}

static int named(const struct collect *col, const struct field *f,
		 unsigned int index, const char *const *obj)
{
	char line[1024];
	const char *s = col->text, *nl;
	size_t len;
	unsigned int k;

	for (; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			break;
		len = (size_t)(nl - s) < sizeof(line) - 1 ? (size_t)(nl - s) :
							    sizeof(line) - 1;
		memcpy(line, s, len);
		line[len] = '\0';
		for (k = 0; f->words[k]; k++)
			if (alt_in(line, f->words[k], index, obj))
				return 1;
	}
	return 0;
}

/* ---- one value ------------------------------------------------------- */

static int verbose;
static const char *variant;

struct trial {
	struct place *p;
	const struct field *f;
	unsigned int index; /* element of an array */
	const char *value; /* for the report */
	int orig_size; /* a count: the blob keeps its original size */
};

/*
 * Check cur (one field of trial t changed from ref) and count the outcome
 * in its table.
 */
static void check_trial(const struct trial *t)
{
	static struct collect col;
	struct stats *st = &t->p->t->st;
	const char *const *obj = t->p->obj;
	const char *check = "system";
	unsigned int n[3], rn[3], problems;
	void *sys, *cell;
	size_t ssize, csize;

	counts(&cur.sys.sys.root_cell, n);
	counts(&ref.sys.sys.root_cell, rn);
	sys = pack_sys(&cur.sys, t->orig_size ? rn : n, &ssize);
	memset(&col, 0, sizeof(col));
	problems = config_check_system(sys, ssize, collect_report, &col);
	if (problems == 0) {
		counts(&cur.cell.desc, n);
		counts(&ref.cell.desc, rn);
		cell = pack_cell(&cur.cell, t->orig_size ? rn : n, &csize);
		problems = config_check_cell(cell, csize, sys, collect_report,
					     &col);
		free(cell);
		check = "cell";
		if (!t->p->in_cell)
			obj = t->p->cell_obj;
	}
	free(sys);
	st->tried++;
	if (problems != col.calls)
		printf("  %s %s.%s = %s: %u problems but %u reports\n", variant,
		       t->p->name, t->f->name, t->value, problems, col.calls);
	if (problems == 0 && (t->f->flags & F_FIXED)) {
		st->failed++;
		printf("  %s %s.%s = %s: accepted, but only %s is valid\n",
		       variant, t->p->name, t->f->name, t->value,
		       t->f->kind == K_NUM ? "the reference value" :
					     "the reference bytes");
	} else if (problems == 0 && problems == col.calls) {
		st->accepted++;
		if (verbose)
			printf("  accepted: %s %s.%s = %s%s\n", variant,
			       t->p->name, t->f->name, t->value,
			       t->orig_size ? " (original size)" : "");
	} else if (problems == col.calls && named(&col, t->f, t->index, obj)) {
		st->named++;
	} else {
		st->failed++;
		printf("  %s %s.%s = %s%s: the %s check's %u messages do not "
		       "name it:\n%s",
		       variant, t->p->name, t->f->name, t->value,
		       t->orig_size ? " (original size)" : "", check, problems,
		       col.text);
	}
}

static unsigned char *field_at(const struct place *p, const struct field *f,
			       size_t off)
{
	unsigned char *base = p->in_cell ? (unsigned char *)&cur.cell :
					   (unsigned char *)&cur.sys;

	return base + p->off + f->off + off;
}

static uint64_t get_le(const unsigned char *b, size_t size)
{
	uint64_t v = 0;
	size_t i;

	for (i = size; i > 0; i--)
		v = v << 8 | b[i - 1];
	return v;
}

static void put_le(unsigned char *b, size_t size, uint64_t v)
{
	size_t i;

	for (i = 0; i < size; i++, v >>= 8)
		b[i] = (unsigned char)v;
}

/*
 * Boundary values of an integer of `size` bytes whose valid value is r:
 * 0, 1, 2, all ones and one less, the top bit alone and one less, r - 1
 * and r + 1; for addresses and sizes also the first page's end, the
 * second page's start and the byte after, and r -/+ a page.  Returns how
 * many, without r and without repeats.
 */
static unsigned int int_values(size_t size, unsigned int flags, uint64_t r,
			       uint64_t *v)
{
	uint64_t max = size >= 8 ? ~0ULL : (1ULL << (size * 8)) - 1;
	uint64_t top = 1ULL << (size * 8 - 1);
	const uint64_t cand[] = { 0,	      1,	 2,	  max,
				  max - 1,    top,	 top - 1, r - 1,
				  r + 1,      0xfff,	 0x1000,  0x1001,
				  r - 0x1000, r + 0x1000 };
	unsigned int num = flags & F_ADDR ? 14 : 9, i, j, k = 0;

	for (i = 0; i < num; i++) {
		uint64_t x = cand[i] & max;

		for (j = 0; j < k && v[j] != x; j++)
			;
		if (x != r && j == k)
			v[k++] = x;
	}
	return k;
}

static void try_int(struct place *p, const struct field *f, size_t esize,
		    unsigned int index)
{
	unsigned char *at = field_at(p, f, index * esize);
	uint64_t r = get_le(at, esize), v[14];
	unsigned int num = int_values(esize, f->flags, r, v), i, mode;
	char value[24];
	struct trial t = { p, f, index, value, 0 };

	for (i = 0; i < num; i++) {
		for (mode = 0; mode < ((f->flags & F_COUNT) ? 2u : 1u);
		     mode++) {
			cur = ref;
			put_le(at, esize, v[i]);
			t.orig_size = (int)mode;
			/* a blob laid out as counts say: only if it fits */
			if ((f->flags & F_COUNT) && !mode &&
			    v[i] > ((f->flags & F_NMEM) ? MAX_MEM :
				    (f->flags & F_NIRQ) ? MAX_IRQ :
							  MAX_LINK))
				continue;
			snprintf(value, sizeof(value), "%#llx",
				 (unsigned long long)v[i]);
			check_trial(&t);
		}
	}
}

/* Names: empty, unterminated, non-printable, longest, bytes after NUL. */
static void try_name(struct place *p, const struct field *f)
{
	static const char *const what[] = {
		"\"\"",
		"32 'w', no NUL",
		"\"\\x01...\"",
		"\"\\x7f...\"",
		"\"\\x80...\"",
		"31 'w'",
		"name, NUL, 'w'...",
	};
	unsigned char *at = field_at(p, f, 0);
	struct trial t = { p, f, 0, NULL, 0 };
	unsigned int i;
	size_t len;

	for (i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		cur = ref;
		len = strnlen((const char *)at, f->size);
		switch (i) {
		case 0:
			memset(at, 0, f->size);
			break;
		case 1:
			memset(at, 'w', f->size);
			break;
		case 2:
		case 3:
		case 4:
			at[0] = i == 2 ? 0x01 : i == 3 ? 0x7f : 0x80;
			break;
		case 5:
			memset(at, 'w', f->size - 1);
			at[f->size - 1] = '\0';
			break;
		default:
			memset(at + len + 1, 'w', f->size - len - 1);
			break;
		}
		t.value = what[i];
		check_trial(&t);
	}
}

/* Signatures: zeros, ones, the first byte + 1, the last byte - 1. */
static void try_sig(struct place *p, const struct field *f)
{
	static const char *const what[] = { "zeros", "0xff bytes",
					    "first byte + 1", "last byte - 1" };
	unsigned char *at = field_at(p, f, 0);
	struct trial t = { p, f, 0, NULL, 0 };
	unsigned int i;

	for (i = 0; i < 4; i++) {
		cur = ref;
		if (i < 2)
			memset(at, i ? 0xff : 0, f->size);
		else if (i == 2)
			at[0]++;
		else
			at[f->size - 1]--;
		t.value = what[i];
		check_trial(&t);
	}
}

static void walk_place(struct place *p)
{
	const struct table *t = p->t;
	size_t i, e, elems;

	for (i = 0; i < t->n; i++) {
		const struct field *f = &t->fields[i];

		switch (f->kind) {
		case K_NUM:
			if (!f->elem) {
				try_int(p, f, f->size, 0);
				break;
			}
			elems = f->size / f->elem;
			/* CPUs: those of the platform, and one more */
			if (f->flags & F_CPUS)
				elems = ref.sys.sys.platform.num_cpus + 1u;
			for (e = 0; e < elems; e++)
				try_int(p, f, f->elem, (unsigned int)e);
			break;
		case K_NAME:
			try_name(p, f);
			break;
		case K_SIG:
			try_sig(p, f);
			break;
		case K_SUB:
			break; /* a place of its own */
		}
	}
}

/* ---- the cases ------------------------------------------------------- */

/* Is the row sound for its kind? */
static int row_ok(const struct field *f)
{
	switch (f->kind) {
	case K_NUM:
		return f->elem ? f->size % f->elem == 0 && f->elem <= 8 :
				 f->size <= 8;
	case K_NAME:
		return f->size == WARDEN_CELL_NAME_MAX;
	case K_SIG:
		return f->size == WARDEN_SIGNATURE_LEN;
	case K_SUB:
		return f->sub->size == f->size;
	}
	return 0;
}

/* Does the table have every byte of its struct once, in order? */
static int layout_ok(const struct table *t)
{
	size_t j, end = 0;

	for (j = 0; j < t->n; j++) {
		const struct field *f = &t->fields[j];

		if (f->off != end || !row_ok(f)) {
			printf("  %s.%s: %zu bytes at %zu, after %zu\n",
			       t->name, f->name, f->size, f->off, end);
			return 0;
		}
		end += f->size;
	}
	if (end != t->size)
		printf("  %s: the rows end at %zu, the struct at %zu\n",
		       t->name, end, t->size);
	return end == t->size;
}

static void test_layout(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		CHECK(layout_ok(tables[i]));
}

/* The references pass both checks, or nothing below means anything. */
static int ref_valid(void)
{
	unsigned int n[3], problems;
	size_t ssize, csize;
	void *sys, *cell;
	struct collect col;

	memset(&col, 0, sizeof(col));
	counts(&ref.sys.sys.root_cell, n);
	sys = pack_sys(&ref.sys, n, &ssize);
	problems = config_check_system(sys, ssize, collect_report, &col);
	if (!problems) {
		counts(&ref.cell.desc, n);
		cell = pack_cell(&ref.cell, n, &csize);
		problems = config_check_cell(cell, csize, sys, collect_report,
					     &col);
		free(cell);
	}
	free(sys);
	if (problems)
		printf("  %s: the reference is not valid:\n%s", variant,
		       col.text);
	return problems == 0;
}

static void test_references(void)
{
	ref_init(WARDEN_GIC_V3);
	variant = "GICv3";
	CHECK(ref_valid());
	ref_init(WARDEN_GIC_V2);
	variant = "GICv2";
	CHECK(ref_valid());
}

static void walk(void)
{
	static const unsigned int gic[] = { WARDEN_GIC_V3, WARDEN_GIC_V2 };
	unsigned int g, i;

	for (g = 0; g < 2; g++) {
		ref_init(gic[g]);
		variant = g ? "GICv2" : "GICv3";
		places_init();
		for (i = 0; i < num_places; i++)
			walk_place(&places[i]);
	}
}

/* One PASS or FAIL line per struct, like a case of its own. */
static void report(const struct table *t)
{
	const struct stats *st = &t->st;
	size_t fields = 0, i;

	for (i = 0; i < t->n; i++)
		fields += t->fields[i].kind != K_SUB;
	printf("  %s: %zu fields, %u values tried, %u accepted, %u refused "
	       "naming the field, %u failed\n",
	       t->name, fields, st->tried, st->accepted, st->named, st->failed);
	if (st->failed || !st->tried) {
		printf("FAIL walk %s: %u values refused without naming the "
		       "field or accepted though fixed\n",
		       t->name, st->failed);
		unit_failed_cases++;
	} else {
		printf("PASS walk %s\n", t->name);
	}
}

int main(void)
{
	unsigned int i;
	const char *env = getenv("ABI_WALK_VERBOSE");

	verbose = env && *env && *env != '0';
	RUN(test_layout);
	RUN(test_references);
	if (unit_failed_cases)
		UNIT_DONE();
	walk();
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		report(tables[i]);
	UNIT_DONE();
}
