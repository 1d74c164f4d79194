// SPDX-License-Identifier: GPL-2.0-only
/*
 * The warden CLI: `cell console`.  A cell's output is its console ring,
 * cells/<id>/console in sysfs, and console_total, how many bytes it ever
 * wrote; its input goes to its emulated console UART (config vuart_base)
 * through WARDEN_IOCTL_CELL_CONSOLE_INPUT, which takes what fits in the
 * UART's receive FIFO and says how much that was.
 *
 *   cell console NAME             print the ring
 *   cell console NAME -f          ... and what comes, until the cell goes
 *   cell console NAME --send TXT  send TXT (C escapes), waiting while the
 *                                 FIFO is full, up to CELLCONSOLE_STALL_NS
 *                                 without progress
 *   cell console NAME --attach    -f, and what is typed goes to the cell:
 *                                 a terminal is raw meanwhile, Ctrl-]
 *                                 detaches; other input is sent until its
 *                                 end, then the output followed on
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <warden/ioctl.h>

#include "warden.h"

/* `cell console -f` polls the ring this often; --attach more often. */
#define CELLCONSOLE_POLL_NS 200000000L
#define CELLCONSOLE_ATTACH_MS 50
/* While the receive FIFO is full: try again this often, for this long. */
#define CELLCONSOLE_RETRY_NS 10000000L
#define CELLCONSOLE_STALL_NS 5000000000LL
/* Ctrl-] ends --attach, as in telnet. */
#define CELLCONSOLE_DETACH 0x1d

/* ---- output ------------------------------------------------------------ */

/* Did what we printed of the console end a line (or is there none)? */
static int cellconsole_line_ended = 1;

static void cellconsole_out(const char *data, size_t len)
{
	if (!len)
		return;
	fwrite(data, 1, len, stdout);
	(void)fflush(stdout); /* an output error: main() reports it */
	cellconsole_line_ended = data[len - 1] == '\n';
}

/* Our own message goes on a line of its own. */
static void cellconsole_new_line(void)
{
	if (!cellconsole_line_ended)
		cellconsole_out("\n", 1);
}

static int cellconsole_total(unsigned int id, unsigned long long *total)
{
	char buf[32];
	int ret;

	ret = cell_attr(id, "console_total", buf, sizeof(buf));
	if (ret)
		return ret;
	return cell_parse_uint(buf, total) ? -EINVAL : 0;
}

/*
 * The console ring's text and the console_total it ends at: read between
 * two equal totals, so that nothing was written meanwhile.  Returns 0,
 * -EAGAIN if it kept changing, or -errno (the cell is gone).
 */
static int cellconsole_read(unsigned int id, char **data, size_t *len,
			    unsigned long long *total)
{
	char path[CELL_PATH_MAX];
	unsigned long long after;
	int ret, tries;

	cell_attr_path(path, sizeof(path), id, "console");
	for (tries = 0; tries < 5; tries++) {
		ret = cellconsole_total(id, total);
		if (ret)
			return ret;
		ret = fileio_read(path, 1 << 20, data, len);
		if (ret)
			return ret;
		ret = cellconsole_total(id, &after);
		if (!ret && after == *total)
			return 0;
		free(*data);
		if (ret)
			return ret;
	}
	return -EAGAIN;
}

/*
 * Print what was written since `*shown` bytes ever: the end of the ring,
 * or all of it after a "[... N bytes lost]" line if the ring has wrapped
 * past what we saw.  Returns 0, or -errno if the cell is gone.
 */
static int cellconsole_poll(unsigned int id, unsigned long long *shown)
{
	unsigned long long total, fresh;
	size_t len;
	char *data;
	int ret;

	ret = cellconsole_total(id, &total);
	if (ret)
		return ret;
	if (total == *shown)
		return 0;
	ret = cellconsole_read(id, &data, &len, &total);
	if (ret == -EAGAIN)
		return 0; /* busy writing: next time */
	if (ret)
		return ret;
	if (total < *shown) /* a new cell with this id */
		*shown = 0;
	fresh = total - *shown;
	if (fresh > len) {
		printf("[... %llu bytes lost]\n", fresh - len);
		fresh = len;
	}
	cellconsole_out(data + len - fresh, (size_t)fresh);
	*shown = total;
	free(data);
	return 0;
}

/* Print the whole ring; *shown: the console_total it ends at. */
static int cellconsole_print(const struct cell_ref *ref,
			     unsigned long long *shown, int busy_ok)
{
	char path[CELL_PATH_MAX];
	size_t len;
	char *data;
	int ret;

	ret = cellconsole_read(ref->id, &data, &len, shown);
	if (ret == -EAGAIN && busy_ok) {
		/* busy: print the ring as it is */
		cell_attr_path(path, sizeof(path), ref->id, "console");
		ret = fileio_read(path, 1 << 20, &data, &len);
	}
	if (ret) {
		warden_err("cell console \"%s\" failed: %s", ref->name,
			   strerror(-ret));
		return -1;
	}
	cellconsole_out(data, len);
	free(data);
	return 0;
}

