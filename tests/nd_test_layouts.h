/* The table harness shared by test_join.c and test_manip.c: every table row
 * runs for every dtype and for four memory layouts of the same values, and
 * the snapshots, result checks and pending-error helper those suites use. */
#ifndef ND_TEST_LAYOUTS_H
#define ND_TEST_LAYOUTS_H

#include "nd_test.h"

#include <stdlib.h>

/* Every table row starts with its input and ends with the expected result. */
typedef struct head {
    const char *expr;
    int ndim;
    int64_t shape[6];
} head;

typedef struct expect {
    int ndim;
    int64_t shape[6];
    const double *vals;
} expect;

static const nd_dtype all_dtypes[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,
                                      ND_INT64,  ND_UINT8,  ND_UINT16, ND_UINT32,
                                      ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DT ((int)(sizeof all_dtypes / sizeof all_dtypes[0]))

enum { L_CONTIG, L_TRANSPOSED, L_NEGATIVE, L_STRIDED, L_COUNT };
static const char *const layout_names[] = {"contiguous", "transposed", "negative strides",
                                           "strided"};

static inline int64_t count_of(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    return n;
}

/* A test value as dtype dt holds it: bool keeps the parity. */
static inline double as_dt(nd_dtype dt, double v) { return dt == ND_BOOL ? (double)(fmod(v, 2) != 0) : v; }

/* 1, 2, ..., n (malloc'd; at least one slot). */
static inline double *iota_vals(int64_t n, double base) {
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) v[i] = base + (double)(i + 1);
    return v;
}

/* An array of dtype dt holding vals (C order) in the given memory layout. */
static inline nd_array *make_input(nd_dtype dt, int layout, int ndim, const int64_t *shape,
                            const double *vals) {
    int64_t n = count_of(ndim, shape);
    double *m = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(m);
    for (int64_t i = 0; i < n; i++) m[i] = as_dt(dt, vals[i]);
    nd_array *c = nd_test_array(dt, ndim, shape, m);
    free(m);
    ND_ASSERT_ARRAY(c);
    nd_array *r = NULL;
    switch (layout) {
    case L_CONTIG:
        return c;
    case L_TRANSPOSED: { /* a.T.copy().T: Fortran strides, the same values */
        nd_array *t = nd_transpose(c, NULL);
        nd_array *tc = nd_copy(t);
        r = nd_transpose(tc, NULL);
        nd_free(t);
        nd_free(tc);
        break;
    }
    case L_NEGATIVE: { /* flip(flip(a).copy()): every stride negative */
        nd_array *f = nd_flip(c, ND_ALL_AXES, NULL);
        nd_array *fc = nd_copy(f);
        r = nd_flip(fc, ND_ALL_AXES, NULL);
        nd_free(f);
        nd_free(fc);
        break;
    }
    default: { /* b[..., ::2] of a twice-wider b */
        if (ndim == 0) return c;
        int64_t big[ND_MAX_DIMS];
        memcpy(big, shape, sizeof(int64_t) * (size_t)ndim);
        big[ndim - 1] *= 2;
        nd_array *b = nd_full(ndim, big, dt, 1);
        r = nd_slice_axis(b, ndim - 1, 0, ND_NONE, 2);
        ND_ASSERT_ARRAY(r);
        ND_ASSERT_OK(nd_copyto(r, c));
        nd_free(b);
        break;
    }
    }
    nd_free(c);
    ND_ASSERT_ARRAY(r);
    return r;
}

/* Everything observable about an input, to show a call left it alone. */
typedef struct snap {
    int ndim;
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS];
    const void *data;
    nd_array *vals;
} snap;

static inline snap take(const nd_array *a) {
    snap s;
    memset(&s, 0, sizeof s);
    s.ndim = nd_ndim(a);
    memcpy(s.shape, nd_shape(a), sizeof(int64_t) * (size_t)s.ndim);
    memcpy(s.strides, nd_strides(a), sizeof(int64_t) * (size_t)s.ndim);
    s.data = nd_data(a);
    s.vals = nd_astype(a, ND_FLOAT64);
    ND_ASSERT_ARRAY(s.vals);
    return s;
}

/* Asserts a is as s recorded it, and releases s. */
static inline void expect_same(const nd_array *a, snap *s) {
    assert_int_equal(nd_ndim(a), s->ndim);
    assert_memory_equal(nd_shape(a), s->shape, sizeof(int64_t) * (size_t)s->ndim);
    assert_memory_equal(nd_strides(a), s->strides, sizeof(int64_t) * (size_t)s->ndim);
    assert_ptr_equal(nd_data(a), s->data);
    nd_array *now = nd_astype(a, ND_FLOAT64);
    ND_ASSERT_ARRAY(now);
    assert_memory_equal(nd_data(now), nd_data(s->vals), nd_nbytes(now));
    nd_free(now);
    nd_free(s->vals);
}

