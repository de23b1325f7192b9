/* Binning: digitize, histograms over explicit bin edges, and histograms in
 * several dimensions (histogramdd, histogram2d), each following NumPy
 * 1.24. Values are placed by nd_searchsorted (the promoted dtype of values
 * and edges, NaN after every number), so the bins agree with NumPy's
 * comparisons exactly; counts and weights are then added up here. (The
 * histogram with a number of equal bins is nd_histogram, in search.c.) */
#include "ops/stats_util.h"

#include <math.h>

/* Records fn's error and returns NULL; for the shape checks below. */
static bool shape_error(const char *fn, const char *what, const nd_array *x, const char *need) {
    char s[ND_SHAPE_STR_CAP];
    nd__error(ND_ERR_SHAPE, fn, "%s must be %s (got shape %s)", what, need,
              nd__shape_str(s, sizeof s, x->ndim, x->shape));
    return false;
}

/* An element of a 1-D array as double. */
static double elem_f64(const nd_array *a, int64_t i) {
    return nd__ix_as_f64(a->dtype, a->data + i * a->strides[0] * (int64_t)nd__itemsize(a->dtype));
}

/* ------------------------------------------------------------ digitize */

/* NumPy's check_array_monotonic, on the values as doubles: 1 for
 * increasing (or constant), -1 for decreasing, 0 for neither. */
static int monotonicity(const nd_array *b) {
    int64_t n = b->shape[0], i;
    if (n == 0) return 1;
    double last = elem_f64(b, 0), next;
    for (i = 1; i < n && elem_f64(b, i) == last; i++) {}
    if (i == n) return 1;
    next = elem_f64(b, i);
    if (last < next) {
        for (i++; i < n; i++) {
            last = next;
            next = elem_f64(b, i);
            if (last > next) return 0;
        }
        return 1;
    }
    for (i++; i < n; i++) {
        last = next;
        next = elem_f64(b, i);
        if (last < next) return 0;
    }
    return -1;
}

nd_array *nd_digitize(const nd_array *x, const nd_array *bins, bool right) {
    static const char fn[] = "nd_digitize";
    if (!nd__check_array(fn, "x", x) || !nd__check_array(fn, "bins", bins)) return NULL;
    if (bins->ndim != 1) {
        shape_error(fn, "bins", bins, "1-D");
        return NULL;
    }
    int mono = monotonicity(bins);
    if (mono == 0) {
        nd__error(ND_ERR_VALUE, fn, "bins must be monotonically increasing or decreasing");
        return NULL;
    }
    /* NumPy swaps the side: x falls after the edges equal to it unless right */
    if (mono > 0) {
        nd_array *r = nd_searchsorted(bins, x, !right);
        if (!r) nd__reraise(fn);
        return r;
    }
    nd_array *rev = nd_flip(bins, ND_ALL_AXES, NULL);
    nd_array *r = rev ? nd_searchsorted(rev, x, !right) : NULL;
    nd_free(rev);
    if (!r) {
        nd__reraise(fn);
        return NULL;
    }
    int64_t *p = (int64_t *)r->data, len = bins->shape[0];
    for (int64_t i = 0; i < r->size; i++) p[i] = len - p[i];
    return r;
}

/* ------------------------------------------------------------ helpers for edges */

/* Checks that e is a usable 1-D array of bin edges: at least one, never
 * decreasing (compared in e's dtype, as NumPy compares them). what names it
 * in messages ("`bins`", "`bins[1]`"). */
static bool check_edges(const char *fn, const char *what, const nd_array *e) {
    if (e->ndim != 1) return shape_error(fn, what, e, "1-D, when an array");
    int64_t n = e->shape[0];
    if (n == 0) {
        nd__error(ND_ERR_VALUE, fn, "%s must hold at least one edge, when an array", what);
        return false;
    }
    nd_array *lo = nd_slice_axis(e, 0, 0, n - 1, 1);
    nd_array *hi = lo ? nd_slice_axis(e, 0, 1, ND_NONE, 1) : NULL;
    nd_array *gt = hi ? nd_greater(lo, hi) : NULL;
    nd_array *any = gt ? nd_any(gt, ND_ALL_AXES, NULL, false) : NULL;
    nd_free(gt);
    nd_free(hi);
    nd_free(lo);
    if (!any) {
        nd__reraise(fn);
        return false;
    }
    bool bad = *(const uint8_t *)any->data != 0;
    nd_free(any);
    if (bad) nd__error(ND_ERR_VALUE, fn, "%s must be monotonically increasing, when an array", what);
    return !bad;
}

