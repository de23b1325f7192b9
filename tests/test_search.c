/* Tests for searching and counting (src/ops/search.c, src/ops/unique.c):
 * searchsorted, diff, bincount, histogram and unique. Expected values come
 * from NumPy 1.24; each comment shows the expression. */
#include "nd_test.h"
#include "nd_test_index.h"

#define VALS(...) ((const double[]){__VA_ARGS__})

static const nd_dtype ALL_DTYPES[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                                      ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DT (sizeof ALL_DTYPES / sizeof ALL_DTYPES[0])

/* int64 values exactly (beyond what a double holds) */
static void expect_i64(const nd_array *a, int64_t n, const int64_t *vals) {
    ND_ASSERT_ARRAY(a);
    assert_int_equal(nd_dtype_of(a), ND_INT64);
    assert_int_equal(nd_ndim(a), 1);
    assert_int_equal(nd_size(a), n);
    for (int64_t i = 0; i < n; i++) assert_int_equal(((const int64_t *)nd_data(a))[i], vals[i]);
}

#define EXPECT_STATUS(call, st, needle)                                            \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_status got_ = (call);                                                   \
        assert_int_equal(got_, (st));                                              \
        ND_ASSERT_ERROR(st, needle);                                               \
    } while (0)
#define EXPECT_NULL(call, st, needle)                                              \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_array *got_ = (call);                                                   \
        if (got_) fail_msg("%s succeeded, expected %s", #call, needle);            \
        ND_ASSERT_ERROR(st, needle);                                               \
    } while (0)

/* ------------------------------------------------------------ searchsorted */

static void test_searchsorted(void **state) {
    (void)state;
    /* a = [1,2,2,3,5.]; v = [[0,2],[2.5,6]]:
     * np.searchsorted(a, v) == [[0,1],[3,5]]; side='right': [[0,3],[3,5]] */
    nd_array *a = arr(ND_FLOAT64, 1, SH(5), VALS(1, 2, 2, 3, 5));
    nd_array *v = arr(ND_FLOAT64, 2, SH(2, 2), VALS(0, 2, 2.5, 6));
    nd_array *r = nd_searchsorted(a, v, false);
    expect(r, ND_INT64, 2, SH(2, 2), VALS(0, 1, 3, 5));
    nd_free(r);
    r = nd_searchsorted(a, v, true);
    expect(r, ND_INT64, 2, SH(2, 2), VALS(0, 3, 3, 5));
    nd_free(r);
    /* NaN sorts last: np.searchsorted([1,2,nan], [nan,2,5,-inf]) == [2,1,2,0];
     * side='right': [3,2,2,0] */
    nd_array *n = arr(ND_FLOAT64, 1, SH(3), VALS(1, 2, NAN));
    nd_array *w = arr(ND_FLOAT64, 1, SH(4), VALS(NAN, 2, 5, -INFINITY));
    r = nd_searchsorted(n, w, false);
    expect(r, ND_INT64, 1, SH(4), VALS(2, 1, 2, 0));
    nd_free(r);
    r = nd_searchsorted(n, w, true);
    expect(r, ND_INT64, 1, SH(4), VALS(3, 2, 2, 0));
    nd_free(r);
    /* float32 too */
    nd_array *n32 = arr(ND_FLOAT32, 1, SH(3), VALS(1, 2, NAN));
    nd_array *w32 = arr(ND_FLOAT32, 1, SH(4), VALS(NAN, 2, 5, -INFINITY));
    r = nd_searchsorted(n32, w32, true);
    expect(r, ND_INT64, 1, SH(4), VALS(3, 2, 2, 0));
    nd_free(r);
    /* compared in the common dtype: np.searchsorted(np.array([1,2,3], np.int8), [2.5]) == [2];
     * np.searchsorted(np.array([1,2,3], np.uint64), [-1]) == [0] */
    nd_array *i8 = arr(ND_INT8, 1, SH(3), VALS(1, 2, 3));
    nd_array *h = arr(ND_FLOAT64, 1, SH(1), VALS(2.5));
    r = nd_searchsorted(i8, h, false);
    expect(r, ND_INT64, 1, SH(1), VALS(2));
    nd_free(r);
    nd_array *u64 = arr(ND_UINT64, 1, SH(3), VALS(1, 2, 3));
    nd_array *m1 = arr(ND_INT64, 1, SH(1), VALS(-1));
    r = nd_searchsorted(u64, m1, false);
    expect(r, ND_INT64, 1, SH(1), VALS(0));
    nd_free(r);
    /* int64 beyond 2^53 compares exactly: big = [2**53, 2**53+1, 2**53+2];
     * np.searchsorted(big, [2**53+1]) == [1], side='right': [2] */
    int64_t bv[3] = {(INT64_C(1) << 53), (INT64_C(1) << 53) + 1, (INT64_C(1) << 53) + 2};
    int64_t qv = (INT64_C(1) << 53) + 1;
    nd_array *big = nd_from_data(bv, 1, SH(3), ND_INT64);
    nd_array *q = nd_from_data(&qv, 1, SH(1), ND_INT64);
    r = nd_searchsorted(big, q, false);
    expect(r, ND_INT64, 1, SH(1), VALS(1));
    nd_free(r);
    r = nd_searchsorted(big, q, true);
    expect(r, ND_INT64, 1, SH(1), VALS(2));
    nd_free(r);
    /* a strided a and a 0-d v: np.searchsorted(np.arange(10.)[::2], 5) == 3 */
    nd_array *ten = arr(ND_FLOAT64, 1, SH(10), VALS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    nd_array *ev = nd_slice_axis(ten, 0, ND_NONE, ND_NONE, 2);
    nd_array *five = nd_scalar(5, ND_FLOAT64);
    r = nd_searchsorted(ev, five, false);
    expect(r, ND_INT64, 0, NULL, VALS(3));
    nd_free(r);
    /* a broadcast v: np.searchsorted([1,3,5], np.broadcast_to([[4],[0]], (2,3))) == [[2,2,2],[0,0,0]] */
    nd_array *a135 = arr(ND_INT64, 1, SH(3), VALS(1, 3, 5));
    nd_array *col = arr(ND_INT64, 2, SH(2, 1), VALS(4, 0));
    nd_array *bcol = nd_broadcast_to(col, 2, SH(2, 3));
    r = nd_searchsorted(a135, bcol, false);
    expect(r, ND_INT64, 2, SH(2, 3), VALS(2, 2, 2, 0, 0, 0));
    nd_free(r);
    nd_free(bcol);
    nd_free(col);
    nd_free(a135);
    /* a reversed view of a descending array is ascending: [9..0][::-1] */
    nd_array *desc = arr(ND_INT32, 1, SH(4), VALS(9, 7, 3, 1));
    nd_array *asc = nd_flip(desc, ND_ALL_AXES, NULL);
    nd_array *q7 = arr(ND_INT32, 1, SH(2), VALS(7, 8));
    r = nd_searchsorted(asc, q7, false); /* np.searchsorted([1,3,7,9], [7,8]) == [2,3] */
    expect(r, ND_INT64, 1, SH(2), VALS(2, 3));
    nd_free(r);
    /* empty a: np.searchsorted([], [1,2]) == [0,0]; empty v */
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    nd_array *v12 = arr(ND_FLOAT64, 1, SH(2), VALS(1, 2));
    r = nd_searchsorted(e, v12, false);
    expect(r, ND_INT64, 1, SH(2), VALS(0, 0));
    nd_free(r);
    nd_array *ve = nd_zeros(2, SH(2, 0), ND_FLOAT64);
    r = nd_searchsorted(a, ve, false);
    expect(r, ND_INT64, 2, SH(2, 0), VALS(0));
    nd_free(r);
    /* every dtype: np.searchsorted(np.array([0,0,1], dt), np.array([1,0], dt)) == [2,0]; right: [3,2] */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *x = arr(ALL_DTYPES[k], 1, SH(3), VALS(0, 0, 1));
        nd_array *y = arr(ALL_DTYPES[k], 1, SH(2), VALS(1, 0));
        r = nd_searchsorted(x, y, false);
        expect(r, ND_INT64, 1, SH(2), VALS(2, 0));
        nd_free(r);
        r = nd_searchsorted(x, y, true);
        expect(r, ND_INT64, 1, SH(2), VALS(3, 2));
        nd_free(r);
        nd_free(y);
        nd_free(x);
    }
    /* errors */
    EXPECT_NULL(nd_searchsorted(v, a, false), ND_ERR_SHAPE, "a must be 1-D (got shape (2,2))");
    EXPECT_NULL(nd_searchsorted(five, a, false), ND_ERR_SHAPE, "a must be 1-D (got shape ())");
    EXPECT_NULL(nd_searchsorted(NULL, a, false), ND_ERR_NULL, "'a' is NULL");
    EXPECT_NULL(nd_searchsorted(a, NULL, false), ND_ERR_NULL, "'v' is NULL");
    nd_test_expect(a, VALS(1, 2, 2, 3, 5), 0);

    nd_free(ve);
    nd_free(v12);
    nd_free(e);
    nd_free(q7);
    nd_free(asc);
    nd_free(desc);
    nd_free(five);
    nd_free(ev);
    nd_free(ten);
    nd_free(q);
    nd_free(big);
    nd_free(m1);
    nd_free(u64);
    nd_free(h);
    nd_free(i8);
    nd_free(w32);
    nd_free(n32);
    nd_free(w);
    nd_free(n);
    nd_free(v);
    nd_free(a);
}

