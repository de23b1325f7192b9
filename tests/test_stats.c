/* Tests for the statistics of include/nd/stats.h: every case NumPy answered in
 * data/stats_cases.h (one cmocka test per function: methods, dtypes, axes,
 * q shapes, views, NaN, infinities, empty and 0-d arrays, weights, errors),
 * each run plainly and, where there is one, through the _out variant into a
 * C-ordered and a Fortran-ordered output; then method names, NULL and bad
 * arguments, outputs left alone on error, inputs never written, the
 * selection against a full sort on adversarial data, failed allocations at
 * every allocation, and huge sizes. */
#include "nd_test.h"
#include "nd_test_arrays.h"
#include "nd_test_layouts.h"

#include <stdlib.h>

#include "data/stats_cases.h"

#define NUM_CASES (int)(sizeof st_cases / sizeof st_cases[0])
#define NUM_INPUTS (int)(sizeof st_inputs / sizeof st_inputs[0])

/* ---------------------------------------------------------------- generated cases */

static nd_array *g_inputs[NUM_INPUTS];

static const nd_array *input(int i) {
    if (i < 0) return NULL;
    if (!g_inputs[i]) g_inputs[i] = GEN_INPUT(&st_inputs[i], st_fpool, st_ipool);
    return g_inputs[i];
}

static void free_inputs(void) {
    for (int i = 0; i < NUM_INPUTS; i++) {
        nd_free(g_inputs[i]);
        g_inputs[i] = NULL;
    }
}

static bool has_out(const char *op) {
    static const char *const ops[] = {"median", "nanmedian", "quantile", "percentile", "nanquantile",
                                      "nanpercentile", "ptp", "nanprod", "nanvar", "nanstd",
                                      "nanargmin", "nanargmax", "nancumsum", "nancumprod"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(op, ops[i])) return true;
    return false;
}

/* Calls case c; results into r[0..) (NULL where the call failed). out, if
 * not NULL, runs the _out variant into it instead. Returns the status. */
