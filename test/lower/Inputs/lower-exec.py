# SPDX-License-Identifier: MIT
"""Lowers the programs of test/exec with defer-lower, compiles each lowered
file with plain compilers (no plugin), runs it, and checks that it prints
and returns what the program compiled with the plugin does.

Which programs: those whose behaviour on every path they take is a normal
return.  A program is skipped when it
  - says REQUIRES: with anything but the features that --feature gives
    and that lowering keeps (block-scoped _Defer), or UNSUPPORTED: with a
    feature that --feature gives (it needs unwinding, a sanitizer,
    valgrind, a particular compiler...),
  - uses what only the plugin's unwinding path runs blocks for: panics
    (defer_panic, defer_recover), pthread_exit, pthread_cancel, signals,
    or setjmp/longjmp, or C++ (%cxx), or
  - is not built by its first RUN line as one file into one program
    (`%cc [-O<n>] [-g] [-pthread] %s -o <program>`, where `%if FEATURE
    %{FLAGS%}` adds FLAGS when --feature gives FEATURE: not -flto, -c, two
    units, debuggers, -save-temps).
Programs that defer-lower refuses, with the reason it gives, are listed
in REFUSED: each must still be refused with that reason, and with no
crash.  Prints one line per program and a summary; exits 1 on any
difference."""

import argparse
import os
import re
import subprocess
import sys

SKIP_WORDS = re.compile(
    r"defer_panic|defer_recover|pthread_exit|"
    r"pthread_cancel|\bsignal\b|sigaction|\braise\s*\(|setjmp|longjmp|%cxx")
CONDITION = re.compile(r"%if\s+([\w-]+)\s+%\{([^%]*)%\}")
SIMPLE_BUILD = re.compile(
    r"//\s*RUN:\s*%cc((?:\s+-O\d|\s+-g|\s+-pthread|\s+-D\w+|\s+-fchecking)*)"
    r"\s+%s\s+-o\s+\S+\s*&&")
# The features a program may require and still be lowered: block-scoped
# _Defer, which defer-lower writes as plain C.
LOWERED_FEATURES = {"scoped-defer"}

# Programs defer-lower refuses on purpose, with the words of its error.
REFUSED = {
    "defer-in-macros.c": "this 'defer' is written inside a macro",
    "cleanup-attribute-order.c":
        "would jump into its scope to reach the deferred blocks",
    "loop-callee-chunks.c": "is declared inside the function or has no name",
    # Its last function returns before an outermost cleanup variable.
    "scoped-defer-beside-go.c":
        "would jump into its scope to reach the deferred blocks",
}


def listed(text, word):
    """The features that the lines `// WORD: a, b` of TEXT name."""
    names = []
    for m in re.finditer(r"//\s*%s:(.*)" % word, text):
        names += [n.strip() for n in m.group(1).split(",")]
    return names


def covered(path, features):
    """The flags of a program's build, or None when it is skipped."""
    with open(path) as f:
        text = f.read()
    if SKIP_WORDS.search(text):
        return None
    if any(n not in LOWERED_FEATURES or n not in features
           for n in listed(text, "REQUIRES")):
        return None
    if any(n in features or not re.fullmatch(r"[\w-]+", n)
           for n in listed(text, "UNSUPPORTED")):
        return None
    first_run = next((line for line in text.splitlines() if "RUN:" in line),
                     "")
    first_run = CONDITION.sub(
        lambda m: m.group(2) if m.group(1) in features else "", first_run)
    m = SIMPLE_BUILD.search(first_run)
    if not m:
        return None
    return [f for f in m.group(1).split() if f == "-pthread" or
            f.startswith("-D")]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          **kw)


def behaviour(exe):
    r = run([exe])
    return r.stdout, r.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--plugin-cc", required=True,
                    help="the compiler with the plugin, as one string")
    ap.add_argument("--plain", action="append", default=[],
                    help="a compiler without the plugin (repeatable)")
    ap.add_argument("--include", required=True)
    ap.add_argument("--libdir", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--feature", action="append", default=[],
                    help="a feature of the suite (repeatable)")
    ap.add_argument("exec_dir")
    args = ap.parse_args()

    failures = 0
    count = {"covered": 0, "skipped": 0, "refused": 0}
    for name in sorted(os.listdir(args.exec_dir)):
        if not name.endswith(".c"):
            continue
        src = os.path.join(args.exec_dir, name)
        flags = covered(src, set(args.feature))
        if flags is None:
            count["skipped"] += 1
            continue
        base = os.path.join(args.work, name[:-2])
        lowered = base + ".lowered.c"
        tool = run([args.tool, src, "-o", lowered, "--",
                    "-I" + args.include] + flags)
        if name in REFUSED:
            count["refused"] += 1
            if tool.returncode == 1 and REFUSED[name] in tool.stderr:
                print("refused  %s: %s" % (name, REFUSED[name]))
            else:
                failures += 1
                print("FAIL     %s: not refused as expected (status %d)\n%s"
                      % (name, tool.returncode, tool.stderr))
            continue
        count["covered"] += 1
        if tool.returncode != 0:
            failures += 1
            print("FAIL     %s: defer-lower failed (status %d)\n%s"
                  % (name, tool.returncode, tool.stderr))
            continue
        ref = run(args.plugin_cc.split() + ["-O0"] + flags +
                  [src, "-o", base + ".plugin"])
        if ref.returncode != 0:
            failures += 1
            print("FAIL     %s: the plugin's build failed\n%s"
                  % (name, ref.stderr))
            continue
        expected = behaviour(base + ".plugin")
        results = []
        for cc in args.plain:
            exe = base + "." + os.path.basename(cc)
            link = ["-L" + args.libdir, "-Wl,-rpath," + args.libdir, "-ldefer"]
            opt = "-O0" if "tcc" in os.path.basename(cc) else "-O2"
            build = run([cc, opt, "-w", "-I" + args.include] + flags +
                        [lowered, "-o", exe] + link)
            if build.returncode != 0:
                results.append("%s: does not compile:\n%s"
                               % (os.path.basename(cc), build.stderr))
                continue
            got = behaviour(exe)
            if got != expected:
                results.append("%s: prints or returns something else:\n"
                               "expected status %d:\n%s\ngot status %d:\n%s"
                               % (os.path.basename(cc), expected[1],
                                  expected[0], got[1], got[0]))
        if results:
            failures += 1
            print("FAIL     %s\n  %s" % (name, "\n  ".join(results)))
        else:
            print("same     %s" % name)
    print("covered %d, refused %d, skipped %d; %d failed; compilers: %s"
          % (count["covered"], count["refused"], count["skipped"], failures,
             " ".join(os.path.basename(c) for c in args.plain)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
