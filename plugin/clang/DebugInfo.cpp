// What a debugger sees of a lowered function.
//
// The code that the lowering adds around the deferred blocks (the tests
// of the mask, of a guard and of the records, the loops and regions that
// run the blocks) has no line: a debugger that steps from a `return`
// goes straight into the blocks that run, newest first, and then to the
// closing brace, without stopping on the tests that pick them, as under
// GCC (plugin/gcc/debug-lines.cc).  Clang gives every instruction the
// line of the statement or expression it comes from, and line 0 only to
// code of its own; so that code is built at the start of a file of one
// empty line, "<defer>", which no other code uses, and an LLVM pass at
// the start of the pipeline, before anything moves or copies
// instructions, gives every instruction at a location in that file line
// 0 in the enclosing scope of the real file.  A line-0 instruction starts
// no line for gdb: it belongs to the line before it, and gdb does not stop
// on arriving in the middle of a line.  So what runs after the blocks
// starts a line of its own (Lower.h's afterBlocks), where gdb stops.
//
// In a deferred block run from a record, the copied variables are fields
// of the record, read through a pointer to it.  The pointer's debug name
// lists them (recordPointerName): the pass gives each run of the block,
// found by the assignment of the pointer at its start, a local variable
// of each copied variable's name and type in the run's lexical block,
// whose location is the field, and drops the pointer's own variable (at
// -O2 too, where assignment tracking has taken over the pointer).  A
// debugger then shows and sets, under the variable's name, the copy the
// block reads and writes.
//
// A local of an inner block that a deferred block names moves to a scope
// that holds the block's code at the exits (widenScopes); the plugin's
// own labels and record pointers go (dropInternals).
//
// Without debug information nothing of this is made; with it, the pass
// changes only debug locations and debug records, which code generation
// does not read.

#include "DeferPlugin.h"

#include "clang/AST/Expr.h"
#include "clang/Basic/CodeGenOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <map>

using namespace clang;

