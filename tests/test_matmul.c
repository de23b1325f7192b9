/* Tests for the matrix products (src/linalg/matmul.c and its kernels):
 * NumPy's answers from data/matmul_cases.h on every input laid out as C
 * order, F order, strided, reversed, transposed, row-strided and stride-0
 * broadcast views, both variants of the small-matrix kernel, the _out
 * forms, outputs overlapping inputs, errors, the BLAS integer range, the
 * BLAS thread rule, identities, and a fuzz test against a plain C
 * reference on random shapes, dtypes and layouts. */
#include "nd_test.h"

#include <stdlib.h>
#include <unistd.h>

#include "data/matmul_cases.h"

/* Private hooks of libnd (src/linalg/blas.h), reachable in the static
 * library the tests link. */
int nd__mm_small_set_variant(int v);
#ifdef ND_BLAS_OPENBLAS
/* OpenBLAS's thread query (cblas.h); the Makefile defines ND_BLAS_OPENBLAS
 * when libnd is built against OpenBLAS. */
int openblas_get_num_threads(void);
#endif

#define NCASES ((int)(sizeof mm_cases / sizeof mm_cases[0]))

/* ---------------------------------------------------------------- layouts */

typedef enum layout {
    L_C,       /* C order */
    L_F,       /* Fortran order */
    L_STRIDED, /* every axis step 2: no unit stride anywhere */
    L_REV,     /* every axis reversed: negative strides */
    L_SWAP,    /* last two axes stored transposed (1-D: step -2) */
    L_ROWSTEP, /* second-to-last axis step 2, last contiguous */
    L_BCAST,   /* stride 0 along axis 0 (inputs flagged bcast only) */
    NUM_LAYOUTS
} layout;

static const char *layout_name[NUM_LAYOUTS] = {"C", "F", "strided", "reversed", "swapped",
                                               "rowstep", "bcast"};

/* A view holding x's values with steps step[] along each axis (negative:
 * reversed), inside a larger array filled with fill. */
static nd_array *embed(const nd_array *x, const int64_t *step, double fill) {
    int nd = nd_ndim(x);
    int64_t big[ND_MAX_DIMS];
    nd_slice_t sl[ND_MAX_DIMS];
    for (int i = 0; i < nd; i++) {
        int64_t s = step[i] < 0 ? -step[i] : step[i], n = nd_shape(x)[i];
        big[i] = n == 0 ? 0 : (n - 1) * s + 1;
        sl[i] = (nd_slice_t){ND_NONE, ND_NONE, step[i]};
    }
    nd_array *b = nd_full(nd, big, nd_dtype_of(x), fill);
    nd_array *v = b ? nd_slice(b, nd, sl) : NULL;
    nd_free(b);
    if (v && nd_copyto(v, x) != ND_OK) {
        nd_free(v);
        v = NULL;
    }
    return v;
}

/* x (C-contiguous) in layout l, as a new handle with the same values. */
static nd_array *in_layout(const nd_array *x, layout l, double fill) {
    int nd = nd_ndim(x);
    int64_t step[ND_MAX_DIMS];
    for (int i = 0; i < nd; i++) step[i] = 1;
    nd_array *t, *c, *r = NULL;
    switch (l) {
    case L_C: return nd_copy(x);
    case L_F:
        t = nd_transpose(x, NULL);
        c = nd_copy(t);
        r = nd_transpose(c, NULL);
        nd_free(t), nd_free(c);
        return r;
    case L_STRIDED:
        for (int i = 0; i < nd; i++) step[i] = 2;
        return embed(x, step, fill);
    case L_REV:
        t = nd_flip(x, ND_ALL_AXES, NULL);
        c = nd_copy(t);
        r = nd_flip(c, ND_ALL_AXES, NULL);
        nd_free(t), nd_free(c);
        return r;
    case L_SWAP:
        if (nd < 2) {
            if (nd == 1) step[0] = -2;
            return embed(x, step, fill);
        }
        t = nd_swapaxes(x, -1, -2);
        c = nd_copy(t);
        r = nd_swapaxes(c, -1, -2);
        nd_free(t), nd_free(c);
        return r;
    case L_ROWSTEP:
        if (nd >= 2) step[nd - 2] = 2;
        return embed(x, step, fill);
    case L_BCAST: {
        /* the first row, broadcast along axis 0 */
        if (nd == 0 || nd_shape(x)[0] == 0) return nd_copy(x);
        t = nd_slice_axis(x, 0, 0, 1, 1);
        c = t ? nd_copy(t) : NULL;
        r = c ? nd_broadcast_to(c, nd, nd_shape(x)) : NULL;
        nd_free(t), nd_free(c);
        return r;
    }
    case NUM_LAYOUTS: break;
    }
    return NULL;
}

/* Same dtype, shape and values (as doubles or int64). */
static bool same(const nd_array *x, const nd_array *y) {
    if (!x || !y || nd_dtype_of(x) != nd_dtype_of(y) || nd_ndim(x) != nd_ndim(y)) return false;
    for (int i = 0; i < nd_ndim(x); i++)
        if (nd_shape(x)[i] != nd_shape(y)[i]) return false;
    bool fl = nd_dtype_is_float(nd_dtype_of(x));
    nd_array *a = nd_astype(x, fl ? ND_FLOAT64 : ND_INT64), *b = nd_astype(y, fl ? ND_FLOAT64 : ND_INT64);
    bool eq = a && b;
    for (int64_t i = 0; eq && i < nd_size(a); i++)
        eq = fl ? ((double *)nd_data(a))[i] == ((double *)nd_data(b))[i]
                : ((int64_t *)nd_data(a))[i] == ((int64_t *)nd_data(b))[i];
    nd_free(a), nd_free(b);
    return eq;
}

/* ---------------------------------------------------------------- case arrays */

static nd_array *case_array(int id) {
    const mm_arr *a = &mm_arrays[id];
    nd_array *src = nd_dtype_is_float(a->dtype)
                        ? nd_from_data(mm_fpool + a->off, a->ndim, a->shape, ND_FLOAT64)
                        : nd_from_data(mm_ipool + a->off, a->ndim, a->shape, ND_INT64);
    nd_array *r = src ? nd_astype(src, a->dtype) : NULL;
    nd_free(src);
    if (!r) fail_msg("building case array %d: %s", id, nd_errmsg());
    return r;
}

