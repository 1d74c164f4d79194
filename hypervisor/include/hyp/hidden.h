/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included first in every object of warden.bin (hypervisor/build.mk).
 * -fvisibility=hidden covers what a file defines, not what it declares
 * extern: without this, a -fpie build reaches another file's variable
 * (gic, gicd_base, root_cell ...) through the GOT, one load more on every
 * access.  Nothing is exported: the image links alone.
 */
#ifndef HYP_HIDDEN_H
#define HYP_HIDDEN_H
#ifndef __ASSEMBLER__
#pragma GCC visibility push(hidden)
#endif
#endif /* HYP_HIDDEN_H */
