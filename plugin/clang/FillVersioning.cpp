// SPDX-License-Identifier: MIT
// Loops that push records onto the stack without testing for room: the
// LLVM side of plugin/gcc/fill-versioning.cc, which says why and how.
//
// A `defer` in a loop with a run-time trip count tests before every push
// whether the stack's block has room (LowerRecords.cpp):
//
//   if (__builtin_expect (cur > end, 0)) grow;   a call of __libdefer_grow
//   store the copies at cur;  cur += S;
//
// Once the optimisers have simplified the loop, this pass versions it on
// the room all its passes need, from scalar evolution's bound of the
// times its latch runs (the least count of its exits):
//
//   if (room >= STEP && latch <= (room - STEP) / STEP)
//     the loop, its room tests folded away;
//   else
//     a copy of the loop as it was;
//
// STEP is the most bytes a pass pushes, found by following the cursor
// from its header PHI around the loop (each join taking its largest way
// in, the ways out of a growing block left out); any other move of the
// cursor, or a push in a nested loop, and the loop stays as it was.
// Without the tests and the call, the loop's pushes are plain stores
// through an induction pointer, which the vectoriser can take.  The copy
// keeps every way out of the loop, unwinding ones too: the PHIs of each
// exit block get the copy's incoming values.  -Rpass=defer-fill, and
// -fplugin-arg-defer-report, name the loops it versions.

#include "Compat.h"
#include "DeferPlugin.h"
#include "messages.h"

#include "clang/Basic/CodeGenOptions.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <map>
#include <set>

using namespace llvm;

namespace defer_clang {
namespace {

const char *passName = "defer-fill";

bool growsStack(const Instruction &i) {
  auto *call = dyn_cast<CallBase>(&i);
  Function *callee = call ? call->getCalledFunction() : nullptr;
  return callee && callee->getName() == "__libdefer_grow";
}

// What versioning a loop needs (see fill-versioning.cc's fill_loop).
struct FillLoop {
  Loop *loop = nullptr;
  std::vector<std::pair<BranchInst *, bool>> tests; // and when it grows
  std::vector<BasicBlock *> growing;
  PHINode *curPhi = nullptr, *endPhi = nullptr;
  Value *endOutside = nullptr;
  uint64_t step = 0;
  // A call growing the stack in the loop, and the header PHI of the base
  // it is given: to grow before the loop.
  CallBase *grow = nullptr;
  PHINode *basePhi = nullptr;
};

class Scanner {
public:
  Scanner(Loop *loop, DominatorTree &dt, LoopInfo &li, const DataLayout &dl)
      : dt(dt), li(li), dl(dl) {
    f.loop = loop;
  }

  bool scan();
  FillLoop f;

private:
  DominatorTree &dt;
  LoopInfo &li;
  const DataLayout &dl;
  std::map<Value *, int64_t> pushedMemo;

  bool own(const BasicBlock *bb) const { return li.getLoopFor(bb) == f.loop; }

  // A call growing the stack in a block of the loop that START
  // dominates, or null.
  CallBase *growingCall(BasicBlock *start) const {
    for (BasicBlock *bb : f.loop->blocks())
      if (dt.dominates(start, bb))
        for (Instruction &i : *bb)
          if (growsStack(i))
            return cast<CallBase>(&i);
    return nullptr;
  }

  bool deadWhenFast(const BasicBlock *bb) const {
    for (BasicBlock *g : f.growing)
      if (dt.dominates(g, bb))
        return true;
    return false;
  }

