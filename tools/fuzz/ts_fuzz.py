#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential fuzzing of block-scoped `_Defer` (ISO/IEC TS 25755).

Generates random, valid C programs that use `_Defer` heavily: nested
blocks, `_Defer` of an expression statement, of a compound statement and
of other statements (`_Defer if ...`, `_Defer for ...`, `_Defer _Defer
X;`), `_Defer` inside a deferred statement, for/while/do loops with
`_Defer` in the body and break and continue, early returns at any depth,
forward gotos that leave blocks, backward gotos that leave blocks or go
back past a `_Defer` of their own block (cycles), switches with `_Defer`
in braced case blocks and fall-through, statement expressions
`({ _Defer X; value; })`, `if (c) _Defer X;` (X runs at once), functions
that return an int or a structure whose variable a `_Defer` modifies,
deferred statements that read and write the variables of their place,
calls in deferred statements, and in some programs the Go-style
`__defer` at function level.  Half of the programs spell the statement
`defer` through <stddefer.h>.

It predicts each program's output with a model of docs/REFERENCE.md
("Block-scoped `_Defer`") written here, an interpreter of the generator's
own program representation: a `_Defer` runs when its block is left by any
way, newest first within a block, inner blocks first; a secondary block
that is not a compound statement (`if (c) _Defer X;`, `_Defer _Defer X;`)
is a block of its own; a statement expression computes its value before
its `_Defer`s run; `return e;` computes e before they run, structures
too; the Go-style blocks run as the function's outermost block ends,
before that block's own `_Defer`s.

Each program is compiled with the GCC plugin and the Clang plugin (TS
mode, -fplugin-arg-defer-ts) and, when it has no `__defer`, with Clang 22
alone under -fdefer-ts (the reference implementation), each at -O0 and
-O2; every output must be the model's.  Where the reference differs from
the model in the one known way (a structure returned by a function whose
`_Defer` changes the returned variable: Clang's NRVO makes the change
visible to the caller, the TS says the value is computed first), the
program counts as a reference deviation, not as a failure.  A failing
program is shrunk to a small reproducer, fail-<seed>.c in --out, which
ends with the commands that build it, the expected output and each
build's.

usage: ts_fuzz.py --build BUILD [--seed S] [--count N] [--jobs J] [--batch B]
                  [--out DIR] [--include DIR] [--no-reference] [--nested]
                  [--no-mixed] [--only gcc,clang,ref]
Exit status 0 when every program matched, 1 otherwise.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from fuzz_common import (Again, Break, Continue, Return, SwitchBreak,
                         add_common_arguments, build_and_run, gcc_driver,
                         shrink_program)

MOD = 1000003

# --- program representation ---------------------------------------------
# A statement is a tuple; the first element names its kind.  A "secondary
# block" SB is (braced, stmts): braced, `{ stmts }`; otherwise one
# statement written without braces (stmts has at most one element, none
# written as `;`), which is a block of its own all the same.
#   ("trace", n)                printf("fN n\n")
#   ("tracev", n, var)          print n and a variable's value
#   ("set", var, k)             var = (var * 3 + k) % MOD
#   ("defer", sb)               _Defer SB
#   ("godefer", stmts)          __defer { stmts } (function level only)
#   ("block", local, stmts)     { long bN = (v + k) % MOD; stmts }; local
#                               (name, k) or None
#   ("if", cond, sb, sb2)       if (cond) SB [else SB2]; sb2 None: no else
#   ("for", var, count, sb)     for (int var = 0; var < count; var++) SB
#   ("while", var, count, stmts)
#                               { int var = 0; while (var < count)
#                                 { var++; stmts } }
#   ("do", var, count, stmts)   { int var = 0; do { var++; stmts }
#                                 while (var < count); }
#   ("break_if", cond)          if (cond) break;      (innermost: a loop)
#   ("continue_if", cond)       if (cond) continue;   (in a loop)
#   ("brk_if", cond)            if (cond) break;      (innermost: a switch)
#   ("brk",)                    break;                (end of a case block)
#   ("switch", bit, cases)      switch ((x >> bit) & 3) { case i: { ... }
#                               ... default: break; }  (fall-through)
#   ("ret_if", cond, k)         if (cond) return (k + v) % MOD; for a
#                               structure: if (cond) { r.a = (r.a * 3 +
#                               k + v) % MOD; return r; }
#   ("skip", n, body, after)    { body } after outN:;  body holds gotos
#                               to outN at any depth; after has no
#                               _Defer of its own level
#   ("goto", n, cond)           if (cond) goto outN;
#   ("cycle", n, count, stmts)  { long gN = 0; againN:; stmts }, stmts
#                               ending with an ("again", n, count)
#   ("again", n, count)         if (++gN < count) goto againN;
#   ("sexpr", n, stmts, k)      printf("fN n s=%ld\n", (long)({ stmts
#                               (v + k) % MOD; }))
#   ("call", f)                 acc = (acc * 5 + fF(x >> 1)) % MOD
#   ("end",)                    the function's last statement: return
#                               (acc + v * 7 + w) % MOD; (a structure:
#                               r.a = (r.a + acc + v * 7 + w) % MOD;
#                               return r;)
# A condition is ("x", bit): (x >> bit) & 1, or ("eq", var, k): var == k.