/* ------------------------------------------------------------ diff */

static void test_diff(void **state) {
    (void)state;
    nd_array *d = arr(ND_INT64, 2, SH(2, 4), VALS(1, 4, 9, 16, 2, 3, 5, 7));
    /* np.diff(d) == [[3,5,7],[1,2,2]] */
    nd_array *r = nd_diff(d, 1, -1);
    expect(r, ND_INT64, 2, SH(2, 3), VALS(3, 5, 7, 1, 2, 2));
    nd_free(r);
    /* np.diff(d, axis=0) == [[1,-1,-4,-9]] */
    r = nd_diff(d, 1, 0);
    expect(r, ND_INT64, 2, SH(1, 4), VALS(1, -1, -4, -9));
    nd_free(r);
    /* np.diff(d, 2) == [[2,2],[1,0]]; np.diff(d, n=3, axis=1) == [[0],[-1]] */
    r = nd_diff(d, 2, 1);
    expect(r, ND_INT64, 2, SH(2, 2), VALS(2, 2, 1, 0));
    nd_free(r);
    r = nd_diff(d, 3, 1);
    expect(r, ND_INT64, 2, SH(2, 1), VALS(0, -1));
    nd_free(r);
    /* np.diff(d, n=5, axis=1).shape == (2, 0) */
    r = nd_diff(d, 5, 1);
    expect(r, ND_INT64, 2, SH(2, 0), VALS(0));
    nd_free(r);
    /* n=0 is a copy */
    r = nd_diff(d, 0, 1);
    expect(r, ND_INT64, 2, SH(2, 4), VALS(1, 4, 9, 16, 2, 3, 5, 7));
    assert_false(nd_may_share_memory(r, d));
    nd_free(r);
    /* np.diff(d.T, axis=0) == [[3,1],[5,2],[7,2]] */
    nd_array *dt = nd_transpose(d, NULL);
    r = nd_diff(dt, 1, 0);
    expect(r, ND_INT64, 2, SH(3, 2), VALS(3, 1, 5, 2, 7, 2));
    nd_free(r);
    /* bool uses not_equal: np.diff([True,False,False,True]) == [True,False,True] */
    nd_array *b = arr(ND_BOOL, 1, SH(4), VALS(1, 0, 0, 1));
    r = nd_diff(b, 1, 0);
    expect(r, ND_BOOL, 1, SH(3), VALS(1, 0, 1));
    nd_free(r);
    /* unsigned wraps: np.diff(np.array([3,1,2], np.uint8)) == [254, 1] */
    nd_array *u = arr(ND_UINT8, 1, SH(3), VALS(3, 1, 2));
    r = nd_diff(u, 1, 0);
    expect(r, ND_UINT8, 1, SH(2), VALS(254, 1));
    nd_free(r);
    /* NaN propagates: np.diff(np.array([1.5, nan, 3], np.float32)) == [nan, nan] */
    nd_array *f = arr(ND_FLOAT32, 1, SH(3), VALS(1.5, NAN, 3));
    r = nd_diff(f, 1, 0);
    expect(r, ND_FLOAT32, 1, SH(2), VALS(NAN, NAN));
    nd_free(r);
    /* every dtype but bool: np.diff(np.array([1,3,6], dt)) == [2,3] */
    for (size_t k = 1; k < NUM_DT; k++) {
        nd_array *x = arr(ALL_DTYPES[k], 1, SH(3), VALS(1, 3, 6));
        r = nd_diff(x, 1, 0);
        expect(r, ALL_DTYPES[k], 1, SH(2), VALS(2, 3));
        nd_free(r);
        nd_free(x);
    }
    /* empty: np.diff(np.zeros((0, 3)), axis=0).shape == (0, 3) */
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    r = nd_diff(e, 1, 0);
    expect(r, ND_FLOAT64, 2, SH(0, 3), VALS(0));
    nd_free(r);
    r = nd_diff(e, 2, 1);
    expect(r, ND_FLOAT64, 2, SH(0, 1), VALS(0));
    nd_free(r);
    /* errors */
    nd_array *s = nd_scalar(1, ND_FLOAT64);
    EXPECT_NULL(nd_diff(s, 1, 0), ND_ERR_VALUE, "diff requires input that is at least one dimensional");
    EXPECT_NULL(nd_diff(d, -1, 0), ND_ERR_VALUE, "order must be non-negative but got -1");
    EXPECT_NULL(nd_diff(d, 1, 2), ND_ERR_INDEX, "axis 2 is out of bounds");
    EXPECT_NULL(nd_diff(NULL, 1, 0), ND_ERR_NULL, "'a' is NULL");
    nd_free(s);
    nd_free(e);
    nd_free(f);
    nd_free(u);
    nd_free(b);
    nd_free(dt);
    nd_free(d);
}

