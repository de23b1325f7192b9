/* Tests for the element-wise operations (ND_BINARY_OPS, ND_UNARY_OPS, nd_where,
 * nd_clip, nd_nan_to_num, each plain and _out; nd_array_equiv): every case
 * NumPy answered in data/elementwise_cases.h (one cmocka test per operation,
 * and tables for nan_to_num and array_equiv), then broadcasting,
 * layouts, 0-d and empty arrays, large threaded and tiled runs, outputs,
 * overlapping operands, errors and kernel levels. */
#include "nd_test.h"
#include "nd_test_arrays.h"

#include <float.h>
#include <stdlib.h>

#include "data/elementwise_cases.h"

/* ---------------------------------------------------------------- the operations */

typedef nd_array *(*un_fn)(const nd_array *);
typedef nd_status (*un_out_fn)(const nd_array *, nd_array *);
typedef nd_array *(*bin_fn)(const nd_array *, const nd_array *);
typedef nd_status (*bin_out_fn)(const nd_array *, const nd_array *, nd_array *);
typedef nd_array *(*ter_fn)(const nd_array *, const nd_array *, const nd_array *);
typedef nd_status (*ter_out_fn)(const nd_array *, const nd_array *, const nd_array *, nd_array *);

typedef struct op_info {
    const char *name;
    int nin;
    un_fn f1;
    un_out_fn o1;
    bin_fn f2;
    bin_out_fn o2;
    ter_fn f3;
    ter_out_fn o3;
} op_info;

#define BIN_ENTRY_(n) {#n, 2, NULL, NULL, nd_##n, nd_##n##_out, NULL, NULL},
#define UN_ENTRY_(n) {#n, 1, nd_##n, nd_##n##_out, NULL, NULL, NULL, NULL},
static const op_info g_ops[] = {
    ND_BINARY_OPS(BIN_ENTRY_) ND_UNARY_OPS(UN_ENTRY_)
    {"where", 3, NULL, NULL, NULL, NULL, nd_where, nd_where_out},
    {"clip", 3, NULL, NULL, NULL, NULL, nd_clip, nd_clip_out},
};
#define NUM_OPS (int)(sizeof g_ops / sizeof g_ops[0])

static const op_info *find_op(const char *name) {
    for (int i = 0; i < NUM_OPS; i++)
        if (strcmp(g_ops[i].name, name) == 0) return &g_ops[i];
    return NULL;
}

static nd_array *op_call(const op_info *op, nd_array *const *in) {
    switch (op->nin) {
    case 1: return op->f1(in[0]);
    case 2: return op->f2(in[0], in[1]);
    default: return op->f3(in[0], in[1], in[2]);
    }
}

static nd_status op_call_out(const op_info *op, nd_array *const *in, nd_array *out) {
    switch (op->nin) {
    case 1: return op->o1(in[0], out);
    case 2: return op->o2(in[0], in[1], out);
    default: return op->o3(in[0], in[1], in[2], out);
    }
}

/* ---------------------------------------------------------------- array helpers */

static const nd_dtype g_all_dtypes[] = {ND_BOOL,   ND_INT8,   ND_INT16,  ND_INT32,
                                        ND_INT64,  ND_UINT8,  ND_UINT16, ND_UINT32,
                                        ND_UINT64, ND_FLOAT32, ND_FLOAT64};
#define NUM_DTYPES (int)(sizeof g_all_dtypes / sizeof g_all_dtypes[0])

/* A view on base's memory (elements, may be negative strides); free it
 * before base. offset counts elements from base's first element. */
static nd_array *view_of(const nd_array *base, int64_t offset, int ndim, const int64_t *shape,
                         const int64_t *strides) {
    char *p = (char *)nd_data(base) + offset * (int64_t)nd_itemsize(base);
    nd_array *v = nd_wrap(p, ndim, shape, strides, nd_dtype_of(base), NULL, NULL);
    ND_ASSERT_ARRAY(v);
    return v;
}

static bool float_same(double g, double e) {
    if (isnan(g) || isnan(e)) return isnan(g) && isnan(e);
    return g == e && signbit(g) == signbit(e);
}

/* Distance in ULPs of dtype dt (float32 or float64) between finite g and e. */
static uint64_t ulps(double g, double e, nd_dtype dt) {
    int64_t a, b;
    if (dt == ND_FLOAT32) {
        float fg = (float)g, fe = (float)e;
        int32_t ia, ib;
        memcpy(&ia, &fg, 4);
        memcpy(&ib, &fe, 4);
        a = ia < 0 ? (int64_t)INT32_MIN - ia : ia;
        b = ib < 0 ? (int64_t)INT32_MIN - ib : ib;
    } else {
        memcpy(&a, &g, 8);
        memcpy(&b, &e, 8);
        a = a < 0 ? INT64_MIN - a : a;
        b = b < 0 ? INT64_MIN - b : b;
    }
    return a > b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
}

static bool float_match(double g, double e, int tol, nd_dtype dt) {
    if (tol == 0 || isnan(g) || isnan(e) || isinf(g) || isinf(e)) return float_same(g, e);
    return ulps(g, e, dt) <= (uint64_t)tol;
}

/* True when got matches want: dtype, shape and values, float values within
 * tol ULPs (0: equal; NaN matches NaN, infinities and, at tol 0, signed
 * zeros must agree). Prints the first difference. */
static bool match_array(const nd_array *got, const nd_array *want, int tol, const char *what) {
    if (!got || !want) {
        print_error("%s: missing result (%s)\n", what, nd_errmsg());
        return false;
    }
    if (nd_dtype_of(got) != nd_dtype_of(want)) {
        print_error("%s: dtype %s, expected %s\n", what, nd_dtype_name(nd_dtype_of(got)),
                    nd_dtype_name(nd_dtype_of(want)));
        return false;
    }
    if (nd_ndim(got) != nd_ndim(want) ||
        memcmp(nd_shape(got), nd_shape(want), sizeof(int64_t) * (size_t)nd_ndim(got)) != 0) {
        print_error("%s: shape differs\n", what);
        return false;
    }
    nd_array *g = readable(got), *w = readable(want);
    bool ok = true;
    int64_t n = nd_size(g);
    if (nd_dtype_is_float(nd_dtype_of(got))) {
        const double *gv = nd_data(g), *wv = nd_data(w);
        for (int64_t i = 0; i < n && ok; i++)
            if (!float_match(gv[i], wv[i], tol, nd_dtype_of(got))) {
                print_error("%s: element %lld is %.17g, expected %.17g\n", what, (long long)i, gv[i], wv[i]);
                ok = false;
            }
    } else {
        const int64_t *gv = nd_data(g), *wv = nd_data(w);
        for (int64_t i = 0; i < n && ok; i++)
            if (gv[i] != wv[i]) {
                print_error("%s: element %lld is %lld, expected %lld\n", what, (long long)i,
                            (long long)gv[i], (long long)wv[i]);
                ok = false;
            }
    }
    nd_free(g);
    nd_free(w);
    return ok;
}

static bool same_array(const nd_array *got, const nd_array *want, const char *what) {
    return match_array(got, want, 0, what);
}

#define ASSERT_SAME(got, want, what)                                               \
    do {                                                                           \
        if (!same_array((got), (want), (what))) fail_msg("%s differs", (what));    \
    } while (0)

/* Asserts the call failed with status st and exactly message msg. */
#define ASSERT_ERROR_EXACT(st, msg)                                                \
    do {                                                                           \
        assert_int_equal(nd_last_status(), (st));                                  \
        if (strcmp(nd_errmsg(), (msg)) != 0)                                       \
            fail_msg("error message '%s', expected '%s'", nd_errmsg(), (msg));     \
        nd_clear_error();                                                          \
    } while (0)

/* ---------------------------------------------------------------- generated cases */

#define NUM_CASES (sizeof ew_cases / sizeof ew_cases[0])

static nd_array *case_input(int id) {
    const ew_vals *v = &ew_inputs[id];
    int64_t shape[1] = {v->n};
    if (nd_dtype_is_float(v->dtype)) return from_f64(v->dtype, 1, shape, ew_fpool + v->off);
    return from_i64(v->dtype, 1, shape, ew_ipool + v->off);
}

static void fmt_input(char *buf, size_t cap, int id, int64_t i) {
    const ew_vals *v = &ew_inputs[id];
    if (nd_dtype_is_float(v->dtype))
        snprintf(buf, cap, "%.17g", ew_fpool[v->off + i]);
    else if (v->dtype == ND_UINT64)
        snprintf(buf, cap, "%llu", (unsigned long long)ew_ipool[v->off + i]);
    else
        snprintf(buf, cap, "%lld", (long long)ew_ipool[v->off + i]);
}

/* How a result's C-order position maps to the case's expected position. */
typedef enum mapping { MAP_ID, MAP_T, MAP_REV } mapping;

/* Checks got against case c: dtype, shape (the case's, transposed for
 * MAP_T) and values. Prints the first mismatch with its inputs. */
static bool check_case(const ew_case *c, size_t ci, const nd_array *got, mapping map, const char *how) {
    const int nin = c->nin;
    int64_t m = ew_inputs[c->in[0]].n, k = nin == 2 ? ew_inputs[c->in[1]].n : 1;
    if (!got) {
        print_error("case %zu %s [%s]: failed: %s\n", ci, c->label, how, nd_errmsg());
        nd_clear_error();
        return false;
    }
    if (nd_dtype_of(got) != c->dtype) {
        print_error("case %zu %s [%s]: dtype %s, expected %s\n", ci, c->label, how,
                    nd_dtype_name(nd_dtype_of(got)), nd_dtype_name(c->dtype));
        return false;
    }
    int ndim = nin == 2 ? 2 : 1;
    int64_t shape[2] = {map == MAP_T ? k : m, map == MAP_T ? m : k};
    bool shape_ok = nd_ndim(got) == ndim;
    for (int d = 0; shape_ok && d < ndim; d++) shape_ok = nd_shape(got)[d] == shape[d];
    if (!shape_ok) {
        print_error("case %zu %s [%s]: wrong shape\n", ci, c->label, how);
        return false;
    }
    nd_array *r = readable(got);
    bool ok = true;
    int64_t n = m * k;
    for (int64_t p = 0; p < n && ok; p++) {
        int64_t e = map == MAP_ID ? p : map == MAP_REV ? n - 1 - p : (p % m) * k + p / m;
        char gs[64], es[64];
        if (nd_dtype_is_float(c->dtype)) {
            double g = ((const double *)nd_data(r))[p], x = ew_fpool[c->off + e];
            if (float_match(g, x, c->tol, c->dtype)) continue;
            snprintf(gs, sizeof gs, "%.17g", g);
            snprintf(es, sizeof es, "%.17g", x);
        } else {
            int64_t g = ((const int64_t *)nd_data(r))[p], x = ew_ipool[c->off + e];
            if (g == x) continue;
            snprintf(gs, sizeof gs, "%lld", (long long)g);
            snprintf(es, sizeof es, "%lld", (long long)x);
        }
        char in[3][48] = {"", "", ""};
        int64_t idx[3] = {e / k, e % k, e};
        if (nin != 2) idx[0] = idx[1] = e;
        for (int j = 0; j < nin; j++) fmt_input(in[j], sizeof in[j], c->in[j], idx[j]);
        print_error("case %zu %s [%s]: element %lld: %s(%s%s%s%s%s) gave %s, expected %s%s%s (tol %d ulp)\n",
                    ci, c->label, how, (long long)e, c->op, in[0], nin > 1 ? ", " : "", in[1],
                    nin > 2 ? ", " : "", in[2], gs, es, c->note ? " -- " : "", c->note ? c->note : "",
                    c->tol);
        ok = false;
    }
    nd_free(r);
    return ok;
}

/* Checks a float64 out against case c's values converted to float64. */
static bool check_case_as_f64(const ew_case *c, size_t ci, const nd_array *got) {
    const double *g = nd_data(got);
    int64_t n = nd_size(got);
    for (int64_t p = 0; p < n; p++) {
        double e;
        if (nd_dtype_is_float(c->dtype)) e = ew_fpool[c->off + p];
        else if (c->dtype == ND_UINT64) e = (double)(uint64_t)ew_ipool[c->off + p];
        else e = (double)ew_ipool[c->off + p];
        nd_dtype dt = c->dtype == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
        if (!float_match(g[p], e, c->tol, dt)) {
            print_error("case %zu %s [_out into float64]: element %lld gave %.17g, expected %.17g\n", ci,
                        c->label, (long long)p, g[p], e);
            return false;
        }
    }
    return true;
}

static bool check_case_error(const ew_case *c, size_t ci, bool failed, const char *how, bool out) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "nd_%s%s: ", c->op, out ? "_out" : "");
    bool ok = failed && nd_last_status() == c->status && strncmp(nd_errmsg(), prefix, strlen(prefix)) == 0;
    if (!ok)
        print_error("case %zu %s [%s]: expected %s, got %s ('%s')\n", ci, c->label, how,
                    nd_status_name(c->status), failed ? nd_status_name(nd_last_status()) : "success",
                    nd_errmsg());
    nd_clear_error();
    return ok;
}

/* Runs case c in several forms:
 *  - binary: a as a column (m,1) against b (k,): both broadcast, one input
 *    with stride 0 along the inner axis; the same with full C-contiguous
 *    (m,k) copies; the transposed problem b column against a row (the other
 *    input broadcast); the _out variant.
 *  - unary and ternary: contiguous; reversed (negative-stride) views; _out. */
static bool run_case(const op_info *op, const ew_case *c, size_t ci) {
    const int nin = c->nin;
    nd_array *in[3] = {NULL, NULL, NULL};
    for (int j = 0; j < nin; j++) in[j] = case_input(c->in[j]);
    int64_t m = ew_inputs[c->in[0]].n, k = nin == 2 ? ew_inputs[c->in[1]].n : 1;
    bool ok = true;
    nd_array *args[3] = {NULL, NULL, NULL}, *col = NULL;
    int ndim = nin == 2 ? 2 : 1;
    int64_t shape[2] = {m, k};
    if (nin == 2) {
        int64_t cs[2] = {m, 1}, cst[2] = {1, 1};
        args[0] = col = view_of(in[0], 0, 2, cs, cst);
        args[1] = in[1];
    } else {
        for (int j = 0; j < nin; j++) args[j] = in[j];
    }

    nd_array *r = op_call(op, args);
    if (c->status != ND_OK) {
        ok &= check_case_error(c, ci, r == NULL, "plain", false);
        nd_free(r);
        nd_array *out = new_array(ND_FLOAT64, ndim, shape);
        void *snap = snapshot(out);
        nd_status st = op_call_out(op, args, out);
        ok &= check_case_error(c, ci, st != ND_OK, "_out", true);
        if (st != ND_OK && st != c->status) {
            print_error("case %zu %s [_out]: returned %s\n", ci, c->label, nd_status_name(st));
            ok = false;
        }
        void *now = snapshot(out);
        if (memcmp(now, snap, nd_nbytes(out)) != 0) {
            print_error("case %zu %s [_out]: out written on error\n", ci, c->label);
            ok = false;
        }
        free(now);
        free(snap);
        nd_free(out);
        goto done;
    }
    ok &= check_case(c, ci, r, MAP_ID, nin == 2 ? "broadcast (m,1) op (k,)" : "contiguous");
    nd_free(r);

    /* _out into a fresh output of the result dtype */
    nd_array *out = new_array(c->dtype, ndim, shape);
    nd_status st = op_call_out(op, args, out);
    if (st != ND_OK) {
        print_error("case %zu %s [_out]: %s\n", ci, c->label, nd_errmsg());
        nd_clear_error();
        ok = false;
    } else {
        ok &= check_case(c, ci, out, MAP_ID, "_out");
    }
    nd_free(out);
    /* _out into float64 (same_kind from every dtype): the result converted */
    out = new_array(ND_FLOAT64, ndim, shape);
    st = op_call_out(op, args, out);
    if (st != ND_OK) {
        print_error("case %zu %s [_out float64]: %s\n", ci, c->label, nd_errmsg());
        nd_clear_error();
        ok = false;
    } else {
        ok &= check_case_as_f64(c, ci, out);
    }
    nd_free(out);

    if (nin == 2) {
        /* full C-contiguous operands: the flat fast path */
        int64_t s0[2] = {1, 0}, s1[2] = {0, 1};
        nd_array *bv0 = view_of(in[0], 0, 2, shape, s0), *bv1 = view_of(in[1], 0, 2, shape, s1);
        nd_array *full[3] = {nd_copy(bv0), nd_copy(bv1), NULL};
        nd_free(bv0);
        nd_free(bv1);
        r = op_call(op, full);
        ok &= check_case(c, ci, r, MAP_ID, "contiguous (m,k)");
        nd_free(r);
        nd_free(full[0]);
        nd_free(full[1]);
        /* the transposed problem: a as a row (m,), b as a column (k,1) */
        int64_t cs[2] = {k, 1}, cst[2] = {1, 1};
        nd_array *bcol = view_of(in[1], 0, 2, cs, cst);
        /* op(a_row, b_col)[j][i] = op(a[i], b[j]) */
        r = op->f2(in[0], bcol);
        ok &= check_case(c, ci, r, MAP_T, "row (m,) op column (k,1)");
        nd_free(r);
        nd_free(bcol);
    } else {
        nd_array *rev[3] = {NULL, NULL, NULL};
        int64_t sh[1] = {m}, st1[1] = {-1};
        for (int j = 0; j < nin; j++) rev[j] = view_of(in[j], m - 1, 1, sh, st1);
        r = op_call(op, rev);
        ok &= check_case(c, ci, r, MAP_REV, "reversed views");
        nd_free(r);
        /* a reversed output too */
        nd_array *o = new_array(c->dtype, 1, sh);
        nd_array *orev = view_of(o, m - 1, 1, sh, st1);
        st = op_call_out(op, in, orev);
        if (st != ND_OK) {
            print_error("case %zu %s [_out reversed]: %s\n", ci, c->label, nd_errmsg());
            nd_clear_error();
            ok = false;
        } else {
            ok &= check_case(c, ci, o, MAP_REV, "_out into a reversed view");
        }
        nd_free(orev);
        nd_free(o);
        for (int j = 0; j < nin; j++) nd_free(rev[j]);
    }
done:
    nd_free(col);
    for (int j = 0; j < nin; j++) nd_free(in[j]);
    return ok;
}

