/* Tests for the view functions (src/ops/views.c) and nd_view's indexing
 * strings (src/ops/view_parse.c). Expected shapes, strides (in elements) and
 * values come from NumPy 1.24 unless the comment says they are hand-computed. */
#include "nd_test.h"

#include <stdlib.h>

#define N ND_NONE
#define AX(...) ((const int[]){__VA_ARGS__})
#define VALS(...) ((const double[]){__VA_ARGS__})
/* In an expected stride list: any stride will do (a length-1 axis). */
#define ANY INT64_MIN

/* ------------------------------------------------------------ helpers */

/* float64 values 0, 1, 2, ... in C order, built from a value list so that no
 * test depends on the reshape under test. */
static nd_array *iota(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) v[i] = (double)i;
    nd_array *a = nd_test_array(ND_FLOAT64, ndim, shape, v);
    free(v);
    ND_ASSERT_ARRAY(a);
    return a;
}

/* A float64 array's elements in C order, read by walking its strides from
 * nd_data: this checks the geometry itself, not what the engine makes of it. */
static void read_strided(const nd_array *a, double *out) {
    int nd = nd_ndim(a);
    const int64_t *sh = nd_shape(a), *st = nd_strides(a);
    int64_t n = nd_size(a), idx[ND_MAX_DIMS] = {0};
    const double *base = nd_data(a);
    for (int64_t k = 0; k < n; k++) {
        int64_t off = 0;
        for (int i = 0; i < nd; i++) off += idx[i] * st[i];
        out[k] = base[off];
        for (int i = nd - 1; i >= 0; i--) {
            if (++idx[i] < sh[i]) break;
            idx[i] = 0;
        }
    }
}

/* Asserts v's shape, strides (unless NULL) and values, the values both
 * through the strides and through the engine (nd_astype). */
static void expect_view(const nd_array *v, int ndim, const int64_t *shape, const int64_t *strides,
                        const double *vals) {
    ND_ASSERT_ARRAY(v);
    nd_test_shape(v, ndim, shape);
    if (strides)
        for (int i = 0; i < ndim; i++)
            if (strides[i] != ANY && nd_strides(v)[i] != strides[i])
                fail_msg("stride %d: got %lld, expected %lld", i, (long long)nd_strides(v)[i],
                         (long long)strides[i]);
    int64_t n = nd_size(v);
    double *got = malloc(sizeof(double) * (size_t)(n ? n : 1));
    assert_non_null(got);
    read_strided(v, got);
    for (int64_t i = 0; i < n; i++)
        if (got[i] != vals[i]) {
            double g = got[i];
            free(got);
            fail_msg("element %lld: got %g, expected %g", (long long)i, g, vals[i]);
        }
    free(got);
    nd_test_expect(v, vals, 0);
}

/* The first element of v's memory, written through the view and read back
 * through the base: proves the two share memory. */
static void expect_shared_write(nd_array *v, const nd_array *base, const int64_t *base_idx) {
    double old, now;
    ND_ASSERT_OK(nd_get_f64(base, base_idx, &old));
    *(double *)nd_data(v) = -1000;
    ND_ASSERT_OK(nd_get_f64(base, base_idx, &now));
    assert_true(now == -1000);
    *(double *)nd_data(v) = old;
}

/* Everything observable about an array, to show a failed call changed nothing. */
typedef struct snap {
    int ndim, writeable;
    int64_t shape[ND_MAX_DIMS], strides[ND_MAX_DIMS], size;
    const void *data;
    double vals[64];
} snap;

static snap take(const nd_array *a) {
    snap s;
    memset(&s, 0, sizeof s);
    s.ndim = nd_ndim(a);
    s.writeable = nd_is_writeable(a);
    s.size = nd_size(a);
    s.data = nd_data(a);
    for (int i = 0; i < s.ndim; i++) {
        s.shape[i] = nd_shape(a)[i];
        s.strides[i] = nd_strides(a)[i];
    }
    assert_true(s.size <= 64);
    read_strided(a, s.vals);
    return s;
}

static void expect_same(const nd_array *a, const snap *s) {
    snap t = take(a);
    assert_int_equal(t.ndim, s->ndim);
    assert_int_equal(t.writeable, s->writeable);
    assert_ptr_equal(t.data, s->data);
    assert_memory_equal(t.shape, s->shape, sizeof t.shape);
    assert_memory_equal(t.strides, s->strides, sizeof t.strides);
    assert_memory_equal(t.vals, s->vals, sizeof t.vals);
}

/* Asserts call fails with status st and a message containing needle, and
 * that a is as it was. */
