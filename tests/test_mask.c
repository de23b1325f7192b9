/* Tests for boolean masks and nonzero positions (src/ops/mask.c): extract,
 * place, nonzero, argwhere and flatnonzero. Expected values come from
 * NumPy 1.24; each comment shows the expression. */
#include "nd_test.h"
#include "nd_test_index.h"

#define VALS(...) ((const double[]){__VA_ARGS__})

static const nd_dtype ALL_DTYPES[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                                      ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DT (sizeof ALL_DTYPES / sizeof ALL_DTYPES[0])

static nd_array *iota(nd_dtype dt, int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double v[64];
    assert_true(n <= 64);
    for (int64_t i = 0; i < n; i++) v[i] = (double)i;
    return arr(dt, ndim, shape, v);
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

/* m = np.arange(12).reshape(3,4) % 3 == 0 */
static const double M3[] = {1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0};

/* ------------------------------------------------------------ extract */

static void test_extract(void **state) {
    (void)state;
    nd_array *a = iota(ND_INT64, 2, SH(3, 4));
    nd_array *m = arr(ND_BOOL, 2, SH(3, 4), M3);
    /* np.extract(m, a) == [0,3,6,9] */
    nd_array *r = nd_extract(m, a);
    expect(r, ND_INT64, 1, SH(4), VALS(0, 3, 6, 9));
    nd_free(r);
    /* transposed views are read in their own C order: np.extract(m.T, a.T) == [0,9,6,3] */
    nd_array *mt = nd_transpose(m, NULL), *at = nd_transpose(a, NULL);
    r = nd_extract(mt, at);
    expect(r, ND_INT64, 1, SH(4), VALS(0, 9, 6, 3));
    nd_free(r);
    /* any dtype is a mask, NaN true and -0.0 false:
     * np.extract([[0.0,nan],[-0.0,2.5]], [[1,2],[3,4]]) == [2,4] */
    nd_array *f = arr(ND_FLOAT64, 2, SH(2, 2), VALS(0, NAN, -0.0, 2.5));
    nd_array *v = arr(ND_UINT16, 2, SH(2, 2), VALS(1, 2, 3, 4));
    r = nd_extract(f, v);
    expect(r, ND_UINT16, 1, SH(2), VALS(2, 4));
    nd_free(r);
    /* every dtype as data and as mask: np.extract(np.array([0,1,1], dt), np.array([1,0,1], dt)) == [0,1] */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *mk = arr(ALL_DTYPES[k], 1, SH(3), VALS(0, 1, 1));
        nd_array *dk = arr(ALL_DTYPES[k], 1, SH(3), VALS(1, 0, 1));
        r = nd_extract(mk, dk);
        expect(r, ALL_DTYPES[k], 1, SH(2), VALS(0, 1));
        nd_free(r);
        nd_free(dk);
        nd_free(mk);
    }
    /* a broadcast mask over a strided array: mask row [1,0,1,0] repeated
     * over a[:, ::-1] -> [3,1,7,5,11,9] */
    nd_array *row = arr(ND_BOOL, 1, SH(4), VALS(1, 0, 1, 0));
    nd_array *brow = nd_broadcast_to(row, 2, SH(3, 4));
    nd_array *arev = nd_flip(a, 1, (const int[]){1});
    r = nd_extract(brow, arev);
    expect(r, ND_INT64, 1, SH(6), VALS(3, 1, 7, 5, 11, 9));
    nd_free(r);
    /* 0-d and empty: np.extract(np.array(True), np.array(4.)) == [4.] */
    nd_array *t0 = nd_scalar(1, ND_BOOL), *f0 = nd_scalar(0, ND_BOOL), *s = nd_scalar(4, ND_FLOAT32);
    r = nd_extract(t0, s);
    expect(r, ND_FLOAT32, 1, SH(1), VALS(4));
    nd_free(r);
    r = nd_extract(f0, s);
    expect(r, ND_FLOAT32, 1, SH(0), VALS(0));
    nd_free(r);
    nd_array *e = nd_zeros(2, SH(0, 3), ND_INT8), *em = nd_zeros(2, SH(0, 3), ND_BOOL);
    r = nd_extract(em, e);
    expect(r, ND_INT8, 1, SH(0), VALS(0));
    nd_free(r);

    /* errors */
    nd_array *m43 = nd_zeros(2, SH(4, 3), ND_BOOL);
    EXPECT_NULL(nd_extract(m43, a), ND_ERR_SHAPE,
                "boolean index did not match indexed array along dimension 0; dimension is 3 but "
                "corresponding boolean dimension is 4");
    nd_array *m12 = nd_zeros(1, SH(12), ND_BOOL);
    EXPECT_NULL(nd_extract(m12, a), ND_ERR_SHAPE, "mask of shape (12,) does not match array of shape (3,4)");
    EXPECT_NULL(nd_extract(NULL, a), ND_ERR_NULL, "'mask' is NULL");
    EXPECT_NULL(nd_extract(m, NULL), ND_ERR_NULL, "'a' is NULL");
    /* a failed call's NULL keeps the first error */
    nd_clear_error();
    assert_null(nd_extract(m12, a));
    assert_null(nd_extract(nd_extract(m12, a), a));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "mask of shape (12,)");

    nd_free(m12);
    nd_free(m43);
    nd_free(em);
    nd_free(e);
    nd_free(s);
    nd_free(f0);
    nd_free(t0);
    nd_free(arev);
    nd_free(brow);
    nd_free(row);
    nd_free(v);
    nd_free(f);
    nd_free(at);
    nd_free(mt);
    nd_free(m);
    nd_free(a);
}

