/* Searching and counting: searchsorted (NaN sorted last), diff, bincount and
 * histogram with equal bins, each following NumPy 1.24's rules. */
#include "ops/index_util.h"

#include <math.h>

/* NaN sorts after everything, as in NumPy; integers compare plainly. */
#define ND_LT_INT_(x, y) ((x) < (y))
#define ND_LT_FLT_(x, y) ((x) < (y) || ((y) != (y) && (x) == (x)))

/* ------------------------------------------------------------ searchsorted */

typedef void (*search_fn)(const char *a, int64_t n, const char *v, int64_t m, bool right,
                          int64_t *out);

#define DEF_SEARCH_(E, sfx, T, W, LT)                                              \
    static void search_##sfx(const char *ap, int64_t n, const char *vp, int64_t m, \
                             bool right, int64_t *out) {                           \
        const T *a = (const T *)ap, *v = (const T *)vp;                            \
        for (int64_t i = 0; i < m; i++) {                                          \
            T x = v[i];                                                            \
            int64_t lo = 0, hi = n;                                                \
            while (lo < hi) {                                                      \
                int64_t mid = lo + (hi - lo) / 2;                                  \
                bool go_right = right ? !LT(x, a[mid]) : LT(a[mid], x);            \
                if (go_right) lo = mid + 1;                                        \
                else hi = mid;                                                     \
            }                                                                      \
            out[i] = lo;                                                           \
        }                                                                          \
    }
ND_FOR_BOOL(DEF_SEARCH_, ND_LT_INT_)
ND_FOR_SIGNED(DEF_SEARCH_, ND_LT_INT_)
ND_FOR_UNSIGNED(DEF_SEARCH_, ND_LT_INT_)
ND_FOR_FLOAT(DEF_SEARCH_, ND_LT_FLT_)
#undef DEF_SEARCH_

static const search_fn search_fns[ND_NUM_DTYPES] = {
#define X_(E, sfx, T, W, ...) [E] = search_##sfx,
    ND_FOR_EACH_DTYPE(X_, ~)
#undef X_
};

/* a C-contiguous array of a's values in dtype dt: a itself (a new handle)
 * when it already is one. */
static nd_array *contiguous_as(const nd_array *a, nd_dtype dt) {
    return a->dtype == dt ? nd_ascontiguousarray(a) : nd_astype(a, dt);
}

static nd_array *searchsorted_body(const nd_array *a, const nd_array *v, bool right) {
    static const char fn[] = "nd_searchsorted";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "v", v)) return NULL;
    if (a->ndim != 1) {
        char s[ND_SHAPE_STR_CAP];
        nd__error(ND_ERR_SHAPE, fn, "a must be 1-D (got shape %s)",
                  nd__shape_str(s, sizeof s, a->ndim, a->shape));
        return NULL;
    }
    /* compared in the common dtype, as NumPy does */
    nd_dtype dt = nd_promote_types(a->dtype, v->dtype);
    nd_array *ac = contiguous_as(a, dt);
    nd_array *vc = ac ? contiguous_as(v, dt) : NULL;
    nd_array *r = vc ? nd__alloc_array(fn, v->ndim, v->shape, ND_INT64) : NULL;
    if (r) search_fns[dt](ac->data, ac->size, vc->data, vc->size, right, (int64_t *)r->data);
    nd_free(ac);
    nd_free(vc);
    return r;
}

nd_array *nd_searchsorted(const nd_array *a, const nd_array *v, bool right) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_searchsorted", mark, searchsorted_body(a, v, right));
}

/* ------------------------------------------------------------ diff */

static nd_array *diff_body(const nd_array *a, int n, int axis) {
    static const char fn[] = "nd_diff";
    if (!nd__check_array(fn, "a", a)) return NULL;
    if (a->ndim == 0) {
        nd__error(ND_ERR_VALUE, fn, "diff requires input that is at least one dimensional");
        return NULL;
    }
    if (n < 0) {
        nd__error(ND_ERR_VALUE, fn, "order must be non-negative but got %d", n);
        return NULL;
    }
    if (!nd__norm_axis(fn, &axis, a->ndim)) return NULL;
    if (n == 0) return nd_copy(a);
    /* a[1:] - a[:-1], n times; bool uses not_equal, as NumPy. Past the
     * axis's length the result stays empty, so stop there. */
    int64_t len = a->shape[axis];
    int rounds = (int64_t)n < len ? n : (int)len;
    if (rounds == 0) rounds = 1; /* an empty axis: one round gives the empty result */
    const nd_array *cur = a;
    nd_array *owned = NULL;
    for (int i = 0; i < rounds; i++) {
        int64_t m = cur->shape[axis];
        nd_array *hi = nd_slice_axis(cur, axis, m > 0 ? 1 : 0, ND_NONE, 1);
        nd_array *lo = nd_slice_axis(cur, axis, 0, m > 0 ? m - 1 : 0, 1);
        nd_array *next = NULL;
        if (hi && lo) next = a->dtype == ND_BOOL ? nd_not_equal(hi, lo) : nd_subtract(hi, lo);
        nd_free(hi);
        nd_free(lo);
        nd_free(owned);
        if (!next) return NULL;
        cur = owned = next;
    }
    return owned;
}

