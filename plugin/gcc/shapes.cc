// SPDX-License-Identifier: MIT
/* The expression shapes the shared rules read (model.h), matched in GCC's
   trees: a loop's test and step, a counted goto's test, what a guard
   reads, and the variables a variably modified type's sizes read.  */

#include "scan.h"

using defer_rules::Comparison;
using defer_rules::none;

namespace defer_gcc {

namespace {

bool
conversion_p (tree t)
{
  return CONVERT_EXPR_P (t) || TREE_CODE (t) == NON_LVALUE_EXPR;
}

/* T without the conversions that keep every value of what they convert;
   *EXACT is cleared when a conversion that may change values stops the
   stripping.  */
tree
strip_exact (tree t, bool *exact)
{
  while (conversion_p (t))
    {
      tree inner = TREE_OPERAND (t, 0);
      tree from = TREE_TYPE (inner), to = TREE_TYPE (t);
      if (!INTEGRAL_TYPE_P (from) || !INTEGRAL_TYPE_P (to)
	  || !defer_rules::keeps_values (TYPE_PRECISION (from),
					 !TYPE_UNSIGNED (from),
					 TYPE_PRECISION (to),
					 !TYPE_UNSIGNED (to)))
	{
	  *exact = false;
	  return t;
	}
      t = inner;
    }
  return t;
}

/* The truth value of T, through conversions of it (which keep it).  */
tree
strip_truth (tree t)
{
  while (conversion_p (t))
    t = TREE_OPERAND (t, 0);
  return t;
}

/* The variable of T after conversions that keep values, else through
   any conversion with *EXACT cleared; none if T is no variable.  */
int
compared_var (const defer_scan &scan, tree t, bool *exact)
{
  t = strip_exact (t, exact);
  while (conversion_p (t))
    t = TREE_OPERAND (t, 0);
  return var_id (scan, t);
}

/* The constant T stands for in the comparison, if it is one.  */
bool
limit_of (tree t, long long *limit)
{
  bool exact = true;
  t = strip_exact (t, &exact);
  if (TREE_CODE (t) != INTEGER_CST || !tree_fits_shwi_p (t))
    return false;
  *limit = tree_to_shwi (t);
  return true;
}

bool
op_of (tree_code code, Comparison::Op *op)
{
  switch (code)
    {
    case LT_EXPR:
      *op = Comparison::lt;
      return true;
    case LE_EXPR:
      *op = Comparison::le;
      return true;
    case NE_EXPR:
      *op = Comparison::ne;
      return true;
    default:
      return false;
    }
}

/* The variable `v++` or `++v` steps by one, else null.  */
tree
incremented (tree t)
{
  t = t ? strip_truth (t) : NULL_TREE;
  if (!t || (TREE_CODE (t) != POSTINCREMENT_EXPR
	     && TREE_CODE (t) != PREINCREMENT_EXPR)
      || !integer_onep (TREE_OPERAND (t, 1)))
    return NULL_TREE;
  return TREE_OPERAND (t, 0);
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

bool
pure_reads (const defer_scan &scan, tree t, std::vector<int> *vars)
{
  if (CONSTANT_CLASS_P (t))
    return true;
  if (VAR_P (t) || TREE_CODE (t) == PARM_DECL)
    {
      int v = var_id (scan, t);
      if (v == none)
	return false;
      vars->push_back (v);
      return true;
    }
  if (TREE_SIDE_EFFECTS (t)
      || !(UNARY_CLASS_P (t) || BINARY_CLASS_P (t) || COMPARISON_CLASS_P (t)
	   || TREE_CODE (t) == TRUTH_ANDIF_EXPR
	   || TREE_CODE (t) == TRUTH_ORIF_EXPR
	   || TREE_CODE (t) == TRUTH_AND_EXPR
	   || TREE_CODE (t) == TRUTH_OR_EXPR
	   || TREE_CODE (t) == TRUTH_XOR_EXPR
	   || TREE_CODE (t) == TRUTH_NOT_EXPR || conversion_p (t)))
    return false;
  for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
    if (!pure_reads (scan, TREE_OPERAND (t, i), vars))
      return false;
  return true;
}

struct size_walk
{
  const defer_scan *scan;
  std::vector<int> *vars;
};

tree
size_var_r (tree *tp, int *, void *data)
{
  size_walk *w = static_cast<size_walk *> (data);
  int v = var_id (*w->scan, *tp);
  if (v != none
      && std::find (w->vars->begin (), w->vars->end (), v) == w->vars->end ())
    w->vars->push_back (v);
  return NULL_TREE;
}

} // namespace

Comparison
loop_test (const defer_scan &scan, tree cond)
{
  Comparison c;
  if (!cond)
    return c;
  cond = strip_truth (cond);
  Comparison::Op op;
  long long limit;
  if (!op_of (TREE_CODE (cond), &op)
      || !limit_of (TREE_OPERAND (cond, 1), &limit))
    return c;
  c.exact = true;
  c.var = compared_var (scan, TREE_OPERAND (cond, 0), &c.exact);
  c.op = op;
  c.limit = limit;
  return c;
}

int
stepped_var (const defer_scan &scan, tree step)
{
  tree v = incremented (step);
  return v ? var_id (scan, v) : none;
}

int
body_stepped_var (const defer_scan &scan, tree body)
{
  return stepped_var (scan, first_statement (body));
}

/* `if (++v < K) goto L;` (or <=).  */
Comparison
counted_goto_test (const defer_scan &scan, tree cond)
{
  Comparison c;
  cond = strip_truth (cond);
  Comparison::Op op;
  long long limit;
  if (!op_of (TREE_CODE (cond), &op) || op == Comparison::ne
      || !limit_of (TREE_OPERAND (cond, 1), &limit))
    return c;
  bool exact = true;
  tree step = strip_exact (TREE_OPERAND (cond, 0), &exact);
  while (conversion_p (step))
    step = TREE_OPERAND (step, 0);
  if (TREE_CODE (step) != PREINCREMENT_EXPR
      || !integer_onep (TREE_OPERAND (step, 1)))
    return c;
  c.var = var_id (scan, TREE_OPERAND (step, 0));
  c.op = op;
  c.limit = limit;
  c.exact = exact;
  return c;
}

defer_rules::Guard
guard_facts (const defer_scan &scan, tree cond, unsigned at)
{
  defer_rules::Guard g;
  g.at = at;
  g.pure = pure_reads (scan, cond, &g.vars);
  return g;
}

std::vector<int>
size_vars (const defer_scan &scan, tree type)
{
  std::vector<int> vars;
  size_walk w = {&scan, &vars};
  while (POINTER_TYPE_P (type) || TREE_CODE (type) == ARRAY_TYPE)
    {
      if (TREE_CODE (type) == ARRAY_TYPE && TYPE_DOMAIN (type))
	{
	  tree max = TYPE_MAX_VALUE (TYPE_DOMAIN (type));
	  if (max)
	    walk_tree_without_duplicates (&max, size_var_r, &w);
	}
      type = TREE_TYPE (type);
    }
  return vars;
}

} // namespace defer_gcc
