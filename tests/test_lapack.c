/* Decompositions and solvers (include/nd/linalg.h): NumPy's answers from
 * data/lapack_cases.h (tests/data/gen_lapack.py), each case run on inputs
 * rebuilt in C, F, transposed, sliced and negative-stride layouts (and
 * broadcast batches where the case says so); decompositions checked on
 * sign-free quantities plus identities (A inv(A) = I, L L^T = A, Q R = A
 * with Q orthonormal, U S Vt = A, A v = v w); inputs checked unchanged;
 * then errors, NULL arguments, larger matrices and limits. The norm and
 * cond cases run in test_norm.c. */
#include "nd_test.h"

#include <dlfcn.h>
#include <float.h>
#include <lapacke.h>
#include <stdlib.h>

#include "data/lapack_cases.h"

#define NUM_CASES ((int)(sizeof lc_cases / sizeof lc_cases[0]))

/* ---------------------------------------------------------------- inputs in several layouts */

enum { LAY_C, LAY_F, LAY_T, LAY_SLICED, LAY_NEG, NUM_LAYOUTS };
static const char *const layout_name[NUM_LAYOUTS] = {"C", "F", "transposed", "sliced",
                                                     "negative-stride"};

/* An input: the view handed to libnd, the memory it lives in and a
 * snapshot of that memory to prove it unchanged. */
typedef struct tin {
    nd_array *view, *base;
    void *snap;
    size_t nbytes;
} tin;

static void tin_free(tin *t) {
    nd_free(t->view);
    nd_free(t->base);
    free(t->snap);
    memset(t, 0, sizeof *t);
}

/* Input idx of the table with its logical values in the given layout. */
static void make_input(int idx, int layout, tin *t) {
    const lc_input *in = &lc_inputs[idx];
    nd_array *x = nd_test_array(in->dtype, in->ndim, in->shape, &lc_pool[in->off]);
    ND_ASSERT_ARRAY(x);
    nd_array *tmp = NULL;
    int nd = in->ndim;
    if (layout == LAY_T && nd < 2) layout = LAY_C;
    switch (layout) {
    case LAY_C:
        t->base = x;
        t->view = nd_slice(x, 0, NULL);
        x = NULL;
        break;
    case LAY_F: /* all axes reversed in memory */
        tmp = nd_transpose(x, NULL);
        t->base = nd_copy(tmp);
        t->view = nd_transpose(t->base, NULL);
        break;
    case LAY_T: /* the last two axes swapped in memory */
        tmp = nd_swapaxes(x, -1, -2);
        t->base = nd_copy(tmp);
        t->view = nd_swapaxes(t->base, -1, -2);
        break;
    case LAY_SLICED: { /* every other element of a larger array full of junk */
        int64_t big[ND_MAX_DIMS];
        nd_slice_t sl[ND_MAX_DIMS];
        for (int i = 0; i < nd; i++) {
            big[i] = 2 * in->shape[i] + 1;
            sl[i] = (nd_slice_t){1, ND_NONE, 2};
        }
        double junk = nd_dtype_is_float(in->dtype) ? 1e30 : in->dtype == ND_BOOL ? 1 : 77;
        t->base = nd_full(nd, big, in->dtype, junk);
        t->view = nd_slice(t->base, nd, sl);
        ND_ASSERT_OK(nd_copyto(t->view, x));
        break;
    }
    case LAY_NEG:
        tmp = nd_flip(x, ND_ALL_AXES, NULL);
        t->base = nd_copy(tmp);
        t->view = nd_flip(t->base, ND_ALL_AXES, NULL);
        break;
    }
    nd_free(tmp);
    nd_free(x);
    ND_ASSERT_ARRAY(t->view);
    ND_ASSERT_ARRAY(t->base);
    if (in->bndim) {
        nd_array *b = nd_broadcast_to(t->view, in->bndim, in->bshape);
        ND_ASSERT_ARRAY(b);
        nd_free(t->view);
        t->view = b;
    }
    t->nbytes = nd_nbytes(t->base);
    t->snap = malloc(t->nbytes + 1);
    memcpy(t->snap, nd_data(t->base), t->nbytes);
}

static bool tin_unchanged(const tin *t) {
    return memcmp(nd_data(t->base), t->snap, t->nbytes) == 0;
}

/* ---------------------------------------------------------------- running a case */

static nd_status st_of(const nd_array *r) { return r ? ND_OK : nd_last_status(); }

static nd_status call_op(const lc_case *c, const nd_array *a, const nd_array *b, nd_array **o) {
    const char *op = c->op;
    for (int i = 0; i < 4; i++) o[i] = NULL;
    nd_clear_error();
    if (!strcmp(op, "solve")) return st_of(o[0] = nd_linalg_solve(a, b));
    if (!strcmp(op, "inv")) return st_of(o[0] = nd_linalg_inv(a));
    if (!strcmp(op, "det")) return st_of(o[0] = nd_linalg_det(a));
    if (!strcmp(op, "slogdet")) return nd_linalg_slogdet(a, &o[0], &o[1]);
    if (!strcmp(op, "cholesky")) return st_of(o[0] = nd_linalg_cholesky(a, c->flag));
    if (!strcmp(op, "qr")) {
        if (c->flag == ND_QR_R) return nd_linalg_qr(a, ND_QR_R, NULL, &o[0]);
        return nd_linalg_qr(a, (nd_qr_mode)c->flag, &o[0], &o[1]);
    }
    if (!strcmp(op, "svd")) {
        if (c->flag2) return nd_linalg_svd(a, c->flag, true, &o[0], &o[1], &o[2]);
        return nd_linalg_svd(a, c->flag, false, NULL, &o[0], NULL);
    }
    if (!strcmp(op, "eigh")) return nd_linalg_eigh(a, c->flag, &o[0], &o[1]);
    if (!strcmp(op, "eigvalsh")) return st_of(o[0] = nd_linalg_eigvalsh(a, c->flag));
    if (!strcmp(op, "eig")) return nd_linalg_eig(a, &o[0], &o[1], &o[2], &o[3]);
    if (!strcmp(op, "eigvals")) return nd_linalg_eigvals(a, &o[0], &o[1]);
    if (!strcmp(op, "lstsq")) return nd_linalg_lstsq(a, b, c->param, &o[0], &o[1], &o[2], &o[3]);
    if (!strcmp(op, "pinv")) return st_of(o[0] = nd_linalg_pinv(a, c->param));
    if (!strcmp(op, "matrix_rank")) return st_of(o[0] = nd_linalg_matrix_rank(a, c->param));
    if (!strcmp(op, "norm"))
        return st_of(o[0] = nd_linalg_norm(a, c->ord, c->naxes, c->axes, c->flag));
    if (!strcmp(op, "cond")) return st_of(o[0] = nd_linalg_cond(a, c->ord));
    fail_msg("unknown op %s", op);
    return ND_ERR_VALUE;
}

/* Worst error seen, as a fraction of the allowed tolerance, per test. */
static double g_worst;