/* For each value of v (C order): the bin of edges e it falls in, 0 to
 * len(e) - 2, or -1 outside. A value equal to the last edge goes to the
 * last bin (NumPy's closed last bin); NaN is outside. bins receives v's
 * size entries. */
static bool find_bins(const char *fn, const nd_array *e, const nd_array *v, int64_t *bins) {
    int64_t ne = e->shape[0], nb = ne - 1;
    nd_array *pos = nd_searchsorted(e, v, true);
    nd_array *last = pos ? nd_index(e, 0, ne - 1) : NULL;
    nd_array *eq = last ? nd_equal(v, last) : NULL;
    nd_free(last);
    if (!eq) {
        nd_free(pos);
        nd__reraise(fn);
        return false;
    }
    const int64_t *p = (const int64_t *)pos->data;
    const uint8_t *q = (const uint8_t *)eq->data;
    for (int64_t j = 0; j < pos->size; j++) {
        int64_t b = p[j] - (int64_t)q[j] - 1;
        bins[j] = b >= 0 && b < nb ? b : -1;
    }
    nd_free(eq);
    nd_free(pos);
    return true;
}

/* ------------------------------------------------------------ histogram with edges */

nd_array *nd_histogram_edges(const nd_array *a, const nd_array *edges, const nd_array *weights,
                             bool density) {
    static const char fn[] = "nd_histogram_edges";
    if (!nd__check_array(fn, "a", a) || !nd__check_array(fn, "edges", edges)) return NULL;
    if (!check_edges(fn, "`bins`", edges)) return NULL;
    if (weights) {
        bool same = weights->ndim == a->ndim;
        for (int d = 0; same && d < a->ndim; d++) same = weights->shape[d] == a->shape[d];
        if (!same) {
            char s1[ND_SHAPE_STR_CAP], s2[ND_SHAPE_STR_CAP];
            nd__error(ND_ERR_SHAPE, fn, "weights should have the same shape as a (%s and %s).",
                      nd__shape_str(s1, sizeof s1, weights->ndim, weights->shape),
                      nd__shape_str(s2, sizeof s2, a->ndim, a->shape));
            return NULL;
        }
        if (weights->dtype == ND_BOOL) {
            nd__error(ND_ERR_DTYPE, fn, "bool weights are not supported (NumPy cannot add their cumulative "
                      "sums in bool either)");
            return NULL;
        }
    }
    int64_t nb = edges->shape[0] - 1;
    nd_dtype wdt = !weights ? ND_INT64 : nd__kind(weights->dtype) == ND_KIND_FLOAT ? ND_FLOAT64
                 : nd__kind(weights->dtype) == ND_KIND_UINT                   ? ND_UINT64
                                                                               : ND_INT64;
    /* sums in a wide dtype (float64, or integers wrapping in 64 bits), then
     * converted to the weights' dtype, which wraps integers as NumPy's
     * additions in that dtype do */
    int64_t *bins = nd__ix_alloc(fn, a->size, sizeof(int64_t));
    nd_array *acc = bins ? nd_zeros(1, &nb, wdt) : NULL;
    nd_array *wc = acc && weights ? nd_astype(weights, wdt) : NULL;
    nd_array *hist = NULL;
    if (!acc || (weights && !wc)) goto fail;
    if (!find_bins(fn, edges, a, bins)) goto fail;
    for (int64_t j = 0; j < a->size; j++) {
        int64_t b = bins[j];
        if (b < 0) continue;
        if (wdt == ND_FLOAT64) ((double *)acc->data)[b] += weights ? ((const double *)wc->data)[j] : 1;
        else ((uint64_t *)acc->data)[b] += weights ? ((const uint64_t *)wc->data)[j] : 1;
    }
    nd__ix_free(bins);
    bins = NULL;
    nd_free(wc);
    wc = NULL;
    hist = weights && weights->dtype != wdt ? nd_astype(acc, weights->dtype) : acc;
    if (hist != acc) nd_free(acc);
    acc = NULL;
    if (!hist) goto fail;
    if (density) {
        /* n / db / n.sum(), db the widths in float64 */
        nd_array *db = nd_diff(edges, 1, 0);
        nd_array *dbf = db ? nd_astype(db, ND_FLOAT64) : NULL;
        nd_array *t = dbf ? nd_divide(hist, dbf) : NULL;
        nd_array *s = t ? nd_sum(hist, ND_ALL_AXES, NULL, false) : NULL;
        nd_array *r = s ? nd_divide(t, s) : NULL;
        nd_free(s);
        nd_free(t);
        nd_free(dbf);
        nd_free(db);
        nd_free(hist);
        hist = r;
        if (!hist) goto fail;
    }
    return hist;
fail:
    nd__reraise(fn);
    nd__ix_free(bins);
    nd_free(acc);
    nd_free(wc);
    return NULL;
}