/* ------------------------------------------------------------ place */

static void test_place(void **state) {
    (void)state;
    nd_array *m = arr(ND_BOOL, 2, SH(3, 4), M3);
    /* x = np.arange(12.).reshape(3,4); np.place(x, m, [-1,-2]) (values cyclic) */
    nd_array *x = iota(ND_FLOAT64, 2, SH(3, 4));
    nd_array *v = arr(ND_FLOAT64, 1, SH(2), VALS(-1, -2));
    ND_ASSERT_OK(nd_place(x, m, v));
    nd_test_expect(x, VALS(-1, 1, 2, -2, 4, 5, -1, 7, 8, -2, 10, 11), 0);
    nd_free(x);
    /* through transposed views, 2-D values flattened:
     * x = np.arange(12.).reshape(3,4); np.place(x.T, m.T, [[-1,-2],[-3,-4]]) */
    x = iota(ND_FLOAT64, 2, SH(3, 4));
    nd_array *xt = nd_transpose(x, NULL), *mt = nd_transpose(m, NULL);
    nd_array *v22 = arr(ND_FLOAT64, 2, SH(2, 2), VALS(-1, -2, -3, -4));
    ND_ASSERT_OK(nd_place(xt, mt, v22));
    nd_test_expect(x, VALS(-1, 1, 2, -4, 4, 5, -3, 7, 8, -2, 10, 11), 0);
    /* the mask is the array itself: x = np.array([0,1,0,2]); np.place(x, x, [7]) -> [0,7,0,7] */
    nd_array *y = arr(ND_INT32, 1, SH(4), VALS(0, 1, 0, 2));
    nd_array *seven = arr(ND_INT32, 1, SH(1), VALS(7));
    ND_ASSERT_OK(nd_place(y, y, seven));
    nd_test_expect(y, VALS(0, 7, 0, 7), 0);
    /* the mask is a reversed view of the array, read before any write:
     * a = np.array([2,0,0,1]); np.place(a, a[::-1], [0]) -> [0,0,0,0] */
    nd_array *w = arr(ND_INT64, 1, SH(4), VALS(2, 0, 0, 1));
    nd_array *wr = nd_flip(w, ND_ALL_AXES, NULL);
    nd_array *zero = arr(ND_INT64, 1, SH(1), VALS(0));
    ND_ASSERT_OK(nd_place(w, wr, zero));
    nd_test_expect(w, VALS(0, 0, 0, 0), 0);
    nd_free(zero);
    nd_free(wr);
    nd_free(w);
    /* values converted as astype: x = np.arange(4, dtype=np.uint8);
     * np.place(x, [True,False,True,False], [-1.5]) -> [255,1,255,3] */
    nd_array *u = iota(ND_UINT8, 1, SH(4));
    nd_array *mu = arr(ND_BOOL, 1, SH(4), VALS(1, 0, 1, 0));
    nd_array *neg = nd_scalar(-1.5, ND_FLOAT64);
    ND_ASSERT_OK(nd_place(u, mu, neg));
    nd_test_expect(u, VALS(255, 1, 255, 3), 0);
    /* no true element: empty values are fine (np.place(x, zeros, [])) */
    nd_array *none = nd_zeros(1, SH(4), ND_BOOL);
    nd_array *ev = nd_zeros(1, SH(0), ND_FLOAT64);
    ND_ASSERT_OK(nd_place(u, none, ev));
    nd_test_expect(u, VALS(255, 1, 255, 3), 0);
    /* every dtype: z = np.zeros(3, dt); np.place(z, [1,0,1], [1]) */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *z = nd_zeros(1, SH(3), ALL_DTYPES[k]);
        nd_array *mk = arr(ALL_DTYPES[k], 1, SH(3), VALS(1, 0, 1));
        nd_array *one = nd_ones(1, SH(1), ALL_DTYPES[k]);
        ND_ASSERT_OK(nd_place(z, mk, one));
        nd_test_expect(z, VALS(1, 0, 1), 0);
        nd_free(one);
        nd_free(mk);
        nd_free(z);
    }
    /* 0-d */
    nd_array *s = nd_scalar(2, ND_INT16), *t0 = nd_scalar(1, ND_BOOL), *nine = nd_scalar(9, ND_INT64);
    ND_ASSERT_OK(nd_place(s, t0, nine));
    nd_test_expect(s, VALS(9), 0);

    /* errors leave the array unchanged */
    EXPECT_STATUS(nd_place(u, mu, ev), ND_ERR_VALUE, "Cannot insert from an empty array!");
    nd_array *m5 = nd_ones(1, SH(5), ND_BOOL);
    EXPECT_STATUS(nd_place(u, m5, seven), ND_ERR_SHAPE, "dimension is 4 but corresponding boolean dimension is 5");
    nd_array *m22 = nd_ones(2, SH(2, 2), ND_BOOL);
    EXPECT_STATUS(nd_place(u, m22, seven), ND_ERR_SHAPE, "mask of shape (2,2) does not match array of shape (4,)");
    nd_array *bro = nd_broadcast_to(seven, 1, SH(4));
    EXPECT_STATUS(nd_place(bro, mu, seven), ND_ERR_READONLY, "read-only");
    EXPECT_STATUS(nd_place(NULL, mu, seven), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_place(u, NULL, seven), ND_ERR_NULL, "'mask' is NULL");
    EXPECT_STATUS(nd_place(u, mu, NULL), ND_ERR_NULL, "'values' is NULL");
    nd_test_expect(u, VALS(255, 1, 255, 3), 0);
    nd_test_expect(seven, VALS(7), 0);

    nd_free(bro);
    nd_free(m22);
    nd_free(m5);
    nd_free(nine);
    nd_free(t0);
    nd_free(s);
    nd_free(ev);
    nd_free(none);
    nd_free(neg);
    nd_free(mu);
    nd_free(u);
    nd_free(seven);
    nd_free(y);
    nd_free(v22);
    nd_free(mt);
    nd_free(xt);
    nd_free(x);
    nd_free(v);
    nd_free(m);
}

