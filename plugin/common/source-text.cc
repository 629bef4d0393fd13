/* The rules of source-text.h.  */

#include "source-text.h"

#include <cctype>
#include <set>

namespace defer_rules {

namespace {

bool
word_char (char c)
{
  return std::isalnum ((unsigned char) c) || c == '_' || c == '$';
}

size_t
line_start (std::string_view text, size_t i)
{
  size_t nl = i ? text.rfind ('\n', i - 1) : std::string_view::npos;
  return nl == std::string_view::npos ? 0 : nl + 1;
}

/* Where a `//` comment starts in the line from START to END, outside
   strings, characters and block comments, else END.  */
size_t
line_comment (std::string_view text, size_t start, size_t end)
{
  char quote = 0;
  bool block = false;
  for (size_t i = start; i < end; i++)
    {
      char c = text[i], next = i + 1 < end ? text[i + 1] : 0;
      if (block)
	{
	  if (c == '*' && next == '/')
	    block = false, i++;
	}
      else if (quote)
	{
	  if (c == '\\')
	    i++;
	  else if (c == quote)
	    quote = 0;
	}
      else if (c == '"' || c == '\'')
	quote = c;
      else if (c == '/' && next == '*')
	block = true, i++;
      else if (c == '/' && next == '/')
	return i;
    }
  return end;
}

bool
directive_line (std::string_view text, size_t start, size_t end)
{
  while (start < end && (text[start] == ' ' || text[start] == '\t'))
    start++;
  return start < end && text[start] == '#';
}

} // namespace

std::string
token_before (std::string_view text, size_t offset)
{
  size_t i = offset;
  while (i > 0)
    {
      if (std::isspace ((unsigned char) text[i - 1]))
	{
	  i--;
	  continue;
	}
      if (i >= 2 && text[i - 1] == '/' && text[i - 2] == '*')
	{
	  size_t open = i >= 3 ? text.rfind ("/*", i - 3) : std::string_view::npos;
	  i = open == std::string_view::npos ? 0 : open;
	  continue;
	}
      size_t start = line_start (text, i);
      size_t comment = line_comment (text, start, i);
      if (comment < i)
	{
	  i = comment;
	  continue;
	}
      if (directive_line (text, start, i))
	{
	  i = start;
	  continue;
	}
      if (!word_char (text[i - 1]))
	return std::string (1, text[i - 1]);
      size_t s = i;
      while (s > 0 && word_char (text[s - 1]))
	s--;
      return std::string (text.substr (s, i - s));
    }
  return "";
}

/* The offset of the first character after I that is neither space nor
   part of a comment.  */
size_t
skip_blanks (std::string_view text, size_t i)
{
  while (i < text.size ())
    {
      if (std::isspace ((unsigned char) text[i]))
	i++;
      else if (text.compare (i, 2, "/*") == 0)
	{
	  size_t close = text.find ("*/", i + 2);
	  i = close == std::string_view::npos ? text.size () : close + 2;
	}
      else if (text.compare (i, 2, "//") == 0)
	{
	  size_t nl = text.find ('\n', i);
	  i = nl == std::string_view::npos ? text.size () : nl + 1;
	}
      else
	break;
    }
  return i;
}

std::string
word_after (std::string_view text, size_t offset, size_t length)
{
  size_t s = skip_blanks (text, offset + length), i = s;
  while (i < text.size () && word_char (text[i]))
    i++;
  return std::string (text.substr (s, i - s));
}

long
label_after (std::string_view text, size_t offset, size_t length)
{
  size_t s = skip_blanks (text, offset + length), i = s;
  if (i >= text.size () || std::isdigit ((unsigned char) text[i]))
    return -1;
  while (i < text.size () && word_char (text[i]))
    i++;
  if (i == s)
    return -1;
  std::string word (text.substr (s, i - s));
  if (word == "default" || word == "case")
    return -1;
  i = skip_blanks (text, i);
  if (i < text.size () && text[i] == ':'
      && (i + 1 >= text.size () || text[i + 1] != ':'))
    return s;
  return -1;
}

bool
identifier_follows (const std::string &previous)
{
  static const std::set<std::string> words = {
    "_Alignof", "alignof", "case", "goto", "return", "sizeof"};
  if (previous.size () == 1)
    return std::string_view ("=+-*/%&|^!~<>?[.").find (previous[0])
	   != std::string_view::npos;
  return words.count (previous) != 0 || starts_declaration (previous);
}

bool
starts_declaration (const std::string &word)
{
  static const std::set<std::string> keywords = {
    "_Alignas", "_Atomic", "_BitInt", "_Bool", "_Complex", "_Decimal128",
    "_Decimal32", "_Decimal64", "_Float128", "_Float16", "_Float32",
    "_Float64", "_Imaginary", "_Noreturn", "_Static_assert",
    "_Thread_local", "__int128", "__thread", "__typeof__", "alignas",
    "auto", "bool", "char", "const", "double", "enum", "extern", "float",
    "inline", "int", "long", "register", "restrict", "short", "signed",
    "static", "static_assert", "struct", "thread_local", "typedef",
    "typeof", "typeof_unqual", "union", "unsigned", "void", "volatile"};
  return keywords.count (word) != 0;
}

std::string
defer_as_identifier (const std::string &spelling)
{
  return "'" + spelling + "' is a statement while the defer plugin is "
	 "loaded: to use it as an identifier, compile with "
	 "-fplugin-arg-defer-no-keyword, and write the statement '__defer'";
}

const char *const deferred_declaration
  = "a deferred statement cannot be a declaration: declare the variable "
    "before the 'defer', or put the declaration in braces";

} // namespace defer_rules
