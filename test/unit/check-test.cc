// SPDX-License-Identifier: MIT
/* The statement checks (plugin/common/check.h): each error at the
   offending statement with its note at the `defer`.  */

#include "builder.h"
#include "check.h"
#include "harness.h"
#include "messages.h"

using namespace unit;

static Diagnostics
checked (const Function &fn)
{
  Diagnostics d;
  check_statements (fn, d);
  sort_by_position (d);
  return d;
}

TEST (return_in_deferred_block)
{
  Builder b;
  int s = b.site (2, 5);
  b.exit (Exit::return_stmt, 4, s);
  b.exit (Exit::return_stmt, 7, none);
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::return_in_defer));
  EXPECT_EQ (d[0].where.token, 4u);
  EXPECT_EQ (d[0].notes.size (), 1u);
  EXPECT_EQ (d[0].notes[0].where.token, 2u);
  EXPECT (d[0].is_error ());
}

TEST (break_and_continue_bind_to_the_defer_or_inside_it)
{
  Builder b;
  int s = b.site (10, 30);
  b.exit (Exit::break_stmt, 12, s, 10);    /* binds to the defer: leaves */
  b.exit (Exit::continue_stmt, 14, s, 10); /* likewise */
  b.exit (Exit::break_stmt, 22, s, 20);	   /* a loop inside the block */
  b.exit (Exit::continue_stmt, 24, s, 20);
  b.exit (Exit::break_stmt, 40, none, 35); /* outside any block */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, std::string (msg::break_out_of_defer));
  EXPECT_EQ (d[1].text, std::string (msg::continue_out_of_defer));
}

TEST (gotos_into_and_out_of_blocks)
{
  Builder b;
  int s = b.site (10, 20);
  int inside = b.label (15, s);
  int outside = b.label (30);
  b.jump (5, inside);	    /* enters */
  b.jump (12, outside, s);  /* exits */
  b.jump (16, inside, s);   /* stays */
  b.jump (31, outside);	    /* stays outside */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].text, std::string (msg::goto_jump));
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_enters));
  EXPECT_EQ (d[1].notes[0].text, std::string (msg::note_exits));
}

TEST (computed_goto_reaches_every_address_taken_label)
{
  Builder b;
  int s = b.site (10, 20);
  int l = b.label (30);
  b.fn.labels[l].address_taken = true;
  b.jump (40, none);	/* outside: may reach the label outside */
  b.jump (12, none, s); /* inside: may leave the block */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::indirect_goto_jump));
  EXPECT_EQ (d[0].where.token, 12u);
  EXPECT (has_computed_goto (b.fn));
}

TEST (case_label_of_an_outer_switch)
{
  Builder b;
  int s = b.site (10, 20);
  b.a_case (12, 5, s, none);  /* its switch is outside the block */
  b.a_case (16, 14, s, s);    /* a switch inside the block */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT_EQ (d[0].text, std::string (msg::case_jump));
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_enters));
}

TEST (nested_defer_and_openmp)
{
  Builder b;
  int outer = b.site (10, 20);
  int inner = b.site (12, 14);
  b.fn.sites[inner].parent = outer;
  b.fn.omp.push_back ({30, 40, at_pos (30), none});
  b.site (32, 34);
  b.fn.omp.push_back ({16, 18, at_pos (16), outer});
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 3u);
  EXPECT_EQ (d[0].text, std::string (msg::nested_defer));
  EXPECT_EQ (d[0].notes[0].text, std::string (msg::note_enclosing_defer));
  EXPECT_EQ (d[1].text, std::string (msg::omp_in_defer));
  EXPECT_EQ (d[2].text, std::string (msg::defer_in_omp));
}

TEST (defer_result_uses)
{
  Builder b;
  int s = b.site (10, 20);
  b.fn.results.push_back ({12, at_pos (12), s, true});	  /* fine */
  b.fn.results.push_back ({30, at_pos (30), none, true}); /* outside */
  b.fn.results.push_back ({14, at_pos (14), s, false});	  /* another's */
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 2u);
  EXPECT_EQ (d[0].where.token, 14u);
  EXPECT_EQ (d[0].text, std::string (msg::result_outside_block));
  b.fn.returns_void = true;
  d = checked (b.fn);
  EXPECT_EQ (d.size (), 3u);
  EXPECT_EQ (d[0].text, std::string (msg::result_in_void_function));
}

TEST (empty_body_warns)
{
  Builder b;
  int s = b.site (1, 2);
  b.fn.sites[s].empty = true;
  Diagnostics d = checked (b.fn);
  EXPECT_EQ (d.size (), 1u);
  EXPECT (d[0].warning == Warning::empty_body);
  EXPECT (!has_errors (d));
}