/* Checks got against array `want` of case c: dtype, shape, values. Returns
 * false (after printing why) on a mismatch. */
static bool check_result(const mm_case *c, const nd_array *got, const char *how) {
    const mm_arr *w = &mm_arrays[c->out];
    if (!got) {
        print_error("%s [%s]: NULL: %s\n", c->label, how, nd_errmsg());
        return false;
    }
    if (nd_dtype_of(got) != c->res_dtype) {
        print_error("%s [%s]: dtype %s, want %s\n", c->label, how, nd_dtype_name(nd_dtype_of(got)),
                    nd_dtype_name(c->res_dtype));
        return false;
    }
    bool same = nd_ndim(got) == w->ndim;
    for (int i = 0; same && i < w->ndim; i++) same = nd_shape(got)[i] == w->shape[i];
    if (!same) {
        print_error("%s [%s]: ndim %d shape[0] %lld, want ndim %d\n", c->label, how, nd_ndim(got),
                    nd_ndim(got) ? (long long)nd_shape(got)[0] : 0LL, w->ndim);
        return false;
    }
    int64_t n = nd_size(got);
    if (nd_dtype_is_float(c->res_dtype)) {
        nd_array *g = nd_astype(got, ND_FLOAT64);
        const double *v = nd_data(g), *e = mm_fpool + w->off;
        for (int64_t i = 0; i < n; i++)
            if (!(fabs(v[i] - e[i]) <= c->tol)) {
                print_error("%s [%s]: element %lld is %.17g, want %.17g (tol %.3g)\n", c->label, how,
                            (long long)i, v[i], e[i], c->tol);
                nd_free(g);
                return false;
            }
        nd_free(g);
    } else {
        nd_array *g = nd_astype(got, ND_INT64);
        const int64_t *v = nd_data(g), *e = mm_ipool + w->off;
        for (int64_t i = 0; i < n; i++)
            if (v[i] != e[i]) {
                print_error("%s [%s]: element %lld is %lld, want %lld\n", c->label, how,
                            (long long)i, (long long)v[i], (long long)e[i]);
                nd_free(g);
                return false;
            }
        nd_free(g);
    }
    return true;
}

static nd_array *call_case(const mm_case *c, nd_array *const *in) {
    const char *f = c->fn;
    if (!strcmp(f, "matmul")) return nd_matmul(in[0], in[1]);
    if (!strcmp(f, "dot")) return nd_dot(in[0], in[1]);
    if (!strcmp(f, "vdot")) return nd_vdot(in[0], in[1]);
    if (!strcmp(f, "inner")) return nd_inner(in[0], in[1]);
    if (!strcmp(f, "outer")) return nd_outer(in[0], in[1]);
    if (!strcmp(f, "kron")) return nd_kron(in[0], in[1]);
    if (!strcmp(f, "tensordot"))
        return nd_tensordot(in[0], in[1], c->naxes, c->has_axes ? c->axes_a : NULL,
                            c->has_axes ? c->axes_b : NULL);
    if (!strcmp(f, "trace")) return nd_trace(in[0], c->offset, c->axis1, c->axis2);
    if (!strcmp(f, "matrix_power")) return nd_linalg_matrix_power(in[0], c->power);
    fail_msg("unknown function %s", f);
    return NULL;
}

static double fill_for(nd_dtype dt) { return nd_dtype_is_float(dt) ? NAN : 99; }

/* Runs case ci with its inputs in every layout pair (all: every pair;
 * otherwise a few). Returns the number of failures. */
static int run_case(int ci, bool all) {
    const mm_case *c = &mm_cases[ci];
    nd_array *base[2] = {NULL, NULL};
    for (int i = 0; i < c->nin; i++) base[i] = case_array(c->in[i]);
    int failures = 0;
    int nl0 = NUM_LAYOUTS, nl1 = c->nin > 1 ? NUM_LAYOUTS : 1;
    for (int l0 = 0; l0 < nl0; l0++)
        for (int l1 = 0; l1 < nl1; l1++) {
            if (!all && !(l0 == l1 || (l0 == L_C && l1 == L_SWAP) || (l0 == L_STRIDED && l1 == L_C)))
                continue;
            layout ls[2] = {(layout)l0, (layout)l1};
            bool skip = false;
            for (int i = 0; i < c->nin; i++)
                if (ls[i] == L_BCAST && !mm_arrays[c->in[i]].bcast) skip = true;
            if (skip) continue;
            nd_array *in[2] = {NULL, NULL};
            for (int i = 0; i < c->nin; i++) {
                in[i] = in_layout(base[i], ls[i], fill_for(nd_dtype_of(base[i])));
                if (!in[i]) fail_msg("%s: layout %s: %s", c->label, layout_name[ls[i]], nd_errmsg());
            }
            char how[64];
            snprintf(how, sizeof how, "%s, %s", layout_name[l0], c->nin > 1 ? layout_name[l1] : "-");
            nd_array *r = call_case(c, in);
            if (!check_result(c, r, how)) failures++;
            nd_free(r);
            for (int i = 0; i < c->nin; i++) nd_free(in[i]);
        }
    nd_free(base[0]);
    nd_free(base[1]);
    return failures;
}

static void test_numpy_cases(void **state) {
    (void)state;
    int failures = 0;
    for (int ci = 0; ci < NCASES; ci++) failures += run_case(ci, true);
    if (failures) fail_msg("%d case/layout combinations failed", failures);
}

/* The same cases on each variant of the small kernel the CPU runs
 * (portable, AVX2+FMA, AVX-512VL), a few layouts each. */
static void test_numpy_cases_kernel_variants(void **state) {
    (void)state;
    int failures = 0;
    for (int v = 0; v < 3; v++) {
        if (nd__mm_small_set_variant(v) != v) continue;
        for (int ci = 0; ci < NCASES; ci++) failures += run_case(ci, false);
    }
    nd__mm_small_set_variant(-1);
    if (failures) fail_msg("%d case/layout combinations failed", failures);
}

