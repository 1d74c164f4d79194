/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The optional command line the root may load at INMATE_CMDLINE_IPA (last
 * page of the cell's RAM): space-separated words, NUL-terminated.
 */
#ifndef INMATE_CMDLINE_H
#define INMATE_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

/* The command line, or "" if none was loaded. */
const char *cmdline_get(void);
/* The text after "key=" of the first such word (it ends at a blank), or NULL. */
const char *cmdline_value(const char *key);
/* Is word one of its words? */
bool cmdline_has(const char *word);
/* Value of a "key=N" word (decimal, or hex with 0x); false if absent. */
bool cmdline_get_uint(const char *key, uint64_t *val);

#endif /* INMATE_CMDLINE_H */