class Function:
    def __init__(self, index, struct):
        self.index = index
        self.struct = struct
        self.body = []
        self.prefix = ""  # of its C name, in a unit of several programs

    @property
    def name(self):
        return "f%d" % self.index

    @property
    def cname(self):
        return self.prefix + self.name


def sub_lists(s):
    """The statement lists directly inside S."""
    k = s[0]
    if k == "defer":
        return [s[1][1]]
    if k in ("godefer",):
        return [s[1]]
    if k in ("block",):
        return [s[2]]
    if k == "if":
        return [s[2][1]] + ([s[3][1]] if s[3] else [])
    if k == "for":
        return [s[3][1]]
    if k in ("while", "do"):
        return [s[3]]
    if k == "switch":
        return list(s[2])
    if k == "skip":
        return [s[2], s[3]]
    if k == "cycle":
        return [s[3]]
    if k == "sexpr":
        return [s[2]]
    return []


def walk(stmts):
    for s in stmts:
        yield s
        for b in sub_lists(s):
            yield from walk(b)


# --- generator ----------------------------------------------------------

class Ctx:
    """Where a statement goes: its visible variables (readable, and the
    writable ones), the jumps it may make."""

    def __init__(self, **kw):
        self.depth = 0
        self.reads = ["v", "w"]
        self.writes = ["v", "w"]
        self.loop = None        # innermost loop variable (continue)
        self.breaks = None      # "loop" or "switch": what break leaves
        self.in_defer = False   # in a deferred statement (or __defer block)
        self.jumps = True       # return and goto allowed (not in a
                                # deferred statement or statement expression)
        self.outs = []          # labels of enclosing skips
        self.cycles = []        # (n, count) of enclosing cycles
        self.top = False        # the function's outermost block
        self.__dict__.update(kw)

    def but(self, **kw):
        c = Ctx(**self.__dict__)
        c.__dict__.update(kw)
        return c