/* The same cases on one thread and on three. */
static void test_numpy_cases_threads(void **state) {
    (void)state;
    int failures = 0;
    int counts[2] = {1, 3};
    for (int t = 0; t < 2; t++) {
        ND_ASSERT_OK(nd_set_num_threads(counts[t]));
        for (int ci = 0; ci < NCASES; ci++)
            if (!strcmp(mm_cases[ci].fn, "matmul")) failures += run_case(ci, false);
    }
    ND_ASSERT_OK(nd_set_num_threads(0));
    if (failures) fail_msg("%d case/layout combinations failed", failures);
}

/* matmul cases through nd_matmul_out into outputs of several layouts, and
 * of a wider dtype when the result's values survive the cast. */
static void test_numpy_cases_out(void **state) {
    (void)state;
    int failures = 0;
    for (int ci = 0; ci < NCASES; ci++) {
        const mm_case *c = &mm_cases[ci];
        if (strcmp(c->fn, "matmul")) continue;
        nd_array *a = case_array(c->in[0]), *b = case_array(c->in[1]);
        const mm_arr *w = &mm_arrays[c->out];
        layout outs[4] = {L_C, L_F, L_STRIDED, L_REV};
        for (int wide = 0; wide < 2; wide++) {
            nd_dtype odt = c->res_dtype;
            if (wide) {
                if (c->res_dtype == ND_INT64 || c->res_dtype == ND_UINT64 || c->res_dtype == ND_FLOAT64)
                    continue;
                odt = ND_FLOAT64;
            }
            for (int li = 0; li < 4; li++) {
                nd_array *z = nd_full(w->ndim, w->shape, odt, 7);
                nd_array *out = in_layout(z, outs[li], fill_for(odt));
                nd_free(z);
                char how[64];
                snprintf(how, sizeof how, "out %s %s", layout_name[outs[li]], nd_dtype_name(odt));
                nd_status st = nd_matmul_out(a, b, out);
                if (st != ND_OK) {
                    print_error("%s [%s]: %s\n", c->label, how, nd_errmsg());
                    failures++;
                } else {
                    nd_array *got = wide ? nd_astype(out, c->res_dtype) : nd_copy(out);
                    if (!check_result(c, got, how)) failures++;
                    nd_free(got);
                }
                nd_free(out);
            }
        }
        nd_free(a), nd_free(b);
    }
    if (failures) fail_msg("%d out cases failed", failures);
}

/* ---------------------------------------------------------------- reference and fuzz */