static void run_cases(const char *name) {
    const op_info *op = find_op(name);
    if (!op) fail_msg("unknown op %s", name);
    nd_clear_error();
    int ncases = 0, nfail = 0;
    for (size_t ci = 0; ci < NUM_CASES; ci++) {
        const ew_case *c = &ew_cases[ci];
        if (strcmp(c->op, name) != 0) continue;
        ncases++;
        if (!run_case(op, c, ci)) nfail++;
    }
    if (ncases == 0) fail_msg("no generated case for %s: regenerate data/elementwise_cases.h", name);
    if (nfail) fail_msg("%s: %d of %d generated cases failed (see above)", name, nfail, ncases);
}

#define CASE_TEST_(n)                                                              \
    static void test_cases_##n(void **state) {                                     \
        (void)state;                                                               \
        run_cases(#n);                                                             \
    }
ND_BINARY_OPS(CASE_TEST_)
ND_UNARY_OPS(CASE_TEST_)
CASE_TEST_(where)
CASE_TEST_(clip)

/* Every case names a known op, with a known number of inputs. */
static void test_cases_table(void **state) {
    (void)state;
    for (size_t ci = 0; ci < NUM_CASES; ci++) {
        const op_info *op = find_op(ew_cases[ci].op);
        if (!op) fail_msg("case %zu names unknown op %s", ci, ew_cases[ci].op);
        assert_int_equal(op->nin, ew_cases[ci].nin);
    }
}

/* ---------------------------------------------------------------- deterministic samples */

static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
    g_rng = g_rng * 6364136223846793005ull + 1442695040888963407ull;
    return g_rng >> 11;
}

typedef enum flavor { ANY, SMALL_NONNEG } flavor;

/* n values for dtype dt: edge values mixed with ordinary ones. */
static nd_array *sample(nd_dtype dt, int ndim, const int64_t *shape, flavor fl) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    nd_array *a;
    if (nd_dtype_is_float(dt)) {
        static const double special[] = {0.0, -0.0, NAN, INFINITY, -INFINITY, 1.0, -1.0, 0.5, 1e30, -2.5};
        double *v = malloc(sizeof(double) * (size_t)(n ? n : 1));
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            v[i] = fl == SMALL_NONNEG ? (double)(r % 6)
                   : r % 5 == 0   ? special[(r / 5) % 10]
                                  : ((double)(r % 4001) - 2000.0) / 16.0;
        }
        a = from_f64(dt, ndim, shape, v);
        free(v);
    } else {
        int64_t *v = malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
        bool sgn = nd_dtype_is_signed(dt);
        size_t bitsz = nd_dtype_size(dt) * 8;
        for (int64_t i = 0; i < n; i++) {
            uint64_t r = rnd();
            if (dt == ND_BOOL) v[i] = (int64_t)(r & 1);
            else if (fl == SMALL_NONNEG) v[i] = (int64_t)(r % 6);
            else if (r % 7 == 0) /* the dtype's extremes */
                v[i] = sgn ? ((r / 7) % 2 ? -(int64_t)(((uint64_t)1 << (bitsz - 2)) * 2 - 1) - 1
                                          : (int64_t)(((uint64_t)1 << (bitsz - 2)) * 2 - 1))
                           : (int64_t)(bitsz == 64 ? UINT64_MAX : ((uint64_t)1 << bitsz) - 1);
            else v[i] = sgn ? (int64_t)(r % 201) - 100 : (int64_t)(r % 201);
        }
        a = from_i64(dt, ndim, shape, v);
        free(v);
    }
    return a;
}

/* Sample inputs for op: the exponent of an integer power is kept
 * non-negative (negative ones are an error, tested on their own). */
static nd_array *sample_for(const op_info *op, int j, nd_dtype dt, int ndim, const int64_t *shape) {
    bool nonneg = strcmp(op->name, "power") == 0 && j == 1 && !nd_dtype_is_float(dt);
    return sample(dt, ndim, shape, nonneg ? SMALL_NONNEG : ANY);
}

/* ---------------------------------------------------------------- layouts */

typedef enum layout { L_CONTIG, L_TRANSPOSED, L_NEGATIVE, L_SLICED, L_TRANS_NEG, NUM_LAYOUTS } layout;
static const char *const g_layout_names[] = {"contiguous", "transposed", "negative strides",
                                             "sliced", "transposed+negative"};

/* A 2-D (r,c) array with the given memory layout holding src's values; it
 * owns its memory. Transposed: the memory is (c,r) in C order. Negative:
 * both axes run backwards. Sliced: every 3rd column of every 2nd row of a
 * larger block, not starting at its beginning. */
static nd_array *relayout(const nd_array *src, layout L) {
    int64_t r = nd_shape(src)[0], c = nd_shape(src)[1];
    nd_dtype dt = nd_dtype_of(src);
    size_t isz = nd_dtype_size(dt);
    int64_t total = L == L_SLICED ? 1 + 2 * r * 3 * c : r * c;
    char *mem = malloc((size_t)(total ? total : 1) * isz);
    assert_non_null(mem);
    memset(mem, 0x5A, (size_t)(total ? total : 1) * isz);
    int64_t shape[2] = {r, c}, strides[2];
    int64_t off = 0;
    switch (L) {
    case L_CONTIG: strides[0] = c; strides[1] = 1; break;
    case L_TRANSPOSED: strides[0] = 1; strides[1] = r; break;
    case L_NEGATIVE: strides[0] = -c; strides[1] = -1; off = r * c - 1; break;
    case L_SLICED: strides[0] = 2 * 3 * c; strides[1] = 3; off = 1; break;
    default: strides[0] = -1; strides[1] = r; off = r - 1; break;
    }
    nd_array *v = nd_wrap(mem + off * (int64_t)isz, 2, shape, strides, dt, free_deleter, mem);
    ND_ASSERT_ARRAY(v);
    ND_ASSERT_OK(nd_copyto(v, src));
    return v;
}

typedef struct dt_combo {
    nd_dtype d[3];
} dt_combo;

/* Same-dtype operands for every dtype, then mixed ones (which convert). */
static int layout_combos(const op_info *op, dt_combo *out) {
    int n = 0;
    for (int i = 0; i < NUM_DTYPES; i++) {
        nd_dtype d = g_all_dtypes[i];
        out[n++] = (dt_combo){{op->nin == 3 && strcmp(op->name, "where") == 0 ? ND_BOOL : d, d, d}};
    }
    out[n++] = (dt_combo){{ND_INT8, ND_FLOAT64, ND_FLOAT32}};
    out[n++] = (dt_combo){{ND_UINT64, ND_INT64, ND_INT32}};
    out[n++] = (dt_combo){{ND_INT32, ND_FLOAT32, ND_UINT8}};
    out[n++] = (dt_combo){{ND_BOOL, ND_INT16, ND_UINT16}};
    out[n++] = (dt_combo){{ND_FLOAT32, ND_UINT8, ND_FLOAT64}};
    return n;
}

/* op on every dtype combination, each operand and the output in every
 * layout, against the result on C-contiguous operands. 20x33 is large
 * enough for the engine's tiled walk when layouts disagree. Also stride-0
 * broadcast inputs against their materialised copies. */
static void check_layouts(const op_info *op) {
    const int64_t shape[2] = {20, 33};
    dt_combo combos[NUM_DTYPES + 8];
    int ncombo = layout_combos(op, combos);
    int fails = 0;
    char what[256];
    for (int ci = 0; ci < ncombo; ci++) {
        nd_array *src[3] = {NULL, NULL, NULL};
        for (int j = 0; j < op->nin; j++) src[j] = sample_for(op, j, combos[ci].d[j], 2, shape);
        nd_array *base = op_call(op, src);
        nd_status base_st = base ? ND_OK : nd_last_status();
        nd_clear_error();
        /* operand j in layout L, the others contiguous; and all in L */
        for (int L = 1; L < NUM_LAYOUTS; L++) {
            for (int j = -1; j < op->nin; j++) {
                nd_array *args[3] = {NULL, NULL, NULL}, *own[3] = {NULL, NULL, NULL};
                for (int q = 0; q < op->nin; q++) {
                    if (j < 0 || q == j) args[q] = own[q] = relayout(src[q], (layout)L);
                    else args[q] = src[q];
                }
                nd_array *r = op_call(op, args);
                snprintf(what, sizeof what, "%s(%s,%s,%s) with %s %s", op->name,
                         nd_dtype_name(combos[ci].d[0]), nd_dtype_name(combos[ci].d[1]),
                         nd_dtype_name(combos[ci].d[2]), j < 0 ? "every operand" : j == 0 ? "input 0" : j == 1 ? "input 1" : "input 2",
                         g_layout_names[L]);
                if (base_st != ND_OK) {
                    if (r || nd_last_status() != base_st) {
                        print_error("%s: expected %s\n", what, nd_status_name(base_st));
                        fails++;
                    }
                    nd_clear_error();
                } else if (!same_array(r, base, what)) {
                    fails++;
                }
                nd_free(r);
                for (int q = 0; q < op->nin; q++) nd_free(own[q]);
            }
            /* the output in layout L */
            if (base_st == ND_OK) {
                nd_array *z = nd_copy(base);
                nd_array *o = relayout(z, (layout)L);
                nd_free(z);
                nd_status st = op_call_out(op, src, o);
                snprintf(what, sizeof what, "%s_out(%s,...) into %s out", op->name,
                         nd_dtype_name(combos[ci].d[0]), g_layout_names[L]);
                if (st != ND_OK) {
                    print_error("%s: %s\n", what, nd_errmsg());
                    nd_clear_error();
                    fails++;
                } else if (!same_array(o, base, what)) {
                    fails++;
                }
                nd_free(o);
            }
        }
        /* stride-0 inputs: operand j's first row (or column) broadcast */
        for (int j = 0; j < op->nin && base_st == ND_OK; j++) {
            for (int axis = 0; axis < 2; axis++) {
                int64_t st0[2] = {axis == 0 ? 0 : shape[1], axis == 0 ? 1 : 0};
                nd_array *b0 = view_of(src[j], 0, 2, shape, st0);
                nd_array *mat = nd_copy(b0);
                nd_array *args_b[3], *args_m[3];
                for (int q = 0; q < op->nin; q++) args_b[q] = args_m[q] = src[q];
                args_b[j] = b0;
                args_m[j] = mat;
                nd_array *rb = op_call(op, args_b), *rm = op_call(op, args_m);
                snprintf(what, sizeof what, "%s(%s,...) with input %d stride 0 along axis %d",
                         op->name, nd_dtype_name(combos[ci].d[0]), j, axis);
                if (!same_array(rb, rm, what)) fails++;
                nd_clear_error();
                nd_free(rb);
                /* the same with the other operands stored transposed */
                nd_array *own[3] = {NULL, NULL, NULL};
                for (int q = 0; q < op->nin; q++)
                    if (q != j) args_b[q] = own[q] = relayout(src[q], axis ? L_TRANS_NEG : L_TRANSPOSED);
                rb = op_call(op, args_b);
                snprintf(what, sizeof what, "%s(%s,...) with input %d stride 0 along axis %d, others transposed",
                         op->name, nd_dtype_name(combos[ci].d[0]), j, axis);
                if (!same_array(rb, rm, what)) fails++;
                nd_clear_error();
                nd_free(rb);
                for (int q = 0; q < op->nin; q++) nd_free(own[q]);
                nd_free(rm);
                nd_free(mat);
                nd_free(b0);
            }
        }
        nd_free(base);
        for (int j = 0; j < op->nin; j++) nd_free(src[j]);
    }
    if (fails) fail_msg("%s: %d layout checks failed (see above)", op->name, fails);
}

static void test_layouts_binary(void **state) {
    (void)state;
    for (int i = 0; i < NUM_OPS; i++)
        if (g_ops[i].nin == 2) check_layouts(&g_ops[i]);
}
static void test_layouts_unary(void **state) {
    (void)state;
    for (int i = 0; i < NUM_OPS; i++)
        if (g_ops[i].nin == 1) check_layouts(&g_ops[i]);
}
static void test_layouts_ternary(void **state) {
    (void)state;
    for (int i = 0; i < NUM_OPS; i++)
        if (g_ops[i].nin == 3) check_layouts(&g_ops[i]);
}

/* A 3-D operand with permuted axes and a negative stride, against the
 * contiguous result. */
static void test_layout_3d_permuted(void **state) {
    (void)state;
    const int64_t shape[3] = {6, 5, 40};
    nd_array *a = sample(ND_FLOAT64, 3, shape, ANY), *b = sample(ND_INT16, 3, shape, ANY);
    nd_array *want = nd_multiply(a, b);
    ND_ASSERT_ARRAY(want);
    /* memory laid out as (40, 6, 5), axis 1 reversed */
    double *mem = malloc(sizeof(double) * 6 * 5 * 40);
    int64_t strides[3] = {5, -1, 30};
    nd_array *p = nd_wrap(mem + 4, 3, shape, strides, ND_FLOAT64, free_deleter, mem);
    ND_ASSERT_ARRAY(p);
    ND_ASSERT_OK(nd_copyto(p, a));
    nd_array *got = nd_multiply(p, b);
    ASSERT_SAME(got, want, "3-D permuted * contiguous");
    nd_free(got);
    got = nd_multiply(b, p);
    ASSERT_SAME(got, want, "contiguous * 3-D permuted");
    nd_free(got);
    /* the permuted view as output */
    ND_ASSERT_OK(nd_fill(p, 0));
    ND_ASSERT_OK(nd_multiply_out(a, b, p));
    got = nd_copy(p);
    ASSERT_SAME(got, want, "out 3-D permuted");
    nd_free(got);
    nd_free(p);
    nd_free(want);
    nd_free(a);
    nd_free(b);
}

/* An N-d array holding src's values in a random layout: axes in a random
 * memory order, some running backwards, some with gaps, not at the start of
 * its memory. It owns its memory. */
