/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory layout of an inmate, shared by C, the start-up assembly and the
 * (preprocessed) linker script: no C in here.
 *
 * The cell has 1 MiB of RAM at IPA 0x40000000; the image is linked and
 * entered there.  The last 4 KiB page holds an optional command line that
 * the root loads as a second image.
 */
#ifndef INMATE_LAYOUT_H
#define INMATE_LAYOUT_H

#define INMATE_BASE 0x40000000
#define INMATE_RAM_SIZE 0x100000
#define INMATE_CMDLINE_IPA 0x400ff000
#define INMATE_CMDLINE_SIZE 0x1000

/*
 * The CPUs the library starts (cpu_count()): at most WARDEN_MAX_CPUS, and
 * few enough that their stacks leave most of the 1 MiB to the program.
 */
#define INMATE_MAX_CPUS 16
/* One stack per cell CPU, indexed by the CPU's index in the comm region. */
#define INMATE_STACK_SHIFT 14
#define INMATE_STACK_SIZE (1 << INMATE_STACK_SHIFT)

/* Register frame the exception vectors save (struct fault_frame). */
#define INMATE_FRAME_SIZE 272

#endif /* INMATE_LAYOUT_H */