static uint64_t g_seed = 0x9E3779B97F4A7C15u;
static uint64_t rnd(void) {
    g_seed ^= g_seed << 13, g_seed ^= g_seed >> 7, g_seed ^= g_seed << 17;
    return g_seed;
}
static int64_t rnd_in(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

/* A size drawn to hit the kernels' edges. */
static int64_t rnd_dim(void) {
    static const int64_t edges[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 64, 65};
    if (rnd() % 4 == 0) return rnd_in(1, 80);
    return edges[rnd() % (sizeof edges / sizeof edges[0])];
}

static nd_array *rnd_array(nd_dtype dt, int nd, const int64_t *shape) {
    nd_rng r;
    nd_rng_seed(&r, rnd());
    if (nd_dtype_is_float(dt)) return nd_random_uniform(&r, -1, 1, nd, shape, dt);
    nd_array *t;
    if (dt == ND_BOOL) t = nd_random_integers(&r, 0, 2, nd, shape, ND_INT8);
    else if (rnd() % 3 == 0) /* full range: sums wrap */
        t = nd_random_integers(&r, INT64_MIN / 2, INT64_MAX / 2, nd, shape, ND_INT64);
    else
        t = nd_random_integers(&r, -20, 21, nd, shape, ND_INT64);
    nd_array *x = t ? nd_astype(t, dt) : NULL;
    nd_free(t);
    return x;
}

/* value of x (int64 bit pattern or double) at C-order flat index i */
typedef struct flatv {
    nd_array *arr;
    bool fl;
} flatv;

static flatv flat_of(const nd_array *x) {
    flatv f;
    f.fl = nd_dtype_is_float(nd_dtype_of(x));
    f.arr = nd_astype(x, f.fl ? ND_FLOAT64 : ND_INT64);
    return f;
}

/* Truncates v to dtype dt's width, sign- or zero-extended back (what
 * astype(int64) of a dt value gives). */
static int64_t wrap_to(nd_dtype dt, uint64_t v) {
    switch (dt) {
    case ND_BOOL: return v != 0;
    case ND_INT8: return (int8_t)v;
    case ND_INT16: return (int16_t)v;
    case ND_INT32: return (int32_t)v;
    case ND_UINT8: return (uint8_t)v;
    case ND_UINT16: return (uint16_t)v;
    case ND_UINT32: return (uint32_t)v;
    default: return (int64_t)v;
    }
}

/* Checks r = a @ b (batch broadcast; a, b at least 2-D) against a plain
 * loop: long double sums for floats, wrapping sums for integers, OR of
 * ANDs for bool. */
static bool check_matmul_ref(const nd_array *a, const nd_array *b, const nd_array *r,
                             const char *what) {
    nd_dtype ct = nd_promote_types(nd_dtype_of(a), nd_dtype_of(b));
    if (nd_dtype_of(r) != ct) {
        print_error("%s: dtype %s, want %s\n", what, nd_dtype_name(nd_dtype_of(r)), nd_dtype_name(ct));
        return false;
    }
    int na = nd_ndim(a), nb = nd_ndim(b), nr = nd_ndim(r);
    int64_t n = nd_shape(a)[na - 2], k = nd_shape(a)[na - 1], m = nd_shape(b)[nb - 1];
    int nbat = nr - 2;
    int64_t nbatch = 1;
    for (int d = 0; d < nbat; d++) nbatch *= nd_shape(r)[d];
    flatv fa = flat_of(a), fb = flat_of(b), fr = flat_of(r);
    bool ok = true;
    double eps = ct == ND_FLOAT32 ? 0x1p-23 : 0x1p-52;
    for (int64_t t = 0; t < nbatch && ok; t++) {
        /* batch index -> offsets into a and b (C order, broadcast) */
        int64_t idx[ND_MAX_DIMS], rem = t;
        for (int d = nbat - 1; d >= 0; d--) idx[d] = rem % nd_shape(r)[d], rem /= nd_shape(r)[d];
        int64_t oa = 0, ob = 0;
        for (int d = 0; d < na - 2; d++) {
            int64_t s = nd_shape(a)[d], i = idx[d + nbat - (na - 2)];
            oa = oa * s + (s == 1 ? 0 : i);
        }
        for (int d = 0; d < nb - 2; d++) {
            int64_t s = nd_shape(b)[d], i = idx[d + nbat - (nb - 2)];
            ob = ob * s + (s == 1 ? 0 : i);
        }
        oa *= n * k, ob *= k * m;
        int64_t orr = t * n * m;
        for (int64_t i = 0; i < n && ok; i++)
            for (int64_t j = 0; j < m && ok; j++) {
                if (fr.fl) {
                    long double s = 0, sabs = 0;
                    for (int64_t p = 0; p < k; p++) {
                        long double x = fa.fl ? ((double *)nd_data(fa.arr))[oa + i * k + p]
                                              : (long double)((int64_t *)nd_data(fa.arr))[oa + i * k + p];
                        long double y = fb.fl ? ((double *)nd_data(fb.arr))[ob + p * m + j]
                                              : (long double)((int64_t *)nd_data(fb.arr))[ob + p * m + j];
                        if (nd_dtype_of(a) == ND_UINT64) x = (long double)(uint64_t)((int64_t *)nd_data(fa.arr))[oa + i * k + p];
                        if (nd_dtype_of(b) == ND_UINT64) y = (long double)(uint64_t)((int64_t *)nd_data(fb.arr))[ob + p * m + j];
                        s += x * y;
                        sabs += fabsl(x * y);
                    }
                    /* integers beyond 2^53 are rounded when converted to float64 */
                    double conv = (nd_dtype_is_float(nd_dtype_of(a)) && nd_dtype_is_float(nd_dtype_of(b))) ? 0 : 2 * 0x1p-53 * (double)sabs;
                    double g = ((double *)nd_data(fr.arr))[orr + i * m + j];
                    double tol = 2.0 * (double)(k + 2) * eps * (double)sabs + conv;
                    if (!(fabs(g - (double)s) <= tol)) {
                        print_error("%s: [%lld](%lld, %lld) is %.17g, want %.17Lg (tol %.3g)\n", what,
                                    (long long)t, (long long)i, (long long)j, g, s, tol);
                        ok = false;
                    }
                } else {
                    uint64_t s = 0;
                    for (int64_t p = 0; p < k; p++) {
                        uint64_t x = (uint64_t)((int64_t *)nd_data(fa.arr))[oa + i * k + p];
                        uint64_t y = (uint64_t)((int64_t *)nd_data(fb.arr))[ob + p * m + j];
                        if (ct == ND_BOOL) s |= (x != 0) & (y != 0);
                        else s += x * y;
                    }
                    int64_t g = ((int64_t *)nd_data(fr.arr))[orr + i * m + j];
                    if (g != wrap_to(ct, s)) {
                        print_error("%s: [%lld](%lld, %lld) is %lld, want %lld\n", what, (long long)t,
                                    (long long)i, (long long)j, (long long)g,
                                    (long long)wrap_to(ct, s));
                        ok = false;
                    }
                }
            }
    }
    nd_free(fa.arr), nd_free(fb.arr), nd_free(fr.arr);
    return ok;
}

/* r (NULL when the call failed) against the reference product of a and b;
 * prints what went wrong. */
static bool product_ok(const nd_array *r, const nd_array *a, const nd_array *b, const char *what) {
    if (!r) {
        print_error("%s: %s\n", what, nd_errmsg());
        return false;
    }
    return check_matmul_ref(a, b, r, what);
}

static const nd_dtype fuzz_dtypes[] = {ND_FLOAT32, ND_FLOAT64, ND_FLOAT32, ND_FLOAT64, ND_INT8,
                                       ND_INT32, ND_INT64, ND_UINT16, ND_UINT64, ND_BOOL};

static void fuzz(int iters, bool big) {
    int failures = 0;
    for (int it = 0; it < iters && failures < 5; it++) {
        int64_t n = rnd_dim(), k = rnd_dim(), m = rnd_dim();
        if (big) n = rnd_in(100, 300), k = rnd_in(30, 300), m = rnd_in(1, 300);
        /* batch: 0-2 axes, each side possibly 1 or missing */
        int nbat = big ? 0 : (int)(rnd() % 3);
        int64_t bsh[2] = {rnd_in(1, 4), rnd_in(1, 3)};
        int nba = nbat ? (int)(rnd() % (nbat + 1)) : 0, nbb = nbat ? (int)(rnd() % (nbat + 1)) : 0;
        if (nba < nbat && nbb < nbat) nbb = nbat;
        int64_t sa[4], sb[4];
        for (int d = 0; d < nba; d++) sa[d] = rnd() % 3 ? bsh[nbat - nba + d] : 1;
        for (int d = 0; d < nbb; d++) sb[d] = rnd() % 3 ? bsh[nbat - nbb + d] : 1;
        sa[nba] = n, sa[nba + 1] = k, sb[nbb] = k, sb[nbb + 1] = m;
        nd_dtype da = fuzz_dtypes[rnd() % 10], db = rnd() % 3 ? da : fuzz_dtypes[rnd() % 10];
        nd_array *a0 = rnd_array(da, nba + 2, sa), *b0 = rnd_array(db, nbb + 2, sb);
        layout la = (layout)(rnd() % L_BCAST), lb = (layout)(rnd() % L_BCAST);
        nd_array *a = in_layout(a0, la, fill_for(da)), *b = in_layout(b0, lb, fill_for(db));
        int variant = nd__mm_small_set_variant((int)(rnd() % 4) - 1);
        char what[160];
        snprintf(what, sizeof what, "fuzz %d: %s (%lld,%lld,%lld) %s @ %s %s, kernel variant %d", it,
                 nd_dtype_name(da), (long long)n, (long long)k, (long long)m, layout_name[la],
                 nd_dtype_name(db), layout_name[lb], variant);
        nd_array *r = NULL;
        if (rnd() % 2) {
            r = nd_matmul(a, b);
        } else { /* into an out of some layout */
            nd_array *probe = nd_matmul(a0, b0);
            if (probe) {
                nd_array *z = nd_zeros(nd_ndim(probe), nd_shape(probe), nd_dtype_of(probe));
                r = in_layout(z, (layout)(rnd() % L_SWAP), fill_for(nd_dtype_of(probe)));
                nd_free(z);
                if (nd_matmul_out(a, b, r) != ND_OK) nd_free(r), r = NULL;
            }
            nd_free(probe);
        }
        nd__mm_small_set_variant(-1);
        failures += !product_ok(r, a0, b0, what);
        nd_free(r), nd_free(a), nd_free(b), nd_free(a0), nd_free(b0);
    }
    if (failures) fail_msg("%d fuzz cases failed", failures);
}

static void test_fuzz_reference(void **state) {
    (void)state;
    fuzz(600, false);
}

static void test_fuzz_large(void **state) {
    (void)state;
    fuzz(6, true);
}

/* Matrix-vector products (b one column), batched and not: the small
 * kernel's dot products read b with its own row step, or a contiguous copy
 * when b is shared or of another dtype. Every k around the vector widths,
 * every layout of b, each kernel variant, b shared by the batch (stride 0),
 * and mixed dtypes. */
static void test_batched_matvec(void **state) {
    (void)state;
    static const nd_dtype btypes[] = {ND_FLOAT32, ND_FLOAT64, ND_INT32, ND_FLOAT32};
    int failures = 0;
    for (int64_t k = 1; k <= 40 && failures < 5; k += k < 20 ? 1 : 7)
        for (int l = 0; l <= L_BCAST && failures < 5; l++)
            for (int v = 0; v < 3; v++) {
                const int pick = (int)(k + l + v);
                const nd_dtype da = pick % 2 ? ND_FLOAT32 : ND_FLOAT64, db = pick % 3 ? da : btypes[pick % 4];
                const int64_t n = (int64_t[]){1, 2, 5, 17}[pick % 4];
                const int64_t batch = pick % 5 == 0 && l != L_BCAST ? 0 : 13; /* 0: one 2-D product */
                nd_array *a0 = batch ? rnd_array(da, 3, SH(batch, n, k)) : rnd_array(da, 2, SH(n, k));
                nd_array *b0 = batch ? rnd_array(db, 3, SH(l == L_BCAST ? 1 : batch, k, 1)) : rnd_array(db, 2, SH(k, 1));
                nd_array *a = in_layout(a0, L_C, fill_for(da));
                nd_array *b = in_layout(b0, (layout)l, fill_for(db));
                int variant = nd__mm_small_set_variant(v);
                char what[128];
                snprintf(what, sizeof what, "%s (%lld,%lld,%lld) @ %s %s column, kernel variant %d",
                         nd_dtype_name(da), (long long)batch, (long long)n, (long long)k, nd_dtype_name(db),
                         layout_name[l], variant);
                nd_array *r = nd_matmul(a, b);
                nd__mm_small_set_variant(-1);
                failures += !product_ok(r, a0, b0, what);
                nd_free(r), nd_free(a), nd_free(b), nd_free(a0), nd_free(b0);
            }
    if (failures) fail_msg("%d matrix-vector cases failed", failures);
}

/* ---------------------------------------------------------------- overlap */

/* out aliasing an input gives what a fresh result gives. */
static void test_overlap(void **state) {
    (void)state;
    nd_dtype dts[3] = {ND_FLOAT32, ND_FLOAT64, ND_INT32};
    int64_t sizes[3] = {5, 16, 40}; /* small kernel, vectors, BLAS */
    for (int di = 0; di < 3; di++)
        for (int si = 0; si < 3; si++) {
            int64_t n = sizes[si], sh[2] = {n, n};
            nd_array *a = rnd_array(dts[di], 2, sh), *b = rnd_array(dts[di], 2, sh);
            nd_array *want = nd_matmul(a, b);
            ND_ASSERT_ARRAY(want);
            /* out is a */
            nd_array *x = nd_copy(a);
            ND_ASSERT_OK(nd_matmul_out(x, b, x));
            assert_true(same(x, want));
            nd_free(x);
            /* out is b */
            x = nd_copy(b);
            ND_ASSERT_OK(nd_matmul_out(a, x, x));
            assert_true(same(x, want));
            nd_free(x);
            /* out is a's transpose (same memory, other layout) */
            x = nd_copy(a);
            nd_array *xt = nd_transpose(x, NULL);
            ND_ASSERT_OK(nd_matmul_out(x, b, xt));
            assert_true(same(xt, want));
            nd_free(xt), nd_free(x);
            /* out shifted by one row inside a larger array holding a */
            int64_t big[2] = {n + 1, n};
            nd_array *buf = nd_zeros(2, big, dts[di]);
            nd_array *top = nd_slice_axis(buf, 0, 0, n, 1), *bot = nd_slice_axis(buf, 0, 1, n + 1, 1);
            ND_ASSERT_OK(nd_copyto(top, a));
            ND_ASSERT_OK(nd_matmul_out(top, b, bot));
            assert_true(same(bot, want));
            nd_free(top), nd_free(bot), nd_free(buf);
            nd_free(a), nd_free(b), nd_free(want);
        }
}

/* ---------------------------------------------------------------- errors */

static nd_array *f32(int nd, const int64_t *shape) { return nd_zeros(nd, shape, ND_FLOAT32); }

static void test_errors_matmul(void **state) {
    (void)state;
    int64_t s23[2] = {2, 3}, s34[2] = {3, 4}, s24[2] = {2, 4}, s45[2] = {4, 5}, s4[1] = {4};
    nd_array *a = f32(2, s23), *b = f32(2, s34), *c = f32(2, s45), *v = f32(1, s4);
    nd_array *z = nd_scalar(1, ND_FLOAT32);

    assert_null(nd_matmul(a, c));
    ND_ASSERT_ERROR(ND_ERR_SHAPE,
                    "nd_matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                    "gufunc signature (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3); "
                    "shapes (2,3) (4,5)");
    assert_null(nd_matmul(v, a));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "(size 2 is different from 4); shapes (4,) (2,3)");
    assert_null(nd_matmul(z, a));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "Input operand 0 does not have enough dimensions (has 0");
    assert_null(nd_matmul(a, z));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "Input operand 1 does not have enough dimensions");

    int64_t s223[3] = {2, 2, 3}, s535[3] = {5, 3, 5};
    nd_array *x = f32(3, s223), *y = f32(3, s535);
    assert_null(nd_matmul(x, y));
    ND_ASSERT_ERROR(ND_ERR_SHAPE,
                    "operands could not be broadcast together with remapped shapes "
                    "[original->remapped]: (2,2,3)->(2,newaxis,newaxis) (5,3,5)->(5,newaxis,newaxis) "
                    "and requested shape (2,5)");
    nd_free(x), nd_free(y);

    /* out: shape, dtype, read-only; nothing written */
    nd_array *o = nd_full(2, s23, ND_FLOAT32, 5);
    assert_int_equal(nd_matmul_out(a, b, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE,
                    "nd_matmul_out: Output operand 0 has a mismatch in its core dimension 1, with "
                    "gufunc signature (n?,k),(k,m?)->(n?,m?) (size 3 is different from 4)");
    nd_free(o);
    /* a larger batch in out is fine (NumPy's gufunc rule): the inputs
     * broadcast to it */
    int64_t s324[3] = {3, 2, 4};
    o = nd_full(3, s324, ND_FLOAT32, 5);
    ND_ASSERT_OK(nd_matmul_out(a, b, o));
    nd_array *zero = nd_zeros(3, s324, ND_FLOAT32);
    assert_true(same(o, zero));
    nd_free(zero);
    /* but the inputs' batch must broadcast to out's */
    x = f32(3, s223);
    assert_int_equal(nd_matmul_out(x, b, o), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE,
                    "non-broadcastable output operand with shape (3,2,4) doesn't match the "
                    "broadcast shape (2,2,4)");
    nd_free(x), nd_free(o);
    nd_array *oi = nd_full(2, s24, ND_INT32, 5);
    assert_int_equal(nd_matmul_out(a, b, oi), ND_ERR_DTYPE);
    ND_ASSERT_ERROR(ND_ERR_DTYPE, "Cannot cast ufunc 'matmul' output from float32 to int32 with "
                                  "casting rule 'same_kind'");
    int64_t one[2] = {1, 4};
    nd_array *row = nd_zeros(2, one, ND_FLOAT32);
    nd_array *ro = nd_broadcast_to(row, 2, s24);
    assert_int_equal(nd_matmul_out(a, b, ro), ND_ERR_READONLY);
    nd_clear_error();
    nd_free(ro), nd_free(row);
    double e;
    int64_t i00[2] = {0, 0};
    ND_ASSERT_OK(nd_get_f64(oi, i00, &e));
    assert_true(e == 5);
    nd_free(oi);

    /* NULLs keep the first error */
    assert_null(nd_matmul(NULL, b));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_matmul: argument 'a' is NULL");
    assert_null(nd_matmul(a, c));
    assert_null(nd_matmul(NULL, NULL));
    assert_int_equal(nd_matmul_out(NULL, b, a), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_matmul: Input operand 1 has a mismatch");
    assert_int_equal(nd_matmul_out(a, b, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_matmul_out: argument 'out' is NULL");
    assert_null(nd_dot(NULL, a));
    assert_null(nd_vdot(a, NULL));
    assert_null(nd_inner(NULL, a));
    assert_null(nd_outer(NULL, a));
    assert_null(nd_kron(a, NULL));
    assert_null(nd_tensordot(NULL, a, 1, NULL, NULL));
    assert_null(nd_trace(NULL, 0, 0, 1));
    assert_null(nd_linalg_matrix_power(NULL, 2));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_dot: argument 'a' is NULL");

    nd_free(a), nd_free(b), nd_free(c), nd_free(v), nd_free(z);
}

static void test_errors_others(void **state) {
    (void)state;
    int64_t s23[2] = {2, 3}, s45[2] = {4, 5}, s3[1] = {3}, s4[1] = {4}, s33[2] = {3, 3};
    nd_array *a = f32(2, s23), *b = f32(2, s45), *v3 = f32(1, s3), *v4 = f32(1, s4);
    assert_null(nd_dot(a, b));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_dot: shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)");
    assert_null(nd_inner(a, b));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_inner: shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 5 (dim 1)");
    assert_null(nd_vdot(v3, v4));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_vdot: vectors have different lengths: 3 and 4");
    assert_null(nd_tensordot(a, b, 1, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "nd_tensordot: shape-mismatch for sum: axis 1 of a (size 3) and axis 0 of b (size 4)");
    assert_null(nd_tensordot(a, b, 3, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "cannot contract 3 axes");
    assert_null(nd_tensordot(a, b, -1, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "cannot contract -1 axes");
    int ax[2] = {0, 0}, bx[2] = {0, 1};
    assert_null(nd_tensordot(a, b, 2, ax, bx));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "repeated axis");
    int ax5[1] = {5}, bx0[1] = {0};
    assert_null(nd_tensordot(a, b, 1, ax5, bx0));
    assert_int_equal(nd_last_status(), ND_ERR_INDEX);
    nd_clear_error();
    assert_null(nd_tensordot(a, b, 1, ax5, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "both be given");

    assert_null(nd_trace(v3, 0, 0, 1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_trace: diag requires an array of at least two dimensions");
    assert_null(nd_trace(a, 0, 1, -1));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "nd_trace: axis1 and axis2 cannot be the same");
    assert_null(nd_trace(a, 0, 0, 2));
    assert_int_equal(nd_last_status(), ND_ERR_INDEX);
    nd_clear_error();

    assert_null(nd_linalg_matrix_power(v3, 2));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "1-dimensional array given. Array must be at least two-dimensional");
    assert_null(nd_linalg_matrix_power(a, 2));
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "Last 2 dimensions of the array must be square");
    nd_array *sing = f32(2, s33);
    assert_null(nd_linalg_matrix_power(sing, -1));
    assert_int_equal(nd_last_status(), ND_ERR_LINALG);
    nd_clear_error();
    nd_free(sing);
    nd_free(a), nd_free(b), nd_free(v3), nd_free(v4);
}

/* Results that would need more than ND_MAX_DIMS axes, or elements. */
static void test_errors_limits(void **state) {
    (void)state;
    int64_t ones[ND_MAX_DIMS], s2[1] = {2}, s23[2] = {2, 3};
    for (int i = 0; i < ND_MAX_DIMS; i++) ones[i] = 1;
    nd_array *v = f32(1, s2), *m = f32(2, s23);
    /* out with too few axes */
    nd_array *o0 = nd_scalar(0, ND_FLOAT32);
    assert_int_equal(nd_matmul_out(m, m, o0), ND_ERR_SHAPE);
    nd_clear_error();
    int64_t s3[1] = {3};
    nd_array *v3 = f32(1, s3), *o1 = f32(1, s3);
    ND_ASSERT_OK(nd_matmul_out(v, m, o1)); /* (2,) @ (2,3) -> (3,) */
    assert_int_equal(nd_matmul_out(v, m, o0), ND_ERR_SHAPE);
    ND_ASSERT_ERROR(ND_ERR_SHAPE, "Output operand 0 does not have enough dimensions (has 0");
    /* a 32-axis out for a 1-D @ 2-D product needs 33 axes inside */
    int64_t big[ND_MAX_DIMS];
    memcpy(big, ones, sizeof big);
    big[ND_MAX_DIMS - 1] = 3;
    nd_array *ob = f32(ND_MAX_DIMS, big);
    assert_int_equal(nd_matmul_out(v, m, ob), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "more than 32 dimensions");
    /* tensordot and kron results with too many axes */
    nd_array *t20 = f32(20, ones);
    assert_null(nd_tensordot(t20, t20, 0, NULL, NULL));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "the result would have 40 dimensions");
    nd_array *t17 = f32(17, ones);
    assert_null(nd_kron(t17, v));
    ND_ASSERT_ERROR(ND_ERR_VALUE, "kron of 17-dimensional arrays");
    /* kron of broadcast operands whose sizes multiply past int64 */
    nd_array *s = nd_scalar(1, ND_FLOAT32);
    int64_t h[1] = {(int64_t)1 << 40};
    nd_array *hb = nd_broadcast_to(s, 1, h);
    assert_null(nd_kron(hb, hb));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_kron: the result is too large");
    nd_free(s), nd_free(hb), nd_free(t17), nd_free(t20), nd_free(ob), nd_free(o0), nd_free(o1);
    nd_free(v3), nd_free(v), nd_free(m);
}

/* Dimensions beyond blasint are refused, never truncated (stride-0 views
 * make them without memory). */
static void test_blas_range(void **state) {
    (void)state;
    int64_t huge = (int64_t)INT32_MAX + 1, one = 1;
    nd_array *s = nd_scalar(1, ND_FLOAT32);
    int64_t row[2] = {1, huge}, col[2] = {huge, 1}, vec[1] = {huge};
    nd_array *a = nd_broadcast_to(s, 2, row), *b = nd_broadcast_to(s, 2, col);
    nd_array *v = nd_broadcast_to(s, 1, vec);
    ND_ASSERT_ARRAY(a);
    ND_ASSERT_ARRAY(b);
    ND_ASSERT_ARRAY(v);
    int64_t s11[2] = {1, 1};
    nd_array *out = nd_full(2, s11, ND_FLOAT32, 5);
    assert_int_equal(nd_matmul_out(a, b, out), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "nd_matmul_out: dimension 2147483648 exceeds the BLAS integer range");
    double e;
    int64_t i00[2] = {0, 0};
    ND_ASSERT_OK(nd_get_f64(out, i00, &e));
    assert_true(e == 5);
    assert_null(nd_dot(v, v));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "exceeds the BLAS integer range");
    assert_null(nd_vdot(v, v));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "exceeds the BLAS integer range");
    assert_null(nd_matmul(v, b));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "exceeds the BLAS integer range");
    (void)one;
    nd_free(out), nd_free(a), nd_free(b), nd_free(v), nd_free(s);
}