static double rel_err(double g, double e) {
    if (isnan(e) && isnan(g)) return 0;
    if (isinf(e) && g == e) return 0;
    double scale = fabs(e) > 1 ? fabs(e) : 1;
    double d = fabs(g - e) / scale;
    return isnan(d) ? INFINITY : d;
}

/* Element-wise comparison of n values (optionally of absolute values);
 * keep(i) selects which elements count (NULL: all). */
typedef bool (*keep_fn)(int64_t i, const int64_t *shape, int ndim, int64_t k);

static bool keep_cols(int64_t i, const int64_t *shape, int ndim, int64_t k) {
    return i % shape[ndim - 1] < k;
}
static bool keep_rows(int64_t i, const int64_t *shape, int ndim, int64_t k) {
    return (i / shape[ndim - 1]) % shape[ndim - 2] < k;
}

static bool compare(const char *what, const double *got, const double *exp, int64_t n,
                    double tol, bool absval, keep_fn keep, const int64_t *shape, int ndim,
                    int64_t k) {
    for (int64_t i = 0; i < n; i++) {
        if (keep && !keep(i, shape, ndim, k)) continue;
        double g = absval ? fabs(got[i]) : got[i];
        double d = rel_err(g, exp[i]);
        if (tol > 0 && d / tol > g_worst) g_worst = d / tol;
        if (!(d <= tol)) {
            print_message("    %s[%lld]: got %.17g, expected %.17g (tol %g)\n", what,
                          (long long)i, g, exp[i], tol);
            return false;
        }
    }
    return true;
}

/* The output as C-ordered doubles (a new array), after checking its
 * dtype and shape against the expected ones. */
static nd_array *as_f64(const char *what, const nd_array *got, const lc_output *o) {
    if (!got) {
        print_message("    %s: missing\n", what);
        return NULL;
    }
    bool ok = nd_dtype_of(got) == o->dtype && nd_ndim(got) == o->ndim;
    for (int i = 0; ok && i < o->ndim; i++) ok = nd_shape(got)[i] == o->shape[i];
    if (!ok) {
        print_message("    %s: dtype %s ndim %d, expected %s ndim %d (or a shape differs)\n", what,
                      nd_dtype_name(nd_dtype_of(got)), nd_ndim(got), nd_dtype_name(o->dtype),
                      o->ndim);
        return NULL;
    }
    nd_array *d = nd_astype(got, ND_FLOAT64);
    ND_ASSERT_ARRAY(d);
    return d;
}

static const double *dv(const nd_array *a) { return (const double *)nd_data(a); }

/* ---------------------------------------------------------------- identities */

/* c (n x m) = a (n x k) b (k x m), row-major doubles. */
static void mm(const double *a, const double *b, double *c, int64_t n, int64_t k, int64_t m) {
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < m; j++) {
            double s = 0;
            for (int64_t t = 0; t < k; t++) s += a[i * k + t] * b[t * m + j];
            c[i * m + j] = s;
        }
}

static double max_abs(const double *p, int64_t n) {
    double m = 0;
    for (int64_t i = 0; i < n; i++)
        if (fabs(p[i]) > m) m = fabs(p[i]);
    return m;
}

/* |x - y| <= bound element-wise over n values */
static bool close_all(const char *what, const double *x, const double *y, int64_t n, double bound) {
    for (int64_t i = 0; i < n; i++)
        if (!(fabs(x[i] - y[i]) <= bound)) {
            print_message("    identity %s: element %lld is %.17g, expected %.17g (bound %g)\n",
                          what, (long long)i, x[i], y[i], bound);
            return false;
        }
    return true;
}

/* x^T x = I for the n x m row-major x (orthonormal columns) */
static bool orthonormal_cols(const char *what, const double *x, int64_t n, int64_t m,
                             double bound) {
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < m; j++) {
            double s = 0;
            for (int64_t t = 0; t < n; t++) s += x[t * m + i] * x[t * m + j];
            if (!(fabs(s - (i == j)) <= bound)) {
                print_message("    identity %s: column dot (%lld, %lld) = %.17g\n", what,
                              (long long)i, (long long)j, s);
                return false;
            }
        }
    return true;
}

/* The symmetric matrix read from one triangle of a (n x n). */
static void sym_from(const double *a, double *s, int64_t n, bool upper) {
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++) {
            int64_t lo = i < j ? i : j, hi = i < j ? j : i;
            s[i * n + j] = upper ? a[lo * n + hi] : a[hi * n + lo];
        }
}

static void transpose(const double *a, double *t, int64_t n, int64_t m) {
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
}

/* Checks the identities of one case on every matrix of the batch. A holds
 * the input as doubles (broadcast batch materialised). */
