/* SPDX-License-Identifier: MIT */
// Structs and fixed-size arrays declared in a loop body are copied whole per
// registration: each deferred block sees the values of its own iteration,
// an array passed to a function decays to a pointer to that copy, and a
// block that writes its copy changes neither the other copies nor anything
// the loop sees.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

struct point {
  int x, y;
  char name[8];
};

static int sum4(const int *a) { return a[0] + a[1] + a[2] + a[3]; }

static void aggregates(int n) {
  printf("aggregates(%d)\n", n);
  for (int i = 0; i < n; i++) {
    struct point p = {i, i * i, ""};
    snprintf(p.name, sizeof p.name, "p%d", i);
    int arr[4] = {i, i + 1, i + 2, i + 3};
    defer printf("  %s (%d,%d) [%d %d %d %d] sum=%d\n", p.name, p.x, p.y,
                 arr[0], arr[1], arr[2], arr[3], sum4(arr));
  }
  puts("  body done");
}

static void big_buffer(void) {
  puts("big_buffer");
  int k = 0;
  while (k < 3) {
    char line[200];
    memset(line, 'a' + k, sizeof line);
    line[sizeof line - 1] = 0;
    defer printf("  len=%zu first=%c last=%c\n", strlen(line), line[0],
                 line[sizeof line - 2]);
    k++;
  }
  puts("  body done");
}

static void writes_copy(void) {
  puts("writes_copy");
  for (int i = 0; i < 3; i++) {
    struct point p = {i, 0, "w"};
    defer {
      p.x *= 10;
      i += 100;
      printf("  p.x=%d i=%d\n", p.x, i);
    }
  }
  puts("  body done");
}

int main(void) {
  aggregates(3);
  big_buffer();
  writes_copy();
  return 0;
}

// CHECK:      aggregates(3)
// CHECK-NEXT:   body done
// CHECK-NEXT:   p2 (2,4) [2 3 4 5] sum=14
// CHECK-NEXT:   p1 (1,1) [1 2 3 4] sum=10
// CHECK-NEXT:   p0 (0,0) [0 1 2 3] sum=6
// CHECK-NEXT: big_buffer
// CHECK-NEXT:   body done
// CHECK-NEXT:   len=199 first=c last=c
// CHECK-NEXT:   len=199 first=b last=b
// CHECK-NEXT:   len=199 first=a last=a
// CHECK-NEXT: writes_copy
// CHECK-NEXT:   body done
// CHECK-NEXT:   p.x=20 i=102
// CHECK-NEXT:   p.x=10 i=101
// CHECK-NEXT:   p.x=0 i=100
