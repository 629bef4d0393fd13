#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential fuzzing of the defer plugins.

Generates random, valid C programs that use `defer` heavily (nested
blocks, if/else, switch with fall-through, for/while/do loops with break
and continue, forward goto, bounded cycles made by backward goto with
defers inside them, early returns at any depth, recursion, loop, cycle
and outer variables read by deferred blocks, defer_result, panics and
recovers; a program has either panics or labels inside deferred blocks,
since Clang runs those blocks on return only and the plugin says so),
predicts each program's output with a model of the language reference
(docs/REFERENCE.md) written here (an interpreter of the generator's own program
representation, independent of both plugins), compiles the program with
the GCC and the Clang plugin at -O0 and -O2, runs it and compares all
four outputs with the prediction.  A program that differs is shrunk to
a small reproducer, fail-<seed>.c in --out, which ends with the
commands that build it, the expected output and each build's.

Besides these, a program may enable classes of statements that once
were miscompiled (CLASSES; by default each class shows up in 11 to 17%
of the programs, --classes to choose):
  header  a defer in a statement expression of a loop header: a while
          or do condition, `while (({ defer X; i++ < n; }))`, registers
          at every evaluation (once more than the body runs), a for
          step at every step; the statement expression's own local is
          copied per registration, the loop's counter as in the body;
  asm     writes that the analysis cannot see: an asm output register
          or memory operand that resets a loop counter once (under a
          flag declared before the loop), and one that flips the guard
          `c` of `if (c) defer X;` after the if;
  narrow  narrowing casts in loop bounds: `for (int i = 250;
          (signed char)i < L; i++)` and `if ((signed char)++g < L) goto
          again;`, which run L + 6 times, not none;
  align   _Alignas and aligned-attribute arrays declared in loops and
          copied by a loop defer, whose block checks that the copy is
          aligned and reads it with an aligned 16-byte load, in counted
          loops (frame arrays) and in uncounted ones long enough to
          reach libdefer's pool;
  signal  a panic raised by a SIGUSR1 handler, from raise or kill in a
          function with pending defers (programs with panics only);
  relay   calls through a function of a second file compiled without
          the plugin and without -fexceptions, which panics unwind
          through (programs with panics only; at -O2 both files are
          compiled with -flto; the file is written beside the
          reproducer as fail-<seed>-relay.c).
With --no-unwind and --hand, programs have no panics, so neither of the
last two.

The same program can also be printed with every `defer` lowered by hand
in plain C, the way a C programmer would write it without the plugin:
a flag per defer and one `goto cleanup` exit when every defer of the
function runs at most once; otherwise a local array of records (site
number and copied variables, sized by the loop bounds), run newest first
by a switch on the site; defer_result is a result variable.  Programs
for that form have no panics.  --hand checks that form (compiled by the
plain compilers) against the model, which shows the two forms equivalent;
--emit prints one large translation unit in either form for the
compile-time benchmark (tools/bench/compile-defer.sh), of the basic
statements only unless --classes says otherwise, so that the benchmark's
unit stays the same.

usage: defer_fuzz.py --build BUILD [--seed S] [--count N] [--jobs J]
                     [--out DIR] [--include DIR] [--no-panic]
                     [--no-unwind] [--sanitize] [--classes LIST]
       defer_fuzz.py --hand [--seed S] [--count N] [--jobs J] [--out DIR]
                     [--classes LIST]
       defer_fuzz.py --emit defer|hand --funcs N [--seed S]
                     [--expect FILE] [--classes LIST]
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
from typing import NamedTuple

from fuzz_common import (Again, Break, Continue, Return, SwitchBreak,
                         add_common_arguments, build_and_run, gcc_driver,
                         shrink_program)

# --- program representation ---------------------------------------------
# A statement is a tuple; the first element names its kind:
#   ("trace", n)                  print n
#   ("tracev", n, var)            print n and a variable's value
#   ("set", var, k)               var = var * 3 + k (ints stay small: mod)
#   ("defer", body)               body: list of statements (no defer)
#   ("if", bit, then, else)       if ((x >> bit) & 1)
#   ("for", var, count, body, copied, base, flagged)
#                                 for (int var = 0; var < count; var++);
#                                 with a base (250..255, negative as a
#                                 signed char): for (int var = base;
#                                 (signed char)var < L; var++), L the
#                                 signed char of base plus count
#   ("while", var, count, body, copied, 0, flagged)
#                                 int var = 0; while (var < count) { var++; body }
#   ("do", var, count, body, copied, 0, flagged)
#                                 int var = 0; do { var++; body } while (var < count)
#                                 copied: a defer inside copies var (REFERENCE,
#                                 the run-time lowering: declared in a loop
#                                 containing it).  flagged: int rN = 0; is
#                                 declared before the loop (var iN), for an
#                                 asm_reset in the body
#   ("asm_reset", var, at, to, mem)
#                                 if (var == at && !rN) { rN = 1; var = to; }
#                                 where an asm statement does the write, by
#                                 an output register or (mem) an output
#                                 memory operand: a write to the loop
#                                 counter that the analysis cannot see
#   ("whileh", var, count, body, copied, n, k, head)
#                                 int var = 0; while (({ int hn = var * 7 + k;
#                                 head; var++ < count; })) { body }
#   ("forh", var, count, body, True, n, k, head)
#                                 for (int var = 0; var < count;
#                                      ({ int hn = var * 7 + k; head; var++; }))
#                                   { body }
#   ("doh", var, count, body, copied, n, k, head)
#                                 int var = 0; do { body } while (({ int hn =
#                                 var * 7 + k; head; ++var < count; }));
#                                 head: trace, tracev, set and defer
#                                 statements, which run at every evaluation
#                                 of the condition or step; a defer there
#                                 copies hn (declared in the loop) and var
#                                 as a defer of the body does
#   ("cycle", n, count, k, body, wrapped, copied, base)
#                                 int gn = 0; againn:; int cn = gn * 7 + k;
#                                 body; if (++gn < count) goto againn;
#                                 in braces when wrapped.  A defer in body
#                                 copies cn (declared in the cycle) and reads
#                                 gn by reference (declared before the
#                                 label), unless copied: an enclosing loop
#                                 or cycle declares both.  Unwrapped, gn and
#                                 cn stay visible after the cycle, where a
#                                 defer reads both by reference (or copies,
#                                 when copied).  With a base, gn starts
#                                 there and the test is
#                                 (signed char)++gn < L, as in "for"
#   ("again", n, count, base)     if (++gn < count) goto againn; (in cycle n)
#   ("break_if", var, k)          if (var == k) break;
#   ("continue_if", var, k)       if (var == k) continue;
#   ("return", k)                 return k + outer var (early return)
#   ("call", f)                   acc = acc * 5 + f(x >> 1)
#   ("xcall", f)                  the same call made by fuzz_relay, a
#                                 function of a second file compiled without
#                                 the plugin (and without -fexceptions)
#   ("recurse",)                  if (depth > 0) acc += self(x, depth - 1)
#   ("result", k)                 (in deferred blocks) defer_result = defer_result * 7 + k
#   ("switch", bit, cases)        switch ((x >> bit) & 3), cases fall through
#                                 unless they end in ("brk",)
#   ("brk",)                      break out of the switch
#   ("goto_skip", bit, body)      if ((x >> bit) & 1) goto L; body; L:;
#   ("guard", n, bit, then, copied, mem)
#                                 { int qn = (x >> bit) & 1; if (qn) then;
#                                   qn ^= 1 by an asm statement (mem: by a
#                                   memory operand) }; then: the defer.
#                                 The defer registers when qn was 1 at the
#                                 if; its block reads qn by reference (0 by
#                                 then) unless copied (in a loop or cycle)
#   ("aligned", n, align, form, k, src, then, loop)
#                                 { char pdn = src % 3; ALIGN int aln[4] =
#                                   {src, k, n, 7}; then }, ALIGN
#                                 _Alignas(align) or, form "attr",
#                                 __attribute__((aligned(align))); then: a
#                                 defer whose block starts with an alcheck.
#                                 In a loop or cycle, or with a loop of its
#                                 own, loop = (count, counted):
#                                 for (int jn = 0; jn < count; jn++) {...},
#                                 src = jn; uncounted, the bound is a
#                                 volatile local.  Both copied per
#                                 registration.
#   ("alcheck", n, align)         (deferred blocks) print whether the copy
#                                 of aln is aligned to align and, by a
#                                 16-byte aligned load, its sum plus pdn
#   ("panic", n)                  defer_panicf("p%d", n) (function bodies only)
#   ("sigpanic", n, kill)         raise(SIGUSR1) (or kill(getpid(), ...)),
#                                 whose handler calls defer_panicf("s%d", n)
#   ("recover", n, k)             (deferred blocks) if a panic is recovered:
#                                 print its message, defer_result = k
MOD = 1000003
LOOPS = ("for", "while", "do")
HEADER_LOOPS = ("whileh", "forh", "doh")

