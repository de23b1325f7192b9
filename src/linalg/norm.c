/* np.linalg.norm and np.linalg.cond: vector and matrix norms over chosen
 * axes, written with the library's element-wise ops and reductions (and
 * the SVD for the 2-norm and nuclear norm of matrices), following NumPy
 * 1.24's norm() case by case so results and errors match. */
#include "linalg/lapack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum ord_kind { ORD_DEFAULT, ORD_FRO, ORD_NUC, ORD_NUM } ord_kind;

typedef struct norm_ord {
    ord_kind kind;
    double p; /* ORD_NUM */
} norm_ord;

static bool parse_ord(const char *fn, const char *ord, norm_ord *o) {
    o->p = 0;
    if (!ord) o->kind = ORD_DEFAULT;
    else if (!strcmp(ord, "fro") || !strcmp(ord, "f")) o->kind = ORD_FRO;
    else if (!strcmp(ord, "nuc")) o->kind = ORD_NUC;
    else {
        char *end;
        o->kind = ORD_NUM;
        o->p = strtod(ord, &end);
        while (*end == ' ') end++;
        if (end == ord || *end) {
            nd__error(ND_ERR_VALUE, fn, "invalid norm order '%s'", ord);
            return false;
        }
    }
    return true;
}

static bool is_num(const norm_ord *o, double p) { return o->kind == ORD_NUM && o->p == p; }

/* Passes r through; when it is NULL, re-records the pending error (from a
 * call into another public function) as coming from fn. */
static nd_array *named(const char *fn, nd_array *r) {
    if (r) return r;
    const char *msg = nd_errmsg();
    size_t n = strlen(fn);
    if (strncmp(msg, fn, n) != 0 || msg[n] != ':') {
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", msg);
        nd__error(nd_last_status() != ND_OK ? nd_last_status() : ND_ERR_VALUE, fn, "%s", copy);
    }
    return NULL;
}

/* The reductions used below, each consuming (freeing) its input. */
typedef nd_array *(*reduce_fn)(const nd_array *, int, const int *, bool);

static nd_array *reduce_free(reduce_fn f, nd_array *x, int naxes, const int *axes, bool keepdims) {
    nd_array *r = x ? f(x, naxes, axes, keepdims) : NULL;
    nd_free(x);
    return r;
}

static nd_array *unary_free(nd_array *(*f)(const nd_array *), nd_array *x) {
    nd_array *r = x ? f(x) : NULL;
    nd_free(x);
    return r;
}

/* x ** p for a float array x (freed), p as a 0-d array of x's dtype. */
static nd_array *power_free(nd_array *x, double p) {
    if (!x) return NULL;
    nd_array *e = nd_scalar(p, x->dtype);
    nd_array *r = e ? nd_power(x, e) : NULL;
    nd_free(e);
    nd_free(x);
    return r;
}

static nd_array *sumsq(const nd_array *x, int naxes, const int *axes, bool keepdims) {
    return unary_free(nd_sqrt, reduce_free(nd_sum, nd_multiply(x, x), naxes, axes, keepdims));
}

/* Reduces the singular values of the matrices in axes (row, col) with f. */
static nd_array *svd_norm(const char *fn, const nd_array *x, int row, int col, reduce_fn f) {
    int perm[ND_MAX_DIMS], n = 0;
    for (int i = 0; i < x->ndim; i++)
        if (i != row && i != col) perm[n++] = i;
    perm[n++] = row;
    perm[n++] = col;
    nd_array *y = nd_transpose(x, perm);
    nd_array *s = y ? nd__lp_svdvals(fn, y) : NULL;
    nd_free(y);
    int last = -1;
    return reduce_free(f, s, 1, &last, false);
}

/* f(sum(|x|, axis=sum_axis), axis=other), the induced 1- and inf-norms. */
static nd_array *abs_sum_then(const nd_array *x, int sum_axis, int other, reduce_fn f) {
    if (other > sum_axis) other--;
    nd_array *s = reduce_free(nd_sum, nd_abs(x), 1, &sum_axis, false);
    return reduce_free(f, s, 1, &other, false);
}

