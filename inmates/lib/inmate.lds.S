/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate linker script (preprocessed with cpp).  The image is entered at its
 * first byte, INMATE_BASE; objcopy -O binary keeps .text to .data.  Then
 * come the BSS (cleared by crt0.S) and the stacks, all below the command
 * line page.
 */
#include <inmate/layout.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = INMATE_BASE;
	.text : {
		KEEP(*(.text.boot))
		*(.text.vectors)
		*(.text .text.*)
	}
	.rodata : ALIGN(16) {
		*(.rodata .rodata.*)
	}
	.data : ALIGN(16) {
		*(.data .data.*)
		/* survives SYSTEM_RESET: part of the image, never cleared */
		. = ALIGN(8);
		*(.persist)
		. = ALIGN(8);
	}
	__image_end = .;
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(8);
		__bss_end = .;
	}
	.stacks (NOLOAD) : ALIGN(4096) {
		__stacks_start = .;
		. += INMATE_MAX_CPUS * INMATE_STACK_SIZE;
		__stacks_end = .;
	}
	ASSERT(__stacks_end <= INMATE_CMDLINE_IPA,
	       "inmate: image, BSS and stacks overlap the command line page")
	ASSERT(_start == INMATE_BASE, "inmate: _start is not the first byte")

	/DISCARD/ : {
		*(.comment .note.* .eh_frame)
	}
}