class Generator:
    def __init__(self, rng, nfuncs, nested=False, mixed=True):
        self.rng = rng
        self.nfuncs = nfuncs
        self.nested = nested  # `_Defer _Defer X;` (see NESTED)
        self.n = 0
        # Drawn always, so that a seed's program is the same with or
        # without --no-mixed but for its __defers.
        self.godefer = rng.random() < 0.3 and mixed

    def fresh(self):
        self.n += 1
        return self.n

    def cond(self, ctx):
        r = self.rng
        ints = [v for v in ctx.reads if v.startswith(("i", "g"))]
        if ints and r.random() < 0.4:
            return ("eq", r.choice(ints), r.randint(0, 3))
        return ("x", r.randint(0, 7))

    def stmts(self, fn, ctx, budget, lo=1, hi=4):
        out = []
        for _ in range(self.rng.randint(lo, hi)):
            if budget[0] <= 0:
                break
            budget[0] -= 1
            out.append(self.stmt(fn, ctx, budget))
        return out

    def sb(self, fn, ctx, budget, deferred=False):
        """A secondary block: braced, or one statement (of a _Defer:
        DEFERRED)."""
        if self.rng.random() < 0.3:
            budget[0] -= 1
            return (False, [self.simple(fn, ctx, budget, deferred)])
        return (True, self.stmts(fn, ctx, budget))

    def simple(self, fn, ctx, budget, deferred=False):
        """A statement that can stand alone as a secondary block."""
        r = self.rng
        kinds = ["trace", "set", "tracev", "sexpr"]
        if ctx.depth < 4:
            kinds += ["if", "for"]
            if self.nested or not deferred:
                kinds += ["defer"]
        if fn.index + 1 < self.nfuncs:
            kinds += ["call"]
        return self.make(r.choice(kinds), fn, ctx, budget)

    def deferred(self, fn, ctx, budget):
        """The statement of a _Defer."""
        inner = ctx.but(depth=ctx.depth + 1, in_defer=True, jumps=False,
                        loop=None, breaks=None, outs=[], cycles=[],
                        top=False)
        return self.sb(fn, inner, [min(budget[0], 4)], deferred=True)

    def stmt(self, fn, ctx, budget):
        r = self.rng
        kinds = ["trace", "trace", "set", "set", "tracev",
                 "defer", "defer", "defer", "defer", "ifdefer"]
        if ctx.depth < 4:
            kinds += ["block", "if", "for", "while", "do", "sexpr"]
            if ctx.jumps:
                kinds += ["switch", "skip", "cycle"]
        if ctx.jumps:
            kinds += ["ret_if"]
            if ctx.outs:
                kinds += ["goto", "goto"]
            if ctx.cycles:
                kinds += ["again"]
        if ctx.breaks == "loop":
            kinds += ["break_if"]
        if ctx.breaks == "switch":
            kinds += ["brk_if"]
        if ctx.loop:
            kinds += ["continue_if"]
        if fn.index + 1 < self.nfuncs:
            kinds += ["call"]
        if ctx.top and self.godefer:
            kinds += ["godefer", "godefer"]
        return self.make(r.choice(kinds), fn, ctx, budget)

    def make(self, kind, fn, ctx, budget):
        r = self.rng
        deeper = ctx.but(depth=ctx.depth + 1, top=False)
        if kind == "trace":
            return ("trace", r.randint(1, 999))
        if kind == "tracev":
            return ("tracev", r.randint(1, 999), r.choice(ctx.reads))
        if kind == "set":
            return ("set", r.choice(ctx.writes), r.randint(0, 9))
        if kind == "defer":
            return ("defer", self.deferred(fn, ctx, budget))
        if kind == "ifdefer":
            return ("if", self.cond(ctx),
                    (False, [("defer", self.deferred(fn, ctx, budget))]),
                    None)
        if kind == "godefer":
            inner = ctx.but(depth=1, in_defer=True, jumps=False, loop=None,
                            breaks=None, outs=[], cycles=[], top=False)
            return ("godefer", self.stmts(fn, inner, [4]))
        if kind == "block":
            local = None
            c = deeper
            if r.random() < 0.6:
                name = "b%d" % self.fresh()
                local = (name, r.randint(0, 9))
                c = deeper.but(reads=ctx.reads + [name],
                               writes=ctx.writes + [name])
            return ("block", local, self.stmts(fn, c, budget))
        if kind == "if":
            return ("if", self.cond(ctx), self.sb(fn, deeper, budget),
                    self.sb(fn, deeper, budget) if r.random() < 0.4 else None)
        if kind in ("for", "while", "do"):
            if ctx.in_defer and kind != "for" and r.random() < 0.5:
                kind = "for"
            var = "i%d" % self.fresh()
            count = r.randint(0, 3)
            c = deeper.but(reads=ctx.reads + [var], loop=var, breaks="loop")
            if kind == "for":
                return ("for", var, count, self.sb(fn, c, budget))
            return (kind, var, count, self.stmts(fn, c, budget))
        if kind == "break_if":
            return ("break_if", self.cond(ctx))
        if kind == "continue_if":
            return ("continue_if", ("eq", ctx.loop, r.randint(0, 3))
                    if r.random() < 0.6 else self.cond(ctx))
        if kind == "brk_if":
            return ("brk_if", self.cond(ctx))
        if kind == "switch":
            cases = []
            c = deeper.but(breaks="switch")
            for _ in range(r.randint(1, 3)):
                body = self.stmts(fn, c, budget)
                if r.random() < 0.5:
                    body.append(("brk",))
                cases.append(body)
            return ("switch", r.randint(0, 6), cases)
        if kind == "ret_if":
            return ("ret_if", self.cond(ctx), r.randint(0, 99))
        if kind == "skip":
            n = self.fresh()
            body = self.stmts(fn, deeper.but(outs=ctx.outs + [n]), budget)
            # At least one goto, somewhere in the body.
            if not any(s[0] == "goto" and s[1] == n for s in walk(body)):
                body.insert(r.randint(0, len(body)),
                            ("goto", n, self.cond(ctx)))
            after = [s for s in self.stmts(fn, ctx.but(top=False), budget,
                                           0, 2)
                     if s[0] not in ("defer", "godefer")]
            return ("skip", n, body, after)
        if kind == "goto":
            return ("goto", r.choice(ctx.outs), self.cond(ctx))
        if kind == "cycle":
            n = self.fresh()
            count = r.randint(1, 3)
            g = "g%d" % n
            c = deeper.but(reads=ctx.reads + [g],
                           cycles=ctx.cycles + [(n, count)])
            body = self.stmts(fn, c, budget)
            return ("cycle", n, count, body + [("again", n, count)])
        if kind == "again":
            return ("again",) + r.choice(ctx.cycles)
        if kind == "sexpr":
            c = deeper.but(jumps=False, loop=None, breaks=None, outs=[],
                           cycles=[])
            return ("sexpr", r.randint(1, 999), self.stmts(fn, c, budget),
                    r.randint(0, 9))
        if kind == "call":
            return ("call", r.randint(fn.index + 1, self.nfuncs - 1))
        raise AssertionError(kind)

    def program(self):
        funcs = []
        for i in range(self.nfuncs):
            fn = Function(i, self.rng.random() < 0.4)
            writes = ["v", "w"] + (["r.a"] if fn.struct else [])
            ctx = Ctx(reads=list(writes), writes=writes, top=True)
            fn.body = self.stmts(fn, ctx, [16], 2, 6) + [("end",)]
            funcs.append(fn)
        inputs = [self.rng.randint(0, 255) for _ in range(4)]
        return funcs, inputs


