/* Tests for nd_argmax, nd_argmin, nd_cumsum, nd_cumprod and their _out
 * variants (include/nd/reduce.h): every case NumPy answered in
 * data/reduce_arg_cases.h (axes, keepdims, every dtype, views, NaN, empty
 * and 0-d arrays), then NaN placement over SIMD widths, large inputs
 * against plain C loops on one thread and two, every kernel level against a
 * plain loop, outputs and bad arguments. */
#include "nd_test.h"
#include "nd_test_arrays.h"

#include <stdlib.h>

#include "data/reduce_arg_cases.h"

/* ---------------------------------------------------------------- the operations */

typedef nd_array *(*arg_fn)(const nd_array *, int, bool);
typedef nd_status (*arg_out_fn)(const nd_array *, int, bool, nd_array *);
typedef nd_array *(*scan_fn)(const nd_array *, int);
typedef nd_status (*scan_out_fn)(const nd_array *, int, nd_array *);

typedef struct op_info {
    const char *name;
    arg_fn fa;
    arg_out_fn oa;
    scan_fn fs;
    scan_out_fn os;
} op_info;

static const op_info g_ops[] = {
    {"argmax", nd_argmax, nd_argmax_out, NULL, NULL},
    {"argmin", nd_argmin, nd_argmin_out, NULL, NULL},
    {"cumsum", NULL, NULL, nd_cumsum, nd_cumsum_out},
    {"cumprod", NULL, NULL, nd_cumprod, nd_cumprod_out},
};
#define NUM_OPS (int)(sizeof g_ops / sizeof g_ops[0])

static const op_info *find_op(const char *name) {
    for (int i = 0; i < NUM_OPS; i++)
        if (strcmp(g_ops[i].name, name) == 0) return &g_ops[i];
    return NULL;
}

static nd_array *op_call(const op_info *op, const nd_array *a, int axis, bool keepdims) {
    return op->fa ? op->fa(a, axis, keepdims) : op->fs(a, axis);
}

static nd_status op_call_out(const op_info *op, const nd_array *a, int axis, bool keepdims, nd_array *out) {
    return op->oa ? op->oa(a, axis, keepdims, out) : op->os(a, axis, out);
}

/* ---------------------------------------------------------------- generated cases */

#define NUM_CASES (int)(sizeof ra_cases / sizeof ra_cases[0])
#define NUM_INPUTS (int)(sizeof ra_inputs / sizeof ra_inputs[0])

static nd_array *case_input(int id) { return GEN_INPUT(&ra_inputs[id], ra_fpool, ra_ipool); }

static bool check_case(const ra_case *c, int ci, const nd_array *got, const char *how) {
    return gen_check(ci, c->expr, how, got, c->rdtype, c->rndim, c->rshape, GEN_FVALS(c->rdtype, ra_fpool, c->off),
                     GEN_IVALS(c->rdtype, ra_ipool, c->off),
                     c->rtol, c->atol);
}

static void run_cases(const char *name) {
    const op_info *op = find_op(name);
    assert_non_null(op);
    nd_array *inputs[NUM_INPUTS] = {NULL};
    int ran = 0, failed = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const ra_case *c = &ra_cases[ci];
        if (strcmp(c->op, name) != 0) continue;
        if (!inputs[c->input]) inputs[c->input] = case_input(c->input);
        const nd_array *a = inputs[c->input];
        ran++;
        nd_clear_error();
        nd_array *got = op_call(op, a, c->axis, c->keepdims);
        bool ok;
        if (c->status != ND_OK) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "nd_%s: ", name);
            ok = !got && nd_last_status() == c->status && strncmp(nd_errmsg(), prefix, strlen(prefix)) == 0;
            if (!ok)
                print_error("case %d %s: expected %s, got %s ('%s')\n", ci, c->expr, nd_status_name(c->status),
                            got ? "success" : nd_status_name(nd_last_status()), nd_errmsg());
            nd_clear_error();
        } else {
            ok = check_case(c, ci, got, "plain");
        }
        nd_free(got);
        if (ok && c->status == ND_OK) {
            nd_array *out = new_array(c->rdtype, c->rndim, c->rshape);
            nd_status st = op_call_out(op, a, c->axis, c->keepdims, out);
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
    if (ran == 0) fail_msg("no cases for %s", name);
    if (failed) fail_msg("%s: %d of %d cases failed", name, failed, ran);
}

static void test_cases_argmax(void **state) {
    (void)state;
    run_cases("argmax");
}
static void test_cases_argmin(void **state) {
    (void)state;
    run_cases("argmin");
}
static void test_cases_cumsum(void **state) {
    (void)state;
    run_cases("cumsum");
}
static void test_cases_cumprod(void **state) {
    (void)state;
    run_cases("cumprod");
}

/* ---------------------------------------------------------------- NaN placement */

static const ra_nanrow *nan_row(int n, int place) {
    if (n == 1 && place >= 2 && place <= 4) place = 1;
    for (size_t i = 0; i < sizeof ra_nanrows / sizeof ra_nanrows[0]; i++)
        if (ra_nanrows[i].n == n && ra_nanrows[i].place == place) return &ra_nanrows[i];
    fail_msg("no NaN row for n=%d place=%d", n, place);
    return NULL;
}

/* argmax/argmin return the first NaN's index, over every length up to 48
 * and every placement: 1-D, rows of (3, n) along axis 1, columns of (n, 3)
 * along axis 0, a transposed view, and the flattened (3, n). */
