/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw HVC calls from EL1 to whatever owns EL2: the kernel's hyp stub before
 * enable and after disable, the Warden firmware in between.
 *
 * The stock 6.1 hyp stub (arch/arm64/include/asm/virt.h) takes the function
 * in x0: 0 set VBAR_EL2, 1 soft restart (branch to x1 at EL2 with the MMU
 * off, x0..x2 taken from x2..x4), 2 reset vectors, 3 finalise EL2; any other
 * value answers HVC_STUB_ERR (0xbadca11).  docs/architecture.md.
 *
 * The firmware promises to preserve x18..x30 and SP across any call, but may
 * use x0..x17 freely, so all of those are clobbered here (architecture.md,
 * stub pitfall 6).  "memory" because the firmware reads memory Linux wrote (the
 * image and config) and the console it writes is read back afterwards.
 */
#ifndef WARDEN_DRIVER_HVC_H
#define WARDEN_DRIVER_HVC_H

#include <linux/types.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/virt.h>

/*
 * With VHE the kernel itself runs at EL2 and an HVC would trap into its own
 * vectors, which panic on it; there is no stub then (architecture.md, stub
 * pitfall 2).  Nothing may call hvc_call() unless this says EL1.
 */
static __always_inline bool hvc_kernel_at_el1(void)
{
	return read_sysreg(CurrentEL) == CurrentEL_EL1;
}

struct hvc_res {
	unsigned long x0;
	unsigned long x1;
	unsigned long x2;
};

static __always_inline struct hvc_res
hvc_call(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3,
	 unsigned long a4)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;
	register unsigned long x4 asm("x4") = a4;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
		     :
		     : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
		       "x14", "x15", "x16", "x17", "memory", "cc");
	return (struct hvc_res){ .x0 = x0, .x1 = x1, .x2 = x2 };
}

/* A call with only a function number; the result in x0. */
static __always_inline unsigned long hvc_call0(unsigned long fn)
{
	return hvc_call(fn, 0, 0, 0, 0).x0;
}

/*
 * True if EL2 answers a stub call it does not know with HVC_STUB_ERR, as
 * the stub does (and the Warden firmware must, architecture.md, stub
 * pitfall 5).  KVM's nVHE host vectors answer -1 here instead, so this
 * also catches KVM.
 */
static __always_inline bool hvc_stub_answers(void)
{
	return hvc_call0(HVC_STUB_HCALL_NR) == HVC_STUB_ERR;
}

#endif /* WARDEN_DRIVER_HVC_H */
