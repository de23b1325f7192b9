/* Two-dimensional helpers: flipud and fliplr (views through nd_flip), diag
 * and diagflat (a zero matrix with values on one diagonal, or a diagonal
 * view), and the row/column indices of the triangles of a matrix, counted
 * in closed form so that huge empty triangles cost nothing. */
#include "ops/manip_util.h"

/* ------------------------------------------------------------ flips */

static nd_array *flip_axis(const char *fn, const nd_array *a, int axis, const char *need) {
    if (!a) {
        nd__null_arg(fn, "a");
        return NULL;
    }
    if (a->ndim <= axis) {
        nd__error(ND_ERR_VALUE, fn, "Input must be >= %s-d (got %d dimensions).", need, a->ndim);
        return NULL;
    }
    nd_array *r = nd_flip(a, 1, &axis);
    if (!r) nd__reraise(fn);
    return r;
}

nd_array *nd_flipud(const nd_array *a) { return flip_axis("nd_flipud", a, 0, "1"); }
nd_array *nd_fliplr(const nd_array *a) { return flip_axis("nd_fliplr", a, 1, "2"); }

/* ------------------------------------------------------------ diag, diagflat */

/* A new (N + |k|)^2 zero matrix of v's dtype with v's elements (C order) on
 * diagonal k. */
static nd_array *with_diagonal(const char *fn, const nd_array *v, int64_t k) {
    int64_t n = v->size, m;
    if (k == INT64_MIN || nd__add_overflow(n, k < 0 ? -k : k, &m)) {
        nd__error(ND_ERR_OVERFLOW, fn, "the size of a matrix with %lld values on diagonal %lld overflows",
                  (long long)n, (long long)k);
        return NULL;
    }
    int64_t shape[2] = {m, m};
    nd_array *r = nd__alloc_array(fn, 2, shape, v->dtype);
    if (!r) return NULL;
    size_t isz = nd__itemsize(v->dtype);
    memset(r->data, 0, (size_t)r->size * isz); /* all-zero bytes are 0, false and +0.0 */
    if (n == 0) return r;
    /* the diagonal, shaped like v: element i of v (C order) at i * (m + 1) */
    int64_t strides[ND_MAX_DIMS], at = k >= 0 ? k : -k * m;
    nd__c_strides(v->ndim, v->shape, strides);
    for (int d = 0; d < v->ndim; d++) strides[d] *= m + 1;
    nd_array dst;
    nd__temp_view(&dst, r, r->data + at * (int64_t)isz, v->ndim, v->shape, strides);
    if (nd__assign(fn, &dst, v) != ND_OK) {
        nd_free(r);
        return NULL;
    }
    return r;
}

nd_array *nd_diag(const nd_array *v, int64_t k) {
    static const char fn[] = "nd_diag";
    if (!v) {
        nd__null_arg(fn, "v");
        return NULL;
    }
    if (v->ndim == 1) return with_diagonal(fn, v, k);
    if (v->ndim != 2) {
        nd__error(ND_ERR_VALUE, fn, "Input must be 1- or 2-d (got %d dimensions).", v->ndim);
        return NULL;
    }
    nd_array *r = nd_diagonal(v, k, 0, 1);
    if (!r) nd__reraise(fn);
    return r;
}

nd_array *nd_diagflat(const nd_array *v, int64_t k) {
    static const char fn[] = "nd_diagflat";
    if (!v) {
        nd__null_arg(fn, "v");
        return NULL;
    }
    return with_diagonal(fn, v, k);
}

/* ------------------------------------------------------------ triangle indices */

/* Row i of an n x m matrix holds the columns [lo(i), hi(i)) of the
 * triangle: for the lower one j <= i + k, for the upper one j >= i + k. */
static int64_t clamp64(__int128 v, int64_t lo, int64_t hi) {
    return v < lo ? lo : v > hi ? hi : (int64_t)v;
}
static void row_span(bool lower, int64_t i, int64_t k, int64_t m, int64_t *lo, int64_t *hi) {
    __int128 edge = (__int128)i + k;
    *lo = lower ? 0 : clamp64(edge, 0, m);
    *hi = lower ? clamp64(edge + 1, 0, m) : m;
}

/* The sum over rows i < n of clamp(i + c, 0, m), in closed form: the rows
 * where i + c lies in (0, m) form an arithmetic series, those from m on add
 * m each. Callers have checked that n * m fits, so the sum does too. */
static int64_t clamp_sum(int64_t n, __int128 c, int64_t m) {
    if (n == 0) return 0;
    __int128 a = c, b = c + n - 1, total = 0;
    __int128 p = a > 1 ? a : 1, q = b < (__int128)m - 1 ? b : (__int128)m - 1;
    if (p <= q) total += (p + q) * (q - p + 1) / 2;
    __int128 f = a > m ? a : m;
    if (f <= b) total += (b - f + 1) * m;
    return (int64_t)total;
}

/* The number of positions in the triangle. */
static int64_t tri_count(bool lower, int64_t n, int64_t k, int64_t m) {
    return lower ? clamp_sum(n, (__int128)k + 1, m) : n * m - clamp_sum(n, k, m);
}

static nd_status tri_indices(const char *fn, bool lower, int64_t n, int64_t k, int64_t m, nd_array **rows,
                             nd_array **cols) {
    if (!rows) return nd__null_arg(fn, "rows");
    if (!cols) return nd__null_arg(fn, "cols");
    if (m < 0) m = n;
    if (n < 0) return nd__error(ND_ERR_VALUE, fn, "negative dimensions are not allowed (n is %lld)", (long long)n);
    int64_t nm;
    if (nd__mul_overflow(n, m, &nm))
        return nd__error(ND_ERR_OVERFLOW, fn, "a %lld x %lld matrix is too large", (long long)n, (long long)m);
    int64_t cnt = tri_count(lower, n, k, m);
    nd_array *r = nd__alloc_array(fn, 1, &cnt, ND_INT64);
    nd_array *c = r ? nd__alloc_array(fn, 1, &cnt, ND_INT64) : NULL;
    if (!c) {
        nd_free(r);
        return nd_last_status();
    }
    int64_t *ri = (int64_t *)r->data, *ci = (int64_t *)c->data, o = 0;
    /* rows outside [first, last) are empty: skip them without a visit */
    int64_t first = 0, last = n;
    if (lower && k < 0) first = clamp64(-(__int128)k, 0, n);
    if (!lower) last = clamp64((__int128)m - k, 0, n);
    for (int64_t i = first; i < last && o < cnt; i++) {
        int64_t lo, hi;
        row_span(lower, i, k, m, &lo, &hi);
        for (int64_t j = lo; j < hi; j++) ri[o] = i, ci[o++] = j;
    }
    *rows = r;
    *cols = c;
    return ND_OK;
}

nd_status nd_tril_indices(int64_t n, int64_t k, int64_t m, nd_array **rows, nd_array **cols) {
    return tri_indices("nd_tril_indices", true, n, k, m, rows, cols);
}

nd_status nd_triu_indices(int64_t n, int64_t k, int64_t m, nd_array **rows, nd_array **cols) {
    return tri_indices("nd_triu_indices", false, n, k, m, rows, cols);
}
