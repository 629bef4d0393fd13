// SPDX-License-Identifier: MIT
// The reference that makes a link without libdefer name it
// (runtime/include/defer-abi.def, DEFER_ABI_LINK_CHECK).

#include "DeferPlugin.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/TargetInfo.h"

using namespace clang;

namespace defer_clang {

namespace {

// Whether the program's code calls a function of libdefer that <defer.h>
// declares (defer_panic...).  Sema marks what the code uses, also in a
// function that is never emitted: such a unit asks for libdefer without
// needing it.
bool callsLibdeferAPI(ASTContext &ctx) {
  const char *const names[] = {
#define DEFER_ABI_API(symbol) #symbol,
#include "abi-table.h"
  };
  for (const char *name : names)
    for (NamedDecl *d :
         ctx.getTranslationUnitDecl()->lookup(&ctx.Idents.get(name)))
      if (d->isUsed(false))
        return true;
  return false;
}

} // namespace

// At the end of a unit whose code uses libdefer (the lowering's calls, or
// the program's own), module-level assembly that refers to the link check
// symbol from a section that is never loaded.  Code generation takes it as
// it takes the unit's other declarations, through the compiler's AST
// consumer, which ours comes before.
void emitLinkCheck(PluginState &state, ASTContext &ctx) {
  const llvm::Triple &target = ctx.getTargetInfo().getTriple();
  if (target.getArch() != llvm::Triple::x86_64 ||
      !target.isOSBinFormatELF() || !state.ci->hasASTConsumer())
    return;
  if (!state.usesLibdefer && !callsLibdeferAPI(ctx))
    return;
#define DEFER_ABI_LINK_CHECK(symbol, section)                                  \
  std::string text = ".pushsection " section ",\"\",@progbits\n"               \
                     ".quad " #symbol "\n"                                     \
                     ".popsection";
#include "abi-table.h"
  QualType type = ctx.getStringLiteralArrayType(ctx.CharTy, text.size());
  SourceLocation loc;
  auto *str = StringLiteral::Create(ctx, text, StringLiteralKind::Ordinary,
                                    false, type, loc);
  auto *decl = FileScopeAsmDecl::Create(ctx, ctx.getTranslationUnitDecl(),
                                        str, loc, loc);
  state.ci->getASTConsumer().HandleTopLevelDecl(DeclGroupRef(decl));
}

} // namespace defer_clang