/* ------------------------------------------------------------ bincount */

static void test_bincount(void **state) {
    (void)state;
    /* np.bincount([0,1,1,3,2,1,7]) == [1,3,1,1,0,0,0,1] */
    nd_array *x = arr(ND_INT64, 1, SH(7), VALS(0, 1, 1, 3, 2, 1, 7));
    nd_array *r = nd_bincount(x, NULL, 0);
    expect(r, ND_INT64, 1, SH(8), VALS(1, 3, 1, 1, 0, 0, 0, 1));
    nd_free(r);
    /* np.bincount([0,1,1,3], minlength=6) == [1,2,0,1,0,0]; a smaller minlength changes nothing */
    nd_array *x4 = arr(ND_UINT8, 1, SH(4), VALS(0, 1, 1, 3));
    r = nd_bincount(x4, NULL, 6);
    expect(r, ND_INT64, 1, SH(6), VALS(1, 2, 0, 1, 0, 0));
    nd_free(r);
    r = nd_bincount(x4, NULL, 2);
    expect(r, ND_INT64, 1, SH(4), VALS(1, 2, 0, 1));
    nd_free(r);
    /* weights: np.bincount([1,1,3], weights=[0.5,0.25,2]) == [0,0.75,0,2] */
    nd_array *x3 = arr(ND_INT32, 1, SH(3), VALS(1, 1, 3));
    nd_array *w3 = arr(ND_FLOAT64, 1, SH(3), VALS(0.5, 0.25, 2));
    r = nd_bincount(x3, w3, 0);
    expect(r, ND_FLOAT64, 1, SH(4), VALS(0, 0.75, 0, 2));
    nd_free(r);
    /* integer and bool weights give float64: np.bincount(np.array([1,1], np.int32),
     * weights=np.array([1,2], np.int32)) == [0., 3.]; weights=[True,True] -> [0., 2.] */
    nd_array *x11 = arr(ND_INT16, 1, SH(2), VALS(1, 1));
    nd_array *wi = arr(ND_INT32, 1, SH(2), VALS(1, 2));
    r = nd_bincount(x11, wi, 0);
    expect(r, ND_FLOAT64, 1, SH(2), VALS(0, 3));
    nd_free(r);
    nd_array *wb = arr(ND_BOOL, 1, SH(2), VALS(1, 1));
    r = nd_bincount(x11, wb, 0);
    expect(r, ND_FLOAT64, 1, SH(2), VALS(0, 2));
    nd_free(r);
    /* bool x: np.bincount(np.array([True,False,True])) == [1,2] */
    nd_array *xb = arr(ND_BOOL, 1, SH(3), VALS(1, 0, 1));
    r = nd_bincount(xb, NULL, 0);
    expect(r, ND_INT64, 1, SH(2), VALS(1, 2));
    nd_free(r);
    /* strided x and weights: np.bincount([0,2,4,6][::2], weights=[1,9,2,9][::2]) == [1,0,0,0,2] */
    nd_array *xs = arr(ND_INT64, 1, SH(4), VALS(0, 2, 4, 6));
    nd_array *xsv = nd_slice_axis(xs, 0, ND_NONE, ND_NONE, 2);
    nd_array *ws = arr(ND_FLOAT32, 1, SH(4), VALS(1, 9, 2, 9));
    nd_array *wsv = nd_slice_axis(ws, 0, ND_NONE, ND_NONE, 2);
    r = nd_bincount(xsv, wsv, 0);
    expect(r, ND_FLOAT64, 1, SH(5), VALS(1, 0, 0, 0, 2));
    nd_free(r);
    /* every integer dtype */
    for (size_t k = 1; k < 9; k++) {
        nd_array *xk = arr(ALL_DTYPES[k], 1, SH(3), VALS(2, 0, 2));
        r = nd_bincount(xk, NULL, 0);
        expect(r, ND_INT64, 1, SH(3), VALS(1, 0, 2));
        nd_free(r);
        nd_free(xk);
    }
    /* empty: np.bincount(np.array([], int), minlength=3) == [0,0,0] */
    nd_array *e = nd_zeros(1, SH(0), ND_INT64);
    r = nd_bincount(e, NULL, 3);
    expect(r, ND_INT64, 1, SH(3), VALS(0, 0, 0));
    nd_free(r);
    r = nd_bincount(e, NULL, 0);
    expect(r, ND_INT64, 1, SH(0), VALS(0));
    nd_free(r);
    /* errors */
    nd_array *neg = arr(ND_INT8, 1, SH(2), VALS(1, -2));
    EXPECT_NULL(nd_bincount(neg, NULL, 0), ND_ERR_VALUE, "'list' argument must have no negative elements");
    nd_array *fx = arr(ND_FLOAT64, 1, SH(2), VALS(1, 2));
    EXPECT_NULL(nd_bincount(fx, NULL, 0), ND_ERR_DTYPE, "x must be of integer (or boolean) type (got float64)");
    nd_array *x2d = arr(ND_INT64, 2, SH(1, 1), VALS(1));
    EXPECT_NULL(nd_bincount(x2d, NULL, 0), ND_ERR_SHAPE, "x must be 1-D (got shape (1,1))");
    nd_array *x0 = nd_scalar(1, ND_INT64);
    EXPECT_NULL(nd_bincount(x0, NULL, 0), ND_ERR_SHAPE, "x must be 1-D (got shape ())");
    EXPECT_NULL(nd_bincount(x, NULL, -1), ND_ERR_VALUE, "'minlength' must not be negative");
    EXPECT_NULL(nd_bincount(x3, wi, 0), ND_ERR_SHAPE, "The weights and list don't have the same length");
    EXPECT_NULL(nd_bincount(x, x2d, 0), ND_ERR_SHAPE, "weights must be 1-D");
    uint64_t huge = UINT64_MAX;
    nd_array *xh = nd_from_data(&huge, 1, SH(1), ND_UINT64);
    EXPECT_NULL(nd_bincount(xh, NULL, 0), ND_ERR_VALUE, "too large");
    EXPECT_NULL(nd_bincount(NULL, NULL, 0), ND_ERR_NULL, "'x' is NULL");
    nd_free(xh);
    nd_free(x0);
    nd_free(x2d);
    nd_free(fx);
    nd_free(neg);
    nd_free(e);
    nd_free(wsv);
    nd_free(ws);
    nd_free(xsv);
    nd_free(xs);
    nd_free(xb);
    nd_free(wb);
    nd_free(wi);
    nd_free(x11);
    nd_free(w3);
    nd_free(x3);
    nd_free(x4);
    nd_free(x);
}

