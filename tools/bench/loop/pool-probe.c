/* SPDX-License-Identifier: MIT */
/* Measures the pool's footprint through libdefer's interface
 * (<defer-runtime.h>), the way generated code uses it: one frame, a few
 * records of SIZE bytes.  Prints
 *   record <bytes between consecutive records of SIZE bytes>
 *   granule <the pool's size granularity: the step between 1-byte records>
 *   mark   <bytes the pool takes per call before the first record>
 *   frame  <sizeof (struct __defer_frame), on the caller's stack>
 *   header <sizeof (struct __defer_record)>  */
#include <stdio.h>
#include <stdlib.h>

#include "defer-runtime.h"

int main(int argc, char **argv)
{
    struct __defer_frame f = {0};
    size_t size = argc > 1 ? strtoul(argv[1], NULL, 10) : 24;
    char *p1 = __libdefer_alloc(&f, size);
    char *p2 = __libdefer_alloc(&f, size);
    char *p3 = __libdefer_alloc(&f, size);

    char *q1 = __libdefer_alloc(&f, 1);
    char *q2 = __libdefer_alloc(&f, 1);

    if (p3 - p2 != p2 - p1 || q1 != p3 + (p2 - p1))
        return 1;
    printf("record %td\n", p2 - p1);
    printf("granule %td\n", q2 - q1);
    printf("mark %td\n", p1 - f.mark_cur);
    printf("frame %zu\n", sizeof f);
    printf("header %zu\n", sizeof(struct __defer_record));
    __libdefer_release(&f);
    return 0;
}
