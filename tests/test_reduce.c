/* Tests for the reductions of include/nd/reduce.h (sum, prod, mean, var, std,
 * min, max, all, any, count_nonzero, the nan* variants, the _out and _dtype
 * variants): every case NumPy answered in data/reduce_cases.h (one cmocka
 * test per operation: axis sets, keepdims, dtypes and accumulators, views,
 * NaN, empty and 0-d arrays, ddof), then NaN placement over SIMD widths,
 * the walker's layouts checked against plain C loops, outputs, bad
 * arguments, float32 accuracy against a double reference, and threads.
 * argmax/argmin/cumsum/cumprod are in test_reduce_arg.c. */
#include "nd_test.h"
#include "nd_test_arrays.h"

#include <stdlib.h>

#include "data/reduce_cases.h"

/* ---------------------------------------------------------------- the operations */

typedef nd_array *(*red_fn)(const nd_array *, int, const int *, bool);
typedef nd_status (*red_out_fn)(const nd_array *, int, const int *, bool, nd_array *);
typedef nd_array *(*ddof_fn)(const nd_array *, int, const int *, bool, double);
typedef nd_status (*ddof_out_fn)(const nd_array *, int, const int *, bool, double, nd_array *);
typedef nd_array *(*dt_fn)(const nd_array *, int, const int *, bool, nd_dtype);

typedef struct red_info {
    const char *name;
    red_fn f;
    red_out_fn o;
    ddof_fn fv;
    ddof_out_fn ov;
    dt_fn fd;
} red_info;

#define RED_ENTRY_(n) {#n, nd_##n, nd_##n##_out, NULL, NULL, NULL},
static const red_info g_reds[] = {
    ND_REDUCTIONS(RED_ENTRY_)
    {"var", NULL, NULL, nd_var, nd_var_out, NULL},
    {"std", NULL, NULL, nd_std, nd_std_out, NULL},
    {"sum_dtype", NULL, NULL, NULL, NULL, nd_sum_dtype},
    {"prod_dtype", NULL, NULL, NULL, NULL, nd_prod_dtype},
    {"mean_dtype", NULL, NULL, NULL, NULL, nd_mean_dtype},
};
#define NUM_REDS (int)(sizeof g_reds / sizeof g_reds[0])

static const red_info *find_red(const char *name) {
    for (int i = 0; i < NUM_REDS; i++)
        if (strcmp(g_reds[i].name, name) == 0) return &g_reds[i];
    return NULL;
}

/* dt is the _dtype variants' argument; ddof var's and std's. */
static nd_array *red_call(const red_info *r, const nd_array *a, int naxes, const int *axes, bool kd,
                          double ddof, nd_dtype dt) {
    if (r->f) return r->f(a, naxes, axes, kd);
    if (r->fv) return r->fv(a, naxes, axes, kd, ddof);
    return r->fd(a, naxes, axes, kd, dt);
}

static bool has_out(const red_info *r) { return r->o || r->ov; }

static nd_status red_call_out(const red_info *r, const nd_array *a, int naxes, const int *axes,
                              bool kd, double ddof, nd_array *out) {
    if (r->o) return r->o(a, naxes, axes, kd, out);
    return r->ov(a, naxes, axes, kd, ddof, out);
}

/* ---------------------------------------------------------------- array helpers */

/* Asserts r has dtype dt, the given shape, and float values want (C order)
 * within atol + rtol * |want|. */
static void expect_f(const nd_array *r, nd_dtype dt, int ndim, const int64_t *shape, const double *want,
                     double rtol, double atol, const char *what) {
    if (!r) fail_msg("%s: failed: %s", what, nd_errmsg());
    if (nd_dtype_of(r) != dt)
        fail_msg("%s: dtype %s, expected %s", what, nd_dtype_name(nd_dtype_of(r)), nd_dtype_name(dt));
    if (nd_ndim(r) != ndim) fail_msg("%s: ndim %d, expected %d", what, nd_ndim(r), ndim);
    for (int d = 0; d < ndim; d++)
        if (nd_shape(r)[d] != shape[d])
            fail_msg("%s: shape[%d] is %lld, expected %lld", what, d, (long long)nd_shape(r)[d],
                     (long long)shape[d]);
    nd_array *c = nd_astype(r, ND_FLOAT64);
    ND_ASSERT_ARRAY(c);
    const double *g = nd_data(c);
    for (int64_t i = 0; i < nd_size(c); i++)
        if (!close_enough(g[i], want[i], rtol, atol)) {
            double gi = g[i];
            nd_free(c);
            fail_msg("%s: element %lld is %.17g, expected %.17g", what, (long long)i, gi, want[i]);
        }
    nd_free(c);
}

/* ---------------------------------------------------------------- generated cases */

#define NUM_CASES (int)(sizeof rd_cases / sizeof rd_cases[0])
#define NUM_INPUTS (int)(sizeof rd_inputs / sizeof rd_inputs[0])

static nd_array *case_input(int id) { return GEN_INPUT(&rd_inputs[id], rd_fpool, rd_ipool); }

/* True when got is case c's answer; prints the first difference. */
static bool check_case(const rd_case *c, int ci, const nd_array *got, const char *how) {
    return gen_check(ci, c->expr, how, got, c->rdtype, c->rndim, c->rshape, GEN_FVALS(c->rdtype, rd_fpool, c->off),
                     GEN_IVALS(c->rdtype, rd_ipool, c->off),
                     c->rtol, c->atol);
}

static bool check_error(const rd_case *c, int ci, bool failed, const char *fn, const char *how) {
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s: ", fn);
    bool ok = failed && nd_last_status() == c->status && strncmp(nd_errmsg(), prefix, strlen(prefix)) == 0;
    if (!ok)
        print_error("case %d %s [%s]: expected %s, got %s ('%s')\n", ci, c->expr, how,
                    nd_status_name(c->status), failed ? nd_status_name(nd_last_status()) : "success",
                    nd_errmsg());
    nd_clear_error();
    return ok;
}

/* Cases naming an axis of a 0-d array (NumPy's AxisError) run in a test
 * of their own, test_cases_0d_axes. */
static bool is_0d_axis_case(const rd_case *c) { return rd_inputs[c->input].ndim == 0 && c->naxes > 0; }

/* Runs every case of op (NULL: every 0-d axis case): the plain call, then
 * the _out variant into a fresh output of the expected dtype and shape. */
static void run_cases(const char *op) {
    nd_array *inputs[NUM_INPUTS] = {NULL};
    int ran = 0, failed = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const rd_case *c = &rd_cases[ci];
        if (op ? strcmp(c->op, op) != 0 || is_0d_axis_case(c) : !is_0d_axis_case(c)) continue;
        const red_info *r = find_red(c->op);
        assert_non_null(r);
        if (!inputs[c->input]) inputs[c->input] = case_input(c->input);
        const nd_array *a = inputs[c->input];
        char fn[64];
        snprintf(fn, sizeof fn, "nd_%s", c->op);
        ran++;
        nd_clear_error();
        nd_array *got = red_call(r, a, c->naxes, c->axes, c->keepdims, c->ddof, c->dt);
        bool ok;
        if (c->status != ND_OK) ok = check_error(c, ci, got == NULL, fn, "plain");
        else ok = check_case(c, ci, got, "plain");
        nd_free(got);
        if (ok && c->status == ND_OK && has_out(r)) {
            nd_array *out = new_array(c->rdtype, c->rndim, c->rshape);
            nd_status st = red_call_out(r, a, c->naxes, c->axes, c->keepdims, c->ddof, out);
            if (st != ND_OK) {
                print_error("case %d %s [_out]: failed: %s\n", ci, c->expr, nd_errmsg());
                nd_clear_error();
                ok = false;
            } else {
                ok = check_case(c, ci, out, "_out");
            }
            nd_free(out);
        }
        if (!ok) failed++;
    }
    for (int i = 0; i < NUM_INPUTS; i++) nd_free(inputs[i]);
    if (ran == 0) fail_msg("no cases for %s", op ? op : "0-d axes");
    if (failed) fail_msg("%s: %d of %d cases failed", op ? op : "0-d axes", failed, ran);
}

static void test_cases_0d_axes(void **state) {
    (void)state;
    run_cases(NULL);
}

#define CASES_TEST_(n)                                                             \
    static void test_cases_##n(void **state) {                                     \
        (void)state;                                                               \
        run_cases(#n);                                                             \
    }
ND_REDUCTIONS(CASES_TEST_)
CASES_TEST_(var)
CASES_TEST_(std)
CASES_TEST_(sum_dtype)
CASES_TEST_(prod_dtype)
CASES_TEST_(mean_dtype)

