// SPDX-License-Identifier: MIT
/* The words each mode predefines, and which #define of them is refused
   (plugin/common/keywords.h).  */

#include "harness.h"
#include "keywords.h"

#include <string>

using namespace defer_rules;

static std::string
body_of (const std::vector<Macro> &list, const std::string &name)
{
  for (const Macro &m : list)
    if (m.name == name)
      return m.body;
  return "<undefined>";
}

TEST (default_mode_defines_go_style_defer_and_scoped_defer)
{
  Options o;
  std::vector<Macro> m = keyword_macros (o, false);
  EXPECT_EQ (body_of (m, "defer"), std::string (go_expansion));
  EXPECT_EQ (body_of (m, "__defer"), std::string (go_expansion));
  EXPECT_EQ (body_of (m, "_Defer"), std::string (scoped_expansion));
  EXPECT_EQ (body_of (m, "__STDC_DEFER_TS25755__"), std::string ("<undefined>"));
  /* A compiler with its own _Defer keeps it.  */
  EXPECT_EQ (body_of (keyword_macros (o, true), "_Defer"),
	     std::string ("<undefined>"));
}

TEST (ts_mode_makes_defer_the_scoped_one)
{
  Options o;
  o.ts = true;
  std::vector<Macro> m = keyword_macros (o, false);
  EXPECT_EQ (body_of (m, "defer"), std::string ("_Defer"));
  EXPECT_EQ (body_of (m, "__defer"), std::string (go_expansion));
  EXPECT_EQ (body_of (m, "__STDC_DEFER_TS25755__"), std::string ("1"));
}

TEST (no_keyword_mode_leaves_defer_alone)
{
  Options o;
  o.keyword = false;
  EXPECT_EQ (body_of (keyword_macros (o, false), "defer"),
	     std::string ("<undefined>"));
  EXPECT_EQ (check_redefinition (o, false, "defer", "_Defer"), std::string (""));
  EXPECT_EQ (check_redefinition (o, false, "defer", "x"), std::string (""));
}

TEST (stddefer_h_is_refused_with_the_ts_option_named)
{
  Options o;
  std::string e = check_redefinition (o, false, "defer", "_Defer");
  EXPECT (e.find ("-fplugin-arg-defer-ts") != std::string::npos);
  e = check_redefinition (o, false, "defer", "(x) ((x) * 2)");
  EXPECT (e.find ("-fplugin-arg-defer-no-keyword") != std::string::npos);
}

TEST (ts_mode_accepts_stddefer_h_only)
{
  Options o;
  o.ts = true;
  EXPECT_EQ (check_redefinition (o, false, "defer", "_Defer"), std::string (""));
  EXPECT (!check_redefinition (o, false, "defer", "1").empty ());
}

TEST (the_plugins_own_statements_cannot_be_redefined)
{
  Options o;
  EXPECT (!check_redefinition (o, false, "__defer", "x").empty ());
  EXPECT (!check_redefinition (o, false, "_Defer", "x").empty ());
  /* Clang's own keyword is Clang's business.  */
  EXPECT_EQ (check_redefinition (o, true, "_Defer", "x"), std::string (""));
  EXPECT_EQ (check_redefinition (o, false, "other", "x"), std::string (""));
}
