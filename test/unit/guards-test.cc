// SPDX-License-Identifier: MIT
/* Guard stability (plugin/common/guards.h): `if (c) defer X;` tests c
   again at exit only when nothing can change what c reads.  */

#include "builder.h"
#include "guards.h"
#include "harness.h"

using namespace unit;

static Builder
guarded (bool pure = true)
{
  Builder b;
  int c = b.var ("c", 0);
  b.fn.guards.push_back ({10, pure, {c}});
  int s = b.site (11, 12);
  b.fn.sites[s].guard = 0;
  return b;
}

TEST (guard_unwritten_is_stable)
{
  Builder b = guarded ();
  b.write (0, 5); /* before the if */
  EXPECT (guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_written_after_is_unstable)
{
  Builder b = guarded ();
  b.write (0, 20);
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_written_by_asm_after_is_unstable)
{
  Builder b = guarded ();
  b.write (0, 20, WriteKind::asm_output);
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_written_in_a_deferred_block_is_unstable)
{
  Builder b = guarded ();
  b.write (0, 5, WriteKind::assign, 0);
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_reading_memory_or_calling_is_unstable)
{
  Builder b = guarded (false);
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_of_an_addressed_or_volatile_variable_is_unstable)
{
  Builder b = guarded ();
  b.fn.vars[0].address_taken = true;
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
  b.fn.vars[0].address_taken = false;
  b.fn.vars[0].is_volatile = true;
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}

TEST (guard_of_constants_is_stable)
{
  Builder b;
  b.fn.guards.push_back ({10, true, {}}); /* an enum constant, a sizeof */
  EXPECT (guard_is_stable (b.fn, b.fn.guards[0]));
  b.fn.has_nested_functions = true;
  EXPECT (!guard_is_stable (b.fn, b.fn.guards[0]));
}