#define EXPECT_FAIL(a, call, st, needle)                                           \
    do {                                                                           \
        snap before_ = take(a);                                                    \
        nd_clear_error();                                                          \
        nd_array *r_ = (call);                                                     \
        if (r_) {                                                                  \
            nd_free(r_);                                                           \
            fail_msg("%s succeeded", #call);                                       \
        }                                                                          \
        ND_ASSERT_ERROR(st, needle);                                               \
        expect_same(a, &before_);                                                  \
    } while (0)

/* ------------------------------------------------------------ slicing */

/* a[start:stop:step] on np.arange(7) for a grid of bounds and steps (NumPy);
 * the digits are the selected values. */
static const struct {
    int64_t start, stop, step;
    const char *expect;
} slice_cases[] = {
    {N, N, N, "0123456"}, {N, -9, N, ""}, {N, -7, N, ""}, {N, -1, N, "012345"},
    {N, 0, N, ""}, {N, 2, N, "01"}, {N, 6, N, "012345"}, {N, 7, N, "0123456"},
    {N, 9, N, "0123456"}, {-9, N, N, "0123456"}, {-9, -9, N, ""}, {-9, -7, N, ""},
    {-9, -1, N, "012345"}, {-9, 0, N, ""}, {-9, 2, N, "01"}, {-9, 6, N, "012345"},
    {-9, 7, N, "0123456"}, {-9, 9, N, "0123456"}, {-7, N, N, "0123456"}, {-7, -9, N, ""},
    {-7, -7, N, ""}, {-7, -1, N, "012345"}, {-7, 0, N, ""}, {-7, 2, N, "01"},
    {-7, 6, N, "012345"}, {-7, 7, N, "0123456"}, {-7, 9, N, "0123456"}, {-1, N, N, "6"},
    {-1, -9, N, ""}, {-1, -7, N, ""}, {-1, -1, N, ""}, {-1, 0, N, ""},
    {-1, 2, N, ""}, {-1, 6, N, ""}, {-1, 7, N, "6"}, {-1, 9, N, "6"},
    {0, N, N, "0123456"}, {0, -9, N, ""}, {0, -7, N, ""}, {0, -1, N, "012345"},
    {0, 0, N, ""}, {0, 2, N, "01"}, {0, 6, N, "012345"}, {0, 7, N, "0123456"},
    {0, 9, N, "0123456"}, {2, N, N, "23456"}, {2, -9, N, ""}, {2, -7, N, ""},
    {2, -1, N, "2345"}, {2, 0, N, ""}, {2, 2, N, ""}, {2, 6, N, "2345"},
    {2, 7, N, "23456"}, {2, 9, N, "23456"}, {6, N, N, "6"}, {6, -9, N, ""},
    {6, -7, N, ""}, {6, -1, N, ""}, {6, 0, N, ""}, {6, 2, N, ""},
    {6, 6, N, ""}, {6, 7, N, "6"}, {6, 9, N, "6"}, {7, N, N, ""},
    {7, -9, N, ""}, {7, -7, N, ""}, {7, -1, N, ""}, {7, 0, N, ""},
    {7, 2, N, ""}, {7, 6, N, ""}, {7, 7, N, ""}, {7, 9, N, ""},
    {9, N, N, ""}, {9, -9, N, ""}, {9, -7, N, ""}, {9, -1, N, ""},
    {9, 0, N, ""}, {9, 2, N, ""}, {9, 6, N, ""}, {9, 7, N, ""},
    {9, 9, N, ""}, {N, N, 1, "0123456"}, {N, -9, 1, ""}, {N, -7, 1, ""},
    {N, -1, 1, "012345"}, {N, 0, 1, ""}, {N, 2, 1, "01"}, {N, 6, 1, "012345"},
    {N, 7, 1, "0123456"}, {N, 9, 1, "0123456"}, {-9, N, 1, "0123456"}, {-9, -9, 1, ""},
    {-9, -7, 1, ""}, {-9, -1, 1, "012345"}, {-9, 0, 1, ""}, {-9, 2, 1, "01"},
    {-9, 6, 1, "012345"}, {-9, 7, 1, "0123456"}, {-9, 9, 1, "0123456"}, {-7, N, 1, "0123456"},
    {-7, -9, 1, ""}, {-7, -7, 1, ""}, {-7, -1, 1, "012345"}, {-7, 0, 1, ""},
    {-7, 2, 1, "01"}, {-7, 6, 1, "012345"}, {-7, 7, 1, "0123456"}, {-7, 9, 1, "0123456"},
    {-1, N, 1, "6"}, {-1, -9, 1, ""}, {-1, -7, 1, ""}, {-1, -1, 1, ""},
    {-1, 0, 1, ""}, {-1, 2, 1, ""}, {-1, 6, 1, ""}, {-1, 7, 1, "6"},
    {-1, 9, 1, "6"}, {0, N, 1, "0123456"}, {0, -9, 1, ""}, {0, -7, 1, ""},
    {0, -1, 1, "012345"}, {0, 0, 1, ""}, {0, 2, 1, "01"}, {0, 6, 1, "012345"},
    {0, 7, 1, "0123456"}, {0, 9, 1, "0123456"}, {2, N, 1, "23456"}, {2, -9, 1, ""},
    {2, -7, 1, ""}, {2, -1, 1, "2345"}, {2, 0, 1, ""}, {2, 2, 1, ""},
    {2, 6, 1, "2345"}, {2, 7, 1, "23456"}, {2, 9, 1, "23456"}, {6, N, 1, "6"},
    {6, -9, 1, ""}, {6, -7, 1, ""}, {6, -1, 1, ""}, {6, 0, 1, ""},
    {6, 2, 1, ""}, {6, 6, 1, ""}, {6, 7, 1, "6"}, {6, 9, 1, "6"},
    {7, N, 1, ""}, {7, -9, 1, ""}, {7, -7, 1, ""}, {7, -1, 1, ""},
    {7, 0, 1, ""}, {7, 2, 1, ""}, {7, 6, 1, ""}, {7, 7, 1, ""},
    {7, 9, 1, ""}, {9, N, 1, ""}, {9, -9, 1, ""}, {9, -7, 1, ""},
    {9, -1, 1, ""}, {9, 0, 1, ""}, {9, 2, 1, ""}, {9, 6, 1, ""},
    {9, 7, 1, ""}, {9, 9, 1, ""}, {N, N, 3, "036"}, {N, -9, 3, ""},
    {N, -7, 3, ""}, {N, -1, 3, "03"}, {N, 0, 3, ""}, {N, 2, 3, "0"},
    {N, 6, 3, "03"}, {N, 7, 3, "036"}, {N, 9, 3, "036"}, {-9, N, 3, "036"},
    {-9, -9, 3, ""}, {-9, -7, 3, ""}, {-9, -1, 3, "03"}, {-9, 0, 3, ""},
    {-9, 2, 3, "0"}, {-9, 6, 3, "03"}, {-9, 7, 3, "036"}, {-9, 9, 3, "036"},
    {-7, N, 3, "036"}, {-7, -9, 3, ""}, {-7, -7, 3, ""}, {-7, -1, 3, "03"},
    {-7, 0, 3, ""}, {-7, 2, 3, "0"}, {-7, 6, 3, "03"}, {-7, 7, 3, "036"},
    {-7, 9, 3, "036"}, {-1, N, 3, "6"}, {-1, -9, 3, ""}, {-1, -7, 3, ""},
    {-1, -1, 3, ""}, {-1, 0, 3, ""}, {-1, 2, 3, ""}, {-1, 6, 3, ""},
    {-1, 7, 3, "6"}, {-1, 9, 3, "6"}, {0, N, 3, "036"}, {0, -9, 3, ""},
    {0, -7, 3, ""}, {0, -1, 3, "03"}, {0, 0, 3, ""}, {0, 2, 3, "0"},
    {0, 6, 3, "03"}, {0, 7, 3, "036"}, {0, 9, 3, "036"}, {2, N, 3, "25"},
    {2, -9, 3, ""}, {2, -7, 3, ""}, {2, -1, 3, "25"}, {2, 0, 3, ""},
    {2, 2, 3, ""}, {2, 6, 3, "25"}, {2, 7, 3, "25"}, {2, 9, 3, "25"},
    {6, N, 3, "6"}, {6, -9, 3, ""}, {6, -7, 3, ""}, {6, -1, 3, ""},
    {6, 0, 3, ""}, {6, 2, 3, ""}, {6, 6, 3, ""}, {6, 7, 3, "6"},
    {6, 9, 3, "6"}, {7, N, 3, ""}, {7, -9, 3, ""}, {7, -7, 3, ""},
    {7, -1, 3, ""}, {7, 0, 3, ""}, {7, 2, 3, ""}, {7, 6, 3, ""},
    {7, 7, 3, ""}, {7, 9, 3, ""}, {9, N, 3, ""}, {9, -9, 3, ""},
    {9, -7, 3, ""}, {9, -1, 3, ""}, {9, 0, 3, ""}, {9, 2, 3, ""},
    {9, 6, 3, ""}, {9, 7, 3, ""}, {9, 9, 3, ""}, {N, N, -1, "6543210"},
    {N, -9, -1, "6543210"}, {N, -7, -1, "654321"}, {N, -1, -1, ""}, {N, 0, -1, "654321"},
    {N, 2, -1, "6543"}, {N, 6, -1, ""}, {N, 7, -1, ""}, {N, 9, -1, ""},
    {-9, N, -1, ""}, {-9, -9, -1, ""}, {-9, -7, -1, ""}, {-9, -1, -1, ""},
    {-9, 0, -1, ""}, {-9, 2, -1, ""}, {-9, 6, -1, ""}, {-9, 7, -1, ""},
    {-9, 9, -1, ""}, {-7, N, -1, "0"}, {-7, -9, -1, "0"}, {-7, -7, -1, ""},
    {-7, -1, -1, ""}, {-7, 0, -1, ""}, {-7, 2, -1, ""}, {-7, 6, -1, ""},
    {-7, 7, -1, ""}, {-7, 9, -1, ""}, {-1, N, -1, "6543210"}, {-1, -9, -1, "6543210"},
    {-1, -7, -1, "654321"}, {-1, -1, -1, ""}, {-1, 0, -1, "654321"}, {-1, 2, -1, "6543"},
    {-1, 6, -1, ""}, {-1, 7, -1, ""}, {-1, 9, -1, ""}, {0, N, -1, "0"},
    {0, -9, -1, "0"}, {0, -7, -1, ""}, {0, -1, -1, ""}, {0, 0, -1, ""},
    {0, 2, -1, ""}, {0, 6, -1, ""}, {0, 7, -1, ""}, {0, 9, -1, ""},
    {2, N, -1, "210"}, {2, -9, -1, "210"}, {2, -7, -1, "21"}, {2, -1, -1, ""},
    {2, 0, -1, "21"}, {2, 2, -1, ""}, {2, 6, -1, ""}, {2, 7, -1, ""},
    {2, 9, -1, ""}, {6, N, -1, "6543210"}, {6, -9, -1, "6543210"}, {6, -7, -1, "654321"},
    {6, -1, -1, ""}, {6, 0, -1, "654321"}, {6, 2, -1, "6543"}, {6, 6, -1, ""},
    {6, 7, -1, ""}, {6, 9, -1, ""}, {7, N, -1, "6543210"}, {7, -9, -1, "6543210"},
    {7, -7, -1, "654321"}, {7, -1, -1, ""}, {7, 0, -1, "654321"}, {7, 2, -1, "6543"},
    {7, 6, -1, ""}, {7, 7, -1, ""}, {7, 9, -1, ""}, {9, N, -1, "6543210"},
    {9, -9, -1, "6543210"}, {9, -7, -1, "654321"}, {9, -1, -1, ""}, {9, 0, -1, "654321"},
    {9, 2, -1, "6543"}, {9, 6, -1, ""}, {9, 7, -1, ""}, {9, 9, -1, ""},
    {N, N, -2, "6420"}, {N, -9, -2, "6420"}, {N, -7, -2, "642"}, {N, -1, -2, ""},
    {N, 0, -2, "642"}, {N, 2, -2, "64"}, {N, 6, -2, ""}, {N, 7, -2, ""},
    {N, 9, -2, ""}, {-9, N, -2, ""}, {-9, -9, -2, ""}, {-9, -7, -2, ""},
    {-9, -1, -2, ""}, {-9, 0, -2, ""}, {-9, 2, -2, ""}, {-9, 6, -2, ""},
    {-9, 7, -2, ""}, {-9, 9, -2, ""}, {-7, N, -2, "0"}, {-7, -9, -2, "0"},
    {-7, -7, -2, ""}, {-7, -1, -2, ""}, {-7, 0, -2, ""}, {-7, 2, -2, ""},
    {-7, 6, -2, ""}, {-7, 7, -2, ""}, {-7, 9, -2, ""}, {-1, N, -2, "6420"},
    {-1, -9, -2, "6420"}, {-1, -7, -2, "642"}, {-1, -1, -2, ""}, {-1, 0, -2, "642"},
    {-1, 2, -2, "64"}, {-1, 6, -2, ""}, {-1, 7, -2, ""}, {-1, 9, -2, ""},
    {0, N, -2, "0"}, {0, -9, -2, "0"}, {0, -7, -2, ""}, {0, -1, -2, ""},
    {0, 0, -2, ""}, {0, 2, -2, ""}, {0, 6, -2, ""}, {0, 7, -2, ""},
    {0, 9, -2, ""}, {2, N, -2, "20"}, {2, -9, -2, "20"}, {2, -7, -2, "2"},
    {2, -1, -2, ""}, {2, 0, -2, "2"}, {2, 2, -2, ""}, {2, 6, -2, ""},
    {2, 7, -2, ""}, {2, 9, -2, ""}, {6, N, -2, "6420"}, {6, -9, -2, "6420"},
    {6, -7, -2, "642"}, {6, -1, -2, ""}, {6, 0, -2, "642"}, {6, 2, -2, "64"},
    {6, 6, -2, ""}, {6, 7, -2, ""}, {6, 9, -2, ""}, {7, N, -2, "6420"},
    {7, -9, -2, "6420"}, {7, -7, -2, "642"}, {7, -1, -2, ""}, {7, 0, -2, "642"},
    {7, 2, -2, "64"}, {7, 6, -2, ""}, {7, 7, -2, ""}, {7, 9, -2, ""},
    {9, N, -2, "6420"}, {9, -9, -2, "6420"}, {9, -7, -2, "642"}, {9, -1, -2, ""},
    {9, 0, -2, "642"}, {9, 2, -2, "64"}, {9, 6, -2, ""}, {9, 7, -2, ""},
    {9, 9, -2, ""}, {N, N, 10, "0"}, {N, -9, 10, ""}, {N, -7, 10, ""},
    {N, -1, 10, "0"}, {N, 0, 10, ""}, {N, 2, 10, "0"}, {N, 6, 10, "0"},
    {N, 7, 10, "0"}, {N, 9, 10, "0"}, {-9, N, 10, "0"}, {-9, -9, 10, ""},
    {-9, -7, 10, ""}, {-9, -1, 10, "0"}, {-9, 0, 10, ""}, {-9, 2, 10, "0"},
    {-9, 6, 10, "0"}, {-9, 7, 10, "0"}, {-9, 9, 10, "0"}, {-7, N, 10, "0"},
    {-7, -9, 10, ""}, {-7, -7, 10, ""}, {-7, -1, 10, "0"}, {-7, 0, 10, ""},
    {-7, 2, 10, "0"}, {-7, 6, 10, "0"}, {-7, 7, 10, "0"}, {-7, 9, 10, "0"},
    {-1, N, 10, "6"}, {-1, -9, 10, ""}, {-1, -7, 10, ""}, {-1, -1, 10, ""},
    {-1, 0, 10, ""}, {-1, 2, 10, ""}, {-1, 6, 10, ""}, {-1, 7, 10, "6"},
    {-1, 9, 10, "6"}, {0, N, 10, "0"}, {0, -9, 10, ""}, {0, -7, 10, ""},
    {0, -1, 10, "0"}, {0, 0, 10, ""}, {0, 2, 10, "0"}, {0, 6, 10, "0"},
    {0, 7, 10, "0"}, {0, 9, 10, "0"}, {2, N, 10, "2"}, {2, -9, 10, ""},
    {2, -7, 10, ""}, {2, -1, 10, "2"}, {2, 0, 10, ""}, {2, 2, 10, ""},
    {2, 6, 10, "2"}, {2, 7, 10, "2"}, {2, 9, 10, "2"}, {6, N, 10, "6"},
    {6, -9, 10, ""}, {6, -7, 10, ""}, {6, -1, 10, ""}, {6, 0, 10, ""},
    {6, 2, 10, ""}, {6, 6, 10, ""}, {6, 7, 10, "6"}, {6, 9, 10, "6"},
    {7, N, 10, ""}, {7, -9, 10, ""}, {7, -7, 10, ""}, {7, -1, 10, ""},
    {7, 0, 10, ""}, {7, 2, 10, ""}, {7, 6, 10, ""}, {7, 7, 10, ""},
    {7, 9, 10, ""}, {9, N, 10, ""}, {9, -9, 10, ""}, {9, -7, 10, ""},
    {9, -1, 10, ""}, {9, 0, 10, ""}, {9, 2, 10, ""}, {9, 6, 10, ""},
    {9, 7, 10, ""}, {9, 9, 10, ""}, {N, N, -10, "6"}, {N, -9, -10, "6"},
    {N, -7, -10, "6"}, {N, -1, -10, ""}, {N, 0, -10, "6"}, {N, 2, -10, "6"},
    {N, 6, -10, ""}, {N, 7, -10, ""}, {N, 9, -10, ""}, {-9, N, -10, ""},
    {-9, -9, -10, ""}, {-9, -7, -10, ""}, {-9, -1, -10, ""}, {-9, 0, -10, ""},
    {-9, 2, -10, ""}, {-9, 6, -10, ""}, {-9, 7, -10, ""}, {-9, 9, -10, ""},
    {-7, N, -10, "0"}, {-7, -9, -10, "0"}, {-7, -7, -10, ""}, {-7, -1, -10, ""},
    {-7, 0, -10, ""}, {-7, 2, -10, ""}, {-7, 6, -10, ""}, {-7, 7, -10, ""},
    {-7, 9, -10, ""}, {-1, N, -10, "6"}, {-1, -9, -10, "6"}, {-1, -7, -10, "6"},
    {-1, -1, -10, ""}, {-1, 0, -10, "6"}, {-1, 2, -10, "6"}, {-1, 6, -10, ""},
    {-1, 7, -10, ""}, {-1, 9, -10, ""}, {0, N, -10, "0"}, {0, -9, -10, "0"},
    {0, -7, -10, ""}, {0, -1, -10, ""}, {0, 0, -10, ""}, {0, 2, -10, ""},
    {0, 6, -10, ""}, {0, 7, -10, ""}, {0, 9, -10, ""}, {2, N, -10, "2"},
    {2, -9, -10, "2"}, {2, -7, -10, "2"}, {2, -1, -10, ""}, {2, 0, -10, "2"},
    {2, 2, -10, ""}, {2, 6, -10, ""}, {2, 7, -10, ""}, {2, 9, -10, ""},
    {6, N, -10, "6"}, {6, -9, -10, "6"}, {6, -7, -10, "6"}, {6, -1, -10, ""},
    {6, 0, -10, "6"}, {6, 2, -10, "6"}, {6, 6, -10, ""}, {6, 7, -10, ""},
    {6, 9, -10, ""}, {7, N, -10, "6"}, {7, -9, -10, "6"}, {7, -7, -10, "6"},
    {7, -1, -10, ""}, {7, 0, -10, "6"}, {7, 2, -10, "6"}, {7, 6, -10, ""},
    {7, 7, -10, ""}, {7, 9, -10, ""}, {9, N, -10, "6"}, {9, -9, -10, "6"},
    {9, -7, -10, "6"}, {9, -1, -10, ""}, {9, 0, -10, "6"}, {9, 2, -10, "6"},
    {9, 6, -10, ""}, {9, 7, -10, ""}, {9, 9, -10, ""},
};

static int digits_to_vals(const char *s, double *v, double scale, double shift) {
    int n = 0;
    for (; s[n]; n++) v[n] = shift + scale * (s[n] - '0');
    return n;
}

static void bound_str(char *buf, size_t cap, int64_t v) {
    if (v == N) buf[0] = '\0';
    else snprintf(buf, cap, "%lld", (long long)v);
}

static void test_slice_table(void **state) {
    (void)state;
    nd_array *a = iota(1, SH(7));
    nd_array *rev = nd_flip(a, ND_ALL_AXES, NULL);        /* 6, 5, ..., 0 with stride -1 */
    nd_array *t0 = iota(2, SH(3, 7));
    nd_array *t = nd_transpose(t0, NULL);       /* t[i, j] = 7 j + i, strides (1, 7) */
    ND_ASSERT_ARRAY(rev);
    ND_ASSERT_ARRAY(t);
    for (size_t k = 0; k < sizeof slice_cases / sizeof slice_cases[0]; k++) {
        int64_t b = slice_cases[k].start, e = slice_cases[k].stop, s = slice_cases[k].step;
        double want[8], want_rev[8], col[8];
        int n = digits_to_vals(slice_cases[k].expect, want, 1, 0);
        digits_to_vals(slice_cases[k].expect, want_rev, -1, 6);
        int64_t step = s == N ? 1 : s;

        nd_array *v = nd_slice_axis(a, 0, b, e, s);
        expect_view(v, 1, SH(n), n >= 2 ? SH(step) : NULL, want);
        nd_free(v);

        nd_slice_t sl = {b, e, s};
        v = nd_slice(rev, 1, &sl);
        expect_view(v, 1, SH(n), n >= 2 ? SH(-step) : NULL, want_rev);
        nd_free(v);

        /* the same slice as a string, with and without spaces */
        char sb[24], se[24], ss[24], str[96];
        bound_str(sb, sizeof sb, b);
        bound_str(se, sizeof se, e);
        bound_str(ss, sizeof ss, s);
        snprintf(str, sizeof str, "%s:%s:%s", sb, se, ss);
        v = nd_view(a, str);
        expect_view(v, 1, SH(n), NULL, want);
        nd_free(v);
        snprintf(str, sizeof str, " %s : %s :%s ,", sb, se, ss);
        v = nd_view(a, str);
        expect_view(v, 1, SH(n), NULL, want);
        nd_free(v);

        /* axis 0 of the transposed array, columns 0 and 2 */
        v = nd_slice_axis(t, -2, b, e, s);
        ND_ASSERT_ARRAY(v);
        nd_test_shape(v, 2, SH(n, 3));
        for (int i = 0; i < n; i++) {
            double x;
            ND_ASSERT_OK(nd_get_f64(v, SH(i, 2), &x));
            assert_true(x == want[i] + 14);
            ND_ASSERT_OK(nd_get_f64(v, SH(i, 0), &col[i]));
            assert_true(col[i] == want[i]);
        }
        nd_free(v);
    }
    nd_free(a);
    nd_free(rev);
    nd_free(t0);
    nd_free(t);
}

static void test_slice_nd(void **state) {
    (void)state;
    nd_array *a = iota(2, SH(3, 4));
    /* a[1:, ::-2] */
    nd_slice_t sl[2] = {{1, N, N}, {N, N, -2}};
    nd_array *v = nd_slice(a, 2, sl);
    expect_view(v, 2, SH(2, 2), SH(4, -2), VALS(7, 5, 11, 9));
    assert_true(nd_is_writeable(v));
    assert_false(nd_is_c_contiguous(v));
    expect_shared_write(v, a, SH(1, 3));
    /* fewer slices than axes leave the rest whole: a[::2] */
    nd_array *w = nd_slice(a, 1, (nd_slice_t[]){{N, N, 2}});
    expect_view(w, 2, SH(2, 4), SH(8, 1), VALS(0, 1, 2, 3, 8, 9, 10, 11));
    nd_free(w);
    /* a view of a view, v[::-1, 1:2] (hand-computed) */
    w = nd_slice(v, 2, (nd_slice_t[]){{N, N, -1}, {1, 2, 1}});
    expect_view(w, 2, SH(2, 1), NULL, VALS(9, 5));
    nd_free(w);
    nd_free(v);

    /* transposed input: a.T[1:3, -1:] */
    nd_array *t = nd_transpose(a, NULL);
    v = nd_slice(t, 2, (nd_slice_t[]){{1, 3, 1}, {-1, N, N}});
    expect_view(v, 2, SH(2, 1), SH(1, 4), VALS(9, 10));
    nd_free(v);
    nd_free(t);

    /* broadcast input keeps stride 0 and stays read-only: b[1:3, ::-1] */
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(4, 3));
    v = nd_slice(b, 2, (nd_slice_t[]){{1, 3, N}, {N, N, -1}});
    expect_view(v, 2, SH(2, 3), SH(0, -1), VALS(2, 1, 0, 2, 1, 0));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);

    /* 0-d: no slices is the whole array */
    nd_array *z = nd_scalar(5, ND_FLOAT64);
    v = nd_slice(z, 0, NULL);
    expect_view(v, 0, NULL, NULL, VALS(5));
    nd_free(v);
    EXPECT_FAIL(z, nd_slice(z, 1, (nd_slice_t[]){{N, N, N}}), ND_ERR_INDEX,
                "array is 0-dimensional, but 1 were indexed");
    EXPECT_FAIL(z, nd_slice_axis(z, 0, 0, 1, 1), ND_ERR_INDEX,
                "axis 0 is out of bounds for array of dimension 0");
    nd_free(z);

    /* zero-size arrays */
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    v = nd_slice(e, 2, (nd_slice_t[]){{1, N, N}, {N, N, -1}});
    expect_view(v, 2, SH(0, 3), NULL, NULL);
    nd_free(v);
    v = nd_slice_axis(e, 1, 5, 1, -1); /* e[:, 5:1:-1] has 1 column */
    expect_view(v, 2, SH(0, 1), NULL, NULL);
    /* an empty view never points past its (empty) memory */
    assert_ptr_equal(nd_data(v), nd_data(e));
    nd_free(v);
    nd_free(e);
    /* an empty slice of a non-empty array */
    v = nd_slice_axis(a, 1, 3, 1, 1);
    expect_view(v, 2, SH(3, 0), NULL, NULL);
    nd_free(v);

    /* huge bounds and steps clamp as in Python */
    v = nd_slice_axis(a, 1, INT64_MAX, -INT64_MAX, -INT64_MAX);
    expect_view(v, 2, SH(3, 1), NULL, VALS(3, 7, 11));
    nd_free(v);
    v = nd_slice_axis(a, 1, -INT64_MAX, INT64_MAX, INT64_MAX);
    expect_view(v, 2, SH(3, 1), NULL, VALS(0, 4, 8));
    nd_free(v);

    /* errors */
    EXPECT_FAIL(a, nd_slice(a, 2, (nd_slice_t[]){{N, N, N}, {0, 2, 0}}), ND_ERR_VALUE,
                "slice step cannot be zero");
    EXPECT_FAIL(a, nd_slice_axis(a, 0, N, N, 0), ND_ERR_VALUE, "slice step cannot be zero");
    EXPECT_FAIL(a, nd_slice(a, 3, (nd_slice_t[]){{N, N, N}, {N, N, N}, {N, N, N}}), ND_ERR_INDEX,
                "too many indices for array: array is 2-dimensional, but 3 were indexed");
    EXPECT_FAIL(a, nd_slice(a, -1, NULL), ND_ERR_VALUE, "negative slice count -1");
    EXPECT_FAIL(a, nd_slice(a, 1, NULL), ND_ERR_NULL, "argument 'slices' is NULL");
    EXPECT_FAIL(a, nd_slice_axis(a, 2, 0, 1, 1), ND_ERR_INDEX,
                "nd_slice_axis: axis 2 is out of bounds for array of dimension 2");
    EXPECT_FAIL(a, nd_slice_axis(a, -3, 0, 1, 1), ND_ERR_INDEX,
                "axis -3 is out of bounds for array of dimension 2");
    nd_free(a);
}

