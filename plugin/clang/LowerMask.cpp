// The open-coded strategy (Lower.h): one bit per site in a mask, the
// deferred blocks in the DeferStmt's block, each under its bit, newest
// first.

#include "Lower.h"

using namespace clang;

namespace defer_clang {

Parts lowerWithMask(Builder &b, Scan &scan) {
  ASTContext &ctx = b.ctx;
  QualType maskType =
      scan.sites.size() > 32 ? ctx.UnsignedLongLongTy : ctx.UnsignedIntTy;
  VarDecl *mask = b.local("__defer_mask", maskType, b.integer(maskType, 0));
  Parts parts;
  parts.prologue.push_back(b.declare(mask));
  for (unsigned i = scan.sites.size(); i-- > 0;) {
    Site &s = scan.sites[i];
    Builder at = b.at(s.loc);
    Expr *bit = at.integer(maskType, uint64_t(1) << i);
    parts.finally.push_back(at.ifThen(at.binary(BO_And, at.ref(mask), bit),
                                      s.marker->getBody()));
    *s.slot = at.binary(BO_OrAssign, at.ref(mask),
                        at.integer(maskType, uint64_t(1) << i));
  }
  return parts;
}

} // namespace defer_clang
