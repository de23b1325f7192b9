/* The in-place forms: nd_NAME_inplace, nd_NAME_scalar_inplace and
 * nd_NAME_scalar_i64_inplace of every binary operation, nd_NAME_inplace of
 * every unary one, nd_axpy_inplace and nd_axpby_inplace. Values and casting
 * errors against NumPy 1.24 with NEP 50 (tests/data/scalar_cases.h:
 * np.OP(A, s, out=A)), every layout, broadcasting into a, refused targets,
 * overlapping operands, failed allocations and NULLs. */
#include "nd_test_layouts.h"
#include "nd_test_ops.h"

#include "data/scalar_cases.h"

/* a op= s for every op, dtype and layout: NumPy's values, or ND_ERR_DTYPE
 * (float into int, ...) with a untouched. */
static void test_scalar_inplace_values(void **state) {
    (void)state;
    for (int o = 0; o < NUM_BINOPS; o++)
        for (int d = 0; d < NUM_DT; d++)
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < L_COUNT; l++) {
                    const binop *op = &g_binops[o];
                    nd_dtype dt = all_dtypes[d];
                    nd_array *a = make_input(dt, l, 2, SH(2, 3), sc_base);
                    snap s = take(a);
                    nd_status st = k == 0 ? op->s_inplace(a, sc_float) : op->si_inplace(a, sc_int);
                    if (!sc_inplace_ok[o][d][k]) {
                        if (st == ND_OK)
                            fail_msg("%s_inplace(%s, %s) succeeded where NumPy refuses", op->name,
                                     nd_dtype_name(dt), k ? "int" : "float");
                        /* the cast (or, for a NumPy error, the op itself) is refused */
                        assert_true(st == ND_ERR_DTYPE || st == ND_ERR_VALUE);
                        nd_clear_error();
                        expect_same(a, &s);
                    } else {
                        if (st != ND_OK)
                            fail_msg("%s_inplace(%s, %s): %s", op->name, nd_dtype_name(dt), k ? "int" : "float",
                                     nd_errmsg());
                        assert_int_equal(nd_dtype_of(a), dt);
                        nd_test_expect(a, sc_inplace[o][d][k], tol_of(dt));
                        nd_free(s.vals);
                    }
                    nd_free(a);
                }
}

/* nd_NAME_inplace(a, b) equals nd_NAME_out(a, b, a copy of a), with b
 * broadcast; refused exactly when that cast is. */
static void test_array_inplace(void **state) {
    (void)state;
    static const double bv[3] = {2, 3, 1};
    for (int o = 0; o < NUM_BINOPS; o++)
        for (int d = 0; d < NUM_DT; d++)
            for (int e = 0; e < NUM_DT; e += 3) {
                const binop *op = &g_binops[o];
                nd_array *a = make_input(all_dtypes[d], L_NEGATIVE, 2, SH(2, 3), sc_base);
                nd_array *b = nd_test_array(all_dtypes[e], 1, SH(3), bv);
                nd_array *want = nd_copy(a);
                nd_status ws = op->out(a, b, want);
                nd_clear_error();
                snap s = take(a);
                nd_status st = op->inplace(a, b);
                if (ws != ND_OK) {
                    assert_int_equal(st, ws);
                    nd_clear_error();
                    expect_same(a, &s);
                } else {
                    if (st != ND_OK) fail_msg("%s_inplace: %s", op->name, nd_errmsg());
                    nd_free(s.vals);
                    nd_array *wf = nd_astype(want, ND_FLOAT64);
                    nd_test_expect(a, nd_data(wf), 0);
                    nd_free(wf);
                }
                nd_free(want);
                nd_free(b);
                nd_free(a);
            }
}

