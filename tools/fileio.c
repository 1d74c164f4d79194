// SPDX-License-Identifier: GPL-2.0-only
/* The warden CLI: whole-file and sysfs reads. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "warden.h"

/* Append what fd has to *buf, which has room for max + 1 bytes. */
static int fileio_read_fd(int fd, char *buf, size_t max, size_t *len)
{
	*len = 0;
	for (;;) {
		ssize_t n = read(fd, buf + *len, max + 1 - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		*len += (size_t)n;
		if (*len > max)
			return -EFBIG;
	}
}

int fileio_read(const char *path, size_t max, char **buf, size_t *len)
{
	char *data;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* room for one byte more than max, to see that it is too big */
	data = malloc(max + 2);
	if (!data) {
		ret = -ENOMEM;
		goto out_close;
	}
	ret = fileio_read_fd(fd, data, max, len);
	if (ret) {
		free(data);
		goto out_close;
	}
	data[*len] = '\0';
	*buf = data;
out_close:
	close(fd);
	return ret;
}

int fileio_read_line(const char *path, char *buf, size_t size)
{
	char *data, *nl;
	size_t len;
	int ret;

	ret = fileio_read(path, 4096, &data, &len);
	if (ret)
		return ret;
	nl = strchr(data, '\n');
	if (nl)
		*nl = '\0';
	len = strlen(data);
	if (len >= size)
		len = size - 1;
	memcpy(buf, data, len);
	buf[len] = '\0';
	free(data);
	return 0;
}
