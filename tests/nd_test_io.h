/* The largest-request allocator and the table row of a malformed file,
 * shared by test_npy.c and test_npz.c. */
#ifndef ND_TEST_IO_H
#define ND_TEST_IO_H

#include "nd_test.h"

#include <stdlib.h>

/* An allocator that remembers the largest request, to show no claim in a
 * hostile file is allocated before it is checked against the file. */
static size_t largest;

static inline void *count_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (size > largest) largest = size;
    void *p = NULL;
    return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1) ? NULL : p;
}

static inline void count_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* A malformed file in tests/data and how reading it must fail. */
typedef struct bad_file {
    const char *file;
    nd_status st;
    const char *msg; /* part of the error message */
} bad_file;

#endif
