/* Tests for the multi-key sorts, unique with an axis and the set
 * operations (include/nd/sets.h): every case NumPy answered in
 * data/sets_cases.h (every dtype, mixed dtypes, views, NaN, empty and 0-d
 * arrays, NumPy's errors), then stability and threads against a plain
 * reference, bad arguments, failed allocations and huge sizes. */
#include "nd_test.h"
#include "nd_test_arrays.h"
#include "nd_test_layouts.h"
#include "nd_test_cases.h"

#include <stdlib.h>

#include "data/sets_cases.h"

/* ---------------------------------------------------------------- callers */

static nd_status call_lexsort(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_lexsort(c->nin, in, gc_axis(c->iargs[0])), out);
}

static nd_status call_argsort_keys(const gc_case *c, const nd_array *const *in, nd_array **out) {
    bool desc[GC_MAX_IN];
    for (int k = 0; k < c->nin; k++) desc[k] = c->iargs[1 + k] != 0;
    return gc_one(nd_argsort_keys(c->nin, in, desc, gc_axis(c->iargs[0])), out);
}

static nd_status call_unique_axis(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return nd_unique_axis(in[0], gc_axis(c->iargs[0]), &out[0], &out[1], &out[2], &out[3]);
}

static nd_status call_intersect1d(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return nd_intersect1d(in[0], in[1], c->iargs[0] != 0, &out[0], &out[1], &out[2]);
}

static nd_status call_union1d(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)c;
    return gc_one(nd_union1d(in[0], in[1]), out);
}

static nd_status call_setdiff1d(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_setdiff1d(in[0], in[1], c->iargs[0] != 0), out);
}

static nd_status call_setxor1d(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_setxor1d(in[0], in[1], c->iargs[0] != 0), out);
}

static nd_status call_isin(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_isin(in[0], in[1], c->iargs[0] != 0, c->iargs[1] != 0), out);
}

#define CASE_TEST(op)                                                              \
    static void test_cases_##op(void **state) {                                    \
        (void)state;                                                               \
        GC_RUN(#op, call_##op);                                                    \
    }
CASE_TEST(lexsort)
CASE_TEST(argsort_keys)
CASE_TEST(unique_axis)
CASE_TEST(intersect1d)
CASE_TEST(union1d)
CASE_TEST(setdiff1d)
CASE_TEST(setxor1d)
CASE_TEST(isin)

/* ---------------------------------------------------------------- multi-key sorts */

static uint64_t g_rng = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) {
    g_rng ^= g_rng << 13, g_rng ^= g_rng >> 7, g_rng ^= g_rng << 17;
    return g_rng;
}

/* Checks that perm (1-D int64, n) orders the keys k0 (primary) and k1
 * (both int64 here) ascending, ties in increasing position: the stable
 * order, whatever the sort. */
static void expect_stable_order(const nd_array *perm, const int64_t *k0, const int64_t *k1, int64_t n) {
    nd_array *p = nd_astype(perm, ND_INT64);
    ND_ASSERT_ARRAY(p);
    const int64_t *ix = nd_data(p);
    bool *seen = calloc((size_t)n, 1);
    for (int64_t i = 0; i < n; i++) {
        assert_true(ix[i] >= 0 && ix[i] < n);
        assert_false(seen[ix[i]]);
        seen[ix[i]] = true;
        if (i == 0) continue;
        int64_t a = ix[i - 1], b = ix[i];
        bool ok = k0[a] < k0[b] || (k0[a] == k0[b] && (k1[a] < k1[b] || (k1[a] == k1[b] && a < b)));
        if (!ok) fail_msg("positions %lld and %lld are out of order", (long long)a, (long long)b);
    }
    free(seen);
    nd_free(p);
}

/* Long lanes of many ties, every key dtype width, against the definition
 * of a stable order; one primary key, one secondary. */
