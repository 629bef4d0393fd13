#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The tables of tools/realworld/migrate.sh for one project: what
# defer-migrate converted and refused (by reason), the test results of the
# four builds, and the converted functions' instructions under callgrind
# against the original's, by the same compiler.
#
# usage: migrate-report.py DIR PROJECT VERSION
# Exits non-zero if a converted build's tests do not give the original's
# result.
import collections
import re
import sys

d, project, version = sys.argv[1:4]
builds = ["original-gcc", "defer-gcc", "original-clang", "defer-clang"]

converted, refused = [], collections.Counter()
candidates = 0
line_re = re.compile(r"^(\S+):(\d+): (\w+) \((.*)\): (converted|refused: (.*))$")
for line in open(f"{d}/report.txt"):
    m = line_re.match(line.strip())
    if not m:
        continue
    candidates += 1
    if m.group(5) == "converted":
        converted.append((m.group(1), m.group(3)))
    else:
        # The reason without its particulars: names and lines.
        reason = re.sub(r"'[^']*'", "X", m.group(6))
        reason = re.sub(r"line \d+", "line N", reason)
        reason = re.sub(r"\s+", " ", re.sub(r"\(line N\)", "", reason)).strip()
        refused[reason] += 1

results = {}
for b in builds:
    try:
        words = open(f"{d}/{b}.result").read().split(maxsplit=2)
    except OSError:
        words = ["not-run", "0", ""]
    results[b] = (words[0], words[1], words[2].strip() if len(words) > 2 else "")


def counts(build):
    """Inclusive instructions per function name in the workload."""
    out = collections.Counter()
    try:
        text = open(f"{d}/{build}.cg.txt").read()
    except OSError:
        return out
    for line in text.splitlines():
        t = re.match(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?PROGRAM TOTALS", line)
        if t:
            out["(whole workload)"] += int(t.group(1).replace(",", ""))
            continue
        m = re.match(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?\S*?:(\S+?)(?:\s|$)", line)
        if m:
            out[m.group(2)] += int(m.group(1).replace(",", ""))
    return out


cg = {b: counts(b) for b in builds}
print(f"### {project} {version}\n")
print(f"{candidates} candidates, {len(converted)} converted, "
      f"{candidates - len(converted)} refused.\n")
if refused:
    print("| refused because | functions |\n|---|---:|")
    for reason, n in refused.most_common():
        print(f"| {reason} | {n} |")
    print()
print("| build | result | tests | seconds |\n|---|---|---|---:|")
for b in builds:
    r, s, t = results[b]
    print(f"| {b} | {r} | {t} | {s} |")
print()
status = 0
for plugin, base in (("defer-gcc", "original-gcc"), ("defer-clang", "original-clang")):
    if results[plugin][0] != results[base][0] or results[plugin][2] != results[base][2]:
        print(f"**{plugin}: tests give {results[plugin][0]} ({results[plugin][2]}), "
              f"the original {results[base][0]} ({results[base][2]})**\n")
        status = 1

print("| converted function | file | GCC original | GCC plugin | ratio "
      "| Clang original | Clang plugin | ratio |\n|---|---|---:|---:|---:|---:|---:|---:|")
ratios = {"gcc": [], "clang": []}
for f, fn in converted + [("", "(whole workload)")]:
    cells = []
    for key, plugin, base in (("gcc", "defer-gcc", "original-gcc"),
                              ("clang", "defer-clang", "original-clang")):
        a, b = cg[base].get(fn), cg[plugin].get(fn)
        if not a and not b:
            cells += ["not run or inlined", "", ""]
            continue
        ratio = f"{b / a:.3f}" if a and b else ""
        if a and b and f:
            ratios[key].append(b / a)
        cells += [str(a or "inlined"), str(b or "inlined"), ratio]
    name = f"`{fn}`" if f else fn
    print(f"| {name} | {f} | " + " | ".join(cells) + " |")
print()
for key in ("gcc", "clang"):
    r = ratios[key]
    if r:
        print(f"{key}: {len(r)} functions measured, ratios {min(r):.3f} to "
              f"{max(r):.3f}, {sum(1 for x in r if x <= 1.05)} within 1.05.\n")
sys.exit(status)
