// SPDX-License-Identifier: GPL-2.0-only
/*
 * warden: the command-line tool of the Warden hypervisor.
 *
 *   warden enable <system.cell>      warden status
 *   warden disable                   warden console
 *   warden config check <file>...    warden --help | --version
 *   warden config show [--json] <file>...
 *   warden cell create|load|start|shutdown|destroy|list|stats|console ...
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

#ifndef WARDEN_INCLUDE_DIR
#define WARDEN_INCLUDE_DIR "/usr/include"
#endif
#define WARDEN_INCLUDE_DIR_TEXT WARDEN_INCLUDE_DIR

/* An option a command accepts: sets `flag` in the command's opts. */
struct warden_opt {
	char short_name; /* 'f' for -f; 0 if none */
	const char *long_name; /* "follow" for --follow */
	unsigned int flag; /* WARDEN_OPT_* */
	const char *help; /* one line for `warden <command> --help` */
	/* "FILE" if it takes a value (warden_opt_value()); NULL if not */
	const char *value;
};

/* The values of the options given, by flag bit. */
static const char *warden_opt_values[32];

const char *warden_opt_value(unsigned int flag)
{
	return flag ? warden_opt_values[__builtin_ctz(flag)] : NULL;
}

static const struct warden_opt warden_opt_force = {
	0, "force", WARDEN_OPT_FORCE,
	"do not ask the cell: stop it even if it refuses", NULL
};
static const struct warden_opt warden_opt_follow = {
	'f', "follow", WARDEN_OPT_FOLLOW,
	"keep printing new output until the cell is destroyed", NULL
};
static const struct warden_opt warden_opt_send = {
	0, "send", WARDEN_OPT_SEND,
	"send TEXT to its console UART (\\n \\r \\t \\\\ \\xNN)", "TEXT"
};
static const struct warden_opt warden_opt_attach = {
	0, "attach", WARDEN_OPT_ATTACH,
	"follow it and send what is typed (Ctrl-] detaches)", NULL
};
static const struct warden_opt warden_opt_json = {
	0, "json", WARDEN_OPT_JSON, "print the same content as one JSON object",
	NULL
};

static const struct warden_opt warden_opt_output = {
	'o', "output", WARDEN_OPT_OUTPUT,
	"write to FILE instead of standard output", "FILE"
};
static const struct warden_opt warden_opt_dtb = {
	0, "dtb", WARDEN_OPT_DTB,
	"offline: read this DTB instead of the running system's", "FILE"
};
static const struct warden_opt warden_opt_linux_mem = {
	0, "linux-mem", WARDEN_OPT_LINUX_MEM,
	"with --dtb: the RAM Linux uses (mem=), e.g. 768M or 75%", "SIZE"
};
static const struct warden_opt warden_opt_hv_mem = {
	0, "hv-mem", WARDEN_OPT_HV_MEM,
	"hypervisor memory (default 4M; at least 1M)", "SIZE"
};
static const struct warden_opt warden_opt_console = {
	0, "console", WARDEN_OPT_CONSOLE,
	"the hypervisor's console UART: DT path, address or none", "UART"
};

static const struct warden_opt warden_opt_ram = {
	0, "ram", WARDEN_OPT_RAM,
	"RAM, if the DTB has none: BASE:SIZE[,BASE:SIZE...]", "RANGES"
};

static const struct warden_opt warden_opt_system = {
	0, "system", WARDEN_OPT_SYSTEM,
	"the system config (.cell) the cell will run under", "FILE"
};
static const struct warden_opt warden_opt_cell_name = {
	0, "name", WARDEN_OPT_NAME, "the cell's name", "NAME"
};
static const struct warden_opt warden_opt_cpus = {
	0, "cpus", WARDEN_OPT_CPUS,
	"its CPUs, as the system config numbers "
	"them: 2-3,5",
	"LIST"
};
static const struct warden_opt warden_opt_cell_ram = { 0, "ram", WARDEN_OPT_RAM,
						       "its RAM (default 1M)",
						       "SIZE" };