static void test_lexsort_long_stable(void **state) {
    (void)state;
    const nd_dtype dts[] = {ND_UINT8, ND_INT16, ND_FLOAT32, ND_INT64};
    int64_t n = UNDER_ASAN ? 3000 : 70000;
    int64_t *k0 = malloc(sizeof(int64_t) * (size_t)n), *k1 = malloc(sizeof(int64_t) * (size_t)n);
    for (int t = 0; t < 4; t++) {
        for (int64_t i = 0; i < n; i++) k0[i] = (int64_t)(rnd() % 7) - 3, k1[i] = (int64_t)(rnd() % 5);
        nd_array *a0 = from_i64(dts[t], 1, &n, k0), *a1 = from_i64(dts[(t + 1) % 4], 1, &n, k1);
        if (dts[t] == ND_UINT8)
            for (int64_t i = 0; i < n; i++) k0[i] = (int64_t)(uint8_t)k0[i]; /* as the key holds them */
        const nd_array *keys[2] = {a1, a0}; /* lexsort: the last key primary */
        nd_array *p = nd_lexsort(2, keys, 0);
        ND_ASSERT_ARRAY(p);
        expect_stable_order(p, k0, k1, n);
        nd_free(p);
        const nd_array *keys2[2] = {a0, a1}; /* argsort_keys: the first key primary */
        p = nd_argsort_keys(2, keys2, NULL, ND_AXIS_NONE);
        ND_ASSERT_ARRAY(p);
        expect_stable_order(p, k0, k1, n);
        nd_free(p);
        nd_free(a0);
        nd_free(a1);
    }
    free(k0);
    free(k1);
}

/* A descending key keeps ties in order too: argsort_keys of (-k) equals
 * argsort_keys of k descending, for integers. */
static void test_descending_is_negation(void **state) {
    (void)state;
    int64_t n = 500, v[500], w[500];
    for (int i = 0; i < n; i++) v[i] = (int64_t)(rnd() % 9), w[i] = -v[i];
    nd_array *a = from_i64(ND_INT32, 1, &n, v), *b = from_i64(ND_INT32, 1, &n, w);
    bool desc = true;
    nd_array *p = nd_argsort_keys(1, (const nd_array *[]){a}, &desc, 0);
    nd_array *q = nd_argsort_keys(1, (const nd_array *[]){b}, NULL, 0);
    ND_ASSERT_ARRAY(p);
    ND_ASSERT_ARRAY(q);
    assert_memory_equal(nd_data(p), nd_data(q), sizeof(int64_t) * (size_t)n);
    nd_free(p), nd_free(q), nd_free(a), nd_free(b);
}

/* Many lanes split over threads give the answer of one thread, along
 * either axis and on a transposed view. */
