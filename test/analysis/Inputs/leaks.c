/* SPDX-License-Identifier: MIT */
// Correct code whose every release is deferred, for the analysers of
// test/analysis: nothing leaks on any path.  With -DLEAK the releases are
// left out, and every resource leaks on some path.
#include <defer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Open-coded, a cleanup where it stands: the fopen made while the free
// is pending can unwind.
int native(const char *path) {
  char *native_buf = malloc(8);
  if (!native_buf)
    return -1;
#ifndef LEAK
  defer free(native_buf);
#endif
  FILE *native_file = fopen(path, "r");
  if (!native_file)
    return -2;
#ifndef LEAK
  defer fclose(native_file);
#endif
  int c = fgetc(native_file);
  if (c == EOF)
    return 1;
  memset(native_buf, c, 8);
  return native_buf[7];
}

// A defer in an inner block: a bit of the defer mask.
int masked(int n) {
  char *masked_outer = malloc(8);
  if (!masked_outer)
    return -1;
#ifndef LEAK
  defer free(masked_outer);
#endif
  masked_outer[0] = 0;
  if (n > 0) {
    char *masked_inner = malloc(16);
    if (!masked_inner)
      return -1;
#ifndef LEAK
    defer free(masked_inner);
#endif
    masked_inner[0] = (char)n;
    masked_outer[0] = masked_inner[0];
  }
  if (n > 3)
    return 1;
  return masked_outer[0];
}

// Called three times from one caller, which analysers follow.
static int build(int fail_at, int extra) {
  char *build_a = malloc(32);
  if (!build_a)
    return -1;
#ifndef LEAK
  defer free(build_a);
#endif
  int *build_b = malloc(64 * sizeof *build_b);
  if (!build_b)
    return -1;
#ifndef LEAK
  defer free(build_b);
#endif
  if (fail_at == 2)
    return -2;
  if (extra) {
    double *build_c = malloc(8 * sizeof *build_c);
    if (!build_c)
      return -1;
#ifndef LEAK
    defer free(build_c);
#endif
    build_c[7] = 7.0;
    build_b[1] = (int)build_c[7];
  }
  if (fail_at == 3)
    return -3;
  strcpy(build_a, "ok");
  build_b[63] = 63;
  return build_b[63] + (int)strlen(build_a);
}

int builds(void) { return build(2, 0) + build(3, 1) + build(0, 1); }

// The deferred block decides the result.
int save(const char *path, int v) {
  FILE *save_file = fopen(path, "w");
  if (!save_file)
    return -1;
#ifndef LEAK
  defer {
    if (fclose(save_file) != 0 && defer_result == 0)
      defer_result = -1;
  }
#endif
  if (fprintf(save_file, "%d\n", v) < 0)
    return -1;
  return 0;
}

// A goto past a statement, and a void function.
int jumps(int n) {
  char *jumps_buf = malloc(8);
  if (!jumps_buf)
    return -1;
#ifndef LEAK
  defer free(jumps_buf);
#endif
  if (n)
    goto out;
  jumps_buf[0] = 1;
out:
  return 0;
}

void nothing_back(int n) {
  char *void_buf = malloc(8);
  if (!void_buf)
    return;
#ifndef LEAK
  defer free(void_buf);
#endif
  if (n)
    return;
  void_buf[0] = 1;
}

// The deferred free sees the variable's value when it runs.
int grow(void) {
  char *grown = malloc(16);
  if (!grown)
    return -1;
#ifndef LEAK
  defer free(grown);
#endif
  char *bigger = realloc(grown, 64);
  if (!bigger)
    return -1;
  grown = bigger;
  grown[0] = 1;
  return grown[0];
}
