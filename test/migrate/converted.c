// A function that releases on a shared exit path, every way out through
// it, becomes one with a `defer` after each declaration: the same output
// before and after, comments and formatting kept, and the report and the
// diff say so.
// REQUIRES: defer-migrate
// RUN: %defer-migrate %s -- > %t.c
// RUN: grep -v "^// " %t.c | FileCheck %s --check-prefix=TEXT
// RUN: %defer-migrate --report %s -- | FileCheck %s --check-prefix=REPORT
// RUN: %defer-migrate --dry-run %s -- | FileCheck %s --check-prefix=DIFF
// RUN: %cc %s -o %t.before && %t.before > %t.before.out
// RUN: %cc %t.c -o %t.after && %t.after > %t.after.out
// RUN: diff %t.before.out %t.after.out
// RUN: FileCheck %s < %t.after.out

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int released;

static void buf_free(char *p) {
  released++;
  free(p);
}

/* Copies the first line of PATH into a buffer of N bytes. */
static int first_line(const char *path, size_t n, int fail_after_open) {
  int ret = -1;
  char *buf = NULL;
  FILE *f = NULL; /* the file, once open */

  buf = malloc(n);
  if (!buf)
    goto out;
  f = fopen(path, "r");
  if (!f)
    goto out;
  if (fail_after_open)
    goto out;
  if (!fgets(buf, (int)n, f))
    strcpy(buf, "(empty)");
  printf("line: %s\n", buf);
  ret = 0;
out:
  if (f)
    fclose(f);
  if (buf)
    buf_free(buf);
  return ret;
}

int main(void) {
  printf("%d\n", first_line("/dev/null", 16, 0));
  printf("%d\n", first_line("/nonexistent/file", 16, 0));
  printf("%d\n", first_line("/dev/null", 16, 1));
  printf("released %d\n", released);
  return 0;
}

// TEXT:      static int first_line(const char *path, size_t n, int fail_after_open) {
// TEXT-NEXT:   int ret = -1;
// TEXT-NEXT:   char *buf = NULL;
// TEXT-NEXT:   defer if (buf)
// TEXT-NEXT:     buf_free(buf);
// TEXT-NEXT:   FILE *f = NULL; /* the file, once open */
// TEXT-NEXT:   defer if (f)
// TEXT-NEXT:     fclose(f);
// TEXT:        if (!buf)
// TEXT-NEXT:     return ret;
// TEXT:        ret = 0;
// TEXT-NEXT:   return ret;
// TEXT-NEXT: }

// REPORT: converted.c:{{[0-9]+}}: first_line ('out'): converted
// REPORT: candidates 1, converted 1, refused 0

// DIFF:      --- a/{{.*}}converted.c
// DIFF-NEXT: +++ b/{{.*}}converted.c
// DIFF:      +  defer if (buf)
// DIFF:      -out:

// CHECK:      line: (empty)
// CHECK-NEXT: 0
// CHECK-NEXT: -1
// CHECK-NEXT: -1
// CHECK-NEXT: released 3