/* Follow the output until the cell is destroyed (or we are killed). */
static int cellconsole_follow(const struct cell_ref *ref,
			      unsigned long long *shown)
{
	for (;;) {
		cell_sleep(CELLCONSOLE_POLL_NS);
		if (!cell_exists(ref->id) || cellconsole_poll(ref->id, shown))
			break;
	}
	cellconsole_new_line();
	warden_err("cell \"%s\" (id %u) is gone", ref->name, ref->id);
	return WARDEN_EXIT_OK;
}

/* ---- input --------------------------------------------------------------- */

static int cellconsole_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * TEXT of --send, its escapes \n \r \t \\ and \xNN (two hex digits) turned
 * into their characters, into buf (of strlen(text) bytes at least).
 * Returns the length, or -1 after saying what is wrong.
 */
static long cellconsole_unescape(const char *text, char *buf)
{
	const char *s = text;
	long n = 0;
	int hi, lo;

	while (*s) {
		if (*s != '\\') {
			buf[n++] = *s++;
			continue;
		}
		switch (s[1]) {
		case 'n':
			buf[n++] = '\n';
			break;
		case 'r':
			buf[n++] = '\r';
			break;
		case 't':
			buf[n++] = '\t';
			break;
		case '\\':
			buf[n++] = '\\';
			break;
		case 'x':
			hi = cellconsole_hex(s[2]);
			lo = hi < 0 ? -1 : cellconsole_hex(s[3]);
			if (lo < 0)
				goto bad;
			buf[n++] = (char)(hi << 4 | lo);
			s += 2;
			break;
		default:
			goto bad;
		}
		s += 2;
	}
	return n;
bad:
	warden_err("cell console: --send: bad escape at \"%.4s\" in \"%s\" "
		   "(known: \\n \\r \\t \\\\ \\xNN)",
		   s, text);
	return -1;
}

static long long cellconsole_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Send len bytes to the cell's UART, waiting while its receive FIFO is
 * full, but not longer than CELLCONSOLE_STALL_NS without progress.  With
 * shown, the output is followed meanwhile.  Returns 0 or -1 (said why).
 */
static int cellconsole_send(const struct cell_ref *ref, const char *buf,
			    size_t len, unsigned long long *shown)
{
	struct warden_cell_args args;
	long long last = cellconsole_now_ns();
	char what[96];
	size_t done = 0;

	snprintf(what, sizeof(what), "cell console \"%s\"", ref->name);
	while (done < len) {
		memset(&args, 0, sizeof(args));
		args.id = ref->id;
		args.ptr = (uintptr_t)(buf + done);
		args.size = len - done < WARDEN_CONSOLE_INPUT_MAX ?
				    len - done :
				    WARDEN_CONSOLE_INPUT_MAX;
		if (cell_ioctl(what, WARDEN_IOCTL_CELL_CONSOLE_INPUT, &args, 0))
			return -1;
		if (args.size) {
			done += (size_t)args.size;
			last = cellconsole_now_ns();
			continue;
		}
		if (cellconsole_now_ns() - last > CELLCONSOLE_STALL_NS) {
			warden_err("%s failed: the cell read none of its input "
				   "for %lld s, its receive FIFO stays full "
				   "(%zu of %zu characters sent)",
				   what, CELLCONSOLE_STALL_NS / 1000000000LL,
				   done, len);
			return -1;
		}
		if (shown)
			(void)cellconsole_poll(ref->id, shown);
		cell_sleep(CELLCONSOLE_RETRY_NS);
	}
	return 0;
}

/* --send TEXT: to a running cell only, which else would drop it. */
static int cellconsole_send_text(const struct cell_ref *ref, const char *text)
{
	char state[32], *buf = malloc(strlen(text) + 1);
	long len = buf ? cellconsole_unescape(text, buf) : -1;
	int ret = WARDEN_EXIT_FAIL;

	if (!buf)
		warden_err("cell console: out of memory");
	if (len < 0)
		goto out;
	if (cell_attr(ref->id, "state", state, sizeof(state)))
		snprintf(state, sizeof(state), "unknown state");
	if (strcmp(state, "running")) {
		warden_err("cell console \"%s\" failed: the cell is not "
			   "running (%s): it would not read the input",
			   ref->name, state);
		goto out;
	}
	if (len && cellconsole_send(ref, buf, (size_t)len, NULL))
		goto out;
	printf("warden: sent %ld character%s to cell \"%s\" (id %u)\n", len,
	       len == 1 ? "" : "s", ref->name, ref->id);
	ret = WARDEN_EXIT_OK;
out:
	free(buf);
	return ret;
}

/* ---- attach -------------------------------------------------------------- */

static struct termios cellconsole_saved;
static volatile sig_atomic_t cellconsole_raw;

static void cellconsole_restore(void)
{
	if (cellconsole_raw) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &cellconsole_saved);
		cellconsole_raw = 0;
	}
}

/* Killed while the terminal is raw: give it back first. */
static void cellconsole_signal(int sig)
{
	cellconsole_restore();
	(void)signal(sig, SIG_DFL);
	(void)raise(sig);
}

