// SPDX-License-Identifier: GPL-2.0-only
/*
 * Structure offsets for the assembly files, generated from the C definitions
 * at build time (build.mk turns the "->NAME value" markers into a header).
 */
#include <stddef.h>

#include <warden/config.h>
#include <warden/firmware.h>
#include <warden/hypercall.h>
#include <asm/mmu.h>
#include <asm/percpu.h>
#include <hyp/percpu.h>

#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);
void asm_offsets(void)
{
	DEFINE(FRAME_SIZE, sizeof(struct trap_frame));
	DEFINE(FRAME_ELR, offsetof(struct trap_frame, elr));
	DEFINE(PERCPU_SIZE, PERCPU_SIZE);
	DEFINE(PERCPU_STUB, offsetof(struct per_cpu, arch.stub));
	DEFINE(STUB_SCTLR, offsetof(struct arch_el2_state, sctlr));
	DEFINE(STUB_TCR, offsetof(struct arch_el2_state, tcr));
	DEFINE(STUB_MAIR, offsetof(struct arch_el2_state, mair));
	DEFINE(STUB_TTBR0, offsetof(struct arch_el2_state, ttbr0));
	DEFINE(STUB_VBAR, offsetof(struct arch_el2_state, vbar));
	DEFINE(HDR_CORE_SIZE, offsetof(struct warden_fw_header, core_size));
	DEFINE(HDR_CONFIG_OFFSET,
	       offsetof(struct warden_fw_header, config_offset));
	DEFINE(SYS_NUM_CPUS, offsetof(struct warden_system, platform.num_cpus));
	DEFINE(SYS_CPU_MPIDR,
	       offsetof(struct warden_system, platform.cpu_mpidr));
	DEFINE(MMU_MAIR, offsetof(struct mmu_boot_params, mair));
	DEFINE(MMU_TCR, offsetof(struct mmu_boot_params, tcr));
	DEFINE(MMU_TTBR0, offsetof(struct mmu_boot_params, ttbr0));
	DEFINE(MMU_SCTLR, offsetof(struct mmu_boot_params, sctlr));
	DEFINE(ENTRY_FIRST, WARDEN_ENTRY_FIRST);
	DEFINE(MAX_CPUS, WARDEN_MAX_CPUS);
	DEFINE(ABI_VERSION, WARDEN_ABI_VERSION);
	DEFINE(HEADER_SIZE, sizeof(struct warden_fw_header));
}