static void test_nan_placement(void **state) {
    (void)state;
    double lane[48];
    const arg_fn fns[2] = {nd_argmin, nd_argmax};
    const char *names[2] = {"argmin", "argmax"};
    for (int k = 0; k < 2; k++) {
        nd_dtype dt = k ? ND_FLOAT64 : ND_FLOAT32;
        for (int n = 1; n <= 48; n++) {
            for (int place = 0; place < 6; place++) {
                fill_lane(lane, n, place);
                nd_array *a = from_f64(dt, 1, (const int64_t[]){n}, lane);
                for (int f = 0; f < 2; f++) {
                    char what[96];
                    snprintf(what, sizeof what, "%s %s n=%d place=%d", names[f], nd_dtype_name(dt), n, place);
                    nd_array *r = fns[f](a, ND_AXIS_NONE, false);
                    expect_ints(r, ND_INT64, 0, NULL, &nan_row(n, place)->want[f], what);
                    nd_free(r);
                    r = fns[f](a, 0, true);
                    expect_ints(r, ND_INT64, 1, (const int64_t[]){1}, &nan_row(n, place)->want[f], what);
                    nd_free(r);
                }
                nd_free(a);
            }
            for (int s = 0; s < 6; s += 3) {
                nan_lanes l;
                nan_lanes_make(&l, dt, n, s);
                for (int f = 0; f < 2; f++) {
                    int64_t want[3];
                    for (int j = 0; j < 3; j++) want[j] = nan_row(n, (j + s) % 6)->want[f];
                    char what[96];
                    snprintf(what, sizeof what, "%s %s (3, %d) axis 1, s=%d", names[f], nd_dtype_name(dt), n, s);
                    nd_array *r = fns[f](l.rows, 1, false);
                    expect_ints(r, ND_INT64, 1, (const int64_t[]){3}, want, what);
                    nd_free(r);
                    snprintf(what, sizeof what, "%s %s (%d, 3) axis 0, s=%d", names[f], nd_dtype_name(dt), n, s);
                    r = fns[f](l.cols, 0, true);
                    expect_ints(r, ND_INT64, 2, (const int64_t[]){1, 3}, want, what);
                    nd_free(r);
                    snprintf(what, sizeof what, "%s %s (%d, 3).T axis -1, s=%d", names[f], nd_dtype_name(dt), n, s);
                    r = fns[f](l.rows_t, -1, false);
                    expect_ints(r, ND_INT64, 1, (const int64_t[]){3}, want, what);
                    nd_free(r);
                    /* flattened: the first lane holding a NaN wins, else the extreme */
                    int64_t flat = -1;
                    for (int j = 0; j < 3 && flat < 0; j++)
                        if (isnan(l.lanes[j][want[j]])) flat = j * n + want[j];
                    if (flat < 0) {
                        flat = want[0];
                        for (int j = 1; j < 3; j++) {
                            double x = l.lanes[j][want[j]], b = l.lanes[flat / n][flat % n];
                            if (f ? x > b : x < b) flat = j * n + want[j];
                        }
                    }
                    snprintf(what, sizeof what, "%s %s (3, %d) flattened, s=%d", names[f], nd_dtype_name(dt), n, s);
                    r = fns[f](l.rows, ND_AXIS_NONE, false);
                    expect_ints(r, ND_INT64, 0, NULL, &flat, what);
                    nd_free(r);
                }
                nan_lanes_free(&l);
            }
        }
    }
}

/* ---------------------------------------------------------------- empty axes */

/* An empty reduced axis is an error that names the axis; other axes of an
 * array with an empty axis give an empty result. */
static void test_empty(void **state) {
    (void)state;
    nd_array *a = nd_zeros(3, (const int64_t[]){2, 0, 3}, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    const arg_fn fns[2] = {nd_argmin, nd_argmax};
    const char *names[2] = {"nd_argmin", "nd_argmax"};
    for (int f = 0; f < 2; f++) {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%s: ", names[f]);
        assert_null(fns[f](a, 1, false));
        assert_int_equal(nd_last_status(), ND_ERR_VALUE);
        if (strncmp(nd_errmsg(), prefix, strlen(prefix)) != 0) fail_msg("message '%s'", nd_errmsg());
        ND_ASSERT_ERROR(ND_ERR_VALUE, "empty");
        assert_null(fns[f](a, -2, true));
        assert_int_equal(nd_last_status(), ND_ERR_VALUE);
        if (!strstr(nd_errmsg(), "axis 1"))
            fail_msg("%s of an empty axis 1: the message '%s' does not name the axis", names[f], nd_errmsg());
        nd_clear_error();
        assert_null(fns[f](a, ND_AXIS_NONE, false));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "empty");
        nd_array *r = fns[f](a, 0, false);
        nd_test_shape(r, 2, (const int64_t[]){0, 3});
        assert_int_equal(nd_dtype_of(r), ND_INT64);
        nd_free(r);
        r = fns[f](a, 2, true);
        nd_test_shape(r, 3, (const int64_t[]){2, 0, 1});
        nd_free(r);
        nd_array *out = new_array(ND_INT64, 2, (const int64_t[]){2, 3});
        void *snap = snapshot(out);
        nd_status st = f ? nd_argmax_out(a, 1, false, out) : nd_argmin_out(a, 1, false, out);
        assert_int_equal(st, ND_ERR_VALUE);
        nd_clear_error();
        assert_untouched(out, snap, names[f]);
        nd_free(out);
    }
    nd_array *c = nd_cumsum(a, 1);
    nd_test_shape(c, 3, (const int64_t[]){2, 0, 3});
    assert_int_equal(nd_dtype_of(c), ND_FLOAT32);
    nd_free(c);
    c = nd_cumprod(a, ND_AXIS_NONE);
    nd_test_shape(c, 1, (const int64_t[]){0});
    nd_free(c);
    nd_free(a);
}

/* ---------------------------------------------------------------- large inputs */

/* argmax and argmin of long lanes against a C loop, on one thread and two:
 * the extreme first, last, in the middle, tied, and behind a NaN. */
