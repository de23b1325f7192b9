/* Weak scalars (NEP 50): nd_weak, nd_weak_i64, nd_is_weak and the _scalar
 * and _scalar_i64 forms of every binary operation, against NumPy 1.24 with
 * np._set_promotion_state("weak") (tests/data/scalar_cases.h): result
 * dtypes for every dtype on both sides, values on every layout, overflow
 * errors, comparisons beyond the dtype's range, and bad input. */
#include "nd_test_layouts.h"
#include "nd_test_ops.h"

#include "data/scalar_cases.h"

/* Every op with a weak float and a weak int on either side, as arrays, and
 * the scalar forms (array first): NumPy's result dtype, or an error. */
static void test_weak_dtypes(void **state) {
    (void)state;
    nd_array *w[2] = {nd_weak(sc_float), nd_weak_i64(sc_int)};
    ND_ASSERT_ARRAY(w[0]);
    ND_ASSERT_ARRAY(w[1]);
    int bad = 0;
    for (int o = 0; o < NUM_BINOPS; o++)
        for (int d = 0; d < NUM_DT; d++) {
            nd_array *a = nd_ones(1, SH(3), all_dtypes[d]);
            ND_ASSERT_ARRAY(a);
            for (int k = 0; k < 2; k++)
                for (int side = 0; side < 3; side++) {
                    nd_dtype want = sc_dtype[o][d][k][side == 1];
                    nd_array *r = side == 0   ? g_binops[o].f(a, w[k])
                                  : side == 1 ? g_binops[o].f(w[k], a)
                                  : k == 0    ? g_binops[o].s(a, sc_float)
                                              : g_binops[o].si(a, sc_int);
                    nd_dtype got = r ? nd_dtype_of(r) : ND_NUM_DTYPES;
                    if (got != want) {
                        print_message("%s(%s%s%s): %s, NumPy %s (%s)\n", g_binops[o].name,
                                      side == 1 ? (k ? "int, " : "float, ") : "",
                                      nd_dtype_name(all_dtypes[d]),
                                      side == 1 ? "" : (k ? ", int" : ", float"),
                                      r ? nd_dtype_name(got) : "error", want == ND_NUM_DTYPES ? "error" : nd_dtype_name(want),
                                      side == 2 ? "scalar form" : "weak array");
                        bad++;
                    }
                    if (!r) {
                        assert_int_equal(nd_last_status(), ND_ERR_DTYPE);
                        nd_clear_error();
                    }
                    nd_free(r);
                }
            nd_free(a);
        }
    nd_free(w[0]);
    nd_free(w[1]);
    if (bad) fail_msg("%d result dtypes differ from NumPy's", bad);
}

/* A (2,3) input of sc_base in layout L, or 0-d (its first value) for
 * layout L_COUNT, or empty (0,3) for L_COUNT + 1. */
static nd_array *input(nd_dtype dt, int layout, int64_t *n) {
    if (layout == L_COUNT) {
        *n = 1;
        return make_input(dt, L_CONTIG, 0, NULL, sc_base);
    }
    if (layout == L_COUNT + 1) {
        *n = 0;
        return make_input(dt, L_CONTIG, 2, SH(0, 3), sc_base);
    }
    *n = 6;
    return make_input(dt, layout, 2, SH(2, 3), sc_base);
}

/* The scalar forms' values, new and _out, on every layout, 0-d and empty. */
static void test_scalar_values(void **state) {
    (void)state;
    for (int o = 0; o < NUM_BINOPS; o++)
        for (int d = 0; d < NUM_DT; d++)
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < L_COUNT + 2; l++) {
                    const binop *op = &g_binops[o];
                    int64_t n;
                    nd_array *a = input(all_dtypes[d], l, &n);
                    snap s = take(a);
                    nd_array *r = k == 0 ? op->s(a, sc_float) : op->si(a, sc_int);
                    nd_dtype want = sc_dtype[o][d][k][0];
                    char ctx[160];
                    snprintf(ctx, sizeof ctx, "%s(%s, %s) on layout %d", op->name, nd_dtype_name(all_dtypes[d]),
                             k ? "int" : "float", l);
                    if (!sc_ok[o][d][k]) {
                        if (r) fail_msg("%s: succeeded where NumPy raises", ctx);
                        nd_clear_error();
                        expect_same(a, &s);
                        nd_free(a);
                        continue;
                    }
                    if (!r) fail_msg("%s: %s", ctx, nd_errmsg());
                    assert_int_equal(nd_dtype_of(r), want);
                    assert_int_equal(nd_size(r), n);
                    nd_test_expect(r, sc_vals[o][d][k], tol_of(want));
                    /* _out into a negatively strided output of the result dtype */
                    nd_array *o1 = nd_zeros(nd_ndim(r), nd_shape(r), want);
                    nd_array *of = nd_flip(o1, ND_ALL_AXES, NULL);
                    ND_ASSERT_ARRAY(of);
                    nd_status st = k == 0 ? op->s_out(a, sc_float, of) : op->si_out(a, sc_int, of);
                    if (st != ND_OK) fail_msg("%s _out: %s", ctx, nd_errmsg());
                    nd_test_expect(of, sc_vals[o][d][k], tol_of(want));
                    nd_free(of);
                    nd_free(o1);
                    expect_same(a, &s);
                    nd_free(r);
                    nd_free(a);
                }
}

