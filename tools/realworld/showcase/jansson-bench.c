/* SPDX-License-Identifier: MIT */
/* Benchmark for the jansson showcase (tools/realworld/showcase.sh): loops
   over the library functions that jansson-defer.patch converts from
   `goto` cleanup to `defer`, on success and on failure paths, so the same
   program linked against the original and the converted library can be
   timed and instruction-counted.

   usage: jansson-bench [PHASE [SCALE]]
     PHASE  all (default), parse, errors, dump, copy, pack, or oom
     SCALE  multiplies every phase's iteration count (default 1)

   Prints one line per phase: its name, iterations, nanoseconds and a
   checksum of the results.  The checksums do not depend on the build:
   two libraries that behave the same print the same checksums.  Each
   phase is a non-inlined function named phase_<name>, so that callgrind
   can count its instructions alone (--toggle-collect=phase_parse).

   oom is not timed and not part of all: it runs each converted operation
   once for every allocation it makes, with that allocation failing, and
   checks that every failure releases all it allocated.  Its checksum
   covers which calls failed and the error messages: the error paths the
   patch rewrites must give the same results as the original's.  */

#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECORDS 100

static char *doc_text;    /* a JSON document of RECORDS records */
static char *bad_tail;    /* the same, cut short: premature end */
static char *bad_escape;  /* the same with an invalid escape in the last record */
static char *dup_key;     /* the same with a duplicate key in the last record */

/* Appends the formatted text to the growing buffer *BUF.  */
static void append(char **buf, size_t *len, const char *fmt, int a, int b)
{
    char piece[512];
    int n = snprintf(piece, sizeof piece, fmt, a, b);
    *buf = realloc(*buf, *len + (size_t)n + 1);
    if (!*buf)
        abort();
    memcpy(*buf + *len, piece, (size_t)n + 1);
    *len += (size_t)n;
}

/* One record; LAST_KIND 1 adds a bad escape, 2 a duplicate key.  */
static void append_record(char **buf, size_t *len, int i, int last_kind)
{
    append(buf, len,
           "{\"id\": %d, \"name\": \"user-%d caf\\u00e9 \\\"q\\\"\\n\", ", i, i);
    append(buf, len, "\"score\": %d.%d, \"tags\": [\"alpha\", \"beta\", \"gamma\"], ",
           i * 3, i % 10);
    append(buf, len,
           "\"nested\": {\"x\": [1, 2, {\"y\": \"z%d\"}], \"flag\": true, "
           "\"none\": null, \"n%d\": -12345}",
           i, i);
    if (last_kind == 1)
        append(buf, len, ", \"bad\": \"\\q%d%d\"", i, i);
    if (last_kind == 2)
        append(buf, len, ", \"id\": %d%d", i, i);
    append(buf, len, "}", 0, 0);
}

static char *make_doc(int last_kind)
{
    char *buf = NULL;
    size_t len = 0;
    append(&buf, &len, "[", 0, 0);
    for (int i = 0; i < RECORDS; i++) {
        if (i)
            append(&buf, &len, ", ", 0, 0);
        append_record(&buf, &len, i, i == RECORDS - 1 ? last_kind : 0);
    }
    append(&buf, &len, "]", 0, 0);
    return buf;
}

static unsigned long mix(unsigned long h, unsigned long v)
{
    return (h ^ v) * 1099511628211ul;
}

/* json_loads: the lexer, parse_object, parse_array, the _new setters.  */
__attribute__((noinline)) unsigned long phase_parse(long n)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k++) {
        json_t *doc = json_loads(doc_text, 0, NULL);
        if (!doc)
            abort();
        h = mix(h, json_array_size(doc));
        json_decref(doc);
        doc = json_loadb(doc_text, strlen(doc_text), JSON_REJECT_DUPLICATES, NULL);
        if (!doc)
            abort();
        h = mix(h, json_array_size(doc));
        json_decref(doc);
    }
    return h;
}

/* Parse failures: the partial trees are released on the way out.  */
__attribute__((noinline)) unsigned long phase_errors(long n)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k++) {
        json_error_t e;
        if (json_loads(bad_tail, 0, &e) || json_loads(bad_escape, 0, &e) ||
            json_loads(dup_key, JSON_REJECT_DUPLICATES, &e))
            abort();
        h = mix(h, (unsigned long)e.position);
        if (json_loads("[1, 2, {\"a\": [true, false, nul]}]", 0, &e))
            abort();
        h = mix(h, (unsigned long)e.position);
    }
    return h;
}

