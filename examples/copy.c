/* SPDX-License-Identifier: MIT */
/* Copies a file, closing each stream by `defer` on every return path.
   Build: gcc -fplugin=build/plugin/gcc/defer.so examples/copy.c -o copy */
#include <stdio.h>

static int copy(const char *from, const char *to, long *bytes)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return -1;
    defer fclose(in);

    FILE *out = fopen(to, "wb");
    if (!out)
        return -1;              /* closes in */
    defer fclose(out);

    int c;
    for (*bytes = 0; (c = getc(in)) != EOF; ++*bytes)
        if (putc(c, out) == EOF)
            return -1;          /* closes out, then in */
    return ferror(in) ? -1 : 0; /* closes out, then in */
}

int main(int argc, char **argv)
{
    const char *from = argc > 1 ? argv[1] : __FILE__;
    const char *to = argc > 2 ? argv[2] : "copy.out";
    long bytes = 0;
    if (copy(from, to, &bytes) != 0) {
        perror("copy");
        return 1;
    }
    printf("copied %ld bytes from %s to %s\n", bytes, from, to);
    return 0;
}
