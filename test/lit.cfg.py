# SPDX-License-Identifier: MIT
# -*- Python -*-
# lit configuration of the defer test suites: all the logic. The site file
# that CMake writes (build/test/<compiler>/lit.site.cfg.py) sets only values
# on `config` (compiler, its plugin, paths) and then loads this file.
#
# Test directories:
#   exec/   programs compiled with the plugin and run: both compilers
#   diag/   compile-time diagnostics: both compilers
#   gcc/    GCC-only tests (dumps); each file also says `REQUIRES: gcc`
#   clang/  Clang-only tests; each file also says `REQUIRES: clang`
#   runtime/ unit tests of libdefer: each compiles the library's sources
#           together with the test (at any sanitizer setting) instead of
#           linking the built library; they say `REQUIRES: gcc` to run once
#   install/ `cmake --install` into a temporary prefix, and programs built
#           from the installed files as users build them: both compilers
#   lower/  defer-lower: its output, its diagnostics, and the programs of
#           exec/ lowered to plain C and built by gcc, clang and tcc
#   migrate/ defer-migrate: exit paths converted to defer (same output
#           before and after) and refused (unchanged, with the reason)
#   analysis/ static analysers and editors reading code with defer (GCC's
#           -fanalyzer, Clang's analyzer, clang-tidy, scan-build, cppcheck,
#           clangd) on the programs of analysis/Inputs; each file names its
#           compiler and tool, and the one for cppcheck says `REQUIRES: gcc`
#           to run once
#
# Substitutions:
#   %cc           compiler + plugin + -I<runtime include> (+ run-time link
#                 flags once libdefer exists)
#   %cc-noplugin  the same compiler and include dir, without the plugin
#   %cc-nolib     the compiler with the plugin, without linking libdefer
#   %plugin       path of the plugin shared object
#   %gcc %clang   raw compiler drivers
#   %obj-root     the CMake build directory (for tests of `cmake --install`)
#   %cxx          the C++ driver of the same compiler (g++, clang++), for
#                 tests where C++ exceptions pass through C frames
#   %libdefer     the flags that link libdefer, for links done by %cxx
#   %runtime-src  the directory of libdefer's sources (runtime/src), or the
#                 one given by `lit -D defer_runtime_src=<dir>`, to run the
#                 unit tests against another copy of the library
#   %runtime-include  the directory of <defer-runtime.h> (runtime/include)
#   %compiler     the suite's compiler driver, bare (%gcc or %clang)
#   %defer-pc     the suite's pkg-config name: defer-gcc or defer-clang
#   %defer-name   the suite's plugin in the CMake package: gcc or clang
#                 (the target defer::gcc or defer::clang)
#   %install      `%install PREFIX [COMMAND...]`: cmake --install into
#                 PREFIX, then COMMAND, one test at a time, keeping the
#                 build tree's install_manifest.txt (install/Inputs/install.sh)
#   %clang-tidy %clangd %scan-build  those tools of the LLVM installation
#   %cppcheck     cppcheck from PATH
#   %defer-lower  the defer-lower tool of the build tree (tools/defer-lower)
#   %defer-migrate  the defer-migrate tool of the build tree
#   %runtime-libdir  the directory of the built libdefer
#   %defer-cfg    cppcheck's library file for defer (runtime/cppcheck)
#
# Time limit: a test fails after 300 seconds, or
# `lit --param defer_test_timeout=SECONDS` (on a machine shared with other
# jobs, where the fuzz batches get a fraction of a core).
#
# Modes (`lit --param defer_mode=...`): 'unwind' (the default) runs every
# directory; 'no-unwind' runs exec/ again with -fplugin-arg-defer-no-unwind
# added to %cc and %cc-nolib, and skips the tests that say
# `REQUIRES: unwind` (panics, pthread_exit and pthread_cancel need the
# unwinding path that option leaves out).
#
# Features: the compiler's name ('gcc' or 'clang'), and for GCC its
# release ('gcc-11' ... 'gcc-16'), 'native-defer-ts' where Clang has its
# own _Defer (and its DeferStmt), 'both-plugins' when
# the GCC and the Clang plugin are both built, 'unwind' in the default
# mode, 'valgrind' when valgrind is on PATH, 'gdb' when gdb is, 'meson'
# when meson and ninja are, 'asan' and 'tsan' when the compiler under test
# can build and run a program with -fsanitize=address,undefined or
# -fsanitize=thread, and one per analyser found: 'clang-tidy', 'clangd' and
# 'scan-build' in the LLVM installation, 'cppcheck' on PATH
# (tools/install-deps.sh installs them all), 'defer-lower' and
# 'defer-migrate' when the tools are built and 'tcc' when tcc is on PATH.

import os
import re
import shutil

import lit.formats

if config.compiler not in ("gcc", "clang"):
    lit_config.fatal("unknown compiler %r in lit.site.cfg.py" % config.compiler)