/* The table itself: every input builds, every op has cases, and the
 * generator covered the kinds of case the suite relies on. */
static void test_cases_table(void **state) {
    (void)state;
    for (int i = 0; i < NUM_INPUTS; i++) nd_free(case_input(i));
    int errors = 0, views = 0, empties = 0, zerod = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const rd_case *c = &rd_cases[ci];
        assert_non_null(find_red(c->op));
        const rd_input *in = &rd_inputs[c->input];
        errors += c->status != ND_OK;
        views += in->index || in->transpose || in->bndim;
        zerod += in->ndim == 0;
        int64_t n = 1;
        for (int d = 0; d < in->ndim; d++) n *= in->shape[d];
        empties += n == 0;
    }
    assert_true(errors > 50);
    assert_true(views > 500);
    assert_true(empties > 200);
    assert_true(zerod > 100);
}

/* ---------------------------------------------------------------- accumulators */

/* NumPy's accumulator dtypes, spelled out. */
static void test_accumulator_dtypes(void **state) {
    (void)state;
    const int64_t s3[1] = {3}, s0[1] = {0};
    const double hundreds[3] = {100, 100, 100};
    nd_array *i8 = from_f64(ND_INT8, 1, s3, hundreds);
    nd_array *r = nd_sum(i8, ND_ALL_AXES, NULL, false); /* np.sum(np.int8([100]*3)) == 300, int64 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){300}, "sum int8");
    nd_free(r);
    r = nd_prod(i8, ND_ALL_AXES, NULL, false); /* np.prod(np.int8([100]*3)) == 1000000, int64 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){1000000}, "prod int8");
    nd_free(r);
    r = nd_mean(i8, ND_ALL_AXES, NULL, false); /* float64 100.0 */
    expect_f(r, ND_FLOAT64, 0, NULL, (const double[]){100}, 0, 0, "mean int8");
    nd_free(r);
    r = nd_max(i8, ND_ALL_AXES, NULL, false); /* int8 100 */
    expect_ints(r, ND_INT8, 0, NULL, (const int64_t[]){100}, "max int8");
    nd_free(r);
    r = nd_var(i8, ND_ALL_AXES, NULL, false, 0); /* float64 0.0 */
    expect_f(r, ND_FLOAT64, 0, NULL, (const double[]){0}, 0, 0, "var int8");
    nd_free(r);
    r = nd_count_nonzero(i8, ND_ALL_AXES, NULL, false); /* int64 3 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){3}, "count_nonzero int8");
    nd_free(r);
    r = nd_all(i8, ND_ALL_AXES, NULL, false); /* bool True */
    expect_ints(r, ND_BOOL, 0, NULL, (const int64_t[]){1}, "all int8");
    nd_free(r);
    r = nd_nansum(i8, ND_ALL_AXES, NULL, false); /* np.nansum(np.int8(...)) == 300, int64 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){300}, "nansum int8");
    nd_free(r);
    nd_free(i8);

    const double two_hundreds[3] = {200, 200, 255};
    nd_array *u8 = from_f64(ND_UINT8, 1, s3, two_hundreds);
    r = nd_sum(u8, ND_ALL_AXES, NULL, false); /* np.sum(np.uint8([200, 200, 255])) == 655, uint64 */
    expect_ints(r, ND_UINT64, 0, NULL, (const int64_t[]){655}, "sum uint8");
    nd_free(r);
    r = nd_nanmin(u8, ND_ALL_AXES, NULL, false); /* uint8 200 */
    expect_ints(r, ND_UINT8, 0, NULL, (const int64_t[]){200}, "nanmin uint8");
    nd_free(r);
    nd_free(u8);

    const double bools[3] = {1, 1, 1};
    nd_array *b = from_f64(ND_BOOL, 1, s3, bools);
    r = nd_sum(b, ND_ALL_AXES, NULL, false); /* np.sum([True]*3) == 3, int64 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){3}, "sum bool");
    nd_free(r);
    r = nd_prod(b, ND_ALL_AXES, NULL, false); /* int64 1 */
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){1}, "prod bool");
    nd_free(r);
    r = nd_mean(b, ND_ALL_AXES, NULL, false); /* float64 1.0 */
    expect_f(r, ND_FLOAT64, 0, NULL, (const double[]){1}, 0, 0, "mean bool");
    nd_free(r);
    r = nd_min(b, ND_ALL_AXES, NULL, false); /* bool True */
    expect_ints(r, ND_BOOL, 0, NULL, (const int64_t[]){1}, "min bool");
    nd_free(r);
    nd_free(b);

    /* float32 stays float32, float64 stays float64 */
    const double fv[3] = {0.5, 0.25, 2};
    for (int k = 0; k < 2; k++) {
        nd_dtype dt = k ? ND_FLOAT64 : ND_FLOAT32;
        nd_array *f = from_f64(dt, 1, s3, fv);
        r = nd_sum(f, ND_ALL_AXES, NULL, false);
        expect_f(r, dt, 0, NULL, (const double[]){2.75}, 0, 0, "sum float");
        nd_free(r);
        r = nd_mean(f, ND_ALL_AXES, NULL, false);
        expect_f(r, dt, 0, NULL, (const double[]){2.75 / 3}, dt == ND_FLOAT32 ? 1e-7 : 1e-16, 0, "mean float");
        nd_free(r);
        r = nd_std(f, ND_ALL_AXES, NULL, false, 1); /* np.std([.5, .25, 2], ddof=1) */
        expect_f(r, dt, 0, NULL, (const double[]){0.9464847243000456}, dt == ND_FLOAT32 ? 1e-6 : 1e-15, 0,
                 "std float");
        nd_free(r);
        nd_free(f);
    }

    /* empty: sum 0, prod 1, mean NaN, count 0, all true, any false */
    nd_array *e = from_f64(ND_INT16, 1, s0, NULL);
    r = nd_sum(e, ND_ALL_AXES, NULL, false);
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){0}, "sum empty");
    nd_free(r);
    r = nd_prod(e, ND_ALL_AXES, NULL, false);
    expect_ints(r, ND_INT64, 0, NULL, (const int64_t[]){1}, "prod empty");
    nd_free(r);
    r = nd_mean(e, ND_ALL_AXES, NULL, false);
    expect_f(r, ND_FLOAT64, 0, NULL, (const double[]){NAN}, 0, 0, "mean empty");
    nd_free(r);
    r = nd_all(e, ND_ALL_AXES, NULL, false);
    expect_ints(r, ND_BOOL, 0, NULL, (const int64_t[]){1}, "all empty");
    nd_free(r);
    r = nd_any(e, ND_ALL_AXES, NULL, false);
    expect_ints(r, ND_BOOL, 0, NULL, (const int64_t[]){0}, "any empty");
    nd_free(r);
    nd_free(e);
}

/* ---------------------------------------------------------------- empty axes */

/* min/max of an empty reduced axis are errors naming that axis; reducing
 * other axes of an array with an empty axis gives an empty result. */