/* The weak flag: only the handle nd_weak made; views and copies are
 * ordinary arrays. */
static void test_weak_flag(void **state) {
    (void)state;
    nd_array *w = nd_weak(0.5), *wi = nd_weak_i64(-7);
    ND_ASSERT_ARRAY(w);
    ND_ASSERT_ARRAY(wi);
    assert_true(nd_is_weak(w));
    assert_true(nd_is_weak(wi));
    assert_int_equal(nd_dtype_of(w), ND_FLOAT64);
    assert_int_equal(nd_dtype_of(wi), ND_INT64);
    assert_int_equal(nd_ndim(w), 0);
    assert_true(*(const double *)nd_data(w) == 0.5);
    assert_true(*(const int64_t *)nd_data(wi) == -7);
    nd_array *derived[] = {nd_copy(w), nd_astype(w, ND_FLOAT64), nd_expand_dims(w, 0),
                           nd_reshape(w, 0, NULL), nd_ascontiguousarray(wi)};
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
        ND_ASSERT_ARRAY(derived[i]);
        assert_false(nd_is_weak(derived[i]));
    }
    /* a view of a weak float promotes as a float64 array */
    nd_array *f32 = nd_ones(1, SH(2), ND_FLOAT32);
    nd_array *r = nd_multiply(f32, derived[0]);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_free(r);
    r = nd_multiply(f32, w);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_free(r);
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) nd_free(derived[i]);
    assert_false(nd_is_weak(f32));
    nd_free(f32);
    /* two weak operands: the default dtype of the higher kind */
    r = nd_add(w, wi);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    assert_false(nd_is_weak(r));
    nd_test_expect(r, V(-6.5), 0);
    nd_free(r);
    r = nd_add(wi, wi);
    assert_int_equal(nd_dtype_of(r), ND_INT64);
    nd_free(r);
    nd_free(w);
    nd_free(wi);
    pending_error();
    assert_false(nd_is_weak(NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG); /* the pending error is kept */
    assert_false(nd_is_weak(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_is_weak");
}

/* nd_result_type, nd_result_type_n, where and clip follow NEP 50. */
static void test_weak_result_type(void **state) {
    (void)state;
    nd_array *w[2] = {nd_weak(sc_float), nd_weak_i64(sc_int)};
    nd_array *cond = nd_full(1, SH(3), ND_BOOL, 1);
    for (int d = 0; d < NUM_DT; d++) {
        nd_array *a = nd_ones(1, SH(3), all_dtypes[d]);
        for (int k = 0; k < 2; k++) {
            nd_dtype want = sc_result_type[d][k];
            assert_int_equal(nd_result_type(a, w[k]), want);
            assert_int_equal(nd_result_type(w[k], a), want);
            const nd_array *three[3] = {w[k], a, w[k]};
            assert_int_equal(nd_result_type_n(3, three), want);
            nd_array *r = nd_where(cond, a, w[k]);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), want);
            nd_free(r);
            r = nd_clip(a, w[k], w[k]);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), want);
            nd_test_expect(r, k ? V(3, 3, 3) : V(2.5, 2.5, 2.5), 0);
            nd_free(r);
        }
        nd_free(a);
    }
    const nd_array *ww[2] = {w[1], w[0]};
    assert_int_equal(nd_result_type_n(2, ww), ND_FLOAT64);
    assert_int_equal(nd_result_type_n(1, ww), ND_INT64);
    assert_int_equal(nd_result_type(w[1], w[1]), ND_INT64);
    /* strong int8 with strong float32 and a weak float stays float32 */
    nd_array *i8 = nd_ones(1, SH(3), ND_INT8), *f32 = nd_ones(1, SH(3), ND_FLOAT32);
    const nd_array *mix[3] = {i8, w[0], f32};
    assert_int_equal(nd_result_type_n(3, mix), ND_FLOAT32);
    nd_array *r = nd_clip(i8, w[1], f32);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_free(r);
    nd_free(i8);
    nd_free(f32);
    nd_free(cond);
    nd_free(w[0]);
    nd_free(w[1]);
}

