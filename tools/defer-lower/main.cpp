// SPDX-License-Identifier: MIT
// defer-lower: prints a C file that uses `defer` as plain C, which any C99
// compiler builds without the defer plugin.
//
//   defer-lower file.c -- <compiler flags>    (or a compile_commands.json)
//   defer-lower -o lowered.c file.c -- <flags>
//
// The lowering is the plugin's (docs/REFERENCE.md): bits for sites that
// run at most once per call, libdefer's records for the others.  Without
// the plugin, nothing runs the deferred blocks when a panic or
// pthread_exit unwinds a function: a warning names the functions where
// that can be seen.

#include "Frontend.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::tooling;

static llvm::cl::OptionCategory category("defer-lower options");
static llvm::cl::opt<std::string>
    output("o", llvm::cl::desc("Write the lowered file here (default: stdout)"),
           llvm::cl::value_desc("file"), llvm::cl::cat(category));

int main(int argc, const char **argv) {
  auto parser = CommonOptionsParser::create(argc, argv, category,
                                            llvm::cl::OneOrMore);
  if (!parser) {
    llvm::errs() << parser.takeError();
    return 2;
  }
  const std::vector<std::string> &files = parser->getSourcePathList();
  if (files.size() != 1) {
    llvm::errs() << "defer-lower: give one C source file\n";
    return 2;
  }
  ClangTool tool(parser->getCompilations(), files);
  // Clang's own headers (stddef.h...) come from the Clang the tool is
  // built with, wherever the tool is installed.
  tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      "-resource-dir=" DEFER_CLANG_RESOURCE_DIR, ArgumentInsertPosition::END));
  defer_lower::Lowered lowered;
  int rc = tool.run(defer_lower::lowerActionFactory(lowered).get());
  if (rc != 0 || lowered.failed)
    return 1;
  if (output.empty()) {
    llvm::outs() << lowered.text;
    return 0;
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(output, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << "defer-lower: cannot write '" << output
                 << "': " << ec.message() << "\n";
    return 1;
  }
  os << lowered.text;
  return 0;
}