static bool identities(const lc_case *c, const nd_array *A, nd_array *const *o) {
    const char *op = c->op;
    int nd = nd_ndim(A);
    if (nd < 2) return true;
    int64_t m = nd_shape(A)[nd - 2], n = nd_shape(A)[nd - 1], k = m < n ? m : n;
    if (m == 0 || n == 0) return true;
    int64_t nb = nd_size(A) / (m * n);
    double tol = c->tol > 1e-12 ? c->tol : 1e-12;
    nd_array *d[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < 4; i++)
        if (o[i]) d[i] = nd_astype(o[i], ND_FLOAT64);
    int64_t big = m > n ? m : n;
    double *w1 = calloc((size_t)(big * big), sizeof(double));
    double *w2 = calloc((size_t)(big * big), sizeof(double));
    double *w3 = calloc((size_t)(big * big), sizeof(double));
    bool ok = true;
    for (int64_t bi = 0; ok && bi < nb; bi++) {
        const double *a = dv(A) + bi * m * n;
        double bound = 8 * tol * (1 + max_abs(a, m * n)) * (double)big;
        if (!strcmp(op, "inv")) { /* A inv(A) = I */
            const double *x = dv(d[0]) + bi * n * n;
            mm(a, x, w1, n, n, n);
            for (int64_t i = 0; i < n * n; i++) w2[i] = i % (n + 1) == 0;
            ok = close_all("A inv(A) = I", w1, w2, n * n, bound * (1 + max_abs(x, n * n)));
        } else if (!strcmp(op, "cholesky")) { /* L L^T = A or U^T U = A */
            const double *f = dv(d[0]) + bi * n * n;
            sym_from(a, w3, n, c->flag);
            transpose(f, w2, n, n);
            if (c->flag) mm(w2, f, w1, n, n, n);
            else mm(f, w2, w1, n, n, n);
            ok = close_all(c->flag ? "U^T U = A" : "L L^T = A", w1, w3, n * n, bound);
        } else if (!strcmp(op, "qr") && c->flag != ND_QR_R) { /* Q R = A, Q^T Q = I */
            int64_t qc = c->flag == ND_QR_COMPLETE ? m : k;
            const double *q = dv(d[0]) + bi * m * qc, *r = dv(d[1]) + bi * qc * n;
            mm(q, r, w1, m, qc, n);
            ok = close_all("Q R = A", w1, a, m * n, bound) &&
                 orthonormal_cols("Q^T Q = I", q, m, qc, 8 * tol * (double)big);
        } else if (!strcmp(op, "svd") && c->flag2) { /* U S Vt = A */
            int64_t uc = c->flag ? m : k, vr = c->flag ? n : k;
            const double *u = dv(d[0]) + bi * m * uc, *s = dv(d[1]) + bi * k,
                         *vt = dv(d[2]) + bi * vr * n;
            for (int64_t i = 0; i < m; i++) /* w2 = U[:, :k] diag(s) */
                for (int64_t j = 0; j < k; j++) w2[i * k + j] = u[i * uc + j] * s[j];
            mm(w2, vt, w1, m, k, n); /* the first k rows of vt */
            transpose(vt, w3, vr, n);
            ok = close_all("U S Vt = A", w1, a, m * n, bound) &&
                 orthonormal_cols("U^T U = I", u, m, uc, 8 * tol * (double)big) &&
                 orthonormal_cols("V^T V = I", w3, n, vr, 8 * tol * (double)big);
        } else if (!strcmp(op, "eigh")) { /* A v = v diag(w), v^T v = I */
            const double *w = dv(d[0]) + bi * n, *v = dv(d[1]) + bi * n * n;
            sym_from(a, w3, n, c->flag);
            mm(w3, v, w1, n, n, n);
            for (int64_t i = 0; i < n * n; i++) w2[i] = v[i] * w[i % n];
            ok = close_all("A v = v w", w1, w2, n * n, bound) &&
                 orthonormal_cols("v^T v = I", v, n, n, 8 * tol * (double)big);
        } else if (!strcmp(op, "eig")) { /* A (vr + i vi) = (vr + i vi) diag(wr + i wi) */
            const double *wr = dv(d[0]) + bi * n, *wi = dv(d[1]) + bi * n;
            const double *vr = dv(d[2]) + bi * n * n, *vi = dv(d[3]) + bi * n * n;
            mm(a, vr, w1, n, n, n);
            mm(a, vi, w3, n, n, n);
            for (int64_t i = 0; ok && i < n * n; i++) {
                int64_t j = i % n;
                double re = vr[i] * wr[j] - vi[i] * wi[j], im = vr[i] * wi[j] + vi[i] * wr[j];
                double bnd = bound * (1 + fabs(wr[j]) + fabs(wi[j]));
                ok = close_all("A v = v w (re)", &w1[i], &re, 1, bnd) &&
                     close_all("A v = v w (im)", &w3[i], &im, 1, bnd);
            }
            for (int64_t j = 0; ok && j < n; j++) { /* unit 2-norm columns */
                double s = 0;
                for (int64_t i = 0; i < n; i++)
                    s += vr[i * n + j] * vr[i * n + j] + vi[i * n + j] * vi[i * n + j];
                ok = close_all("|v| = 1", &s, &(double){1}, 1, 8 * tol * (double)big);
            }
        }
    }
    free(w1);
    free(w2);
    free(w3);
    for (int i = 0; i < 4; i++) nd_free(d[i]);
    return ok;
}

/* ---------------------------------------------------------------- comparisons */

/* Sorts each length-n group of (re, im) pairs, carrying a permutation. */
static void sort_pairs(const double *re, const double *im, int64_t n, int64_t *perm) {
    for (int64_t i = 0; i < n; i++) perm[i] = i;
    for (int64_t i = 1; i < n; i++) /* insertion sort: n is small */
        for (int64_t j = i; j > 0; j--) {
            int64_t p = perm[j - 1], q = perm[j];
            bool gt = re[p] > re[q] || (re[p] == re[q] && im[p] > im[q]);
            if (!gt) break;
            perm[j - 1] = q;
            perm[j] = p;
        }
}

/* eig / eigvals: eigenvalues sorted by (re, im), |v| in that order. */
static bool compare_eig(const lc_case *c, nd_array *const *d) {
    const lc_output *o = c->out;
    int64_t n = o[0].ndim ? o[0].shape[o[0].ndim - 1] : 0;
    if (n == 0) return true;
    int64_t nb = nd_size(d[0]) / n;
    int64_t *perm = malloc(sizeof(int64_t) * (size_t)n);
    double *buf = malloc(sizeof(double) * (size_t)(n * n + 2 * n));
    bool ok = true;
    for (int64_t b = 0; ok && b < nb; b++) {
        const double *wr = dv(d[0]) + b * n, *wi = dv(d[1]) + b * n;
        sort_pairs(wr, wi, n, perm);
        for (int64_t j = 0; j < n; j++) {
            buf[j] = wr[perm[j]];
            buf[n + j] = wi[perm[j]];
        }
        ok = compare("w_re (sorted)", buf, &lc_pool[o[0].off] + b * n, n, c->tol, false, NULL, NULL,
                     0, 0) &&
             compare("w_im (sorted)", buf + n, &lc_pool[o[1].off] + b * n, n, c->tol, false, NULL,
                     NULL, 0, 0);
        if (!ok || !d[2]) continue;
        const double *vr = dv(d[2]) + b * n * n, *vi = dv(d[3]) + b * n * n;
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                buf[i * n + j] = hypot(vr[i * n + perm[j]], vi[i * n + perm[j]]);
        ok = compare("|v| (sorted)", buf, &lc_pool[o[2].off] + b * n * n, n * n, c->tol, false,
                     NULL, NULL, 0, 0);
    }
    free(perm);
    free(buf);
    return ok;
}

static bool compare_outputs(const lc_case *c, nd_array *const *o) {
    static const char *const names[4] = {"out0", "out1", "out2", "out3"};
    nd_array *d[4] = {NULL, NULL, NULL, NULL};
    bool ok = true;
    int nout = c->nout;
    for (int i = 0; ok && i < nout; i++) {
        d[i] = as_f64(names[i], o[i], &c->out[i]);
        ok = d[i] != NULL;
    }
    bool eig = !strcmp(c->op, "eig") || !strcmp(c->op, "eigvals");
    if (ok && !strcmp(c->op, "eig")) { /* v_im: shape and dtype only */
        nd_free(d[3]);
        d[3] = nd_astype(o[3], ND_FLOAT64);
    }
    if (ok && eig) {
        ok = compare_eig(c, d);
    } else if (ok) {
        for (int i = 0; ok && i < nout; i++) {
            const lc_output *e = &c->out[i];
            int64_t n = nd_size(d[i]);
            bool absval = false;
            keep_fn keep = NULL;
            int64_t k = 0;
            if (e->ndim >= 2) {
                int64_t r = e->shape[e->ndim - 2], cc = e->shape[e->ndim - 1];
                k = r < cc ? r : cc;
            }
            if (c->cmp == 1) {
                bool qr_q = !strcmp(c->op, "qr") && c->flag != ND_QR_R && i == 0;
                bool svd_u = !strcmp(c->op, "svd") && c->flag2 && i == 0;
                bool svd_v = !strcmp(c->op, "svd") && c->flag2 && i == 2;
                absval = !strcmp(c->op, "qr") || svd_u || svd_v ||
                         (!strcmp(c->op, "eigh") && i == 1);
                /* only the first min(M, N) columns of Q and U, rows of Vt, are unique */
                if (qr_q || svd_u) {
                    int64_t mm_ = e->shape[e->ndim - 2],
                            nn = c->out[qr_q ? 1 : 2].shape[c->out[qr_q ? 1 : 2].ndim - 1];
                    k = mm_ < nn ? mm_ : nn;
                    keep = keep_cols;
                }
                if (svd_v) {
                    int64_t nn = e->shape[e->ndim - 1], mm_ = c->out[0].shape[c->out[0].ndim - 2];
                    k = mm_ < nn ? mm_ : nn;
                    keep = keep_rows;
                }
            } else if (c->cmp == 2 && !(!strcmp(c->op, "svd") && i == 1)) {
                continue; /* rank-deficient svd: vectors by identities only */
            }
            ok = compare(names[i], dv(d[i]), &lc_pool[e->off], n, c->tol, absval, keep, e->shape,
                         e->ndim, k);
        }
    }
    for (int i = 0; i < 4; i++) nd_free(d[i]);
    return ok;
}

