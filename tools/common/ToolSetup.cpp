// SPDX-License-Identifier: MIT
// The set-up of the adoption tools (ToolSetup.h).

#include "ToolSetup.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::tooling;

namespace defer_tools {

int runOnOneFile(int argc, const char **argv, llvm::cl::OptionCategory &category,
                 llvm::StringRef name, FrontendActionFactory &factory,
                 std::string &file) {
  auto parser = CommonOptionsParser::create(argc, argv, category,
                                            llvm::cl::OneOrMore);
  if (!parser) {
    llvm::errs() << parser.takeError();
    return 2;
  }
  const std::vector<std::string> &files = parser->getSourcePathList();
  if (files.size() != 1) {
    llvm::errs() << name << ": give one C source file\n";
    return 2;
  }
  file = files[0];
  ClangTool tool(parser->getCompilations(), files);
  // Clang's own headers (stddef.h...) come from the Clang the tool is
  // built with, wherever the tool is installed.
  tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      "-resource-dir=" DEFER_CLANG_RESOURCE_DIR, ArgumentInsertPosition::END));
  return tool.run(&factory) != 0 ? 1 : 0;
}

int writeFile(llvm::StringRef name, const std::string &path,
              const std::string &text) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << name << ": cannot write '" << path
                 << "': " << ec.message() << "\n";
    return 1;
  }
  os << text;
  return 0;
}

} // namespace defer_tools