static const struct warden_opt warden_opt_ram_at = {
	0, "ram-at", WARDEN_OPT_RAM_AT,
	"where its RAM is (default: the top of the free root RAM)", "ADDR"
};
static const struct warden_opt warden_opt_ram_ipa = {
	0, "ram-ipa", WARDEN_OPT_RAM_IPA,
	"where the cell sees it and starts (default 0x40000000)", "ADDR"
};
static const struct warden_opt warden_opt_devices = {
	0, "devices", WARDEN_OPT_DEVICES,
	"devices by DT path or address, with their SPIs: /pl061@9030000", "LIST"
};
static const struct warden_opt warden_opt_irqs = {
	0, "irqs", WARDEN_OPT_IRQS, "more interrupts (INTIDs): 40,48-50", "LIST"
};
static const struct warden_opt warden_opt_pci = {
	0, "pci", WARDEN_OPT_PCI,
	"a PCI function it owns (repeatable, up to 8): 00:02.0", "BDF"
};
static const struct warden_opt warden_opt_cell_dtb = {
	0, "dtb", WARDEN_OPT_DTB,
	"the DTB for --devices (default: the running system's)", "FILE"
};
static const struct warden_opt warden_opt_cell_linux_mem = {
	0, "linux-mem", WARDEN_OPT_LINUX_MEM,
	"elsewhere: the RAM Linux uses (mem=), to keep out of it", "SIZE"
};
static const struct warden_opt warden_opt_with = {
	0, "with", WARDEN_OPT_WITH,
	"cell configs it runs beside: no CPU, RAM or IRQ in common", "CELLS"
};
static const struct warden_opt warden_opt_linux_initrd = {
	0, "initrd", WARDEN_OPT_INITRD, "the initial RAM disk for the kernel",
	"FILE"
};
static const struct warden_opt warden_opt_linux_cmdline = {
	0, "cmdline", WARDEN_OPT_CMDLINE,
	"the kernel command line (/chosen bootargs)", "TEXT"
};
static const struct warden_opt warden_opt_linux_dtb = {
	0, "dtb", WARDEN_OPT_DTB,
	"boot with this device tree instead of the generated one", "FILE"
};
static const struct warden_opt warden_opt_linux_write_dtb = {
	0, "write-dtb", WARDEN_OPT_WRITE_DTB,
	"also save the generated device tree to FILE, for review", "FILE"
};
static const struct warden_opt warden_opt_cell_console = {
	0, "console", WARDEN_OPT_CONSOLE,
	"its console lines also go to the hypervisor's UART", NULL
};

#define WARDEN_CMD_OPTS_MAX 14

struct warden_cmd {
	const char *name; /* one or more words: "enable", "config check" */
	const char *args; /* synopsis of the arguments */
	/* the options it accepts (NULL-terminated) */
	const struct warden_opt *opts[WARDEN_CMD_OPTS_MAX + 1];
	const char *summary; /* one line for `warden --help` */
	const char *help; /* the rest of `warden <command> --help` */
	int min_args;
	int max_args; /* -1: no limit */
	warden_cmd_fn run;
};

