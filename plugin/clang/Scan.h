// Scanning one function body (Clang AST) for `defer` sites, the control
// flow that matters to them, and the errors of SEMANTICS.md section 4.

#ifndef DEFER_CLANG_SCAN_H
#define DEFER_CLANG_SCAN_H

#include "DeferPlugin.h"

#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

#include "defer-rules.h"
#include "defer-spans.h"

#include <vector>

namespace defer_clang {

struct Loop {
  clang::Stmt *stmt = nullptr;     // the for, while or do
  int parent = -1;                 // the enclosing loop
  unsigned bodyStart = 0, end = 0; // its body's span of positions
  unsigned long trips = 0; // runs of the body per entry, 0 if unknown
};

struct Site {
  std::vector<clang::VarDecl *> copies; // copied per registration
  clang::Stmt **slot = nullptr; // where the marker loop sits
  clang::ForStmt *marker = nullptr;
  clang::SourceLocation loc; // the `defer` keyword
  unsigned order = 0;        // position in the body's text
  int loop = -1;             // innermost enclosing loop
  bool inGotoCycle = false;
  // `if (c) defer X;` where c can be tested again at exit with the same
  // result: the if's place, and c.
  clang::Stmt **guardSlot = nullptr;
  clang::Expr *guard = nullptr;
  unsigned guardOrder = 0;
};

struct Label {
  clang::LabelDecl *label;
  unsigned order;
  int site;
};

struct Goto {
  clang::LabelDecl *dest; // null for `goto *p`
  clang::SourceLocation loc;
  unsigned order;
  int site;
  clang::Expr *cond = nullptr; // c of `if (c) goto L;`
};

// A case or default label, and where its switch starts.
struct Case {
  unsigned order, switchOrder;
};

// Where a local outside deferred blocks is declared.
struct VarInfo {
  clang::Stmt **slot = nullptr; // the DeclStmt declaring it
  int loop = -1;
  bool outermost = false;       // in the function body's own block
  unsigned order = 0;
};

// A compound statement outside deferred blocks and where it sits, in the
// order their bodies end (children before parents).
struct Block {
  clang::Stmt **slot;
  clang::CompoundStmt *stmt;
};

// An assignment to a local, or its address taken.
struct Write {
  clang::VarDecl *var;
  unsigned order;
  clang::SourceLocation loc;
  bool address;
  bool inDefer;
};

struct Scan {
  clang::FunctionDecl *fn = nullptr;
  std::vector<Site> sites;
  std::vector<Label> labels;
  std::vector<Goto> gotos;
  std::vector<Case> cases;
  std::vector<clang::LabelDecl *> addressTakenLabels;
  std::vector<clang::Stmt **> returns; // outside deferred blocks
  std::vector<clang::Stmt **> recovers; // defer_recover () in blocks
  std::vector<Block> blocks;
  llvm::DenseMap<clang::VarDecl *, VarInfo> vars;
  std::vector<std::pair<int, clang::VarDecl *>> namedBySite;
  std::vector<clang::DeclRefExpr *> resultRefs; // defer_result in blocks
  std::vector<Loop> loops;
  std::vector<defer_rules::Cycle> cycles;
  std::vector<Write> writes;
  bool movesStack = false; // a VLA or alloca lowers the stack pointer
  bool hasComputedGoto = false;
  bool callsSetjmp = false;
  unsigned order = 0;
  int errors = 0;
};

// Fill SCAN for FN and report section 4 errors.
void scanFunction(clang::ASTContext &ctx, clang::FunctionDecl *fn,
                  Scan &scan);

// LoopBounds.cpp: the trip counts of SCAN's loops and the passes of its
// cycles; the bound they give on site S's registrations per call, 0 if
// none.
void boundLoops(Scan &scan);
unsigned long maxRuns(const Scan &scan, const Site &s);

defer_rules::FunctionFacts functionFacts(const Scan &scan,
                                         const clang::SourceManager &sm);

} // namespace defer_clang

#endif
