/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for system register access and barriers.  Registers are
 * read from a table the test fills (tests/unit/host-hyp.c); WFE is where a
 * CPU stops for good (panic), so on the host it leaves the simulated CPU.
 */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <asm/barrier.h>
#include <hyp/types.h>

u64 host_read_sysreg(const char *name);
void host_write_sysreg(const char *name, u64 v);
void host_wfe(void);

#define read_sysreg(r) host_read_sysreg(#r)
#define write_sysreg(r, v) host_write_sysreg(#r, (u64)(v))

#define isb() ((void)0)
#define dsb(opt) ((void)0)
#define wfe() host_wfe()
#define sev() ((void)0)

#define MPIDR_AFF_MASK 0xff00ffffffUL

#endif /* ASM_SYSREG_H */
