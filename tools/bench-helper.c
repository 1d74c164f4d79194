// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden-bench: the root cell's half of `make bench` (issue 6), run by the
 * bench scenario under QEMU -icount, where CLOCK_MONOTONIC advances one ns
 * per guest instruction.  Times are taken here, in one process, because a
 * shell loop or a fork per reading costs milliseconds of its own.
 *
 *   warden-bench clock
 *       print CLOCK_MONOTONIC in ns
 *   warden-bench counter
 *       print the virtual counter (CNTVCT_EL0) in ns: one clock for the
 *       root, its cells and a bare-metal boot, since Warden leaves
 *       CNTVOFF_EL2 at 0 and QEMU starts the counter at 0 on reset
 *   warden-bench work CPU ROUNDS
 *       fork a child pinned to CPU that runs ROUNDS rounds of a CPU-bound
 *       workload (a checksum over 64 KiB); print the child's run time in ns
 *       and the checksum, so that a wrong result shows
 *   warden-bench wait FILE TEXT TIMEOUT_MS [POLL_US]
 *       read FILE (a cell's console in sysfs) again and again until it
 *       contains TEXT; print CLOCK_MONOTONIC at that moment.  Without
 *       POLL_US it reads back to back: the exact moment, for an inmate
 *       that starts in microseconds.  With it, it sleeps POLL_US between
 *       reads: under -icount every CPU's instructions advance the one
 *       guest clock, so a root CPU that spins while a Linux cell boots
 *       for a second would slow that cell's clock by half.
 *   warden-bench force ID shutdown|destroy
 *       the cell ioctl SHUTDOWN or DESTROY of cell ID with
 *       WARDEN_CELL_FORCE (as `warden cell shutdown|destroy --force`);
 *       print how long the ioctl took in ns, on the virtual counter read
 *       just before and just after it (issue 17: stop latency)
 *   warden-bench load CPUS SECONDS
 *       keep the listed CPUs ("0,1") busy for SECONDS (issue 17, point 7):
 *       on each, one thread runs the checksum workload of `work` and
 *       another calls membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) in
 *       bursts (LOAD_BURST calls, then LOAD_PAUSE_US of sleep), which
 *       makes the kernel send an IPI to every other CPU that runs a
 *       thread of this process: bursts of IPIs on all of them, with no
 *       module.  Without the pauses, a GICv2 root (whose every IPI
 *       traps) got almost no turn for anything else under QEMU.  Prints
 *       the rounds and the calls made.
 *   warden-bench read DEVICE MIB
 *       read MIB MiB from the start of a block DEVICE with O_DIRECT, 1 MiB
 *       at a time, so that every byte is the device's DMA and none comes
 *       from the page cache (issue 19: the root's disk through the SMMU);
 *       print the ns it took and the MiB/s
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <warden/ioctl.h>

#define WORK_BYTES ((size_t)64 * 1024)
#define READ_CHUNK ((size_t)1024 * 1024)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * CNTVCT_EL0 in ns.  Linux lets EL0 read it (CNTKCTL_EL1.EL0VCTEN, which its
 * vDSO relies on).  The ISB keeps the read from being taken early: a counter
 * read may be performed out of order with the instructions around it (ARM
 * ARM D11.2, the AArch64 view of the Generic Timer).
 */
static uint64_t counter_ns(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(cnt));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	if (!frq)
		return 0;
	/* in two parts: cnt * 10^9 overflows after five minutes at 62.5 MHz */
	return cnt / frq * 1000000000ull + cnt % frq * 1000000000ull / frq;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: warden-bench clock\n"
		"       warden-bench counter\n"
		"       warden-bench work CPU ROUNDS\n"
		"       warden-bench wait FILE TEXT TIMEOUT_MS [POLL_US]\n"
		"       warden-bench force ID shutdown|destroy\n"
		"       warden-bench load CPUS SECONDS\n"
		"       warden-bench read DEVICE MIB\n");
	return 2;
}

/*
 * FNV-1a over a buffer of WORK_BYTES that changes every round: no round can
 * be skipped.
 */
static uint64_t checksum(uint8_t *buf, unsigned long rounds)
{
	uint64_t h = 0xcbf29ce484222325ull;
	unsigned long r;
	size_t i;

	for (i = 0; i < WORK_BYTES; i++)
		buf[i] = (uint8_t)(i * 7);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < WORK_BYTES; i++)
			h = (h ^ buf[i]) * 0x100000001b3ull;
		buf[r % WORK_BYTES] = (uint8_t)h;
	}
	return h;
}