static nd_array *random_layout(const nd_array *src) {
    int nd = nd_ndim(src);
    const int64_t *shape = nd_shape(src);
    size_t isz = nd_itemsize(src);
    int perm[ND_MAX_DIMS];
    for (int d = 0; d < nd; d++) perm[d] = d;
    for (int d = nd - 1; d > 0; d--) {
        int j = (int)(rnd() % (uint64_t)(d + 1)), t = perm[d];
        perm[d] = perm[j];
        perm[j] = t;
    }
    int64_t strides[ND_MAX_DIMS], span = 1, off = (int64_t)(rnd() % 3);
    for (int q = nd - 1; q >= 0; q--) { /* perm[nd-1] is the fastest axis */
        int d = perm[q];
        int64_t step = span * (int64_t)(1 + rnd() % 2);
        strides[d] = step;
        span = step * (shape[d] ? shape[d] : 1);
    }
    int64_t total = off + span;
    for (int d = 0; d < nd; d++)
        if (rnd() % 3 == 0 && shape[d] > 0) {
            off += (shape[d] - 1) * strides[d];
            strides[d] = -strides[d];
        }
    char *mem = malloc((size_t)total * isz);
    assert_non_null(mem);
    memset(mem, 0x3C, (size_t)total * isz);
    nd_array *v = nd_wrap(mem + off * (int64_t)isz, nd, shape, strides, nd_dtype_of(src), free_deleter, mem);
    ND_ASSERT_ARRAY(v);
    ND_ASSERT_OK(nd_copyto(v, src));
    return v;
}

/* Random ops, dtypes, shapes (broadcasting, empty and 0-d included) and
 * layouts, against the same op on C-contiguous copies. Fixed seed. */
static void test_fuzz_layouts(void **state) {
    (void)state;
    g_rng = 12345;
    int fails = 0;
    for (int iter = 0; iter < 1500 && fails < 10; iter++) {
        const op_info *op = &g_ops[rnd() % NUM_OPS];
        int nd = (int)(rnd() % 5);
        int64_t shape[ND_MAX_DIMS];
        for (int d = 0; d < nd; d++) {
            uint64_t r = rnd() % 16;
            shape[d] = r == 0 ? 0 : r < 10 ? (int64_t)r : r < 14 ? 17 + (int64_t)(rnd() % 30) : 1;
        }
        nd_array *src[3] = {NULL, NULL, NULL}, *lay[3] = {NULL, NULL, NULL};
        nd_dtype dts[3];
        for (int j = 0; j < op->nin; j++) {
            int ind = nd - (int)(rnd() % (uint64_t)(nd + 1) == 0 ? rnd() % (uint64_t)(nd + 1) : 0);
            int64_t ish[ND_MAX_DIMS];
            for (int d = 0; d < ind; d++) ish[d] = rnd() % 4 == 0 ? 1 : shape[nd - ind + d];
            dts[j] = g_all_dtypes[rnd() % NUM_DTYPES];
            src[j] = sample_for(op, j, dts[j], ind, ish);
            lay[j] = random_layout(src[j]);
        }
        nd_array *want = op_call(op, src);
        nd_status wst = want ? ND_OK : nd_last_status();
        nd_clear_error();
        nd_array *got = op_call(op, lay);
        char what[160];
        snprintf(what, sizeof what, "fuzz %d: %s(%s, %s, %s) ndim %d", iter, op->name, nd_dtype_name(dts[0]),
                 op->nin > 1 ? nd_dtype_name(dts[1]) : "-", op->nin > 2 ? nd_dtype_name(dts[2]) : "-", nd);
        if (!want) {
            if (got || nd_last_status() != wst) {
                print_error("%s: expected %s\n", what, nd_status_name(wst));
                fails++;
            }
        } else if (!same_array(got, want, what)) {
            fails++;
        } else {
            /* the _out variant into a random layout */
            nd_array *o = random_layout(want);
            ND_ASSERT_OK(nd_fill(o, 0));
            if (op_call_out(op, lay, o) != ND_OK) {
                print_error("%s: _out failed: %s\n", what, nd_errmsg());
                fails++;
            } else {
                nd_array *oc = nd_copy(o);
                if (!same_array(oc, want, what)) fails++;
                nd_free(oc);
            }
            nd_free(o);
        }
        nd_clear_error();
        nd_free(got);
        nd_free(want);
        for (int j = 0; j < op->nin; j++) {
            nd_free(lay[j]);
            nd_free(src[j]);
        }
    }
    if (fails) fail_msg("%d fuzzed layouts differ (see above)", fails);
}

/* ---------------------------------------------------------------- broadcasting */

static void test_broadcast_column_row(void **state) {
    (void)state;
    const int64_t s31[2] = {3, 1}, s4[1] = {4};
    const double av[3] = {1, 2, 3}, bv[4] = {10, 20, 30, 40};
    nd_array *a = from_f64(ND_INT32, 2, s31, av), *b = from_f64(ND_FLOAT32, 1, s4, bv);
    nd_array *r = nd_add(a, b);
    const int64_t s34[2] = {3, 4};
    nd_test_shape(r, 2, s34);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    const double want[12] = {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43};
    nd_test_expect(r, want, 0);
    nd_free(r);
    /* the other order and a (1,4) row */
    r = nd_subtract(b, a);
    const double want2[12] = {9, 19, 29, 39, 8, 18, 28, 38, 7, 17, 27, 37};
    nd_test_shape(r, 2, s34);
    nd_test_expect(r, want2, 0);
    nd_free(r);
    nd_free(a);
    nd_free(b);
}

static void test_broadcast_0d(void **state) {
    (void)state;
    double five = 5;
    nd_array *s = from_f64(ND_INT64, 0, NULL, &five);
    const int64_t sh[2] = {2, 3};
    const double v[6] = {0, 1, 2, 3, 4, 5};
    nd_array *a = from_f64(ND_INT64, 2, sh, v);
    nd_array *r = nd_multiply(s, a);
    nd_test_shape(r, 2, sh);
    const double want[6] = {0, 5, 10, 15, 20, 25};
    nd_test_expect(r, want, 0);
    nd_free(r);
    r = nd_floor_divide(a, s);
    const double want2[6] = {0, 0, 0, 0, 0, 1};
    nd_test_expect(r, want2, 0);
    nd_free(r);
    /* 0-d with 0-d: 0-d */
    r = nd_add(s, s);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 0);
    assert_int_equal(nd_size(r), 1);
    assert_int_equal(*(int64_t *)nd_data(r), 10);
    nd_free(r);
    /* a 0-d input into an n-d out with an n-d input */
    nd_array *o = new_array(ND_FLOAT64, 2, sh);
    ND_ASSERT_OK(nd_add_out(s, a, o));
    const double want3[6] = {5, 6, 7, 8, 9, 10};
    nd_test_expect(o, want3, 0);
    /* NumPy would broadcast a lone 0-d input to out's shape; libnd documents
     * that out's shape must equal the inputs' broadcast shape */
    void *snap = snapshot(o);
    assert_int_equal(nd_sqrt_out(s, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_sqrt_out: output shape (2,3) does not match the broadcast shape ()");
    assert_untouched(o, snap, "0-d into (2,3)");
    nd_free(o);
    nd_free(a);
    nd_free(s);
}

static void test_zero_d(void **state) {
    (void)state;
    double x = -2.25, y = 4;
    nd_array *a = from_f64(ND_FLOAT64, 0, NULL, &x), *b = from_f64(ND_FLOAT32, 0, NULL, &y);
    nd_array *r = nd_power(a, b);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 0);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64); /* no value-based casting (NEP 50) */
    assert_true(*(double *)nd_data(r) == pow(-2.25, 4));
    nd_free(r);
    r = nd_abs(a);
    assert_int_equal(nd_ndim(r), 0);
    assert_true(*(double *)nd_data(r) == 2.25);
    nd_free(r);
    /* 0-d int8 with a 0-d int64 holding a small value: int64 (NEP 50) */
    double one = 1;
    nd_array *i8 = from_f64(ND_INT8, 0, NULL, &one), *i64 = from_f64(ND_INT64, 0, NULL, &one);
    r = nd_add(i8, i64);
    assert_int_equal(nd_dtype_of(r), ND_INT64);
    nd_free(r);
    /* 0-d float64 with a 1-d float32: float64 (NumPy 1.24 gives float32) */
    const int64_t s2[1] = {2};
    const double v2[2] = {1, 2};
    nd_array *f32 = from_f64(ND_FLOAT32, 1, s2, v2);
    r = nd_add(a, f32);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_free(r);
    /* 0-d out */
    nd_array *o = new_array(ND_FLOAT64, 0, NULL);
    ND_ASSERT_OK(nd_where_out(i8, a, b, o));
    assert_true(*(double *)nd_data(o) == -2.25);
    ND_ASSERT_OK(nd_clip_out(a, b, b, o));
    assert_true(*(double *)nd_data(o) == 4);
    ND_ASSERT_OK(nd_negative_out(a, o));
    assert_true(*(double *)nd_data(o) == 2.25);
    /* a 0-d out cannot take a (2,) result */
    void *snap = snapshot(o);
    assert_int_equal(nd_add_out(a, f32, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "()");
    assert_untouched(o, snap, "0-d out");
    nd_free(o);
    nd_free(f32);
    nd_free(i8);
    nd_free(i64);
    nd_free(a);
    nd_free(b);
}

static void test_broadcast_empty(void **state) {
    (void)state;
    const int64_t s03[2] = {0, 3}, s3[1] = {3}, s20[2] = {2, 0}, s21[2] = {2, 1}, s0[1] = {0},
                  s1[1] = {1};
    const double v3[3] = {1, 2, 3}, v2[2] = {1, 2}, v1[1] = {7};
    nd_array *e03 = new_array(ND_FLOAT32, 2, s03), *a3 = from_f64(ND_INT16, 1, s3, v3);
    nd_array *r = nd_add(e03, a3);
    nd_test_shape(r, 2, s03);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    assert_int_equal(nd_size(r), 0);
    nd_free(r);
    nd_array *e20 = new_array(ND_INT8, 2, s20), *a21 = from_f64(ND_UINT8, 2, s21, v2);
    r = nd_multiply(e20, a21);
    nd_test_shape(r, 2, s20);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    nd_free(r);
    nd_array *e0 = new_array(ND_FLOAT64, 1, s0), *a1 = from_f64(ND_FLOAT64, 1, s1, v1);
    r = nd_maximum(e0, a1);
    nd_test_shape(r, 1, s0);
    nd_free(r);
    r = nd_sqrt(e03);
    nd_test_shape(r, 2, s03);
    nd_free(r);
    r = nd_where(e0, a1, e0);
    nd_test_shape(r, 1, s0);
    nd_free(r);
    ND_ASSERT_OK(nd_add_out(e0, a1, e0));
    /* power's exponent check on an empty exponent */
    nd_array *ei = new_array(ND_INT32, 1, s0);
    r = nd_power(ei, ei);
    nd_test_shape(r, 1, s0);
    nd_free(r);
    nd_free(ei);
    /* (0,) against (2,) cannot broadcast */
    nd_array *a2 = from_f64(ND_FLOAT64, 1, (const int64_t[]){2}, v2);
    assert_null(nd_add(e0, a2));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_add: operands could not be broadcast together with shapes (0,) (2,)");
    nd_free(a2);
    nd_free(e0);
    nd_free(a1);
    nd_free(e20);
    nd_free(a21);
    nd_free(e03);
    nd_free(a3);
}

static void test_broadcast_errors(void **state) {
    (void)state;
    const int64_t s34[2] = {3, 4}, s5[1] = {5}, s2[1] = {2};
    nd_array *a = new_array(ND_FLOAT64, 2, s34), *b = new_array(ND_FLOAT64, 1, s5);
    nd_array *c = new_array(ND_FLOAT64, 1, s2);
    nd_clear_error();
    assert_null(nd_add(a, b));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_add: operands could not be broadcast together with shapes (3,4) (5,)");
    assert_null(nd_arctan2(b, a));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_arctan2: operands could not be broadcast together with shapes (5,) (3,4)");
    nd_array *o = new_array(ND_FLOAT64, 2, s34);
    void *snap = snapshot(o);
    assert_int_equal(nd_add_out(a, b, o), ND_ERR_SHAPE);
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_add_out: operands could not be broadcast together with shapes (3,4) (5,)");
    assert_untouched(o, snap, "nd_add_out");
    assert_null(nd_where(a, b, c));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_where: operands could not be broadcast together with shapes (3,4) (5,) (2,)");
    assert_null(nd_clip(c, a, a));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_clip: operands could not be broadcast together with shapes (2,) (3,4) (3,4)");
    nd_free(o);
    nd_free(a);
    nd_free(b);
    nd_free(c);
}

/* (2,1,3) + (4,1): (2,4,3), stretched axes in the middle and outside; then a
 * large threaded version with a cast. */
static void test_broadcast_3d(void **state) {
    (void)state;
    const int64_t sa[3] = {2, 1, 3}, sb[2] = {4, 1};
    const double av[6] = {1, 2, 3, 4, 5, 6}, bv[4] = {10, 20, 30, 40};
    nd_array *a = from_f64(ND_INT16, 3, sa, av), *b = from_f64(ND_INT8, 2, sb, bv);
    nd_array *r = nd_multiply(a, b);
    const int64_t sr[3] = {2, 4, 3};
    nd_test_shape(r, 3, sr);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    double want[24];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 3; k++) want[(i * 4 + j) * 3 + k] = av[i * 3 + k] * bv[j];
    nd_test_expect(r, want, 0);
    nd_free(r);
    nd_free(a);
    nd_free(b);
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t la[3] = {64, 1, 2048}, lb[2] = {3, 1};
    nd_array *x = sample(ND_FLOAT32, 3, la, ANY), *y = sample(ND_INT32, 2, lb, ANY);
    r = nd_add(x, y);
    const int64_t lr[3] = {64, 3, 2048};
    nd_test_shape(r, 3, lr);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    const float *xv = nd_data(x);
    const int32_t *yv = nd_data(y);
    const double *rv = nd_data(r);
    for (int64_t i = 0; i < 64; i++)
        for (int64_t j = 0; j < 3; j++)
            for (int64_t k = 0; k < 2048; k++) {
                double w = (double)xv[i * 2048 + k] + (double)yv[j];
                if (!float_same(rv[(i * 3 + j) * 2048 + k], w))
                    fail_msg("(64,1,2048)+(3,1) at (%lld,%lld,%lld)", (long long)i, (long long)j, (long long)k);
            }
    nd_free(r);
    nd_free(x);
    nd_free(y);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* Many axes: 17 axes of length 2 (2^17 elements, threaded), one operand
 * with its axes in reverse memory order, the other stretched on every
 * other axis; then ND_MAX_DIMS axes of length 1. */
static void test_many_dims(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(4));
    enum { D = 17 };
    int64_t shape[D], fstrides[D], bshape[D];
    int64_t n = 1;
    for (int d = 0; d < D; d++) {
        shape[d] = 2;
        fstrides[d] = (int64_t)1 << d; /* Fortran order */
        bshape[d] = d % 2 ? 2 : 1;
        n *= 2;
    }
    double *am = malloc(sizeof(double) * (size_t)n);
    for (int64_t i = 0; i < n; i++) am[i] = (double)(i % 1000) - 500;
    nd_array *a = nd_wrap(am, D, shape, fstrides, ND_FLOAT64, free_deleter, am);
    nd_array *b = sample(ND_FLOAT64, D, bshape, ANY);
    nd_array *r = nd_subtract(a, b);
    nd_test_shape(r, D, shape);
    const double *rv = nd_data(r), *bv = nd_data(b);
    for (int64_t i = 0; i < n; i++) {
        /* C-order index i: bit (D-1-d) is the index along axis d */
        int64_t fa = 0, bi = 0;
        for (int d = 0; d < D; d++) {
            int64_t id = (i >> (D - 1 - d)) & 1;
            fa += id << d;
            if (bshape[d] == 2) bi = bi * 2 + id;
        }
        if (!float_same(rv[i], am[fa] - bv[bi])) fail_msg("17-d subtract at %lld", (long long)i);
    }
    nd_free(r);
    nd_free(a);
    nd_free(b);
    int64_t ones[ND_MAX_DIMS];
    for (int d = 0; d < ND_MAX_DIMS; d++) ones[d] = 1;
    double v = 2.5, w = 4;
    nd_array *x = from_f64(ND_FLOAT64, ND_MAX_DIMS, ones, &v), *y = from_f64(ND_FLOAT32, 0, NULL, &w);
    r = nd_hypot(x, y);
    nd_test_shape(r, ND_MAX_DIMS, ones);
    assert_true(*(double *)nd_data(r) == hypot(2.5, 4));
    nd_free(r);
    nd_free(x);
    nd_free(y);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* ---------------------------------------------------------------- large arrays */