mode = lit_config.params.get("defer_mode", "unwind")
if mode not in ("unwind", "no-unwind"):
    lit_config.fatal("unknown defer_mode %r (unwind or no-unwind)" % mode)
suffix = "" if mode == "unwind" else "-" + mode

config.name = "defer-" + config.compiler + suffix
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.defer_obj_root, "test",
                                     config.compiler + suffix)

# The other compiler's own directory is not part of this suite.
other = "clang" if config.compiler == "gcc" else "gcc"
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", other]
if mode == "no-unwind":
    config.excludes += ["diag", "gcc", "clang", "robust", "runtime", "install",
                        "analysis", "lower", "migrate"]

# Plain ASCII quotes and untranslated messages, so FileCheck patterns match.
config.environment["LC_ALL"] = "C"
config.environment["LANG"] = "C"
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment["PATH"]])


def require_file(path, what, hint="build the project first"):
    if not path or not os.path.exists(path):
        lit_config.fatal("missing %s: %r (%s)" % (what, path, hint))
    return path


def plugin_flags():
    # Both drivers load a plugin with -fplugin=<path>: GCC's defer.so,
    # Clang's defer-clang.so.
    require_file(config.plugin_path, "the %s plugin" % config.compiler)
    flags = ["-fplugin=" + config.plugin_path]
    if mode == "no-unwind":
        flags.append("-fplugin-arg-defer-no-unwind")
    return flags


def runtime_link_flags():
    """Flags linking libdefer from the build tree; none until it exists.

    -ldefer comes before the sources in `%cc %s`, so it is kept even with
    --as-needed (a shared library needs no particular order otherwise)."""
    libdir = config.runtime_lib_dir
    if not libdir:
        return []
    return ["-L" + libdir, "-Wl,-rpath," + libdir,
            "-Wl,--push-state,--no-as-needed", "-ldefer", "-Wl,--pop-state"]


def cxx_driver(c_driver):
    """g++ beside gcc, clang++ beside clang: with the same -NN suffix if
    there is one, else without it (LLVM's bin directory has plain clang++)."""
    head, base = os.path.split(c_driver)
    cxx = re.sub(r"^gcc", "g++", base) if base.startswith("gcc") \
        else re.sub(r"^clang", "clang++", base)
    for candidate in (cxx, re.sub(r"-[0-9]+$", "", cxx)):
        path = os.path.join(head, candidate)
        if os.path.exists(path):
            return path
    return shutil.which(cxx) or os.path.join(head, cxx)


compiler = require_file(config.compiler_path, "the %s driver" % config.compiler,
                        "reconfigure with the compiler installed")
include_flags = ["-I" + config.runtime_include_dir]
link_flags = runtime_link_flags()
if link_flags and config.compiler == "clang":
    # Clang warns about link flags in compile-only runs (-c, -fsyntax-only).
    link_flags = ["-Qunused-arguments"] + link_flags

cc = [compiler] + plugin_flags() + include_flags + link_flags
cc_noplugin = [compiler] + include_flags + link_flags

# Substitutions are regular expressions applied in order: the longer
# %cc-noplugin must come before %cc.
config.substitutions.append(("%cc-noplugin", " ".join(cc_noplugin)))
config.substitutions.append(
    ("%cc-nolib", " ".join([compiler] + plugin_flags() + include_flags)))
config.substitutions.append(("%cc", " ".join(cc)))
config.substitutions.append(
    ("%defer-cfg", os.path.join(config.defer_src_root, "runtime", "cppcheck",
                                "defer.cfg")))

# Analysers: those of the Clang under test, from its LLVM installation
# only (another version's clang-tidy cannot load the Clang plugin; the GCC
# suite's come with the test tools), cppcheck from PATH.  A missing one
# leaves its tests unsupported, and its substitution fails.  Before
# %clang, a prefix of %clang-tidy and %clangd.
analysers_dir = (os.path.dirname(os.path.realpath(config.compiler_path))
                 if config.compiler == "clang" else config.llvm_tools_dir)
analysers = {
    "clang-tidy": os.path.join(analysers_dir, "clang-tidy"),
    "clangd": os.path.join(analysers_dir, "clangd"),
    "scan-build": os.path.join(analysers_dir, "scan-build"),
    "cppcheck": shutil.which("cppcheck"),
}
for name in analysers:
    path = analysers[name]
    found = bool(path) and os.access(path, os.X_OK)
    if found:
        config.available_features.add(name)
    config.substitutions.append(("%" + name, path if found else "false"))

# defer-lower and defer-migrate (tools/), built with the Clang plugin: a
# feature of each one's name when it is there.  tcc, a C99 compiler
# without GCC's and Clang's extensions, compiles defer-lower's output
# where it is installed: the 'tcc' feature.
for tool in ("defer-lower", "defer-migrate"):
    path = os.path.join(config.defer_obj_root, "bin", tool)
    found = os.access(path, os.X_OK)
    if found:
        config.available_features.add(tool)
    config.substitutions.append(("%" + tool, path if found else "false"))
