/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared fixture of the cell and link config tests: a valid system config
 * (the QEMU virt machine with GICv3), a valid sample inmate cell, blobs of
 * exactly their size, and checks that expect a number of problems whose
 * messages hold given words.
 */
#ifndef UNIT_CELL_FIXTURE_H
#define UNIT_CELL_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>

#include <warden/cell.h>
#include <warden/config.h>

#include "collect.h"
#include "config-check.h"

#define MAX_MEM 8
#define MAX_IRQ 8
#define MAX_LINK 10 /* more than WARDEN_MAX_LINKS */

#define RW (WARDEN_MEM_READ | WARDEN_MEM_WRITE)
#define RWX (RW | WARDEN_MEM_EXECUTE)
#define IO (RW | WARDEN_MEM_IO)
#define COMM (RW | WARDEN_MEM_COMM_REGION)

/* A cell (or the root cell) with room for arrays; packed by cell_blob(). */
struct cell {
	struct warden_cell_desc desc;
	struct warden_memory mem[MAX_MEM];
	struct warden_irq_range irq[MAX_IRQ];
	struct warden_link link[MAX_LINK];
	struct warden_pci_device pci[WARDEN_MAX_PCI_DEVICES];
};

/* A system config blob with the root cell's arrays after it. */
struct sys_ref {
	struct warden_system sys;
	struct warden_memory mem[MAX_MEM];
	struct warden_irq_range irq[MAX_IRQ];
	struct warden_link link[MAX_LINK];
} WARDEN_PACKED;

/* The system config; sys_init() resets it, sys_blob() packs a copy. */
extern struct sys_ref sys_ref;

void mem_set(struct warden_memory *m, uint64_t phys, uint64_t virt,
	     uint64_t size, uint32_t flags);
void desc_init(struct warden_cell_desc *d, const char *name, uint64_t cpu_set);
void add_mem(struct cell *c, uint64_t phys, uint64_t virt, uint64_t size,
	     uint32_t flags);
void add_irq(struct cell *c, uint32_t first, uint32_t count);
/* 0x1000 common, two 0x2000 sections; change the result as needed */
struct warden_link *add_link(struct warden_cell_desc *d,
			     struct warden_link *links, const char *name,
			     const char *peer, uint64_t phys, uint64_t virt,
			     uint32_t side, uint32_t doorbell);
void del_mem(struct cell *c, unsigned int i);
void sys_init(void);
/* sys_ref as a heap blob: as it is, or checked (abort if not valid) */
struct warden_system *sys_pack(void);
struct warden_system *sys_blob(void);
/* "gic-demo": CPU 2, RAM 0x70000000, comm region, PL011 page, SPI 33 */
void cell_init(struct cell *c);
void *cell_blob(const struct cell *c, size_t *size);
unsigned int check_bytes(const void *blob, size_t size, struct collect *col);
unsigned int check_cell(const struct cell *c, struct collect *col);
int has_words(const struct collect *col, va_list ap);
int rejected(const struct cell *c, unsigned int want, ...);
int valid(const struct cell *c);
/* "uart-demo": CPU 1, RAM 0x70100000, comm region, SPIs 34-35 */
void other_init(struct cell *c);
int pair_rejected(const struct cell *a, const struct cell *b, unsigned int want,
		  ...);

#define REJECTS(c, ...) rejected(c, 1, __VA_ARGS__, (const char *)NULL)
#define REJECTS_N(c, n, ...) rejected(c, n, __VA_ARGS__, (const char *)NULL)
#define PAIR(a, b, n, ...) \
	pair_rejected(a, b, n, ##__VA_ARGS__, (const char *)NULL)

#endif /* UNIT_CELL_FIXTURE_H */
