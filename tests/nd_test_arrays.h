/* Array builders and output-snapshot helpers shared by test_elementwise.c,
 * test_reduce.c and test_reduce_arg.c. */
#ifndef ND_TEST_ARRAYS_H
#define ND_TEST_ARRAYS_H

#include "nd_test.h"

#include <stdlib.h>

static inline void free_deleter(void *data, void *ctx) {
    (void)data;
    free(ctx);
}

/* A C-contiguous array on malloc'd memory, every byte set to 0xA5 so that
 * "untouched" can be checked. (nd_empty may not exist yet.) */
static inline nd_array *new_array(nd_dtype dt, int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    size_t bytes = (size_t)n * nd_dtype_size(dt);
    void *mem = malloc(bytes ? bytes : 1);
    assert_non_null(mem);
    memset(mem, 0xA5, bytes ? bytes : 1);
    nd_array *a = nd_wrap(mem, ndim, shape, NULL, dt, free_deleter, mem);
    ND_ASSERT_ARRAY(a);
    return a;
}

static inline nd_array *from_f64(nd_dtype dt, int ndim, const int64_t *shape, const double *vals) {
    nd_array *a = nd_test_array(dt, ndim, shape, vals);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* An array of dtype dt from exact int64 values (uint64 as bit patterns). */
static inline nd_array *from_i64(nd_dtype dt, int ndim, const int64_t *shape, const int64_t *vals) {
    nd_array *w = nd_wrap((void *)vals, ndim, shape, NULL, ND_INT64, NULL, NULL);
    ND_ASSERT_ARRAY(w);
    nd_array *a = nd_astype(w, dt);
    nd_free(w);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* a converted for reading: int64 for bool and integers, float64 for floats. */
static inline nd_array *readable(const nd_array *a) {
    nd_array *r = nd_astype(a, nd_dtype_is_float(nd_dtype_of(a)) ? ND_FLOAT64 : ND_INT64);
    ND_ASSERT_ARRAY(r);
    return r;
}

/* A copy of a's bytes (C order) to compare "untouched" later. */
static inline void *snapshot(const nd_array *a) {
    size_t n = nd_nbytes(a);
    void *p = malloc(n ? n : 1);
    assert_non_null(p);
    ND_ASSERT_OK(nd_copy_to(a, p, n));
    return p;
}

static inline void assert_untouched(const nd_array *a, void *snap, const char *what) {
    void *now = snapshot(a);
    bool same = memcmp(now, snap, nd_nbytes(a)) == 0;
    free(now);
    free(snap);
    if (!same) fail_msg("%s: the output was written although the call failed", what);
}

static inline bool close_enough(double g, double e, double rtol, double atol) {
    if (isnan(e)) return isnan(g);
    if (isinf(e)) return g == e;
    return fabs(g - e) <= atol + rtol * fabs(e);
}

/* The lane values of gen_reduce.py's nan_lane_value(). */
static inline double nan_lane_value(int64_t i) { return (double)((i * 7 + 3) % 13 - 6); }

static inline void fill_lane(double *v, int n, int place) {
    for (int i = 0; i < n; i++) v[i] = nan_lane_value(i);
    switch (place) {
    case 1: v[0] = NAN; break;
    case 2: v[n / 2] = NAN; break;
    case 3: v[n - 1] = NAN; break;
    case 4: v[n / 2] = v[n - 1] = NAN; break;
    case 5:
        for (int i = 0; i < n; i++) v[i] = NAN;
        break;
    default: break;
    }
}

#endif