# Classes of programs beyond the basic statements, and the probability
# that a program of the default mix enables each (a program that enables
# a class has one or more of its statements, mostly):
#   header  defers in statement expressions of loop conditions and steps
#   asm     asm writes of loop counters and of an if-defer's guard
#   narrow  narrowing casts in a for loop's test and a cycle's goto
#   align   over-aligned arrays copied by loop defers (frame and pool)
#   signal  panics raised by a signal handler (with panics only)
#   relay   calls through a frame compiled without the plugin (with
#           panics only)
CLASSES = {"header": 0.25, "asm": 0.2, "narrow": 0.2, "align": 0.25,
           "signal": 0.4, "relay": 0.4}


class Function:
    def __init__(self, index, body, recursive, prefix=""):
        self.index = index
        self.body = body
        self.recursive = recursive
        self.prefix = prefix  # keeps names apart when programs are joined

    @property
    def name(self):
        return "%sf%d" % (self.prefix, self.index)

    def callee(self, index):
        return "%sf%d" % (self.prefix, index)


def cycle_vars(s):
    return "g%d" % s[1], "c%d" % s[1]


def head_var(s):
    return "h%d" % s[5]


def guard_var(s):
    return "q%d" % s[1]


def flag_var(var):
    """The flag of the asm reset of loop VAR (declared before it)."""
    return "r" + var[1:]


def aligned_vars(s):
    """The array, the pad and the own loop's counter of aligned S."""
    return "al%d" % s[1], "pd%d" % s[1], "j%d" % s[1]


def schar(value):
    return (value + 128) % 256 - 128


def limit(count, base):
    """The bound of a loop or cycle test: count, or with a base, the
    signed char of base plus count (the test narrows the counter)."""
    return schar(base) + count if base else count


def tested(value, base):
    return schar(value) if base else value


def block_scopes(stmts, outer):
    """Pairs (statement, variables visible to it) for a block whose
    enclosing variables are OUTER, a list of (name, copied): an unwrapped
    cycle leaves its two variables visible to the statements after it."""
    scope = list(outer)
    for s in stmts:
        yield s, scope
        if s[0] == "cycle" and not s[5]:
            scope = scope + [(name, s[6]) for name in cycle_vars(s)]


def sub_scopes(s, scope):
    """Pairs (statement list directly inside S, deferred bodies included;
    the variables visible in it), S seeing SCOPE."""
    k = s[0]
    if k == "defer":
        return [(s[1], scope)]
    if k == "goto_skip":
        return [(s[2], scope)]
    if k == "if":
        return [(s[2], scope), (s[3], scope)]
    if k in LOOPS:
        return [(s[3], scope + [(s[1], s[4])])]
    if k in HEADER_LOOPS:
        inner = scope + [(s[1], s[4])]
        return [(s[3], inner), (s[7], inner + [(head_var(s), True)])]
    if k == "cycle":
        g, c = cycle_vars(s)
        return [(s[4], scope + [(g, s[6]), (c, True)])]
    if k == "switch":
        return [(body, scope) for body in s[2]]
    if k == "guard":
        return [(s[3], scope + [(guard_var(s), s[4])])]
    if k == "aligned":
        a, p, j = aligned_vars(s)
        own = [(j, True)] if s[7] else []
        return [(s[6], scope + own + [(a, True), (p, True)])]
    return []


def sub_blocks(s):
    """The statement lists directly inside S, deferred bodies included."""
    return [b for b, _ in sub_scopes(s, [])]


def walk_stmts(stmts):
    """Every statement in STMTS, nested ones included."""
    for s in stmts:
        yield s
        for b in sub_blocks(s):
            yield from walk_stmts(b)


def features(funcs):
    """The kinds of statement the program's functions use."""
    return {s[0] for fn in funcs for s in walk_stmts(fn.body)}


# --- generator ----------------------------------------------------------

class Ctx(NamedTuple):
    depth: int
    loops: list      # visible variables: (name, copied, kind), kind one of
                     # "loop", "cycle", "scope", "array" (not an int)
    in_defer: bool
    in_switch: bool  # a break here would leave a switch
    cycles: list     # (n, count, base) of the cycles an `again` may restart


