// SPDX-License-Identifier: MIT
/* The constraints of block-scoped `_Defer` (plugin/common/scoped.h), the
   jump matrix of Clang 22's own tests for its `_Defer`: into a statement,
   out of one, past a `_Defer` into its pending part, and what stays
   allowed.  */

#include "builder.h"
#include "harness.h"
#include "messages.h"
#include "scoped.h"

using namespace unit;

static Diagnostics
checked (const Function &fn)
{
  Diagnostics d;
  check_scoped (fn, d);
  sort_by_position (d);
  return d;
}

/* { 1..4: _Defer { 2..5 } ; 6..20: rest of its block }  */
TEST (goto_past_a_defer_bypasses_it)
{
  Builder b;
  b.scoped (10, 15, 30);
  int after = b.label (20);
  int before = b.label (5);
  b.jump (3, after);  /* from before the _Defer: bypasses */
  b.jump (25, after); /* inside the pending part: fine */
  b.jump (26, before); /* back out of the block: fine, the _Defer runs */
  b.jump (40, after); /* from after the block: bypasses */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, std::string (msg::goto_jump));
  EXPECT_EQ (d[0].where.token, 3u);
  EXPECT_EQ (d[0].notes.size (), 1u);
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_bypasses));
  EXPECT_EQ (d[0].notes[0].where.token, 10u);
  EXPECT_EQ (d[1].where.token, 40u);
}

TEST (goto_into_and_out_of_a_statement)
{
  Builder b;
  b.scoped (10, 15, 10 + 5);
  int inside = b.label (12);
  int outside = b.label (30);
  b.jump (5, inside);   /* enters */
  b.jump (13, outside); /* exits */
  b.jump (14, inside);  /* stays inside */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_enters));
  EXPECT_EQ (d[1].notes[0].text, std::string (msg::note_exits));
}

TEST (goto_from_one_statement_into_another_has_both_notes)
{
  Builder b;
  b.scoped (10, 15, 40);
  b.scoped (20, 25, 40);
  int in_second = b.label (22);
  b.jump (12, in_second);
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].notes.size (), 2u);
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_exits));
  EXPECT_EQ (d[0].notes[1].text, std::string (msg::note_enters));
}

TEST (forward_goto_past_a_defer_of_an_inner_block_is_fine)
{
  Builder b;
  /* { goto l2; { _Defer {} } l2: ; }: the inner block ends before l2.  */
  b.scoped (10, 12, 14);
  int l2 = b.label (20);
  b.jump (5, l2);
  EXPECT_EQ (checked (b.fn).size (), 0u);
}

TEST (computed_goto_into_the_pending_part)
{
  Builder b;
  b.scoped (10, 15, 30);
  int l = b.label (20);
  b.fn.labels[l].address_taken = true;
  b.jump (5, none);
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::indirect_goto_jump));
}

TEST (case_labels_past_or_inside_a_defer)
{
  Builder b;
  /* switch at 5 { case 6: _Defer 10..15; case 20: } and a switch inside
     the statement, with its case there.  */
  b.scoped (10, 15, 30);
  b.a_case (6, 5, none, none);	 /* before the _Defer: fine */
  b.a_case (20, 5, none, none);	 /* past it: bypasses */
  b.a_case (13, 12, none, none); /* switch and case inside: fine */
  b.a_case (14, 5, none, none);	 /* into the statement: enters */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, std::string (msg::case_jump));
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_enters));
  EXPECT_EQ (d[1].where.token, 20u);
  EXPECT_EQ (d[1].notes[0].text, std::string (msg::note_bypasses));
}

TEST (return_break_continue_out_of_a_statement)
{
  Builder b;
  b.scoped (10, 30, 40);
  b.exit (Exit::return_stmt, 12, none);
  b.exit (Exit::break_stmt, 14, none, 10);    /* binds to the _Defer */
  b.exit (Exit::continue_stmt, 16, none, 10);
  b.exit (Exit::break_stmt, 22, none, 20);    /* a loop inside: fine */
  b.exit (Exit::return_stmt, 35, none);	      /* pending part: fine */
  b.exit (Exit::break_stmt, 36, none, 2);     /* a loop around: fine */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 3u);
  EXPECT_EQ (d[0].text, std::string (msg::return_in_defer));
  EXPECT_EQ (d[1].text, std::string (msg::break_out_of_defer));
  EXPECT_EQ (d[2].text, std::string (msg::continue_out_of_defer));
  EXPECT_EQ (d[2].notes[0].text, std::string (msg::note_scoped_here));
}

TEST (go_style_defer_inside_a_statement_and_empty_body)
{
  Builder b;
  b.scoped (10, 20, 30);
  b.site (12, 14);
  b.scoped (40, 40, 50);
  b.fn.scoped[1].empty = true;
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, std::string (msg::nested_defer));
  EXPECT (d[1].warning == Warning::empty_body);
}

TEST (nothing_without_scoped_defers)
{
  Builder b;
  int s = b.site (10, 20);
  b.exit (Exit::return_stmt, 12, s);
  EXPECT_EQ (checked (b.fn).size (), 0u);
}

TEST (setjmp_and_longjmp_inside_a_statement)
{
  Builder b;
  b.scoped (10, 20, 30);
  b.fn.jump_calls.push_back ({12, at_pos (12), "_setjmp"});
  b.fn.jump_calls.push_back ({25, at_pos (25), "longjmp"}); /* pending part */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text,
	     std::string ("cannot use '_setjmp' inside a defer statement"));
  EXPECT (sjlj_name ("siglongjmp") && sjlj_name ("__builtin_setjmp"));
  EXPECT (!sjlj_name ("setjmp_like"));
}

TEST (compiler_checked_defers_only_refuse_go_style_sites_inside)
{
  Builder b;
  b.scoped (10, 20, 30);
  b.fn.compiler_checks_scoped = true;
  b.fn.scoped[0].empty = true;
  int past = b.label (25);
  b.jump (3, past);			 /* the compiler's to refuse */
  b.exit (Exit::return_stmt, 12, none); /* likewise */
  b.site (14, 16);
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::nested_defer));
}

/* { defer X (1..2); L (5): ...; _Defer Y (10..12); ... goto L (20) }:
   beside a Go-style defer Y would run once, at the end; refused.  */
TEST (goto_back_past_an_outermost_defer_beside_a_go_style_one)
{
  Builder b;
  b.site (1, 2);
  int s = b.scoped (10, 12, 30);
  b.fn.scoped[s].outermost = true;
  int back = b.label (5);
  int ahead = b.label (25);
  b.jump (20, back);  /* leaves the pending part backwards */
  b.jump (22, ahead); /* stays in it */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::goto_back_past_outermost_scoped));
  EXPECT_EQ (d[0].where.token, 20u);
  EXPECT_EQ (d[0].notes[0].where.token, 10u);
}

/* The same goto is fine in a block of its own, or without a Go-style
   defer: the `_Defer` is then the compiler's cleanup and runs on it.  */
TEST (goto_back_past_an_inner_or_lone_defer_is_fine)
{
  Builder inner;
  inner.site (1, 2);
  inner.scoped (10, 12, 30);
  inner.jump (20, inner.label (5));
  EXPECT_EQ (checked (inner.fn).size (), 0u);
  Builder lone;
  int s = lone.scoped (10, 12, 30);
  lone.fn.scoped[s].outermost = true;
  lone.jump (20, lone.label (5));
  EXPECT_EQ (checked (lone.fn).size (), 0u);
}
