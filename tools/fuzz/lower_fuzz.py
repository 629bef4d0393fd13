#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""defer-lower on the random programs of ts_fuzz.py.

Each program uses block-scoped `_Defer` heavily (ts_fuzz.py says how),
some with the Go-style `__defer` beside it.  defer-lower writes it as
plain C, each compiler given (gcc, clang, tcc: no plugin) builds that,
and every program must print what ts_fuzz.py's model of docs/REFERENCE.md
predicts.  Programs are lowered and built a batch per translation unit; a
unit that fails is checked a program at a time, and each failing program
is kept as lower-fail-<seed>.c in --out, with what it should print.

usage: lower_fuzz.py --tool DEFER_LOWER --cc CC [--cc CC ...]
                     --include DIR --libdir DIR [--seed S] [--count N]
                     [--batch B] [--nested] [--out DIR]
Exit status 0 when every program matched, 1 otherwise.
"""

import argparse
import os
import subprocess
import sys
import tempfile

import ts_fuzz
from fuzz_common import build_and_run


def outputs(programs, args, work):
    """{compiler: output} of PROGRAMS lowered and built as one unit; the
    tool's own failure stands for every compiler's output."""
    source = os.path.join(work, "unit.c")
    lowered = os.path.join(work, "unit.lowered.c")
    with open(source, "w") as f:
        f.write(ts_fuzz.unit_c(programs))
    tool = subprocess.run([args.tool, source, "-o", lowered, "--",
                           "-I" + args.include],
                          capture_output=True, text=True)
    if tool.returncode != 0:
        return {cc: "DEFER-LOWER FAILED\n" + tool.stderr[-2000:]
                for cc in args.cc}
    link = ["-L" + args.libdir, "-Wl,-rpath," + args.libdir, "-ldefer"]
    return {cc: build_and_run([cc, "-w", "-O1", "-I" + args.include],
                              [lowered], os.path.join(work, "unit.exe"),
                              link)
            for cc in args.cc}


def wrong(programs, args, work):
    """{seed: {compiler: output}} of the programs that print other than
    the model says, built as one unit."""
    got = outputs(programs, args, work)
    bad = {}
    for seed, funcs, inputs, _ in programs:
        want = ts_fuzz.predict(funcs, inputs)
        for cc, out in got.items():
            mine = ts_fuzz.split(out).get(seed, out) \
                if len(programs) > 1 else out
            if mine != want:
                bad.setdefault(seed, {})[cc] = mine
    return bad


def check(seeds, args):
    """[(seed, {compiler: output})] of the failing programs of SEEDS."""
    programs = []
    for seed in seeds:
        funcs, inputs, _ = ts_fuzz.generate(seed)
        try:
            ts_fuzz.predict(funcs, inputs)
        except RuntimeError:
            continue  # too long to model: skip
        programs.append((seed, funcs, inputs, "_Defer"))
    failures = []
    with tempfile.TemporaryDirectory() as work:
        if not wrong(programs, args, work):
            return failures, len(programs)
        # Alone, a program may pass: a unit's compile error or crash
        # belongs to one of its programs.
        for p in programs:
            bad = wrong([p], args, work)
            if bad:
                path = os.path.join(args.out, "lower-fail-%d.c" % p[0])
                with open(path, "w") as f:
                    f.write(ts_fuzz.to_c(p[1], p[2], "_Defer"))
                    f.write("/* expected:\n%s*/\n"
                            % ts_fuzz.predict(p[1], p[2]))
                failures.append((p[0], path, bad[p[0]]))
    return failures, len(programs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True, help="defer-lower")
    ap.add_argument("--cc", action="append", required=True,
                    help="a plain C compiler (repeatable)")
    ap.add_argument("--include", required=True,
                    help="the directory of <defer-runtime.h>")
    ap.add_argument("--libdir", required=True,
                    help="the directory of the built libdefer")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--nested", action="store_true",
                    help="also `_Defer _Defer X;` (ts_fuzz.py --nested)")
    ap.add_argument("--out", default=".")
    args = ap.parse_args()
    ts_fuzz.NESTED[0] = args.nested
    os.makedirs(args.out, exist_ok=True)
    seeds = list(range(args.seed, args.seed + args.count))
    failures, run = [], 0
    for i in range(0, len(seeds), args.batch):
        bad, n = check(seeds[i:i + args.batch], args)
        run += n
        for seed, path, outs in bad:
            failures.append(seed)
            print("FAIL seed %d: %s (%s)" % (seed, path, " ".join(sorted(outs))))
    print("%d programs (%d run), %d compilers (%s), %d failures" % (
        len(seeds), run, len(args.cc),
        " ".join(os.path.basename(cc) for cc in args.cc), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
