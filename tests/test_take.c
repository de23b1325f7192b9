/* Tests for integer-array indexing (src/ops/take.c, src/ops/fancy.c): take,
 * take_out, put, take_along_axis, put_along_axis, index_arrays,
 * index_arrays_assign, compress and choose. Expected values come from
 * NumPy 1.24; each comment shows the expression. */
#include "nd_test.h"
#include "nd_test_index.h"

#define VALS(...) ((const double[]){__VA_ARGS__})

static const nd_dtype ALL_DTYPES[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                                      ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DT (sizeof ALL_DTYPES / sizeof ALL_DTYPES[0])
static const nd_dtype INDEX_DTYPES[] = {ND_INT8,  ND_INT16,  ND_INT32,  ND_INT64,
                                        ND_UINT8, ND_UINT16, ND_UINT32, ND_UINT64};
#define NUM_IDX_DT (sizeof INDEX_DTYPES / sizeof INDEX_DTYPES[0])

/* float64 0, 1, 2, ... in the given shape */
static nd_array *iota(nd_dtype dt, int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double v[256];
    assert_true(n <= 256);
    for (int64_t i = 0; i < n; i++) v[i] = (double)i;
    return arr(dt, ndim, shape, v);
}

static nd_array *idx64(int ndim, const int64_t *shape, const double *v) {
    return arr(ND_INT64, ndim, shape, v);
}

/* Asserts the call returned status st and recorded it with needle in the
 * message. */
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

/* ------------------------------------------------------------ take */

static void test_take_basic(void **state) {
    (void)state;
    nd_array *a = iota(ND_INT64, 2, SH(3, 4));
    /* np.take(np.arange(12).reshape(3,4), [[2,0],[1,-1]], axis=1) */
    nd_array *i2 = idx64(2, SH(2, 2), VALS(2, 0, 1, -1));
    nd_array *r = nd_take(a, i2, 1);
    expect(r, ND_INT64, 3, SH(3, 2, 2), VALS(2, 0, 1, 3, 6, 4, 5, 7, 10, 8, 9, 11));
    nd_free(r);
    /* the same with axis=-1 */
    r = nd_take(a, i2, -1);
    expect(r, ND_INT64, 3, SH(3, 2, 2), VALS(2, 0, 1, 3, 6, 4, 5, 7, 10, 8, 9, 11));
    nd_free(r);
    /* np.take(a, [2,-3], axis=0) */
    nd_array *i1 = idx64(1, SH(2), VALS(2, -3));
    r = nd_take(a, i1, 0);
    expect(r, ND_INT64, 2, SH(2, 4), VALS(8, 9, 10, 11, 0, 1, 2, 3));
    nd_free(r);
    /* np.take(a, 2, axis=1): a 0-d index drops the axis */
    nd_array *i0 = idx64(0, NULL, VALS(2));
    r = nd_take(a, i0, 1);
    expect(r, ND_INT64, 1, SH(3), VALS(2, 6, 10));
    nd_free(r);
    /* np.take(a, np.zeros(0, int), axis=1).shape == (3, 0) */
    nd_array *ie = idx64(1, SH(0), VALS(0));
    r = nd_take(a, ie, 1);
    expect(r, ND_INT64, 2, SH(3, 0), VALS(0));
    nd_free(r);
    /* np.take(np.zeros((2,0)), np.zeros(0,int), axis=1).shape == (2, 0) */
    nd_array *z = nd_zeros(2, SH(2, 0), ND_FLOAT64);
    r = nd_take(z, ie, 1);
    expect(r, ND_FLOAT64, 2, SH(2, 0), VALS(0));
    nd_free(r);
    nd_free(z);
    nd_free(ie);
    nd_free(i0);
    nd_free(i1);
    nd_free(i2);
    nd_free(a);
}

static void test_take_flat_and_layouts(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 2, SH(3, 4));
    nd_array *t = nd_transpose(a, NULL);
    /* np.take(np.arange(12).reshape(3,4).T, [1,5,-1]) == [4, 9, 11] */
    nd_array *i = idx64(1, SH(3), VALS(1, 5, -1));
    nd_array *r = nd_take(t, i, ND_AXIS_NONE);
    expect(r, ND_FLOAT64, 1, SH(3), VALS(4, 9, 11));
    nd_free(r);
    /* a 2-D index into the flattened array keeps its shape:
     * np.take(a.T, [[0,11],[3,3]]) == [[0,11],[1,1]] */
    nd_array *i2 = idx64(2, SH(2, 2), VALS(0, 11, 3, 3));
    r = nd_take(t, i2, ND_AXIS_NONE);
    expect(r, ND_FLOAT64, 2, SH(2, 2), VALS(0, 11, 1, 1));
    nd_free(r);
    /* along an axis of the transposed view: np.take(a.T, [2,0], axis=1)
     * == [[8,0],[9,1],[10,2],[11,3]] */
    nd_array *i3 = idx64(1, SH(2), VALS(2, 0));
    r = nd_take(t, i3, 1);
    expect(r, ND_FLOAT64, 2, SH(4, 2), VALS(8, 0, 9, 1, 10, 2, 11, 3));
    nd_free(r);
    /* a strided index (every other element of [3,9,1,9,-1,9]) and a
     * negative-step source: np.take(a[::-1, ::2], [3,1,-1]) with
     * a[::-1, ::2] == [[8,10],[4,6],[0,2]] gives [6, 10, 2] */
    nd_array *ibig = idx64(1, SH(6), VALS(3, 9, 1, 9, -1, 9));
    nd_array *istr = nd_slice_axis(ibig, 0, 0, ND_NONE, 2);
    ND_ASSERT_ARRAY(istr);
    nd_slice_t sl[2] = {{ND_NONE, ND_NONE, -1}, {ND_NONE, ND_NONE, 2}};
    nd_array *rev = nd_slice(a, 2, sl);
    ND_ASSERT_ARRAY(rev);
    r = nd_take(rev, istr, ND_AXIS_NONE);
    expect(r, ND_FLOAT64, 1, SH(3), VALS(6, 10, 2));
    nd_free(r);
    /* a broadcast index (stride 0): np.take(a, np.broadcast_to([1], (2,3)), axis=0)
     * is row 1 six times, shape (2,3,4) */
    nd_array *one = idx64(1, SH(1), VALS(1));
    nd_array *bidx = nd_broadcast_to(one, 2, SH(2, 3));
    ND_ASSERT_ARRAY(bidx);
    r = nd_take(a, bidx, 0);
    double e[24];
    for (int k = 0; k < 24; k++) e[k] = 4 + k % 4;
    expect(r, ND_FLOAT64, 3, SH(2, 3, 4), e);
    nd_free(r);
    /* a broadcast source: np.take(np.broadcast_to(np.arange(3.), (2,3)), [2,0], axis=1)
     * == [[2,0],[2,0]] */
    nd_array *row = iota(ND_FLOAT64, 1, SH(3));
    nd_array *brow = nd_broadcast_to(row, 2, SH(2, 3));
    r = nd_take(brow, i3, 1);
    expect(r, ND_FLOAT64, 2, SH(2, 2), VALS(2, 0, 2, 0));
    nd_free(r);
    /* a 0-d source, flattened: np.take(np.array(5.), [0, 0, -1]) == [5,5,5] */
    nd_array *s = nd_scalar(5, ND_FLOAT64);
    nd_array *i0s = idx64(1, SH(3), VALS(0, 0, -1));
    r = nd_take(s, i0s, ND_AXIS_NONE);
    expect(r, ND_FLOAT64, 1, SH(3), VALS(5, 5, 5));
    nd_free(r);
    nd_free(i0s);
    nd_free(s);
    nd_free(brow);
    nd_free(row);
    nd_free(bidx);
    nd_free(one);
    nd_free(rev);
    nd_free(istr);
    nd_free(ibig);
    nd_free(i3);
    nd_free(i2);
    nd_free(i);
    nd_free(t);
    nd_free(a);
}

static void test_take_dtypes(void **state) {
    (void)state;
    /* every data dtype: np.take(x, [4,-1,0,2]) for x = [0,1,0,1,1] as bool
     * and [10,20,30,40,50] otherwise */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_dtype dt = ALL_DTYPES[k];
        bool b = dt == ND_BOOL;
        nd_array *a = b ? arr(dt, 1, SH(5), VALS(0, 1, 0, 1, 1)) : arr(dt, 1, SH(5), VALS(10, 20, 30, 40, 50));
        nd_array *i = idx64(1, SH(4), VALS(4, -1, 0, 2));
        nd_array *r = nd_take(a, i, 0);
        if (b) expect(r, dt, 1, SH(4), VALS(1, 1, 0, 0));
        else expect(r, dt, 1, SH(4), VALS(50, 50, 10, 30));
        nd_free(r);
        nd_free(i);
        nd_free(a);
    }
    /* every integer index dtype, and bool indices read as 0/1:
     * np.take([10.,20,30,40,50], np.array([3,1,4], dt)) == [40,20,50];
     * np.take([10.,20,30,40,50], [True, False]) == [20, 10] */
    nd_array *a = arr(ND_FLOAT64, 1, SH(5), VALS(10, 20, 30, 40, 50));
    for (size_t k = 0; k < NUM_IDX_DT; k++) {
        nd_array *i = arr(INDEX_DTYPES[k], 1, SH(3), VALS(3, 1, 4));
        nd_array *r = nd_take(a, i, 0);
        expect(r, ND_FLOAT64, 1, SH(3), VALS(40, 20, 50));
        nd_free(r);
        nd_free(i);
    }
    nd_array *bi = arr(ND_BOOL, 1, SH(2), VALS(1, 0));
    nd_array *r = nd_take(a, bi, 0);
    expect(r, ND_FLOAT64, 1, SH(2), VALS(20, 10));
    nd_free(r);
    /* signed narrow indices count from the end too: int8 -2 is 40 */
    nd_array *ni = arr(ND_INT8, 1, SH(2), VALS(-2, -5));
    r = nd_take(a, ni, 0);
    expect(r, ND_FLOAT64, 1, SH(2), VALS(40, 10));
    nd_free(r);
    nd_free(ni);
    nd_free(bi);
    nd_free(a);
}