# --- the model ----------------------------------------------------------

class GotoOut(Exception):
    def __init__(self, n):
        self.n = n


class Frame:
    def __init__(self, x):
        self.x = x
        self.vars = {"v": 1, "w": 2, "acc": 0, "r.a": 0}
        self.go = []  # Go-style blocks, newest last


class Model:
    """docs/REFERENCE.md, "Block-scoped `_Defer`", for the generator's
    programs.  Two deviations of Clang 22 from the TS can be modelled
    instead: NRVO, a structure's function returns what its variable
    holds once every deferred statement ran (Clang alone; the plugin
    returns a copy); DROP, a `_Defer` that is itself the deferred
    statement of a `_Defer` (`_Defer _Defer X;`) never runs X (Clang
    alone and through the plugin; an approximation: Clang runs X at some
    later exits of the blocks around it)."""

    def __init__(self, funcs, nrvo=False, drop=False):
        self.funcs = funcs
        self.nrvo = nrvo
        self.drop = drop
        self.out = []
        self.steps = 0

    def tick(self):
        self.steps += 1
        if self.steps > 100000:
            raise RuntimeError("program too long")

    def call(self, fn, x):
        frame = Frame(x)
        try:
            self.block(fn, frame, fn.body, outermost=True)
            raise AssertionError("fell off the end")
        except Return as r:
            value = r.value
        if fn.struct and self.nrvo:
            value = frame.vars["r.a"]
        return value % MOD

    def cond(self, frame, c):
        if c[0] == "x":
            return (frame.x >> c[1]) & 1
        return frame.vars[c[1]] == c[2]

    def run_pending(self, fn, frame, pending):
        while pending:
            sb = pending.pop()
            if self.drop and not sb[0] and sb[1] and sb[1][0][0] == "defer":
                continue
            self.sb(fn, frame, sb)

    def sb(self, fn, frame, sb):
        self.block(fn, frame, sb[1])

    def block(self, fn, frame, stmts, outermost=False, label=None,
              tail=None):
        """Runs STMTS as one block: its _Defers run as it is left, by any
        way.  LABEL: a cycle's label at the start of the block, which a
        backward goto goes to, running the _Defers of the block first.
        TAIL: computed after the statements, before the _Defers run (a
        statement expression's value)."""
        pending = []
        value = None
        try:
            i = 0
            while i < len(stmts):
                try:
                    self.step(fn, frame, stmts[i], pending)
                except Again as a:
                    if a.target != label:
                        raise
                    self.run_pending(fn, frame, pending)
                    i = 0
                    continue
                i += 1
            if tail:
                value = tail()
        finally:
            if outermost:
                while frame.go:
                    self.block(fn, frame, frame.go.pop())
            self.run_pending(fn, frame, pending)
        return value

    def step(self, fn, frame, s, pending):
        self.tick()
        k = s[0]
        V = frame.vars
        if k == "trace":
            self.out.append("%s %d" % (fn.name, s[1]))
        elif k == "tracev":
            self.out.append("%s %d %s=%d" % (fn.name, s[1], s[2], V[s[2]]))
        elif k == "set":
            V[s[1]] = (V[s[1]] * 3 + s[2]) % MOD
        elif k == "defer":
            pending.append(s[1])
        elif k == "godefer":
            frame.go.append(s[1])
        elif k == "block":
            if s[1]:
                V[s[1][0]] = (V["v"] + s[1][1]) % MOD
            self.block(fn, frame, s[2])
        elif k == "if":
            if self.cond(frame, s[1]):
                self.sb(fn, frame, s[2])
            elif s[3]:
                self.sb(fn, frame, s[3])
        elif k in ("for", "while", "do"):
            var, count = s[1], s[2]
            body = s[3][1] if k == "for" else s[3]
            V[var] = 0
            while True:
                if k != "do" and not V[var] < count:
                    break
                if k != "for":
                    V[var] += 1
                try:
                    self.block(fn, frame, body)
                except Break:
                    break
                except Continue:
                    pass
                if k == "for":
                    V[var] += 1
                if k == "do" and not V[var] < count:
                    break
        elif k == "break_if":
            if self.cond(frame, s[1]):
                raise Break()
        elif k == "continue_if":
            if self.cond(frame, s[1]):
                raise Continue()
        elif k == "brk_if":
            if self.cond(frame, s[1]):
                raise SwitchBreak()
        elif k == "brk":
            raise SwitchBreak()
        elif k == "switch":
            sel = (frame.x >> s[1]) & 3
            try:
                for body in s[2][sel:]:
                    self.block(fn, frame, body)
            except SwitchBreak:
                pass
        elif k == "ret_if":
            if self.cond(frame, s[1]):
                if fn.struct:
                    V["r.a"] = (V["r.a"] * 3 + s[2] + V["v"]) % MOD
                    raise Return(V["r.a"])
                raise Return((s[2] + V["v"]) % MOD)
        elif k == "end":
            value = V["acc"] + V["v"] * 7 + V["w"]
            if fn.struct:
                V["r.a"] = (V["r.a"] + value) % MOD
                raise Return(V["r.a"])
            raise Return(value % MOD)
        elif k == "skip":
            try:
                self.block(fn, frame, s[2])
            except GotoOut as g:
                if g.n != s[1]:
                    raise
                return
            for t in s[3]:
                self.step(fn, frame, t, pending)
        elif k == "goto":
            if self.cond(frame, s[2]):
                raise GotoOut(s[1])
        elif k == "cycle":
            V["g%d" % s[1]] = 0
            self.block(fn, frame, s[3], label=s[1])
        elif k == "again":
            g = "g%d" % s[1]
            V[g] += 1
            if V[g] < s[2]:
                raise Again(s[1])
        elif k == "sexpr":
            value = self.block(fn, frame, s[2],
                               tail=lambda: (V["v"] + s[3]) % MOD)
            self.out.append("%s %d s=%d" % (fn.name, s[1], value))
        elif k == "call":
            V["acc"] = (V["acc"] * 5 + self.call(self.funcs[s[1]],
                                                 frame.x >> 1)) % MOD
        else:
            raise AssertionError(k)


