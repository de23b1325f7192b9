/* np.polyfit: the least-squares polynomial fit as NumPy computes it: the
 * Vandermonde matrix (powers by repeated multiplication, highest first),
 * rows weighted, columns scaled to unit norm, nd_linalg_lstsq with rcond =
 * len(x) * eps(x's float dtype), and the solution divided by the scales.
 * Everything is computed in float64, as NumPy does (its Vandermonde matrix
 * is float64 whatever x's dtype). */
#include "core/core.h"

#include <float.h>
#include <math.h>

/* A float64 C-contiguous copy of a, restated as fn's on failure. */
static nd_array *f64(const char *fn, const nd_array *a) {
    nd_array *r = nd_astype(a, ND_FLOAT64);
    if (!r) nd__reraise(fn);
    return r;
}

nd_array *nd_polyfit(const nd_array *x, const nd_array *y, int deg, const nd_array *w) {
    static const char fn[] = "nd_polyfit";
    if (!x) {
        nd__null_arg(fn, "x");
        return NULL;
    }
    if (!y) {
        nd__null_arg(fn, "y");
        return NULL;
    }
    if (deg < 0) {
        nd__error(ND_ERR_VALUE, fn, "expected deg >= 0 (got %d)", deg);
        return NULL;
    }
    if (x->ndim != 1) {
        nd__error(ND_ERR_SHAPE, fn, "expected 1D vector for x (got %d dimensions)", x->ndim);
        return NULL;
    }
    if (x->size == 0) {
        nd__error(ND_ERR_VALUE, fn, "expected non-empty vector for x");
        return NULL;
    }
    if (y->ndim < 1 || y->ndim > 2) {
        nd__error(ND_ERR_SHAPE, fn, "expected 1D or 2D array for y (got %d dimensions)", y->ndim);
        return NULL;
    }
    int64_t m = x->shape[0], order = (int64_t)deg + 1;
    if (y->shape[0] != m) {
        nd__error(ND_ERR_SHAPE, fn, "expected x and y to have same length (%lld and %lld)", (long long)m,
                  (long long)y->shape[0]);
        return NULL;
    }
    if (w && (w->ndim != 1 || w->shape[0] != m)) {
        nd__error(ND_ERR_SHAPE, fn, "expected a 1-d array of length %lld for weights (got %d-D, length %lld)",
                  (long long)m, w->ndim, (long long)(w->ndim ? w->shape[0] : 1));
        return NULL;
    }
    int64_t k = y->ndim == 2 ? y->shape[1] : 1;
    double rcond = (double)m * (x->dtype == ND_FLOAT32 ? FLT_EPSILON : DBL_EPSILON);
    int64_t vshape[2] = {m, order};
    nd_array *xc = f64(fn, x), *rhs = xc ? f64(fn, y) : NULL, *wc = NULL, *lhs = NULL, *c = NULL, *r = NULL;
    double *scale = NULL;
    if (!rhs || (w && !(wc = f64(fn, w)))) goto done;
    if (!(lhs = nd__alloc_array(fn, 2, vshape, ND_FLOAT64))) goto done;
    if (!(scale = nd__alloc(sizeof(double) * (size_t)order, 64))) {
        nd__error(ND_ERR_NOMEM, fn, "out of memory allocating %lld scales", (long long)order);
        goto done;
    }
    const double *xv = (const double *)xc->data, *wv = wc ? (const double *)wc->data : NULL;
    double *v = (double *)lhs->data, *b = (double *)rhs->data;
    for (int64_t i = 0; i < m; i++) { /* row i: x^deg, ..., x, 1 (times w[i]) */
        double *row = v + i * order, pw = 1;
        row[order - 1] = 1;
        for (int64_t j = order - 2; j >= 0; j--) row[j] = pw *= xv[i];
        if (wv) {
            for (int64_t j = 0; j < order; j++) row[j] *= wv[i];
            for (int64_t j = 0; j < k; j++) b[i * k + j] *= wv[i];
        }
    }
    for (int64_t j = 0; j < order; j++) scale[j] = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < order; j++) scale[j] += v[i * order + j] * v[i * order + j];
    for (int64_t j = 0; j < order; j++) scale[j] = sqrt(scale[j]);
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < order; j++) v[i * order + j] /= scale[j];
    if (nd_linalg_lstsq(lhs, rhs, rcond, &c, NULL, NULL, NULL) != ND_OK) {
        nd__reraise(fn);
        goto done;
    }
    double *cv = (double *)c->data; /* (order,) or (order, k), C-contiguous */
    for (int64_t j = 0; j < order; j++)
        for (int64_t t = 0; t < k; t++) cv[j * k + t] /= scale[j];
    r = c;
    c = NULL;
done:
    if (scale) nd__dealloc(scale);
    nd_free(c);
    nd_free(lhs);
    nd_free(wc);
    nd_free(rhs);
    nd_free(xc);
    return r;
}