nd_array *nd_diff(const nd_array *a, int n, int axis) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_diff", mark, diff_body(a, n, axis));
}

/* ------------------------------------------------------------ bincount */

static bool check_1d(const char *fn, const char *name, const nd_array *x) {
    if (x->ndim == 1) return true;
    char s[ND_SHAPE_STR_CAP];
    nd__error(ND_ERR_SHAPE, fn, "%s must be 1-D (got shape %s)", name,
              nd__shape_str(s, sizeof s, x->ndim, x->shape));
    return false;
}

static nd_array *bincount_body(const nd_array *x, const nd_array *weights, int64_t minlength) {
    static const char fn[] = "nd_bincount";
    if (!nd__check_array(fn, "x", x)) return NULL;
    if (nd__kind(x->dtype) == ND_KIND_FLOAT) {
        nd__error(ND_ERR_DTYPE, fn, "x must be of integer (or boolean) type (got %s)",
                  nd__dtypes[x->dtype].name);
        return NULL;
    }
    if (!check_1d(fn, "x", x)) return NULL;
    if (minlength < 0) {
        nd__error(ND_ERR_VALUE, fn, "'minlength' must not be negative (got %lld)",
                  (long long)minlength);
        return NULL;
    }
    if (weights && !check_1d(fn, "weights", weights)) return NULL;
    if (weights && weights->shape[0] != x->shape[0]) {
        nd__error(ND_ERR_SHAPE, fn, "The weights and list don't have the same length (%lld and %lld).",
                  (long long)weights->shape[0], (long long)x->shape[0]);
        return NULL;
    }
    int64_t n = x->shape[0];
    int64_t xstep = x->strides[0] * (int64_t)nd__itemsize(x->dtype);
    int64_t hi = -1;
    for (int64_t i = 0; i < n; i++) {
        const char *p = x->data + i * xstep;
        int64_t v;
        bool fits = nd__ix_as_i64(x->dtype, p, &v);
        if (fits && v < 0) {
            nd__error(ND_ERR_VALUE, fn, "'list' argument must have no negative elements (found %lld)",
                      (long long)v);
            return NULL;
        }
        if (!fits || v == INT64_MAX) {
            nd__error(ND_ERR_VALUE, fn, "maximum value in x is too large for a bin count");
            return NULL;
        }
        if (v > hi) hi = v;
    }
    int64_t len = hi + 1 > minlength ? hi + 1 : minlength;
    nd_array *r = nd_zeros(1, &len, weights ? ND_FLOAT64 : ND_INT64);
    if (!r) return NULL;
    if (weights) {
        double *o = (double *)r->data;
        int64_t wstep = weights->strides[0] * (int64_t)nd__itemsize(weights->dtype);
        for (int64_t i = 0; i < n; i++) {
            int64_t v;
            nd__ix_as_i64(x->dtype, x->data + i * xstep, &v);
            o[v] += nd__ix_as_f64(weights->dtype, weights->data + i * wstep);
        }
    } else {
        int64_t *o = (int64_t *)r->data;
        for (int64_t i = 0; i < n; i++) {
            int64_t v;
            nd__ix_as_i64(x->dtype, x->data + i * xstep, &v);
            o[v]++;
        }
    }
    return r;
}

nd_array *nd_bincount(const nd_array *x, const nd_array *weights, int64_t minlength) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_array("nd_bincount", mark, bincount_body(x, weights, minlength));
}

/* ------------------------------------------------------------ histogram */

/* NumPy's block size: weighted sums are made in double per block of the
 * flattened input, then converted to the result dtype and added. */
#define HIST_BLOCK 65536

/* a value rounded to the edges' dtype */
static double in_dtype(double x, nd_dtype dt) { return dt == ND_FLOAT32 ? (double)(float)x : x; }

/* The data's range, NaN if any value is NaN (as a.min() and a.max()). */
static void data_range(const nd_array *a, double *mn, double *mx) {
    nd_ix_cursor c;
    nd__ix_cursor_of(&c, a);
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t j = 0; j < a->size; j++, nd__ix_cursor_next(&c)) {
        double x = nd__ix_as_f64(a->dtype, c.p);
        if (isnan(x)) {
            *mn = *mx = NAN;
            return;
        }
        if (x < lo) lo = x;
        if (x > hi) hi = x;
    }
    *mn = lo;
    *mx = hi;
}