static void test_index(void **state) {
    (void)state;
    nd_array *a = iota(2, SH(3, 4));
    nd_array *v = nd_index(a, 0, 1);
    expect_view(v, 1, SH(4), SH(1), VALS(4, 5, 6, 7));
    expect_shared_write(v, a, SH(1, 0));
    nd_free(v);
    v = nd_index(a, -1, -1); /* a[:, -1] */
    expect_view(v, 1, SH(3), SH(4), VALS(3, 7, 11));
    nd_free(v);
    /* down to 0-d */
    nd_array *r = nd_index(a, 1, 2);
    nd_array *s = nd_index(r, 0, -3);
    expect_view(s, 0, NULL, NULL, VALS(2));
    nd_free(r);
    nd_free(s);
    /* transposed and flipped inputs */
    nd_array *t = nd_transpose(a, NULL);
    v = nd_index(t, 0, 2);
    expect_view(v, 1, SH(3), SH(4), VALS(2, 6, 10));
    nd_free(v);
    nd_array *f = nd_flip(a, 1, AX(1));
    v = nd_index(f, 1, 0);
    expect_view(v, 1, SH(3), SH(4), VALS(3, 7, 11));
    nd_free(v);
    nd_free(f);
    nd_free(t);
    /* broadcast input: a row of the broadcast is the original row */
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(5, 3));
    v = nd_index(b, 0, 4);
    expect_view(v, 1, SH(3), SH(1), VALS(0, 1, 2));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    v = nd_index(b, 1, 1);
    expect_view(v, 1, SH(5), SH(0), VALS(1, 1, 1, 1, 1));
    nd_free(v);
    nd_free(b);
    nd_free(row);

    EXPECT_FAIL(a, nd_index(a, 0, 3), ND_ERR_INDEX, "nd_index: index 3 is out of bounds for axis 0 with size 3");
    EXPECT_FAIL(a, nd_index(a, 1, -5), ND_ERR_INDEX, "index -5 is out of bounds for axis 1 with size 4");
    EXPECT_FAIL(a, nd_index(a, 0, INT64_MIN), ND_ERR_INDEX, "index -9223372036854775808 is out of bounds");
    EXPECT_FAIL(a, nd_index(a, 2, 0), ND_ERR_INDEX, "axis 2 is out of bounds for array of dimension 2");
    nd_array *e = nd_zeros(2, SH(2, 0), ND_FLOAT64);
    EXPECT_FAIL(e, nd_index(e, 1, 0), ND_ERR_INDEX, "index 0 is out of bounds for axis 1 with size 0");
    v = nd_index(e, 0, 1);
    expect_view(v, 1, SH(0), NULL, NULL);
    assert_ptr_equal(nd_data(v), nd_data(e));
    nd_free(v);
    nd_free(e);
    nd_array *z = nd_scalar(1, ND_FLOAT64);
    EXPECT_FAIL(z, nd_index(z, 0, 0), ND_ERR_INDEX, "axis 0 is out of bounds for array of dimension 0");
    nd_free(z);
    nd_free(a);
}

