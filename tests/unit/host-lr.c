// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host stand-in for the list-register hooks of hypervisor/arch/arm64/gic.c
 * that the generic irqchip code calls: the list registers are host.lr[]
 * (host-arch.h), which the tests inspect.
 */
#include "host-arch.h"

unsigned int arch_gic_num_lrs(void)
{
	return host.num_lrs;
}

u64 arch_gic_empty_lrs(void)
{
	u64 m = 0;
	unsigned int i;

	for (i = 0; i < host.num_lrs; i++)
		if (host.lr[i].state == LR_EMPTY)
			m |= 1UL << i;
	return m;
}

int arch_gic_lr_find(u32 vintid, bool *pending)
{
	unsigned int i;

	for (i = 0; i < host.num_lrs; i++) {
		if (host.lr[i].state != LR_EMPTY &&
		    host.lr[i].intid == vintid) {
			*pending = host.lr[i].state & LR_PENDING;
			return (int)i;
		}
	}
	return -1;
}

void arch_gic_lr_add_pending(unsigned int n)
{
	host.lr[n].state |= LR_PENDING;
}

void arch_gic_lr_write(unsigned int n, u32 intid, bool hw, u32 source)
{
	host.lr[n].intid = intid;
	host.lr[n].hw = hw;
	host.lr[n].source = source;
	host.lr[n].state = LR_PENDING;
	host.writes++;
}

bool arch_gic_lr_add(u32 intid, bool hw, u32 source)
{
	u64 empty = arch_gic_empty_lrs();

	if (!empty)
		return false;
	arch_gic_lr_write((unsigned int)__builtin_ctzl(empty), intid, hw,
			  source);
	return true;
}

void arch_gic_underflow_irq(bool enable)
{
	host.underflow = enable;
}
