// SPDX-License-Identifier: BSD-2-Clause
/*
 * The command line at INMATE_CMDLINE_IPA.  The page belongs to the cell's
 * RAM; if nothing was loaded there it starts with a zero (or whatever a
 * previous run left), so only a printable first byte means "present".
 */
#include <inmate/inmate.h>

const char *cmdline_get(void)
{
	const char *s = (const char *)(uintptr_t)INMATE_CMDLINE_IPA;
	size_t i;

	if (s[0] < 0x20 || s[0] > 0x7e)
		return "";
	/* Only a NUL-terminated string inside the page is a command line. */
	for (i = 0; i < INMATE_CMDLINE_SIZE; i++) {
		if (!s[i])
			return s;
	}
	return "";
}

/* Next word of s: its start in *word, length returned; 0 at the end. */
static size_t cmdline_next(const char **s, const char **word)
{
	const char *p = *s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	*word = p;
	while (p[n] && p[n] != ' ' && p[n] != '\t' && p[n] != '\n')
		n++;
	*s = p + n;
	return n;
}

bool cmdline_has(const char *word)
{
	const char *s = cmdline_get(), *w;
	size_t n, len = strlen(word);

	while ((n = cmdline_next(&s, &w)) != 0) {
		if (n == len && !strncmp(w, word, n))
			return true;
	}
	return false;
}

static bool cmdline_parse_uint(const char *s, size_t n, uint64_t *val)
{
	uint64_t v = 0, base = 10, d;
	size_t i = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = (uint64_t)(s[i] - '0');
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = (uint64_t)(s[i] - 'a' + 10);
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = (uint64_t)(s[i] - 'A' + 10);
		else
			return false;
		v = v * base + d;
	}
	*val = v;
	return true;
}

bool cmdline_get_uint(const char *key, uint64_t *val)
{
	const char *s = cmdline_get(), *w;
	size_t n, len = strlen(key);

	while ((n = cmdline_next(&s, &w)) != 0) {
		if (n > len + 1 && !strncmp(w, key, len) && w[len] == '=')
			return cmdline_parse_uint(w + len + 1, n - len - 1,
						  val);
	}
	return false;
}

const char *cmdline_value(const char *key)
{
	const char *s = cmdline_get(), *w;
	size_t n, len = strlen(key);

	while ((n = cmdline_next(&s, &w)) != 0) {
		if (n > len && w[len] == '=' && !strncmp(w, key, len))
			return w + len + 1; /* up to the next blank */
	}
	return NULL;
}