def predict(funcs, inputs, nrvo=False, drop=False):
    m = Model(funcs, nrvo, drop)
    for x in inputs:
        m.out.append("main %d -> %d" % (x, m.call(funcs[0], x)))
    return "\n".join(m.out) + "\n"


# --- C output -----------------------------------------------------------

def cond_c(c):
    if c[0] == "x":
        return "(x >> %d) & 1" % c[1]
    return "%s == %d" % (c[1], c[2])


class Emitter:
    def __init__(self, spelling):
        self.kw = spelling  # "_Defer" or "defer"

    def block(self, fn, stmts, ind):
        return "".join(self.stmt(fn, s, ind) for s in stmts)

    def sb(self, fn, sb, ind):
        """A secondary block after its head (`if (c)`, `_Defer`...):
        ' { ... }' or the one statement on the next line."""
        p = "  " * ind
        braced, stmts = sb
        if braced:
            return " {\n%s%s}\n" % (self.block(fn, stmts, ind + 1), p)
        if not stmts:
            return " ;\n"
        return "\n" + self.stmt(fn, stmts[0], ind + 1)

    def ret(self, fn, k):
        if fn.struct:
            return "{ r.a = (r.a * 3 + %d + v) %% %d; return r; }" % (k, MOD)
        return "return (%d + v) %% %d;" % (k, MOD)

    def stmt(self, fn, s, ind):
        p = "  " * ind
        k = s[0]
        if k == "trace":
            return '%sprintf("%s %d\\n");\n' % (p, fn.name, s[1])
        if k == "tracev":
            return '%sprintf("%s %d %s=%%ld\\n", (long)%s);\n' % (
                p, fn.name, s[1], s[2], s[2])
        if k == "set":
            return "%s%s = (%s * 3 + %d) %% %d;\n" % (p, s[1], s[1], s[2],
                                                     MOD)
        if k == "defer":
            return "%s%s%s" % (p, self.kw, self.sb(fn, s[1], ind))
        if k == "godefer":
            return "%s__defer {\n%s%s}\n" % (p, self.block(fn, s[1], ind + 1),
                                             p)
        if k == "block":
            local = ""
            if s[1]:
                local = "%s  long %s = (v + %d) %% %d;\n" % (p, s[1][0],
                                                            s[1][1], MOD)
            return "%s{\n%s%s%s}\n" % (p, local, self.block(fn, s[2],
                                                           ind + 1), p)
        if k == "if":
            then = s[2]
            if s[3] and not then[0]:
                # Braces keep an else from going to an if inside the
                # then branch; the then branch is a block either way.
                then = (True, then[1])
            out = "%sif (%s)%s" % (p, cond_c(s[1]), self.sb(fn, then, ind))
            if s[3]:
                out += "%selse%s" % (p, self.sb(fn, s[3], ind))
            return out
        if k == "for":
            return "%sfor (int %s = 0; %s < %d; %s++)%s" % (
                p, s[1], s[1], s[2], s[1], self.sb(fn, s[3], ind))
        if k == "while":
            return ("%s{\n%s  int %s = 0;\n%s  while (%s < %d) {\n"
                    "%s    %s++;\n%s%s  }\n%s}\n" % (
                        p, p, s[1], p, s[1], s[2], p, s[1],
                        self.block(fn, s[3], ind + 2), p, p))
        if k == "do":
            return ("%s{\n%s  int %s = 0;\n%s  do {\n%s    %s++;\n%s"
                    "%s  } while (%s < %d);\n%s}\n" % (
                        p, p, s[1], p, p, s[1],
                        self.block(fn, s[3], ind + 2), p, s[1], s[2], p))
        if k in ("break_if", "brk_if"):
            return "%sif (%s) break;\n" % (p, cond_c(s[1]))
        if k == "continue_if":
            return "%sif (%s) continue;\n" % (p, cond_c(s[1]))
        if k == "brk":
            return "%sbreak;\n" % p
        if k == "switch":
            out = "%sswitch ((x >> %d) & 3) {\n" % (p, s[1])
            for i, body in enumerate(s[2]):
                out += "%scase %d: {\n%s%s}\n" % (
                    p, i, self.block(fn, body, ind + 1), p)
            return out + "%sdefault: break;\n%s}\n" % (p, p)
        if k == "ret_if":
            return "%sif (%s) %s\n" % (p, cond_c(s[1]), self.ret(fn, s[2]))
        if k == "end":
            if fn.struct:
                return "%sr.a = (r.a + acc + v * 7 + w) %% %d;\n%sreturn r;\n" % (
                    p, MOD, p)
            return "%sreturn (acc + v * 7 + w) %% %d;\n" % (p, MOD)
        if k == "skip":
            return "%s{\n%s%s}\n%s%sout%d:;\n" % (
                p, self.block(fn, s[2], ind + 1), p, self.block(fn, s[3], ind),
                p, s[1])
        if k == "goto":
            return "%sif (%s) goto out%d;\n" % (p, cond_c(s[2]), s[1])
        if k == "cycle":
            return "%s{\n%s  long g%d = 0;\n%sagain%d:;\n%s%s}\n" % (
                p, p, s[1], p, s[1], self.block(fn, s[3], ind + 1), p)
        if k == "again":
            return "%sif (++g%d < %d) goto again%d;\n" % (p, s[1], s[2], s[1])
        if k == "sexpr":
            return ('%sprintf("%s %d s=%%ld\\n", (long)({\n%s%s  (v + %d) %% '
                    '%d;\n%s}));\n' % (p, fn.name, s[1],
                                       self.block(fn, s[2], ind + 1), p, s[3],
                                       MOD, p))
        if k == "call":
            callee = self.funcs[s[1]]
            return "%sacc = (acc * 5 + %s(x >> 1)%s) %% %d;\n" % (
                p, callee.cname, ".a" if callee.struct else "", MOD)
        raise AssertionError(k)

    def function(self, fn):
        ret = "struct R" if fn.struct else "long"
        head = ["static %s %s(long x) {" % (ret, fn.cname),
                "  long v = 1, w = 2, acc = 0;"]
        if fn.struct:
            head.append("  struct R r = {0};")
        return "\n".join(head + [self.block(fn, fn.body, 1).rstrip("\n"),
                                 "}", ""])