/* Every unary op in place: nd_NAME_out into a copy, or ND_ERR_DTYPE. */
static void test_unary_inplace(void **state) {
    (void)state;
    for (int o = 0; o < NUM_UNOPS; o++)
        for (int d = 0; d < NUM_DT; d++)
            for (int l = 0; l < L_COUNT; l++) {
                const unop *op = &g_unops[o];
                nd_array *a = make_input(all_dtypes[d], l, 2, SH(2, 3), V(0.25, 1, 2, 3, 0.5, 0.75));
                nd_array *want = nd_copy(a);
                nd_status ws = op->out(a, want);
                nd_clear_error();
                snap s = take(a);
                nd_status st = op->inplace(a);
                if (ws != ND_OK) {
                    assert_int_equal(st, ws);
                    nd_clear_error();
                    expect_same(a, &s);
                } else {
                    if (st != ND_OK) fail_msg("%s_inplace: %s", op->name, nd_errmsg());
                    nd_free(s.vals);
                    nd_array *wf = nd_astype(want, ND_FLOAT64);
                    nd_test_expect(a, nd_data(wf), 0);
                    nd_free(wf);
                }
                nd_free(want);
                nd_free(a);
            }
    nd_array *i = nd_ones(1, SH(2), ND_INT32);
    assert_int_equal(nd_sqrt_inplace(i), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_sqrt_inplace: cannot cast the result from float64 to a's dtype int32");
    nd_array *b = nd_ones(1, SH(2), ND_BOOL);
    assert_int_equal(nd_negative_inplace(b), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_negative_inplace: not supported for dtype bool");
    pending_error();
    assert_int_equal(nd_exp_inplace(NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    assert_int_equal(nd_exp_inplace(NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_exp_inplace: argument 'a' is NULL");
    nd_free(b);
    nd_free(i);
}

/* Casting, shapes, read-only and broadcast targets, NULLs: refused with a
 * untouched. */
static void test_inplace_errors(void **state) {
    (void)state;
    nd_array *a = nd_test_array(ND_INT32, 2, SH(2, 3), V(1, 2, 3, 4, 5, 6));
    nd_array *f = nd_test_array(ND_FLOAT64, 1, SH(3), V(0.5, 0.5, 0.5));
    snap s = take(a);
    assert_int_equal(nd_add_inplace(a, f), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_add_inplace: cannot cast the result from float64 to a's dtype int32 in place (same_kind");
    assert_int_equal(nd_multiply_scalar_inplace(a, 0.5), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_multiply_scalar_inplace: cannot cast the result from float64 to a's dtype int32");
    assert_int_equal(nd_divide_scalar_i64_inplace(a, 2), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_divide_scalar_i64_inplace");
    /* b must broadcast to a's shape: a's shape never changes */
    nd_array *big = nd_ones(3, SH(4, 2, 3), ND_INT32);
    assert_int_equal(nd_add_inplace(a, big), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_add_inplace: the operands' broadcast shape (4,2,3) is not a's shape (2,3)");
    nd_array *bad = nd_ones(1, SH(4), ND_INT32);
    assert_int_equal(nd_add_inplace(a, bad), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_add_inplace: operands could not be broadcast together");
    expect_same(a, &s);
    /* a length-1 a cannot stretch to b's shape */
    nd_array *one = nd_ones(2, SH(1, 3), ND_INT32);
    assert_int_equal(nd_add_inplace(one, a), ND_ERR_SHAPE);
    nd_clear_error();
    /* broadcast (stride 0) and read-only targets */
    nd_array *row = nd_ones(1, SH(3), ND_FLOAT32);
    nd_array *bc = nd_broadcast_to(row, 2, SH(2, 3));
    assert_int_equal(nd_add_scalar_inplace(bc, 1), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_add_scalar_inplace: a is read-only");
    int32_t mem[3] = {1, 2, 3};
    nd_array *w = nd_wrap(mem, 2, SH(2, 3), (const int64_t[]){0, 1}, ND_INT32, NULL, NULL);
    ND_ASSERT_ARRAY(w);
    assert_int_equal(nd_add_scalar_i64_inplace(w, 1), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_add_scalar_i64_inplace: a has stride 0 along axis 0");
    assert_int_equal(mem[0], 1);
    assert_int_equal(nd_sqrt_inplace(bc), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_sqrt_inplace");
    /* NULLs */
    assert_int_equal(nd_add_inplace(NULL, f), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_inplace: argument 'a' is NULL");
    assert_int_equal(nd_add_inplace(a, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_inplace: argument 'b' is NULL");
    assert_int_equal(nd_add_scalar_inplace(NULL, 1), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_scalar_inplace: argument 'a' is NULL");
    assert_int_equal(nd_add_scalar_i64_inplace(NULL, 1), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_add_scalar_i64_inplace: argument 'a' is NULL");
    /* 0-d and empty targets */
    nd_array *z = nd_scalar(2, ND_FLOAT32);
    ND_ASSERT_OK(nd_multiply_scalar_inplace(z, 0.5));
    nd_test_expect(z, V(1), 0);
    ND_ASSERT_OK(nd_add_inplace(z, z));
    nd_test_expect(z, V(2), 0);
    nd_array *e = nd_zeros(2, SH(0, 3), ND_INT8);
    ND_ASSERT_OK(nd_add_scalar_i64_inplace(e, 1));
    assert_int_equal(nd_add_inplace(e, row), ND_ERR_DTYPE); /* float32 into int8 */
    nd_clear_error();
    /* a 0-d b broadcasts; a weak b follows NEP 50 */
    nd_array *wk = nd_weak_i64(2);
    ND_ASSERT_OK(nd_multiply_inplace(a, wk));
    nd_test_expect(a, V(2, 4, 6, 8, 10, 12), 0);
    assert_int_equal(nd_dtype_of(a), ND_INT32);
    nd_array *u8 = nd_ones(1, SH(2), ND_UINT8);
    nd_array *wm = nd_weak_i64(-1);
    assert_int_equal(nd_add_inplace(u8, wm), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_add_inplace: Python integer -1 out of bounds for uint8");
    nd_test_expect(u8, V(1, 1), 0);
    nd_free(wm);
    nd_free(u8);
    nd_free(wk);
    nd_free(e);
    nd_free(z);
    nd_free(w);
    nd_free(bc);
    nd_free(row);
    nd_free(one);
    nd_free(bad);
    nd_free(big);
    nd_free(f);
    nd_free(a);
}

/* b overlapping a other than exactly: as if b were copied first (NumPy's
 * a += a[::-1] and a[:-1] += a[1:]). */
static void test_inplace_overlap(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 6, 1, ND_FLOAT64);
    nd_array *rev = nd_flip(a, ND_ALL_AXES, NULL);
    ND_ASSERT_OK(nd_add_inplace(a, rev));
    nd_test_expect(a, V(5, 5, 5, 5, 5, 5), 0);
    nd_free(rev);
    nd_free(a);
    a = nd_arange(0, 6, 1, ND_INT64);
    nd_array *head = nd_slice_axis(a, 0, 0, 5, 1), *tail = nd_slice_axis(a, 0, 1, 6, 1);
    ND_ASSERT_OK(nd_add_inplace(head, tail));
    nd_test_expect(a, V(1, 3, 5, 7, 9, 5), 0);
    /* a op= a: exact aliasing, no copy */
    ND_ASSERT_OK(nd_multiply_inplace(a, a));
    nd_test_expect(a, V(1, 9, 25, 49, 81, 25), 0);
    nd_free(head);
    nd_free(tail);
    nd_free(a);
}

static nd_status overlap_op(const nd_array *a) {
    nd_array *c = nd_copy(a);
    if (!c) return nd_last_status();
    nd_array *rev = nd_flip(c, ND_ALL_AXES, NULL);
    nd_status st = rev ? nd_subtract_inplace(c, rev) : nd_last_status();
    if (st == ND_OK) st = rev ? nd_axpy_inplace(c, 2.0, rev) : st;
    nd_free(rev);
    nd_free(c);
    return st;
}

/* No allocation for in-place work without overlap; failures with overlap
 * (which copies b) are ND_ERR_NOMEM and leak nothing. */
static void test_inplace_allocations(void **state) {
    (void)state;
    nd_array *a = nd_arange(0, 64, 1, ND_FLOAT32), *b = nd_ones(1, SH(64), ND_FLOAT64);
    nd_array *i = nd_arange(0, 64, 1, ND_INT16);
    const nd_allocator counting = {counting_alloc, counting_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&counting));
    g_count_allocs = 0;
    nd_status st[7] = {nd_add_inplace(a, b), nd_multiply_scalar_inplace(a, 0.5),
                       nd_subtract_scalar_i64_inplace(i, 3), nd_sqrt_inplace(a),
                       nd_axpy_inplace(a, 0.1, b), nd_axpby_inplace(a, 0.1, b, 0.9),
                       nd_left_shift_scalar_i64_inplace(i, 1)};
    int64_t n = g_count_allocs;
    ND_ASSERT_OK(nd_set_allocator(NULL));
    for (int k = 0; k < 7; k++) ND_ASSERT_OK(st[k]);
    assert_int_equal(n, 0);
    run_with_faults("in place with overlap", overlap_op, a);
    nd_free(i);
    nd_free(b);
    nd_free(a);
}

/* axpy and axpby: bit for bit the two-step NumPy expressions (checked here
 * against libnd's own two-step forms, which test_scalar.c checks against
 * NumPy), every layout, broadcasting, overlap, errors. */
static void test_axpy(void **state) {
    (void)state;
    static const double yv[6] = {0.1, -2.5, 3.75, 1e-3, 7, -0.3};
    static const double xv[6] = {1.5, 0.2, -0.7, 11, 0.001, 3};
    for (int dt = ND_FLOAT32; dt <= ND_FLOAT64; dt++)
        for (int l = 0; l < L_COUNT; l++)
            for (int fused = 0; fused < 2; fused++) {
                nd_array *y = make_input((nd_dtype)dt, l, 2, SH(2, 3), yv);
                nd_array *x = make_input((nd_dtype)dt, (l + 1) % L_COUNT, 2, SH(2, 3), xv);
                /* NumPy: y + alpha * x, and alpha * x + beta * y */
                nd_array *ax = nd_multiply_scalar(x, 0.3);
                nd_array *by = nd_multiply_scalar(y, 0.9);
                nd_array *want = fused ? nd_add(ax, by) : nd_add(y, ax);
                ND_ASSERT_OK(fused ? nd_axpby_inplace(y, 0.3, x, 0.9) : nd_axpy_inplace(y, 0.3, x));
                assert_int_equal(nd_dtype_of(y), dt);
                nd_array *wf = nd_astype(want, ND_FLOAT64);
                nd_test_expect(y, nd_data(wf), 0);
                nd_free(wf);
                nd_free(want);
                nd_free(by);
                nd_free(ax);
                nd_free(x);
                nd_free(y);
            }
    /* x broadcasts; a float32 y with a float64 x computes in float64 and
     * casts back (same_kind) */
    nd_array *y = nd_zeros(2, SH(2, 3), ND_FLOAT32);
    nd_array *x = nd_test_array(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    ND_ASSERT_OK(nd_axpy_inplace(y, 2, x));
    nd_test_expect(y, V(2, 4, 6, 2, 4, 6), 0);
    ND_ASSERT_OK(nd_axpby_inplace(y, 1, x, 0.5));
    nd_test_expect(y, V(2, 4, 6, 2, 4, 6), 0);
    /* int x into float y */
    nd_array *xi = nd_test_array(ND_INT8, 1, SH(3), V(-1, 0, 1));
    ND_ASSERT_OK(nd_axpy_inplace(y, 0.5, xi));
    nd_test_expect(y, V(1.5, 4, 6.5, 1.5, 4, 6.5), 0);
    /* errors, y untouched */
    snap s = take(y);
    nd_array *yi = nd_zeros(1, SH(3), ND_INT32);
    assert_int_equal(nd_axpy_inplace(yi, 1, xi), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_axpy_inplace: cannot cast the result from float64 to y's dtype int32");
    nd_array *x4 = nd_ones(1, SH(4), ND_FLOAT32);
    assert_int_equal(nd_axpby_inplace(y, 1, x4, 1), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_axpby_inplace: operands could not be broadcast together");
    nd_array *x23 = nd_ones(3, SH(2, 2, 3), ND_FLOAT32);
    assert_int_equal(nd_axpy_inplace(y, 1, x23), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_axpy_inplace: x of shape (2,2,3) does not broadcast to y's shape (2,3)");
    nd_array *bc = nd_broadcast_to(x, 2, SH(2, 3));
    assert_int_equal(nd_axpy_inplace(bc, 1, x), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_axpy_inplace: y is read-only");
    pending_error();
    assert_int_equal(nd_axpy_inplace(NULL, 1, x), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    assert_int_equal(nd_axpby_inplace(y, 1, NULL, 1), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_axpby_inplace: argument 'x' is NULL");
    expect_same(y, &s);
    /* overlap: y = a[1:], x = a[:-1] reads the old values */
    nd_array *a = nd_arange(0, 5, 1, ND_FLOAT64);
    nd_array *hi = nd_slice_axis(a, 0, 1, 5, 1), *lo = nd_slice_axis(a, 0, 0, 4, 1);
    ND_ASSERT_OK(nd_axpy_inplace(hi, 10, lo));
    nd_test_expect(a, V(0, 1, 12, 23, 34), 0);
    ND_ASSERT_OK(nd_axpby_inplace(a, 1, a, 1)); /* exactly aliased: a = 2a */
    nd_test_expect(a, V(0, 2, 24, 46, 68), 0);
    /* 0-d and empty */
    nd_array *z = nd_scalar(1, ND_FLOAT64), *e = nd_zeros(1, SH(0), ND_FLOAT32);
    ND_ASSERT_OK(nd_axpby_inplace(z, 2, z, 3));
    nd_test_expect(z, V(5), 0);
    ND_ASSERT_OK(nd_axpy_inplace(e, 2, z));
    nd_free(z);
    nd_free(e);
    nd_free(hi);
    nd_free(lo);
    nd_free(a);
    nd_free(bc);
    nd_free(x23);
    nd_free(x4);
    nd_free(yi);
    nd_free(xi);
    nd_free(x);
    nd_free(y);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_scalar_inplace_values, clear),
        cmocka_unit_test_setup(test_array_inplace, clear),
        cmocka_unit_test_setup(test_unary_inplace, clear),
        cmocka_unit_test_setup(test_inplace_errors, clear),
        cmocka_unit_test_setup(test_inplace_overlap, clear),
        cmocka_unit_test_setup(test_inplace_allocations, clear),
        cmocka_unit_test_setup(test_axpy, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
