/* Rules that look at the source text around a `defer` as it is expanded,
   before the compiler's parser sees the expansion: whether the word stands
   where only an identifier can (the code uses `defer` as one), and whether what follows it starts a declaration (which a
   deferred statement cannot be).  Each plugin hands over the text of the
   file and the offset of the `defer`.  */

#ifndef DEFER_SOURCE_TEXT_H
#define DEFER_SOURCE_TEXT_H

#include <string>
#include <string_view>

namespace defer_rules {

/* The C token before OFFSET in TEXT, skipping white space, comments and
   preprocessor directives; "" at the start of the file.  Only as much of
   a token as tells what it is: a word whole, punctuation one character.  */
std::string token_before (std::string_view text, size_t offset);

/* The word (identifier or keyword) that follows the token of LENGTH
   characters at OFFSET, skipping white space and comments; "" if what
   follows is no word.  */
std::string word_after (std::string_view text, size_t offset, size_t length);
/* The offset of a label (`name:`) that follows the word of LENGTH at
   OFFSET, or -1: the TS does not allow one as a `_Defer`'s statement.  */
long label_after (std::string_view text, size_t offset, size_t length);

/* Whether the word after the token PREVIOUS can only be an identifier,
   never a statement: after an operator, `.`, `->`, `[`, `?`, a type
   keyword, `struct`, `goto`, `return`, `case` or `sizeof`.  After `(`
   and `,` the word may start a statement in a macro's argument, so
   those are left to the parser.  */
bool identifier_follows (const std::string &previous);

/* Whether WORD can only start a declaration: a type keyword, a storage
   class, a qualifier, struct, union, enum, typedef, _Static_assert.
   (A typedef name cannot be told from the text.)  */
bool starts_declaration (const std::string &word);

/* The messages for both.  */
std::string defer_as_identifier (const std::string &spelling);
extern const char *const deferred_declaration;

} // namespace defer_rules

#endif
