/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The inmate library: include this and define inmate_main().
 *
 * Start-up (crt0.S, startup.c) sets up the boot CPU's stack, clears the BSS,
 * installs the exception vectors, checks the comm region and calls
 * inmate_main().  If it returns, the CPU idles and keeps answering the
 * root's shutdown requests.
 */
#ifndef INMATE_INMATE_H
#define INMATE_INMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmdline.h"
#include "comm.h"
#include "console.h"
#include "cpu.h"
#include "gic.h"
#include "layout.h"
#include "printf.h"
#include "psci.h"
#include "sysreg.h"
#include "timer.h"

/*
 * A variable that survives PSCI SYSTEM_RESET: it lives in the loaded image
 * (section .persist, inside .data) and start-up does not clear it; the
 * hypervisor restarts a reset cell from its loaded image without reloading
 * it.  Its initial value is the image's.
 */
#define INMATE_PERSIST __attribute__((section(".persist")))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void inmate_main(void);

/* Boot CPU's C entry, called by crt0.S. */
void startup_boot(void) __attribute__((noreturn));
/* Idle for good, answering shutdown requests. */
void startup_idle(void) __attribute__((noreturn));

/* Freestanding string functions (the compiler may call memcpy/memset). */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);

#endif /* INMATE_INMATE_H */
