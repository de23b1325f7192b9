/* Tests for the functions of include/nd/numeric.h: trapz, convolve,
 * correlate, interp, polyfit and polyval. Every case NumPy answered in
 * data/numeric_cases.h (dtypes, views, 0-d and empty arrays, NumPy's
 * errors), then the documented departures, a large convolution against a
 * plain loop, bad arguments and failed allocations. */
#include "nd_test.h"
#include "nd_test_arrays.h"
#include "nd_test_layouts.h"
#include "nd_test_cases.h"

#include <stdlib.h>

#include "data/numeric_cases.h"

/* ---------------------------------------------------------------- callers */

static nd_status call_trapz(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_trapz(in[0], c->iargs[1] ? in[1] : NULL, c->fargs[0], gc_axis(c->iargs[0])), out);
}

static nd_status call_convolve(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_convolve(in[0], in[1], (nd_conv_mode)c->iargs[0]), out);
}

static nd_status call_correlate(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_correlate(in[0], in[1], (nd_conv_mode)c->iargs[0]), out);
}

static nd_status call_interp(const gc_case *c, const nd_array *const *in, nd_array **out) {
    const double *l = c->iargs[0] ? &c->fargs[0] : NULL, *r = c->iargs[1] ? &c->fargs[1] : NULL,
                 *p = c->iargs[2] ? &c->fargs[2] : NULL;
    return gc_one(nd_interp(in[0], in[1], in[2], l, r, p), out);
}

static nd_status call_polyfit(const gc_case *c, const nd_array *const *in, nd_array **out) {
    return gc_one(nd_polyfit(in[0], in[1], (int)c->iargs[0], c->iargs[1] ? in[2] : NULL), out);
}

static nd_status call_polyval(const gc_case *c, const nd_array *const *in, nd_array **out) {
    (void)c;
    return gc_one(nd_polyval(in[0], in[1]), out);
}

#define CASE_TEST(op)                                                              \
    static void test_cases_##op(void **state) {                                    \
        (void)state;                                                               \
        GC_RUN(#op, call_##op);                                                    \
    }
CASE_TEST(trapz)
CASE_TEST(convolve)
CASE_TEST(correlate)
CASE_TEST(interp)
CASE_TEST(polyfit)
CASE_TEST(polyval)

/* ---------------------------------------------------------------- documented departures */

/* Integer and bool samples are added as numbers, not in their dtype. */
static void test_trapz_no_wrap(void **state) {
    (void)state;
    nd_array *y = from_f64(ND_INT8, 1, SH(2), V(100, 100)); /* NumPy: -28.0 */
    nd_array *r = nd_trapz(y, NULL, 1.0, 0);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_test_expect(r, V(100), 0);
    nd_free(r), nd_free(y);
    nd_array *b = from_f64(ND_BOOL, 1, SH(2), V(1, 1)); /* NumPy: 0.5 */
    r = nd_trapz(b, NULL, 1.0, 0);
    nd_test_expect(r, V(1), 0);
    nd_free(r), nd_free(b);
}