static void describe(int ci, int layout) {
    const lc_case *c = &lc_cases[ci];
    const lc_input *a = &lc_inputs[c->a];
    char s[128] = "";
    for (int i = 0; i < a->ndim; i++)
        snprintf(s + strlen(s), sizeof s - strlen(s), i ? ",%lld" : "%lld", (long long)a->shape[i]);
    print_message("case %d: %s on %s (%s) a of shape (%s)%s, ord %s flag %d flag2 %d\n", ci, c->op,
                  layout_name[layout], nd_dtype_name(a->dtype), s, a->bndim ? " broadcast" : "",
                  c->ord ? c->ord : "None", c->flag, c->flag2);
}

#ifndef ND_BLAS_OPENBLAS
/* True when input idx holds a NaN. */
static bool input_has_nan(int idx) {
    const lc_input *in = &lc_inputs[idx];
    int64_t n = 1;
    for (int d = 0; d < in->ndim; d++) n *= in->shape[d];
    for (int64_t j = 0; j < n; j++)
        if (isnan(lc_pool[in->off + j])) return true;
    return false;
}
#endif

/* NumPy's cases come from NumPy on OpenBLAS, whose potrf lets NaN through
 * (NaN results). The reference LAPACK's potrf stops at a NaN pivot and
 * reports the matrix as not positive definite (README, "Choosing a BLAS"):
 * in a build against another BLAS/LAPACK, that answer is the expected one. */
static nd_status expected_status(const lc_case *c) {
#ifndef ND_BLAS_OPENBLAS
    if (!strcmp(c->op, "cholesky") && c->status == ND_OK && input_has_nan(c->a)) return ND_ERR_LINALG;
#endif
    return c->status;
}

/* Runs case ci in one layout; returns true on success. */
static bool run_one(int ci, int layout) {
    const lc_case *c = &lc_cases[ci];
    tin ta = {0}, tb = {0};
    make_input(c->a, layout, &ta);
    if (c->b >= 0) make_input(c->b, layout, &tb);
    nd_array *o[4];
    nd_status st = call_op(c, ta.view, tb.view, o);
    bool ok = true;
    if (st != expected_status(c)) {
        describe(ci, layout);
        print_message("    status %s (%s), expected %s\n", nd_status_name(st), nd_errmsg(),
                      nd_status_name(c->status));
        ok = false;
    } else if (st != ND_OK) {
        const char *want = c->status == ND_OK ? "not positive definite" : c->msg;
        if (!strstr(nd_errmsg(), want)) {
            describe(ci, layout);
            print_message("    message '%s' lacks '%s'\n", nd_errmsg(), want);
            ok = false;
        }
        for (int i = 0; i < 4; i++)
            if (o[i]) {
                describe(ci, layout);
                print_message("    output %d set on error\n", i);
                ok = false;
            }
    } else {
        ok = compare_outputs(c, o);
        bool finite = true; /* identities only hold for finite results */
        for (int i = 0; i < c->nout; i++) {
            const lc_output *e = &c->out[i];
            int64_t n = 1;
            for (int d = 0; d < e->ndim; d++) n *= e->shape[d];
            for (int64_t j = 0; j < n; j++) finite = finite && isfinite(lc_pool[e->off + j]);
        }
        if (ok && finite && (c->cmp != 0 || !strcmp(c->op, "inv") || !strcmp(c->op, "cholesky"))) {
            nd_array *A = nd_astype(ta.view, ND_FLOAT64);
            ok = identities(c, A, o);
            nd_free(A);
        }
        if (!ok) describe(ci, layout);
    }
    if (!tin_unchanged(&ta) || (c->b >= 0 && !tin_unchanged(&tb))) {
        describe(ci, layout);
        print_message("    an input was modified\n");
        ok = false;
    }
    for (int i = 0; i < 4; i++) nd_free(o[i]);
    tin_free(&ta);
    tin_free(&tb);
    nd_clear_error();
    return ok;
}

static void run_cases(const char *op) {
    int ran = 0, failed = 0;
    g_worst = 0;
    for (int ci = 0; ci < NUM_CASES; ci++) {
        const lc_case *c = &lc_cases[ci];
        if (strcmp(c->op, op)) continue;
        int nlay = c->status == ND_OK ? NUM_LAYOUTS : 1;
        for (int l = 0; l < nlay; l++) {
            ran++;
            if (!run_one(ci, l)) failed++;
        }
    }
    print_message("%s: %d runs, worst error %.3g of the tolerance\n", op, ran, g_worst);
    if (ran == 0) fail_msg("no generated case for %s", op);
    if (failed) fail_msg("%s: %d of %d runs failed (see above)", op, failed, ran);
}

#define CASE_TEST(name) \
    static void test_cases_##name(void **state) { (void)state; run_cases(#name); }
CASE_TEST(solve)
CASE_TEST(inv)
CASE_TEST(det)
CASE_TEST(slogdet)
CASE_TEST(cholesky)
CASE_TEST(qr)
CASE_TEST(svd)
CASE_TEST(eigh)
CASE_TEST(eigvalsh)
CASE_TEST(eig)
CASE_TEST(eigvals)
CASE_TEST(lstsq)
CASE_TEST(pinv)
CASE_TEST(matrix_rank)

/* ---------------------------------------------------------------- hand-written tests */

/* A random n x n float64 matrix (values in [-1, 1)) plus shift * I. */
static nd_array *rand_matrix(nd_rng *rng, int64_t m, int64_t n, double shift, nd_dtype dt) {
    int64_t shape[2] = {m, n};
    nd_array *r = nd_random_uniform(rng, -1, 1, 2, shape, ND_FLOAT64);
    ND_ASSERT_ARRAY(r);
    double *p = nd_data(r);
    for (int64_t i = 0; i < m && i < n; i++) p[i * n + i] += shift;
    nd_array *c = nd_astype(r, dt);
    nd_free(r);
    return c;
}

