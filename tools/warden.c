// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden: the command-line tool of the Warden hypervisor.
 *
 *   warden enable <system.cell>      warden status
 *   warden disable                   warden console
 *   warden config check <file>...    warden --help | --version
 *
 * Exit codes: 0 success, 1 failure, 2 usage error.  Every error is one line
 * on stderr, "warden: <what> failed: <why>".
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <warden/config.h>
#include <warden/hypercall.h>

#include "warden.h"

struct warden_cmd {
	const char *name; /* one or more words: "enable", "config check" */
	const char *args; /* synopsis of the arguments */
	const char *summary; /* one line for `warden --help` */
	const char *help; /* the rest of `warden <command> --help` */
	int min_args;
	int max_args; /* -1: no limit */
	warden_cmd_fn run;
};

#define WARDEN_EXIT_HELP "Exit status: 0 success, 1 failure, 2 usage error.\n"

static const struct warden_cmd warden_cmds[] = {
	{
		.name = "enable",
		.args = "<system.cell>",
		.summary = "check a system config and start the hypervisor",
		.help = "Check the system config <system.cell> and hand it to "
			"warden.ko, which loads the\n"
			"hypervisor (/lib/firmware/warden.bin) into the "
			"config's hypervisor memory\n"
			"and enters it on every online CPU.  Linux goes on "
			"running as the root cell.\n"
			"\n"
			"An invalid config is not passed on: every problem is "
			"printed, one per line.\n"
			"If the driver refuses, its reason is printed.  Needs "
			"root and warden.ko.\n",
		.min_args = 1,
		.max_args = 1,
		.run = hv_enable,
	},
	{
		.name = "disable",
		.args = "",
		.summary = "stop the hypervisor; Linux keeps the machine",
		.help = "Leave EL2 on every CPU and restore the kernel's hyp "
			"stub, so that the machine\n"
			"is as it was before `warden enable`.  Needs root and "
			"warden.ko.\n",
		.min_args = 0,
		.max_args = 0,
		.run = hv_disable,
	},
	{
		.name = "status",
		.args = "",
		.summary = "show state, versions, memory pool and CPUs",
		.help = "Print, from " WARDEN_SYSFS ":\n"
			"  enabled      yes or no\n"
			"  version      of the driver and, when enabled, of "
			"the hypervisor\n"
			"  memory pool  used/total pages of the hypervisor's "
			"page pool\n"
			"  online CPUs  the CPUs Linux has online "
			"(/sys/devices/system/cpu/online)\n"
			"Needs warden.ko.\n",
		.min_args = 0,
		.max_args = 0,
		.run = hv_status,
	},
	{
		.name = "console",
		.args = "",
		.summary = "print the hypervisor's console buffer",
		.help = "Print what the hypervisor and the cells allowed to "
			"(WARDEN_CELL_CONSOLE)\n"
			"wrote on the hypervisor console, from " WARDEN_SYSFS
			"/console.\n"
			"Needs warden.ko.\n",
		.min_args = 0,
		.max_args = 0,
		.run = hv_console,
	},
	{
		.name = "config check",
		.args = "<system.cell>...",
		.summary = "validate system configs (on any machine)",
		.help = "Check each file with the rules that warden.ko and the "
			"hypervisor apply, and\n"
			"print every problem, naming the config, the item and "
			"the reason.  Runs on the\n"
			"build machine too (build/tools/warden-host); needs no "
			"driver.\n"
			"Fails if any file is not a valid system config.\n",
		.min_args = 1,
		.max_args = -1,
		.run = sysconfig_check,
	},
};

#define WARDEN_NUM_CMDS (int)(sizeof(warden_cmds) / sizeof(warden_cmds[0]))

