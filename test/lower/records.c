// A `defer` in a loop pushes one of libdefer's records per registration,
// holding its own copy of the loop's variables; the exit pops them newest
// first and runs each block with its copies.  The lowered file builds
// without the plugin and behaves as the original.
// REQUIRES: defer-lower
// RUN: %defer-lower %s -- -I%runtime-include > %t.c
// RUN: grep -v "^//" %t.c | FileCheck %s --check-prefix=TEXT
// RUN: %gcc -Wall -Werror -I%runtime-include %t.c -o %t.gcc -L%runtime-libdir -Wl,-rpath,%runtime-libdir -ldefer && %t.gcc | FileCheck %s
// RUN: %clang -Wall -Werror -I%runtime-include %t.c -o %t.clang -L%runtime-libdir -Wl,-rpath,%runtime-libdir -ldefer && %t.clang | FileCheck %s
// RUN: %if tcc %{ tcc -I%runtime-include %t.c -o %t.tcc -L%runtime-libdir -Wl,-rpath=%runtime-libdir -ldefer && %t.tcc | FileCheck %s %}
// RUN: %cc %s -o %t.plugin && %t.plugin | FileCheck %s

#include <stdio.h>

struct pair { int a, b; };

static void loop(int n) {
  for (int i = 0; i < n; i++) {
    struct pair p = {i, i * 10};
    char tag[4] = "t";
    tag[1] = (char)('0' + i);
    defer printf("%s %d %d\n", tag, p.a, p.b);
  }
  puts("loop done");
}

int main(void) {
  loop(3);
  loop(0);
  return 0;
}

// TEXT: #include <defer-runtime.h>
// TEXT: __DEFER_LOWER_NOINLINE static void loop(int n) { struct __defer_rec0 { struct __defer_record h; char tag[4]; struct pair p; }; struct __defer_frame __defer_fr = {0};
// TEXT: { struct __defer_rec0 *__defer_r0 = (struct __defer_rec0 *) __defer_lower_alloc (&__defer_fr, sizeof (struct __defer_rec0), _Alignof (struct __defer_rec0));
// TEXT-SAME: memcpy ((void *) &__defer_r0->tag, (const void *) &tag, sizeof __defer_r0->tag);
// TEXT-SAME: __defer_r0->h.site = 0; __defer_r0->h.next = __defer_fr.top; __defer_fr.top = &__defer_r0->h; }
// TEXT-NEXT: }
// TEXT-NEXT: puts("loop done");
// TEXT: __defer_done:;
// TEXT-NEXT: while (__defer_fr.top) {
// TEXT: case 0: {
// TEXT: #line [[#@LINE-21]] "{{.*}}records.c"
// TEXT-NEXT: printf("%s %d %d\n", (((struct __defer_rec0 *) __defer_p)->tag), (((struct __defer_rec0 *) __defer_p)->p).a, (((struct __defer_rec0 *) __defer_p)->p).b);
// TEXT: __libdefer_release (&__defer_fr);
// TEXT-NEXT: return;

// CHECK:      loop done
// CHECK-NEXT: t2 2 20
// CHECK-NEXT: t1 1 10
// CHECK-NEXT: t0 0 0
// CHECK-NEXT: loop done
