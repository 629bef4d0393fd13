/* SPDX-License-Identifier: MIT */
// Defers close files on every exit path: data written through a FILE is on
// disk once the writing function has returned (its deferred fclose ran), a
// failed fopen registers nothing, and the file is removed by main's defer.
// RUN: %cc -O0 %s -o %t.O0 && %t.O0 %t.O0.txt | FileCheck %s --match-full-lines
// RUN: %cc -O2 %s -o %t.O2 && %t.O2 %t.O2.txt | FileCheck %s --match-full-lines

#include <stdio.h>
#include <string.h>

static int save(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f)
    return -1;
  defer {
    int rc = fclose(f);
    printf("  closed after writing: %d\n", rc);
  }
  if (fputs(text, f) < 0)
    return -1;
  puts("  written (still buffered)");
  return 0;
}

static int load(const char *path, char *buf, int n) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  defer {
    fclose(f);
    puts("  closed after reading");
  }
  if (!fgets(buf, n, f))
    return -2;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  const char *path = argv[1];
  defer printf("removed: %d\n", remove(path));
  printf("save: %d\n", save(path, "hello from save"));
  char buf[64] = "";
  printf("load: %d\n", load(path, buf, sizeof buf));
  printf("read back: %s\n", buf);
  printf("save to a bad path: %d\n", save("/nonexistent-dir/x/y", "x"));
  return 0;
}

// CHECK-NOT:  {{.*}}closed{{.*}}
// CHECK:        written (still buffered)
// CHECK-NEXT:   closed after writing: 0
// CHECK-NEXT: save: 0
// CHECK-NEXT:   closed after reading
// CHECK-NEXT: load: 0
// CHECK-NEXT: read back: hello from save
// CHECK-NEXT: save to a bad path: -1
// CHECK-NEXT: removed: 0