if shutil.which("tcc", path=config.environment["PATH"]):
    config.available_features.add("tcc")
config.substitutions.append(("%runtime-libdir", config.runtime_lib_dir or ""))

config.substitutions.append(("%plugin", config.plugin_path))
config.substitutions.append(("%defer-version", config.defer_version))
config.substitutions.append(("%cxx", cxx_driver(compiler)))
config.substitutions.append(("%libdefer", " ".join(runtime_link_flags())))
config.substitutions.append(("%obj-root", config.defer_obj_root))
config.substitutions.append(("%gcc", config.gcc_path or "false"))
config.substitutions.append(
    ("%runtime-src", os.path.abspath(lit_config.params.get(
        "defer_runtime_src",
        os.path.join(config.defer_src_root, "runtime", "src")))))
config.substitutions.append(
    ("%runtime-include", os.path.join(config.defer_src_root, "runtime", "include")))
config.substitutions.append(("%clang", config.clang_path or "false"))
config.substitutions.append(("%compiler", compiler))
config.substitutions.append(("%defer-pc", "defer-" + config.compiler))
config.substitutions.append(("%defer-name", config.compiler))
config.substitutions.append(
    ("%install", "bash %s %s" % (
        os.path.join(config.defer_src_root, "test", "install", "Inputs",
                     "install.sh"),
        config.defer_obj_root)))

# FileCheck, not and count from the LLVM installation, never from PATH. Same
# word boundaries as LLVM's own tool substitutions.
for tool in ("FileCheck", "not", "count"):
    path = require_file(os.path.join(config.llvm_tools_dir, tool), tool,
                        "apt-get install llvm-22-tools")
    config.substitutions.append(
        (r"(?<![.\-^/\\<])\b%s\b(?![\-.])" % re.escape(tool), path))

config.available_features.add(config.compiler)
# Both plugins built: for the tests that compare them.
if all(os.path.exists(os.path.join(config.defer_obj_root, "plugin", *p))
       for p in (("gcc", "defer.so"), ("clang", "defer-clang.so"))):
    config.available_features.add("both-plugins")
if mode == "unwind":
    config.available_features.add("unwind")
if shutil.which("valgrind", path=config.environment["PATH"]):
    config.available_features.add("valgrind")
if shutil.which("gdb", path=config.environment["PATH"]):
    config.available_features.add("gdb")
# Meson (and the ninja it runs), for the test of its use of the .pc files.
if all(shutil.which(tool, path=config.environment["PATH"])
       for tool in ("meson", "ninja")):
    config.available_features.add("meson")


def sanitizer_works(flags):
    """Whether `compiler flags` builds a program that runs (the runtime
    library of the sanitizer is installed)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "probe.c")
        exe = os.path.join(tmp, "probe")
        with open(src, "w") as f:
            f.write("int main(void) { return 0; }\n")
        try:
            build = subprocess.run([compiler] + flags + [src, "-o", exe],
                                   capture_output=True, timeout=60)
            return (build.returncode == 0 and
                    subprocess.run([exe], capture_output=True,
                                   timeout=60).returncode == 0)
        except (OSError, subprocess.TimeoutExpired):
            return False


def compiler_accepts(flags, source):
    """Whether the compiler, without the plugin, takes SOURCE with FLAGS."""
    import subprocess
    try:
        return subprocess.run([compiler] + flags + ["-fsyntax-only", "-x", "c",
                                                    "-"],
                              input=source.encode(), capture_output=True,
                              timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# The compiler's own block-scoped _Defer and <stddefer.h> (Clang 22).
if compiler_accepts(["-fdefer-ts"], "#include <stddefer.h>\n"
                    "void f(void) { defer (void)0; }\n"):
    config.available_features.add("native-defer-ts")

# The GCC release, as a feature (gcc-11, gcc-16), for the few checks of
# what one release's own passes can do with the plugin's output.
if config.compiler == "gcc":
    import subprocess
    try:
        major = subprocess.run([compiler, "-dumpversion"], capture_output=True,
                               text=True, timeout=60).stdout.strip().split(".")[0]
        if major.isdigit():
            config.available_features.add("gcc-" + major)
    except (OSError, subprocess.TimeoutExpired):
        pass

if sanitizer_works(["-fsanitize=address,undefined"]):
    config.available_features.add("asan")
if sanitizer_works(["-fsanitize=thread", "-pthread"]):
    config.available_features.add("tsan")

# A test that hangs (an unwinding that loops, a deadlock) fails after five
# minutes instead of stalling the suite; lit needs psutil for it.  The
# fuzz batches take up to two minutes on two busy cores.
try:
    import psutil  # noqa: F401
    lit_config.maxIndividualTestTime = int(
        lit_config.params.get("defer_test_timeout", 300))
except ImportError:
    lit_config.note("python3-psutil is missing: no per-test time limit")