/* A weak int beyond an integer loop dtype is ND_ERR_OVERFLOW (NumPy 2's
 * OverflowError); loops in float or bool are not integer loops. */
static void test_weak_overflow(void **state) {
    (void)state;
    nd_array *u8 = nd_test_array(ND_UINT8, 1, SH(3), V(0, 1, 255));
    nd_array *i8 = nd_test_array(ND_INT8, 1, SH(3), V(-128, 0, 127));
    nd_array *u64 = nd_test_array(ND_UINT64, 1, SH(2), V(0, 1));
    nd_array *i64 = nd_test_array(ND_INT64, 1, SH(2), V(0, 1));
    snap s = take(u8);
    assert_null(nd_add_scalar_i64(u8, -1));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_add_scalar_i64: Python integer -1 out of bounds for uint8");
    assert_null(nd_add_scalar_i64(u8, 256));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "256 out of bounds for uint8");
    assert_int_equal(nd_add_scalar_i64_inplace(u8, 256), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_add_scalar_i64_inplace");
    expect_same(u8, &s);
    assert_null(nd_subtract_scalar_i64(i8, 128));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "128 out of bounds for int8");
    assert_null(nd_maximum_scalar_i64(i8, -129));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "-129 out of bounds for int8");
    assert_null(nd_multiply_scalar_i64(u64, -1));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "-1 out of bounds for uint64");
    assert_null(nd_power_scalar_i64(u8, -1));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "out of bounds for uint8");
    assert_null(nd_gcd_scalar_i64(u8, -1));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "out of bounds");
    /* in range: the array's dtype, with the value exact */
    nd_array *r = nd_add_scalar_i64(i8, 127);
    assert_int_equal(nd_dtype_of(r), ND_INT8);
    nd_test_expect(r, V(-1, 127, -2), 0); /* wraps, as NumPy */
    nd_free(r);
    r = nd_add_scalar_i64(u64, INT64_MAX);
    assert_int_equal(nd_dtype_of(r), ND_UINT64);
    assert_true(((const uint64_t *)nd_data(r))[1] == (uint64_t)INT64_MAX + 1);
    nd_free(r);
    r = nd_subtract_scalar_i64(i64, INT64_MIN);
    assert_int_equal(nd_dtype_of(r), ND_INT64);
    nd_free(r);
    /* an integer to a negative power that fits: NumPy's ValueError */
    assert_null(nd_power_scalar_i64(i8, -1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "negative integer powers");
    /* true division, float and logical loops take any int */
    r = nd_divide_scalar_i64(i8, 300);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_test_expect(r, V(-128.0 / 300, 0, 127.0 / 300), 1e-15);
    nd_free(r);
    r = nd_arctan2_scalar_i64(i8, 300);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_free(r);
    r = nd_logical_and_scalar_i64(u8, 300);
    ND_ASSERT_ARRAY(r);
    nd_test_expect(r, V(0, 1, 1), 0);
    nd_free(r);
    /* a weak float beyond float32 becomes inf, as NumPy converts it */
    nd_array *f32 = nd_test_array(ND_FLOAT32, 1, SH(2), V(1, -1));
    r = nd_multiply_scalar(f32, 1e300);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_test_expect(r, V(INFINITY, -INFINITY), 0);
    nd_free(r);
    r = nd_add_scalar_i64(f32, (int64_t)1 << 62);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_test_expect(r, V(0x1p62, 0x1p62), 0);
    nd_free(r);
    nd_free(f32);
    /* weak arrays in where and clip: the same rule */
    nd_array *w = nd_weak_i64(300), *wm = nd_weak_i64(-1), *w3 = nd_weak_i64(3);
    nd_array *cond = nd_full(1, SH(3), ND_BOOL, 1);
    assert_null(nd_where(cond, i8, w));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_where: Python integer 300 out of bounds for int8");
    assert_null(nd_clip(u8, wm, w3));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_clip: Python integer -1 out of bounds for uint8");
    assert_null(nd_add(u8, w));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_add: Python integer 300 out of bounds for uint8");
    r = nd_clip(u8, w3, w3);
    assert_int_equal(nd_dtype_of(r), ND_UINT8);
    nd_free(r);
    /* uint8 with int8 promotes to int16, which holds 300 */
    r = nd_clip(u8, i8, w);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    nd_free(r);
    /* the condition of where does not take part in promotion */
    r = nd_where(w, u8, i8);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    nd_free(r);
    nd_free(cond);
    nd_free(w);
    nd_free(wm);
    nd_free(w3);
    nd_free(u8);
    nd_free(i8);
    nd_free(u64);
    nd_free(i64);
}

