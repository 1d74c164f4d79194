// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden-fuzz: random calls into warden.ko and the hypervisor from the root
 * cell, for tests/system/scenarios/fuzz.sh.
 *
 *   warden-fuzz hypercalls SEED COUNT   COUNT random hypercalls, made by the
 *                                       driver (needs test_fuzz=1)
 *   warden-fuzz ioctls SEED COUNT       COUNT random ioctls on /dev/warden
 *
 * Random ioctls mix unknown command numbers with the real ones carrying
 * random payloads, sizes and pointers.  What would succeed on purpose is
 * never drawn: WARDEN_IOCTL_DISABLE, the test ioctl itself, and the cell
 * ioctls for the ids of cells that exist.  Prints a summary; exits 0 if
 * every call returned (whatever it returned).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <warden/ioctl.h>

static uint64_t fuzz_state;
static uint32_t fuzz_cells; /* ids of the cells that exist */

static void fuzz_find_cells(void)
{
	DIR *dir = opendir("/sys/devices/warden/cells");
	struct dirent *e;

	while (dir && (e = readdir(dir)))
		if (e->d_name[0] != '.')
			fuzz_cells |= 1u << (atoi(e->d_name) & 31);
	if (dir)
		closedir(dir);
}

/* A cell ioctl for a cell that exists could succeed: aim elsewhere. */
static void fuzz_spare_cells(unsigned long cmd, struct warden_cell_args *c)
{
	if (((cmd >> 8) & 0xff) != 'W' || (cmd & 0xff) < 0x10 ||
	    (cmd & 0xff) > 0x14)
		return;
	while (c->id < 32 && (fuzz_cells & (1u << c->id)))
		c->id += 8;
}

static uint64_t fuzz_next(void)
{
	fuzz_state ^= fuzz_state >> 12;
	fuzz_state ^= fuzz_state << 25;
	fuzz_state ^= fuzz_state >> 27;
	return fuzz_state * 0x2545f4914f6cdd1dULL;
}

static int fuzz_hypercalls(int fd, uint64_t seed, uint64_t count)
{
	struct warden_fuzz_args a = { .seed = seed, .count = count };

	if (ioctl(fd, WARDEN_IOCTL_TEST_FUZZ, &a) < 0) {
		fprintf(stderr, "warden-fuzz: WARDEN_IOCTL_TEST_FUZZ: %s\n",
			strerror(errno));
		return 1;
	}
	printf("warden-fuzz: %llu hypercalls: %llu refused, %llu succeeded\n",
	       (unsigned long long)a.made, (unsigned long long)a.refused,
	       (unsigned long long)a.succeeded);
	return a.made == count ? 0 : 1;
}

static const unsigned long fuzz_cmds[] = {
	WARDEN_IOCTL_ENABLE,	    WARDEN_IOCTL_CELL_CREATE,
	WARDEN_IOCTL_CELL_LOAD,	    WARDEN_IOCTL_CELL_START,
	WARDEN_IOCTL_CELL_SHUTDOWN, WARDEN_IOCTL_CELL_DESTROY,
};

/* A payload: random bytes, with plausible ids, sizes and pointers. */
static void fuzz_payload(uint8_t *buf, size_t size, uint8_t *scratch,
			 size_t scratch_size)
{
	struct warden_cell_args *c = (struct warden_cell_args *)buf;
	size_t i;

	for (i = 0; i < size; i++)
		buf[i] = (uint8_t)fuzz_next();
	if (size < sizeof(*c) || fuzz_next() % 2)
		return;
	c->id = (uint32_t)(fuzz_next() % 10);
	c->flags = (uint32_t)(fuzz_next() % 4);
	switch (fuzz_next() % 4) {
	case 0:
		c->ptr = (uintptr_t)scratch;
		c->size = fuzz_next() % (scratch_size + 1);
		break;
	case 1:
		c->ptr = 0;
		break;
	case 2:
		c->ptr = (uintptr_t)scratch;
		c->size = fuzz_next() % 20;
		break;
	default:
		break; /* random pointer and size */
	}
}

static int fuzz_ioctls(int fd, uint64_t count)
{
	static uint8_t buf[4096], scratch[8192];
	uint64_t n, ok = 0, refused = 0;
	unsigned long cmd;

	for (n = 0; n < count; n++) {
		if (fuzz_next() % 2) {
			cmd = fuzz_cmds[fuzz_next() % (sizeof(fuzz_cmds) /
						       sizeof(fuzz_cmds[0]))];
		} else {
			cmd = (unsigned long)fuzz_next() & 0xffffffffUL;
			if (fuzz_next() % 2) /* our type, random number */
				cmd = (cmd & ~0xff00UL) | ('W' << 8);
			if (cmd == WARDEN_IOCTL_DISABLE ||
			    cmd == WARDEN_IOCTL_TEST_FUZZ)
				continue;
		}
		fuzz_payload(buf, sizeof(buf), scratch, sizeof(scratch));
		fuzz_spare_cells(cmd, (struct warden_cell_args *)buf);
		for (size_t i = 0; i < sizeof(scratch); i++)
			scratch[i] = (uint8_t)fuzz_next();
		if (ioctl(fd, cmd,
			  fuzz_next() % 8 ? (void *)buf :
					    (void *)(uintptr_t)fuzz_next()) < 0)
			refused++;
		else
			ok++;
	}
	printf("warden-fuzz: %llu ioctls: %llu refused, %llu succeeded\n",
	       (unsigned long long)(ok + refused), (unsigned long long)refused,
	       (unsigned long long)ok);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed, count;
	int fd, ret;

	if (argc != 4) {
		fprintf(stderr,
			"usage: warden-fuzz hypercalls|ioctls SEED COUNT\n");
		return 2;
	}
	seed = strtoull(argv[2], NULL, 0);
	count = strtoull(argv[3], NULL, 0);
	fuzz_state = seed ? seed : 1;
	fuzz_find_cells();
	fd = open("/dev/warden", O_RDWR);
	if (fd < 0) {
		perror("warden-fuzz: /dev/warden");
		return 1;
	}
	if (!strcmp(argv[1], "hypercalls"))
		ret = fuzz_hypercalls(fd, seed, count);
	else if (!strcmp(argv[1], "ioctls"))
		ret = fuzz_ioctls(fd, count);
	else
		ret = 2;
	close(fd);
	return ret;
}