/* ------------------------------------------------------------ permutations */

static const double IOTA24[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
/* np.arange(24.).reshape(2,3,4) permuted (NumPy). */
static const double MOVE_0_LAST[] = {0, 12, 1, 13, 2, 14, 3, 15, 4, 16, 5, 17,
                                     6, 18, 7, 19, 8, 20, 9, 21, 10, 22, 11, 23};
static const double SWAP_0_2[] = {0, 12, 4, 16, 8, 20, 1, 13, 5, 17, 9, 21,
                                  2, 14, 6, 18, 10, 22, 3, 15, 7, 19, 11, 23};

static void test_transpose(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    nd_array *v = nd_transpose(a, NULL);
    expect_view(v, 3, SH(4, 3, 2), SH(1, 4, 12), SWAP_0_2);
    assert_true(nd_is_f_contiguous(v));
    assert_false(nd_is_c_contiguous(v));
    expect_shared_write(v, a, SH(0, 0, 0));
    /* transposing back gives the original geometry */
    nd_array *back = nd_transpose(v, NULL);
    expect_view(back, 3, SH(2, 3, 4), SH(12, 4, 1), IOTA24);
    assert_true(nd_is_c_contiguous(back));
    nd_free(back);
    nd_free(v);
    v = nd_transpose(a, AX(1, -1, 0)); /* negative entries allowed, as NumPy */
    expect_view(v, 3, SH(3, 4, 2), SH(4, 1, 12), MOVE_0_LAST);
    nd_free(v);
    /* identity, 1-D and 0-d */
    v = nd_transpose(a, AX(0, 1, 2));
    assert_true(nd_is_c_contiguous(v));
    nd_free(v);
    nd_array *z = nd_scalar(3, ND_FLOAT64);
    v = nd_transpose(z, NULL);
    expect_view(v, 0, NULL, NULL, VALS(3));
    nd_free(v);
    nd_free(z);
    /* zero-size */
    nd_array *e = nd_zeros(2, SH(0, 5), ND_FLOAT64);
    v = nd_transpose(e, NULL);
    expect_view(v, 2, SH(5, 0), NULL, NULL);
    nd_free(v);
    nd_free(e);
    /* broadcast input */
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(2, 3));
    v = nd_transpose(b, NULL);
    expect_view(v, 2, SH(3, 2), SH(1, 0), VALS(0, 0, 1, 1, 2, 2));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);

    EXPECT_FAIL(a, nd_transpose(a, AX(0, 0, 1)), ND_ERR_VALUE, "repeated axis 0");
    EXPECT_FAIL(a, nd_transpose(a, AX(0, 2, -1)), ND_ERR_VALUE, "repeated axis -1");
    EXPECT_FAIL(a, nd_transpose(a, AX(0, 1, 3)), ND_ERR_INDEX,
                "nd_transpose: axis 3 is out of bounds for array of dimension 3");
    nd_free(a);
}

static void test_swap_move(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    nd_array *v = nd_swapaxes(a, 0, 2);
    expect_view(v, 3, SH(4, 3, 2), SH(1, 4, 12), SWAP_0_2);
    nd_free(v);
    v = nd_swapaxes(a, -1, -3);
    expect_view(v, 3, SH(4, 3, 2), SH(1, 4, 12), SWAP_0_2);
    nd_free(v);
    v = nd_swapaxes(a, 1, 1);
    assert_true(nd_is_c_contiguous(v));
    nd_free(v);
    v = nd_moveaxis(a, 0, -1);
    expect_view(v, 3, SH(3, 4, 2), SH(4, 1, 12), MOVE_0_LAST);
    expect_shared_write(v, a, SH(0, 0, 0));
    nd_free(v);
    v = nd_moveaxis(a, 2, 0);
    expect_view(v, 3, SH(4, 2, 3), SH(1, 12, 4),
                VALS(0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23));
    nd_free(v);
    v = nd_moveaxis(a, -1, 1);
    expect_view(v, 3, SH(2, 4, 3), SH(12, 1, 4),
                VALS(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23));
    nd_free(v);
    v = nd_moveaxis(a, 1, 1);
    assert_true(nd_is_c_contiguous(v));
    nd_free(v);
    /* on a flipped input the strides travel with the axes */
    nd_array *f = nd_flip(a, 1, AX(1));
    v = nd_moveaxis(f, 1, 2);
    ND_ASSERT_ARRAY(v);
    nd_test_shape(v, 3, SH(2, 4, 3));
    assert_int_equal(nd_strides(v)[2], -4);
    double x;
    ND_ASSERT_OK(nd_get_f64(v, SH(1, 3, 0), &x)); /* f[1, 0, 3] = a[1, 2, 3] */
    assert_true(x == 23);
    nd_free(v);
    nd_free(f);

    EXPECT_FAIL(a, nd_swapaxes(a, 0, 3), ND_ERR_INDEX, "axis 3 is out of bounds for array of dimension 3");
    EXPECT_FAIL(a, nd_swapaxes(a, -4, 0), ND_ERR_INDEX, "axis -4 is out of bounds for array of dimension 3");
    EXPECT_FAIL(a, nd_moveaxis(a, 0, 5), ND_ERR_INDEX, "nd_moveaxis: axis 5 is out of bounds for array of dimension 3");
    EXPECT_FAIL(a, nd_moveaxis(a, 3, 0), ND_ERR_INDEX, "axis 3 is out of bounds");
    nd_array *z = nd_scalar(1, ND_FLOAT64);
    EXPECT_FAIL(z, nd_swapaxes(z, 0, 0), ND_ERR_INDEX, "axis 0 is out of bounds for array of dimension 0");
    nd_free(z);
    nd_free(a);
}

/* ------------------------------------------------------------ reshape and ravel */

/* Reshapes a to shape and checks the result against NumPy's: a view with
 * view_strides, or (view_strides NULL) a C-contiguous copy, in which case
 * nd_reshape_view must refuse. */
static void expect_reshape(const nd_array *a, int ndim, const int64_t *shape,
                           const int64_t *view_strides, const double *vals) {
    nd_array *r = nd_reshape(a, ndim, shape);
    ND_ASSERT_ARRAY(r);
    if (view_strides) {
        expect_view(r, ndim, shape, view_strides, vals);
        assert_ptr_equal(nd_data(r), nd_data(a));
        assert_int_equal(nd_is_writeable(r), nd_is_writeable(a));
        nd_array *rv = nd_reshape_view(a, ndim, shape);
        expect_view(rv, ndim, shape, view_strides, vals);
        nd_free(rv);
    } else {
        int64_t c[ND_MAX_DIMS], s = 1;
        for (int i = ndim - 1; i >= 0; i--) {
            c[i] = s;
            s *= shape[i];
        }
        expect_view(r, ndim, shape, c, vals);
        assert_false(nd_may_share_memory(r, a));
        assert_true(nd_is_c_contiguous(r));
        assert_true(nd_is_writeable(r));
        EXPECT_FAIL(a, nd_reshape_view(a, ndim, shape), ND_ERR_VALUE, "without copying");
    }
    nd_free(r);
}

/* np.arange(24.).reshape(2,3,4).transpose(1,0,2) in C order (NumPy). */
static const double X_VALS[] = {0, 1, 2,  3,  12, 13, 14, 15, 4,  5,  6,  7,
                                16, 17, 18, 19, 8, 9, 10, 11, 20, 21, 22, 23};

static void test_reshape_decisions(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    expect_reshape(a, 2, SH(4, 6), SH(6, 1), IOTA24);
    expect_reshape(a, 1, SH(24), SH(1), IOTA24);
    expect_reshape(a, 5, SH(1, 2, 1, 12, 1), SH(24, 12, 12, 1, 1), IOTA24);

    /* axes 0 and 2 of x are still contiguous groups */
    nd_array *x = nd_transpose(a, AX(1, 0, 2));
    expect_view(x, 3, SH(3, 2, 4), SH(4, 12, 1), X_VALS);
    expect_reshape(x, 4, SH(3, 2, 2, 2), SH(4, 12, 2, 1), X_VALS);
    expect_reshape(x, 4, SH(3, 2, 4, 1), SH(4, 12, 1, 1), X_VALS);
    expect_reshape(x, 5, SH(1, 3, 1, 2, 4), SH(12, 4, 24, 12, 1), X_VALS);
    expect_reshape(x, 2, SH(3, 8), NULL, X_VALS);
    expect_reshape(x, 2, SH(6, 4), NULL, X_VALS);
    expect_reshape(x, 1, SH(24), NULL, X_VALS);

    nd_array *m = iota(2, SH(3, 4));
    nd_array *t = nd_transpose(m, NULL);
    static const double T_VALS[] = {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11};
    expect_reshape(t, 1, SH(12), NULL, T_VALS);
    expect_reshape(t, 3, SH(2, 2, 3), SH(2, 1, 4), T_VALS);
    expect_reshape(t, 3, SH(4, 3, 1), SH(1, 4, 4), T_VALS);

    /* negative strides */
    nd_array *l = iota(1, SH(5));
    nd_array *y = nd_flip(l, ND_ALL_AXES, NULL);
    expect_reshape(y, 2, SH(5, 1), SH(-1, -1), VALS(4, 3, 2, 1, 0));
    expect_reshape(y, 2, SH(1, 5), SH(-5, -1), VALS(4, 3, 2, 1, 0));

    /* a size-1 axis between strided ones: iota(3,1,4)[:, :, ::2] */
    nd_array *zb = iota(3, SH(3, 1, 4));
    nd_array *z = nd_slice(zb, 3, (nd_slice_t[]){{N, N, N}, {N, N, N}, {N, N, 2}});
    expect_view(z, 3, SH(3, 1, 2), SH(4, ANY, 2), VALS(0, 2, 4, 6, 8, 10));
    expect_reshape(z, 3, SH(3, 2, 1), SH(4, 2, 2), VALS(0, 2, 4, 6, 8, 10));
    expect_reshape(z, 3, SH(1, 3, 2), SH(12, 4, 2), VALS(0, 2, 4, 6, 8, 10));
    expect_reshape(z, 1, SH(6), SH(2), VALS(0, 2, 4, 6, 8, 10));

    /* columns 1:5 of a 4x6: rows stay separate */
    nd_array *sb = iota(2, SH(4, 6));
    nd_array *s = nd_slice_axis(sb, 1, 1, 5, 1);
    static const double S_VALS[] = {1, 2, 3, 4, 7, 8, 9, 10, 13, 14, 15, 16, 19, 20, 21, 22};
    expect_reshape(s, 2, SH(8, 2), NULL, S_VALS);
    expect_reshape(s, 3, SH(2, 2, 4), SH(12, 6, 1), S_VALS);
    expect_reshape(s, 1, SH(16), NULL, S_VALS);

    /* a broadcast stays read-only as a view; the copy is writeable */
    nd_array *row = iota(1, SH(3));
    nd_array *w = nd_broadcast_to(row, 2, SH(4, 3));
    static const double W_VALS[] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
    expect_reshape(w, 3, SH(2, 2, 3), SH(0, 0, 1), W_VALS);
    expect_reshape(w, 1, SH(12), NULL, W_VALS);

    nd_free(a);
    nd_free(x);
    nd_free(m);
    nd_free(t);
    nd_free(l);
    nd_free(y);
    nd_free(zb);
    nd_free(z);
    nd_free(sb);
    nd_free(s);
    nd_free(row);
    nd_free(w);
}

