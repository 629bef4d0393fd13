#!/usr/bin/env python3
"""Differential fuzzing of the defer plugins.

Generates random, valid C programs that use `defer` heavily (nested
blocks, if/else, switch with fall-through, for/while/do loops with break
and continue, forward goto, early returns at any depth, recursion, loop
and outer variables read by deferred blocks, defer_result, panics and
recovers), predicts each
program's output with a model of SEMANTICS.md written here (an interpreter
of the generator's own program representation, independent of both
plugins), compiles the program with the GCC and the Clang plugin at -O0
and -O2, runs it and compares all four outputs with the prediction.  A
program that differs is shrunk to a small reproducer.

usage: defer_fuzz.py --build BUILD [--seed S] [--count N] [--jobs J]
                     [--out DIR] [--include DIR]
Exit status 0 when every program matched, 1 otherwise.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

# --- program representation ---------------------------------------------
# A statement is a tuple; the first element names its kind:
#   ("trace", n)                  print n
#   ("tracev", n, var)            print n and a variable's value
#   ("set", var, k)               var = var * 3 + k (ints stay small: mod)
#   ("defer", body)               body: list of statements (no defer)
#   ("if", bit, then, else)       if ((x >> bit) & 1)
#   ("for", var, count, body, copied)
#                                 for (int var = 0; var < count; var++)
#   ("while", var, count, body, copied)
#                                 int var = 0; while (var < count) { var++; body }
#   ("do", var, count, body, copied)
#                                 int var = 0; do { var++; body } while (var < count)
#                                 copied: a defer inside copies var (SEMANTICS
#                                 section 3: declared in a loop containing it)
#   ("break_if", var, k)          if (var == k) break;
#   ("continue_if", var, k)       if (var == k) continue;
#   ("return", k)                 return k + outer var (early return)
#   ("call", f)                   acc = acc * 5 + f(x >> 1)
#   ("recurse",)                  if (depth > 0) acc += self(x, depth - 1)
#   ("result", k)                 (in deferred blocks) defer_result = defer_result * 7 + k
#   ("switch", bit, cases)        switch ((x >> bit) & 3), cases fall through
#                                 unless they end in ("brk",)
#   ("brk",)                      break out of the switch
#   ("goto_skip", bit, body)      if ((x >> bit) & 1) goto L; body; L:;
#   ("panic", n)                  defer_panicf("p%d", n) (function bodies only)
#   ("recover", n, k)             (deferred blocks) if a panic is recovered:
#                                 print its message, defer_result = k
MOD = 1000003


class Function:
    def __init__(self, index, body, recursive):
        self.index = index
        self.body = body
        self.recursive = recursive

    @property
    def name(self):
        return "f%d" % self.index


# --- generator ----------------------------------------------------------

class Generator:
    def __init__(self, rng, nfuncs):
        self.rng = rng
        self.nfuncs = nfuncs
        self.vars = 0  # loop variables get names of their own

    def block(self, fn, depth, loops, in_defer, in_switch, budget):
        out = []
        for _ in range(self.rng.randint(1, 4)):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            out.append(self.stmt(fn, depth, loops, in_defer, in_switch, budget))
        return out

    def stmt(self, fn, depth, loops, in_defer, in_switch, budget):
        r = self.rng
        choices = ["trace", "trace", "set"]
        visible = [entry[0] for entry in loops]
        in_loop = bool(loops)
        if visible:
            choices += ["tracev"]
        if not in_defer:
            choices += ["defer", "defer", "defer"]
            if depth < 4:
                choices += ["if", "for", "while", "do", "switch", "goto"]
            choices += ["return"]
            if r.random() < 0.3:
                choices += ["panic"]
            if fn.index + 1 < self.nfuncs:
                choices += ["call"]
            if fn.recursive:
                choices += ["recurse"]
            if loops and loops[-1][2:] == ("loop",) and not in_switch:
                choices += ["break_if", "continue_if"]
        else:
            choices += ["result", "result", "recover"]
            if depth < 3:
                choices += ["if", "for"]
        kind = r.choice(choices)
        if kind == "trace":
            return ("trace", r.randint(1, 999))
        if kind == "tracev":
            return ("tracev", r.randint(1, 999), r.choice(visible + ["v"]))
        if kind == "set":
            return ("set", "v", r.randint(0, 9))
        if kind == "result":
            return ("result", r.randint(0, 9))
        if kind == "defer":
            return ("defer", self.block(fn, depth + 1, loops, True, False,
                                        [3]))
        if kind == "if":
            return ("if", r.randint(0, 7),
                    self.block(fn, depth + 1, loops, in_defer, in_switch, budget),
                    self.block(fn, depth + 1, loops, in_defer, in_switch, budget)
                    if r.random() < 0.5 else [])
        if kind in ("for", "while", "do"):
            self.vars += 1
            var = "i%d" % self.vars
            if in_defer:
                kind = "for"
            # Copied by a defer inside: a for variable (declared in its
            # loop), or one declared inside an enclosing loop.
            copied = kind == "for" or in_loop
            return (kind, var, r.randint(0, 3),
                    self.block(fn, depth + 1, loops + [(var, copied, "loop")],
                               in_defer, False, budget), copied)
        if kind == "switch":
            cases = []
            for _ in range(r.randint(1, 3)):
                body = self.block(fn, depth + 1, loops, False, True, budget)
                if r.random() < 0.5:
                    body = body + [("brk",)]
                cases.append(body)
            return ("switch", r.randint(0, 6), cases)
        if kind == "goto":
            return ("goto_skip", r.randint(0, 7),
                    self.block(fn, depth + 1, loops, False, in_switch, budget))
        if kind == "return":
            return ("return", r.randint(0, 99))
        if kind == "panic":
            return ("panic", r.randint(1, 999))
        if kind == "recover":
            return ("recover", r.randint(1, 999), r.randint(0, 9))
        if kind == "call":
            return ("call", r.randint(fn.index + 1, self.nfuncs - 1))
        if kind == "recurse":
            return ("recurse",)
        if kind == "break_if":
            return ("break_if", loops[-1][0], r.randint(0, 3))
        if kind == "continue_if":
            return ("continue_if", loops[-1][0], r.randint(0, 3))
        raise AssertionError(kind)

    def program(self):
        funcs = []
        for i in range(self.nfuncs):
            fn = Function(i, None, self.rng.random() < 0.3)
            fn.body = self.block(fn, 0, [], False, False, [14])
            funcs.append(fn)
        inputs = [self.rng.randint(0, 255) for _ in range(4)]
        return funcs, inputs


# --- the model ----------------------------------------------------------

class Return(Exception):
    def __init__(self, value):
        self.value = value


class Panic(Exception):
    def __init__(self, message):
        self.message = message


class Break(Exception):
    pass


class Continue(Exception):
    pass


class SwitchBreak(Exception):
    pass


class Frame:
    def __init__(self):
        self.vars = {"v": 1, "acc": 0}
        self.defers = []  # (body, copies) newest last
        self.result = 0


class Model:
    """SEMANTICS.md for the generator's programs: a defer registers its
    block when executed; blocks run when the function returns, newest
    first; the return value is computed before they run and defer_result
    can change it; a variable declared in a loop is copied when the defer
    registers; an outer variable is read when the block runs."""

    def __init__(self, funcs):
        self.funcs = funcs
        self.out = []
        self.steps = 0

    def call(self, fn, x, depth):
        self.steps += 1
        if self.steps > 200000:
            raise RuntimeError("program too long")
        frame = Frame()
        frame.panic = None
        try:
            self.run(fn, frame, fn.body, x, depth, loop_vars=[])
            value = frame.vars["acc"] % MOD
        except Return as r:
            value = r.value % MOD
        except Panic as p:
            # A panic: the result is what the blocks make of zero.
            frame.panic = p
            value = 0
        frame.result = value
        while frame.defers:
            body, copies = frame.defers.pop()
            saved = dict(frame.vars)
            frame.vars.update(copies)
            self.run(fn, frame, body, x, depth, loop_vars=[],
                     in_defer=True)
            for name in copies:
                frame.vars[name] = saved.get(name)
        if frame.panic:
            raise frame.panic
        return frame.result % MOD

    def run(self, fn, frame, stmts, x, depth, loop_vars, in_defer=False):
        for s in stmts:
            self.step(fn, frame, s, x, depth, loop_vars, in_defer)

    def step(self, fn, frame, s, x, depth, loop_vars, in_defer):
        k = s[0]
        V = frame.vars
        if k == "trace":
            self.out.append("%s %d" % (fn.name, s[1]))
        elif k == "tracev":
            self.out.append("%s %d %s=%d" % (fn.name, s[1], s[2], V[s[2]]))
        elif k == "set":
            V["v"] = (V["v"] * 3 + s[2]) % MOD
        elif k == "result":
            frame.result = (frame.result * 7 + s[1]) % MOD
        elif k == "defer":
            copies = {name: V[name] for name, copied in loop_vars if copied}
            frame.defers.append((s[1], copies))
        elif k == "if":
            if (x >> s[1]) & 1:
                self.run(fn, frame, s[2], x, depth, loop_vars, in_defer)
            else:
                self.run(fn, frame, s[3], x, depth, loop_vars, in_defer)
        elif k in ("for", "while", "do"):
            var, count, body, copied = s[1], s[2], s[3], s[4]
            V[var] = 0
            inner = loop_vars + [(var, copied)]
            while True:
                if k == "for" and not V[var] < count:
                    break
                if k == "while":
                    if not V[var] < count:
                        break
                    V[var] += 1
                if k == "do":
                    V[var] += 1
                try:
                    self.run(fn, frame, body, x, depth, inner, in_defer)
                except Break:
                    break
                except Continue:
                    pass
                if k == "for":
                    V[var] += 1
                if k == "do" and not V[var] < count:
                    break
        elif k == "break_if":
            if V[s[1]] == s[2]:
                raise Break()
        elif k == "continue_if":
            if V[s[1]] == s[2]:
                raise Continue()
        elif k == "return":
            raise Return(s[1] + V["v"])
        elif k == "call":
            V["acc"] = (V["acc"] * 5 + self.call(self.funcs[s[1]], x >> 1,
                                                 depth)) % MOD
        elif k == "recurse":
            if depth > 0:
                V["acc"] = (V["acc"] + self.call(fn, x, depth - 1)) % MOD
        elif k == "switch":
            sel = (x >> s[1]) & 3
            if sel < len(s[2]):
                try:
                    for body in s[2][sel:]:
                        self.run(fn, frame, body, x, depth, loop_vars, in_defer)
                except SwitchBreak:
                    pass
        elif k == "brk":
            raise SwitchBreak()
        elif k == "panic":
            raise Panic("p%d" % s[1])
        elif k == "recover":
            if frame.panic:
                self.out.append("%s %d recovered %s" % (fn.name, s[1],
                                                        frame.panic.message))
                frame.panic = None
                frame.result = s[2]
        elif k == "goto_skip":
            if not (x >> s[1]) & 1:
                self.run(fn, frame, s[2], x, depth, loop_vars, in_defer)
        else:
            raise AssertionError(k)


def predict(funcs, inputs):
    m = Model(funcs)
    for x in inputs:
        try:
            value = m.call(funcs[0], x, 2)
            m.out.append("main %d -> %d" % (x, value))
        except Panic as p:
            m.out.append("main %d panicked %s" % (x, p.message))
    return "\n".join(m.out) + "\n"


# --- C output -----------------------------------------------------------

class Emitter:
    def __init__(self):
        self.labels = 0

    def block(self, fn, stmts, indent, in_defer):
        return "".join(self.stmt(fn, s, indent, in_defer) for s in stmts)

    def stmt(self, fn, s, ind, in_defer):
        p = "  " * ind
        k = s[0]
        if k == "trace":
            return '%sprintf("%s %d\\n");\n' % (p, fn.name, s[1])
        if k == "tracev":
            return '%sprintf("%s %d %s=%%ld\\n", (long)%s);\n' % (
                p, fn.name, s[1], s[2], s[2])
        if k == "set":
            return "%sv = (v * 3 + %d) %% %d;\n" % (p, s[2], MOD)
        if k == "result":
            return "%sdefer_result = (defer_result * 7 + %d) %% %d;\n" % (
                p, s[1], MOD)
        if k == "defer":
            return "%sdefer {\n%s%s}\n" % (p, self.block(fn, s[1], ind + 1,
                                                          True), p)
        if k == "if":
            out = "%sif ((x >> %d) & 1) {\n%s%s}" % (
                p, s[1], self.block(fn, s[2], ind + 1, in_defer), p)
            if s[3]:
                out += " else {\n%s%s}" % (self.block(fn, s[3], ind + 1,
                                                      in_defer), p)
            return out + "\n"
        if k == "for":
            return "%sfor (int %s = 0; %s < %d; %s++) {\n%s%s}\n" % (
                p, s[1], s[1], s[2], s[1],
                self.block(fn, s[3], ind + 1, in_defer), p)
        if k == "while":
            return "%s{\n%s  int %s = 0;\n%s  while (%s < %d) {\n%s    %s++;\n%s%s  }\n%s}\n" % (
                p, p, s[1], p, s[1], s[2], p, s[1],
                self.block(fn, s[3], ind + 2, in_defer), p, p)
        if k == "do":
            return "%s{\n%s  int %s = 0;\n%s  do {\n%s    %s++;\n%s%s  } while (%s < %d);\n%s}\n" % (
                p, p, s[1], p, p, s[1],
                self.block(fn, s[3], ind + 2, in_defer), p, s[1], s[2], p)
        if k == "break_if":
            return "%sif (%s == %d) break;\n" % (p, s[1], s[2])
        if k == "continue_if":
            return "%sif (%s == %d) continue;\n" % (p, s[1], s[2])
        if k == "return":
            return "%sreturn (%d + v) %% %d;\n" % (p, s[1], MOD)
        if k == "call":
            return "%sacc = (acc * 5 + f%d(x >> 1, depth)) %% %d;\n" % (
                p, s[1], MOD)
        if k == "recurse":
            return "%sif (depth > 0) acc = (acc + %s(x, depth - 1)) %% %d;\n" % (
                p, fn.name, MOD)
        if k == "switch":
            out = "%sswitch ((x >> %d) & 3) {\n" % (p, s[1])
            for i, body in enumerate(s[2]):
                out += "%scase %d: {\n%s%s}\n" % (
                    p, i, self.block(fn, body, ind + 1, in_defer), p)
            return out + "%sdefault: break;\n%s}\n" % (p, p)
        if k == "brk":
            return "%sbreak;\n" % p
        if k == "panic":
            return '%sdefer_panicf("p%%d", %d);\n' % (p, s[1])
        if k == "recover":
            return ('%s{ const defer_panic_info *pi = defer_recover();\n'
                    '%s  if (pi) { printf("%s %d recovered %%s\\n", pi->message);'
                    ' defer_result = %d; } }\n' % (p, p, fn.name, s[1], s[2]))
        if k == "goto_skip":
            self.labels += 1
            label = "skip%d" % self.labels
            return "%sif ((x >> %d) & 1) goto %s;\n%s%s%s:;\n" % (
                p, s[1], label, self.block(fn, s[2], ind, in_defer), p, label)
        raise AssertionError(k)


def to_c(funcs, inputs):
    e = Emitter()
    out = ["#include <defer.h>", "#include <stdio.h>", ""]
    for fn in funcs:
        out.append("static long %s(long x, int depth);" % fn.name)
    out.append("")
    for fn in funcs:
        out.append("__attribute__((noinline)) static long %s(long x, int depth) {" % fn.name)
        out.append("  long v = 1, acc = 0;")
        out.append("  (void)depth;")
        out.append(e.block(fn, fn.body, 1, False).rstrip("\n"))
        out.append("  return acc %% %d;" % MOD)
        out.append("}")
        out.append("")
    out.append("/* The outermost caller: reports what f0 returns or a panic")
    out.append("   that nothing recovered. */")
    out.append("__attribute__((noinline)) static void top(long x) {")
    out.append("  int done = 0;")
    out.append("  defer {")
    out.append("    const defer_panic_info *pi = defer_recover();")
    out.append('    if (pi) printf("main %ld panicked %s\\n", x, pi->message);')
    out.append("  }")
    out.append('  printf("main %ld -> %ld\\n", x, f0(x, 2));')
    out.append("  (void)done;")
    out.append("}")
    out.append("")
    out.append("int main(void) {")
    for x in inputs:
        out.append('  top(%d);' % x)
    out.append("  return 0;")
    out.append("}")
    return "\n".join(out) + "\n"


# --- running ------------------------------------------------------------

def compilers(build, inc):
    gcc_plugin = os.path.join(build, "plugin/gcc/defer.so")
    clang_plugin = os.path.join(build, "plugin/clang/defer-clang.so")
    lib = os.path.join(build, "runtime")
    link = ["-L" + lib, "-Wl,-rpath," + lib, "-ldefer"]
    out = []
    for opt in ("-O0", "-O2"):
        if os.path.exists(gcc_plugin):
            out.append(("gcc" + opt, ["gcc", "-fplugin=" + gcc_plugin, "-I" + inc,
                                      opt, "-w"], link))
        if os.path.exists(clang_plugin) and shutil.which("clang-22"):
            out.append(("clang" + opt, ["clang-22", "-fplugin=" + clang_plugin,
                                        "-I" + inc, opt, "-w"], link))
    return out


def run_one(source, comps, workdir):
    """Outputs of SOURCE per compiler, or an error string."""
    path = os.path.join(workdir, "p.c")
    with open(path, "w") as f:
        f.write(source)
    results = {}
    for name, cmd, link in comps:
        exe = os.path.join(workdir, name)
        c = subprocess.run(cmd + [path, "-o", exe] + link, capture_output=True,
                           text=True)
        if c.returncode != 0:
            results[name] = "COMPILE ERROR\n" + c.stderr[-2000:]
            continue
        try:
            r = subprocess.run([exe], capture_output=True, text=True,
                               timeout=20)
            results[name] = r.stdout + ("" if r.returncode == 0 else
                                        "EXIT %d\n" % r.returncode)
        except subprocess.TimeoutExpired:
            results[name] = "TIMEOUT\n"
    return results


def mismatches(funcs, inputs, comps, workdir):
    want = predict(funcs, inputs)
    got = run_one(to_c(funcs, inputs), comps, workdir)
    return {name: out for name, out in got.items() if out != want}


def shrink(funcs, inputs, comps, workdir):
    """Remove statements while the program still fails somewhere."""
    def lists(stmts):
        yield stmts
        for s in stmts:
            for part in s[1:]:
                if isinstance(part, list):
                    if part and isinstance(part[0], list):
                        for case in part:
                            yield from lists(case)
                    else:
                        yield from lists(part)

    def still_fails():
        try:
            return bool(mismatches(funcs, inputs, comps, workdir))
        except RuntimeError:
            return False

    changed = True
    while changed:
        changed = False
        for fn in funcs:
            for stmts in list(lists(fn.body)):
                i = 0
                while i < len(stmts):
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


def check(seed, comps, out_dir):
    rng = random.Random(seed)
    funcs, inputs = Generator(rng, rng.randint(1, 4)).program()
    try:
        predict(funcs, inputs)
    except RuntimeError:
        return seed, None  # too long to model: skip
    with tempfile.TemporaryDirectory() as work:
        bad = mismatches(funcs, inputs, comps, work)
        if not bad:
            return seed, None
        funcs, inputs = shrink(funcs, inputs, comps, work)
        bad = mismatches(funcs, inputs, comps, work)
        source = to_c(funcs, inputs)
        want = predict(funcs, inputs)
    path = os.path.join(out_dir, "fail-%d.c" % seed)
    with open(path, "w") as f:
        f.write(source)
        f.write("/* expected:\n%s*/\n" % want)
        for name, text in sorted(bad.items()):
            f.write("/* %s:\n%s*/\n" % (name, text.replace("*/", "* /")))
    return seed, path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default=".")
    ap.add_argument("--include", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "../../runtime/include"),
        help="directory of <defer.h>")
    args = ap.parse_args()
    comps = compilers(os.path.abspath(args.build), os.path.abspath(args.include))
    if not comps:
        sys.exit("defer_fuzz: no plugin found under %s" % args.build)
    os.makedirs(args.out, exist_ok=True)
    seeds = range(args.seed, args.seed + args.count)
    failures = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for seed, path in pool.map(lambda s: check(s, comps, args.out), seeds):
            if path:
                failures.append(path)
                print("FAIL seed %d: %s" % (seed, path))
    print("%d programs, %d compilers (%s), %d failures" % (
        len(seeds), len(comps), " ".join(c[0] for c in comps), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
