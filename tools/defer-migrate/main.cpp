// SPDX-License-Identifier: MIT
// defer-migrate: rewrites functions that release their resources on a
// shared exit path (`goto out;` ... `out: free (p); return ret;`) to
// `defer`, where every path provably behaves the same (ExitPath.cpp), and
// says why it leaves the others as they are.
//
//   defer-migrate file.c -- <flags>             the converted file
//   defer-migrate --dry-run file.c -- <flags>   a unified diff
//   defer-migrate --report file.c -- <flags>    candidates, converted,
//                                               refused and why
//   defer-migrate --in-place file.c -- <flags>  rewrite the file

#include "ExitPath.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tooling;

static llvm::cl::OptionCategory category("defer-migrate options");
static llvm::cl::opt<bool>
    dryRun("dry-run", llvm::cl::desc("Print a unified diff, change nothing"),
           llvm::cl::cat(category));
static llvm::cl::opt<bool>
    report("report",
           llvm::cl::desc("Print the candidates, what was converted and why "
                          "the others were not"),
           llvm::cl::cat(category));
static llvm::cl::opt<bool> inPlace("in-place",
                                   llvm::cl::desc("Rewrite the file itself"),
                                   llvm::cl::cat(category));

namespace {

struct Result {
  std::string file, original, converted;
  std::vector<std::pair<std::string, defer_migrate::Verdict>> verdicts;
  bool failed = false;
};

class Consumer : public ASTConsumer {
public:
  explicit Consumer(Result &out) : out(out) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred()) {
      out.failed = true;
      return;
    }
    SourceManager &sm = ctx.getSourceManager();
    Rewriter rw(sm, ctx.getLangOpts());
    for (Decl *d : ctx.getTranslationUnitDecl()->decls()) {
      auto *fn = dyn_cast<FunctionDecl>(d);
      if (!fn || !fn->doesThisDeclarationHaveABody() ||
          !sm.isInMainFile(fn->getLocation()))
        continue;
      defer_migrate::Verdict v = defer_migrate::migrateFunction(ctx, fn, rw);
      if (v.candidate)
        out.verdicts.push_back({fn->getName().str(), v});
    }
    FileID main = sm.getMainFileID();
    out.file = sm.getFileEntryRefForID(main)->getName().str();
    out.original = sm.getBufferData(main).str();
    const llvm::RewriteBuffer *b = rw.getRewriteBufferFor(main);
    out.converted = b ? std::string(b->begin(), b->end()) : out.original;
  }

private:
  Result &out;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(Result &out) : out(out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<Consumer>(out);
  }

private:
  Result &out;
};

class Factory : public FrontendActionFactory {
public:
  explicit Factory(Result &out) : out(out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(out);
  }

private:
  Result &out;
};

void printReport(const Result &r) {
  unsigned converted = 0;
  for (const auto &[name, v] : r.verdicts) {
    llvm::outs() << r.file << ":" << v.line << ": " << name << " ('"
                 << v.label << "'): "
                 << (v.converted ? "converted" : "refused: " + v.reason)
                 << "\n";
    converted += v.converted;
  }
  llvm::outs() << "candidates " << r.verdicts.size() << ", converted "
               << converted << ", refused " << r.verdicts.size() - converted
               << "\n";
}

// diff -u of the file before and after, under the file's own name.
int printDiff(const Result &r) {
  llvm::SmallString<128> before, after;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("defer-migrate", "c", fd, before) ||
      llvm::sys::fs::createTemporaryFile("defer-migrate", "c", fd, after))
    return 1;
  {
    std::error_code ec;
    llvm::raw_fd_ostream(before, ec) << r.original;
    llvm::raw_fd_ostream(after, ec) << r.converted;
  }
  auto diff = llvm::sys::findProgramByName("diff");
  int rc = 1;
  if (diff) {
    std::string a = "a/" + r.file, b = "b/" + r.file;
    rc = llvm::sys::ExecuteAndWait(
        *diff, {*diff, "-u", "--label", a, "--label", b, before, after});
  } else {
    llvm::errs() << "defer-migrate: diff is not on PATH\n";
  }
  llvm::sys::fs::remove(before);
  llvm::sys::fs::remove(after);
  return rc == 0 || rc == 1 ? 0 : 1; // 1: the files differ
}

} // namespace

int main(int argc, const char **argv) {
  auto parser = CommonOptionsParser::create(argc, argv, category,
                                            llvm::cl::OneOrMore);
  if (!parser) {
    llvm::errs() << parser.takeError();
    return 2;
  }
  const std::vector<std::string> &files = parser->getSourcePathList();
  if (files.size() != 1) {
    llvm::errs() << "defer-migrate: give one C source file\n";
    return 2;
  }
  ClangTool tool(parser->getCompilations(), files);
  tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      "-resource-dir=" DEFER_CLANG_RESOURCE_DIR, ArgumentInsertPosition::END));
  Result result;
  Factory factory(result);
  if (tool.run(&factory) != 0 || result.failed)
    return 1;
  if (report)
    printReport(result);
  if (dryRun)
    return printDiff(result);
  if (inPlace) {
    std::error_code ec;
    llvm::raw_fd_ostream os(files[0], ec, llvm::sys::fs::OF_Text);
    if (ec) {
      llvm::errs() << "defer-migrate: cannot write '" << files[0]
                   << "': " << ec.message() << "\n";
      return 1;
    }
    os << result.converted;
    return 0;
  }
  if (!report)
    llvm::outs() << result.converted;
  return 0;
}
