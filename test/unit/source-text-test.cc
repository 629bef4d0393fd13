/* The source-text rules (plugin/common/source-text.h) and the option
   parser (plugin/common/options.h).  */

#include "harness.h"
#include "options.h"
#include "source-text.h"

using namespace defer_rules;

static std::string
before (const std::string &text)
{
  return token_before (text, text.find ("defer"));
}

TEST (statement_positions)
{
  EXPECT_EQ (before ("x = 1; defer f ();"), std::string (";"));
  EXPECT_EQ (before ("{\n  defer f ();"), std::string ("{"));
  EXPECT_EQ (before ("if (p)\n    defer free (p);"), std::string (")"));
  EXPECT_EQ (before ("else defer g ();"), std::string ("else"));
  EXPECT_EQ (before ("case 1: defer g ();"), std::string (":"));
  EXPECT_EQ (before ("defer g ();"), std::string (""));
  EXPECT_EQ (before ("#include <x.h>\ndefer g ();"), std::string (""));
  EXPECT (!identifier_follows (before ("x; /* c */ defer g ();")));
  EXPECT (!identifier_follows (before ("x; // c\n defer g ();")));
  EXPECT (!identifier_follows (before ("x; /* a\n b */\n defer g ();")));
  EXPECT (!identifier_follows (before ("s = \"//\"; defer g ();")));
  EXPECT (!identifier_follows (before ("if (p) defer g ();")));
  EXPECT (!identifier_follows (before ("lbl: defer g ();")));
  EXPECT (!identifier_follows (before ("do defer g (); while (0);")));
  /* A macro's argument may hold a statement.  */
  EXPECT (!identifier_follows (before ("WITH (m, defer unlock (m));")));
  EXPECT (!identifier_follows (before ("X (defer g ());")));
}

TEST (identifier_positions)
{
  EXPECT_EQ (before ("struct defer {"), std::string ("struct"));
  EXPECT (identifier_follows (before ("struct defer {")));
  EXPECT (identifier_follows (before ("int defer = 3;")));
  EXPECT (identifier_follows (before ("static int *defer;")));
  EXPECT (identifier_follows (before ("x = defer;")));
  EXPECT (identifier_follows (before ("x = 1 + defer;")));
  EXPECT (identifier_follows (before ("p->defer = 1;")));
  EXPECT (identifier_follows (before ("s.defer = 1;")));
  EXPECT (identifier_follows (before ("a[defer] = 1;")));
  EXPECT (identifier_follows (before ("return defer;")));
  EXPECT (identifier_follows (before ("goto defer;")));
  EXPECT (identifier_follows (before ("n = sizeof defer;")));
}

TEST (declarations_after_defer)
{
  std::string text = "defer /* c */ int x = 1;";
  EXPECT_EQ (word_after (text, 0, 5), std::string ("int"));
  EXPECT (starts_declaration (word_after (text, 0, 5)));
  EXPECT (!starts_declaration (word_after ("defer free (p);", 0, 5)));
  EXPECT_EQ (word_after ("defer { int x; }", 0, 5), std::string (""));
}

TEST (options_and_near_misses)
{
  Options o;
  std::string error;
  EXPECT (parse_option ("report", o, &error) && o.report);
  EXPECT (parse_option ("Wno-copy", o, &error) && !o.warning_enabled ("copy"));
  EXPECT (parse_option ("Wcopy", o, &error) && o.warning_enabled ("copy"));
  EXPECT (!parse_option ("repot", o, &error));
  EXPECT_EQ (error, std::string ("unknown option '-fplugin-arg-defer-repot'; "
				 "did you mean '-fplugin-arg-defer-report'?"));
  EXPECT (!parse_option ("frobnicate", o, &error));
  EXPECT_EQ (error, std::string ("unknown option "
				 "'-fplugin-arg-defer-frobnicate'"));
  EXPECT (parse_option ("version", o, &error) && o.version);
  EXPECT_EQ (version_line ("GCC 12.2.0"),
	     std::string ("defer ") + DEFER_VERSION_STRING
	       + " (plugin for GCC 12.2.0)");
}

TEST (labels_after_scoped_defer)
{
  EXPECT_EQ (label_after ("_Defer L: g ();", 0, 6), 7L);
  EXPECT_EQ (label_after ("_Defer /* c */ out :\n g ();", 0, 6), 15L);
  EXPECT_EQ (label_after ("_Defer g ();", 0, 6), -1L);
  EXPECT_EQ (label_after ("_Defer x ? a : b;", 0, 6), -1L);
  EXPECT_EQ (label_after ("_Defer { L: g (); }", 0, 6), -1L);
  EXPECT_EQ (label_after ("_Defer std::x;", 0, 6), -1L);
  EXPECT_EQ (label_after ("_Defer default: ;", 0, 6), -1L);
}
