/* Array builders, output-snapshot helpers and the NumPy-generated case
 * harness shared by test_elementwise.c, test_reduce.c and test_reduce_arg.c. */
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

/* Three lanes of n values, lane j filled with placement (j + s) % 6, in
 * three layouts: rows (3, n), cols (n, 3) and rows_t, the (3, n)
 * transpose of cols (strided lanes). lanes[j] keeps lane j's values. */
typedef struct nan_lanes {
    double lanes[3][48];
    nd_array *rows, *cols, *rows_t;
} nan_lanes;

static inline void nan_lanes_make(nan_lanes *l, nd_dtype dt, int n, int s) {
    double buf[3 * 48];
    assert_true(n <= 48);
    for (int j = 0; j < 3; j++) fill_lane(l->lanes[j], n, (j + s) % 6);
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < n; i++) buf[j * n + i] = l->lanes[j][i];
    l->rows = from_f64(dt, 2, (const int64_t[]){3, n}, buf);
    for (int j = 0; j < 3; j++)
        for (int i = 0; i < n; i++) buf[i * 3 + j] = l->lanes[j][i];
    l->cols = from_f64(dt, 2, (const int64_t[]){n, 3}, buf);
    l->rows_t = nd_transpose(l->cols, NULL);
    ND_ASSERT_ARRAY(l->rows_t);
}

static inline void nan_lanes_free(nan_lanes *l) {
    nd_free(l->rows_t);
    nd_free(l->rows);
    nd_free(l->cols);
}

/* Asserts r has dtype dt, the given shape and exact int64 values want
 * (uint64 as bit patterns), in C order whatever r's layout. */
static inline void expect_ints(const nd_array *r, nd_dtype dt, int ndim, const int64_t *shape, const int64_t *want,
                               const char *what) {
    if (!r) fail_msg("%s: failed: %s", what, nd_errmsg());
    if (nd_dtype_of(r) != dt)
        fail_msg("%s: dtype %s, expected %s", what, nd_dtype_name(nd_dtype_of(r)), nd_dtype_name(dt));
    if (nd_ndim(r) != ndim) fail_msg("%s: ndim %d, expected %d", what, nd_ndim(r), ndim);
    for (int d = 0; d < ndim; d++)
        if (nd_shape(r)[d] != shape[d]) fail_msg("%s: shape[%d] differs", what, d);
    nd_array *c = nd_astype(r, ND_INT64);
    ND_ASSERT_ARRAY(c);
    const int64_t *g = nd_data(c);
    for (int64_t i = 0; i < nd_size(c); i++)
        if (g[i] != want[i]) {
            long long gi = (long long)g[i];
            nd_free(c);
            fail_msg("%s: element %lld is %lld, expected %lld", what, (long long)i, gi, (long long)want[i]);
        }
    nd_free(c);
}

/* ---------------------------------------------------------------- NumPy-generated cases */

/* An input as the generators (tests/data/gen_*.py) describe it: the base
 * array from fvals (float dtypes) or ivals, then nd_view(index) if index,
 * the axes reversed if transpose, and nd_broadcast_to(bshape) if bndim. */
static inline nd_array *gen_input(nd_dtype dt, int ndim, const int64_t *shape, const double *fvals,
                                  const int64_t *ivals, const char *index, bool transpose, int bndim,
                                  const int64_t *bshape) {
    nd_array *a = nd_dtype_is_float(dt) ? from_f64(dt, ndim, shape, fvals) : from_i64(dt, ndim, shape, ivals);
    nd_array *v = index ? nd_view(a, index) : a;
    ND_ASSERT_ARRAY(v);
    if (v != a) nd_free(a), a = v;
    v = transpose ? nd_transpose(a, NULL) : a;
    ND_ASSERT_ARRAY(v);
    if (v != a) nd_free(a), a = v;
    v = bndim ? nd_broadcast_to(a, bndim, bshape) : a;
    ND_ASSERT_ARRAY(v);
    if (v != a) nd_free(a), a = v;
    return a;
}
/* gen_input of a generated input record `in` with its value pools. Only the
 * pool of its dtype is indexed: off may lie beyond the other one. */
#define GEN_INPUT(in, fpool, ipool)                                                \
    gen_input((in)->dtype, (in)->ndim, (in)->shape, GEN_FVALS((in)->dtype, fpool, (in)->off), \
              GEN_IVALS((in)->dtype, ipool, (in)->off), (in)->index, (in)->transpose, (in)->bndim, (in)->bshape)
/* pool + off for results or inputs of dtype dt, NULL for the other pool. */
#define GEN_FVALS(dt, fpool, off) (nd_dtype_is_float(dt) ? (fpool) + (off) : NULL)
#define GEN_IVALS(dt, ipool, off) (nd_dtype_is_float(dt) ? NULL : (ipool) + (off))

/* True when got (case ci, NumPy expression expr, run as how) has dtype
 * rdtype, shape (rndim, rshape) and the values at fwant (float results,
 * within atol + rtol |want|) or iwant; prints the first difference. */
static inline bool gen_check(int ci, const char *expr, const char *how, const nd_array *got, nd_dtype rdtype,
                             int rndim, const int64_t *rshape, const double *fwant, const int64_t *iwant,
                             double rtol, double atol) {
    if (!got) {
        print_error("case %d %s [%s]: failed: %s\n", ci, expr, how, nd_errmsg());
        nd_clear_error();
        return false;
    }
    if (nd_dtype_of(got) != rdtype) {
        print_error("case %d %s [%s]: dtype %s, expected %s\n", ci, expr, how, nd_dtype_name(nd_dtype_of(got)),
                    nd_dtype_name(rdtype));
        return false;
    }
    bool shape_ok = nd_ndim(got) == rndim;
    for (int d = 0; shape_ok && d < rndim; d++) shape_ok = nd_shape(got)[d] == rshape[d];
    if (!shape_ok) {
        char s[128] = "";
        size_t k = 0;
        for (int d = 0; d < nd_ndim(got) && k < sizeof s - 24; d++)
            k += (size_t)snprintf(s + k, sizeof s - k, "%lld,", (long long)nd_shape(got)[d]);
        print_error("case %d %s [%s]: shape (%s) ndim %d, expected ndim %d\n", ci, expr, how, s, nd_ndim(got),
                    rndim);
        return false;
    }
    nd_array *r = readable(got);
    bool ok = true;
    for (int64_t i = 0; i < nd_size(r) && ok; i++) {
        if (nd_dtype_is_float(rdtype)) {
            double g = ((const double *)nd_data(r))[i], e = fwant[i];
            if (close_enough(g, e, rtol, atol)) continue;
            print_error("case %d %s [%s]: element %lld is %.17g, expected %.17g (rtol %g, atol %g)\n", ci, expr,
                        how, (long long)i, g, e, rtol, atol);
        } else {
            int64_t g = ((const int64_t *)nd_data(r))[i], e = iwant[i];
            if (g == e) continue;
            print_error("case %d %s [%s]: element %lld is %lld, expected %lld\n", ci, expr, how, (long long)i,
                        (long long)g, (long long)e);
        }
        ok = false;
    }
    nd_free(r);
    return ok;
}

#endif