/* ------------------------------------------------------------ nonzero, argwhere, flatnonzero */

static void test_nonzero(void **state) {
    (void)state;
    nd_array *m = arr(ND_BOOL, 2, SH(3, 4), M3);
    nd_array *out[ND_MAX_DIMS];
    /* np.nonzero(m) == ([0,0,1,2], [0,3,2,1]) */
    ND_ASSERT_OK(nd_nonzero(m, out));
    expect(out[0], ND_INT64, 1, SH(4), VALS(0, 0, 1, 2));
    expect(out[1], ND_INT64, 1, SH(4), VALS(0, 3, 2, 1));
    nd_free(out[0]);
    nd_free(out[1]);
    /* np.nonzero(m.T) == ([0,1,2,3], [0,2,1,0]) */
    nd_array *mt = nd_transpose(m, NULL);
    ND_ASSERT_OK(nd_nonzero(mt, out));
    expect(out[0], ND_INT64, 1, SH(4), VALS(0, 1, 2, 3));
    expect(out[1], ND_INT64, 1, SH(4), VALS(0, 2, 1, 0));
    nd_free(out[0]);
    nd_free(out[1]);
    /* 3-D: b = np.zeros((2,3,4), bool); b[1,2,3] = b[0,1,0] = b[1,0,2] = True;
     * np.nonzero(b) == ([0,1,1], [1,0,2], [0,2,3]) */
    nd_array *b = nd_zeros(3, SH(2, 3, 4), ND_BOOL);
    ND_ASSERT_OK(nd_set_f64(b, SH(1, 2, 3), 1));
    ND_ASSERT_OK(nd_set_f64(b, SH(0, 1, 0), 1));
    ND_ASSERT_OK(nd_set_f64(b, SH(1, 0, 2), 1));
    ND_ASSERT_OK(nd_nonzero(b, out));
    expect(out[0], ND_INT64, 1, SH(3), VALS(0, 1, 1));
    expect(out[1], ND_INT64, 1, SH(3), VALS(1, 0, 2));
    expect(out[2], ND_INT64, 1, SH(3), VALS(0, 2, 3));
    for (int d = 0; d < 3; d++) nd_free(out[d]);
    /* 0-d: one array, as np.atleast_1d(x).nonzero() */
    nd_array *t0 = nd_scalar(3, ND_INT32), *f0 = nd_scalar(0, ND_FLOAT64);
    ND_ASSERT_OK(nd_nonzero(t0, out));
    expect(out[0], ND_INT64, 1, SH(1), VALS(0));
    nd_free(out[0]);
    ND_ASSERT_OK(nd_nonzero(f0, out));
    expect(out[0], ND_INT64, 1, SH(0), VALS(0));
    nd_free(out[0]);
    /* empty */
    nd_array *e = nd_zeros(2, SH(0, 2), ND_FLOAT32);
    ND_ASSERT_OK(nd_nonzero(e, out));
    expect(out[0], ND_INT64, 1, SH(0), VALS(0));
    expect(out[1], ND_INT64, 1, SH(0), VALS(0));
    nd_free(out[0]);
    nd_free(out[1]);
    /* every dtype: np.nonzero(np.array([0,1,0,1], dt)) == ([1,3],) */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *x = arr(ALL_DTYPES[k], 1, SH(4), VALS(0, 1, 0, 1));
        ND_ASSERT_OK(nd_nonzero(x, out));
        expect(out[0], ND_INT64, 1, SH(2), VALS(1, 3));
        nd_free(out[0]);
        nd_free(x);
    }
    /* NaN is nonzero, -0.0 is not */
    nd_array *f = arr(ND_FLOAT32, 1, SH(3), VALS(-0.0, NAN, 0));
    ND_ASSERT_OK(nd_nonzero(f, out));
    expect(out[0], ND_INT64, 1, SH(1), VALS(1));
    nd_free(out[0]);
    /* errors */
    EXPECT_STATUS(nd_nonzero(NULL, out), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_nonzero(m, NULL), ND_ERR_NULL, "'out' is NULL");
    nd_free(f);
    nd_free(e);
    nd_free(f0);
    nd_free(t0);
    nd_free(b);
    nd_free(mt);
    nd_free(m);
}

