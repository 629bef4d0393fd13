/* SPDX-License-Identifier: MIT */
// Uses `defer` and `defer_result` without including <defer.h>, as the
// plugins allow.  Nothing leaks; with -DLEAK the line buffer does, and
// with -DWRONG a deferred block does not type-check.
#include <stdio.h>
#include <stdlib.h>

int first_number(const char *path) {
  FILE *file = fopen(path, "r");
  if (!file)
    return -1;
  defer {
    if (fclose(file) != 0 && defer_result >= 0)
      defer_result = -1;
  }
  char *line = malloc(64);
  if (!line)
    return -1;
#ifndef LEAK
  defer free(line);
#endif
#ifdef WRONG
  defer free(line, 1);
#endif
  if (!fgets(line, 64, file))
    return 0;
  return atoi(line);
}