/* Comparisons with a weak int beyond the dtype: NumPy 2's mathematically
 * right answer, on both sides, new and _out, empty too. */
static void test_weak_comparisons(void **state) {
    (void)state;
    typedef nd_array *(*cmp_fn)(const nd_array *, int64_t);
    typedef nd_array *(*cmp2_fn)(const nd_array *, const nd_array *);
    static const struct {
        const char *name;
        cmp_fn s;
        cmp2_fn f;
        bool above, below; /* x OP s for s above / below every x */
    } cmps[] = {
        {"equal", nd_equal_scalar_i64, nd_equal, false, false},
        {"not_equal", nd_not_equal_scalar_i64, nd_not_equal, true, true},
        {"less", nd_less_scalar_i64, nd_less, true, false},
        {"less_equal", nd_less_equal_scalar_i64, nd_less_equal, true, false},
        {"greater", nd_greater_scalar_i64, nd_greater, false, true},
        {"greater_equal", nd_greater_equal_scalar_i64, nd_greater_equal, false, true},
    };
    static const struct {
        nd_dtype dt;
        int64_t above, below;
    } cases[] = {
        {ND_UINT8, 256, -1}, {ND_INT8, 128, -129}, {ND_INT16, 32768, -32769},
        {ND_UINT16, 65536, -1}, {ND_INT32, (int64_t)INT32_MAX + 1, (int64_t)INT32_MIN - 1},
        {ND_UINT32, (int64_t)UINT32_MAX + 1, -1}, {ND_UINT64, 0, INT64_MIN},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        nd_array *a = nd_test_array(cases[c].dt, 1, SH(3), V(0, 1, 100));
        nd_array *e = nd_zeros(1, SH(0), cases[c].dt);
        for (size_t k = 0; k < sizeof cmps / sizeof cmps[0]; k++)
            for (int side = 0; side < 2; side++) {
                if (side == 0 && cases[c].above == 0) continue; /* uint64: nothing above */
                int64_t v = side == 0 ? cases[c].above : cases[c].below;
                bool want = side == 0 ? cmps[k].above : cmps[k].below;
                nd_array *r = cmps[k].s(a, v);
                if (!r) fail_msg("%s(%s, %lld): %s", cmps[k].name, nd_dtype_name(cases[c].dt), (long long)v, nd_errmsg());
                assert_int_equal(nd_dtype_of(r), ND_BOOL);
                nd_test_expect(r, want ? V(1, 1, 1) : V(0, 0, 0), 0);
                nd_free(r);
                /* the weak int first: s OP x, the mirror image */
                nd_array *w = nd_weak_i64(v);
                r = cmps[k].f(w, a);
                ND_ASSERT_ARRAY(r);
                bool mirror = strcmp(cmps[k].name, "equal") == 0 || strcmp(cmps[k].name, "not_equal") == 0
                                  ? want
                                  : !want;
                nd_test_expect(r, mirror ? V(1, 1, 1) : V(0, 0, 0), 0);
                nd_free(r);
                r = cmps[k].f(e, w);
                ND_ASSERT_ARRAY(r);
                assert_int_equal(nd_size(r), 0);
                nd_free(r);
                nd_free(w);
            }
        /* into an int32 output (bool casts to it) */
        nd_array *o = nd_full(1, SH(3), ND_INT32, 7);
        ND_ASSERT_OK(nd_less_scalar_i64_out(a, cases[c].below, o));
        nd_test_expect(o, V(0, 0, 0), 0);
        ND_ASSERT_OK(nd_greater_scalar_i64_out(a, cases[c].below, o));
        nd_test_expect(o, V(1, 1, 1), 0);
        nd_free(o);
        nd_free(e);
        nd_free(a);
    }
    /* in range: computed element by element */
    nd_array *u8 = nd_test_array(ND_UINT8, 1, SH(3), V(0, 1, 255));
    nd_array *r = nd_less_scalar_i64(u8, 255);
    nd_test_expect(r, V(1, 1, 0), 0);
    nd_free(r);
    r = nd_equal_scalar(u8, 1.0);
    nd_test_expect(r, V(0, 1, 0), 0);
    nd_free(r);
    nd_free(u8);
}