static void free_outs(nd_array **o) {
    for (int i = 0; i < 4; i++) {
        nd_free(o[i]);
        o[i] = NULL;
    }
}

/* Larger matrices take LAPACK's blocked paths (and the tiled copies). */
static void test_larger(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 7);
    for (int t = 0; t < 2; t++) {
        nd_dtype dt = t ? ND_FLOAT32 : ND_FLOAT64;
        double tol = t ? 2e-3 : 1e-9;
        int64_t n = 150;
        nd_array *a = rand_matrix(&rng, n, n, 20, dt);
        nd_array *at = nd_transpose(a, NULL);
        lc_case c = {.op = "inv", .tol = tol};
        nd_array *o[4] = {nd_linalg_inv(at), NULL, NULL, NULL};
        ND_ASSERT_ARRAY(o[0]);
        nd_array *A = nd_astype(at, ND_FLOAT64);
        assert_true(identities(&c, A, o));
        free_outs(o);
        /* svd of a tall slice, eigh, qr */
        nd_array *tall = nd_view(a, "::-1, 10:90");
        c = (lc_case){.op = "svd", .flag = 0, .flag2 = 1, .tol = tol};
        ND_ASSERT_OK(nd_linalg_svd(tall, false, true, &o[0], &o[1], &o[2]));
        nd_array *T = nd_astype(tall, ND_FLOAT64);
        assert_true(identities(&c, T, o));
        free_outs(o);
        c = (lc_case){.op = "qr", .flag = ND_QR_COMPLETE, .tol = tol};
        ND_ASSERT_OK(nd_linalg_qr(tall, ND_QR_COMPLETE, &o[0], &o[1]));
        assert_true(identities(&c, T, o));
        free_outs(o);
        nd_array *s = nd_add(a, at);
        c = (lc_case){.op = "eigh", .tol = tol};
        ND_ASSERT_OK(nd_linalg_eigh(s, false, &o[0], &o[1]));
        nd_array *S = nd_astype(s, ND_FLOAT64);
        assert_true(identities(&c, S, o));
        free_outs(o);
        c = (lc_case){.op = "eig", .tol = tol};
        ND_ASSERT_OK(nd_linalg_eig(a, &o[0], &o[1], &o[2], &o[3]));
        nd_free(A);
        A = nd_astype(a, ND_FLOAT64);
        assert_true(identities(&c, A, o));
        free_outs(o);
        nd_free(S);
        nd_free(s);
        nd_free(T);
        nd_free(tall);
        nd_free(A);
        nd_free(at);
        nd_free(a);
    }
}

/* solve with many right-hand sides: A X = B checked by the product. */
static void test_solve_identity(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 11);
    int64_t n = 64, k = 40;
    nd_array *a = rand_matrix(&rng, n, n, 10, ND_FLOAT64);
    nd_array *b = rand_matrix(&rng, n, k, 0, ND_FLOAT64);
    nd_array *bt = nd_transpose(b, NULL), *bc = nd_copy(bt), *bv = nd_transpose(bc, NULL);
    nd_array *x = nd_linalg_solve(a, bv); /* b in F order */
    ND_ASSERT_ARRAY(x);
    double *ax = malloc(sizeof(double) * (size_t)(n * k));
    mm(dv(a), dv(x), ax, n, n, k);
    for (int64_t i = 0; i < n * k; i++) assert_true(fabs(ax[i] - dv(b)[i]) < 1e-10);
    free(ax);
    nd_free(x);
    nd_free(bv);
    nd_free(bc);
    nd_free(bt);
    nd_free(b);
    nd_free(a);
}