/* ---------------------------------------------------------------- zero sizes, identities */

static void test_zero_size(void **state) {
    (void)state;
    nd_dtype dts[4] = {ND_FLOAT32, ND_FLOAT64, ND_INT16, ND_BOOL};
    for (int i = 0; i < 4; i++) {
        int64_t s30[2] = {3, 0}, s04[2] = {0, 4}, s34[2] = {3, 4};
        nd_array *a = nd_zeros(2, s30, dts[i]), *b = nd_zeros(2, s04, dts[i]);
        nd_array *out = nd_full(2, s34, dts[i], 1);
        nd_array *fo = nd_transpose(out, NULL), *f = nd_copy(fo), *ft = nd_transpose(f, NULL);
        ND_ASSERT_OK(nd_matmul_out(a, b, out));
        ND_ASSERT_OK(nd_matmul_out(a, b, ft)); /* F-ordered out */
        nd_array *want = nd_zeros(2, s34, dts[i]);
        assert_true(same(out, want));
        assert_true(same(ft, want));
        nd_array *r = nd_matmul(a, b);
        assert_true(same(r, want));
        nd_free(r), nd_free(want), nd_free(fo), nd_free(f), nd_free(ft), nd_free(out);
        nd_free(a), nd_free(b);
    }
}

static bool close_arrays(const nd_array *x, const nd_array *y, double tol) {
    nd_array *d = nd_subtract(x, y), *ad = d ? nd_abs(d) : NULL, *mx = ad ? nd_max(ad, ND_ALL_AXES, NULL, false) : NULL;
    double v = 1e300;
    if (mx) nd_get_f64(mx, NULL, &v);
    nd_free(d), nd_free(ad), nd_free(mx);
    return v <= tol;
}