static void test_take_errors(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 1, SH(5));
    nd_array *m = iota(ND_FLOAT64, 2, SH(2, 3));
    nd_array *i7 = idx64(1, SH(2), VALS(1, 7));
    EXPECT_NULL(nd_take(a, i7, 0), ND_ERR_INDEX, "index 7 is out of bounds for axis 0 with size 5");
    nd_array *im = idx64(1, SH(1), VALS(-6));
    EXPECT_NULL(nd_take(a, im, 0), ND_ERR_INDEX, "index -6 is out of bounds for axis 0 with size 5");
    /* np.take(np.arange(6).reshape(2,3), [3], axis=1) */
    nd_array *i3 = idx64(1, SH(1), VALS(3));
    EXPECT_NULL(nd_take(m, i3, 1), ND_ERR_INDEX, "index 3 is out of bounds for axis 1 with size 3");
    /* flattened: size 6 */
    nd_array *i6 = idx64(1, SH(1), VALS(6));
    EXPECT_NULL(nd_take(m, i6, ND_AXIS_NONE), ND_ERR_INDEX,
                "index 6 is out of bounds for axis 0 with size 6");
    /* a uint64 above INT64_MAX is out of bounds, not negative */
    uint64_t big = UINT64_MAX;
    nd_array *iu = nd_from_data(&big, 1, SH(1), ND_UINT64);
    EXPECT_NULL(nd_take(a, iu, 0), ND_ERR_INDEX,
                "index 18446744073709551615 is out of bounds for axis 0 with size 5");
    /* float indices */
    nd_array *fi = arr(ND_FLOAT64, 1, SH(1), VALS(1));
    EXPECT_NULL(nd_take(a, fi, 0), ND_ERR_DTYPE,
                "arrays used as indices must be of integer (or boolean) type");
    nd_array *f32 = arr(ND_FLOAT32, 1, SH(1), VALS(1));
    EXPECT_NULL(nd_take(a, f32, 0), ND_ERR_DTYPE, "integer (or boolean)");
    /* axis out of range */
    nd_array *i1 = idx64(1, SH(1), VALS(1));
    EXPECT_NULL(nd_take(m, i1, 2), ND_ERR_INDEX, "axis 2 is out of bounds for array of dimension 2");
    EXPECT_NULL(nd_take(m, i1, -3), ND_ERR_INDEX, "axis -3 is out of bounds");
    /* a result with more than ND_MAX_DIMS axes */
    int64_t ones20[20];
    for (int k = 0; k < 20; k++) ones20[k] = 1;
    nd_array *a20 = nd_zeros(20, ones20, ND_FLOAT64);
    nd_array *i20 = nd_zeros(20, ones20, ND_INT64);
    EXPECT_NULL(nd_take(a20, i20, 0), ND_ERR_VALUE, "the result would have 39 dimensions, more than ND_MAX_DIMS");
    EXPECT_NULL(nd_index_arrays(a20, 2, (const nd_array *[]){i20, NULL}), ND_ERR_VALUE,
                "the result would have 39 dimensions");
    nd_free(i20);
    nd_free(a20);
    /* an empty source axis: np.take(np.zeros(0), [0]) is an error */
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    EXPECT_NULL(nd_take(e, i1, 0), ND_ERR_INDEX, "index 1 is out of bounds for axis 0 with size 0");
    /* NULLs */
    EXPECT_NULL(nd_take(NULL, i1, 0), ND_ERR_NULL, "'a' is NULL");
    EXPECT_NULL(nd_take(a, NULL, 0), ND_ERR_NULL, "'indices' is NULL");
    /* a NULL from a failed call keeps the first error */
    nd_clear_error();
    nd_array *bad = nd_take(a, fi, 0);
    assert_null(bad);
    assert_null(nd_take(bad, i1, 0));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "arrays used as indices");
    /* the inputs are untouched */
    nd_test_expect(a, VALS(0, 1, 2, 3, 4), 0);
    nd_test_expect(i7, VALS(1, 7), 0);
    nd_free(e);
    nd_free(i1);
    nd_free(f32);
    nd_free(fi);
    nd_free(iu);
    nd_free(i6);
    nd_free(i3);
    nd_free(im);
    nd_free(i7);
    nd_free(m);
    nd_free(a);
}

static void test_take_out(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 2, SH(3, 4));
    nd_array *i = idx64(1, SH(2), VALS(2, -4));
    /* into a strided view: o = np.zeros((3,4)); o[:, ::2] = np.take(a, [2,-4], axis=1) */
    nd_array *o = nd_zeros(2, SH(3, 4), ND_FLOAT64);
    nd_array *ov = nd_slice_axis(o, 1, ND_NONE, ND_NONE, 2);
    ND_ASSERT_OK(nd_take_out(a, i, 1, ov));
    nd_test_expect(o, VALS(2, 0, 0, 0, 6, 0, 4, 0, 10, 0, 8, 0), 0);
    /* converted to a float32 out (same_kind) */
    nd_array *o32 = nd_zeros(2, SH(3, 2), ND_FLOAT32);
    ND_ASSERT_OK(nd_take_out(a, i, 1, o32));
    expect(o32, ND_FLOAT32, 2, SH(3, 2), VALS(2, 0, 6, 4, 10, 8));
    /* out overlapping a: x = np.arange(6.); x[:3] = np.take(x, [5,4,3]) */
    nd_array *x = iota(ND_FLOAT64, 1, SH(6));
    nd_array *xv = nd_slice_axis(x, 0, 0, 3, 1);
    nd_array *i543 = idx64(1, SH(3), VALS(5, 4, 3));
    ND_ASSERT_OK(nd_take_out(x, i543, 0, xv));
    nd_test_expect(x, VALS(5, 4, 3, 3, 4, 5), 0);
    /* reversed overlap: x = [5,4,3,3,4,5]; x[::-1] = np.take(x, [0,1,2,0,1,2])
     * -> [3,4,5,3,4,5] (gathering in place would give [5,4,5,3,4,5]) */
    nd_array *x2 = nd_flip(x, ND_ALL_AXES, NULL);
    nd_array *iall = idx64(1, SH(6), VALS(0, 1, 2, 0, 1, 2));
    ND_ASSERT_OK(nd_take_out(x, iall, 0, x2));
    nd_test_expect(x, VALS(3, 4, 5, 3, 4, 5), 0);

    /* errors leave out unchanged */
    nd_array *snap = nd_copy(o);
    nd_array *bad = idx64(1, SH(2), VALS(0, 4));
    EXPECT_STATUS(nd_take_out(a, bad, 1, ov), ND_ERR_INDEX, "index 4 is out of bounds for axis 1 with size 4");
    nd_array *oi = nd_zeros(2, SH(3, 2), ND_INT64);
    EXPECT_STATUS(nd_take_out(a, i, 1, oi), ND_ERR_DTYPE, "cannot cast the result from float64 to the output's int64");
    nd_array *o33 = nd_zeros(2, SH(3, 3), ND_FLOAT64);
    EXPECT_STATUS(nd_take_out(a, i, 1, o33), ND_ERR_SHAPE, "output shape (3,3) does not match the result shape (3,2)");
    nd_array *one = nd_zeros(1, SH(2), ND_FLOAT64);
    nd_array *bro = nd_broadcast_to(one, 2, SH(3, 2));
    EXPECT_STATUS(nd_take_out(a, i, 1, bro), ND_ERR_READONLY, "read-only");
    EXPECT_STATUS(nd_take_out(a, i, 1, NULL), ND_ERR_NULL, "'out' is NULL");
    EXPECT_STATUS(nd_take_out(NULL, i, 1, ov), ND_ERR_NULL, "'a' is NULL");
    nd_array *fi = arr(ND_FLOAT64, 1, SH(1), VALS(0));
    EXPECT_STATUS(nd_take_out(a, fi, 1, ov), ND_ERR_DTYPE, "integer (or boolean)");
    nd_test_expect(o, (const double *)nd_data(snap), 0);
    nd_test_expect(one, VALS(0, 0), 0);

    nd_free(fi);
    nd_free(bro);
    nd_free(one);
    nd_free(o33);
    nd_free(oi);
    nd_free(bad);
    nd_free(snap);
    nd_free(iall);
    nd_free(x2);
    nd_free(i543);
    nd_free(xv);
    nd_free(x);
    nd_free(o32);
    nd_free(ov);
    nd_free(o);
    nd_free(i);
    nd_free(a);
}

