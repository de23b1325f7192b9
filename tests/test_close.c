/* Tests for the whole-array comparisons and item reads: nd_isclose,
 * nd_isclose_out, nd_allclose, nd_array_equal (src/ops/compare.c) against
 * NumPy's answers (tests/data/gen_close.py) over every pair of dtypes,
 * broadcasting and memory layouts; exact integer mixes, infinities and
 * float32 arithmetic by hand; nd_item and nd_item_i64 (src/ops/access.c);
 * NULLs, shape errors, read-only outputs and failed allocations. */
#include "nd_test.h"
#include "nd_test_layouts.h"

#include "data/close_cases.h"

#include <float.h>
#include <math.h>

static void expect_bools(const char *ctx, const nd_array *r, int ndim, const int64_t *shape,
                         const unsigned char *want) {
    ND_ASSERT_ARRAY(r);
    nd_test_shape(r, ndim, shape);
    int64_t n = nd_size(r);
    nd_array *c = nd_astype(r, ND_BOOL);
    ND_ASSERT_ARRAY(c);
    unsigned char *got = malloc((size_t)n + 1);
    ND_ASSERT_OK(nd_copy_to(c, got, (size_t)n));
    for (int64_t i = 0; i < n; i++)
        if (got[i] != want[i]) fail_msg("%s: element %lld is %d, NumPy says %d", ctx, (long long)i, got[i], want[i]);
    free(got);
    nd_free(c);
}