static void test_identities(void **state) {
    (void)state;
    int64_t sa[2] = {50, 40}, sb[2] = {40, 30};
    nd_array *a = rnd_array(ND_FLOAT64, 2, sa), *b = rnd_array(ND_FLOAT64, 2, sb);
    nd_array *ab = nd_matmul(a, b);
    /* (A @ B).T == B.T @ A.T */
    nd_array *at = nd_transpose(a, NULL), *bt = nd_transpose(b, NULL);
    nd_array *btat = nd_matmul(bt, at), *abt = nd_transpose(ab, NULL);
    assert_true(close_arrays(btat, abt, 1e-13));
    /* dot of matrices is matmul; inner(a, b.T) is a @ b; tensordot with 1 axis */
    nd_array *d = nd_dot(a, b), *in = nd_inner(a, bt), *td = nd_tensordot(a, b, 1, NULL, NULL);
    assert_true(close_arrays(d, ab, 1e-13));
    assert_true(close_arrays(in, ab, 1e-13));
    assert_true(close_arrays(td, ab, 1e-13));
    /* A @ I == A exactly */
    nd_array *eye = nd_eye(40, -1, 0, ND_FLOAT64), *ai = nd_matmul(a, eye);
    assert_true(same(ai, a));
    /* trace(A @ B) == trace(B @ A) for square products */
    int64_t sq[2] = {30, 30};
    nd_array *p = rnd_array(ND_FLOAT64, 2, sq), *q = rnd_array(ND_FLOAT64, 2, sq);
    nd_array *pq = nd_matmul(p, q), *qp = nd_matmul(q, p);
    nd_array *t1 = nd_trace(pq, 0, 0, 1), *t2 = nd_trace(qp, 0, 0, 1);
    assert_true(close_arrays(t1, t2, 1e-12));
    /* matrix_power(P, 2) is P @ P bitwise */
    nd_array *p2 = nd_linalg_matrix_power(p, 2), *pp = nd_matmul(p, p);
    assert_true(same(p2, pp));
    /* P^-1 @ P == I */
    nd_array *pinv = nd_linalg_matrix_power(p, -1), *id = pinv ? nd_matmul(pinv, p) : NULL;
    nd_array *eye30 = nd_eye(30, -1, 0, ND_FLOAT64);
    assert_true(id && close_arrays(id, eye30, 1e-8));
    /* vdot == sum of products */
    nd_array *prod = nd_multiply(p, q), *sum = nd_sum(prod, ND_ALL_AXES, NULL, false);
    nd_array *vd = nd_vdot(p, q);
    assert_true(close_arrays(vd, sum, 1e-12));
    nd_free(prod), nd_free(sum), nd_free(vd), nd_free(pinv), nd_free(id), nd_free(eye30);
    nd_free(p2), nd_free(pp), nd_free(t1), nd_free(t2), nd_free(pq), nd_free(qp), nd_free(p), nd_free(q);
    nd_free(eye), nd_free(ai), nd_free(d), nd_free(in), nd_free(td);
    nd_free(at), nd_free(bt), nd_free(btat), nd_free(abt), nd_free(ab), nd_free(a), nd_free(b);
}

