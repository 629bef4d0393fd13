// Building Clang AST for the lowering: typed through Sema where it can be,
// at one source location.

#ifndef DEFER_CLANG_BUILD_H
#define DEFER_CLANG_BUILD_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Sema/Sema.h"

#include <string>
#include <utility>
#include <vector>

namespace defer_clang {

struct Runtime;

struct Builder {
  clang::Sema &sema;
  clang::ASTContext &ctx;
  clang::FunctionDecl *fn;
  clang::SourceLocation loc;
  Runtime *rt = nullptr; // libdefer's interface, for the function
  // Where the code that runs the deferred blocks stands: no line of the
  // source (DebugInfo.cpp); invalid without debug information.
  clang::SourceLocation noLine;

  Builder at(clang::SourceLocation l) const {
    Builder b = *this;
    b.loc = l;
    return b;
  }
  // For the code around the deferred blocks: the tests that pick them,
  // the loops and regions that run them.  A debugger steps over it.
  Builder atNoLine() const { return noLine.isValid() ? at(noLine) : *this; }

  // An internal local: no debug information, like GCC's artificial and
  // ignored declarations.
  clang::VarDecl *local(llvm::StringRef name, clang::QualType type,
                        clang::Expr *init = nullptr);
  clang::Stmt *declare(clang::VarDecl *vd);
  clang::Expr *ref(clang::ValueDecl *vd);
  clang::Expr *rvalue(clang::Expr *e);
  clang::Expr *integer(clang::QualType type, uint64_t value);
  clang::Expr *binary(clang::BinaryOperatorKind op, clang::Expr *lhs,
                      clang::Expr *rhs);
  clang::Expr *assign(clang::Expr *lhs, clang::Expr *rhs) {
    return binary(clang::BO_Assign, lhs, rhs);
  }
  clang::Expr *addressOf(clang::Expr *e);
  clang::Expr *deref(clang::Expr *pointer);
  clang::Expr *cast(clang::QualType type, clang::Expr *e,
                    clang::CastKind kind = clang::CK_BitCast);
  // BASE->FIELD (BASE a pointer) or BASE.FIELD.
  clang::Expr *member(clang::Expr *base, clang::FieldDecl *field);
  clang::Expr *call(clang::FunctionDecl *fn,
                    llvm::ArrayRef<clang::Expr *> args);
  clang::Stmt *ifThen(clang::Expr *cond, clang::Stmt *then,
                      clang::Stmt *otherwise = nullptr);
  clang::Stmt *whileLoop(clang::Expr *cond, clang::Stmt *body);
  clang::Stmt *block(llvm::ArrayRef<clang::Stmt *> stmts);
  // A block whose closing brace is at RBRAC: where a debugger stands when
  // the block ends.
  clang::Stmt *block(llvm::ArrayRef<clang::Stmt *> stmts,
                     clang::SourceLocation rbrac);
  clang::LabelDecl *label(llvm::StringRef name);
  clang::Stmt *labelled(clang::LabelDecl *ld, clang::Stmt *sub);

  // A struct (or union) with these fields, built at file scope.
  clang::RecordDecl *
  record(llvm::StringRef name,
         llvm::ArrayRef<std::pair<std::string, clang::QualType>> fields,
         clang::TagTypeKind kind = clang::TagTypeKind::Struct);
  clang::QualType type(clang::RecordDecl *rd) {
    return ctx.getCanonicalTagType(rd);
  }
  clang::FieldDecl *field(clang::RecordDecl *rd, unsigned index);
  // An extern function or variable at file scope.
  clang::FunctionDecl *externFunction(llvm::StringRef name,
                                      clang::QualType result,
                                      llvm::ArrayRef<clang::QualType> params);
};

} // namespace defer_clang

#endif
