// SPDX-License-Identifier: MIT
// What defer-lower and defer-migrate share around their own work: one C
// file from the command line, its flags after `--` or from a
// compile_commands.json, and Clang's own headers from the Clang the tools
// are built with.

#ifndef DEFER_TOOLS_TOOL_SETUP_H
#define DEFER_TOOLS_TOOL_SETUP_H

#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace defer_tools {

// Parse the command line of the tool NAME, whose options are in CATEGORY,
// and run FACTORY on its one source file, whose path goes to FILE.
// 2: the command line is wrong; 1: the file did not compile; else 0.
int runOnOneFile(int argc, const char **argv, llvm::cl::OptionCategory &category,
                 llvm::StringRef name,
                 clang::tooling::FrontendActionFactory &factory,
                 std::string &file);

// Write TEXT to PATH; 1 with the tool's message when it cannot, else 0.
int writeFile(llvm::StringRef name, const std::string &path,
              const std::string &text);

} // namespace defer_tools

#endif