static void test_large_lanes(void **state) {
    (void)state;
    const int64_t n = UNDER_ASAN ? (1 << 20) : (1 << 22);
    nd_rng rng;
    nd_rng_seed(&rng, 3);
    nd_array *a = nd_random_uniform(&rng, -1, 1, 1, &n, ND_FLOAT32);
    ND_ASSERT_ARRAY(a);
    float *x = nd_data(a);
    const int64_t spots[6] = {0, n - 1, n / 2, n / 3 + 1, 12345, n - 17};
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        for (int s = 0; s < 6; s++) {
            int64_t at = spots[s];
            float saved = x[at];
            x[at] = 5.0f;
            nd_array *r = nd_argmax(a, ND_AXIS_NONE, false);
            char what[96];
            snprintf(what, sizeof what, "argmax of %lld floats, max at %lld, %d threads", (long long)n, (long long)at, th);
            expect_ints(r, ND_INT64, 0, NULL, &at, what);
            nd_free(r);
            /* a tie later on: the first still wins */
            int64_t later = at + (n - at) / 2;
            float saved2 = x[later];
            if (later != at) x[later] = 5.0f;
            r = nd_argmax(a, 0, false);
            expect_ints(r, ND_INT64, 0, NULL, &at, what);
            nd_free(r);
            x[later] = saved2;
            x[at] = -5.0f;
            r = nd_argmin(a, -1, false);
            snprintf(what, sizeof what, "argmin of %lld floats, min at %lld, %d threads", (long long)n, (long long)at, th);
            expect_ints(r, ND_INT64, 0, NULL, &at, what);
            nd_free(r);
            /* a NaN after the minimum wins */
            int64_t nan_at = (at + n / 5) % n;
            float saved3 = x[nan_at];
            x[nan_at] = NAN;
            r = nd_argmin(a, ND_AXIS_NONE, false);
            snprintf(what, sizeof what, "argmin with a NaN at %lld, %d threads", (long long)nan_at, th);
            expect_ints(r, ND_INT64, 0, NULL, &nan_at, what);
            nd_free(r);
            r = nd_argmax(a, ND_AXIS_NONE, false);
            expect_ints(r, ND_INT64, 0, NULL, &nan_at, what);
            nd_free(r);
            x[nan_at] = saved3;
            x[at] = saved;
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(a);
}

/* cumsum and cumprod of int64 along every axis of shapes that cross the
 * scan's column chunks (2048) and its lane/row switch (rows of 8), with
 * products that wrap, on 1 and 2 threads and through a reversed view:
 * against a C loop with wrapping arithmetic. */
static void test_scan_shapes(void **state) {
    (void)state;
    static const int64_t shapes[][3] = {{3, 5, 4099}, {40, 3, 6000}, {1000, 2, 1}, {1000, 3, 1},
                                        {64, 7, 1}, {5, 8, 9}, {1, 1, 1}};
    const int ns = (int)(sizeof shapes / sizeof shapes[0]);
    const int saved = nd_get_num_threads();
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        for (int si = 0; si < ns; si++)
            for (int rev = 0; rev < 2; rev++) {
                nd_rng rng;
                nd_rng_seed(&rng, (uint64_t)(si * 2 + rev + 7));
                nd_array *base = nd_random_integers(&rng, -3, 4, 3, shapes[si], ND_INT64);
                ND_ASSERT_ARRAY(base);
                nd_array *x = rev ? nd_view(base, "::-1, :, ::-1") : nd_view(base, "...");
                nd_array *xc = nd_ascontiguousarray(x);
                ND_ASSERT_ARRAY(xc);
                const int64_t *v = nd_data(xc), *sh = shapes[si], total = sh[0] * sh[1] * sh[2];
                int64_t *want = malloc(sizeof(int64_t) * (size_t)total);
                assert_non_null(want);
                for (int ax = 0; ax < 3; ax++)
                    for (int prod = 0; prod < 2; prod++) {
                        int64_t inner = 1;
                        for (int d = ax + 1; d < 3; d++) inner *= sh[d];
                        const int64_t n = sh[ax], outer = total / (n * inner);
                        for (int64_t o = 0; o < outer; o++)
                            for (int64_t c = 0; c < inner; c++) {
                                uint64_t run = prod ? 1 : 0;
                                for (int64_t k = 0; k < n; k++) {
                                    const int64_t at = (o * n + k) * inner + c;
                                    run = prod ? run * (uint64_t)v[at] : run + (uint64_t)v[at];
                                    want[at] = (int64_t)run;
                                }
                            }
                        nd_array *r = prod ? nd_cumprod(x, ax) : nd_cumsum(x, ax);
                        char what[96];
                        snprintf(what, sizeof what, "%s of (%lld,%lld,%lld)%s along axis %d, %d threads",
                                 prod ? "cumprod" : "cumsum", (long long)sh[0], (long long)sh[1], (long long)sh[2],
                                 rev ? " reversed" : "", ax, th);
                        expect_ints(r, ND_INT64, 3, sh, want, what);
                        nd_free(r);
                    }
                free(want);
                nd_free(xc), nd_free(x), nd_free(base);
            }
    }
    ND_ASSERT_OK(nd_set_num_threads(saved));
}

/* argmax along each axis of a (1000, 700) int16 array (and its transpose),
 * cumsum of int32 and of small-integer float32 along each axis: equal to
 * C loops, one thread and two. */
