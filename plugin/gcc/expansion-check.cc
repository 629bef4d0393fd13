/* Where the `defer` macro is expanded: the source text says whether the
   word stands where a statement can start (else the code uses `defer` as
   an identifier) and whether a declaration follows it (which a deferred
   statement cannot be); the shared rules of source-text.h decide.  Either
   mistake would otherwise give only the parser's errors about the
   expansion ("expected '{' before '#pragma'"); it is one fatal error at
   the word instead.  libcpp tells of every expansion through its `used`
   callback, before the parser sees the tokens.  */

#include "defer-gcc.h"
#include "keywords.h"
#include "source-text.h"

#include <map>

namespace defer_gcc {

namespace {

void (*next_used) (cpp_reader *, location_t, cpp_hashnode *);
void (*next_define) (cpp_reader *, location_t, cpp_hashnode *);

/* The text of each file a `defer` was expanded in, read once.  */
const std::string *
file_text (const char *path)
{
  static std::map<std::string, std::string> texts;
  auto found = texts.find (path);
  if (found != texts.end ())
    return &found->second;
  FILE *f = fopen (path, "rb");
  if (!f)
    return NULL;
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread (buf, 1, sizeof buf, f)) > 0)
    text.append (buf, n);
  fclose (f);
  return &texts.emplace (path, std::move (text)).first->second;
}

/* The offset of LINE:COLUMN (1-based, columns in bytes) in TEXT.  */
bool
offset_of (const std::string &text, int line, int column, size_t *offset)
{
  size_t at = 0;
  for (int l = 1; l < line; l++)
    {
      at = text.find ('\n', at);
      if (at == std::string::npos)
	return false;
      at++;
    }
  *offset = at + column - 1;
  return *offset < text.size ();
}

/* The text of the file NAME is spelled in at LOC, and its offset there;
   null when it was produced by another macro: a macro's body tells
   nothing of where it will be used.  */
const std::string *
spelled_at (location_t loc, const char *name, size_t *at)
{
  if (linemap_location_from_macro_expansion_p (line_table, loc))
    return NULL;
  expanded_location x = expand_location (loc);
  const std::string *text = x.file ? file_text (x.file) : NULL;
  if (!text || !offset_of (*text, x.line, x.column, at)
      || text->compare (*at, strlen (name), name) != 0)
    return NULL;
  return text;
}

/* Under GCC 11 (DEFER_GCC_PRAGMA_IS_STATEMENT) the pragma that starts a
   `_Defer` would be the whole body of an if, else, for, while or do, and
   the statement to defer would follow the if or the loop: it would run
   when the enclosing block ends, not when the body does.  That pragma
   is the parser's, for its block (keyword.cc), so such a body needs
   braces there.  */
void
check_scoped_body (location_t loc, const char *name)
{
  size_t at;
  const std::string *text = spelled_at (loc, name, &at);
  if (!text)
    return;
  std::string before = defer_rules::token_before (*text, at);
  if (before == ")" || before == "else" || before == "do")
    fatal_error (loc, "%qs as the whole body of an if, else, for, while or "
		 "do statement needs braces under GCC 11", name);
}

/* `_Defer L: X;`: the TS does not allow a label there (the marker loop
   would take it).  */
void
check_scoped_expansion (location_t loc, const char *name)
{
  size_t at;
  const std::string *text = spelled_at (loc, name, &at);
  long label = text ? defer_rules::label_after (*text, at, strlen (name)) : -1;
  if (label >= 0)
    error_at (linemap_position_for_loc_and_offset (line_table, loc,
						   label - at),
	      "%s", defer_rules::msg::label_as_scoped_body);
}

void
check_expansion (location_t loc, const char *name)
{
  size_t at;
  const std::string *text = spelled_at (loc, name, &at);
  if (!text)
    return;
  if (defer_rules::identifier_follows (
	defer_rules::token_before (*text, at)))
    fatal_error (loc, "%s", defer_rules::defer_as_identifier (name).c_str ());
  if (defer_rules::starts_declaration (
	defer_rules::word_after (*text, at, strlen (name))))
    fatal_error (loc, "%s", defer_rules::deferred_declaration);
}

/* Where the last `defer` or `__defer` was expanded.  */
location_t last_keyword = UNKNOWN_LOCATION;

void
on_expansion (cpp_reader *reader, location_t loc, cpp_hashnode *node)
{
  const char *name = (const char *) NODE_NAME (node);
  if (!strcmp (name, "_Defer") || (defer_opts.ts && !strcmp (name, "defer")))
    {
      check_scoped_expansion (loc, name);
      if (DEFER_GCC_PRAGMA_IS_STATEMENT)
	check_scoped_body (loc, name);
    }
  else if (!strcmp (name, "defer") || !strcmp (name, "__defer"))
    {
      last_keyword = loc;
      check_expansion (loc, name);
    }
  if (next_used)
    next_used (reader, loc, node);
}

/* A #define of the plugin's words in the code: the plugin's own are made
   under <built-in>.  The shared rules decide from the name and the
   replacement text ("defer _Defer" is what libcpp gives for <stddefer.h>'s
   definition).  */
void
on_definition (cpp_reader *reader, location_t loc, cpp_hashnode *node)
{
  const char *file = LOCATION_FILE (loc);
  if (loc > BUILTINS_LOCATION && file && strcmp (file, "<built-in>"))
    {
      std::string name = (const char *) NODE_NAME (node);
      std::string text = (const char *) cpp_macro_definition (reader, node);
      std::string body = text.size () > name.size () + 1
			   ? text.substr (name.size () + 1) : "";
      if (text.compare (name.size (), 1, "(") == 0)
	body = text.substr (name.size ());
      std::string error = defer_rules::check_redefinition (defer_opts, false,
							   name, body);
      if (!error.empty ())
	fatal_error (loc, "%s", error.c_str ());
    }
  if (next_define)
    next_define (reader, loc, node);
}

} // namespace

location_t
last_keyword_expansion (void)
{
  return last_keyword;
}

void
watch_expansions (void)
{
  cpp_callbacks *cb = cpp_get_callbacks (parse_in);
  if (cb->used == on_expansion)
    return;
  next_used = cb->used;
  cb->used = on_expansion;
  next_define = cb->define;
  cb->define = on_definition;
}

} // namespace defer_gcc