/* The element of a (r,c) float32/float64/int8 array at (i, j) as double. */
static double elem(const nd_array *a, int64_t i, int64_t j) {
    const int64_t *st = nd_strides(a);
    const char *p = (const char *)nd_data(a) + (i * st[0] + j * st[1]) * (int64_t)nd_itemsize(a);
    switch (nd_dtype_of(a)) {
    case ND_FLOAT32: return *(const float *)p;
    case ND_FLOAT64: return *(const double *)p;
    case ND_INT8: return *(const int8_t *)p;
    default: fail_msg("elem: unexpected dtype"); return 0;
    }
}

/* A (r,c) array of dtype dt whose (i,j) element is a fixed function of
 * (i,j), stored transposed (strides (1,r)) when transposed is set. */
static nd_array *grid(nd_dtype dt, int64_t r, int64_t c, bool transposed) {
    int64_t shape[2] = {r, c};
    double *v = malloc(sizeof(double) * (size_t)(r * c));
    assert_non_null(v);
    for (int64_t i = 0; i < r; i++)
        for (int64_t j = 0; j < c; j++) {
            double x = (double)((i * 7919 + j * 104729) % 251) - 125.0;
            v[i * c + j] = nd_dtype_is_float(dt) ? x / 4 + (double)i * 0.001 : x;
        }
    nd_array *src = from_f64(dt, 2, shape, v);
    free(v);
    if (!transposed) return src;
    nd_array *t = relayout(src, L_TRANSPOSED);
    nd_free(src);
    return t;
}

/* Checks r (r,c) == a + b element-wise, computed in dtype dt by a C loop. */
static void check_sum(const nd_array *r, const nd_array *a, const nd_array *b, nd_dtype dt, const char *what) {
    int64_t R = nd_shape(r)[0], C = nd_shape(r)[1];
    for (int64_t i = 0; i < R; i++)
        for (int64_t j = 0; j < C; j++) {
            double want = elem(a, i, j) + elem(b, i, j);
            if (dt == ND_FLOAT32) want = (float)((float)elem(a, i, j) + (float)elem(b, i, j));
            double got = elem(r, i, j);
            if (got != want)
                fail_msg("%s: (%lld,%lld) is %.17g, expected %.17g", what, (long long)i, (long long)j, got, want);
        }
}