static void test_empty_axis_errors(void **state) {
    (void)state;
    const int64_t shape[3] = {2, 0, 3};
    nd_array *a = nd_zeros(3, shape, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    const red_fn fns[4] = {nd_min, nd_max, nd_nanmin, nd_nanmax};
    const char *names[4] = {"nd_min", "nd_max", "nd_nanmin", "nd_nanmax"};
    const red_out_fn outs[4] = {nd_min_out, nd_max_out, nd_nanmin_out, nd_nanmax_out};
    for (int k = 0; k < 4; k++) {
        char want[96];
        snprintf(want, sizeof want, "%s: zero-size array", names[k]);
        /* axis 1 (and -2, and every axis) is empty */
        const int ax1[1] = {1}, axm2[1] = {-2}, ax12[2] = {1, 2};
        assert_null(fns[k](a, 1, ax1, false));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "axis 1");
        assert_null(fns[k](a, 1, axm2, true));
        assert_int_equal(nd_last_status(), ND_ERR_VALUE);
        if (strncmp(nd_errmsg(), want, strlen(want)) != 0) fail_msg("message '%s'", nd_errmsg());
        ND_ASSERT_ERROR(ND_ERR_VALUE, "axis 1");
        assert_null(fns[k](a, ND_ALL_AXES, NULL, false));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "axis 1");
        assert_null(fns[k](a, 2, ax12, false));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "axis 1");
        /* non-empty reduced axes: an empty result, no error */
        const int ax0[1] = {0}, ax2[1] = {2}, ax02[2] = {0, 2};
        nd_array *r = fns[k](a, 1, ax0, false);
        nd_test_shape(r, 2, (const int64_t[]){0, 3});
        assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
        nd_free(r);
        r = fns[k](a, 1, ax2, true);
        nd_test_shape(r, 3, (const int64_t[]){2, 0, 1});
        nd_free(r);
        r = fns[k](a, 2, ax02, false);
        nd_test_shape(r, 1, (const int64_t[]){0});
        nd_free(r);
        r = fns[k](a, 0, ax1, false); /* naxes 0 with an axes: axis=(), nothing reduced */
        nd_test_shape(r, 3, shape);
        nd_free(r);
        /* with an output: nothing written on error */
        nd_array *out = new_array(ND_FLOAT32, 2, (const int64_t[]){2, 3});
        void *snap = snapshot(out);
        assert_int_equal(outs[k](a, 1, ax1, false, out), ND_ERR_VALUE);
        nd_clear_error();
        assert_untouched(out, snap, names[k]);
        nd_free(out);
    }
    /* identities on the same array */
    const int ax1[1] = {1};
    nd_array *r = nd_sum(a, 1, ax1, false);
    expect_f(r, ND_FLOAT32, 2, (const int64_t[]){2, 3}, (const double[]){0, 0, 0, 0, 0, 0}, 0, 0, "sum");
    nd_free(r);
    r = nd_prod(a, 1, ax1, true);
    expect_f(r, ND_FLOAT32, 3, (const int64_t[]){2, 1, 3}, (const double[]){1, 1, 1, 1, 1, 1}, 0, 0, "prod");
    nd_free(r);
    r = nd_mean(a, 1, ax1, false);
    expect_f(r, ND_FLOAT32, 2, (const int64_t[]){2, 3}, (const double[]){NAN, NAN, NAN, NAN, NAN, NAN}, 0, 0,
             "mean");
    nd_free(r);
    r = nd_var(a, 1, ax1, false, 0);
    expect_f(r, ND_FLOAT32, 2, (const int64_t[]){2, 3}, (const double[]){NAN, NAN, NAN, NAN, NAN, NAN}, 0, 0,
             "var");
    nd_free(r);
    nd_free(a);
}

/* ---------------------------------------------------------------- NaN placement */

/* The table row for (n, place); a 1-long lane has only none/first/all. */
static const rd_nanrow *nan_row(int n, int place) {
    if (n == 1 && place >= 2 && place <= 4) place = 1;
    for (size_t i = 0; i < sizeof rd_nanrows / sizeof rd_nanrows[0]; i++)
        if (rd_nanrows[i].n == n && rd_nanrows[i].place == place) return &rd_nanrows[i];
    fail_msg("no NaN row for n=%d place=%d", n, place);
    return NULL;
}

#define NAN_OPS 7
static const red_fn g_nan_fns[NAN_OPS] = {nd_min, nd_max, nd_nanmin, nd_nanmax, nd_sum, nd_nansum, nd_nanmean};
static const char *const g_nan_names[NAN_OPS] = {"min", "max", "nanmin", "nanmax", "sum", "nansum", "nanmean"};

/* max/min propagate NaN, the nan* skip it (all-NaN: nanmin/nanmax/nanmean
 * NaN, nansum 0), over every length up to 48 and every placement: 1-D,
 * as rows of a (3, n) array reduced along axis 1, as columns of an (n, 3)
 * array along axis 0, and through a transposed view. */
static void test_nan_placement(void **state) {
    (void)state;
    double lane[48];
    for (int k = 0; k < 2; k++) {
        nd_dtype dt = k ? ND_FLOAT64 : ND_FLOAT32;
        for (int n = 1; n <= 48; n++) {
            for (int place = 0; place < 6; place++) {
                fill_lane(lane, n, place);
                nd_array *a = from_f64(dt, 1, (const int64_t[]){n}, lane);
                const rd_nanrow *row = nan_row(n, place);
                for (int f = 0; f < NAN_OPS; f++) {
                    nd_array *r = g_nan_fns[f](a, ND_ALL_AXES, NULL, false);
                    char what[96];
                    snprintf(what, sizeof what, "%s %s n=%d place=%d", g_nan_names[f], nd_dtype_name(dt), n, place);
                    expect_f(r, dt, 0, NULL, &row->want[f], f == 6 ? 1e-6 : 0, 0, what);
                    nd_free(r);
                }
                nd_free(a);
            }
            /* 2-D layouts: lane j gets placement (j + s) % 6 */
            for (int s = 0; s < 6; s += 3) {
                nan_lanes l;
                nan_lanes_make(&l, dt, n, s);
                for (int f = 0; f < NAN_OPS; f++) {
                    double want[3];
                    for (int j = 0; j < 3; j++) want[j] = nan_row(n, (j + s) % 6)->want[f];
                    const int ax1[1] = {1}, ax0[1] = {0}, axm1[1] = {-1};
                    char what[96];
                    snprintf(what, sizeof what, "%s %s (3, %d) axis 1, s=%d", g_nan_names[f], nd_dtype_name(dt), n, s);
                    nd_array *r = g_nan_fns[f](l.rows, 1, ax1, false);
                    expect_f(r, dt, 1, (const int64_t[]){3}, want, f == 6 ? 1e-6 : 0, 0, what);
                    nd_free(r);
                    snprintf(what, sizeof what, "%s %s (%d, 3) axis 0, s=%d", g_nan_names[f], nd_dtype_name(dt), n, s);
                    r = g_nan_fns[f](l.cols, 1, ax0, true);
                    expect_f(r, dt, 2, (const int64_t[]){1, 3}, want, f == 6 ? 1e-6 : 0, 0, what);
                    nd_free(r);
                    snprintf(what, sizeof what, "%s %s (%d, 3).T axis -1, s=%d", g_nan_names[f], nd_dtype_name(dt), n, s);
                    r = g_nan_fns[f](l.rows_t, 1, axm1, false);
                    expect_f(r, dt, 1, (const int64_t[]){3}, want, f == 6 ? 1e-6 : 0, 0, what);
                    nd_free(r);
                }
                nan_lanes_free(&l);
            }
        }
    }
}

/* ---------------------------------------------------------------- layouts against C loops */

/* The reference: x (float64, C order, shape) folded over the reduced axes
 * in double, as sum (op 0), min (1) or max (2); out has the kept axes' size. */
static void ref_reduce(const double *x, int ndim, const int64_t *shape, const bool *red, int op,
                       double *out, int64_t nout) {
    for (int64_t o = 0; o < nout; o++) out[o] = op == 0 ? 0.0 : op == 1 ? INFINITY : -INFINITY;
    int64_t idx[ND_MAX_DIMS] = {0}, n = 1;
    for (int d = 0; d < ndim; d++) n *= shape[d];
    for (int64_t i = 0; i < n; i++) {
        int64_t o = 0;
        for (int d = 0; d < ndim; d++)
            if (!red[d]) o = o * shape[d] + idx[d];
        double v = x[i];
        if (op == 0) out[o] += v;
        else if (op == 1) out[o] = v < out[o] ? v : out[o];
        else out[o] = v > out[o] ? v : out[o];
        for (int d = ndim - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) break;
            idx[d] = 0;
        }
    }
}

/* Checks sum, min and max of a over axes against ref_reduce on a's
 * values; exact, so a must hold small integers (its sums are then exact
 * in float32 too, in any order). */
static void check_layout(const nd_array *a, int naxes, const int *axes, const char *what) {
    int ndim = nd_ndim(a);
    bool red[ND_MAX_DIMS];
    for (int d = 0; d < ndim; d++) red[d] = naxes == ND_ALL_AXES;
    for (int i = 0; i < naxes; i++) red[axes[i] < 0 ? axes[i] + ndim : axes[i]] = true;
    int64_t rshape[ND_MAX_DIMS], nout = 1;
    int rnd = 0;
    for (int d = 0; d < ndim; d++)
        if (!red[d]) nout *= rshape[rnd++] = nd_shape(a)[d];
    nd_array *x = nd_astype(a, ND_FLOAT64);
    ND_ASSERT_ARRAY(x);
    double *want = malloc(sizeof(double) * (size_t)(nout ? nout : 1));
    assert_non_null(want);
    const red_fn fns[3] = {nd_sum, nd_min, nd_max};
    const char *names[3] = {"sum", "min", "max"};
    nd_dtype dt = nd_dtype_of(a);
    for (int op = 0; op < 3; op++) {
        ref_reduce(nd_data(x), ndim, nd_shape(a), red, op, want, nout);
        nd_array *r = fns[op](a, naxes, axes, false);
        char w[160];
        snprintf(w, sizeof w, "%s: %s (%s)", what, names[op], nd_dtype_name(dt));
        nd_dtype rdt = op == 0 && !nd_dtype_is_float(dt) ? ND_INT64 : dt;
        expect_f(r, rdt, rnd, rshape, want, 0, 0, w);
        nd_free(r);
    }
    free(want);
    nd_free(x);
}