/* json_dumps sorted and unsorted: do_dump, json_dump_callback.  */
__attribute__((noinline)) unsigned long phase_dump(long n, json_t *doc)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k++) {
        char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2));
        char *c = json_dumps(doc, JSON_COMPACT);
        if (!s || !c)
            abort();
        h = mix(h, strlen(s));
        h = mix(h, strlen(c));
        free(s);
        free(c);
    }
    return h;
}

/* json_deep_copy and json_object_update_recursive.  */
__attribute__((noinline)) unsigned long phase_copy(long n, json_t *doc)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k++) {
        json_t *copy = json_deep_copy(doc);
        if (!copy)
            abort();
        json_t *target = json_deep_copy(json_array_get(copy, 0));
        for (size_t i = 1; i < json_array_size(copy); i += 7)
            if (json_object_update_recursive(target, json_array_get(copy, i)))
                abort();
        h = mix(h, json_object_size(target));
        h = mix(h, json_array_size(copy));
        json_decref(target);
        json_decref(copy);
    }
    return h;
}

/* json_pack / json_unpack (read_string, pack_object, pack_array,
   unpack_object), json_sprintf, json_array_insert_new/set_new.  */
__attribute__((noinline)) unsigned long phase_pack(long n)
{
    unsigned long h = 0;
    for (long k = 0; k < n; k++) {
        json_t *o = json_pack("{s:i, s:s, s:s+, s:[i, f, b, s#], s:{s:o, s:[s, s]}}",
                              "id", (int)k, "name", "pack", "joined", "a", "b", "list",
                              1, 2.5, 1, "xyz", 2, "obj", "s", json_sprintf("%ld", k),
                              "arr", "p", "q");
        if (!o)
            abort();
        int id, b;
        const char *name, *joined;
        double f;
        json_t *s;
        if (json_unpack(o, "{s:i, s:s, s:s, s:[i, F, b, s], s:{s:o, s:[s, s]}}", "id",
                        &id, "name", &name, "joined", &joined, "list", &b, &f, &b,
                        &name, "obj", "s", &s, "arr", &name, &joined))
            abort();
        h = mix(h, (unsigned long)id + strlen(json_string_value(s)));
        /* failures: a missing key, a strict check, a NULL string */
        json_error_t e;
        if (!json_unpack_ex(o, &e, 0, "{s:i, s:i}", "id", &id, "missing", &b))
            abort();
        if (!json_unpack_ex(o, &e, JSON_STRICT, "{s:i}", "id", &id))
            abort();
        if (json_pack_ex(&e, 0, "{s:s, s:[i, s]}", "a", "b", "c", 1, (char *)NULL))
            abort();
        json_t *list = json_object_get(o, "list");
        json_array_insert_new(list, 0, json_integer(k));
        json_array_set_new(list, 1, json_string("set"));
        json_array_insert_new(list, 99, json_true());
        h = mix(h, json_array_size(list));
        json_decref(o);
    }
    return h;
}

/* oom: an allocator that fails the allocation numbered fail_at (counting
   from 0) and counts the blocks that are live.  */
static long fail_at = -1, allocations, live;

static void *counting_malloc(size_t size)
{
    if (allocations++ == fail_at)
        return NULL;
    void *p = malloc(size);
    if (p)
        live++;
    return p;
}

static void counting_free(void *p)
{
    if (p)
        live--;
    free(p);
}

/* One operation under test: returns 0 on success, and hashes what it
   produced (and the error text on failure) into *H.  */
