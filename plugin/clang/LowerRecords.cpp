// SPDX-License-Identifier: MIT
// The run-time records strategy (Lower.h), as the GCC plugin's
// (plugin/gcc/lower-records.cc) and with the same interface to libdefer
// (<defer-runtime.h>):
//
//   defer X;   ==>   p1 = <storage>;         in the frame, or bumped from a
//                    h = (struct __defer_record *) p1;     buffer, the pool
//                    h->site = 1;            (only with several sites)
//                    p1->v = v; ...          the copies of section 3
//                    h->next = top;
//                    top = h;
//   DeferStmt block:
//     while (top != 0) {
//       r = top; top = r->next;
//       if (r->site == 0) { p0 = (rec0 *) r; X0'; }
//       else if ... else { pN = (recN *) r; XN'; }   (a switch past 64)
//     }
//     if (__defer_frame.mark_cur) __libdefer_release (&__defer_frame);
//
// X' is X with each copied variable replaced by the record's copy.
//
// When some site takes records from the pool and no longjmp can come
// back, every record of the call is instead bumped onto one stack, the
// copies alone, and popped by its size (records_stack, plan.h):
//
//   defer X;   ==>   if (__builtin_expect (cur > limit, 0)) {
//                      block = __libdefer_grow (&frame, base, cur,
//                                               LINK + MAX);
//                      base = cur = block.base;  (below it, a link to
//                      limit = block.end - MAX;   where the stack was)
//                    }
//                    p1 = (rec1 *) cur; cur += S1;
//                    *(unsigned *) (cur - 4) = 1;   (only with several sites)
//                    p1->v = v; ...
//   DeferStmt block:
//     while (cur != base || ((char **) base)[-1] != 0) {
//       if (cur == base) { follow the block's link to the one before;
//                          back in the buffer, __libdefer_release }
//       else if (*(unsigned *) (cur - 4) == 0) { cur -= S0; p0 = ...; X0'; }
//       else ...
//     }
//
// MAX is the largest record's size: the limit (the local end) is that far
// before the end of the block, so one comparison tells whether any
// record fits. The buffer starts with a null word, below its base, where
// a block keeps the base before it: popping tells the buffer from a block
// without its address. A frame that never leaves its buffer never touches
// its descriptor; one that does is marked by its first block, and
// released when popping comes back to the buffer (or at the end, when it
// marked on entry).
//
// When every record lives in the frame and no longjmp can come back, the
// records are instead one array of a union of the record types and a
// count, as hand-written cleanup code keeps them:
//
//   defer X;   ==>   p1 = &__defer_all[__defer_n++].r1;  h->site = 1; ...
//   DeferStmt block:
//     while (__defer_n != 0) {
//       r = (struct __defer_record *) &__defer_all[--__defer_n]; ...
//     }
//
// The optimiser sees through an array indexed by a count, where it cannot
// through a linked list: with the paths known it folds the records away.

#include "Lower.h"
#include "Runtime.h"

#include "clang/AST/Attr.h"

#include <functional>

using namespace clang;