static void test_large_axes(void **state) {
    (void)state;
    const int64_t R = UNDER_ASAN ? 300 : 1000, C = 700, shape[2] = {R, C};
    nd_rng rng;
    nd_rng_seed(&rng, 4);
    nd_array *i16 = nd_random_integers(&rng, -1000, 1000, 2, shape, ND_INT16);
    nd_array *i32 = nd_random_integers(&rng, INT32_MIN, INT32_MAX, 2, shape, ND_INT32);
    nd_array *small = nd_random_integers(&rng, -8, 9, 2, shape, ND_INT16);
    ND_ASSERT_ARRAY(i16);
    ND_ASSERT_ARRAY(i32);
    ND_ASSERT_ARRAY(small);
    nd_array *f32 = nd_astype(small, ND_FLOAT32);
    ND_ASSERT_ARRAY(f32);
    const int16_t *x = nd_data(i16);
    const int32_t *y = nd_data(i32);
    const int16_t *z = nd_data(small);
    int64_t *want = malloc(sizeof(int64_t) * (size_t)(R * C));
    double *wantf = malloc(sizeof(double) * (size_t)(R * C));
    assert_non_null(want);
    assert_non_null(wantf);
    nd_array *t = nd_transpose(i16, NULL);
    ND_ASSERT_ARRAY(t);
    for (int th = 1; th <= 2; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        /* argmax along axis 0: per column */
        for (int64_t j = 0; j < C; j++) {
            int64_t b = 0;
            for (int64_t i = 1; i < R; i++)
                if (x[i * C + j] > x[b * C + j]) b = i;
            want[j] = b;
        }
        nd_array *r = nd_argmax(i16, 0, false);
        expect_ints(r, ND_INT64, 1, (const int64_t[]){C}, want, "argmax axis 0");
        nd_free(r);
        r = nd_argmax(t, 1, false); /* the same lanes, transposed */
        expect_ints(r, ND_INT64, 1, (const int64_t[]){C}, want, "argmax of the transpose along axis 1");
        nd_free(r);
        /* argmin along axis 1: per row */
        for (int64_t i = 0; i < R; i++) {
            int64_t b = 0;
            for (int64_t j = 1; j < C; j++)
                if (x[i * C + j] < x[i * C + b]) b = j;
            want[i] = b;
        }
        r = nd_argmin(i16, 1, true);
        expect_ints(r, ND_INT64, 2, (const int64_t[]){R, 1}, want, "argmin axis 1");
        nd_free(r);
        /* cumsum int32 (int64 result) along axis 0 and 1, and flattened */
        for (int ax = 0; ax < 3; ax++) {
            for (int64_t i = 0; i < R; i++)
                for (int64_t j = 0; j < C; j++) {
                    int64_t p = i * C + j, prev = ax == 0 ? (i ? p - C : -1) : ax == 1 ? (j ? p - 1 : -1) : p - 1;
                    want[p] = (prev >= 0 ? want[prev] : 0) + y[p];
                    wantf[p] = (prev >= 0 ? wantf[prev] : 0) + z[p];
                }
            char what[64];
            snprintf(what, sizeof what, "cumsum int32 axis %d, %d threads", ax, th);
            r = nd_cumsum(i32, ax == 2 ? ND_AXIS_NONE : ax);
            if (ax == 2) expect_ints(r, ND_INT64, 1, (const int64_t[]){R * C}, want, what);
            else expect_ints(r, ND_INT64, 2, shape, want, what);
            nd_free(r);
            snprintf(what, sizeof what, "cumsum float32 axis %d, %d threads", ax, th);
            r = nd_cumsum(f32, ax == 2 ? ND_AXIS_NONE : ax);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
            const float *g = nd_data(r);
            for (int64_t p = 0; p < R * C; p++)
                if ((double)g[p] != wantf[p]) fail_msg("%s: element %lld is %g, expected %g", what, (long long)p, g[p], wantf[p]);
            nd_free(r);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    free(want);
    free(wantf);
    nd_free(t);
    nd_free(f32);
    nd_free(small);
    nd_free(i32);
    nd_free(i16);
}

/* ---------------------------------------------------------------- kernel levels */

/* Element values by code: small levels (ties), the dtype's extremes, NaN,
 * -0.0, or random bits. Integers take NaN as their maximum, -0.0 as 0. */
enum { C_TOP = 1000, C_BOT, C_NAN, C_NZERO, C_RANDOM };

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* dtype, C type, min, max, small level c, random bits r, NaN, -0.0 */
#define ARG_TEST_DTYPES(X)                                                         \
    X(ND_BOOL, uint8_t, 0, 1, (c) > 0, (r) & 1, 1, 0)                              \
    X(ND_INT8, int8_t, INT8_MIN, INT8_MAX, (c), (r), INT8_MAX, 0)                  \
    X(ND_INT16, int16_t, INT16_MIN, INT16_MAX, (c), (r), INT16_MAX, 0)             \
    X(ND_INT32, int32_t, INT32_MIN, INT32_MAX, (c), (r), INT32_MAX, 0)             \
    X(ND_INT64, int64_t, INT64_MIN, INT64_MAX, (c), (r), INT64_MAX, 0)             \
    X(ND_UINT8, uint8_t, 0, UINT8_MAX, (c) + 100, (r), UINT8_MAX, 100)             \
    X(ND_UINT16, uint16_t, 0, UINT16_MAX, (c) + 100, (r), UINT16_MAX, 100)         \
    X(ND_UINT32, uint32_t, 0, UINT32_MAX, (c) + 100, (r), UINT32_MAX, 100)         \
    X(ND_UINT64, uint64_t, 0, UINT64_MAX, (c) + 100, (r), UINT64_MAX, 100)         \
    X(ND_FLOAT32, float, -INFINITY, INFINITY, (c) * 0.5, ((int64_t)(r) >> 20) * 0x1p-24, NAN, -0.0) \
    X(ND_FLOAT64, double, -INFINITY, INFINITY, (c) * 0.5, ((int64_t)(r) >> 11) * 0x1p-40, NAN, -0.0)

static void put_code(nd_dtype dt, void *buf, int64_t i, int code, uint64_t *rng) {
    uint64_t r = code == C_RANDOM ? splitmix(rng) : 0;
    int c = code;
    (void)r;
    (void)c;
    switch (dt) {
#define PUT_(DT, T, LO, HI, SMALL, RAND, NANV, NZ)                                 \
    case DT:                                                                       \
        ((T *)buf)[i] = code == C_TOP ? (T)(HI) : code == C_BOT ? (T)(LO) : code == C_NAN ? (T)(NANV) \
                        : code == C_NZERO ? (T)(NZ) : code == C_RANDOM ? (T)(RAND) : (T)(SMALL); \
        break;
        ARG_TEST_DTYPES(PUT_)
#undef PUT_
    default: fail_msg("no values for %s", nd_dtype_name(dt));
    }
}

/* The first max (or min) by the plain rule: a NaN wins at once. */
static int64_t naive_arg(nd_dtype dt, const void *buf, int64_t n, bool max) {
    switch (dt) {
#define NAIVE_(DT, T, ...)                                                         \
    case DT: {                                                                     \
        const T *x = buf;                                                          \
        T m = x[0];                                                                \
        int64_t b = 0;                                                             \
        for (int64_t i = 0; i < n; i++) {                                          \
            T y = x[i];                                                            \
            if (y != y) return i;                                                  \
            if (max ? y > m : y < m) m = y, b = i;                                 \
        }                                                                          \
        return b;                                                                  \
    }
        ARG_TEST_DTYPES(NAIVE_)
#undef NAIVE_
    default: fail_msg("no loop for %s", nd_dtype_name(dt));
    }
    return -1;
}

/* Patterns over a slice of n: value codes at index i (u: a random draw). */
typedef enum arg_pattern {
    P_SMALL,      /* few levels, many ties */
    P_RANDOM,     /* random bits */
    P_EQUAL,      /* all equal */
    P_UP,         /* rising (in steps, when n is long), the last plateau wins */
    P_DOWN,       /* falling */
    P_EXTREMES,   /* the dtype's min and max, each twice */
    P_ZEROS,      /* -0.0 and 0.0 mixed with -1: the first zero wins */
    P_TOP_BOT,    /* only min, max and 0 */
    P_NAN_FIRST,  /* a NaN (floats) at a place, a second one later */
    P_NUM
} arg_pattern;
static const char *const g_pattern_names[P_NUM] = {"small", "random", "equal", "up", "down",
                                                    "extremes", "zeros", "top-bot", "nan"};

static int pattern_code(arg_pattern p, int64_t i, int64_t n, uint64_t *rng) {
    switch (p) {
    case P_SMALL: return (int)(splitmix(rng) % 7) - 3;
    case P_RANDOM: return C_RANDOM;
    case P_EQUAL: return 2;
    case P_UP: return (int)(i * 200 / n) - 100;
    case P_DOWN: return 99 - (int)(i * 200 / n);
    case P_ZEROS: {
        int k = (int)(splitmix(rng) % 3);
        return k == 0 ? C_NZERO : k == 1 ? 0 : -1;
    }
    case P_TOP_BOT: {
        int k = (int)(splitmix(rng) % 3);
        return k == 0 ? C_TOP : k == 1 ? C_BOT : 0;
    }
    default: return (int)(splitmix(rng) % 7) - 3;
    }
}

/* Where P_EXTREMES and P_NAN_FIRST put their values: the ends, the middle,
 * around 1, 2 and 3 vectors and 1, 2 blocks of the widest kernels. */
static const int64_t g_arg_spots[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 95, 96, 127, 128, 129};
#define NUM_ARG_SPOTS (int)(sizeof g_arg_spots / sizeof g_arg_spots[0])

static size_t dtype_size(nd_dtype dt) {
    switch (dt) {
#define SIZE_(DT, T, ...)                                                          \
    case DT: return sizeof(T);
        ARG_TEST_DTYPES(SIZE_)
#undef SIZE_
    default: fail_msg("no size for %s", nd_dtype_name(dt));
    }
    return 0;
}

/* The kernel levels under test: ref, avx2 when this CPU has it, then the
 * default level if it is another (NULL asks nd_set_arch for it). */
static const char *g_levels[3];
static int g_nlevels;

/* argmax and argmin of the wrapped slice a on every level against the
 * plain loop. */
static void check_arg_slice(nd_array *a, const void *slice, int64_t n, int off, arg_pattern p, int64_t spot) {
    nd_dtype dt = nd_dtype_of(a);
    const int64_t want[2] = {naive_arg(dt, slice, n, false), naive_arg(dt, slice, n, true)};
    for (int lv = 0; lv < g_nlevels; lv++) {
        ND_ASSERT_OK(nd_set_arch(g_levels[lv]));
        for (int f = 0; f < 2; f++) {
            nd_array *r = f ? nd_argmax(a, ND_AXIS_NONE, false) : nd_argmin(a, ND_AXIS_NONE, false);
            if (!r) fail_msg("nd_%s failed: %s", f ? "argmax" : "argmin", nd_errmsg());
            int64_t got = *(const int64_t *)nd_data(r);
            nd_free(r);
            if (got != want[f])
                fail_msg("[%s] %s of %s, n=%lld, offset %d, pattern %s (spot %lld): %lld, expected %lld",
                         nd_get_arch(), f ? "argmax" : "argmin", nd_dtype_name(dt), (long long)n, off,
                         g_pattern_names[p], (long long)spot, (long long)got, (long long)want[f]);
        }
    }
}

/* Each start offset of a buffer, the slice of n filled by each pattern;
 * the bytes around the slice hold NaN or the dtype's minimum, which must
 * not count. The placed values go on a P_SMALL fill and are undone after
 * each spot (every one, or every so many, then the middle and the end). */
static void check_arg_length(nd_dtype dt, int64_t n, const int *offs, int noffs, int every) {
    size_t isz = dtype_size(dt);
    char *buf = malloc((size_t)(n + 16) * isz);
    assert_non_null(buf);
    for (int oi = 0; oi < noffs; oi++) {
        int off = offs[oi];
        uint64_t rng = (uint64_t)(n * 8 + off);
        for (int64_t i = 0; i < n + 16; i++) put_code(dt, buf, i, i % 2 ? C_NAN : C_BOT, &rng);
        char *slice = buf + (size_t)off * isz;
        nd_array *a = nd_wrap(slice, 1, &n, NULL, dt, NULL, NULL);
        ND_ASSERT_ARRAY(a);
        for (int p = 0; p < P_NUM; p++) {
            bool placed = p == P_EXTREMES || p == P_NAN_FIRST;
            arg_pattern base = placed ? P_SMALL : (arg_pattern)p;
            for (int64_t i = 0; i < n; i++) put_code(dt, slice, i, pattern_code(base, i, n, &rng), &rng);
            if (!placed) {
                check_arg_slice(a, slice, n, off, (arg_pattern)p, 0);
                continue;
            }
            int64_t last = -1;
            for (int s = 0; s < NUM_ARG_SPOTS + 2; s++) {
                int64_t spot = s == NUM_ARG_SPOTS ? n / 2 : s == NUM_ARG_SPOTS + 1 ? n - 1 : g_arg_spots[s];
                if (spot >= n || spot == last || (s % every != 0 && s < NUM_ARG_SPOTS)) continue;
                last = spot;
                /* extremes: the max twice and the min twice; NaN: a NaN at
                 * the spot, a second one after it, the max just before */
                int64_t at[4] = {spot, (spot + n / 2) % n, (spot + n / 3 + 1) % n, n - 1 - spot};
                int code[4] = {C_TOP, C_TOP, C_BOT, C_BOT};
                if (p == P_NAN_FIRST) {
                    at[1] = spot + 5 < n ? spot + 5 : spot, at[2] = spot > 0 ? spot - 1 : spot, at[3] = spot;
                    code[0] = code[1] = code[3] = C_NAN, code[2] = C_TOP;
                }
                char saved[4][8];
                for (int k = 0; k < 4; k++) memcpy(saved[k], slice + (size_t)at[k] * isz, isz);
                for (int k = 0; k < 4; k++)
                    if (p == P_EXTREMES || k != 2 || at[2] != spot) put_code(dt, slice, at[k], code[k], &rng);
                check_arg_slice(a, slice, n, off, (arg_pattern)p, spot);
                for (int k = 3; k >= 0; k--) memcpy(slice + (size_t)at[k] * isz, saved[k], isz);
            }
        }
        nd_free(a);
    }
    free(buf);
}

/* argmax and argmin of every dtype on each kernel level (ref, avx2 when this
 * CPU has it, then the default level if it is another) against a plain C
 * loop: lengths 1 to 130 and a few long ones, each start offset 0 to 7,
 * ties, NaN in many places, -0.0 and 0.0, infinities and the integer
 * extremes. Two threads, so the longest (above 2^18) is split. */
static void test_arg_levels(void **state) {
    (void)state;
    static const nd_dtype dts[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,   ND_INT64,  ND_UINT8,
                                   ND_UINT16, ND_UINT32, ND_UINT64, ND_FLOAT32, ND_FLOAT64};
    static const int offs8[8] = {0, 1, 2, 3, 4, 5, 6, 7}, offs2[2] = {0, 5};
    const int64_t longs[] = {4095, 4096, 4097, 100003, (1 << 18) + 3};
    const int nlongs = UNDER_ASAN ? 4 : 5;
    const char *const levels[3] = {"ref", "avx2", NULL};
    const char *names[3];
    g_nlevels = 0;
    for (int lv = 0; lv < 3; lv++) {
        nd_status st = nd_set_arch(levels[lv]);
        if (st == ND_ERR_UNSUPPORTED) {
            nd_clear_error();
            continue;
        }
        ND_ASSERT_OK(st);
        bool seen = false;
        for (int k = 0; k < g_nlevels; k++) seen |= strcmp(names[k], nd_get_arch()) == 0;
        if (seen) continue;
        names[g_nlevels] = nd_get_arch();
        g_levels[g_nlevels++] = levels[lv];
    }
    ND_ASSERT_OK(nd_set_num_threads(2));
    for (size_t d = 0; d < sizeof dts / sizeof dts[0]; d++) {
        for (int64_t n = 1; n <= 130; n++) check_arg_length(dts[d], n, offs8, 8, n % 16 < 2 ? 1 : 4);
        /* fewer offsets and spots as they grow */
        for (int k = 0; k < nlongs; k++)
            check_arg_length(dts[d], longs[k], k < 3 ? offs8 : offs2 + (k == 4), k < 3 ? 8 : 2 - (k == 4),
                             k < 3 ? 2 : k == 3 ? 4 : 8);
    }
    ND_ASSERT_OK(nd_set_arch(NULL));
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* A few long lanes (fewer than a few per thread) are each split over the
 * threads: (3, n) along axis 1, (n, 3) along axis 0, ties across the parts. */
static void test_arg_few_long_lanes(void **state) {
    (void)state;
    const int64_t n = 300007;
    nd_rng rng;
    nd_rng_seed(&rng, 7);
    nd_array *a = nd_random_integers(&rng, -50, 50, 2, (const int64_t[]){3, n}, ND_INT32);
    ND_ASSERT_ARRAY(a);
    int32_t *x = nd_data(a);
    x[0 * n + n - 1] = 60; /* a lane's extreme at its very end */
    x[1 * n + n / 2 + 1] = 60, x[1 * n + n / 2 + 2] = 60; /* right after the split */
    x[2 * n + 3] = -60, x[2 * n + n - 2] = -60;
    nd_array *t = nd_transpose(a, NULL);
    ND_ASSERT_ARRAY(t);
    nd_array *tc = nd_copy(t); /* (n, 3), C order: strided lanes along axis 0 */
    ND_ASSERT_ARRAY(tc);
    for (int th = 1; th <= 3; th++) {
        ND_ASSERT_OK(nd_set_num_threads(th));
        for (int f = 0; f < 2; f++) {
            int64_t want[3];
            for (int j = 0; j < 3; j++) want[j] = naive_arg(ND_INT32, x + j * n, n, f == 1);
            char what[64];
            snprintf(what, sizeof what, "%s of (3, %lld) axis 1, %d threads", f ? "argmax" : "argmin", (long long)n, th);
            nd_array *r = f ? nd_argmax(a, 1, false) : nd_argmin(a, 1, false);
            expect_ints(r, ND_INT64, 1, (const int64_t[]){3}, want, what);
            nd_free(r);
            snprintf(what, sizeof what, "%s of (%lld, 3) axis 0, %d threads", f ? "argmax" : "argmin", (long long)n, th);
            r = f ? nd_argmax(tc, 0, true) : nd_argmin(tc, 0, true);
            expect_ints(r, ND_INT64, 2, (const int64_t[]){1, 3}, want, what);
            nd_free(r);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(tc);
    nd_free(t);
    nd_free(a);
}

/* ---------------------------------------------------------------- outputs */

static void test_out_ok(void **state) {
    (void)state;
    const double v[6] = {3, 9, -1, 9, 0, -4};
    nd_array *a = from_f64(ND_FLOAT64, 2, (const int64_t[]){2, 3}, v);
    /* np.argmax(a, axis=1) -> [1, 0], into int32 and float64 outputs (same_kind) */
    nd_array *o32 = new_array(ND_INT32, 1, (const int64_t[]){2});
    ND_ASSERT_OK(nd_argmax_out(a, 1, false, o32));
    nd_test_expect(o32, (const double[]){1, 0}, 0);
    assert_int_equal(nd_dtype_of(o32), ND_INT32);
    nd_free(o32);
    nd_array *of = new_array(ND_FLOAT64, 2, (const int64_t[]){1, 3});
    ND_ASSERT_OK(nd_argmin_out(a, 0, true, of)); /* [[0, 1, 1]] */
    nd_test_expect(of, (const double[]){0, 1, 1}, 0);
    nd_free(of);
    /* a 0-d output for the flattened argmax; a strided output */
    nd_array *o0 = new_array(ND_INT64, 0, NULL);
    ND_ASSERT_OK(nd_argmax_out(a, ND_AXIS_NONE, false, o0));
    nd_test_expect(o0, (const double[]){1}, 0);
    nd_free(o0);
    nd_array *big = nd_zeros(2, (const int64_t[]){3, 4}, ND_INT64);
    nd_array *sub = nd_view(big, "::2, 3"); /* (2,), stride 8 */
    ND_ASSERT_ARRAY(sub);
    ND_ASSERT_OK(nd_argmin_out(a, 1, false, sub)); /* [2, 2] */
    nd_test_expect(big, (const double[]){0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2}, 0);
    nd_free(sub);
    nd_free(big);
    /* cumsum into float32 (same_kind from float64), cumsum of int8 into int8 (wraps) */
    nd_array *of32 = new_array(ND_FLOAT32, 2, (const int64_t[]){2, 3});
    ND_ASSERT_OK(nd_cumsum_out(a, 1, of32)); /* [[3, 12, 11], [9, 9, 5]] */
    nd_test_expect(of32, (const double[]){3, 12, 11, 9, 9, 5}, 0);
    ND_ASSERT_OK(nd_cumprod_out(a, 0, of32)); /* [[3, 9, -1], [27, 0, 4]] */
    nd_test_expect(of32, (const double[]){3, 9, -1, 27, 0, 4}, 0);
    nd_free(of32);
    nd_array *i8 = from_f64(ND_INT8, 1, (const int64_t[]){3}, (const double[]){100, 100, 100});
    nd_array *oi8 = new_array(ND_INT8, 1, (const int64_t[]){3});
    ND_ASSERT_OK(nd_cumsum_out(i8, 0, oi8)); /* int64 [100, 200, 300] cast to int8 */
    nd_test_expect(oi8, (const double[]){100, -56, 44}, 0);
    nd_free(oi8);
    nd_array *r = nd_cumsum(i8, ND_AXIS_NONE); /* np.cumsum(np.int8([100]*3)): int64 */
    assert_int_equal(nd_dtype_of(r), ND_INT64);
    nd_test_expect(r, (const double[]){100, 200, 300}, 0);
    nd_free(r);
    /* the output is the input: np.cumsum(x, out=x) */
    nd_array *x = from_f64(ND_FLOAT64, 1, (const int64_t[]){4}, (const double[]){1, 2, 3, 4});
    ND_ASSERT_OK(nd_cumsum_out(x, 0, x));
    nd_test_expect(x, (const double[]){1, 3, 6, 10}, 0);
    /* a reversed view of the input as the output */
    nd_array *rev = nd_view(x, "::-1");
    ND_ASSERT_ARRAY(rev);
    ND_ASSERT_OK(nd_cumsum_out(x, 0, rev)); /* cumsum [1, 4, 10, 20] written reversed */
    nd_test_expect(x, (const double[]){20, 10, 4, 1}, 0);
    nd_free(rev);
    nd_free(x);
    nd_free(i8);
    nd_free(a);
}

static void test_out_errors(void **state) {
    (void)state;
    const double v[6] = {3, 9, -1, 9, 0, -4};
    nd_array *a = from_f64(ND_FLOAT64, 2, (const int64_t[]){2, 3}, v);
    nd_array *one = nd_zeros(1, (const int64_t[]){1}, ND_INT64);
    for (int i = 0; i < NUM_OPS; i++) {
        const op_info *op = &g_ops[i];
        bool arg = op->fa != NULL;
        char what[96];
        /* along axis 1: arg gives (2,), scans (2, 3) */
        const int64_t bad_shapes[3][2] = {{3, 0}, {2, 1}, {6, 0}};
        const int bad_nd[3] = {1, 2, 1};
        for (int b = 0; b < 3; b++) {
            nd_array *out = new_array(arg ? ND_INT64 : ND_FLOAT64, bad_nd[b], bad_shapes[b]);
            void *snap = snapshot(out);
            snprintf(what, sizeof what, "nd_%s_out with a wrong shape (%d)", op->name, b);
            nd_status st = op_call_out(op, a, 1, false, out);
            if (st != ND_ERR_SHAPE) fail_msg("%s: %s '%s'", what, nd_status_name(st), nd_errmsg());
            nd_clear_error();
            assert_untouched(out, snap, what);
            nd_free(out);
        }
        /* read-only */
        int64_t rshape[2] = {2, 3};
        nd_array *ro = nd_broadcast_to(one, arg ? 1 : 2, arg ? (const int64_t[]){2} : rshape);
        ND_ASSERT_ARRAY(ro);
        snprintf(what, sizeof what, "nd_%s_out into a broadcast view", op->name);
        nd_status st = op_call_out(op, a, 1, false, ro);
        if (st != ND_ERR_READONLY) fail_msg("%s: %s '%s'", what, nd_status_name(st), nd_errmsg());
        nd_clear_error();
        nd_test_expect(one, (const double[]){0}, 0);
        nd_free(ro);
        /* same_kind: int64 indices refuse uint8 and bool; float scans refuse int64 */
        const nd_dtype bad_dt[2] = {arg ? ND_UINT8 : ND_INT64, ND_BOOL};
        for (int k = 0; k < 2; k++) {
            nd_array *out = arg ? new_array(bad_dt[k], 1, (const int64_t[]){2}) : new_array(bad_dt[k], 2, rshape);
            void *snap = snapshot(out);
            snprintf(what, sizeof what, "nd_%s_out into %s", op->name, nd_dtype_name(bad_dt[k]));
            st = op_call_out(op, a, 1, false, out);
            if (st != ND_ERR_DTYPE) fail_msg("%s: %s '%s'", what, nd_status_name(st), nd_errmsg());
            nd_clear_error();
            assert_untouched(out, snap, what);
            nd_free(out);
        }
        /* bad axis */
        nd_array *out = arg ? new_array(ND_INT64, 1, (const int64_t[]){2}) : new_array(ND_FLOAT64, 2, rshape);
        void *snap = snapshot(out);
        snprintf(what, sizeof what, "nd_%s_out with axis 2", op->name);
        st = op_call_out(op, a, 2, false, out);
        if (st != ND_ERR_INDEX) fail_msg("%s: %s '%s'", what, nd_status_name(st), nd_errmsg());
        nd_clear_error();
        assert_untouched(out, snap, what);
        nd_free(out);
    }
    /* scans of integers: int64 into uint8 refused */
    nd_array *ai = from_f64(ND_INT16, 1, (const int64_t[]){3}, v);
    nd_array *ou = new_array(ND_UINT8, 1, (const int64_t[]){3});
    void *snap = snapshot(ou);
    assert_int_equal(nd_cumsum_out(ai, 0, ou), ND_ERR_DTYPE);
    nd_clear_error();
    assert_untouched(ou, snap, "cumsum int16 into uint8");
    nd_free(ou);
    nd_free(ai);
    nd_free(one);
    nd_free(a);
}

/* ---------------------------------------------------------------- bad arguments */

static void test_bad_args(void **state) {
    (void)state;
    nd_array *a = nd_ones(3, (const int64_t[]){2, 3, 4}, ND_FLOAT64);
    ND_ASSERT_ARRAY(a);
    const int bad_axes[4] = {3, -4, 100, INT32_MIN + 2}; /* INT32_MIN + 2: next to the sentinels */
    for (int i = 0; i < NUM_OPS; i++) {
        const op_info *op = &g_ops[i];
        char want[96];
        for (int k = 0; k < 4; k++) {
            nd_clear_error();
            assert_null(op_call(op, a, bad_axes[k], false));
            snprintf(want, sizeof want, "nd_%s: axis %d is out of bounds for array of dimension 3", op->name,
                     bad_axes[k]);
            assert_int_equal(nd_last_status(), ND_ERR_INDEX);
            assert_string_equal(nd_errmsg(), want);
            nd_clear_error();
        }
        /* ND_ALL_AXES is a count, never the last axis: named, not printed */
        assert_null(op_call(op, a, ND_ALL_AXES, false));
        snprintf(want, sizeof want, "nd_%s: ND_ALL_AXES is an axis count, not an axis", op->name);
        assert_int_equal(nd_last_status(), ND_ERR_VALUE);
        if (strncmp(nd_errmsg(), want, strlen(want)) != 0) fail_msg("'%s' lacks '%s'", nd_errmsg(), want);
        nd_clear_error();
        /* NULLs */
        assert_null(op_call(op, NULL, 0, false));
        snprintf(want, sizeof want, "nd_%s: argument 'a' is NULL", op->name);
        assert_int_equal(nd_last_status(), ND_ERR_NULL);
        assert_string_equal(nd_errmsg(), want);
        nd_clear_error();
        assert_int_equal(op_call_out(op, a, 0, false, NULL), ND_ERR_NULL);
        snprintf(want, sizeof want, "nd_%s_out: argument 'out' is NULL", op->name);
        assert_string_equal(nd_errmsg(), want);
        nd_clear_error();
        /* a pending error is kept */
        nd_array *r1 = nd_transpose(a, (const int[]){0, 0, 1});
        assert_null(r1);
        char first[256];
        snprintf(first, sizeof first, "%s", nd_errmsg());
        nd_status first_st = nd_last_status();
        assert_null(op_call(op, r1, 0, false));
        nd_array *out = new_array(ND_FLOAT64, 1, (const int64_t[]){4});
        void *snap = snapshot(out);
        nd_status st = op_call_out(op, r1, 0, false, out);
        assert_untouched(out, snap, "out after a NULL input");
        nd_free(out);
        assert_int_equal(nd_last_status(), first_st);
        assert_string_equal(nd_errmsg(), first);
        nd_clear_error();
        if (st != ND_ERR_NULL)
            fail_msg("nd_%s_out with a NULL input after an earlier error returned %s, expected null argument",
                     op->name, nd_status_name(st));
    }
    nd_free(a);
}

/* ---------------------------------------------------------------- main */

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_argmax),
        cmocka_unit_test(test_cases_argmin),
        cmocka_unit_test(test_cases_cumsum),
        cmocka_unit_test(test_cases_cumprod),
        cmocka_unit_test(test_nan_placement),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_large_lanes),
        cmocka_unit_test(test_large_axes),
        cmocka_unit_test(test_scan_shapes),
        cmocka_unit_test(test_arg_levels),
        cmocka_unit_test(test_arg_few_long_lanes),
        cmocka_unit_test(test_out_ok),
        cmocka_unit_test(test_out_errors),
        cmocka_unit_test(test_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