static nd_status histogram_body(const nd_array *a,
                                int64_t bins,
                                double lo,
                                double hi,
                                const nd_array *weights,
                                nd_array **hist,
                                nd_array **edges) {
    static const char fn[] = "nd_histogram";
    if (!a) return nd__null_arg(fn, "a");
    if (bins <= 0)
        return nd__error(ND_ERR_VALUE, fn, "`bins` must be positive, when an integer (got %lld)",
                         (long long)bins);
    if (weights) {
        bool same = weights->ndim == a->ndim;
        for (int d = 0; same && d < a->ndim; d++) same = weights->shape[d] == a->shape[d];
        if (!same) {
            char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
            return nd__error(ND_ERR_SHAPE, fn, "weights should have the same shape as a (%s and %s).",
                             nd__shape_str(s1, sizeof s1, weights->ndim, weights->shape),
                             nd__shape_str(s2, sizeof s2, a->ndim, a->shape));
        }
    }
    /* _get_outer_edges */
    if (lo != 0 || hi != 0) {
        if (lo > hi)
            return nd__error(ND_ERR_VALUE, fn,
                             "max must be larger than min in range parameter (got [%g, %g]).", lo, hi);
        if (!isfinite(lo) || !isfinite(hi))
            return nd__error(ND_ERR_VALUE, fn, "supplied range of [%g, %g] is not finite", lo, hi);
    } else if (a->size == 0) {
        lo = 0;
        hi = 1;
    } else {
        data_range(a, &lo, &hi);
        if (!isfinite(lo) || !isfinite(hi))
            return nd__error(ND_ERR_VALUE, fn, "autodetected range of [%g, %g] is not finite", lo, hi);
    }
    if (lo == hi) {
        lo -= 0.5;
        hi += 0.5;
    }
    /* the edges: np.linspace(lo, hi, bins + 1) in double, then in the
     * edges' dtype, float32 for float32 data and float64 otherwise */
    nd_dtype edt = a->dtype == ND_FLOAT32 ? ND_FLOAT32 : ND_FLOAT64;
    if (bins == INT64_MAX) return nd__error(ND_ERR_OVERFLOW, fn, "too many bins (%lld)", (long long)bins);
    int64_t nedges = bins + 1;
    double *e = nd__ix_alloc(fn, nedges, sizeof(double));
    if (!e) return nd_last_status();
    double delta = hi - lo, step = delta / (double)bins;
    for (int64_t i = 0; i < nedges; i++) {
        double y = step == 0 ? (double)i / (double)bins * delta : (double)i * step;
        e[i] = in_dtype(y + lo, edt);
    }
    e[bins] = in_dtype(hi, edt);

    nd_dtype hdt = weights ? weights->dtype : ND_INT64;
    nd_array *h = nd_zeros(1, &bins, hdt);
    nd_array *ed = h ? nd__alloc_array(fn, 1, &nedges, edt) : NULL;
    double *blk = ed && weights ? nd__ix_alloc(fn, bins, sizeof(double)) : NULL;
    nd_status st = ND_OK;
    if (!ed || (weights && !blk)) {
        st = nd_last_status();
        goto done;
    }
    {
        double norm = (double)bins / delta;
        nd_ix_cursor c, cw;
        nd__ix_cursor_of(&c, a);
        if (weights) {
            nd__ix_cursor_of(&cw, weights);
            memset(blk, 0, sizeof(double) * (size_t)bins);
        }
        int64_t *counts = (int64_t *)h->data;
        for (int64_t j = 0; j < a->size; j++) {
            /* compared in the edges' dtype, as NumPy compares */
            double x = in_dtype(nd__ix_as_f64(a->dtype, c.p), edt);
            if (x >= e[0] && x <= e[bins]) {
                /* a first guess, then the bin whose edges hold x: edges[i]
                 * <= x < edges[i + 1], the last bin closed */
                double f = (x - e[0]) * norm;
                int64_t i = f >= (double)bins ? bins - 1 : (int64_t)f;
                if (i < 0) i = 0;
                while (i > 0 && x < e[i]) i--;
                while (i < bins - 1 && x >= e[i + 1]) i++;
                if (weights) blk[i] += nd__ix_as_f64(weights->dtype, cw.p);
                else counts[i]++;
            }
            nd__ix_cursor_next(&c);
            if (weights) {
                nd__ix_cursor_next(&cw);
                if ((j + 1) % HIST_BLOCK == 0 || j + 1 == a->size) {
                    nd_array *bw = nd_wrap(blk, 1, &bins, NULL, ND_FLOAT64, NULL, NULL);
                    nd_array *bc = bw ? nd_astype(bw, hdt) : NULL;
                    st = bc ? nd_add_out(h, bc, h) : nd_last_status();
                    nd_free(bc);
                    nd_free(bw);
                    if (st != ND_OK) goto done;
                    memset(blk, 0, sizeof(double) * (size_t)bins);
                }
            }
        }
        nd_array *ew = nd_wrap(e, 1, &nedges, NULL, ND_FLOAT64, NULL, NULL);
        st = ew ? nd_copyto(ed, ew) : nd_last_status();
        nd_free(ew);
    }
done:
    nd__ix_free(blk);
    nd__ix_free(e);
    if (st != ND_OK) {
        nd_free(h);
        nd_free(ed);
        return st;
    }
    if (hist) *hist = h;
    else nd_free(h);
    if (edges) *edges = ed;
    else nd_free(ed);
    return ND_OK;
}

nd_status nd_histogram(const nd_array *a,
                       int64_t bins,
                       double lo,
                       double hi,
                       const nd_array *weights,
                       nd_array **hist,
                       nd_array **edges) {
    unsigned long mark = nd__error_mark();
    return nd__relabel_status("nd_histogram", mark, histogram_body(a, bins, lo, hi, weights, hist, edges));
}