static void test_argwhere_flatnonzero(void **state) {
    (void)state;
    nd_array *m = arr(ND_BOOL, 2, SH(3, 4), M3);
    nd_array *mt = nd_transpose(m, NULL);
    /* np.argwhere(m.T) == [[0,0],[1,2],[2,1],[3,0]] */
    nd_array *r = nd_argwhere(mt);
    expect(r, ND_INT64, 2, SH(4, 2), VALS(0, 0, 1, 2, 2, 1, 3, 0));
    nd_free(r);
    /* np.flatnonzero(m.T) == [0,5,7,9] */
    r = nd_flatnonzero(mt);
    expect(r, ND_INT64, 1, SH(4), VALS(0, 5, 7, 9));
    nd_free(r);
    /* 3-D: np.argwhere(b) == [[0,1,0],[1,0,2],[1,2,3]], np.flatnonzero(b) == [4,14,23] */
    nd_array *b = nd_zeros(3, SH(2, 3, 4), ND_UINT32);
    ND_ASSERT_OK(nd_set_f64(b, SH(1, 2, 3), 5));
    ND_ASSERT_OK(nd_set_f64(b, SH(0, 1, 0), 6));
    ND_ASSERT_OK(nd_set_f64(b, SH(1, 0, 2), 7));
    r = nd_argwhere(b);
    expect(r, ND_INT64, 2, SH(3, 3), VALS(0, 1, 0, 1, 0, 2, 1, 2, 3));
    nd_free(r);
    r = nd_flatnonzero(b);
    expect(r, ND_INT64, 1, SH(3), VALS(4, 14, 23));
    nd_free(r);
    /* np.flatnonzero([[0.0,nan],[-0.0,2.5]]) == [1,3] */
    nd_array *f = arr(ND_FLOAT64, 2, SH(2, 2), VALS(0, NAN, -0.0, 2.5));
    r = nd_flatnonzero(f);
    expect(r, ND_INT64, 1, SH(2), VALS(1, 3));
    nd_free(r);
    /* 0-d: np.argwhere(np.array(3)).shape == (1,0), np.argwhere(np.array(0)).shape == (0,0) */
    nd_array *t0 = nd_scalar(3, ND_INT8), *f0 = nd_scalar(0, ND_INT8);
    r = nd_argwhere(t0);
    expect(r, ND_INT64, 2, SH(1, 0), VALS(0));
    nd_free(r);
    r = nd_argwhere(f0);
    expect(r, ND_INT64, 2, SH(0, 0), VALS(0));
    nd_free(r);
    /* np.flatnonzero(np.array(3)) == [0] */
    r = nd_flatnonzero(t0);
    expect(r, ND_INT64, 1, SH(1), VALS(0));
    nd_free(r);
    /* empty: np.argwhere(np.zeros((0,2))).shape == (0,2) */
    nd_array *e = nd_zeros(2, SH(0, 2), ND_FLOAT64);
    r = nd_argwhere(e);
    expect(r, ND_INT64, 2, SH(0, 2), VALS(0));
    nd_free(r);
    r = nd_flatnonzero(e);
    expect(r, ND_INT64, 1, SH(0), VALS(0));
    nd_free(r);
    /* a broadcast input: np.flatnonzero(np.broadcast_to([0,1], (2,2))) == [1,3] */
    nd_array *row = arr(ND_INT64, 1, SH(2), VALS(0, 1));
    nd_array *br = nd_broadcast_to(row, 2, SH(2, 2));
    r = nd_flatnonzero(br);
    expect(r, ND_INT64, 1, SH(2), VALS(1, 3));
    nd_free(r);
    r = nd_argwhere(br);
    expect(r, ND_INT64, 2, SH(2, 2), VALS(0, 1, 1, 1));
    nd_free(r);
    /* every dtype */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *x = arr(ALL_DTYPES[k], 2, SH(2, 2), VALS(0, 1, 1, 0));
        r = nd_argwhere(x);
        expect(r, ND_INT64, 2, SH(2, 2), VALS(0, 1, 1, 0));
        nd_free(r);
        r = nd_flatnonzero(x);
        expect(r, ND_INT64, 1, SH(2), VALS(1, 2));
        nd_free(r);
        nd_free(x);
    }
    EXPECT_NULL(nd_argwhere(NULL), ND_ERR_NULL, "'a' is NULL");
    EXPECT_NULL(nd_flatnonzero(NULL), ND_ERR_NULL, "'a' is NULL");
    nd_free(br);
    nd_free(row);
    nd_free(e);
    nd_free(f0);
    nd_free(t0);
    nd_free(f);
    nd_free(b);
    nd_free(mt);
    nd_free(m);
}

/* A NULL from a failed call keeps the first error in every function. */
static void test_null_keeps_first_error(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 1, SH(3));
    nd_array *m6 = nd_zeros(1, SH(6), ND_BOOL);
    nd_array *out[1] = {NULL};
    nd_clear_error();
    nd_array *bad = nd_extract(m6, a); /* the first failure */
    assert_null(bad);
    assert_null(nd_extract(bad, a));
    assert_int_equal(nd_place(a, bad, a), ND_ERR_NULL);
    assert_int_equal(nd_nonzero(bad, out), ND_ERR_NULL);
    assert_null(out[0]);
    assert_null(nd_argwhere(bad));
    assert_null(nd_flatnonzero(bad));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_extract: boolean index did not match indexed array along dimension 0");
    nd_free(m6);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract),
        cmocka_unit_test(test_place),
        cmocka_unit_test(test_nonzero),
        cmocka_unit_test(test_argwhere_flatnonzero),
        cmocka_unit_test(test_null_keeps_first_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