/* ------------------------------------------------------------ histogramdd */

/* NumPy's _get_outer_edges then np.linspace(lo, hi, count + 1), for one
 * column of the samples, all in float64 (NumPy's float32 scalars become
 * float64 in both steps). */
static nd_array *count_edges(const char *fn, int dim, const nd_array *col, int64_t count,
                             const double *range) {
    double lo = range ? range[0] : 0, hi = range ? range[1] : 0;
    if (lo != 0 || hi != 0) {
        if (lo > hi) {
            nd__error(ND_ERR_VALUE, fn, "max must be larger than min in range parameter (dimension %d: [%g, %g]).",
                      dim, lo, hi);
            return NULL;
        }
        if (!isfinite(lo) || !isfinite(hi)) {
            nd__error(ND_ERR_VALUE, fn, "supplied range of [%g, %g] is not finite (dimension %d)", lo, hi, dim);
            return NULL;
        }
    } else if (col->shape[0] == 0) {
        lo = 0;
        hi = 1;
    } else {
        lo = INFINITY;
        hi = -INFINITY;
        for (int64_t i = 0; i < col->shape[0]; i++) {
            double x = elem_f64(col, i);
            if (isnan(x)) {
                lo = hi = NAN;
                break;
            }
            if (x < lo) lo = x;
            if (x > hi) hi = x;
        }
        if (!isfinite(lo) || !isfinite(hi)) {
            nd__error(ND_ERR_VALUE, fn, "autodetected range of [%g, %g] is not finite (dimension %d)", lo, hi,
                      dim);
            return NULL;
        }
    }
    if (lo == hi) {
        lo -= 0.5;
        hi += 0.5;
    }
    if (count == INT64_MAX) {
        nd__error(ND_ERR_OVERFLOW, fn, "too many bins (%lld) in dimension %d", (long long)count, dim);
        return NULL;
    }
    nd_array *e = nd_linspace(lo, hi, count + 1, true, ND_FLOAT64);
    if (!e) nd__reraise(fn);
    return e;
}

/* The D edge arrays of a histogramdd call, each new. */
static bool make_edges(const char *fn, const nd_array *s, int D, const int64_t *bins,
                       const nd_array *const *bin_edges, const double *range, nd_array **e) {
    for (int i = 0; i < D; i++) e[i] = NULL;
    for (int i = 0; i < D; i++) {
        const nd_array *given = bin_edges ? bin_edges[i] : NULL;
        if (given) {
            char what[32];
            snprintf(what, sizeof what, "`bins[%d]`", i);
            if (!check_edges(fn, what, given)) goto fail;
            if (!(e[i] = nd_copy(given))) goto fail_inner;
            continue;
        }
        int64_t count = bins ? bins[i] : 10;
        if (count < 1) {
            nd__error(ND_ERR_VALUE, fn, "`bins[%d]` must be positive, when an integer (got %lld)", i,
                      (long long)count);
            goto fail;
        }
        nd_array *col = nd_index(s, 1, i);
        if (!col) goto fail_inner;
        e[i] = count_edges(fn, i, col, count, range ? range + 2 * i : NULL);
        nd_free(col);
        if (!e[i]) goto fail;
    }
    return true;
fail_inner:
    nd__reraise(fn);
fail:
    for (int i = 0; i < D; i++) nd_free(e[i]);
    return false;
}

