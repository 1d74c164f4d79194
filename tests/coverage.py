#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Line coverage of hypervisor/, lib/ and inmates/lib/ by the host unit tests.

Reads the gcov data of every unit test program built by `make coverage`
(<dir>/unit/<test>/**.gcda) and the arm64 notes files of every C file of the
hypervisor and lib/ (<dir>/base/**.gcno, never run: they give the executable
lines of files no unit test compiles).  A line counts as run if any test ran
it.  Prints a table per file and per area, and exits 1 if an area is below
its floor in the threshold file, or if a file is neither measured nor
excluded.

Usage: coverage.py --top TOP --dir BUILD/coverage --exclude FILE
                   --threshold FILE
"""

import argparse
import fnmatch
import json
import os
import subprocess
import sys

AREAS = ("hypervisor/core", "hypervisor/arch/arm64", "lib", "inmates/lib")


def gcov_json(files, cwd):
    """Yield gcov's JSON document for each notes or data file."""
    # one gcov run per batch; gcov prints one JSON document per line
    for i in range(0, len(files), 64):
        out = subprocess.run(
            ["gcov", "--stdout", "--json-format"] + files[i:i + 64],
            cwd=cwd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.exit("coverage: gcov failed:\n" + out.stderr)
        for line in out.stdout.splitlines():
            if line.strip():
                yield json.loads(line)


def find(root, suffix):
    found = []
    for d, _, names in os.walk(root):
        found += [os.path.join(d, n) for n in names if n.endswith(suffix)]
    return sorted(found)


def rel_source(top, doc, path):
    """The source path relative to the top of the tree, or None."""
    if not os.path.isabs(path):
        path = os.path.join(doc.get("current_working_directory", top), path)
    path = os.path.relpath(os.path.realpath(path), top)
    if path.startswith("..") or not path.endswith(".c"):
        return None
    if not any(path.startswith(a + "/") for a in AREAS):
        return None
    return path


def collect(top, paths):
    """{file: {line: run?}} over the given gcda/gcno files."""
    lines = {}
    for doc in gcov_json(paths, top):
        for f in doc["files"]:
            src = rel_source(top, doc, f["file"])
            if src is None:
                continue
            seen = lines.setdefault(src, {})
            for ln in f["lines"]:
                n = ln["line_number"]
                seen[n] = seen.get(n, False) or ln["count"] > 0
    return lines


def read_table(path, fields):
    """The lines of a file that are not blank or comments ('#' first),
    split into `fields` columns (the last takes the rest of the line)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if line and not line.startswith("#"):
                rows.append(line.split(None, fields - 1))
    return rows


def area_of(path):
    for a in AREAS:
        if path.startswith(a + "/"):
            return a
    return None


def pct(run, total):
    return 100.0 * run / total if total else 100.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--exclude", required=True)
    ap.add_argument("--threshold", required=True)
    args = ap.parse_args()
    top = os.path.realpath(args.top)

    tested = collect(top, find(os.path.join(args.dir, "unit"), ".gcda"))
    base = collect(top, find(os.path.join(args.dir, "base"), ".gcno"))

    excludes = []
    for row in read_table(args.exclude, 2):
        if len(row) < 2:
            sys.exit(f"coverage: {args.exclude}: no reason for {row[0]}")
        excludes.append((row[0], row[1]))

    def excluded(path):
        return any(fnmatch.fnmatch(path, pat) for pat, _ in excludes)

    sources = sorted(set(base) | set(tested))
    bad = 0
    rows = []
    for src in sources:
        if excluded(src):
            continue
        # a file a test compiled: its lines as the host build sees them
        lines = tested.get(src, base.get(src, {}))
        run = sum(1 for v in lines.values() if v)
        rows.append((src, len(lines), run, src in tested))

    # every C file of the areas must be measured or excluded
    for area in AREAS:
        for d, _, names in os.walk(os.path.join(top, area)):
            for n in names:
                p = os.path.relpath(os.path.join(d, n), top)
                if p.endswith(".c") and p not in sources and not excluded(p):
                    print(f"coverage: {p}: no coverage data (not built?)")
                    bad = 1

    print("Line coverage by the host unit tests (make coverage):")
    print(f"  {'file':<36} {'lines':>6} {'run':>6} {'%':>6}")
    totals = {a: [0, 0] for a in AREAS}
    for src, total, run, was_tested in rows:
        a = area_of(src)
        totals[a][0] += total
        totals[a][1] += run
        note = "" if was_tested else "  (no unit test)"
        print(f"  {src:<36} {total:>6} {run:>6} {pct(run, total):>6.1f}{note}")
    print(f"  {'area':<36} {'lines':>6} {'run':>6} {'%':>6}  floor  goal")

    floors = {}
    for row in read_table(args.threshold, 3):
        if len(row) < 3 or row[0] not in AREAS:
            sys.exit(f"coverage: {args.threshold}: bad line: {' '.join(row)}")
        floors[row[0]] = (float(row[1]), row[2].strip())
    all_total = all_run = 0
    failed = []
    for a in AREAS:
        total, run = totals[a]
        all_total += total
        all_run += run
        floor, goal = floors.get(a, (0.0, "-"))
        p = pct(run, total)
        print(f"  {a + '/':<36} {total:>6} {run:>6} {p:>6.1f}  "
              f"{floor:>5.0f}  {goal}")
        if p < floor:
            failed.append(f"{a}/ at {p:.1f}% is below its floor of {floor:.0f}%")
    print(f"  {'all':<36} {all_total:>6} {all_run:>6} "
          f"{pct(all_run, all_total):>6.1f}")
    print("  excluded (tests/coverage-exclude.txt): " +
          ", ".join(pat for pat, _ in excludes))
    for f in failed:
        print(f"coverage: {f} ({os.path.relpath(args.threshold, top)})")
    return 1 if failed or bad else 0


if __name__ == "__main__":
    sys.exit(main())