/* ------------------------------------------------------------ histogram */

static void expect_hist(const nd_array *a, int64_t bins, double lo, double hi, const nd_array *w,
                        nd_dtype hdt, const double *hv, nd_dtype edt, const double *ev) {
    nd_array *h = NULL, *e = NULL;
    ND_ASSERT_OK(nd_histogram(a, bins, lo, hi, w, &h, &e));
    expect(h, hdt, 1, SH(bins), hv);
    expect(e, edt, 1, SH(bins + 1), ev);
    nd_free(h);
    nd_free(e);
}

static void test_histogram(void **state) {
    (void)state;
    /* np.histogram([1,2,2,3,4,5], bins=4) -> [1,2,1,2], [1,2,3,4,5] (last bin closed) */
    nd_array *a = arr(ND_INT64, 1, SH(6), VALS(1, 2, 2, 3, 4, 5));
    expect_hist(a, 4, 0, 0, NULL, ND_INT64, VALS(1, 2, 1, 2), ND_FLOAT64, VALS(1, 2, 3, 4, 5));
    /* np.histogram([1,2,2,3,4,5.], bins=3, range=(0,6)) -> [1,3,2], [0,2,4,6] */
    nd_array *af = arr(ND_FLOAT64, 1, SH(6), VALS(1, 2, 2, 3, 4, 5));
    expect_hist(af, 3, 0, 6, NULL, ND_INT64, VALS(1, 3, 2), ND_FLOAT64, VALS(0, 2, 4, 6));
    /* outside and NaN ignored: np.histogram([0.5,1,6,7,-1,nan], bins=3, range=(0,6)) -> [2,0,1] */
    nd_array *ao = arr(ND_FLOAT64, 1, SH(6), VALS(0.5, 1, 6, 7, -1, NAN));
    expect_hist(ao, 3, 0, 6, NULL, ND_INT64, VALS(2, 0, 1), ND_FLOAT64, VALS(0, 2, 4, 6));
    /* float32 data: float32 edges, compared in float32:
     * np.histogram(np.array([0.1,0.7,0.3,0.9], np.float32), bins=7) */
    nd_array *a32 = arr(ND_FLOAT32, 1, SH(4), VALS(0.1, 0.7, 0.3, 0.9));
    expect_hist(a32, 7, 0, 0, NULL, ND_INT64, VALS(1, 1, 0, 0, 0, 1, 1), ND_FLOAT32,
                VALS(0.10000000149011612, 0.2142857164144516, 0.3285714089870453, 0.44285714626312256,
                     0.5571428537368774, 0.6714285612106323, 0.7857142686843872, 0.8999999761581421));
    /* np.histogram(np.array([0.1,0.2,0.3], np.float32), bins=2, range=(0.1,0.3)) -> [1,2]:
     * float32(0.3) is above 0.3 but not above float32(0.3) */
    nd_array *b32 = arr(ND_FLOAT32, 1, SH(3), VALS(0.1, 0.2, 0.3));
    expect_hist(b32, 2, 0.1, 0.3, NULL, ND_INT64, VALS(1, 2), ND_FLOAT32,
                VALS(0.10000000149011612, 0.20000000298023224, 0.30000001192092896));
    /* min == max: np.histogram(np.full(3, 0.1, np.float32), bins=3) -> [0,3,0] */
    nd_array *c32 = arr(ND_FLOAT32, 1, SH(3), VALS(0.1, 0.1, 0.1));
    expect_hist(c32, 3, 0, 0, NULL, ND_INT64, VALS(0, 3, 0), ND_FLOAT32,
                VALS(-0.4000000059604645, -0.06666666269302368, 0.2666666805744171, 0.6000000238418579));
    /* np.histogram([1,1,1], bins=2) -> [0,3], [0.5,1,1.5] */
    nd_array *ones = arr(ND_INT32, 1, SH(3), VALS(1, 1, 1));
    expect_hist(ones, 2, 0, 0, NULL, ND_INT64, VALS(0, 3), ND_FLOAT64, VALS(0.5, 1, 1.5));
    /* 0-d: np.histogram(np.array(3.), bins=2) -> [0,1], [2.5,3,3.5] */
    nd_array *s0 = nd_scalar(3, ND_FLOAT64);
    expect_hist(s0, 2, 0, 0, NULL, ND_INT64, VALS(0, 1), ND_FLOAT64, VALS(2.5, 3, 3.5));
    nd_free(s0);
    /* empty: np.histogram([], bins=2) -> [0,0], [0,0.5,1] */
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    expect_hist(e, 2, 0, 0, NULL, ND_INT64, VALS(0, 0), ND_FLOAT64, VALS(0, 0.5, 1));
    /* range (1,1) widens: np.histogram([0,0.5,1], bins=3, range=(1,1)) -> [1,1,0] */
    nd_array *h3 = arr(ND_FLOAT64, 1, SH(3), VALS(0, 0.5, 1));
    expect_hist(h3, 3, 1, 1, NULL, ND_INT64, VALS(1, 1, 0), ND_FLOAT64,
                VALS(0.5, 0.8333333333333333, 1.1666666666666665, 1.5));
    /* edges from linspace decide: np.histogram(np.arange(11.), bins=10, range=(0,1)) -> [1,0,...,0,1] */
    nd_array *el = arr(ND_FLOAT64, 1, SH(11), VALS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    expect_hist(el, 10, 0, 1, NULL, ND_INT64, VALS(1, 0, 0, 0, 0, 0, 0, 0, 0, 1), ND_FLOAT64,
                VALS(0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001,
                     0.8, 0.9, 1.0));
    /* values just below an edge their first guess lands on go down a bin:
     * np.histogram([0.3,0.6,0.7,0.30000000000000004,0.6000000000000001,0.7000000000000001],
     * bins=10, range=(0,1)) -> [0,0,1,1,0,1,2,1,0,0] */
    nd_array *dn = arr(ND_FLOAT64, 1, SH(6),
                       VALS(0.3, 0.6, 0.7, 0.30000000000000004, 0.6000000000000001, 0.7000000000000001));
    expect_hist(dn, 10, 0, 1, NULL, ND_INT64, VALS(0, 0, 1, 1, 0, 1, 2, 1, 0, 0), ND_FLOAT64,
                VALS(0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001,
                     0.8, 0.9, 1.0));
    nd_free(dn);
    /* and values on an edge their guess misses go up: np.histogram([0.7142857142857142, 0.02],
     * bins=7, range=(0,1)) -> [1,0,0,0,0,1,0] */
    nd_array *up = arr(ND_FLOAT64, 1, SH(2), VALS(0.7142857142857142, 0.02));
    expect_hist(up, 7, 0, 1, NULL, ND_INT64, VALS(1, 0, 0, 0, 0, 1, 0), ND_FLOAT64,
                VALS(0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714,
                     0.7142857142857142, 0.8571428571428571, 1.0));
    nd_free(up);
    /* a tiny range: np.histogram([1e-300, 0.5], bins=3, range=(0, 1e-300)) -> [0,0,1] */
    nd_array *tiny = arr(ND_FLOAT64, 1, SH(2), VALS(1e-300, 0.5));
    expect_hist(tiny, 3, 0, 1e-300, NULL, ND_INT64, VALS(0, 0, 1), ND_FLOAT64,
                VALS(0.0, 3.3333333333333334e-301, 6.666666666666667e-301, 1e-300));
    /* uint8 and a transposed 2-D input: np.histogram(np.array([1,2,3], np.uint8), bins=2) -> [1,2];
     * np.histogram(np.array([[3,1],[2,0]]).T, bins=3) -> [1,1,2] */
    nd_array *u8 = arr(ND_UINT8, 1, SH(3), VALS(1, 2, 3));
    expect_hist(u8, 2, 0, 0, NULL, ND_INT64, VALS(1, 2), ND_FLOAT64, VALS(1, 2, 3));
    nd_array *m = arr(ND_INT16, 2, SH(2, 2), VALS(3, 1, 2, 0));
    nd_array *mt = nd_transpose(m, NULL);
    expect_hist(mt, 3, 0, 0, NULL, ND_INT64, VALS(1, 1, 2), ND_FLOAT64, VALS(0, 1, 2, 3));
    /* every dtype: np.histogram(np.array([0,1,1], dt), bins=2) -> [1,2], [0,0.5,1] */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *x = arr(ALL_DTYPES[k], 1, SH(3), VALS(0, 1, 1));
        expect_hist(x, 2, 0, 0, NULL, ND_INT64, VALS(1, 2), ALL_DTYPES[k] == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64,
                    VALS(0, 0.5, 1));
        nd_free(x);
    }
    /* weights keep their dtype: np.histogram([1,2], bins=2, weights=np.array([1,2], np.int32)) -> int32 [1,2] */
    nd_array *a12 = arr(ND_INT64, 1, SH(2), VALS(1, 2));
    nd_array *wi = arr(ND_INT32, 1, SH(2), VALS(1, 2));
    expect_hist(a12, 2, 0, 0, wi, ND_INT32, VALS(1, 2), ND_FLOAT64, VALS(1, 1.5, 2));
    /* np.histogram([1,2,2], bins=2, weights=np.array([1.5,2,0.25], np.float32)) -> float32 [1.5, 2.25] */
    nd_array *a122 = arr(ND_INT64, 1, SH(3), VALS(1, 2, 2));
    nd_array *wf = arr(ND_FLOAT32, 1, SH(3), VALS(1.5, 2, 0.25));
    expect_hist(a122, 2, 0, 0, wf, ND_FLOAT32, VALS(1.5, 2.25), ND_FLOAT64, VALS(1, 1.5, 2));
    /* np.histogram([1,2], bins=2, weights=[True,True]) -> bool [True,True] */
    nd_array *wb = arr(ND_BOOL, 1, SH(2), VALS(1, 1));
    expect_hist(a12, 2, 0, 0, wb, ND_BOOL, VALS(1, 1), ND_FLOAT64, VALS(1, 1.5, 2));
    /* weights summed per block of 65536 in double, then added in float32:
     * np.histogram(np.zeros(200000), bins=1, weights=np.full(200000, 1/3, np.float32))
     * -> [66666.6640625] (one double sum would give 66666.671875) */
    nd_array *z = nd_zeros(1, SH(200000), ND_FLOAT64);
    nd_array *third = nd_full(1, SH(200000), ND_FLOAT32, 1.0 / 3);
    expect_hist(z, 1, 0, 0, third, ND_FLOAT32, VALS(66666.6640625), ND_FLOAT64, VALS(-0.5, 0.5));
    /* hist or edges alone */
    nd_array *h = NULL, *ed = NULL;
    ND_ASSERT_OK(nd_histogram(a, 4, 0, 0, NULL, &h, NULL));
    expect(h, ND_INT64, 1, SH(4), VALS(1, 2, 1, 2));
    nd_free(h);
    ND_ASSERT_OK(nd_histogram(a, 4, 0, 0, NULL, NULL, &ed));
    expect(ed, ND_FLOAT64, 1, SH(5), VALS(1, 2, 3, 4, 5));
    nd_free(ed);

    /* errors leave the outputs untouched */
    h = ed = NULL;
    nd_array *an = arr(ND_FLOAT64, 1, SH(3), VALS(1, 2, NAN));
    EXPECT_STATUS(nd_histogram(an, 2, 0, 0, NULL, &h, &ed), ND_ERR_VALUE, "autodetected range of [nan, nan] is not finite");
    nd_array *ai = arr(ND_FLOAT64, 1, SH(3), VALS(1, 2, INFINITY));
    EXPECT_STATUS(nd_histogram(ai, 2, 0, 0, NULL, &h, &ed), ND_ERR_VALUE, "autodetected range of [1, inf] is not finite");
    EXPECT_STATUS(nd_histogram(a, 2, 2, 1, NULL, &h, &ed), ND_ERR_VALUE, "max must be larger than min in range parameter");
    EXPECT_STATUS(nd_histogram(a, 2, 1, INFINITY, NULL, &h, &ed), ND_ERR_VALUE, "supplied range of [1, inf] is not finite");
    EXPECT_STATUS(nd_histogram(a, 2, NAN, 1, NULL, &h, &ed), ND_ERR_VALUE, "supplied range of [nan, 1] is not finite");
    EXPECT_STATUS(nd_histogram(a, 0, 0, 0, NULL, &h, &ed), ND_ERR_VALUE, "`bins` must be positive, when an integer");
    EXPECT_STATUS(nd_histogram(a, -3, 0, 0, NULL, &h, &ed), ND_ERR_VALUE, "`bins` must be positive");
    nd_array *w3 = arr(ND_FLOAT64, 1, SH(3), VALS(1, 2, 3));
    EXPECT_STATUS(nd_histogram(a12, 2, 0, 0, w3, &h, &ed), ND_ERR_SHAPE, "weights should have the same shape as a");
    EXPECT_STATUS(nd_histogram(NULL, 2, 0, 0, NULL, &h, &ed), ND_ERR_NULL, "'a' is NULL");
    assert_null(h);
    assert_null(ed);
    /* a NaN with a given range is simply outside it */
    expect_hist(an, 2, 0, 3, NULL, ND_INT64, VALS(1, 1), ND_FLOAT64, VALS(0, 1.5, 3));

    nd_free(w3);
    nd_free(ai);
    nd_free(an);
    nd_free(third);
    nd_free(z);
    nd_free(wb);
    nd_free(wf);
    nd_free(a122);
    nd_free(wi);
    nd_free(a12);
    nd_free(mt);
    nd_free(m);
    nd_free(u8);
    nd_free(tiny);
    nd_free(el);
    nd_free(h3);
    nd_free(e);
    nd_free(ones);
    nd_free(c32);
    nd_free(b32);
    nd_free(a32);
    nd_free(ao);
    nd_free(af);
    nd_free(a);
}