def program_c(funcs, inputs, spelling, prefix=""):
    """The functions of one program and the lines of main that call it."""
    for fn in funcs:
        fn.prefix = prefix
    out = ["static %s %s(long x);" % ("struct R" if fn.struct else "long",
                                      fn.cname) for fn in funcs]
    out.append("")
    e = Emitter(spelling)
    e.funcs = funcs
    out += [e.function(fn) for fn in funcs]
    calls = ['  printf("main %d -> %%ld\\n", (long)%s(%d)%s);' % (
        x, funcs[0].cname, x, ".a" if funcs[0].struct else "")
        for x in inputs]
    return out, calls


def unit_c(programs):
    """One translation unit of PROGRAMS, (seed, funcs, inputs, spelling)
    each; with several, each program's output follows a line `== seed`."""
    out = []
    if any(p[3] == "defer" for p in programs):
        out.append("#include <stddefer.h>")
    out += ["#include <stdio.h>", "",
            "/* Large enough to be returned in memory, where NRVO applies. */",
            "struct R { long a; long pad[7]; };", ""]
    main = ["int main(void) {"]
    for seed, funcs, inputs, spelling in programs:
        prefix = "p%d_" % seed if len(programs) > 1 else ""
        body, calls = program_c(funcs, inputs, spelling, prefix)
        out += body
        if len(programs) > 1:
            main.append('  puts("== %d");' % seed)
        main += calls
    out += main + ["  return 0;", "}"]
    return "\n".join(out) + "\n"