class Generator:
    """Random programs.  CLASSES: None for the default mix (each class of
    CLASSES enabled per program with its probability), else the classes
    that every program enables (an empty set: the basic statements only,
    drawn as before the classes existed)."""

    def __init__(self, rng, nfuncs, panics=True, classes=None):
        self.rng = rng
        self.nfuncs = nfuncs
        # Under Clang, a function whose deferred blocks contain a label
        # runs them on return only, not when a panic unwinds it (the
        # plugin warns): a program has either panics or cycles inside
        # deferred blocks.
        self.defer_cycles = not panics or rng.random() < 0.3
        self.panics = panics and not self.defer_cycles
        self.vars = 0  # loop and cycle variables get names of their own
        if classes is None:
            classes = {c for c, p in sorted(CLASSES.items())
                       if rng.random() < p}
        self.classes = set(classes)
        if not self.panics:
            self.classes -= {"signal", "relay"}

    def block(self, fn, ctx, budget):
        out = []
        scope = []
        for _ in range(self.rng.randint(1, 4)):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            s = self.stmt(fn, ctx._replace(loops=ctx.loops + scope), budget)
            out.append(s)
            if s[0] == "cycle" and not s[5]:
                scope += [(name, s[6], "scope") for name in cycle_vars(s)]
        return out

    def deferred(self, fn, ctx, scope, budget):
        """A deferred block that sees the variables SCOPE."""
        return self.block(fn, ctx._replace(
            depth=ctx.depth + 1, loops=scope, in_defer=True,
            in_switch=False, cycles=[]), [budget])

    def stmt(self, fn, ctx, budget):
        r = self.rng
        has = self.classes.__contains__
        choices = ["trace", "trace", "set"]
        ints = [e[0] for e in ctx.loops if e[2] != "array"]
        in_loop = any(e[2] in ("loop", "cycle") for e in ctx.loops)
        breakable = [e[0] for e in ctx.loops if e[2] == "loop"]
        if ints:
            choices += ["tracev"]
        if ctx.cycles:
            choices += ["again"]
        if not ctx.in_defer:
            choices += ["defer", "defer", "defer"]
            if ctx.depth < 4:
                choices += ["if", "for", "while", "do", "switch", "goto",
                            "cycle"]
                if has("header"):
                    choices += ["header"]
                if has("align"):
                    choices += ["aligned"]
            if has("asm"):
                choices += ["guard"]
            choices += ["return"]
            if self.panics and r.random() < 0.3:
                choices += ["panic"]
                if has("signal"):
                    choices += ["sigpanic", "sigpanic"]
            if fn.index + 1 < self.nfuncs:
                choices += ["call"]
                if has("relay"):
                    choices += ["xcall"]
            if fn.recursive:
                choices += ["recurse"]
            if breakable and not ctx.in_switch:
                choices += ["break_if", "continue_if"]
        else:
            choices += ["result", "result"]
            if self.panics:
                choices += ["recover"]
            if ctx.depth < 3:
                choices += ["if", "for"]
                if self.defer_cycles:
                    choices += ["cycle"]
        kind = r.choice(choices)
        deeper = ctx._replace(depth=ctx.depth + 1)
        if kind == "trace":
            return ("trace", r.randint(1, 999))
        if kind == "tracev":
            return ("tracev", r.randint(1, 999), r.choice(ints + ["v"]))
        if kind == "set":
            return ("set", "v", r.randint(0, 9))
        if kind == "result":
            return ("result", r.randint(0, 9))
        if kind == "defer":
            return ("defer", self.block(
                fn, deeper._replace(in_defer=True, in_switch=False, cycles=[]),
                [3]))
        if kind == "if":
            return ("if", r.randint(0, 7),
                    self.block(fn, deeper, budget),
                    self.block(fn, deeper, budget) if r.random() < 0.5 else [])
        if kind in LOOPS:
            self.vars += 1
            var = "i%d" % self.vars
            if ctx.in_defer:
                kind = "for"
            # Copied by a defer inside: a for variable (declared in its
            # loop), or one declared inside an enclosing loop or cycle.
            copied = kind == "for" or in_loop
            count = r.randint(0, 3)
            body = self.block(fn, deeper._replace(
                loops=ctx.loops + [(var, copied, "loop")],
                in_switch=False), budget)
            base = 0
            if kind == "for" and has("narrow") and r.random() < 0.5:
                base = r.randint(250, 255)
            flagged = False
            if has("asm") and not ctx.in_defer and r.random() < 0.4:
                # Values of var in the body, before any reset.
                first = base if kind == "for" else 1
                last = first + (max(1, count) if kind == "do" else count) - 1
                if last >= first:
                    at = r.randint(first, last)
                    to = r.randint(0 if kind != "for" else base, at)
                    body.insert(r.randint(0, len(body)),
                                ("asm_reset", var, at, to, r.random() < 0.5))
                    flagged = True
            return (kind, var, count, body, copied, base, flagged)
        if kind == "header":
            kind = r.choice(HEADER_LOOPS)
            self.vars += 1
            n = self.vars
            var, h = "i%d" % n, "h%d" % n
            copied = kind == "forh" or in_loop
            count = r.randint(0, 3)
            inner = ctx.loops + [(var, copied, "loop")]
            body = self.block(fn, deeper._replace(
                loops=inner, in_switch=False), budget)
            hscope = inner + [(h, True, "scope")]
            head = []
            for _ in range(r.randint(0, 2)):
                head.append(r.choice([
                    ("trace", r.randint(1, 999)),
                    ("tracev", r.randint(1, 999), r.choice([var, h, "v"])),
                    ("set", "v", r.randint(0, 9))]))
            head.insert(r.randint(0, len(head)),
                        ("defer", self.deferred(fn, ctx, hscope, 3)))
            return (kind, var, count, body, copied, n, r.randint(0, 9), head)
        if kind == "guard":
            self.vars += 1
            n = self.vars
            then = [("defer", self.deferred(
                fn, ctx, ctx.loops + [("q%d" % n, in_loop, "scope")], 3))]
            return ("guard", n, r.randint(0, 7), then, in_loop,
                    r.random() < 0.5)
        if kind == "aligned":
            self.vars += 1
            n = self.vars
            a, p, j = "al%d" % n, "pd%d" % n, "j%d" % n
            loop = None
            scope = ctx.loops
            src = r.choice(ints + ["v"])
            if not in_loop or r.random() < 0.4:
                counted = r.random() < 0.5
                if counted or in_loop:
                    count = r.randint(2, 6)
                else:
                    # Enough records to leave the frame buffer for the
                    # pool, or a few that stay in it.
                    count = r.choice([r.randint(2, 4), r.randint(8, 40)])
                loop = (count, counted)
                src = j
                scope = scope + [(j, True, "scope")]
            align = r.choice([16, 32])
            then = [("defer", [("alcheck", n, align)] + self.deferred(
                fn, ctx, scope + [(a, True, "array"), (p, True, "scope")],
                1))]
            return ("aligned", n, align, r.choice(["alignas", "attr"]),
                    r.randint(0, 9), src, then, loop)
        if kind == "cycle":
            self.vars += 1
            n, count = self.vars, r.randint(1, 3)
            g, c = "g%d" % n, "c%d" % n
            base = 0
            if has("narrow") and r.random() < 0.5:
                base = r.randint(250, 255)
            # gn is declared before the label: copied only when an
            # enclosing loop or cycle declares it; cn always (declared
            # between the label and the goto).
            return ("cycle", n, count, r.randint(0, 9),
                    self.block(fn, deeper._replace(
                        loops=ctx.loops + [(g, in_loop, "cycle"),
                                           (c, True, "cycle")],
                        cycles=ctx.cycles + [(n, count, base)]), budget),
                    r.random() < 0.5, in_loop, base)
        if kind == "again":
            return ("again",) + r.choice(ctx.cycles)
        if kind == "switch":
            cases = []
            for _ in range(r.randint(1, 3)):
                body = self.block(fn, deeper._replace(in_switch=True), budget)
                if r.random() < 0.5:
                    body = body + [("brk",)]
                cases.append(body)
            return ("switch", r.randint(0, 6), cases)
        if kind == "goto":
            return ("goto_skip", r.randint(0, 7),
                    self.block(fn, deeper, budget))
        if kind == "return":
            return ("return", r.randint(0, 99))
        if kind == "panic":
            return ("panic", r.randint(1, 999))
        if kind == "sigpanic":
            return ("sigpanic", r.randint(1, 999), r.random() < 0.3)
        if kind == "recover":
            return ("recover", r.randint(1, 999), r.randint(0, 9))
        if kind in ("call", "xcall"):
            return (kind, r.randint(fn.index + 1, self.nfuncs - 1))
        if kind == "recurse":
            return ("recurse",)
        if kind == "break_if":
            return ("break_if", breakable[-1], r.randint(0, 3))
        if kind == "continue_if":
            return ("continue_if", breakable[-1], r.randint(0, 3))
        raise AssertionError(kind)

    def program(self):
        funcs = []
        for i in range(self.nfuncs):
            fn = Function(i, None, self.rng.random() < 0.3)
            fn.body = self.block(fn, Ctx(0, [], False, False, []), [14])
            funcs.append(fn)
        inputs = [self.rng.randint(0, 255) for _ in range(4)]
        return funcs, inputs