static void test_reshape_shapes(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    nd_array *r = nd_reshape(a, 2, SH(-1, 6));
    expect_view(r, 2, SH(4, 6), SH(6, 1), IOTA24);
    expect_shared_write(r, a, SH(0, 0, 0));
    nd_free(r);
    r = nd_reshape(a, 3, SH(2, -1, 3));
    expect_view(r, 3, SH(2, 4, 3), SH(12, 3, 1), IOTA24);
    nd_free(r);

    /* size-1 and 0-d */
    nd_array *one = iota(2, SH(1, 1));
    r = nd_reshape(one, 0, NULL);
    expect_view(r, 0, NULL, NULL, VALS(0));
    nd_free(r);
    nd_array *z = nd_scalar(7, ND_FLOAT64);
    r = nd_reshape(z, 3, SH(1, -1, 1));
    expect_view(r, 3, SH(1, 1, 1), NULL, VALS(7));
    nd_free(r);
    r = nd_ravel(z);
    expect_view(r, 1, SH(1), NULL, VALS(7));
    nd_free(r);
    EXPECT_FAIL(z, nd_reshape(z, 1, SH(2)), ND_ERR_SHAPE, "cannot reshape array of shape () (size 1) into shape (2,)");

    /* zero-size: always a view, even of a transposed array */
    nd_array *e0 = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    nd_array *e = nd_transpose(e0, NULL);
    r = nd_reshape_view(e, 3, SH(5, 0, 2));
    expect_view(r, 3, SH(5, 0, 2), NULL, NULL);
    nd_free(r);
    r = nd_reshape(e, 1, SH(-1));
    expect_view(r, 1, SH(0), NULL, NULL);
    nd_free(r);
    r = nd_reshape(e, 2, SH(2, -1));
    expect_view(r, 2, SH(2, 0), NULL, NULL);
    nd_free(r);
    /* -1 beside a 0 has no answer (NumPy: the same error) */
    EXPECT_FAIL(e, nd_reshape(e, 2, SH(-1, 0)), ND_ERR_SHAPE, "into shape (-1,0)");
    EXPECT_FAIL(e, nd_reshape(e, 1, SH(1)), ND_ERR_SHAPE, "cannot reshape array of shape (3,0) (size 0) into shape (1,)");

    /* errors name both shapes */
    EXPECT_FAIL(a, nd_reshape(a, 2, SH(5, 5)), ND_ERR_SHAPE,
                "nd_reshape: cannot reshape array of shape (2,3,4) (size 24) into shape (5,5)");
    EXPECT_FAIL(a, nd_reshape(a, 2, SH(5, -1)), ND_ERR_SHAPE, "(2,3,4) (size 24) into shape (5,-1)");
    EXPECT_FAIL(a, nd_reshape_view(a, 2, SH(5, 5)), ND_ERR_SHAPE, "nd_reshape_view: cannot reshape");
    EXPECT_FAIL(a, nd_reshape(a, 2, SH(INT64_MAX, 2)), ND_ERR_SHAPE, "cannot reshape");
    EXPECT_FAIL(a, nd_reshape(a, 3, SH(INT64_MAX, 4, 0)), ND_ERR_SHAPE, "cannot reshape");
    EXPECT_FAIL(a, nd_reshape(a, 2, SH(-1, -1)), ND_ERR_VALUE, "can only specify one unknown dimension");
    EXPECT_FAIL(a, nd_reshape(a, 2, SH(-2, 12)), ND_ERR_VALUE, "negative dimension -2 in shape (-2,12)");
    EXPECT_FAIL(a, nd_reshape(a, 33, SH(1)), ND_ERR_VALUE, "ndim 33 is outside [0, 32]");
    EXPECT_FAIL(a, nd_reshape(a, -1, SH(1)), ND_ERR_VALUE, "ndim -1");
    EXPECT_FAIL(a, nd_reshape(a, 2, NULL), ND_ERR_NULL, "argument 'shape' is NULL");

    /* the copy does not write back */
    nd_array *t = nd_transpose(a, NULL);
    r = nd_reshape(t, 1, SH(-1));
    ND_ASSERT_OK(nd_set_f64(r, SH(0), 99));
    double v;
    ND_ASSERT_OK(nd_get_f64(a, SH(0, 0, 0), &v));
    assert_true(v == 0);
    nd_free(r);
    nd_free(t);

    nd_free(a);
    nd_free(one);
    nd_free(z);
    nd_free(e0);
    nd_free(e);
}

static void test_ravel(void **state) {
    (void)state;
    nd_array *a = iota(2, SH(3, 4));
    nd_array *r = nd_ravel(a);
    expect_view(r, 1, SH(12), SH(1), VALS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    assert_ptr_equal(nd_data(r), nd_data(a));
    nd_free(r);
    /* every second column of each row is evenly spaced, so still a view */
    nd_array *s = nd_slice_axis(a, 1, N, N, 2);
    r = nd_ravel(s);
    expect_view(r, 1, SH(6), SH(2), VALS(0, 2, 4, 6, 8, 10));
    assert_ptr_equal(nd_data(r), nd_data(a));
    nd_free(r);
    nd_free(s);
    /* the first three columns are not: copied */
    s = nd_slice_axis(a, 1, N, 3, N);
    r = nd_ravel(s);
    expect_view(r, 1, SH(9), SH(1), VALS(0, 1, 2, 4, 5, 6, 8, 9, 10));
    assert_false(nd_may_share_memory(r, a));
    nd_free(r);
    nd_free(s);
    /* libnd's ravel is a view whenever one exists; NumPy copies here */
    nd_array *l = iota(1, SH(10));
    s = nd_slice_axis(l, 0, N, N, -2);
    r = nd_ravel(s);
    expect_view(r, 1, SH(5), SH(-2), VALS(9, 7, 5, 3, 1));
    assert_ptr_equal(nd_data(r), nd_data(s));
    nd_free(r);
    nd_free(s);
    /* transposed: copy in C order of the view */
    nd_array *t = nd_transpose(a, NULL);
    r = nd_ravel(t);
    expect_view(r, 1, SH(12), SH(1), VALS(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11));
    assert_false(nd_may_share_memory(r, a));
    nd_free(r);
    nd_free(t);
    /* broadcast: a 1-D broadcast stays a read-only view */
    nd_array *one = iota(1, SH(1));
    nd_array *b = nd_broadcast_to(one, 1, SH(4));
    r = nd_ravel(b);
    expect_view(r, 1, SH(4), SH(0), VALS(0, 0, 0, 0));
    assert_false(nd_is_writeable(r));
    nd_free(r);
    nd_free(b);
    b = nd_broadcast_to(one, 2, SH(2, 2));
    r = nd_ravel(b);
    expect_view(r, 1, SH(4), SH(0), VALS(0, 0, 0, 0));
    nd_free(r);
    nd_free(b);
    nd_free(one);
    /* zero-size */
    nd_array *e = nd_zeros(3, SH(2, 0, 3), ND_FLOAT64);
    r = nd_ravel(e);
    expect_view(r, 1, SH(0), NULL, NULL);
    nd_free(r);
    nd_free(e);
    nd_free(l);
    nd_free(a);
}

/* ------------------------------------------------------------ squeeze, expand_dims */

static void test_squeeze(void **state) {
    (void)state;
    nd_array *a = iota(4, SH(1, 3, 1, 2));
    nd_array *v = nd_squeeze(a, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(3, 2), SH(2, 1), VALS(0, 1, 2, 3, 4, 5));
    expect_shared_write(v, a, SH(0, 0, 0, 0));
    nd_free(v);
    v = nd_squeeze(a, 1, AX(0));
    expect_view(v, 3, SH(3, 1, 2), SH(2, ANY, 1), VALS(0, 1, 2, 3, 4, 5));
    nd_free(v);
    v = nd_squeeze(a, 2, AX(-2, 0));
    expect_view(v, 2, SH(3, 2), SH(2, 1), VALS(0, 1, 2, 3, 4, 5));
    nd_free(v);
    /* transposed input */
    nd_array *t = nd_transpose(a, NULL); /* (2,1,3,1), strides (1,*,2,*) */
    v = nd_squeeze(t, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(2, 3), SH(1, 2), VALS(0, 2, 4, 1, 3, 5));
    nd_free(v);
    nd_free(t);
    /* broadcast input */
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 3, SH(1, 2, 3));
    v = nd_squeeze(b, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(2, 3), SH(0, 1), VALS(0, 1, 2, 0, 1, 2));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);
    /* to 0-d, from 0-d, zero-size */
    nd_array *one = iota(2, SH(1, 1));
    v = nd_squeeze(one, ND_ALL_AXES, NULL);
    expect_view(v, 0, NULL, NULL, VALS(0));
    nd_free(v);
    nd_free(one);
    nd_array *z = nd_scalar(2, ND_FLOAT64);
    v = nd_squeeze(z, ND_ALL_AXES, NULL);
    expect_view(v, 0, NULL, NULL, VALS(2));
    nd_free(v);
    /* np.squeeze(0-d, axis=0): AxisError */
    EXPECT_FAIL(z, nd_squeeze(z, 1, AX(0)), ND_ERR_INDEX, "axis 0 is out of bounds for array of dimension 0");
    nd_free(z);
    nd_array *e = nd_zeros(3, SH(0, 1, 2), ND_FLOAT64);
    v = nd_squeeze(e, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(0, 2), NULL, NULL);
    nd_free(v);
    EXPECT_FAIL(e, nd_squeeze(e, 1, AX(0)), ND_ERR_VALUE, "axis 0 has size 0");
    nd_free(e);

    EXPECT_FAIL(a, nd_squeeze(a, 1, AX(1)), ND_ERR_VALUE,
                "cannot select an axis to squeeze out which has size not equal to one (axis 1 has size 3)");
    EXPECT_FAIL(a, nd_squeeze(a, 2, AX(0, -4)), ND_ERR_VALUE, "repeated axis -4");
    EXPECT_FAIL(a, nd_squeeze(a, 1, AX(4)), ND_ERR_INDEX, "axis 4 is out of bounds for array of dimension 4");
    EXPECT_FAIL(a, nd_squeeze(a, -1, AX(0)), ND_ERR_VALUE, "-1 axes given");
    EXPECT_FAIL(a, nd_squeeze(a, 5, AX(0, 1, 2, 3, 0)), ND_ERR_VALUE, "repeated axis 0");
    EXPECT_FAIL(a, nd_squeeze(a, 1, NULL), ND_ERR_NULL, "argument 'axes' is NULL");
    nd_free(a);
}

