/* SPDX-License-Identifier: MIT */
/* defer_result of a vector type, its element assigned: an element is
   read and written through the vector's address, so the value returned
   must live in memory. */
#include <defer.h>
typedef int v4 __attribute__((vector_size(16)));
v4 element(int n) {
  defer defer_result[0] = n;
  return (v4){1, 2, 3, 4};
}
v4 address(int n) {
  defer { v4 *p = &defer_result; (*p)[1] = n; }
  if (n)
    return (v4){n};
  return (v4){0};
}