def to_c(funcs, inputs, spelling):
    return unit_c([(0, funcs, inputs, spelling)])


def has_godefer(funcs):
    return any(s[0] == "godefer" for fn in funcs for s in walk(fn.body))


# --- running ------------------------------------------------------------

def compilers(build, inc, reference=True):
    """(name, command, link flags, reference?) per build.  The reference
    builds are Clang 22 alone under -fdefer-ts."""
    out = []
    gcc_plugin = os.path.join(build, "plugin/gcc/defer.so")
    clang_plugin = os.path.join(build, "plugin/clang/defer-clang.so")
    lib = os.path.join(build, "runtime")
    link = ["-L" + lib, "-Wl,-rpath," + lib, "-ldefer"]
    ts = ["-fplugin-arg-defer-ts", "-I" + inc]
    clang = shutil.which("clang-22")
    for opt in ("-O0", "-O2"):
        if os.path.exists(gcc_plugin):
            out.append(("gcc" + opt, [gcc_driver(build),
                                      "-fplugin=" + gcc_plugin] + ts +
                        [opt, "-w"], link, False))
        if os.path.exists(clang_plugin) and clang:
            out.append(("clang" + opt, ["clang-22", "-fplugin=" + clang_plugin]
                        + ts + [opt, "-w"], link, False))
        if reference and clang:
            out.append(("ref" + opt, ["clang-22", "-fdefer-ts", opt, "-w"],
                        [], True))
    return out


def run_one(source, comps, workdir):
    path = os.path.join(workdir, "p.c")
    with open(path, "w") as f:
        f.write(source)
    return {name: build_and_run(cmd, [path], os.path.join(workdir, name),
                                link)
            for name, cmd, link, _ in comps}


def applicable(funcs, comps):
    """The builds for FUNCS: the reference only without __defer."""
    if has_godefer(funcs):
        return [c for c in comps if not c[3]]
    return comps


# The known deviations of Clang 22 from the TS, by the builds they show
# in: the model's variant that a build's output may match instead.
DEVIATIONS = {"nrvo": {"nrvo": True}, "nested": {"drop": True},
              "nrvo+nested": {"nrvo": True, "drop": True}}


def judge(funcs, inputs, comps, got):
    """(failures, deviations) of GOT, the outputs of the builds COMPS:
    the builds whose output is wrong, and {build: deviation} for those
    whose output is a known deviation of Clang's (NRVO: the reference
    only; the nested `_Defer _Defer`: every Clang build)."""
    want = predict(funcs, inputs)
    bad, dev = {}, {}
    variants = {}
    for name, cmd, link, ref in comps:
        out = got.get(name, "NO OUTPUT\n")
        if out == want:
            continue
        if cmd[0].startswith("clang"):
            for kind, how in DEVIATIONS.items():
                if "nrvo" in kind and not ref:
                    continue
                if kind not in variants:
                    variants[kind] = predict(funcs, inputs, **how)
                if out == variants[kind] and variants[kind] != want:
                    dev[name] = kind
                    break
            if name in dev:
                continue
        bad[name] = out
    return bad, dev


def verdict(funcs, inputs, spelling, comps, workdir):
    """judge() of the program alone."""
    comps = applicable(funcs, comps)
    got = run_one(to_c(funcs, inputs, spelling), comps, workdir)
    return judge(funcs, inputs, comps, got)


def shrink(funcs, inputs, spelling, comps, workdir, keep):
    """Remove statements while KEEP(failures, deviations) holds."""
    def still():
        try:
            predict(funcs, inputs)
        except RuntimeError:
            return False
        return keep(*verdict(funcs, inputs, spelling, comps, workdir))

    return shrink_program(funcs, inputs, sub_lists, still,
                          keep=("end", "again"))


def write_case(path, funcs, inputs, spelling, comps, bad, want):
    with open(path, "w") as f:
        f.write(to_c(funcs, inputs, spelling))
        for name, cmd, link, _ in comps:
            if name in bad:
                f.write("/* build (%s):\n   %s\n*/\n" % (name, " ".join(
                    cmd + [path, "-o", path[:-2]] + link)))
        f.write("/* expected:\n%s*/\n" % want)
        for name, text in sorted(bad.items()):
            f.write("/* %s:\n%s*/\n" % (name, text.replace("*/", "* /")))


# Whether programs may have `_Defer _Defer X;`, whose X Clang 22 does not
# run when it should, and which crashes it under -fexceptions, through the plugin too
# (test/exec/scoped-defer-nested-unbraced.c): --nested.
NESTED = [False]
# Whether programs may mix in the Go-style __defer: --no-mixed leaves it
# out (test/exec/scoped-defer-return-before.c).
MIXED = [True]