/* Small integers in [-8, 8], as float32 or int16. */
static nd_array *small_ints(nd_rng *rng, int ndim, const int64_t *shape, nd_dtype dt) {
    nd_array *i = nd_random_integers(rng, -8, 9, ndim, shape, ND_INT16);
    ND_ASSERT_ARRAY(i);
    if (dt == ND_INT16) return i;
    nd_array *f = nd_astype(i, dt);
    nd_free(i);
    ND_ASSERT_ARRAY(f);
    return f;
}

/* The walker's paths: reduced outer axes longer than a pairwise group,
 * inner axes longer than a column chunk, several reduced axes apart,
 * transposed, reversed and broadcast inputs, one thread and two. */
static void test_layouts(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 11);
    const nd_dtype dts[2] = {ND_FLOAT32, ND_INT16};
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        for (int k = 0; k < 2; k++) {
            nd_dtype dt = dts[k];
            char w[96];
            /* (5, 5000): the inner axis spans three column chunks */
            nd_array *a = small_ints(&rng, 2, (const int64_t[]){5, 5000}, dt);
            snprintf(w, sizeof w, "(5, 5000) threads %d", th);
            check_layout(a, 1, (const int[]){0}, w);
            check_layout(a, 1, (const int[]){1}, w);
            check_layout(a, ND_ALL_AXES, NULL, w);
            nd_free(a);
            /* (3, 40, 2100): two reduced outer axes, a long kept inner one */
            a = small_ints(&rng, 3, (const int64_t[]){3, 40, 2100}, dt);
            snprintf(w, sizeof w, "(3, 40, 2100) threads %d", th);
            check_layout(a, 2, (const int[]){0, 1}, w);
            check_layout(a, 1, (const int[]){1}, w);
            check_layout(a, 2, (const int[]){0, 2}, w);
            check_layout(a, 1, (const int[]){2}, w);
            check_layout(a, ND_ALL_AXES, NULL, w);
            nd_free(a);
            /* every row count from 1 to 70 along a reduced outer axis */
            for (int64_t rows = 1; rows <= 70; rows++) {
                a = small_ints(&rng, 3, (const int64_t[]){rows, 3, 9}, dt);
                snprintf(w, sizeof w, "(%lld, 3, 9) threads %d", (long long)rows, th);
                check_layout(a, 1, (const int[]){0}, w);
                check_layout(a, 2, (const int[]){0, 2}, w);
                nd_free(a);
            }
            /* (600, 700) transposed, reversed, and a row broadcast to 3000 rows */
            nd_array *base = small_ints(&rng, 2, (const int64_t[]){600, 700}, dt);
            nd_array *t = nd_transpose(base, NULL);
            ND_ASSERT_ARRAY(t);
            snprintf(w, sizeof w, "(600, 700).T threads %d", th);
            check_layout(t, 1, (const int[]){0}, w);
            check_layout(t, 1, (const int[]){1}, w);
            check_layout(t, ND_ALL_AXES, NULL, w);
            nd_free(t);
            nd_array *rev = nd_view(base, "::-1, ::-3");
            ND_ASSERT_ARRAY(rev);
            snprintf(w, sizeof w, "(600, 700)[::-1, ::-3] threads %d", th);
            check_layout(rev, 1, (const int[]){0}, w);
            check_layout(rev, 1, (const int[]){-1}, w);
            check_layout(rev, ND_ALL_AXES, NULL, w);
            nd_free(rev);
            nd_array *row = nd_view(base, "5:6, :");
            ND_ASSERT_ARRAY(row);
            nd_array *bc = nd_broadcast_to(row, 2, (const int64_t[]){3000, 700});
            ND_ASSERT_ARRAY(bc);
            snprintf(w, sizeof w, "broadcast (3000, 700) threads %d", th);
            check_layout(bc, 1, (const int[]){0}, w);
            check_layout(bc, 1, (const int[]){1}, w);
            check_layout(bc, ND_ALL_AXES, NULL, w);
            nd_free(bc);
            nd_free(row);
            nd_free(base);
            /* a 3-D permutation with the reduced axes in the middle of memory */
            base = small_ints(&rng, 3, (const int64_t[]){30, 40, 50}, dt);
            nd_array *perm = nd_transpose(base, (const int[]){1, 2, 0});
            ND_ASSERT_ARRAY(perm);
            snprintf(w, sizeof w, "(30, 40, 50) transposed (1, 2, 0) threads %d", th);
            check_layout(perm, 1, (const int[]){0}, w);
            check_layout(perm, 1, (const int[]){2}, w);
            check_layout(perm, 2, (const int[]){0, 2}, w);
            nd_free(perm);
            nd_free(base);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* Many dimensions: 16 axes of length 2, reduced in scattered sets. */
static void test_many_dims(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 12);
    int64_t shape[16];
    for (int d = 0; d < 16; d++) shape[d] = 2 + (d % 3 == 0);
    nd_array *a = small_ints(&rng, 16, shape, ND_FLOAT64);
    check_layout(a, 3, (const int[]){0, 5, 15}, "16-D (0, 5, 15)");
    check_layout(a, 1, (const int[]){7}, "16-D (7,)");
    check_layout(a, 8, (const int[]){0, 2, 4, 6, 8, 10, 12, 14}, "16-D even axes");
    check_layout(a, ND_ALL_AXES, NULL, "16-D all");
    nd_array *r = nd_sum(a, 2, (const int[]){3, 9}, true);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 16);
    assert_int_equal(nd_shape(r)[3], 1);
    assert_int_equal(nd_shape(r)[9], 1);
    assert_int_equal(nd_shape(r)[4], shape[4]);
    nd_free(r);
    nd_free(a);
    /* ND_MAX_DIMS axes */
    int64_t ones[ND_MAX_DIMS];
    for (int d = 0; d < ND_MAX_DIMS; d++) ones[d] = d == 20 ? 5 : 1;
    a = small_ints(&rng, ND_MAX_DIMS, ones, ND_INT16);
    check_layout(a, 1, (const int[]){20}, "32-D axis 20");
    check_layout(a, 2, (const int[]){0, -1}, "32-D (0, -1)");
    check_layout(a, ND_ALL_AXES, NULL, "32-D all");
    nd_free(a);
}

/* ---------------------------------------------------------------- outputs */

/* _out: same_kind casts to out's dtype, keepdims shapes, strided outputs,
 * an output that is a view of the input, and 0-d outputs. */
