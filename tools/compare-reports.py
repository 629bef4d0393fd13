#!/usr/bin/env python3
"""Compare what the GCC and the Clang plugin say about the same files.

Both plugins run one analysis (plugin/common), so for every file they must
give the same diagnostics and the same per-site report
(-fplugin-arg-defer-report): same line, same kind, same text.  This
compiles each FILE with both plugins of the build tree and prints every
line one of them gives and the other does not.  Exit status 1 if any.

Files that a compiler refuses for reasons of its own (a missing header,
an implicit declaration Clang does not allow) are skipped.  -Wempty-body
is on for both, whose defaults differ.  Only the plugins' own messages
are compared (the compilers' own
diagnostics differ, and so does their wording of them).  A report is a
note under GCC and a remark under Clang; both count as `report`.  Columns
are left out: the two compilers point at different tokens of one
expression.  Warnings about what one compiler cannot do
(-fplugin-arg-defer-Wunwind) are that compiler's alone.

usage: compare-reports.py --build BUILD FILE...
"""

import argparse
import os
import re
import subprocess
import sys

# The plugins' messages (plugin/common/messages.h, report.cc) begin so.
OURS = re.compile(
    r"^('defer'|defer statement|cannot (return from|break out of|continue "
    r"loop outside|jump from)|jump (exits|enters)|enclosing 'defer'|OpenMP "
    r"construct|'defer_result' used|variable-length array|'[^']+' points to "
    r"a variable-length|assignment to '|address of '|'[^']+' is copied here)")
HOST_ONLY = ("[-fplugin-arg-defer-Wunwind]",)
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?:\d+:)? (?:fatal )?"
                  r"(?P<kind>error|warning|note|remark): (?P<text>.*)$")


def compilers(build, source_root):
    include = os.path.join(source_root, "runtime", "include")
    gcc_plugin = os.path.join(build, "plugin", "gcc", "defer.so")
    clang_plugin = os.path.join(build, "plugin", "clang", "defer-clang.so")
    # Each plugin runs under the compiler it was built for: the one its
    # lit suite names.
    driver = {"gcc": "gcc", "clang": "clang-22"}
    for name in driver:
        site = os.path.join(build, "test", name, "lit.site.cfg.py")
        if os.path.exists(site):
            m = re.search(r'config.compiler_path = "([^"]*)"', open(site).read())
            if m and m.group(1):
                driver[name] = m.group(1)
    gcc, clang = driver["gcc"], driver["clang"]
    return {
        "gcc": [gcc, "-fplugin=" + gcc_plugin, "-I" + include,
                "-fdiagnostics-color=never"],
        "clang": [clang, "-fplugin=" + clang_plugin, "-I" + include,
                  "-fno-color-diagnostics"],
    }


def said(command, path):
    """The plugin's lines for PATH: (line, kind, text) triples; None when
    the compiler refused the file for reasons of its own."""
    run = subprocess.run(command + ["-fplugin-arg-defer-report",
                                    "-Wempty-body", "-c", path,
                                    "-o", os.devnull],
                         capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL="C"))
    lines = set()
    for raw in run.stderr.splitlines():
        m = LINE.match(raw)
        if not m or os.path.basename(m.group("file")) != os.path.basename(path):
            continue
        text, kind = m.group("text"), m.group("kind")
        if kind == "error" and not OURS.match(text):
            return None
        if not OURS.match(text) or text.endswith(HOST_ONLY):
            continue
        if kind in ("note", "remark") and text.startswith("'defer' "):
            kind = "report"
        lines.add((int(m.group("line")), kind, text))
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cc = compilers(os.path.abspath(args.build), root)
    differ = skipped = 0
    for path in args.files:
        by = {name: said(cmd, path) for name, cmd in cc.items()}
        if None in by.values():
            skipped += 1
            continue
        for name, other in (("gcc", "clang"), ("clang", "gcc")):
            for line, kind, text in sorted(by[name] - by[other]):
                print("%s:%d: only %s: %s: %s" % (path, line, name, kind, text))
                differ += 1
    print("%d files, %d compared, %d differences"
          % (len(args.files), len(args.files) - skipped, differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
