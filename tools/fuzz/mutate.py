#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Mutation fuzzing of the defer plugins' handling of bad input.

Takes seed C files (the hostile inputs of test/robust/Inputs, the
programs of test/exec and test/diag, and a few programs from
defer_fuzz.py's generator), applies random token- and line-level
mutations (deletes, duplicates, swaps, truncations, and insertions of
`defer`, `defer {`, defer_result, defer_recover (), defer_panic, return,
goto, labels, braces, break, continue, switch and case, __label__, &&L,
VLAs, asm goto, `#pragma defer` lines, defers nested in defers), and
gentler ones that mostly keep a program valid, so that it reaches the
lowerings (whole statements inserted between statements, statements
wrapped in `defer {...}`, loops, statement expressions, or prefixed with
`defer`, types changed), and compiles each mutant with the GCC and the
Clang plugin at -O0 and -O2, each time with the same extra options, if
any, drawn for the mutant (-g, -std=..., -fopenmp, -fsyntax-only, -flto,
sanitizers, the plugins' own options...).  A mutant may be rejected with
diagnostics (exit status 1) or compiled; it may not crash the compiler:

  crash    killed by a signal, an exit status other than 0 and 1, GCC's
           "internal compiler error", Clang's "PLEASE submit a bug
           report" or stack dump, a time-out, an exit status of 1 with
           no error message at all, or an object file that still calls
           __defer_site (a `defer` the plugin did not lower: the program
           would not link).

A crashing mutant is compiled once more without the plugin, its `defer`
keywords removed and <defer.h> in its analysis-only mode: if the plain
compiler crashes too, the crash is the host compiler's and is counted
apart.  A plugin crash is shrunk line by line, then token by token
(delta debugging), to a small reproducer that still crashes the same
way (the same message and first stack frame); --out receives
crash-<n>.c (the mutant) and crash-<n>.min.c (the reproducer), each
ending in a comment with the command and the compiler's report.

usage: mutate.py --build BUILD [--seed S] [--count N] [--start K] [--jobs J]
                 [--out DIR] [--timeout SECONDS] [--compilers gcc,clang]
                 [--no-shrink] [SEED_FILE ...]
Mutant n of seed S is the same on every run, whatever --jobs is, as long
as the seed files are the same.  Summary: "N mutants, C crashes, H host
compiler crashes (...)".  Exit status 0 when no mutant crashed a plugin,
1 otherwise.
"""

import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from fuzz_common import gcc_driver

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

# --- seeds ---------------------------------------------------------------


def generated_seeds(n):
    """N programs of defer_fuzz.py's generator (its seeds 1..N)."""
    sys.path.insert(0, HERE)
    import defer_fuzz
    out = []
    for s in range(1, n + 1):
        rng = random.Random(s)
        funcs, inputs = defer_fuzz.Generator(rng, rng.randint(1, 4)).program()
        out.append(("generated-%d" % s, defer_fuzz.to_c(funcs, inputs)))
    return out


def strip_comments(text):
    """TEXT without // and /* */ comments (mutations of comments are
    wasted compilations); strings and character constants are kept."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'
                         r"'(?:\\.|[^'\\\n])*'", re.S)

    def keep(m):
        s = m.group(0)
        if s.startswith("//"):
            return ""
        if s.startswith("/*"):
            return "\n" * s.count("\n") or " "
        return s
    text = pattern.sub(keep, text)
    return re.sub(r"\n\s*\n+", "\n", text).lstrip("\n")


# Larger seeds (many-sites.c: seconds per compilation at -O2) would spend
# the batch on the optimisers; test/robust/no-crash.c compiles them.
MAX_SEED_BYTES = 16384


def load_seeds(paths, ngenerated):
    seeds = []
    for path in paths:
        if os.path.getsize(path) > MAX_SEED_BYTES:
            continue
        with open(path, errors="replace") as f:
            text = strip_comments(f.read())
        seeds.append((os.path.relpath(path, REPO), text))
    return seeds + generated_seeds(ngenerated)


def default_seed_files():
    files = []
    for pattern in ("test/robust/Inputs/*.c", "test/exec/*.c", "test/diag/*.c"):
        files += sorted(glob.glob(os.path.join(REPO, pattern)))
    return files


# --- mutations -----------------------------------------------------------

# Inserted among the tokens of a line.
TOKEN_SNIPPETS = [
    "defer", "defer", "defer {", "defer {", "defer_result", "defer_result =",
    "defer_recover()", 'defer_panic("x")', 'defer_panic("x");',
    'defer_panicf("%d", 1);', "return", "return;", "return 0;", "goto L;",
    "L:", "L: ;", "}", "{", ";", "break;", "continue;", "switch (x)",
    "switch", "case 1:", "default:", "__label__ L;", "&&L",
    "void *lp = &&L;", "goto *lp;", "int vla[x + 1];", "char vb[n][x];",
    'asm goto("" :::: L);', "defer { defer x; }", "defer defer",
    "defer if (x) return;", "defer { L: ; }", "defer goto L;", "({", "})",
    "(", ")", ",", "=", "*", "__defer_site()", "__defer_result",
    '_Pragma("defer site")', '_Pragma("defer enable")', "static", "int",
    "void", "struct s", "for (;;)", "while (x)", "do", "if (x)", "else",
    "sizeof", "typeof(defer_result)", "__attribute__((cleanup(use)))",
    "register", "_Defer", "__builtin_unreachable();", "x", "0",
    "int f(int x) {", "void g(void) {", "__extension__",
    "_Static_assert(1, \"\");",
]

# Inserted as whole lines.
LINE_SNIPPETS = [
    "#pragma defer site", "#pragma defer enable", "#pragma defer",
    "#pragma defer site site", "#pragma defer bogus 1 2", "#define defer",
    "#undef defer", "#undef defer_result", "#define defer_result 1",
    "#include <defer.h>", "#define D defer", "#line 1 \"x.c\"", "#if 0",
    "#endif", "defer {", "}", "L:", "goto L;", "int f(int x) {",
    "defer defer_panic(\"x\");", "defer { defer_result = defer_result + 1; }",
    "defer { const defer_panic_info *pi = defer_recover(); (void)pi; }",
    "switch (x) { case 1: defer x++; }", "{ __label__ L; L: defer goto L; }",
    "int vla[x]; defer vla[0] = 1;", "defer asm goto(\"\" :::: L);",
    "#pragma GCC diagnostic error \"-Wall\"",
]

# Whole statements, mostly valid in any function body (fresh names; x,
# defer_result and <defer.h>'s API where the seed has them), inserted
# between statements.
STATEMENT_SNIPPETS = [
    "defer {}", "defer ;", "if (0) defer {}", "defer { int t_ = 0; (void)t_; }",
    "for (int q_ = 0; q_ < 3; q_++) defer {}",
    "for (int q_ = 0; q_ < 3; q_++) { defer (void)q_; }",
    "while (0) defer {}", "do defer {} while (0);",
    "switch (0) { case 1: defer {} default: ; }",
    "defer switch (0) { case 1: break; default: ; }", "defer for (;;) break;",
    "defer do {} while (0);", "defer { static int s_; s_++; }",
    "defer (void)({ 0; });", "(void)({ defer {} 0; });",
    "{ int n_ = 3; int vla_[n_]; defer vla_[0] = 0; }",
    "{ int n_ = 3; int vla_[n_]; (void)vla_; defer {} }",
    "int n2_ = 2; int vla2_[n2_]; defer vla2_[0] = 0;",
    "defer { void *p_ = &&DL_; goto *p_; DL_: ; }",
    "defer { asm goto (\"\" :::: AL_); AL_: ; }",
    "asm goto (\"\" :::: AO_); AO_: ;", "defer { __label__ M_; M_: ; }",
    "{ __label__ M2_; M2_: ; defer {} }", "defer { (void)defer_recover(); }",
    "defer { const defer_panic_info *pi_ = defer_recover(); "
    "if (pi_) defer_result = 0; }",
    "goto FW_; defer {} FW_: ;", "BW_: ; defer {} if (0) goto BW_;",
    "{ static void *tbl_[] = { &&T1_ }; goto *tbl_[0]; T1_: defer {} }",
    "defer __builtin_trap();", "defer { _Static_assert(1, \"\"); }",
    "defer { struct S_ { int a; } s_ = {0}; (void)s_; }",
    "defer { typedef int T_; T_ t_ = 0; (void)t_; }",
    "defer { void nf_(void) {} nf_(); }",
    "{ void nf2_(void) { defer {} } nf2_(); }",
    "{ int nf3_(int a) { defer a++; return a; } (void)nf3_(1); }",
    "defer { __builtin_alloca(8); }", "(void)__builtin_alloca(16); defer {}",
    "if (1) defer {} else {}", "defer if (1) {} else {}", "defer LB_: ;",
    "defer { goto IN_; IN_: ; }",
    "{ void *jb_[5]; if (__builtin_setjmp(jb_)) {} defer {} }",
    "defer defer_panic(\"x\");", "defer_panic(\"x\");",
    "defer { defer_panic(\"y\"); }", "defer { int *p_ = &(int){0}; (void)p_; }",
    "defer { extern int ext_; (void)&ext_; }",
    "#pragma omp parallel\n{ defer {} }",
    "#pragma omp parallel for\nfor (int o_ = 0; o_ < 4; o_++) { defer {} }",
    "__defer {}", "_Defer {}", "defer _Defer {}", "_Defer { defer {} }",
    "defer { goto *&&GL_; GL_: ; }", "defer { int a_[2] = {0}; a_[1]++; }",
    "defer (void)defer_result;", "defer { defer_result++; }",
    "int lv_ = 0; defer lv_++; lv_ = 2;",
    "for (int q_ = 0; q_ < 2; q_++) { int c_ = q_; defer (void)c_; c_ = 5; }",
    "int u_ = 1; if (u_) defer {}", "defer { defer {} }", "defer return;",
    "defer x = x + 1;", "if (x) defer x++;",
    "defer { if (x) goto OUT_; } OUT_: ;",
    "{ int x = 0; defer x++; }", "defer { char c_[x + 1]; (void)c_; }",
    "#pragma defer site",
    "_Pragma(\"defer site\") for (; __defer_site (); ) {}",
    "for (; __defer_site (); ) {}", "(void)__defer_site ();",
    "(void)sizeof *(int (*)[({ defer {} 1; })])0;",
    "int (*pv_)[({ defer {} 2; })] = 0; (void)pv_;",
    "(void)sizeof(int[({ defer {} 3; })]);",
    "typedef int (*tv_)[({ defer {} 4; })];",
    "typeof(int[({ defer {} 5; })]) *tp_ = 0; (void)tp_;",
    "(void)(int (*)[({ defer {} 6; })]){0};",
    "defer { defer_result[0] = 1; }", "defer { (void)&defer_result; }",
    "defer { defer_result.a[1] = 1; }", "defer { defer_result += 1; }",
    "v4_ vv_ = {1}; defer vv_[1] = 2;",
    "for (int q_ = 0; q_ < x; q_++) { v4_ vq_ = {q_}; defer (void)vq_[0]; }",
    "{ __label__ NL_; void nlj_(void) { goto NL_; } defer { nlj_(); NL_: ; } }",
    "{ __label__ NB_; int k_ = 0; void nlb_(void) { if (k_++ < 2) goto NB_; }"
    " NB_: ; defer (void)k_; nlb_(); }",
    "{ __label__ NO_; void nlo_(void) { defer { goto NO_; } } nlo_(); NO_: ; }",
]

# Types to put in place of another in a declaration or a function's
# return type, with the declarations they need (put first in the file).
TYPES = ["v4_", "v4_", "_Atomic int", "const int", "volatile int",
         "_Complex double", "__int128", "long double", "_Bool", "float",
         "register int", "struct s4_", "union u4_", "enum e4_", "int *",
         "unsigned char", "char", "long long", "_Atomic long", "void"]
TYPE_PRELUDE = ("typedef int v4_ __attribute__((vector_size(16))); "
                "struct s4_ { int a[4]; }; union u4_ { int i; float f; }; "
                "enum e4_ { E4_ };")
TYPE_NAMES = {"int", "long", "char", "short", "unsigned", "double", "float",
              "void"}

# Around one to three lines: (before, after).
WRAPPERS = [
    ("defer {", "}"), ("defer {", "}"), ("({", "});"), ("if (0) {", "}"),
    ("if (1) {", "}"), ("do {", "} while (0);"),
    ("for (int w_ = 0; w_ < 2; w_++) {", "}"), ("while (0) {", "}"),
    ("switch (0) { default:", "}"), ("{", "}"), ("(void)({", "0; });"),
    ("#pragma omp parallel\n{", "}"), ("_Defer {", "}"), ("defer ({", "});"),
    ("void nested_(void) {", "}"), ("static void *lbl_ = &&WL_; WL_: {", "}"),
]

# Before a statement.
PREFIXES = ["defer ", "defer ", "if (0) ", "if (x) ", "L_: ", "case 1: ",
            "default: ", "else ", "__defer ", "_Defer ", "defer defer "]

TOKEN_RE = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|'
                      r"[A-Za-z_][A-Za-z_0-9]*|\d[\w.]*|"
                      r"\.\.\.|->|\+\+|--|<<=?|>>=?|[<>=!&|^+\-*/%]=|"
                      r"&&|\|\||##|\S")


def tokens(line):
    return TOKEN_RE.findall(line)


def pick_code_line(rng, lines):
    """Index of a random line, preferring lines that are not directives."""
    for _ in range(8):
        i = rng.randrange(len(lines))
        if not lines[i].lstrip().startswith("#"):
            return i
    return rng.randrange(len(lines))


def mutate_tokens(rng, lines, op):
    i = pick_code_line(rng, lines)
    toks = tokens(lines[i])
    if op == "insert":
        toks.insert(rng.randint(0, len(toks)), rng.choice(TOKEN_SNIPPETS))
    elif not toks:
        return
    elif op == "delete":
        del toks[rng.randrange(len(toks))]
    elif op == "duplicate":
        k = rng.randrange(len(toks))
        toks.insert(k, toks[k])
    elif op == "swap":
        j = pick_code_line(rng, lines)
        other = tokens(lines[j])
        if not other:
            return
        a, b = rng.randrange(len(toks)), rng.randrange(len(other))
        if i == j:
            toks[a], toks[b] = toks[b], toks[a]
        else:
            toks[a], other[b] = other[b], toks[a]
            lines[j] = " ".join(other)
    elif op == "replace":
        toks[rng.randrange(len(toks))] = rng.choice(TOKEN_SNIPPETS)
    lines[i] = " ".join(toks)


def mutate_lines(rng, lines, op):
    i = rng.randrange(len(lines))
    if op == "insert":
        lines.insert(i, rng.choice(LINE_SNIPPETS))
    elif op == "delete":
        del lines[i:i + rng.choice([1, 1, 1, 2, 4])]
    elif op == "duplicate":
        lines[i:i] = lines[i:i + rng.choice([1, 1, 3])]
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "move":
        line = lines.pop(i)
        lines.insert(rng.randint(0, len(lines)), line)


def statement_lines(lines):
    """Indices of the lines that start a statement inside a function, as
    far as counting braces tells."""
    out, depth, prev = [], 0, ""
    for i, line in enumerate(lines):
        if depth > 0 and prev.rstrip()[-1:] in (";", "{", "}") \
                and not line.lstrip().startswith("#"):
            out.append(i)
        for t in tokens(line):
            depth += (t == "{") - (t == "}")
        if line.strip():
            prev = line
    return out or list(range(len(lines)))


def insert_statement(rng, lines):
    at = rng.choice(statement_lines(lines))
    lines[at:at] = rng.choice(STATEMENT_SNIPPETS).split("\n")


def wrap(rng, lines):
    starts = statement_lines(lines)
    k = rng.randrange(len(starts))
    a = starts[k]
    b = starts[min(len(starts) - 1, k + rng.randint(0, 3))]
    if b <= a:
        b = a + 1
    before, after = rng.choice(WRAPPERS)
    lines.insert(b, after)
    lines[a:a] = before.split("\n")


def prefix(rng, lines):
    i = rng.choice(statement_lines(lines))
    lines[i] = rng.choice(PREFIXES) + lines[i].lstrip()


def retype(rng, lines):
    """Another type in place of one in a declaration, a cast or a return
    type; the types it may use are declared first."""
    places = [(i, k) for i, line in enumerate(lines)
              if not line.lstrip().startswith("#")
              for k, t in enumerate(tokens(line)) if t in TYPE_NAMES]
    if not places:
        return
    i, k = rng.choice(places)
    toks = tokens(lines[i])
    toks[k] = rng.choice(TYPES)
    lines[i] = " ".join(toks)
    if TYPE_PRELUDE not in lines:
        at = max([j + 1 for j, line in enumerate(lines)
                  if line.startswith("#include")] + [0])
        lines.insert(at, TYPE_PRELUDE)


def nest_defer(rng, lines):
    """Put a defer (or a whole deferred block) inside an existing one, or
    wrap a stretch of lines in `defer { ... }`."""
    sites = [i for i, line in enumerate(lines) if "defer" in tokens(line)]
    if sites and rng.random() < 0.7:
        i = rng.choice(sites)
        toks = tokens(lines[i])
        k = toks.index("defer")
        if k + 1 < len(toks) and toks[k + 1] == "{":
            toks.insert(k + 2, rng.choice(["defer x++;", "defer {", "defer"]))
        else:
            toks.insert(k + 1, rng.choice(["{ defer", "defer", "{ defer {"]))
        lines[i] = " ".join(toks)
        return
    a = rng.randrange(len(lines))
    b = rng.randint(a, min(len(lines), a + 6))
    lines.insert(b, "}")
    lines.insert(a, "defer {")


def truncate(rng, lines):
    keep = rng.randint(1, len(lines))
    del lines[keep:]
    if rng.random() < 0.5 and lines:
        toks = tokens(lines[-1])
        lines[-1] = " ".join(toks[:rng.randint(0, len(toks))])


MUTATIONS = (
    [lambda r, l, op=op: mutate_tokens(r, l, op)
     for op in ("insert", "insert", "insert", "delete", "delete",
                "duplicate", "swap", "replace")] +
    [lambda r, l, op=op: mutate_lines(r, l, op)
     for op in ("insert", "insert", "delete", "duplicate", "swap", "move")] +
    [nest_defer, nest_defer, truncate])


# Mutations that keep a valid program valid more often than not: they
# reach the lowerings, where the others mostly reach the error paths.
GENTLE = [insert_statement, insert_statement, wrap, prefix, retype]

# Extra options of a mutant's compilations: (options, compilers).
OPTION_SETS = [
    ([], "gcc clang"), ([], "gcc clang"), ([], "gcc clang"),
    ([], "gcc clang"), (["-g"], "gcc clang"), (["-std=gnu89"], "gcc clang"),
    (["-std=c2x"], "gcc clang"), (["-std=c99", "-pedantic"], "gcc clang"),
    (["-fopenmp"], "gcc clang"), (["-fsyntax-only"], "gcc clang"),
    (["-save-temps"], "gcc"),
    (["-ftrivial-auto-var-init=pattern"], "gcc clang"),
    (["-fsanitize=address,undefined"], "gcc clang"),
    (["-fstack-protector-all"], "gcc clang"),
    (["-fplugin-arg-defer-no-unwind"], "gcc clang"),
    (["-fplugin-arg-defer-report"], "gcc clang"),
    (["-fplugin-arg-defer-dump"], "gcc clang"),
    (["-fplugin-arg-defer-no-keyword"], "gcc clang"),
    (["-fno-exceptions"], "gcc clang"), (["-fnon-call-exceptions"], "gcc"),
    (["-flto"], "gcc clang"), (["-Wall", "-Wextra"], "gcc clang"),
    (["-fdefer-ts"], "clang"), (["-std=c2y", "-fdefer-ts"], "clang"),
]


def mutant(seeds, seed, n):
    """Mutant N of SEED: (name of its seed file, source, extra options)."""
    rng = random.Random("%d/%d" % (seed, n))
    name, text = rng.choice(seeds)
    lines = text.split("\n") or [""]
    kinds = GENTLE if rng.random() < 0.4 else MUTATIONS + GENTLE
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
        if not lines:
            lines = [""]
        rng.choice(kinds)(rng, lines)
    return name, "\n".join(lines) + "\n", rng.choice(OPTION_SETS)


# --- compiling -----------------------------------------------------------

CRASH_PATTERNS = [
    ("ice", re.compile(r"internal compiler error: ?(.*)")),
    ("ice", re.compile(r"confused by earlier errors, bailing out()")),
    ("crash", re.compile(r"PLEASE submit a bug report()")),
    ("crash", re.compile(r"^Stack dump:()", re.M)),
    ("crash", re.compile(r"LLVM ERROR: ?(.*)")),
    ("crash", re.compile(r"UNREACHABLE executed(.*)")),
    ("crash", re.compile(r"Assertion `(.*)' failed")),
    ("crash", re.compile(r"terminate called (.*)")),
]


# The first frames of Clang's stack dump and of GCC's backtrace, and the
# frames of the signal handlers to skip.
FRAME_RE = re.compile(r"^ *#\d+ 0x[0-9a-f]+ ([A-Za-z_][^( ]*)"
                      r"|^0x[0-9a-f]+ ([A-Za-z_]\S*)$", re.M)
HANDLER_FRAMES = ("llvm::sys::", "crash_signal", "internal_error",
                  "fancy_abort", "diagnostic_")


def first_frame(out):
    for clang_frame, gcc_frame in FRAME_RE.findall(out):
        name = clang_frame or gcc_frame
        if not name.startswith(HANDLER_FRAMES):
            return name
    return ""


def signature(kind, what, out):
    """What tells one crash from another while shrinking: the message
    (line numbers of the compiler's sources vary) and the first frame."""
    what = re.sub(r"(:\d+)+", "", what).strip()
    return " ".join(x for x in ("%s:" % kind, what, first_frame(out)) if x)


class Compiler:
    def __init__(self, family, name, cmd, plain):
        self.family = family  # gcc or clang
        self.name = name      # gcc-O0, clang-O2, ...
        self.cmd = cmd        # with the plugin
        self.plain = plain    # without it

    def with_options(self, option_set):
        """The same compiler with a mutant's extra options, if they are
        for this compiler."""
        options, families = option_set
        if self.family not in families.split() or not options:
            return self
        plain = [o for o in options if not o.startswith("-fplugin-arg-")]
        return Compiler(self.family, self.name + " " + " ".join(options),
                        self.cmd + options, self.plain + plain)


def compilers(build, include, which):
    gcc_plugin = os.path.join(build, "plugin/gcc/defer.so")
    clang_plugin = os.path.join(build, "plugin/clang/defer-clang.so")
    out = []
    for opt in ("-O0", "-O2"):
        if "gcc" in which and os.path.exists(gcc_plugin):
            base = [gcc_driver(build), "-I" + include, opt,
                    "-fdiagnostics-color=never"]
            out.append(Compiler("gcc", "gcc" + opt,
                                base + ["-fplugin=" + gcc_plugin], base))
        if "clang" in which and os.path.exists(clang_plugin) and \
                shutil.which("clang-22"):
            base = ["clang-22", "-I" + include, opt, "-fno-color-diagnostics",
                    "-fno-crash-diagnostics"]
            out.append(Compiler("clang", "clang" + opt,
                                base + ["-fplugin=" + clang_plugin], base))
    return out


def unlowered(obj, source):
    """Whether the object OBJ still calls the function that marks a
    `defer` (a site the plugin missed: the program would not link), when
    SOURCE does not name it itself."""
    if "__defer_site" in source or not os.path.exists(obj):
        return False
    with open(obj, "rb") as f:
        return b"__defer_site" in f.read()


def compile_source(cmd, source, workdir, timeout):
    """Compile SOURCE with CMD: None when the compiler behaved (compiled
    it, or rejected it with an error), else (signature, report)."""
    path = os.path.join(workdir, "m.c")
    obj = os.path.join(workdir, "m.o")
    with open(path, "w") as f:
        f.write(source)
    if os.path.exists(obj):
        os.remove(obj)
    env = dict(os.environ, LC_ALL="C", LANG="C")
    try:
        p = subprocess.run(cmd + ["-c", path, "-o", obj],
                           capture_output=True, text=True, errors="replace",
                           timeout=timeout, env=env, cwd=workdir)
    except subprocess.TimeoutExpired:
        return "timeout", "no answer after %d s" % timeout
    out = p.stdout + p.stderr
    for kind, pattern in CRASH_PATTERNS:
        m = pattern.search(out)
        if m:
            return signature(kind, m.group(1), out), out
    if p.returncode < 0:
        return "signal %d" % -p.returncode, out
    if p.returncode not in (0, 1):
        return "exit status %d" % p.returncode, out
    if p.returncode == 1 and not re.search(r"\berror\b", out):
        return "exit status 1 without an error", out
    if p.returncode == 0 and unlowered(obj, source):
        return "unlowered defer: __defer_site in the object", out
    return None


def without_defer(source):
    """SOURCE as the plain compiler can take it: no `defer` keyword."""
    return re.sub(r"\bdefer\b", "", source)


def plain_crash(comp, source, workdir, timeout):
    return compile_source(comp.plain + ["-DDEFER_ANALYSIS_ONLY"],
                          without_defer(source), workdir, timeout)


def ddmin(items, still_fails):
    """A 1-minimal sublist of ITEMS for which STILL_FAILS holds (Zeller's
    delta debugging, complements only)."""
    n = 2
    while len(items) >= 2:
        size = -(-len(items) // n)
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        for i in range(len(chunks)):
            rest = [x for j, c in enumerate(chunks) if j != i for x in c]
            if still_fails(rest):
                items = rest
                n = max(n - 1, 2)
                break
        else:
            if n >= len(items):
                break
            n = min(n * 2, len(items))
    return items


def shrink(comp, source, signature, workdir, timeout):
    """SOURCE cut down, line by line and then token by token within its
    lines, to what still crashes COMP with SIGNATURE (and not the plain
    compiler)."""
    def crashes(text):
        got = compile_source(comp.cmd, text, workdir, timeout)
        return bool(got) and got[0] == signature and \
            not plain_crash(comp, text, workdir, timeout)

    lines = ddmin(source.rstrip("\n").split("\n"),
                  lambda ls: crashes("\n".join(ls) + "\n"))
    # Tokens numbered by line; directives stay whole.
    units = [(i, t) for i, line in enumerate(lines)
             for t in ([line] if line.lstrip().startswith("#")
                       else tokens(line))]

    def text_of(us):
        out = [[] for _ in lines]
        for i, t in us:
            out[i].append(t)
        return "\n".join(" ".join(ts) for ts in out if ts) + "\n"
    return text_of(ddmin(units, lambda us: crashes(text_of(us))))


# --- running -------------------------------------------------------------


def report_comment(comp, signature, report):
    text = report.replace("*/", "* /").rstrip()
    if len(text) > 4000:
        text = text[:4000] + "\n..."
    return "/* %s (%s): %s\n%s\n*/\n" % (comp.name, " ".join(comp.cmd),
                                          signature, text)


def check(n, seeds, seed, comps, timeout, out_dir, do_shrink):
    """(n, [lines to print], plugin crash?, host crash?) for mutant N."""
    origin, source, option_set = mutant(seeds, seed, n)
    host = []
    with tempfile.TemporaryDirectory(prefix="mutate-") as work:
        for comp in comps:
            comp = comp.with_options(option_set)
            got = compile_source(comp.cmd, source, work, timeout)
            if not got:
                continue
            signature, report = got
            if plain_crash(comp, source, work, timeout):
                host.append("HOST CRASH mutant %d of %s, %s: %s" % (
                    n, origin, comp.name, signature))
                continue
            small = shrink(comp, source, signature, work, timeout) \
                if do_shrink else source
            final = compile_source(comp.cmd, small, work, timeout) or got
            base = os.path.join(out_dir, "crash-%d" % n)
            with open(base + ".c", "w") as f:
                f.write(source + report_comment(comp, signature, report))
            with open(base + ".min.c", "w") as f:
                f.write(small + report_comment(comp, final[0], final[1]))
            return n, host + ["CRASH mutant %d of %s, %s: %s" % (
                n, origin, comp.name, signature),
                "  reproducer (%d lines): %s.min.c" % (
                    small.count("\n"), base)], True, bool(host)
    return n, host, False, bool(host)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True,
                    help="build directory holding plugin/gcc/defer.so and "
                    "plugin/clang/defer-clang.so")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0,
                    help="first mutant (to redo mutant N of a long run: "
                    "--start N --count 1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default=".")
    ap.add_argument("--timeout", type=int, default=60,
                    help="seconds per compilation before it counts as a hang")
    ap.add_argument("--compilers", default="gcc,clang")
    ap.add_argument("--generated", type=int, default=8,
                    help="programs of defer_fuzz.py's generator among the "
                    "seeds")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--include", default=os.path.join(REPO, "runtime/include"),
                    help="directory of <defer.h>")
    ap.add_argument("files", nargs="*", help="seed files (default: "
                    "test/robust/Inputs, test/exec and test/diag)")
    args = ap.parse_args()
    comps = compilers(os.path.abspath(args.build),
                      os.path.abspath(args.include), args.compilers.split(","))
    if not comps:
        sys.exit("mutate: no plugin found under %s" % args.build)
    seeds = load_seeds(args.files or default_seed_files(), args.generated)
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    crashes = host = 0
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = pool.map(
            lambda n: check(n, seeds, args.seed, comps, args.timeout, out_dir,
                            not args.no_shrink),
            range(args.start, args.start + args.count))
        for n, lines, crashed, host_crashed in results:
            for line in lines:
                print(line, flush=True)
            crashes += crashed
            host += host_crashed
    print("%d mutants, %d crashes, %d host compiler crashes "
          "(%d seeds; %s)" % (args.count, crashes, host, len(seeds),
                              " ".join(c.name for c in comps)))
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