/* The histogram of the (N, D) samples s over the edges e, as float64 of
 * shape (len(e[i]) - 1 for each i). */
static nd_array *fill(const char *fn, const nd_array *s, int D, nd_array *const *e,
                      const nd_array *weights) {
    int64_t N = s->shape[0], shape[ND_MAX_DIMS];
    for (int i = 0; i < D; i++) shape[i] = e[i]->shape[0] - 1;
    nd_array *h = nd_zeros(D, shape, ND_FLOAT64);
    int64_t *flat = h ? nd__ix_alloc(fn, N, sizeof(int64_t)) : NULL;
    int64_t *b = flat ? nd__ix_alloc(fn, N, sizeof(int64_t)) : NULL;
    nd_array *w = b && weights ? nd_astype(weights, ND_FLOAT64) : NULL;
    if (!b || (weights && !w)) goto fail;
    memset(flat, 0, sizeof(int64_t) * (size_t)N);
    for (int i = 0; i < D; i++) {
        nd_array *col = nd_index(s, 1, i);
        bool ok = col && find_bins(fn, e[i], col, b);
        nd_free(col);
        if (!ok) goto fail;
        for (int64_t j = 0; j < N; j++)
            flat[j] = flat[j] < 0 || b[j] < 0 ? -1 : flat[j] * shape[i] + b[j];
    }
    double *hv = (double *)h->data;
    for (int64_t j = 0; j < N; j++)
        if (flat[j] >= 0) hv[flat[j]] += w ? ((const double *)w->data)[j] : 1;
    nd_free(w);
    nd__ix_free(b);
    nd__ix_free(flat);
    return h;
fail:
    nd__reraise(fn);
    nd_free(w);
    nd__ix_free(b);
    nd__ix_free(flat);
    nd_free(h);
    return NULL;
}

/* hist / (bin widths along each dimension) / hist.sum(), as NumPy. */
static nd_array *to_density(const char *fn, nd_array *h, int D, nd_array *const *e) {
    nd_array *s = nd_sum(h, ND_ALL_AXES, NULL, false);
    if (!s) goto fail;
    for (int i = 0; i < D && h; i++) {
        int64_t shape[ND_MAX_DIMS];
        for (int k = 0; k < D; k++) shape[k] = k == i ? h->shape[i] : 1;
        nd_array *de = nd_diff(e[i], 1, 0);
        nd_array *dr = de ? nd_reshape(de, D, shape) : NULL;
        nd_array *next = dr ? nd_divide(h, dr) : NULL;
        nd_free(dr);
        nd_free(de);
        nd_free(h);
        h = next;
    }
    if (!h || nd_divide_out(h, s, h) != ND_OK) goto fail;
    nd_free(s);
    return h;
fail:
    nd__reraise(fn);
    nd_free(s);
    nd_free(h);
    return NULL;
}