namespace defer_clang {
namespace {

struct State {
  VarDecl *frame;
  // The list head, as an expression at B's location.
  Expr *top(Builder &b) const { return topExpr(b); }
  std::function<Expr *(Builder &)> topExpr;
  VarDecl *raw = nullptr;
  // The bump region: the free part of the frame buffer, then of the last
  // block __libdefer_reserve handed out; null when every pooled record
  // comes from libdefer.
  VarDecl *cur = nullptr, *end = nullptr;
  bool pooled = false; // some site takes records from the pool
  // The shared array of records and its count; null with the list.
  VarDecl *shared = nullptr, *count = nullptr;
  // records_stack: the start of the current block (the frame buffer or
  // a pool block), and the block libdefer made last; null otherwise.
  VarDecl *base = nullptr, *block = nullptr;
};

struct Plan {
  RecordDecl *type;
  std::vector<VarDecl *> vars;    // the variables it copies
  std::vector<FieldDecl *> copies; // their fields
  VarDecl *ptr;
  const defer_rules::SitePlan *plan;
  VarDecl *slot = nullptr;  // frame storage: the record or the array
  VarDecl *count = nullptr; // frame array: records used so far
  FieldDecl *member = nullptr; // its member of the shared array's union
};

// ARRAY[COUNT++] or ARRAY[--COUNT].
Expr *indexed(Builder &b, VarDecl *array, VarDecl *count, UnaryOperatorKind op) {
  Expr *index = UnaryOperator::Create(
      b.ctx, b.ref(count), op, b.ctx.UnsignedIntTy, VK_PRValue, OK_Ordinary,
      b.loc, false, FPOptionsOverride());
  return b.sema.CreateBuiltinArraySubscriptExpr(b.rvalue(b.ref(array)), b.loc,
                                                index, b.loc).get();
}

// *(TYPE *) (PTR + OFFSET), PTR a char pointer.
Expr *atOffset(Builder &b, Expr *ptr, int64_t offset, QualType type) {
  ASTContext &ctx = b.ctx;
  Expr *addr = b.rvalue(ptr);
  if (offset > 0)
    addr = b.binary(BO_Add, addr, b.integer(ctx.getSizeType(), offset));
  else if (offset < 0)
    addr = b.binary(BO_Sub, addr, b.integer(ctx.getSizeType(), -offset));
  return b.deref(b.cast(ctx.getPointerType(type), addr));
}

uint64_t pointerBytes(Builder &b) {
  return b.ctx.getTypeSizeInChars(b.ctx.VoidPtrTy).getQuantity();
}

// records_stack: the word WORDS pointers below the block's base: 1 is the
// base of the block before (null in the frame buffer), 2 its cursor.
Expr *belowBase(Builder &b, Runtime &rt, State &st, unsigned words) {
  return atOffset(b, b.ref(st.base), -int64_t(words * pointerBytes(b)),
                  rt.charPtr);
}

Expr *nullChars(Builder &b, Runtime &rt) {
  return b.cast(rt.charPtr, b.integer(b.ctx.IntTy, 0), CK_NullToPointer);
}

// __builtin_expect (COND, 0): the grow path is rare, which LLVM does not
// guess, and then lays the registering loop out around it.
Expr *unlikely(Builder &b, Expr *cond) {
  ASTContext &ctx = b.ctx;
  auto *expect = cast<FunctionDecl>(b.sema.LazilyCreateBuiltin(
      &ctx.Idents.get("__builtin_expect"), Builtin::BI__builtin_expect,
      b.sema.TUScope, false, b.loc));
  return b.call(expect, {b.cast(ctx.LongTy, cond, CK_IntegralCast),
                         b.integer(ctx.LongTy, 0)});
}

// records_stack: P.ptr = the record bumped from the stack, from a new
// block of the frame's when the current one is full.
void stackStorage(Builder &b, Runtime &rt, State &st,
                  const defer_rules::Plan &fp, Plan &p,
                  std::vector<Stmt *> &out) {
  ASTContext &ctx = b.ctx;
  uint64_t max = fp.stack_record_max;
  Expr *full = unlikely(b, b.binary(BO_GT, b.rvalue(b.ref(st.cur)),
                                    b.rvalue(b.ref(st.end))));
  std::vector<Stmt *> grow = {
      b.assign(b.ref(st.block),
               b.call(rt.grow_fn,
                      {b.addressOf(b.ref(st.frame)), b.rvalue(b.ref(st.base)),
                       b.rvalue(b.ref(st.cur)),
                       b.integer(ctx.getSizeType(), fp.stack_reserve)})),
      b.assign(b.ref(st.base),
               b.rvalue(b.member(b.ref(st.block), rt.block_base))),
      b.assign(b.ref(st.cur), b.rvalue(b.ref(st.base))),
      b.assign(b.ref(st.end),
               b.binary(BO_Sub,
                        b.rvalue(b.member(b.ref(st.block), rt.block_end)),
                        b.integer(ctx.getSizeType(), max)))};
  Expr *c = b.sema.CheckBooleanCondition(b.loc, full).get();
  out.push_back(IfStmt::Create(ctx, b.loc, IfStatementKind::Ordinary,
                               nullptr, nullptr, c, b.loc, b.loc,
                               b.block(grow)));
  out.push_back(b.assign(b.ref(p.ptr),
                         b.cast(p.ptr->getType(), b.ref(st.cur))));
}

// Statements setting P.ptr to the storage of one registration.
void emitStorage(Builder &b, Runtime &rt, State &st, Plan &p,
                 std::vector<Stmt *> &out) {
  ASTContext &ctx = b.ctx;
  QualType ptrType = p.ptr->getType();
  if (st.shared) {
    // p = &all[n++].rK
    Expr *element = indexed(b, st.shared, st.count, UO_PostInc);
    out.push_back(b.assign(b.ref(p.ptr),
                           b.addressOf(b.member(element, p.member))));
    return;
  }
  if (p.plan->storage == defer_rules::Storage::frame) {
    out.push_back(b.assign(b.ref(p.ptr), b.addressOf(b.ref(p.slot))));
    return;
  }
  if (p.plan->storage == defer_rules::Storage::frame_array) {
    // p = &records[n++]
    Expr *element = indexed(b, p.slot, p.count, UO_PostInc);
    out.push_back(b.assign(b.ref(p.ptr), b.addressOf(element)));
    return;
  }
  uint64_t align = p.plan->record.align;
  uint64_t size = p.plan->record.pool_bytes;
  Expr *frameAddr = b.addressOf(b.ref(st.frame));
  Expr *sizeArg = b.integer(ctx.getSizeType(), size);
  if (!st.cur) {
    out.push_back(b.assign(b.ref(st.raw),
                           b.cast(rt.charPtr, b.call(rt.alloc_fn,
                                                     {frameAddr, sizeArg}))));
  } else {
    // if (end - cur < size) { cur = reserve (&frame, size);
    //                         end = __libdefer_pool.cur; }
    // raw = cur; cur = raw + size;
    // The reserved block is the frame's alone, so bumping needs no write
    // back: other functions' records go above it.
    Expr *room = b.binary(BO_Sub, b.rvalue(b.ref(st.end)),
                          b.rvalue(b.ref(st.cur)));
    Expr *short_ = b.binary(BO_LT, room,
                            b.integer(ctx.getPointerDiffType(), size));
    Stmt *refill = b.block(
        {b.assign(b.ref(st.cur),
                  b.cast(rt.charPtr, b.call(rt.reserve_fn, {frameAddr, sizeArg}))),
         b.assign(b.ref(st.end),
                  b.rvalue(b.member(b.ref(rt.pool), rt.cursor_cur)))});
    Expr *c = b.sema.CheckBooleanCondition(b.loc, short_).get();
    out.push_back(IfStmt::Create(ctx, b.loc, IfStatementKind::Ordinary,
                                 nullptr, nullptr, c, b.loc, b.loc, refill));
    out.push_back(b.assign(b.ref(st.raw), b.rvalue(b.ref(st.cur))));
    out.push_back(b.assign(b.ref(st.cur),
                           b.binary(BO_Add, b.rvalue(b.ref(st.raw)),
                                    b.integer(ctx.getSizeType(), size))));
  }
  Expr *where = b.rvalue(b.ref(st.raw));
  if (align > defer_rules::pool_align) {
    QualType uptr = ctx.getUIntPtrType();
    Expr *addr = b.cast(uptr, where, CK_PointerToIntegral);
    addr = b.binary(BO_And,
                    b.binary(BO_Add, addr, b.integer(uptr, align - 1)),
                    b.integer(uptr, ~(align - 1)));
    where = b.cast(rt.charPtr, addr, CK_IntegralToPointer);
  }
  out.push_back(b.assign(b.ref(p.ptr), b.cast(ptrType, where)));
}

// The copy K of the record P.ptr points to: the field itself, or for a
// pointer to a variable-length array, kept in a plain pointer field, the
// field seen as the variable's type (an lvalue still).
Expr *copyRef(Builder &b, const Plan &p, unsigned k) {
  Expr *field = b.member(b.ref(p.ptr), p.copies[k]);
  QualType type = p.vars[k]->getType();
  if (!type->isVariablyModifiedType())
    return field;
  QualType ptrType = b.ctx.getPointerType(type);
  return b.deref(b.cast(ptrType, b.addressOf(field)));
}

// Copies: plain assignment, arrays through memcpy.
Stmt *copyInto(Builder &b, Expr *dest, VarDecl *var) {
  if (var->getType()->isVariablyModifiedType())
    dest = b.deref(b.cast(b.ctx.getPointerType(var->getType()),
                          b.addressOf(dest)));
  if (!var->getType()->isArrayType())
    return b.assign(dest, b.rvalue(b.ref(var)));
  auto *memcpyFn = cast<FunctionDecl>(b.sema.LazilyCreateBuiltin(
      &b.ctx.Idents.get("__builtin_memcpy"), Builtin::BI__builtin_memcpy,
      b.sema.TUScope, false, b.loc));
  Expr *size = b.integer(b.ctx.getSizeType(),
                         b.ctx.getTypeSizeInChars(var->getType()).getQuantity());
  return b.call(memcpyFn, {b.addressOf(dest), b.addressOf(b.ref(var)), size});
}

// A copy's field: of the variable's type (a plain pointer for a pointer
// to a VLA, whose type a field cannot have), with the alignment its
// declaration asks for.
std::pair<std::string, QualType> copyField(ASTContext &ctx, VarDecl *v) {
  QualType t = v->getType().getUnqualifiedType();
  if (t->isVariablyModifiedType())
    t = ctx.VoidPtrTy;
  return {v->getNameAsString(), t};
}

Plan planSite(Builder &b, Runtime &rt, Scan &scan,
              const defer_rules::Analysis &a, const defer_rules::Plan &fp,
              unsigned i, std::vector<Stmt *> &prologue) {
  ASTContext &ctx = b.ctx;
  Plan p;
  p.plan = &fp.sites[i];
  for (int v : a.sites[i].copies)
    p.vars.push_back(scan.vars[v]);
  // On the stack a record is the copies alone (the site number, if any,
  // is stored after them).
  bool header = !p.plan->record.stacked;
  bool withSite = p.plan->record.with_site && header;
  std::vector<std::pair<std::string, QualType>> fields;
  if (header)
    fields.push_back({"next", rt.recordPtr});
  if (withSite)
    fields.push_back({"site", ctx.UnsignedIntTy});
  for (VarDecl *v : p.vars)
    fields.push_back(copyField(ctx, v));
  p.type = b.record("__defer_record_" + std::to_string(i), fields);
  unsigned first = header ? (withSite ? 2 : 1) : 0;
  for (unsigned k = first; k < fields.size(); k++) {
    FieldDecl *f = b.field(p.type, k);
    // _Alignas and the aligned attribute belong to the declaration: the
    // copy must have them too.
    VarDecl *v = p.vars[k - first];
    unsigned declared = v->getMaxAlignment();
    if (declared > ctx.getTypeAlign(f->getType()))
      f->addAttr(AlignedAttr::CreateImplicit(
          ctx, true, b.integer(ctx.IntTy, declared / ctx.getCharWidth())));
    p.copies.push_back(f);
  }
  // With debug information, a debugger sees the copies under the copied
  // variables' names in the deferred block (DebugInfo.cpp), except a
  // pointer to a VLA, whose type the record does not keep.
  std::vector<NamedCopy> named;
  if (b.noLine.isValid())
    for (unsigned k = 0; k < p.vars.size(); k++) {
      VarDecl *v = p.vars[k];
      if (v->getType()->isVariablyModifiedType() || !v->getIdentifier())
        continue;
      PresumedLoc at = ctx.getSourceManager().getPresumedLoc(v->getLocation());
      named.push_back({v->getName().str(), at.isValid() ? at.getLine() : 0,
                       ctx.getFieldOffset(p.copies[k]) / ctx.getCharWidth()});
    }
  p.ptr = b.local(named.empty() ? "__defer_p" + std::to_string(i)
                                : recordPointerName(i, named),
                  ctx.getPointerType(b.type(p.type)));
  if (!named.empty())
    p.ptr->dropAttr<NoDebugAttr>();
  prologue.push_back(b.declare(p.ptr));
  // The plan laid the record out as C would; so did Clang.
  assert(uint64_t(ctx.getTypeSizeInChars(b.type(p.type)).getQuantity()) ==
         p.plan->record.size);
  return p;
}

// Each site's own storage in the frame, for the list.
void declareSlots(Builder &b, std::vector<Plan> &plans,
                  std::vector<Stmt *> &prologue) {
  ASTContext &ctx = b.ctx;
  for (unsigned i = 0; i < plans.size(); i++) {
    Plan &p = plans[i];
    if (p.plan->storage == defer_rules::Storage::pool)
      continue;
    QualType slotType = b.type(p.type);
    if (p.plan->storage == defer_rules::Storage::frame_array) {
      slotType = ctx.getConstantArrayType(
          slotType, llvm::APInt(64, p.plan->slots), nullptr,
          ArraySizeModifier::Normal, 0);
      p.count = b.local("__defer_n" + std::to_string(i), ctx.UnsignedIntTy,
                        b.integer(ctx.UnsignedIntTy, 0));
      prologue.push_back(b.declare(p.count));
    }
    p.slot = b.local("__defer_records" + std::to_string(i), slotType);
    prologue.push_back(b.declare(p.slot));
  }
}

// The shared array of the records_array shape.
void declareShared(Builder &b, State &st, const defer_rules::Plan &fp,
                   std::vector<Plan> &plans, std::vector<Stmt *> &prologue) {
  ASTContext &ctx = b.ctx;
  std::vector<std::pair<std::string, QualType>> members;
  for (unsigned i = 0; i < plans.size(); i++)
    members.push_back({"r" + std::to_string(i), b.type(plans[i].type)});
  RecordDecl *any = b.record("__defer_any_record", members, TagTypeKind::Union);
  for (unsigned i = 0; i < plans.size(); i++)
    plans[i].member = b.field(any, i);
  QualType array = ctx.getConstantArrayType(
      b.type(any), llvm::APInt(64, fp.array_slots), nullptr,
      ArraySizeModifier::Normal, 0);
  st.shared = b.local("__defer_all", array);
  st.count = b.local("__defer_n", ctx.UnsignedIntTy,
                     b.integer(ctx.UnsignedIntTy, 0));
  prologue.push_back(b.declare(st.shared));
  prologue.push_back(b.declare(st.count));
}

void registerSite(Builder &b, Runtime &rt, State &st, Scan &scan,
                  const defer_rules::Plan &fp, unsigned i, Plan &p) {
  SiteTrees &s = scan.sites[i];
  Builder at = b.at(s.loc);
  std::vector<Stmt *> out;
  if (st.base) {
    stackStorage(at, rt, st, fp, p, out);
    // The site number in the slot's last 4 bytes; cur moves past the
    // record once it is written.
    int64_t size = p.plan->record.pool_bytes;
    if (fp.site_numbers)
      out.push_back(at.assign(
          atOffset(at, at.ref(st.cur), size - 4, b.ctx.UnsignedIntTy),
          at.integer(b.ctx.UnsignedIntTy, i)));
    for (unsigned k = 0; k < p.vars.size(); k++)
      out.push_back(copyInto(at, at.member(at.ref(p.ptr), p.copies[k]),
                             p.vars[k]));
    out.push_back(at.assign(at.ref(st.cur),
                            at.binary(BO_Add, at.rvalue(at.ref(st.cur)),
                                      at.integer(b.ctx.getSizeType(), size))));
    *s.slot = at.block(out);
    return;
  }
  emitStorage(at, rt, st, p, out);
  Expr *hdr = at.cast(rt.recordPtr, at.ref(p.ptr));
  if (fp.site_numbers)
    out.push_back(at.assign(at.member(hdr, rt.record_site),
                            at.integer(b.ctx.UnsignedIntTy, i)));
  for (unsigned k = 0; k < p.vars.size(); k++)
    out.push_back(copyInto(at, at.member(at.ref(p.ptr), p.copies[k]),
                           p.vars[k]));
  if (st.shared) {
    *s.slot = at.block(out);
    return;
  }
  out.push_back(at.assign(at.member(at.cast(rt.recordPtr, at.ref(p.ptr)),
                                    rt.record_next),
                          at.rvalue(st.top(at))));
  out.push_back(at.assign(st.top(at), at.cast(rt.recordPtr, at.ref(p.ptr))));
  *s.slot = at.block(out);
}

// X': the copies of the record instead of the variables.
void useCopies(Builder &b, Stmt *&s, Plan &p) {
  if (!s)
    return;
  if (auto *ref = dyn_cast<DeclRefExpr>(s)) {
    for (unsigned k = 0; k < p.vars.size(); k++)
      if (ref->getDecl() == p.vars[k]) {
        Builder at = b.at(ref->getLocation());
        s = copyRef(at, p, k);
      }
    return;
  }
  for (Stmt *&child : s->children())
    useCopies(b, child, p);
}

// Whether any record is still due.
Expr *pending(Builder &b, Runtime &rt, State &st) {
  if (st.base)
    return b.binary(
        BO_LOr,
        b.binary(BO_NE, b.rvalue(b.ref(st.cur)), b.rvalue(b.ref(st.base))),
        b.binary(BO_NE, b.rvalue(belowBase(b, rt, st, 1)), nullChars(b, rt)));
  if (st.shared)
    return b.binary(BO_NE, b.rvalue(b.ref(st.count)),
                    b.integer(b.ctx.UnsignedIntTy, 0));
  return b.binary(BO_NE, b.cast(rt.recordPtr, st.top(b)),
                  b.cast(rt.recordPtr, b.integer(b.ctx.IntTy, 0),
                         CK_NullToPointer));
}

// Runs the block of the record R: with several sites, dispatched on its
// site number by an if-else chain, where LLVM's instruction selection at
// -O0 is fastest and the whole loop folds at -O2, or, past the chain's
// sensible depth (a deep else-if nest overflows Clang's stack), by a switch.
// ENTER(at, i) makes the statements that point site I's pointer at its
// record, SITE(at) reads the record's site number.
Stmt *dispatch(Builder &b, Scan &scan, std::vector<Plan> &plans,
               const std::function<std::vector<Stmt *>(Builder &, unsigned)>
                   &enter,
               const std::function<Expr *(Builder &)> &site) {
  ASTContext &ctx = b.ctx;
  std::vector<Stmt *> runs;
  for (unsigned i = 0; i < plans.size(); i++) {
    SiteTrees &s = scan.sites[i];
    Builder at = b.atNoLine();
    Stmt *body = s.marker->getBody();
    useCopies(at, body, plans[i]);
    std::vector<Stmt *> run = enter(at, i);
    run.push_back(body);
    runs.push_back(at.block(run));
  }
  if (runs.size() <= defer_rules::max_open_coded_sites) {
    // if (site == 0) X0'; else if (site == 1) X1'; ... else Xn'
    Stmt *chain = runs.back();
    for (unsigned i = runs.size() - 1; i-- > 0;) {
      Builder at = b.atNoLine();
      chain = at.ifThen(
          at.binary(BO_EQ, site(at), at.integer(ctx.UnsignedIntTy, i)),
          runs[i], chain);
    }
    return chain;
  }
  auto *sw = SwitchStmt::Create(ctx, nullptr, nullptr, site(b), b.loc, b.loc);
  std::vector<Stmt *> cases;
  for (unsigned i = 0; i < runs.size(); i++) {
    Builder at = b.atNoLine();
    auto *label = CaseStmt::Create(ctx, at.integer(ctx.UnsignedIntTy, i),
                                   nullptr, at.loc, at.loc, at.loc);
    label->setSubStmt(runs[i]);
    sw->addSwitchCase(label);
    cases.push_back(label);
    cases.push_back(new (ctx) BreakStmt(at.loc));
  }
  sw->setBody(b.block(cases));
  return sw;
}

// if (__defer_frame.mark_cur) __libdefer_release (&__defer_frame);
Stmt *release(Builder &b, Runtime &rt, State &st, Scan &scan) {
  ASTContext &ctx = b.ctx;
  // Where a debugger stops after the blocks: the loop's exit jumps to the
  // start of that line.
  Builder end = b.at(afterBlocks(b, scan));
  return end.ifThen(
      end.binary(BO_NE,
                 end.rvalue(end.member(end.ref(st.frame), rt.frame_mark_cur)),
                 end.cast(rt.charPtr, end.integer(ctx.IntTy, 0),
                          CK_NullToPointer)),
      end.call(rt.release_fn, {end.addressOf(end.ref(st.frame))}));
}

// while (pending) { r = <pop>; <dispatch> }
// One latch and the test at the head: the form LLVM unrolls fully when the
// count is known (a `continue` per site gives the loop many latches).
std::vector<Stmt *> popAndRun(Builder &b, Runtime &rt, State &st,
                              Scan &scan, std::vector<Plan> &plans) {
  VarDecl *r = b.local("__defer_r", rt.recordPtr);
  std::vector<Stmt *> loop;
  if (st.shared) {
    Expr *element = indexed(b, st.shared, st.count, UO_PreDec);
    loop.push_back(b.assign(b.ref(r), b.cast(rt.recordPtr,
                                             b.addressOf(element))));
  } else {
    loop.push_back(b.assign(b.ref(r), b.rvalue(st.top(b))));
    loop.push_back(b.assign(st.top(b),
                            b.rvalue(b.member(b.ref(r), rt.record_next))));
  }
  loop.push_back(dispatch(
      b, scan, plans,
      [&](Builder &at, unsigned i) -> std::vector<Stmt *> {
        return {at.assign(at.ref(plans[i].ptr),
                          at.cast(plans[i].ptr->getType(), at.ref(r)))};
      },
      [&](Builder &at) {
        return at.rvalue(at.member(at.ref(r), rt.record_site));
      }));
  std::vector<Stmt *> out;
  out.push_back(b.declare(r));
  out.push_back(b.whileLoop(pending(b, rt, st), b.block(loop)));
  if (!st.pooled)
    return out;
  out.push_back(release(b, rt, st, scan));
  return out;
}

// records_stack:
//   while (1) {
//     if (cur != base)
//       do <dispatch on *(unsigned *) (cur - 4)>: cur -= Si; pi = cur; Xi'
//       while (cur != base);
//     if ((link = ((char **) base)[-1]) == 0) break;
//     cur = ((char **) base)[-2]; base = link;
//     if (((char **) base)[-1] == 0) release;    back in the buffer
//   }
std::vector<Stmt *> popStack(Builder &b, Runtime &rt, State &st, Scan &scan,
                             std::vector<Plan> &plans, bool markOnEntry) {
  ASTContext &ctx = b.ctx;
  VarDecl *link = b.local("__defer_link", rt.charPtr);
  Stmt *back = b.block(
      {b.assign(b.ref(st.cur), b.rvalue(belowBase(b, rt, st, 2))),
       b.assign(b.ref(st.base), b.rvalue(b.ref(link))),
       // Back in the frame buffer, no record is left in the pool: give
       // its blocks back now (the frame took its mark with the first).
       b.ifThen(b.binary(BO_EQ, b.rvalue(belowBase(b, rt, st, 1)),
                         nullChars(b, rt)),
                b.call(rt.release_fn, {b.addressOf(b.ref(st.frame))}))});
  Stmt *run = dispatch(
      b, scan, plans,
      [&](Builder &at, unsigned i) -> std::vector<Stmt *> {
        uint64_t size = plans[i].plan->record.pool_bytes;
        return {at.assign(at.ref(st.cur),
                          at.binary(BO_Sub, at.rvalue(at.ref(st.cur)),
                                    at.integer(ctx.getSizeType(), size))),
                at.assign(at.ref(plans[i].ptr),
                          at.cast(plans[i].ptr->getType(), at.ref(st.cur)))};
      },
      [&](Builder &at) {
        return at.rvalue(atOffset(at, at.ref(st.cur), -4,
                                  ctx.UnsignedIntTy));
      });
  // The pops in a loop of their own, its test at the end as written:
  // one comparison per record (LLVM does not move a while loop's test
  // there itself in this nest).
  auto more = [&] {
    return b.sema
        .CheckBooleanCondition(
            b.loc, b.binary(BO_NE, b.rvalue(b.ref(st.cur)),
                            b.rvalue(b.ref(st.base))))
        .get();
  };
  Stmt *pops = b.ifThen(
      more(), new (ctx) DoStmt(b.block({run}), more(), b.loc, b.loc, b.loc));
  // for (;;) { pops; if ((link = base[-1]) == 0) break; back; }
  Stmt *onward = b.block(
      {b.assign(b.ref(link), b.rvalue(belowBase(b, rt, st, 1))),
       b.ifThen(b.binary(BO_EQ, b.rvalue(b.ref(link)), nullChars(b, rt)),
                new (ctx) BreakStmt(b.loc)),
       back});
  std::vector<Stmt *> out;
  out.push_back(b.declare(link));
  out.push_back(b.whileLoop(b.integer(ctx.IntTy, 1),
                            b.block({pops, onward})));
  // A mark taken on entry, with no block since.
  if (markOnEntry)
    out.push_back(release(b, rt, st, scan));
  return out;
}

} // namespace

Parts lowerWithRecords(Builder &b, Scan &scan, const defer_rules::Analysis &a,
                       const defer_rules::Plan &fp) {
  ASTContext &ctx = b.ctx;
  Runtime &rt = *b.rt;
  Parts parts;
  State st;
  std::vector<Plan> plans;
  for (unsigned i = 0; i < scan.sites.size(); i++)
    plans.push_back(planSite(b, rt, scan, a, fp, i, parts.prologue));
  st.pooled = fp.pooled;

  bool stacked = fp.shape == defer_rules::Shape::records_stack;
  if (fp.shape == defer_rules::Shape::records_array)
    declareShared(b, st, fp, plans, parts.prologue);
  else if (!stacked)
    declareSlots(b, plans, parts.prologue);
  bool setjmp = fp.top_in_frame;
  if (fp.frame_descriptor) {
    QualType frameType = b.type(rt.frame_type);
    // libdefer reads only mark_cur before it sets the rest; top is read
    // only where it lives in the frame (setjmp).
    st.frame = setjmp ? b.local("__defer_frame", frameType,
                                new (ctx) ImplicitValueInitExpr(frameType))
                      : b.local("__defer_frame", frameType);
    parts.prologue.push_back(b.declare(st.frame));
    if (!setjmp)
      parts.prologue.push_back(
          b.assign(b.member(b.ref(st.frame), rt.frame_mark_cur),
                   b.cast(rt.charPtr, b.integer(ctx.IntTy, 0),
                          CK_NullToPointer)));
    // Where new storage lands: the block libdefer grew a stack by, or a
    // record taken from the pool.
    if (stacked) {
      st.block = b.local("__defer_block", b.type(rt.block_type));
      parts.prologue.push_back(b.declare(st.block));
    } else {
      st.raw = b.local("__defer_raw", rt.charPtr);
      parts.prologue.push_back(b.declare(st.raw));
    }
  }
  // Without setjmp nothing comes back into the function after a call
  // that libdefer could see: the list head can live in a register.
  if (setjmp) {
    st.topExpr = [&rt, &st](Builder &at) {
      return at.member(at.ref(st.frame), rt.frame_top);
    };
  } else if (!st.shared && !stacked) {
    VarDecl *top = b.local("__defer_top", rt.recordPtr,
                           new (ctx) ImplicitValueInitExpr(rt.recordPtr));
    parts.prologue.push_back(b.declare(top));
    st.topExpr = [top](Builder &at) { return at.ref(top); };
  }

  if (unsigned long bytes = fp.frame_buffer) {
    QualType words = ctx.getConstantArrayType(
        ctx.UnsignedLongLongTy, llvm::APInt(32, bytes / 8), nullptr,
        ArraySizeModifier::Normal, 0);
    VarDecl *buffer = b.local("__defer_buffer", words);
    // A stack starts after the buffer's null word.
    Expr *start = b.cast(rt.charPtr, b.ref(buffer));
    if (stacked)
      start = b.binary(BO_Add, start,
                       b.integer(ctx.getSizeType(), fp.stack_start));
    st.cur = b.local("__defer_cur", rt.charPtr, start);
    // A stack's limit is the last place where its largest record starts.
    uint64_t limit = stacked ? bytes - fp.stack_start - fp.stack_record_max
                             : bytes;
    st.end = b.local("__defer_end", rt.charPtr,
                     b.binary(BO_Add, b.rvalue(b.ref(st.cur)),
                              b.integer(ctx.getSizeType(), limit)));
    parts.prologue.push_back(b.declare(buffer));
    if (stacked)
      parts.prologue.push_back(b.assign(
          atOffset(b, b.ref(buffer), 0, rt.charPtr), nullChars(b, rt)));
    for (VarDecl *v : {st.cur, st.end})
      parts.prologue.push_back(b.declare(v));
    if (stacked) {
      st.base = b.local("__defer_base", rt.charPtr, b.rvalue(b.ref(st.cur)));
      parts.prologue.push_back(b.declare(st.base));
    }
  }
  // libdefer compares the stack positions of marks: a function that moves
  // its stack pointer marks on entry.
  if (fp.mark_on_entry)
    parts.prologue.push_back(b.call(
        rt.alloc_fn,
        {b.addressOf(b.ref(st.frame)), b.integer(ctx.getSizeType(), 0)}));
  for (unsigned i = 0; i < scan.sites.size(); i++)
    registerSite(b, rt, st, scan, fp, i, plans[i]);
  Builder exit = b.atNoLine();
  parts.finally = stacked
                      ? popStack(exit, rt, st, scan, plans, fp.mark_on_entry)
                      : popAndRun(exit, rt, st, scan, plans);
  parts.pending = pending(exit, rt, st);
  return parts;
}

} // namespace defer_clang