static int oom_op(int op, json_t *doc, unsigned long *h)
{
    json_error_t e;
    memset(&e, 0, sizeof e);
    json_t *r = NULL;
    char *s = NULL;
    int rc = 0;
    switch (op) {
    case 0: r = json_loads(doc_text, JSON_REJECT_DUPLICATES, &e); break;
    case 1: r = json_loads(bad_escape, 0, &e); rc = 1; break;
    case 2: s = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(1)); break;
    case 3: s = json_dumps(doc, JSON_COMPACT); break;
    case 4: r = json_deep_copy(doc); break;
    case 5: {
        json_t *target = json_deep_copy(json_array_get(doc, 0));
        rc = json_object_update_recursive(target, json_array_get(doc, 1));
        *h = mix(*h, json_object_size(target));
        json_decref(target);
        return rc;
    }
    case 6:
        r = json_pack_ex(&e, 0, "{s:s+, s:[i, s#, {s:f}], s:o}", "k", "a", "b", "l", 1,
                         "xyz", 2, "r", 0.5, "o", json_sprintf("%d-%s", 7, "x"));
        if (r) {
            int i;
            const char *str;
            rc = json_unpack_ex(r, &e, JSON_STRICT, "{s:s, s:[i, s, {s:F}]}", "k",
                                &str, "l", &i, &str, "r", &(double){0});
            *h = mix(*h, (unsigned long)rc);
            rc = 0;
        }
        break;
    default: return -1;
    }
    if (r) {
        *h = mix(*h, json_typeof(r));
        json_decref(r);
    } else if (s) {
        *h = mix(*h, strlen(s));
        counting_free(s);
    } else
        rc = 1;
    for (const char *c = e.text; *c; c++)
        *h = mix(*h, (unsigned char)*c);
    return rc;
}

/* Runs every operation with each of its allocations failing in turn;
   aborts if a failure leaves a block allocated.  */
static unsigned long check_oom(long *runs)
{
    unsigned long h = 0;
    json_set_alloc_funcs(counting_malloc, counting_free);
    json_t *doc = json_loads(
        "[{\"a\": 1, \"b\": [1, \"x\", {\"c\": null}]}, "
        "{\"a\": {\"d\": 2.5}, \"e\": \"caf\\u00e9\"}]", 0, NULL);
    if (!doc)
        abort();
    char *small = json_dumps(doc, 0);
    char *saved = doc_text;
    doc_text = small;
    for (int op = 0; op <= 6; op++) {
        for (fail_at = 0;; fail_at++) {
            allocations = 0;
            long before = live;
            int rc = oom_op(op, doc, &h);
            h = mix(h, (unsigned long)(rc != 0));
            ++*runs;
            if (live != before) {
                fprintf(stderr, "jansson-bench: operation %d leaks %ld blocks when "
                        "allocation %ld fails\n", op, live - before, fail_at);
                abort();
            }
            if (fail_at >= allocations)
                break; /* nothing failed: every allocation has been tried */
        }
    }
    fail_at = -1;
    doc_text = saved;
    counting_free(small);
    json_decref(doc);
    json_set_alloc_funcs(malloc, free);
    return h;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *phase = argc > 1 ? argv[1] : "all";
    long scale = argc > 2 ? atol(argv[2]) : 1;
    int all = strcmp(phase, "all") == 0;

    if (strcmp(phase, "oom") == 0) {
        long runs = 0;
        json_object_seed(1);
        bad_escape = make_doc(1);
        unsigned long h = check_oom(&runs);
        printf("%-6s %8ld %12d %016lx\n", "oom", runs, 0, h);
        free(bad_escape);
        return 0;
    }

    json_object_seed(1); /* the same hash layout in every run */
    doc_text = make_doc(0);
    bad_escape = make_doc(1);
    dup_key = make_doc(2);
    bad_tail = strdup(doc_text);
    bad_tail[strlen(bad_tail) - 40] = '\0';
    json_t *doc = json_loads(doc_text, 0, NULL);
    if (!doc)
        abort();

    struct {
        const char *name;
        long n;
    } phases[] = {{"parse", 20}, {"errors", 20}, {"dump", 20},
                  {"copy", 30}, {"pack", 2000}};
    int ran = 0;
    for (size_t i = 0; i < sizeof phases / sizeof phases[0]; i++) {
        if (!all && strcmp(phase, phases[i].name) != 0)
            continue;
        long n = phases[i].n * scale;
        double t0 = now();
        unsigned long h;
        switch (i) {
        case 0: h = phase_parse(n); break;
        case 1: h = phase_errors(n); break;
        case 2: h = phase_dump(n, doc); break;
        case 3: h = phase_copy(n, doc); break;
        default: h = phase_pack(n); break;
        }
        printf("%-6s %8ld %12.0f %016lx\n", phases[i].name, n, now() - t0, h);
        ran = 1;
    }
    json_decref(doc);
    free(doc_text);
    free(bad_escape);
    free(dup_key);
    free(bad_tail);
    if (!ran) {
        fprintf(stderr, "jansson-bench: unknown phase '%s'\n", phase);
        return 2;
    }
    return 0;
}