static void test_out_ok(void **state) {
    (void)state;
    const double v23[6] = {0.5, 1.25, -2, 4, 0.25, 8};
    nd_array *f32 = from_f64(ND_FLOAT32, 2, (const int64_t[]){2, 3}, v23);
    const int ax1[1] = {1}, ax0[1] = {0};

    /* np.sum(f32, axis=1, out=np.empty(2, np.float64)) -> [-0.25, 12.25] */
    nd_array *o64 = new_array(ND_FLOAT64, 1, (const int64_t[]){2});
    ND_ASSERT_OK(nd_sum_out(f32, 1, ax1, false, o64));
    expect_f(o64, ND_FLOAT64, 1, (const int64_t[]){2}, (const double[]){-0.25, 12.25}, 0, 0, "sum into f64");
    /* np.max(f32, axis=1, out=...) -> [1.25, 8] */
    ND_ASSERT_OK(nd_max_out(f32, 1, ax1, false, o64));
    expect_f(o64, ND_FLOAT64, 1, (const int64_t[]){2}, (const double[]){1.25, 8}, 0, 0, "max into f64");
    nd_free(o64);

    /* keepdims: np.mean(f32, axis=0, keepdims=True) -> [[2.25, 0.75, 3]] */
    nd_array *ok = new_array(ND_FLOAT32, 2, (const int64_t[]){1, 3});
    ND_ASSERT_OK(nd_mean_out(f32, 1, ax0, true, ok));
    expect_f(ok, ND_FLOAT32, 2, (const int64_t[]){1, 3}, (const double[]){2.25, 0.75, 3}, 0, 0, "mean keepdims");
    /* np.var(f32, axis=0, ddof=1, keepdims=True) -> [[6.125, 0.5, 50]] */
    ND_ASSERT_OK(nd_var_out(f32, 1, ax0, true, 1, ok));
    expect_f(ok, ND_FLOAT32, 2, (const int64_t[]){1, 3}, (const double[]){6.125, 0.5, 50}, 1e-6, 0, "var_out");
    ND_ASSERT_OK(nd_std_out(f32, 1, ax0, true, 0, ok));
    expect_f(ok, ND_FLOAT32, 2, (const int64_t[]){1, 3}, (const double[]){1.75, 0.5, 5}, 1e-6, 0, "std_out");
    nd_free(ok);

    /* a 0-d output for a full reduction */
    nd_array *o0 = new_array(ND_FLOAT32, 0, NULL);
    ND_ASSERT_OK(nd_sum_out(f32, ND_ALL_AXES, NULL, false, o0));
    expect_f(o0, ND_FLOAT32, 0, NULL, (const double[]){12}, 0, 0, "0-d out");
    ND_ASSERT_OK(nd_nanmax_out(f32, ND_ALL_AXES, NULL, false, o0));
    expect_f(o0, ND_FLOAT32, 0, NULL, (const double[]){8}, 0, 0, "0-d nanmax out");
    nd_free(o0);

    /* a strided output: column 2 of a (3, 4) array */
    nd_array *big = nd_zeros(2, (const int64_t[]){3, 4}, ND_FLOAT64);
    nd_array *col = nd_index(big, 1, 2);
    ND_ASSERT_ARRAY(col);
    nd_array *t = nd_transpose(f32, NULL); /* (3, 2) */
    ND_ASSERT_OK(nd_sum_out(t, 1, ax1, false, col));
    expect_f(big, ND_FLOAT64, 2, (const int64_t[]){3, 4},
             (const double[]){0, 0, 4.5, 0, 0, 0, 1.5, 0, 0, 0, 6, 0}, 0, 0, "strided out");
    nd_free(t);
    nd_free(col);
    nd_free(big);

    /* the output is a view of the input: a[0] = a.sum(axis=0) */
    nd_array *a = from_f64(ND_FLOAT64, 2, (const int64_t[]){2, 3}, v23);
    nd_array *row0 = nd_index(a, 0, 0);
    ND_ASSERT_ARRAY(row0);
    ND_ASSERT_OK(nd_sum_out(a, 1, ax0, false, row0));
    expect_f(a, ND_FLOAT64, 2, (const int64_t[]){2, 3}, (const double[]){4.5, 1.5, 6, 4, 0.25, 8}, 0, 0,
             "out aliasing the input");
    nd_free(row0);
    nd_free(a);

    /* integer wrap into a narrower out: np.sum(int8, axis=1, out=int8) */
    const double vi[4] = {100, 100, 50, -128};
    nd_array *i8 = from_f64(ND_INT8, 2, (const int64_t[]){2, 2}, vi);
    nd_array *oi8 = new_array(ND_INT8, 1, (const int64_t[]){2});
    ND_ASSERT_OK(nd_sum_out(i8, 1, ax1, false, oi8));
    expect_ints(oi8, ND_INT8, 1, (const int64_t[]){2}, (const int64_t[]){-56, -78}, "sum into int8");
    nd_free(oi8);
    /* all/any/count_nonzero into wider integer outputs */
    nd_array *oi32 = new_array(ND_INT32, 1, (const int64_t[]){2});
    ND_ASSERT_OK(nd_all_out(i8, 1, ax0, false, oi32));
    expect_ints(oi32, ND_INT32, 1, (const int64_t[]){2}, (const int64_t[]){1, 1}, "all into int32");
    ND_ASSERT_OK(nd_count_nonzero_out(i8, 1, ax1, false, oi32));
    expect_ints(oi32, ND_INT32, 1, (const int64_t[]){2}, (const int64_t[]){2, 2}, "count_nonzero into int32");
    nd_free(oi32);
    /* uint8 sums (uint64) into int64: same_kind */
    nd_array *u8 = from_f64(ND_UINT8, 2, (const int64_t[]){2, 2}, (const double[]){200, 255, 1, 2});
    nd_array *oi64 = new_array(ND_INT64, 1, (const int64_t[]){2});
    ND_ASSERT_OK(nd_sum_out(u8, 1, ax1, false, oi64));
    expect_ints(oi64, ND_INT64, 1, (const int64_t[]){2}, (const int64_t[]){455, 3}, "uint8 sum into int64");
    nd_free(oi64);
    nd_free(u8);
    nd_free(i8);
    nd_free(f32);
}

/* Every _out function refuses a wrong shape, a read-only output and a
 * dtype it cannot cast to under same_kind, and writes nothing. */
