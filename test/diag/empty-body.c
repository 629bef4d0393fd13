/* SPDX-License-Identifier: MIT */
// An empty deferred block draws the empty-body warning at the `defer`
// (-Wempty-body, which GCC's -Wextra enables); a block with a statement
// does not.  GCC cannot tell `defer;` from `defer {}` or see where the
// semicolon is, so both forms warn, without Clang's "separate line" note;
// nor `{ ; }` from `{}`, so braces around null statements are empty too.
// RUN: %cc -Wempty-body -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %if gcc %{ %cc -Wextra -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: %}
// RUN: %cc -Wextra -Werror -DNOT_EMPTY -c %s -o /dev/null
// -Wno-empty-body silences it in both compilers, -w too.  Without flags,
// each compiler does as with its own empty bodies (`if (x);`): GCC is
// silent, Clang warns.
// RUN: %cc -Wextra -Wno-empty-body -c %s -o /dev/null 2>&1 | count 0
// RUN: %cc -w -c %s -o /dev/null 2>&1 | count 0
// RUN: %if gcc %{ %cc -c %s -o /dev/null 2>&1 | count 0 %}
// RUN: %if clang %{ %cc -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=CLANG %}
// CLANG: warning: defer statement has empty body [-Wempty-body]

void g(void);

#ifndef NOT_EMPTY
void f(void) {
  defer;
  // CHECK: {{.*}}.c:[[@LINE-1]]:3: warning: defer statement has empty body
  defer {}
  // CHECK: {{.*}}.c:[[@LINE-1]]:3: warning: defer statement has empty body
  defer { ; ; }
  // CHECK: {{.*}}.c:[[@LINE-1]]:3: warning: defer statement has empty body
}
#endif

void h(void) {
  defer g();
  defer { g(); }
  defer { ; g(); }
}
