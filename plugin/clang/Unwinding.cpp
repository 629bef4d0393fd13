// SPDX-License-Identifier: MIT
// What a unit compiled with unwinding support promises the optimisers, so
// that every call made while deferred blocks are pending keeps its landing
// pad.
//
// A panic is a forced unwind, and it passes through frames that C's rules
// say cannot unwind: a signal handler's panic comes out of raise() or
// kill(), which glibc declares nothrow, and through them out of every
// function that Clang or LLVM then infers cannot unwind either; a function
// compiled without -fexceptions, which Clang marks nounwind, passes it on
// from a callback.  Clang emits a plain call, without a landing pad, for a
// callee known not to unwind, and LLVM turns an invoke of one into a plain
// call (markAliveBlocks), also at link time under -flto, where the body of
// such a function becomes visible.  Two things keep the landing pads:
//
// - nothrow is dropped from the declarations of the unit, so that Clang
//   invokes the callee and infers nounwind from nothing but the bodies it
//   sees;
// - the module flag "eh-asynch", LLVM's flag for asynchronous exceptions:
//   with it, nounwind no longer lets an invoke become a call.  Module flags
//   are merged at link time, so the flag holds under -flto too.
//
// Neither adds instructions where nothing unwinds: an invoke is the same
// call instruction, and the landing pads and the call-site table are off
// that path (a function that keeps them is register-allocated as any
// function with landing pads is).

#include "DeferPlugin.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/CodeGenOptions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"

using namespace clang;

namespace defer_clang {
namespace {

// libdefer's own entry points keep theirs: __defer_recover's warning
// attribute, for one, works on plain calls only.
bool isLibdeferEntry(const FunctionDecl *fd) {
  const IdentifierInfo *id = fd->getIdentifier();
  return id && (id->getName().starts_with("__defer") ||
                id->getName().starts_with("__libdefer"));
}

struct KeepInvokes : llvm::PassInfoMixin<KeepInvokes> {
  llvm::PreservedAnalyses run(llvm::Module &m, llvm::ModuleAnalysisManager &) {
    if (!m.getModuleFlag("eh-asynch"))
      m.addModuleFlag(llvm::Module::Warning, "eh-asynch", 1);
    return llvm::PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

// Kept: a builtin's attributes, which are what the compiler knows of the
// function (memcpy, strlen, abort); const and pure functions, which Clang
// makes nounwind in any case (__errno_location); and functions that do
// not return normally or return twice (longjmp, _exit, setjmp), which no
// signal handler's panic is expected under.
bool keepsNoThrow(const FunctionDecl *fd) {
  return fd->getBuiltinID() || fd->hasAttr<ConstAttr>() ||
         fd->hasAttr<PureAttr>() || fd->isNoReturn() ||
         fd->hasAttr<ReturnsTwiceAttr>() || isLibdeferEntry(fd);
}

} // namespace

void dropNoThrow(FunctionDecl *fd) {
  if (keepsNoThrow(fd))
    return;
  for (FunctionDecl *d : fd->redecls())
    d->dropAttr<NoThrowAttr>();
}

void keepInvokes(CompilerInstance &ci) {
  ci.getCodeGenOpts().PassBuilderCallbacks.push_back(
      [](llvm::PassBuilder &pb) {
        pb.registerPipelineStartEPCallback(
            [](llvm::ModulePassManager &mpm, llvm::OptimizationLevel) {
              mpm.addPass(KeepInvokes());
            });
      });
}

} // namespace defer_clang
