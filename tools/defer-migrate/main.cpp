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
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
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

// Where `#include <defer.h>` goes when a deferred block reads
// defer_result: after the main file's last #include outside any #if, or
// at its start; nowhere when the file includes it already.
struct Includes : public PPCallbacks {
  explicit Includes(SourceManager &sm) : sm(sm) {}
  void InclusionDirective(SourceLocation hash, const Token &, StringRef name,
                          bool, CharSourceRange range, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (name == "defer.h")
      hasDefer = true;
    if (sm.isInMainFile(hash) && depth == 0)
      after = hash;
  }
  void If(SourceLocation loc, SourceRange, ConditionValueKind) override {
    enter(loc);
  }
  void Ifdef(SourceLocation loc, const Token &, const MacroDefinition &) override {
    enter(loc);
  }
  void Ifndef(SourceLocation loc, const Token &, const MacroDefinition &) override {
    enter(loc);
  }
  void Endif(SourceLocation loc, SourceLocation) override {
    if (sm.isInMainFile(loc) && depth > 0)
      depth--;
  }
  SourceManager &sm;
  SourceLocation after;
  bool hasDefer = false;
  int depth = 0;

private:
  void enter(SourceLocation loc) {
    if (sm.isInMainFile(loc))
      depth++;
  }
};

class Consumer : public ASTConsumer {
public:
  Consumer(Result &out, Includes &includes) : out(out), includes(includes) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    // A file that compile_commands.json compiles twice (a static and a
    // shared library) is converted once, by its first command.
    if (!out.file.empty())
      return;
    if (ctx.getDiagnostics().hasErrorOccurred()) {
      out.failed = true;
      return;
    }
    SourceManager &sm = ctx.getSourceManager();
    Rewriter rw(sm, ctx.getLangOpts());
    bool guarded = false;
    for (Decl *d : ctx.getTranslationUnitDecl()->decls()) {
      auto *fn = dyn_cast<FunctionDecl>(d);
      if (!fn || !fn->doesThisDeclarationHaveABody() ||
          !sm.isInMainFile(fn->getLocation()))
        continue;
      defer_migrate::Verdict v = defer_migrate::migrateFunction(ctx, fn, rw);
      guarded |= v.converted && v.guarded;
      if (v.candidate)
        out.verdicts.push_back({fn->getName().str(), v});
    }
    FileID main = sm.getMainFileID();
    if (guarded && !includes.hasDefer) {
      if (includes.after.isValid()) {
        // The start of the line after that #include.
        StringRef text = sm.getBufferData(main);
        size_t eol = text.find('\n', sm.getFileOffset(includes.after));
        if (eol == StringRef::npos)
          eol = text.size() - 1;
        rw.InsertTextBefore(
            sm.getLocForStartOfFile(main).getLocWithOffset(eol + 1),
            "#include <defer.h>\n");
      }
      else
        rw.InsertTextBefore(sm.getLocForStartOfFile(main),
                            "#include <defer.h>\n");
    }
    out.file = sm.getFileEntryRefForID(main)->getName().str();
    out.original = sm.getBufferData(main).str();
    const llvm::RewriteBuffer *b = rw.getRewriteBufferFor(main);
    out.converted = b ? std::string(b->begin(), b->end()) : out.original;
  }

private:
  Result &out;
  Includes &includes;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(Result &out) : out(out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci,
                                                 StringRef) override {
    auto inc = std::make_unique<Includes>(ci.getSourceManager());
    Includes &ref = *inc;
    ci.getPreprocessor().addPPCallbacks(std::move(inc));
    return std::make_unique<Consumer>(out, ref);
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
    std::string labels;
    for (const std::string &l : v.labels)
      labels += (labels.empty() ? "'" : ", '") + l + "'";
    llvm::outs() << r.file << ":" << v.line << ": " << name << " ("
                 << labels << "): "
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
