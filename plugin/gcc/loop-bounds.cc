/* How many times a loop `defer` can register per call (scan.h): the
   product of the trip counts of its loops, where each is proven.

   A loop is counted when it steps a counter i by one towards a constant:
     for (int i = A; i < B; i++)         (or <=, !=, ++i)
     while (i < B) { i++; ... }          with `int i = A;` before it
     do { i++; ... } while (i < B);
   and i, a local of this function with the constant initialiser A, is
   written nowhere else and never through a pointer.  Then each time the
   loop is entered, i is at least A, and the body runs at most B - A times
   (at most once when B <= A: a do loop's first pass).  B must fit i's
   type, or i would wrap before reaching it.  Ways to run the body more
   often break the count: a goto from outside into the body, a case label
   of an outer switch inside it, a backward goto from the body to before it
   (the loop is entered again and again), and computed gotos.

   A cycle of backward gotos bounds its defers the same way when each of
   its gotos is `if (++g < K) goto L;` with one such counter g.  */

#include "scan.h"

#include "defer-spans.h"

namespace {

tree
strip_conversions (tree t)
{
  while (CONVERT_EXPR_P (t) || TREE_CODE (t) == NON_LVALUE_EXPR)
    t = TREE_OPERAND (t, 0);
  return t;
}

/* The variable `i++` or `++i` steps by one, else null.  */
tree
incremented_var (tree t)
{
  t = t ? strip_conversions (t) : NULL_TREE;
  if (!t || (TREE_CODE (t) != POSTINCREMENT_EXPR
	     && TREE_CODE (t) != PREINCREMENT_EXPR)
      || !integer_onep (TREE_OPERAND (t, 1)))
    return NULL_TREE;
  tree v = TREE_OPERAND (t, 0);
  return VAR_P (v) ? v : NULL_TREE;
}

/* The first statement of a loop body, inside its braces.  */
tree
first_statement (tree body)
{
  while (body)
    {
      if (TREE_CODE (body) == BIND_EXPR)
	body = BIND_EXPR_BODY (body);
      else if (TREE_CODE (body) == STATEMENT_LIST)
	{
	  tree first = NULL_TREE;
	  for (tree_stmt_iterator it = tsi_start (body); !tsi_end_p (it);
	       tsi_next (&it))
	    if (TREE_CODE (tsi_stmt (it)) != DEBUG_BEGIN_STMT)
	      {
		first = tsi_stmt (it);
		break;
	      }
	  body = first;
	}
      else
	return body;
    }
  return NULL_TREE;
}

/* A counter: an integer local of this function, not volatile, never
   addressed (nor used by a nested function), with a constant initialiser,
   written STEPS times in the function's text (by its steps).  */
bool
counter_p (const defer_scan &scan, tree i, unsigned steps = 1)
{
  tree type = TREE_TYPE (i);
  if (!VAR_P (i) || TREE_STATIC (i) || DECL_EXTERNAL (i)
      || DECL_CONTEXT (i) != scan.fndecl || TREE_THIS_VOLATILE (i)
      || TREE_ADDRESSABLE (i) || DECL_NONLOCAL (i)
      || !INTEGRAL_TYPE_P (type) || TREE_CODE (type) == BOOLEAN_TYPE
      || !DECL_INITIAL (i) || TREE_CODE (DECL_INITIAL (i)) != INTEGER_CST
      || !tree_fits_shwi_p (DECL_INITIAL (i)))
    return false;
  unsigned writes = 0;
  for (const defer_write &w : scan.writes)
    if (w.var == i && (w.address || ++writes > steps))
      return false;
  return writes == steps;
}

/* Whether I can count up to TO without wrapping.  */
bool
reaches_p (tree i, HOST_WIDE_INT to)
{
  return int_fits_type_p (build_int_cst (long_long_integer_type_node, to),
			  TREE_TYPE (i));
}

/* How often the body of L can run per entry, 0 if unknown.  */
unsigned long
count_trips (const defer_scan &scan, const defer_loop &l)
{
  tree step, cond;
  switch (TREE_CODE (l.stmt))
    {
    case FOR_STMT:
      step = FOR_EXPR (l.stmt);
      cond = FOR_COND (l.stmt);
      break;
    case WHILE_STMT:
      step = first_statement (WHILE_BODY (l.stmt));
      cond = WHILE_COND (l.stmt);
      break;
    case DO_STMT:
      step = first_statement (DO_BODY (l.stmt));
      cond = DO_COND (l.stmt);
      break;
    default:
      return 0;
    }
  tree i = incremented_var (step);
  if (!i || !cond || !counter_p (scan, i))
    return 0;
  cond = strip_conversions (cond);
  if ((TREE_CODE (cond) != LT_EXPR && TREE_CODE (cond) != LE_EXPR
       && TREE_CODE (cond) != NE_EXPR)
      || strip_conversions (TREE_OPERAND (cond, 0)) != i)
    return 0;
  tree b = strip_conversions (TREE_OPERAND (cond, 1));
  if (TREE_CODE (b) != INTEGER_CST || !tree_fits_shwi_p (b))
    return 0;
  HOST_WIDE_INT from = tree_to_shwi (DECL_INITIAL (i));
  HOST_WIDE_INT to = tree_to_shwi (b);
  if (TREE_CODE (cond) == LE_EXPR)
    {
      if (to == HOST_WIDE_INT_MAX)
	return 0;
      to++;
    }
  /* i reaches TO without wrapping; != needs to pass no value to get
     there.  */
  if (!reaches_p (i, to) || (TREE_CODE (cond) == NE_EXPR && to < from))
    return 0;
  /* A body that never runs is bounded by 1 as well (0 means unknown).  */
  return to <= from ? 1 : to - from;
}

/* The positions defer_rules needs (defer-spans.h).  */
defer_rules::FunctionText
text_of (const defer_scan &scan)
{
  defer_rules::FunctionText text;
  for (const defer_goto &g : scan.gotos)
    for (const defer_label &lab : scan.labels)
      if (lab.label == g.dest)
	text.jumps.push_back ({g.order, lab.order, lab.site >= 0});
  for (const defer_case &c : scan.cases)
    text.cases.push_back ({c.order, c.switch_order});
  for (const defer_loop &l : scan.loops)
    text.loop_bodies.push_back ({l.body_start, l.body_end});
  return text;
}

/* `if (++g < K) goto L;` (or <=): g, with the limit it counts to in TO.  */
tree
counted_jump (const defer_goto &g, HOST_WIDE_INT *to)
{
  tree cond = g.cond ? strip_conversions (g.cond) : NULL_TREE;
  if (!cond
      || (TREE_CODE (cond) != LT_EXPR && TREE_CODE (cond) != LE_EXPR))
    return NULL_TREE;
  tree step = strip_conversions (TREE_OPERAND (cond, 0));
  tree b = strip_conversions (TREE_OPERAND (cond, 1));
  if (TREE_CODE (step) != PREINCREMENT_EXPR
      || !integer_onep (TREE_OPERAND (step, 1))
      || !VAR_P (TREE_OPERAND (step, 0)) || TREE_CODE (b) != INTEGER_CST
      || !tree_fits_shwi_p (b) || tree_to_shwi (b) == HOST_WIDE_INT_MAX)
    return NULL_TREE;
  *to = tree_to_shwi (b) + (TREE_CODE (cond) == LE_EXPR);
  return TREE_OPERAND (step, 0);
}

/* How often the code between LAB and its backward gotos can run per entry:
   each goto is `if (++g < K) goto LAB;` with one counter g, which
   nothing else writes, so each jump back raises g towards the largest K.
   0 if not so, or if anything else can run that code: entering it other
   than at LAB (entered_otherwise; a goto from outside to LAB counts too), a
   loop only partly inside it.  */
unsigned long
count_passes (const defer_scan &scan, const defer_rules::FunctionText &text,
	      const defer_label &lab, unsigned end)
{
  if (defer_rules::entered_otherwise (text, lab.order, end)
      || defer_rules::splits_a_loop (text, lab.order, end))
    return 0;
  tree counter = NULL_TREE;
  HOST_WIDE_INT limit = 0;
  unsigned steps = 0;
  for (const defer_goto &g : scan.gotos)
    {
      if (g.dest != lab.label)
	continue;
      HOST_WIDE_INT to;
      tree i = counted_jump (g, &to);
      if (!i || (counter && i != counter) || !reaches_p (i, to))
	return 0;
      counter = i;
      limit = MAX (limit, to);
      steps++;
    }
  /* Declared after the label, g would start again at every pass.  */
  const defer_var *decl
    = counter ? const_cast<defer_scan &> (scan).vars.get (counter) : NULL;
  if (!counter || !counter_p (scan, counter, steps) || !decl
      || decl->order >= lab.order)
    return 0;
  HOST_WIDE_INT from = tree_to_shwi (DECL_INITIAL (counter));
  return limit <= from ? 1 : limit - from;
}

} // namespace

void
bound_loop_sites (defer_scan *scan)
{
  defer_rules::FunctionText text = text_of (*scan);
  /* BODY_START is the position just before the body's first node.  */
  for (defer_loop &l : scan->loops)
    l.trips = scan->has_computed_goto
		|| defer_rules::entered_otherwise (text, l.body_start + 1,
						   l.body_end)
	      ? 0 : count_trips (*scan, l);
  std::vector<defer_rules::Cycle> cycles = defer_rules::backward_cycles (text);
  for (defer_rules::Cycle &c : cycles)
    for (const defer_label &lab : scan->labels)
      if (lab.order == c.start && !scan->has_computed_goto)
	c.passes = count_passes (*scan, text, lab, c.end);
  for (defer_site &s : scan->sites)
    {
      defer_rules::RunBound bound;
      for (int i = s.loop; i >= 0; i = scan->loops[i].parent)
	bound.times (scan->loops[i].trips);
      for (const defer_rules::Cycle &c : cycles)
	if (c.start <= s.order && s.order <= c.end)
	  bound.times (c.passes);
      s.max_runs = bound.runs ();
    }
}
