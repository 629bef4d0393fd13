#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tables for tools/realworld/showcase.sh, in Markdown.

usage: report.py OUT PATCH VARIANT...

OUT holds one jansson build per VARIANT (OUT/<variant>/b/lib/libjansson.a),
OUT/tests.txt (one "variant result" line each) and, after --bench,
OUT/bench/<variant>.runs (jansson-bench output, several timed runs
appended), OUT/bench/<variant>.<phase>.cg (callgrind, one phase each) and
OUT/bench/<variant>.<phase>.out (jansson-bench output of that run).  Prints the
lines PATCH changes, the code size of every converted function and of the
library, and the benchmark figures.  Exits 1 if the benchmark's checksums
differ between variants or runs.
"""

import os
import re
import statistics
import subprocess
import sys

# The functions jansson-defer.patch converts, by file; parse_object_member
# is the helper it adds (a defer per loop iteration needs its own function).
CONVERTED = [
    ("load.c", ["lex_scan_string", "parse_object_member", "parse_object",
                "parse_array", "json_loads", "json_loadb", "json_loadf",
                "json_loadfd", "json_load_file", "json_load_callback"]),
    ("dump.c", ["do_dump", "json_dumps", "json_dump_file",
                "json_dump_callback"]),
    ("value.c", ["json_object_setn_new_nocheck", "do_object_update_recursive",
                 "json_object_update_recursive", "json_object_deep_copy",
                 "json_array_set_new", "json_array_append_new",
                 "json_array_insert_new", "json_array_deep_copy",
                 "json_vsprintf", "json_deep_copy"]),
    ("pack_unpack.c", ["read_string", "pack_object", "pack_array",
                       "unpack_object", "json_vpack_ex", "json_vunpack_ex"]),
]
CONVERTED_FILES = [f + ".o" for f, _ in CONVERTED]
# The one caller of each converted static function that compilers inline.
CALLER = {
    "lex_scan_string": "lex_scan", "parse_object_member": "parse_object",
    "parse_object": "parse_value", "parse_array": "parse_value",
    "json_object_deep_copy": "do_deep_copy", "json_array_deep_copy": "do_deep_copy",
    "pack_object": "pack", "pack_array": "pack", "unpack_object": "unpack",
}
PHASES = ["parse", "errors", "dump", "copy", "pack"]
# Ratio columns: variant -> the variant it is compared with.
BASELINE = {
    "original+plugin": "original",
    "defer": "original",
    "defer-nounwind": "original",
    "clang-defer": "clang-original",
    "clang-defer-nounwind": "clang-original",
}
RELEASE = re.compile(r"\b(jsonp_free|json_decref|strbuffer_close|hashtable_close|"
                     r"hashtable_del|lex_close|lex_free_string|fclose|va_end)\s*\(")


def library(out, variant):
    return os.path.join(out, variant, "b", "lib", "libjansson.a")


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def function_sizes(lib):
    """{base name: [hot bytes, cold bytes]} of the functions in the objects
    that the patch changes; a function's .cold, .isra, .part... pieces are
    counted with it, its .localalias (the same code) is not."""
    sizes = {}
    obj = None
    for line in run("nm", "-S", "--defined-only", lib).splitlines():
        if line.endswith(".o:"):
            obj = line[:-1]
            continue
        f = line.split()
        if len(f) != 4 or f[2] not in "tTW" or ".localalias" in f[3]:
            continue
        if not any(obj and obj.endswith(c) for c in CONVERTED_FILES):
            continue
        base = f[3].split(".")[0]
        entry = sizes.setdefault(base, [0, 0])
        entry[1 if ".cold" in f[3] else 0] += int(f[1], 16)
    return sizes


def section_sizes(lib):
    """Bytes of .text (all .text* sections), of which cold
    (.text.unlikely), .gcc_except_table and .eh_frame in the library."""
    total = {"text": 0, "cold": 0, "except": 0, "eh": 0}
    for line in run("size", "-A", lib).splitlines():
        f = line.split()
        if len(f) < 2 or not f[1].isdigit():
            continue
        name, n = f[0], int(f[1])
        if name == ".text" or name.startswith(".text."):
            total["text"] += n
            if name.startswith(".text.unlikely"):
                total["cold"] += n
        elif name == ".gcc_except_table":
            total["except"] += n
        elif name == ".eh_frame":
            total["eh"] += n
    return total


def ratio(new, old):
    return "%.3f" % (new / old) if old else "-"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def patch_summary(patch):
    """Per file: lines removed and added, gotos and labels removed, defers
    added, release calls removed and added."""
    files = {}
    cur = None
    for line in open(patch, encoding="utf-8"):
        if line.startswith("+++ "):
            cur = files.setdefault(os.path.basename(line.split()[1]), [0] * 7)
            continue
        if cur is None or line.startswith("--- "):
            continue
        if line.startswith("-"):
            body = line[1:]
            cur[0] += 1
            cur[2] += bool(re.search(r"\bgoto\s+\w+;", body))
            cur[3] += bool(re.match(r"^\w+:\s*$", body))
            cur[5] += len(RELEASE.findall(body))
        elif line.startswith("+"):
            body = line[1:]
            cur[1] += 1
            cur[4] += bool(re.match(r"^\s*(if \(.*\) )?defer\b", body))
            cur[6] += len(RELEASE.findall(body))
    return files


def print_patch(patch):
    files = patch_summary(patch)
    rows, total = [], [0] * 7
    for name in sorted(files):
        rows.append([name] + files[name])
        total = [a + b for a, b in zip(total, files[name])]
    rows.append(["**all**"] + total)
    print("### Lines\n")
    print(table(["file", "lines removed", "lines added", "`goto`s removed",
                 "labels removed", "`defer`s added", "release calls removed",
                 "release calls added"], rows))
    print("\n%d functions converted (and one helper added)." %
          sum(len(f) - (1 if n == "load.c" else 0) for n, f in CONVERTED))


def print_tests(out):
    oom = {}
    path = os.path.join(out, "oom.txt")
    if os.path.exists(path):
        for line in open(path):
            f = line.split()
            oom[f[0]] = ("same as original, no leak (%s runs)" % f[2]
                         if f[1] == "same" else "**%s**" % f[1])
    rows = []
    for line in open(os.path.join(out, "tests.txt")):
        name, result = line.split()
        if result == "pass":
            log = open(os.path.join(out, name + ".log"), errors="replace").read()
            m = re.findall(r"tests passed, 0 tests failed out of (\d+)", log)
            result = "%s tests pass" % m[-1] if m else "pass"
        rows.append([name, {"built": "not run", "FAIL": "**FAIL**"}.get(result, result),
                     oom.get(name, "-")])
    print("### Builds and test suites\n")
    print(table(["build", "jansson's test suite", "allocation failures (oom)"], rows))


def fmt_size(entry, name=None):
    if entry is None:
        return "in `%s`" % CALLER[name] if name in CALLER else "inlined"
    hot, cold = entry
    return "%d" % hot if not cold else "%d+%d" % (hot, cold)


def print_sizes(out, variants):
    sizes = {v: function_sizes(library(out, v)) for v in variants}
    cols = [v for v in ["original", "defer", "defer-nounwind", "clang-original",
                        "clang-defer", "clang-defer-nounwind"] if v in variants]
    header = ["function"]
    for v in cols:
        header.append(v)
        if v in BASELINE and BASELINE[v] in variants:
            header.append("ratio")

    def total(v, names):
        return sum(sum(sizes[v][n]) for n in names if n in sizes[v])

    def row(label, get):
        r = [label]
        for v in cols:
            r.append(get(v))
            if v in BASELINE and BASELINE[v] in variants:
                new, old = get(v, raw=True), get(BASELINE[v], raw=True)
                r.append(ratio(new, old) if new is not None and old else "")
        return r

    rows = []
    converted = [n for _, names in CONVERTED for n in names]
    for name in converted:
        def get(v, raw=False, name=name):
            e = sizes[v].get(name)
            if raw:
                return sum(e) if e else None
            if name == "parse_object_member" and "original" in v:
                return "-"
            return fmt_size(e, name)
        rows.append(row("`%s`" % name, get))
    # Functions that are not converted themselves but changed: the ones
    # the converted static functions are inlined into, and their callees.
    def bytes_of(v, n):
        return sum(sizes[v].get(n, [0, 0]))
    others = sorted(n for n in set(sizes["original"]) | set(sizes["defer"])
                    if n not in converted
                    and bytes_of("original", n) != bytes_of("defer", n))
    for name in others:
        def get(v, raw=False, name=name):
            e = sizes[v].get(name)
            if raw:
                return sum(e) if e else None
            return fmt_size(e) if e else "-"
        rows.append(row("(%s)" % name, get))
    everything = sorted(set().union(*(sizes[v] for v in cols)))

    def get_total(v, raw=False):
        t = total(v, everything)
        return t if raw else "**%d**" % t
    rows.append(row("**all functions of the 4 files**", get_total))
    print("### Code size of the converted functions\n")
    print("Bytes of machine code per function (`nm -S`), `hot+cold` where part "
          "of it went to `.text.unlikely` (for the functions with `defer`, the "
          "landing pads that run deferred blocks during unwinding). "
          "\"in `f`\": the function has no symbol of its own, its code is inlined "
          "into its caller `f`; names in parentheses are not converted but "
          "changed size, because converted functions are inlined into them or "
          "(`json_decref`, `lex_close`) they are no longer inlined everywhere.\n")
    print(table(header, rows))

    print("\n### Library totals\n")
    rows = []
    for v in variants:
        s = section_sizes(library(out, v))
        base = BASELINE.get(v)
        b = section_sizes(library(out, base)) if base in variants else None
        rows.append([v, s["text"], ratio(s["text"], b["text"]) if b else "",
                     s["cold"], s["except"], s["eh"],
                     ratio(s["text"] + s["except"] + s["eh"],
                           b["text"] + b["except"] + b["eh"]) if b else ""])
    print(table(["build", ".text", "ratio", "of which .text.unlikely",
                 ".gcc_except_table", ".eh_frame",
                 "ratio of .text + .gcc_except_table + .eh_frame"], rows))


def bench_results(out, variants):
    """({variant: {phase: median ns per iteration}},
    {variant: {phase: fastest ns per iteration}},
    {variant: {phase: instructions per iteration}}, problems)."""
    times, fastest, irs, sums, problems = {}, {}, {}, {}, []

    def lines(name):
        for line in open(os.path.join(out, "bench", name)):
            phase, n, ns, checksum = line.split()
            sums.setdefault((phase, n), set()).add(checksum)
            yield phase, int(n), float(ns)

    for v in variants:
        per_phase = {}
        for phase, n, ns in lines(v + ".runs"):
            per_phase.setdefault(phase, []).append(ns / n)
        times[v] = {p: statistics.median(x) for p, x in per_phase.items()}
        fastest[v] = {p: min(x) for p, x in per_phase.items()}
        irs[v] = {}
        for p in PHASES:
            text = open(os.path.join(out, "bench", "%s.%s.cg" % (v, p))).read()
            m = re.search(r"^summary:\s*(\d+)", text, re.M)
            n = [n for _, n, _ in lines("%s.%s.out" % (v, p))]
            irs[v][p] = int(m.group(1)) / n[0] if m and n else None
    for (phase, n), s in sorted(sums.items()):
        if len(s) != 1:
            problems.append("phase %s (%s iterations): checksums differ between "
                            "builds: %s" % (phase, n, " ".join(sorted(s))))
    return times, fastest, irs, problems


def print_bench(out, variants):
    times, fastest, irs, problems = bench_results(out, variants)
    for title, data, other in [
            ("Instructions executed per iteration (callgrind, inside the phase)",
             irs, None),
            ("Median wall-clock time per iteration, ns (ratio of the medians, "
             "in parentheses of the fastest runs)", times, fastest)]:
        header = ["phase"]
        for v in variants:
            header.append(v)
            if v in BASELINE and BASELINE[v] in variants:
                header.append("ratio")
        rows = []
        for p in PHASES:
            r = [p]
            for v in variants:
                x = data[v].get(p)
                r.append("%.0f" % x if x is not None else "-")
                if v in BASELINE and BASELINE[v] in variants:
                    b = data[BASELINE[v]].get(p)
                    raw = data[v].get(p)
                    cell = ratio(raw, b) if raw and b else ""
                    if other and cell:
                        cell += " (%s)" % ratio(other[v][p], other[BASELINE[v]][p])
                    r.append(cell)
            rows.append(r)
        print("\n### %s\n" % title)
        print(table(header, rows))
    for p in problems:
        print("\n**%s**" % p)
    return not problems


def main():
    out, patch, variants = sys.argv[1], sys.argv[2], sys.argv[3:]
    print_tests(out)
    print()
    print_patch(patch)
    print()
    if "original" in variants and "defer" in variants:
        print_sizes(out, variants)
    ok = True
    if os.path.isdir(os.path.join(out, "bench")):
        ok = print_bench(out, variants)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