  // The room test `cur > end` of BI's condition in any spelling, growing
  // the stack on the way to a block that calls libdefer to grow it.
  bool roomTest(BranchInst *bi, Value *&cur, Value *&end, bool &growWhen) {
    if (!bi->isConditional())
      return false;
    auto *cmp = dyn_cast<ICmpInst>(bi->getCondition());
    if (!cmp || !cmp->getOperand(0)->getType()->isPointerTy())
      return false;
    cur = cmp->getOperand(0);
    end = cmp->getOperand(1);
    switch (cmp->getPredicate()) {
    case ICmpInst::ICMP_UGT: // cur > end
      growWhen = true;
      break;
    case ICmpInst::ICMP_ULE: // cur <= end
      growWhen = false;
      break;
    case ICmpInst::ICMP_ULT: // end < cur
      std::swap(cur, end);
      growWhen = true;
      break;
    case ICmpInst::ICMP_UGE: // end >= cur
      std::swap(cur, end);
      growWhen = false;
      break;
    default:
      return false;
    }
    BasicBlock *grow = bi->getSuccessor(growWhen ? 0 : 1);
    return grow->getSinglePredecessor() && growingCall(grow);
  }

  // The most bytes pushed from the start of a pass to the cursor value V;
  // -1 if V is not the cursor moved by constants.
  int64_t pushed(Value *v) {
    auto known = pushedMemo.find(v);
    if (known != pushedMemo.end())
      return known->second;
    pushedMemo[v] = -1; // no cycle inside one pass
    int64_t result = -1;
    auto *i = dyn_cast<Instruction>(v);
    if (i && own(i->getParent())) {
      if (auto *phi = dyn_cast<PHINode>(i)) {
        if (phi->getParent() == f.loop->getHeader()) {
          if (!f.curPhi)
            f.curPhi = phi;
          result = f.curPhi == phi ? 0 : -1;
        } else {
          bool any = false, bad = false;
          for (unsigned k = 0; !bad && k < phi->getNumIncomingValues(); k++) {
            if (deadWhenFast(phi->getIncomingBlock(k)))
              continue;
            int64_t in = pushed(phi->getIncomingValue(k));
            bad = in < 0;
            any = true;
            result = std::max(result, in);
          }
          if (bad || !any)
            result = -1;
        }
      } else if (auto *gep = dyn_cast<GEPOperator>(i)) {
        APInt offset(dl.getIndexTypeSizeInBits(gep->getType()), 0);
        if (gep->accumulateConstantOffset(dl, offset) &&
            !offset.isNegative()) {
          int64_t in = pushed(gep->getPointerOperand());
          result = in < 0 ? -1 : in + (int64_t)offset.getZExtValue();
        }
      }
    }
    pushedMemo[v] = result;
    return result;
  }

  // Whether V keeps its value on entry while no test grows the stack: the
  // header PHI PHI (found on the way if null) through joins, or a value
  // from outside the loop (OUTSIDE, in PHI's stead).
  bool unchanged(Value *v, PHINode *&phi, Value *&outside,
                 std::set<Value *> &seen) {
    auto *i = dyn_cast<Instruction>(v);
    if (!i || !f.loop->contains(i)) {
      if (!outside && !phi)
        outside = v;
      return outside == v;
    }
    if (!own(i->getParent()))
      return false;
    if (!seen.insert(v).second)
      return true;
    auto *p = dyn_cast<PHINode>(i);
    if (!p)
      return false;
    if (p->getParent() == f.loop->getHeader()) {
      if (!phi && !outside)
        phi = p;
      return phi == p &&
             unchanged(p->getIncomingValueForBlock(f.loop->getLoopLatch()),
                       phi, outside, seen);
    }
    bool any = false;
    for (unsigned k = 0; k < p->getNumIncomingValues(); k++) {
      if (deadWhenFast(p->getIncomingBlock(k)))
        continue;
      if (!unchanged(p->getIncomingValue(k), phi, outside, seen))
        return false;
      any = true;
    }
    return any;
  }