static nd_status call_case(const st_case *c, nd_array **r, nd_array *out) {
    const nd_array *a = input(c->in[0]), *b = input(c->in[1]), *x2 = input(c->in[2]), *x3 = input(c->in[3]);
    const char *op = c->op;
    bool dens = c->flags & ST_DENSITY;
    nd_quantile_method m = (nd_quantile_method)c->method;
    r[0] = NULL;
#define PLAIN_OR_OUT_(plain, outcall)                                              \
    do {                                                                           \
        if (out) return outcall;                                                   \
        r[0] = plain;                                                              \
        return r[0] ? ND_OK : nd_last_status();                                    \
    } while (0)
    if (!strcmp(op, "median"))
        PLAIN_OR_OUT_(nd_median(a, c->naxes, c->axes, c->keepdims), nd_median_out(a, c->naxes, c->axes, c->keepdims, out));
    if (!strcmp(op, "nanmedian"))
        PLAIN_OR_OUT_(nd_nanmedian(a, c->naxes, c->axes, c->keepdims),
                      nd_nanmedian_out(a, c->naxes, c->axes, c->keepdims, out));
#define Q_(name)                                                                   \
    if (!strcmp(op, #name))                                                        \
        PLAIN_OR_OUT_(nd_##name(a, b, c->naxes, c->axes, c->keepdims, m),          \
                      nd_##name##_out(a, b, c->naxes, c->axes, c->keepdims, m, out)); \
    if (!strcmp(op, #name "s")) {                                                  \
        r[0] = nd_##name##s(a, c->nq, c->qv, c->naxes, c->axes, c->keepdims, m);   \
        return r[0] ? ND_OK : nd_last_status();                                    \
    }
    Q_(quantile)
    Q_(percentile)
    Q_(nanquantile)
    Q_(nanpercentile)
#undef Q_
    if (!strcmp(op, "ptp"))
        PLAIN_OR_OUT_(nd_ptp(a, c->naxes, c->axes, c->keepdims), nd_ptp_out(a, c->naxes, c->axes, c->keepdims, out));
    if (!strcmp(op, "nanprod"))
        PLAIN_OR_OUT_(nd_nanprod(a, c->naxes, c->axes, c->keepdims),
                      nd_nanprod_out(a, c->naxes, c->axes, c->keepdims, out));
    if (!strcmp(op, "nanvar"))
        PLAIN_OR_OUT_(nd_nanvar(a, c->naxes, c->axes, c->keepdims, c->ddof),
                      nd_nanvar_out(a, c->naxes, c->axes, c->keepdims, c->ddof, out));
    if (!strcmp(op, "nanstd"))
        PLAIN_OR_OUT_(nd_nanstd(a, c->naxes, c->axes, c->keepdims, c->ddof),
                      nd_nanstd_out(a, c->naxes, c->axes, c->keepdims, c->ddof, out));
    if (!strcmp(op, "nanargmin"))
        PLAIN_OR_OUT_(nd_nanargmin(a, c->axis, c->keepdims), nd_nanargmin_out(a, c->axis, c->keepdims, out));
    if (!strcmp(op, "nanargmax"))
        PLAIN_OR_OUT_(nd_nanargmax(a, c->axis, c->keepdims), nd_nanargmax_out(a, c->axis, c->keepdims, out));
    if (!strcmp(op, "nancumsum")) PLAIN_OR_OUT_(nd_nancumsum(a, c->axis), nd_nancumsum_out(a, c->axis, out));
    if (!strcmp(op, "nancumprod")) PLAIN_OR_OUT_(nd_nancumprod(a, c->axis), nd_nancumprod_out(a, c->axis, out));
#undef PLAIN_OR_OUT_
    if (!strcmp(op, "average")) {
        r[1] = NULL;
        r[0] = nd_average(a, c->naxes, c->axes, c->keepdims, b, &r[1]);
        return r[0] ? ND_OK : nd_last_status();
    }
    if (!strcmp(op, "cov")) {
        r[0] = nd_cov(a, b, c->flags & ST_ROWVAR, c->flags & ST_BIAS, (int64_t)c->ddof, x2, x3);
        return r[0] ? ND_OK : nd_last_status();
    }
    if (!strcmp(op, "corrcoef")) {
        r[0] = nd_corrcoef(a, b, c->flags & ST_ROWVAR);
        return r[0] ? ND_OK : nd_last_status();
    }
    if (!strcmp(op, "digitize")) {
        r[0] = nd_digitize(a, b, c->flags & ST_RIGHT);
        return r[0] ? ND_OK : nd_last_status();
    }
    if (!strcmp(op, "histogram_edges")) {
        r[0] = nd_histogram_edges(a, b, x2, dens);
        return r[0] ? ND_OK : nd_last_status();
    }
    const nd_array *edges[3] = {input(c->edge_in[0]), input(c->edge_in[1]), input(c->edge_in[2])};
    bool any_edges = edges[0] || edges[1] || edges[2];
    const int64_t *bins = c->nbins ? c->bins : NULL;
    const double *range = c->nrange ? c->range : NULL;
    if (!strcmp(op, "histogramdd")) {
        for (int i = 0; i < 4; i++) r[i] = NULL;
        return nd_histogramdd(a, bins, any_edges ? edges : NULL, range, dens, x2, &r[0], &r[1]);
    }
    if (!strcmp(op, "histogram2d")) {
        for (int i = 0; i < 3; i++) r[i] = NULL;
        return nd_histogram2d(a, b, bins, any_edges ? edges : NULL, range, dens, x2, &r[0], &r[1], &r[2]);
    }
    fail_msg("unknown op %s", op);
    return ND_ERR_VALUE;
}

static bool check_res(const st_case *c, int ci, int k, const nd_array *got, const char *how) {
    const st_result *e = &st_results[c->res + k];
    return gen_check(ci, c->expr, how, got, e->dtype, e->ndim, e->shape, GEN_FVALS(e->dtype, st_fpool, e->off),
                     GEN_IVALS(e->dtype, st_ipool, e->off),
                     e->rtol, e->atol);
}

static bool check_error(const st_case *c, int ci, nd_status st, const char *fn, const char *how) {
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s: ", fn);
    bool ok = st != ND_OK && st == c->status && nd_last_status() == c->status &&
              strncmp(nd_errmsg(), prefix, strlen(prefix)) == 0;
    if (!ok)
        print_error("case %d %s [%s]: expected %s, got %s ('%s')\n", ci, c->expr, how, nd_status_name(c->status),
                    nd_status_name(st), nd_errmsg());
    nd_clear_error();
    return ok;
}

/* The _out variant of a passing case into a C-ordered output and into a
 * Fortran-ordered one (a transposed view). */
static bool run_out(const st_case *c, int ci) {
    const st_result *e = &st_results[c->res];
    bool ok = true;
    for (int layout = 0; layout < 2 && ok; layout++) {
        nd_array *out, *base = NULL;
        if (layout == 0) {
            out = new_array(e->dtype, e->ndim, e->shape);
        } else {
            int64_t rev[6];
            for (int d = 0; d < e->ndim; d++) rev[d] = e->shape[e->ndim - 1 - d];
            base = new_array(e->dtype, e->ndim, rev);
            out = nd_transpose(base, NULL);
            ND_ASSERT_ARRAY(out);
        }
        nd_array *r[4];
        nd_status st = call_case(c, r, out);
        if (st != ND_OK) {
            print_error("case %d %s [_out %d]: failed: %s\n", ci, c->expr, layout, nd_errmsg());
            nd_clear_error();
            ok = false;
        } else {
            ok = check_res(c, ci, 0, out, layout ? "_out F" : "_out C");
        }
        nd_free(out);
        nd_free(base);
    }
    return ok;
}

static void run_cases(const char *op) {
    int ran = 0, failed = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const st_case *c = &st_cases[ci];
        if (strcmp(c->op, op) != 0) continue;
        ran++;
        nd_clear_error();
        nd_array *r[4] = {NULL, NULL, NULL, NULL};
        nd_status st = call_case(c, r, NULL);
        char fn[64];
        snprintf(fn, sizeof fn, "nd_%s", c->op);
        bool ok = true;
        if (c->status != ND_OK) {
            ok = check_error(c, ci, st, fn, "plain");
            for (int k = 0; k < 4; k++)
                if (r[k]) {
                    print_error("case %d %s: a result was returned on error\n", ci, c->expr);
                    ok = false;
                }
        } else if (st != ND_OK) {
            print_error("case %d %s: failed: %s\n", ci, c->expr, nd_errmsg());
            nd_clear_error();
            ok = false;
        } else {
            for (int k = 0; k < c->nres && ok; k++) ok = check_res(c, ci, k, r[k], k ? "result k" : "plain");
        }
        for (int k = 0; k < 4; k++) nd_free(r[k]);
        if (ok && c->status == ND_OK && has_out(c->op)) ok = run_out(c, ci);
        if (!ok) failed++;
    }
    free_inputs();
    if (ran == 0) fail_msg("no cases for %s", op);
    if (failed) fail_msg("%s: %d of %d cases failed", op, failed, ran);
}

#define ST_OPS(X)                                                                  \
    X(median) X(nanmedian) X(quantile) X(quantiles) X(percentile) X(percentiles)   \
    X(nanquantile) X(nanquantiles) X(nanpercentile) X(nanpercentiles) X(average)   \
    X(ptp) X(nanprod) X(nanvar) X(nanstd) X(nanargmin) X(nanargmax) X(nancumsum)   \
    X(nancumprod) X(cov) X(corrcoef) X(digitize) X(histogram_edges) X(histogramdd) \
    X(histogram2d)

#define CASES_TEST_(n)                                                             \
    static void test_cases_##n(void **state) {                                     \
        (void)state;                                                               \
        run_cases(#n);                                                             \
    }
ST_OPS(CASES_TEST_)
#undef CASES_TEST_

/* The table covers what the suite relies on: every input builds, each op
 * has cases, errors, views, NaN, empty and 0-d inputs, and all 13 methods
 * for every dtype. */
static void test_cases_table(void **state) {
    (void)state;
    for (int i = 0; i < NUM_INPUTS; i++) ND_ASSERT_ARRAY(input(i));
    free_inputs();
    int errors = 0, views = 0, empties = 0, zerod = 0;
    bool method_dtype[ND_QUANTILE_NUM_METHODS][ND_NUM_DTYPES] = {{false}};
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const st_case *c = &st_cases[ci];
        const st_input *in = &st_inputs[c->in[0]];
        errors += c->status != ND_OK;
        views += in->index || in->transpose || in->bndim;
        zerod += in->ndim == 0;
        int64_t n = 1;
        for (int d = 0; d < in->ndim; d++) n *= in->shape[d];
        empties += n == 0;
        if (!strcmp(c->op, "quantile") && c->status == ND_OK) method_dtype[c->method][in->dtype] = true;
    }
    for (int m = 0; m < ND_QUANTILE_NUM_METHODS; m++)
        for (int d = 0; d < ND_NUM_DTYPES; d++)
            if (!method_dtype[m][d]) fail_msg("no quantile case for method %d and %s", m, nd_dtype_name((nd_dtype)d));
    assert_true(NUM_CASES > 4000);
    assert_true(errors > 100);
    assert_true(views > 300);
    assert_true(empties > 100);
    assert_true(zerod > 50);
}

/* ---------------------------------------------------------------- methods */

static void test_method_names(void **state) {
    (void)state;
    static const char *const names[] = {"linear", "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
                                        "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
                                        "normal_unbiased", "lower", "higher", "midpoint", "nearest"};
    for (int m = 0; m < ND_QUANTILE_NUM_METHODS; m++)
        assert_int_equal(nd_quantile_method_from_name(names[m]), m);
    assert_int_equal(nd_quantile_method_from_name("Linear"), ND_QUANTILE_NUM_METHODS);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantile_method_from_name: 'Linear' is not a valid method");
    assert_int_equal(nd_quantile_method_from_name(NULL), ND_QUANTILE_NUM_METHODS);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_quantile_method_from_name: argument 'name' is NULL");
    /* the default method is 0 */
    assert_int_equal(ND_QUANTILE_LINEAR, 0);
}

/* ---------------------------------------------------------------- bad arguments */

static nd_array *small_f64(void) {
    return from_f64(ND_FLOAT64, 2, SH(2, 3), V(1, 5, 2, 8, 3, 9));
}

/* Every function refuses a NULL array naming itself, and keeps a pending error. */
static void test_null_args(void **state) {
    (void)state;
    nd_array *a = small_f64(), *q = nd_scalar(0.5, ND_FLOAT64), *h = NULL, *e[2];
    nd_array *out = nd_zeros(0, NULL, ND_FLOAT64);
    double qv = 0.5;
#define EXPECT_NULL_(call, fn)                                                     \
    do {                                                                           \
        nd_clear_error();                                                          \
        assert_null(call);                                                         \
        ND_ASSERT_ERROR(ND_ERR_NULL, fn ": argument");                             \
        pending_error();                                                           \
        assert_null(call);                                                         \
        ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);                                \
    } while (0)
#define EXPECT_NULL_ST_(call, fn)                                                  \
    do {                                                                           \
        nd_clear_error();                                                          \
        assert_int_equal(call, ND_ERR_NULL);                                       \
        ND_ASSERT_ERROR(ND_ERR_NULL, fn ": argument");                             \
        pending_error();                                                           \
        assert_int_equal(call, ND_ERR_NULL);                                       \
        ND_ASSERT_ERROR(ND_ERR_VALUE, PENDING_MSG);                                \
    } while (0)
    EXPECT_NULL_(nd_median(NULL, ND_ALL_AXES, NULL, false), "nd_median");
    EXPECT_NULL_ST_(nd_median_out(NULL, ND_ALL_AXES, NULL, false, out), "nd_median_out");
    EXPECT_NULL_ST_(nd_median_out(a, ND_ALL_AXES, NULL, false, NULL), "nd_median_out");
    EXPECT_NULL_(nd_nanmedian(NULL, ND_ALL_AXES, NULL, false), "nd_nanmedian");
    EXPECT_NULL_ST_(nd_nanmedian_out(a, ND_ALL_AXES, NULL, false, NULL), "nd_nanmedian_out");
    EXPECT_NULL_(nd_quantile(NULL, q, ND_ALL_AXES, NULL, false, 0), "nd_quantile");
    EXPECT_NULL_(nd_quantile(a, NULL, ND_ALL_AXES, NULL, false, 0), "nd_quantile");
    EXPECT_NULL_ST_(nd_quantile_out(a, NULL, ND_ALL_AXES, NULL, false, 0, out), "nd_quantile_out");
    EXPECT_NULL_ST_(nd_quantile_out(a, q, ND_ALL_AXES, NULL, false, 0, NULL), "nd_quantile_out");
    EXPECT_NULL_(nd_quantiles(NULL, 1, &qv, ND_ALL_AXES, NULL, false, 0), "nd_quantiles");
    EXPECT_NULL_(nd_quantiles(a, 1, NULL, ND_ALL_AXES, NULL, false, 0), "nd_quantiles");
    EXPECT_NULL_(nd_percentile(a, NULL, ND_ALL_AXES, NULL, false, 0), "nd_percentile");
    EXPECT_NULL_ST_(nd_percentile_out(NULL, q, ND_ALL_AXES, NULL, false, 0, out), "nd_percentile_out");
    EXPECT_NULL_(nd_percentiles(NULL, 1, &qv, ND_ALL_AXES, NULL, false, 0), "nd_percentiles");
    EXPECT_NULL_(nd_nanquantile(NULL, q, ND_ALL_AXES, NULL, false, 0), "nd_nanquantile");
    EXPECT_NULL_ST_(nd_nanquantile_out(a, q, ND_ALL_AXES, NULL, false, 0, NULL), "nd_nanquantile_out");
    EXPECT_NULL_(nd_nanquantiles(a, 2, NULL, ND_ALL_AXES, NULL, false, 0), "nd_nanquantiles");
    EXPECT_NULL_(nd_nanpercentile(NULL, q, ND_ALL_AXES, NULL, false, 0), "nd_nanpercentile");
    EXPECT_NULL_ST_(nd_nanpercentile_out(a, NULL, ND_ALL_AXES, NULL, false, 0, out), "nd_nanpercentile_out");
    EXPECT_NULL_(nd_nanpercentiles(NULL, 1, &qv, ND_ALL_AXES, NULL, false, 0), "nd_nanpercentiles");
    EXPECT_NULL_(nd_average(NULL, ND_ALL_AXES, NULL, false, NULL, NULL), "nd_average");
    EXPECT_NULL_(nd_ptp(NULL, ND_ALL_AXES, NULL, false), "nd_ptp");
    EXPECT_NULL_ST_(nd_ptp_out(a, ND_ALL_AXES, NULL, false, NULL), "nd_ptp_out");
    EXPECT_NULL_(nd_nanprod(NULL, ND_ALL_AXES, NULL, false), "nd_nanprod");
    EXPECT_NULL_ST_(nd_nanprod_out(NULL, ND_ALL_AXES, NULL, false, out), "nd_nanprod_out");
    EXPECT_NULL_(nd_nanvar(NULL, ND_ALL_AXES, NULL, false, 0), "nd_nanvar");
    EXPECT_NULL_ST_(nd_nanvar_out(a, ND_ALL_AXES, NULL, false, 0, NULL), "nd_nanvar_out");
    EXPECT_NULL_(nd_nanstd(NULL, ND_ALL_AXES, NULL, false, 0), "nd_nanstd");
    EXPECT_NULL_ST_(nd_nanstd_out(NULL, ND_ALL_AXES, NULL, false, 0, out), "nd_nanstd_out");
    EXPECT_NULL_(nd_nanargmin(NULL, 0, false), "nd_nanargmin");
    EXPECT_NULL_ST_(nd_nanargmin_out(a, 0, false, NULL), "nd_nanargmin_out");
    EXPECT_NULL_(nd_nanargmax(NULL, 0, false), "nd_nanargmax");
    EXPECT_NULL_ST_(nd_nanargmax_out(NULL, 0, false, out), "nd_nanargmax_out");
    EXPECT_NULL_(nd_nancumsum(NULL, 0), "nd_nancumsum");
    EXPECT_NULL_ST_(nd_nancumsum_out(a, 0, NULL), "nd_nancumsum_out");
    EXPECT_NULL_(nd_nancumprod(NULL, 0), "nd_nancumprod");
    EXPECT_NULL_ST_(nd_nancumprod_out(NULL, 0, out), "nd_nancumprod_out");
    EXPECT_NULL_(nd_cov(NULL, NULL, true, false, -1, NULL, NULL), "nd_cov");
    EXPECT_NULL_(nd_corrcoef(NULL, a, true), "nd_corrcoef");
    EXPECT_NULL_(nd_digitize(NULL, a, false), "nd_digitize");
    EXPECT_NULL_(nd_digitize(a, NULL, false), "nd_digitize");
    EXPECT_NULL_(nd_histogram_edges(NULL, a, NULL, false), "nd_histogram_edges");
    EXPECT_NULL_(nd_histogram_edges(a, NULL, NULL, false), "nd_histogram_edges");
    EXPECT_NULL_ST_(nd_histogramdd(NULL, NULL, NULL, NULL, false, NULL, &h, e), "nd_histogramdd");
    EXPECT_NULL_ST_(nd_histogram2d(NULL, a, NULL, NULL, NULL, false, NULL, &h, &e[0], &e[1]), "nd_histogram2d");
    EXPECT_NULL_ST_(nd_histogram2d(a, NULL, NULL, NULL, NULL, false, NULL, &h, &e[0], &e[1]), "nd_histogram2d");
    assert_null(h);
#undef EXPECT_NULL_
#undef EXPECT_NULL_ST_
    nd_free(out);
    nd_free(q);
    nd_free(a);
}

static void test_bad_args(void **state) {
    (void)state;
    nd_array *a = small_f64(), *q = nd_scalar(0.5, ND_FLOAT64), *r;
    double qv[2] = {0.25, 0.5};
    /* quantile methods outside the enum, negative counts */
    assert_null(nd_quantile(a, q, ND_ALL_AXES, NULL, false, ND_QUANTILE_NUM_METHODS));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantile: 13 is not a valid method");
    assert_null(nd_quantile(a, q, ND_ALL_AXES, NULL, false, (nd_quantile_method)-1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantile: -1 is not a valid method");
    assert_null(nd_quantiles(a, -1, qv, ND_ALL_AXES, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantiles: the number of quantiles must not be negative");
    assert_null(nd_percentiles(a, 2, qv, 1, (const int[]){2}, false, 0));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_percentiles:");
    assert_null(nd_quantiles(a, 2, qv, -2, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantiles:");
    assert_null(nd_quantiles(a, 2, qv, 1, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_quantiles:");
    /* no quantiles at all: shape (0,) + reduced */
    r = nd_quantiles(a, 0, NULL, 1, (const int[]){1}, false, 0);
    nd_test_shape(r, 2, SH(0, 2));
    nd_free(r);
    /* q of 3 dimensions; values outside the range, NaN */
    nd_array *q3 = nd_zeros(3, SH(1, 1, 1), ND_FLOAT64);
    assert_null(nd_nanquantile(a, q3, ND_ALL_AXES, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_nanquantile: q must be a scalar or 1d (got shape (1,1,1))");
    nd_free(q3);
    assert_null(nd_percentiles(a, 1, (const double[]){100.5}, ND_ALL_AXES, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_percentiles: Percentiles must be in the range [0, 100] (got 100.5)");
    assert_null(nd_quantiles(a, 1, (const double[]){NAN}, ND_ALL_AXES, NULL, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantiles: Quantiles must be in the range [0, 1]");
    /* q from an integer or bool array */
    nd_array *qi = from_i64(ND_INT16, 1, SH(2), (const int64_t[]){0, 1});
    r = nd_quantile(a, qi, ND_ALL_AXES, NULL, false, ND_QUANTILE_LINEAR);
    nd_test_shape(r, 1, SH(2));
    nd_test_expect(r, V(1, 9), 0);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_free(r);
    nd_free(qi);
    /* the empty slice of a quantile (and of nanquantile with an integer result) */
    nd_array *e = nd_zeros(2, SH(3, 0), ND_INT32);
    assert_null(nd_quantile(e, q, 1, (const int[]){1}, false, 0));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_quantile: cannot take a quantile of an empty slice (axis 1 has length 0)");
    assert_null(nd_nanquantile(e, q, 1, (const int[]){1}, false, ND_QUANTILE_LOWER));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_nanquantile: cannot take a quantile of an empty slice");
    r = nd_nanquantile(e, q, 1, (const int[]){1}, false, ND_QUANTILE_LINEAR); /* a float result: NaN */
    nd_test_shape(r, 1, SH(3));
    nd_test_expect(r, V(NAN, NAN, NAN), 0);
    nd_free(r);
    r = nd_quantile(e, q, 1, (const int[]){0}, false, 0); /* nothing to compute: an empty result */
    nd_test_shape(r, 1, SH(0));
    nd_free(r);
    nd_free(e);
    /* ddof, axes */
    assert_null(nd_nanvar(a, ND_ALL_AXES, NULL, false, -1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_nanvar: ddof must be a non-negative number");
    assert_null(nd_nanstd(a, ND_ALL_AXES, NULL, false, NAN));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_nanstd: ddof must be a non-negative number");
    assert_null(nd_nanargmin(a, 2, false));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_nanargmin:");
    assert_null(nd_nancumprod(a, -3));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_nancumprod:");
    assert_null(nd_ptp(a, 2, (const int[]){0, 0}, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_ptp:");
    assert_null(nd_average(a, 1, (const int[]){5}, false, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_INDEX, "nd_average:");
    /* integer nanargmin goes through argmin but names itself */
    nd_array *ie = nd_zeros(2, SH(0, 2), ND_INT8);
    assert_null(nd_nanargmax(ie, 0, false));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_nanargmax: attempt to get argmax of an empty sequence");
    nd_free(ie);
    /* histograms */
    nd_array *h = NULL, *ed[3] = {NULL, NULL, NULL};
    nd_array *s3 = nd_zeros(3, SH(2, 2, 2), ND_FLOAT64), *s0 = nd_zeros(2, SH(4, 0), ND_FLOAT64);
    assert_int_equal(nd_histogramdd(s3, NULL, NULL, NULL, false, NULL, &h, ed), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_histogramdd: sample must be (N, D), 1-D or 0-d (got shape (2,2,2))");
    assert_int_equal(nd_histogramdd(s0, NULL, NULL, NULL, false, NULL, &h, ed), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_histogramdd: the samples must have 1 to 32 dimensions (got 0)");
    int64_t huge[3] = {INT64_MAX, 2, 2};
    assert_int_equal(nd_histogramdd(a, huge, NULL, NULL, false, NULL, &h, ed), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_histogramdd:");
    assert_null(h);
    assert_null(ed[0]);
    nd_array *x2 = nd_zeros(2, SH(2, 2), ND_FLOAT64), *y1 = nd_zeros(1, SH(4), ND_FLOAT64);
    assert_int_equal(nd_histogram2d(x2, y1, NULL, NULL, NULL, false, NULL, &h, &ed[0], &ed[1]), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_histogram2d: x must be 1-D (got shape (2,2))");
    assert_int_equal(nd_histogram2d(y1, x2, NULL, NULL, NULL, false, NULL, &h, &ed[0], &ed[1]), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_histogram2d: y must be 1-D");
    nd_free(s3);
    nd_free(s0);
    nd_free(x2);
    nd_free(y1);
    /* digitize's bins */
    nd_array *b2 = nd_zeros(2, SH(1, 2), ND_FLOAT64);
    assert_null(nd_digitize(a, b2, false));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_digitize: bins must be 1-D (got shape (1,2))");
    nd_free(b2);
    /* cov */
    nd_array *m3 = nd_zeros(3, SH(1, 2, 3), ND_FLOAT64);
    assert_null(nd_cov(a, m3, true, false, -1, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_cov: y has more than 2 dimensions");
    assert_null(nd_corrcoef(m3, NULL, false));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_corrcoef: m has more than 2 dimensions");
    nd_free(m3);
    nd_free(q);
    nd_free(a);
}

/* ---------------------------------------------------------------- outputs */

/* A failed _out call leaves out as it was (the snapshot is taken first). */
static void expect_out_refused(nd_status st, nd_status want, const char *msg, nd_array *out, void *snap) {
    if (st != want || nd_last_status() != want)
        fail_msg("%s: status %s, expected %s ('%s')", msg, nd_status_name(st), nd_status_name(want), nd_errmsg());
    ND_ASSERT_ERROR(want, msg);
    assert_untouched(out, snap, msg);
}
#define EXPECT_OUT_REFUSED_(call, want, msg, out)                                  \
    do {                                                                           \
        void *sn_ = snapshot(out);                                                 \
        nd_status st_ = (call);                                                    \
        expect_out_refused(st_, want, msg, out, sn_);                              \
    } while (0)

static void test_out_errors(void **state) {
    (void)state;
    nd_array *a = small_f64(), *q = from_f64(ND_FLOAT64, 1, SH(2), V(0.25, 0.5));
    nd_array *bad_shape = new_array(ND_FLOAT64, 1, SH(3));
    nd_array *i32 = new_array(ND_INT32, 1, SH(3));
    nd_array *ok2 = new_array(ND_FLOAT64, 1, SH(2));
    nd_array *one = nd_zeros(1, SH(1), ND_FLOAT64);
    nd_array *ro = nd_broadcast_to(one, 1, SH(3));
    EXPECT_OUT_REFUSED_(nd_median_out(a, 1, (const int[]){1}, false, bad_shape),
                        ND_ERR_SHAPE, "nd_median_out:", bad_shape);
    /* float64 does not cast to int32 under same_kind */
    EXPECT_OUT_REFUSED_(nd_median_out(a, 1, (const int[]){0}, false, i32),
                        ND_ERR_DTYPE, "nd_median_out: cannot cast the result from float64 to the output's int32", i32);
    EXPECT_OUT_REFUSED_(nd_nanmedian_out(a, 1, (const int[]){0}, false, ro),
                        ND_ERR_READONLY, "nd_nanmedian_out:", one);
    EXPECT_OUT_REFUSED_(nd_quantile_out(a, q, 1, (const int[]){0}, false, 0, bad_shape),
                        ND_ERR_SHAPE, "nd_quantile_out:", bad_shape);
    EXPECT_OUT_REFUSED_(nd_percentile_out(a, q, ND_ALL_AXES, NULL, false, ND_QUANTILE_NUM_METHODS, ok2),
                        ND_ERR_VALUE, "nd_percentile_out: 13 is not a valid method", ok2);
    EXPECT_OUT_REFUSED_(nd_nanquantile_out(a, q, 1, (const int[]){1}, false, ND_QUANTILE_LOWER, i32),
                        ND_ERR_SHAPE, "nd_nanquantile_out:", i32);
    EXPECT_OUT_REFUSED_(nd_nanpercentile_out(a, q, ND_ALL_AXES, NULL, true, 0, ok2),
                        ND_ERR_SHAPE, "nd_nanpercentile_out:", ok2);
    EXPECT_OUT_REFUSED_(nd_ptp_out(a, 1, (const int[]){0}, false, i32), ND_ERR_DTYPE, "nd_ptp_out:", i32);
    EXPECT_OUT_REFUSED_(nd_nanprod_out(a, 1, (const int[]){0}, false, ro), ND_ERR_READONLY, "nd_nanprod_out:", one);
    EXPECT_OUT_REFUSED_(nd_nanvar_out(a, 1, (const int[]){1}, false, 0, bad_shape),
                        ND_ERR_SHAPE, "nd_nanvar_out:", bad_shape);
    EXPECT_OUT_REFUSED_(nd_nanstd_out(a, 1, (const int[]){0}, false, 0, i32), ND_ERR_DTYPE, "nd_nanstd_out:", i32);
    EXPECT_OUT_REFUSED_(nd_nanargmin_out(a, 1, false, bad_shape), ND_ERR_SHAPE, "nd_nanargmin_out:", bad_shape);
    nd_array *f32 = new_array(ND_BOOL, 1, SH(3));
    EXPECT_OUT_REFUSED_(nd_nanargmax_out(a, 0, false, f32), ND_ERR_DTYPE, "nd_nanargmax_out:", f32);
    EXPECT_OUT_REFUSED_(nd_nancumsum_out(a, ND_AXIS_NONE, bad_shape), ND_ERR_SHAPE, "nd_nancumsum_out:", bad_shape);
    EXPECT_OUT_REFUSED_(nd_nancumprod_out(a, 0, ro), ND_ERR_READONLY, "nd_nancumprod_out:", one);
    EXPECT_OUT_REFUSED_(nd_nancumprod_out(a, 0, bad_shape), ND_ERR_SHAPE, "nd_nancumprod_out:", bad_shape);
    /* the checks come before the work: an all-NaN error leaves out alone */
    nd_array *nan = from_f64(ND_FLOAT64, 2, SH(2, 3), V(NAN, 1, NAN, 3, 2, NAN));
    nd_array *o3 = new_array(ND_INT64, 1, SH(3));
    EXPECT_OUT_REFUSED_(nd_nanargmin_out(nan, 0, false, o3), ND_ERR_VALUE, "nd_nanargmin_out: All-NaN slice", o3);
    /* float32 results go into a float64 out (same_kind), ints into int32 */
    nd_array *f64 = new_array(ND_FLOAT64, 1, SH(3));
    nd_array *af = from_f64(ND_FLOAT32, 2, SH(2, 3), V(1, 2, 3, 4, 5, 6));
    ND_ASSERT_OK(nd_quantile_out(af, q, 2, (const int[]){0, 1}, false, 0, ok2));
    nd_test_expect(ok2, V(2.25, 3.5), 0);
    ND_ASSERT_OK(nd_median_out(af, 1, (const int[]){0}, false, f64));
    nd_test_expect(f64, V(2.5, 3.5, 4.5), 0);
    nd_array *o32 = new_array(ND_INT32, 1, SH(2));
    ND_ASSERT_OK(nd_nanargmax_out(nan, 1, false, o32));
    expect_ints(o32, ND_INT32, 1, SH(2), (const int64_t[]){1, 0}, "nanargmax into int32");
    nd_free(o32);
    nd_free(af);
    nd_free(f64);
    nd_free(o3);
    nd_free(nan);
    nd_free(f32);
    nd_free(ro);
    nd_free(one);
    nd_free(ok2);
    nd_free(i32);
    nd_free(bad_shape);
    nd_free(q);
    nd_free(a);
}

/* ---------------------------------------------------------------- inputs are read only */

static void test_inputs_untouched(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 7);
    nd_array *base = nd_random_normal(&rng, 0, 1, 2, SH(40, 30), ND_FLOAT64);
    nd_array *v = nd_view(base, "::-1, 1::2");
    ND_ASSERT_ARRAY(v);
    snap s = take(v);
    nd_array *q = from_f64(ND_FLOAT64, 1, SH(3), V(0.1, 0.5, 0.9));
    for (int m = 0; m < ND_QUANTILE_NUM_METHODS; m++) {
        nd_array *r = nd_quantile(v, q, 1, (const int[]){0}, false, (nd_quantile_method)m);
        ND_ASSERT_ARRAY(r);
        nd_free(r);
    }
    nd_array *r = nd_median(v, ND_ALL_AXES, NULL, false);
    nd_free(r);
    r = nd_nanpercentile(v, q, 1, (const int[]){1}, true, ND_QUANTILE_HAZEN);
    nd_free(r);
    expect_same(v, &s);
    nd_free(q);
    nd_free(v);
    nd_free(base);
}

/* ---------------------------------------------------------------- the selection */

/* Quantiles picked by selection agree with a full sort (nd_sort) on data
 * shaped to trouble quickselect: sorted, reversed, all equal, few distinct
 * values, organ pipe, and random, for lengths around the insertion-sort
 * threshold and beyond. */
static void test_selection_vs_sort(void **state) {
    (void)state;
    static const int64_t lengths[] = {1, 2, 3, 15, 16, 17, 33, 100, 1001, 20000};
    nd_rng rng;
    nd_rng_seed(&rng, 11);
    double qs[7] = {0, 0.01, 0.25, 0.5, 0.5001, 0.99, 1};
    for (size_t li = 0; li < sizeof lengths / sizeof lengths[0]; li++) {
        int64_t n = lengths[li];
        for (int pattern = 0; pattern < 6; pattern++) {
            nd_array *u = nd_random_integers(&rng, -1000, 1000, 1, &n, ND_INT32);
            ND_ASSERT_ARRAY(u);
            int32_t *x = nd_data(u);
            for (int64_t i = 0; i < n; i++) {
                switch (pattern) {
                case 0: x[i] = (int32_t)i; break;
                case 1: x[i] = (int32_t)(n - i); break;
                case 2: x[i] = 7; break;
                case 3: x[i] = x[i] & 3; break;
                case 4: x[i] = (int32_t)(i < n / 2 ? i : n - i); break;
                default: break;
                }
            }
            nd_array *sorted = nd_sort(u, 0, true);
            ND_ASSERT_ARRAY(sorted);
            const int32_t *sv = nd_data(sorted);
            nd_array *r = nd_quantiles(u, 7, qs, ND_ALL_AXES, NULL, false, ND_QUANTILE_LOWER);
            ND_ASSERT_ARRAY(r);
            nd_array *ri = nd_astype(r, ND_INT64);
            const int64_t *got = nd_data(ri);
            for (int k = 0; k < 7; k++) {
                int64_t idx = (int64_t)floor((double)(n - 1) * qs[k]);
                if (got[k] != sv[idx])
                    fail_msg("n %lld pattern %d q %g: got %lld, sorted %d", (long long)n, pattern, qs[k],
                             (long long)got[k], sv[idx]);
            }
            /* the median as the mean of the sorted middle */
            nd_array *med = nd_median(u, ND_ALL_AXES, NULL, false);
            double want = n % 2 ? sv[(n - 1) / 2] : ((double)sv[n / 2 - 1] + (double)sv[n / 2]) / 2;
            nd_test_expect(med, &want, 0);
            nd_free(med);
            nd_free(ri);
            nd_free(r);
            nd_free(sorted);
            nd_free(u);
        }
    }
}

/* Many lanes split over threads give the same bits as one thread. */
static void test_threads(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 5);
    nd_array *a = nd_random_normal(&rng, 0, 1, 2, SH(1000, 300), ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    float *x = nd_data(a);
    for (int64_t i = 0; i < nd_size(a); i += 7) x[i] = NAN;
    nd_array *r[2][3];
    for (int k = 0; k < 2; k++) {
        ND_ASSERT_OK(nd_set_num_threads(k ? 4 : 1));
        r[k][0] = nd_quantiles(a, 3, V(0.1, 0.5, 0.97), 1, (const int[]){0}, false, ND_QUANTILE_HAZEN);
        r[k][1] = nd_nanmedian(a, 1, (const int[]){0}, true);
        r[k][2] = nd_nanpercentiles(a, 2, V(5, 95), 1, (const int[]){1}, false, ND_QUANTILE_NEAREST);
        for (int i = 0; i < 3; i++) ND_ASSERT_ARRAY(r[k][i]);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    for (int i = 0; i < 3; i++) {
        assert_int_equal(nd_nbytes(r[0][i]), nd_nbytes(r[1][i]));
        if (memcmp(nd_data(r[0][i]), nd_data(r[1][i]), nd_nbytes(r[0][i])) != 0)
            fail_msg("result %d differs between 1 and 4 threads", i);
        nd_free(r[0][i]);
        nd_free(r[1][i]);
    }
    nd_free(a);
}

/* ---------------------------------------------------------------- failed allocations */

static nd_array *g_fa;

static nd_status f_median(const nd_array *a) { return status_of(nd_nanmedian(a, 1, (const int[]){1}, true)); }
static nd_status f_quantile(const nd_array *a) {
    nd_array *q = nd_scalar(0.3, ND_FLOAT64);
    nd_status st = q ? status_of(nd_quantile(a, q, 2, (const int[]){0, 1}, false, ND_QUANTILE_HAZEN)) : nd_last_status();
    nd_free(q);
    return st;
}
static nd_status f_quantiles(const nd_array *a) {
    return status_of(nd_nanpercentiles(a, 3, V(10, 50, 90), ND_ALL_AXES, NULL, false, ND_QUANTILE_NEAREST));
}
/* For the _out operations: a failed call must leave out as it was filled
 * (7 everywhere); ND_ERR_IO reports that it did not. */
static nd_status out_kept(nd_status st, const nd_array *out) {
    if (st == ND_OK || !out) return st;
    nd_status keep = nd_last_status();
    nd_array *c = nd_astype(out, ND_FLOAT64);
    if (!c) return st; /* the check itself could not allocate; nothing to conclude */
    bool same = true;
    for (int64_t i = 0; i < nd_size(c); i++) same = same && ((const double *)nd_data(c))[i] == 7;
    nd_free(c);
    return same ? keep : ND_ERR_IO;
}
static nd_status f_quantile_out(const nd_array *a) {
    nd_array *q = nd_scalar(0.3, ND_FLOAT64);
    nd_array *out = q ? nd_full(1, SH(4), ND_FLOAT64, 7) : NULL;
    nd_status st = out ? out_kept(nd_quantile_out(a, q, 1, (const int[]){1}, false, 0, out), out) : nd_last_status();
    nd_free(out);
    nd_free(q);
    return st;
}
static nd_status f_average(const nd_array *a) {
    nd_array *w = nd_ones(1, SH(5), ND_INT32);
    nd_array *s = NULL;
    nd_status st = w ? status_of(nd_average(a, 1, (const int[]){1}, false, w, &s)) : nd_last_status();
    nd_free(s);
    nd_free(w);
    return st;
}
static nd_status f_average_plain(const nd_array *a) {
    nd_array *s = NULL;
    nd_status st = status_of(nd_average(a, ND_ALL_AXES, NULL, true, NULL, &s));
    nd_free(s);
    return st;
}
static nd_status f_ptp(const nd_array *a) { return status_of(nd_ptp(a, 1, (const int[]){0}, false)); }
static nd_status f_nanprod(const nd_array *a) { return status_of(nd_nanprod(a, ND_ALL_AXES, NULL, false)); }
static nd_status f_nanvar(const nd_array *a) { return status_of(nd_nanvar(a, 1, (const int[]){0}, false, 1)); }
static nd_status f_nanstd_out(const nd_array *a) {
    nd_array *out = nd_full(1, SH(5), ND_FLOAT64, 7);
    nd_status st = out ? out_kept(nd_nanstd_out(a, 1, (const int[]){0}, false, 0, out), out) : nd_last_status();
    nd_free(out);
    return st;
}
static nd_status f_median_out(const nd_array *a) {
    nd_array *out = nd_full(1, SH(5), ND_FLOAT32, 7);
    nd_status st = out ? out_kept(nd_median_out(a, 1, (const int[]){0}, false, out), out) : nd_last_status();
    nd_free(out);
    return st;
}
static nd_status f_nancumprod_out(const nd_array *a) {
    nd_array *out = nd_full(2, SH(4, 5), ND_FLOAT64, 7);
    nd_status st = out ? out_kept(nd_nancumprod_out(a, 1, out), out) : nd_last_status();
    nd_free(out);
    return st;
}
static nd_status f_ptp_out(const nd_array *a) {
    nd_array *out = nd_full(1, SH(4), ND_FLOAT64, 7);
    nd_status st = out ? out_kept(nd_ptp_out(a, 1, (const int[]){1}, false, out), out) : nd_last_status();
    nd_free(out);
    return st;
}
static nd_status f_nanargmin(const nd_array *a) { return status_of(nd_nanargmin(a, 1, false)); }
static nd_status f_nanargmax_out(const nd_array *a) {
    nd_array *out = nd_full(0, NULL, ND_INT64, 7);
    nd_status st = out ? out_kept(nd_nanargmax_out(a, ND_AXIS_NONE, false, out), out) : nd_last_status();
    nd_free(out);
    return st;
}
static nd_status f_nancumsum(const nd_array *a) { return status_of(nd_nancumsum(a, 0)); }
static nd_status f_nancumprod(const nd_array *a) { return status_of(nd_nancumprod(a, ND_AXIS_NONE)); }
static nd_status f_cov(const nd_array *a) {
    nd_array *fw = nd_ones(1, SH(5), ND_INT64), *aw = fw ? nd_ones(1, SH(5), ND_FLOAT64) : NULL;
    nd_status st = aw ? status_of(nd_cov(a, a, true, false, 2, fw, aw)) : nd_last_status();
    nd_free(aw);
    nd_free(fw);
    return st;
}
static nd_status f_corrcoef(const nd_array *a) { return status_of(nd_corrcoef(a, NULL, false)); }
static nd_status f_digitize(const nd_array *a) {
    nd_array *b = nd_linspace(5, -5, 4, true, ND_FLOAT64);
    nd_status st = b ? status_of(nd_digitize(a, b, true)) : nd_last_status();
    nd_free(b);
    return st;
}
static nd_status f_hist_edges(const nd_array *a) {
    nd_array *e = nd_linspace(-5, 5, 4, true, ND_FLOAT64), *w = e ? nd_ones(2, SH(4, 5), ND_FLOAT32) : NULL;
    nd_status st = w ? status_of(nd_histogram_edges(a, e, w, true)) : nd_last_status();
    nd_free(w);
    nd_free(e);
    return st;
}
static nd_status f_histdd(const nd_array *a) {
    nd_array *h = NULL, *e[5] = {NULL};
    nd_array *e1 = nd_linspace(-3, 3, 4, true, ND_FLOAT64);
    const nd_array *given[5] = {NULL, e1, NULL, NULL, NULL};
    nd_array *w = e1 ? nd_ones(1, SH(4), ND_FLOAT64) : NULL;
    static const double range[10] = {-5, 5, -5, 5, -5, 5, -5, 5, -5, 5};
    nd_status st = w ? nd_histogramdd(a, (const int64_t[]){2, 3, 4, 2, 3}, given, range, true, w, &h, e)
                     : nd_last_status();
    nd_free(h);
    for (int i = 0; i < 5; i++) nd_free(e[i]);
    nd_free(w);
    nd_free(e1);
    return st;
}
static nd_status f_hist2d(const nd_array *a) {
    nd_array *x = nd_index(a, 0, 1), *y = x ? nd_index(a, 0, 2) : NULL, *h = NULL, *xe = NULL, *ye = NULL;
    nd_status st = y ? nd_histogram2d(x, y, (const int64_t[]){3, 2}, NULL, NULL, false, NULL, &h, &xe, &ye)
                     : nd_last_status();
    nd_free(h);
    nd_free(xe);
    nd_free(ye);
    nd_free(y);
    nd_free(x);
    return st;
}

static void test_faults(void **state) {
    (void)state;
    /* (4, 5) float64 with NaNs, viewed transposed-back so it is strided */
    nd_array *base = from_f64(ND_FLOAT64, 2, SH(5, 4),
                              V(1, NAN, 3, -2, 0.5, 8, NAN, 2, -1, 4, 4, 6, 2.5, -3, 1, NAN, 7, 0, 9, -4));
    g_fa = nd_transpose(base, NULL);
    nd_array *ints = from_f64(ND_INT16, 2, SH(4, 5), V(1, 9, 3, -2, 5, 8, 4, 2, -1, 4, 4, 6, 2, -3, 1, 0, 7, 0, 9, -4));
    run_with_faults("nanmedian", f_median, g_fa);
    run_with_faults("quantile", f_quantile, g_fa);
    run_with_faults("quantile int", f_quantile, ints);
    run_with_faults("nanpercentiles", f_quantiles, g_fa);
    run_with_faults("quantile_out", f_quantile_out, ints);
    run_with_faults("average", f_average, g_fa);
    run_with_faults("average int", f_average, ints);
    run_with_faults("average plain", f_average_plain, ints);
    run_with_faults("ptp", f_ptp, g_fa);
    run_with_faults("nanprod", f_nanprod, g_fa);
    run_with_faults("nanvar", f_nanvar, g_fa);
    run_with_faults("nanvar int", f_nanvar, ints);
    run_with_faults("nanstd_out", f_nanstd_out, g_fa);
    run_with_faults("nanargmin", f_nanargmin, g_fa);
    run_with_faults("median_out", f_median_out, g_fa);
    run_with_faults("median_out int", f_median_out, ints);
    run_with_faults("nancumprod_out", f_nancumprod_out, g_fa);
    run_with_faults("ptp_out", f_ptp_out, ints);
    run_with_faults("nanargmax_out", f_nanargmax_out, g_fa);
    run_with_faults("nancumsum", f_nancumsum, g_fa);
    run_with_faults("nancumprod", f_nancumprod, ints);
    run_with_faults("cov", f_cov, ints);
    run_with_faults("corrcoef", f_corrcoef, g_fa);
    run_with_faults("digitize", f_digitize, g_fa);
    run_with_faults("histogram_edges", f_hist_edges, g_fa);
    run_with_faults("histogram_edges int", f_hist_edges, ints);
    run_with_faults("histogramdd", f_histdd, g_fa);
    run_with_faults("histogram2d", f_hist2d, ints);
    nd_free(ints);
    nd_free(g_fa);
    nd_free(base);
}

/* ---------------------------------------------------------------- huge sizes */

/* A broadcast view of 2^40 elements: the lane scratch cannot be had, which
 * is ND_ERR_NOMEM through the allocator (never a crash or a huge malloc). */
static void test_huge(void **state) {
    (void)state;
    nd_array *one = nd_scalar(1.5, ND_FLOAT64);
    nd_array *big = nd_broadcast_to(one, 2, SH((int64_t)1 << 20, (int64_t)1 << 20));
    ND_ASSERT_ARRAY(big);
    const nd_allocator al = {refuse_huge_alloc, plain_free, NULL};
    ND_ASSERT_OK(nd_set_allocator(&al));
    nd_clear_error();
    assert_null(nd_median(big, ND_ALL_AXES, NULL, false));
    nd_status st = nd_last_status();
    const char *msg = nd_errmsg();
    bool named = strncmp(msg, "nd_median: ", 11) == 0;
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_int_equal(st, ND_ERR_NOMEM);
    assert_true(named);
    nd_clear_error();
    /* a result whose size overflows: 2^40 quantiles of each of 2^30 lanes */
    nd_array *lanes = nd_broadcast_to(one, 2, SH((int64_t)1 << 30, 1));
    nd_array *half = nd_scalar(0.5, ND_FLOAT64);
    nd_array *qq = nd_broadcast_to(half, 1, SH((int64_t)1 << 40));
    ND_ASSERT_OK(nd_set_allocator(&al));
    nd_clear_error();
    assert_null(nd_quantile(lanes, qq, 1, (const int[]){1}, false, 0));
    st = nd_last_status();
    ND_ASSERT_OK(nd_set_allocator(NULL));
    assert_true(st == ND_ERR_OVERFLOW || st == ND_ERR_NOMEM);
    nd_clear_error();
    /* a histogram of 2^90 bins */
    nd_array *s33 = nd_zeros(2, SH(1, 3), ND_FLOAT64), *h = NULL;
    assert_int_equal(nd_histogramdd(s33, (const int64_t[]){1 << 30, 1 << 30, 1 << 30}, NULL, NULL, false, NULL, &h,
                                    NULL),
                     ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_histogramdd: the histogram's size overflows");
    assert_null(h);
    nd_free(s33);
    nd_free(qq);
    nd_free(half);
    nd_free(lanes);
    nd_free(big);
    nd_free(one);
}

/* ---------------------------------------------------------------- main */

#define CASE_REG_(n) cmocka_unit_test_setup(test_cases_##n, clear),

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_cases_table, clear),
        ST_OPS(CASE_REG_)
        cmocka_unit_test_setup(test_method_names, clear),
        cmocka_unit_test_setup(test_null_args, clear),
        cmocka_unit_test_setup(test_bad_args, clear),
        cmocka_unit_test_setup(test_out_errors, clear),
        cmocka_unit_test_setup(test_inputs_untouched, clear),
        cmocka_unit_test_setup(test_selection_vs_sort, clear),
        cmocka_unit_test_setup(test_threads, clear),
        cmocka_unit_test_setup(test_faults, clear),
        cmocka_unit_test_setup(test_huge, clear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
