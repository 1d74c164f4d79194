/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System register access, barriers and MMIO for inmates.
 *
 * Inmates run with the stage-1 MMU off, so every data access is
 * Device-nGnRnE (ARM ARM D8.2.10, "Behavior of unsupported ... when the
 * stage 1 MMU is disabled"): aligned accesses only, and no exclusives
 * (LDXR/STXR on Device memory is CONSTRAINED UNPREDICTABLE).
 */
#ifndef INMATE_SYSREG_H
#define INMATE_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg)                                          \
	({                                                        \
		uint64_t __rval;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(__rval)); \
		__rval;                                           \
	})

#define write_sysreg(reg, val)                                        \
	do {                                                          \
		uint64_t __wval = (uint64_t)(val);                    \
		__asm__ volatile("msr " #reg ", %0" : : "r"(__wval)); \
	} while (0)

#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")
#define dmb(opt) __asm__ volatile("dmb " #opt : : : "memory")
#define sev() __asm__ volatile("sev" : : : "memory")
#define wfe() __asm__ volatile("wfe" : : : "memory")
#define wfi() __asm__ volatile("wfi" : : : "memory")

/* MPIDR_EL1 affinity fields Aff3 (39:32), Aff2..Aff0 (23:0). */
#define MPIDR_AFF_MASK ((uint64_t)0xff00ffffff)

/* Plain loads and stores for variables shared between CPUs. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                               \
	do {                                             \
		*(volatile __typeof__(x) *)&(x) = (val); \
	} while (0)

static inline uint8_t mmio_read8(uint64_t addr)
{
	uint8_t val = *(volatile const uint8_t *)addr;

	dmb(sy);
	return val;
}

static inline uint16_t mmio_read16(uint64_t addr)
{
	uint16_t val = *(volatile const uint16_t *)addr;

	dmb(sy);
	return val;
}

static inline void mmio_write8(uint64_t addr, uint8_t val)
{
	dmb(sy);
	*(volatile uint8_t *)addr = val;
}

static inline void mmio_write16(uint64_t addr, uint16_t val)
{
	dmb(sy);
	*(volatile uint16_t *)addr = val;
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	uint32_t val = *(volatile const uint32_t *)addr;

	dmb(sy);
	return val;
}

static inline void mmio_write32(uint64_t addr, uint32_t val)
{
	dmb(sy);
	*(volatile uint32_t *)addr = val;
}

#endif /* INMATE_SYSREG_H */