/* Batches give bitwise the same results on any thread count and kernel
 * split (each matrix is computed the same way). */
static void test_thread_consistency(void **state) {
    (void)state;
    int64_t shapes[3][3] = {{512, 8, 8}, {64, 40, 40}, {300, 5, 33}};
    for (int s = 0; s < 3; s++) {
        nd_array *a = rnd_array(ND_FLOAT32, 3, shapes[s]);
        int64_t sb[3] = {shapes[s][0], shapes[s][2], 17};
        nd_array *b = rnd_array(ND_FLOAT32, 3, sb);
        ND_ASSERT_OK(nd_set_num_threads(1));
        nd_array *r1 = nd_matmul(a, b);
        ND_ASSERT_OK(nd_set_num_threads(3));
        nd_array *r3 = nd_matmul(a, b);
        ND_ASSERT_OK(nd_set_num_threads(0));
        assert_true(same(r1, r3));
        nd_free(r1), nd_free(r3), nd_free(a), nd_free(b);
    }
}

/* A thread count the user sets applies to BLAS too (OpenBLAS: the only
 * BLAS whose thread count libnd sets). */
static void test_blas_threads(void **state) {
    (void)state;
#ifndef ND_BLAS_OPENBLAS
    skip();
#else
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int n = cpus + 1 > 64 ? 1 : (int)cpus + 1; /* differs from the default; OpenBLAS caps at 64 */
    if (n == cpus) n = 2;
    int64_t sq[2] = {100, 100};
    nd_array *a = rnd_array(ND_FLOAT32, 2, sq);
    ND_ASSERT_OK(nd_set_num_threads(n));
    nd_array *r = nd_matmul(a, a);
    ND_ASSERT_ARRAY(r);
    assert_int_equal(openblas_get_num_threads(), n);
    nd_free(r);
    ND_ASSERT_OK(nd_set_num_threads(1));
    r = nd_matmul(a, a);
    assert_int_equal(openblas_get_num_threads(), 1);
    nd_free(r);
    ND_ASSERT_OK(nd_set_num_threads(0));
    nd_free(a);
#endif
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_cases),
        cmocka_unit_test(test_numpy_cases_kernel_variants),
        cmocka_unit_test(test_numpy_cases_threads),
        cmocka_unit_test(test_numpy_cases_out),
        cmocka_unit_test(test_fuzz_reference),
        cmocka_unit_test(test_fuzz_large),
        cmocka_unit_test(test_batched_matvec),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_errors_matmul),
        cmocka_unit_test(test_errors_others),
        cmocka_unit_test(test_errors_limits),
        cmocka_unit_test(test_blas_range),
        cmocka_unit_test(test_zero_size),
        cmocka_unit_test(test_identities),
        cmocka_unit_test(test_thread_consistency),
        cmocka_unit_test(test_blas_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