static void test_null_args(void **state) {
    (void)state;
    nd_array *a = nd_eye(2, -1, 0, ND_FLOAT64), *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
    nd_clear_error();
    assert_null(nd_linalg_solve(NULL, a));
    ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'a' is NULL");
    assert_null(nd_linalg_solve(a, NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "argument 'b' is NULL");
    assert_null(nd_linalg_inv(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_inv");
    assert_null(nd_linalg_det(NULL));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_det");
    assert_int_equal(nd_linalg_slogdet(a, NULL, &o2), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'sign'");
    assert_null(nd_linalg_cholesky(NULL, false));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_cholesky");
    assert_int_equal(nd_linalg_qr(a, ND_QR_REDUCED, NULL, &o2), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'q'");
    assert_int_equal(nd_linalg_qr(a, (nd_qr_mode)7, &o1, &o2), ND_ERR_VALUE);
    ND_ASSERT_ERROR(ND_ERR_VALUE, "unknown mode");
    assert_int_equal(nd_linalg_svd(a, true, true, NULL, &o2, &o3), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'u'");
    assert_int_equal(nd_linalg_svd(a, true, false, NULL, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'s'");
    assert_int_equal(nd_linalg_eigh(a, false, &o1, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'v'");
    assert_int_equal(nd_linalg_eig(a, &o1, &o2, &o3, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'v_im'");
    assert_int_equal(nd_linalg_eigvals(NULL, &o1, &o2), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'a'");
    assert_int_equal(nd_linalg_lstsq(a, a, -1, NULL, NULL, NULL, NULL), ND_ERR_NULL);
    ND_ASSERT_ERROR(ND_ERR_NULL, "'x'");
    assert_null(nd_linalg_pinv(NULL, -1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_pinv");
    assert_null(nd_linalg_matrix_rank(NULL, -1));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_matrix_rank");
    /* a pending error is kept: the first failure in a chain is reported */
    nd_array *bad = nd_linalg_inv(NULL);
    assert_null(nd_linalg_det(bad));
    ND_ASSERT_ERROR(ND_ERR_NULL, "nd_linalg_inv");
    (void)o4;
    nd_free(a);
}

/* Optional outputs: lstsq's may be NULL; eig without vectors; on error the
 * requested outputs are NULL. */
static void test_optional_outputs(void **state) {
    (void)state;
    double av[6] = {1, 0, 0, 1, 1, 1}, bv[3] = {1, 2, 4};
    int64_t as[2] = {3, 2}, bs[1] = {3};
    nd_array *a = nd_test_array(ND_FLOAT64, 2, as, av), *b = nd_test_array(ND_FLOAT64, 1, bs, bv);
    nd_array *x = NULL, *res = (nd_array *)1, *rank = NULL, *s = NULL;
    ND_ASSERT_OK(nd_linalg_lstsq(a, b, -1, &x, NULL, &rank, NULL));
    double xe[2] = {4.0 / 3, 7.0 / 3};
    nd_test_expect(x, xe, 1e-14);
    assert_int_equal(nd_ndim(rank), 0);
    assert_int_equal(*(int64_t *)nd_data(rank), 2);
    nd_free(x);
    nd_free(rank);
    /* mismatched b: nothing is written to the outputs */
    nd_array *b4 = nd_zeros(1, (int64_t[]){4}, ND_FLOAT64);
    x = (nd_array *)1;
    rank = (nd_array *)1;
    s = (nd_array *)1;
    assert_int_equal(nd_linalg_lstsq(a, b4, -1, &x, &res, &rank, &s), ND_ERR_SHAPE);
    assert_ptr_equal(x, (nd_array *)1);
    assert_ptr_equal(res, (nd_array *)1);
    assert_ptr_equal(rank, (nd_array *)1);
    assert_ptr_equal(s, (nd_array *)1);
    nd_clear_error();
    nd_array *sq = nd_eye(3, -1, 0, ND_FLOAT32), *wr, *wi;
    ND_ASSERT_OK(nd_linalg_eig(sq, &wr, &wi, NULL, NULL));
    assert_int_equal(nd_dtype_of(wr), ND_FLOAT32);
    nd_free(wr);
    nd_free(wi);
    nd_array *sign = (nd_array *)1, *ld = (nd_array *)1;
    assert_int_equal(nd_linalg_slogdet(a, &sign, &ld), ND_ERR_SHAPE);
    assert_ptr_equal(sign, (nd_array *)1);
    assert_ptr_equal(ld, (nd_array *)1);
    nd_clear_error();
    nd_free(sq);
    nd_free(b4);
    nd_free(a);
    nd_free(b);
}

/* Dimensions beyond LAPACK's 32-bit integer are refused before any work. */
static void test_limits(void **state) {
    (void)state;
    nd_array *one = nd_zeros(2, (int64_t[]){1, 1}, ND_FLOAT64);
    int64_t huge[2] = {(int64_t)1 << 31, 2};
    nd_array *big = nd_broadcast_to(one, 2, huge);
    ND_ASSERT_ARRAY(big);
    nd_array *u, *s, *vt;
    assert_int_equal(nd_linalg_svd(big, false, true, &u, &s, &vt), ND_ERR_OVERFLOW);
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "LAPACK's integer");
    assert_null(nd_linalg_pinv(big, -1));
    ND_ASSERT_ERROR(ND_ERR_OVERFLOW, "LAPACK's integer");
    nd_free(big);
    nd_free(one);
}

/* Non-finite values: never a crash, NumPy's error or NaN result. */
static void test_nonfinite(void **state) {
    (void)state;
    double nanm[4] = {NAN, 1, 1, NAN}, infm[4] = {INFINITY, 1, 1, 2};
    int64_t sh[2] = {2, 2};
    for (int t = 0; t < 2; t++) {
        nd_dtype dt = t ? ND_FLOAT32 : ND_FLOAT64;
        nd_array *a = nd_test_array(dt, 2, sh, nanm), *b = nd_test_array(dt, 2, sh, infm);
        nd_array *r = nd_linalg_inv(a);
        ND_ASSERT_ARRAY(r); /* NaN in, NaN out */
        assert_int_equal(nd_dtype_of(r), dt);
        double rv;
        ND_ASSERT_OK(nd_get_f64(r, (int64_t[]){0, 0}, &rv));
        assert_true(isnan(rv));
        nd_free(r);
        nd_array *w, *v;
        nd_clear_error();
        r = nd_linalg_eigvalsh(a, false); /* NaN results, as NumPy */
        ND_ASSERT_ARRAY(r);
        nd_free(r);
        ND_ASSERT_OK(nd_linalg_eigh(b, true, &w, &v));
        nd_free(w);
        nd_free(v);
        nd_array *u, *s, *vt;
        ND_ASSERT_OK(nd_linalg_svd(b, true, true, &u, &s, &vt)); /* inf: NaN results */
        nd_free(u);
        nd_free(s);
        nd_free(vt);
        r = nd_linalg_matrix_rank(b, -1);
        ND_ASSERT_ARRAY(r);
        assert_int_equal(*(int64_t *)nd_data(r), 0);
        nd_free(r);
        r = nd_linalg_cond(b, NULL);
        ND_ASSERT_ARRAY(r);
        nd_free(r);
        nd_array *q, *rr;
        ND_ASSERT_OK(nd_linalg_qr(a, ND_QR_COMPLETE, &q, &rr));
        nd_free(q);
        nd_free(rr);
        nd_free(a);
        nd_free(b);
    }
}

/* ---------------------------------------------------------------- SVD fallback */

/* The test binary links libnd.a, so these definitions take the place of
 * LAPACKE's for libnd's calls: the next g_fail_gesdd (g_fail_gesvd) calls
 * report non-convergence, the others go to the real routine. */
static int g_fail_gesdd, g_fail_gesvd;

typedef lapack_int (*gesdd_fn)(int, char, lapack_int, lapack_int, double *, lapack_int, double *,
                               double *, lapack_int, double *, lapack_int, double *, lapack_int,
                               lapack_int *);
typedef lapack_int (*gesvd_fn)(int, char, char, lapack_int, lapack_int, double *, lapack_int,
                               double *, double *, lapack_int, double *, lapack_int, double *,
                               lapack_int);

lapack_int LAPACKE_dgesdd_work(int layout, char jobz, lapack_int m, lapack_int n, double *a,
                               lapack_int lda, double *s, double *u, lapack_int ldu, double *vt,
                               lapack_int ldvt, double *work, lapack_int lwork, lapack_int *iwork) {
    gesdd_fn real = (gesdd_fn)dlsym(RTLD_NEXT, "LAPACKE_dgesdd_work");
    if (lwork != -1 && g_fail_gesdd > 0) {
        g_fail_gesdd--;
        return 1;
    }
    return real ? real(layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork) : -1;
}

lapack_int LAPACKE_dgesvd_work(int layout, char jobu, char jobvt, lapack_int m, lapack_int n,
                               double *a, lapack_int lda, double *s, double *u, lapack_int ldu,
                               double *vt, lapack_int ldvt, double *work, lapack_int lwork) {
    gesvd_fn real = (gesvd_fn)dlsym(RTLD_NEXT, "LAPACKE_dgesvd_work");
    if (lwork != -1 && g_fail_gesvd > 0) {
        g_fail_gesvd--;
        return 2;
    }
    return real ? real(layout, jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork) : -1;
}

/* Where gesdd fails, gesvd's answer is returned (same singular values,
 * vectors satisfying the identities); where both fail, the error. */
static void test_svd_fallback(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 5);
    nd_array *a = rand_matrix(&rng, 7, 4, 1, ND_FLOAT64);
    nd_array *o[4] = {NULL, NULL, NULL, NULL}, *ref = NULL;
    ND_ASSERT_OK(nd_linalg_svd(a, false, false, NULL, &ref, NULL));
    nd_array *A = nd_astype(a, ND_FLOAT64);
    for (int full = 0; full < 2; full++) {
        g_fail_gesdd = 1;
        ND_ASSERT_OK(nd_linalg_svd(a, full, true, &o[0], &o[1], &o[2]));
        assert_int_equal(g_fail_gesdd, 0); /* the failure was consumed */
        nd_test_expect(o[1], nd_data(ref), 1e-13);
        lc_case c = {.op = "svd", .flag = full, .flag2 = 1, .tol = 1e-13};
        assert_true(identities(&c, A, o));
        free_outs(o);
    }
    g_fail_gesdd = 1;
    nd_array *p = nd_linalg_pinv(a, -1);
    ND_ASSERT_ARRAY(p);
    nd_array *p2 = nd_linalg_pinv(a, -1);
    nd_test_expect(p, nd_data(p2), 1e-12);
    nd_free(p);
    nd_free(p2);
    /* both fail: the error, nothing returned */
    g_fail_gesdd = 1;
    g_fail_gesvd = 1;
    o[0] = o[1] = o[2] = (nd_array *)1;
    assert_int_equal(nd_linalg_svd(a, true, true, &o[0], &o[1], &o[2]), ND_ERR_LINALG);
    ND_ASSERT_ERROR(ND_ERR_LINALG, "nd_linalg_svd: SVD did not converge");
    for (int i = 0; i < 3; i++) assert_ptr_equal(o[i], (nd_array *)1); /* untouched */
    g_fail_gesdd = 1;
    g_fail_gesvd = 1;
    assert_null(nd_linalg_pinv(a, -1));
    ND_ASSERT_ERROR(ND_ERR_LINALG, "nd_linalg_pinv: SVD did not converge");
    g_fail_gesdd = g_fail_gesvd = 0;
    nd_free(A);
    nd_free(ref);
    nd_free(a);
}

/* ---------------------------------------------------------------- allocation failures */

/* An allocator that fails the g_fail_at-th request (counting from 0). */
static int g_fail_at, g_allocs;

static void *failing_alloc(size_t size, size_t align, void *ctx) {
    (void)ctx;
    (void)align; /* nd__alloc asks for malloc's own 16-byte alignment */
    if (g_allocs++ == g_fail_at) return NULL;
    return malloc(size ? size : 1);
}

static void plain_free(void *p, void *ctx) {
    (void)ctx;
    free(p);
}

/* Every allocation each function makes fails in turn: the call reports
 * ND_ERR_NOMEM with every output NULL (or succeeds, when the failing
 * request is not needed), and nothing leaks (ASan). */
static void test_alloc_failures(void **state) {
    (void)state;
    nd_rng rng;
    nd_rng_seed(&rng, 3);
    nd_array *sq = rand_matrix(&rng, 5, 5, 4, ND_FLOAT64),
             *tall = rand_matrix(&rng, 6, 3, 2, ND_FLOAT32);
    nd_array *sqt = nd_transpose(sq, NULL);
    nd_array *spd = nd_add(sq, sqt); /* symmetric, diagonally dominant: positive definite */
    nd_array *b = rand_matrix(&rng, 6, 2, 0, ND_FLOAT32);
    static const char *const ops[] = {"solve", "inv", "det", "slogdet", "cholesky", "qr", "qr_c",
                                      "svd", "svdvals", "eigh", "eig", "lstsq", "pinv",
                                      "matrix_rank", "norm2", "cond", "cond1"};
    const nd_allocator failing = {failing_alloc, plain_free, NULL};
    for (size_t oi = 0; oi < sizeof ops / sizeof ops[0]; oi++) {
        const char *op = ops[oi];
        for (g_fail_at = 0;; g_fail_at++) {
            nd_array *o[4] = {NULL, NULL, NULL, NULL};
            nd_status st;
            g_allocs = 0;
            nd_clear_error();
            ND_ASSERT_OK(nd_set_allocator(&failing));
            if (!strcmp(op, "solve")) st = st_of(o[0] = nd_linalg_solve(sq, sq));
            else if (!strcmp(op, "inv")) st = st_of(o[0] = nd_linalg_inv(sq));
            else if (!strcmp(op, "det")) st = st_of(o[0] = nd_linalg_det(sq));
            else if (!strcmp(op, "slogdet")) st = nd_linalg_slogdet(sq, &o[0], &o[1]);
            else if (!strcmp(op, "cholesky")) st = st_of(o[0] = nd_linalg_cholesky(spd, true));
            else if (!strcmp(op, "qr")) st = nd_linalg_qr(tall, ND_QR_REDUCED, &o[0], &o[1]);
            else if (!strcmp(op, "qr_c")) st = nd_linalg_qr(tall, ND_QR_COMPLETE, &o[0], &o[1]);
            else if (!strcmp(op, "svd")) st = nd_linalg_svd(tall, true, true, &o[0], &o[1], &o[2]);
            else if (!strcmp(op, "svdvals"))
                st = nd_linalg_svd(sq, false, false, NULL, &o[0], NULL);
            else if (!strcmp(op, "eigh")) st = nd_linalg_eigh(spd, false, &o[0], &o[1]);
            else if (!strcmp(op, "eig")) st = nd_linalg_eig(sq, &o[0], &o[1], &o[2], &o[3]);
            else if (!strcmp(op, "lstsq"))
                st = nd_linalg_lstsq(tall, b, -1, &o[0], &o[1], &o[2], &o[3]);
            else if (!strcmp(op, "pinv")) st = st_of(o[0] = nd_linalg_pinv(tall, -1));
            else if (!strcmp(op, "matrix_rank")) st = st_of(o[0] = nd_linalg_matrix_rank(tall, -1));
            else if (!strcmp(op, "norm2"))
                st = st_of(o[0] = nd_linalg_norm(sq, "2", ND_ALL_AXES, NULL, true));
            else if (!strcmp(op, "cond")) st = st_of(o[0] = nd_linalg_cond(sq, NULL));
            else st = st_of(o[0] = nd_linalg_cond(sq, "1"));
            ND_ASSERT_OK(nd_set_allocator(NULL));
            bool hit = g_allocs > g_fail_at;
            if (st != ND_OK) {
                if (st != ND_ERR_NOMEM)
                    fail_msg("%s, allocation %d failing: %s", op, g_fail_at, nd_errmsg());
                for (int i = 0; i < 4; i++) assert_null(o[i]);
            }
            for (int i = 0; i < 4; i++) nd_free(o[i]);
            nd_clear_error();
            if (!hit) break; /* every allocation of the call has failed once */
            if (g_fail_at > 500) fail_msg("%s makes too many allocations", op);
        }
    }
    nd_free(b);
    nd_free(spd);
    nd_free(sqt);
    nd_free(tall);
    nd_free(sq);
}

/* ---------------------------------------------------------------- float32 cutoffs */

/* max|x| and max|x - y| of two arrays of one size, read as float64. */
static void max_diff(const nd_array *x, const nd_array *y, double *mag, double *diff) {
    nd_array *a = nd_astype(x, ND_FLOAT64), *b = nd_astype(y, ND_FLOAT64);
    ND_ASSERT_ARRAY(a);
    ND_ASSERT_ARRAY(b);
    const double *pa = nd_data(a), *pb = nd_data(b);
    *mag = *diff = 0;
    for (int64_t i = 0; i < nd_size(a); i++) {
        if (fabs(pb[i]) > *mag) *mag = fabs(pb[i]);
        if (!(fabs(pa[i] - pb[i]) <= *diff)) *diff = fabs(pa[i] - pb[i]);
    }
    nd_free(a);
    nd_free(b);
}

/* float32 pinv and lstsq cut singular values up to max(M, N, 8) *
 * FLT_EPSILON times the largest by default, the level of float32 rounding
 * noise: with max(M, N) * FLT_EPSILON alone, diag(1, 5 FLT_EPSILON) kept its
 * second value and gave entries near 1.7e6. */
static void test_f32_default_cutoff(void **state) {
    (void)state;
    const float e = FLT_EPSILON;
    nd_array *a = nd_from_data((const float[]){1, 0, 0, 5 * e}, 2, SH(2, 2), ND_FLOAT32);
    nd_array *b = nd_from_data((const float[]){1, 1}, 1, SH(2), ND_FLOAT32);
    nd_array *p = nd_linalg_pinv(a, -1);
    ND_ASSERT_ARRAY(p);
    nd_test_expect(p, V(1, 0, 0, 0), 1e-6);
    nd_free(p);
    nd_array *x = NULL, *rank = NULL;
    ND_ASSERT_OK(nd_linalg_lstsq(a, b, -1, &x, NULL, &rank, NULL));
    nd_test_expect(x, V(1, 0), 1e-6);
    nd_test_expect(rank, V(1), 0);
    nd_free(x);
    nd_free(rank);
    rank = nd_linalg_matrix_rank(a, -1); /* the same cutoff */
    ND_ASSERT_ARRAY(rank);
    nd_test_expect(rank, V(1), 0);
    nd_free(rank);
    /* an explicit rcond is used as given */
    p = nd_linalg_pinv(a, 1e-7);
    ND_ASSERT_ARRAY(p);
    nd_test_expect(p, V(1, 0, 0, 1 / (5.0 * e)), 1e-5);
    nd_free(p);
    /* from 8 rows or columns on, max(M, N) * FLT_EPSILON: diag(1, ..., 9 eps) of 9x9 keeps it */
    nd_array *d = nd_zeros(2, SH(9, 9), ND_FLOAT32);
    for (int64_t i = 0; i < 9; i++) ND_ASSERT_OK(nd_set_f64(d, SH(i, i), i == 8 ? 10 * e : 1));
    p = nd_linalg_pinv(d, -1);
    double v;
    ND_ASSERT_OK(nd_get_f64(p, SH(8, 8), &v));
    assert_true(fabs(v - 1 / (10.0 * e)) < 1e-5 / (10.0 * e));
    nd_free(p);
    nd_free(d);
    nd_free(b);
    nd_free(a);

    /* random exactly rank-deficient float32 matrices (integer factors, or
     * repeated columns): pinv and lstsq stay close to the float64
     * computation of the same values (NumPy's answer) */
    nd_rng rng;
    nd_rng_seed(&rng, 2024);
    const int64_t shapes[][2] = {{2, 2}, {3, 2}, {2, 3}, {3, 3}, {4, 4}, {5, 3}, {6, 9}, {12, 8}};
    double worst_p = 0, worst_x = 0;
    for (int it = 0; it < 160; it++) {
        int64_t m = shapes[it % 8][0], n = shapes[it % 8][1], k = m < n ? m : n;
        int64_t r = 1 + it % (k - 1);
        nd_array *m64;
        if (it % 2) {
            nd_array *f = nd_random_integers(&rng, -9, 10, 2, SH(m, r), ND_INT64);
            nd_array *g = nd_random_integers(&rng, -9, 10, 2, SH(r, n), ND_INT64);
            nd_array *fg = nd_matmul(f, g);
            m64 = nd_astype(fg, ND_FLOAT64);
            nd_free(fg);
            nd_free(g);
            nd_free(f);
        } else {
            nd_array *u = nd_random_uniform(&rng, -1, 1, 2, SH(m, n), ND_FLOAT32);
            m64 = nd_astype(u, ND_FLOAT64);
            nd_free(u);
            double *q = nd_data(m64);
            for (int64_t j = r; j < n; j++)
                for (int64_t i = 0; i < m; i++) q[i * n + j] = q[i * n + j % r] * ldexp(1, (int)(j % 3) - 1);
        }
        nd_array *m32 = nd_astype(m64, ND_FLOAT32);
        nd_array *b64 = nd_random_normal(&rng, 0, 1, 1, SH(m), ND_FLOAT64);
        nd_array *b32 = nd_astype(b64, ND_FLOAT32), *b64r = nd_astype(b32, ND_FLOAT64);
        nd_array *p32 = nd_linalg_pinv(m32, -1), *p64 = nd_linalg_pinv(m64, -1);
        nd_array *x32 = NULL, *x64 = nd_matmul(p64, b64r); /* the minimum-norm solution */
        ND_ASSERT_OK(nd_linalg_lstsq(m32, b32, -1, &x32, NULL, NULL, NULL));
        ND_ASSERT_ARRAY(p32);
        ND_ASSERT_ARRAY(x64);
        double mag, diff, pmax;
        max_diff(p32, p64, &mag, &diff);
        pmax = mag;
        if (diff / mag > worst_p) worst_p = diff / mag;
        max_diff(x32, x64, &mag, &diff);
        double bmax = 0;
        for (int64_t i = 0; i < m; i++) bmax = fmax(bmax, fabs(((const double *)nd_data(b64r))[i]));
        if (diff / (pmax * bmax) > worst_x) worst_x = diff / (pmax * bmax);
        nd_free(x32);
        nd_free(x64);
        nd_free(p32);
        nd_free(p64);
        nd_free(b64r);
        nd_free(b32);
        nd_free(b64);
        nd_free(m32);
        nd_free(m64);
    }
    if (!(worst_p < 1e-3) || !(worst_x < 1e-3))
        fail_msg("float32 against float64: pinv within %g, lstsq within %g", worst_p, worst_x);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_solve),     cmocka_unit_test(test_cases_inv),
        cmocka_unit_test(test_cases_det),       cmocka_unit_test(test_cases_slogdet),
        cmocka_unit_test(test_cases_cholesky),  cmocka_unit_test(test_cases_qr),
        cmocka_unit_test(test_cases_svd),       cmocka_unit_test(test_cases_eigh),
        cmocka_unit_test(test_cases_eigvalsh),  cmocka_unit_test(test_cases_eig),
        cmocka_unit_test(test_cases_eigvals),   cmocka_unit_test(test_cases_lstsq),
        cmocka_unit_test(test_cases_pinv),      cmocka_unit_test(test_cases_matrix_rank),
        cmocka_unit_test(test_larger),          cmocka_unit_test(test_solve_identity),
        cmocka_unit_test(test_null_args),       cmocka_unit_test(test_optional_outputs),
        cmocka_unit_test(test_limits),          cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_svd_fallback),    cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_f32_default_cutoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