static nd_array *vector_norm(const char *fn, const nd_array *x, const char *ord_str,
                             const norm_ord *o, int axis, bool keepdims) {
    if (o->kind == ORD_FRO || o->kind == ORD_NUC) {
        nd__error(ND_ERR_VALUE, fn, "Invalid norm order '%s' for vectors", ord_str);
        return NULL;
    }
    if (o->kind == ORD_DEFAULT || is_num(o, 2)) return sumsq(x, 1, &axis, keepdims);
    if (is_num(o, INFINITY)) return reduce_free(nd_max, nd_abs(x), 1, &axis, keepdims);
    if (is_num(o, -INFINITY)) return reduce_free(nd_min, nd_abs(x), 1, &axis, keepdims);
    if (is_num(o, 1)) return reduce_free(nd_sum, nd_abs(x), 1, &axis, keepdims);
    if (is_num(o, 0)) {
        nd_array *z = nd_scalar(0, x->dtype);
        nd_array *nz = z ? nd_not_equal(x, z) : NULL;
        nd_array *f = nz ? nd_astype(nz, x->dtype) : NULL;
        nd_free(z);
        nd_free(nz);
        return reduce_free(nd_sum, f, 1, &axis, keepdims);
    }
    /* general p: NumPy takes the reciprocal in the result's dtype */
    nd_array *s = reduce_free(nd_sum, power_free(nd_abs(x), o->p), 1, &axis, keepdims);
    double inv = x->dtype == ND_FLOAT32 ? (double)(1.0f / (float)o->p) : 1.0 / o->p;
    return power_free(s, inv);
}

static nd_array *matrix_norm(const char *fn, const nd_array *x, const norm_ord *o, int row,
                             int col, bool keepdims) {
    nd_array *r;
    if (o->kind == ORD_DEFAULT || o->kind == ORD_FRO) {
        int ax[2] = {row, col};
        r = sumsq(x, 2, ax, false);
    } else if (o->kind == ORD_NUC) r = svd_norm(fn, x, row, col, nd_sum);
    else if (is_num(o, 2)) r = svd_norm(fn, x, row, col, nd_max);
    else if (is_num(o, -2)) r = svd_norm(fn, x, row, col, nd_min);
    else if (is_num(o, 1)) r = abs_sum_then(x, row, col, nd_max);
    else if (is_num(o, -1)) r = abs_sum_then(x, row, col, nd_min);
    else if (is_num(o, INFINITY)) r = abs_sum_then(x, col, row, nd_max);
    else if (is_num(o, -INFINITY)) r = abs_sum_then(x, col, row, nd_min);
    else {
        nd__error(ND_ERR_VALUE, fn, "Invalid norm order for matrices.");
        return NULL;
    }
    if (!r || !keepdims) return r;
    int64_t shape[ND_MAX_DIMS];
    for (int i = 0; i < x->ndim; i++) shape[i] = i == row || i == col ? 1 : x->shape[i];
    nd_array *k = nd_reshape(r, x->ndim, shape);
    nd_free(r);
    return k;
}

static nd_array *norm_impl(const char *fn, const nd_array *a, const char *ord, int naxes,
                           const int *axes, bool keepdims) {
    norm_ord o;
    if (!nd__check_array(fn, "a", a) || !parse_ord(fn, ord, &o) ||
        !nd__check_naxes(fn, naxes, axes, true))
        return NULL;
    if (naxes != ND_ALL_AXES && naxes > 0 && !axes) {
        nd__null_arg(fn, "axes");
        return NULL;
    }
    /* integers and bool are measured in float64 */
    nd_array *conv = nd_dtype_is_float(a->dtype) ? NULL : nd_astype(a, ND_FLOAT64);
    if (!nd_dtype_is_float(a->dtype) && !conv) return NULL;
    const nd_array *x = conv ? conv : a;
    nd_array *r = NULL;
    int ax[2];
    if (naxes == ND_ALL_AXES) {
        /* NumPy's fast path: the 2-norm of the flattened array */
        if (o.kind == ORD_DEFAULT || (o.kind == ORD_FRO && x->ndim == 2) ||
            (is_num(&o, 2) && x->ndim == 1)) {
            r = sumsq(x, ND_ALL_AXES, NULL, keepdims);
            goto done;
        }
        naxes = x->ndim;
        for (int i = 0; i < naxes && i < 2; i++) ax[i] = i;
    } else {
        for (int i = 0; i < naxes && i < 2; i++) ax[i] = axes[i];
    }
    if (naxes != 1 && naxes != 2) {
        nd__error(ND_ERR_VALUE, fn, "Improper number of dimensions to norm.");
        goto done;
    }
    for (int i = 0; i < naxes; i++)
        if (nd__sentinel_entry(fn, i, ax[i]) || !nd__norm_axis(fn, &ax[i], x->ndim)) goto done;
    if (naxes == 1) {
        r = vector_norm(fn, x, ord, &o, ax[0], keepdims);
    } else if (ax[0] == ax[1]) {
        nd__error(ND_ERR_VALUE, fn, "Duplicate axes given.");
    } else {
        r = matrix_norm(fn, x, &o, ax[0], ax[1], keepdims);
    }
done:
    nd_free(conv);
    return named(fn, r);
}