/* Horner from p[0]: an infinite x gives the polynomial's limit. */
static void test_polyval_infinite(void **state) {
    (void)state;
    nd_array *p = from_f64(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    nd_array *x = from_f64(ND_FLOAT64, 1, SH(2), V(INFINITY, -INFINITY));
    nd_array *r = nd_polyval(p, x);
    nd_test_expect(r, V(INFINITY, INFINITY), 0);
    nd_free(r), nd_free(x), nd_free(p);
}

/* ---------------------------------------------------------------- convolution */

/* A long convolution against a plain loop, every mode, both orders, in
 * float64 (exact for small integers) and wrapping int16. */
static void test_convolve_long(void **state) {
    (void)state;
    int64_t na = 700, nv = 45;
    double *a = malloc(sizeof(double) * (size_t)na), *v = malloc(sizeof(double) * (size_t)nv);
    double *full = calloc((size_t)(na + nv - 1), sizeof(double));
    for (int64_t i = 0; i < na; i++) a[i] = (double)((i * 37) % 23) - 11;
    for (int64_t j = 0; j < nv; j++) v[j] = (double)((j * 11) % 9) - 4;
    for (int64_t i = 0; i < na; i++)
        for (int64_t j = 0; j < nv; j++) full[i + j] += a[i] * v[j];
    const nd_dtype dts[2] = {ND_FLOAT64, ND_INT16};
    for (int t = 0; t < 2; t++) {
        nd_array *A = from_f64(dts[t], 1, &na, a), *Vv = from_f64(dts[t], 1, &nv, v);
        for (int swap = 0; swap < 2; swap++) {
            nd_array *r = swap ? nd_convolve(Vv, A, ND_CONV_FULL) : nd_convolve(A, Vv, ND_CONV_FULL);
            nd_test_expect(r, full, 0);
            nd_free(r);
            r = swap ? nd_convolve(Vv, A, ND_CONV_VALID) : nd_convolve(A, Vv, ND_CONV_VALID);
            nd_test_shape(r, 1, SH(na - nv + 1));
            nd_test_expect(r, full + nv - 1, 0);
            nd_free(r);
            r = swap ? nd_convolve(Vv, A, ND_CONV_SAME) : nd_convolve(A, Vv, ND_CONV_SAME);
            nd_test_shape(r, 1, SH(na));
            nd_test_expect(r, full + (nv - 1) / 2, 0);
            nd_free(r);
        }
        nd_free(A), nd_free(Vv);
    }
    free(a), free(v), free(full);
}

/* ---------------------------------------------------------------- bad arguments */

static void test_errors(void **state) {
    (void)state;
    nd_array *a = from_f64(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    assert_null(nd_trapz(NULL, NULL, 1, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_trapz: argument 'y' is NULL");
    assert_null(nd_convolve(a, NULL, ND_CONV_FULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_convolve: argument 'v' is NULL");
    assert_null(nd_correlate(a, a, (nd_conv_mode)5));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_correlate: mode must be");
    assert_null(nd_interp(a, NULL, a, NULL, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_interp: argument 'xp' is NULL");
    double inf = INFINITY, nan = NAN;
    assert_null(nd_interp(a, a, a, NULL, NULL, &inf));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_interp: period must be a non-zero finite value");
    assert_null(nd_interp(a, a, a, NULL, NULL, &nan));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_interp: period must be a non-zero finite value");
    assert_null(nd_polyfit(NULL, a, 1, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_polyfit: argument 'x' is NULL");
    assert_null(nd_polyval(a, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_polyval: argument 'x' is NULL");
    pending_error();
    assert_null(nd_polyval(NULL, a));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    pending_error();
    assert_null(nd_interp(NULL, a, a, NULL, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);
    nd_free(a);
}

/* Inputs too large to convert (broadcast views of 2^40 elements) are
 * refused with ND_ERR_NOMEM under a 1 GiB allocator, naming the function. */
static void test_huge(void **state) {
    (void)state;
    int64_t n = (int64_t)1 << 40;
    nd_array *one = nd_scalar(1, ND_INT16);
    nd_array *big = nd_broadcast_to(one, 1, &n);
    nd_array *small = from_f64(ND_FLOAT64, 1, SH(3), V(1, 2, 3));
    ND_ASSERT_ARRAY(big);
    const nd_allocator al = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    nd_array *r[5] = {nd_trapz(big, NULL, 1, 0), nd_convolve(big, small, ND_CONV_VALID),
                      nd_interp(big, small, small, NULL, NULL, NULL), nd_polyval(small, big),
                      nd_polyfit(big, big, 1, NULL)};
    ND_ASSERT_OK(nd_set_allocator(NULL));
    for (int k = 0; k < 5; k++) assert_null(r[k]);
    assert_int_equal(nd_last_status(), ND_ERR_NOMEM);
    assert_non_null(strstr(nd_errmsg(), "nd_polyfit: "));
    nd_free(small), nd_free(big), nd_free(one);
}

/* ---------------------------------------------------------------- failed allocations */

static nd_array *g_b, *g_c;

static nd_status fault_trapz(const nd_array *a) { return status_of(nd_trapz(a, g_b, 0, 1)); }
static nd_status fault_trapz_dx(const nd_array *a) { return status_of(nd_trapz(a, NULL, 0.5, 0)); }
static nd_status fault_convolve(const nd_array *a) {
    nd_array *f = nd_ravel(a);
    if (!f) return nd_last_status();
    nd_status st = status_of(nd_convolve(f, g_b, ND_CONV_SAME));
    nd_free(f);
    return st;
}
static nd_status fault_correlate(const nd_array *a) {
    nd_array *f = nd_ravel(a);
    if (!f) return nd_last_status();
    nd_status st = status_of(nd_correlate(g_b, f, ND_CONV_FULL));
    nd_free(f);
    return st;
}
static nd_status fault_interp(const nd_array *a) { return status_of(nd_interp(a, g_b, g_c, NULL, NULL, NULL)); }
static nd_status fault_interp_period(const nd_array *a) {
    double p = 2.5;
    return status_of(nd_interp(a, g_b, g_c, NULL, NULL, &p));
}
static nd_status fault_polyfit(const nd_array *a) {
    (void)a;
    return status_of(nd_polyfit(g_b, g_c, 2, g_c));
}
static nd_status fault_polyval(const nd_array *a) { return status_of(nd_polyval(g_b, a)); }

static void test_out_of_memory(void **state) {
    (void)state;
    nd_array *a0 = from_f64(ND_INT16, 2, SH(3, 2), V(1, 2, 3, 4, 5, 6));
    nd_array *a = nd_transpose(a0, NULL); /* (2, 3), strided */
    g_b = from_f64(ND_FLOAT32, 1, SH(3), V(0, 1, 3));
    g_c = from_f64(ND_FLOAT64, 1, SH(3), V(2, -1, 5));
    run_with_faults("nd_trapz", fault_trapz, a);
    run_with_faults("nd_trapz (dx)", fault_trapz_dx, a);
    run_with_faults("nd_convolve", fault_convolve, a);
    run_with_faults("nd_correlate", fault_correlate, a);
    run_with_faults("nd_interp", fault_interp, a);
    run_with_faults("nd_interp (period)", fault_interp_period, a);
    run_with_faults("nd_polyfit", fault_polyfit, a);
    run_with_faults("nd_polyval", fault_polyval, a);
    nd_free(g_b), nd_free(g_c), nd_free(a), nd_free(a0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cases_trapz, clear),
        cmocka_unit_test_setup(test_cases_convolve, clear),
        cmocka_unit_test_setup(test_cases_correlate, clear),
        cmocka_unit_test_setup(test_cases_interp, clear),
        cmocka_unit_test_setup(test_cases_polyfit, clear),
        cmocka_unit_test_setup(test_cases_polyval, clear),
        cmocka_unit_test_setup(test_trapz_no_wrap, clear),
        cmocka_unit_test_setup(test_polyval_infinite, clear),
        cmocka_unit_test_setup(test_convolve_long, clear),
        cmocka_unit_test_setup(test_errors, clear),
        cmocka_unit_test_setup(test_huge, clear),
        cmocka_unit_test_setup(test_out_of_memory, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
