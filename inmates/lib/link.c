// SPDX-License-Identifier: BSD-2-Clause
/*
 * Links to other cells: the comm region says where each one is mapped,
 * two hypercalls ring the peer and ask for its state (include/warden/
 * hypercall.h), and the doorbell is an ordinary SPI of this cell.
 */
#include <inmate/inmate.h>
#include <inmate/link.h>
#include <warden/hypercall.h>

int link_open(unsigned int index, struct link *link)
{
	volatile struct warden_comm_region *comm = comm_region();
	const volatile struct warden_comm_link *c;
	uint64_t base;

	if (index >= comm->num_links || index >= WARDEN_MAX_LINKS)
		return -1;
	c = &comm->links[index];
	base = c->virt_start;
	link->index = index;
	link->name = (const char *)c->name;
	link->common_size = c->common_size;
	link->section_size = c->section_size;
	link->side = c->side;
	link->doorbell = c->doorbell_irq;
	link->common = c->common_size ? (volatile void *)base : NULL;
	base += c->common_size;
	link->out = (volatile void *)(base + c->side * c->section_size);
	link->in =
		(const volatile void *)(base + (1 - c->side) * c->section_size);
	return 0;
}

int link_find(const char *name, struct link *link)
{
	volatile struct warden_comm_region *comm = comm_region();
	unsigned int i;

	for (i = 0; i < comm->num_links && i < WARDEN_MAX_LINKS; i++)
		if (!strncmp((const char *)comm->links[i].name, name,
			     WARDEN_CELL_NAME_MAX))
			return link_open(i, link);
	return -1;
}

int link_ring(const struct link *link)
{
	return (int)smccc_hvc(WARDEN_HC_LINK_RING, link->index, 0, 0);
}

int link_peer_state(const struct link *link)
{
	return (int)smccc_hvc(WARDEN_HC_LINK_STATE, link->index, 0, 0);
}

void link_doorbell_enable(const struct link *link, gic_handler_t handler)
{
	gic_set_handler(link->doorbell, handler);
	gic_enable_irq(link->doorbell);
}
