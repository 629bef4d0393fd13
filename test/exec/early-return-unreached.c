/* SPDX-License-Identifier: MIT */
// A defer that execution never reaches because of an earlier return is not
// registered and does not run; the ones already registered do.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s --match-full-lines

#include <stdio.h>

static int early(int stop) {
  printf("early(%d)\n", stop);
  defer printf("  first defer (stop=%d)\n", stop);
  if (stop == 1) {
    puts("  returning at 1");
    return 1;
  }
  defer printf("  second defer (stop=%d)\n", stop);
  if (stop == 2) {
    puts("  returning at 2");
    return 2;
  }
  defer printf("  third defer (stop=%d)\n", stop);
  puts("  end of body");
  return 0;
}

int main(void) {
  early(1);
  early(2);
  early(0);
  return 0;
}

// CHECK-NOT:  {{.*}}second defer (stop=1){{.*}}
// CHECK-NOT:  {{.*}}third defer (stop=1){{.*}}
// CHECK-NOT:  {{.*}}third defer (stop=2){{.*}}
// CHECK:      early(1)
// CHECK-NEXT:   returning at 1
// CHECK-NEXT:   first defer (stop=1)
// CHECK-NEXT: early(2)
// CHECK-NEXT:   returning at 2
// CHECK-NEXT:   second defer (stop=2)
// CHECK-NEXT:   first defer (stop=2)
// CHECK-NEXT: early(0)
// CHECK-NEXT:   end of body
// CHECK-NEXT:   third defer (stop=0)
// CHECK-NEXT:   second defer (stop=0)
// CHECK-NEXT:   first defer (stop=0)