static void test_large_contiguous(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t n = (1 << 17) + 7;
    double *av = malloc(sizeof(double) * (size_t)n), *bv = malloc(sizeof(double) * (size_t)n);
    for (int64_t i = 0; i < n; i++) {
        av[i] = (double)(i % 1000) * 0.25 - 50;
        bv[i] = (double)(i % 77) - 30;
    }
    nd_array *a = nd_wrap(av, 1, &n, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *b = nd_wrap(bv, 1, &n, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *r = nd_multiply(a, b);
    ND_ASSERT_ARRAY(r);
    const double *rv = nd_data(r);
    for (int64_t i = 0; i < n; i++)
        if (rv[i] != av[i] * bv[i]) fail_msg("multiply element %lld", (long long)i);
    nd_free(r);
    /* int32 with wrap-around, through a cast of b */
    nd_array *ai = nd_astype(a, ND_INT32), *bi = nd_astype(b, ND_INT16);
    int32_t big = INT32_MAX - 5;
    nd_array *s = nd_wrap(&big, 0, NULL, NULL, ND_INT32, NULL, NULL);
    nd_array *t = nd_add(ai, s);
    r = nd_add(t, bi);
    const int32_t *ri = nd_data(r), *aiv = nd_data(ai);
    const int16_t *biv = nd_data(bi);
    for (int64_t i = 0; i < n; i++) {
        int32_t want = (int32_t)((uint32_t)aiv[i] + (uint32_t)big + (uint32_t)(int32_t)biv[i]);
        if (ri[i] != want) fail_msg("int32 add element %lld: %d vs %d", (long long)i, ri[i], want);
    }
    nd_free(r);
    nd_free(t);
    /* a reversed large input against the contiguous result */
    const int64_t mstride = -1;
    nd_array *rev = nd_wrap(av + n - 1, 1, &n, &mstride, ND_FLOAT64, NULL, NULL);
    r = nd_subtract(rev, b);
    rv = nd_data(r);
    for (int64_t i = 0; i < n; i++)
        if (rv[i] != av[n - 1 - i] - bv[i]) fail_msg("reversed subtract element %lld", (long long)i);
    nd_free(r);
    /* unary on a large input with a cast (int32 -> float64) */
    r = nd_sqrt(ai);
    rv = nd_data(r);
    for (int64_t i = 0; i < n; i++)
        if (!float_same(rv[i], sqrt((double)aiv[i]))) fail_msg("sqrt element %lld", (long long)i);
    nd_free(r);
    nd_free(rev);
    nd_free(s);
    nd_free(ai);
    nd_free(bi);
    nd_free(a);
    nd_free(b);
    free(av);
    free(bv);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* a + a.T-style: one operand stored transposed (the tiled walk), big enough
 * for threads: 300x517 = 155100 elements. */
static void test_large_tiled(void **state) {
    (void)state;
    const int64_t R = 300, C = 517;
    const int64_t shape[2] = {R, C};
    for (int threads = 1; threads <= 4; threads += 3) {
        ND_ASSERT_OK(nd_set_num_threads(threads));
        const nd_dtype dts[2] = {ND_FLOAT32, ND_FLOAT64};
        for (int d = 0; d < 2; d++) {
            nd_array *a = grid(dts[d], R, C, false), *t = grid(dts[d], R, C, true);
            nd_array *r = nd_add(a, t);
            ND_ASSERT_ARRAY(r);
            assert_int_equal(nd_dtype_of(r), dts[d]);
            check_sum(r, a, t, dts[d], "a + a.T");
            nd_free(r);
            r = nd_add(t, a);
            check_sum(r, t, a, dts[d], "a.T + a");
            nd_free(r);
            /* both transposed, output contiguous; then a transposed output */
            r = nd_add(t, t);
            check_sum(r, t, t, dts[d], "a.T + a.T");
            nd_free(r);
            nd_array *o = grid(dts[d], R, C, true);
            ND_ASSERT_OK(nd_add_out(a, t, o));
            check_sum(o, a, t, dts[d], "out.T = a + a.T");
            nd_free(o);
            nd_free(a);
            nd_free(t);
        }
        /* int8 + float64, the cast inside the tiles */
        nd_array *a8 = grid(ND_INT8, R, C, false), *t64 = grid(ND_FLOAT64, R, C, true);
        nd_array *t8 = grid(ND_INT8, R, C, true), *a64 = grid(ND_FLOAT64, R, C, false);
        nd_array *r = nd_add(a8, t64);
        assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
        check_sum(r, a8, t64, ND_FLOAT64, "int8 + float64.T");
        nd_free(r);
        r = nd_add(t8, a64);
        check_sum(r, t8, a64, ND_FLOAT64, "int8.T + float64");
        nd_free(r);
        r = nd_add(t64, a8);
        check_sum(r, t64, a8, ND_FLOAT64, "float64.T + int8");
        nd_free(r);
        /* into a float32 out (same_kind) stored transposed */
        nd_array *o = grid(ND_FLOAT32, R, C, true);
        ND_ASSERT_OK(nd_add_out(a8, t64, o));
        for (int64_t i = 0; i < R; i++)
            for (int64_t j = 0; j < C; j++)
                if (elem(o, i, j) != (float)(elem(a8, i, j) + elem(t64, i, j)))
                    fail_msg("int8 + float64.T into float32.T at (%lld,%lld)", (long long)i, (long long)j);
        nd_free(o);
        /* a unary op on a transposed input */
        r = nd_negative(t8);
        nd_test_shape(r, 2, shape);
        for (int64_t i = 0; i < R; i++)
            for (int64_t j = 0; j < C; j++)
                if (((int8_t *)nd_data(r))[i * C + j] != (int8_t)-elem(t8, i, j)) fail_msg("negative of int8.T");
        nd_free(r);
        nd_free(a8);
        nd_free(t64);
        nd_free(t8);
        nd_free(a64);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* Large where and clip with a transposed condition/bound and broadcasting. */
static void test_large_ternary(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t R = 300, C = 517;
    nd_array *a = grid(ND_FLOAT64, R, C, false), *t = grid(ND_FLOAT32, R, C, true);
    nd_array *cond = nd_greater(t, a);
    nd_array *w = nd_where(cond, t, a);
    nd_array *mx = nd_maximum(a, t);
    ASSERT_SAME(w, mx, "where(t > a, t, a) vs maximum");
    nd_free(w);
    /* clip with a (300,1) lower bound and a scalar upper bound */
    const int64_t s1[2] = {R, 1};
    nd_array *lo = new_array(ND_FLOAT64, 2, s1);
    for (int64_t i = 0; i < R; i++) ((double *)nd_data(lo))[i] = (double)i / 10 - 20;
    double hv = 15;
    nd_array *hi = nd_wrap(&hv, 0, NULL, NULL, ND_FLOAT64, NULL, NULL);
    nd_array *c = nd_clip(t, lo, hi);
    for (int64_t i = 0; i < R; i++)
        for (int64_t j = 0; j < C; j++) {
            double x = elem(t, i, j), l = (double)i / 10 - 20;
            double want = x < l ? l : x > 15 ? 15 : x;
            if (elem(c, i, j) != want) fail_msg("clip at (%lld,%lld)", (long long)i, (long long)j);
        }
    nd_free(c);
    nd_free(lo);
    nd_free(hi);
    nd_free(mx);
    nd_free(cond);
    nd_free(a);
    nd_free(t);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* ---------------------------------------------------------------- outputs */

static void test_out_cast(void **state) {
    (void)state;
    const int64_t s4[1] = {4};
    const double av[4] = {0.1, 1.5, -2.25, 1e20}, bv[4] = {0.2, 2, 3, 1};
    nd_array *a = from_f64(ND_FLOAT32, 1, s4, av), *b = from_f64(ND_FLOAT32, 1, s4, bv);
    /* float32 result into a float64 out: computed in float32, then widened */
    nd_array *o = new_array(ND_FLOAT64, 1, s4);
    ND_ASSERT_OK(nd_add_out(a, b, o));
    for (int i = 0; i < 4; i++)
        assert_true(((double *)nd_data(o))[i] == (double)((float)av[i] + (float)bv[i]));
    nd_free(o);
    /* int result into a float out */
    nd_array *ia = from_f64(ND_INT32, 1, s4, bv);
    o = new_array(ND_FLOAT32, 1, s4);
    ND_ASSERT_OK(nd_multiply_out(ia, ia, o));
    const double sq[4] = {0, 4, 9, 1};
    nd_test_expect(o, sq, 0);
    nd_free(o);
    /* bool result into an int8 out, int64 into int8 (same kind, wraps) */
    o = new_array(ND_INT8, 1, s4);
    ND_ASSERT_OK(nd_less_out(a, b, o));
    const double lt[4] = {1, 1, 1, 0};
    nd_test_expect(o, lt, 0);
    const int64_t bigv[4] = {300, -129, 127, 256};
    nd_array *i64 = from_i64(ND_INT64, 1, s4, bigv);
    ND_ASSERT_OK(nd_add_out(i64, i64, o));
    const double wrapped[4] = {88, -2, -2, 0};
    nd_test_expect(o, wrapped, 0);
    /* uint into int (same_kind) */
    nd_array *u = from_f64(ND_UINT16, 1, s4, bv);
    ND_ASSERT_OK(nd_square_out(u, o));
    nd_test_expect(o, sq, 0);
    nd_free(o);
    nd_free(u);
    nd_free(i64);
    nd_free(ia);
    nd_free(a);
    nd_free(b);
}

static void test_out_strided(void **state) {
    (void)state;
    const int64_t s23[2] = {2, 3};
    const double av[6] = {1, 2, 3, 4, 5, 6};
    nd_array *a = from_f64(ND_FLOAT64, 2, s23, av);
    /* out = every other element of a 2x8 block, starting at column 1 */
    const int64_t s28[2] = {2, 8};
    nd_array *block = new_array(ND_FLOAT64, 2, s28);
    ND_ASSERT_OK(nd_fill(block, -7));
    const int64_t st[2] = {8, 2};
    nd_array *o = view_of(block, 1, 2, s23, st);
    ND_ASSERT_OK(nd_multiply_out(a, a, o));
    const double want[16] = {-7, 1, -7, 4, -7, 9, -7, -7, -7, 16, -7, 25, -7, 36, -7, -7};
    nd_test_expect(block, want, 0);
    /* a transposed out of a different dtype */
    nd_array *t = new_array(ND_FLOAT32, 2, (const int64_t[]){3, 2});
    const int64_t tst[2] = {1, 2};
    nd_array *tv = view_of(t, 0, 2, s23, tst);
    ND_ASSERT_OK(nd_subtract_out(a, a, tv));
    ND_ASSERT_OK(nd_negative_out(a, tv));
    const double negt[6] = {-1, -4, -2, -5, -3, -6};
    nd_test_expect(t, negt, 0);
    nd_free(tv);
    nd_free(t);
    nd_free(o);
    nd_free(block);
    nd_free(a);
}

static void test_out_errors(void **state) {
    (void)state;
    const int64_t s34[2] = {3, 4}, s43[2] = {4, 3}, s4[1] = {4}, s14[2] = {1, 4}, s234[3] = {2, 3, 4};
    nd_array *a = sample(ND_FLOAT64, 2, s34, ANY), *b = sample(ND_FLOAT64, 1, s4, ANY);
    /* wrong shape: the message names both shapes, out is untouched */
    const int64_t *bad[3] = {s43, s14, s234};
    const int badn[3] = {2, 2, 3};
    for (int i = 0; i < 3; i++) {
        /* (2,3,4): NumPy would broadcast the inputs to out's shape; libnd
         * documents that out's shape must equal the inputs' broadcast shape */
        nd_array *o = new_array(ND_FLOAT64, badn[i], bad[i]);
        void *snap = snapshot(o);
        assert_int_equal(nd_add_out(a, b, o), ND_ERR_SHAPE);
        char s[64];
        snprintf(s, sizeof s, "(%lld,%lld%s", (long long)bad[i][0], (long long)bad[i][1], badn[i] == 3 ? ",4)" : ")");
        if (!strstr(nd_errmsg(), s) || !strstr(nd_errmsg(), "(3,4)") || strncmp(nd_errmsg(), "nd_add_out: ", 12) != 0)
            fail_msg("message '%s' should name %s and (3,4)", nd_errmsg(), s);
        nd_clear_error();
        assert_untouched(o, snap, "wrong-shape out");
        nd_free(o);
    }
    /* stride 0 along an axis of length > 1: a broadcast output */
    nd_array *row = new_array(ND_FLOAT64, 1, s4);
    const int64_t zst[2] = {0, 1};
    nd_array *o0 = view_of(row, 0, 2, s34, zst);
    void *snap = snapshot(row);
    assert_int_equal(nd_add_out(a, b, o0), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_add_out: ");
    assert_int_equal(nd_sqrt_out(a, o0), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_sqrt_out: ");
    assert_untouched(row, snap, "stride-0 out");
    nd_free(o0);
    /* read-only broadcast views: stretched, and of the same shape (read-only
     * without any stride 0) */
    for (int same = 0; same < 2; same++) {
        nd_array *src = same ? new_array(ND_FLOAT64, 2, s34) : row;
        nd_array *ro = nd_broadcast_to(src, 2, s34);
        ND_ASSERT_ARRAY(ro);
        assert_false(nd_is_writeable(ro));
        snap = snapshot(src);
        assert_int_equal(nd_add_out(a, b, ro), ND_ERR_READONLY);
        ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_add_out: ");
        assert_int_equal(nd_clip_out(a, a, a, ro), ND_ERR_READONLY);
        ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_clip_out: ");
        assert_untouched(src, snap, "read-only out");
        nd_free(ro);
        if (same) nd_free(src);
    }
    nd_free(row);
    /* not same_kind: float result into int, int into bool, int into uint */
    struct {
        nd_dtype in, out;
    } nk[] = {{ND_FLOAT64, ND_INT64}, {ND_FLOAT32, ND_INT32}, {ND_INT32, ND_BOOL}, {ND_INT8, ND_UINT8},
              {ND_FLOAT64, ND_FLOAT32}};
    for (size_t i = 0; i < sizeof nk / sizeof nk[0]; i++) {
        nd_array *x = nd_astype(a, nk[i].in), *o = new_array(nk[i].out, 2, s34);
        void *sn = snapshot(o);
        nd_status st = nd_add_out(x, x, o);
        if (nk[i].in == ND_FLOAT64 && nk[i].out == ND_FLOAT32) {
            ND_ASSERT_OK(st); /* float64 -> float32 is same_kind */
            free(sn);
        } else {
            assert_int_equal(st, ND_ERR_DTYPE);
            ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_add_out: ");
            assert_untouched(o, sn, "not same_kind out");
        }
        nd_free(o);
        nd_free(x);
    }
    /* true division of ints gives float64: not into an int out */
    nd_array *ia = nd_astype(a, ND_INT32), *io = new_array(ND_INT32, 2, s34);
    snap = snapshot(io);
    assert_int_equal(nd_divide_out(ia, ia, io), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "float64");
    assert_int_equal(nd_sqrt_out(ia, io), ND_ERR_DTYPE);
    nd_clear_error();
    assert_untouched(io, snap, "divide into int");
    nd_free(io);
    nd_free(ia);
    nd_free(a);
    nd_free(b);
}

/* ---------------------------------------------------------------- overlap */

/* Checks op_out(in..., out) on views of one buffer against the result of the
 * same op on copies of the inputs. */
static void check_overlap(const op_info *op, nd_array *const *in, nd_array *out, const char *what) {
    nd_array *copies[3] = {NULL, NULL, NULL};
    for (int j = 0; j < op->nin; j++) copies[j] = nd_copy(in[j]);
    nd_array *want = op_call(op, copies);
    ND_ASSERT_ARRAY(want);
    nd_array *want_cast = nd_astype(want, nd_dtype_of(out));
    nd_status st = op_call_out(op, in, out);
    if (st != ND_OK) fail_msg("%s: %s", what, nd_errmsg());
    nd_array *got = nd_copy(out);
    ASSERT_SAME(got, want_cast, what);
    nd_free(got);
    nd_free(want_cast);
    nd_free(want);
    for (int j = 0; j < op->nin; j++) nd_free(copies[j]);
}

static void overlap_1d(int64_t n, nd_dtype dt, nd_dtype dt2) {
    const op_info *add = find_op("add"), *neg = find_op("negative"), *where = find_op("where");
    const int64_t len = n + 1, m = n;
    char what[128];
    const int64_t one = 1, mone = -1;
    /* in place: out is input 0 */
    {
        nd_array *x = sample(dt, 1, &len, ANY), *y = sample(dt2, 1, &len, ANY);
        nd_array *in[2] = {x, y};
        snprintf(what, sizeof what, "in place %s + %s (n=%lld)", nd_dtype_name(dt), nd_dtype_name(dt2), (long long)n);
        if (nd_can_cast(nd_promote_types(dt, dt2), dt, ND_CAST_SAME_KIND)) check_overlap(add, in, x, what);
        nd_array *in1[1] = {x};
        check_overlap(neg, in1, x, "in place negative");
        nd_free(x);
        nd_free(y);
    }
    /* out = x[1:], input x[:-1]; and out = x[:-1], input x[1:] */
    for (int dir = 0; dir < 2; dir++) {
        nd_array *x = sample(dt, 1, &len, ANY), *y = sample(dt2, 1, &m, ANY);
        nd_array *lo = view_of(x, 0, 1, &m, &one), *hi = view_of(x, 1, 1, &m, &one);
        nd_array *in[2] = {dir ? hi : lo, y};
        snprintf(what, sizeof what, "out = x[%s], in x[%s] (%s, n=%lld)", dir ? ":-1" : "1:", dir ? "1:" : ":-1",
                 nd_dtype_name(dt), (long long)n);
        if (nd_can_cast(nd_promote_types(dt, dt2), dt, ND_CAST_SAME_KIND)) check_overlap(add, in, dir ? lo : hi, what);
        nd_array *in1[1] = {dir ? hi : lo};
        check_overlap(neg, in1, dir ? lo : hi, what);
        /* both inputs overlap: one exactly, one shifted */
        nd_array *in2[2] = {lo, hi};
        check_overlap(add, in2, dir ? lo : hi, "x[:-1] + x[1:] into one of them");
        nd_free(lo);
        nd_free(hi);
        nd_free(x);
        nd_free(y);
    }
    /* out = x[::-1], input x */
    {
        nd_array *x = sample(dt, 1, &m, ANY), *y = sample(dt2, 1, &m, ANY);
        nd_array *r = view_of(x, m - 1, 1, &m, &mone);
        nd_array *in[2] = {x, y};
        snprintf(what, sizeof what, "out = x[::-1], in x (%s, n=%lld)", nd_dtype_name(dt), (long long)n);
        if (nd_can_cast(nd_promote_types(dt, dt2), dt, ND_CAST_SAME_KIND)) check_overlap(add, in, r, what);
        nd_array *in1[1] = {x};
        check_overlap(neg, in1, r, what);
        nd_array *in3[3] = {y, x, r};
        check_overlap(where, in3, x, "where(y, x, x[::-1]) into x");
        nd_free(r);
        nd_free(x);
        nd_free(y);
    }
    /* a broadcast input that aliases out's first element */
    {
        nd_array *x = sample(dt, 1, &m, ANY);
        const int64_t zero = 0;
        nd_array *x0 = view_of(x, 0, 1, &m, &zero);
        nd_array *in[2] = {x0, x};
        check_overlap(add, in, x, "x[0] (stride 0) + x into x");
        nd_free(x0);
        nd_free(x);
    }
}

static void test_overlap(void **state) {
    (void)state;
    overlap_1d(50, ND_FLOAT64, ND_FLOAT64);
    overlap_1d(50, ND_INT16, ND_INT8);
    overlap_1d(50, ND_FLOAT32, ND_FLOAT64);  /* cast buffers on the way in and out */
    overlap_1d(20000, ND_FLOAT32, ND_INT32); /* longer than the cast buffers */
    ND_ASSERT_OK(nd_set_num_threads(4));
    overlap_1d((1 << 17) + 3, ND_FLOAT64, ND_FLOAT64); /* threads */
    overlap_1d((1 << 17) + 3, ND_INT32, ND_UINT8);
    ND_ASSERT_OK(nd_set_num_threads(0));
    /* 2-D: out = x.T with input x; out a column shifted view */
    const op_info *add = find_op("add"), *sq = find_op("square");
    const int64_t s[2] = {40, 40};
    nd_array *x = sample(ND_FLOAT64, 2, s, ANY);
    const int64_t tst[2] = {1, 40};
    nd_array *xt = view_of(x, 0, 2, s, tst);
    nd_array *in[2] = {x, x};
    check_overlap(add, in, xt, "out = x.T, x + x");
    nd_array *in1[1] = {x};
    check_overlap(sq, in1, xt, "out = x.T, square(x)");
    nd_array *in2[2] = {xt, x};
    check_overlap(add, in2, x, "out = x, x.T + x");
    const int64_t s2[2] = {40, 39}, st2[2] = {40, 1};
    nd_array *left = view_of(x, 0, 2, s2, st2), *right = view_of(x, 1, 2, s2, st2);
    nd_array *in3[2] = {left, right};
    check_overlap(add, in3, right, "out = x[:,1:], x[:,:-1] + x[:,1:]");
    nd_free(left);
    nd_free(right);
    nd_free(xt);
    nd_free(x);
    /* large and threaded: x + x.T into x, and into x.T */
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t sb[2] = {400, 400}, tb[2] = {1, 400};
    x = sample(ND_FLOAT32, 2, sb, ANY);
    xt = view_of(x, 0, 2, sb, tb);
    nd_array *in4[2] = {x, xt};
    check_overlap(add, in4, x, "large: out = x, x + x.T");
    check_overlap(add, in4, xt, "large: out = x.T, x + x.T");
    nd_free(xt);
    nd_free(x);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* A view of shape (nd, shape) into buf: inputs (self_overlap) get any
 * strides in -3..3; outputs get a random axis order with gaps and flips, so
 * no two of their elements share memory. Anywhere within buf. */
static nd_array *random_view(nd_array *buf, int nd, const int64_t *shape, bool self_overlap) {
    int64_t n = nd_size(buf), strides[ND_MAX_DIMS], lo = 0, hi = 0;
    if (self_overlap) {
        for (int d = 0; d < nd; d++) strides[d] = (int64_t)(rnd() % 7) - 3;
    } else {
        int perm[ND_MAX_DIMS];
        for (int d = 0; d < nd; d++) perm[d] = d;
        for (int d = nd - 1; d > 0; d--) {
            int j = (int)(rnd() % (uint64_t)(d + 1)), t = perm[d];
            perm[d] = perm[j];
            perm[j] = t;
        }
        int64_t span = 1;
        for (int q = nd - 1; q >= 0; q--) {
            int d = perm[q];
            strides[d] = span * (int64_t)(rnd() % 4 == 0 ? 2 : 1) * (rnd() % 3 == 0 ? -1 : 1);
            span = (strides[d] < 0 ? -strides[d] : strides[d]) * (shape[d] ? shape[d] : 1);
        }
    }
    for (int d = 0; d < nd; d++) {
        int64_t ext = (shape[d] ? shape[d] - 1 : 0) * strides[d];
        if (ext < 0) lo += ext;
        else hi += ext;
    }
    if (hi - lo >= n) return NULL; /* does not fit */
    int64_t off = -lo + (int64_t)(rnd() % (uint64_t)(n - (hi - lo)));
    return view_of(buf, off, nd, shape, strides);
}

/* Random views of one buffer as inputs and output: the result must equal
 * the op on copies of the inputs. Fixed seed. */
static void test_fuzz_overlap(void **state) {
    (void)state;
    g_rng = 777;
    static const char *const names[] = {"add", "subtract", "multiply", "maximum", "fmin", "negative",
                                        "abs", "square", "where", "clip", "floor_divide"};
    static const nd_dtype dts[] = {ND_FLOAT64, ND_INT16, ND_FLOAT32, ND_UINT8, ND_INT64};
    int fails = 0, ran = 0;
    ND_ASSERT_OK(nd_set_num_threads(4));
    for (int iter = 0; iter < 600 && fails < 10; iter++) {
        const op_info *op = find_op(names[rnd() % (sizeof names / sizeof names[0])]);
        nd_dtype dt = dts[rnd() % (sizeof dts / sizeof dts[0])];
        bool large = rnd() % 4 == 0; /* threads */
        int64_t n = large ? (1 << 18) : 3000;
        nd_array *buf = sample(dt, 1, &n, ANY);
        int nd = 1 + (int)(rnd() % 3);
        int64_t shape[3];
        for (int d = 0; d < nd; d++)
            shape[d] = 1 + (int64_t)(rnd() % (uint64_t)(large ? (nd == 1 ? 150000 : nd == 2 ? 400 : 50) : 10));
        nd_array *in[3] = {NULL, NULL, NULL}, *out = random_view(buf, nd, shape, false);
        bool ok = out != NULL;
        for (int j = 0; j < op->nin && ok; j++) {
            /* input 0 has out's shape; the others may broadcast */
            int64_t ish[3];
            for (int d = 0; d < nd; d++) ish[d] = j > 0 && rnd() % 4 == 0 ? 1 : shape[d];
            in[j] = random_view(buf, nd, ish, true);
            ok = in[j] != NULL;
        }
        if (ok) {
            nd_array *copies[3] = {NULL, NULL, NULL};
            for (int j = 0; j < op->nin; j++) copies[j] = nd_copy(in[j]);
            nd_array *want = op_call(op, copies);
            ND_ASSERT_ARRAY(want);
            ran++;
            char what[128];
            snprintf(what, sizeof what, "overlap fuzz %d: %s on %s, ndim %d", iter, op->name, nd_dtype_name(dt), nd);
            if (op_call_out(op, in, out) != ND_OK) {
                print_error("%s: %s\n", what, nd_errmsg());
                nd_clear_error();
                fails++;
            } else {
                nd_array *got = nd_copy(out);
                if (!same_array(got, want, what)) fails++;
                nd_free(got);
            }
            nd_free(want);
            for (int j = 0; j < op->nin; j++) nd_free(copies[j]);
        }
        for (int j = 0; j < op->nin; j++) nd_free(in[j]);
        nd_free(out);
        nd_free(buf);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    if (ran < 300) fail_msg("only %d overlap cases ran", ran);
    if (fails) fail_msg("%d overlapping cases differ from the copied-inputs result (see above)", fails);
}

/* ---------------------------------------------------------------- NULL arguments */

static void test_null_args(void **state) {
    (void)state;
    const int64_t s3[1] = {3}, s5[1] = {5};
    nd_array *a = sample(ND_FLOAT64, 1, s3, ANY), *b = sample(ND_FLOAT64, 1, s5, ANY);
    nd_array *o = new_array(ND_FLOAT64, 1, s3);
    nd_clear_error();
    assert_null(nd_add(NULL, a));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_add: argument 'a' is NULL");
    assert_null(nd_add(a, NULL));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_add: argument 'b' is NULL");
    assert_int_equal(nd_add_out(a, a, NULL), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_add_out: argument 'out' is NULL");
    assert_int_equal(nd_add_out(NULL, a, o), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_add_out: argument 'a' is NULL");
    assert_null(nd_sqrt(NULL));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_sqrt: argument 'a' is NULL");
    assert_int_equal(nd_exp_out(a, NULL), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_exp_out: argument 'out' is NULL");
    assert_null(nd_where(NULL, a, a));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_where: argument 'cond' is NULL");
    assert_null(nd_clip(a, NULL, a));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_clip: argument 'lo' is NULL");
    assert_int_equal(nd_clip_out(a, a, NULL, o), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_clip_out: argument 'hi' is NULL");
    /* a chain: the first failure's message is the one kept */
    const char *first = "nd_add: operands could not be broadcast together with shapes (3,) (5,)";
    nd_array *r1 = nd_add(a, b);
    assert_null(r1);
    nd_array *r2 = nd_multiply(r1, a);
    assert_null(r2);
    nd_array *r3 = nd_sqrt(r2);
    assert_null(r3);
    void *snap = snapshot(o);
    assert_int_equal(nd_subtract_out(r3, a, o), ND_ERR_NULL);
    assert_int_equal(nd_where_out(a, r3, a, o), ND_ERR_NULL);
    assert_untouched(o, snap, "out after a NULL input");
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, first);
    nd_free(o);
    nd_free(a);
    nd_free(b);
}

/* ---------------------------------------------------------------- where and clip */

static void test_where_nonbool(void **state) {
    (void)state;
    const int64_t s6[1] = {6};
    const double cf[6] = {0.0, -0.0, NAN, 1e-300, -INFINITY, 2};
    const double ci[6] = {0, 3, -1, 0, 255, 0};
    const double av[6] = {1, 2, 3, 4, 5, 6}, bv[6] = {-1, -2, -3, -4, -5, -6};
    nd_array *a = from_f64(ND_INT16, 1, s6, av), *b = from_f64(ND_UINT8, 1, s6, bv);
    nd_array *c = from_f64(ND_FLOAT64, 1, s6, cf);
    nd_array *r = nd_where(c, a, b);
    assert_int_equal(nd_dtype_of(r), ND_INT16); /* the condition takes no part in promotion */
    const double want[6] = {255, 254, 3, 4, 5, 6}; /* NaN is true, -0.0 false */
    nd_test_expect(r, want, 0);
    nd_free(r);
    nd_free(c);
    c = from_f64(ND_INT64, 1, s6, ci);
    r = nd_where(c, a, b);
    const double want2[6] = {255, 2, 3, 252, 5, 250};
    nd_test_expect(r, want2, 0);
    nd_free(r);
    nd_free(c);
    c = from_f64(ND_UINT8, 1, s6, ci);
    r = nd_where(c, a, b);
    nd_test_expect(r, want2, 0);
    nd_free(r);
    nd_free(c);
    nd_free(a);
    nd_free(b);
}

static void test_clip_rules(void **state) {
    (void)state;
    const int64_t s6[1] = {6};
    const double av[6] = {5, -5, 0.5, NAN, 1, 1};
    const double lo[6] = {3, 3, 0, 0, NAN, 0}, hi[6] = {1, 1, 1, 1, 2, NAN};
    nd_array *a = from_f64(ND_FLOAT64, 1, s6, av), *l = from_f64(ND_FLOAT64, 1, s6, lo);
    nd_array *h = from_f64(ND_FLOAT64, 1, s6, hi);
    nd_array *r = nd_clip(a, l, h);
    /* lo > hi gives hi, as NumPy; NaN anywhere gives NaN */
    const double want[6] = {1, 1, 0.5, NAN, NAN, NAN};
    nd_test_expect(r, want, 0);
    nd_free(r);
    /* integer a with float bounds: float64 */
    nd_array *ai = from_f64(ND_INT32, 1, s6, (const double[]){5, -5, 0, 7, 1, 1});
    r = nd_clip(ai, l, h);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_free(r);
    /* int8 with uint8 bounds: int16, and lo > hi gives hi */
    nd_array *a8 = from_f64(ND_INT8, 1, s6, (const double[]){-128, 127, 0, 5, -1, 100});
    nd_array *lu = from_f64(ND_UINT8, 1, s6, (const double[]){200, 0, 10, 0, 0, 255});
    nd_array *hu = from_f64(ND_UINT8, 1, s6, (const double[]){100, 50, 5, 255, 255, 0});
    r = nd_clip(a8, lu, hu);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    const double want8[6] = {100, 50, 5, 5, 0, 0};
    nd_test_expect(r, want8, 0);
    nd_free(r);
    nd_free(a8);
    nd_free(lu);
    nd_free(hu);
    nd_free(ai);
    nd_free(a);
    nd_free(l);
    nd_free(h);
}

/* ---------------------------------------------------------------- power's exponent check */

static void test_power_negative_exponent(void **state) {
    (void)state;
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t n = (1 << 17) + 11;
    nd_array *a = sample(ND_INT32, 1, &n, ANY), *b = sample(ND_INT32, 1, &n, SMALL_NONNEG);
    nd_array *o = new_array(ND_INT32, 1, &n);
    /* fine without a negative exponent */
    ND_ASSERT_OK(nd_power_out(a, b, o));
    const int64_t pos[3] = {0, n / 2 + 1, n - 1};
    int32_t *bv = nd_data(b);
    for (int p = 0; p < 3; p++) {
        int32_t old = bv[pos[p]];
        bv[pos[p]] = -1;
        void *snap = snapshot(o);
        assert_int_equal(nd_power_out(a, b, o), ND_ERR_VALUE);
        ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_power_out: integers to negative integer powers are not allowed");
        assert_untouched(o, snap, "power with a negative exponent");
        assert_null(nd_power(a, b));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "negative integer powers");
        /* int64 base with an int8 exponent (the exponent converts) */
        nd_array *a64 = nd_astype(a, ND_INT64), *b8 = nd_astype(b, ND_INT8);
        assert_null(nd_power(a64, b8));
        ND_ASSERT_ERROR(ND_ERR_VALUE, "negative integer powers");
        /* a float base makes it a float power: allowed */
        nd_array *af = nd_astype(a, ND_FLOAT64);
        nd_array *rf = nd_power(af, b8);
        ND_ASSERT_ARRAY(rf);
        nd_free(rf);
        nd_free(af);
        nd_free(a64);
        nd_free(b8);
        bv[pos[p]] = old;
    }
    /* a negative exponent in a transposed exponent */
    const int64_t R = 200, C = 700, shape[2] = {R, C};
    nd_array *base = sample(ND_INT16, 2, shape, ANY);
    nd_array *e = sample(ND_INT16, 2, shape, SMALL_NONNEG);
    nd_array *et = relayout(e, L_TRANSPOSED);
    nd_array *o2 = new_array(ND_INT16, 2, shape);
    ND_ASSERT_OK(nd_power_out(base, et, o2));
    ((int16_t *)nd_data(et))[(R - 1) + 3 * R] = -2; /* element (R-1, 3) */
    void *snap = snapshot(o2);
    assert_int_equal(nd_power_out(base, et, o2), ND_ERR_VALUE);
    nd_clear_error();
    assert_untouched(o2, snap, "power with a negative in a transposed exponent");
    /* a broadcast (stride 0) negative exponent */
    int16_t m1 = -1;
    nd_array *mone = nd_wrap(&m1, 0, NULL, NULL, ND_INT16, NULL, NULL);
    assert_null(nd_power(base, mone));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_power: ");
    /* ... against an empty base: NumPy meets no negative exponent and gives
     * the empty result (found by tests/npcmp) */
    const int64_t s20[2] = {2, 0};
    nd_array *eb = new_array(ND_INT16, 2, s20);
    nd_array *re = nd_power(eb, mone);
    ND_ASSERT_ARRAY(re);
    nd_test_shape(re, 2, s20);
    nd_array *oe = new_array(ND_INT16, 2, s20);
    ND_ASSERT_OK(nd_power_out(eb, mone, oe));
    nd_free(oe);
    nd_free(re);
    nd_free(eb);
    nd_free(mone);
    nd_free(et);
    nd_free(e);
    nd_free(o2);
    nd_free(base);
    nd_free(o);
    nd_free(a);
    nd_free(b);
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* ---------------------------------------------------------------- issue 10's functions */

/* The element-wise operations issue 10 added to the X-macro lists (their
 * NumPy cases run with every other op's, above), and a dtype each takes. */
static const struct {
    const char *name;
    nd_dtype dt;
} g_new_ops[] = {{"fmod", ND_FLOAT64},       {"float_power", ND_FLOAT32}, {"copysign", ND_FLOAT64},
                 {"nextafter", ND_FLOAT32},  {"logaddexp", ND_FLOAT64},   {"logaddexp2", ND_FLOAT32},
                 {"heaviside", ND_FLOAT64},  {"gcd", ND_INT32},           {"lcm", ND_INT16},
                 {"cbrt", ND_FLOAT64},       {"deg2rad", ND_FLOAT32},     {"rad2deg", ND_FLOAT64},
                 {"signbit", ND_FLOAT64},    {"fmod", ND_INT64},          {"gcd", ND_UINT8}};
#define NUM_NEW_OPS (int)(sizeof g_new_ops / sizeof g_new_ops[0])

/* Expected values of a generated case: a 1-D array of n values at off. */
static nd_array *pool_array(nd_dtype dt, int64_t n, int off) {
    if (nd_dtype_is_float(dt)) return from_f64(dt, 1, &n, ew_fpool + off);
    return from_i64(dt, 1, &n, ew_ipool + off);
}

/* A reversed (stride -1) view of a 1-D array. */
static nd_array *reversed(const nd_array *a) {
    int64_t n = nd_shape(a)[0], st = -1;
    return view_of(a, n ? n - 1 : 0, 1, &n, &st);
}

#define NUM_NAN_CASES (sizeof ew_nan_cases / sizeof ew_nan_cases[0])

/* Every NumPy case of nan_to_num: plain, on a reversed view, _out into a
 * fresh and a reversed out, in place (copy=False), and into float64. */
static void test_nan_to_num_cases(void **state) {
    (void)state;
    int fails = 0;
    char what[160];
    for (size_t ci = 0; ci < NUM_NAN_CASES; ci++) {
        const ew_nan_case *c = &ew_nan_cases[ci];
        nd_array *in = case_input(c->in);
        int64_t n = nd_size(in);
        nd_array *want = pool_array(c->dtype, n, c->off), *want_rev = reversed(want);
        nd_array *r = nd_nan_to_num(in, c->nan, c->posinf, c->neginf);
        snprintf(what, sizeof what, "case %zu %s", ci, c->label);
        fails += !same_array(r, want, what);
        nd_free(r);
        nd_array *in_rev = reversed(in);
        r = nd_nan_to_num(in_rev, c->nan, c->posinf, c->neginf);
        snprintf(what, sizeof what, "case %zu %s [reversed input]", ci, c->label);
        fails += !same_array(r, want_rev, what);
        nd_free(r);
        nd_array *o = new_array(c->dtype, 1, &n), *orev = reversed(o);
        snprintf(what, sizeof what, "case %zu %s [_out]", ci, c->label);
        ND_ASSERT_OK(nd_nan_to_num_out(in, c->nan, c->posinf, c->neginf, o));
        fails += !same_array(o, want, what);
        snprintf(what, sizeof what, "case %zu %s [_out into a reversed view]", ci, c->label);
        ND_ASSERT_OK(nd_nan_to_num_out(in, c->nan, c->posinf, c->neginf, orev));
        fails += !same_array(orev, want, what);
        nd_free(orev);
        nd_free(o);
        /* in place, and in place on a reversed view */
        nd_array *x = nd_copy(in);
        ND_ASSERT_OK(nd_nan_to_num_out(x, c->nan, c->posinf, c->neginf, x));
        snprintf(what, sizeof what, "case %zu %s [in place]", ci, c->label);
        fails += !same_array(x, want, what);
        nd_free(x);
        x = nd_copy(in);
        nd_array *xr = reversed(x);
        ND_ASSERT_OK(nd_nan_to_num_out(xr, c->nan, c->posinf, c->neginf, xr));
        snprintf(what, sizeof what, "case %zu %s [in place, reversed]", ci, c->label);
        fails += !same_array(x, want, what);
        nd_free(xr);
        nd_free(x);
        /* into float64 (same_kind from every dtype): the result widened */
        o = new_array(ND_FLOAT64, 1, &n);
        ND_ASSERT_OK(nd_nan_to_num_out(in, c->nan, c->posinf, c->neginf, o));
        nd_array *w64 = nd_astype(want, ND_FLOAT64);
        snprintf(what, sizeof what, "case %zu %s [_out into float64]", ci, c->label);
        fails += !same_array(o, w64, what);
        nd_free(w64);
        nd_free(o);
        nd_free(in_rev);
        nd_free(want_rev);
        nd_free(want);
        nd_free(in);
    }
    if (NUM_NAN_CASES < 60) fail_msg("only %zu nan_to_num cases", NUM_NAN_CASES);
    if (fails) fail_msg("%d nan_to_num checks failed (see above)", fails);
}

/* nan_to_num over 2-D layouts and threads: the same as on a C-contiguous
 * copy, and values the loop never touches are unchanged. */
static void test_nan_to_num_layouts(void **state) {
    (void)state;
    const int64_t shape[2] = {20, 33};
    for (int d = 0; d < 2; d++) {
        nd_dtype dt = d ? ND_FLOAT32 : ND_FLOAT64;
        nd_array *src = sample(dt, 2, shape, ANY);
        nd_array *base = nd_nan_to_num(src, -7, 1e6, NAN);
        ND_ASSERT_ARRAY(base);
        nd_array *isf = nd_isfinite(base);
        bool all = false;
        nd_array *allf = nd_all(isf, ND_ALL_AXES, NULL, false);
        all = *(const uint8_t *)nd_data(allf) != 0;
        assert_true(all);
        nd_free(allf);
        nd_free(isf);
        for (int L = 1; L < NUM_LAYOUTS; L++) {
            nd_array *x = relayout(src, (layout)L);
            nd_array *r = nd_nan_to_num(x, -7, 1e6, NAN);
            char what[96];
            snprintf(what, sizeof what, "nan_to_num(%s) with %s input", nd_dtype_name(dt), g_layout_names[L]);
            ASSERT_SAME(r, base, what);
            nd_free(r);
            nd_array *o = relayout(src, (layout)L);
            ND_ASSERT_OK(nd_nan_to_num_out(src, -7, 1e6, NAN, o));
            snprintf(what, sizeof what, "nan_to_num_out(%s) into %s out", nd_dtype_name(dt), g_layout_names[L]);
            ASSERT_SAME(o, base, what);
            ND_ASSERT_OK(nd_nan_to_num_out(x, -7, 1e6, NAN, x));
            snprintf(what, sizeof what, "nan_to_num(%s) in place, %s", nd_dtype_name(dt), g_layout_names[L]);
            ASSERT_SAME(x, base, what);
            nd_free(o);
            nd_free(x);
        }
        nd_free(base);
        nd_free(src);
    }
    /* large: threads against one thread */
    const int64_t n = (1 << 18) + 5;
    nd_array *big = sample(ND_FLOAT64, 1, &n, ANY);
    ND_ASSERT_OK(nd_set_num_threads(1));
    nd_array *one = nd_nan_to_num(big, 1, 2, 3);
    ND_ASSERT_OK(nd_set_num_threads(4));
    nd_array *four = nd_nan_to_num(big, 1, 2, 3);
    ASSERT_SAME(four, one, "nan_to_num on 4 threads");
    ND_ASSERT_OK(nd_nan_to_num_out(big, 1, 2, 3, big));
    ASSERT_SAME(big, one, "nan_to_num in place on 4 threads");
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(four);
    nd_free(one);
    nd_free(big);
}

static void test_nan_to_num_errors(void **state) {
    (void)state;
    const int64_t s4[1] = {4}, s5[1] = {5}, s24[2] = {2, 4};
    nd_array *a = from_f64(ND_FLOAT64, 1, s4, V(NAN, INFINITY, -INFINITY, 2.5));
    nd_clear_error();
    assert_null(nd_nan_to_num(NULL, 0, NAN, NAN));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_nan_to_num: argument 'a' is NULL");
    nd_array *o = new_array(ND_FLOAT64, 1, s4);
    void *snap = snapshot(o);
    assert_int_equal(nd_nan_to_num_out(NULL, 0, NAN, NAN, o), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_nan_to_num_out: argument 'a' is NULL");
    assert_int_equal(nd_nan_to_num_out(a, 0, NAN, NAN, NULL), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_nan_to_num_out: argument 'out' is NULL");
    /* a NULL after a failure keeps the first message */
    nd_array *a5 = new_array(ND_FLOAT64, 1, s5);
    nd_array *failed = nd_add(a, a5);
    assert_null(failed);
    assert_null(nd_nan_to_num(failed, 0, NAN, NAN));
    assert_int_equal(nd_nan_to_num_out(failed, 0, NAN, NAN, o), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_add: operands could not be broadcast together with shapes (4,) (5,)");
    nd_free(a5);
    assert_untouched(o, snap, "nan_to_num_out after NULL arguments");
    /* out of another shape, also one a would broadcast to */
    const int64_t *bad[2] = {s5, s24};
    const int badn[2] = {1, 2};
    for (int i = 0; i < 2; i++) {
        nd_array *w = new_array(ND_FLOAT64, badn[i], bad[i]);
        snap = snapshot(w);
        assert_int_equal(nd_nan_to_num_out(a, 0, NAN, NAN, w), ND_ERR_SHAPE);
        ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_nan_to_num_out: ");
        assert_untouched(w, snap, "nan_to_num_out into a wrong shape");
        nd_free(w);
    }
    /* float into int, and int into bool: not same_kind */
    nd_array *oi = new_array(ND_INT32, 1, s4);
    snap = snapshot(oi);
    assert_int_equal(nd_nan_to_num_out(a, 0, NAN, NAN, oi), ND_ERR_DTYPE);
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_nan_to_num_out: cannot cast the result from float64 to the output's int32 (same_kind casting)");
    assert_untouched(oi, snap, "nan_to_num_out float64 into int32");
    nd_array *ob = new_array(ND_BOOL, 1, s4);
    snap = snapshot(ob);
    assert_int_equal(nd_nan_to_num_out(oi, 0, NAN, NAN, ob), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_nan_to_num_out: ");
    assert_untouched(ob, snap, "nan_to_num_out int32 into bool");
    /* float64 into float32 is same_kind: the replacements round there */
    nd_array *of = new_array(ND_FLOAT32, 1, s4);
    ND_ASSERT_OK(nd_nan_to_num_out(a, 0, NAN, NAN, of));
    assert_true(isinf(((const float *)nd_data(of))[1])); /* DBL_MAX overflows float32 */
    nd_free(of);
    /* a read-only (broadcast) out, and one with a stride-0 axis */
    nd_array *ro = nd_broadcast_to(o, 1, s4);
    snap = snapshot(o);
    assert_int_equal(nd_nan_to_num_out(a, 0, NAN, NAN, ro), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_nan_to_num_out: ");
    const int64_t zst[2] = {0, 1};
    nd_array *z = view_of(o, 0, 2, s24, zst);
    nd_array *a24 = sample(ND_FLOAT64, 2, s24, ANY);
    assert_int_equal(nd_nan_to_num_out(a24, 0, NAN, NAN, z), ND_ERR_READONLY);
    ND_ASSERT_ERROR(ND_ERR_READONLY, "nd_nan_to_num_out: ");
    assert_untouched(o, snap, "nan_to_num_out into a read-only out");
    nd_free(a24);
    nd_free(z);
    nd_free(ro);
    /* out a shifted view of a: the result as if a were copied first */
    const int64_t s9[1] = {9}, s8[1] = {8}, one = 1;
    nd_array *buf = from_f64(ND_FLOAT64, 1, s9, V(NAN, 1, -INFINITY, INFINITY, NAN, 3, -0.0, NAN, 5));
    nd_array *lo = view_of(buf, 0, 1, s8, &one), *hi = view_of(buf, 1, 1, s8, &one);
    nd_array *copy = nd_copy(lo);
    nd_array *want = nd_nan_to_num(copy, 9, 8, 7);
    ND_ASSERT_OK(nd_nan_to_num_out(lo, 9, 8, 7, hi));
    ASSERT_SAME(hi, want, "nan_to_num_out(x[:-1], out=x[1:])");
    nd_free(want);
    nd_free(copy);
    nd_free(lo);
    nd_free(hi);
    nd_free(buf);
    /* 0-d and empty arrays */
    double nanv = NAN;
    nd_array *z0 = from_f64(ND_FLOAT32, 0, NULL, &nanv);
    nd_array *r = nd_nan_to_num(z0, 4.5, NAN, NAN);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_ndim(r), 0);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT32);
    assert_true(*(const float *)nd_data(r) == 4.5f);
    nd_free(r);
    nd_array *o0 = new_array(ND_FLOAT64, 0, NULL);
    ND_ASSERT_OK(nd_nan_to_num_out(z0, 1, NAN, NAN, o0));
    assert_true(*(const double *)nd_data(o0) == 1);
    snap = snapshot(o0);
    assert_int_equal(nd_nan_to_num_out(a, 1, NAN, NAN, o0), ND_ERR_SHAPE); /* (4,) into () */
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_nan_to_num_out: ");
    assert_untouched(o0, snap, "nan_to_num_out (4,) into 0-d");
    nd_free(o0);
    nd_free(z0);
    const int64_t s03[2] = {0, 3};
    nd_array *e = new_array(ND_INT16, 2, s03);
    r = nd_nan_to_num(e, 0, NAN, NAN);
    nd_test_shape(r, 2, s03);
    assert_int_equal(nd_dtype_of(r), ND_INT16);
    ND_ASSERT_OK(nd_nan_to_num_out(e, 0, NAN, NAN, r));
    nd_free(r);
    nd_free(e);
    nd_free(ob);
    nd_free(oi);
    nd_free(o);
    nd_free(a);
}

#define NUM_EQUIV_CASES (sizeof ew_equiv_cases / sizeof ew_equiv_cases[0])

static nd_array *equiv_input(int id, int ndim, const int64_t *shape) {
    nd_array *flat = case_input(id);
    nd_array *a = nd_reshape(flat, ndim, shape);
    ND_ASSERT_ARRAY(a);
    nd_free(flat);
    return a;
}

/* Every NumPy case of array_equiv, both ways round, and with both arrays
 * flipped along every axis (negative strides; equivalence is unchanged). */
static void test_array_equiv_cases(void **state) {
    (void)state;
    int fails = 0, ntrue = 0;
    for (size_t ci = 0; ci < NUM_EQUIV_CASES; ci++) {
        const ew_equiv_case *c = &ew_equiv_cases[ci];
        nd_array *a = equiv_input(c->a, c->ndim_a, c->shape_a), *b = equiv_input(c->b, c->ndim_b, c->shape_b);
        nd_array *fa = nd_flip(a, ND_ALL_AXES, NULL), *fb = nd_flip(b, ND_ALL_AXES, NULL);
        ND_ASSERT_ARRAY(fa);
        ND_ASSERT_ARRAY(fb);
        const nd_array *pairs[3][2] = {{a, b}, {b, a}, {fa, fb}};
        static const char *const how[3] = {"(a, b)", "(b, a)", "flipped"};
        for (int k = 0; k < 3; k++) {
            bool got = !c->equiv;
            nd_clear_error();
            nd_status st = nd_array_equiv(pairs[k][0], pairs[k][1], &got);
            if (st != ND_OK || got != (c->equiv != 0) || nd_last_status() != ND_OK) {
                print_error("case %zu %s %s: got %s (%s), NumPy says %s\n", ci, c->label, how[k],
                            st != ND_OK ? "an error" : got ? "true" : "false", nd_errmsg(),
                            c->equiv ? "true" : "false");
                fails++;
            }
        }
        ntrue += c->equiv != 0;
        nd_free(fa);
        nd_free(fb);
        nd_free(a);
        nd_free(b);
    }
    if (ntrue < 10 || ntrue > (int)NUM_EQUIV_CASES - 10) fail_msg("too few true or false cases (%d true)", ntrue);
    if (fails) fail_msg("%d array_equiv checks failed (see above)", fails);
}

static void test_array_equiv_errors(void **state) {
    (void)state;
    const int64_t s3[1] = {3}, s2[1] = {2};
    nd_array *a = from_f64(ND_FLOAT64, 1, s3, V(1, 2, 3)), *b = from_f64(ND_INT8, 1, s2, V(1, 2));
    bool r = true;
    nd_clear_error();
    /* shapes that do not broadcast: false, and no error recorded */
    ND_ASSERT_OK(nd_array_equiv(a, b, &r));
    assert_false(r);
    assert_int_equal(nd_last_status(), ND_OK);
    assert_string_equal(nd_errmsg(), "");
    r = true;
    assert_int_equal(nd_array_equiv(NULL, b, &r), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_array_equiv: argument 'a' is NULL");
    assert_int_equal(nd_array_equiv(a, NULL, &r), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_array_equiv: argument 'b' is NULL");
    assert_int_equal(nd_array_equiv(a, a, NULL), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_array_equiv: argument 'result' is NULL");
    assert_true(r); /* untouched on error */
    /* a large broadcast (threads), equal and then one element apart */
    ND_ASSERT_OK(nd_set_num_threads(4));
    const int64_t big[2] = {600, 700}, row[1] = {700};
    nd_array *x = sample(ND_INT32, 1, row, ANY), *y = nd_broadcast_to(x, 2, big);
    nd_array *yc = nd_astype(y, ND_FLOAT64);
    ND_ASSERT_OK(nd_array_equiv(yc, x, &r));
    assert_true(r);
    ((double *)nd_data(yc))[599 * 700 + 699] += 1;
    ND_ASSERT_OK(nd_array_equiv(x, yc, &r));
    assert_false(r);
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(yc);
    nd_free(y);
    nd_free(x);
    nd_free(a);
    nd_free(b);
}

/* A failing allocator: the Nth allocation from now fails. */
static int g_alloc_left = -1;
static void *failing_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    if (g_alloc_left == 0) return NULL;
    if (g_alloc_left > 0) g_alloc_left--;
    void *p = NULL;
    return posix_memalign(&p, align < sizeof(void *) ? sizeof(void *) : align, size ? size : 1) == 0 ? p : NULL;
}
static void failing_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* Every allocation of nd_array_equiv, nd_nan_to_num(_out) and a new binary
 * op failing in turn: ND_ERR_NOMEM under the caller's name, nothing written,
 * nothing leaked (ASan), and success once no allocation fails. */
static void test_issue10_alloc_failures(void **state) {
    (void)state;
    const int64_t s[2] = {30, 40}, r40[1] = {40};
    nd_array *a = sample(ND_FLOAT64, 2, s, ANY), *b = sample(ND_FLOAT32, 1, r40, ANY);
    nd_array *out = new_array(ND_FLOAT64, 2, s);
    nd_allocator hooks = {failing_alloc, failing_free, NULL};
    for (int which = 0; which < 4; which++) {
        bool done = false;
        for (int n = 0; n < 50 && !done; n++) {
            void *snap = snapshot(out);
            bool res = false;
            nd_array *r = NULL;
            nd_status st;
            const char *name;
            nd_clear_error();
            ND_ASSERT_OK(nd_set_allocator(&hooks));
            g_alloc_left = n;
            switch (which) {
            case 0: st = nd_array_equiv(a, b, &res); name = "nd_array_equiv: "; break;
            case 1: r = nd_nan_to_num(a, 0, NAN, NAN); st = r ? ND_OK : nd_last_status(); name = "nd_nan_to_num: "; break;
            case 2: st = nd_nan_to_num_out(b, 0, 1, 2, out); name = "nd_nan_to_num_out: "; break;
            default: st = nd_logaddexp_out(a, b, out); name = "nd_logaddexp_out: "; break;
            }
            g_alloc_left = -1;
            ND_ASSERT_OK(nd_set_allocator(NULL));
            if (st == ND_OK) {
                done = true;
                if (which == 2) { /* b broadcast into out: a shape error, no allocation */
                    fail_msg("nd_nan_to_num_out of (40,) into (30,40) succeeded");
                }
                free(snap);
            } else if (which == 2 && st == ND_ERR_SHAPE) {
                done = true; /* refused before any allocation */
                nd_clear_error();
                assert_untouched(out, snap, "nan_to_num_out shape error");
            } else {
                assert_int_equal(st, ND_ERR_NOMEM);
                if (strncmp(nd_errmsg(), name, strlen(name)) != 0)
                    fail_msg("allocation %d failing: message '%s' should start with '%s'", n, nd_errmsg(), name);
                assert_false(res);
                assert_untouched(out, snap, "a failed allocation");
            }
            nd_free(r);
        }
        if (!done) fail_msg("case %d never succeeded", which);
    }
    nd_clear_error();
    nd_free(out);
    nd_free(a);
    nd_free(b);
}

static nd_array *new_op_sample(int i, int j, int ndim, const int64_t *shape) {
    const op_info *op = find_op(g_new_ops[i].name);
    return sample_for(op, j, g_new_ops[i].dt, ndim, shape);
}

/* 0-d and empty operands of the new operations: the shapes NumPy gives,
 * the dtype of the non-empty result, and a 0-d result equal to the first
 * element of the same operation on 1-D arrays. */
static void test_issue10_empty_0d(void **state) {
    (void)state;
    for (int i = 0; i < NUM_NEW_OPS; i++) {
        const op_info *op = find_op(g_new_ops[i].name);
        assert_non_null(op);
        const int64_t s1[1] = {1}, s03[2] = {0, 3}, s3[1] = {3}, s0[1] = {0};
        nd_array *one[2], *zero_d[2], *emp[2], *row[2];
        for (int j = 0; j < op->nin; j++) {
            one[j] = new_op_sample(i, j, 1, s1);
            zero_d[j] = nd_reshape(one[j], 0, NULL);
            ND_ASSERT_ARRAY(zero_d[j]);
            emp[j] = new_array(g_new_ops[i].dt, 2, s03);
            row[j] = new_op_sample(i, j, 1, s3);
        }
        nd_array *r1 = op_call(op, one), *r0 = op_call(op, zero_d);
        ND_ASSERT_ARRAY(r1);
        ND_ASSERT_ARRAY(r0);
        assert_int_equal(nd_ndim(r0), 0);
        nd_array *r1_0 = nd_reshape(r1, 0, NULL);
        char what[80];
        snprintf(what, sizeof what, "%s(%s) on 0-d operands", op->name, nd_dtype_name(g_new_ops[i].dt));
        ASSERT_SAME(r0, r1_0, what);
        /* a 0-d out */
        nd_array *o0 = new_array(nd_dtype_of(r0), 0, NULL);
        ND_ASSERT_OK(op_call_out(op, zero_d, o0));
        ASSERT_SAME(o0, r1_0, what);
        nd_free(o0);
        /* (0,3) with (3,), and (0,) with a 0-d operand */
        nd_array *args[2] = {emp[0], op->nin == 2 ? row[1] : NULL};
        nd_array *re = op_call(op, args);
        nd_test_shape(re, 2, s03);
        assert_int_equal(nd_dtype_of(re), nd_dtype_of(r1));
        nd_array *oe = new_array(nd_dtype_of(r1), 2, s03);
        ND_ASSERT_OK(op_call_out(op, args, oe));
        nd_free(oe);
        nd_free(re);
        if (op->nin == 2) {
            nd_array *e0 = new_array(g_new_ops[i].dt, 1, s0);
            nd_array *args2[2] = {zero_d[0], e0};
            re = op_call(op, args2);
            nd_test_shape(re, 1, s0);
            nd_free(re);
            /* (0,3) against (2,): no broadcast, even with nothing to compute */
            const int64_t s2[1] = {2};
            nd_array *t2 = new_op_sample(i, 1, 1, s2);
            nd_array *args3[2] = {emp[0], t2};
            assert_null(op_call(op, args3));
            ND_ASSERT_ERROR(ND_ERR_SHAPE, "(0,3) (2,)");
            nd_free(t2);
            nd_free(e0);
        }
        nd_free(r1_0);
        nd_free(r0);
        nd_free(r1);
        for (int j = 0; j < op->nin; j++) {
            nd_free(one[j]);
            nd_free(zero_d[j]);
            nd_free(emp[j]);
            nd_free(row[j]);
        }
    }
}

/* Outputs that are an input exactly, shifted views of it, or its reverse:
 * the result as if the inputs were copied first. Large runs use threads. */
static void test_issue10_overlap(void **state) {
    (void)state;
    for (int big = 0; big < 2; big++) {
        if (big) ND_ASSERT_OK(nd_set_num_threads(4));
        const int64_t n = big ? (1 << 17) + 3 : 60, m = n - 1, one = 1, mone = -1;
        for (int i = 0; i < NUM_NEW_OPS; i++) {
            const op_info *op = find_op(g_new_ops[i].name);
            char what[96];
            nd_array *x = new_op_sample(i, 0, 1, &n), *y = new_op_sample(i, 1, 1, &n);
            /* the result dtype, to pick outs it casts to */
            nd_array *probe_in[2] = {x, y};
            nd_array *probe = op_call(op, probe_in);
            ND_ASSERT_ARRAY(probe);
            bool fits = nd_can_cast(nd_dtype_of(probe), nd_dtype_of(x), ND_CAST_SAME_KIND);
            nd_free(probe);
            if (fits) {
                nd_array *in[2] = {x, y};
                snprintf(what, sizeof what, "%s in place (n=%lld)", op->name, (long long)n);
                check_overlap(op, in, x, what);
                nd_array *lo = view_of(x, 0, 1, &m, &one), *hi = view_of(x, 1, 1, &m, &one);
                nd_array *in2[2] = {lo, hi};
                snprintf(what, sizeof what, "%s(x[:-1], x[1:]) into x[1:]", op->name);
                check_overlap(op, in2, hi, what);
                snprintf(what, sizeof what, "%s(x[:-1], x[1:]) into x[:-1]", op->name);
                check_overlap(op, in2, lo, what);
                nd_array *rv = view_of(x, n - 1, 1, &n, &mone);
                nd_array *in3[2] = {x, rv};
                snprintf(what, sizeof what, "%s(x, x[::-1]) into x[::-1]", op->name);
                check_overlap(op, in3, rv, what);
                nd_free(rv);
                nd_free(lo);
                nd_free(hi);
            }
            /* into a float64 out that overlaps nothing, against one thread */
            nd_array *in[2] = {x, y};
            nd_array *o = new_array(ND_FLOAT64, 1, &n);
            ND_ASSERT_OK(op_call_out(op, in, o));
            ND_ASSERT_OK(nd_set_num_threads(1));
            nd_array *want = op_call(op, in), *want64 = nd_astype(want, ND_FLOAT64);
            ND_ASSERT_OK(nd_set_num_threads(big ? 4 : 0));
            snprintf(what, sizeof what, "%s into float64 (n=%lld)", op->name, (long long)n);
            ASSERT_SAME(o, want64, what);
            nd_free(want64);
            nd_free(want);
            nd_free(o);
            nd_free(x);
            nd_free(y);
        }
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
}

/* The dtype rules NumPy's loops give the new operations, where they refuse
 * an input, and the messages. (The values and result dtypes of every dtype
 * pair are in the generated cases.) */
static void test_issue10_dtype_errors(void **state) {
    (void)state;
    const int64_t s3[1] = {3};
    nd_array *bl = from_f64(ND_BOOL, 1, s3, V(1, 0, 1)), *f64 = from_f64(ND_FLOAT64, 1, s3, V(4, 6, 9));
    nd_array *i8 = from_f64(ND_INT8, 1, s3, V(4, -6, 9)), *f32 = from_f64(ND_FLOAT32, 1, s3, V(4, 6, 9));
    nd_array *i64 = from_f64(ND_INT64, 1, s3, V(4, 6, 9)), *u64 = from_f64(ND_UINT64, 1, s3, V(2, 3, 3));
    nd_clear_error();
    /* gcd and lcm: integers only; bool only with an integer */
    assert_null(nd_gcd(bl, bl));
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_gcd: not supported for dtype bool (integers only)");
    assert_null(nd_lcm(f64, i8));
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_lcm: not supported for dtype float64 (integers only)");
    assert_null(nd_gcd(i64, u64)); /* promotes to float64, as in NumPy */
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_gcd: not supported for dtype float64 (integers only)");
    nd_array *o = new_array(ND_INT8, 1, s3);
    void *snap = snapshot(o);
    assert_int_equal(nd_gcd_out(bl, bl, o), ND_ERR_DTYPE);
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_gcd_out: not supported for dtype bool (integers only)");
    assert_untouched(o, snap, "gcd_out of bool");
    nd_array *r = nd_gcd(bl, i8);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(nd_dtype_of(r), ND_INT8);
    nd_free(r);
    /* float_power: float64 from every dtype; into float32 (same_kind), not into int */
    r = nd_float_power(f32, f32);
    assert_int_equal(nd_dtype_of(r), ND_FLOAT64);
    nd_free(r);
    nd_array *of = new_array(ND_FLOAT32, 1, s3);
    ND_ASSERT_OK(nd_float_power_out(i8, i8, of));
    nd_free(of);
    nd_array *oi = new_array(ND_INT64, 1, s3);
    snap = snapshot(oi);
    assert_int_equal(nd_float_power_out(i64, i64, oi), ND_ERR_DTYPE);
    ASSERT_ERROR_EXACT(ND_ERR_DTYPE, "nd_float_power_out: cannot cast the result from float64 to the output's int64 (same_kind casting)");
    assert_untouched(oi, snap, "float_power_out into int64");
    /* float results do not go into integer outs; signbit's bool goes anywhere */
    snap = snapshot(o);
    assert_int_equal(nd_logaddexp_out(i8, i8, o), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_logaddexp_out: cannot cast the result from float32");
    assert_int_equal(nd_cbrt_out(i8, o), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_cbrt_out: ");
    assert_untouched(o, snap, "float results into int8");
    ND_ASSERT_OK(nd_signbit_out(i8, o));
    const double sb[3] = {0, 1, 0};
    nd_test_expect(o, sb, 0);
    /* fmod of bool computes in int8 (as NumPy); its result does not fit bool */
    r = nd_fmod(bl, bl);
    assert_int_equal(nd_dtype_of(r), ND_INT8);
    nd_free(r);
    nd_array *ob = new_array(ND_BOOL, 1, s3);
    snap = snapshot(ob);
    assert_int_equal(nd_fmod_out(bl, bl, ob), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "nd_fmod_out: ");
    assert_untouched(ob, snap, "fmod_out into bool");
    /* NULL arguments name the function and the argument */
    assert_null(nd_heaviside(NULL, f64));
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_heaviside: argument 'a' is NULL");
    assert_int_equal(nd_nextafter_out(f64, NULL, o), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_nextafter_out: argument 'b' is NULL");
    assert_int_equal(nd_deg2rad_out(f64, NULL), ND_ERR_NULL);
    ASSERT_ERROR_EXACT(ND_ERR_NULL, "nd_deg2rad_out: argument 'out' is NULL");
    /* shapes */
    const int64_t s2[1] = {2};
    nd_array *t2 = from_f64(ND_FLOAT64, 1, s2, V(1, 2));
    assert_null(nd_copysign(f64, t2));
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_copysign: operands could not be broadcast together with shapes (3,) (2,)");
    nd_array *o2 = new_array(ND_FLOAT64, 1, s2);
    snap = snapshot(o2);
    assert_int_equal(nd_rad2deg_out(f64, o2), ND_ERR_SHAPE);
    ASSERT_ERROR_EXACT(ND_ERR_SHAPE, "nd_rad2deg_out: output shape (2,) does not match the broadcast shape (3,) of the inputs");
    assert_untouched(o2, snap, "rad2deg_out into a wrong shape");
    nd_free(o2);
    nd_free(t2);
    nd_free(ob);
    nd_free(oi);
    nd_free(o);
    nd_free(bl);
    nd_free(f64);
    nd_free(i8);
    nd_free(f32);
    nd_free(i64);
    nd_free(u64);
}

/* ---------------------------------------------------------------- kernel levels */

/* Ops a SIMD level computes approximately (README, nd.h), with their error
 * bound in ULP against the correctly rounded result. The portable level's
 * libm expf is not always correctly rounded, but over every float32 input
 * glibc's stays within the same 1 ULP of the avx2 one, so that bound serves
 * test_arch_ref too. Every other op and dtype must give the same bits at
 * every level. */
#define EXP_F32_MAX_ULP 1
static int simd_ulps(const char *op, nd_dtype out_dt) {
    return strcmp(op, "exp") == 0 && out_dt == ND_FLOAT32 ? EXP_F32_MAX_ULP : 0;
}

static int restore_arch(void **state) {
    (void)state;
    nd_set_arch(NULL);
    nd_clear_error();
    return 0;
}

static float f32_of(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static uint32_t bits_of(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* nd_exp_out over a float32 buffer, through a 1-D view of n elements
 * (in == out allowed). */
static void exp_f32_run(float *in, float *out, int64_t n) {
    nd_array *a = nd_wrap(in, 1, &n, NULL, ND_FLOAT32, NULL, NULL);
    nd_array *o = nd_wrap(out, 1, &n, NULL, ND_FLOAT32, NULL, NULL);
    ND_ASSERT_ARRAY(a);
    ND_ASSERT_ARRAY(o);
    ND_ASSERT_OK(nd_exp_out(a, o));
    nd_free(a);
    nd_free(o);
}

/* got for exp(x) within EXP_F32_MAX_ULP of exp rounded to float; exactly
 * it where that is +inf, 0 or 1, and a quiet NaN for a NaN. Returns the
 * distance in ULPs. */
static uint64_t check_exp_f32(float x, float got) {
    if (x != x) {
        if (got == got || !(bits_of(got) & 0x400000u)) fail_msg("exp(%a) is %a, expected a quiet NaN", x, got);
        return 0;
    }
    const float want = (float)exp((double)x);
    if (want == 0 || isinf(want) || want == 1) {
        if (bits_of(got) != bits_of(want)) fail_msg("exp(%a) is %a, expected exactly %a", x, got, want);
        return 0;
    }
    const uint64_t d = isfinite(got) ? ulps(got, want, ND_FLOAT32) : UINT64_MAX;
    if (d > EXP_F32_MAX_ULP) fail_msg("exp(%a) is %a, expected %a (%llu ULP)", x, got, want, (unsigned long long)d);
    return d;
}

/* The avx2 float32 exp against exp rounded to float: every 97th float32 bit
 * pattern of [-104, 89] (23M values, through large arrays so the vector
 * loop runs, in several threads), the special values, the neighbourhoods
 * of the overflow, subnormal and underflow thresholds, and short runs at
 * every misalignment for the masked tail, in place and strided. */
static void test_exp_f32_simd(void **state) {
    (void)state;
    const nd_status st = nd_set_arch("avx2");
    if (st == ND_ERR_UNSUPPORTED) {
        nd_clear_error();
        skip(); /* not built or not this CPU */
    }
    ND_ASSERT_OK(st);
    enum { CHUNK = 1 << 21 };
    const uint32_t stride = UNDER_ASAN ? 997 : 97;
    float *in = malloc(sizeof(float) * CHUNK), *out = malloc(sizeof(float) * CHUNK);
    assert_non_null(in);
    assert_non_null(out);
    uint64_t worst = 0;
    int64_t count = 0;
    for (int neg = 0; neg < 2; neg++) {
        const uint32_t sign = neg ? 0x80000000u : 0, end = neg ? bits_of(104.0f) : bits_of(89.0f);
        for (uint32_t u = 0; u <= end;) {
            int64_t m = 0;
            for (; m < CHUNK && u <= end; m++, u += stride) in[m] = f32_of(u | sign);
            exp_f32_run(in, out, m);
            for (int64_t i = 0; i < m; i++) {
                uint64_t d = check_exp_f32(in[i], out[i]);
                worst = d > worst ? d : worst;
            }
            count += m;
        }
    }
    assert_true(count > (UNDER_ASAN ? 2000000 : 20000000));
    /* specials, and 64 floats either side of each threshold: the last
     * finite result (88.72283), the first subnormal one (-87.33654), the
     * last nonzero one (-103.97208) */
    static const float special[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, FLT_MAX, -FLT_MAX,
                                    FLT_MIN, -FLT_MIN, 1e-45f, -1e-45f, 1.0f, -1.0f, 1e-8f, -1e-8f};
    static const float edges[] = {88.72283f, -87.33654f, -103.97208f, 89.0f, -104.0f, 0.0f};
    int64_t m = 0;
    for (size_t k = 0; k < sizeof special / sizeof special[0]; k++) in[m++] = special[k];
    in[m++] = f32_of(0x7f800001u); /* a signalling NaN */
    in[m++] = f32_of(0xffc12345u); /* a negative quiet NaN with a payload */
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++)
        for (int32_t d = -64; d <= 64; d++) in[m++] = f32_of((uint32_t)((int32_t)bits_of(edges[k]) + d));
    exp_f32_run(in, out, m);
    for (int64_t i = 0; i < m; i++) check_exp_f32(in[i], out[i]);
    assert_int_equal(bits_of(out[0]), bits_of(1.0f));
    assert_int_equal(bits_of(out[1]), bits_of(1.0f));
    assert_int_equal(bits_of(out[3]), 0); /* exp(-inf) is +0 */
    /* lengths 0..40 at every start 0..7 of input and output, and in place:
     * the same bits as the long run above, nothing written past the end */
    enum { LEN = 41, PAD = 8 };
    float src[LEN + PAD], want[LEN + PAD], buf[LEN + 2 * PAD];
    for (int i = 0; i < LEN + PAD; i++) src[i] = (float)(i * 7919 % 2087) / 10.0f - 104.0f + (float)i / 64.0f;
    exp_f32_run(src, want, LEN + PAD);
    for (int i = 0; i < LEN + PAD; i++) check_exp_f32(src[i], want[i]);
    for (int64_t len = 0; len < LEN; len++)
        for (int a0 = 0; a0 < PAD; a0++)
            for (int o0 = 0; o0 <= PAD; o0++) { /* o0 == PAD: in place */
                float *dst = o0 == PAD ? buf + a0 : buf + o0;
                for (int i = 0; i < LEN + 2 * PAD; i++) buf[i] = -7.0f;
                if (o0 == PAD) memcpy(buf + a0, src + a0, sizeof(float) * (size_t)len);
                exp_f32_run(o0 == PAD ? buf + a0 : src + a0, dst, len);
                for (int64_t i = 0; i < len; i++)
                    if (bits_of(dst[i]) != bits_of(want[a0 + i]))
                        fail_msg("exp of %lld elements from %d into %d: element %lld differs", (long long)len, a0,
                                 o0, (long long)i);
                for (float *p = buf; p < buf + LEN + 2 * PAD; p++)
                    if ((p < dst || p >= dst + len) && *p != -7.0f)
                        fail_msg("exp of %lld elements from %d into %d wrote outside", (long long)len, a0, o0);
            }
    /* strided input and output (steps 2 and -1): the same bits */
    const int64_t half = (LEN + PAD) / 2, step2 = 2, stepm = -1;
    nd_array *sa = nd_wrap(src, 1, &half, &step2, ND_FLOAT32, NULL, NULL);
    nd_array *so = nd_wrap(buf + half - 1, 1, &half, &stepm, ND_FLOAT32, NULL, NULL);
    ND_ASSERT_OK(nd_exp_out(sa, so));
    for (int64_t i = 0; i < half; i++)
        if (bits_of(buf[half - 1 - i]) != bits_of(want[2 * i])) fail_msg("strided exp: element %lld differs", (long long)i);
    nd_free(sa);
    nd_free(so);
    print_message("exp float32 (avx2): max %llu ULP over %lld values\n", (unsigned long long)worst, (long long)count);
    free(in);
    free(out);
    restore_arch(NULL);
}

/* The results under "ref" must equal the default level's on every op and
 * dtype, within simd_ulps for the few approximate SIMD kernels. */
static void test_arch_ref(void **state) {
    (void)state;
    const char *dflt = nd_get_arch();
    assert_non_null(dflt);
    /* run with ND_ARCH=ref in the environment: the level starts there */
    const char *env = getenv("ND_ARCH");
    if (env && strcmp(env, "ref") == 0) assert_string_equal(dflt, "ref");
    assert_int_equal(nd_set_arch("no-such-level"), ND_ERR_VALUE);
    nd_clear_error();
    const int64_t shape[2] = {9, 37};
    for (int i = 0; i < NUM_OPS; i++) {
        const op_info *op = &g_ops[i];
        dt_combo combos[NUM_DTYPES + 8];
        int nc = layout_combos(op, combos);
        for (int c = 0; c < nc; c++) {
            nd_array *in[3] = {NULL, NULL, NULL};
            for (int j = 0; j < op->nin; j++) in[j] = sample_for(op, j, combos[c].d[j], 2, shape);
            ND_ASSERT_OK(nd_set_arch(NULL));
            nd_array *want = op_call(op, in);
            nd_status wst = nd_last_status();
            nd_clear_error();
            ND_ASSERT_OK(nd_set_arch("ref"));
            assert_string_equal(nd_get_arch(), "ref");
            nd_array *got = op_call(op, in);
            if (want) {
                char what[96];
                snprintf(what, sizeof what, "%s(%s) under ref", op->name, nd_dtype_name(combos[c].d[0]));
                if (!match_array(got, want, simd_ulps(op->name, nd_dtype_of(want)), what))
                    fail_msg("%s differs", what);
            } else {
                assert_null(got);
                assert_int_equal(nd_last_status(), wst);
            }
            nd_clear_error();
            nd_free(got);
            nd_free(want);
            for (int j = 0; j < op->nin; j++) nd_free(in[j]);
        }
    }
    ND_ASSERT_OK(nd_set_arch(NULL));
    assert_string_equal(nd_get_arch(), dflt);
}

/* ---------------------------------------------------------------- main */

#define CASE_REG_(n) cmocka_unit_test(test_cases_##n),

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_table),
        ND_BINARY_OPS(CASE_REG_) ND_UNARY_OPS(CASE_REG_) CASE_REG_(where) CASE_REG_(clip)
        cmocka_unit_test(test_layouts_binary),
        cmocka_unit_test(test_layouts_unary),
        cmocka_unit_test(test_layouts_ternary),
        cmocka_unit_test(test_layout_3d_permuted),
        cmocka_unit_test(test_fuzz_layouts),
        cmocka_unit_test(test_broadcast_column_row),
        cmocka_unit_test(test_broadcast_0d),
        cmocka_unit_test(test_zero_d),
        cmocka_unit_test(test_broadcast_empty),
        cmocka_unit_test(test_broadcast_errors),
        cmocka_unit_test(test_broadcast_3d),
        cmocka_unit_test(test_many_dims),
        cmocka_unit_test(test_large_contiguous),
        cmocka_unit_test(test_large_tiled),
        cmocka_unit_test(test_large_ternary),
        cmocka_unit_test(test_out_cast),
        cmocka_unit_test(test_out_strided),
        cmocka_unit_test(test_out_errors),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_fuzz_overlap),
        cmocka_unit_test(test_null_args),
        cmocka_unit_test(test_where_nonbool),
        cmocka_unit_test(test_clip_rules),
        cmocka_unit_test(test_power_negative_exponent),
        cmocka_unit_test_setup(test_nan_to_num_cases, clear),
        cmocka_unit_test_setup(test_nan_to_num_layouts, clear),
        cmocka_unit_test_setup(test_nan_to_num_errors, clear),
        cmocka_unit_test_setup(test_array_equiv_cases, clear),
        cmocka_unit_test_setup(test_array_equiv_errors, clear),
        cmocka_unit_test_setup(test_issue10_alloc_failures, clear),
        cmocka_unit_test_setup(test_issue10_empty_0d, clear),
        cmocka_unit_test_setup(test_issue10_overlap, clear),
        cmocka_unit_test_setup(test_issue10_dtype_errors, clear),
        cmocka_unit_test_teardown(test_arch_ref, restore_arch),
        cmocka_unit_test_teardown(test_exp_f32_simd, restore_arch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
