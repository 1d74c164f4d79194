// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden-fuzz: random calls into warden.ko and the hypervisor from the root
 * cell, for tests/system/scenarios/fuzz.sh.
 *
 *   warden-fuzz hypercalls SEED COUNT   COUNT random hypercalls, made by the
 *                                       driver (needs test_fuzz=1)
 *   warden-fuzz ioctls SEED COUNT       COUNT random ioctls on /dev/warden
 *   warden-fuzz link SEED COUNT         COUNT random calls on a link device,
 *                                       /dev/warden-link-root-echo: ioctls,
 *                                       mmaps, reads and polls
 *   warden-fuzz call smc|hvc FID [A1 [A2 [A3]]]
 *                                       one call of the caller's choice,
 *                                       made by the driver (needs
 *                                       test_fuzz=1); prints x0 in decimal
 *
 * Random ioctls mix unknown command numbers with the real ones carrying
 * random payloads, sizes and pointers.  What would succeed on purpose is
 * never drawn: WARDEN_IOCTL_DISABLE, the test ioctls, and the cell
 * ioctls for the ids of cells that exist.  On a link device every call is
 * fair (a ring only makes the peer look at the link); a mapping that
 * succeeds is read once and unmapped, never written.  Prints a summary;
 * exits 0 if every call returned (whatever it returned).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
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
	    (cmd & 0xff) > 0x15)
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
	WARDEN_IOCTL_ENABLE,
	WARDEN_IOCTL_CELL_CREATE,
	WARDEN_IOCTL_CELL_LOAD,
	WARDEN_IOCTL_CELL_START,
	WARDEN_IOCTL_CELL_SHUTDOWN,
	WARDEN_IOCTL_CELL_DESTROY,
	WARDEN_IOCTL_CELL_CONSOLE_INPUT,
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
			    cmd == WARDEN_IOCTL_TEST_FUZZ ||
			    cmd == WARDEN_IOCTL_TEST_CALL)
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

#define FUZZ_LINK_DEV "/dev/warden-link-root-echo"

/* One random mapping of the link: sizes and offsets near its layout. */
static int fuzz_link_mmap(int fd, size_t size)
{
	static const int prots[] = { PROT_READ, PROT_WRITE,
				     PROT_READ | PROT_WRITE, PROT_EXEC,
				     PROT_NONE };
	size_t len = (fuzz_next() % 5) * 0x1000 + (fuzz_next() % 8 ? 0 : 1);
	off_t off = (off_t)((fuzz_next() % 6) * 0x1000);
	void *m;

	if (!(fuzz_next() % 8))
		off = (off_t)(fuzz_next() & 0x7ffffffffffff000ull);
	int prot = prots[fuzz_next() % 5];

	m = mmap(NULL, len, prot, fuzz_next() % 4 ? MAP_SHARED : MAP_PRIVATE,
		 fd, off);
	if (m == MAP_FAILED)
		return -1;
	if ((prot & PROT_READ) && len >= sizeof(uint32_t) && (size_t)off < size)
		(void)*(volatile uint32_t *)m;
	munmap(m, len);
	return 0;
}

static int fuzz_link_call(int fd, size_t size)
{
	static uint8_t buf[512];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	unsigned long cmd;
	size_t i;

	switch (fuzz_next() % 4) {
	case 0:
		return fuzz_link_mmap(fd, size);
	case 1:
		return (int)read(fd, buf, fuzz_next() % 16);
	case 2:
		return poll(&pfd, 1, 0);
	default:
		break;
	}
	cmd = fuzz_next() % 2 ?
		      (fuzz_next() % 2 ? WARDEN_LINK_RING : WARDEN_LINK_INFO) :
		      (unsigned long)fuzz_next() & 0xffffffffUL;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)fuzz_next();
	return ioctl(fd, cmd,
		     fuzz_next() % 8 ? (void *)buf :
				       (void *)(uintptr_t)fuzz_next());
}

static int fuzz_link(uint64_t count)
{
	struct warden_link_info info;
	uint64_t n, ok = 0, refused = 0;
	int fd = open(FUZZ_LINK_DEV, O_RDWR | O_NONBLOCK);

	if (fd < 0 || ioctl(fd, WARDEN_LINK_INFO, &info)) {
		perror("warden-fuzz: " FUZZ_LINK_DEV);
		return 1;
	}
	for (n = 0; n < count; n++) {
		if (fuzz_link_call(fd, info.size) < 0)
			refused++;
		else
			ok++;
	}
	close(fd);
	printf("warden-fuzz: %llu calls on " FUZZ_LINK_DEV
	       ": %llu refused, %llu succeeded\n",
	       (unsigned long long)(ok + refused), (unsigned long long)refused,
	       (unsigned long long)ok);
	return 0;
}

/* warden-fuzz call smc|hvc FID [A1 [A2 [A3]]] */
static int fuzz_call(int argc, char **argv)
{
	struct warden_test_call_args a = { 0 };
	int fd, i;

	if (argc < 4 || argc > 7 ||
	    (strcmp(argv[2], "smc") && strcmp(argv[2], "hvc"))) {
		fprintf(stderr,
			"usage: warden-fuzz call smc|hvc FID [A1 [A2 [A3]]]\n");
		return 2;
	}
	a.conduit = strcmp(argv[2], "smc") ? WARDEN_TEST_CALL_HVC :
					     WARDEN_TEST_CALL_SMC;
	a.fid = strtoull(argv[3], NULL, 0);
	for (i = 4; i < argc; i++)
		a.args[i - 4] = strtoull(argv[i], NULL, 0);
	fd = open("/dev/warden", O_RDWR);
	if (fd < 0 || ioctl(fd, WARDEN_IOCTL_TEST_CALL, &a) < 0) {
		perror("warden-fuzz: call");
		return 1;
	}
	close(fd);
	printf("%lld\n", (long long)a.ret);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed, count;
	int fd, ret;

	if (argc >= 2 && !strcmp(argv[1], "call"))
		return fuzz_call(argc, argv);
	if (argc != 4) {
		fprintf(stderr,
			"usage: warden-fuzz hypercalls|ioctls|link SEED COUNT\n");
		return 2;
	}
	seed = strtoull(argv[2], NULL, 0);
	count = strtoull(argv[3], NULL, 0);
	fuzz_state = seed ? seed : 1;
	if (!strcmp(argv[1], "link"))
		return fuzz_link(count);
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