static void test_lexsort_threads(void **state) {
    (void)state;
    int64_t rows = UNDER_ASAN ? 64 : 600, cols = 300, n = rows * cols;
    int64_t *v = malloc(sizeof(int64_t) * (size_t)n);
    for (int64_t i = 0; i < n; i++) v[i] = (int64_t)(rnd() % 11);
    nd_array *a = from_i64(ND_INT16, 2, SH(rows, cols), v);
    for (int64_t i = 0; i < n; i++) v[i] = (int64_t)(rnd() % 3);
    nd_array *b = from_i64(ND_FLOAT64, 2, SH(rows, cols), v);
    nd_array *at = nd_transpose(a, NULL), *bt = nd_transpose(b, NULL);
    const nd_array *pairs[2][2] = {{a, b}, {at, bt}};
    for (int pr = 0; pr < 2; pr++) {
        for (int axis = 0; axis < 2; axis++) {
            ND_ASSERT_OK(nd_set_num_threads(1));
            nd_array *one = nd_lexsort(2, pairs[pr], axis);
            ND_ASSERT_OK(nd_set_num_threads(4));
            nd_array *four = nd_lexsort(2, pairs[pr], axis);
            ND_ASSERT_ARRAY(one);
            ND_ASSERT_ARRAY(four);
            assert_memory_equal(nd_data(one), nd_data(four), nd_nbytes(one));
            nd_free(one), nd_free(four);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(at), nd_free(bt), nd_free(a), nd_free(b);
    free(v);
}

/* ---------------------------------------------------------------- unique_axis extras */

/* Only the requested outputs are made; values is required. */
static void test_unique_axis_outputs(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_INT32, 2, SH(3, 2), V(1, 2, 0, 5, 1, 2));
    nd_array *v = NULL, *inv = NULL;
    ND_ASSERT_OK(nd_unique_axis(a, 0, &v, NULL, &inv, NULL));
    nd_test_expect(v, V(0, 5, 1, 2), 0);
    nd_test_expect(inv, V(1, 0, 1), 0);
    nd_free(v), nd_free(inv);
    assert_int_equal(nd_unique_axis(a, 0, NULL, NULL, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_unique_axis: argument 'values' is NULL");
    nd_free(a);
}

/* ---------------------------------------------------------------- sets extras */

/* Results are fresh C-contiguous arrays, never views of an input. */
static void test_sets_fresh(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_FLOAT64, 1, SH(4), V(4, 1, 2, 3));
    nd_array *b = from_f64(ND_FLOAT64, 1, SH(2), V(7, 8));
    nd_array *r[4] = {nd_setdiff1d(a, b, true), nd_union1d(a, b), nd_setxor1d(a, b, true), nd_isin(a, b, true, true)};
    for (int k = 0; k < 4; k++) {
        ND_ASSERT_ARRAY(r[k]);
        check_copy("set result", r[k], a);
        nd_free(r[k]);
    }
    nd_free(a), nd_free(b);
}

/* isin on a large random set against bisection done here. */
static void test_isin_large(void **state) {
    (void)state;
    int64_t n = UNDER_ASAN ? 2000 : 100000, m = 5000;
    int64_t *e = malloc(sizeof(int64_t) * (size_t)n), *t = malloc(sizeof(int64_t) * (size_t)m);
    bool *in = calloc(1 << 16, 1);
    for (int64_t i = 0; i < m; i++) t[i] = (int64_t)(rnd() % 40000), in[t[i]] = true;
    for (int64_t i = 0; i < n; i++) e[i] = (int64_t)(rnd() % 50000);
    nd_array *ea = from_i64(ND_INT32, 1, &n, e), *ta = from_i64(ND_UINT16, 1, &m, t);
    nd_array *r = nd_isin(ea, ta, false, false);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_BOOL);
    const uint8_t *got = nd_data(r);
    for (int64_t i = 0; i < n; i++)
        if (got[i] != (e[i] < 40000 && in[e[i]])) fail_msg("element %lld (%lld) wrong", (long long)i, (long long)e[i]);
    nd_free(r), nd_free(ea), nd_free(ta);
    free(e), free(t), free(in);
}

/* ---------------------------------------------------------------- bad arguments */

static void test_errors(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    nd_array *v = NULL, *x = NULL, *y = NULL;
    const nd_array *with_null[2] = {a, NULL};

    assert_null(nd_lexsort(1, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_lexsort: argument 'keys' is NULL");
    assert_null(nd_lexsort(2, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_lexsort: argument 'keys[1]' is NULL");
    assert_null(nd_lexsort(0, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_lexsort: need a sequence of keys");
    assert_null(nd_argsort_keys(-1, with_null, NULL, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_argsort_keys: need a sequence of keys");
    assert_null(nd_argsort_keys(1, with_null, NULL, 1));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_argsort_keys: axis 1 is out of bounds");

    assert_int_equal(nd_unique_axis(NULL, 0, &v, NULL, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_unique_axis: argument 'a' is NULL");
    assert_int_equal(nd_unique_axis(a, 1, &v, NULL, NULL, NULL), ND_ERR_INDEX);
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_unique_axis: axis 1 is out of bounds");
    assert_null(v);

    assert_int_equal(nd_intersect1d(a, NULL, false, &v, &x, &y), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_intersect1d: argument 'b' is NULL");
    assert_int_equal(nd_intersect1d(a, a, false, NULL, &x, &y), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_intersect1d: argument 'values' is NULL");
    assert_null(v), assert_null(x), assert_null(y);
    assert_null(nd_union1d(NULL, a));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_union1d: argument 'a' is NULL");
    assert_null(nd_setdiff1d(a, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_setdiff1d: argument 'b' is NULL");
    assert_null(nd_setxor1d(NULL, a, true));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_setxor1d: argument 'a' is NULL");
    assert_null(nd_isin(a, NULL, false, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_isin: argument 'test_elements' is NULL");

    /* a NULL argument keeps a pending error */
    pending_error();
    assert_null(nd_union1d(a, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_null(nd_lexsort(2, with_null, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_int_equal(nd_unique_axis(NULL, 0, &v, NULL, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
}

/* Sizes whose scratch cannot be allocated give ND_ERR_NOMEM (or overflow)
 * under a 1 GiB allocator, with nothing leaked. */
static void test_huge(void **state) {
    (void)state;
    int64_t n = (int64_t)1 << 40;
    nd_array *one = nd_scalar(1, ND_INT8);
    nd_array *k = nd_broadcast_to(one, 1, &n); /* a view: no memory */
    ND_ASSERT_ARRAY(k);
    const nd_allocator al = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    const nd_array *keys[1] = {k};
    nd_array *r = nd_lexsort(1, keys, 0);
    assert_null(r);
    assert_true(nd_last_status() == ND_ERR_NOMEM || nd_last_status() == ND_ERR_OVERFLOW);
    assert_non_null(strstr(nd_errmsg(), "nd_lexsort: "));
    nd_clear_error();
    nd_array *v = NULL;
    assert_true(nd_unique_axis(k, 0, &v, NULL, NULL, NULL) != ND_OK);
    assert_non_null(strstr(nd_errmsg(), "nd_unique_axis: "));
    nd_clear_error();
    r = nd_isin(k, k, false, false);
    assert_null(r);
    assert_non_null(strstr(nd_errmsg(), "nd_isin: "));
    nd_clear_error();
    ND_ASSERT_OK(nd_set_allocator(NULL));
    nd_free(k);
    nd_free(one);
}

/* ---------------------------------------------------------------- failed allocations */

static nd_array *g_other;

static nd_status fault_lexsort(const nd_array *a) {
    const nd_array *keys[2] = {a, g_other};
    nd_array *r = nd_lexsort(2, keys, 0);
    return status_of(r);
}
static nd_status fault_lexsort_none(const nd_array *a) {
    const nd_array *keys[2] = {g_other, a};
    return status_of(nd_argsort_keys(2, keys, (const bool[]){true, false}, ND_AXIS_NONE));
}
static nd_status fault_unique_axis(const nd_array *a) {
    nd_array *v = (nd_array *)1, *ix = (nd_array *)1, *inv = (nd_array *)1, *cnt = (nd_array *)1;
    nd_status st = nd_unique_axis(a, 1, &v, &ix, &inv, &cnt);
    if (st != ND_OK) {
        assert_ptr_equal(v, (nd_array *)1); /* untouched */
        assert_ptr_equal(cnt, (nd_array *)1);
        return st;
    }
    nd_free(v), nd_free(ix), nd_free(inv), nd_free(cnt);
    return ND_OK;
}
static nd_status fault_intersect(const nd_array *a) {
    nd_array *v = NULL, *x = NULL, *y = NULL;
    nd_status st = nd_intersect1d(a, g_other, false, &v, &x, &y);
    if (st != ND_OK) {
        assert_null(v), assert_null(x), assert_null(y);
        return st;
    }
    nd_free(v), nd_free(x), nd_free(y);
    return ND_OK;
}
static nd_status fault_union(const nd_array *a) { return status_of(nd_union1d(a, g_other)); }
static nd_status fault_setdiff(const nd_array *a) { return status_of(nd_setdiff1d(a, g_other, false)); }
static nd_status fault_setxor(const nd_array *a) { return status_of(nd_setxor1d(a, g_other, false)); }
static nd_status fault_isin(const nd_array *a) { return status_of(nd_isin(a, g_other, false, true)); }

static void test_out_of_memory(void **state) {
    (void)state;
    nd_array *a0 = from_f64(ND_FLOAT32, 2, SH(3, 4), V(3, 1, 2, 1, 0, 1, 3, 1, 2, NAN, 3, 1));
    nd_array *a = nd_transpose(a0, NULL); /* a strided view */
    g_other = from_f64(ND_INT16, 2, SH(4, 3), V(1, 1, 0, 2, 2, 0, 1, 1, 0, 5, 5, 5));
    run_with_faults("nd_lexsort", fault_lexsort, a);
    run_with_faults("nd_argsort_keys", fault_lexsort_none, a);
    run_with_faults("nd_unique_axis", fault_unique_axis, a);
    run_with_faults("nd_intersect1d", fault_intersect, a);
    run_with_faults("nd_union1d", fault_union, a);
    run_with_faults("nd_setdiff1d", fault_setdiff, a);
    run_with_faults("nd_setxor1d", fault_setxor, a);
    run_with_faults("nd_isin", fault_isin, a);
    nd_free(g_other);
    nd_free(a);
    nd_free(a0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cases_lexsort, clear),
        cmocka_unit_test_setup(test_cases_argsort_keys, clear),
        cmocka_unit_test_setup(test_cases_unique_axis, clear),
        cmocka_unit_test_setup(test_cases_intersect1d, clear),
        cmocka_unit_test_setup(test_cases_union1d, clear),
        cmocka_unit_test_setup(test_cases_setdiff1d, clear),
        cmocka_unit_test_setup(test_cases_setxor1d, clear),
        cmocka_unit_test_setup(test_cases_isin, clear),
        cmocka_unit_test_setup(test_lexsort_long_stable, clear),
        cmocka_unit_test_setup(test_descending_is_negation, clear),
        cmocka_unit_test_setup(test_lexsort_threads, clear),
        cmocka_unit_test_setup(test_unique_axis_outputs, clear),
        cmocka_unit_test_setup(test_sets_fresh, clear),
        cmocka_unit_test_setup(test_isin_large, clear),
        cmocka_unit_test_setup(test_errors, clear),
        cmocka_unit_test_setup(test_huge, clear),
        cmocka_unit_test_setup(test_out_of_memory, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
