/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Lamport's bakery lock.  It needs only plain loads and stores (with
 * barriers), so it works with the MMU off, where exclusives on Device
 * memory are CONSTRAINED UNPREDICTABLE (ARM ARM B2.9.5).  Slots are indexed
 * by the cell CPU index (cpu_current()).
 */
#ifndef INMATE_BAKERY_H
#define INMATE_BAKERY_H

#include <stdint.h>

#include "layout.h"

struct bakery {
	volatile uint32_t choosing[INMATE_MAX_CPUS];
	volatile uint32_t number[INMATE_MAX_CPUS];
};

void bakery_lock(struct bakery *lock);
void bakery_unlock(struct bakery *lock);

#endif /* INMATE_BAKERY_H */
