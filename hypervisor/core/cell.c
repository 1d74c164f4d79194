// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cells.  The root cell is built from the system config at enable: its
 * stage 2 maps exactly its memory regions (identity), and it owns the SPIs
 * its config lists.  Inmate cells will be carved out of it.
 */
#include <warden/firmware.h>
#include <hyp/arch-setup.h>
#include <hyp/cell.h>
#include <hyp/errno.h>
#include <hyp/printk.h>
#include <hyp/setup.h>
#include <hyp/string.h>
#include <asm/mmu.h>

struct cell root_cell;

static u32 mem_flags_to_paging(u32 f)
{
	u32 p = 0;

	if (f & WARDEN_MEM_READ)
		p |= PAGING_READ;
	if (f & WARDEN_MEM_WRITE)
		p |= PAGING_WRITE;
	if (f & WARDEN_MEM_EXECUTE)
		p |= PAGING_EXEC;
	if (f & WARDEN_MEM_IO)
		p |= PAGING_DEVICE;
	return p;
}

static int map_regions(struct cell *cell)
{
	const struct warden_memory *mem = warden_cell_mem(cell->desc);
	u32 i;
	int err;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		err = paging_map(&cell->stage2, mem[i].virt_start,
				 mem[i].phys_start, mem[i].size,
				 mem_flags_to_paging(mem[i].flags));
		if (err) {
			printk("cell \"%s\": memory region %u (%#llx+%#llx): cannot map (%d)\n",
			       cell->name, i,
			       (unsigned long long)mem[i].phys_start,
			       (unsigned long long)mem[i].size, err);
			return err;
		}
	}
	return 0;
}

static void take_irqs(struct cell *cell)
{
	const struct warden_irq_range *r = warden_cell_irqs(cell->desc);
	u32 i, irq;

	memset(cell->irq_bitmap, 0, sizeof(cell->irq_bitmap));
	for (i = 0; i < cell->desc->num_irq_ranges; i++)
		for (irq = r[i].first; irq < r[i].first + r[i].count; irq++)
			cell->irq_bitmap[irq / 64] |= 1UL << (irq % 64);
}

static int cell_init(struct cell *cell, const struct warden_cell_desc *desc,
		     u32 id)
{
	int err;

	memset(cell, 0, sizeof(*cell));
	cell->id = id;
	cell->desc = desc;
	memcpy(cell->name, desc->name, sizeof(cell->name));
	cell->name[sizeof(cell->name) - 1] = '\0';
	cell->cpu_set = desc->cpu_set;
	take_irqs(cell);
	err = paging_init(&cell->stage2, &hyp.pool, PAGING_STAGE2,
			  mmu_stage2_root_level());
	if (err)
		return err;
	cell->stage2.vmid = (u16)id;
	err = map_regions(cell);
	if (!err)
		err = arch_cell_init(cell);
	if (err)
		paging_destroy(&cell->stage2);
	return err;
}

int cell_init_root(const struct warden_system *sys)
{
	paddr_t console = (paddr_t)(uintptr_t)hyp.console;
	int err;

	err = cell_init(&root_cell, &sys->root_cell, 0);
	if (err)
		return err;
	/* the driver reads the console ring through this read-only window */
	err = paging_map(&root_cell.stage2, console, console, PAGE_SIZE,
			 PAGING_READ);
	if (err)
		paging_destroy(&root_cell.stage2);
	root_cell.stage2.live = true;
	return err;
}

bool cell_owns_irq(const struct cell *cell, u32 intid)
{
	if (intid >= 1024)
		return false;
	return cell->irq_bitmap[intid / 64] & (1UL << (intid % 64));
}

bool cell_owns_cpu(const struct cell *cell, unsigned int cpu)
{
	return cpu < 64 && (cell->cpu_set & (1UL << cpu));
}