static void test_expand_dims(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    nd_array *v = nd_expand_dims(a, 1);
    expect_view(v, 4, SH(2, 1, 3, 4), SH(12, 12, 4, 1), IOTA24);
    assert_true(nd_is_c_contiguous(v));
    expect_shared_write(v, a, SH(0, 0, 0));
    nd_free(v);
    v = nd_expand_dims(a, -1);
    expect_view(v, 4, SH(2, 3, 4, 1), SH(12, 4, 1, 1), IOTA24);
    nd_free(v);
    v = nd_expand_dims(a, 0);
    expect_view(v, 4, SH(1, 2, 3, 4), SH(24, 12, 4, 1), IOTA24);
    nd_free(v);
    nd_array *t = nd_transpose(a, NULL);
    v = nd_expand_dims(t, 0);
    expect_view(v, 4, SH(1, 4, 3, 2), SH(4, 1, 4, 12), SWAP_0_2);
    assert_true(nd_is_f_contiguous(v));
    nd_free(v);
    nd_free(t);
    /* negative-step and broadcast inputs */
    nd_array *f = nd_flip(a, 1, AX(2));
    v = nd_expand_dims(f, -2);
    ND_ASSERT_ARRAY(v);
    nd_test_shape(v, 4, SH(2, 3, 1, 4));
    assert_int_equal(nd_strides(v)[3], -1);
    nd_free(v);
    nd_free(f);
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(2, 3));
    v = nd_expand_dims(b, 1);
    expect_view(v, 3, SH(2, 1, 3), SH(0, ANY, 1), VALS(0, 1, 2, 0, 1, 2));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);
    /* 0-d and zero-size */
    nd_array *z = nd_scalar(4, ND_FLOAT64);
    v = nd_expand_dims(z, -1);
    expect_view(v, 1, SH(1), NULL, VALS(4));
    nd_free(v);
    EXPECT_FAIL(z, nd_expand_dims(z, 1), ND_ERR_INDEX, "axis 1 is out of bounds for array of dimension 1");
    nd_free(z);
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    v = nd_expand_dims(e, 0);
    expect_view(v, 2, SH(1, 0), NULL, NULL);
    nd_free(v);
    nd_free(e);

    /* the axis counts in the result, as NumPy's */
    EXPECT_FAIL(a, nd_expand_dims(a, 4), ND_ERR_INDEX, "nd_expand_dims: axis 4 is out of bounds for array of dimension 4");
    EXPECT_FAIL(a, nd_expand_dims(a, -5), ND_ERR_INDEX, "axis -5 is out of bounds for array of dimension 4");
    int64_t ones[ND_MAX_DIMS];
    for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
    nd_array *full = nd_zeros(ND_MAX_DIMS, ones, ND_FLOAT64);
    EXPECT_FAIL(full, nd_expand_dims(full, 0), ND_ERR_VALUE, "cannot add an axis to an array of dimension 32");
    nd_free(full);
    nd_free(a);
}

/* ------------------------------------------------------------ broadcast_to, flip, diagonal */

static void test_broadcast_to(void **state) {
    (void)state;
    nd_array *row = iota(1, SH(3));
    nd_array *v = nd_broadcast_to(row, 2, SH(2, 3));
    expect_view(v, 2, SH(2, 3), SH(0, 1), VALS(0, 1, 2, 0, 1, 2));
    assert_false(nd_is_writeable(v));
    assert_true(nd_is_writeable(row));
    assert_true(nd_may_share_memory(v, row));
    /* the base is still writeable, and the view sees its writes */
    ND_ASSERT_OK(nd_set_f64(row, SH(1), 10));
    expect_view(v, 2, SH(2, 3), SH(0, 1), VALS(0, 10, 2, 0, 10, 2));
    nd_clear_error();
    assert_int_equal(nd_set_f64(v, SH(0, 0), 5), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "read-only");
    nd_free(v);
    /* identity shape: still read-only, as NumPy */
    v = nd_broadcast_to(row, 1, SH(3));
    expect_view(v, 1, SH(3), SH(1), VALS(0, 10, 2));
    assert_false(nd_is_writeable(v));
    nd_free(v);

    nd_array *col = iota(2, SH(3, 1));
    v = nd_broadcast_to(col, 3, SH(2, 3, 4));
    expect_view(v, 3, SH(2, 3, 4), SH(0, 1, 0),
                VALS(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2));
    /* a broadcast of a broadcast */
    nd_array *w = nd_broadcast_to(v, 4, SH(2, 2, 3, 4));
    ND_ASSERT_ARRAY(w);
    assert_int_equal(nd_strides(w)[0], 0);
    assert_int_equal(nd_strides(w)[2], 1);
    nd_free(w);
    nd_free(v);
    /* transposed and flipped inputs */
    nd_array *m = iota(2, SH(2, 3));
    nd_array *t = nd_transpose(m, NULL);
    v = nd_broadcast_to(t, 3, SH(2, 3, 2));
    expect_view(v, 3, SH(2, 3, 2), SH(0, 1, 3), VALS(0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5));
    nd_free(v);
    nd_array *f = nd_flip(row, ND_ALL_AXES, NULL);
    v = nd_broadcast_to(f, 2, SH(2, 3));
    expect_view(v, 2, SH(2, 3), SH(0, -1), VALS(2, 10, 0, 2, 10, 0));
    nd_free(v);
    nd_free(f);
    /* 0-d and zero-size */
    nd_array *z = nd_scalar(6, ND_FLOAT64);
    v = nd_broadcast_to(z, 2, SH(2, 2));
    expect_view(v, 2, SH(2, 2), SH(0, 0), VALS(6, 6, 6, 6));
    nd_free(v);
    v = nd_broadcast_to(z, 0, NULL);
    expect_view(v, 0, NULL, NULL, VALS(6));
    nd_free(v);
    nd_array *one = iota(1, SH(1));
    v = nd_broadcast_to(one, 2, SH(3, 0));
    expect_view(v, 2, SH(3, 0), NULL, NULL);
    nd_free(v);
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    v = nd_broadcast_to(e, 2, SH(4, 0));
    expect_view(v, 2, SH(4, 0), NULL, NULL);
    nd_free(v);

    EXPECT_FAIL(row, nd_broadcast_to(row, 1, SH(4)), ND_ERR_SHAPE,
                "nd_broadcast_to: cannot broadcast array of shape (3,) to shape (4,)");
    EXPECT_FAIL(m, nd_broadcast_to(m, 1, SH(3)), ND_ERR_SHAPE, "cannot broadcast array of shape (2,3) to shape (3,)");
    EXPECT_FAIL(m, nd_broadcast_to(m, 2, SH(2, 0)), ND_ERR_SHAPE, "shape (2,3) to shape (2,0)");
    EXPECT_FAIL(e, nd_broadcast_to(e, 1, SH(2)), ND_ERR_SHAPE, "shape (0,) to shape (2,)");
    EXPECT_FAIL(m, nd_broadcast_to(m, 2, SH(-1, 3)), ND_ERR_VALUE, "negative dimension");
    EXPECT_FAIL(m, nd_broadcast_to(m, 33, SH(1)), ND_ERR_VALUE, "ndim 33");
    EXPECT_FAIL(m, nd_broadcast_to(m, 2, NULL), ND_ERR_NULL, "argument 'shape' is NULL");
    nd_free(row);
    nd_free(col);
    nd_free(m);
    nd_free(t);
    nd_free(z);
    nd_free(one);
    nd_free(e);
}

static void test_flip(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    nd_array *v = nd_flip(a, ND_ALL_AXES, NULL);
    expect_view(v, 3, SH(2, 3, 4), SH(-12, -4, -1),
                VALS(23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    expect_shared_write(v, a, SH(1, 2, 3));
    /* flipping back restores the geometry */
    nd_array *back = nd_flip(v, ND_ALL_AXES, NULL);
    expect_view(back, 3, SH(2, 3, 4), SH(12, 4, 1), IOTA24);
    assert_ptr_equal(nd_data(back), nd_data(a));
    nd_free(back);
    nd_free(v);
    v = nd_flip(a, 1, AX(1));
    expect_view(v, 3, SH(2, 3, 4), SH(12, -4, 1),
                VALS(8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3, 20, 21, 22, 23, 16, 17, 18, 19, 12, 13, 14, 15));
    nd_free(v);
    v = nd_flip(a, 2, AX(0, -1));
    expect_view(v, 3, SH(2, 3, 4), SH(-12, 4, -1),
                VALS(15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8));
    nd_free(v);
    /* transposed and broadcast inputs */
    nd_array *t = nd_transpose(a, NULL);
    v = nd_flip(t, 1, AX(2));
    ND_ASSERT_ARRAY(v);
    assert_int_equal(nd_strides(v)[2], -12);
    double x;
    ND_ASSERT_OK(nd_get_f64(v, SH(0, 0, 0), &x)); /* t[0, 0, 1] = a[1, 0, 0] */
    assert_true(x == 12);
    nd_free(v);
    nd_free(t);
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(2, 3));
    v = nd_flip(b, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(2, 3), SH(0, -1), VALS(2, 1, 0, 2, 1, 0));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);
    /* 0-d and zero-size */
    nd_array *z = nd_scalar(1, ND_FLOAT64);
    v = nd_flip(z, ND_ALL_AXES, NULL);
    expect_view(v, 0, NULL, NULL, VALS(1));
    nd_free(v);
    nd_free(z);
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    v = nd_flip(e, ND_ALL_AXES, NULL);
    expect_view(v, 2, SH(0, 3), SH(-3, -1), NULL);
    nd_free(v);
    nd_free(e);

    EXPECT_FAIL(a, nd_flip(a, 2, AX(0, 0)), ND_ERR_VALUE, "repeated axis 0");
    EXPECT_FAIL(a, nd_flip(a, 1, AX(3)), ND_ERR_INDEX, "nd_flip: axis 3 is out of bounds for array of dimension 3");
    EXPECT_FAIL(a, nd_flip(a, -2, AX(0)), ND_ERR_VALUE, "-2 axes given");
    EXPECT_FAIL(a, nd_flip(a, 2, NULL), ND_ERR_NULL, "argument 'axes' is NULL");
    nd_free(a);
}

