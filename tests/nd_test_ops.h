/* Every binary and unary element-wise operation with all its forms, as
 * tables built from ND_BINARY_OPS and ND_UNARY_OPS (their order), for
 * test_scalar.c and test_inplace.c. */
#ifndef ND_TEST_OPS_H
#define ND_TEST_OPS_H

#include <stdlib.h>

#include "nd.h"

typedef struct binop {
    const char *name;
    nd_array *(*f)(const nd_array *, const nd_array *);
    nd_status (*out)(const nd_array *, const nd_array *, nd_array *);
    nd_array *(*s)(const nd_array *, double);
    nd_status (*s_out)(const nd_array *, double, nd_array *);
    nd_array *(*si)(const nd_array *, int64_t);
    nd_status (*si_out)(const nd_array *, int64_t, nd_array *);
    nd_status (*inplace)(nd_array *, const nd_array *);
    nd_status (*s_inplace)(nd_array *, double);
    nd_status (*si_inplace)(nd_array *, int64_t);
} binop;

#define BINOP_ROW_(n)                                                              \
    {#n, nd_##n, nd_##n##_out, nd_##n##_scalar, nd_##n##_scalar_out, nd_##n##_scalar_i64, \
     nd_##n##_scalar_i64_out, nd_##n##_inplace, nd_##n##_scalar_inplace, nd_##n##_scalar_i64_inplace},
static const binop g_binops[] = {ND_BINARY_OPS(BINOP_ROW_)};
#define NUM_BINOPS ((int)(sizeof g_binops / sizeof g_binops[0]))

typedef struct unop {
    const char *name;
    nd_array *(*f)(const nd_array *);
    nd_status (*out)(const nd_array *, nd_array *);
    nd_status (*inplace)(nd_array *);
} unop;

#define UNOP_ROW_(n) {#n, nd_##n, nd_##n##_out, nd_##n##_inplace},
static const unop g_unops[] = {ND_UNARY_OPS(UNOP_ROW_)};
#define NUM_UNOPS ((int)(sizeof g_unops / sizeof g_unops[0]))

/* Allocation counting: the scalar and in-place forms must not allocate
 * more than their result. */
static int64_t g_count_allocs;
static inline void *counting_alloc(size_t size, size_t align, void *ctx) {
    (void)align;
    (void)ctx;
    g_count_allocs++;
    return malloc(size ? size : 1);
}
static inline void counting_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* The tolerance a result of dtype dt is compared with: transcendental
 * results may differ from NumPy's in the last bits. */
static inline double tol_of(nd_dtype dt) {
    return dt == ND_FLOAT32 ? 1e-6 : dt == ND_FLOAT64 ? 1e-13 : 0;
}

#endif