/* ------------------------------------------------------------ put */

static void test_put(void **state) {
    (void)state;
    /* b = np.arange(6.); np.put(b, [0,-1,2,0], [10,20]) -> [20,1,10,3,4,20]
     * (values cyclic, the last write wins) */
    nd_array *b = iota(ND_FLOAT64, 1, SH(6));
    nd_array *i = idx64(1, SH(4), VALS(0, -1, 2, 0));
    nd_array *v = arr(ND_FLOAT64, 1, SH(2), VALS(10, 20));
    ND_ASSERT_OK(nd_put(b, i, v));
    nd_test_expect(b, VALS(20, 1, 10, 3, 4, 20), 0);
    /* flat indices in C order of a transposed view:
     * b = np.arange(6.).reshape(2,3); np.put(b.T, [0,1,5], [7,8,9]) -> b == [7,1,2,8,4,9] */
    nd_array *m = iota(ND_FLOAT64, 2, SH(2, 3));
    nd_array *mt = nd_transpose(m, NULL);
    nd_array *i3 = idx64(1, SH(3), VALS(0, 1, 5));
    nd_array *v3 = arr(ND_FLOAT64, 1, SH(3), VALS(7, 8, 9));
    ND_ASSERT_OK(nd_put(mt, i3, v3));
    nd_test_expect(m, VALS(7, 1, 2, 8, 4, 9), 0);
    /* values converted as astype and flattened; a 2-D index:
     * b = np.arange(5); np.put(b, [[1],[2]], [[1.7],[-2.9]]) -> [0,1,-2,3,4] */
    nd_array *bi = iota(ND_INT64, 1, SH(5));
    nd_array *i2 = idx64(2, SH(2, 1), VALS(1, 2));
    nd_array *v2 = arr(ND_FLOAT64, 2, SH(2, 1), VALS(1.7, -2.9));
    ND_ASSERT_OK(nd_put(bi, i2, v2));
    nd_test_expect(bi, VALS(0, 1, -2, 3, 4), 0);
    /* a 0-d target and a scalar value: np.put(s, [0, -1], 3) */
    nd_array *s = nd_scalar(1, ND_INT32);
    nd_array *i0 = idx64(1, SH(2), VALS(0, -1));
    nd_array *v0 = nd_scalar(3, ND_INT32);
    ND_ASSERT_OK(nd_put(s, i0, v0));
    nd_test_expect(s, VALS(3), 0);
    /* every dtype: x = np.zeros(4, dt); np.put(x, [3, 1], [1, 1]) */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *x = nd_zeros(1, SH(4), ALL_DTYPES[k]);
        nd_array *ix = idx64(1, SH(2), VALS(3, 1));
        nd_array *vx = arr(ALL_DTYPES[k], 1, SH(1), VALS(1));
        ND_ASSERT_OK(nd_put(x, ix, vx));
        nd_test_expect(x, VALS(0, 1, 0, 1), 0);
        nd_free(vx);
        nd_free(ix);
        nd_free(x);
    }
    /* strided indices: b = np.arange(6.); np.put(b, np.array([5,0,1,0,2,0])[::2], [9,8,7])
     * -> [0,8,7,3,4,9] */
    nd_array *bs = iota(ND_FLOAT64, 1, SH(6));
    nd_array *iraw = idx64(1, SH(6), VALS(5, 0, 1, 0, 2, 0));
    nd_array *istr = nd_slice_axis(iraw, 0, ND_NONE, ND_NONE, 2);
    nd_array *v987 = arr(ND_FLOAT64, 1, SH(3), VALS(9, 8, 7));
    ND_ASSERT_OK(nd_put(bs, istr, v987));
    nd_test_expect(bs, VALS(0, 8, 7, 3, 4, 9), 0);
    nd_free(v987);
    nd_free(istr);
    nd_free(iraw);
    nd_free(bs);
    /* empty values put nothing (np.put(b, [1], []) leaves b as it was) */
    nd_array *ve = nd_zeros(1, SH(0), ND_FLOAT64);
    nd_array *i1 = idx64(1, SH(1), VALS(1));
    ND_ASSERT_OK(nd_put(b, i1, ve));
    nd_test_expect(b, VALS(20, 1, 10, 3, 4, 20), 0);
    /* values overlapping the target: b = [20,1,10,3,4,20]; np.put(b, [0,1,2], b[1:4].copy()) */
    nd_array *bv = nd_slice_axis(b, 0, 1, 4, 1);
    nd_array *i012 = idx64(1, SH(3), VALS(0, 1, 2));
    ND_ASSERT_OK(nd_put(b, i012, bv));
    nd_test_expect(b, VALS(1, 10, 3, 3, 4, 20), 0);

    nd_free(i012);
    nd_free(bv);
    nd_free(i1);
    nd_free(ve);
    nd_free(v0);
    nd_free(i0);
    nd_free(s);
    nd_free(v2);
    nd_free(i2);
    nd_free(bi);
    nd_free(v3);
    nd_free(i3);
    nd_free(mt);
    nd_free(m);
    nd_free(v);
    nd_free(i);
    nd_free(b);
}

static void test_put_errors(void **state) {
    (void)state;
    nd_array *b = iota(ND_FLOAT64, 1, SH(5));
    nd_array *v = arr(ND_FLOAT64, 1, SH(3), VALS(-1, -2, -3));
    /* the valid indices before the bad one are not written either */
    nd_array *bad = idx64(1, SH(3), VALS(0, 1, 5));
    EXPECT_STATUS(nd_put(b, bad, v), ND_ERR_INDEX, "index 5 is out of bounds for axis 0 with size 5");
    nd_array *badn = idx64(1, SH(2), VALS(0, -6));
    EXPECT_STATUS(nd_put(b, badn, v), ND_ERR_INDEX, "index -6 is out of bounds for axis 0 with size 5");
    /* indices are checked even with empty values (NumPy skips them) */
    nd_array *ve = nd_zeros(1, SH(0), ND_FLOAT64);
    EXPECT_STATUS(nd_put(b, bad, ve), ND_ERR_INDEX, "index 5 is out of bounds");
    nd_array *fi = arr(ND_FLOAT64, 1, SH(1), VALS(0));
    EXPECT_STATUS(nd_put(b, fi, v), ND_ERR_DTYPE, "arrays used as indices must be of integer (or boolean) type");
    nd_array *bro = nd_broadcast_to(b, 2, SH(2, 5));
    nd_array *i0 = idx64(1, SH(1), VALS(0));
    EXPECT_STATUS(nd_put(bro, i0, v), ND_ERR_READONLY, "read-only");
    EXPECT_STATUS(nd_put(NULL, i0, v), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_put(b, NULL, v), ND_ERR_NULL, "'indices' is NULL");
    EXPECT_STATUS(nd_put(b, i0, NULL), ND_ERR_NULL, "'values' is NULL");
    /* an empty target takes no index: np.put(np.zeros(0), [0], [1]) */
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    EXPECT_STATUS(nd_put(e, i0, v), ND_ERR_INDEX, "index 0 is out of bounds for axis 0 with size 0");
    nd_test_expect(b, VALS(0, 1, 2, 3, 4), 0);
    nd_test_expect(v, VALS(-1, -2, -3), 0);
    nd_free(e);
    nd_free(i0);
    nd_free(bro);
    nd_free(fi);
    nd_free(ve);
    nd_free(badn);
    nd_free(bad);
    nd_free(v);
    nd_free(b);
}

/* ------------------------------------------------------------ along an axis */