/* ------------------------------------------------------------ unique */

static void expect_unique(const nd_array *a, nd_dtype dt, int64_t nu, const double *vals, const double *index,
                          const double *inverse, const double *counts) {
    nd_array *v = NULL, *ix = NULL, *inv = NULL, *cnt = NULL;
    ND_ASSERT_OK(nd_unique(a, &v, &ix, &inv, &cnt));
    expect(v, dt, 1, SH(nu), vals);
    expect(ix, ND_INT64, 1, SH(nu), index);
    expect(inv, ND_INT64, 1, SH(nd_size(a)), inverse);
    expect(cnt, ND_INT64, 1, SH(nu), counts);
    nd_free(v);
    nd_free(ix);
    nd_free(inv);
    nd_free(cnt);
}

static void test_unique(void **state) {
    (void)state;
    /* NumPy 1.24 has equal_nan=True: np.unique([nan,1,nan,0], True, True, True)
     * -> [0,1,nan], [3,1,0], [2,1,2,0], [1,1,2] */
    nd_array *n = arr(ND_FLOAT64, 1, SH(4), VALS(NAN, 1, NAN, 0));
    expect_unique(n, ND_FLOAT64, 3, VALS(0, 1, NAN), VALS(3, 1, 0), VALS(2, 1, 2, 0), VALS(1, 1, 2));
    /* np.unique(np.array([[3,1],[1,2]]), ...) -> [1,2,3], [1,3,0], [2,0,0,1], [2,1,1] (inverse 1-D) */
    nd_array *m = arr(ND_INT64, 2, SH(2, 2), VALS(3, 1, 1, 2));
    expect_unique(m, ND_INT64, 3, VALS(1, 2, 3), VALS(1, 3, 0), VALS(2, 0, 0, 1), VALS(2, 1, 1));
    /* the transposed view, in its own C order [3,1,1,2]: the same */
    nd_array *mt = nd_transpose(m, NULL);
    expect_unique(mt, ND_INT64, 3, VALS(1, 2, 3), VALS(1, 3, 0), VALS(2, 0, 0, 1), VALS(2, 1, 1));
    /* bool: np.unique([True,False,True,True], ...) -> [False,True], [1,0], [1,0,1,1], [1,3] */
    nd_array *b = arr(ND_BOOL, 1, SH(4), VALS(1, 0, 1, 1));
    expect_unique(b, ND_BOOL, 2, VALS(0, 1), VALS(1, 0), VALS(1, 0, 1, 1), VALS(1, 3));
    /* float32 with -0.0, infinities and NaN:
     * np.unique(np.array([-0.0,0.0,1,-inf,inf,nan,-1], np.float32), ...) ->
     * [-inf,-1,-0.,1,inf,nan], [3,6,0,2,4,5], [2,2,3,0,4,5,1], [1,1,2,1,1,1] */
    nd_array *f = arr(ND_FLOAT32, 1, SH(7), VALS(-0.0, 0.0, 1, -INFINITY, INFINITY, NAN, -1));
    expect_unique(f, ND_FLOAT32, 6, VALS(-INFINITY, -1, 0, 1, INFINITY, NAN), VALS(3, 6, 0, 2, 4, 5),
                  VALS(2, 2, 3, 0, 4, 5, 1), VALS(1, 1, 2, 1, 1, 1));
    {
        nd_array *v = NULL;
        ND_ASSERT_OK(nd_unique(f, &v, NULL, NULL, NULL));
        /* the first of the zeros is kept: -0.0 */
        assert_true(signbit(((const float *)nd_data(v))[2]));
        nd_free(v);
    }
    /* longer than one insertion-sort run:
     * x = [5,3,5,1,3,3,9,0,1,1,2,7,7,7,7,8,4,6,2,0,5,3,9,8,8,1] */
    nd_array *x = arr(ND_INT16, 1, SH(26),
                      VALS(5, 3, 5, 1, 3, 3, 9, 0, 1, 1, 2, 7, 7, 7, 7, 8, 4, 6, 2, 0, 5, 3, 9, 8, 8, 1));
    expect_unique(x, ND_INT16, 10, VALS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), VALS(7, 3, 10, 1, 16, 0, 17, 11, 15, 6),
                  VALS(5, 3, 5, 1, 3, 3, 9, 0, 1, 1, 2, 7, 7, 7, 7, 8, 4, 6, 2, 0, 5, 3, 9, 8, 8, 1),
                  VALS(2, 4, 2, 4, 1, 3, 1, 4, 3, 2));
    /* int64 beyond 2^53 compares exactly:
     * np.unique([2**53+1, 2**53, 2**53+1, -5]) -> [-5, 2**53, 2**53+1], [3,1,0], [2,1,2,0], [1,1,2] */
    int64_t bv[4] = {(INT64_C(1) << 53) + 1, INT64_C(1) << 53, (INT64_C(1) << 53) + 1, -5};
    nd_array *big = nd_from_data(bv, 1, SH(4), ND_INT64);
    {
        nd_array *v = NULL, *ix = NULL, *inv = NULL, *cnt = NULL;
        ND_ASSERT_OK(nd_unique(big, &v, &ix, &inv, &cnt));
        expect_i64(v, 3, (const int64_t[]){-5, INT64_C(1) << 53, (INT64_C(1) << 53) + 1});
        expect_i64(ix, 3, (const int64_t[]){3, 1, 0});
        expect_i64(inv, 4, (const int64_t[]){2, 1, 2, 0});
        expect_i64(cnt, 3, (const int64_t[]){1, 1, 2});
        nd_free(v);
        nd_free(ix);
        nd_free(inv);
        nd_free(cnt);
    }
    /* uint64 above INT64_MAX: np.unique(np.array([2**64-1, 0, 2**63], np.uint64)) */
    uint64_t uv[3] = {UINT64_MAX, 0, UINT64_C(1) << 63};
    nd_array *ub = nd_from_data(uv, 1, SH(3), ND_UINT64);
    {
        nd_array *v = NULL, *ix = NULL;
        ND_ASSERT_OK(nd_unique(ub, &v, &ix, NULL, NULL));
        const uint64_t *got = nd_data(v);
        assert_int_equal(nd_size(v), 3);
        assert_true(got[0] == 0 && got[1] == UINT64_C(1) << 63 && got[2] == UINT64_MAX);
        expect(ix, ND_INT64, 1, SH(3), VALS(1, 2, 0));
        nd_free(ix);
        nd_free(v);
    }
    /* every dtype: np.unique(np.array([1,0,1], dt), ...) -> [0,1], [1,0], [1,0,1], [1,2] */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *y = arr(ALL_DTYPES[k], 1, SH(3), VALS(1, 0, 1));
        expect_unique(y, ALL_DTYPES[k], 2, VALS(0, 1), VALS(1, 0), VALS(1, 0, 1), VALS(1, 2));
        nd_free(y);
    }
    /* empty and 0-d: np.unique(np.array([], np.int8), ...) -> four empty arrays;
     * np.unique(np.array(5), ...) -> [5], [0], [0], [1] */
    nd_array *e = nd_zeros(2, SH(2, 0), ND_INT8);
    expect_unique(e, ND_INT8, 0, VALS(0), VALS(0), VALS(0), VALS(0));
    nd_array *s = nd_scalar(5, ND_UINT16);
    expect_unique(s, ND_UINT16, 1, VALS(5), VALS(0), VALS(0), VALS(1));
    /* a broadcast input: np.unique(np.broadcast_to([2,1], (2,2)), return_counts=True) -> [1,2], [2,2] */
    nd_array *row = arr(ND_FLOAT64, 1, SH(2), VALS(2, 1));
    nd_array *br = nd_broadcast_to(row, 2, SH(2, 2));
    {
        nd_array *v = NULL, *cnt = NULL;
        ND_ASSERT_OK(nd_unique(br, &v, NULL, NULL, &cnt));
        expect(v, ND_FLOAT64, 1, SH(2), VALS(1, 2));
        expect(cnt, ND_INT64, 1, SH(2), VALS(2, 2));
        nd_free(cnt);
        nd_free(v);
    }
    /* errors */
    nd_array *v = NULL;
    EXPECT_STATUS(nd_unique(NULL, &v, NULL, NULL, NULL), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_unique(m, NULL, NULL, NULL, NULL), ND_ERR_NULL, "'values' is NULL");
    assert_null(v);
    nd_test_expect(m, VALS(3, 1, 1, 2), 0);

    nd_free(br);
    nd_free(row);
    nd_free(s);
    nd_free(e);
    nd_free(ub);
    nd_free(big);
    nd_free(x);
    nd_free(f);
    nd_free(b);
    nd_free(mt);
    nd_free(m);
    nd_free(n);
}

