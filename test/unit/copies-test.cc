// SPDX-License-Identifier: MIT
/* Copies and by-reference names (plugin/common/copies.h).  */

#include "builder.h"
#include "copies.h"
#include "harness.h"
#include "messages.h"

using namespace unit;

static std::vector<std::vector<int>>
copies_of (const Function &fn, Diagnostics *d = nullptr)
{
  Diagnostics local;
  return choose_copies (fn, backward_cycles (fn), d ? *d : local);
}

TEST (loop_variable_is_copied_outer_is_not)
{
  Builder b;
  int outer = b.var ("outer", 1);
  int l = b.loop (Loop::for_loop, 2, 5, 20);
  int i = b.var ("i", 3, l);
  b.site (10, 12, l, {i, outer});
  auto c = copies_of (b.fn);
  EXPECT_EQ (c[0].size (), 1u);
  EXPECT_EQ (c[0][0], i);
}

TEST (cycle_variable_is_copied)
{
  /* again: int k = ...; defer use (k); if (...) goto again; */
  Builder b;
  int before = b.var ("before", 1);
  int lab = b.label (2);
  int k = b.var ("k", 3);
  b.site (4, 6, none, {k, before});
  b.jump (8, lab);
  auto c = copies_of (b.fn);
  EXPECT_EQ (c[0].size (), 1u);
  EXPECT_EQ (c[0][0], k);
}

TEST (vla_copy_and_lifetime_errors)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 2, 20);
  int in_loop = b.var ("v", 3, l);
  b.fn.vars[in_loop].vla = true;
  int inner = b.var ("w", 4, none, false);
  b.fn.vars[inner].vla = true;
  int top = b.var ("t", 0);
  b.fn.vars[top].vla = true;
  b.site (5, 6, l, {in_loop, inner, top});
  Diagnostics d;
  auto c = copies_of (b.fn, &d);
  EXPECT (c[0].empty ());
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, vla_copy ("v"));
  EXPECT_EQ (d[1].text, vla_in_deferred_block ("w"));
}

TEST (pointer_to_vla_is_copied_unless_its_size_is)
{
  Builder b;
  int n = b.var ("n", 1);
  int l = b.loop (Loop::for_loop, 2, 3, 20);
  int m = b.var ("m", 4, l);
  int row = b.var ("row", 5, l);
  b.fn.vars[row].variably_modified = true;
  b.fn.vars[row].size_vars = {n};
  int col = b.var ("col", 6, l);
  b.fn.vars[col].variably_modified = true;
  b.fn.vars[col].size_vars = {m};
  b.site (7, 8, l, {row, col});
  Diagnostics d;
  auto c = copies_of (b.fn, &d);
  EXPECT_EQ (c[0].size (), 1u);
  EXPECT_EQ (c[0][0], row);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, vla_pointer_copy ("col", "m"));
}

TEST (late_writes_in_the_loop_body_warn)
{
  Builder b;
  int l = b.loop (Loop::for_loop, 1, 5, 20);
  int i = b.var ("i", 2, l); /* the for-init variable */
  int x = b.var ("x", 6, l);
  int s = b.site (8, 9, l, {i, x});
  b.write (x, 7);		 /* before the defer */
  b.write (x, 10);		 /* after: warns */
  b.write (x, 12, WriteKind::address); /* after: warns */
  b.write (x, 9, WriteKind::assign, s); /* in the block: its copy */
  b.write (i, 4);		 /* the step, before the body */
  Diagnostics d;
  copies_of (b.fn, &d);
  EXPECT_EQ (d.size (), 2u);
  EXPECT (d[0].warning == Warning::copy);
  EXPECT_EQ (d[0].text, copied_then_assigned ("x"));
  EXPECT_EQ (d[0].notes[0].text, note_copied_here ("x"));
  EXPECT_EQ (d[1].text, copied_then_address_taken ("x"));
}

TEST (late_writes_of_an_outer_loop_variable_warn)
{
  /* for (...) { int x; for (...) { defer use (x); } x = 2; } */
  Builder b;
  int outer = b.loop (Loop::for_loop, 1, 2, 30);
  int x = b.var ("x", 3, outer);
  int inner = b.loop (Loop::for_loop, 4, 5, 10, outer);
  b.site (6, 7, inner, {x});
  b.write (x, 20);
  Diagnostics d;
  copies_of (b.fn, &d);
  EXPECT_EQ (d.size (), 1u);
}

TEST (late_writes_in_a_goto_cycle_warn)
{
  Builder b;
  int lab = b.label (2);
  int k = b.var ("k", 3);
  b.site (4, 5, none, {k});
  b.write (k, 6); /* before the goto back: warns */
  b.jump (8, lab);
  b.write (k, 9); /* after the cycle: the copy is of the last pass */
  Diagnostics d;
  copies_of (b.fn, &d);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].where.token, 6u);
}