static void test_take_along_axis(void **state) {
    (void)state;
    nd_array *x = arr(ND_INT32, 2, SH(2, 3), VALS(10, 30, 20, 60, 40, 50));
    /* np.take_along_axis(x, [[0,2,1],[1,2,0]], 1) == [[10,20,30],[40,50,60]] */
    nd_array *ia = idx64(2, SH(2, 3), VALS(0, 2, 1, 1, 2, 0));
    nd_array *r = nd_take_along_axis(x, ia, 1);
    expect(r, ND_INT32, 2, SH(2, 3), VALS(10, 20, 30, 40, 50, 60));
    nd_free(r);
    /* np.take_along_axis(x, [[1,0,-1]], 0) == [[60,30,50]] */
    nd_array *ib = idx64(2, SH(1, 3), VALS(1, 0, -1));
    r = nd_take_along_axis(x, ib, 0);
    expect(r, ND_INT32, 2, SH(1, 3), VALS(60, 30, 50));
    nd_free(r);
    /* indices broadcast on the other axis: np.take_along_axis(x, [[2,0]], 1)
     * == [[20,10],[50,60]] */
    nd_array *ic = idx64(2, SH(1, 2), VALS(2, 0));
    r = nd_take_along_axis(x, ic, 1);
    expect(r, ND_INT32, 2, SH(2, 2), VALS(20, 10, 50, 60));
    nd_free(r);
    /* and the array broadcasts too: np.take_along_axis([[1,2,3]],
     * [[0,2],[1,1],[2,0],[0,0]], 1) == [[1,3],[2,2],[3,1],[1,1]] */
    nd_array *row = arr(ND_FLOAT32, 2, SH(1, 3), VALS(1, 2, 3));
    nd_array *id = idx64(2, SH(4, 2), VALS(0, 2, 1, 1, 2, 0, 0, 0));
    r = nd_take_along_axis(row, id, 1);
    expect(r, ND_FLOAT32, 2, SH(4, 2), VALS(1, 3, 2, 2, 3, 1, 1, 1));
    nd_free(r);
    /* axis None: np.take_along_axis(x, [5,-1,0], None) == [50,50,10] */
    nd_array *ie = idx64(1, SH(3), VALS(5, -1, 0));
    r = nd_take_along_axis(x, ie, ND_AXIS_NONE);
    expect(r, ND_INT32, 1, SH(3), VALS(50, 50, 10));
    nd_free(r);
    /* a transposed source and uint8 indices: np.take_along_axis(x.T,
     * np.array([[1,0],[0,0],[1,1]], np.uint8), 1) == [[60,10],[30,30],[50,50]] */
    nd_array *xt = nd_transpose(x, NULL);
    nd_array *iu = arr(ND_UINT8, 2, SH(3, 2), VALS(1, 0, 0, 0, 1, 1));
    r = nd_take_along_axis(xt, iu, 1);
    expect(r, ND_INT32, 2, SH(3, 2), VALS(60, 10, 30, 30, 50, 50));
    nd_free(r);
    /* every dtype, 1-D: np.take_along_axis(v, [2, 0], 0) */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *v = arr(ALL_DTYPES[k], 1, SH(3), VALS(0, 1, 1));
        nd_array *i = idx64(1, SH(2), VALS(2, 0));
        r = nd_take_along_axis(v, i, 0);
        expect(r, ALL_DTYPES[k], 1, SH(2), VALS(1, 0));
        nd_free(r);
        nd_free(i);
        nd_free(v);
    }
    /* empty indices along the axis: shape (2, 0) */
    nd_array *i0 = nd_zeros(2, SH(2, 0), ND_INT64);
    r = nd_take_along_axis(x, i0, 1);
    expect(r, ND_INT32, 2, SH(2, 0), VALS(0));
    nd_free(r);

    /* errors */
    nd_array *i1d = idx64(1, SH(2), VALS(0, 1));
    EXPECT_NULL(nd_take_along_axis(x, i1d, 1), ND_ERR_SHAPE,
                "`indices` and `arr` must have the same number of dimensions");
    EXPECT_NULL(nd_take_along_axis(x, ia, ND_AXIS_NONE), ND_ERR_SHAPE,
                "indices must have a single dimension");
    nd_array *fi = arr(ND_FLOAT64, 2, SH(1, 1), VALS(0));
    EXPECT_NULL(nd_take_along_axis(x, fi, 0), ND_ERR_DTYPE, "integer (or boolean)");
    nd_array *i9 = idx64(2, SH(1, 3), VALS(0, 9, 0));
    EXPECT_NULL(nd_take_along_axis(x, i9, 1), ND_ERR_INDEX, "index 9 is out of bounds for axis 1 with size 3");
    EXPECT_NULL(nd_take_along_axis(x, ie, 0), ND_ERR_SHAPE, "same number of dimensions");
    nd_array *i43 = idx64(2, SH(4, 1), VALS(0, 0, 0, 0));
    EXPECT_NULL(nd_take_along_axis(x, i43, 1), ND_ERR_SHAPE, "cannot be broadcast");
    EXPECT_NULL(nd_take_along_axis(x, ia, 2), ND_ERR_INDEX, "axis 2 is out of bounds");
    nd_array *big = idx64(1, SH(1), VALS(6));
    EXPECT_NULL(nd_take_along_axis(x, big, ND_AXIS_NONE), ND_ERR_INDEX,
                "index 6 is out of bounds for axis 0 with size 6");
    EXPECT_NULL(nd_take_along_axis(NULL, ia, 0), ND_ERR_NULL, "'a' is NULL");
    EXPECT_NULL(nd_take_along_axis(x, NULL, 0), ND_ERR_NULL, "'indices' is NULL");

    nd_free(big);
    nd_free(i43);
    nd_free(i9);
    nd_free(fi);
    nd_free(i1d);
    nd_free(i0);
    nd_free(iu);
    nd_free(xt);
    nd_free(ie);
    nd_free(id);
    nd_free(row);
    nd_free(ic);
    nd_free(ib);
    nd_free(ia);
    nd_free(x);
}

static void test_put_along_axis(void **state) {
    (void)state;
    const double *x0 = VALS(10, 30, 20, 60, 40, 50);
    /* y = x.copy(); np.put_along_axis(y, [[1],[0]], 99, axis=1) -> [[10,99,20],[99,40,50]] */
    nd_array *y = arr(ND_INT64, 2, SH(2, 3), x0);
    nd_array *i = idx64(2, SH(2, 1), VALS(1, 0));
    nd_array *v = nd_scalar(99, ND_INT64);
    ND_ASSERT_OK(nd_put_along_axis(y, i, v, 1));
    nd_test_expect(y, VALS(10, 99, 20, 99, 40, 50), 0);
    nd_free(y);
    /* np.put_along_axis(y, [[0,2]], [[7],[8]], axis=1) -> [[7,30,7],[8,40,8]] */
    y = arr(ND_INT64, 2, SH(2, 3), x0);
    nd_array *i2 = idx64(2, SH(1, 2), VALS(0, 2));
    nd_array *v2 = arr(ND_INT64, 2, SH(2, 1), VALS(7, 8));
    ND_ASSERT_OK(nd_put_along_axis(y, i2, v2, 1));
    nd_test_expect(y, VALS(7, 30, 7, 8, 40, 8), 0);
    nd_free(y);
    /* converted values on axis 0: y = x.astype(np.int16);
     * np.put_along_axis(y, [[1,-1,0]], [1.9,-2.5,3.2], axis=0) -> [[10,30,3],[1,-2,50]] */
    y = arr(ND_INT16, 2, SH(2, 3), x0);
    nd_array *i3 = idx64(2, SH(1, 3), VALS(1, -1, 0));
    nd_array *v3 = arr(ND_FLOAT64, 1, SH(3), VALS(1.9, -2.5, 3.2));
    ND_ASSERT_OK(nd_put_along_axis(y, i3, v3, 0));
    nd_test_expect(y, VALS(10, 30, 3, 1, -2, 50), 0);
    nd_free(y);
    /* axis None: np.put_along_axis(y, [0,5], [-1,-2], axis=None) -> [[-1,30,20],[60,40,-2]] */
    y = arr(ND_INT64, 2, SH(2, 3), x0);
    nd_array *i4 = idx64(1, SH(2), VALS(0, 5));
    nd_array *v4 = arr(ND_INT64, 1, SH(2), VALS(-1, -2));
    ND_ASSERT_OK(nd_put_along_axis(y, i4, v4, ND_AXIS_NONE));
    nd_test_expect(y, VALS(-1, 30, 20, 60, 40, -2), 0);
    /* through a transposed view: yt = y.T (3,2); np.put_along_axis(yt, [[1,0]], 5, 0)
     * sets yt[1,0] and yt[0,1], i.e. y[0,1] and y[1,0] */
    nd_array *yt = nd_transpose(y, NULL);
    nd_array *i5 = idx64(2, SH(1, 2), VALS(1, 0));
    nd_array *v5 = nd_scalar(5, ND_FLOAT32);
    ND_ASSERT_OK(nd_put_along_axis(yt, i5, v5, 0));
    nd_test_expect(y, VALS(-1, 5, 20, 5, 40, -2), 0);

    /* every dtype: z = np.zeros(3, dt); np.put_along_axis(z, [2], 1, 0) */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *z = nd_zeros(1, SH(3), ALL_DTYPES[k]);
        nd_array *iz = idx64(1, SH(1), VALS(2));
        nd_array *one = nd_scalar(1, ALL_DTYPES[k]);
        ND_ASSERT_OK(nd_put_along_axis(z, iz, one, 0));
        nd_test_expect(z, VALS(0, 0, 1), 0);
        nd_free(one);
        nd_free(iz);
        nd_free(z);
    }

    /* errors write nothing: the second row's index is bad */
    nd_array *ibad = idx64(2, SH(2, 1), VALS(0, 3));
    EXPECT_STATUS(nd_put_along_axis(y, ibad, v, 1), ND_ERR_INDEX,
                  "index 3 is out of bounds for axis 1 with size 3");
    nd_array *vbad = arr(ND_INT64, 1, SH(3), VALS(1, 2, 3));
    EXPECT_STATUS(nd_put_along_axis(y, i, vbad, 1), ND_ERR_SHAPE,
                  "value array of shape (3,) could not be broadcast to indexing result of shape (2,1)");
    nd_array *fi = arr(ND_FLOAT32, 2, SH(2, 1), VALS(0, 0));
    EXPECT_STATUS(nd_put_along_axis(y, fi, v, 1), ND_ERR_DTYPE, "integer (or boolean)");
    nd_array *i1d = idx64(1, SH(1), VALS(0));
    EXPECT_STATUS(nd_put_along_axis(y, i1d, v, 1), ND_ERR_SHAPE, "same number of dimensions");
    nd_array *bro = nd_broadcast_to(v4, 2, SH(3, 2));
    EXPECT_STATUS(nd_put_along_axis(bro, i, v, 1), ND_ERR_READONLY, "read-only");
    EXPECT_STATUS(nd_put_along_axis(y, i, v, -3), ND_ERR_INDEX, "axis -3 is out of bounds");
    EXPECT_STATUS(nd_put_along_axis(NULL, i, v, 1), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_put_along_axis(y, NULL, v, 1), ND_ERR_NULL, "'indices' is NULL");
    EXPECT_STATUS(nd_put_along_axis(y, i, NULL, 1), ND_ERR_NULL, "'values' is NULL");
    nd_test_expect(y, VALS(-1, 5, 20, 5, 40, -2), 0);

    nd_free(bro);
    nd_free(i1d);
    nd_free(fi);
    nd_free(vbad);
    nd_free(ibad);
    nd_free(v5);
    nd_free(i5);
    nd_free(yt);
    nd_free(y);
    nd_free(v4);
    nd_free(i4);
    nd_free(v3);
    nd_free(i3);
    nd_free(v2);
    nd_free(i2);
    nd_free(v);
    nd_free(i);
}

