// The IR side of LowerCatch.cpp: Clang emits the catch-all handlers that
// the lowering builds (C++ try statements in C) as for C++, calling
// __cxa_begin_catch as a handler starts and __cxa_end_catch as it ends.
// Neither belongs in C, nor is in a C program's link, nor is needed: C's
// personality routine keeps no caught exception, and the handler gets the
// exception from the landing pad.  So, before any other pass:
//
// - __cxa_begin_catch (exn) becomes exn, also stored in a slot of the
//   function for the marker below;
// - __cxa_end_catch () goes;
// - the marker __defer_caught_exception () reads that slot: the exception
//   of the handler the marker is in, which it calls first.
//
// A unit compiled by the plugin is C: nothing else there calls them.

#include "DeferPlugin.h"

#include "clang/Basic/CodeGenOptions.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"

using namespace clang;

namespace defer_clang {

const char caughtExceptionMarker[] = "__defer_caught_exception";

namespace {

std::vector<llvm::CallBase *> callsOf(llvm::Module &m, llvm::StringRef name) {
  std::vector<llvm::CallBase *> calls;
  if (llvm::Function *f = m.getFunction(name))
    for (llvm::User *u : f->users())
      if (auto *call = llvm::dyn_cast<llvm::CallBase>(u);
          call && call->getCalledOperand() == f)
        calls.push_back(call);
  return calls;
}

// Removes CALL; an invoke becomes a branch to its normal destination.
void removeCall(llvm::CallBase *call) {
  if (auto *invoke = llvm::dyn_cast<llvm::InvokeInst>(call)) {
    invoke->getUnwindDest()->removePredecessor(invoke->getParent());
    llvm::BranchInst::Create(invoke->getNormalDest(), invoke);
  }
  call->eraseFromParent();
}

// The function's slot for the exception of its handlers.
llvm::AllocaInst *slotOf(llvm::Function &f,
                         std::map<llvm::Function *, llvm::AllocaInst *> &slots) {
  llvm::AllocaInst *&slot = slots[&f];
  if (!slot) {
    llvm::IRBuilder<> entry(&*f.getEntryBlock().getFirstInsertionPt());
    slot = entry.CreateAlloca(llvm::PointerType::getUnqual(f.getContext()),
                              nullptr, "defer.exn");
  }
  return slot;
}

struct LowerCatches : llvm::PassInfoMixin<LowerCatches> {
  llvm::PreservedAnalyses run(llvm::Module &m, llvm::ModuleAnalysisManager &) {
    std::map<llvm::Function *, llvm::AllocaInst *> slots;
    bool changed = false;
    for (llvm::CallBase *begin : callsOf(m, "__cxa_begin_catch")) {
      llvm::Value *exn = begin->getArgOperand(0);
      llvm::Function &f = *begin->getFunction();
      new llvm::StoreInst(exn, slotOf(f, slots), begin);
      begin->replaceAllUsesWith(exn);
      removeCall(begin);
      changed = true;
    }
    for (llvm::CallBase *end : callsOf(m, "__cxa_end_catch")) {
      removeCall(end);
      changed = true;
    }
    for (llvm::CallBase *marker : callsOf(m, caughtExceptionMarker)) {
      llvm::AllocaInst *slot = slotOf(*marker->getFunction(), slots);
      auto *load = new llvm::LoadInst(slot->getAllocatedType(), slot,
                                      "defer.caught", marker);
      marker->replaceAllUsesWith(load);
      removeCall(marker);
      changed = true;
    }
    for (const char *name :
         {"__cxa_begin_catch", "__cxa_end_catch", caughtExceptionMarker})
      if (llvm::Function *f = m.getFunction(name); f && f->use_empty())
        f->eraseFromParent();
    return changed ? llvm::PreservedAnalyses::none()
                   : llvm::PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

} // namespace

void lowerCatchesInIR(CompilerInstance &ci) {
  ci.getCodeGenOpts().PassBuilderCallbacks.push_back(
      [](llvm::PassBuilder &pb) {
        pb.registerPipelineStartEPCallback(
            [](llvm::ModulePassManager &mpm, llvm::OptimizationLevel) {
              mpm.addPass(LowerCatches());
            });
      });
}

} // namespace defer_clang
