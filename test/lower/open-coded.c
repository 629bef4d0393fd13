// Sites that run at most once per call become bits of a mask; returns
// store their value and jump to the blocks, which run newest first under
// their bits; defer_result is the stored value.  The lowered file builds
// without the plugin and behaves as the original.
// REQUIRES: defer-lower
// RUN: %defer-lower %s -- -I%runtime-include > %t.c
// RUN: grep -v "^//" %t.c | FileCheck %s --check-prefix=TEXT
// RUN: %gcc -Wall -Werror -I%runtime-include %t.c -o %t.gcc && %t.gcc | FileCheck %s
// RUN: %clang -Wall -Werror -I%runtime-include %t.c -o %t.clang && %t.clang | FileCheck %s
// RUN: %if tcc %{ tcc -I%runtime-include %t.c -o %t.tcc && %t.tcc | FileCheck %s %}
// RUN: %cc %s -o %t.plugin && %t.plugin | FileCheck %s

#include <defer.h>
#include <stdio.h>

static int f(int n) {
  defer puts("A");
  if (n > 0) {
    defer puts("B");
  }
  defer {
    if (defer_result < 0)
      defer_result = 0;
  }
  puts("body");
  if (n > 5)
    return -n;
  return n;
}

int main(void) {
  printf("%d\n", f(1));
  printf("%d\n", f(0));
  printf("%d\n", f(7));
  return 0;
}

// TEXT: static int f(int n) { unsigned long long __defer_mask = 0; int __defer_rv = {0};
// TEXT-NEXT: __defer_mask |= 0x1ull;
// TEXT-NEXT: if (n > 0) {
// TEXT-NEXT: __defer_mask |= 0x2ull;
// TEXT: __defer_mask |= 0x4ull;
// TEXT: { __defer_rv = ( -n); goto __defer_done; }
// TEXT-NEXT: { __defer_rv = ( n); goto __defer_done; }
// TEXT: __defer_done:;
// TEXT-NEXT: if (__defer_mask & 0x4ull) {
// TEXT: if (__defer_rv < 0)
// TEXT-NEXT: __defer_rv = 0;
// TEXT: if (__defer_mask & 0x2ull) {
// TEXT: if (__defer_mask & 0x1ull) {
// TEXT: return __defer_rv;

// CHECK:      body
// CHECK-NEXT: B
// CHECK-NEXT: A
// CHECK-NEXT: 1
// CHECK-NEXT: body
// CHECK-NEXT: A
// CHECK-NEXT: 0
// CHECK-NEXT: body
// CHECK-NEXT: B
// CHECK-NEXT: A
// CHECK-NEXT: 0
