/* SPDX-License-Identifier: MIT */
/* A counting allocator for `loopbench mallocs`: defines the allocation
 * functions of the C library in the executable, so that every allocation
 * of the program and of libdefer.so passes through here, counts it, and
 * forwards it to glibc's own implementation (__libc_malloc and friends,
 * which need no dlsym and so no allocation to find). */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);
void __libc_free(void *);

static unsigned long allocs, frees;

void loop_malloc_counts(unsigned long *a, unsigned long *f)
{
    *a = __atomic_load_n(&allocs, __ATOMIC_RELAXED);
    *f = __atomic_load_n(&frees, __ATOMIC_RELAXED);
}

static void count(unsigned long *c)
{
    __atomic_fetch_add(c, 1, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
    count(&allocs);
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count(&allocs);
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    count(&allocs);
    return __libc_realloc(p, size);
}

void *memalign(size_t align, size_t size)
{
    count(&allocs);
    return __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **p, size_t align, size_t size)
{
    void *q = memalign(align, size);

    if (q == NULL)
        return ENOMEM;
    *p = q;
    return 0;
}

void free(void *p)
{
    if (p != NULL)
        count(&frees);
    __libc_free(p);
}