static void test_out_errors(void **state) {
    (void)state;
    const double v[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    nd_array *a = from_f64(ND_FLOAT64, 2, (const int64_t[]){3, 4}, v);
    nd_array *ai = from_f64(ND_INT32, 2, (const int64_t[]){3, 4}, v);
    const int ax1[1] = {1}, ax5[1] = {5};
    nd_array *one = nd_zeros(1, (const int64_t[]){1}, ND_FLOAT64);
    nd_array *ro = nd_broadcast_to(one, 1, (const int64_t[]){3}); /* read-only */
    ND_ASSERT_ARRAY(ro);
    for (int i = 0; i < NUM_REDS; i++) {
        const red_info *r = &g_reds[i];
        if (!has_out(r)) continue;
        char what[96];
        /* the result is (3,), float64 except for all/any (bool) and count_nonzero (int64) */
        nd_dtype rdt = ND_FLOAT64;
        if (!strcmp(r->name, "all") || !strcmp(r->name, "any")) rdt = ND_BOOL;
        if (!strcmp(r->name, "count_nonzero")) rdt = ND_INT64;
        struct {
            int ndim;
            int64_t shape[2];
            nd_status st;
        } bad[4] = {{1, {4, 0}, ND_ERR_SHAPE}, {2, {3, 1}, ND_ERR_SHAPE}, {0, {0, 0}, ND_ERR_SHAPE},
                    {2, {1, 3}, ND_ERR_SHAPE}};
        for (int b = 0; b < 4; b++) {
            nd_array *out = new_array(rdt, bad[b].ndim, bad[b].shape);
            void *snap = snapshot(out);
            snprintf(what, sizeof what, "nd_%s_out with a wrong shape (%d)", r->name, b);
            nd_status st = red_call_out(r, a, 1, ax1, false, 1, out);
            if (st != bad[b].st) fail_msg("%s: status %s (%s)", what, nd_status_name(st), nd_errmsg());
            assert_int_equal(nd_last_status(), bad[b].st);
            nd_clear_error();
            assert_untouched(out, snap, what);
            nd_free(out);
        }
        /* keepdims wants (3, 1): a (3,) output is wrong */
        nd_array *out = new_array(rdt, 1, (const int64_t[]){3});
        void *snap = snapshot(out);
        snprintf(what, sizeof what, "nd_%s_out keepdims into (3,)", r->name);
        assert_int_equal(red_call_out(r, a, 1, ax1, true, 1, out), ND_ERR_SHAPE);
        nd_clear_error();
        assert_untouched(out, snap, what);
        /* a bad axis */
        snap = snapshot(out);
        snprintf(what, sizeof what, "nd_%s_out with axis 5", r->name);
        assert_int_equal(red_call_out(r, a, 1, ax5, false, 1, out), ND_ERR_INDEX);
        nd_clear_error();
        assert_untouched(out, snap, what);
        nd_free(out);
        /* read-only */
        snprintf(what, sizeof what, "nd_%s_out into a broadcast view", r->name);
        nd_status st = red_call_out(r, a, 1, ax1, false, 1, ro);
        if (st != ND_ERR_READONLY) fail_msg("%s: status %s", what, nd_status_name(st));
        nd_clear_error();
        expect_f(one, ND_FLOAT64, 1, (const int64_t[]){1}, (const double[]){0}, 0, 0, what);
        /* same_kind: float results refuse integer outputs, integer results bool ones */
        if (rdt != ND_BOOL) {
            nd_dtype odt = rdt == ND_FLOAT64 ? ND_INT64 : ND_BOOL;
            out = new_array(odt, 1, (const int64_t[]){3});
            snap = snapshot(out);
            snprintf(what, sizeof what, "nd_%s_out (%s) into %s", r->name, nd_dtype_name(rdt), nd_dtype_name(odt));
            st = red_call_out(r, a, 1, ax1, false, 1, out);
            if (st != ND_ERR_DTYPE) fail_msg("%s: status %s", what, nd_status_name(st));
            if (!strstr(nd_errmsg(), "same_kind")) fail_msg("%s: message '%s'", what, nd_errmsg());
            nd_clear_error();
            assert_untouched(out, snap, what);
            nd_free(out);
        }
        /* integer inputs: sums (int64) refuse uint8 and bool outputs, means (float64) int32 ones */
        if (!strcmp(r->name, "sum") || !strcmp(r->name, "prod") || !strcmp(r->name, "nansum") ||
            !strcmp(r->name, "mean") || !strcmp(r->name, "var") || !strcmp(r->name, "nanmean")) {
            bool is_sum = r->name[0] == 'p' || !strcmp(r->name, "sum") || !strcmp(r->name, "nansum");
            nd_dtype odt = is_sum ? ND_UINT8 : ND_INT32;
            out = new_array(odt, 1, (const int64_t[]){3});
            snap = snapshot(out);
            snprintf(what, sizeof what, "nd_%s_out (int32 input) into %s", r->name, nd_dtype_name(odt));
            st = red_call_out(r, ai, 1, ax1, false, 1, out);
            if (st != ND_ERR_DTYPE) fail_msg("%s: status %s", what, nd_status_name(st));
            nd_clear_error();
            assert_untouched(out, snap, what);
            nd_free(out);
        }
    }
    nd_free(ro);
    nd_free(one);
    nd_free(ai);
    nd_free(a);
}

/* ---------------------------------------------------------------- bad arguments */

/* Axis out of range, duplicates (also through negative aliases), naxes
 * out of range, NULL axes, for every function, plain and _out. */
static void test_bad_axes(void **state) {
    (void)state;
    nd_array *a = nd_ones(3, (const int64_t[]){2, 3, 4}, ND_FLOAT64);
    ND_ASSERT_ARRAY(a);
    /* NumPy: AxisError (an index error) naming the axis, ValueError for a
     * repeated one; the exact wording of the latter is libnd's */
    struct {
        const nd_array *a;
        int naxes;
        int axes[4];
        bool null_axes;
        nd_status st;
        const char *needle;
    } bad[] = {
        {a, 1, {3}, false, ND_ERR_INDEX, "axis 3 is out of bounds for array of dimension 3"},
        {a, 1, {-4}, false, ND_ERR_INDEX, "axis -4 is out of bounds for array of dimension 3"},
        {a, 2, {0, 7}, false, ND_ERR_INDEX, "axis 7"},
        {a, 3, {0, 1, INT32_MIN + 2}, false, ND_ERR_INDEX, "out of bounds"},
        /* the sentinels are named, never taken for an axis */
        {a, 3, {0, 1, ND_AXIS_NONE}, false, ND_ERR_VALUE, "axes[2] is ND_AXIS_NONE"},
        {a, 1, {ND_ALL_AXES}, false, ND_ERR_VALUE, "axes[0] is ND_ALL_AXES"},
        {a, 0, {0}, true, ND_ERR_VALUE, "naxes 0 with axes NULL is ambiguous; use ND_ALL_AXES"},
        {a, 2, {1, 1}, false, ND_ERR_VALUE, "axis"},
        {a, 2, {2, -1}, false, ND_ERR_VALUE, "axis"},
        {a, 3, {0, 1, 0}, false, ND_ERR_VALUE, "axis"},
        {a, 4, {0, 1, 2, 0}, false, ND_ERR_VALUE, ""},
        {a, -2, {0}, false, ND_ERR_VALUE, "-2"},
        {a, INT32_MIN, {0}, false, ND_ERR_VALUE, "ND_AXIS_NONE is a single-axis argument, not an axis count"},
        {a, INT32_MIN + 2, {0}, false, ND_ERR_VALUE, "axes given"},
        {a, 1, {0}, true, ND_ERR_NULL, "'axes'"},
    };
    for (int i = 0; i < NUM_REDS; i++) {
        const red_info *r = &g_reds[i];
        char fn[64];
        for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
            const int *axes = bad[b].null_axes ? NULL : bad[b].axes;
            nd_clear_error();
            nd_array *got = red_call(r, bad[b].a, bad[b].naxes, axes, false, 0, ND_FLOAT64);
            snprintf(fn, sizeof fn, "nd_%s: ", r->name);
            if (got) fail_msg("nd_%s: bad axes case %zu succeeded", r->name, b);
            if (nd_last_status() != bad[b].st || !strstr(nd_errmsg(), bad[b].needle) ||
                strncmp(nd_errmsg(), fn, strlen(fn)) != 0)
                fail_msg("nd_%s: bad axes case %zu: %s '%s', expected %s with '%s'", r->name, b,
                         nd_status_name(nd_last_status()), nd_errmsg(), nd_status_name(bad[b].st), bad[b].needle);
            nd_clear_error();
            if (!has_out(r)) continue;
            nd_array *out = new_array(ND_FLOAT64, 0, NULL);
            void *snap = snapshot(out);
            nd_status st = red_call_out(r, bad[b].a, bad[b].naxes, axes, false, 0, out);
            snprintf(fn, sizeof fn, "nd_%s_out: ", r->name);
            if (st != bad[b].st || nd_last_status() != bad[b].st || !strstr(nd_errmsg(), bad[b].needle) ||
                strncmp(nd_errmsg(), fn, strlen(fn)) != 0)
                fail_msg("nd_%s_out: bad axes case %zu: %s '%s', expected %s with '%s'", r->name, b,
                         nd_status_name(st), nd_errmsg(), nd_status_name(bad[b].st), bad[b].needle);
            nd_clear_error();
            assert_untouched(out, snap, "out after bad axes");
            nd_free(out);
        }
        /* naxes 0 with an axes array is the empty set, fine */
        nd_array *got = red_call(r, a, 0, (const int[]){0}, false, 0, ND_FLOAT64);
        ND_ASSERT_ARRAY(got);
        nd_test_shape(got, 3, nd_shape(a));
        nd_free(got);
        /* ND_ALL_AXES ignores axes */
        got = red_call(r, a, ND_ALL_AXES, (const int[]){9}, true, 0, ND_FLOAT64);
        ND_ASSERT_ARRAY(got);
        nd_test_shape(got, 3, (const int64_t[]){1, 1, 1});
        nd_free(got);
    }
    /* a ddof that is not a number */
    assert_null(nd_var(a, ND_ALL_AXES, NULL, false, NAN));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_var: ");
    /* an invalid dtype argument, ND_NUM_DTYPES included (not a dtype) */
    const nd_dtype bad_dt[3] = {(nd_dtype)-1, (nd_dtype)(ND_NUM_DTYPES + 1), ND_NUM_DTYPES};
    const dt_fn dfns[3] = {nd_sum_dtype, nd_prod_dtype, nd_mean_dtype};
    const char *dnames[3] = {"nd_sum_dtype: ", "nd_prod_dtype: ", "nd_mean_dtype: "};
    for (int k = 0; k < 3; k++)
        for (int f = 0; f < 3; f++) {
            nd_clear_error();
            nd_array *r = dfns[f](a, ND_ALL_AXES, NULL, false, bad_dt[k]);
            bool refused = r == NULL;
            nd_free(r);
            if (!refused) {
                nd_free(a);
                fail_msg("%sdtype argument %d accepted", dnames[f], (int)bad_dt[k]);
            }
            ND_ASSERT_ERROR(ND_ERR_DTYPE, dnames[f]);
        }
    nd_free(a);
}

/* NULL arguments give ND_ERR_NULL naming the argument, and keep a pending
 * error's message so the first failure of a chain is the one reported. */
static void test_null_args(void **state) {
    (void)state;
    nd_array *a = nd_ones(2, (const int64_t[]){2, 3}, ND_FLOAT64);
    nd_array *out = new_array(ND_FLOAT64, 1, (const int64_t[]){2});
    const int ax1[1] = {1};
    for (int i = 0; i < NUM_REDS; i++) {
        const red_info *r = &g_reds[i];
        char want[96];
        nd_clear_error();
        assert_null(red_call(r, NULL, ND_ALL_AXES, NULL, false, 0, ND_FLOAT64));
        snprintf(want, sizeof want, "nd_%s: argument 'a' is NULL", r->name);
        assert_int_equal(nd_last_status(), ND_ERR_NULL);
        assert_string_equal(nd_errmsg(), want);
        nd_clear_error();
        if (!has_out(r)) continue;
        assert_int_equal(red_call_out(r, a, 1, ax1, false, 0, NULL), ND_ERR_NULL);
        snprintf(want, sizeof want, "nd_%s_out: argument 'out' is NULL", r->name);
        assert_string_equal(nd_errmsg(), want);
        nd_clear_error();
        assert_int_equal(red_call_out(r, NULL, 1, ax1, false, 0, out), ND_ERR_NULL);
        snprintf(want, sizeof want, "nd_%s_out: argument 'a' is NULL", r->name);
        assert_string_equal(nd_errmsg(), want);
        nd_clear_error();
    }
    /* a chain: the first failure (a bad axis) stays the reported one */
    const int ax9[1] = {9};
    void *snap = snapshot(out);
    nd_array *r1 = nd_sum(a, 1, ax9, false);
    assert_null(r1);
    const nd_status first_st = nd_last_status();
    char first[256];
    snprintf(first, sizeof first, "%s", nd_errmsg());
    assert_int_equal(first_st, ND_ERR_INDEX);
    nd_array *r2 = nd_mean(r1, ND_ALL_AXES, NULL, false);
    assert_null(r2);
    nd_array *r3 = nd_var(r2, 1, ax1, true, 1);
    assert_null(r3);
    /* the _out variants report ND_ERR_NULL for their NULL input, as the
     * element-wise _out functions do, and leave the first message alone */
    nd_status st1 = nd_max_out(r3, 1, ax1, false, out);
    nd_status st2 = nd_std_out(r3, 1, ax1, false, 0, out);
    nd_status st3 = nd_sum_out(a, 1, ax1, false, NULL);
    assert_untouched(out, snap, "out after a NULL input");
    assert_int_equal(nd_last_status(), first_st);
    assert_string_equal(nd_errmsg(), first);
    nd_clear_error();
    nd_free(out);
    nd_free(a);
    assert_int_equal(st3, ND_ERR_NULL);
    if (st1 != ND_ERR_NULL || st2 != ND_ERR_NULL)
        fail_msg("nd_max_out / nd_std_out with a NULL input after an earlier error returned %s / %s, expected "
                 "null argument (as nd_add_out does)", nd_status_name(st1), nd_status_name(st2));
}

