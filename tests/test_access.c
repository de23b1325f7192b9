/* Tests for element access (src/ops/access.c): nd_ptr, nd_get_f64,
 * nd_get_i64, nd_set_f64 and nd_set_i64 on every layout, their conversions
 * (which must match nd_astype) and their errors. */
#include "nd_test.h"

#define VALS(...) ((const double[]){__VA_ARGS__})

static const nd_dtype ALL_DTYPES[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                                      ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DT (sizeof ALL_DTYPES / sizeof ALL_DTYPES[0])

/* 0, 1, ..., 11 as float64 in a 3x4 array. */
static nd_array *grid(void) {
    nd_array *a = nd_test_array(ND_FLOAT64, 2, SH(3, 4), VALS(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    ND_ASSERT_ARRAY(a);
    return a;
}

static double get(const nd_array *a, const int64_t *idx) {
    double v = -12345;
    ND_ASSERT_OK(nd_get_f64(a, idx, &v));
    return v;
}

/* The whole array's values in C order (through the engine), to show that a
 * failed call wrote nothing. */
static void expect_values(const nd_array *a, const double *vals) { nd_test_expect(a, vals, 0); }

#define EXPECT_STATUS(call, st, needle)                                            \
    do {                                                                           \
        nd_clear_error();                                                          \
        nd_status got_ = (call);                                                   \
        assert_int_equal(got_, (st));                                              \
        ND_ASSERT_ERROR(st, needle);                                               \
    } while (0)

static void test_layouts(void **state) {
    (void)state;
    nd_array *a = grid();
    assert_true(get(a, SH(0, 0)) == 0);
    assert_true(get(a, SH(2, 3)) == 11);
    assert_true(get(a, SH(1, 2)) == 6);
    /* negative indices count from the end */
    assert_true(get(a, SH(-1, -1)) == 11);
    assert_true(get(a, SH(-3, 1)) == 1);
    int64_t iv;
    ND_ASSERT_OK(nd_get_i64(a, SH(-2, -3), &iv));
    assert_int_equal(iv, 5);

    /* nd_ptr is the element's address */
    const double *base = nd_data(a);
    assert_ptr_equal(nd_ptr(a, SH(0, 0)), base);
    assert_ptr_equal(nd_ptr(a, SH(2, 1)), base + 9);
    assert_ptr_equal(nd_ptr(a, SH(-1, -4)), base + 8);

    /* transposed: t[i, j] = a[j, i] */
    nd_array *t = nd_transpose(a, NULL);
    assert_true(get(t, SH(3, 2)) == 11);
    assert_true(get(t, SH(1, 0)) == 1);
    assert_true(get(t, SH(-1, 0)) == 3);
    assert_ptr_equal(nd_ptr(t, SH(1, 2)), base + 9);
    ND_ASSERT_OK(nd_set_f64(t, SH(3, 0), 30));
    assert_true(get(a, SH(0, 3)) == 30);

    /* negative steps: f[i, j] = a[2 - i, 3 - j] */
    nd_array *f = nd_flip(a, ND_ALL_AXES, NULL);
    assert_true(get(f, SH(0, 0)) == 11);
    assert_true(get(f, SH(2, 0)) == 30);
    assert_ptr_equal(nd_ptr(f, SH(0, 0)), base + 11);
    assert_ptr_equal(nd_ptr(f, SH(-1, -1)), base);
    ND_ASSERT_OK(nd_set_i64(f, SH(1, 1), -6));
    assert_true(get(a, SH(1, 2)) == -6);
    /* a strided slice, a[::2, 1::2] */
    nd_array *s = nd_view(a, "::2, 1::2");
    ND_ASSERT_ARRAY(s);
    assert_true(get(s, SH(1, 1)) == 11);
    assert_true(get(s, SH(0, -1)) == 30);

    /* broadcast: reads fine, writes refused, nothing written */
    nd_array *row = nd_test_array(ND_INT32, 1, SH(3), VALS(7, 8, 9));
    nd_array *b = nd_broadcast_to(row, 2, SH(4, 3));
    ND_ASSERT_ARRAY(b);
    ND_ASSERT_OK(nd_get_i64(b, SH(3, 2), &iv));
    assert_int_equal(iv, 9);
    assert_ptr_equal(nd_ptr(b, SH(3, 1)), nd_ptr(row, SH(1)));
    EXPECT_STATUS(nd_set_f64(b, SH(0, 0), 1), ND_ERR_READONLY, "nd_set_f64: assignment destination is read-only");
    EXPECT_STATUS(nd_set_i64(b, SH(0, 0), 1), ND_ERR_READONLY, "nd_set_i64: assignment destination is read-only");
    /* read-only is checked before the index */
    EXPECT_STATUS(nd_set_i64(b, SH(9, 0), 1), ND_ERR_READONLY, "read-only");
    expect_values(row, VALS(7, 8, 9));
    /* the base itself stays writeable */
    ND_ASSERT_OK(nd_set_i64(row, SH(0), 70));
    ND_ASSERT_OK(nd_get_i64(b, SH(2, 0), &iv));
    assert_int_equal(iv, 70);

    expect_values(a, VALS(0, 1, 2, 30, 4, 5, -6, 7, 8, 9, 10, 11));
    nd_free(a);
    nd_free(t);
    nd_free(f);
    nd_free(s);
    nd_free(row);
    nd_free(b);
}

static void test_zero_d_and_empty(void **state) {
    (void)state;
    nd_array *z = nd_scalar(2.5, ND_FLOAT32);
    double v;
    ND_ASSERT_OK(nd_get_f64(z, NULL, &v));
    assert_true(v == 2.5);
    ND_ASSERT_OK(nd_set_f64(z, NULL, -1.25));
    ND_ASSERT_OK(nd_get_f64(z, NULL, &v));
    assert_true(v == -1.25);
    assert_ptr_equal(nd_ptr(z, NULL), nd_data(z));
    /* a non-NULL idx is ignored for 0-d: there is nothing to read from it */
    assert_ptr_equal(nd_ptr(z, SH(99)), nd_data(z));
    nd_free(z);

    /* a 0-d view into a larger array */
    nd_array *a = grid();
    nd_array *e = nd_view(a, "1, 2");
    ND_ASSERT_ARRAY(e);
    ND_ASSERT_OK(nd_set_i64(e, NULL, 66));
    assert_true(get(a, SH(1, 2)) == 66);
    nd_free(e);

    /* zero-size: every index is out of range */
    nd_array *empty = nd_zeros(2, SH(2, 0), ND_FLOAT64);
    nd_clear_error();
    assert_null(nd_ptr(empty, SH(0, 0)));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ptr: index 0 is out of bounds for axis 1 with size 0");
    EXPECT_STATUS(nd_get_f64(empty, SH(1, 0), &v), ND_ERR_INDEX, "index 0 is out of bounds for axis 1 with size 0");
    EXPECT_STATUS(nd_set_f64(empty, SH(0, -1), 1), ND_ERR_INDEX, "index -1 is out of bounds for axis 1 with size 0");
    nd_free(empty);
    nd_free(a);
}

static void test_errors(void **state) {
    (void)state;
    nd_array *a = grid();
    const double orig[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    double v = 42;
    int64_t iv = 42;

    nd_clear_error();
    assert_null(nd_ptr(a, SH(3, 0)));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_ptr: index 3 is out of bounds for axis 0 with size 3");
    nd_clear_error();
    assert_null(nd_ptr(a, SH(0, -5)));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "index -5 is out of bounds for axis 1 with size 4");
    nd_clear_error();
    assert_null(nd_ptr(a, SH(INT64_MIN, 0)));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "index -9223372036854775808 is out of bounds for axis 0");
    nd_clear_error();
    assert_null(nd_ptr(a, SH(0, INT64_MAX)));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "index 9223372036854775807 is out of bounds for axis 1");

    EXPECT_STATUS(nd_get_f64(a, SH(1, 4), &v), ND_ERR_INDEX, "nd_get_f64: index 4 is out of bounds for axis 1 with size 4");
    EXPECT_STATUS(nd_get_i64(a, SH(-4, 0), &iv), ND_ERR_INDEX, "nd_get_i64: index -4 is out of bounds for axis 0 with size 3");
    assert_true(v == 42);
    assert_int_equal(iv, 42);
    EXPECT_STATUS(nd_set_f64(a, SH(5, 0), 1), ND_ERR_INDEX, "nd_set_f64: index 5 is out of bounds for axis 0 with size 3");
    EXPECT_STATUS(nd_set_i64(a, SH(0, -9), 1), ND_ERR_INDEX, "nd_set_i64: index -9 is out of bounds for axis 1 with size 4");
    /* a bad index on a later axis writes nothing either */
    EXPECT_STATUS(nd_set_f64(a, SH(0, 4), 1), ND_ERR_INDEX, "axis 1");
    expect_values(a, orig);

    /* NULL arguments */
    nd_clear_error();
    assert_null(nd_ptr(NULL, SH(0)));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ptr: argument 'a' is NULL");
    nd_clear_error();
    assert_null(nd_ptr(a, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_ptr: argument 'idx' is NULL");
    EXPECT_STATUS(nd_get_f64(NULL, SH(0), &v), ND_ERR_NULL, "nd_get_f64: argument 'a' is NULL");
    EXPECT_STATUS(nd_get_i64(NULL, SH(0), &iv), ND_ERR_NULL, "nd_get_i64: argument 'a' is NULL");
    EXPECT_STATUS(nd_set_f64(NULL, SH(0), 1), ND_ERR_NULL, "nd_set_f64: argument 'a' is NULL");
    EXPECT_STATUS(nd_set_i64(NULL, SH(0), 1), ND_ERR_NULL, "nd_set_i64: argument 'a' is NULL");
    EXPECT_STATUS(nd_get_f64(a, NULL, &v), ND_ERR_NULL, "argument 'idx' is NULL");
    EXPECT_STATUS(nd_set_i64(a, NULL, 1), ND_ERR_NULL, "argument 'idx' is NULL");
    EXPECT_STATUS(nd_get_f64(a, SH(0, 0), NULL), ND_ERR_NULL, "nd_get_f64: argument 'value' is NULL");
    EXPECT_STATUS(nd_get_i64(a, SH(0, 0), NULL), ND_ERR_NULL, "nd_get_i64: argument 'value' is NULL");
    expect_values(a, orig);

    /* a NULL keeps the pending error's message: the first failure wins */
    nd_clear_error();
    nd_array *bad = nd_reshape(a, 1, SH(5));
    assert_null(bad);
    assert_int_equal(nd_get_f64(bad, SH(0), &v), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_reshape: cannot reshape");
    nd_free(a);
}

/* Hand-checked conversions (NumPy's astype gives the same on x86-64). */
static void test_conversions(void **state) {
    (void)state;
    nd_array *f = nd_test_array(ND_FLOAT64, 1, SH(6), VALS(2.7, -2.7, NAN, 1e300, -0.5, 9007199254740993.0));
    int64_t iv;
    const int64_t want[] = {2, -2, INT64_MIN, INT64_MIN, 0, 9007199254740992};
    for (int i = 0; i < 6; i++) {
        ND_ASSERT_OK(nd_get_i64(f, SH(i), &iv));
        assert_int_equal(iv, want[i]);
    }
    nd_free(f);

    /* set_f64 into integers truncates toward zero, then wraps */
    nd_array *i32 = nd_zeros(1, SH(2), ND_INT32);
    ND_ASSERT_OK(nd_set_f64(i32, SH(0), 3.9));
    ND_ASSERT_OK(nd_set_f64(i32, SH(1), -3.9));
    ND_ASSERT_OK(nd_get_i64(i32, SH(0), &iv));
    assert_int_equal(iv, 3);
    ND_ASSERT_OK(nd_get_i64(i32, SH(1), &iv));
    assert_int_equal(iv, -3);
    nd_free(i32);
    nd_array *u8 = nd_zeros(1, SH(3), ND_UINT8);
    ND_ASSERT_OK(nd_set_f64(u8, SH(0), 300.7)); /* np.array([300.7]).astype(np.uint8) == 44 */
    ND_ASSERT_OK(nd_set_f64(u8, SH(1), -1.5));  /* 255 */
    ND_ASSERT_OK(nd_set_i64(u8, SH(2), -3));    /* 253 */
    expect_values(u8, VALS(44, 255, 253));
    nd_free(u8);
    nd_array *i8 = nd_zeros(1, SH(2), ND_INT8);
    ND_ASSERT_OK(nd_set_f64(i8, SH(0), NAN)); /* 0 */
    ND_ASSERT_OK(nd_set_i64(i8, SH(1), 200)); /* wraps to -56 */
    expect_values(i8, VALS(0, -56));
    nd_free(i8);
    /* bool: any nonzero, NaN included, is true */
    nd_array *b = nd_zeros(1, SH(3), ND_BOOL);
    ND_ASSERT_OK(nd_set_f64(b, SH(0), 0.25));
    ND_ASSERT_OK(nd_set_f64(b, SH(1), NAN));
    ND_ASSERT_OK(nd_set_i64(b, SH(2), 0));
    assert_int_equal(*(const uint8_t *)nd_ptr(b, SH(0)), 1);
    assert_int_equal(*(const uint8_t *)nd_ptr(b, SH(1)), 1);
    assert_int_equal(*(const uint8_t *)nd_ptr(b, SH(2)), 0);
    ND_ASSERT_OK(nd_get_i64(b, SH(1), &iv));
    assert_int_equal(iv, 1);
    nd_free(b);
    /* 64-bit integers are exact through the _i64 pair */
    nd_array *i64 = nd_zeros(1, SH(2), ND_INT64);
    ND_ASSERT_OK(nd_set_i64(i64, SH(0), INT64_MAX));
    ND_ASSERT_OK(nd_set_i64(i64, SH(1), INT64_MIN));
    ND_ASSERT_OK(nd_get_i64(i64, SH(0), &iv));
    assert_true(iv == INT64_MAX);
    ND_ASSERT_OK(nd_get_i64(i64, SH(1), &iv));
    assert_true(iv == INT64_MIN);
    double v;
    ND_ASSERT_OK(nd_get_f64(i64, SH(0), &v));
    assert_true(v == 9223372036854775808.0);
    nd_free(i64);
    nd_array *u64 = nd_zeros(1, SH(1), ND_UINT64);
    ND_ASSERT_OK(nd_set_i64(u64, SH(0), -1));
    assert_true(*(const uint64_t *)nd_ptr(u64, SH(0)) == UINT64_MAX);
    ND_ASSERT_OK(nd_get_i64(u64, SH(0), &iv)); /* np: uint64 max -> int64 is -1 */
    assert_int_equal(iv, -1);
    ND_ASSERT_OK(nd_get_f64(u64, SH(0), &v));
    assert_true(v == 18446744073709551616.0);
    nd_free(u64);
    nd_array *f32 = nd_zeros(1, SH(1), ND_FLOAT32);
    ND_ASSERT_OK(nd_set_f64(f32, SH(0), 0.1));
    assert_true(*(const float *)nd_ptr(f32, SH(0)) == 0.1f);
    ND_ASSERT_OK(nd_set_i64(f32, SH(0), 16777217)); /* rounds to even */
    assert_true(*(const float *)nd_ptr(f32, SH(0)) == 16777216.0f);
    nd_free(f32);
}

/* For every dtype and a set of awkward values, one element written with
 * nd_set_f64 holds exactly the bytes nd_astype produces, and reading it back
 * with nd_get_* equals converting those bytes with nd_astype. */
static void test_matches_astype(void **state) {
    (void)state;
    static const double vals[] = {0,    1,     -1,     2.5,    -2.5,   127.9, 128,    255.5, 256, -129.5,
                                  1e10, -1e10, 3e9,    -3e9,   1e19,   1e20,  -1e20,  INFINITY, -INFINITY,
                                  NAN,  0.1,   -0.0,   65535.7, 9223372036854775807.0};
    const int nv = (int)(sizeof vals / sizeof vals[0]);
    nd_array *src = nd_test_array(ND_FLOAT64, 1, SH(nv), vals);
    ND_ASSERT_ARRAY(src);
    for (size_t d = 0; d < NUM_DT; d++) {
        nd_dtype dt = ALL_DTYPES[d];
        size_t isz = nd_dtype_size(dt);
        nd_array *want = nd_astype(src, dt);
        nd_array *got = nd_zeros(1, SH(nv), dt);
        nd_array *want_i = nd_astype(want, ND_INT64);
        nd_array *want_f = nd_astype(want, ND_FLOAT64);
        ND_ASSERT_ARRAY(want);
        ND_ASSERT_ARRAY(got);
        ND_ASSERT_ARRAY(want_i);
        ND_ASSERT_ARRAY(want_f);
        for (int i = 0; i < nv; i++) {
            ND_ASSERT_OK(nd_set_f64(got, SH(i), vals[i]));
            if (memcmp(nd_ptr(got, SH(i)), nd_ptr(want, SH(i)), isz) != 0)
                fail_msg("%s: set_f64(%g) differs from astype", nd_dtype_name(dt), vals[i]);
            int64_t iv;
            double fv;
            ND_ASSERT_OK(nd_get_i64(got, SH(i), &iv));
            ND_ASSERT_OK(nd_get_f64(got, SH(i), &fv));
            assert_true(iv == *(const int64_t *)nd_ptr(want_i, SH(i)));
            double wf = *(const double *)nd_ptr(want_f, SH(i));
            assert_true(fv == wf || (isnan(fv) && isnan(wf)));
        }
        /* set_i64 against astype from int64 */
        static const double ivals[] = {0, 1, -1, 127, 128, -129, 255, 256, 65536, -65537, 4294967296.0,
                                       9007199254740992.0};
        const int ni = (int)(sizeof ivals / sizeof ivals[0]);
        nd_array *isrc0 = nd_test_array(ND_FLOAT64, 1, SH(ni), ivals);
        nd_array *isrc = nd_astype(isrc0, ND_INT64);
        nd_array *iwant = nd_astype(isrc, dt);
        nd_array *igot = nd_zeros(1, SH(ni), dt);
        ND_ASSERT_ARRAY(iwant);
        ND_ASSERT_ARRAY(igot);
        for (int i = 0; i < ni; i++) {
            ND_ASSERT_OK(nd_set_i64(igot, SH(i), *(const int64_t *)nd_ptr(isrc, SH(i))));
            if (memcmp(nd_ptr(igot, SH(i)), nd_ptr(iwant, SH(i)), isz) != 0)
                fail_msg("%s: set_i64(%g) differs from astype", nd_dtype_name(dt), ivals[i]);
        }
        nd_free(isrc0);
        nd_free(isrc);
        nd_free(iwant);
        nd_free(igot);
        nd_free(want);
        nd_free(got);
        nd_free(want_i);
        nd_free(want_f);
    }
    nd_free(src);
}

/* Round trips through every dtype on a non-contiguous view. */
static void test_every_dtype_on_views(void **state) {
    (void)state;
    for (size_t d = 0; d < NUM_DT; d++) {
        nd_dtype dt = ALL_DTYPES[d];
        nd_array *a = nd_zeros(2, SH(3, 4), dt);
        nd_array *t = nd_view(a, "::-1, 1::2");
        ND_ASSERT_ARRAY(t);
        nd_array *tt = nd_transpose(t, NULL); /* tt[j, i] = a[2 - i, 1 + 2 j] */
        ND_ASSERT_ARRAY(tt);
        int64_t want = dt == ND_BOOL ? 1 : 5;
        ND_ASSERT_OK(nd_set_i64(tt, SH(1, 0), want));
        int64_t iv;
        ND_ASSERT_OK(nd_get_i64(a, SH(2, 3), &iv));
        assert_int_equal(iv, want);
        double v;
        ND_ASSERT_OK(nd_get_f64(tt, SH(-1, -3), &v));
        assert_true(v == (double)want);
        assert_ptr_equal(nd_ptr(tt, SH(1, 0)), nd_ptr(a, SH(2, 3)));
        /* nothing else was touched */
        nd_array *sum = nd_astype(a, ND_FLOAT64);
        const double *p = nd_data(sum);
        for (int i = 0; i < 12; i++) assert_true(p[i] == (i == 11 ? (double)want : 0));
        nd_free(sum);
        nd_free(tt);
        nd_free(t);
        nd_free(a);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),        cmocka_unit_test(test_zero_d_and_empty),
        cmocka_unit_test(test_errors),         cmocka_unit_test(test_conversions),
        cmocka_unit_test(test_matches_astype), cmocka_unit_test(test_every_dtype_on_views),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