static void test_diagonal(void **state) {
    (void)state;
    nd_array *c = iota(2, SH(3, 4));
    static const struct {
        int64_t offset, n;
        double vals[3];
    } diags[] = {
        {0, 3, {0, 5, 10}}, {1, 3, {1, 6, 11}}, {-1, 2, {4, 9}}, {3, 1, {3}}, {4, 0, {0}},
        {-2, 1, {8}},       {-3, 0, {0}},       {-5, 0, {0}},    {INT64_MAX, 0, {0}}, {INT64_MIN, 0, {0}},
    };
    for (size_t k = 0; k < sizeof diags / sizeof diags[0]; k++) {
        nd_array *d = nd_diagonal(c, diags[k].offset, 0, 1);
        expect_view(d, 1, SH(diags[k].n), SH(5), diags[k].vals);
        nd_free(d);
    }
    /* axes swapped: the offset counts along the first named axis' partner */
    nd_array *d = nd_diagonal(c, 1, 1, 0);
    expect_view(d, 1, SH(2), SH(5), VALS(4, 9));
    nd_free(d);

    /* writeable, unlike NumPy's read-only diagonal */
    d = nd_diagonal(c, 1, 0, 1);
    assert_true(nd_is_writeable(d));
    ND_ASSERT_OK(nd_set_f64(d, SH(2), -7));
    double x;
    ND_ASSERT_OK(nd_get_f64(c, SH(2, 3), &x));
    assert_true(x == -7);
    ND_ASSERT_OK(nd_set_f64(c, SH(2, 3), 11));
    nd_free(d);

    nd_array *d3 = iota(3, SH(2, 3, 4));
    d = nd_diagonal(d3, 0, 0, 2);
    expect_view(d, 2, SH(3, 2), SH(4, 13), VALS(0, 13, 4, 17, 8, 21));
    nd_free(d);
    d = nd_diagonal(d3, 1, -1, -2);
    expect_view(d, 2, SH(2, 2), SH(12, 5), VALS(4, 9, 16, 21));
    nd_free(d);
    nd_array *t = nd_transpose(d3, NULL);
    d = nd_diagonal(t, 0, 0, 1);
    expect_view(d, 2, SH(2, 3), SH(12, 5), VALS(0, 5, 10, 12, 17, 22));
    nd_free(d);
    nd_free(t);
    /* flipped and broadcast inputs (hand-computed) */
    nd_array *f = nd_flip(c, 1, AX(1));
    d = nd_diagonal(f, 0, 0, 1);
    expect_view(d, 1, SH(3), SH(3), VALS(3, 6, 9));
    nd_free(d);
    nd_free(f);
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(3, 3));
    d = nd_diagonal(b, 0, 0, 1);
    expect_view(d, 1, SH(3), SH(1), VALS(0, 1, 2));
    assert_false(nd_is_writeable(d));
    nd_free(d);
    nd_free(b);
    nd_free(row);
    /* zero-size */
    nd_array *e = nd_zeros(3, SH(2, 0, 3), ND_FLOAT64);
    d = nd_diagonal(e, 0, 0, 2);
    expect_view(d, 2, SH(0, 2), NULL, NULL);
    nd_free(d);
    nd_free(e);

    nd_array *l = iota(1, SH(3));
    EXPECT_FAIL(l, nd_diagonal(l, 0, 0, 1), ND_ERR_VALUE, "diag requires an array of at least two dimensions");
    nd_free(l);
    EXPECT_FAIL(c, nd_diagonal(c, 0, 1, 1), ND_ERR_VALUE, "axis1 and axis2 cannot be the same");
    EXPECT_FAIL(c, nd_diagonal(c, 0, 0, -2), ND_ERR_VALUE, "axis1 and axis2 cannot be the same");
    EXPECT_FAIL(c, nd_diagonal(c, 0, 0, 2), ND_ERR_INDEX, "nd_diagonal: axis 2 is out of bounds for array of dimension 2");
    EXPECT_FAIL(c, nd_diagonal(c, 0, -3, 1), ND_ERR_INDEX, "axis -3 is out of bounds");
    nd_free(c);
    nd_free(d3);
}

/* ------------------------------------------------------------ lifetimes and NULLs */

static int g_deleted;
static void count_delete(void *data, void *ctx) {
    (void)ctx;
    g_deleted++;
    free(data);
}

/* Views keep the memory alive after their parent is freed (run under ASan),
 * and the memory goes when the last view goes, not before. */
static void test_views_outlive_parent(void **state) {
    (void)state;
    double *mem = malloc(12 * sizeof(double));
    assert_non_null(mem);
    for (int i = 0; i < 12; i++) mem[i] = i;
    g_deleted = 0;
    nd_array *a = nd_wrap(mem, 2, SH(3, 4), NULL, ND_FLOAT64, count_delete, NULL);
    ND_ASSERT_ARRAY(a);
    nd_array *s = nd_slice(a, 2, (nd_slice_t[]){{N, N, -1}, {1, 3, 1}});
    nd_array *t = nd_transpose(s, NULL);      /* a view of a view */
    nd_array *r = nd_reshape(t, 1, SH(-1));   /* needs a copy: its own memory */
    nd_array *d = nd_diagonal(a, 0, 0, 1);
    nd_array *v = nd_view(t, "::-1, 1");
    nd_array *b = nd_broadcast_to(d, 2, SH(2, 3));
    ND_ASSERT_ARRAY(s);
    ND_ASSERT_ARRAY(t);
    ND_ASSERT_ARRAY(r);
    ND_ASSERT_ARRAY(d);
    ND_ASSERT_ARRAY(v);
    ND_ASSERT_ARRAY(b);
    nd_free(a);
    nd_free(s);
    assert_int_equal(g_deleted, 0);
    expect_view(t, 2, SH(2, 3), SH(1, -4), VALS(9, 5, 1, 10, 6, 2));
    expect_view(r, 1, SH(6), SH(1), VALS(9, 5, 1, 10, 6, 2));
    expect_view(d, 1, SH(3), SH(5), VALS(0, 5, 10));
    expect_view(v, 1, SH(2), SH(-1), VALS(6, 5));
    expect_view(b, 2, SH(2, 3), SH(0, 5), VALS(0, 5, 10, 0, 5, 10));
    nd_free(t);
    nd_free(d);
    nd_free(v);
    assert_int_equal(g_deleted, 0);
    nd_free(b);
    assert_int_equal(g_deleted, 1);
    expect_view(r, 1, SH(6), SH(1), VALS(9, 5, 1, 10, 6, 2));
    nd_free(r);
    assert_int_equal(g_deleted, 1);
}