/* ---------------------------------------------------------------- float32 accuracy */

/* Max relative error of float32 results r against double references want. */
static double max_rel_err(const nd_array *r, const double *want, int64_t n) {
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    assert_int_equal(nd_size(r), n);
    const float *g = nd_data(r);
    double m = 0;
    for (int64_t i = 0; i < n; i++) {
        double e = fabs((double)g[i] - want[i]) / fabs(want[i]);
        if (!(e <= m)) m = e;
    }
    return m;
}

/* sum over one axis (or all, axis -1) of a C-ordered (n0, n1, n2) float32
 * block, accumulated in double. */
static void ref_sum3(const float *x, const int64_t *s, int axis, double *out) {
    int64_t n0 = s[0], n1 = s[1], n2 = s[2];
    if (axis < 0) {
        double t = 0;
        for (int64_t i = 0; i < n0 * n1 * n2; i++) t += x[i];
        out[0] = t;
        return;
    }
    int64_t nout = axis == 0 ? n1 * n2 : axis == 1 ? n0 * n2 : n0 * n1;
    for (int64_t o = 0; o < nout; o++) out[o] = 0;
    for (int64_t i = 0; i < n0; i++)
        for (int64_t j = 0; j < n1; j++)
            for (int64_t k = 0; k < n2; k++) {
                double v = x[(i * n1 + j) * n2 + k];
                if (axis == 0) out[j * n2 + k] += v;
                else if (axis == 1) out[i * n2 + k] += v;
                else out[i * n1 + j] += v;
            }
}

/* The bound: float32 sum and mean of 10^7 uniform values along each
 * axis of a 3-D array and over all axes stay within 1e-6 relative of a
 * double reference (max over outputs). */