def well_formed(funcs):
    """Whether every variable a statement names is in scope and every
    `again` is inside its cycle (the shrinker may break both)."""
    def ok(stmts, scope, cycles):
        for s, sc in block_scopes(stmts, scope):
            seen = {n for n, _ in sc} | {"v"}
            k = s[0]
            if k == "tracev" and s[2] not in seen:
                return False
            if k in ("break_if", "continue_if", "asm_reset") and \
                    s[1] not in seen:
                return False
            if k == "alcheck" and "al%d" % s[1] not in seen:
                return False
            if k == "again" and s[1] not in cycles:
                return False
            inner_cycles = cycles
            if k == "cycle":
                inner_cycles = cycles | {s[1]}
            elif k == "defer":
                inner_cycles = set()
            if not all(ok(b, bs, inner_cycles) for b, bs in sub_scopes(s, sc)):
                return False
        return True
    return all(ok(fn.body, [], set()) for fn in funcs)


# --- the model ----------------------------------------------------------

class Panic(Exception):
    def __init__(self, message):
        self.message = message


class Frame:
    def __init__(self):
        self.vars = {"v": 1, "acc": 0}
        self.defers = []  # (body, copies) newest last
        self.result = 0


class Model:
    """The reference's rules for the generator's programs: a defer registers
    its block when executed, at every evaluation of a loop condition or
    step it is in too; blocks run when the function returns, newest
    first; the return value is computed before they run and defer_result
    can change it; a variable declared in a loop or in a backward-goto
    cycle that also contains the defer (a statement expression in a loop
    header is in the loop) is copied when the defer registers, with its
    declared alignment; any other variable is read when the block runs.
    A panic (from a signal handler too, and through a frame compiled
    without the plugin) runs every pending block of every frame, and a
    block that recovers makes its function return defer_result."""

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
        for s, scope in block_scopes(stmts, loop_vars):
            self.step(fn, frame, s, x, depth, scope, in_defer)

    def body(self, fn, frame, stmts, x, depth, scope, in_defer):
        """Runs a loop body: False when it breaks out of the loop."""
        try:
            self.run(fn, frame, stmts, x, depth, scope, in_defer)
        except Break:
            return False
        except Continue:
            pass
        return True

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
        elif k in LOOPS:
            var, count, body, base = s[1], s[2], s[3], s[5]
            if s[6]:
                V[flag_var(var)] = 0
            V[var] = base
            [(_, inner)] = sub_scopes(s, loop_vars)
            while True:
                if k == "for" and not tested(V[var], base) < limit(count, base):
                    break
                if k == "while":
                    if not V[var] < count:
                        break
                    V[var] += 1
                if k == "do":
                    V[var] += 1
                if not self.body(fn, frame, body, x, depth, inner, in_defer):
                    break
                if k == "for":
                    V[var] += 1
                if k == "do" and not V[var] < count:
                    break
        elif k == "asm_reset":
            var, at, to = s[1], s[2], s[3]
            if V[var] == at and not V[flag_var(var)]:
                V[flag_var(var)] = 1
                V[var] = to
        elif k in HEADER_LOOPS:
            var, count, body = s[1], s[2], s[3]
            h = head_var(s)
            [(_, inner), (head, hscope)] = sub_scopes(s, loop_vars)

            def header():
                V[h] = (V[var] * 7 + s[6]) % MOD
                self.run(fn, frame, head, x, depth, hscope, in_defer)
            V[var] = 0
            while True:
                if k == "whileh":
                    header()
                    go = V[var] < count
                    V[var] += 1
                    if not go:
                        break
                if k == "forh" and not V[var] < count:
                    break
                if not self.body(fn, frame, body, x, depth, inner, in_defer):
                    break
                if k == "forh":
                    header()
                    V[var] += 1
                if k == "doh":
                    header()
                    V[var] += 1
                    if not V[var] < count:
                        break
        elif k == "cycle":
            g, c = cycle_vars(s)
            count, body, base = s[2], s[4], s[7]
            [(_, inner)] = sub_scopes(s, loop_vars)
            V[g] = base
            while True:
                V[c] = (V[g] * 7 + s[3]) % MOD
                try:
                    self.run(fn, frame, body, x, depth, inner, in_defer)
                except Again as a:
                    if a.target != s[1]:
                        raise
                    continue
                V[g] += 1
                if not tested(V[g], base) < limit(count, base):
                    break
        elif k == "again":
            g = "g%d" % s[1]
            V[g] += 1
            if tested(V[g], s[3]) < limit(s[2], s[3]):
                raise Again(s[1])
        elif k == "guard":
            q = guard_var(s)
            V[q] = (x >> s[2]) & 1
            if V[q]:
                [(then, scope)] = sub_scopes(s, loop_vars)
                self.run(fn, frame, then, x, depth, scope, in_defer)
            V[q] ^= 1
        elif k == "aligned":
            a, p, j = aligned_vars(s)
            [(then, scope)] = sub_scopes(s, loop_vars)

            def once(value):
                V[a] = (value, s[4], s[1], 7)
                V[p] = value % 3
                self.run(fn, frame, then, x, depth, scope, in_defer)
            if s[7]:
                V[j] = 0
                while V[j] < s[7][0]:
                    once(V[j])
                    V[j] += 1
            else:
                once(V[s[5]])
        elif k == "alcheck":
            a, p, _ = aligned_vars(s)
            # The copy keeps its declared alignment.
            self.out.append("%s al%d 1 %d" % (fn.name, s[1],
                                              sum(V[a]) + V[p]))
        elif k == "break_if":
            if V[s[1]] == s[2]:
                raise Break()
        elif k == "continue_if":
            if V[s[1]] == s[2]:
                raise Continue()
        elif k == "return":
            raise Return(s[1] + V["v"])
        elif k in ("call", "xcall"):
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
        elif k == "sigpanic":
            raise Panic("s%d" % s[1])
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


def predict_lines(funcs, inputs, prefix=""):
    m = Model(funcs)
    for x in inputs:
        try:
            value = m.call(funcs[0], x, 2)
            m.out.append("%smain %d -> %d" % (prefix, x, value))
        except Panic as p:
            m.out.append("%smain %d panicked %s" % (prefix, x, p.message))
    return m.out


