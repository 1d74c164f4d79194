/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exceptions an inmate does not expect: vectors.S saves the registers and
 * calls fault_report(), which prints them and stops the cell (SYSTEM_OFF).
 */
#ifndef INMATE_FAULT_H
#define INMATE_FAULT_H

#include <stdint.h>

#include "layout.h"

/* Layout must match the save_regs macro of vectors.S. */
struct fault_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};
_Static_assert(sizeof(struct fault_frame) == INMATE_FRAME_SIZE, "frame");
/* vectors.S stores x30 and ELR as a pair at 16 * 15, SPSR at 16 * 16. */
_Static_assert(__builtin_offsetof(struct fault_frame, elr) == 16 * 15 + 8,
	       "frame: elr");
_Static_assert(__builtin_offsetof(struct fault_frame, spsr) == 16 * 16,
	       "frame: spsr");

/* Which vector: (group << 2) | type; see vectors.S. */
#define FAULT_TYPE_SYNC 0
#define FAULT_TYPE_IRQ 1
#define FAULT_TYPE_FIQ 2
#define FAULT_TYPE_SERROR 3

void fault_report(uint64_t vector, struct fault_frame *frame)
	__attribute__((noreturn));

#endif /* INMATE_FAULT_H */
