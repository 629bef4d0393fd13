/* SPDX-License-Identifier: MIT */
/* A minimal unit-test harness for the shared rules (no dependencies):
   TEST (name) { ... } defines a test, EXPECT (cond) and EXPECT_EQ (a, b)
   check, and main () runs every test and exits non-zero on a failure.  */

#ifndef DEFER_UNIT_HARNESS_H
#define DEFER_UNIT_HARNESS_H

#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace unit {

struct Test
{
  const char *name;
  std::function<void ()> body;
};

inline std::vector<Test> &
tests ()
{
  static std::vector<Test> all;
  return all;
}

inline int &
failures ()
{
  static int n = 0;
  return n;
}

struct Register
{
  Register (const char *name, std::function<void ()> body)
  {
    tests ().push_back ({name, std::move (body)});
  }
};

inline void
fail (const char *file, int line, const std::string &what)
{
  std::fprintf (stderr, "%s:%d: FAILED: %s\n", file, line, what.c_str ());
  failures ()++;
}

template <typename A, typename B>
void
expect_eq (const A &a, const B &b, const char *as, const char *bs,
	   const char *file, int line)
{
  if (a == b)
    return;
  std::ostringstream out;
  out << as << " == " << bs << " (" << a << " vs " << b << ")";
  fail (file, line, out.str ());
}

} // namespace unit

#define TEST(name)                                                            \
  static void test_##name ();                                                 \
  static unit::Register register_##name (#name, test_##name);                 \
  static void test_##name ()

#define EXPECT(cond)                                                          \
  ((cond) ? (void) 0 : unit::fail (__FILE__, __LINE__, #cond))

#define EXPECT_EQ(a, b)                                                       \
  unit::expect_eq ((a), (b), #a, #b, __FILE__, __LINE__)

#endif