/* warden_cmd_opts(): help was printed, exit with WARDEN_EXIT_OK */
#define WARDEN_EXIT_HELP_DONE (-1)

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
		.opts = { &warden_opt_json },
		.summary = "show state, versions, memory pool and CPUs",
		.help = "Print, from " WARDEN_SYSFS ":\n"
			"  enabled      yes or no\n"
			"  version      of the driver and, when enabled, of "
			"the hypervisor\n"
			"  memory pool  used/total pages of the hypervisor's "
			"page pool\n"
			"  online CPUs  the CPUs Linux has online "
			"(/sys/devices/system/cpu/online)\n"
			"  cells        the inmate cells, with their state\n"
			"\n"
			"With --json, one object: \"enabled\" (true, false or "
			"null if unknown),\n"
			"\"versions\" (lines), \"memory_pool\" "
			"(\"used_pages\", \"total_pages\"; null if\n"
			"unknown), \"online_cpus\", \"cells\" (\"id\", "
			"\"name\", \"state\").\n"
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
		.args = "<system.cell> [<cell.cell>...]",
		.summary = "validate system and cell configs (on any machine)",
		.help = "Check each file with the rules that warden.ko and the "
			"hypervisor apply, and\n"
			"print every problem, naming the config, the item and "
			"the reason.  Runs on the\n"
			"build machine too (build/tools/warden-host); needs no "
			"driver.\n"
			"\n"
			"Files are told apart by their signature.  A cell config "
			"is checked against the\n"
			"system config named last before it (so name one "
			"first): it may only take the\n"
			"root cell's CPUs, memory and IRQs.  The cell configs "
			"checked against the same\n"
			"system config are also checked against each other, as "
			"if they ran together:\n"
			"no shared CPUs, memory (but ROOTSHARED regions), IRQs "
			"or names.\n"
			"Fails if any file is not valid.\n",
		.min_args = 1,
		.max_args = -1,
		.run = cellconfig_check,
	},
	{
		.name = "config create",
		.args = "",
		.opts = { &warden_opt_output, &warden_opt_dtb,
			  &warden_opt_linux_mem, &warden_opt_hv_mem,
			  &warden_opt_console, &warden_opt_ram },
		.summary =
			"write a system config (C) for this machine or a DTB",
		.help = "Generate a complete, commented system config as C "
			"source, from the running\n"
			"system (/sys/firmware/fdt, and /proc/iomem for the RAM "
			"Linux uses: boot it\n"
			"with mem=SIZE to leave RAM for the hypervisor and "
			"cells), or with --dtb\n"
			"from a board's device tree on any machine.  It "
			"takes the CPUs, PSCI, the GIC,\n"
			"the console UART (/chosen/stdout-path) and RAM from "
			"the tree, puts the\n"
			"hypervisor at the top of the RAM Linux leaves free, "
			"and gives the root cell\n"
			"all other RAM, every enabled device and every SPI.\n"
			"An enabled SMMUv3 becomes the hypervisor's (its "
			"registers and SPIs leave\n"
			"the root), with the generic ECAM PCI host bridge "
			"whose iommu-map names it,\n"
			"so that `config cell-create --pci` can give cells "
			"its functions; a master\n"
			"behind the SMMU that a config cannot describe is "
			"refused.\n"
			"\n"
			"What it cannot decide for certain it explains on "
			"stderr (\"note: ...\").  If the\n"
			"machine lacks what Warden needs (PSCI through SMC, a "
			"GIC with virtualization\n"
			"extensions, a known UART unless --console none), it says "
			"what, writes nothing\n"
			"and fails.  The result passes `config check` before "
			"it is written.\n",
		.min_args = 0,
		.max_args = 0,
		.run = configcli_create,
	},
	{
		.name = "config build",
		.args = "<config.c>",
		.opts = { &warden_opt_output },
		.summary = "compile a config's C source into a .cell file",
		.help = "Compile <config.c> (a system or cell config, as "
			"`config create` writes them or\n"
			"as in configs/) with the C compiler ($CC, else cc) "
			"and the installed Warden\n"
			"headers ($WARDEN_INCLUDE, else " WARDEN_INCLUDE_DIR_TEXT
			"), then extract its\n"
			"section .warden_config ($OBJCOPY, else objcopy) into "
			"<config>.cell or the -o\n"
			"file.  A system config is then checked as by `config "
			"check`, and nothing is\n"
			"left behind if it fails; a cell config is checked "
			"against its system config\n"
			"with `config check`.  Any compiler for a 64-bit "
			"little-endian target will do:\n"
			"the config structs are packed.\n",
		.min_args = 1,
		.max_args = 1,
		.run = configcli_build,
	},
	{
		.name = "config cell-create",
		.args = "",
		.opts = { &warden_opt_output, &warden_opt_system,
			  &warden_opt_cell_name, &warden_opt_cpus,
			  &warden_opt_cell_ram, &warden_opt_ram_at,
			  &warden_opt_ram_ipa, &warden_opt_devices,
			  &warden_opt_irqs, &warden_opt_cell_dtb,
			  &warden_opt_cell_linux_mem, &warden_opt_with,
			  &warden_opt_cell_console, &warden_opt_pci },
		.summary = "write an inmate cell config (C) from a few options",
		.help = "Generate an inmate cell config as C source: its name, "
			"CPUs, RAM (loadable, at\n"
			"--ram-ipa, where it starts), the comm region, devices "
			"found in the device tree\n"
			"by path or address (their registers and SPIs), and "
			"more IRQs.  Unless --ram-at\n"
			"places it, the RAM goes at the top of the root cell's "
			"RAM that Linux (its\n"
			"System RAM in /proc/iomem, or --linux-mem elsewhere), "
			"the hypervisor, the\n"
			"root's links and the --with cells leave free.\n"
			"--pci (repeatable) gives the cell PCI functions on the "
			"host bridge behind the\n"
			"SMMU, by requester ID as lspci prints it (00:02.0, or "
			"0000:00:02.0); their\n"
			"memory BARs and INTx SPI are not in the device tree: add "
			"them yourself.\n"
			"\n"
			"The cell is checked against --system and against each "
			"--with cell, as by\n"
			"`config check`, before it is written; every problem is "
			"printed, and nothing\n"
			"is written if there is one.  The layout suits inmates "
			"built with inmates/lib.\n",
		.min_args = 0,
		.max_args = 0,
		.run = configcli_cell_create,
	},
	{
		.name = "config show",
		.args = "<file.cell>...",
		.opts = { &warden_opt_json },
		.summary = "print system and cell configs in words",
		.help = "Print each config file, system or cell config (told "
			"apart by its signature),\n"
			"in words.  A system config: its hypervisor memory, the "
			"platform (GIC version\n"
			"and base addresses, maintenance IRQ, UART, each CPU "
			"with its MPIDR), then\n"
			"the root cell.  Every cell: name, flags, CPUs (list and "
			"mask), reset address,\n"
			"its emulated console UART (address and INTID), its "
			"memory regions as a table\n"
			"(physical and cell address, size, flags in words), IRQ "
			"ranges and links.\n"
			"Runs on the build machine too.\n"
			"\n"
			"Each file is checked first, as `config check` does; a "
			"cell config is checked\n"
			"against the system config named before it, or, with "
			"none, only for its\n"
			"layout.  Problems are printed on stderr, and a file "
			"that has some is still\n"
			"shown as far as it goes.  Fails if any file is not "
			"valid.\n"
			"\n"
			"With --json, one object per file (an array of them "
			"for several files), with\n"
			"\"valid\" and \"problems\"; addresses and masks are "
			"strings (\"0x40000000\").\n",
		.min_args = 1,
		.max_args = -1,
		.run = configshow_run,
	},
	{
		.name = "cell create",
		.args = "<cell.cell>",
		.summary = "create a cell from its config",
		.help = "Hand the cell config <cell.cell> to warden.ko, which "
			"checks it against the\n"
			"system, takes the cell's CPUs offline in Linux and "
			"has the hypervisor take\n"
			"its CPUs, memory and IRQs from the root cell.  Prints "
			"the new cell's id.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 1,
		.max_args = 1,
		.run = cell_create,
	},
	{
		.name = "cell linux",
		.args = "<cell.cell> <kernel>",
		.opts = { &warden_opt_linux_initrd, &warden_opt_linux_cmdline,
			  &warden_opt_linux_dtb, &warden_opt_linux_write_dtb },
		.summary = "create a cell and boot a Linux kernel in it",
		.help = "Create the cell of <cell.cell>, load the arm64 Linux "
			"<kernel> into its RAM as the\n"
			"arm64 boot protocol asks (an Image, or a vmlinuz that "
			"is a gzip-compressed\n"
			"Image), with a device tree that describes what the "
			"cell owns and nothing\n"
			"else (its CPUs, RAM, GIC, timer, emulated console UART "
			"and the devices of its\n"
			"config, copied from the root's /sys/firmware/fdt), "
			"and the initrd if given.\n"
			"Then start its first CPU at the kernel with x0 = the "
			"tree's address.\n"
			"If a step fails, the cell is destroyed again.  "
			"docs/linux-cells.md tells more.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 2,
		.max_args = 2,
		.run = celllinux_run,
	},
	{
		.name = "cell load",
		.args = "<cell> <image>[@<address>]...",
		.summary = "load images into a created or stopped cell",
		.help = "Copy each <image> file into the cell's loadable memory, "
			"at <address> as the\n"
			"cell sees it (hex 0x... or decimal), by default at the "
			"start of its first\n"
			"loadable region.  At most 16 images.  <cell> is a "
			"cell's name or id.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 2,
		.max_args = -1,
		.run = cell_load,
	},
	{
		.name = "cell start",
		.args = "<cell>",
		.summary = "start a loaded cell at its reset address",
		.help = "Start the cell's first CPU at the config's reset "
			"address; its other CPUs wait\n"
			"for PSCI CPU_ON.  <cell> is a cell's name or id.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 1,
		.max_args = 1,
		.run = cell_start,
	},
	{
		.name = "cell shutdown",
		.args = "<cell>",
		.opts = { &warden_opt_force },
		.summary = "stop a cell, asking it first",
		.help = "Ask a running cell, through its comm region, to shut "
			"down, and wait up to\n"
			"5 s for its answer; a cell that refuses or does not "
			"answer keeps running,\n"
			"unless --force.  A cell that agrees and powers off "
			"itself (a Linux cell)\n"
			"has up to 30 s more to reach PSCI SYSTEM_OFF.  The "
			"cell keeps its resources\n"
			"and can be loaded and started again.  <cell> is a "
			"cell's name or id.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 1,
		.max_args = 1,
		.run = cell_shutdown,
	},
	{
		.name = "cell destroy",
		.args = "<cell>",
		.opts = { &warden_opt_force },
		.summary = "stop a cell and give everything back to Linux",
		.help = "Shut the cell down (asking it first, as `cell shutdown`"
			" does, unless\n"
			"--force), then give its CPUs, memory and IRQs back to "
			"the root cell; Linux\n"
			"brings the CPUs back online.  <cell> is a cell's name "
			"or id.\n"
			"Needs root and an enabled hypervisor.\n",
		.min_args = 1,
		.max_args = 1,
		.run = cell_destroy,
	},
	{
		.name = "cell list",
		.args = "",
		.opts = { &warden_opt_json },
		.summary = "list the cells: id, name, state, CPUs, failure",
		.help = "Print a table of the cells, the root cell (id 0, "
			"Linux, on the CPUs it has\n"
			"online) first:\n"
			"  ID  NAME  STATE  CPUS  FAILURE\n"
			"STATE is created, loading, loaded, running, shut-down "
			"or failed; FAILURE says\n"
			"why a failed cell failed.  Then, if there are links, a "
			"table of them:\n"
			"  LINK  SIDE 0  SIDE 1  DEVICE\n"
			"each side as \"<cell> (<state>)\"; DEVICE is the "
			"root's /dev/warden-link-*.\n"
			"\n"
			"With --json, one object: \"cells\" (\"id\", "
			"\"name\", \"state\", \"cpus\",\n"
			"\"failure\"; null where sysfs could not be read) and "
			"\"links\" (\"name\",\n"
			"\"sides\": two of {\"cell\", \"state\"}, "
			"\"device\" or null).\n"
			"Needs an enabled hypervisor.\n",
		.min_args = 0,
		.max_args = 0,
		.run = cell_list,
	},
	{
		.name = "cell stats",
		.args = "<cell>",
		.summary = "show a cell's exits to the hypervisor, per CPU",
		.help = "Print a table with a row per CPU of the cell and a "
			"total row, and a column\n"
			"per kind of exit to EL2: exits (all), hvc, smc, psci, "
			"mmio, irq, sgi, sysreg,\n"
			"maintenance.  <cell> is a cell's name or id.  Needs an "
			"enabled hypervisor.\n",
		.min_args = 1,
		.max_args = 1,
		.run = cell_stats,
	},
	{
		.name = "cell console",
		.args = "<cell>",
		.opts = { &warden_opt_follow, &warden_opt_send,
			  &warden_opt_attach },
		.summary = "print a cell's console output, or talk to it",
		.help = "Print the cell's console ring (its last 4 KiB of "
			"output).  With -f, keep\n"
			"printing what it writes (polling every 200 ms) until "
			"the cell is destroyed\n"
			"or the command is interrupted; output that scrolled "
			"out of the ring unseen\n"
			"is reported as \"[... N bytes lost]\".  A line that "
			"the cell writes through\n"
			"its emulated console UART shows before it ends (a "
			"prompt).\n"
			"\n"
			"Input goes to the cell's emulated console UART "
			"(vuart_base in its config);\n"
			"the cell must be running to read it.  --send TEXT "
			"sends TEXT, with escapes\n"
			"\\n \\r \\t \\\\ and \\xNN (two hex digits); "
			"while the UART's receive FIFO is\n"
			"full it waits, and fails if the cell reads nothing for "
			"5 s.  (A terminal's\n"
			"Enter is \\r.)  --attach prints as -f does and sends "
			"what is typed: a\n"
			"terminal is raw meanwhile (Ctrl-C is the cell's), and "
			"Ctrl-] detaches; input\n"
			"that is not a terminal is sent until its end, and then "
			"the output followed\n"
			"until the command is interrupted.  At most one of -f, "
			"--send and --attach.\n"
			"<cell> is a cell's name or id.  Needs an enabled "
			"hypervisor (root to send).\n",
		.min_args = 1,
		.max_args = 1,
		.run = cellconsole_run,
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

/* "-f|--follow", "--force" or "-o|--output FILE" */
static void warden_opt_name(char *buf, size_t size,
			    const struct warden_opt *opt)
{
	if (opt->short_name)
		snprintf(buf, size, "-%c|--%s", opt->short_name,
			 opt->long_name);
	else
		snprintf(buf, size, "--%s", opt->long_name);
	if (opt->value) {
		size_t len = strlen(buf);

		snprintf(buf + len, size - len, " %s", opt->value);
	}
}

/* "<name> [<options>] <args>" */
static void warden_cmd_synopsis(char *buf, size_t size,
				const struct warden_cmd *cmd)
{
	char opt[64];
	size_t len;
	int i;

	snprintf(buf, size, "%s", cmd->name);
	for (i = 0; cmd->opts[i]; i++) {
		warden_opt_name(opt, sizeof(opt), cmd->opts[i]);
		len = strlen(buf);
		snprintf(buf + len, size - len, " [%s]", opt);
	}
	len = strlen(buf);
	if (cmd->args[0])
		snprintf(buf + len, size - len, " %s", cmd->args);
}

static void warden_cmd_usage(FILE *out, const struct warden_cmd *cmd)
{
	char synopsis[512];

	warden_cmd_synopsis(synopsis, sizeof(synopsis), cmd);
	fprintf(out, "Usage: warden %s\n", synopsis);
}

static void warden_help(void)
{
	char synopsis[512];
	int i;

	printf("Usage: warden <command> [<arguments>]\n"
	       "       warden <command> --help | warden help <command>\n"
	       "       warden --help | --version\n"
	       "\n"
	       "Control the Warden static-partitioning hypervisor.\n"
	       "\n"
	       "Commands:\n");
	for (i = 0; i < WARDEN_NUM_CMDS; i++) {
		warden_cmd_synopsis(synopsis, sizeof(synopsis),
				    &warden_cmds[i]);
		if (strlen(synopsis) > 34)
			printf("  %s\n  %-34s %s\n", synopsis, "",
			       warden_cmds[i].summary);
		else
			printf("  %-34s %s\n", synopsis,
			       warden_cmds[i].summary);
	}
	printf("\n" WARDEN_EXIT_HELP);
}

static void warden_cmd_help(const struct warden_cmd *cmd)
{
	char name[64];
	int i;

	warden_cmd_usage(stdout, cmd);
	printf("\n%s", cmd->help);
	if (cmd->opts[0])
		printf("\nOptions:\n");
	for (i = 0; cmd->opts[i]; i++) {
		warden_opt_name(name, sizeof(name), cmd->opts[i]);
		printf("  %-18s %s\n", name, cmd->opts[i]->help);
	}
	printf("\n%s", WARDEN_EXIT_HELP);
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

/*
 * The option `arg` ("-f", "--follow", "--dtb=x.dtb") of cmd, or NULL if
 * unknown; *inline_value: the value after '=', if any.
 */
static const struct warden_opt *warden_opt_find(const struct warden_cmd *cmd,
						const char *arg,
						const char **inline_value)
{
	const struct warden_opt *opt;
	size_t len;
	int i;

	*inline_value = NULL;
	for (i = 0; (opt = cmd->opts[i]); i++) {
		len = strlen(opt->long_name);
		if (arg[1] == '-' && !strncmp(arg + 2, opt->long_name, len)) {
			if (!arg[2 + len])
				return opt;
			if (opt->value && arg[2 + len] == '=') {
				*inline_value = arg + 3 + len;
				return opt;
			}
		}
		if (opt->short_name && arg[1] == opt->short_name && !arg[2])
			return opt;
	}
	return NULL;
}

/*
 * A repeated list option's values, joined with commas: its parser sees one
 * list, however it was given.  512 characters hold far more items than
 * any list option accepts, so the parser still counts too many and says so.
 */
static const char *warden_opt_join(unsigned int flag, const char *value)
{
	static char joined[512];
	char prev[sizeof(joined) - 64]; /* the last value keeps some room */

	/* the previous value may be joined itself: copy it first */
	snprintf(prev, sizeof(prev), "%s",
		 warden_opt_values[__builtin_ctz(flag)]);
	snprintf(joined, sizeof(joined), "%s,%s", prev, value);
	return joined;
}

/*
 * Take option argv[i] (and its value) out of argv[0..*n): sets its flag and
 * value.  Returns 0, or the exit code of a usage error.
 */
static int warden_opt_take(const struct warden_cmd *cmd, char **argv, int i,
			   int *n, unsigned int *opts)
{
	const char *value;
	const struct warden_opt *opt = warden_opt_find(cmd, argv[i], &value);
	int words = 1;

	if (!opt) {
		warden_err("%s: unknown option '%s'", cmd->name, argv[i]);
		goto usage;
	}
	if (opt->value && !value) {
		/* "--dtb --help": help, not a file named --help */
		if (i + 1 < *n && warden_is_help(argv[i + 1])) {
			warden_cmd_help(cmd);
			return WARDEN_EXIT_HELP_DONE;
		}
		if (i + 1 >= *n) {
			warden_err("%s: option '%s' needs a %s", cmd->name,
				   argv[i], opt->value);
			goto usage;
		}
		value = argv[i + 1];
		words = 2;
	}
	if ((opt->flag & WARDEN_OPT_LISTS) && (*opts & opt->flag))
		value = warden_opt_join(opt->flag, value);
	*opts |= opt->flag;
	warden_opt_values[__builtin_ctz(opt->flag)] = value;
	*n -= words;
	memmove(&argv[i], &argv[i + words], sizeof(*argv) * (size_t)(*n - i));
	return WARDEN_EXIT_OK;
usage:
	warden_cmd_usage(stderr, cmd);
	return WARDEN_EXIT_USAGE;
}

/*
 * Take the options out of argv (up to "--"), into *opts.  Returns
 * WARDEN_EXIT_OK, or the exit code if the command is done (help, error).
 */
static int warden_cmd_opts(const struct warden_cmd *cmd, int *argc, char **argv,
			   unsigned int *opts)
{
	int i = 0, n = *argc, ret;

	while (i < n) {
		if (warden_is_help(argv[i])) {
			warden_cmd_help(cmd);
			return WARDEN_EXIT_HELP_DONE;
		}
		if (argv[i][0] != '-' || !argv[i][1]) {
			i++;
			continue;
		}
		if (!strcmp(argv[i], "--")) {
			n--; /* the rest are arguments */
			memmove(&argv[i], &argv[i + 1],
				sizeof(*argv) * (size_t)(n - i));
			break;
		}
		ret = warden_opt_take(cmd, argv, i, &n, opts);
		if (ret)
			return ret;
	}
	*argc = n;
	return WARDEN_EXIT_OK;
}

/* Options and argument count, then the command itself. */
static int warden_cmd_run(const struct warden_cmd *cmd, int argc, char **argv)
{
	unsigned int opts = 0;
	int ret;

	ret = warden_cmd_opts(cmd, &argc, argv, &opts);
	if (ret == WARDEN_EXIT_HELP_DONE)
		return WARDEN_EXIT_OK;
	if (ret)
		return ret;
	if (argc < cmd->min_args ||
	    (cmd->max_args >= 0 && argc > cmd->max_args)) {
		warden_err("%s: %s arguments", cmd->name,
			   argc < cmd->min_args ? "missing" : "too many");
		warden_cmd_usage(stderr, cmd);
		return WARDEN_EXIT_USAGE;
	}
	return cmd->run(argc, argv, opts);
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

static int warden_main(int argc, char **argv)
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

int main(int argc, char **argv)
{
	int ret = warden_main(argc, argv);

	/*
	 * stdout's error indicator is sticky: this one check covers every
	 * line printed (a full disk, a closed pipe), so that lost output is
	 * a failure rather than a silent success.
	 */
	if (fflush(stdout) || ferror(stdout)) {
		warden_err("writing the output failed");
		return ret ? ret : WARDEN_EXIT_FAIL;
	}
	return ret;
}
