// The open-coded strategy (Lower.h): one bit per site in a mask, the
// deferred blocks in the DeferStmt's block, each under its bit, newest
// first; `if (c) defer X;` with a stable c registers unconditionally and
// tests c again at exit, as in the GCC plugin.

#include "Lower.h"

using namespace clang;

namespace defer_clang {

Parts lowerWithMask(Builder &b, Scan &scan, const defer_rules::Plan &p) {
  ASTContext &ctx = b.ctx;
  bool unwind = p.unwinding_runs_blocks;
  QualType maskType =
      p.mask_bits > 32 ? ctx.UnsignedLongLongTy : ctx.UnsignedIntTy;
  VarDecl *mask = b.local("__defer_mask", maskType, b.integer(maskType, 0));
  Parts parts;
  parts.prologue.push_back(b.declare(mask));
  for (unsigned i = scan.sites.size(); i-- > 0;) {
    SiteTrees &s = scan.sites[i];
    bool guarded = p.sites[i].guard_at_exit;
    Builder at = b.at(s.loc);
    Builder exit = b.atNoLine();
    Expr *bit = exit.integer(maskType, uint64_t(1) << i);
    Expr *registered = exit.binary(BO_And, exit.ref(mask), bit);
    // A guarded site registers whenever its if is reached and the exit
    // tests the guard, as hand-written cleanup code would.
    Stmt *body = s.marker->getBody();
    if (guarded) {
      moveToNoLine(s.guard, b.noLine);
      body = exit.ifThen(s.guard, body);
    }
    // The bit goes before the block runs: a block that panics leaves the
    // older ones, not itself, to the unwinding path.  It goes whether the
    // guard holds or not, or the unwinding path would find it pending
    // forever.  Without unwinding support the blocks run once, in order:
    // the bit can stay.
    if (unwind) {
      uint64_t width = maskType == ctx.UnsignedIntTy ? 0xffffffffULL : ~0ULL;
      Stmt *clear =
          exit.binary(BO_AndAssign, exit.ref(mask),
                      exit.integer(maskType, ~(uint64_t(1) << i) & width));
      body = exit.block({clear, body});
    }
    parts.finally.push_back(exit.ifThen(registered, body));
    *s.slot = at.binary(BO_OrAssign, at.ref(mask),
                        at.integer(maskType, uint64_t(1) << i));
    if (guarded)
      *s.guardSlot = *s.slot;
  }
  Builder exit = b.atNoLine();
  parts.pending =
      exit.binary(BO_NE, exit.ref(mask), exit.integer(maskType, 0));
  return parts;
}

} // namespace defer_clang
