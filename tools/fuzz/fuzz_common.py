# SPDX-License-Identifier: MIT
"""What the differential fuzzers share: the model's control-flow signals,
building and running one program, shrinking a failing program, and the
command-line options every fuzzer takes.

defer_fuzz.py (Go-style defer) and ts_fuzz.py (block-scoped _Defer) each
have their own generator, model and C emitter; only the driver is common.
"""

import os
import re
import subprocess


# --- the model's control flow -------------------------------------------
# A model runs a statement list in Python and signals the C statements
# that leave it by raising one of these.

class Return(Exception):
    def __init__(self, value):
        self.value = value


class Break(Exception):
    pass


class Continue(Exception):
    pass


class SwitchBreak(Exception):
    pass


class Again(Exception):
    """A backward goto to the label of goto cycle TARGET."""

    def __init__(self, target):
        self.target = target


# --- building and running ------------------------------------------------

def gcc_driver(build):
    """The GCC that BUILD's plugin was built for: the compiler its GCC lit
    suite names (-DDEFER_GCC), else plain gcc.  A plugin loads only into
    the GCC release it was built for."""
    site = os.path.join(build or "", "test", "gcc", "lit.site.cfg.py")
    if build and os.path.exists(site):
        with open(site) as f:
            m = re.search(r'config.compiler_path = "([^"]*)"', f.read())
        if m and m.group(1):
            return m.group(1)
    return "gcc"


RUN_TIMEOUT = 20


def build_and_run(cmd, sources, exe, link):
    """The output of the program built by CMD from SOURCES into EXE,
    with 'EXIT n' appended when it fails, or why it did not build or
    finish."""
    c = subprocess.run(cmd + sources + ["-o", exe] + link,
                       capture_output=True, text=True)
    if c.returncode != 0:
        return "COMPILE ERROR\n" + c.stderr[-2000:]
    try:
        r = subprocess.run([exe], capture_output=True, text=True,
                           timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return "TIMEOUT\n"
    return r.stdout + ("" if r.returncode == 0 else
                       "EXIT %d\n" % r.returncode)


# --- shrinking -------------------------------------------------------------

def shrink_program(funcs, inputs, sub_lists, still_fails, keep=()):
    """Removes statements of FUNCS (and trailing INPUTS) while
    STILL_FAILS() holds; SUB_LISTS(s) yields the statement lists nested
    in statement s; statements whose kind is in KEEP stay.  Changes
    FUNCS and INPUTS in place and returns them."""
    def lists(stmts):
        yield stmts
        for s in stmts:
            for b in sub_lists(s):
                yield from lists(b)

    changed = True
    while changed:
        changed = False
        for fn in funcs:
            for stmts in list(lists(fn.body)):
                i = 0
                while i < len(stmts):
                    if stmts[i][0] in keep:
                        i += 1
                        continue
                    removed = stmts.pop(i)
                    if still_fails():
                        changed = True
                    else:
                        stmts.insert(i, removed)
                        i += 1
        while len(inputs) > 1:
            last = inputs.pop()
            if not still_fails():
                inputs.append(last)
                break
    return funcs, inputs


# --- the command line -----------------------------------------------------

def add_common_arguments(ap, header):
    """The options of every fuzzer: seeds, parallelism, where failing
    programs go, where HEADER is found."""
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default=".")
    ap.add_argument("--include", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "../../runtime/include"),
        help="directory of <%s>" % header)
