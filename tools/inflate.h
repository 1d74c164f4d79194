/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A gzip (RFC 1952) and DEFLATE (RFC 1951) decompressor for the CLI, so
 * that it can take a Linux kernel as distributions ship it (a gzipped arm64
 * Image) without a library.  Every input is untrusted: no byte sequence
 * makes it read or write outside its buffers or loop without consuming
 * input.
 */
#ifndef WARDEN_TOOLS_INFLATE_H
#define WARDEN_TOOLS_INFLATE_H

#include <stdbool.h>
#include <stddef.h>

/* Enough room for any of inflate_gzip()'s messages. */
#define INFLATE_ERR_LEN 160

/*
 * Decompress the gzip file in[in_len] into a new buffer *out (free() it),
 * of *out_len bytes, at most max_out.  Every member of the file is
 * decoded, and the outputs are concatenated, as `gzip -dc` does; zero
 * bytes after the last member (padding) are ignored, anything else after
 * it is refused.  Returns 0, or a negative errno with *out NULL and the
 * reason in words in err: -EINVAL (not gzip, corrupt or truncated), -E2BIG
 * (more than max_out bytes of output) or -ENOMEM.
 */
int inflate_gzip(const void *in, size_t in_len, void **out, size_t *out_len,
		 size_t max_out, char *err, size_t err_len);

/* in starts like a gzip member: magic 1f 8b, method 8 (deflate). */
bool inflate_is_gzip(const void *in, size_t len);

#endif /* WARDEN_TOOLS_INFLATE_H */