/* Asserts r has dtype dt, the expected shape and (as dt holds them) values. */
static inline void check_result(const char *ctx, const nd_array *r, nd_dtype dt, const expect *e) {
    if (!r) fail_msg("%s: returned NULL: %s", ctx, nd_errmsg());
    if (nd_dtype_of(r) != dt)
        fail_msg("%s: dtype %s, expected %s", ctx, nd_dtype_name(nd_dtype_of(r)), nd_dtype_name(dt));
    if (nd_ndim(r) != e->ndim) fail_msg("%s: ndim %d, expected %d", ctx, nd_ndim(r), e->ndim);
    for (int i = 0; i < e->ndim; i++)
        if (nd_shape(r)[i] != e->shape[i])
            fail_msg("%s: shape[%d] is %lld, expected %lld", ctx, i, (long long)nd_shape(r)[i],
                     (long long)e->shape[i]);
    nd_array *f = nd_astype(r, ND_FLOAT64);
    if (!f) fail_msg("%s: astype failed: %s", ctx, nd_errmsg());
    const double *got = nd_data(f);
    for (int64_t i = 0; i < nd_size(r); i++) {
        double want = as_dt(dt, e->vals[i]);
        if (got[i] != want) {
            double g = got[i];
            nd_free(f);
            fail_msg("%s: element %lld is %.17g, expected %.17g", ctx, (long long)i, g, want);
        }
    }
    nd_free(f);
}

/* A copy: new memory of its own, C-contiguous and writeable. */
static inline void check_copy(const char *ctx, const nd_array *r, const nd_array *a) {
    if (nd_size(r) > 0 && nd_size(a) > 0 && nd_may_share_memory(r, a))
        fail_msg("%s: the result shares memory with the input", ctx);
    if (!nd_is_c_contiguous(r) || !nd_is_writeable(r))
        fail_msg("%s: the result is not a C-contiguous writeable array", ctx);
}

/* A view: a's memory, as writeable as a. */
static inline void check_view(const char *ctx, const nd_array *r, const nd_array *a) {
    if (nd_size(r) > 0 && !nd_may_share_memory(r, a)) fail_msg("%s: the result is not a view", ctx);
    if (nd_is_writeable(r) != nd_is_writeable(a)) fail_msg("%s: writeable flag changed", ctx);
}

/* Records an unrelated error, to check that a NULL argument keeps it. */
static inline void pending_error(void) {
    nd_clear_error();
    nd_array *r = nd_zeros(1, SH(-1), ND_FLOAT64);
    assert_null(r);
    assert_int_equal(nd_last_status(), ND_ERR_VALUE);
}
#define PENDING_MSG "negative dimension"

/* Allocation-failure injection: run_with_faults fails allocation k. */
static int64_t g_allocs, g_fail_at;

typedef nd_status (*fault_op)(const nd_array *a);

static inline void *failing_alloc(size_t size, size_t align, void *ctx) {
    (void)align; /* nd__alloc asks for 16, which malloc gives */
    (void)ctx;
    if (g_allocs++ == g_fail_at) return NULL;
    return malloc(size ? size : 1);
}

static inline void plain_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* An allocator for a machine with 1 GiB: larger blocks are refused before
 * malloc (or ASan's malloc, which would print a warning) is asked. */
static inline void *refuse_huge_alloc(size_t size, size_t align, void *ctx) {
    (void)align;
    (void)ctx;
    return size > ((size_t)1 << 30) ? NULL : malloc(size ? size : 1);
}

/* Runs op with its k-th allocation failing, for k = 0, 1, ... until op gets
 * through: every failure must be ND_ERR_NOMEM, leave a unchanged and leak
 * nothing (ASan's leak check); op checks its own outputs. */
static inline void run_with_faults(const char *name, fault_op op, const nd_array *a) {
    for (int64_t k = 0;; k++) {
        snap s = take(a);
        const nd_allocator al = {failing_alloc, plain_free, NULL};
        g_allocs = 0;
        g_fail_at = k;
        ND_ASSERT_OK(nd_set_allocator(&al));
        nd_clear_error();
        nd_status st = op(a);
        nd_status last = nd_last_status();
        ND_ASSERT_OK(nd_set_allocator(NULL));
        expect_same(a, &s);
        if (st == ND_OK) {
            if (k == 0) fail_msg("%s allocated nothing", name);
            return;
        }
        if (st != ND_ERR_NOMEM || last != ND_ERR_NOMEM)
            fail_msg("%s, allocation %lld failing: status %d, '%s'", name, (long long)k, (int)st,
                     nd_errmsg());
        if (k > 10000) fail_msg("%s never succeeds", name);
    }
}

/* The status of an array-returning call, freeing the array. */
static inline nd_status status_of(nd_array *r) {
    if (!r) return nd_last_status();
    nd_free(r);
    return ND_OK;
}

#endif
