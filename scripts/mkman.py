#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# The man pages, each generated from the one place that already says it
# (`make man`; nothing here repeats a help text):
#
#   mkman.py warden WARDEN_HOST OUT          warden(8): the CLI's own help
#       texts, `warden --help` for the list of commands and
#       `warden <command> --help` for each command's section.
#   mkman.py config REFERENCE_MD OUT         warden-config(5): the config
#       reference, docs/config-reference.md, which tests/docs.sh checks
#       against include/warden/config.h (every struct field, every flag).
#   mkman.py link-ping LINK_PING_C OUT       warden-link-ping(1): the
#       leading comment of tools/link-ping.c and its usage() string.
#
# The pages use the man macros only, and render with no warnings under
# `groff -ww -man` (tests/docs.sh checks that).
import re
import subprocess
import sys

DATE = "2026"
SOURCE = "Warden"
MANUAL = "Warden manual"


def esc(text):
    """Escape text for a roff text line (not a request line)."""
    text = text.replace("\\", "\\e")
    # a leading dot or quote would be read as a request
    if text.startswith(".") or text.startswith("'"):
        text = "\\&" + text
    return text


def esc_opt(text):
    """Escape an option or a command line: minus signs, not hyphens."""
    return esc(text).replace("-", "\\-")


def inline_md(text):
    """`code` -> bold, **strong** -> bold, on escaped text."""
    text = esc(text)
    text = re.sub(r"`([^`]+)`", lambda m: "\\fB" + m.group(1).replace("-", "\\-") + "\\fR", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return text


def header(name, section, title):
    return [
        '.TH %s %s "%s" "%s" "%s"' % (name.upper(), section, DATE, SOURCE, MANUAL),
        ".SH NAME",
        "%s \\- %s" % (esc_opt(name), esc(title)),
    ]


# --- warden(8) ---------------------------------------------------------------


def run_help(warden, words):
    out = subprocess.run([warden] + words + ["--help"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("mkman: `warden %s --help` failed (rc=%d)" % (" ".join(words), out.returncode))
    # the build tree's header directory, which the host build names as its
    # default: the installed CLI's is /usr/include (tools/warden.c)
    return re.sub(r"(\$WARDEN_INCLUDE, else) \S+\)", r"\1 /usr/include)", out.stdout)


def commands(top_help):
    """The command words of each line of the Commands: block."""
    block = top_help.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    cmds = []
    for line in block.splitlines():
        if not line.startswith("  ") or line.startswith("   "):
            continue
        words = []
        # the command's words end at its first argument, or at the gap
        # before the description
        for w in re.split(r"\s{2,}", line.strip())[0].split():
            if not re.match(r"^[a-z][a-z-]*$", w):
                break
            words.append(w)
        cmds.append(words)
    return cmds


def help_body(text):
    """A command's help, as roff: paragraphs, indented blocks, options."""
    out = []
    lines = text.rstrip("\n").split("\n")
    usage = []
    i = 0
    while i < len(lines) and lines[i]:
        usage.append(re.sub(r"^Usage: *", "", lines[i]).strip())
        i += 1
    for u in usage:
        out += [".PP", ".B " + esc_opt(u)]
    para = []
    literal = False
    in_opts = False

    def flush():
        nonlocal para
        if para:
            out.append(".PP")
            out.extend(esc(p) for p in para)
        para = []

    for line in lines[i:]:
        if line.startswith("Exit status:"):
            continue  # the same for every command: EXIT STATUS
        if line == "Options:":
            flush()
            in_opts = True
            continue
        if not line:
            flush()
            if literal:
                out.append(".fi")
                out.append(".RE")
                literal = False
            continue
        if in_opts:
            m = re.match(r"^  (-\S+(?: [A-Z][A-Z_]*)?)\s{2,}(.*)$", line)
            if m:
                out += [".TP", ".B " + esc_opt(m.group(1)), esc(m.group(2))]
            else:
                out.append(esc(line.strip()))
            continue
        if line.startswith("  "):
            if not literal:
                flush()
                out += [".RS 4", ".nf"]
                literal = True
            out.append(esc(line[2:]))
            continue
        if literal:
            out += [".fi", ".RE"]
            literal = False
        para.append(line.strip())
    flush()
    if literal:
        out += [".fi", ".RE"]
    return out


def warden_page(warden):
    top = run_help(warden, [])
    cmds = commands(top)
    if not cmds:
        sys.exit("mkman: no commands in `warden --help`")
    out = header("warden", 8, "control the Warden static-partitioning hypervisor")
    out += [".SH SYNOPSIS"]
    for line in top.split("\n\n", 1)[0].splitlines():
        out += [".br", ".B " + esc_opt(re.sub(r"^(Usage:)? *", "", line))]
    desc = top.split("\n\n", 2)[1].strip()
    out += [".SH DESCRIPTION", esc(desc)]
    out += [
        ".PP",
        "Each command below is one section; its text is the command's own "
        "\\fB\\-\\-help\\fR, which \\fBwarden help\\fR \\fIcommand\\fR also prints.",
        "Cells are named by name or by id.",
        "The configs are described in \\fBwarden-config\\fR(5).",
        ".SH COMMANDS",
    ]
    for words in cmds:
        out.append('.SS "%s"' % esc_opt(" ".join(words)))
        out += help_body(run_help(warden, words))
    status = re.search(r"^Exit status: (.*)$", top, re.M)
    out += [".SH EXIT STATUS", esc(status.group(1) if status else "")]
    out += [
        ".SH FILES",
        ".TP",
        ".I /dev/warden",
        "the driver's control device (warden.ko)",
        ".TP",
        ".I /lib/firmware/warden.bin",
        "the hypervisor image that \\fBenable\\fR loads",
        ".TP",
        ".I /sys/devices/warden/",
        "state, statistics and consoles of the hypervisor and its cells",
        ".TP",
        ".I /etc/warden/",
        "configs (.cell files)",
        ".SH SEE ALSO",
        "\\fBwarden-config\\fR(5), \\fBwarden-link-ping\\fR(1);",
        "the guides in the source tree's docs/: getting-started.md, porting.md,",
        "inmates.md, config-reference.md, architecture.md.",
    ]
    return out


# --- warden-config(5) ---------------------------------------------------------


def md_page(md, name, section, title):
    """A subset of Markdown (what docs/config-reference.md uses) as roff."""
    out = header(name, section, title)
    lines = md.splitlines()
    i = 0
    para = []
    in_list = False

    def flush():
        nonlocal para
        if para:
            # one line: a `code` span may cross the source's line breaks
            out.append(".PP")
            out.append(inline_md(" ".join(para)))
        para = []

    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith("<!--"):
            while "-->" not in line and i < len(lines):
                line = lines[i]
                i += 1
            continue
        if line.startswith("# "):
            continue  # the page's title: NAME says it
        if line.startswith("```"):
            flush()
            out += [".PP", ".RS 4", ".nf"]
            while i < len(lines) and not lines[i].startswith("```"):
                out.append(esc(lines[i]) if lines[i] else "")
                i += 1
            i += 1
            out += [".fi", ".RE"]
            continue
        m = re.match(r"^(#{2,4}) (.*)$", line)
        if m:
            flush()
            in_list = False
            level = len(m.group(1))
            title = re.sub(r"`", "", m.group(2))
            if level == 2:
                out.append('.SH "%s"' % esc(title.upper()))
            else:
                out.append('.SS "%s"' % esc(title))
            continue
        if not line.strip():
            flush()
            continue
        m = re.match(r"^- (.*)$", line)
        if m:
            flush()
            in_list = True
            item = m.group(1)
            # the item's continuation lines, indented
            while i < len(lines) and lines[i].startswith("  ") and lines[i].strip():
                item += " " + lines[i].strip()
                i += 1
            f = re.match(r"^\*\*`([^`]+)`\*\*(?: \(([^)]*)\))?:? ?(.*)$", item, re.S)
            if f:
                tag = "\\fB" + esc_opt(f.group(1)) + "\\fR"
                if f.group(2):
                    tag += " (" + inline_md(f.group(2)) + ")"
                out += [".TP", tag]
                para = [f.group(3)] if f.group(3) else []
                if para:
                    out.extend(inline_md(p) for p in para)
                    para = []
            else:
                out += [".IP \\(bu 2", inline_md(item)]
            continue
        in_list = False
        para.append(line.strip())
    flush()
    return out


# --- warden-link-ping(1) --------------------------------------------------------


def link_ping_page(src):
    text = open(src).read()
    comment = re.search(r"/\*\n(.*?)\*/", text, re.S).group(1)
    body = [re.sub(r"^ \* ?", "", l).rstrip() for l in comment.splitlines()]
    usage = re.search(r'"usage: (warden-link-ping [^"\\]*)\\n"', text).group(1)
    paras, cur = [], []
    for l in body + [""]:
        if l.strip():
            cur.append(l.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    out = header("warden-link-ping", 1, "ping an inmate over a Warden link")
    out += [".SH SYNOPSIS", ".B " + esc_opt(usage), ".SH DESCRIPTION"]
    status = ""
    for p in paras:
        if p.startswith("warden-link-ping ["):
            continue  # the usage line: SYNOPSIS has it, from usage()
        if p.startswith("Exit status: "):
            status = p[len("Exit status: "):]
            continue
        if p.startswith("warden-link-ping: "):
            p = "\\fBwarden-link-ping\\fR is " + esc(p[len("warden-link-ping: "):])
        else:
            p = esc(p)
        out += [".PP"] + re.split(r"(?<=\.)  ", p)
    if status:
        out += [".SH EXIT STATUS"] + [esc(s) for s in re.split(r", (?=\d )", status)]
    out += [
        ".SH SEE ALSO",
        "\\fBwarden\\fR(8), \\fBwarden-config\\fR(5);",
        "docs/links.md in the source tree.",
    ]
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: mkman.py warden|config|link-ping INPUT OUT")
    kind, src, dst = sys.argv[1:]
    if kind == "warden":
        lines = warden_page(src)
    elif kind == "config":
        lines = md_page(open(src).read(), "warden-config", 5,
                        "Warden system and cell configuration files")
    elif kind == "link-ping":
        lines = link_ping_page(src)
    else:
        sys.exit("mkman: unknown page " + kind)
    with open(dst, "w") as f:
        f.write("\n".join(lines) + "\n")


main()