static void test_accuracy_f32_3d(void **state) {
    (void)state;
    const int64_t shape[3] = {UNDER_ASAN ? 100 : 200, UNDER_ASAN ? 125 : 250, UNDER_ASAN ? 80 : 200};
    const int64_t n = shape[0] * shape[1] * shape[2];
    nd_rng rng;
    nd_rng_seed(&rng, 2024);
    nd_array *a = nd_random_uniform(&rng, 0, 1, 3, shape, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    int64_t most = shape[1] * shape[2];
    if (shape[0] * shape[2] > most) most = shape[0] * shape[2];
    if (shape[0] * shape[1] > most) most = shape[0] * shape[1];
    double *want = malloc(sizeof(double) * (size_t)most);
    assert_non_null(want);
    for (int axis = -1; axis < 3; axis++) {
        ref_sum3(nd_data(a), shape, axis, want);
        int64_t nout = axis < 0 ? 1 : n / shape[axis];
        int64_t cnt = axis < 0 ? n : shape[axis];
        const int axes[1] = {axis};
        nd_array *s = nd_sum(a, axis < 0 ? ND_ALL_AXES : 1, axes, false);
        ND_ASSERT_ARRAY(s);
        double es = max_rel_err(s, want, nout);
        for (int64_t o = 0; o < nout; o++) want[o] /= (double)cnt;
        nd_array *m = nd_mean(a, axis < 0 ? ND_ALL_AXES : 1, axes, false);
        ND_ASSERT_ARRAY(m);
        double em = max_rel_err(m, want, nout);
        nd_free(s);
        nd_free(m);
        if (!(es <= 1e-6)) fail_msg("float32 sum over axis %d: max relative error %.3g > 1e-6", axis, es);
        if (!(em <= 1e-6)) fail_msg("float32 mean over axis %d: max relative error %.3g > 1e-6", axis, em);
    }
    /* all three axes listed explicitly, and two of them */
    ref_sum3(nd_data(a), shape, -1, want);
    nd_array *s = nd_sum(a, 3, (const int[]){2, 0, 1}, false);
    ND_ASSERT_ARRAY(s);
    double e = max_rel_err(s, want, 1);
    nd_free(s);
    if (!(e <= 1e-6)) fail_msg("float32 sum over (2, 0, 1): relative error %.3g > 1e-6", e);
    ref_sum3(nd_data(a), shape, 2, want); /* then fold axis 0 of the (n0, n1) partials */
    for (int64_t j = 0; j < shape[1]; j++) {
        double t = 0;
        for (int64_t i = 0; i < shape[0]; i++) t += want[i * shape[1] + j];
        want[j] = t;
    }
    s = nd_sum(a, 2, (const int[]){0, 2}, false);
    ND_ASSERT_ARRAY(s);
    e = max_rel_err(s, want, shape[1]);
    nd_free(s);
    if (!(e <= 1e-6)) fail_msg("float32 sum over (0, 2): max relative error %.3g > 1e-6", e);
    free(want);
    nd_free(a);
}

/* The reduced axis is the outer one: (10^5, 64) float32 over axis 0. */
static void test_accuracy_f32_outer(void **state) {
    (void)state;
    const int64_t rows = UNDER_ASAN ? 20000 : 100000, shape[2] = {rows, 64};
    nd_rng rng;
    nd_rng_seed(&rng, 99);
    nd_array *a = nd_random_uniform(&rng, 0, 1, 2, shape, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    const float *x = nd_data(a);
    double want[64] = {0};
    for (int64_t i = 0; i < rows; i++)
        for (int j = 0; j < 64; j++) want[j] += x[i * 64 + j];
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        nd_array *s = nd_sum(a, 1, (const int[]){0}, false);
        ND_ASSERT_ARRAY(s);
        double e = max_rel_err(s, want, 64);
        nd_free(s);
        if (!(e <= 1e-6)) fail_msg("float32 (%lld, 64) sum over axis 0, %d threads: max relative error %.3g > 1e-6",
                                   (long long)rows, th, e);
        double wm[64];
        for (int j = 0; j < 64; j++) wm[j] = want[j] / (double)rows;
        nd_array *m = nd_mean(a, 1, (const int[]){-2}, false);
        ND_ASSERT_ARRAY(m);
        e = max_rel_err(m, wm, 64);
        nd_free(m);
        if (!(e <= 1e-6)) fail_msg("float32 mean over axis 0, %d threads: max relative error %.3g > 1e-6", th, e);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(a);
}

/* ---------------------------------------------------------------- threads */

/* One thread and two agree: float32 within 1e-6 relative, integer sums
 * bit for bit (and equal to a plain C loop). */
static void test_threads(void **state) {
    (void)state;
    const int64_t shape[3] = {UNDER_ASAN ? 60 : 160, UNDER_ASAN ? 70 : 250, UNDER_ASAN ? 80 : 200};
    nd_rng rng;
    nd_rng_seed(&rng, 5);
    nd_array *f = nd_random_uniform(&rng, 0, 1, 3, shape, ND_FLOAT32);
    nd_array *i32 = nd_random_integers(&rng, INT32_MIN, INT32_MAX, 3, shape, ND_INT32);
    ND_ASSERT_ARRAY(f);
    ND_ASSERT_ARRAY(i32);
    const int sets[6][2] = {{ND_ALL_AXES, 0}, {1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}}; /* {naxes, first axis} */
    for (int s = 0; s < 6; s++) {
        int naxes = sets[s][0];
        int axes[2] = {sets[s][1], 2};
        nd_array *r1[3], *r2[3];
        for (int th = 1; th <= 2; th++) {
            ND_ASSERT_OK(nd_set_num_threads(th));
            nd_array **r = th == 1 ? r1 : r2;
            r[0] = nd_sum(f, naxes, axes, false);
            r[1] = nd_sum(i32, naxes, axes, false);
            r[2] = nd_max(f, naxes, axes, false);
            for (int k = 0; k < 3; k++) ND_ASSERT_ARRAY(r[k]);
        }
        /* float32 sums within 1e-6 */
        nd_array *w = nd_astype(r1[0], ND_FLOAT64);
        ND_ASSERT_ARRAY(w);
        double e = max_rel_err(r2[0], nd_data(w), nd_size(w));
        nd_free(w);
        if (!(e <= 1e-6)) fail_msg("set %d: float32 sums differ by %.3g between 1 and 2 threads", s, e);
        /* integer sums and float maxima identical */
        for (int k = 1; k < 3; k++) {
            assert_int_equal(nd_nbytes(r1[k]), nd_nbytes(r2[k]));
            if (memcmp(nd_data(r1[k]), nd_data(r2[k]), nd_nbytes(r1[k])) != 0)
                fail_msg("set %d: %s differs between 1 and 2 threads", s, k == 1 ? "int32 sum" : "float32 max");
        }
        for (int k = 0; k < 3; k++) {
            nd_free(r1[k]);
            nd_free(r2[k]);
        }
    }
    /* the int32 full sum against a C loop */
    int64_t want = 0;
    const int32_t *x = nd_data(i32);
    for (int64_t i = 0; i < nd_size(i32); i++) want += x[i];
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        nd_array *r = nd_sum(i32, ND_ALL_AXES, NULL, false);
        expect_ints(r, ND_INT64, 0, NULL, &want, "int32 full sum");
        nd_free(r);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(f);
    nd_free(i32);
}

/* ---------------------------------------------------------------- NaN made by inf - inf */

/* nansum and nanmean skip NaN elements, not NaN sums: a partial sum that
 * became NaN through inf + -inf is a result. Every fold path: the issue's
 * case (17 rows folded as a block with the pairwise stack), rows folded
 * into kept columns under a kept outer axis, strided rows reduced whole,
 * one long row, and a reduction split across threads; on every kernel
 * level and thread count. NumPy: x = np.ones((17, 2)); x[0,0] = np.inf;
 * x[1,0] = -np.inf; np.nansum(x, axis=0) is [nan, 17.], np.nanmean [nan, 1.]. */
static nd_array *ones_with(nd_dtype dt, int nd, const int64_t *shape, int n, const int64_t *at,
                           const double *v) {
    nd_array *a = nd_ones(nd, shape, dt);
    ND_ASSERT_ARRAY(a);
    for (int k = 0; k < n; k++) ND_ASSERT_OK(nd_set_f64(a, at + k * nd, v[k]));
    return a;
}

static void expect_f64s(nd_array *r, const double *want, int64_t n, const char *what) {
    ND_ASSERT_ARRAY(r);
    nd_array *d = nd_astype(r, ND_FLOAT64);
    ND_ASSERT_ARRAY(d);
    const double *g = nd_data(d);
    for (int64_t i = 0; i < n; i++)
        if (!(isnan(want[i])   ? isnan(g[i])
              : isinf(want[i]) ? g[i] == want[i]
                               : fabs(g[i] - want[i]) <= 1e-6 * fabs(want[i])))
            fail_msg("%s [%s, %d threads] element %lld: got %g, expected %g", what, nd_get_arch(),
                     nd_get_num_threads(), (long long)i, g[i], want[i]);
    nd_free(d);
    nd_free(r);
}

static void test_nan_from_infinities(void **state) {
    (void)state;
    const char *levels[] = {"ref", "avx2"};
    const int threads[] = {1, 2, 3};
    const nd_dtype dts[] = {ND_FLOAT32, ND_FLOAT64};
    for (int li = 0; li < 2; li++) {
        if (nd_set_arch(levels[li]) != ND_OK) {
            nd_clear_error();
            continue;
        }
        for (int ti = 0; ti < 3; ti++) {
            ND_ASSERT_OK(nd_set_num_threads(threads[ti]));
            for (int di = 0; di < 2; di++) {
                nd_dtype dt = dts[di];
                const int ax0[] = {0}, ax1[] = {1};
                /* the issue: 17 rows, a NaN element in the other column */
                nd_array *x = ones_with(dt, 2, SH(17, 2), 3, SH(0, 0, 1, 0, 5, 1),
                                        V(INFINITY, -INFINITY, NAN));
                expect_f64s(nd_nansum(x, 1, ax0, false), V(NAN, 16), 2, "nansum (17,2) axis 0");
                expect_f64s(nd_nanmean(x, 1, ax0, false), V(NAN, 1), 2, "nanmean (17,2) axis 0");
                nd_free(x);
                /* a kept outer axis: (3, 40, 5) over axis 1 */
                x = ones_with(dt, 3, SH(3, 40, 5), 3, SH(1, 0, 2, 1, 1, 2, 2, 5, 1),
                              V(INFINITY, -INFINITY, NAN));
                double want[15], wmean[15];
                for (int i = 0; i < 15; i++) want[i] = 40, wmean[i] = 1;
                want[7] = wmean[7] = NAN;
                want[11] = 39;
                expect_f64s(nd_nansum(x, 1, ax1, false), want, 15, "nansum (3,40,5) axis 1");
                expect_f64s(nd_nanmean(x, 1, ax1, false), wmean, 15, "nanmean (3,40,5) axis 1");
                nd_free(x);
                /* strided rows reduced whole: (40, 6)[:, ::2], every axis */
                x = ones_with(dt, 2, SH(40, 6), 3, SH(0, 0, 1, 0, 7, 2), V(INFINITY, -INFINITY, NAN));
                nd_array *v = nd_view(x, ":, ::2");
                ND_ASSERT_ARRAY(v);
                expect_f64s(nd_nansum(v, ND_ALL_AXES, NULL, false), V(NAN), 1, "nansum strided all");
                expect_f64s(nd_nanmean(v, ND_ALL_AXES, NULL, false), V(NAN), 1, "nanmean strided all");
                nd_free(v);
                v = nd_view(x, "2:, ::2"); /* without the infinities: the NaN element is skipped */
                ND_ASSERT_ARRAY(v);
                expect_f64s(nd_nansum(v, ND_ALL_AXES, NULL, false), V(113), 1, "nansum strided, NaN element");
                nd_free(v);
                nd_free(x);
                /* one long row */
                x = ones_with(dt, 1, SH(1000), 3, SH(3, 500, 9), V(INFINITY, -INFINITY, NAN));
                expect_f64s(nd_nansum(x, ND_ALL_AXES, NULL, false), V(NAN), 1, "nansum row");
                nd_free(x);
                /* large enough to split across threads; both infinities in one slice */
                const int64_t big = UNDER_ASAN ? 300 : 600;
                x = ones_with(dt, 2, SH(big, 500), 3, SH(0, 0, 1, 1, 7, 7), V(INFINITY, -INFINITY, NAN));
                expect_f64s(nd_nansum(x, ND_ALL_AXES, NULL, false), V(NAN), 1, "nansum split");
                expect_f64s(nd_nanmean(x, ND_ALL_AXES, NULL, false), V(NAN), 1, "nanmean split");
                expect_f64s(nd_nansum(x, 1, ax1, false), V(INFINITY, -INFINITY, 500), 3, "nansum rows");
                nd_free(x);
            }
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    ND_ASSERT_OK(nd_set_arch(NULL));
}

/* ---------------------------------------------------------------- main */

#define CASE_REG_(n) cmocka_unit_test(test_cases_##n),

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_table),
        ND_REDUCTIONS(CASE_REG_) CASE_REG_(var) CASE_REG_(std) CASE_REG_(sum_dtype)
        CASE_REG_(prod_dtype) CASE_REG_(mean_dtype)
        cmocka_unit_test(test_cases_0d_axes),
        cmocka_unit_test(test_accumulator_dtypes),
        cmocka_unit_test(test_empty_axis_errors),
        cmocka_unit_test(test_nan_placement),
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_nan_from_infinities),
        cmocka_unit_test(test_many_dims),
        cmocka_unit_test(test_out_ok),
        cmocka_unit_test(test_out_errors),
        cmocka_unit_test(test_bad_axes),
        cmocka_unit_test(test_null_args),
        cmocka_unit_test(test_accuracy_f32_3d),
        cmocka_unit_test(test_accuracy_f32_outer),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