/* ------------------------------------------------------------ index_arrays */

/* a[idx...] on a = np.arange(24).reshape(2,3,4) */
static void expect_fancy(const nd_array *a, int n, const nd_array *const *ix, int ndim,
                         const int64_t *shape, const double *vals) {
    nd_array *r = nd_index_arrays(a, n, ix);
    expect(r, nd_dtype_of(a), ndim, shape, vals);
    nd_free(r);
}

static void test_index_arrays(void **state) {
    (void)state;
    nd_array *a = iota(ND_INT64, 3, SH(2, 3, 4));
    nd_array *i10 = idx64(1, SH(2), VALS(1, 0));
    nd_array *i01 = idx64(1, SH(2), VALS(0, 1));
    nd_array *i12 = idx64(1, SH(2), VALS(1, 2));
    nd_array *i02 = idx64(1, SH(2), VALS(0, 2));
    nd_array *c13 = idx64(2, SH(2, 1), VALS(1, 3));
    nd_array *c12 = idx64(2, SH(2, 1), VALS(1, 2));
    nd_array *s1 = idx64(0, NULL, VALS(1));
    nd_array *s2 = idx64(0, NULL, VALS(2));

    /* a[[1,0]] */
    expect_fancy(a, 1, (const nd_array *[]){i10}, 3, SH(2, 3, 4),
                 VALS(12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    /* a[[0,1],[1,2]] */
    expect_fancy(a, 2, (const nd_array *[]){i01, i12}, 2, SH(2, 4), VALS(4, 5, 6, 7, 20, 21, 22, 23));
    /* a[:, [0,2], [[1],[3]]]: adjacent, the index shape stays in place */
    expect_fancy(a, 3, (const nd_array *[]){NULL, i02, c13}, 3, SH(2, 2, 2), VALS(1, 9, 3, 11, 13, 21, 15, 23));
    /* a[[0,1], :, [[1],[2]]]: not adjacent, the index shape goes first */
    expect_fancy(a, 3, (const nd_array *[]){i01, NULL, c12}, 3, SH(2, 2, 3),
                 VALS(1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22));
    /* not adjacent with a slice ahead: a4 = np.arange(120).reshape(2,3,4,5);
     * a4[:, [0,2], :, [1,4]] has shape (2,2,4), the index axis first */
    nd_array *a4 = iota(ND_INT32, 4, SH(2, 3, 4, 5));
    nd_array *j02 = idx64(1, SH(2), VALS(0, 2));
    nd_array *j14 = idx64(1, SH(2), VALS(1, 4));
    expect_fancy(a4, 4, (const nd_array *[]){NULL, j02, NULL, j14}, 3, SH(2, 2, 4),
                 VALS(1, 6, 11, 16, 61, 66, 71, 76, 44, 49, 54, 59, 104, 109, 114, 119));
    /* and assigned: a4[:, [0,2], :, [1,4]] = np.arange(16).reshape(2,2,4) sets
     * a4[i0, [0,2][j], i2, [1,4][j]] = 8*j + 4*i0 + i2 */
    nd_array *v16 = iota(ND_INT32, 3, SH(2, 2, 4));
    ND_ASSERT_OK(nd_index_arrays_assign(a4, 4, (const nd_array *[]){NULL, j02, NULL, j14}, v16));
    double got;
    ND_ASSERT_OK(nd_get_f64(a4, SH(1, 0, 2, 1), &got));
    assert_true(got == 6);
    ND_ASSERT_OK(nd_get_f64(a4, SH(0, 2, 3, 4), &got));
    assert_true(got == 11);
    ND_ASSERT_OK(nd_get_f64(a4, SH(1, 2, 0, 4), &got));
    assert_true(got == 12);
    ND_ASSERT_OK(nd_get_f64(a4, SH(1, 1, 0, 4), &got)); /* untouched */
    assert_true(got == 84);
    nd_free(v16);
    nd_free(j14);
    nd_free(j02);
    nd_free(a4);
    /* a[np.array(1), :, np.array(2)] */
    expect_fancy(a, 3, (const nd_array *[]){s1, NULL, s2}, 1, SH(3), VALS(14, 18, 22));
    /* a[:, np.array(1)] */
    expect_fancy(a, 2, (const nd_array *[]){NULL, s1}, 2, SH(2, 4), VALS(4, 5, 6, 7, 16, 17, 18, 19));
    /* a[:, [True,False,True], [0,1]] */
    nd_array *bm = arr(ND_BOOL, 1, SH(3), VALS(1, 0, 1));
    expect_fancy(a, 3, (const nd_array *[]){NULL, bm, i01}, 2, SH(2, 2), VALS(0, 9, 12, 21));
    /* a[[-1],[-3,2],[-4]] with int8, uint16 and int32 indices */
    nd_array *m1 = arr(ND_INT8, 1, SH(1), VALS(-1));
    nd_array *m32 = arr(ND_UINT16, 1, SH(2), VALS(0, 2));
    nd_array *m4 = arr(ND_INT32, 1, SH(1), VALS(-4));
    expect_fancy(a, 3, (const nd_array *[]){m1, m32, m4}, 1, SH(2), VALS(12, 20));
    /* a transposed source: a.transpose(2,0,1)[[3,0], :, [2,-1]] */
    nd_array *at = nd_transpose(a, (const int[]){2, 0, 1});
    nd_array *i30 = idx64(1, SH(2), VALS(3, 0));
    nd_array *i2m = idx64(1, SH(2), VALS(2, -1));
    expect_fancy(at, 3, (const nd_array *[]){i30, NULL, i2m}, 2, SH(2, 2), VALS(11, 23, 8, 20));
    /* repeated indices on the last axis: a[:,:,[0,0,3]] */
    nd_array *i003 = idx64(1, SH(3), VALS(0, 0, 3));
    expect_fancy(a, 3, (const nd_array *[]){NULL, NULL, i003}, 3, SH(2, 3, 3),
                 VALS(0, 0, 3, 4, 4, 7, 8, 8, 11, 12, 12, 15, 16, 16, 19, 20, 20, 23));
    /* a broadcast (stride-0) index: a[np.broadcast_to([1], (2,2)), 0, 0] == [[12,12],[12,12]] */
    nd_array *one = idx64(1, SH(1), VALS(1));
    nd_array *bone = nd_broadcast_to(one, 2, SH(2, 2));
    nd_array *zero = idx64(0, NULL, VALS(0));
    expect_fancy(a, 3, (const nd_array *[]){bone, zero, zero}, 2, SH(2, 2), VALS(12, 12, 12, 12));
    /* no index arrays at all: a copy (a[:, :] and a[()]) */
    nd_array *r = nd_index_arrays(a, 0, NULL);
    double all[24];
    for (int k = 0; k < 24; k++) all[k] = k;
    expect(r, ND_INT64, 3, SH(2, 3, 4), all);
    assert_false(nd_may_share_memory(r, a));
    nd_free(r);
    expect_fancy(a, 2, (const nd_array *[]){NULL, NULL}, 3, SH(2, 3, 4), all);
    /* an empty index: a[[], :] has shape (0, 3, 4) */
    nd_array *ie = nd_zeros(1, SH(0), ND_INT64);
    expect_fancy(a, 1, (const nd_array *[]){ie}, 3, SH(0, 3, 4), VALS(0));
    /* a 0-d array takes a 0-d copy: np.array(5)[()] */
    nd_array *s = nd_scalar(5, ND_FLOAT32);
    expect_fancy(s, 0, NULL, 0, NULL, VALS(5));
    /* every dtype: v[[2, 0]] */
    nd_array *i20 = idx64(1, SH(2), VALS(2, 0));
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *v = arr(ALL_DTYPES[k], 1, SH(3), VALS(0, 0, 1));
        expect_fancy(v, 1, (const nd_array *[]){i20}, 1, SH(2), VALS(1, 0));
        nd_free(v);
    }
    nd_free(i20);
    nd_free(s);
    nd_free(ie);
    nd_free(zero);
    nd_free(bone);
    nd_free(one);
    nd_free(i003);
    nd_free(i2m);
    nd_free(i30);
    nd_free(at);
    nd_free(m4);
    nd_free(m32);
    nd_free(m1);
    nd_free(bm);
    nd_free(s2);
    nd_free(s1);
    nd_free(c12);
    nd_free(c13);
    nd_free(i02);
    nd_free(i12);
    nd_free(i01);
    nd_free(i10);
    nd_free(a);
}

static void test_index_arrays_errors(void **state) {
    (void)state;
    nd_array *a = iota(ND_INT64, 3, SH(2, 3, 4));
    nd_array *i01 = idx64(1, SH(2), VALS(0, 1));
    nd_array *i012 = idx64(1, SH(3), VALS(0, 1, 2));
    nd_array *i7 = idx64(1, SH(1), VALS(7));
    nd_array *f = arr(ND_FLOAT64, 1, SH(1), VALS(0));
    /* a[[0,1], :, [0,1,2]] */
    EXPECT_NULL(nd_index_arrays(a, 3, (const nd_array *[]){i01, NULL, i012}), ND_ERR_SHAPE,
                "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)");
    /* a[:, [7]] and a[[7]] */
    EXPECT_NULL(nd_index_arrays(a, 2, (const nd_array *[]){NULL, i7}), ND_ERR_INDEX,
                "index 7 is out of bounds for axis 1 with size 3");
    EXPECT_NULL(nd_index_arrays(a, 1, (const nd_array *[]){i7}), ND_ERR_INDEX,
                "index 7 is out of bounds for axis 0 with size 2");
    EXPECT_NULL(nd_index_arrays(a, 1, (const nd_array *[]){f}), ND_ERR_DTYPE,
                "arrays used as indices must be of integer (or boolean) type");
    EXPECT_NULL(nd_index_arrays(a, 4, (const nd_array *[]){i01, i01, i01, i01}), ND_ERR_INDEX,
                "too many indices for array: array is 3-dimensional, but 4 were indexed");
    /* a[np.array([True,False,True])] on an axis of 2 */
    nd_array *b3 = arr(ND_BOOL, 1, SH(3), VALS(1, 0, 1));
    EXPECT_NULL(nd_index_arrays(a, 1, (const nd_array *[]){b3}), ND_ERR_SHAPE,
                "boolean index did not match indexed array along dimension 0; dimension is 2 but "
                "corresponding boolean dimension is 3");
    nd_array *b2d = arr(ND_BOOL, 2, SH(2, 3), VALS(1, 0, 1, 0, 1, 0));
    EXPECT_NULL(nd_index_arrays(a, 1, (const nd_array *[]){b2d}), ND_ERR_UNSUPPORTED, "boolean index must be 1-D");
    EXPECT_NULL(nd_index_arrays(a, -1, NULL), ND_ERR_VALUE, "negative index count");
    EXPECT_NULL(nd_index_arrays(a, 1, NULL), ND_ERR_NULL, "'indices' is NULL");
    EXPECT_NULL(nd_index_arrays(NULL, 1, (const nd_array *[]){i01}), ND_ERR_NULL, "'a' is NULL");
    double all[24];
    for (int k = 0; k < 24; k++) all[k] = k;
    nd_test_expect(a, all, 0);
    nd_free(b2d);
    nd_free(b3);
    nd_free(f);
    nd_free(i7);
    nd_free(i012);
    nd_free(i01);
    nd_free(a);
}

static void test_index_arrays_assign(void **state) {
    (void)state;
    double all[24];
    for (int k = 0; k < 24; k++) all[k] = k;
    nd_array *i01 = idx64(1, SH(2), VALS(0, 1));
    /* b[[0,1],[0,1]] = np.ones((1,1,1,4)): leading 1s of values are dropped */
    nd_array *b = iota(ND_INT64, 3, SH(2, 3, 4));
    nd_array *ones = nd_ones(4, SH(1, 1, 1, 4), ND_INT64);
    ND_ASSERT_OK(nd_index_arrays_assign(b, 2, (const nd_array *[]){i01, i01}, ones));
    nd_test_expect(b, VALS(1, 1, 1, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 1, 1, 1, 1, 20, 21, 22, 23), 0);
    nd_free(b);
    /* b[:, [2,0], [[1],[3]]] = [[100,200]] */
    b = iota(ND_INT64, 3, SH(2, 3, 4));
    nd_array *i20 = idx64(1, SH(2), VALS(2, 0));
    nd_array *c13 = idx64(2, SH(2, 1), VALS(1, 3));
    nd_array *v12 = arr(ND_INT64, 2, SH(1, 2), VALS(100, 200));
    ND_ASSERT_OK(nd_index_arrays_assign(b, 3, (const nd_array *[]){NULL, i20, c13}, v12));
    nd_test_expect(b, VALS(0, 200, 2, 200, 4, 5, 6, 7, 8, 100, 10, 100, 12, 200, 14, 200, 16, 17, 18, 19, 20, 100, 22, 100), 0);
    nd_free(b);
    /* z = np.zeros(3); z[[0,0,1]] = [1,2,3] -> [2,3,0]: the last write wins */
    nd_array *z = nd_zeros(1, SH(3), ND_FLOAT64);
    nd_array *i001 = idx64(1, SH(3), VALS(0, 0, 1));
    nd_array *v123 = arr(ND_FLOAT64, 1, SH(3), VALS(1, 2, 3));
    ND_ASSERT_OK(nd_index_arrays_assign(z, 1, (const nd_array *[]){i001}, v123));
    nd_test_expect(z, VALS(2, 3, 0), 0);
    /* through a transposed view: b = np.arange(12.).reshape(3,4); b.T[[1,3],[0,2]] = [-1,-2] */
    nd_array *m = iota(ND_FLOAT64, 2, SH(3, 4));
    nd_array *mt = nd_transpose(m, NULL);
    nd_array *i13 = idx64(1, SH(2), VALS(1, 3));
    nd_array *i02 = idx64(1, SH(2), VALS(0, 2));
    nd_array *vm = arr(ND_FLOAT64, 1, SH(2), VALS(-1, -2));
    ND_ASSERT_OK(nd_index_arrays_assign(mt, 2, (const nd_array *[]){i13, i02}, vm));
    nd_test_expect(m, VALS(0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -2), 0);
    /* converted values: b = np.arange(12, dtype=np.int32).reshape(3,4);
     * b[[0,2], :] = [[0.5],[-7.9]] -> rows 0 and 2 become 0 and -7 */
    nd_array *bi = iota(ND_INT32, 2, SH(3, 4));
    nd_array *i02b = idx64(1, SH(2), VALS(0, 2));
    nd_array *vc = arr(ND_FLOAT64, 2, SH(2, 1), VALS(0.5, -7.9));
    ND_ASSERT_OK(nd_index_arrays_assign(bi, 2, (const nd_array *[]){i02b, NULL}, vc));
    nd_test_expect(bi, VALS(0, 0, 0, 0, 4, 5, 6, 7, -7, -7, -7, -7), 0);
    /* no index arrays: b[...] = 3 */
    nd_array *three = nd_scalar(3, ND_INT32);
    ND_ASSERT_OK(nd_index_arrays_assign(bi, 0, NULL, three));
    nd_test_expect(bi, VALS(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 0);
    /* every dtype: v[[2]] = 1 */
    nd_array *i2 = idx64(1, SH(1), VALS(2));
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *v = nd_zeros(1, SH(3), ALL_DTYPES[k]);
        nd_array *one = nd_scalar(1, ND_FLOAT64);
        ND_ASSERT_OK(nd_index_arrays_assign(v, 1, (const nd_array *[]){i2}, one));
        nd_test_expect(v, VALS(0, 0, 1), 0);
        nd_free(one);
        nd_free(v);
    }

    /* errors write nothing */
    b = iota(ND_INT64, 3, SH(2, 3, 4));
    nd_array *i03 = idx64(1, SH(2), VALS(0, 3));
    nd_array *five = nd_scalar(5, ND_INT64);
    /* the first index is fine, the second is out of range */
    EXPECT_STATUS(nd_index_arrays_assign(b, 2, (const nd_array *[]){i01, i03}, five), ND_ERR_INDEX,
                  "index 3 is out of bounds for axis 1 with size 3");
    nd_array *v5 = nd_ones(1, SH(5), ND_INT64);
    /* b[[0,1]] = np.ones(5) */
    EXPECT_STATUS(nd_index_arrays_assign(b, 1, (const nd_array *[]){i01}, v5), ND_ERR_SHAPE,
                  "shape mismatch: value array of shape (5,) could not be broadcast to indexing result of shape (2,3,4)");
    /* b[[0,1],[0,1]] = np.ones((2,1,2,4)) */
    nd_array *v2124 = nd_ones(4, SH(2, 1, 2, 4), ND_INT64);
    EXPECT_STATUS(nd_index_arrays_assign(b, 2, (const nd_array *[]){i01, i01}, v2124), ND_ERR_SHAPE,
                  "value array of shape (2,1,2,4) could not be broadcast to indexing result of shape (2,4)");
    nd_array *f = arr(ND_FLOAT32, 1, SH(1), VALS(0));
    EXPECT_STATUS(nd_index_arrays_assign(b, 1, (const nd_array *[]){f}, five), ND_ERR_DTYPE, "integer (or boolean)");
    nd_array *bro = nd_broadcast_to(five, 1, SH(3));
    EXPECT_STATUS(nd_index_arrays_assign(bro, 1, (const nd_array *[]){i01}, five), ND_ERR_READONLY, "read-only");
    EXPECT_STATUS(nd_index_arrays_assign(NULL, 1, (const nd_array *[]){i01}, five), ND_ERR_NULL, "'a' is NULL");
    EXPECT_STATUS(nd_index_arrays_assign(b, 1, (const nd_array *[]){i01}, NULL), ND_ERR_NULL, "'values' is NULL");
    nd_test_expect(b, all, 0);

    nd_free(bro);
    nd_free(f);
    nd_free(v2124);
    nd_free(v5);
    nd_free(five);
    nd_free(i03);
    nd_free(b);
    nd_free(i2);
    nd_free(three);
    nd_free(vc);
    nd_free(i02b);
    nd_free(bi);
    nd_free(vm);
    nd_free(i02);
    nd_free(i13);
    nd_free(mt);
    nd_free(m);
    nd_free(v123);
    nd_free(i001);
    nd_free(z);
    nd_free(v12);
    nd_free(c13);
    nd_free(i20);
    nd_free(ones);
    nd_free(i01);
}

/* ------------------------------------------------------------ compress */

static void test_compress(void **state) {
    (void)state;
    nd_array *c = iota(ND_INT16, 2, SH(3, 2));
    /* np.compress([0,1,1], c, axis=0) == [[2,3],[4,5]] */
    nd_array *k011 = arr(ND_BOOL, 1, SH(3), VALS(0, 1, 1));
    nd_array *r = nd_compress(k011, c, 0);
    expect(r, ND_INT16, 2, SH(2, 2), VALS(2, 3, 4, 5));
    nd_free(r);
    /* np.compress([1,0], c, axis=1) == [[0],[2],[4]] */
    nd_array *k10 = arr(ND_BOOL, 1, SH(2), VALS(1, 0));
    r = nd_compress(k10, c, -1);
    expect(r, ND_INT16, 2, SH(3, 1), VALS(0, 2, 4));
    nd_free(r);
    /* a shorter condition: np.compress([0,1], c, axis=0) == [[2,3]] */
    nd_array *k01 = arr(ND_BOOL, 1, SH(2), VALS(0, 1));
    r = nd_compress(k01, c, 0);
    expect(r, ND_INT16, 2, SH(1, 2), VALS(2, 3));
    nd_free(r);
    /* a longer one, false past the end: np.compress([0,1,0,0,0], c, axis=0) == [[2,3]] */
    nd_array *k5 = arr(ND_INT32, 1, SH(5), VALS(0, 1, 0, 0, 0));
    r = nd_compress(k5, c, 0);
    expect(r, ND_INT16, 2, SH(1, 2), VALS(2, 3));
    nd_free(r);
    /* flattened: np.compress([1,0,1,1], c) == [0,2,3] */
    nd_array *k4 = arr(ND_BOOL, 1, SH(4), VALS(1, 0, 1, 1));
    r = nd_compress(k4, c, ND_AXIS_NONE);
    expect(r, ND_INT16, 1, SH(3), VALS(0, 2, 3));
    nd_free(r);
    /* a float condition, NaN true: np.compress([0.5,0,np.nan], c, axis=0) == [[0,1],[4,5]] */
    nd_array *kf = arr(ND_FLOAT64, 1, SH(3), VALS(0.5, 0, NAN));
    r = nd_compress(kf, c, 0);
    expect(r, ND_INT16, 2, SH(2, 2), VALS(0, 1, 4, 5));
    nd_free(r);
    /* a transposed source: np.compress([1,0], c.T, axis=0) == [[0,2,4]] */
    nd_array *ct = nd_transpose(c, NULL);
    r = nd_compress(k10, ct, 0);
    expect(r, ND_INT16, 2, SH(1, 3), VALS(0, 2, 4));
    nd_free(r);
    /* nothing selected */
    nd_array *k000 = arr(ND_BOOL, 1, SH(3), VALS(0, 0, 0));
    r = nd_compress(k000, c, 0);
    expect(r, ND_INT16, 2, SH(0, 2), VALS(0));
    nd_free(r);
    /* errors: np.compress([1,0,1,1,1,1], np.arange(5)) */
    nd_array *a5 = iota(ND_FLOAT64, 1, SH(5));
    nd_array *k6 = arr(ND_BOOL, 1, SH(6), VALS(1, 0, 1, 1, 1, 1));
    EXPECT_NULL(nd_compress(k6, a5, 0), ND_ERR_INDEX, "index 5 is out of bounds for axis 0 with size 5");
    nd_array *k2d = arr(ND_BOOL, 2, SH(1, 1), VALS(1));
    EXPECT_NULL(nd_compress(k2d, a5, 0), ND_ERR_SHAPE, "condition must be a 1-d array");
    EXPECT_NULL(nd_compress(k011, c, 2), ND_ERR_INDEX, "axis 2 is out of bounds");
    EXPECT_NULL(nd_compress(NULL, c, 0), ND_ERR_NULL, "'cond' is NULL");
    EXPECT_NULL(nd_compress(k011, NULL, 0), ND_ERR_NULL, "'a' is NULL");
    nd_free(k2d);
    nd_free(k6);
    nd_free(a5);
    nd_free(k000);
    nd_free(ct);
    nd_free(kf);
    nd_free(k4);
    nd_free(k5);
    nd_free(k01);
    nd_free(k10);
    nd_free(k011);
    nd_free(c);
}

/* ------------------------------------------------------------ choose */

static void test_choose(void **state) {
    (void)state;
    /* np.choose([2,3,1,0], [[0,1,2,3],[10,11,12,13],[20,21,22,23],[30,31,32,33]]) == [20,31,12,3] */
    nd_array *ch[4];
    for (int k = 0; k < 4; k++)
        ch[k] = arr(ND_INT32, 1, SH(4), VALS(10 * k, 10 * k + 1, 10 * k + 2, 10 * k + 3));
    nd_array *i = idx64(1, SH(4), VALS(2, 3, 1, 0));
    nd_array *r = nd_choose(i, 4, (const nd_array *const *)ch);
    expect(r, ND_INT32, 1, SH(4), VALS(20, 31, 12, 3));
    nd_free(r);
    /* everything broadcasts: np.choose([[1],[0]], [[1,2,3], [[10],[20]]]) == [[10,10,10],[1,2,3]] */
    nd_array *ib = idx64(2, SH(2, 1), VALS(1, 0));
    nd_array *c0 = arr(ND_INT64, 1, SH(3), VALS(1, 2, 3));
    nd_array *c1 = arr(ND_INT64, 2, SH(2, 1), VALS(10, 20));
    r = nd_choose(ib, 2, (const nd_array *[]){c0, c1});
    expect(r, ND_INT64, 2, SH(2, 3), VALS(10, 10, 10, 1, 2, 3));
    nd_free(r);
    /* promoted dtypes and uint8 indices: np.choose(np.array([0,1,1], np.uint8),
     * [np.array([1,2,3], np.int8), np.array([0.5])]) == [1., 0.5, 0.5] (float64) */
    nd_array *iu = arr(ND_UINT8, 1, SH(3), VALS(0, 1, 1));
    nd_array *d0 = arr(ND_INT8, 1, SH(3), VALS(1, 2, 3));
    nd_array *d1 = arr(ND_FLOAT64, 1, SH(1), VALS(0.5));
    r = nd_choose(iu, 2, (const nd_array *[]){d0, d1});
    expect(r, ND_FLOAT64, 1, SH(3), VALS(1, 0.5, 0.5));
    nd_free(r);
    /* a 0-d index: np.choose(1, [[1,2,3], 7]) == [7,7,7] */
    nd_array *i0 = idx64(0, NULL, VALS(1));
    nd_array *seven = nd_scalar(7, ND_INT64);
    r = nd_choose(i0, 2, (const nd_array *[]){c0, seven});
    expect(r, ND_INT64, 1, SH(3), VALS(7, 7, 7));
    nd_free(r);
    /* bool indices read as 0/1, and a transposed choice:
     * np.choose([[True],[False]], [m, m.T*10]) with m = [[0,1],[2,3]] -> [[0,20],[2,3]] */
    nd_array *ibool = arr(ND_BOOL, 2, SH(2, 1), VALS(1, 0));
    nd_array *m = arr(ND_FLOAT32, 2, SH(2, 2), VALS(0, 1, 2, 3));
    nd_array *m10 = arr(ND_FLOAT32, 2, SH(2, 2), VALS(0, 10, 20, 30));
    nd_array *m10t = nd_transpose(m10, NULL);
    r = nd_choose(ibool, 2, (const nd_array *[]){m, m10t});
    expect(r, ND_FLOAT32, 2, SH(2, 2), VALS(0, 20, 2, 3));
    nd_free(r);
    /* every dtype */
    for (size_t k = 0; k < NUM_DT; k++) {
        nd_array *z = nd_zeros(1, SH(2), ALL_DTYPES[k]);
        nd_array *o = nd_ones(1, SH(2), ALL_DTYPES[k]);
        nd_array *ix = idx64(1, SH(2), VALS(1, 0));
        r = nd_choose(ix, 2, (const nd_array *[]){z, o});
        expect(r, ALL_DTYPES[k], 1, SH(2), VALS(1, 0));
        nd_free(r);
        nd_free(ix);
        nd_free(o);
        nd_free(z);
    }
    /* empty */
    nd_array *ie = nd_zeros(1, SH(0), ND_INT64);
    r = nd_choose(ie, 1, (const nd_array *[]){seven});
    expect(r, ND_INT64, 1, SH(0), VALS(0));
    nd_free(r);

    /* errors: np.choose([0,-1,0], ...) and np.choose([0,2,0], ...) with 2 choices */
    nd_array *ineg = idx64(1, SH(3), VALS(0, -1, 0));
    EXPECT_NULL(nd_choose(ineg, 2, (const nd_array *[]){c0, seven}), ND_ERR_INDEX,
                "invalid entry in choice array: -1 is not in [0, 2)");
    nd_array *i2 = idx64(1, SH(3), VALS(0, 2, 0));
    EXPECT_NULL(nd_choose(i2, 2, (const nd_array *[]){c0, seven}), ND_ERR_INDEX, "invalid entry in choice array");
    uint64_t big = UINT64_MAX;
    nd_array *ibig = nd_from_data(&big, 1, SH(1), ND_UINT64);
    EXPECT_NULL(nd_choose(ibig, 2, (const nd_array *[]){c0, seven}), ND_ERR_INDEX,
                "invalid entry in choice array: 18446744073709551615");
    nd_array *fi = arr(ND_FLOAT64, 1, SH(1), VALS(0));
    EXPECT_NULL(nd_choose(fi, 2, (const nd_array *[]){c0, seven}), ND_ERR_DTYPE, "integer (or boolean)");
    /* np.choose([0,1], [[1,2],[3,4,5]]) */
    nd_array *i01 = idx64(1, SH(2), VALS(0, 1));
    nd_array *two = arr(ND_INT64, 1, SH(2), VALS(1, 2));
    EXPECT_NULL(nd_choose(i01, 2, (const nd_array *[]){two, c0}), ND_ERR_SHAPE,
                "shape mismatch: objects cannot be broadcast to a single shape");
    EXPECT_NULL(nd_choose(i01, 0, NULL), ND_ERR_VALUE, "at least one choice");
    EXPECT_NULL(nd_choose(i01, 2, NULL), ND_ERR_NULL, "'choices' is NULL");
    EXPECT_NULL(nd_choose(i01, 2, (const nd_array *[]){two, NULL}), ND_ERR_NULL, "is NULL");
    EXPECT_NULL(nd_choose(NULL, 2, (const nd_array *[]){two, two}), ND_ERR_NULL, "'indices' is NULL");
    nd_test_expect(c0, VALS(1, 2, 3), 0);

    nd_free(two);
    nd_free(i01);
    nd_free(fi);
    nd_free(ibig);
    nd_free(i2);
    nd_free(ineg);
    nd_free(ie);
    nd_free(m10t);
    nd_free(m10);
    nd_free(m);
    nd_free(ibool);
    nd_free(seven);
    nd_free(i0);
    nd_free(d1);
    nd_free(d0);
    nd_free(iu);
    nd_free(c1);
    nd_free(c0);
    nd_free(ib);
    nd_free(i);
    for (int k = 0; k < 4; k++) nd_free(ch[k]);
}

/* A NULL from a failed call keeps the first error in every function. */
/* An index broadcast away by an empty one is still checked (NumPy raises
 * for a 0-d one: np.zeros((2,3))[np.array([], int), np.array(7)] is an
 * IndexError; libnd checks n-d ones too). Nothing is written. */
static void test_empty_broadcast_checks_indices(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 2, SH(2, 3));
    nd_array *e = idx64(1, SH(0), VALS(0));
    nd_array *e01 = idx64(2, SH(0, 1), VALS(0));
    nd_array *s7 = idx64(0, SH(0), VALS(7));
    nd_array *s2 = idx64(0, SH(0), VALS(2));
    nd_array *sm4 = idx64(0, SH(0), VALS(-4));
    nd_array *i17 = idx64(1, SH(2), VALS(1, 7));
    nd_array *s9 = idx64(0, SH(0), VALS(9));
    nd_array *v = arr(ND_FLOAT64, 0, SH(0), VALS(-1));
    EXPECT_NULL(nd_index_arrays(a, 2, (const nd_array *[]){e, s7}), ND_ERR_INDEX,
                "nd_index_arrays: index 7 is out of bounds for axis 1 with size 3");
    EXPECT_NULL(nd_index_arrays(a, 2, (const nd_array *[]){e, sm4}), ND_ERR_INDEX,
                "index -4 is out of bounds for axis 1 with size 3");
    EXPECT_NULL(nd_index_arrays(a, 2, (const nd_array *[]){s9, e}), ND_ERR_INDEX,
                "index 9 is out of bounds for axis 0 with size 2");
    EXPECT_NULL(nd_index_arrays(a, 2, (const nd_array *[]){e01, i17}), ND_ERR_INDEX,
                "index 7 is out of bounds for axis 1 with size 3");
    EXPECT_STATUS(nd_index_arrays_assign(a, 2, (const nd_array *[]){e, s7}, v), ND_ERR_INDEX,
                  "nd_index_arrays_assign: index 7 is out of bounds for axis 1 with size 3");
    nd_array *ok = nd_index_arrays(a, 2, (const nd_array *[]){e, s2});
    expect(ok, ND_FLOAT64, 1, SH(0), VALS(0));
    nd_free(ok);
    ND_ASSERT_OK(nd_index_arrays_assign(a, 2, (const nd_array *[]){e01, s2}, v));

    /* along an axis: indices of shape (1,1) against an array of shape (0,3) */
    nd_array *z = nd_zeros(2, SH(0, 3), ND_FLOAT64);
    nd_array *i11 = idx64(2, SH(1, 1), VALS(7));
    EXPECT_NULL(nd_take_along_axis(z, i11, 1), ND_ERR_INDEX,
                "nd_take_along_axis: index 7 is out of bounds for axis 1 with size 3");
    EXPECT_STATUS(nd_put_along_axis(z, i11, v, 1), ND_ERR_INDEX,
                  "nd_put_along_axis: index 7 is out of bounds for axis 1 with size 3");

    /* choose: entry 5 of 1 choice, broadcast against an empty choice */
    nd_array *c5 = idx64(1, SH(1), VALS(5));
    EXPECT_NULL(nd_choose(c5, 1, (const nd_array *[]){e}), ND_ERR_INDEX,
                "nd_choose: invalid entry in choice array: 5 is not in [0, 1)");
    nd_array *c0 = idx64(1, SH(1), VALS(0));
    nd_array *r = nd_choose(c0, 1, (const nd_array *[]){e});
    expect(r, ND_INT64, 1, SH(0), VALS(0));
    nd_free(r);

    nd_test_expect(a, VALS(0, 1, 2, 3, 4, 5), 0);
    nd_free(c0);
    nd_free(c5);
    nd_free(i11);
    nd_free(z);
    nd_free(v);
    nd_free(s9);
    nd_free(i17);
    nd_free(sm4);
    nd_free(s2);
    nd_free(s7);
    nd_free(e01);
    nd_free(e);
    nd_free(a);
}