/* histogramdd on samples s, already (N, D). */
static nd_status histdd(const char *fn, const nd_array *s, const int64_t *bins,
                        const nd_array *const *bin_edges, const double *range, bool density,
                        const nd_array *weights, nd_array **hist, nd_array **edges) {
    int64_t N = s->shape[0], Dl = s->shape[1];
    if (Dl < 1 || Dl > ND_MAX_DIMS)
        return nd__error(ND_ERR_VALUE, fn, "the samples must have 1 to %d dimensions (got %lld)", ND_MAX_DIMS,
                         (long long)Dl);
    int D = (int)Dl;
    if (weights && (weights->ndim != 1 || weights->shape[0] != N)) {
        char s1[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_SHAPE, fn, "weights must be 1-D with one weight per sample (%lld), got shape %s",
                         (long long)N, nd__shape_str(s1, sizeof s1, weights->ndim, weights->shape));
    }
    /* the histogram's size, before any edges are made */
    int64_t hshape[ND_MAX_DIMS];
    for (int i = 0; i < D; i++) {
        const nd_array *given = bin_edges ? bin_edges[i] : NULL;
        hshape[i] = given ? (given->ndim == 1 && given->shape[0] > 0 ? given->shape[0] - 1 : 0)
                          : (bins ? (bins[i] > 0 ? bins[i] : 0) : 10);
    }
    if (nd__checked_size(D, hshape, sizeof(double)) < 0) {
        char sh[ND_SHAPE_STR_CAP];
        return nd__error(ND_ERR_OVERFLOW, fn, "the histogram's size overflows (shape %s)",
                         nd__shape_str(sh, sizeof sh, D, hshape));
    }
    nd_array *e[ND_MAX_DIMS];
    if (!make_edges(fn, s, D, bins, bin_edges, range, e)) return nd_last_status();
    nd_array *h = fill(fn, s, D, e, weights);
    if (h && density) h = to_density(fn, h, D, e);
    if (!h) {
        for (int i = 0; i < D; i++) nd_free(e[i]);
        return nd_last_status();
    }
    if (hist) *hist = h;
    else nd_free(h);
    for (int i = 0; i < D; i++) {
        if (edges) edges[i] = e[i];
        else nd_free(e[i]);
    }
    return ND_OK;
}

nd_status nd_histogramdd(const nd_array *sample, const int64_t *bins, const nd_array *const *bin_edges,
                         const double *range, bool density, const nd_array *weights, nd_array **hist,
                         nd_array **edges) {
    static const char fn[] = "nd_histogramdd";
    if (!sample) return nd__null_arg(fn, "sample");
    if (sample->ndim > 2) {
        shape_error(fn, "sample", sample, "(N, D), 1-D or 0-d");
        return ND_ERR_SHAPE;
    }
    /* a 1-D sample is N samples of one dimension, a 0-d one a single one */
    int64_t shape[2] = {sample->ndim == 0 ? 1 : sample->shape[0], 1};
    nd_array *s = sample->ndim == 2 ? nd_reshape(sample, 2, sample->shape) : nd_reshape(sample, 2, shape);
    if (!s) return nd__reraise(fn);
    nd_status st = histdd(fn, s, bins, bin_edges, range, density, weights, hist, edges);
    nd_free(s);
    return st;
}

nd_status nd_histogram2d(const nd_array *x, const nd_array *y, const int64_t *bins,
                         const nd_array *const *bin_edges, const double *range, bool density,
                         const nd_array *weights, nd_array **hist, nd_array **xedges, nd_array **yedges) {
    static const char fn[] = "nd_histogram2d";
    if (!x) return nd__null_arg(fn, "x");
    if (!y) return nd__null_arg(fn, "y");
    if (x->ndim != 1) return shape_error(fn, "x", x, "1-D"), ND_ERR_SHAPE;
    if (y->ndim != 1) return shape_error(fn, "y", y, "1-D"), ND_ERR_SHAPE;
    if (x->shape[0] != y->shape[0])
        return nd__error(ND_ERR_SHAPE, fn, "x and y must have the same length (%lld and %lld)",
                         (long long)x->shape[0], (long long)y->shape[0]);
    const nd_array *xy[2] = {x, y};
    nd_array *s = nd_stack(2, xy, 1);
    if (!s) return nd__reraise(fn);
    nd_array *e[2];
    nd_status st = histdd(fn, s, bins, bin_edges, range, density, weights, hist, e);
    nd_free(s);
    if (st != ND_OK) return st;
    if (xedges) *xedges = e[0];
    else nd_free(e[0]);
    if (yedges) *yedges = e[1];
    else nd_free(e[1]);
    return ND_OK;
}