static uint64_t work(unsigned long rounds)
{
	static uint8_t buf[WORK_BYTES];

	return checksum(buf, rounds);
}

static int cmd_work(const char *cpu_arg, const char *rounds_arg)
{
	int fds[2], status;
	uint64_t t0, t1, sum = 0;
	unsigned long cpu;
	cpu_set_t set;
	char *end;
	pid_t pid;

	cpu = strtoul(cpu_arg, &end, 10);
	if (end == cpu_arg || *end || cpu >= CPU_SETSIZE) {
		fprintf(stderr, "warden-bench: '%s' is not a CPU number\n",
			cpu_arg);
		return 1;
	}
	if (pipe(fds)) {
		perror("warden-bench: pipe");
		return 1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pid = fork();
	if (pid < 0) {
		perror("warden-bench: fork");
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("warden-bench: CPU affinity");
			_exit(1);
		}
		/* timed in the child: scheduling the fork is not the workload */
		t0 = now_ns();
		sum = work(strtoul(rounds_arg, NULL, 0));
		t1 = now_ns() - t0;
		if (write(fds[1], &t1, sizeof(t1)) != sizeof(t1) ||
		    write(fds[1], &sum, sizeof(sum)) != sizeof(sum))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &t1, sizeof(t1)) != sizeof(t1) ||
	    read(fds[0], &sum, sizeof(sum)) != sizeof(sum) ||
	    waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "warden-bench: the workload failed\n");
		return 1;
	}
	printf("%llu %016llx\n", (unsigned long long)t1,
	       (unsigned long long)sum);
	return 0;
}

/* Sleep for POLL_US microseconds; none when 0. */
static void poll_pause(unsigned long poll_us)
{
	struct timespec ts = { .tv_sec = (time_t)(poll_us / 1000000UL),
			       .tv_nsec = (long)(poll_us % 1000000UL) * 1000L };

	if (poll_us)
		nanosleep(&ts, NULL);
}

static int cmd_wait(const char *file, const char *text, const char *ms_arg,
		    const char *poll_arg)
{
	uint64_t end = now_ns() + strtoull(ms_arg, NULL, 0) * 1000000ull;
	unsigned long poll_us = poll_arg ? strtoul(poll_arg, NULL, 0) : 0;
	static char buf[8192];
	ssize_t n;
	int fd;

	do {
		fd = open(file, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "warden-bench: %s: %s\n", file,
				strerror(errno));
			return 1;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, text)) {
				printf("%llu\n", (unsigned long long)now_ns());
				return 0;
			}
		}
		poll_pause(poll_us);
	} while (now_ns() < end);
	fprintf(stderr, "warden-bench: no \"%s\" in %s after %s ms\n", text,
		file, ms_arg);
	return 1;
}

static int cmd_force(const char *id_arg, const char *what)
{
	struct warden_cell_args args;
	unsigned long req;
	uint64_t t0, t1;
	char *end;
	int fd, ret, err;

	memset(&args, 0, sizeof(args));
	args.id = (uint32_t)strtoul(id_arg, &end, 10);
	if (end == id_arg || *end)
		return usage();
	if (!strcmp(what, "shutdown"))
		req = WARDEN_IOCTL_CELL_SHUTDOWN;
	else if (!strcmp(what, "destroy"))
		req = WARDEN_IOCTL_CELL_DESTROY;
	else
		return usage();
	args.flags = WARDEN_CELL_FORCE;
	fd = open("/dev/warden", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("warden-bench: /dev/warden");
		return 1;
	}
	t0 = counter_ns();
	ret = ioctl(fd, req, &args);
	t1 = counter_ns();
	err = errno;
	close(fd);
	if (ret < 0) {
		args.errmsg[WARDEN_ERRMSG_LEN - 1] = '\0';
		fprintf(stderr, "warden-bench: %s --force of cell %u: %s%s%s\n",
			what, args.id, strerror(err),
			args.errmsg[0] ? ": " : "", args.errmsg);
		return 1;
	}
	printf("%llu\n", (unsigned long long)(t1 - t0));
	return 0;
}

/* One thread of `load`: its CPU, what it does, and what it did. */
struct load_thread {
	pthread_t tid;
	unsigned long cpu;
	int ipi; /* membarrier calls, else the checksum */
	unsigned long done;
};

static volatile int load_stop;

#define LOAD_BURST 20
#define LOAD_PAUSE_US 1000