static void test_null_keeps_first_error(void **state) {
    (void)state;
    nd_array *a = iota(ND_FLOAT64, 1, SH(3));
    nd_array *i = idx64(1, SH(1), VALS(0));
    nd_array *fi = arr(ND_FLOAT64, 1, SH(1), VALS(0));
    nd_clear_error();
    nd_array *bad = nd_take(a, fi, 0); /* the first failure */
    assert_null(bad);
    assert_null(nd_take(bad, i, 0));
    assert_int_equal(nd_take_out(a, bad, 0, a), ND_ERR_NULL);
    assert_int_equal(nd_put(bad, i, a), ND_ERR_NULL);
    assert_int_equal(nd_put(a, i, bad), ND_ERR_NULL);
    assert_null(nd_take_along_axis(a, bad, 0));
    assert_int_equal(nd_put_along_axis(a, bad, a, 0), ND_ERR_NULL);
    assert_null(nd_index_arrays(bad, 1, (const nd_array *[]){i}));
    assert_int_equal(nd_index_arrays_assign(a, 1, (const nd_array *[]){i}, bad), ND_ERR_NULL);
    assert_int_equal(nd_index_arrays_assign(a, 1, NULL, a), ND_ERR_NULL);
    assert_int_equal(nd_take_out(a, i, 0, bad), ND_ERR_NULL);
    assert_null(nd_compress(bad, a, 0));
    assert_null(nd_choose(bad, 1, (const nd_array *[]){a}));
    assert_null(nd_choose(i, 2, (const nd_array *[]){a, bad}));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_take: arrays used as indices must be of integer (or boolean) type");
    nd_test_expect(a, VALS(0, 1, 2), 0);
    nd_free(fi);
    nd_free(i);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_take_basic),
        cmocka_unit_test(test_take_flat_and_layouts),
        cmocka_unit_test(test_take_dtypes),
        cmocka_unit_test(test_take_errors),
        cmocka_unit_test(test_take_out),
        cmocka_unit_test(test_put),
        cmocka_unit_test(test_put_errors),
        cmocka_unit_test(test_take_along_axis),
        cmocka_unit_test(test_put_along_axis),
        cmocka_unit_test(test_index_arrays),
        cmocka_unit_test(test_index_arrays_errors),
        cmocka_unit_test(test_index_arrays_assign),
        cmocka_unit_test(test_compress),
        cmocka_unit_test(test_choose),
        cmocka_unit_test(test_empty_broadcast_checks_indices),
        cmocka_unit_test(test_null_keeps_first_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