static nd_status scalar_op(const nd_array *a) { return status_of(nd_multiply_scalar(a, 0.5)); }
static nd_status scalar_i64_op(const nd_array *a) { return status_of(nd_left_shift_scalar_i64(a, 2)); }
static nd_status weak_op(const nd_array *a) {
    nd_array *w = nd_weak(3.0);
    if (!w) return nd_last_status();
    nd_status st = status_of(nd_add(a, w));
    nd_free(w);
    return st;
}

/* NULLs, shapes, read-only outputs, bad dtypes, failed allocations, and no
 * allocation beyond the result. */
static void test_scalar_errors(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_FLOAT32, 2, SH(2, 3), V(1, 2, 3, 4, 5, 6));
    nd_array *o = nd_zeros(2, SH(2, 3), ND_FLOAT32);
    pending_error();
    assert_null(nd_add_scalar(NULL, 1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG); /* the pending error is kept */
    pending_error();
    assert_int_equal(nd_add_scalar_out(NULL, 1, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    assert_null(nd_add_scalar_i64(NULL, 1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_scalar_i64: argument 'a' is NULL");
    assert_int_equal(nd_add_scalar_out(a, 1, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_scalar_out: argument 'out' is NULL");
    assert_int_equal(nd_add_scalar_i64_out(NULL, 1, o), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_scalar_i64_out");
    nd_clear_error();
    assert_null(nd_add(NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add: argument 'a' is NULL");
    /* _out: shape, dtype, read-only */
    nd_array *o3 = nd_zeros(1, SH(3), ND_FLOAT32);
    assert_int_equal(nd_multiply_scalar_out(a, 2, o3), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_multiply_scalar_out: output shape (3,)");
    nd_array *oi = nd_zeros(2, SH(2, 3), ND_INT32);
    assert_int_equal(nd_multiply_scalar_i64_out(a, 2, oi), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "from float32 to the output's int32");
    nd_array *bv = nd_broadcast_to(o3, 2, SH(2, 3));
    assert_int_equal(nd_multiply_scalar_out(a, 2, bv), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_multiply_scalar_out");
    assert_null(nd_bitwise_and_scalar_i64(a, 1));
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_bitwise_and_scalar_i64: not supported for dtype float32");
    nd_array *b = nd_ones(1, SH(2), ND_BOOL);
    /* bool - weak int computes in int64, as NumPy 2 */
    nd_array *r = nd_subtract_scalar_i64(b, 1);
    assert_int_equal(nd_dtype_of(r), ND_INT64);
    nd_test_expect(r, V(0, 0), 0);
    nd_free(r);
    /* the scalar forms allocate their result and nothing else; _out nothing */
    const nd_allocator counting = {counting_alloc, counting_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&counting));
    g_count_allocs = 0;
    r = nd_multiply_scalar(a, 0.1);
    int64_t n_new = g_count_allocs;
    g_count_allocs = 0;
    nd_status st = nd_multiply_scalar_i64_out(a, 3, o);
    int64_t n_out = g_count_allocs;
    ND_ASSERT_OK(nd_set_allocator(NULL));
    ND_ASSERT_OK(st);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(n_new, 1);
    assert_int_equal(n_out, 0);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    nd_free(r);
    run_with_faults("nd_multiply_scalar", scalar_op, a);
    nd_array *i16 = nd_ones(1, SH(5), ND_INT16);
    run_with_faults("nd_left_shift_scalar_i64", scalar_i64_op, i16);
    run_with_faults("nd_add with nd_weak", weak_op, a);
    nd_free(i16);
    nd_free(b);
    nd_free(bv);
    nd_free(oi);
    nd_free(o3);
    nd_free(o);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_weak_dtypes, clear),
        cmocka_unit_test_setup(test_scalar_values, clear),
        cmocka_unit_test_setup(test_weak_flag, clear),
        cmocka_unit_test_setup(test_weak_result_type, clear),
        cmocka_unit_test_setup(test_weak_overflow, clear),
        cmocka_unit_test_setup(test_weak_comparisons, clear),
        cmocka_unit_test_setup(test_scalar_errors, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