namespace defer_clang {
namespace {

const char noLineFile[] = "<defer>";
// recordPointerName: "__defer_p<site>:<name>@<line>+<offset>,...".
const char recordPointerPrefix[] = "__defer_p";

bool debugInfo(const CompilerInstance &ci) {
  return ci.getCodeGenOpts().getDebugInfo() !=
         llvm::codegenoptions::NoDebugInfo;
}

// Whether SCOPE is the file of the code without a line.
bool noLineScope(const llvm::DIScope *scope) {
  return scope && scope->getFilename() == noLineFile;
}

// The scope of a line-0 location for an instruction in SCOPE: the same
// lexical block, seen in the file of the function.  Clang gives a block
// (or, when the file changes within one, a block file) the file of the
// location it starts at.
llvm::DIScope *realScope(llvm::DIScope *scope, llvm::DISubprogram *sp) {
  if (auto *file = llvm::dyn_cast<llvm::DILexicalBlockFile>(scope))
    scope = file->getScope();
  if (!noLineScope(scope))
    return scope;
  auto *local = llvm::cast<llvm::DILocalScope>(scope);
  return llvm::DILexicalBlockFile::get(scope->getContext(), local,
                                       sp->getFile(), 0);
}

// The copies that a record pointer's debug name lists.
std::vector<NamedCopy> parseCopies(llvm::StringRef name) {
  std::vector<NamedCopy> copies;
  name = name.split(':').second;
  while (!name.empty()) {
    auto [entry, rest] = name.split(',');
    name = rest;
    auto [var, place] = entry.split('@');
    auto [line, offset] = place.split('+');
    NamedCopy c{var.str(), 0, 0};
    if (var.empty() || line.getAsInteger(10, c.line) ||
        offset.getAsInteger(10, c.offset))
      continue;
    copies.push_back(c);
  }
  return copies;
}

bool recordPointer(const llvm::DILocalVariable *v) {
  return v->getName().starts_with(recordPointerPrefix) &&
         v->getName().contains(':');
}

// The scopes around SCOPE, innermost first, without block files.
std::vector<llvm::DIScope *> scopeChain(llvm::DIScope *scope) {
  std::vector<llvm::DIScope *> chain;
  while (auto *local = llvm::dyn_cast_or_null<llvm::DILocalScope>(scope)) {
    local = local->getNonLexicalBlockFileScope();
    chain.push_back(local);
    if (llvm::isa<llvm::DISubprogram>(local))
      break;
    scope = local->getScope();
  }
  return chain;
}

bool encloses(llvm::DIScope *outer, llvm::DIScope *inner) {
  std::vector<llvm::DIScope *> chain = scopeChain(inner);
  return std::find(chain.begin(), chain.end(), outer) != chain.end();
}

// A local that a deferred block names lives until the function returns
// (Lower.cpp's keepAlive), but its lexical block ends where the source
// ends it, before the exits where the blocks run.  Its variable moves to
// the innermost scope that holds both its own and every instruction that
// names it, as under GCC, which moves it to the function's outermost
// block; not when another variable of its name would then be visible in
// the same place.
void widenScopes(llvm::Function &f) {
  std::vector<llvm::DbgVariableRecord *> declares;
  for (llvm::BasicBlock &bb : f)
    for (llvm::Instruction &i : bb)
      for (llvm::DbgVariableRecord &r :
           llvm::filterDbgVars(i.getDbgRecordRange()))
        if (r.isDbgDeclare() && !r.getDebugLoc()->getInlinedAt())
          declares.push_back(&r);
  std::map<llvm::DbgVariableRecord *, llvm::DIScope *> widened;
  for (llvm::DbgVariableRecord *r : declares) {
    llvm::DILocalVariable *v = r->getVariable();
    std::vector<llvm::DIScope *> own = scopeChain(v->getScope());
    if (own.empty() || llvm::isa<llvm::DISubprogram>(own.front()))
      continue;
    llvm::DIScope *scope = own.front();
    llvm::Value *slot = r->getVariableLocationOp(0);
    if (!slot)
      continue;
    for (llvm::User *u : slot->users()) {
      auto *i = llvm::dyn_cast<llvm::Instruction>(u);
      const llvm::DILocation *at = i ? i->getDebugLoc().get() : nullptr;
      if (!at || at->getInlinedAt() || encloses(scope, at->getScope()))
        continue;
      std::vector<llvm::DIScope *> use = scopeChain(at->getScope());
      auto common = std::find_first_of(own.begin(), own.end(), use.begin(),
                                       use.end());
      if (common != own.end())
        scope = *common;
    }
    if (scope != own.front())
      widened[r] = scope;
  }
  std::map<llvm::DINode *, llvm::DINode *> replaced;
  for (auto [r, scope] : widened) {
    llvm::DILocalVariable *v = r->getVariable();
    bool clash = false;
    for (llvm::DbgVariableRecord *other : declares) {
      llvm::DILocalVariable *o = other->getVariable();
      llvm::DIScope *at = widened.count(other) ? widened[other]
                                               : o->getScope();
      clash |= other != r && o->getName() == v->getName() &&
               (encloses(at, scope) || encloses(scope, at));
    }
    if (clash)
      continue;
    llvm::LLVMContext &ctx = f.getContext();
    auto *local = llvm::cast<llvm::DILocalScope>(scope);
    auto *moved = llvm::DILocalVariable::get(
        ctx, local, v->getName(), v->getFile(), v->getLine(), v->getType(),
        v->getArg(), v->getFlags(), v->getAlignInBits(), v->getAnnotations());
    r->setVariable(moved);
    replaced[v] = moved;
    r->setDebugLoc(llvm::DILocation::get(ctx, r->getDebugLoc()->getLine(),
                                         r->getDebugLoc()->getColumn(),
                                         local));
  }
  // Optimised code keeps the moved variables, not the old ones.
  llvm::DISubprogram *sp = f.getSubprogram();
  if (replaced.empty() || !sp->getRetainedNodes())
    return;
  std::vector<llvm::Metadata *> retained;
  for (llvm::DINode *n : sp->getRetainedNodes())
    retained.push_back(replaced.count(n) ? replaced[n] : n);
  sp->replaceRetainedNodes(llvm::MDTuple::get(f.getContext(), retained));
}

// Each run of a deferred block from its record (the assignment of the
// record pointer at no line) gets variables for the copies.  Unoptimised,
// the pointer is in memory: a copy is where the pointer there points,
// plus its offset.  Optimising, assignment tracking has taken over the
// function's variables before this pass (a dbg.assign for each store): a
// copy is then where the pointer stored points, plus its offset.
void nameCopies(llvm::Function &f, llvm::DISubprogram *sp) {
  llvm::LLVMContext &ctx = f.getContext();
  // Each record pointer's slot, and whether it is tracked by assignment.
  std::map<llvm::Value *, std::pair<llvm::DILocalVariable *, bool>> pointers;
  std::map<std::pair<std::string, unsigned>, llvm::DILocalVariable *> vars;
  for (llvm::BasicBlock &bb : f)
    for (llvm::Instruction &i : bb)
      for (llvm::DbgVariableRecord &r :
           llvm::filterDbgVars(i.getDbgRecordRange())) {
        if (!r.isDbgDeclare() && !r.isDbgAssign())
          continue;
        llvm::DILocalVariable *v = r.getVariable();
        llvm::Value *slot =
            r.isDbgAssign() ? r.getAddress() : r.getVariableLocationOp(0);
        if (!recordPointer(v))
          vars.emplace(std::make_pair(v->getName().str(), v->getLine()), v);
        else if (slot)
          pointers[slot] = {v, r.isDbgAssign()};
      }
  std::vector<llvm::Metadata *> retained;
  for (auto &[slot, pointer] : pointers) {
    auto [var, tracked] = pointer;
    std::vector<NamedCopy> copies = parseCopies(var->getName());
    for (llvm::User *u : slot->users()) {
      auto *store = llvm::dyn_cast<llvm::StoreInst>(u);
      const llvm::DILocation *at =
          store ? store->getDebugLoc().get() : nullptr;
      if (!at || store->getPointerOperand() != slot ||
          !noLineScope(at->getScope()))
        continue;
      auto *scope = llvm::cast<llvm::DILocalScope>(at->getScope())
                        ->getNonLexicalBlockFileScope();
      for (const NamedCopy &c : copies) {
        auto it = vars.find({c.name, c.line});
        if (it == vars.end())
          continue;
        llvm::DILocalVariable *orig = it->second;
        auto *v = llvm::DILocalVariable::get(
            ctx, scope, orig->getName(), orig->getFile(), orig->getLine(),
            orig->getType(), 0, orig->getFlags(), orig->getAlignInBits(),
            nullptr);
        auto *loc = llvm::DILocation::get(ctx, orig->getLine(), 0, scope);
        llvm::SmallVector<uint64_t, 3> ops;
        if (!tracked)
          ops.push_back(llvm::dwarf::DW_OP_deref);
        if (c.offset)
          ops.append({llvm::dwarf::DW_OP_plus_uconst, c.offset});
        llvm::DbgVariableRecord *record;
        if (tracked) {
          ops.push_back(llvm::dwarf::DW_OP_deref);
          record = new llvm::DbgVariableRecord(
              llvm::ValueAsMetadata::get(store->getValueOperand()), v,
              llvm::DIExpression::get(ctx, ops), loc);
        } else {
          record = llvm::DbgVariableRecord::createDVRDeclare(
              slot, v, llvm::DIExpression::get(ctx, ops), loc);
        }
        store->getParent()->insertDbgRecordAfter(record, store);
        retained.push_back(v);
      }
    }
  }
  if (retained.empty())
    return;
  // Optimised code keeps the variables (optimized out where their
  // location is lost, as Clang's own).
  for (llvm::DINode *n : sp->getRetainedNodes())
    retained.push_back(n);
  sp->replaceRetainedNodes(llvm::MDTuple::get(ctx, retained));
}

bool internal(const llvm::DINode *n) {
  if (auto *v = llvm::dyn_cast<llvm::DILocalVariable>(n))
    return recordPointer(v);
  auto *l = llvm::dyn_cast<llvm::DILabel>(n);
  return l && l->getName().starts_with("__defer");
}

// The plugin's own names go: the labels, which an optimised function
// lists as locals, and the record pointers, whose copies nameCopies
// named.
void dropInternals(llvm::Function &f, llvm::DISubprogram *sp) {
  for (llvm::BasicBlock &bb : f)
    for (llvm::Instruction &i : bb)
      for (llvm::DbgRecord &r :
           llvm::make_early_inc_range(i.getDbgRecordRange())) {
        auto *v = llvm::dyn_cast<llvm::DbgVariableRecord>(&r);
        auto *l = llvm::dyn_cast<llvm::DbgLabelRecord>(&r);
        if ((v && internal(v->getVariable())) ||
            (l && internal(l->getLabel())))
          r.eraseFromParent();
      }
  std::vector<llvm::Metadata *> retained;
  for (llvm::DINode *n : sp->getRetainedNodes())
    if (!internal(n))
      retained.push_back(n);
  sp->replaceRetainedNodes(llvm::MDTuple::get(f.getContext(), retained));
}

struct DebugFixes : llvm::PassInfoMixin<DebugFixes> {
  llvm::PreservedAnalyses run(llvm::Module &m, llvm::ModuleAnalysisManager &) {
    for (llvm::Function &f : m) {
      llvm::DISubprogram *sp = f.getSubprogram();
      if (!sp)
        continue;
      widenScopes(f);
      nameCopies(f, sp);
      dropInternals(f, sp);
      for (llvm::BasicBlock &bb : f)
        for (llvm::Instruction &i : bb) {
          const llvm::DILocation *at = i.getDebugLoc().get();
          if (!at || !noLineScope(at->getScope()))
            continue;
          i.setDebugLoc(llvm::DILocation::get(
              f.getContext(), 0, 0, realScope(at->getScope(), sp),
              at->getInlinedAt()));
        }
    }
    return llvm::PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

} // namespace

std::string recordPointerName(unsigned site,
                              const std::vector<NamedCopy> &copies) {
  std::string name = recordPointerPrefix + std::to_string(site) + ":";
  for (const NamedCopy &c : copies) {
    if (name.back() != ':')
      name += ",";
    name += c.name + "@" + std::to_string(c.line) + "+" +
            std::to_string(c.offset);
  }
  return name;
}

SourceLocation noLineLocation(PluginState &state) {
  // An analyzer reports at the lowered code's locations: they stay real.
  if (state.noLine.isValid() || !debugInfo(*state.ci) || state.analysis)
    return state.noLine;
  SourceManager &sm = state.ci->getSourceManager();
  FileID id = sm.createFileID(
      llvm::MemoryBuffer::getMemBufferCopy("\n", noLineFile));
  state.noLine = sm.getLocForStartOfFile(id);
  return state.noLine;
}

// The guard's forms are those the shared rules take to be pure
// (Shapes.cpp): literals, variables, enum constants, casts, operators,
// sizeof; each has the locations its code is given.
void moveToNoLine(Expr *e, SourceLocation noLine) {
  if (!e || noLine.isInvalid())
    return;
  if (auto *p = dyn_cast<ParenExpr>(e)) {
    p->setLParen(noLine);
    p->setRParen(noLine);
  } else if (auto *l = dyn_cast<IntegerLiteral>(e)) {
    l->setLocation(noLine);
  } else if (auto *l = dyn_cast<CharacterLiteral>(e)) {
    l->setLocation(noLine);
  } else if (auto *l = dyn_cast<FloatingLiteral>(e)) {
    l->setLocation(noLine);
  } else if (auto *r = dyn_cast<DeclRefExpr>(e)) {
    r->setLocation(noLine);
  } else if (auto *c = dyn_cast<CStyleCastExpr>(e)) {
    c->setLParenLoc(noLine);
    c->setRParenLoc(noLine);
  } else if (auto *u = dyn_cast<UnaryOperator>(e)) {
    u->setOperatorLoc(noLine);
  } else if (auto *b = dyn_cast<BinaryOperator>(e)) {
    b->setOperatorLoc(noLine);
  } else if (auto *t = dyn_cast<UnaryExprOrTypeTraitExpr>(e)) {
    t->setOperatorLoc(noLine);
    t->setRParenLoc(noLine);
  }
  for (Stmt *child : e->children())
    moveToNoLine(dyn_cast_or_null<Expr>(child), noLine);
}

void fixDebugInfo(CompilerInstance &ci) {
  if (!debugInfo(ci))
    return;
  ci.getCodeGenOpts().PassBuilderCallbacks.push_back(
      [](llvm::PassBuilder &pb) {
        pb.registerPipelineStartEPCallback(
            [](llvm::ModulePassManager &mpm, llvm::OptimizationLevel) {
              mpm.addPass(DebugFixes());
            });
      });
}

} // namespace defer_clang