static nd_array *linalg_norm_body(const nd_array *a,
                                  const char *ord,
                                  int naxes,
                                  const int *axes,
                                  bool keepdims) {
    return norm_impl("nd_linalg_norm", a, ord, naxes, axes, keepdims);
}

nd_array *nd_linalg_norm(const nd_array *a,
                         const char *ord,
                         int naxes,
                         const int *axes,
                         bool keepdims) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_linalg_norm", mark, linalg_norm_body(a, ord, naxes, axes, keepdims));
}

/* ------------------------------------------------------------ cond */

static nd_array *linalg_cond_body(const nd_array *a, const char *ord) {
    static const char fn[] = "nd_linalg_cond";
    norm_ord o;
    if (!nd__lp_check_matrix(fn, "a", a, false) || !parse_ord(fn, ord, &o)) return NULL;
    int nd = a->ndim;
    int64_t m = a->shape[nd - 2], n = a->shape[nd - 1];
    if (m == 0 || n == 0) {
        nd__error(ND_ERR_LINALG, fn, "cond is not defined on empty arrays");
        return NULL;
    }
    lp_batch bt;
    nd__lp_batch_of(a, 2, &bt);
    nd_array *r = NULL;
    bool *singular = NULL;
    if (o.kind == ORD_DEFAULT || is_num(&o, 2) || is_num(&o, -2)) {
        /* ratio of the extreme singular values */
        nd_array *s = nd__lp_svdvals(fn, a);
        if (!s) return NULL;
        int64_t k = m < n ? m : n;
        r = nd__lp_new(fn, &bt, 0, NULL, s->dtype);
        for (int64_t i = 0; r && i < bt.count; i++) {
            double big = lp_get(s->data, s->dtype, i * k);
            double small = lp_get(s->data, s->dtype, i * k + k - 1);
            lp_set(r->data, r->dtype, i, is_num(&o, -2) ? small / big : big / small);
        }
        nd_free(s);
    } else {
        /* norm(a) * norm(inv(a)). A singular matrix gives NaN, made inf
         * below (NumPy's NaN-filled inverse makes the nuclear norm raise
         * "SVD did not converge"; libnd gives inf for every order). */
        singular = nd__lp_alloc(fn, bt.count, sizeof *singular);
        nd_array *inv = singular ? nd__lp_inv(fn, a, singular) : NULL;
        int ax[2] = {-2, -1};
        nd_array *na = inv ? norm_impl(fn, a, ord, 2, ax, false) : NULL;
        nd_array *ni = na ? norm_impl(fn, inv, ord, 2, ax, false) : NULL;
        r = ni ? nd_multiply(na, ni) : NULL;
        for (int64_t i = 0; r && i < bt.count; i++)
            if (singular[i]) lp_set(r->data, r->dtype, i, NAN);
        nd_free(inv);
        nd_free(na);
        nd_free(ni);
        nd__lp_free(singular);
    }
    if (!r) return named(fn, NULL);
    /* NaN (a singular matrix) becomes inf unless the matrix itself holds NaN */
    for (int64_t i = 0; i < bt.count; i++) {
        if (!isnan(lp_get(r->data, r->dtype, i))) continue;
        const char *p = nd__lp_block(a, 2, &bt, i);
        if (!nd__lp_has_nonfinite(p, a->dtype, m, n, a->strides[nd - 2], a->strides[nd - 1], false))
            lp_set(r->data, r->dtype, i, INFINITY);
    }
    return r;
}

nd_array *nd_linalg_cond(const nd_array *a, const char *ord) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_linalg_cond", mark, linalg_cond_body(a, ord));
}