static void test_numpy_cases(void **state) {
    (void)state;
    char ctx[160];
    for (int i = 0; i < NUM_CLOSE_CASES; i++) {
        const close_case *c = &close_cases[i];
        for (int layout = 0; layout < L_COUNT; layout++) {
            nd_array *a = make_input(c->da, c->nda ? layout : L_CONTIG, c->nda, c->sha, c->a);
            nd_array *b = make_input(c->db, c->ndb ? layout : L_CONTIG, c->ndb, c->shb, c->b);
            snprintf(ctx, sizeof ctx, "case %d (%s, %s), %s", i, nd_dtype_name(c->da), nd_dtype_name(c->db),
                     layout_names[layout]);
            nd_array *r = nd_isclose(a, b, c->rtol, c->atol, c->equal_nan);
            expect_bools(ctx, r, c->ndr, c->shr, c->close);
            assert_int_equal(nd_dtype_of(r), ND_BOOL);
            nd_free(r);
            /* into outputs of other dtypes, and a strided view */
            nd_array *o = nd_full(c->ndr, c->shr, ND_FLOAT32, 7);
            ND_ASSERT_OK(nd_isclose_out(a, b, c->rtol, c->atol, c->equal_nan, o));
            expect_bools(ctx, o, c->ndr, c->shr, c->close);
            nd_free(o);
            if (c->ndr) {
                nd_array *ob = make_input(ND_INT8, layout, c->ndr, c->shr, V(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
                ND_ASSERT_OK(nd_isclose_out(a, b, c->rtol, c->atol, c->equal_nan, ob));
                expect_bools(ctx, ob, c->ndr, c->shr, c->close);
                nd_free(ob);
            }
            bool res = !c->allclose;
            ND_ASSERT_OK(nd_allclose(a, b, c->rtol, c->atol, c->equal_nan, &res));
            if (res != c->allclose) fail_msg("%s: allclose %d, NumPy %d", ctx, res, c->allclose);
            res = !c->equal;
            ND_ASSERT_OK(nd_array_equal(a, b, false, &res));
            if (res != c->equal) fail_msg("%s: array_equal %d, NumPy %d", ctx, res, c->equal);
            res = !c->equal_nan_equal;
            ND_ASSERT_OK(nd_array_equal(a, b, true, &res));
            if (res != c->equal_nan_equal) fail_msg("%s: array_equal(equal_nan) %d, NumPy %d", ctx, res, c->equal_nan_equal);
            nd_free(a);
            nd_free(b);
        }
    }
}

static nd_array *f64(int n, const double *v) { return nd_test_array(ND_FLOAT64, 1, SH(n), v); }

/* Values NumPy 1.24 gives (under NEP 50 promotion where it matters). */
static void test_isclose_edges(void **state) {
    (void)state;
    /* infinities: close only to themselves; NaN per equal_nan; b sets the
     * scale (not symmetric): isclose(1, 1.1, rtol=0.1) but not (1.1, 1) */
    nd_array *a = f64(7, V(INFINITY, INFINITY, -INFINITY, 1, NAN, NAN, 1.1));
    nd_array *b = f64(7, V(INFINITY, -INFINITY, 1e308, INFINITY, NAN, 1, 1));
    nd_array *r = nd_isclose(a, b, 0.1, 0, false);
    expect_bools("inf", r, 1, SH(7), (const unsigned char[]){1, 0, 0, 0, 0, 0, 0});
    nd_free(r);
    r = nd_isclose(a, b, 0.1, 0, true);
    expect_bools("inf nan", r, 1, SH(7), (const unsigned char[]){1, 0, 0, 0, 1, 0, 0});
    nd_free(r);
    r = nd_isclose(b, a, 0.1, 0, true);
    expect_bools("swapped", r, 1, SH(7), (const unsigned char[]){1, 0, 0, 0, 1, 0, 1});
    nd_free(r);
    nd_free(a);
    nd_free(b);
    /* float32 arithmetic: np.isclose(np.float32(1), np.float32(1 + 2**-23),
     * rtol=0, atol=1e-7) is False in float32 (1e-7 rounds below 2**-23)
     * but True for float64 b */
    nd_array *x = nd_full(0, NULL, ND_FLOAT32, 1);
    nd_array *y = nd_full(0, NULL, ND_FLOAT32, 1 + 0x1p-23);
    nd_array *y64 = nd_full(0, NULL, ND_FLOAT64, 1 + 0x1p-23);
    bool res = true;
    ND_ASSERT_OK(nd_allclose(x, y, 0, 1.1920928955078125e-07 * 0.99, false, &res));
    assert_false(res);
    ND_ASSERT_OK(nd_allclose(x, y, 0, 1.1920928955078125e-07, false, &res));
    assert_true(res);
    /* atol 1e-7 + rtol 1e-16 * |b|: in float32 the sum is 1e-7 rounded */
    ND_ASSERT_OK(nd_allclose(x, y64, 0, 1.19e-7, false, &res));
    assert_false(res);
    ND_ASSERT_OK(nd_allclose(x, y64, 0, 1.2e-7, false, &res));
    assert_true(res);
    nd_free(x);
    nd_free(y);
    nd_free(y64);
    /* integers: int8 -128 against 127 without wrapping; uint64 max */
    nd_array *i8 = nd_full(1, SH(2), ND_INT8, -128);
    nd_array *u8 = nd_full(1, SH(2), ND_UINT8, 127);
    ND_ASSERT_OK(nd_allclose(i8, u8, 0, 255, false, &res));
    assert_true(res);
    ND_ASSERT_OK(nd_allclose(i8, u8, 0, 254, false, &res));
    assert_false(res);
    nd_free(i8);
    nd_free(u8);
    /* empty after broadcasting: all close */
    nd_array *e = nd_zeros(2, SH(0, 3), ND_FLOAT64), *t = nd_full(1, SH(3), ND_FLOAT64, NAN);
    res = false;
    ND_ASSERT_OK(nd_allclose(e, t, 0, 0, false, &res));
    assert_true(res);
    nd_free(e);
    nd_free(t);
}

/* int64 and uint64 compare exactly in nd_array_equal. */
static void test_array_equal_exact(void **state) {
    (void)state;
    nd_array *i = nd_full(1, SH(3), ND_INT64, 0), *u = nd_full(1, SH(3), ND_UINT64, 0);
    int64_t *pi = nd_data(i);
    uint64_t *pu = nd_data(u);
    pi[0] = (1ll << 53) + 1, pu[0] = 1ull << 53;
    pi[1] = -1, pu[1] = UINT64_MAX;
    pi[2] = INT64_MAX, pu[2] = (uint64_t)INT64_MAX + 1;
    bool res = true;
    for (int k = 0; k < 3; k++) {
        nd_array *x = nd_slice_axis(i, 0, k, k + 1, 1), *y = nd_slice_axis(u, 0, k, k + 1, 1);
        ND_ASSERT_OK(nd_array_equal(x, y, false, &res));
        assert_false(res);
        ND_ASSERT_OK(nd_array_equal(y, x, true, &res));
        assert_false(res);
        nd_free(x);
        nd_free(y);
    }
    pi[0] = 12345, pu[0] = 12345, pi[1] = INT64_MAX, pu[1] = INT64_MAX, pi[2] = 0, pu[2] = 0;
    ND_ASSERT_OK(nd_array_equal(i, u, false, &res));
    assert_true(res);
    nd_array *j = nd_copy(i);
    ((int64_t *)nd_data(j))[0] = INT64_MIN;
    pi[0] = INT64_MIN + 1;
    ND_ASSERT_OK(nd_array_equal(i, j, false, &res));
    assert_false(res);
    nd_free(j);
    /* shapes must match exactly: no broadcasting */
    nd_array *s = nd_zeros(1, SH(3), ND_FLOAT64), *s2 = nd_zeros(2, SH(1, 3), ND_FLOAT64);
    res = true;
    ND_ASSERT_OK(nd_array_equal(s, s2, false, &res));
    assert_false(res);
    nd_array *z = nd_zeros(0, NULL, ND_FLOAT64), *z1 = nd_zeros(1, SH(1), ND_FLOAT64);
    ND_ASSERT_OK(nd_array_equal(z, z1, false, &res));
    assert_false(res);
    ND_ASSERT_OK(nd_array_equal(z, z, false, &res));
    assert_true(res);
    nd_array *e1 = nd_zeros(2, SH(0, 2), ND_BOOL), *e2 = nd_zeros(2, SH(0, 2), ND_UINT64);
    ND_ASSERT_OK(nd_array_equal(e1, e2, false, &res));
    assert_true(res);
    nd_free(e1);
    nd_free(e2);
    nd_free(z);
    nd_free(z1);
    nd_free(s);
    nd_free(s2);
    nd_free(i);
    nd_free(u);
}

static void test_errors(void **state) {
    (void)state;
    nd_array *a = nd_zeros(1, SH(3), ND_FLOAT64), *b = nd_zeros(1, SH(4), ND_FLOAT64);
    bool res = true;
    assert_null(nd_isclose(a, b, 1e-5, 1e-8, false));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_isclose: ");
    assert_int_equal(nd_allclose(a, b, 1e-5, 1e-8, false, &res), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_allclose: ");
    assert_true(res);
    ND_ASSERT_OK(nd_array_equal(a, b, false, &res)); /* not an error: false */
    assert_false(res);
    /* out: the broadcast shape, writeable */
    nd_array *o = nd_zeros(1, SH(4), ND_BOOL);
    assert_int_equal(nd_isclose_out(a, a, 0, 0, false, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_isclose_out: ");
    nd_array *o3 = nd_zeros(0, NULL, ND_BOOL);
    nd_array *bc = nd_broadcast_to(o3, 1, SH(3));
    assert_int_equal(nd_isclose_out(a, a, 0, 0, false, bc), ND_ERR_READONLY);
    nd_clear_error();
    nd_free(bc);
    nd_free(o3);
    /* NULLs */
    assert_null(nd_isclose(NULL, a, 0, 0, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_isclose: argument 'a'");
    assert_null(nd_isclose(a, NULL, 0, 0, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "'b'");
    assert_int_equal(nd_isclose_out(a, a, 0, 0, false, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_isclose_out: argument 'out'");
    assert_int_equal(nd_allclose(a, NULL, 0, 0, false, &res), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_allclose: argument 'b'");
    assert_int_equal(nd_allclose(a, a, 0, 0, false, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'result'");
    assert_int_equal(nd_array_equal(NULL, a, false, &res), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_array_equal: argument 'a'");
    assert_int_equal(nd_array_equal(a, a, false, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'result'");
    /* a NULL keeps a pending error */
    pending_error();
    assert_int_equal(nd_array_equal(NULL, a, false, &res), ND_ERR_NULL);
    assert_non_null(strstr(nd_errmsg(), PENDING_MSG));
    nd_clear_error();
    nd_free(o);
    nd_free(a);
    nd_free(b);
}

static void test_item(void **state) {
    (void)state;
    double d = 0;
    int64_t i = 0;
    /* every dtype, 0-d and size-1 of any shape */
    for (int k = 0; k < NUM_DT; k++) {
        nd_dtype dt = all_dtypes[k];
        nd_array *z = nd_full(0, NULL, dt, 1), *s = nd_full(3, SH(1, 1, 1), dt, dt == ND_BOOL ? 1 : 5);
        ND_ASSERT_OK(nd_item(z, &d));
        assert_true(d == 1);
        ND_ASSERT_OK(nd_item_i64(s, &i));
        assert_int_equal(i, dt == ND_BOOL ? 1 : 5);
        nd_free(z);
        nd_free(s);
    }
    /* a size-1 view of a bigger array */
    nd_array *m = nd_arange(0, 6, 1, ND_INT16), *v = nd_slice_axis(m, 0, 4, 5, 1);
    ND_ASSERT_OK(nd_item_i64(v, &i));
    assert_int_equal(i, 4);
    nd_free(v);
    /* exact int64 and uint64 */
    nd_array *big = nd_full(0, NULL, ND_INT64, 0);
    *(int64_t *)nd_data(big) = INT64_MIN;
    ND_ASSERT_OK(nd_item_i64(big, &i));
    assert_true(i == INT64_MIN);
    *(int64_t *)nd_data(big) = (1ll << 53) + 1;
    ND_ASSERT_OK(nd_item(big, &d));
    assert_true(d == 0x1p53); /* rounds, as float() does */
    nd_free(big);
    nd_array *u = nd_full(0, NULL, ND_UINT64, 0);
    *(uint64_t *)nd_data(u) = (uint64_t)INT64_MAX;
    ND_ASSERT_OK(nd_item_i64(u, &i));
    assert_true(i == INT64_MAX);
    *(uint64_t *)nd_data(u) = (uint64_t)INT64_MAX + 1;
    i = 42;
    assert_int_equal(nd_item_i64(u, &i), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_item_i64: 9223372036854775808 (uint64) does not fit int64");
    assert_int_equal(i, 42);
    nd_free(u);
    /* floats: only exact integers in range */
    const double ok[] = {-0.0, 3, -9223372036854775808.0, 9007199254740993.0, 1e18};
    for (int k = 0; k < 5; k++) {
        nd_array *f = nd_full(0, NULL, ND_FLOAT64, ok[k]);
        ND_ASSERT_OK(nd_item_i64(f, &i));
        assert_true((double)i == ok[k]);
        nd_free(f);
    }
    const double bad[] = {2.5, -0.5, NAN, INFINITY, -INFINITY, 9223372036854775808.0, -9223372036854777856.0, 1e300};
    for (int k = 0; k < 8; k++) {
        nd_array *f = nd_full(0, NULL, k < 2 ? ND_FLOAT32 : ND_FLOAT64, bad[k]);
        i = 42;
        assert_int_equal(nd_item_i64(f, &i), ND_ERR_VALUE);
        ND_ASSERT_ERROR(ND_ERR_VALUE, "is not an integer that fits int64");
        assert_int_equal(i, 42);
        nd_free(f);
    }
    nd_array *f = nd_full(0, NULL, ND_FLOAT32, 2.5);
    assert_int_equal(nd_item_i64(f, &i), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_item_i64: 2.5 (float32) is not");
    ND_ASSERT_OK(nd_item(f, &d));
    assert_true(d == 2.5);
    nd_free(f);
    /* size other than 1 */
    nd_array *r = nd_reshape(m, 2, SH(2, 3));
    d = 7;
    assert_int_equal(nd_item(r, &d), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_item: array of size 6 (shape (2,3)) is not a single value");
    assert_true(d == 7);
    nd_array *e = nd_zeros(1, SH(0), ND_FLOAT64);
    assert_int_equal(nd_item_i64(e, &i), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_item_i64: array of size 0 (shape (0,)) is not a single value");
    assert_int_equal(nd_item(NULL, &d), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_item: argument 'a'");
    assert_int_equal(nd_item_i64(e, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_item_i64: argument 'value'");
    nd_free(e);
    nd_free(r);
    nd_free(m);
}

/* failed allocations: ND_ERR_NOMEM, nothing leaked, inputs untouched */
static nd_array *g_b;
static nd_status op_isclose(const nd_array *a) { return status_of(nd_isclose(a, g_b, 1e-5, 1e-8, true)); }
static nd_status op_allclose(const nd_array *a) {
    bool r = false;
    nd_status st = nd_allclose(a, g_b, 1e-5, 1e-8, false, &r);
    if (st != ND_OK && r) fail_msg("nd_allclose wrote its result on error");
    return st;
}
static nd_status op_equal(const nd_array *a) {
    bool r = false;
    return nd_array_equal(a, a, true, &r);
}

static void test_allocation_failures(void **state) {
    (void)state;
    double *v = iota_vals(1200, 1);
    nd_array *a = make_input(ND_FLOAT32, L_TRANSPOSED, 2, SH(30, 40), v);
    free(v);
    g_b = nd_full(1, SH(40), ND_INT64, 3);
    run_with_faults("nd_isclose", op_isclose, a);
    run_with_faults("nd_allclose", op_allclose, a);
    run_with_faults("nd_array_equal", op_equal, a);
    nd_free(g_b);
    nd_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_cases),       cmocka_unit_test(test_isclose_edges),
        cmocka_unit_test(test_array_equal_exact), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_item),              cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
