/* SPDX-License-Identifier: MIT */
// A return from any depth (nested ifs, nested blocks, a switch inside a
// block) runs exactly the defers registered so far, newest first.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int exits(int path) {
  printf("call path=%d\n", path);
  defer puts("  defer A");
  if (path == 0)
    return 0;
  {
    defer puts("  defer B");
    if (path > 1) {
      if (path == 2) {
        return 2;
      }
      {
        {
          defer puts("  defer C");
          if (path == 3)
            return 3;
        }
      }
      switch (path) {
      case 4:
        return 4;
      case 5: {
        defer puts("  defer D");
        if (path == 5)
          return 5;
        break;
      }
      default:
        break;
      }
    }
  }
  puts("  end of body");
  return 6;
}

int main(void) {
  for (int i = 0; i <= 6; i++)
    printf("returned %d\n", exits(i));
  return 0;
}

// CHECK:      call path=0
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 0
// CHECK-NEXT: call path=1
// CHECK-NEXT:   end of body
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 6
// CHECK-NEXT: call path=2
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 2
// CHECK-NEXT: call path=3
// CHECK-NEXT:   defer C
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 3
// CHECK-NEXT: call path=4
// CHECK-NEXT:   defer C
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 4
// CHECK-NEXT: call path=5
// CHECK-NEXT:   defer D
// CHECK-NEXT:   defer C
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 5
// CHECK-NEXT: call path=6
// CHECK-NEXT:   end of body
// CHECK-NEXT:   defer C
// CHECK-NEXT:   defer B
// CHECK-NEXT:   defer A
// CHECK-NEXT: returned 6
