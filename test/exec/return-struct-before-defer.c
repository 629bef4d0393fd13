/* SPDX-License-Identifier: MIT */
// A struct returned by value is copied before the deferred blocks run: a
// defer that modifies the returned variable (directly or through a pointer)
// does not change what the caller receives, whatever the caller does with it.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

struct pair {
  int a, b;
};

static struct pair make(int a) {
  struct pair s = {a, a + 1};
  struct pair *alias = &s;
  defer {
    s.a = -1;
    alias->b = -2;
    printf("defer: s = {%d, %d}\n", s.a, s.b);
  }
  return s;
}

static struct pair make_two_exits(int a) {
  struct pair s = {0, 0};
  defer s.a = s.b = 99;
  s.a = a;
  if (a < 0)
    return s;
  s.b = a * 2;
  return s;
}

int main(void) {
  struct pair r = make(5);
  printf("init: {%d, %d}\n", r.a, r.b);
  r = make(7);
  printf("assign: {%d, %d}\n", r.a, r.b);
  printf("member: %d\n", make(9).b);
  r = make_two_exits(-3);
  printf("early exit: {%d, %d}\n", r.a, r.b);
  r = make_two_exits(4);
  printf("late exit: {%d, %d}\n", r.a, r.b);
  return 0;
}

// CHECK:      defer: s = {-1, -2}
// CHECK-NEXT: init: {5, 6}
// CHECK-NEXT: defer: s = {-1, -2}
// CHECK-NEXT: assign: {7, 8}
// CHECK-NEXT: defer: s = {-1, -2}
// CHECK-NEXT: member: 10
// CHECK-NEXT: early exit: {-3, 0}
// CHECK-NEXT: late exit: {4, 8}
