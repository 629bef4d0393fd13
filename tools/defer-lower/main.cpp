// SPDX-License-Identifier: MIT
// defer-lower: prints a C file that uses `defer` or `_Defer` as plain C,
// which any C99 compiler builds without the defer plugin.
//
//   defer-lower file.c -- <compiler flags>    (or a compile_commands.json)
//   defer-lower -o lowered.c file.c -- <flags>
//
// The lowering is the plugin's (docs/REFERENCE.md): bits for sites that
// run at most once per call, libdefer's records for the others; each
// `_Defer`'s statement after the rest of its block, where every way out
// of it goes first (ScopedDefer.cpp).  Without the plugin, nothing runs
// the deferred blocks when a panic or pthread_exit unwinds a function: a
// warning names the functions where that can be seen.

#include "Frontend.h"
#include "ToolSetup.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

static llvm::cl::OptionCategory category("defer-lower options");
static llvm::cl::opt<std::string>
    output("o", llvm::cl::desc("Write the lowered file here (default: stdout)"),
           llvm::cl::value_desc("file"), llvm::cl::cat(category));

int main(int argc, const char **argv) {
  defer_lower::Lowered lowered;
  std::string file;
  int rc = defer_tools::runOnOneFile(argc, argv, category, "defer-lower",
                                     *defer_lower::lowerActionFactory(lowered),
                                     file);
  if (rc != 0)
    return rc;
  if (lowered.failed)
    return 1;
  if (output.empty()) {
    llvm::outs() << lowered.text;
    return 0;
  }
  return defer_tools::writeFile("defer-lower", output, lowered.text);
}
