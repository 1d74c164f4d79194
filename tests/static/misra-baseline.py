#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare cppcheck's MISRA findings with the baseline (tests/static/misra.sh).

    misra-baseline.py FINDINGS BASELINE DOC [--update]

FINDINGS: cppcheck's output, "file:line: ... [misra-c2012-R.N]" lines.
BASELINE: "rule count file" lines (tests/misra-baseline.txt).
DOC:      docs/misra.md, whose table has a row "| R.N | ... | count | ..."
          for every rule with findings (the count is the fourth cell).

Fails (exit 1), printing the findings, if a file has more findings of a
rule than the baseline allows (a rule the baseline does not list allows
none), or if the baseline and the document disagree.  Fewer findings than
the baseline pass, with a note.  --update rewrites the baseline from the
findings and the counts of the document's table from the baseline.
"""
import collections
import re
import sys

FINDING = re.compile(r'^(?P<file>[^:\s]+):(?P<line>\d+): .*\[misra-c2012-(?P<rule>[0-9.]+)\]$')
DOC_ROW = re.compile(r'^\|\s*(?P<rule>\d+\.\d+)\s*\|')


def rule_key(rule):
    return tuple(int(x) for x in rule.split('.'))


def read_findings(path):
    found = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            m = FINDING.match(line.strip())
            if m:
                found[(m['rule'], m['file'])].append(
                    '%s:%s: rule %s' % (m['file'], m['line'], m['rule']))
    return found


def read_baseline(path):
    base = {}
    try:
        with open(path) as f:
            for line in f:
                line = line.split('#', 1)[0].split()
                if line:
                    rule, count, name = line
                    base[(rule, name)] = int(count)
    except FileNotFoundError:
        pass
    return base


def by_rule(counts):
    totals = collections.Counter()
    for (rule, _), n in counts.items():
        totals[rule] += n
    return totals


def read_doc(path):
    """{rule: (index of the line, cells)} of the document's table rows."""
    rows = {}
    with open(path) as f:
        lines = f.read().split('\n')
    for i, line in enumerate(lines):
        if DOC_ROW.match(line):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            rows[cells[0]] = (i, cells)
    return lines, rows


def write_baseline(path, found):
    with open(path, 'w') as f:
        f.write('# MISRA C:2012 findings of cppcheck\'s misra addon over '
                'hypervisor/ and lib/\n'
                '# that are deviations (docs/misra.md): rule, count, file.\n'
                '# tests/static/misra.sh fails when a file has more '
                'findings of a rule\n'
                '# than listed here; `tests/static/misra.sh --update` '
                'rewrites this file.\n')
        for rule, name in sorted(found, key=lambda k: (rule_key(k[0]), k[1])):
            f.write('%-6s %4d  %s\n' % (rule, len(found[(rule, name)]), name))


def update_doc(path, totals):
    lines, rows = read_doc(path)
    for rule, (i, cells) in rows.items():
        cells[3] = str(totals.get(rule, 0))
        lines[i] = '| ' + ' | '.join(cells) + ' |'
    with open(path, 'w') as f:
        f.write('\n'.join(lines))
    missing = sorted(set(totals) - set(rows), key=rule_key)
    gone = sorted(set(rows) - set(totals), key=rule_key)
    for rule in missing:
        print('docs/misra.md: add a row for rule %s (%d findings): what it '
              'asks and why we deviate' % (rule, totals[rule]))
    for rule in gone:
        print('docs/misra.md: rule %s has no findings any more: remove its '
              'row' % rule)
    return not missing and not gone


def main():
    args = [a for a in sys.argv[1:] if a != '--update']
    update = len(args) != len(sys.argv) - 1
    findings, baseline_path, doc_path = args
    found = read_findings(findings)
    counts = {k: len(v) for k, v in found.items()}

    if update:
        write_baseline(baseline_path, found)
        ok = update_doc(doc_path, by_rule(counts))
        print('misra: wrote %s (%d findings) and the counts of %s'
              % (baseline_path, sum(counts.values()), doc_path))
        return 0 if ok else 1

    base = read_baseline(baseline_path)
    now_totals, base_totals = by_rule(counts), by_rule(base)
    print('misra: findings by rule (now / baseline):')
    for rule in sorted(set(now_totals) | set(base_totals), key=rule_key):
        print('  %-6s %5d / %d' % (rule, now_totals[rule], base_totals[rule]))
    print('  %-6s %5d / %d' % ('total', sum(now_totals.values()),
                               sum(base_totals.values())))

    ok = True
    for key in sorted(counts, key=lambda k: (rule_key(k[0]), k[1])):
        rule, name = key
        allowed = base.get(key, 0)
        if counts[key] > allowed:
            ok = False
            what = ('rule %s is not a listed deviation' % rule
                    if rule not in base_totals else
                    '%d findings, the baseline allows %d'
                    % (counts[key], allowed))
            print('NEW: %s, rule %s: %s; the findings (cppcheck cannot say '
                  'which are new):' % (name, rule, what))
            for line in found[key]:
                print('    ' + line)
    lower = [k for k in base if counts.get(k, 0) < base[k]]
    if lower:
        print('misra: %d file/rule pairs have fewer findings than the '
              'baseline; `tests/static/misra.sh --update` lowers it'
              % len(lower))

    _, rows = read_doc(doc_path)
    for rule in sorted(base_totals, key=rule_key):
        if rule not in rows:
            ok = False
            print('DOC: rule %s is in the baseline but has no row in %s'
                  % (rule, doc_path))
        elif rows[rule][1][3] != str(base_totals[rule]):
            ok = False
            print('DOC: rule %s: %s says %s findings, the baseline %d '
                  '(tests/static/misra.sh --update)'
                  % (rule, doc_path, rows[rule][1][3], base_totals[rule]))
    for rule in sorted(set(rows) - set(base_totals), key=rule_key):
        ok = False
        print('DOC: rule %s has a row in %s but no findings in the baseline'
              % (rule, doc_path))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