/*
 * The terminal: no echo, no line editing, no signals (Ctrl-C is the
 * cell's), bytes as they are typed; output processing stays, so that the
 * ring's "\n" starts a line.
 */
static int cellconsole_make_raw(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &cellconsole_saved))
		return -1;
	t = cellconsole_saved;
	t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
				 IGNCR | ICRNL | IXON);
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t.c_cflag = (t.c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	(void)signal(SIGTERM, cellconsole_signal);
	(void)signal(SIGHUP, cellconsole_signal);
	(void)signal(SIGINT, cellconsole_signal);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t))
		return -1;
	cellconsole_raw = 1;
	return 0;
}

/*
 * What was typed or piped: 1 to go on, 0 at the end of input (or Ctrl-]
 * on a terminal: *detach), -1 on an error.
 */
static int cellconsole_input(const struct cell_ref *ref, int tty,
			     unsigned long long *shown, int *detach)
{
	char buf[WARDEN_CONSOLE_INPUT_MAX];
	char *end;
	ssize_t n;

	n = read(STDIN_FILENO, buf, sizeof(buf));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : -1;
	if (n == 0)
		return 0;
	end = tty ? memchr(buf, CELLCONSOLE_DETACH, (size_t)n) : NULL;
	if (end) {
		*detach = 1;
		n = end - buf;
	}
	if (n && cellconsole_send(ref, buf, (size_t)n, shown))
		return -1;
	return !*detach;
}

/* Forward input and show output until detached, or the cell is gone. */
static int cellconsole_loop(const struct cell_ref *ref, int tty,
			    unsigned long long *shown)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int detach = 0, ret;

	for (;;) {
		ret = poll(&p, 1, CELLCONSOLE_ATTACH_MS);
		if (ret < 0 && errno != EINTR)
			break;
		if (ret > 0) {
			ret = cellconsole_input(ref, tty, shown, &detach);
			if (ret <= 0)
				break;
		}
		if (!cell_exists(ref->id) || cellconsole_poll(ref->id, shown))
			return -ENOENT;
	}
	if (detach)
		return 0;
	return ret < 0 ? -EIO : 1; /* the end of the input */
}

static int cellconsole_attach(const struct cell_ref *ref)
{
	unsigned long long shown = 0;
	int tty = isatty(STDIN_FILENO), ret;
	char state[32];

	if (cell_attr(ref->id, "state", state, sizeof(state)) == 0 &&
	    strcmp(state, "running"))
		warden_err("cell \"%s\" is %s: it reads no input until it runs",
			   ref->name, state);
	if (tty) {
		if (cellconsole_make_raw()) {
			warden_err("cell console \"%s\" failed: cannot set up "
				   "the terminal: %s",
				   ref->name, strerror(errno));
			return WARDEN_EXIT_FAIL;
		}
		warden_err("attached to cell \"%s\" (id %u): Ctrl-] detaches",
			   ref->name, ref->id);
	}
	if (cellconsole_print(ref, &shown, 0)) {
		cellconsole_restore();
		return WARDEN_EXIT_FAIL;
	}
	ret = cellconsole_loop(ref, tty, &shown);
	cellconsole_restore();
	if (ret == 1) /* all of the input sent: the output goes on */
		return cellconsole_follow(ref, &shown);
	cellconsole_new_line();
	if (ret == 0) {
		warden_err("detached from cell \"%s\"", ref->name);
		return WARDEN_EXIT_OK;
	}
	if (ret == -EIO) {
		warden_err("cell console \"%s\" failed: %s", ref->name,
			   "reading or sending the input failed");
		return WARDEN_EXIT_FAIL;
	}
	warden_err("cell \"%s\" (id %u) is gone", ref->name, ref->id);
	return WARDEN_EXIT_OK;
}

/* ---- the command ----------------------------------------------------------- */

int cellconsole_run(int argc, char **argv, unsigned int opts)
{
	const unsigned int modes = WARDEN_OPT_FOLLOW | WARDEN_OPT_SEND |
				   WARDEN_OPT_ATTACH;
	unsigned long long shown = 0;
	struct cell_ref ref;

	(void)argc;
	if ((opts & modes) & ((opts & modes) - 1)) {
		warden_err("cell console: at most one of -f, --send and "
			   "--attach");
		return WARDEN_EXIT_USAGE;
	}
	if (cell_ready_ref(argv[0], &ref))
		return WARDEN_EXIT_FAIL;
	if (opts & WARDEN_OPT_SEND)
		return cellconsole_send_text(&ref,
					     warden_opt_value(WARDEN_OPT_SEND));
	if (opts & WARDEN_OPT_ATTACH)
		return cellconsole_attach(&ref);
	if (cellconsole_print(&ref, &shown, !(opts & WARDEN_OPT_FOLLOW)))
		return WARDEN_EXIT_FAIL;
	if (!(opts & WARDEN_OPT_FOLLOW))
		return WARDEN_EXIT_OK;
	return cellconsole_follow(&ref, &shown);
}