void warden_err(const char *fmt, ...)
{
	va_list ap;

	fputs("warden: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int warden_is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

/*
 * If argv starts with all the words of cmd's name, the number of words;
 * else 0.  With partial, matching only the first word is enough.
 */
static int warden_cmd_match(const struct warden_cmd *cmd, int argc, char **argv,
			    int partial)
{
	const char *name = cmd->name;
	int words = 0;

	while (*name) {
		size_t len = strcspn(name, " ");

		if (words >= argc || strlen(argv[words]) != len ||
		    strncmp(argv[words], name, len))
			return partial && words > 0 ? words : 0;
		words++;
		name += len;
		name += strspn(name, " ");
	}
	return words;
}

static const struct warden_cmd *warden_cmd_find(int argc, char **argv,
						int *words)
{
	int i;

	for (i = 0; i < WARDEN_NUM_CMDS; i++) {
		*words = warden_cmd_match(&warden_cmds[i], argc, argv, 0);
		if (*words)
			return &warden_cmds[i];
	}
	return NULL;
}

static void warden_cmd_usage(FILE *out, const struct warden_cmd *cmd)
{
	fprintf(out, "Usage: warden %s%s%s\n", cmd->name,
		cmd->args[0] ? " " : "", cmd->args);
}

static void warden_help(void)
{
	char synopsis[64];
	int i;

	printf("Usage: warden <command> [<arguments>]\n"
	       "       warden <command> --help | warden help <command>\n"
	       "       warden --help | --version\n"
	       "\n"
	       "Control the Warden static-partitioning hypervisor.\n"
	       "\n"
	       "Commands:\n");
	for (i = 0; i < WARDEN_NUM_CMDS; i++) {
		snprintf(synopsis, sizeof(synopsis), "%s %s",
			 warden_cmds[i].name, warden_cmds[i].args);
		printf("  %-30s %s\n", synopsis, warden_cmds[i].summary);
	}
	printf("\n" WARDEN_EXIT_HELP);
}

static void warden_cmd_help(const struct warden_cmd *cmd)
{
	warden_cmd_usage(stdout, cmd);
	printf("\n%s\n%s", cmd->help, WARDEN_EXIT_HELP);
}

static void warden_version(void)
{
	printf("warden %s (ABI %d, config revision %d)\n", WARDEN_CLI_VERSION,
	       WARDEN_ABI_VERSION, WARDEN_CONFIG_REVISION);
}

/* Report an unknown command, with the usage of near misses ("config"). */
static int warden_unknown(int argc, char **argv)
{
	int i, near = 0;

	for (i = 0; i < WARDEN_NUM_CMDS; i++) {
		if (!warden_cmd_match(&warden_cmds[i], argc, argv, 1))
			continue;
		if (!near++)
			warden_err("incomplete or unknown '%s' command",
				   argv[0]);
		warden_cmd_usage(stderr, &warden_cmds[i]);
	}
	if (!near)
		warden_err("unknown command '%s' (see 'warden --help')",
			   argv[0]);
	return WARDEN_EXIT_USAGE;
}

/* Options and argument count, then the command itself. */
static int warden_cmd_run(const struct warden_cmd *cmd, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (warden_is_help(argv[i])) {
			warden_cmd_help(cmd);
			return WARDEN_EXIT_OK;
		}
		if (!strcmp(argv[i], "--")) {
			argc--;
			memmove(&argv[i], &argv[i + 1],
				sizeof(*argv) * (size_t)(argc - i));
			break;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			warden_err("%s: unknown option '%s'", cmd->name,
				   argv[i]);
			warden_cmd_usage(stderr, cmd);
			return WARDEN_EXIT_USAGE;
		}
	}
	if (argc < cmd->min_args ||
	    (cmd->max_args >= 0 && argc > cmd->max_args)) {
		warden_err("%s: %s arguments", cmd->name,
			   argc < cmd->min_args ? "missing" : "too many");
		warden_cmd_usage(stderr, cmd);
		return WARDEN_EXIT_USAGE;
	}
	return cmd->run(argc, argv);
}

/* warden help [<command>] */
static int warden_help_cmd(int argc, char **argv)
{
	const struct warden_cmd *cmd;
	int words;

	if (argc == 0) {
		warden_help();
		return WARDEN_EXIT_OK;
	}
	cmd = warden_cmd_find(argc, argv, &words);
	if (!cmd || words != argc)
		return warden_unknown(argc, argv);
	warden_cmd_help(cmd);
	return WARDEN_EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct warden_cmd *cmd;
	int words;

	if (argc < 2) {
		warden_err("no command given (see 'warden --help')");
		return WARDEN_EXIT_USAGE;
	}
	if (warden_is_help(argv[1])) {
		warden_help();
		return WARDEN_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		warden_version();
		return WARDEN_EXIT_OK;
	}
	if (!strcmp(argv[1], "help"))
		return warden_help_cmd(argc - 2, argv + 2);
	if (argv[1][0] == '-') {
		warden_err("unknown option '%s' (see 'warden --help')",
			   argv[1]);
		return WARDEN_EXIT_USAGE;
	}
	cmd = warden_cmd_find(argc - 1, argv + 1, &words);
	if (!cmd)
		return warden_unknown(argc - 1, argv + 1);
	return warden_cmd_run(cmd, argc - 1 - words, argv + 1 + words);
}