/* LOAD_BURST membarrier calls, each an IPI to the others, then a pause. */
static void ipi_burst(void)
{
	struct timespec pause = { 0, LOAD_PAUSE_US * 1000L };
	int i;

	for (i = 0; i < LOAD_BURST; i++)
		syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0,
			0);
	nanosleep(&pause, NULL);
}

static void *load_main(void *arg)
{
	struct load_thread *t = arg;
	uint8_t *buf = NULL;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(t->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set))
		return (void *)1;
	if (!t->ipi) {
		buf = malloc(WORK_BYTES);
		if (!buf)
			return (void *)1;
	}
	while (!load_stop) {
		if (t->ipi)
			ipi_burst();
		else
			checksum(buf, 1);
		t->done++;
	}
	free(buf);
	return NULL;
}

#define LOAD_MAX_THREADS 32

/* "0,1,3": the threads of those CPUs, two each; their count or -1. */
static int load_threads(const char *cpus, struct load_thread *t)
{
	const char *p = cpus;
	unsigned long cpu;
	char *end;
	int n = 0;

	for (;;) {
		cpu = strtoul(p, &end, 10);
		if (end == p || cpu >= CPU_SETSIZE || n + 2 > LOAD_MAX_THREADS)
			return -1;
		t[n].cpu = t[n + 1].cpu = cpu;
		t[n + 1].ipi = 1;
		n += 2;
		if (*end == '\0')
			return n;
		if (*end != ',')
			return -1;
		p = end + 1;
	}
}

static int cmd_load(const char *cpus, const char *seconds)
{
	static struct load_thread t[LOAD_MAX_THREADS];
	unsigned long rounds = 0, calls = 0;
	int n = load_threads(cpus, t), i, bad = 0;
	void *rc;

	if (n < 0)
		return usage();
	if (syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED,
		    0, 0)) {
		perror("warden-bench: membarrier register");
		return 1;
	}
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i].tid, NULL, load_main, &t[i])) {
			fprintf(stderr, "warden-bench: no thread\n");
			load_stop = 1;
			n = i;
			bad = 1;
			break;
		}
	if (!bad)
		sleep((unsigned int)strtoul(seconds, NULL, 0));
	load_stop = 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i].tid, &rc);
		bad |= rc != NULL;
		if (t[i].ipi)
			calls += t[i].done;
		else
			rounds += t[i].done;
	}
	printf("load on CPUs %s: %lu checksum rounds, %lu membarrier calls\n",
	       cpus, rounds, calls * LOAD_BURST);
	return bad;
}

static int cmd_read(const char *dev, const char *mib_arg)
{
	unsigned long mib, i;
	uint64_t t0, t1;
	void *buf = NULL;
	char *end;
	int fd, ret = 1;

	mib = strtoul(mib_arg, &end, 10);
	if (end == mib_arg || *end || mib == 0 || mib > 4096) {
		fprintf(stderr, "warden-bench: '%s' is not 1..4096 MiB\n",
			mib_arg);
		return 1;
	}
	/* O_DIRECT wants the buffer aligned to the logical block size */
	if (posix_memalign(&buf, 4096, READ_CHUNK)) {
		fprintf(stderr, "warden-bench: no memory for the buffer\n");
		return 1;
	}
	fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0) {
		fprintf(stderr, "warden-bench: %s: %s\n", dev, strerror(errno));
		goto out;
	}
	t0 = now_ns();
	for (i = 0; i < mib; i++) {
		if (read(fd, buf, READ_CHUNK) != (ssize_t)READ_CHUNK) {
			fprintf(stderr,
				"warden-bench: %s: short read at MiB %lu\n",
				dev, i);
			goto out_close;
		}
	}
	t1 = now_ns();
	if (t1 == t0)
		t1++;
	printf("%llu ns %llu MiB/s\n", (unsigned long long)(t1 - t0),
	       (unsigned long long)(mib * 1000000000ull / (t1 - t0)));
	ret = 0;
out_close:
	close(fd);
out:
	free(buf);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "clock")) {
		printf("%llu\n", (unsigned long long)now_ns());
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "counter")) {
		printf("%llu\n", (unsigned long long)counter_ns());
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "work"))
		return cmd_work(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "force"))
		return cmd_force(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "load"))
		return cmd_load(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "read"))
		return cmd_read(argv[2], argv[3]);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "wait"))
		return cmd_wait(argv[2], argv[3], argv[4],
				argc == 6 ? argv[5] : NULL);
	return usage();
}