static void test_null_inputs(void **state) {
    (void)state;
#define EXPECT_NULL(call)                                                          \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_array *r_ = (call);                                                     \
        if (r_) fail_msg("%s succeeded", #call);                                   \
        ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'a' is NULL");                      \
    } while (0)
    nd_slice_t all = {N, N, N};
    EXPECT_NULL(nd_slice(NULL, 1, &all));
    EXPECT_NULL(nd_slice_axis(NULL, 0, 0, 1, 1));
    EXPECT_NULL(nd_index(NULL, 0, 0));
    EXPECT_NULL(nd_view(NULL, ":"));
    EXPECT_NULL(nd_transpose(NULL, NULL));
    EXPECT_NULL(nd_swapaxes(NULL, 0, 1));
    EXPECT_NULL(nd_moveaxis(NULL, 0, 1));
    EXPECT_NULL(nd_reshape(NULL, 1, SH(1)));
    EXPECT_NULL(nd_reshape_view(NULL, 1, SH(1)));
    EXPECT_NULL(nd_ravel(NULL));
    EXPECT_NULL(nd_squeeze(NULL, ND_ALL_AXES, NULL));
    EXPECT_NULL(nd_expand_dims(NULL, 0));
    EXPECT_NULL(nd_broadcast_to(NULL, 1, SH(1)));
    EXPECT_NULL(nd_flip(NULL, ND_ALL_AXES, NULL));
    EXPECT_NULL(nd_diagonal(NULL, 0, 0, 1));
#undef EXPECT_NULL
    /* in a chain, the first failure's message is the one kept */
    nd_array *a = iota(2, SH(2, 3));
    nd_clear_error();
    nd_array *r = nd_transpose(nd_reshape(a, 2, SH(4, 4)), NULL);
    assert_null(r);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_reshape: cannot reshape array of shape (2,3) (size 6) into shape (4,4)");
    nd_free(a);
}

/* ------------------------------------------------------------ nd_view */

static void test_view_strings(void **state) {
    (void)state;
    nd_array *d3 = iota(3, SH(2, 3, 4));
    static const struct {
        const char *index;
        int ndim;
        int64_t shape[6], strides[6];
        int n;
        double vals[24];
    } cases[] = {
        /* NumPy: d3[...] for each string, strides in elements */
        {"1:, ::-2, None, 1", 3, {1, 2, 1}, {12, -8, ANY}, 2, {21, 13}},
        {"..., 1:3", 3, {2, 3, 2}, {12, 4, 1}, 12, {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}},
        {"-1, ..., None", 3, {3, 4, 1}, {4, 1, ANY}, 12, {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
        {"None, :, 2", 3, {1, 2, 4}, {ANY, 12, 1}, 8, {8, 9, 10, 11, 20, 21, 22, 23}},
        {"newaxis, :, 2", 3, {1, 2, 4}, {ANY, 12, 1}, 8, {8, 9, 10, 11, 20, 21, 22, 23}},
        {"::-1, None, -1:0:-1, ..., 3", 3, {2, 1, 2}, {-12, ANY, -4}, 4, {23, 19, 11, 7}},
        {"0,1,2", 0, {0}, {0}, 1, {6}},
        {"1,", 2, {3, 4}, {4, 1}, 12, {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}},
        {"\t1 ,\n- 1\r, +0 ", 0, {0}, {0}, 1, {20}},
        {"...", 3, {2, 3, 4}, {12, 4, 1}, 24, {0}},
        {"1, ..., 0, -1", 0, {0}, {0}, 1, {15}},
        {":, ..., :, :", 3, {2, 3, 4}, {12, 4, 1}, 24, {0}},
        {"None, None, ..., None", 6, {1, 1, 2, 3, 4, 1}, {ANY, ANY, 12, 4, 1, ANY}, 24, {0}},
        {"-9223372036854775808:", 3, {2, 3, 4}, {12, 4, 1}, 24, {0}},
        {"-9223372036854775808::-1", 3, {0, 3, 4}, {ANY, 4, 1}, 0, {0}},
        {"9223372036854775807::-1, 0, 0", 1, {2}, {-12}, 2, {12, 0}},
        {"::-9223372036854775808, 0, 0", 1, {1}, {ANY}, 1, {12}},
        {"::9223372036854775807, 2, ::3", 2, {1, 2}, {ANY, 3}, 2, {8, 11}},
        /* leading zeros are accepted (Python refuses them) */
        {"00:001, 2:-9:-1", 3, {1, 3, 4}, {ANY, -4, 1}, 12, {8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3}},
        {"1:1", 3, {0, 3, 4}, {12, 4, 1}, 0, {0}},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        nd_clear_error();
        nd_array *v = nd_view(d3, cases[k].index);
        if (!v) fail_msg("nd_view(\"%s\") failed: %s", cases[k].index, nd_errmsg());
        const double *vals = cases[k].n == 24 ? IOTA24 : cases[k].vals;
        expect_view(v, cases[k].ndim, cases[k].shape, cases[k].strides, vals);
        assert_int_equal(nd_size(v), cases[k].n);
        if (cases[k].n > 0) assert_true(nd_may_share_memory(v, d3));
        nd_free(v);
    }
    /* writing through a string view reaches the base */
    nd_array *v = nd_view(d3, "1, ::2, -1");
    expect_view(v, 1, SH(2), SH(8), VALS(15, 23));
    expect_shared_write(v, d3, SH(1, 0, 3));
    nd_free(v);

    /* transposed, flipped and broadcast inputs */
    nd_array *t = nd_transpose(d3, NULL);
    v = nd_view(t, "1:3, None, 0, -1");
    expect_view(v, 2, SH(2, 1), SH(1, ANY), VALS(13, 14));
    nd_free(v);
    nd_free(t);
    nd_array *f = nd_flip(d3, 1, AX(2));
    v = nd_view(f, "0, 0, :2");
    expect_view(v, 1, SH(2), SH(-1), VALS(3, 2));
    nd_free(v);
    nd_free(f);
    nd_array *row = iota(1, SH(3));
    nd_array *b = nd_broadcast_to(row, 2, SH(4, 3));
    v = nd_view(b, "::3, None, ::-1");
    expect_view(v, 3, SH(2, 1, 3), SH(0, ANY, -1), VALS(2, 1, 0, 2, 1, 0));
    assert_false(nd_is_writeable(v));
    nd_free(v);
    nd_free(b);
    nd_free(row);

    /* 0-d and zero-size */
    nd_array *z = nd_scalar(3, ND_FLOAT64);
    v = nd_view(z, "...");
    expect_view(v, 0, NULL, NULL, VALS(3));
    nd_free(v);
    v = nd_view(z, "None, ..., None");
    expect_view(v, 2, SH(1, 1), NULL, VALS(3));
    nd_free(v);
    EXPECT_FAIL(z, nd_view(z, "0"), ND_ERR_INDEX, "array is 0-dimensional, but 1 were indexed");
    nd_free(z);
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    v = nd_view(e, "::-1, 1");
    expect_view(v, 1, SH(0), NULL, NULL);
    nd_free(v);
    EXPECT_FAIL(e, nd_view(e, "0"), ND_ERR_INDEX, "index 0 is out of bounds for axis 0 with size 0");
    nd_free(e);
    nd_free(d3);
}

static void test_view_malformed(void **state) {
    (void)state;
    nd_array *a = iota(3, SH(2, 3, 4));
    static const struct {
        const char *index;
        nd_status status;
        const char *needle;
    } bad[] = {
        {"", ND_ERR_VALUE, "empty index at position 0 in \"\""},
        {"   ", ND_ERR_VALUE, "empty index at position 3"},
        {"1,,2", ND_ERR_VALUE, "empty index at position 2 in \"1,,2\""},
        {",1", ND_ERR_VALUE, "empty index at position 0"},
        {"1, ,", ND_ERR_VALUE, "empty index at position 3"},
        {"1 2", ND_ERR_VALUE, "unexpected '2' at position 2 in \"1 2\""},
        {"1:2:3:4", ND_ERR_VALUE, "unexpected ':' at position 5"},
        {"...,...", ND_ERR_VALUE, "an index can only have a single ellipsis ('...') at position 4"},
        {"0, ..., 0, ...", ND_ERR_VALUE, "single ellipsis ('...') at position 11"},
        {":, ..., :, :, :", ND_ERR_INDEX, "but 4 were indexed at position 14"},
        {"0,0,0,0", ND_ERR_INDEX, "too many indices for array: array is 3-dimensional, but 4 were indexed at position 6"},
        {":,:,:,:,1:", ND_ERR_INDEX, "but 5 were indexed at position 6"},
        {"::0", ND_ERR_VALUE, "slice step cannot be zero at position 2"},
        {"1:2: 0", ND_ERR_VALUE, "slice step cannot be zero at position 5"},
        {"::-0", ND_ERR_VALUE, "slice step cannot be zero at position 2"},
        {"99999999999999999999", ND_ERR_VALUE, "integer out of range for int64 at position 0"},
        {"0, 9223372036854775808", ND_ERR_VALUE, "integer out of range for int64 at position 3"},
        {"-9223372036854775809:", ND_ERR_VALUE, "integer out of range for int64 at position 0"},
        {"Nonee", ND_ERR_VALUE, "unknown name 'Nonee' at position 0"},
        {"none", ND_ERR_VALUE, "unknown name 'none'"},
        {"1, Ellipsis", ND_ERR_VALUE, "unknown name 'Ellipsis' at position 3"},
        {"1x", ND_ERR_VALUE, "unexpected 'x' at position 1"},
        {"0x1f", ND_ERR_VALUE, "unexpected 'x' at position 1"},
        {"1.5", ND_ERR_VALUE, "unexpected '.' at position 1"},
        {"..", ND_ERR_VALUE, "expected '...' at position 0"},
        {".", ND_ERR_VALUE, "expected '...' at position 0"},
        {"....", ND_ERR_VALUE, "unexpected '.' at position 3"},
        {"--1", ND_ERR_VALUE, "unexpected '-' at position 1"},
        {"-", ND_ERR_VALUE, "unexpected end of string at position 1"},
        {"1:-", ND_ERR_VALUE, "unexpected end of string at position 3"},
        {"None:1", ND_ERR_VALUE, "unexpected ':' at position 4"},
        {"1:2,(3)", ND_ERR_VALUE, "unexpected '(' at position 4"},
        {"[1]", ND_ERR_VALUE, "unexpected '[' at position 0"},
        {"1;2", ND_ERR_VALUE, "unexpected ';' at position 1"},
        {"\x01", ND_ERR_VALUE, "unexpected byte 0x01 at position 0"},
        {"1,\xff", ND_ERR_VALUE, "unexpected byte 0xff at position 2"},
        /* a syntax error anywhere wins over an error about the array */
        {"...,...,x", ND_ERR_VALUE, "unknown name 'x' at position 8"},
        {"0,0,0,0,0 0", ND_ERR_VALUE, "unexpected '0' at position 10"},
        /* valid strings that do not fit the array */
        {"2", ND_ERR_INDEX, "index 2 is out of bounds for axis 0 with size 2 at position 0"},
        {"0, -4", ND_ERR_INDEX, "index -4 is out of bounds for axis 1 with size 3 at position 3"},
        {"..., 4", ND_ERR_INDEX, "index 4 is out of bounds for axis 2 with size 4 at position 5"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        snap before = take(a);
        nd_clear_error();
        nd_array *v = nd_view(a, bad[k].index);
        if (v) fail_msg("nd_view(\"%s\") succeeded", bad[k].index);
        if (nd_last_status() != bad[k].status || !strstr(nd_errmsg(), bad[k].needle))
            fail_msg("nd_view(\"%s\"): got status %d '%s', expected %d with '%s'", bad[k].index,
                     (int)nd_last_status(), nd_errmsg(), (int)bad[k].status, bad[k].needle);
        assert_non_null(strstr(nd_errmsg(), "nd_view: "));
        expect_same(a, &before);
    }
    EXPECT_FAIL(a, nd_view(a, NULL), ND_ERR_NULL, "argument 'index' is NULL");

    /* too many dimensions from newaxis: 33 on a 0-d array, then 40 which
     * also overflow the parser's item list */
    nd_array *z = nd_scalar(1, ND_FLOAT64);
    char many[512] = "";
    for (int i = 0; i < 33; i++) strcat(many, "None,");
    EXPECT_FAIL(z, nd_view(z, many), ND_ERR_VALUE, "the result would have 33 dimensions, more than ND_MAX_DIMS (32)");
    for (int i = 33; i < 40; i++) strcat(many, "None,");
    EXPECT_FAIL(z, nd_view(z, many), ND_ERR_VALUE, "the result would have 40 dimensions");
    /* 32 is fine */
    many[0] = '\0';
    for (int i = 0; i < 32; i++) strcat(many, "None,");
    nd_array *v = nd_view(z, many);
    ND_ASSERT_ARRAY(v);
    assert_int_equal(nd_ndim(v), 32);
    nd_free(v);
    /* integers make room for newaxes: 32 newaxes on a 1-D array indexed by 0 */
    nd_array *l = iota(1, SH(3));
    strcat(many, "-1");
    v = nd_view(l, many);
    expect_view(v, 32, (const int64_t[32]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                           1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                NULL, VALS(2));
    nd_free(v);
    nd_free(l);
    nd_free(z);

    /* 100 indices on a 3-D array are counted, not stored */
    char idx[512] = "";
    for (int i = 0; i < 100; i++) strcat(idx, "0,");
    EXPECT_FAIL(a, nd_view(a, idx), ND_ERR_INDEX, "but 100 were indexed at position 6");

    /* a long string is quoted up to a limit */
    char longs[1200];
    memset(longs, ' ', sizeof longs);
    longs[1000] = 'x';
    longs[1001] = '\0';
    EXPECT_FAIL(a, nd_view(a, longs), ND_ERR_VALUE, "unknown name 'x' at position 1000");
    nd_free(a);
}

/* Random strings over the grammar's alphabet: each either fails with
 * ND_ERR_VALUE / ND_ERR_INDEX or gives a view whose every element lies in the
 * base's memory. Under ASan this also checks that the parser reads nothing
 * past the string. */
static void test_view_random_strings(void **state) {
    (void)state;
    static const char *const pieces[] = {"0", "1", "-1", "2", "-3", "7", ":", "::", "-", "+", ",",
                                         " ", "...", ".", "None", "newaxis", "N", "99999999999999999999",
                                         "\t", "x", "9223372036854775807", "-9223372036854775808"};
    nd_array *a = iota(3, SH(2, 3, 4));
    const double *base = nd_data(a);
    uint64_t seed = 0x9e3779b97f4a7c15u;
    int ok = 0;
    for (int iter = 0; iter < 20000; iter++) {
        char s[128];
        size_t len = 0;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int npieces = (int)(seed >> 60);
        for (int p = 0; p < npieces; p++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            const char *piece = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
            size_t pl = strlen(piece);
            if (len + pl >= sizeof s) break;
            memcpy(s + len, piece, pl);
            len += pl;
        }
        /* an exact-length heap copy, so ASan sees any read past the NUL */
        char *h = malloc(len + 1);
        assert_non_null(h);
        memcpy(h, s, len);
        h[len] = '\0';
        nd_clear_error();
        nd_array *v = nd_view(a, h);
        if (!v) {
            nd_status st = nd_last_status();
            if (st != ND_ERR_VALUE && st != ND_ERR_INDEX) fail_msg("\"%s\": status %d: %s", h, (int)st, nd_errmsg());
            if (!strstr(nd_errmsg(), "at position")) fail_msg("\"%s\": message without position: %s", h, nd_errmsg());
        } else {
            ok++;
            int64_t n = nd_size(v), idx[ND_MAX_DIMS] = {0};
            const double *p = nd_data(v);
            for (int64_t k = 0; k < n; k++) {
                int64_t off = 0;
                for (int i = 0; i < nd_ndim(v); i++) off += idx[i] * nd_strides(v)[i];
                ptrdiff_t at = (p + off) - base;
                if (at < 0 || at >= 24) fail_msg("\"%s\": element %lld outside the base", h, (long long)k);
                assert_true(p[off] == (double)at);
                for (int i = nd_ndim(v) - 1; i >= 0; i--) {
                    if (++idx[i] < nd_shape(v)[i]) break;
                    idx[i] = 0;
                }
            }
            nd_free(v);
        }
        free(h);
    }
    /* the alphabet makes valid strings common enough to mean something */
    assert_true(ok > 500);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slice_table),     cmocka_unit_test(test_slice_nd),
        cmocka_unit_test(test_index),           cmocka_unit_test(test_transpose),
        cmocka_unit_test(test_swap_move),       cmocka_unit_test(test_reshape_decisions),
        cmocka_unit_test(test_reshape_shapes),  cmocka_unit_test(test_ravel),
        cmocka_unit_test(test_squeeze),         cmocka_unit_test(test_expand_dims),
        cmocka_unit_test(test_broadcast_to),    cmocka_unit_test(test_flip),
        cmocka_unit_test(test_diagonal),        cmocka_unit_test(test_views_outlive_parent),
        cmocka_unit_test(test_null_inputs),     cmocka_unit_test(test_view_strings),
        cmocka_unit_test(test_view_malformed),  cmocka_unit_test(test_view_random_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