def predict(funcs, inputs):
    return "\n".join(predict_lines(funcs, inputs)) + "\n"


# --- C output -----------------------------------------------------------

def asm_write(var, value, mem):
    """An asm statement that stores VALUE in VAR, through an output
    register tied to the input or (MEM) an output memory operand."""
    if mem:
        return '__asm__ volatile("movl %%1, %%0" : "=m"(%s) : "r"(%s));' % (
            var, value)
    return '__asm__ volatile("" : "=r"(%s) : "0"(%s));' % (var, value)


class Emitter:
    """The program as written with `defer`."""

    def __init__(self):
        self.labels = 0

    def block(self, fn, stmts, indent, in_defer):
        return "".join(self.stmt(fn, s, indent, in_defer) for s in stmts)

    def decl(self, name, in_defer):
        return "int " + name

    def loop(self, fn, s, ind, in_defer):
        p = "  " * ind
        k, var, count, base = s[0], s[1], s[2], s[5]
        flag = ""
        if s[6]:
            flag = "%s  %s = 0;\n" % (p, self.decl(flag_var(var), in_defer))
        if k == "for":
            q = p + "  " if flag else p
            test = "%s < %d" % (var, count)
            if base:
                test = "(signed char)%s < %d" % (var, limit(count, base))
            out = "%sfor (%s = %d; %s; %s++) {\n%s%s}\n" % (
                q, self.decl(var, in_defer), base, test, var,
                self.block(fn, s[3], len(q) // 2 + 1, in_defer), q)
            return "%s{\n%s%s%s}\n" % (p, flag, out, p) if flag else out
        if k == "while":
            return "%s{\n%s%s  %s = 0;\n%s  while (%s < %d) {\n%s    %s++;\n%s%s  }\n%s}\n" % (
                p, flag, p, self.decl(var, in_defer), p, var, count, p, var,
                self.block(fn, s[3], ind + 2, in_defer), p, p)
        return "%s{\n%s%s  %s = 0;\n%s  do {\n%s    %s++;\n%s%s  } while (%s < %d);\n%s}\n" % (
            p, flag, p, self.decl(var, in_defer), p, p, var,
            self.block(fn, s[3], ind + 2, in_defer), p, var, count, p)

    def header_loop(self, fn, s, ind, in_defer):
        p = "  " * ind
        k, var, count = s[0], s[1], s[2]
        head = "%s    %s = (%s * 7 + %d) %% %d;\n%s" % (
            p, self.decl(head_var(s), in_defer), var, s[6], MOD,
            self.block(fn, s[7], ind + 2, in_defer))
        if k == "forh":
            return "%sfor (%s = 0; %s < %d; ({\n%s%s    %s++;\n%s  })) {\n%s%s}\n" % (
                p, self.decl(var, in_defer), var, count, head, p, var, p,
                self.block(fn, s[3], ind + 1, in_defer), p)
        init = "%s{\n%s  %s = 0;\n" % (p, p, self.decl(var, in_defer))
        body = self.block(fn, s[3], ind + 2, in_defer)
        if k == "whileh":
            return "%s%s  while (({\n%s%s    %s++ < %d;\n%s  })) {\n%s%s  }\n%s}\n" % (
                init, p, head, p, var, count, p, body, p, p)
        return "%s%s  do {\n%s%s  } while (({\n%s%s    ++%s < %d;\n%s  }));\n%s}\n" % (
            init, p, body, p, head, p, var, count, p, p)

    def guard(self, fn, s, ind, in_defer):
        p = "  " * ind
        q = guard_var(s)
        then = s[3]
        if len(then) == 1 and then[0][0] == "defer":
            # The form `if (c) defer X;`, whose guard the exit may test
            # again when nothing writes it afterwards.
            test = "%s  if (%s)\n%s" % (p, q, self.block(fn, then, ind + 2,
                                                          in_defer))
        else:
            test = "%s  if (%s) {\n%s%s  }\n" % (
                p, q, self.block(fn, then, ind + 2, in_defer), p)
        return "%s{\n%s  %s = (x >> %d) & 1;\n%s%s  %s\n%s}\n" % (
            p, p, self.decl(q, in_defer), s[2], test, p,
            asm_write(q, q + " ^ 1", s[5]), p)

    def aligned(self, fn, s, ind, in_defer):
        p = "  " * ind
        a, pad, j = aligned_vars(s)
        align = ("_Alignas(%d)" if s[3] == "alignas"
                 else "__attribute__((aligned(%d)))") % s[2]
        loop = s[7]
        q = p + "  " if loop and not loop[1] else p
        inner = ("%s  char %s = (char)((%s) %% 3);\n"
                 "%s  %s int %s[4] = {(int)(%s), %d, %d, 7};\n%s" % (
                     q, pad, s[5], q, align, a, s[5], s[4], s[1],
                     self.block(fn, s[6], len(q) // 2 + 1, in_defer)))
        if not loop:
            return "%s{\n%s%s}\n" % (p, inner, p)
        count, counted = loop
        bound = "%d" % count if counted else "lim%d" % s[1]
        out = "%sfor (%s = 0; %s < %s; %s++) {\n%s%s}\n" % (
            q, self.decl(j, in_defer), j, bound, j, inner, q)
        if counted:
            return out
        # A bound the analysis cannot count: the records go to the frame
        # buffer, then to the pool.
        return "%s{\n%s  volatile int lim%d = %d;\n%s%s}\n" % (
            p, p, s[1], count, out, p)

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
        if k in LOOPS:
            return self.loop(fn, s, ind, in_defer)
        if k == "asm_reset":
            flag = flag_var(s[1])
            return "%sif (%s == %d && !%s) {\n%s  %s = 1;\n%s  %s\n%s}\n" % (
                p, s[1], s[2], flag, p, flag, p,
                asm_write(s[1], s[3], s[4]), p)
        if k in HEADER_LOOPS:
            return self.header_loop(fn, s, ind, in_defer)
        if k == "guard":
            return self.guard(fn, s, ind, in_defer)
        if k == "aligned":
            return self.aligned(fn, s, ind, in_defer)
        if k == "alcheck":
            a, pad, _ = aligned_vars(s)
            return ('%sprintf("%s al%d %%d %%ld\\n", fuzz_aligned(%s, %d), '
                    'fuzz_sum(%s) + %s);\n' % (p, fn.name, s[1], a, s[2], a,
                                              pad))
        if k == "cycle":
            g, c = cycle_vars(s)
            q = p + "  " if s[5] else p
            out = ("%s%s = %d;\n%sagain%d:;\n%s%s = (%s * 7 + %d) %% %d;\n"
                   "%s%sif (%s) goto again%d;\n" % (
                       q, self.decl(g, in_defer), s[7], q, s[1],
                       q, self.decl(c, in_defer), g, s[3], MOD,
                       self.block(fn, s[4], len(q) // 2, in_defer),
                       q, again_test(g, s[2], s[7]), s[1]))
            return "%s{\n%s%s}\n" % (p, out, p) if s[5] else out
        if k == "again":
            return "%sif (%s) goto again%d;\n" % (
                p, again_test("g%d" % s[1], s[2], s[3]), s[1])
        if k == "break_if":
            return "%sif (%s == %d) break;\n" % (p, s[1], s[2])
        if k == "continue_if":
            return "%sif (%s == %d) continue;\n" % (p, s[1], s[2])
        if k == "return":
            return "%sreturn (%d + v) %% %d;\n" % (p, s[1], MOD)
        if k == "call":
            return "%sacc = (acc * 5 + %s(x >> 1, depth)) %% %d;\n" % (
                p, fn.callee(s[1]), MOD)
        if k == "xcall":
            return "%sacc = (acc * 5 + fuzz_relay(%s, x >> 1, depth)) %% %d;\n" % (
                p, fn.callee(s[1]), MOD)
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
        if k == "sigpanic":
            send = "kill(getpid(), SIGUSR1)" if s[2] else "raise(SIGUSR1)"
            return "%s{ fuzz_signal = %d; %s; }\n" % (p, s[1], send)
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

    def function(self, fn):
        return "\n".join([
            "__attribute__((noinline)) static long %s(long x, int depth) {"
            % fn.name,
            "  long v = 1, acc = 0;",
            "  (void)depth;",
            self.block(fn, fn.body, 1, False).rstrip("\n"),
            "  return acc %% %d;" % MOD,
            "}", ""])


def again_test(g, count, base):
    """The test of a cycle's backward goto."""
    if base:
        return "(signed char)++%s < %d" % (g, limit(count, base))
    return "++%s < %d" % (g, count)


class Site(NamedTuple):
    number: int
    repeats: bool    # in a loop or cycle: may register many times
    copies: list     # the copied int variables its block names
    array: str       # the copied aligned array its block names, or None


def repeats_of(s):
    """For each statement list directly inside S, the most times it runs
    per execution of S, and whether it may run more than once."""
    k = s[0]
    if k in LOOPS:
        count = max(1, s[2]) if k == "do" else s[2]
        if s[6]:
            count = 2 * count + 2  # an asm reset: once more at most
        return [(count, True)]
    if k == "whileh":
        return [(s[2], True), (s[2] + 1, True)]
    if k == "forh":
        return [(s[2], True), (s[2], True)]
    if k == "doh":
        return [(max(1, s[2]), True), (max(1, s[2]), True)]
    if k == "cycle":
        return [(max(1, s[2]), True)]
    if k == "aligned" and s[7]:
        return [(s[7][0], True)]
    return [(1, False) for _ in sub_blocks(s)]


def hoisted_vars(s):
    """The variables of S that the hand form declares at the top."""
    k = s[0]
    if k in LOOPS:
        return [s[1]] + ([flag_var(s[1])] if s[6] else [])
    if k in HEADER_LOOPS:
        return [s[1], head_var(s)]
    if k == "cycle":
        return list(cycle_vars(s))
    if k == "guard":
        return [guard_var(s)]
    if k == "aligned" and s[7]:
        return [aligned_vars(s)[2]]
    return []


class HandEmitter(Emitter):
    """The same program with each `defer` lowered by hand, without the
    plugin: variables declared at the top of the function (deferred
    blocks run at its end and read them there); every return stores the
    value in `ret` and jumps to `cleanup`, which runs the blocks newest
    first, as a flag test per block when each runs at most once, else by
    popping records (site, copied variables, an aligned member for a
    copied aligned array) from a local array whose size the loop bounds
    give."""

    def analyse(self, fn):
        """The defer sites of FN and the most records one call needs."""
        self.sites = {}
        self.hoisted = []

        def names(stmts):
            for s in stmts:
                if s[0] == "tracev":
                    yield s[2]
                if s[0] == "alcheck":
                    yield from aligned_vars(s)[:2]
                for b in sub_blocks(s):
                    yield from names(b)

        def walk(stmts, scope, repeats, times):
            most = 0
            for s, sc in block_scopes(stmts, scope):
                k = s[0]
                if k == "defer":
                    used = set(names(s[1]))
                    copies = sorted({n for n, copied in sc
                                     if copied and n in used})
                    arrays = [n for n in copies if n.startswith("al")]
                    assert len(arrays) <= 1
                    self.sites[id(s)] = Site(
                        len(self.sites), repeats,
                        [n for n in copies if not n.startswith("al")],
                        arrays[0] if arrays else None)
                    most += times
                    continue
                self.hoisted.extend(hoisted_vars(s))
                for (b, inner), (again, more) in zip(sub_scopes(s, sc),
                                                     repeats_of(s)):
                    most += walk(b, inner, repeats or more, times * again)
            return most

        self.records = walk(fn.body, [], False, 1)
        self.by_records = any(site.repeats for site in self.sites.values())
        self.used_cleanup = False

    def decl(self, name, in_defer):
        return "int " + name if in_defer or not self.sites else name

    def stmt(self, fn, s, ind, in_defer):
        p = "  " * ind
        k = s[0]
        if k == "result":
            return "%sret = (ret * 7 + %d) %% %d;\n" % (p, s[1], MOD)
        if k == "return" and self.sites:
            self.used_cleanup = True
            return "%s{ ret = (%d + v) %% %d; goto cleanup; }\n" % (
                p, s[1], MOD)
        if k == "defer":
            site = self.sites[id(s)]
            if not self.by_records:
                return "%sdone |= 1u << %d;\n" % (p, site.number)
            saves = "".join(" r->c[%d] = %s;" % (i, name)
                            for i, name in enumerate(site.copies))
            if site.array:
                saves += " __builtin_memcpy(r->a, %s, sizeof r->a);" % (
                    site.array)
            return "%s{ struct rec *r = &recs[n++]; r->site = %d;%s }\n" % (
                p, site.number, saves)
        return super().stmt(fn, s, ind, in_defer)

    def cleanup(self, fn, by_number):
        """The deferred blocks run at `cleanup`, newest first."""
        out = []
        if not self.by_records:
            for n in reversed(range(len(by_number))):
                out.append("  if (done & (1u << %d)) {\n%s  }" % (
                    n, self.block(fn, by_number[n][0][1], 2, True)))
            return out
        out.append("  while (n > 0) {")
        out.append("    struct rec *r = &recs[--n];")
        out.append("    switch (r->site) {")
        for n, (s, site) in enumerate(by_number):
            loads = "".join("      int %s = r->c[%d];\n" % (name, i)
                            for i, name in enumerate(site.copies))
            if site.array:
                loads += "      int *%s = r->a;\n" % site.array
            out.append("    case %d: {\n%s%s      break;\n    }" % (
                n, loads, self.block(fn, s[1], 3, True)))
        out.append("    }")
        out.append("  }")
        return out

    def function(self, fn):
        self.analyse(fn)
        if not self.sites:
            return super().function(fn)
        top = ["__attribute__((noinline)) static long %s(long x, int depth) {"
               % fn.name,
               "  long v = 1, acc = 0, ret;",
               "  (void)depth;"]
        if self.hoisted:
            top.append("  int %s;" % ", ".join(self.hoisted))
        if self.by_records:
            width = max([len(site.copies) for site in self.sites.values()]
                        + [1])
            array = ""
            if any(site.array for site in self.sites.values()):
                array = " __attribute__((aligned(32))) int a[4];"
            top.append("  struct rec { int site; int c[%d];%s } recs[%d];"
                       % (width, array, max(self.records, 1)))
            top.append("  int n = 0;")
        else:
            assert len(self.sites) <= 32
            top.append("  unsigned done = 0;")
        body = self.block(fn, fn.body, 1, False).rstrip("\n")
        by_number = [None] * len(self.sites)
        for s in defers_of(fn.body):
            by_number[self.sites[id(s)].number] = (s, self.sites[id(s)])
        tail = ["  ret = acc %% %d;" % MOD]
        if self.used_cleanup:
            tail.append("cleanup:")
        return "\n".join(top + [body] + tail + self.cleanup(fn, by_number)
                         + ["  return ret;", "}", ""])


def defers_of(stmts):
    for s in stmts:
        if s[0] == "defer":
            yield s
        else:
            for b in sub_blocks(s):
                yield from defers_of(b)


def has_panics(funcs):
    return bool(features(funcs) & {"panic", "sigpanic", "recover"})


# The second file of a program that calls through it (xcall): compiled
# without the plugin and without -fexceptions, a frame that a panic
# passes through.  The -O2 builds compile both files with -flto, where
# the compilers see that the relay's code cannot throw.  Not inlined:
# under Clang, calls inlined from a unit without -fexceptions into a
# function with defers get no landing pad (a limit docs/REFERENCE.md
# states).
RELAY_C = """\
/* A frame compiled without the defer plugin and without -fexceptions. */
__attribute__((noinline)) long fuzz_relay(long (*f)(long, int), long x,
                                          int depth) {
  long r = f(x, depth);
  __asm__ volatile("" : "+r"(r)); /* a call, not a tail call: a frame */
  return r;
}
"""


def relay_flags(cmd):
    """What the builds of a program with the relay file add: -flto at
    -O2."""
    return ["-flto"] if "-O2" in cmd else []


def prelude(kinds, hand):
    """The includes and helpers of a unit whose statements are of KINDS."""
    out = [] if hand else ["#include <defer.h>"]
    out.append("#include <stdio.h>")
    if "sigpanic" in kinds:
        out += ["#include <signal.h>", "#include <unistd.h>"]
    if "alcheck" in kinds:
        out += ["#include <emmintrin.h>", "#include <stdint.h>"]
    out.append("")
    if "sigpanic" in kinds:
        out += ["static volatile int fuzz_signal;",
                "static void fuzz_on_signal(int sig) {",
                "  (void)sig;",
                '  defer_panicf("s%d", fuzz_signal);',
                "}",
                ""]
    if "xcall" in kinds:
        out += ["long fuzz_relay(long (*f)(long, int), long x, int depth);",
                ""]
    if "alcheck" in kinds:
        out += ["/* Whether P is aligned to ALIGN, whatever the compiler",
                "   knows of P. */",
                "static int fuzz_aligned(const void *p, unsigned align) {",
                "  uintptr_t u = (uintptr_t)p;",
                '  __asm__("" : "+r"(u));',
                "  return u % align == 0;",
                "}",
                "",
                "/* The sum of the 4 ints at P, read by an aligned 16-byte"
                " load. */",
                "static long fuzz_sum(const int *p) {",
                "  __m128i q = _mm_load_si128((const __m128i *)p);",
                "  q = _mm_add_epi32(q, _mm_srli_si128(q, 8));",
                "  q = _mm_add_epi32(q, _mm_srli_si128(q, 4));",
                "  return _mm_cvtsi128_si32(q);",
                "}",
                ""]
    return out


def program_c(funcs, inputs, emitter, prefix=""):
    """The functions of one program and its `top`, which reports what f0
    returns (or a panic that nothing recovered)."""
    out = ["static long %s(long x, int depth);" % fn.name for fn in funcs]
    out.append("")
    out += [emitter.function(fn) for fn in funcs]
    out.append("__attribute__((noinline)) static void %stop(long x) {"
               % prefix)
    if has_panics(funcs):
        out.append("  defer {")
        out.append("    const defer_panic_info *pi = defer_recover();")
        out.append('    if (pi) printf("%smain %%ld panicked %%s\\n", x, pi->message);'
                   % prefix)
        out.append("  }")
    out.append('  printf("%smain %%ld -> %%ld\\n", x, %s(x, 2));'
               % (prefix, funcs[0].name))
    out.append("}")
    out.append("")
    return out


def main_c(kinds, calls):
    out = ["int main(void) {"]
    if "sigpanic" in kinds:
        # SA_NODEFER: the handler never returns, so the signal must not
        # stay blocked.
        out += ["  struct sigaction sa = {0};",
                "  sa.sa_handler = fuzz_on_signal;",
                "  sa.sa_flags = SA_NODEFER;",
                "  sigaction(SIGUSR1, &sa, 0);"]
    return out + calls + ["  return 0;", "}"]


def to_c(funcs, inputs, hand=False):
    kinds = features(funcs)
    out = prelude(kinds, hand)
    out += program_c(funcs, inputs, HandEmitter() if hand else Emitter())
    out += main_c(kinds, ["  top(%d);" % x for x in inputs])
    return "\n".join(out) + "\n"


def needs_relay(funcs):
    return "xcall" in features(funcs)


def big_unit(seed, nfuncs, hand, classes=()):
    """One translation unit of generated programs without panics, from
    seed SEED on, until it has NFUNCS functions, and its expected
    output."""
    out, calls, expect = [], [], []
    kinds = set()
    total = 0
    while total < nfuncs:
        rng = random.Random(seed)
        prefix = "p%d_" % seed
        funcs, inputs = Generator(rng, rng.randint(1, 4), panics=False,
                                  classes=classes).program()
        seed += 1
        for fn in funcs:
            fn.prefix = prefix
        try:
            expect += predict_lines(funcs, inputs, prefix)
        except RuntimeError:
            continue
        kinds |= features(funcs)
        out += program_c(funcs, inputs, HandEmitter() if hand else Emitter(),
                         prefix)
        calls += ["  %stop(%d);" % (prefix, x) for x in inputs]
        total += len(funcs)
    out = prelude(kinds, hand) + out + main_c(kinds, calls)
    return "\n".join(out) + "\n", "\n".join(expect) + "\n"


# --- running ------------------------------------------------------------
def compilers(build, inc, hand=False, no_unwind=False, sanitize=False):
    """(name, command with the plugin, link flags, the same compiler and
    level without the plugin, for the relay file) per build."""
    out = []
    gcc = gcc_driver(build)
    if hand:
        for opt in ("-O0", "-O2"):
            out.append(("gcc" + opt, [gcc, opt, "-w"], [],
                        [gcc, opt, "-w"]))
            if shutil.which("clang-22"):
                out.append(("clang" + opt, ["clang-22", opt, "-w"], [],
                            ["clang-22", opt, "-w"]))
        return out
    gcc_plugin = os.path.join(build, "plugin/gcc/defer.so")
    clang_plugin = os.path.join(build, "plugin/clang/defer-clang.so")
    lib = os.path.join(build, "runtime")
    link = ["-L" + lib, "-Wl,-rpath," + lib, "-ldefer"]
    extra = ["-fplugin-arg-defer-no-unwind"] if no_unwind else []
    if sanitize:
        extra += ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
    tag = "-no-unwind" if no_unwind else ""
    for opt in ("-O0", "-O2"):
        if os.path.exists(gcc_plugin):
            out.append(("gcc" + opt + tag,
                        [gcc, "-fplugin=" + gcc_plugin] + extra +
                        ["-I" + inc, opt, "-w"], link, [gcc, opt, "-w"]))
        if os.path.exists(clang_plugin) and shutil.which("clang-22"):
            out.append(("clang" + opt + tag,
                        ["clang-22", "-fplugin=" + clang_plugin] + extra +
                        ["-I" + inc, opt, "-w"], link,
                        ["clang-22", opt, "-w"]))
    return out


def run_one(source, comps, workdir, relay=False):
    """Outputs of SOURCE per compiler, or an error string.  With RELAY,
    the program is linked with RELAY_C, compiled without the plugin."""
    path = os.path.join(workdir, "p.c")
    with open(path, "w") as f:
        f.write(source)
    if relay:
        relay_path = os.path.join(workdir, "relay.c")
        with open(relay_path, "w") as f:
            f.write(RELAY_C)
    results = {}
    for name, cmd, link, plain in comps:
        exe = os.path.join(workdir, name)
        objs = []
        lto = []
        if relay:
            lto = relay_flags(cmd)
            objs = [os.path.join(workdir, name + "-relay.o")]
            c = subprocess.run(plain + lto + ["-c", relay_path, "-o", objs[0]],
                               capture_output=True, text=True)
            if c.returncode != 0:
                results[name] = "COMPILE ERROR (relay)\n" + c.stderr[-2000:]
                continue
        results[name] = build_and_run(cmd + lto, [path] + objs, exe, link)
    return results


def mismatches(funcs, inputs, comps, workdir, hand=False):
    want = predict(funcs, inputs)
    got = run_one(to_c(funcs, inputs, hand), comps, workdir,
                  needs_relay(funcs))
    return {name: out for name, out in got.items() if out != want}


def shrink(funcs, inputs, comps, workdir, hand=False):
    """Remove statements while the program still fails somewhere."""
    def still_fails():
        if not well_formed(funcs):
            return False
        try:
            return bool(mismatches(funcs, inputs, comps, workdir, hand))
        except RuntimeError:
            return False

    return shrink_program(funcs, inputs, sub_blocks, still_fails)


def check(seed, comps, out_dir, panics=True, hand=False, classes=None):
    rng = random.Random(seed)
    funcs, inputs = Generator(rng, rng.randint(1, 4), panics,
                              classes).program()
    try:
        predict(funcs, inputs)
    except RuntimeError:
        return seed, None  # too long to model: skip
    with tempfile.TemporaryDirectory() as work:
        bad = mismatches(funcs, inputs, comps, work, hand)
        if not bad:
            return seed, None
        funcs, inputs = shrink(funcs, inputs, comps, work, hand)
        bad = mismatches(funcs, inputs, comps, work, hand)
        source = to_c(funcs, inputs, hand)
        want = predict(funcs, inputs)
    path = os.path.join(out_dir, "fail-%d.c" % seed)
    objs = []
    with open(path, "w") as f:
        f.write(source)
        if needs_relay(funcs):
            relay = os.path.join(out_dir, "fail-%d-relay.c" % seed)
            with open(relay, "w") as r:
                r.write(RELAY_C)
            objs = [relay[:-2] + ".o"]
        for name, cmd, link, plain in comps:
            if name in bad:
                lto = relay_flags(cmd) if objs else []
                f.write("/* build (%s):\n" % name)
                if objs:
                    f.write("   %s\n" % " ".join(
                        plain + lto + ["-c", relay, "-o", objs[0]]))
                f.write("   %s\n*/\n" % " ".join(
                    cmd + lto + [path] + objs + ["-o", path[:-2]] + link))
        f.write("/* expected:\n%s*/\n" % want)
        for name, text in sorted(bad.items()):
            f.write("/* %s:\n%s*/\n" % (name, text.replace("*/", "* /")))
    return seed, path


def parse_classes(text):
    """The classes of --classes: None for the default mix."""
    if text is None:
        return None
    if text == "none":
        return set()
    if text == "all":
        return set(CLASSES)
    chosen = set(text.split(","))
    unknown = chosen - set(CLASSES)
    if unknown:
        sys.exit("defer_fuzz: unknown class %s (classes: %s)" % (
            ", ".join(sorted(unknown)), ", ".join(sorted(CLASSES))))
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", help="build directory of the plugins")
    add_common_arguments(ap, "defer.h")
    ap.add_argument("--no-panic", action="store_true",
                    help="generate programs without panics and recovers")
    ap.add_argument("--no-unwind", action="store_true",
                    help="build with -fplugin-arg-defer-no-unwind (implies "
                    "--no-panic)")
    ap.add_argument("--sanitize", action="store_true",
                    help="build with AddressSanitizer and UBSan (an overrun "
                    "record array fails the run)")
    ap.add_argument("--hand", action="store_true",
                    help="check the hand-lowered form with the plain "
                    "compilers (implies --no-panic)")
    ap.add_argument("--classes", metavar="LIST",
                    help="comma-separated classes that every program "
                    "enables (%s), or all, or none (the basic statements "
                    "only); by default each program enables each class "
                    "with a probability of its own, except under --emit, "
                    "whose default is none" % ",".join(sorted(CLASSES)))
    ap.add_argument("--emit", choices=("defer", "hand"),
                    help="print one translation unit of --funcs functions")
    ap.add_argument("--funcs", type=int, default=500)
    ap.add_argument("--expect", help="with --emit: write the expected "
                    "output of the unit's program here")
    args = ap.parse_args()
    classes = parse_classes(args.classes)
    if args.emit:
        source, want = big_unit(args.seed, args.funcs, args.emit == "hand",
                                set() if classes is None else classes)
        sys.stdout.write(source)
        if args.expect:
            with open(args.expect, "w") as f:
                f.write(want)
        return
    if not args.build and not args.hand:
        ap.error("--build is required (unless --hand or --emit)")
    comps = compilers(os.path.abspath(args.build or "."),
                      os.path.abspath(args.include), args.hand,
                      args.no_unwind, args.sanitize)
    if not comps:
        sys.exit("defer_fuzz: no plugin found under %s" % args.build)
    panics = not (args.no_panic or args.hand or args.no_unwind)
    os.makedirs(args.out, exist_ok=True)
    seeds = range(args.seed, args.seed + args.count)
    failures = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for seed, path in pool.map(
                lambda s: check(s, comps, os.path.abspath(args.out), panics,
                                args.hand, classes), seeds):
            if path:
                failures.append(path)
                print("FAIL seed %d: %s" % (seed, path))
    print("%d programs, %d compilers (%s), %d failures" % (
        len(seeds), len(comps), " ".join(c[0] for c in comps), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