/* A larger unique against a simple reference: counts from bincount and
 * first indices found by a scan, on values 0..99 in a scrambled order. */
static void test_unique_large(void **state) {
    (void)state;
    enum { N = 5000 };
    static double vals[N];
    for (int i = 0; i < N; i++) vals[i] = (double)((i * 7919 + 13) % 97 + (i % 3));
    nd_array *a = arr(ND_INT32, 1, SH(N), vals);
    nd_array *v = NULL, *ix = NULL, *inv = NULL, *cnt = NULL;
    ND_ASSERT_OK(nd_unique(a, &v, &ix, &inv, &cnt));
    nd_array *bc = nd_bincount(a, NULL, 0);
    ND_ASSERT_ARRAY(bc);
    const int64_t *bcv = nd_data(bc);
    int64_t nu = 0;
    for (int64_t k = 0; k < nd_size(bc); k++) nu += bcv[k] > 0;
    assert_int_equal(nd_size(v), nu);
    const int32_t *uv = nd_data(v);
    const int64_t *ixv = nd_data(ix), *invv = nd_data(inv), *cv = nd_data(cnt);
    for (int64_t u = 0; u < nu; u++) {
        if (u > 0) assert_true(uv[u - 1] < uv[u]);
        assert_int_equal(cv[u], bcv[uv[u]]);
        int first = -1;
        for (int i = 0; i < N && first < 0; i++)
            if (vals[i] == uv[u]) first = i;
        assert_int_equal(ixv[u], first);
    }
    for (int i = 0; i < N; i++) assert_int_equal(uv[invv[i]], (int32_t)vals[i]);
    nd_free(bc);
    nd_free(cnt);
    nd_free(inv);
    nd_free(ix);
    nd_free(v);
    nd_free(a);
}

/* A NULL from a failed call keeps the first error in every function. */
static void test_null_keeps_first_error(void **state) {
    (void)state;
    nd_array *a = arr(ND_FLOAT64, 1, SH(3), VALS(0, 1, 2));
    nd_array *h = NULL, *e = NULL, *v = NULL;
    nd_clear_error();
    nd_array *bad = nd_diff(a, -1, 0); /* the first failure */
    assert_null(bad);
    assert_null(nd_searchsorted(bad, a, false));
    assert_null(nd_searchsorted(a, bad, true));
    assert_null(nd_diff(bad, 1, 0));
    assert_null(nd_bincount(bad, NULL, 0));
    assert_int_equal(nd_histogram(bad, 2, 0, 0, NULL, &h, &e), ND_ERR_NULL);
    assert_int_equal(nd_unique(bad, &v, NULL, NULL, NULL), ND_ERR_NULL);
    assert_null(h);
    assert_null(e);
    assert_null(v);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_diff: order must be non-negative but got -1");
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_searchsorted),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_bincount),
        cmocka_unit_test(test_histogram),
        cmocka_unit_test(test_unique),
        cmocka_unit_test(test_unique_large),
        cmocka_unit_test(test_null_keeps_first_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
