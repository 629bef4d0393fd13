/* How many times a loop `defer` can register per call (scan.h): the
   product of the trip counts of its loops, where each is proven.

   A loop is counted when it steps a counter i by one towards a constant:
     for (int i = A; i < B; i++)         (or <=, !=, ++i)
     while (i < B) { i++; ... }          with `int i = A;` before it
     do { i++; ... } while (i < B);
   and i, a local of this function with the constant initialiser A, is
   written nowhere else and never through a pointer.  Then each time the
   loop is entered, i is at least A, and the body runs at most B - A times
   (a do loop at least once).  B must fit i's type, or i would wrap before
   reaching it.  Ways to run the body more often break the count: a goto
   from outside into the body, a case label of an outer switch inside it,
   a backward goto from the body to before it (the loop is entered again
   and again), and computed gotos.  */

#include "scan.h"

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
   written once in the function's text (by the loop's step).  */
bool
counter_p (const defer_scan &scan, tree i)
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
    if (w.var == i && (w.address || ++writes > 1))
      return false;
  return writes == 1;
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
  if (!int_fits_type_p (build_int_cst (long_long_integer_type_node, to),
			TREE_TYPE (i))
      || (TREE_CODE (cond) == NE_EXPR && to < from))
    return 0;
  if (to <= from)
    return TREE_CODE (l.stmt) == DO_STMT ? 1 : 0;
  return to - from;
}

/* BODY_START is the position just before the body's first node.  */
bool
in_body (const defer_loop &l, unsigned order)
{
  return l.body_start < order && order <= l.body_end;
}

/* A goto that enters L's body from outside, or leaves it for a label at
   or before its start, from where L is entered again.  */
bool
jumped_into (const defer_scan &scan, const defer_loop &l)
{
  for (const defer_goto &g : scan.gotos)
    for (const defer_label &lab : scan.labels)
      if (lab.label == g.dest
	  && ((in_body (l, lab.order) && !in_body (l, g.order))
	      || (in_body (l, g.order) && lab.order <= l.body_start)))
	return true;
  return false;
}

unsigned long
max_runs (const defer_scan &scan, const defer_site &s)
{
  if (s.in_goto_cycle)
    return 0;
  unsigned long runs = 1;
  for (int i = s.loop; i >= 0; i = scan.loops[i].parent)
    {
      runs *= scan.loops[i].trips;
      if (runs == 0 || runs > (1UL << 20))
	return 0;
    }
  return runs;
}

} // namespace

void
bound_loop_sites (defer_scan *scan)
{
  for (defer_loop &l : scan->loops)
    l.trips = scan->has_computed_goto || l.entered_by_case
		|| jumped_into (*scan, l)
	      ? 0 : count_trips (*scan, l);
  for (defer_site &s : scan->sites)
    s.max_runs = max_runs (*scan, s);
}