def generate(seed):
    rng = random.Random(seed)
    funcs, inputs = Generator(rng, rng.randint(1, 4), NESTED[0],
                              MIXED[0]).program()
    return funcs, inputs, rng.choice(["_Defer", "defer"])


def split(output):
    """{seed: output} of a unit's output, by its `== seed` lines."""
    parts, seed = {}, None
    for line in output.splitlines(True):
        if line.startswith("== "):
            seed = int(line[3:])
            parts[seed] = ""
        elif seed is not None:
            parts[seed] += line
    return parts


def check_batch(seeds, comps, out_dir):
    """[(seed, reproducer or None, deviations)] of the programs of SEEDS
    that the model can run, built as one unit per kind of build; a
    program whose outputs are not all right is checked alone, and shrunk
    when it still fails."""
    programs = []
    for seed in seeds:
        funcs, inputs, spelling = generate(seed)
        try:
            predict(funcs, inputs)
        except RuntimeError:
            continue  # too long to model: skip
        programs.append((seed, funcs, inputs, spelling))
    results = []
    with tempfile.TemporaryDirectory() as work:
        got = {p[0]: {} for p in programs}
        for ref in (False, True):
            group = [p for p in programs
                     if not ref or not has_godefer(p[1])]
            builds = [c for c in comps if c[3] == ref]
            if not group or not builds:
                continue
            outs = run_one(unit_c(group), builds, work)
            for name, out in outs.items():
                parts = split(out)
                for p in group:
                    got[p[0]][name] = parts.get(p[0], out)
        for seed, funcs, inputs, spelling in programs:
            mine = applicable(funcs, comps)
            bad, dev = judge(funcs, inputs, mine, got[seed])
            if bad:
                # Alone, the program may pass: a crash or a compile error
                # of the unit belongs to one of its programs.
                bad, dev = verdict(funcs, inputs, spelling, comps, work)
            if not bad:
                results.append((seed, None, dev))
                continue
            names = set(bad)
            funcs, inputs = shrink(funcs, inputs, spelling, comps, work,
                                   lambda b, d: bool(set(b) & names))
            bad, _ = verdict(funcs, inputs, spelling, comps, work)
            path = os.path.join(out_dir, "fail-%d.c" % seed)
            write_case(path, funcs, inputs, spelling, comps, bad,
                       predict(funcs, inputs))
            results.append((seed, path, dev))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True,
                    help="build directory of the plugins")
    add_common_arguments(ap, "stddefer.h")
    ap.add_argument("--no-reference", action="store_true",
                    help="leave out the reference builds (Clang 22 alone)")
    ap.add_argument("--nested", action="store_true",
                    help="programs may have `_Defer _Defer X;` (Clang 22 "
                    "drops X, or crashes through the plugin)")
    ap.add_argument("--only", metavar="LIST",
                    help="comma-separated builds to run (gcc, clang, ref; "
                    "all by default)")
    ap.add_argument("--no-mixed", action="store_true",
                    help="no Go-style __defer in the programs")
    ap.add_argument("--batch", type=int, default=10,
                    help="programs per translation unit")
    args = ap.parse_args()
    NESTED[0] = args.nested
    MIXED[0] = not args.no_mixed
    comps = compilers(os.path.abspath(args.build),
                      os.path.abspath(args.include), not args.no_reference)
    if args.only:
        only = set(args.only.split(","))
        comps = [c for c in comps if c[0].split("-")[0] in only]
    if not any(not c[3] for c in comps):
        sys.exit("ts_fuzz: no plugin found under %s" % args.build)
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    seeds = list(range(args.seed, args.seed + args.count))
    batches = [seeds[i:i + args.batch]
               for i in range(0, len(seeds), args.batch)]
    failures, run = [], 0
    deviations = {}  # kind: [(seed, builds)]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for results in pool.map(
                lambda b: check_batch(b, comps, out_dir), batches):
            for seed, path, dev in results:
                run += 1
                if path:
                    failures.append(path)
                    print("FAIL seed %d: %s" % (seed, path))
                kinds = {}
                for name, kind in dev.items():
                    kinds.setdefault(kind, []).append(name)
                for kind, names in sorted(kinds.items()):
                    deviations.setdefault(kind, []).append((seed, names))
    for kind, items in sorted(deviations.items()):
        print("deviation %s: %d programs (%s), seeds %s" % (
            kind, len(items),
            " ".join(sorted({n for _, names in items for n in names})),
            " ".join(str(seed) for seed, _ in items[:10]) +
            (" ..." if len(items) > 10 else "")))
    print("%d programs (%d run), %d compilers (%s), %d failures, "
          "%d Clang deviations" % (
              len(seeds), run, len(comps), " ".join(c[0] for c in comps),
              len(failures), sum(len(v) for v in deviations.values())))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
