// SPDX-License-Identifier: MIT
/* Runs every unit test of the shared rules; exits 1 if any check failed.  */

#include "harness.h"

int
main ()
{
  for (const unit::Test &t : unit::tests ())
    {
      int before = unit::failures ();
      t.body ();
      std::printf ("%s %s\n", unit::failures () == before ? "PASS" : "FAIL",
		   t.name);
    }
  std::printf ("%zu tests, %d failed checks\n", unit::tests ().size (),
	       unit::failures ());
  return unit::failures () ? 1 : 0;
}