  // The call growing the stack in the first growing block, and the
  // header PHI of the base it is given; nothing where they are not plain.
  void findGrowingCall() {
    f.grow = growingCall(f.growing[0]);
    auto *type = f.grow ? dyn_cast<StructType>(f.grow->getType()) : nullptr;
    Value *outside = nullptr;
    std::set<Value *> seen;
    if (!type || type->getNumElements() != 2 || f.grow->arg_size() != 4 ||
        !isa<ConstantInt>(f.grow->getArgOperand(3)) ||
        !unchanged(f.grow->getArgOperand(1), f.basePhi, outside, seen) ||
        !f.basePhi)
      f.grow = nullptr;
  }
};

bool Scanner::scan() {
  Loop *loop = f.loop;
  if (!loop->isLoopSimplifyForm() || !loop->isSafeToClone())
    return false;
  std::vector<std::pair<Value *, Value *>> operands;
  for (BasicBlock *bb : loop->blocks()) {
    auto *bi = dyn_cast<BranchInst>(bb->getTerminator());
    Value *cur, *end;
    bool growWhen;
    if (!own(bb) || !bi || !roomTest(bi, cur, end, growWhen))
      continue;
    f.tests.push_back({bi, growWhen});
    f.growing.push_back(bi->getSuccessor(growWhen ? 0 : 1));
    operands.push_back({cur, end});
  }
  if (f.tests.empty())
    return false;
  std::set<Value *> seen;
  for (auto &o : operands)
    if (pushed(o.first) < 0 ||
        !unchanged(o.second, f.endPhi, f.endOutside, seen))
      return false;
  int64_t step =
      pushed(f.curPhi->getIncomingValueForBlock(loop->getLoopLatch()));
  if (step <= 0)
    return false;
  f.step = (uint64_t)step;
  findGrowingCall();
  return true;
}

// room >= step && latch <= (room - step) / step, at the end of CHECK;
// the latch count expanded there in *COUNT.
Value *roomCondition(const FillLoop &f, const SCEV *latch, BasicBlock *check,
                     ScalarEvolution &se, const DataLayout &dl,
                     Value **count) {
  BasicBlock *pre = f.loop->getLoopPreheader();
  Value *cur = f.curPhi->getIncomingValueForBlock(pre);
  Value *end = f.endPhi ? f.endPhi->getIncomingValueForBlock(pre)
                        : f.endOutside;
  IRBuilder<> b(check->getTerminator());
  Type *word = dl.getIntPtrType(cur->getType());
  SCEVExpander expander = compat::scevExpander(se, dl, passName);
  *count = expander.expandCodeFor(latch, latch->getType(),
                                  check->getTerminator());
  b.SetInsertPoint(check->getTerminator());
  *count = b.CreateZExtOrTrunc(*count, word);
  Value *room = b.CreateSub(b.CreatePtrToInt(end, word),
                            b.CreatePtrToInt(cur, word));
  Value *step = ConstantInt::get(word, f.step);
  Value *some = b.CreateICmpSGE(room, step);
  Value *most = b.CreateUDiv(b.CreateSub(room, step), step);
  return b.CreateAnd(some, b.CreateICmpULE(*count, most), "defer.fits");
}

// The most bytes made room for before a loop: a loop that breaks early
// leaves at most this much unused until its function returns.
const uint64_t mostGrownBefore = 64 * 1024;

// Where the room is short but the loop's passes are few, grow the stack
// before the loop as the loop itself would, with room for all of them
// (see fill-versioning.cc's grow_before), and run it without tests:
//   check:  if (fits) goto pre;                   the loop without tests
//   few:    if (latch >= MOST) goto slow;         the loop with them
//   grow:   block = __libdefer_grow (frame, base, cur,
//                                    2 * SIZE + (latch + 1) * STEP);
//           goto pre;
//   pre:    cur = base = PHI (cur / block.base), end = PHI (end /
//           block.end - SIZE)
// FEW is the block on the edge from CHECK to the loop with tests, PRE
// the preheader of the loop without; the copy with tests starts from the
// values on entry as they were.
void growBefore(FillLoop &f, BasicBlock *few, BasicBlock *pre, Value *count,
                const std::map<PHINode *, Value *> &entry) {
  uint64_t size = cast<ConstantInt>(f.grow->getArgOperand(3))->getZExtValue();
  uint64_t most = mostGrownBefore / f.step;
  BasicBlock *slow = few->getSingleSuccessor();
  BasicBlock *check = pre->getSinglePredecessor();
  BasicBlock *grow =
      BasicBlock::Create(few->getContext(), "defer.grow", few->getParent(), pre);
  Type *word = count->getType();
  Instruction *old = few->getTerminator();
  IRBuilder<> b(old);
  b.CreateCondBr(b.CreateICmpULT(count, ConstantInt::get(word, most)), grow,
                 slow);
  old->eraseFromParent();

  b.SetInsertPoint(grow);
  Value *bytes = b.CreateAdd(
      b.CreateMul(b.CreateAdd(count, ConstantInt::get(word, 1)),
                  ConstantInt::get(word, f.step)),
      ConstantInt::get(word, 2 * size));
  FunctionType *type = f.grow->getFunctionType();
  Value *cur = entry.at(f.curPhi), *base = entry.at(f.basePhi),
        *end = entry.at(f.endPhi);
  CallInst *call = b.CreateCall(
      type, f.grow->getCalledOperand(),
      {f.grow->getArgOperand(0), base, cur,
       b.CreateZExtOrTrunc(bytes, type->getParamType(3))});
  call->setAttributes(f.grow->getAttributes());
  call->setCallingConv(f.grow->getCallingConv());
  Value *newBase = b.CreateExtractValue(call, 0);
  Value *newEnd = b.CreateGEP(b.getInt8Ty(), b.CreateExtractValue(call, 1),
                              ConstantInt::get(word, -(int64_t)size));
  b.CreateBr(pre);

  b.SetInsertPoint(pre, pre->begin());
  auto join = [&](PHINode *header, Value *unchanged, Value *grew) {
    PHINode *phi = b.CreatePHI(unchanged->getType(), 2);
    phi->addIncoming(unchanged, check);
    phi->addIncoming(grew, grow);
    header->setIncomingValueForBlock(pre, phi);
  };
  join(f.curPhi, cur, newBase);
  join(f.basePhi, base, newBase);
  join(f.endPhi, end, newEnd);
}

// Version F.loop: CHECK (its old preheader) branches to it when the room
// condition holds, to a copy with the tests otherwise.
bool version(FillLoop &f, Function &fn, DominatorTree &dt, LoopInfo &li,
             ScalarEvolution &se, OptimizationRemarkEmitter &ore) {
  Loop *loop = f.loop;
  const SCEV *latch = se.getSymbolicMaxBackedgeTakenCount(loop);
  if (isa<SCEVCouldNotCompute>(latch) ||
      latch->getType()->getScalarSizeInBits() > 64)
    return false;
  // A bound known only from the counter's type (a limit that changes in
  // the loop): too many passes for a copy without tests to ever run.
  if (auto *known = dyn_cast<SCEVConstant>(latch))
    if (known->getAPInt().uge(mostGrownBefore / f.step))
      return false;
  BasicBlock *check = loop->getLoopPreheader();
  if (!compat::scevExpander(se, fn.getParent()->getDataLayout(), passName)
           .isSafeToExpandAt(latch, check->getTerminator()))
    return false;
  // Every use of the loop's values after it goes through an exit block's
  // PHI, where the copy's values join.
  formLCSSA(*loop, dt, &li, &se);
  SmallVector<BasicBlock *, 4> exits;
  loop->getUniqueExitBlocks(exits);
  const DataLayout &dl = fn.getParent()->getDataLayout();
  Value *count = nullptr;
  Value *fits = roomCondition(f, latch, check, se, dl, &count);

  BasicBlock *pre = SplitBlock(check, check->getTerminator(), &dt, &li,
                               nullptr, "defer.fill.ph");
  std::map<PHINode *, Value *> entry;
  for (PHINode &phi : loop->getHeader()->phis())
    entry[&phi] = phi.getIncomingValueForBlock(pre);
  ValueToValueMapTy vmap;
  SmallVector<BasicBlock *, 16> blocks;
  Loop *slow = cloneLoopWithPreheader(pre, check, loop, vmap, ".defer.slow",
                                      &li, &dt, blocks);
  remapInstructionsInBlocks(blocks, vmap);
  // Every exit block gets the copy's ways in, unwinding ones too.
  for (BasicBlock *exit : exits)
    for (PHINode &phi : exit->phis()) {
      unsigned n = phi.getNumIncomingValues();
      for (unsigned k = 0; k < n; k++) {
        BasicBlock *from = phi.getIncomingBlock(k);
        if (!loop->contains(from))
          continue;
        Value *v = phi.getIncomingValue(k);
        Value *copy = vmap.lookup(v);
        phi.addIncoming(copy ? copy : v, cast<BasicBlock>(vmap[from]));
      }
    }
  Instruction *old = check->getTerminator();
  IRBuilder<>(old).CreateCondBr(fits, pre, slow->getLoopPreheader());
  old->eraseFromParent();
  if (f.grow && f.endPhi && mostGrownBefore / f.step)
    growBefore(f, SplitEdge(check, slow->getLoopPreheader(), nullptr, &li),
               pre, count, entry);
  for (auto &t : f.tests)
    t.first->setCondition(t.second
                              ? ConstantInt::getFalse(fn.getContext())
                              : ConstantInt::getTrue(fn.getContext()));
  dt.recalculate(fn);
  se.forgetLoop(loop);
  ore.emit([&]() {
    return OptimizationRemark(passName, "Versioned", loop->getStartLoc(),
                              loop->getHeader())
           << defer_rules::msg::note_loop_without_room_tests;
  });
  return true;
}

struct FillVersioning : PassInfoMixin<FillVersioning> {
  PreservedAnalyses run(Function &fn, FunctionAnalysisManager &am) {
    if (fn.hasOptSize())
      return PreservedAnalyses::all();
    bool grows = false;
    for (BasicBlock &bb : fn)
      for (Instruction &i : bb)
        grows |= growsStack(i);
    if (!grows)
      return PreservedAnalyses::all();
    auto &dt = am.getResult<DominatorTreeAnalysis>(fn);
    auto &li = am.getResult<LoopAnalysis>(fn);
    auto &se = am.getResult<ScalarEvolutionAnalysis>(fn);
    auto &ore = am.getResult<OptimizationRemarkEmitterAnalysis>(fn);
    std::vector<FillLoop> found;
    for (Loop *loop : li.getLoopsInPreorder()) {
      Scanner s(loop, dt, li, fn.getParent()->getDataLayout());
      if (s.scan())
        found.push_back(s.f);
    }
    bool changed = false;
    for (FillLoop &f : found)
      changed |= version(f, fn, dt, li, se, ore);
    return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
};

} // namespace

void versionFillLoops(clang::CompilerInstance &ci, bool report) {
  clang::CodeGenOptions &cg = ci.getCodeGenOpts();
  // -fplugin-arg-defer-report: the remarks of this pass too, as
  // -Rpass=defer-fill gives them, with the locations that need.
  if (report) {
    clang::CodeGenOptions::OptRemark &r = cg.OptimizationRemark;
    std::string pattern = r.hasValidPattern()
                              ? "(" + r.Pattern + ")|" + passName
                              : std::string(passName);
    r.Kind = clang::CodeGenOptions::RK_WithPattern;
    r.Pattern = pattern;
    r.Regex = std::make_shared<llvm::Regex>(pattern);
    if (cg.getDebugInfo() == llvm::codegenoptions::NoDebugInfo)
      cg.setDebugInfo(llvm::codegenoptions::LocTrackingOnly);
    ci.getDiagnostics().setSeverityForGroup(clang::diag::Flavor::Remark,
                                            "pass",
                                            clang::diag::Severity::Remark);
  }
  cg.PassBuilderCallbacks.push_back([](PassBuilder &pb) {
    pb.registerScalarOptimizerLateEPCallback(
        [](FunctionPassManager &fpm, OptimizationLevel) {
          fpm.addPass(FillVersioning());
        });
  });
}

} // namespace defer_clang
